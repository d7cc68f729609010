"""The folder target: a folder on this machine that the agency's web server serves.

``--to /srv/www/nyheter`` makes ``/srv/www/nyheter`` a symlink to the live version in
``/srv/www/nyheter.versioner/<nr>``; the web server serves the symlink. Each deploy that changes
anything writes a new version (unchanged files hard-linked from the current one) and swaps the
symlink atomically. Old versions are kept: they are the target's copy of the archive.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Callable

from .. import sv
from ..errors import BuildFailed, Place, Problem
from . import versions
from .target import Deployed


class FolderTarget:
    """Deploy into version folders beside ``path`` and point the symlink ``path`` at the newest."""

    def __init__(self, path: Path):
        self.path = Path(path).expanduser().absolute()
        self.versions = self.path.with_name(self.path.name + ".versioner")
        self.label = f"mappen {self.path}"

    def deploy(self, site: Path, *, dry_run: bool, log: Callable[[str], None]) -> Deployed:
        """Write a new version of ``site`` and point the symlink at it (nothing when nothing changed)."""
        started = time.monotonic()
        if self.path.exists() and not self.path.is_symlink():
            raise BuildFailed([Problem(Place(str(self.path)),
                                       "målet är en vanlig mapp, inte en symbolisk länk som Pressrum har skapat",
                                       "välj en ny sökväg med --to, eller flytta mappen och publicera igen")])
        current = self._current()
        if dry_run:
            changed, unchanged, removed = _compare(site, current)
            log(f"skulle skicka {sv.antal(changed, 'fil', 'filer')} till {self.label} "
                f"({sv.tal(unchanged)} oförändrade, {sv.tal(removed)} borttagna) – inget har flyttats")
            return Deployed(changed, unchanged, removed, time.monotonic() - started)
        self.versions.mkdir(parents=True, exist_ok=True)
        versions.remove_partial(self.versions)
        changed, unchanged, removed = _compare(site, current)  # stats only, for hard-linked files
        if current is not None and not changed and not removed:
            log(f"{self.label} har redan den här versionen – inget skickat")
            return Deployed(0, unchanged, 0, time.monotonic() - started)
        name = versions.next_name(self.versions)
        partial = self.versions / f"{name}.ny-{os.getpid()}"
        try:
            partial.mkdir()
            changed, unchanged, removed = versions.copy_version(site, partial, current)
            if current is not None and not changed and not removed:
                shutil.rmtree(partial)
                log(f"{self.label} har redan den här versionen – inget skickat")
                return Deployed(0, unchanged, 0, time.monotonic() - started)
            os.rename(partial, self.versions / name)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        versions.point(self.path, f"{self.versions.name}/{name}")
        return Deployed(changed, unchanged, removed, time.monotonic() - started)

    def _current(self) -> Path | None:
        if not self.path.is_symlink():
            return None
        target = self.path.parent / os.readlink(self.path)
        return target if target.is_dir() else None


def _compare(site: Path, current: Path | None) -> tuple[int, int, int]:
    new = versions.files_of(site)
    old = versions.files_of(current) if current is not None else {}
    unchanged = sum(1 for rel, p in new.items() if rel in old and versions.same_bytes(old[rel], p))
    return len(new) - unchanged, unchanged, len(set(old) - set(new))
