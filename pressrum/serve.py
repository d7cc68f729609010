"""Live preview: ``python build.py serve [--port 8000]``.

Builds the preview (drafts included) into the preview folder with the same atomic write as
a normal build, serves it on 127.0.0.1 with the standard library's HTTP server, watches
``content/`` and ``templates/`` (watchfiles) and rebuilds on every save.

Reloading is added to served HTML only – the built files never contain it: a tiny script
long-polls ``/__pressrum/version`` and reloads the page when a build has finished. Pages
work without JavaScript. When a build fails, the last good build stays served and every
served page starts with the problems (``fil:rad:kolumn: …``, in Swedish), so an editor sees
the mistake in the browser as well as in the terminal.

The server is meant for an editor's terminal: it never prints a traceback. A browser that goes
away mid-response is not reported at all; anything else that goes wrong while answering a request
is one Swedish line. Its listen backlog is a few hundred connections (the standard library's is 5),
so a burst of requests is answered, not dropped. Ctrl-C (SIGINT) and SIGTERM stop it the same way:
a build under way finishes (the preview folder is only ever swapped whole), waiting long polls are
answered, the port is closed, and ``förhandsgranskningen är avslutad`` is printed; exit code 0, as
for any stop the editor asked for.
"""
from __future__ import annotations

import errno
import html
import json
import re
import signal
import sys
import threading
import time
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from . import sv
from .errors import BuildFailed, summary
from .memo import DiskMemo, NoMemo, lock_file
from .output_lock import build_lock
from .pool import Serial

STOCKHOLM = ZoneInfo("Europe/Stockholm")
VERSION_PATH = "/__pressrum/version"
POLL_SECONDS = 25  # a long poll answers at the latest after this, and the page asks again
BACKLOG = 1024  # connections the kernel queues before they are accepted (Linux caps it at net.core.somaxconn)
# A browser that closed the connection (a reload, a closed tab) while it was being answered.
_GONE = (ConnectionError, TimeoutError)

_RELOAD_SCRIPT = """<script>
/* Pressrum serve: reload when the preview has been rebuilt (only added by the preview server). */
(function () {
  var version = %d;
  function poll() {
    fetch("%s?since=" + version, {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (d) { if (d.version !== version) { location.reload(); } else { poll(); } })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>
"""

_PANEL_STYLE = ("background:#fde8e8;border:3px solid #a00000;color:#3d0000;padding:1rem;margin:0;"
                "font:1rem/1.5 system-ui,sans-serif;white-space:pre-wrap")


@dataclass(frozen=True)
class BuildState:
    """The outcome of the latest build attempt (a new value after each one)."""

    version: int  # grows after every build attempt, good or failed
    good: bool  # a site has been built at least once (it is being served)
    problems: tuple[str, ...]  # the latest attempt's problems as "fil:rad:kolumn: …", empty when it succeeded
    seconds: float  # how long the latest attempt took


class Preview:
    """Builds the preview and keeps the latest :class:`BuildState`; safe to read from any thread."""

    def __init__(self, options, fixed_now: bool, say: Callable[[str], None]):
        # A preview always includes the drafts; it never forks (the server and watcher are threads).
        self.options = replace(options, drafts=True, workers=1)
        self.fixed_now = fixed_now
        self.say = say
        self._state = BuildState(0, False, (), 0.0)
        self._closing = False  # set once when the server stops: waiting long polls answer at once
        self._changed = threading.Condition()
        # Held while the folder is swapped and the state changes, and while a page and the state
        # are read together: a served page never mixes one build's files with another's state.
        self.swap = threading.Lock()

    @property
    def state(self) -> BuildState:
        with self._changed:
            return self._state

    def build(self) -> BuildState:
        """Build once into the preview folder; on failure the previous preview stays as it was."""
        # Imported here, not at the top: the pipeline takes a good part of a second to import, and
        # serve() installs its Ctrl-C and SIGTERM handlers before that, so a stop is never missed.
        from .pipeline import build

        options = self.options if self.fixed_now else replace(self.options, now=datetime.now(STOCKHOLM))
        started = time.perf_counter()
        problems: tuple[str, ...] = ()
        with self.swap:
            try:
                with build_lock(options.out, lock_file(options)):
                    memo = (DiskMemo(options.content, options.templates, options.out, True, options.cache_home)
                            if options.cache and options.cache_home else NoMemo())
                    try:
                        result = build(options, memo, Serial())  # atomic, and incremental with the build cache
                    finally:
                        memo.close()
            except BuildFailed as exc:
                problems = tuple(p.text() for p in exc.problems) + (summary(exc.problems),)
            except Exception as exc:  # noqa: BLE001 - keep serving the last good build
                problems = (f"internt fel: {type(exc).__name__}: {exc} – förhandsgranskningen visar det senaste "
                            f"lyckade bygget",)
            seconds = time.perf_counter() - started
            with self._changed:
                old = self._state
                self._state = BuildState(old.version + 1, old.good or not problems, problems, seconds)
                self._changed.notify_all()
                state = self._state
        if problems:
            self.say("\n".join(problems))
            self.say("bygget misslyckades – webbläsaren visar felen och det senaste lyckade bygget")
        else:
            n = result.releases
            self.say(f"byggt på {seconds:.2f} s: {sv.antal(n, 'pressmeddelande', 'pressmeddelanden', 'ett')}"
                     .replace(".", ",", 1))
        return state

    def wait_for_change(self, since: int, timeout: float) -> BuildState:
        """The state once its version differs from ``since`` (or after ``timeout`` seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: self._state.version != since or self._closing, timeout=timeout)
            return self._state

    def close(self) -> None:
        """Answer every waiting long poll now (the server is stopping)."""
        with self._changed:
            self._closing = True
            self._changed.notify_all()


def inject(page: str, state: BuildState) -> str:
    """A served HTML page: the problems panel (visible without JavaScript) and the reload script."""
    if state.problems:
        items = "".join(f"<li>{html.escape(p)}</li>" for p in state.problems)
        heading = ("Bygget misslyckades – sidan visar det senaste lyckade bygget. Rätta felen och spara:"
                   if state.good else "Bygget misslyckades – rätta felen och spara:")
        panel = (f'<div id="pressrum-fel" role="alert" style="{_PANEL_STYLE}"><p><strong>{heading}</strong></p>'
                 f'<ul>{items}</ul></div>\n')
        page, n = re.subn(r"(<body[^>]*>)", lambda m: m.group(1) + "\n" + panel, page, count=1)
        if not n:
            page = panel + page
    script = _RELOAD_SCRIPT % (state.version, VERSION_PATH)
    if "</body>" in page:
        i = page.rindex("</body>")
        return page[:i] + script + page[i:]
    return page + script


def _no_site_page(state: BuildState) -> str:
    return inject('<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
                  '<title>Förhandsgranskning – Pressrum</title>\n</head>\n<body>\n'
                  '<h1>Förhandsgranskningen är inte byggd ännu</h1>\n</body>\n</html>\n', state)


class _Handler(SimpleHTTPRequestHandler):
    preview: Preview  # set on a subclass per server

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".html": "text/html; charset=utf-8", ".md": "text/markdown; charset=utf-8",
                      ".txt": "text/plain; charset=utf-8", ".xml": "application/xml; charset=utf-8",
                      ".css": "text/css; charset=utf-8"}

    def log_message(self, format, *args):  # noqa: A002 - quiet: the terminal is for build messages
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == VERSION_PATH:
            return self._version(parse_qs(url.query))
        target = Path(self.translate_path(self.path))
        if target.is_dir() and not url.path.endswith("/"):
            return super().do_GET()  # the standard redirect to "…/"
        if target.is_dir():
            target = target / "index.html"
        page_like = url.path.endswith(("/", ".html")) or "." not in url.path.rsplit("/", 1)[-1]
        with self.preview.swap:  # the page and the state of the same build
            state = self.preview.state
            if target.suffix == ".html" and target.is_file():
                page, status = target.read_text(encoding="utf-8"), 200
            elif not state.good:
                page, status = _no_site_page(state), 503
            elif page_like and not target.exists() and (Path(self.directory) / "404.html").is_file():
                page, status = (Path(self.directory) / "404.html").read_text(encoding="utf-8"), 404
            else:
                page = None
        if page is None:
            return super().do_GET()
        return self._html(page, state, status, injected=status == 503)

    def _html(self, page: str, state: BuildState, status: int, injected: bool = False):
        body = (page if injected else inject(page, state)).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _version(self, query):
        try:
            since = int(query.get("since", ["-1"])[0])
        except ValueError:
            since = -1
        state = self.preview.wait_for_change(since, POLL_SECONDS) if since >= 0 else self.preview.state
        body = json.dumps({"version": state.version, "fel": list(state.problems)}, ensure_ascii=False).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    """The standard threading HTTP server with a real backlog, and quiet in the terminal."""

    request_queue_size = BACKLOG
    daemon_threads = True  # a stalled client never keeps the process from stopping

    def __init__(self, address, handler, say: Callable[[str], None]):
        self.say = say
        super().__init__(address, handler)

    def handle_error(self, request, client_address):
        # The standard library prints a traceback here; a browser that went away is not news, and
        # anything else is one Swedish line (the preview keeps serving).
        exc = sys.exc_info()[1]
        if isinstance(exc, _GONE):
            return
        self.say(f"internt fel när en sida skulle visas: {type(exc).__name__}: {exc} – förhandsgranskningen "
                 f"fortsätter; rapportera felet till utvecklarna om det händer igen")


def make_server(preview: Preview, port: int, say: Callable[[str], None] = lambda text: None) -> ThreadingHTTPServer:
    """An HTTP server on 127.0.0.1 serving the preview folder (port 0 = any free port)."""
    handler = type("PreviewHandler", (_Handler,), {"preview": preview})
    return _Server(("127.0.0.1", port), partial(handler, directory=str(preview.options.out.resolve())), say)


def port_problem(port: int, error: int | None) -> str:
    """What is wrong with ``port`` (the ``errno`` of the failed bind) and what to do, in Swedish."""
    other = port + 1 if 0 < port < 65535 else 8001
    if error == errno.EADDRINUSE:
        why = "används redan av ett annat program"
    elif error in (errno.EACCES, errno.EPERM):
        why = "får inte användas av ditt konto (portar under 1024 kräver administratörsbehörighet)"
        other = 8000
    else:
        why = f"går inte att öppna på 127.0.0.1 ({errno.errorcode.get(error, 'okänt fel')})"
    return f"porten {port} {why} – välj en annan med --port, till exempel --port {other}"


def serve(options, port: int, fixed_now: bool = False, say: Callable[[str], None] = lambda text: None) -> int:
    """Build, serve and rebuild on change until Ctrl-C or SIGTERM; returns the exit code (0, or 2
    when the port cannot be used)."""
    stop = threading.Event()
    # First of all: Ctrl-C and SIGTERM only ask the loop to stop, so a build under way finishes and
    # nothing is cut off (not even while the pipeline is still being imported).
    previous = {sig: signal.signal(sig, lambda signum, frame: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        return _serve(options, port, fixed_now, say, stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _serve(options, port: int, fixed_now: bool, say: Callable[[str], None], stop: threading.Event) -> int:
    import watchfiles

    preview = Preview(options, fixed_now, say)
    try:
        server = make_server(preview, port, say)
    except OSError as exc:
        say(port_problem(port, exc.errno))
        return 2
    host, real_port = server.server_address[:2]

    def run():
        try:
            server.serve_forever(poll_interval=0.1)
        except Exception as exc:  # noqa: BLE001 - a traceback from this thread would reach the terminal
            say(f"internt fel i förhandsgranskningens server: {type(exc).__name__}: {exc} – förhandsgranskningen "
                f"avslutas; rapportera felet till utvecklarna")
            stop.set()

    thread = threading.Thread(target=run, name="pressrum-http", daemon=True)
    watched = [str(p) for p in (options.content, options.templates) if Path(p).is_dir()]
    # The watcher starts before the first build and yields an empty set every rust_timeout: its
    # first answer means it is watching, so a file saved during the first build (or just after the
    # address is printed) is rebuilt, never missed. It looks at the stop event every step.
    changes = watchfiles.watch(*watched, stop_event=stop, debounce=800, step=30, rust_timeout=100,
                               yield_on_timeout=True, raise_interrupt=False)
    try:
        next(changes, None)
        if not stop.is_set():
            preview.build()
        if not stop.is_set():
            thread.start()
            say(f"förhandsgranskningen visas på http://{host}:{real_port}/ – sidan laddas om när du sparar "
                f"i {options.content} eller {options.templates}; avsluta med Ctrl-C")
            for changed in changes:
                if stop.is_set():
                    break
                if changed:
                    preview.build()
    finally:
        stop.set()
        changes.close()  # the watcher is released
        preview.close()  # waiting long polls answer before the server goes
        if thread.is_alive():
            server.shutdown()
        server.server_close()  # the port is free from here on
    say("förhandsgranskningen är avslutad")
    return 0
