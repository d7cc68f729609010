"""``publish``, ``status``, ``archive``, ``skicka`` and ``subscribers``: the command line's side
(the work is pressrum/publish/commands.py's and pressrum.mail's)."""
from __future__ import annotations

import os
import signal
import sys
import threading
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from .cli import EXIT_OK, _report
from .cli_build import PROJECT, _guard_out, _options, _pool, build
from .cli_messages import _waiting_in_build
from .cli_parser import STOCKHOLM, UsageError
from .errors import for_terminal


def _publishing(args) -> int:
    """``publish``, ``status`` and ``archive list`` (the work is pressrum/publish/commands.py's)."""
    from .publish import commands

    def say(text: str) -> None:
        print(for_terminal(text), flush=True)

    try:
        where = commands.where(args.content, args.to, args.endpoint_url, os.environ)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.command == "archive":
        for line in commands.archive_list(where):
            say(line)
        return EXIT_OK
    options = replace(_options(args, "releases"), out=where.site)
    if args.command == "status":
        from . import pipeline

        waiting = pipeline.check(options, _pool(options)).waiting
        line = _waiting_in_build(waiting, 0)[2:] or "inget väntar på publicering"
        for text in commands.status(where, line):
            say(text)
        return EXIT_OK
    stop = threading.Event()
    if args.watch and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
    fixed = args.now
    commands.publish(where, options, build, dry_run=args.dry_run, watching=args.watch, environ=os.environ,
                     clock=(lambda: fixed) if fixed else (lambda: datetime.now(STOCKHOLM)), stop=stop,
                     say=say, say_problems=lambda exc: _report(exc.problems))
    return EXIT_OK


def _mail(args) -> int:
    """``skicka`` and ``subscribers …``: the work is pressrum.mail's; the printing is here."""
    from .mail import commands

    def say(text: str) -> None:
        print(for_terminal(text), file=sys.stderr, flush=True)

    now = datetime.now(STOCKHOLM)
    if args.command == "skicka":
        options = _options(args, "releases")
        _guard_out(options)
        lines = commands.send(options, os.environ, args.dry_run, say, build)
    elif args.action == "add":
        lines = commands.add(os.environ, args.address, args.lists, now, tuple(args.kinds), _release_kinds())
    elif args.action == "import":
        lines = commands.import_csv(os.environ, args.file, now, _release_kinds())
    elif args.action == "remove":
        lines = commands.remove(os.environ, args.address, now)
    elif args.action == "list":
        lines = commands.show(os.environ)
    else:
        from .mail.signup import serve_signup
        return serve_signup(args.content, args.port, os.environ, say, _release_kinds())
    for line in lines:
        print(for_terminal(line))
    return EXIT_OK


def _release_kinds() -> tuple[str, ...]:
    """The release kinds a subscription can be for: the folders of templates/releases/ (the
    templates beside the working folder, as a build takes them, else the package's)."""
    templates = Path("templates") if Path("templates").is_dir() else PROJECT / "templates"
    return tuple(sorted(p.name for p in (templates / "releases").iterdir() if p.is_dir()))
