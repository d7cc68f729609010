"""Write the built site atomically, and only over a folder this tool created.

The site is written into a temporary sibling folder and swapped in with ``rename``: a
failing build (content error, template error, full disk, Ctrl-C) leaves the previous
output byte for byte as it was, and files of releases that no longer exist disappear.
A marker file proves a folder is ours; anything else is refused, never emptied.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .errors import BuildFailed, Place, Problem, display_path

MARKER = ".pressrum-utdata"
MARKER_TEXT = b"Den har mappen skapas av Pressrum (python build.py). Innehallet skrivs over vid varje bygge.\n"


def refuse_reason(out_dir: Path, protected: tuple[Path, ...] = ()) -> str | None:
    """Why ``out_dir`` must not be replaced, or None when it is safe (new, empty or ours)."""
    out = out_dir.resolve()
    home = Path.home().resolve()
    if out == Path(out.anchor) or out == home or out == Path.cwd().resolve():
        return "mappen är en rot-, hem- eller arbetsmapp"
    for p in protected:
        p = p.resolve()
        if out == p or p.is_relative_to(out) or out.is_relative_to(p):
            return f"mappen är eller innehåller {display_path(p)}"
    if out.exists() and not out.is_dir():
        return "det finns redan en fil med det namnet"
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        return "mappen innehåller filer som Pressrum inte har skapat"
    return None


def write_site(files: dict[str, bytes], out_dir: Path, protected: tuple[Path, ...] = ()) -> None:
    """Write ``files`` (path → bytes) as the complete new content of ``out_dir``, atomically."""
    reason = refuse_reason(out_dir, protected)
    if reason:
        raise BuildFailed([Problem(Place(display_path(out_dir)), f"utmappen används inte: {reason}",
                                   "välj en ny eller tom mapp med --out, till exempel --out releases")])
    out = out_dir.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.ny-{os.getpid()}"
    old = out.parent / f".{out.name}.gammal-{os.getpid()}"
    try:
        _write_tree(files, tmp)
        if out.exists():
            os.rename(out, old)
            try:
                os.rename(tmp, out)
            except BaseException:
                os.rename(old, out)  # put the previous site back before giving up
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _write_tree(files: dict[str, bytes], root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir()
    (root / MARKER).write_bytes(MARKER_TEXT)
    made: set[Path] = {root}
    for rel in sorted(files):
        path = root / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(files[rel])
