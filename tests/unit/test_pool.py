"""pool.py: Serial and Forked give the same results in the same order."""
from __future__ import annotations

import os
import signal

import pytest

from pressrum import pool
from pressrum.pool import Forked, Serial, pool_of


@pytest.mark.parametrize("workers, items, processes", [
    (1, 100, 1), (2, 7, 1), (2, 8, 2), (3, 11, 2), (3, 12, 3), (8, 100, 8),
])
def test_processes_worth_starting(workers, items, processes, monkeypatch):
    monkeypatch.setattr(pool, "fork_safe", lambda: True)  # under pytest-xdist this process has threads
    assert Forked(workers).processes(items) == processes
    assert Serial().processes(items) == 1


def test_forked_map_is_serial_map_in_order_and_runs_elsewhere():
    offset = 1000  # a closure: reaches the workers through the fork, never pickled

    def work(i):
        return i + offset, os.getpid()

    items = list(range(40))
    serial = list(Serial().map(work, items))
    forked = list(Forked(2).map(work, items, 2))
    assert [v for v, _ in forked] == [v for v, _ in serial] == [i + offset for i in items]
    assert os.getpid() not in {pid for _, pid in forked}


def test_never_forks_while_other_threads_run(monkeypatch):
    monkeypatch.setattr(pool, "fork_safe", lambda: False)
    assert Forked(8).processes(1000) == 1


def test_pool_of():
    assert isinstance(pool_of(1), Serial)
    assert isinstance(pool_of(3), Forked) and pool_of(3).workers == 3


def _children() -> set[int]:
    """This process's children, running or zombies (other tests may have left servers running)."""
    found = set()
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == os.getpid():
            found.add(int(entry))
    return found


@pytest.fixture
def no_children_left():
    """The test leaves no child of its own behind, running or as a zombie."""
    before = _children()
    yield
    assert _children() - before == set()


def test_results_larger_than_a_socket_buffer_come_whole_and_in_order(no_children_left):
    def big(i):
        return bytes([i]) * (3_000_000 + i)  # socket buffers hold a few hundred kilobytes

    got = list(Forked(2).map(big, range(9), 2))
    assert [(len(b), b[:1], b[-1:]) for b in got] == [(3_000_000 + i, bytes([i]), bytes([i])) for i in range(9)]


def test_a_map_left_half_way_stops_and_collects_every_worker(no_children_left):
    results = Forked(3).map(lambda i: i * 2, range(100), 3)
    assert [next(results), next(results)] == [0, 2]
    results.close()  # the caller stopped (a problem, Ctrl-C): no worker is left running or a zombie


def test_a_worker_killed_is_a_message_not_a_wait_for_ever(no_children_left):
    """A worker the kernel kills (out of memory) ends the map with a Swedish message; with
    multiprocessing.Pool a new worker was started and the build waited for the lost result."""
    def work(i):
        if i == 5:
            os.kill(os.getpid(), signal.SIGKILL)
        return i

    with pytest.raises(pool.WorkerLost) as caught:
        list(Forked(2).map(work, range(12), 2))
    assert caught.value.status == -9
    assert str(caught.value) == ("en arbetsprocess avslutades oväntat (signal 9, kanske slut på minne) – bygg igen, "
                                 "eller med PRESSRUM_WORKERS=1 (en process); utmappen är oförändrad")


def test_a_problem_in_a_worker_is_raised_at_its_place_in_the_order(no_children_left):
    def work(i):
        if i == 7:
            raise ValueError("sju")
        return i

    seen = []
    with pytest.raises(ValueError, match="sju"):
        for value in Forked(2).map(work, range(20), 2):
            seen.append(value)
    assert seen == list(range(7))
