"""Where work runs: in this process (:class:`Serial`) or in forked worker processes (:class:`Forked`).

Both have the same interface (as Sphinx's ``SerialTasks`` and ``ParallelTasks``): ``processes(n)``
says how many processes ``n`` items are worth, and ``map(fn, items, processes)`` calls ``fn`` on
each item and yields the results in order, as they come. When ``fn`` returns an iterator (a run of
rounds), a worker sends each of its parts as soon as it is made and the result is their list; in
this process the iterator itself. The pipeline never asks which one it has; neither changes a
byte of the output (tests/test_cache.py builds with one, two and three workers).
"""
from __future__ import annotations

import gc
import os
import signal
import struct
import threading
from collections import abc
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Protocol

from . import ctrl_c

if TYPE_CHECKING:
    import socket

# pickle, select and socket are imported where workers are started and spoken to: a build with
# nothing to do, or one in this process, never needs them.

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
    the Jinja environment will do); each item and each result is pickled.

    Each worker has a socket of its own to the main process and is given one item at a time, the
    next when its result is in. Nothing is shared between the workers, so a worker can be stopped
    at any instant: multiprocessing.Pool shares one lock-guarded result queue, and a worker stopped
    by ``terminate()`` while it held that lock left the pool's task thread waiting for ever
    (tests/test_atomic.py holds Ctrl-C down while pools start and stop; one run in four hung)."""

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
        # Ctrl-C and SIGTERM are blocked from before the first fork until every worker is gone:
        # a worker is forked with both blocked, so neither reaches it before _serve has set its
        # handlers, and in this process a Ctrl-C is taken only where _results looks for it,
        # never between a fork and noting the worker (which would then be left behind).
        with ctrl_c.blocked() as held:
            workers: list[_Worker] = []
            try:
                for _ in range(processes):
                    workers.append(_fork(fn, held, workers))
                signal.pthread_sigmask(signal.SIG_SETMASK, set(held) | {signal.SIGINT})  # SIGTERM as it was
                yield from _results(workers, iter(items))
            finally:
                _stop(workers)  # then the mask as it was: a Ctrl-C held until now comes here


class WorkerLost(Exception):
    """A worker process ended without sending its result (killed, or out of memory)."""

    def __init__(self, status: int):
        self.status = status
        how = f"signal {-status}" if status < 0 else f"slutkod {status}"
        super().__init__(f"en arbetsprocess avslutades oväntat ({how}, kanske slut på minne)"
                         " – bygg igen, eller med PRESSRUM_WORKERS=1 (en process); utmappen är oförändrad")


class _Worker:
    """One forked worker: its process id and the main process's end of its socket (a plain
    socket: multiprocessing's Connection has a ``__del__``, where a Ctrl-C that comes while it is
    collected is printed as 'Exception ignored')."""

    def __init__(self, pid: int, conn: socket.socket):
        self.pid: int | None = pid
        self.conn = conn
        self.status: int | None = None


def _fork(fn: Callable, mask: set, started: list[_Worker]) -> _Worker:
    import pickle  # noqa: F401 - here, before the fork, so that no worker imports it on its own
    import socket

    _malloc_trim()  # likewise ctypes, once

    ours, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:  # the worker: it never returns to the caller's code
        status = 1
        try:
            # Everything the worker inherited is moved out of the collector's reach: a collection
            # in the worker would otherwise write to every inherited object's header and so copy
            # every page of the main process's heap (at 20 000 releases that doubled the memory
            # of all processes together). The worker's own new objects are collected as usual.
            gc.freeze()
            ours.close()
            for other in started:  # else a worker would keep another's socket open past its end
                other.conn.close()
            _serve(fn, theirs, mask)
            status = 0
        finally:
            os._exit(status)
    theirs.close()
    return _Worker(pid, ours)


def _serve(fn: Callable, conn, mask: set) -> None:
    """A worker's life: items in, results (or the problem) out, until the main process closes the
    socket. Ctrl-C is the main process's to handle (it stops the workers and leaves the site as it
    was): a worker that took it too would print a traceback. SIGTERM, which the main process sends
    to stop the workers, ends a worker whatever handler its parent had set. Both were blocked from
    the fork until here; ``mask`` is the parent's mask before that."""
    import pickle

    ctrl_c.in_forked_child(mask)
    while True:
        try:
            item = pickle.loads(_receive(conn))
        except EOFError:
            return
        value = data = None
        try:
            value = fn(item)
            if isinstance(value, abc.Iterator):
                # Each part goes to the main process as soon as it is made, so the worker holds
                # one part at a time, not all of the item's (a run of 114 rounds at 20 000
                # releases held about 12 MiB more in each worker).
                for part in value:
                    _send(conn, pickle.dumps((_PART, part)))
                    del part
                data = pickle.dumps((_PARTS_END, None))
            else:
                data = pickle.dumps((_LAST, value))
        except Exception as exc:  # noqa: BLE001 - sent to the main process, which raises it
            data = pickle.dumps((_FAILED, _portable(exc)))
        _send(conn, data)
        del value, data
        _trim()


def _results(workers: list[_Worker], items: Iterator, poll: float = 0.05) -> Iterator:
    """``fn`` of each item, in order, as the workers send them; each worker has one item at a time.
    A Ctrl-C that came meanwhile is taken between them (within ``poll`` seconds) and handled as
    this process handles it (a KeyboardInterrupt, normally)."""
    import pickle

    idle = list(workers)
    busy: dict = {}  # a worker's socket: (the worker, the index of its item)
    done: dict[int, tuple[bool, object]] = {}  # results that came before an earlier one
    parts: dict[int, list] = {}  # the parts of an item's result so far (fn returned an iterator)
    sent = given = 0
    more = True
    while True:
        while more and idle:
            item = next(items, _END)
            if item is _END:
                more = False
                break
            worker = idle.pop()
            try:
                _send(worker.conn, pickle.dumps(item))
            except OSError:  # it has gone (a broken socket)
                raise WorkerLost(_reap(worker)) from None
            busy[worker.conn] = (worker, sent)
            sent += 1
        while given in done:
            ok, value = done.pop(given)
            given += 1
            if not ok:
                raise value
            yield value
        if not more and given == sent:
            return
        ctrl_c.take_pending()
        for conn in _readable(list(busy), poll):
            worker, index = busy[conn]
            try:
                kind, value = pickle.loads(_receive(conn))
            except (EOFError, OSError):
                raise WorkerLost(_reap(worker)) from None
            if kind == _PART:
                parts.setdefault(index, []).append(value)
                continue
            del busy[conn]
            done[index] = (kind != _FAILED, parts.pop(index, []) if kind == _PARTS_END else value)
            idle.append(worker)


def _stop(workers: list[_Worker]) -> None:
    """Every worker ended and collected: none is left running or as a zombie."""
    for worker in workers:
        worker.conn.close()  # an idle worker sees the end and leaves
        if worker.pid is not None:
            os.kill(worker.pid, signal.SIGTERM)  # a busy one (stopped by Ctrl-C or a problem) too
    for worker in workers:
        _reap(worker)


def _reap(worker: _Worker) -> int:
    """How ``worker`` ended (its exit code, or minus the signal that ended it), once it has."""
    if worker.pid is None:
        return worker.status
    _, status = os.waitpid(worker.pid, 0)
    worker.pid, worker.status = None, os.waitstatus_to_exitcode(status)
    return worker.status


def _send(conn: socket.socket, data: bytes) -> None:
    conn.sendall(_LENGTH.pack(len(data)) + data)


def _receive(conn: socket.socket) -> bytearray:
    """One message whole (EOFError: the other end has closed the socket)."""
    (size,) = _LENGTH.unpack(_read(conn, _LENGTH.size))
    return _read(conn, size)


def _read(conn: socket.socket, size: int) -> bytearray:
    data = bytearray(size)
    view, got = memoryview(data), 0
    while got < size:
        n = conn.recv_into(view[got:])
        if n == 0:
            raise EOFError
        got += n
    return data


def _readable(conns: list[socket.socket], timeout: float) -> list[socket.socket]:
    """The sockets of ``conns`` with something to read (a result, or the end) within ``timeout``."""
    import select

    poller = select.poll()
    by_fd = {conn.fileno(): conn for conn in conns}
    for fd in by_fd:
        poller.register(fd, select.POLLIN)
    return [by_fd[fd] for fd, _ in poller.poll(timeout * 1000)]


_LENGTH = struct.Struct("!Q")
_END = object()
# A worker's messages: a part of an item's result (fn returned an iterator), the end of the
# parts (together they are the result), the result whole, or the exception fn raised.
_PART, _PARTS_END, _LAST, _FAILED = range(4)


def _trim() -> None:
    """Give the C heap's free memory back to the system (glibc's malloc_trim), as a worker
    finishes an item: rendered pages, pictures and pickles leave megabytes free but mapped,
    counted in the build's memory until the worker ends (at 20 000 releases about 17 MiB of
    the peak). Elsewhere (musl, macOS) nothing is done."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim():
    try:
        import ctypes

        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


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




def _portable(exc: Exception) -> Exception:
    """``exc`` if it survives the pickling to the main process, else a plain error saying what it
    was: an exception that cannot be rebuilt there would reach the user as an English traceback
    about pickling instead of the problem."""
    import pickle

    try:
        if type(pickle.loads(pickle.dumps(exc))) is type(exc):
            return exc
    except Exception:  # noqa: BLE001 - any failure to travel is the same failure
        pass
    return RuntimeError(f"{type(exc).__name__}: {exc}")
