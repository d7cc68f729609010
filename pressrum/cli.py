"""The command line: ``python build.py [build|check|schema|serve] …``.

The only place that prints problems and chooses exit codes: 0 success, 1 content or
template problems, 2 a usage error. Everything the user reads is Swedish, and no traceback
ever reaches the terminal.
"""
from __future__ import annotations

import errno
import os
import signal
import sys
import threading
from dataclasses import replace

from . import sv
from .cli_build import _guard_out, _options, _pool, build, environment  # noqa: F401 - environment: tests/test_cache.py
from .cli_messages import _next, _waiting_in_build, _waiting_in_check  # noqa: F401 - _next: tests/test_waiting.py
from .cli_parser import UsageError, _parser, _usage_text
from .errors import BuildFailed, for_terminal, json_for_terminal, summary
from .pool import WorkerLost

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        return _main(argv)
    except BrokenPipeError:  # the reader went away (`check --format json | head`): nothing more to say
        _quiet_stdout()
        return EXIT_PROBLEMS


def command() -> None:
    """The process's entry point (build.py): run :func:`main`, then exit with its code.

    Once main has returned, everything it had to say is printed and the exit code is decided, so
    a Ctrl-C from then on is ignored, for the whole process, instead of raised while Python shuts
    down, where it surfaced as "Exception ignored in threading._shutdown … KeyboardInterrupt"
    (about once in 30 runs of tests/test_atomic.py's Ctrl-C loop). One that arrived in the few
    instructions between main's return and the ignoring is raised by signal.signal itself (it
    runs pending handlers first) and dropped the same way."""
    code = main()
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(code)


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
        from .output_lock import InterruptedAfterCommit

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
            import json

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
        from .cli_commands import _publishing
        return _publishing(args)
    if args.command in ("skicka", "subscribers"):
        from .cli_commands import _mail
        return _mail(args)
    if args.command == "serve":
        from .serve import serve
        options = replace(_options(args, "preview"), drafts=True)
        _guard_out(options)
        return serve(options, args.port, fixed_now=args.now is not None,
                     say=lambda text: print(for_terminal(text, lines=True), file=sys.stderr, flush=True))
    from .output_lock import interrupt_truth

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

