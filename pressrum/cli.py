"""The command line: ``python build.py [build|check|schema|serve] …``.

The only place that prints problems and chooses exit codes: 0 success, 1 content or
template problems, 2 a usage error. Everything the user reads is Swedish, and no traceback
ever reaches the terminal.
"""
from __future__ import annotations

import argparse
import errno
import json
import os
import re
import signal
import sys
import threading
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from . import sv
from .errors import BuildFailed, for_terminal, json_for_terminal, summary, translate
from .options import Options, default_bytecode_dir, default_cache_home
from .pool import WorkerLost

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PROJECT = Path(__file__).resolve().parent.parent

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

_ARGPARSE_SV = (
    (r"unrecognized arguments: (.*)", r"okända argument: \1"),
    (r"argument (\S+): expected one argument", r"\1 behöver ett värde"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"\1: ogiltigt val \2 (välj bland \3)"),
    (r"argument (\S+): invalid (\S+) value: (.*)", r"\1: ogiltigt värde \3"),
    (r"the following arguments are required: (.*)", r"dessa argument saknas: \1"),
    (r"argument (\S+): (.+)", r"\1: \2"),  # an ArgumentTypeError of ours, already Swedish
)


class UsageError(Exception):
    pass


class RefusedFolder(UsageError):
    """An output folder Pressrum will not write into: not a mistake in the command's spelling, so
    it is said on its own, without "fel i kommandot" and the pointer to --help."""


def _usage_text(exc: UsageError) -> str:
    """The line for a usage error. A message that has its fix after a dash gets the pointer to
    --help in brackets, never as a second dash clause."""
    if isinstance(exc, RefusedFolder):
        return str(exc)
    text = str(exc)
    return f"fel i kommandot: {text} " + ("(se python build.py --help)" if " – " in text else "– se python build.py --help")


class _Parser(argparse.ArgumentParser):
    """argparse with Swedish errors (exit 2) and Swedish headings."""

    def error(self, message):
        raise UsageError(translate(message, _ARGPARSE_SV, re.DOTALL) or message)  # a value may hold a newline

    def format_help(self):
        text = super().format_help()
        return (text.replace("usage:", "användning:").replace("options:", "flaggor:")
                .replace("positional arguments:", "kommandon:").replace("show this help message and exit", "visa den här hjälpen"))


def _when(text: str) -> datetime:
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' är ingen tidpunkt – skriv datum och klockslag, till exempel "
                                         "--now 2021-05-17T10:00") from None
    return dt.replace(tzinfo=STOCKHOLM) if dt.tzinfo is None else dt


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:  # 0: any free port
        raise argparse.ArgumentTypeError(f"porten ska vara ett heltal från 0 till 65535, inte '{text}'")
    return int(text)


def _parser(command: str | None = None) -> _Parser:
    """The command line's parser. Every command is listed, but only ``command``'s arguments are
    declared (all of them when it is None: ``--help``, or a word that is no command): a build
    with nothing to do takes little longer than declaring every command's arguments."""
    p = _Parser(prog="python build.py", description="Pressrum: pressmeddelanden, nyhetsrum och flöden från fakta i YAML.")
    sub = p.add_subparsers(dest="command", metavar="{" + ",".join(_COMMANDS) + "}", parser_class=_Parser)
    every = command not in _COMMANDS
    for name, (text, declare) in _COMMANDS.items():
        parser = sub.add_parser(name, help=text)
        if every or name == command:
            declare(parser)
    return p


def _common(sp) -> None:
    sp.add_argument("--content", type=Path, default=Path("content"), metavar="MAPP", help="mappen med innehåll (standard: content)")
    sp.add_argument("--templates", type=Path, default=None, metavar="MAPP", help="mappen med mallar (standard: templates)")
    sp.add_argument("--now", type=_when, default=None, metavar="ISO-TID",
                    help="bygg som om klockan vore denna tid, till exempel 2021-05-17T10:00 (svensk tid)")


def _target(sp) -> None:
    sp.add_argument("--to", default=None, metavar="MÅL",
                    help="en mapp, ssh://användare@värd[:port]/sökväg eller s3://hink/prefix (standard: pressrum.toml)")
    sp.add_argument("--endpoint-url", default=None, metavar="URL", help="adressen till en S3-kompatibel lagring")


def _build_arguments(b) -> None:
    _common(b)
    b.add_argument("--out", type=Path, default=None, metavar="MAPP",
                   help="mappen där nyhetsrummet skrivs (standard: releases bredvid innehållsmappen, eller preview med --drafts)")
    b.add_argument("--drafts", action="store_true", help="ta med opublicerade pressmeddelanden som utkast (skrivs till preview/)")
    b.add_argument("--unpublish", action="store_true",
                   help="tillåt att pressmeddelanden som ett tidigare bygge publicerade tas bort ur mappen")


def _check_arguments(c) -> None:
    _common(c)
    c.add_argument("--format", choices=("text", "json"), default="text", help="utdata som text eller json")


def _schema_arguments(s) -> None:
    s.add_argument("--out", type=Path, default=None, metavar="MAPP", help="mapp för schemafilerna (standard: skriv till skärmen)")


def _serve_arguments(v) -> None:
    _common(v)
    v.add_argument("--port", type=_port, default=8000, help="port, 0–65535, där 0 är en ledig port (standard: 8000)")
    v.add_argument("--out", type=Path, default=None, metavar="MAPP", help="mapp för förhandsgranskningen (standard: preview)")


def _publish_arguments(pu) -> None:
    _common(pu)
    _target(pu)
    pu.add_argument("--dry-run", action="store_true", help="säg vad som skulle skickas och meddelas, utan att göra det")
    pu.add_argument("--watch", action="store_true", help="fortsätt köra: publicera vid varje pressmeddelandes tid")


def _status_arguments(st) -> None:
    _common(st)
    _target(st)


def _archive_arguments(ar) -> None:
    ar.add_argument("action", choices=("list",), help="list: visa arkivets versioner")
    _common(ar)
    _target(ar)


def _send_arguments(k) -> None:
    _common(k)
    k.add_argument("--out", type=Path, default=None, metavar="MAPP",
                   help="mappen där nyhetsrummet skrivs (standard: releases bredvid innehållsmappen)")
    k.add_argument("--dry-run", action="store_true",
                   help="skriv meddelandena som .eml-filer i mappen utskick (eller PRESSRUM_DRY_RUN_DIR) i stället för att skicka")


def _subscriber_parsers(parent) -> None:
    sub = parent.add_subparsers(dest="action", metavar="{add,import,remove,list,serve}", parser_class=_Parser,
                                required=True)
    a = sub.add_parser("add", help="lägg till en adress på en eller flera listor")
    a.add_argument("address", metavar="ADRESS", help="e-postadressen")
    a.add_argument("--list", dest="lists", action="append", required=True, metavar="LISTA",
                   help="nationellt eller ett läns namn i adressform, till exempel skane (kan upprepas)")
    a.add_argument("--typ", dest="kinds", action="append", default=[], metavar="TYP",
                   help="bara pressmeddelanden av den här typen på listorna, till exempel beslut eller ansokningar "
                        "(kan upprepas; standard: alla typer)")
    i = sub.add_parser("import", help="importera prenumeranter från en CSV-fil sparad från Excel")
    i.add_argument("file", type=Path, metavar="FIL.csv", help="kolumnerna e-post;listor och gärna samtycke och typer")
    r = sub.add_parser("remove", help="ta bort en adress från alla listor")
    r.add_argument("address", metavar="ADRESS", help="e-postadressen")
    sub.add_parser("list", help="visa alla prenumeranter med listor och samtycke")
    s = sub.add_parser("serve", help="kör anmälnings- och avregistreringssidan (WSGI) på 127.0.0.1")
    s.add_argument("--content", type=Path, default=Path("content"), metavar="MAPP", help="mappen med innehåll (standard: content)")
    s.add_argument("--port", type=_port, default=8025, help="port, där 0 är en ledig port (standard: 8025)")


# Each command, in the order the help lists them: its help and what declares its arguments (see _parser).
_COMMANDS = {
    "build": ("bygg nyhetsrummet (standard)", _build_arguments),
    "check": ("kontrollera innehållet utan att skriva något", _check_arguments),
    "schema": ("skriv JSON Schema för innehållsfilerna", _schema_arguments),
    "serve": ("förhandsgranska med automatisk omladdning", _serve_arguments),
    "publish": ("bygg som nu och publicera på målet", _publish_arguments),
    "status": ("vad som är publicerat, vad som väntar och den senaste publiceringen", _status_arguments),
    "archive": ("arkivet av allt som har publicerats", _archive_arguments),
    "skicka": ("bygg och skicka nya pressmeddelanden med e-post till prenumeranterna", _send_arguments),
    "subscribers": ("prenumeranter på e-post: lägg till, importera, ta bort, visa", _subscriber_parsers),
}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        return _main(argv)
    except BrokenPipeError:  # the reader went away (`check --format json | head`): nothing more to say
        _quiet_stdout()
        return EXIT_PROBLEMS


def _main(argv: list[str] | None) -> int:
    # build.py ends the process on Ctrl-C during its imports; from here Ctrl-C is a message.
    if threading.current_thread() is threading.main_thread():  # signals are the main thread's
        signal.signal(signal.SIGINT, signal.default_int_handler)
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build", *argv]
    try:
        args = _parser(argv[0]).parse_args(argv)
    except UsageError as exc:
        print(for_terminal(_usage_text(exc)), file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    try:
        return _run(args)
    except UsageError as exc:
        print(for_terminal(_usage_text(exc)), file=sys.stderr)
        return EXIT_USAGE
    except BuildFailed as exc:
        return _report(exc.problems, getattr(args, "format", "text"))
    except KeyboardInterrupt as exc:
        from .output import InterruptedAfterCommit

        # Only a build replaces the output, and it says (output.interrupt_truth) when it had
        # already published the new site: then the message must not say it is unchanged.
        if isinstance(exc, InterruptedAfterCommit):
            print("avbrutet – det nya bygget hann publiceras, utmappen är uppdaterad", file=sys.stderr)
        else:
            print("avbrutet – utmappen är oförändrad", file=sys.stderr)
        return 130
    except OSError as exc:
        fault = _fault(exc)
        if fault is None:
            return _internal(exc)
        print(for_terminal(fault), file=sys.stderr)
        return EXIT_PROBLEMS
    except WorkerLost as exc:  # a fault of the machine too (a worker killed, out of memory)
        print(exc, file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:  # noqa: BLE001 - the user must never see a traceback
        return _internal(exc)


# A fault of the machine, not of Pressrum: what it is, and what to do about it.
_FAULTS = {
    errno.ENOSPC: ("disken är full", "frigör utrymme och bygg igen"),
    errno.EDQUOT: ("diskkvoten är slut", "frigör utrymme och bygg igen"),
    errno.EROFS: ("filsystemet är skrivskyddat", "välj en utmapp på en skrivbar disk med --out"),
    errno.EACCES: ("behörighet saknas", "kontrollera mappens rättigheter, eller välj en annan mapp med --out"),
    errno.EPERM: ("behörighet saknas", "kontrollera mappens rättigheter, eller välj en annan mapp med --out"),
}


def _fault(exc: OSError) -> str | None:
    """A Swedish message for a fault of the machine (disk full, read-only, no permission), naming
    the path, or None for anything else (a bug: reported as an internal error)."""
    known = _FAULTS.get(exc.errno)
    if known is None:
        return None
    what, todo = known
    where = f": {exc.filename}" if exc.filename else ""
    return f"{what}{where} – {todo}; utmappen är oförändrad"


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's own flush at exit does not
    print a traceback about the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (tests capture output): nothing to flush
        pass


def _internal(exc: BaseException) -> int:
    print(for_terminal(f"internt fel: {type(exc).__name__}: {exc} – utmappen är oförändrad; rapportera felet till "
                       f"utvecklarna med kommandot du körde"), file=sys.stderr)
    return EXIT_INTERNAL


def _options(args, default_out: str, environ=os.environ):
    """The build's options from the command line and the environment (the only place either is
    read): ``PRESSRUM_CACHE=0`` turns the build cache off, ``PRESSRUM_WORKERS=N`` sets the number
    of worker processes, ``XDG_CACHE_HOME`` says where Jinja's compiled templates are kept."""
    templates = args.templates or (Path("templates") if Path("templates").is_dir() else PROJECT / "templates")
    now = args.now or datetime.now(STOCKHOLM)
    # Beside the content folder by default: examples/kulturradet/content builds into examples/kulturradet/releases.
    out = (getattr(args, "out", None) or args.content.expanduser().parent / default_out).expanduser()  # "--out ~" unexpanded by a shell
    return Options(args.content, templates, out, now, getattr(args, "drafts", False),
                   unpublish=getattr(args, "unpublish", False), **environment(environ))


def environment(environ) -> dict:
    """The options the environment sets for :class:`Options`: ``cache``, ``workers``, ``jinja_cache``, ``cache_home``."""
    cache = environ.get("PRESSRUM_CACHE", "1") != "0"
    wanted = environ.get("PRESSRUM_WORKERS", "")
    workers = int(wanted) if wanted.isdigit() and int(wanted) > 0 else None
    return {"cache": cache, "workers": workers, "jinja_cache": default_bytecode_dir(environ),
            "cache_home": default_cache_home(environ)}


def _run(args) -> int:
    if args.command == "schema":
        from .schema import write_schemas
        written = write_schemas(args.out)
        if args.out is None:
            print(written)
        else:
            print(for_terminal("schemat skrivet till " + ", ".join(written)))
        return EXIT_OK
    if args.command == "check":
        from . import pipeline

        options = _options(args, "releases")
        result = pipeline.check(options, _pool(options))
        waiting = result.waiting
        n = result.releases + waiting.releases  # every release is checked, also those that wait
        if args.format == "json":
            report = {"problem": [], "pressmeddelanden": n}
            if waiting.next is not None:  # as the text: said only when something waits
                report["väntar"] = {"pressmeddelanden": waiting.releases, "rättelser": waiting.corrections,
                                    "nästa": waiting.next.isoformat()}
            print(json.dumps(report, ensure_ascii=False))
        else:
            print(f"inga fel – {sv.antal(n, 'pressmeddelande', 'pressmeddelanden', 'ett')} kan byggas"
                  f"{_waiting_in_check(waiting)}" if n else "inga fel, men innehållet ger inget pressmeddelande att bygga")
        return EXIT_OK
    if args.command in ("publish", "status", "archive"):
        return _publishing(args)
    if args.command in ("skicka", "subscribers"):
        return _mail(args)
    if args.command == "serve":
        from .serve import serve
        options = replace(_options(args, "preview"), drafts=True)
        _guard_out(options)
        return serve(options, args.port, fixed_now=args.now is not None,
                     say=lambda text: print(for_terminal(text, lines=True), file=sys.stderr, flush=True))
    from .output import interrupt_truth

    options = _options(args, "preview" if args.drafts else "releases")
    _guard_out(options)
    with interrupt_truth(options.out):  # a Ctrl-C from here on says whether the site was published
        result = build(options)
        if os.environ.get("PRESSRUM_TIMINGS") == "1":  # stage seconds for bench/bench.py
            for stage, seconds in result.timings:
                print(f"tid {stage} {seconds:.4f}", file=sys.stderr)
        for path, title in getattr(result, "unpublished", ()):  # the memo's Unchanged takes nothing away
            print(f"togs bort ur nyhetsrummet (--unpublish): {path} ”{title}”")
        releases, drafts, files = result.releases, result.drafts, result.files
        # One kind of figure in one sentence: all in digits when the files are more than twelve
        # ("2 pressmeddelanden och 18 filer", never "två pressmeddelanden och 18 filer").
        count = sv.siffror if files > 12 else (lambda n: sv.tal(n, "ett"))
        # In brackets, so that "varav" cannot be read as covering the files too.
        drafts_text = ("" if not drafts else " (utkast)" if releases == drafts == 1 else " (alla utkast)"
                       if drafts == releases else f" (varav {count(drafts)} utkast)")
        # A preview shows what waits (as drafts, with every correction): nothing more to say of it.
        waiting_text = "" if options.drafts else _waiting_in_build(result.waiting, result.releases)
        noun = "pressmeddelande" if releases == 1 else "pressmeddelanden"
        print(f"klart: {count(releases) if releases else 'inga'} {noun}{drafts_text} "
              f"och {count(files)} {'fil' if files == 1 else 'filer'} i {for_terminal(str(options.out))}{waiting_text}")
        return EXIT_OK


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


def _next(waiting) -> str:
    """`` (nästa: 17 maj 2021 kl. 10.00, Skåne och nationellt)``: the first waiting time and the
    places whose releases come out then (at most four named, the rest counted)."""
    places = waiting.places
    if len(places) > 4:
        places = (*places[:3], f"{sv.tal(len(places) - 3, 'ett')} till")
    named = f", {sv.lista(places)}" if places else ""
    return f" (nästa: {sv.datumtid(waiting.next)}{named})"


def _corrections(n: int) -> str:
    return sv.antal(n, "rättelse", "rättelser", "en")


def _waiting_in_check(waiting) -> str:
    """What ``check`` adds after ``N pressmeddelanden kan byggas`` (N counts the waiting ones):
    ``, varav två väntar på publicering (nästa: 16 maj 2022 kl. 10.00)``, and the corrections
    that wait; nothing when nothing waits."""
    if waiting.releases and waiting.corrections:
        return (f", varav {sv.tal(waiting.releases, 'ett')} väntar på publicering, "
                f"och {_corrections(waiting.corrections)} väntar{_next(waiting)}")
    if waiting.releases:
        return f", varav {sv.tal(waiting.releases, 'ett')} väntar på publicering{_next(waiting)}"
    if waiting.corrections:
        return f", och {_corrections(waiting.corrections)} väntar på publicering{_next(waiting)}"
    return ""


def _waiting_in_build(waiting, published: int) -> str:
    """What ``build`` adds after ``… filer i MAPP`` when something checked waits for its time:
    ``; ytterligare två pressmeddelanden väntar på publicering (nästa: 16 maj 2022 kl. 10.00)``
    ("ytterligare" only beside releases already out: after "inga pressmeddelanden" it is odd)."""
    what = []
    if waiting.releases:
        what.append(("ytterligare " if published else "") + sv.antal(waiting.releases, "pressmeddelande", "pressmeddelanden", "ett"))
    if waiting.corrections:
        what.append(_corrections(waiting.corrections))
    return f"; {' och '.join(what)} väntar på publicering{_next(waiting)}" if what else ""


def build(options):
    """One build as ``python build.py build`` runs it: with the build cache unless the options say
    no, done at once when nothing changed (checked before the stages are even imported: pydantic,
    Jinja, Markdown and feedgen take longer to import than such a build takes), else the pipeline
    in worker processes. Returns the pipeline's result or the memo's ``Unchanged`` (both have
    ``releases``, ``drafts`` and ``files``)."""
    from .memo import lock_file
    from .output import build_lock

    started = time.perf_counter()
    with build_lock(options.out, lock_file(options)):  # one build at a time into one folder
        memo = _memo(options)
        try:
            done = memo.unchanged(options.now)
            if done is not None:
                return replace(done, timings=(("cache-check", time.perf_counter() - started),))
            from . import pipeline

            return pipeline.build(options, memo, _pool(options))
        finally:
            memo.close()


def _memo(options):
    """The build cache for these options (or none)."""
    from .memo import DiskMemo, NoMemo

    if not options.cache or options.cache_home is None:
        return NoMemo()
    return DiskMemo(options.content, options.templates, options.out, options.drafts, options.cache_home)


def _pool(options):
    from .pool import pool_of

    return pool_of(options.workers)


def _guard_out(options) -> None:
    """Refuse a destructive or wrong output folder before any work (exit 2, nothing touched)."""
    from .output import refuse_reason

    if options.drafts and options.out.resolve().name == "releases":
        raise RefusedFolder("Pressrum skriver aldrig utkast i releases/. Ingenting har ändrats. "
                            "Välj en annan mapp med --out, till exempel --out preview.")
    reason = refuse_reason(options.out, (options.content, options.templates), options.drafts)
    if reason:
        raise RefusedFolder(f"Pressrum skriver inte i mappen {options.out}, eftersom {reason}. Ingenting har ändrats. "
                            "Välj en ny eller tom mapp med --out.")


def _report(problems, fmt: str = "text") -> int:
    """Every problem, sorted by file and line, then ``N fel i M filer``; exit 1.

    As JSON (``check --format json``) the same problems go to standard output as
    ``{"problem": [{"file", "line", "column", "message", "hint"}, …], "sammanfattning": …}``.
    """
    if fmt == "json":
        print(json_for_terminal({"problem": [p.as_json() for p in problems], "sammanfattning": summary(problems)}))
    else:
        for p in problems:
            print(p.text(), file=sys.stderr)
        print(summary(problems), file=sys.stderr)
    return EXIT_PROBLEMS
