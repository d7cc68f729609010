"""Who holds an output folder, and whether it was replaced: the build lock, the pid lock both
builds and publishers take (``held``), and the Ctrl-C that tells whether a new site was published.
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from .errors import BuildFailed, Place, Problem, display_path


@contextmanager
def build_lock(out_dir: Path, lock_file: Path | None):
    """Hold the output folder for one build: a second build into the same folder at the same
    time stops at once with a located problem naming the process that holds it. The lock is the
    kernel's (``flock`` on ``lock_file``, in the user's cache folder), so it goes with the process;
    None: no lock (no cache folder to keep it in)."""
    if lock_file is None:
        yield
        return
    lock_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with held(lock_file, lambda holder: Problem(Place(display_path(out_dir)),
                                                f"utmappen byggs redan av en annan körning (process {holder})",
                                                "vänta tills den är klar och bygg sedan igen")):
        yield


@contextmanager
def held(lock_file: Path, taken: Callable[[str], Problem]):
    """Hold ``lock_file`` (the kernel's ``flock``, gone with the process) with this process's pid
    written in it; when another process holds it, raise BuildFailed with ``taken(its pid)`` at once.
    The one mechanism behind one build per output and one publisher per target."""
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "okänd"
            raise BuildFailed([taken(holder)]) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def output_identity(out: Path) -> tuple[int, int] | None:
    """Which folder ``out`` is (device, inode), or None when there is none. Every commit puts a
    new folder there, so a changed identity means a build was published."""
    try:
        st = os.stat(out)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class InterruptedAfterCommit(KeyboardInterrupt):
    """Ctrl-C after the new site was published (the output folder is the new build's)."""

    def __init__(self, out: Path):
        super().__init__(str(out))
        self.out = out


@contextmanager
def interrupt_truth(out: Path):
    """Let a Ctrl-C in the block tell whether the output was replaced meanwhile: it is raised as
    :class:`InterruptedAfterCommit` when it was, as it came when not. The folder itself is the
    witness, so this holds however late the Ctrl-C comes (saving the cache, printing)."""
    before = output_identity(out)
    try:
        yield
    except KeyboardInterrupt as exc:
        if isinstance(exc, InterruptedAfterCommit) or output_identity(out) == before:
            raise
        raise InterruptedAfterCommit(out) from None


def process_alive(pid: int) -> bool:
    """True when a process ``pid`` exists (also one of another user's, which may not be signalled)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
