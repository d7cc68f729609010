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
``tests/test_spare.py`` compares the result with a build from scratch. The output's side is
the build cache's own scan of it when there is one (the scan that found the output exactly as
written, inodes included: ``fingerprint.output_scan``), so a build walks the output once.

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


def walk(root: str):
    """Each folder under ``root``, ``root`` first: its path relative to ``root`` with a final
    ``/`` (``""`` for ``root``) and its entries but folders (``os.DirEntry``), from the directory
    listings alone. The one walk of a site's tree: the build cache's scan of the output
    (``fingerprint.output_scan``) and the listings :func:`fix` compares."""
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        files = []
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, prefix + entry.name + "/"))
                else:
                    files.append(entry)
        yield prefix, files


def listing(root: str) -> tuple[dict[str, int], set[str]]:
    """Every entry under ``root`` but folders, by relative path, with its inode when it is a
    regular file (else 0, which no file has); and every folder. No stat per file: the inode is
    readdir's."""
    found: dict[str, int] = {}
    folders: set[str] = set()
    for prefix, entries in walk(root):
        if prefix:
            folders.add(prefix[:-1])
        for entry in entries:
            found[prefix + entry.name] = entry.inode() if entry.is_file(follow_symlinks=False) else 0
    return found, folders


def scanned_listing(state: dict, inodes: list[int]) -> tuple[dict[str, int], set[str]]:
    """:func:`listing` of the output as the build cache scanned it (``fingerprint.output_scan``:
    its entries by path and their inodes in the same order), without walking it again; its
    folders are those holding an entry (an empty folder is no part of a site)."""
    found = dict(zip(state, inodes))
    folders: set[str] = set()
    for rel in found:
        parent = rel.rpartition("/")[0]
        while parent and parent not in folders:  # a folder's parents are in once it is
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    return found, folders


def fix(kept: str, out: str, skip: frozenset[str] = frozenset(), exempt=frozenset(),
        theirs: tuple[dict[str, int], set[str]] | None = None) -> list[str]:
    """Make the folder ``kept`` hold only the files of ``out`` it shares with it: remove every
    entry that is not a regular file of the same inode at the same path in ``out`` (but those in
    ``skip``, the staging's own marker, and ``exempt``, files written for the new site), then the
    folders left empty that ``out`` does not have. ``theirs`` is ``out``'s :func:`listing` when
    the build cache has just scanned it (:func:`scanned_listing`; else ``out`` is walked here).
    Returns ``out``'s files it lacks, sorted (to be linked). Raises OSError when a folder cannot
    be read, or the two are on different file systems (an inode means nothing then)."""
    if os.stat(kept).st_dev != os.stat(out).st_dev:
        raise OSError(f"{kept} and {out} are on different file systems")
    their_files, their_folders = theirs if theirs is not None else listing(out)
    mine, my_folders = listing(kept)
    base = kept + os.sep
    for rel, inode in mine.items():
        if rel in skip or rel in exempt:
            continue
        if not inode or their_files.get(rel) != inode:
            os.unlink(base + rel)
    for rel in sorted(my_folders, key=lambda r: -r.count("/")):  # deepest first
        if rel not in their_folders:
            try:
                os.rmdir(base + rel)
            except OSError:  # not empty: it holds a file written for the new site
                pass
    return sorted(rel for rel, inode in their_files.items()
                  if rel not in skip and (not inode or mine.get(rel) != inode) and rel not in exempt)
