"""No observer ever sees a half-published site, and Ctrl-C says what is true (issue 18, item 6).

The content is the benchmark's generator for a few rounds; two states alternate: with Gotland's
county file in every round and without it, so each build adds or removes local releases, the
county's pages and feeds, and changes the national releases and the feeds that list them.
Builds run as the user runs them (``python build.py build``, in a subprocess, with the build
cache, so after the first build each one is an incremental update), under a small harness:

* every rename, replace, unlink and rmdir of a path inside the published folder takes a few
  milliseconds, as on a slow or busy disk. This widens any window in which the published tree
  is being changed piece by piece; a commit that swaps a complete staged tree in one step has
  no such window to widen (it does not touch the published folder's files);
* ``Staging.commit`` prints ``commit`` when it starts and ``committed`` when it returns, so a
  kill or a Ctrl-C can be timed to land during the commit.

A reader polls the output the way a web server does (by path): a snapshot is taken twice over
(sizes, times, inodes) and used only when both agree, i.e. it is the tree at one moment. In a
snapshot every internal link of every HTML page, feed and the sitemap must name a file there,
and after a kill or Ctrl-C the whole tree must be exactly one of the two states.
"""
from __future__ import annotations

import os
import posixpath
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT, TEMPLATES, bench_module

NOW = "2100-12-31T12:00"
BASE = "https://press.delmos.se/"  # the generated site.yaml's bas-url
DELAY = "0.004"  # seconds per change to a published file under the harness
OBSERVED_DELAY = "0.03"  # with a reader polling: longer than one of its snapshots takes
UNCHANGED = "avbrutet – utmappen är oförändrad\n"
PUBLISHED = "avbrutet – det nya bygget hann publiceras, utmappen är uppdaterad\n"

HARNESS = r"""
import os, sys, time
out = os.path.realpath(sys.argv[sys.argv.index("--out") + 1]) + os.sep
delay = float(os.environ["ATOMIC_TEST_DELAY"])

def slowed(fn):
    def wrapper(*args, **kwargs):
        if any(isinstance(a, (str, os.PathLike)) and os.fspath(a).startswith(out) for a in args[:2]):
            time.sleep(delay)
        return fn(*args, **kwargs)
    return wrapper

for name in ("replace", "rename", "unlink", "rmdir"):
    setattr(os, name, slowed(getattr(os, name)))

import pressrum.output
commit = pressrum.output.Staging.commit

def announced(self, files):
    print("commit", flush=True)
    try:
        return commit(self, files)
    finally:
        print("committed", flush=True)

pressrum.output.Staging.commit = announced
from pressrum.cli import command
command()  # as build.py ends: a Ctrl-C after main has returned is ignored
"""


# --- the two states ----------------------------------------------------------------------------

class Newsroom:
    """A generated content folder whose Gotland files come and go, its output, and the exact
    tree of each state (built from scratch, without the cache)."""

    def __init__(self, root: Path, generated: Path):
        self.root, self.content, self.out = root, root / "content", root / "releases"
        shutil.copytree(generated, self.content)
        self.gotland = {p: p.read_bytes() for p in sorted(self.content.glob("rounds/*/lan/gotland.yaml"))}
        assert len(self.gotland) >= 2
        self.with_gotland = True
        self.expected = {}
        for state in (True, False):
            self.set_state(state)
            ref = root / f"ref-{state}"
            proc = subprocess.run(self.command(ref, harness=False), cwd=ROOT, capture_output=True, text=True,
                                  timeout=300, env=dict(os.environ, PRESSRUM_CACHE="0"))
            assert proc.returncode == 0, proc.stderr
            self.expected[state] = tree(ref)
            shutil.rmtree(ref)
        assert any("gotland" in rel for rel in self.expected[True])
        assert not any("/gotland/" in rel for rel in self.expected[False])

    def set_state(self, with_gotland: bool) -> None:
        for path, data in self.gotland.items():
            if with_gotland:
                path.write_bytes(data)
            elif path.exists():
                path.unlink()
        self.with_gotland = with_gotland

    def command(self, out: Path | None = None, harness: bool = True) -> list[str]:
        start = ["-c", HARNESS] if harness else [str(ROOT / "build.py")]
        return [sys.executable, *start, "build", "--content", str(self.content), "--templates", str(TEMPLATES),
                "--out", str(out or self.out), "--now", NOW, "--unpublish"]  # Gotland's releases go on purpose

    def build(self, delay: str = DELAY) -> None:
        proc = subprocess.run(self.command(), cwd=ROOT, capture_output=True, text=True, timeout=300,
                              env=dict(_env(), ATOMIC_TEST_DELAY=delay))
        assert proc.returncode == 0, proc.stderr

    def start(self, workers: int = 1) -> subprocess.Popen:
        return subprocess.Popen(self.command(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=_env(workers), start_new_session=True)

    def state_of_output(self) -> bool | None:
        """True or False when the output is exactly that state, None for anything else (a mix)."""
        current = tree(self.out)
        return next((state for state, files in self.expected.items() if files == current), None)


def _env(workers: int = 1) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PRESSRUM_CACHE"}
    return dict(env, ATOMIC_TEST_DELAY=DELAY, PRESSRUM_WORKERS=str(workers))


def tree(root: Path) -> dict[str, bytes]:
    """Every file of the site but the marker (the same in both states), by path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and p.name != ".pressrum-utdata"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("atomic") / "content"
    assert bench_module().generate(22 * 8, content) == 22 * 8  # eight rounds: enough for two workers
    return content


@pytest.fixture
def newsroom(tmp_path, generated) -> Newsroom:
    room = Newsroom(tmp_path, generated)
    room.set_state(True)
    room.build()
    assert room.state_of_output() is True
    return room


# --- the reader --------------------------------------------------------------------------------

_LINK = re.compile(rb'(?:href|src)="([^"]*)"|<link>([^<]*)</link>|<loc>([^<]*)</loc>')


def _scan(out: Path) -> dict[str, tuple[int, int, int]]:
    state = {}
    for folder, _, names in os.walk(out):
        for name in names:
            st = os.lstat(os.path.join(folder, name))
            state[os.path.relpath(os.path.join(folder, name), out)] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return state


def snapshot(out: Path, known: dict | None = None) -> dict[str, bytes] | None:
    """The HTML pages, feeds and sitemap of the output at one moment (None: it changed while being
    read, or there is none). Files are never written through, so a file whose inode, size and time
    agree before and after its read was read as it was throughout. ``known``: the bytes of files
    read before, by (path, inode, size, time), so a reader polling often reads only what changed."""
    known = {} if known is None else known
    try:
        first = _scan(out)
        pages = {}
        for rel, stamp in first.items():
            if rel.endswith((".html", ".xml")):
                key = (rel, *stamp)
                if key not in known:
                    known[key] = (out / rel).read_bytes()
                pages[rel] = known[key]
        second = _scan(out)
    except OSError:
        return None
    if not first or first != second:
        return None
    return {rel: pages.get(rel, b"") for rel in first}


def broken_links(site: dict[str, bytes]) -> list[str]:
    """``page -> target`` for every internal link of the snapshot that names no file in it."""
    broken = []
    for page, data in site.items():
        if not page.endswith((".html", ".xml")) or page == "404.html":  # 404.html is served from anywhere
            continue
        for match in _LINK.finditer(data):
            url = unquote(next(g for g in match.groups() if g is not None).decode()).replace("&amp;", "&")
            path = _target(page, url)
            if path is not None and path not in site:
                broken.append(f"{page} -> {url}")
    return broken


def _target(page: str, url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if not url.startswith(BASE):
            return None  # mailto:, tel:, another site
        path = parts.path[len(urlsplit(BASE).path):]
    elif parts.path == "":
        return None  # #fragment on the page itself
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
        if parts.path.endswith("/"):
            path = "" if path == "." else path + "/"
    return path + "index.html" if path == "" or path.endswith("/") else path


class Reader(threading.Thread):
    """Polls the output until stopped; keeps the first broken snapshot's links."""

    def __init__(self, out: Path):
        super().__init__(daemon=True)
        self.out, self.stop, self.snapshots, self.broken = out, threading.Event(), 0, []

    def run(self):
        known = {}
        while not self.stop.is_set():
            site = snapshot(self.out, known)
            if site is None:
                continue
            self.snapshots += 1
            if not self.broken:
                self.broken = broken_links(site)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.join()


def test_the_reader_sees_a_broken_link():
    """The reader's own check: a page linking to a file that is not in the snapshot is reported."""
    site = {"index.html": b'<a href="2021/beslut/gotland/">x</a><a href="https://press.delmos.se/lan/">y</a>'
                          b'<a href="mailto:a@b.se">m</a><a href="#top">t</a>',
            "lan/index.html": b"", "atom.xml": b'<link href="https://press.delmos.se/2021/beslut/"/>',
            "2021/beslut/index.html": b'<a href="../../">start</a>'}
    assert broken_links(site) == ["index.html -> 2021/beslut/gotland/"]


# --- (a) an observer during repeated builds ----------------------------------------------------

def _observe(newsroom: Newsroom, builds: int) -> None:
    with Reader(newsroom.out) as reader:
        for _ in range(builds):
            newsroom.set_state(not newsroom.with_gotland)
            newsroom.build(delay=OBSERVED_DELAY)
            assert newsroom.state_of_output() is newsroom.with_gotland
            assert not reader.broken, reader.broken[:5]
    assert reader.snapshots > builds  # it did look, between and during the builds
    assert not reader.broken, reader.broken[:5]


def test_an_observer_never_sees_a_broken_link_during_updates(newsroom):
    _observe(newsroom, 3)


@pytest.mark.slow
def test_an_observer_never_sees_a_broken_link_during_thirty_updates(newsroom):
    _observe(newsroom, 30)


# --- (b) kill -9 during the commit, (c) Ctrl-C during the commit --------------------------------

def _commit_span(newsroom: Newsroom) -> float:
    """How long a commit takes here (seconds), measured on one build of each kind of change."""
    spans = []
    for _ in range(2):
        newsroom.set_state(not newsroom.state_of_output())
        proc = newsroom.start()
        assert proc.stdout.readline() == "commit\n"
        started = time.monotonic()
        assert proc.stdout.readline() == "committed\n"
        spans.append(time.monotonic() - started)
        proc.communicate(timeout=120)
        assert proc.returncode == 0
    return max(spans)


def _interrupt(newsroom: Newsroom, sig: int, delay: float, workers: int = 1, at_commit: bool = True):
    """Start a build of the state the output is not in, send ``sig`` to its processes ``delay``
    seconds after its commit starts (or after it starts), and return (exit code, stdout, stderr,
    the state the output was in before)."""
    old = newsroom.state_of_output()
    assert old is not None
    newsroom.set_state(not old)
    proc = newsroom.start(workers)
    try:
        if at_commit:
            line = proc.stdout.readline()
            assert line == "commit\n", line + proc.stderr.read()
        time.sleep(delay)
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass  # it had already finished
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return proc.returncode, out, err, old


def _kill_loop(newsroom: Newsroom, runs: int) -> None:
    span, rng, left = _commit_span(newsroom), random.Random(18), []
    for run in range(runs):
        code, _, err, old = _interrupt(newsroom, signal.SIGKILL, rng.uniform(0, 1.2 * span))
        state = newsroom.state_of_output()
        left.append(state)
        site = snapshot(newsroom.out)
        assert site is not None and broken_links(site) == [], f"run {run}: {broken_links(site or {})[:5]}"
        assert state is not None, f"run {run}: killed during the commit, the output is a mix of both states"
        assert code in (-signal.SIGKILL, 0), err
    # A killed build's leftovers never stay: the next build removes them (and publishes).
    newsroom.set_state(not newsroom.state_of_output())
    newsroom.build()
    assert newsroom.state_of_output() is newsroom.with_gotland
    assert [p.name for p in newsroom.root.iterdir() if p.name.startswith(".releases.")] == []


def test_kill_9_during_the_commit_leaves_one_state(newsroom):
    _kill_loop(newsroom, 3)


@pytest.mark.slow
def test_kill_9_during_the_commit_leaves_one_state_thirty_times(newsroom):
    _kill_loop(newsroom, 30)


def _ctrl_c_loop(newsroom: Newsroom, runs: int) -> None:
    """Half the runs are timed around the commit, half anywhere in a build in two worker processes."""
    span, rng = _commit_span(newsroom), random.Random(6)
    for run in range(runs):
        at_commit = run % 2 == 0
        delay = rng.uniform(0, 1.2 * span) if at_commit else rng.uniform(0.3, 3.0)
        code, out, err, old = _interrupt(newsroom, signal.SIGINT, delay, workers=2, at_commit=at_commit)
        state = newsroom.state_of_output()
        assert "Traceback" not in err and "Error" not in err, f"run {run}: {err}"
        assert state is not None, f"run {run}: interrupted during the commit, the output is a mix ({err!r})"
        done = out.endswith(f"filer i {newsroom.out}\n")
        if code == 0:  # finished before the signal came
            assert state is not old and done and err == "", f"run {run}: {out!r} {err!r}"
        elif code == -signal.SIGINT:
            # Before Python's handler is set (starting up) or after it is gone (shutting down, the
            # "klart" line printed): the process just ends, saying nothing untrue.
            assert err == "" and done is (state is not old), f"run {run}: {out!r} {err!r}"
        else:
            assert code == 130, err
            assert err == (PUBLISHED if state is not old else UNCHANGED), f"run {run}: {err!r}"


def test_ctrl_c_during_the_commit_says_what_is_true(newsroom):
    _ctrl_c_loop(newsroom, 3)


@pytest.mark.slow
def test_ctrl_c_during_the_commit_says_what_is_true_thirty_times(newsroom):
    _ctrl_c_loop(newsroom, 30)


def test_ctrl_c_just_after_the_commit_says_the_site_was_published(newsroom):
    """The new site is out once the commit returns; a Ctrl-C then (saving the cache, printing)
    must not claim the output is unchanged."""
    old = newsroom.state_of_output()
    newsroom.set_state(not old)
    proc = newsroom.start()
    try:
        assert proc.stdout.readline() == "commit\n"
        assert proc.stdout.readline() == "committed\n"
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert newsroom.state_of_output() is (not old)
    if proc.returncode == -signal.SIGINT:
        # After Python's handler is gone (shutting down, the "klart" line printed), as in the
        # loop above: the process just ends, having said only what is true.
        assert err == "" and out.endswith(f"filer i {newsroom.out}\n"), (out, err)
    else:
        assert (proc.returncode, err) in ((130, PUBLISHED), (0, "")), err


# --- workers die quietly -----------------------------------------------------------------------

_POOL_FAILS = r"""
import sys
from pressrum.errors import BuildFailed, Place, Problem
from pressrum.pool import Forked

def fail(i):
    if i == 5:
        raise BuildFailed([Problem(Place("mall.html.j2", 3, 1), "okänt namn i mallen", "rätta stavningen")])
    if i == 6:
        raise ValueError(lambda: None)  # cannot be pickled back to the main process
    return i

try:
    list(Forked(2).map(fail, range(12), 2))
except BuildFailed as exc:
    print([p.text() for p in exc.problems])
"""


def test_a_problem_raised_in_a_worker_reaches_the_main_process_whole():
    """A template problem found in a worker (the newsroom pages of a large site are made there)
    reaches the main process as the same problems, instead of stopping the pool's result thread
    with an English traceback and leaving the build waiting for ever."""
    proc = subprocess.run([sys.executable, "-c", _POOL_FAILS], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == "['mall.html.j2:3:1: okänt namn i mallen – rätta stavningen']\n"


_POOL_SIGNALS = r"""
import os, signal, sys
from pressrum.pool import Forked

def state(i):
    return (signal.getsignal(signal.SIGINT) == signal.SIG_IGN, signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, ()))

signal.signal(signal.SIGINT, signal.default_int_handler)
print(sorted(set(Forked(2).map(state, range(8), 2))), signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, ()))
"""


def test_workers_ignore_ctrl_c_and_the_main_process_keeps_it():
    """Workers leave Ctrl-C to the main process (ignored, not blocked, so it is never pending), and
    the main process's mask is as it was."""
    proc = subprocess.run([sys.executable, "-c", _POOL_SIGNALS], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stderr, proc.stdout) == (0, "", "[(True, False)] False\n")


_POOL_STORM = r"""
import signal, sys, time
from pressrum.pool import Forked

sys.excepthook = lambda *exc: None  # this loop's own Ctrl-C, outside its try, is not the pool's
signal.signal(signal.SIGINT, signal.default_int_handler)  # as cli.main has it

def same(i):
    return i

def storm():
    while time.monotonic() < end:
        try:
            list(Forked(2).map(same, range(8), 2))
        except KeyboardInterrupt:
            pass

print("igång", flush=True)
end = time.monotonic() + 3
while time.monotonic() < end:
    try:
        storm()
    except KeyboardInterrupt:
        pass
"""


def test_a_storm_of_ctrl_c_while_workers_start_and_stop_prints_nothing():
    """Ctrl-C every 20 ms to the whole process group while worker pools start and stop (a user
    holding Ctrl-C down): no worker and no clean-up of multiprocessing prints a traceback, and
    nothing is left waiting."""
    proc = subprocess.Popen([sys.executable, "-c", _POOL_STORM], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert proc.stdout.readline() == "igång\n"
        end = time.monotonic() + 2.5
        while time.monotonic() < end and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
            time.sleep(0.02)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert "Traceback" not in err and "Exception ignored" not in err, err[-2000:]


# A Ctrl-C once the command's work is done and said: here while Python shuts down and waits for
# a thread, the window the thirty-run loop above hit once by chance (run 18 of 30, in CI).
LATE_CTRL_C = r"""
import os, signal, sys, threading, time
import pressrum.cli as cli

def done():
    def late():
        time.sleep(0.3)  # by then the main thread is in threading._shutdown, waiting for this one
        os.kill(os.getpid(), signal.SIGINT)
    threading.Thread(target=late).start()
    print("klart")
    return 0

cli.main = done
cli.command()
"""


def test_a_ctrl_c_after_the_command_has_finished_changes_nothing():
    proc = subprocess.run([sys.executable, "-c", LATE_CTRL_C], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "klart\n", "")
