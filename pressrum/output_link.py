"""The forked child that hard-links the current site into an update's staging folder while the
build runs (on the other core), and fixes a kept previous site first (``spare.fix``).
"""
from __future__ import annotations

import os
import signal

from . import ctrl_c
from .output_marker import _STAGING_OWN
from .pool import fork_safe
from .spare import fix, scanned_listing


def _start_linker(out: str, tmp: str, rels: list[str] | None, before: set,
                  scanned: tuple[dict, list[int]] | None = None) -> tuple[int | None, int | None]:
    """Fork a child that hard-links ``rels`` from ``out`` into ``tmp`` (sorted paths) and exits,
    0 when it linked them all; its pid, or None when this process may not fork (it has threads).

    With ``rels`` None, ``tmp`` is a kept previous site: the child first makes it hold only the
    output's files (``spare.fix``; the output's listing made from ``scanned``, the build cache's
    scan of it, when given: the output is not walked again), then closes the write end of a pipe
    whose read end is returned too (end of file there: nothing it removes can be a file put
    meanwhile), then links the output's files it lacked.

    Called inside :func:`ctrl_c.blocked` (``before``: the mask it yielded), and the caller keeps
    the pid before that block ends: a Ctrl-C that came meanwhile is delivered when the mask is
    restored, and had it been delivered here, before the pid was kept, the build would remove
    the staging folder while the child, never stopped, went on filling it (a whole linked site
    left beside the output; tests/test_output.py's Ctrl-C with workers, one run in six under load)."""
    if not hasattr(os, "fork") or not fork_safe():
        return None, None
    prctl, parent = _prctl(), os.getpid()  # before the fork: the child imports nothing
    ready, done = os.pipe() if rels is None else (None, None)
    try:
        pid = os.fork()
    except OSError:
        if ready is not None:
            os.close(ready)
            os.close(done)
        return None, None
    if pid == 0:  # the child: link, leave at once; never a message, whatever happens
        code = 1
        try:
            ctrl_c.in_forked_child(before)  # Ctrl-C is the build's, which stops this
            _die_with_parent(prctl, parent)
            if rels is None:
                os.close(ready)
                rels = fix(tmp, out, _STAGING_OWN, frozenset(), scanned_listing(*scanned) if scanned else None)
                os.close(done)
            _link_tree(out, tmp, rels)
            code = 0
        except BaseException:  # noqa: BLE001 - the build links what is missing itself
            pass
        finally:
            os._exit(code)
    if done is not None:
        os.close(done)
    return pid, ready


def _link_tree(out: str, tmp: str, rels: list[str]) -> None:
    """Hard-link every path of ``rels`` from ``out`` into ``tmp``, leaving any already there.
    Relative to the two folders' descriptors: should ``tmp`` be removed meanwhile, nothing is
    made again in its place."""
    src = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    dst = os.open(tmp, os.O_RDONLY | os.O_DIRECTORY)
    made = {""}
    for rel in rels:
        parent = rel.rpartition("/")[0]
        if parent not in made:
            parts = parent.split("/")
            for i in range(1, len(parts) + 1):
                folder = "/".join(parts[:i])
                if folder not in made:
                    try:
                        os.mkdir(folder, dir_fd=dst)
                    except FileExistsError:
                        pass
                    made.add(folder)
        try:
            os.link(rel, rel, src_dir_fd=src, dst_dir_fd=dst, follow_symlinks=False)
        except FileExistsError:  # put() wrote it first
            pass


def _prctl():
    """Linux's prctl from the C library already loaded, or None."""
    import ctypes  # also needed by the swap that follows

    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def _die_with_parent(prctl, parent: int) -> None:
    """Ask Linux to kill this (forked) process when its parent (``parent``, its pid taken before
    the fork) dies: a build killed with kill -9 must not leave a linker that writes into a folder
    the next build is removing."""
    if prctl is not None:
        prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the request
        os._exit(1)
