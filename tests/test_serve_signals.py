"""``build.py serve`` as an editor's terminal sees it: stopped, hammered and hung up on.

Each test runs the real server in a subprocess on 127.0.0.1 (a free port) against a copy of
the bundled content, built as of a fixed time, and checks the exact standard output and
standard error: Ctrl-C (SIGINT) and SIGTERM stop it with one Swedish line and exit code 0, the
port is free at once and the preview folder is a whole build (the same files as
``build --drafts``) with no temporary folder left; a build under way when the signal comes
finishes first; 300 simultaneous connections are all answered; browsers that disconnect
mid-response print nothing.
"""
from __future__ import annotations

import hashlib
import http.client
import json
import re
import signal
import socket
import struct
import threading
import time
from pathlib import Path

import pytest

from conftest import CONTENT, NOW, TEMPLATES, run_cli
from test_serve import TIMEOUT, Server, edit

SIGNALS = [pytest.param(signal.SIGTERM, id="SIGTERM"), pytest.param(signal.SIGINT, id="SIGINT")]
BUILT = r"byggt på \d+,\d\d s: två pressmeddelanden\n"
STOPPED = "förhandsgranskningen är avslutad\n"


def serving(server: Server) -> str:
    """The line that says where the preview is served (as a regular expression)."""
    return re.escape(f"förhandsgranskningen visas på http://127.0.0.1:{server.port}/ – sidan laddas om när du "
                     f"sparar i {server.content} eller {TEMPLATES}; avsluta med Ctrl-C\n")


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def drafts_build(content: Path, out: Path) -> dict[str, str]:
    """The files ``build --drafts`` makes of ``content`` as of NOW (path → digest)."""
    code, _, stderr = run_cli("build", "--drafts", "--content", str(content), "--templates", str(TEMPLATES),
                              "--out", str(out), "--now", NOW)
    assert code == 0, stderr
    return tree(out)


@pytest.fixture(scope="session")
def bundled_drafts(tmp_path_factory) -> dict[str, str]:
    return drafts_build(CONTENT, tmp_path_factory.mktemp("drafts") / "preview")


def assert_whole_preview(server: Server, expected: dict[str, str]) -> None:
    """The preview folder holds exactly the files of ``expected`` (a drafts build of the same
    content), and no build left a temporary folder beside it."""
    assert sorted(p.name for p in server.out.parent.iterdir() if p.name.startswith(".preview")) == []
    assert tree(server.out) == expected


def reset(sock: socket.socket) -> None:
    """Close like a browser tab that is killed: a TCP reset, not a polite goodbye."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


@pytest.mark.parametrize("sig", SIGNALS)
def test_signal_stops_cleanly_answers_long_polls_and_frees_the_port(tmp_path, bundled_drafts, sig):
    server = Server(tmp_path, extra=("--now", NOW))
    try:
        assert server.get("/2021/beslut/")[0] == 200
        version = json.loads(server.get("/__pressrum/version")[1])["version"]
        answered: dict = {}

        def long_poll():  # what an open page's script is doing when the editor stops the server
            answered["reply"] = server.get(f"/__pressrum/version?since={version}", timeout=TIMEOUT)

        poller = threading.Thread(target=long_poll)
        poller.start()
        time.sleep(0.3)
        assert "reply" not in answered
        code, stdout, stderr = server.stop_with(sig)
    finally:
        server.stop()
    poller.join(timeout=TIMEOUT)

    assert (code, stdout) == (0, "")
    assert re.fullmatch(BUILT + serving(server) + STOPPED, stderr), stderr
    assert answered["reply"] == (200, json.dumps({"version": version, "fel": []}))
    with socket.socket() as again:  # bound as any server binds (SO_REUSEADDR), at once
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", server.port))
        again.listen()
    assert_whole_preview(server, bundled_drafts)


@pytest.mark.parametrize("sig, during", [
    pytest.param(signal.SIGTERM, "first", id="SIGTERM-first-build"),
    pytest.param(signal.SIGINT, "first", id="SIGINT-first-build"),
    pytest.param(signal.SIGTERM, "rebuild", id="SIGTERM-rebuild", marks=pytest.mark.slow),  # and a reference build
])
def test_a_signal_during_a_build_lets_it_finish_and_stops(tmp_path, bundled_drafts, sig, during):
    """The signal is sent while the build's staging folder exists (the files are being written)."""
    server = Server(tmp_path, extra=("--now", NOW), started=during != "first")
    try:
        if during == "rebuild":  # the newsroom's title is on every page: every file is staged again
            edit(server.content / "site.yaml", "titel: Delmos nyhetsrum", "titel: Delmos pressrum")
        deadline = time.monotonic() + TIMEOUT
        while not any(p.name.startswith(".preview.ny-") for p in tmp_path.iterdir()):
            assert time.monotonic() < deadline and server.proc.poll() is None, "no build started"
            time.sleep(0.0005)
        code, stdout, stderr = server.stop_with(sig)
    finally:
        server.stop()

    assert (code, stdout) == (0, "")
    expected = BUILT + STOPPED if during == "first" else BUILT + serving(server) + BUILT + STOPPED
    assert re.fullmatch(expected, stderr), stderr
    if during == "rebuild":
        assert "Delmos pressrum" in (server.out / "index.html").read_text(encoding="utf-8")
        assert_whole_preview(server, drafts_build(server.content, tmp_path / "reference"))
    else:
        assert_whole_preview(server, bundled_drafts)


@pytest.mark.slow  # two servers one after the other
def test_a_new_server_can_use_the_port_at_once(tmp_path):
    first = Server(tmp_path / "first")
    try:
        assert first.get("/")[0] == 200
        assert first.stop_with(signal.SIGTERM)[0] == 0
    finally:
        first.stop()
    second = Server(tmp_path / "second", port=first.port)
    try:
        assert second.port == first.port
        assert second.get("/")[0] == 200
        code, stdout, stderr = second.stop_with(signal.SIGINT)
    finally:
        second.stop()
    assert (code, stdout) == (0, "")
    assert re.fullmatch(BUILT + serving(second) + STOPPED, stderr), stderr


def test_300_simultaneous_connections_are_all_answered(tmp_path):
    """The standard library's listen backlog of 5 drops a burst like this (some time out)."""
    server = Server(tmp_path)
    n = 300
    results: list = []
    barrier = threading.Barrier(n)

    def one():
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        try:
            barrier.wait(timeout=TIMEOUT)
            started = time.perf_counter()
            conn.request("GET", "/2021/beslut/")
            resp = conn.getresponse()
            body = resp.read().decode("utf-8")
            results.append((resp.status, "Totalt kom 232 ansökningar in" in body,
                            time.perf_counter() - started))
        except Exception as exc:  # noqa: BLE001 - a reset or a timeout is the failure counted
            results.append((type(exc).__name__, False, 0.0))
        finally:
            conn.close()

    try:
        threads = [threading.Thread(target=one) for _ in range(n)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=TIMEOUT)
        seconds = time.perf_counter() - started
        code, stdout, stderr = server.stop_with(signal.SIGTERM)
    finally:
        server.stop()
    outcomes = {}
    for status, page, _ in results:
        outcomes[(status, page)] = outcomes.get((status, page), 0) + 1
    print(f"\nserve: {n} simultaneous connections answered in {seconds:.3f} s, the slowest in "
          f"{max(r[2] for r in results):.3f} s")
    assert outcomes == {(200, True): n}
    assert (code, stdout) == (0, "")
    assert re.fullmatch(BUILT + serving(server) + STOPPED, stderr), stderr


def test_browsers_that_disconnect_mid_response_print_nothing(tmp_path):
    server = Server(tmp_path)
    try:
        for path in ("/", "/2021/beslut/", "/rss.xml", "/style.css", "/finns-inte/"):  # gone before the answer
            for _ in range(6):
                sock = socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT)
                sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
                reset(sock)
        for path in ("/2021/beslut/", "/rss.xml"):  # gone after the first bytes of the answer
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT)
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            assert sock.recv(1).startswith(b"H")
            reset(sock)
        # A page's long poll whose tab is closed: the server answers it after the next build,
        # into a connection that is gone.
        version = json.loads(server.get("/__pressrum/version")[1])["version"]
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT)
        sock.sendall(f"GET /__pressrum/version?since={version} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        time.sleep(0.3)
        reset(sock)
        edit(server.content / "rounds" / "2021" / "round.yaml", "ansökningar: 232", "ansökningar: 241")
        server.wait_for_line(r"^byggt på")
        time.sleep(0.5)  # the answer to the closed poll is written now
        assert server.get("/2021/beslut/")[0] == 200  # and the server still serves
        code, stdout, stderr = server.stop_with(signal.SIGTERM)
    finally:
        server.stop()
    assert (code, stdout) == (0, "")
    assert re.fullmatch(BUILT + serving(server) + BUILT + STOPPED, stderr), stderr
