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
        # The workers are forked with Ctrl-C and SIGTERM blocked, so neither can reach one before
        # _worker_start has set its handlers (a Ctrl-C then would print a worker's traceback).
        # The pool's threads, started meanwhile, keep them blocked. In this thread Ctrl-C stays
        # blocked while the pool lives and is taken only where _results looks for it: raised
        # anywhere inside multiprocessing (starting, stopping, collecting the pool) it would
        # print a traceback and could leave workers behind.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _WORKER_SIGNALS)
        pool = None
        try:
            pool = context.Pool(processes, initializer=_worker_start, initargs=(fn, held))
            signal.pthread_sigmask(signal.SIG_SETMASK, set(held) | {signal.SIGINT})  # SIGTERM as it was
            yield from _results(pool.imap(_call, items), multiprocessing.TimeoutError)
        finally:
            try:
                if pool is not None:
                    pool.terminate()  # SIGTERM to the workers, which ends them quietly; waits for them
                pool = None  # collected here, with Ctrl-C still held
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a Ctrl-C held until now comes here


def _results(results, timeout_error, poll: float = 0.05) -> Iterator:
    """The pool's results in order; a Ctrl-C that came meanwhile is taken between them (within
    ``poll`` seconds) and handled as this process handles it (a KeyboardInterrupt, normally)."""
    try:
        while True:
            if signal.SIGINT in signal.sigpending():
                signal.sigtimedwait({signal.SIGINT}, 0)
                handler = signal.getsignal(signal.SIGINT)
                if callable(handler):
                    handler(signal.SIGINT, None)
                elif handler == signal.SIG_DFL:
                    raise KeyboardInterrupt
            try:
                item = results.next(timeout=poll)
            except StopIteration:
                return
            except timeout_error:
                continue
            yield item
    finally:
        # The traceback of whatever ends this keeps the frame: not the pool too, whose pipes
        # would then be collected wherever the exception is let go (and Ctrl-C no longer held).
        results = None  # noqa: F841


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


_WORKER_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_task: Callable | None = None  # set in each worker process only, by _worker_start


def _worker_start(fn: Callable, mask: set) -> None:
    """Ctrl-C is the main process's to handle (it stops the workers and leaves the site as it
    was); a worker that took it too would print a traceback. SIGTERM, which the main process
    sends to stop the workers, ends a worker whatever handler its parent had set. Both were
    blocked from the fork until here; ``mask`` is the parent's mask before that."""
    global _task
    _task = fn
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, set(mask) - _WORKER_SIGNALS)


def _call(item):
    try:
        return _task(item)
    except Exception as exc:  # noqa: BLE001 - sent to the main process, which raises it
        raise _portable(exc) from None


def _portable(exc: Exception) -> Exception:
    """``exc`` if it survives the pickling to the main process, else a plain error saying what it
    was: an exception that cannot be rebuilt there would stop the pool's result thread with a
    traceback and leave the build waiting for ever."""
    import pickle

    try:
        if type(pickle.loads(pickle.dumps(exc))) is type(exc):
            return exc
    except Exception:  # noqa: BLE001 - any failure to travel is the same failure
        pass
    return RuntimeError(f"{type(exc).__name__}: {exc}")
