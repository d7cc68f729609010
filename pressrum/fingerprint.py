"""Fingerprints of what a build reads: content files (as the loader reads them), templates,
the code and the libraries that shape the output, and the state of the output folder.

Only the build cache (``memo.py``) uses these; no stage does.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
from functools import lru_cache
from pathlib import Path
from time import time_ns

from .content import SITE_FILE, RoundFiles, round_inputs, top_level
from .spare import walk

FORMAT = 6  # of everything the cache writes; a new format ignores every older file
PACKAGE = Path(__file__).resolve().parent
# Libraries whose version can change the bytes of the output.
LIBRARIES = ("jinja2", "markdown", "nh3", "feedgen", "babel", "pydantic", "pydantic-core", "pyyaml", "lxml",
             "markupsafe", "tzdata", "pillow", "ttf-opensans")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@lru_cache(maxsize=1)
def _installed() -> dict[str, str]:
    """Installed distributions' versions from their ``*.dist-info`` folder names, first on
    ``sys.path`` first (as importlib.metadata finds them): one directory listing per path entry
    instead of reading eleven METADATA files on every build."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if folder.endswith(".dist-info"):
                name, _, version = folder[:-len(".dist-info")].rpartition("-")
                if name:
                    found.setdefault(_normal(name), version)
    return found


def _version(name: str) -> str | None:
    version = _installed().get(_normal(name))
    if version is None:  # an egg-info or other layout: ask importlib.metadata
        from importlib import metadata

        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            return None
    return version


def package_version() -> str:
    return _version("pressrum") or "0"


CODE_SUFFIXES = (".py", ".csv", ".json", ".txt")


def _code_files(root: str) -> list[str]:
    """The package's code and data files, relative to ``root`` (``images/cards.py``), in the
    order of their path parts, ``__pycache__`` left out: os.scandir, where pathlib's rglob with
    Path objects took half of a build with nothing to do's time in this function."""
    found, folders = [], [""]
    while folders:
        prefix = folders.pop()
        with os.scandir(os.path.join(root, prefix)) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(prefix + entry.name + "/")
                elif os.path.splitext(entry.name)[1] in CODE_SUFFIXES:
                    found.append(prefix + entry.name)
    found.sort(key=lambda rel: rel.split("/"))
    return found


@lru_cache(maxsize=1)
def _code_files_digest() -> str:
    h = hashlib.blake2b(digest_size=16)
    root = str(PACKAGE)
    for rel in _code_files(root):
        with open(os.path.join(root, rel), "rb") as f:
            h.update(rel.encode() + b"\0" + f.read() + b"\0")
    return h.hexdigest()


def code_fingerprint() -> str:
    """The code that renders: this package's files, its version, Python's and the libraries' versions."""
    libraries = ";".join(f"{name}={_version(name) or '-'}" for name in LIBRARIES)
    h = hashlib.blake2b(digest_size=16)
    for part in (f"format={FORMAT}", sys.version, package_version(), libraries, _code_files_digest()):
        h.update(part.encode() + b"\0")
    return h.hexdigest()


class FileDigests:
    """Digests of files by path, reusing the last build's when a file's size, modification time
    and inode are those it had then (as git's index does: no need to read 20 MB to find that
    one file changed).

    A signature is only remembered for a file last modified at least two seconds before it was
    read, so an edit within the time resolution of the file system is never missed.
    """

    RACY_NS = 2_000_000_000

    def __init__(self, known: dict | None = None):
        self.known = known if isinstance(known, dict) else {}
        self.seen: dict[str, list] = {}
        self.start = time_ns()
        self._done: dict[str, bytes] = {}

    def digest(self, path: str) -> bytes:
        """The file's digest; a folder or a missing file has a digest of its own kind. Each path
        is looked at once per build (site.yaml is asked for twice)."""
        found = self._done.get(path)
        if found is None:
            found = self._done[path] = self._digest(path)
        return found

    def _digest(self, path: str) -> bytes:
        try:
            st = os.stat(path)
        except OSError:
            return b"\xff missing"
        if not stat.S_ISREG(st.st_mode):
            return b"\xff not a file"
        size, mtime, ino = st.st_size, st.st_mtime_ns, st.st_ino
        sig = self.known.get(path)
        if sig.__class__ is list and len(sig) == 4 and sig[0] == size and sig[1] == mtime and sig[2] == ino:
            hexdigest = sig[3]
        else:
            sig = None
            try:
                with open(path, "rb") as f:  # in chunks: a huge file (refused by the loader) costs no memory
                    hexdigest = hashlib.file_digest(f, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
            except OSError:
                return b"\xff unreadable"
        if mtime < self.start - self.RACY_NS:
            # The last build's signature itself when it still holds (20 000 lists not made anew).
            self.seen[path] = sig or [size, mtime, ino, hexdigest]
        return hexdigest.encode()


def _name(path: Path) -> bytes:
    return path.name.encode("utf-8", "surrogateescape")


def round_fingerprint(files: RoundFiles, digests: FileDigests) -> str:
    """Everything the loader reads of a round (``content.round_inputs``): the bytes of each file
    it reads and the names of the entries it only lists."""
    h = hashlib.blake2b(digest_size=16)
    base = str(files.folder) + os.sep
    for rel in files.read():
        h.update(b"F" + rel.encode("utf-8", "surrogateescape") + b"\0" + digests.digest(base + rel) + b"\0")
    for name in files.stray_names:
        kind = b"/" if os.path.isdir(base + name) else b""
        h.update(b"S" + name.encode("utf-8", "surrogateescape") + kind + b"\0")
    return h.hexdigest()


def content_fingerprint(content_dir: Path, digests: FileDigests) -> tuple[str, dict[str, str]]:
    """The fingerprint of everything the build reads of ``content_dir``, and each round's by name."""
    content_dir = Path(content_dir)
    entries, in_rounds = top_level(content_dir)
    rounds = {p.name: round_fingerprint(round_inputs(p), digests) for p in in_rounds if p.is_dir()}
    h = hashlib.blake2b(digest_size=16)
    h.update(b"site\0" + digests.digest(str(content_dir / SITE_FILE)) + b"\0")
    for path in entries:  # the layout: what load_site judges
        h.update(b"E" + _name(path) + (b"/" if path.is_dir() else b"") + b"\0")
    for path in in_rounds:
        h.update(b"R" + _name(path) + b"\0" + rounds.get(path.name, "not a folder").encode() + b"\0")
    return h.hexdigest(), rounds


def tree_fingerprint(root: Path, digests: FileDigests | None = None) -> str:
    """Every file and folder name under ``root`` with the digest of every file (the templates)."""
    digests = digests or FileDigests()
    h = hashlib.blake2b(digest_size=16)
    root = Path(root)
    if not root.exists():
        return "missing"
    seen: set[tuple[int, int]] = set()
    # Follow linked folders, as Jinja's loader does; each folder once.
    for folder, dirs, files in os.walk(root, followlinks=True):
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:
            dirs.clear()
            h.update(b"L" + os.path.relpath(folder, root).encode("utf-8", "surrogateescape") + b"\0")
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs.sort()
        h.update(b"D" + os.path.relpath(folder, root).encode("utf-8", "surrogateescape") + b"\0")
        for name in sorted(files):
            path = os.path.join(folder, name)
            h.update(b"F" + name.encode("utf-8", "surrogateescape") + b"\0" + digests.digest(path) + b"\0")
    return h.hexdigest()


def output_scan(out: Path) -> tuple[dict[str, tuple[int, int]], list[int]]:
    """Size and modification time (ns) of every entry under ``out`` but folders, by relative
    path; and the inode of each in the same order (0 for one that is not a regular file), for
    the kept previous site to be fixed without walking the output again (``spare.scanned_listing``)."""
    state: dict[str, tuple[int, int]] = {}
    inodes: list[int] = []
    regular = stat.S_ISREG
    for prefix, entries in walk(str(out)):
        for entry in entries:
            st = entry.stat(follow_symlinks=False)
            state[prefix + entry.name] = (st.st_size, st.st_mtime_ns)
            inodes.append(st.st_ino if regular(st.st_mode) else 0)
    return state, inodes


def output_state(out: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time (ns) of every file under ``out``, by relative path."""
    return output_scan(out)[0]
