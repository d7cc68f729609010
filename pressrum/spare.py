"""The previous site, kept beside the build cache for the next update to stage in.

An update (``output.Staging`` with the digests of the current output) stages the new site as a
complete tree beside the output and swaps it in; afterwards the staging folder holds the
previous site. Made from nothing, that tree costs a hard link per file of the site, and the
previous site a removal per file, though an edit changes a handful: 20 000 links and 25 000
removals at 5 000 releases, most of an edit's wall time. So the build cache keeps the previous
site's folder (``<cache folder>.reserv``, in the user's cache folder, on the same file system
as the output or not at all), and the next update takes it as its staging folder after making
it equal to the current output (:func:`fix`): every file in it that is not the output's own
file at the same path (the same inode of the same file system) is removed, every folder left
that the output does not have is removed, and only the output's files it lacks are linked.
What it keeps is therefore exactly the published files, whatever happened to it meanwhile;
``tests/test_spare.py`` compares the result with a build from scratch.

The folder is kept only after an update that changed less than half the site (the old
versions of the changed files are the only bytes it holds of its own); any other build
removes the previous site, as before.
"""
from __future__ import annotations

import os
from pathlib import Path

SUFFIX = ".reserv"


def spare_folder(cache_folder: Path) -> Path:
    """Where the build cache in ``cache_folder`` keeps the previous site (beside it, as the lock)."""
    return cache_folder.with_name(cache_folder.name + SUFFIX)


def _listing(root: str) -> tuple[dict[str, tuple[int, bool]], list[str]]:
    """Every entry under ``root`` but folders, by relative path: (inode, is a regular file); and
    every folder. From the directory listings alone (no stat per file): the inode is readdir's."""
    found: dict[str, tuple[int, bool]] = {}
    folders: list[str] = []
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.append(rel)
                    stack.append((entry.path, rel + "/"))
                else:
                    found[rel] = (entry.inode(), entry.is_file(follow_symlinks=False))
    return found, folders


def fix(kept: str, out: str, skip: frozenset[str] = frozenset(), exempt=frozenset()) -> list[str]:
    """Make the folder ``kept`` hold only the files of ``out`` it shares with it: remove every
    entry that is not a regular file of the same inode at the same path in ``out`` (but those in
    ``skip``, the staging's own marker, and ``exempt``, files written for the new site), then the
    folders left empty that ``out`` does not have. Returns ``out``'s files it lacks, sorted (to
    be linked). Raises OSError when a folder cannot be read, or the two are on different file
    systems (an inode means nothing then)."""
    if os.stat(kept).st_dev != os.stat(out).st_dev:
        raise OSError(f"{kept} and {out} are on different file systems")
    theirs, their_folders = _listing(out)
    mine, my_folders = _listing(kept)
    base = kept + os.sep
    for rel, (inode, regular) in mine.items():
        if rel in skip or rel in exempt:
            continue
        if not regular or theirs.get(rel) != (inode, True):
            os.unlink(base + rel)
    keep = set(their_folders)
    for rel in sorted(my_folders, key=lambda r: -r.count("/")):  # deepest first
        if rel not in keep:
            try:
                os.rmdir(base + rel)
            except OSError:  # not empty: it holds a file written for the new site
                pass
    return sorted(rel for rel, (inode, regular) in theirs.items()
                  if rel not in skip and (rel not in mine or mine[rel] != (inode, True)) and rel not in exempt)
