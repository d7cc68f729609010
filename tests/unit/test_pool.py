"""pool.py: Serial and Forked give the same results in the same order."""
from __future__ import annotations

import os

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
