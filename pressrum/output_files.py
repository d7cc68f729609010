"""Files and folders on disk for the staging of a site: a new file written (never through a
hard link), the swap of two folders in one step, the removal of a temporary folder (its marker
last), the kept previous site taken and kept again, and stale temporaries of killed builds removed.
"""
from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path

from . import ctrl_c
from .output_lock import process_alive
from .output_marker import MARKER


def temporaries(out: Path) -> list[Path]:
    """Temporary siblings of ``out`` made by builds (this one's or killed ones), sorted."""
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(ny|gammal)-(\d+)")
    if not out.parent.is_dir():
        return []
    return sorted(p for p in out.parent.iterdir() if pattern.fullmatch(p.name))


def remove_stale_temporaries(out: Path) -> None:
    """Remove temporary folders of builds that no longer run (killed mid-write)."""
    for p in temporaries(out):
        pid = int(p.name.rsplit("-", 1)[1])
        if pid != os.getpid() and process_alive(pid):
            continue  # another build is writing right now
        if p.is_dir() and not p.is_symlink() and ((p / MARKER).is_file() or not any(p.iterdir())):
            shutil.rmtree(p, ignore_errors=True)


def _remove_ours(folder: Path) -> None:
    """Remove ``folder`` (a temporary of ours), its marker last, with Ctrl-C held meanwhile.

    A KeyboardInterrupt raised inside shutil.rmtree between its closing of a directory and the
    ``finally`` that closes it again makes rmtree close it twice (EBADF: "internt fel" in place of
    "avbrutet"; found by the Ctrl-C loop of tests/test_atomic.py). Held, the Ctrl-C is raised
    when the removal is done, at a point where the build can say what is true.

    In the main thread the Ctrl-C is held by a handler that only notes it: a signal mask holds
    it for the calling thread alone, and a process with another thread (an executor's, a test
    runner's) would take the signal there and still raise in the middle of rmtree (``ctrl_c.held``)."""
    with ctrl_c.held():
        _remove(folder)


def _remove(folder: Path) -> None:
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for entry in entries:
        if entry.name == MARKER:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            try:
                os.unlink(entry.path)
            except OSError:
                pass
    shutil.rmtree(folder, ignore_errors=True)


def _take_spare(spare: Path | None, tmp: Path, update: bool) -> bool:
    """For an ``update``, move the previous site the build cache kept (``spare``) into place as
    the staging folder ``tmp``; True when it did. Else a kept folder is of no use (this build
    starts from nothing): removed."""
    if spare is None:
        return False
    if update:
        try:
            if stat.S_ISDIR(os.lstat(spare).st_mode):
                os.rename(spare, tmp)
                if stat.S_ISDIR(os.lstat(tmp).st_mode):
                    return True
                os.unlink(tmp)  # replaced by something else meanwhile
        except OSError:  # none, or on another file system
            pass
    _remove_kept(spare)
    return False


def _remove_kept(folder: Path) -> None:
    """Remove a kept previous site (a link in its place only as a link: never what it points to)."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            os.unlink(folder)
            return
    except OSError:  # none there (or not ours to remove: then it is not used either)
        return
    _remove_ours(folder)


def _keep_spare(previous: Path, folder: Path) -> bool:
    """Move the previous site (after a commit, the staging folder) to where the build cache keeps
    it for the next update; False when it cannot be moved there (another file system)."""
    try:
        _remove_kept(folder)  # one the build did not take: replaced
        os.rename(previous, folder)
        return True
    except OSError:
        return False


def write_new(path: str, data: bytes) -> None:
    """Create the file ``path`` holding ``data``. A file already there (a round built again) is
    replaced, never written through: it may be a hard link into the published site."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for attempt in range(3):  # an update's linker may link the path once between unlink and open
        try:
            fd = os.open(path, flags, 0o666)
            break
        except FileExistsError:
            if attempt == 2:
                raise
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _link_new(old: str, path: str) -> None:
    try:
        os.link(old, path, follow_symlinks=False)
    except FileExistsError:
        os.unlink(path)
        os.link(old, path, follow_symlinks=False)


def _unchanged(old, data: bytes) -> bool:
    """True when ``old`` is a regular file (not a link planted in the output) holding exactly ``data``."""
    try:
        st = os.lstat(old)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
            return False
        with open(old, "rb") as f:
            return f.read() == data
    except OSError:
        return False


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():
    import ctypes  # only when a site is swapped

    try:
        # The C library is already loaded into Python; find_library would run ldconfig.
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        try:
            import ctypes.util

            fn = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).renameat2
        except (OSError, AttributeError):
            return None
    fn.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    fn.restype = ctypes.c_int
    return fn


_EXCHANGE = []  # renameat2, looked up on the first swap ([None] where there is none)


def _swap(new: Path, out: Path) -> None:
    """Put ``new`` in place of ``out``; afterwards ``new`` holds the previous site."""
    if not _EXCHANGE:
        _EXCHANGE.append(_renameat2())
    if _EXCHANGE[0] is not None:
        if _EXCHANGE[0](_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(out), _RENAME_EXCHANGE) == 0:
            return
        # Not supported by this file system: fall back to two renames.
    old = out.parent / f".{out.name}.gammal-{os.getpid()}"
    os.rename(out, old)
    try:
        os.rename(new, out)
    except BaseException:
        os.rename(old, out)  # put the previous site back before giving up
        raise
    os.rename(old, new)
