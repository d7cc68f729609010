"""Live preview: ``build.py serve`` in a subprocess, driven over HTTP like a browser.

The server runs against a temporary copy of the bundled content on a free port. The test
edits a YAML value and polls until the served page changes, and measures that time (printed;
``pytest -s tests/test_serve.py`` shows it); it breaks the YAML and sees the error, with
``fil:rad``, on the page while the last good build is still served; it stops the server with
Ctrl-C (SIGINT). The process is always killed at the end.
"""
from __future__ import annotations

import errno
import json
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT, TEMPLATES
from pressrum.serve import BuildState, inject

TIMEOUT = 30  # seconds for anything the server should do well within a second or two


class Server:
    """``build.py serve`` in a subprocess on a copy of the bundled content; ``port`` 0 is any
    free port, ``extra`` more arguments (``--now …``); ``started``: wait until it serves."""

    def __init__(self, tmp_path: Path, port: int = 0, extra: tuple[str, ...] = (), started: bool = True):
        self.content = tmp_path / "content"
        if not self.content.is_dir():
            shutil.copytree(CONTENT, self.content)
        self.out = tmp_path / "preview"
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(self.content), "--templates",
             str(TEMPLATES), "--out", str(self.out), "--port", str(port), *extra],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        if started:
            line = self.wait_for_line(r"förhandsgranskningen visas på (http://127\.0\.0\.1:\d+/)")
            self.url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
            self.port = int(self.url.rsplit(":", 1)[1].strip("/"))

    def _read(self):
        for line in self.proc.stderr:
            self.lines.put(line)

    def stop_with(self, sig: int) -> tuple[int, str, str]:
        """Send ``sig``; the exit code, standard output and all of standard error once it has exited."""
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout=TIMEOUT)
        self.reader.join(timeout=TIMEOUT)
        while not self.lines.empty():
            self.log.append(self.lines.get())
        return code, self.proc.stdout.read(), "".join(self.log)

    def wait_for_line(self, pattern: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            self.log.append(line)
            if re.search(pattern, line):
                return line
        pytest.fail(f"the server did not print {pattern!r}; it printed:\n{''.join(self.log)}")

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=timeout) as resp:
                return resp.status, resp.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")

    def wait_for_page(self, path: str, predicate) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            _, page = self.get(path)
            if predicate(page):
                return page
            time.sleep(0.02)
        pytest.fail(f"{path} did not change within {TIMEOUT} s; the server printed:\n{''.join(self.log)}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=TIMEOUT)


@pytest.fixture
def server(tmp_path):
    s = Server(tmp_path)
    try:
        yield s
    finally:
        s.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serve_rebuilds_on_save_shows_errors_and_stops_on_ctrl_c(server):
    round_file = server.content / "rounds" / "2021" / "round.yaml"
    status, page = server.get("/2021/beslut/")
    assert status == 200
    assert "Totalt kom 232 ansökningar in" in page
    assert "/__pressrum/version" in page  # the reload script is served …
    built = (server.out / "2021" / "beslut" / "index.html").read_text(encoding="utf-8")
    assert "__pressrum" not in built and "<script>" not in built  # … but never written to the built files
    version = json.loads(server.get("/__pressrum/version")[1])["version"]

    # A long poll (what the browser's script does) answers when the rebuild is done.
    answered: dict = {}

    def long_poll():
        answered["body"] = json.loads(server.get(f"/__pressrum/version?since={version}", timeout=TIMEOUT)[1])
        answered["at"] = time.perf_counter()

    poller = threading.Thread(target=long_poll)
    poller.start()
    time.sleep(0.3)  # the poll is waiting now
    assert "body" not in answered

    started = time.perf_counter()
    edit(round_file, "ansökningar: 232", "ansökningar: 241")
    server.wait_for_page("/2021/beslut/", lambda p: "Totalt kom 241 ansökningar in" in p)
    seconds = time.perf_counter() - started
    poller.join(timeout=TIMEOUT)
    print(f"\nserve: edit-to-page {seconds:.3f} s, edit-to-reload-signal {answered['at'] - started:.3f} s "
          f"(bundled content)")
    assert answered["body"] == {"version": version + 1, "fel": []}
    assert seconds < 10

    # A content error: shown on every page, with file:line, while the last good build is served.
    line = round_file.read_text(encoding="utf-8").splitlines().index("ansökningar: 241") + 1
    edit(round_file, "ansökningar: 241", "ansökningar: många")
    page = server.wait_for_page("/2021/beslut/", lambda p: 'id="pressrum-fel"' in p)
    assert f"rounds/2021/round.yaml:{line}:14: antalet ska vara ett heltal med siffror, men nu står det &#x27;många&#x27;" in page
    assert "Bygget misslyckades – sidan visar det senaste lyckade bygget." in page
    assert "Totalt kom 241 ansökningar in" in page
    assert 'id="pressrum-fel"' in server.get("/")[1]
    server.wait_for_line(r"rounds/2021/round\.yaml:\d+:14: antalet ska vara ett heltal")

    edit(round_file, "ansökningar: många", "ansökningar: 232")
    page = server.wait_for_page("/2021/beslut/", lambda p: "Totalt kom 232 ansökningar in" in p)
    assert 'id="pressrum-fel"' not in page

    # Ctrl-C: a clean exit with a Swedish message.
    server.proc.send_signal(signal.SIGINT)
    assert server.proc.wait(timeout=TIMEOUT) == 0
    server.wait_for_line(r"^förhandsgranskningen är avslutad$")
    assert not any("Traceback" in entry for entry in server.log)


def test_serve_includes_drafts_and_serves_404_and_feeds(tmp_path, server):
    status, page = server.get("/finns-inte/")
    assert status == 404 and "/__pressrum/version" in page
    status, feed = server.get("/rss.xml")
    assert status == 200 and feed.startswith("<?xml") and "__pressrum" not in feed
    assert (server.out / ".pressrum-utdata").read_text(encoding="utf-8").endswith("utkast: ja\n")


def test_port_in_use_is_a_swedish_message(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        shutil.copytree(CONTENT, tmp_path / "content")
        proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "serve", "--content", "content",
                               "--templates", str(TEMPLATES), "--port", str(port)],
                              cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT)
    assert proc.returncode == 2
    assert proc.stderr == (f"porten {port} används redan av ett annat program – välj en annan med --port, "
                           f"till exempel --port {port + 1}\n")


@pytest.mark.parametrize("port, error, message", [
    (8000, errno.EADDRINUSE, "porten 8000 används redan av ett annat program – välj en annan med --port, "
                             "till exempel --port 8001"),
    (65535, errno.EADDRINUSE, "porten 65535 används redan av ett annat program – välj en annan med --port, "
                              "till exempel --port 8001"),
    (80, errno.EACCES, "porten 80 får inte användas av ditt konto (portar under 1024 kräver "
                       "administratörsbehörighet) – välj en annan med --port, till exempel --port 8000"),
    (443, errno.EPERM, "porten 443 får inte användas av ditt konto (portar under 1024 kräver "
                       "administratörsbehörighet) – välj en annan med --port, till exempel --port 8000"),
    (8000, errno.EADDRNOTAVAIL, "porten 8000 går inte att öppna på 127.0.0.1 (EADDRNOTAVAIL) – välj en annan "
                                "med --port, till exempel --port 8001"),
    (8000, None, "porten 8000 går inte att öppna på 127.0.0.1 (okänt fel) – välj en annan med --port, "
                 "till exempel --port 8001"),
], ids=["taken", "taken-last", "privileged-eacces", "privileged-eperm", "not-available", "unknown"])
def test_a_port_that_cannot_be_used_is_named_in_swedish_with_what_to_do(port, error, message):
    """Every reason a bind fails is Swedish (a port below 1024 for a user without the right said
    "Permission denied" in English); a taken port end to end: test_port_in_use_is_a_swedish_message,
    out of range: tests/test_faults.py."""
    from pressrum.serve import port_problem

    assert port_problem(port, error) == message


@pytest.mark.parametrize("raised, said", [
    (BrokenPipeError, []),  # the browser went away: nothing to say
    (ConnectionResetError, []),
    (TimeoutError, []),
    (KeyError, ["internt fel när en sida skulle visas: KeyError: 'x' – förhandsgranskningen fortsätter; "
                "rapportera felet till utvecklarna om det händer igen"]),
], ids=["broken-pipe", "reset", "timeout", "bug"])
def test_an_error_while_answering_is_never_a_traceback(capfd, raised, said):
    """Whatever a request handler raises, the standard library's traceback never reaches the
    terminal: a disconnect is silent, anything else one Swedish line (and the server goes on)."""
    import http.client
    from http.server import BaseHTTPRequestHandler

    from pressrum.serve import _Server

    class Failing(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - as quiet as the preview's handler
            pass

        def do_GET(self):
            if self.path == "/ok":
                self.send_response(204)
                self.end_headers()
                return
            raise raised("x")

    lines: list[str] = []
    server = _Server(("127.0.0.1", 0), Failing, lines.append)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        for path in ("/boom", "/ok"):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
            try:
                conn.request("GET", path)
                status = conn.getresponse().status
            except (http.client.RemoteDisconnected, ConnectionError):
                status = None
            finally:
                conn.close()
        assert status == 204  # still serving after the failure
    finally:
        server.shutdown()
        server.server_close()
    assert lines == said
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize("state, panel", [
    (BuildState(3, True, (), 0.1), False),
    (BuildState(4, True, ("content/site.yaml:3:5: fel <b> – rätta", "ett fel i en fil"), 0.1), True),
])
def test_inject_adds_panel_without_javascript_and_script_before_body_end(state, panel):
    page = "<!DOCTYPE html>\n<html lang=\"sv\">\n<body class=\"x\">\n<p>Hej</p>\n</body>\n</html>\n"
    served = inject(page, state)
    assert served.endswith("</script>\n</body>\n</html>\n")
    assert f"var version = {state.version};" in served
    assert ('<body class="x">\n<div id="pressrum-fel" role="alert"' in served) is panel
    if panel:
        assert "<li>content/site.yaml:3:5: fel &lt;b&gt; – rätta</li><li>ett fel i en fil</li>" in served


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.slow  # a browser test; test_serve_rebuilds_on_save_shows_errors_and_stops_on_ctrl_c covers the rebuild
@pytest.mark.skipif(not CHROMIUM.is_file(), reason="Chromium is not installed at /usr/bin/chromium "
                    "(apt-get install chromium); the browser reload test needs Debian's Chromium")
def test_open_page_reloads_itself_in_a_browser(server):
    """The injected script really reloads an open page after a save, and shows a content error."""
    from playwright.sync_api import sync_playwright

    round_file = server.content / "rounds" / "2021" / "round.yaml"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(server.url + "2021/beslut/")
            assert "Totalt kom 232 ansökningar in" in page.inner_text("main")
            started = time.perf_counter()
            edit(round_file, "ansökningar: 232", "ansökningar: 239")
            page.wait_for_function("document.body.innerText.includes('Totalt kom 239 ansökningar in')",
                                   timeout=TIMEOUT * 1000)
            print(f"\nserve: edit-to-reloaded-page in Chromium {time.perf_counter() - started:.3f} s (bundled content)")
            edit(round_file, "ansökningar: 239", "ansökningar: x")
            page.wait_for_selector("#pressrum-fel", timeout=TIMEOUT * 1000)
            assert "round.yaml:" in page.inner_text("#pressrum-fel")
            assert "Totalt kom 239 ansökningar in" in page.inner_text("main")  # the last good build
        finally:
            browser.close()
