"""Where work runs: in this process (:class:`Serial`) or in forked worker processes (:class:`Forked`).

Both have the same interface (as Sphinx's ``SerialTasks`` and ``ParallelTasks``): ``processes(n)``
says how many processes ``n`` items are worth, and ``map(fn, items, processes)`` calls ``fn`` on
each item and yields the results in order, as they come. The pipeline never asks which one it has;
neither changes a byte of the output (tests/test_cache.py builds with one, two and three workers).
"""
from __future__ import annotations

import os
import signal
import threading
from typing import Callable, Iterable, Iterator, Protocol

MIN_ITEMS_PER_WORKER = 4  # fewer items than this per worker: forking costs more than it saves


class Pool(Protocol):
    def processes(self, items: int) -> int: ...

    def map(self, fn: Callable, items: Iterable, processes: int) -> Iterator: ...


class Serial:
    """Everything in this process (the preview server, which has threads, and small builds)."""

    def processes(self, items: int) -> int:
        return 1

    def map(self, fn: Callable, items: Iterable, processes: int = 1) -> Iterator:
        for item in items:
            yield fn(item)


class Forked:
    """Up to ``workers`` forked processes. ``fn`` reaches them through the fork (so a closure over
    the Jinja environment will do); each item and each result is pickled."""

    def __init__(self, workers: int):
        self.workers = workers

    def processes(self, items: int) -> int:
        """Worker processes worth starting for ``items`` items (1: do them here)."""
        n = min(self.workers, items // MIN_ITEMS_PER_WORKER)
        # A fork copies only the calling thread: a lock another thread holds would stay locked.
        return n if n >= 2 and fork_safe() else 1

    def map(self, fn: Callable, items: Iterable, processes: int) -> Iterator:
        if processes < 2:
            yield from Serial().map(fn, items)
            return
        import multiprocessing

        context = multiprocessing.get_context("fork")
        with context.Pool(processes, initializer=_worker_start, initargs=(fn,)) as pool:
            yield from pool.imap(_call, items)


def pool_of(workers: int | None) -> Serial | Forked:
    """The pool for ``workers`` processes (None: one per available core)."""
    n = available_cores() if workers is None else workers
    return Forked(n) if n > 1 else Serial()


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def fork_safe() -> bool:
    """True when this process has one thread, so a forked child cannot inherit a lock held by
    another (watchfiles' and other native threads count: threading does not see them)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return threading.active_count() == 1


_task: Callable | None = None  # set in each worker process only, by _worker_start


def _worker_start(fn: Callable) -> None:
    """Ctrl-C is the main process's to handle (it stops the workers and leaves the site as it
    was); a worker that took it too would print a traceback. SIGTERM, which the main process
    sends to stop the workers, ends a worker whatever handler its parent had set."""
    global _task
    _task = fn
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _call(item):
    return _task(item)
