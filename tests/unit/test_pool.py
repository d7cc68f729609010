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


def _parts(i):
    """An item whose result is made in parts (as a run of rounds is)."""
    for k in range(i % 4):
        yield (i, k, b"x" * (i * 1000))


def test_an_iterator_result_is_the_list_of_its_parts_in_order(no_children_left):
    serial = [list(run) for run in Serial().map(_parts, range(30))]
    forked = list(Forked(2).map(_parts, range(30), 2))
    assert forked == serial
    assert all(isinstance(run, list) for run in forked)
    assert forked[7] == [(7, 0, b"x" * 7000), (7, 1, b"x" * 7000), (7, 2, b"x" * 7000)]
    assert forked[4] == []


def test_a_worker_sends_each_part_as_soon_as_it_is_made(no_children_left, monkeypatch):
    """The worker keeps no part once made (at 20 000 releases a run of rounds held back whole
    was about 12 MiB more in each worker): the first part reaches the main process while the
    worker is still making the second."""
    import pickle
    import time

    arrived = []
    receive, main = pool._receive, os.getpid()

    def logged(conn):
        data = receive(conn)
        if os.getpid() == main:  # the workers inherit it, to read their items
            arrived.append((pickle.loads(data)[0], time.monotonic()))
        return data

    monkeypatch.setattr(pool, "_receive", logged)

    def slow(i):
        yield "first"
        time.sleep(0.5)
        yield "second"

    assert list(Forked(2).map(slow, range(2), 2)) == [["first", "second"]] * 2
    kinds = [kind for kind, _ in arrived]
    assert kinds.count(pool._PART) == 4 and kinds.count(pool._PARTS_END) == 2
    first = min(t for kind, t in arrived if kind == pool._PART)
    assert max(t for kind, t in arrived) - first >= 0.4


def test_a_problem_after_some_parts_is_raised_at_its_place_in_the_order(no_children_left):
    def work(i):
        yield i
        if i == 5:
            raise ValueError("fem")
        yield -i

    seen = []
    with pytest.raises(ValueError, match="fem"):
        for run in Forked(2).map(work, range(12), 2):
            seen.append(run)
    assert seen == [[i, -i] for i in range(5)]


@pytest.mark.parametrize("result", [b"", "parts", 1, None, ("a", "b"), [1, 2]])
def test_a_plain_result_is_sent_whole_whatever_its_value(result, no_children_left):
    assert list(Forked(2).map(lambda i: result, range(8), 2)) == [result] * 8
