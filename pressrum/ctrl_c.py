"""Ctrl-C (and SIGTERM) held over the few steps that must not be cut in half, in one place.

Three steps need it: forking a child (the output's linker, the worker pool), which must not be
interrupted between the fork and noting the child; a child's own signals, which are its
parent's to act on; and removing a temporary folder, where a KeyboardInterrupt inside
``shutil.rmtree`` makes it close a directory twice. In each a Ctrl-C is kept, never lost: it is
handled afterwards as this process handles it, at a point where the build can say what is true.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

STOPPING = frozenset({signal.SIGINT, signal.SIGTERM})


@contextmanager
def blocked(signals=STOPPING) -> Iterator[set]:
    """``signals`` blocked for this thread meanwhile; yields the mask from before. One that
    arrived meanwhile is delivered when the mask is restored, at the exit."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield before
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def in_forked_child(before: set) -> None:
    """A child forked inside :func:`blocked` (``before`` the mask it yielded) takes its signals:
    Ctrl-C is the parent's to handle (a child that took it too would print a traceback), and
    SIGTERM, which the parent sends to stop it, ends it whatever handler the parent had set."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, set(before) - STOPPING)


def deliver(handler) -> None:
    """A Ctrl-C that was held, handled as ``handler`` (this process's SIGINT handler) would:
    called (Python's default raises KeyboardInterrupt), raised under SIG_DFL, dropped if ignored."""
    if callable(handler):
        handler(signal.SIGINT, None)
    elif handler == signal.SIG_DFL:
        raise KeyboardInterrupt


def take_pending() -> None:
    """A Ctrl-C held by a mask until now and still pending, taken and handled (:func:`deliver`)."""
    if signal.SIGINT in signal.sigpending():
        signal.sigtimedwait({signal.SIGINT}, 0)
        deliver(signal.getsignal(signal.SIGINT))


@contextmanager
def held() -> Iterator[None]:
    """Ctrl-C held while the body runs, handled (:func:`deliver`) once it has finished.

    In the main thread by a handler that only notes it: a signal mask holds it for the calling
    thread alone, and a process with another thread (an executor's, a test runner's) would take
    the signal there and still raise in the middle of the body. Elsewhere by the mask."""
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or previous is None:
        with blocked({signal.SIGINT}):
            yield
        return
    noted: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: noted.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if noted:
        deliver(previous)
