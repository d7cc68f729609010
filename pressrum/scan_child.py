"""The output folder's scan in a forked child (``memo.py`` compares it with what the last build
left, to know whether the output is still exactly as written)."""
from __future__ import annotations

import marshal
import os
from pathlib import Path

from .fingerprint import output_scan


class OutputScan:
    """The output folder's sizes and times (and inodes: ``fingerprint.output_scan``), read by a
    forked child process while this one hashes the inputs: on 2 cores the 20 000 stat calls of
    a 5 000-release site then cost nothing (a thread would hold the GIL half the time). Read
    here when forking is not safe (threads).

    The child compares them with ``expected`` (the last build's; a function that reads them is
    called in the child, and here only when they are needed): when they are equal only the
    inodes cross the pipe and the state is ``expected`` itself, so this process never unpacks
    20 000 sizes and times only to find them unchanged."""

    def __init__(self, out: Path, expected=None, forked: bool = True):
        self.out, self.pid, self._value, self._expected = out, None, None, expected
        self.inodes: list[int] | None = None  # of the entries of value(), in its order
        if not hasattr(os, "fork") or not forked:
            return
        r, w = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(r)
            os.close(w)
            return
        if pid == 0:  # the child: read the state, send it, leave at once
            code = 0
            try:
                os.close(r)
                with os.fdopen(w, "wb") as f:
                    scan = output_scan(out)
                    f.write(marshal.dumps(_compared(scan, expected() if callable(expected) else expected)))
            except BaseException:  # noqa: BLE001 - the parent reads the folder itself
                code = 1
            finally:
                os._exit(code)
        os.close(w)
        self.pid, self._fd = pid, r

    def ready(self) -> bool:
        """Whether :meth:`value` would not wait for the child: it has begun to send (its scan is
        done), or there is no child."""
        import select  # only a build with work to do asks (the no-change build imports nothing it need not)

        return self.pid is None or bool(select.select([self._fd], [], [], 0)[0])

    def value(self) -> dict | None:
        if self._value is None:
            if self.pid is not None:
                # Taken once, before anything can be interrupted: a Ctrl-C while reading or
                # reaping must not leave close() reading the pipe this already closed.
                pid, fd, self.pid, self._fd = self.pid, self._fd, None, None
                try:
                    with os.fdopen(fd, "rb") as f:
                        data = f.read()
                finally:
                    _, status = os.waitpid(pid, 0)
                try:
                    self._value, self.inodes = marshal.loads(data) if status == 0 else (None, None)
                    if self._value is None and self.inodes is not None:  # equal to what was expected
                        expected = self._expected
                        self._value = expected() if callable(expected) else expected
                except (ValueError, EOFError, TypeError):
                    self._value = self.inodes = None
            if not isinstance(self._value, dict) or not isinstance(self.inodes, list) \
                    or len(self.inodes) != len(self._value):
                try:
                    self._value, self.inodes = output_scan(self.out)
                except OSError:
                    self._value = self.inodes = None
                    return None
        return self._value


def _compared(scan: tuple[dict, list[int]], expected: dict | None) -> tuple[dict | None, list[int]]:
    """What the scan's child sends: the output's state and inodes (``fingerprint.output_scan``),
    or, when the state is ``expected``, None and the inodes in ``expected``'s order."""
    state, inodes = scan
    if state != expected:
        return state, inodes
    at = dict(zip(state, inodes))
    return None, [at[rel] for rel in expected]
