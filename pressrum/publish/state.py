"""What has been published where: a small SQLite file and the archive, per target.

Both live in the user's state folder, ``$XDG_STATE_HOME/pressrum/publicera/<mål>/`` (or
``~/.local/state/pressrum/publicera/<mål>/``), one folder per target:

* ``webbplats/`` – the staging output: ``publish`` builds into it (with the build cache, so a
  publish with nothing new is quick), then deploys it;
* ``arkiv/<nr>/`` (and ``arkiv/<nr>.tid``, when it was taken, and ``arkiv/<nr>.sidor``, the
  release pages with a new wording in it: ``earlier.py``) – an immutable snapshot of every published state that changed the site, hard
  links into the staging output's files (cheap); numbered in order whatever the clock says;
  never deleted by Pressrum;
* ``publiceringar.sqlite`` – one row per publish: when, the result, what moved, the snapshot.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Mapping

from . import versions
from ..earlier import INDEX_SUFFIX, write_index


def state_home(environ: Mapping[str, str]) -> Path:
    """``$XDG_STATE_HOME/pressrum/publicera``, or ``~/.local/state/pressrum/publicera``."""
    home = environ.get("XDG_STATE_HOME") or os.path.join(environ.get("HOME") or os.path.expanduser("~"),
                                                         ".local", "state")
    return Path(home) / "pressrum" / "publicera"


@dataclass(frozen=True)
class Record:
    """One publish as the state file keeps it."""

    at: datetime  # the wall-clock time the publish ended (Stockholm time)
    now: datetime  # the time it published as of (--now)
    ok: bool
    message: str  # Swedish: the result as it was logged
    uploaded: int = 0
    unchanged: int = 0
    removed: int = 0
    seconds: float = 0.0
    snapshot: str = ""  # the archive's folder name, or "" when nothing changed


_SCHEMA = """create table if not exists publiceringar (
    nr integer primary key, tid text not null, per text not null, ok integer not null,
    meddelande text not null, skickade integer, oforandrade integer, borttagna integer,
    sekunder real, arkiv text not null default '')"""


def record(folder: Path, rec: Record) -> None:
    """Add ``rec`` to the target's state file."""
    folder.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(folder / "publiceringar.sqlite", timeout=10)) as db, db:
        db.execute(_SCHEMA)
        db.execute("insert into publiceringar (tid, per, ok, meddelande, skickade, oforandrade, borttagna, sekunder, arkiv)"
                   " values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (rec.at.isoformat(), rec.now.isoformat(), int(rec.ok), rec.message, rec.uploaded,
                    rec.unchanged, rec.removed, rec.seconds, rec.snapshot))


def history(folder: Path) -> list[Record]:
    """Every publish to the target, oldest first (none when it was never published)."""
    path = folder / "publiceringar.sqlite"
    if not path.is_file():
        return []
    with closing(sqlite3.connect(path, timeout=10)) as db:
        db.execute(_SCHEMA)
        rows = db.execute("select tid, per, ok, meddelande, skickade, oforandrade, borttagna, sekunder, arkiv"
                          " from publiceringar order by nr").fetchall()
    return [Record(datetime.fromisoformat(a), datetime.fromisoformat(b), bool(ok), m, u or 0, n or 0, r or 0,
                   s or 0.0, arc) for a, b, ok, m, u, n, r, s, arc in rows]


def snapshot(folder: Path, site: Path, when: str) -> tuple[str, int]:
    """Keep ``site`` in the archive, taken at ``when`` (ISO), when it differs from the newest snapshot: (its folder name,
    files changed), or ("", 0) when the site is as the last snapshot has it."""
    archive = folder / "arkiv"
    archive.mkdir(parents=True, exist_ok=True)
    versions.remove_partial(archive)
    done = versions.finished(archive)
    last = archive / done[-1] if done else None
    if last is not None and versions.same_tree(site, last):
        return "", 0
    name = versions.next_name(archive)
    partial = archive / f"{name}.ny-{os.getpid()}"
    partial.mkdir()
    try:
        changed, _, removed = versions.copy_version(site, partial, last)
        if last is not None and not changed and not removed:
            import shutil

            shutil.rmtree(partial)
            return "", 0
        (archive / f"{name}.tid").write_text(when + "\n", encoding="utf-8")
        # Which release pages have a new wording here: how a later build finds what a correction
        # replaced (earlier.py) without reading every snapshot's sitemap.
        write_index(archive / f"{name}{INDEX_SUFFIX}", site, last)
        os.rename(partial, archive / name)
    except BaseException:
        import shutil

        shutil.rmtree(partial, ignore_errors=True)
        raise
    return name, changed + removed


def snapshots(folder: Path) -> list[tuple[str, str, int]]:
    """The archive's snapshots, oldest first: (name, when it was taken as written, number of files)."""
    archive = folder / "arkiv"
    found = []
    for name in versions.finished(archive):
        when_file = archive / f"{name}.tid"
        when = when_file.read_text(encoding="utf-8").strip() if when_file.is_file() else ""
        found.append((name, when, len(versions.files_of(archive / name))))
    return found


@contextmanager
def publisher_lock(folder: Path, label: str):
    """One publisher at a time per target: a second one stops at once with a located problem
    naming the process that holds the target (the kernel's ``flock``, gone with the process)."""
    from ..errors import Place, Problem
    from ..output_lock import held

    folder.mkdir(parents=True, exist_ok=True)
    with held(folder / "publicerar.las",
              lambda holder: Problem(Place(label), f"en annan publicering pågår redan till målet (process {holder})",
                                     "vänta tills den är klar, eller stoppa den, och publicera sedan igen")):
        yield
