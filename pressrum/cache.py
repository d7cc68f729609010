"""The build cache: skip work whose inputs have not changed, and never trust it blindly.

It lives in ``.pressrum-cache/<output folder name>/`` beside the output folder, is safe to
delete at any time, and ``PRESSRUM_CACHE=0`` turns it off. Two levels:

* ``site.bin`` – the fingerprint of every input of the last successful build (each content
  and template file, the package's code and version, the versions of the libraries that shape
  the output, the options), the size, modification time and digest of every file it wrote, and
  the key of each newsroom-wide file (start page, county pages, feeds, sitemap). When nothing
  changed, the output is still exactly as written, and ``--now`` falls between the same two
  content times as before, the build is already done. When only some inputs changed and the
  output is still exactly as written, the build updates the output in place.
* ``rounds/<round>.bin`` – per round: the digest of its inputs (its folder, site.yaml, the code,
  the templates, the options), which of its times ``--now`` had passed, the previous year's
  totals it compared with, and what it produced: the entries of its releases (what the shared
  pages and feeds need) and the digest of every file it wrote. A round whose record matches is
  neither loaded nor rendered: its files are already in the output.

A cache file is only used when its checksum, format and Python version match; anything else
(a truncated write, a flipped bit, a file from another version) is ignored and rebuilt. Files
are replaced atomically; ``site.bin`` is written only after the output was.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import marshal
import pickle
import re
import os
import sys
import threading
import zlib
from datetime import datetime
from functools import lru_cache
from time import time_ns
from pathlib import Path

from .output import MARKER

FORMAT = 3
MANIFEST = "site.bin"
CACHE_DIR = ".pressrum-cache"
PACKAGE = Path(__file__).resolve().parent
# Libraries whose version can change the bytes of the output.
LIBRARIES = ("jinja2", "markdown", "nh3", "feedgen", "babel", "pydantic", "pydantic-core", "pyyaml", "lxml",
             "markupsafe", "tzdata")
_ROUND_MAGIC = b"PRESSRUM-ROUND-CACHE\n"


def enabled() -> bool:
    """False when ``PRESSRUM_CACHE=0``: every build is then a full build."""
    return os.environ.get("PRESSRUM_CACHE", "1") != "0"


def cache_dir(out: Path) -> Path:
    out = Path(out).expanduser().resolve()
    return out.parent / CACHE_DIR / out.name


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


def _library_versions() -> str:
    return ";".join(f"{name}={_version(name) or '-'}" for name in LIBRARIES)


@lru_cache(maxsize=1)
def _code_files_digest() -> str:
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".csv", ".json", ".txt") and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def code_fingerprint() -> str:
    """The code that renders: this package's files, its version, Python's and the libraries' versions."""
    h = hashlib.blake2b(digest_size=16)
    for part in (f"format={FORMAT}", sys.version, package_version(), _library_versions(), _code_files_digest()):
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

    def digest(self, path: str) -> bytes:
        try:
            st = os.stat(path)
        except OSError:
            return b"\xff unreadable"
        sig = self.known.get(path)
        if (isinstance(sig, list) and len(sig) == 4 and sig[0] == st.st_size and sig[1] == st.st_mtime_ns
                and sig[2] == st.st_ino):
            hexdigest = sig[3]
        else:
            try:
                with open(path, "rb") as f:
                    hexdigest = hashlib.blake2b(f.read(), digest_size=16).hexdigest()
            except OSError:
                return b"\xff unreadable"
        if st.st_mtime_ns < self.start - self.RACY_NS:
            self.seen[path] = [st.st_size, st.st_mtime_ns, st.st_ino, hexdigest]
        return hexdigest.encode()


def tree_fingerprint(root: Path, digests: FileDigests | None = None) -> str:
    """Every file and folder name under ``root`` with the bytes (or digest) of every file."""
    digests = digests or FileDigests()
    h = hashlib.blake2b(digest_size=16)
    root = Path(root)
    if not root.exists():
        return "missing"
    seen: set[tuple[int, int]] = set()
    # Follow linked folders, as the loaders do (a round folder may be a link); each folder once.
    for folder, dirs, files in os.walk(root, followlinks=True):
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:
            dirs.clear()
            h.update(b"L" + os.path.relpath(folder, root).encode("utf-8", "surrogateescape") + b"\0")
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs.sort()
        rel = os.path.relpath(folder, root)
        h.update(b"D" + rel.encode("utf-8", "surrogateescape") + b"\0")
        for name in sorted(files):
            path = os.path.join(folder, name)
            h.update(b"F" + name.encode("utf-8", "surrogateescape") + b"\0" + digests.digest(path) + b"\0")
    return h.hexdigest()


def _checksum(data) -> str:
    return f"{zlib.crc32(data):08x}"


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _window(times: tuple[datetime, ...], now: datetime) -> tuple[str | None, str | None]:
    """The last content time at or before ``now`` and the first after it (ISO, None when none)."""
    before = [t for t in times if t <= now]
    after = [t for t in times if t > now]
    return (max(before).isoformat() if before else None, min(after).isoformat() if after else None)


def _in_window(now: datetime, previous: str, lo: str | None, hi: str | None) -> bool:
    if now == datetime.fromisoformat(previous):
        return True
    return (lo is None or datetime.fromisoformat(lo) < now) and (hi is None or now < datetime.fromisoformat(hi))


def _output_state(out: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time (ns) of every file under ``out``, by relative path."""
    state: dict[str, list[int]] = {}
    stack = [(str(out), "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, rel + "/"))
                else:
                    st = entry.stat(follow_symlinks=False)
                    state[rel] = (st.st_size, st.st_mtime_ns)
    return state


def fork_safe() -> bool:
    """True when this process has one thread, so a forked child cannot inherit a lock held by
    another (watchfiles' and other native threads count: threading does not see them)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return threading.active_count() == 1


class OutputState:
    """The size and time of every file in the output, read by a forked child process while the
    build goes on (imports, the content scan): on 2 cores the 15 000 stat calls of a 5 000-release
    site (about 70 ms) then cost nothing. Read in this process when forking is not safe (threads)."""

    def __init__(self, out: Path, fork: bool = True):
        self.out = out
        self.pid = None
        self._value = None
        if not fork or not out.is_dir() or not hasattr(os, "fork") or not fork_safe():
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
                    f.write(marshal.dumps(_output_state(out)))
            except BaseException:  # noqa: BLE001 - the parent reads the folder itself
                code = 1
            finally:
                os._exit(code)
        os.close(w)
        self.pid, self._fd = pid, r

    def value(self) -> dict:
        if self._value is None:
            if self.pid is not None:
                with os.fdopen(self._fd, "rb") as f:
                    data = f.read()
                _, status = os.waitpid(self.pid, 0)
                self.pid = None
                try:
                    self._value = marshal.loads(data) if status == 0 else None
                except (ValueError, EOFError, TypeError):
                    self._value = None
            if self._value is None:
                self._value = _output_state(self.out)
        return self._value

    def close(self) -> None:
        """Reap the child if its answer was never asked for."""
        if self.pid is not None:
            os.close(self._fd)
            os.waitpid(self.pid, 0)
            self.pid = None


def scan_content(root: Path, digests: FileDigests) -> tuple[str, dict[str, str]]:
    """The fingerprint of the whole content folder, and of each round folder by name."""
    root = Path(root)
    rounds_dir = root / "rounds"
    in_rounds = sorted(os.listdir(rounds_dir)) if rounds_dir.is_dir() else []
    rounds = {name: tree_fingerprint(rounds_dir / name, digests) for name in in_rounds if (rounds_dir / name).is_dir()}
    if not root.exists():
        return "missing", rounds
    h = hashlib.blake2b(digest_size=16)
    for entry in sorted(os.listdir(root)):
        path = root / entry
        if entry == "rounds" and path.is_dir():
            h.update(b"R" + json.dumps(sorted(rounds.items())).encode() + b"\0")
            for name in in_rounds:
                if name not in rounds:  # a stray file among the rounds
                    h.update(b"S" + name.encode("utf-8", "surrogateescape") + b"\0" + digests.digest(str(path / name)))
        else:
            h.update(b"E" + entry.encode("utf-8", "surrogateescape") + b"\0" + (
                tree_fingerprint(path, digests).encode() if path.is_dir() else digests.digest(str(path))))
    return h.hexdigest(), rounds


def _seal(magic: bytes, payload: bytes) -> bytes:
    return magic + _checksum(payload).encode() + payload


def _unseal(magic: bytes, data: bytes) -> bytes | None:
    if not data.startswith(magic):
        return None
    check, payload = data[len(magic):len(magic) + 8], data[len(magic) + 8:]
    return payload if check.decode("ascii", "replace") == _checksum(payload) else None


@dataclasses.dataclass(frozen=True)
class RoundRecord:
    """What one round's build produced, and from what (see the module's docstring)."""

    inputs: str  # digest of the round's folder, site.yaml, code, templates and options
    seen: tuple[bool, ...]  # for each of ``times``: had --now passed it
    times: tuple  # the round's publication and correction times (rounds.round_times)
    year: int
    totals: object  # derive.YearTotals of this round, for the next year's
    previous: object  # derive.YearTotals it compared with (None when none)
    entries: tuple  # feeds.Entry of each published release, newest first
    files: dict  # output path -> digest
    page: object  # site.RoundLink, or None when the round has no published release


def seen_at(times: tuple, now: datetime) -> tuple[bool, ...]:
    """Which of a round's times ``now`` has passed: all that decides what the round publishes."""
    try:
        return tuple(t <= now for t in times)
    except TypeError:  # a time without a zone (cannot happen after validation): never reuse
        return (None,)


class Store:
    """The cache of one output folder for one set of options."""

    def __init__(self, content: Path, templates: Path, out: Path, drafts: bool, fork: bool = True):
        self.dir = cache_dir(out)
        self.out = Path(out).expanduser().resolve()
        self._manifest = self._read_manifest()
        # Only worth reading when there is a manifest to compare it with.
        self._state = OutputState(self.out, fork) if self._manifest is not None and self.out.is_dir() else None
        self.digests = FileDigests((self._manifest or {}).get("sigs"))
        self.templates_fingerprint = tree_fingerprint(templates, self.digests)
        self.code = code_fingerprint()
        content_digest, self.round_digests = scan_content(content, self.digests)
        site_digest = self.digests.digest(str(Path(content) / "site.yaml")).decode("ascii", "replace")
        # Everything a round and the newsroom-wide files depend on besides the round's own folder.
        self.salt = hashlib.blake2b(
            f"{self.code}|{self.templates_fingerprint}|{site_digest}|{bool(drafts)}".encode(), digest_size=16).digest()
        options = f"{Path(content).resolve()}|{Path(templates).resolve()}|{self.out}|{bool(drafts)}"
        self.inputs = hashlib.blake2b(
            f"{self.salt.hex()}|{content_digest}|{options}".encode(), digest_size=16).hexdigest()

    # --- level 1: the whole site --------------------------------------------------------------

    def unchanged_site(self, now: datetime) -> tuple[int, int, int] | None:
        """(releases, drafts, files) of the last build when it is still exactly right, else None."""
        manifest = self._manifest
        if manifest is None or manifest.get("inputs") != self.inputs:
            return None
        try:
            if not _in_window(now, manifest["now"], manifest["after"], manifest["before"]):
                return None
            if self.output_digests() is None:
                return None
            return int(manifest["releases"]), int(manifest["drafts"]), int(manifest["files"])
        except (KeyError, TypeError, ValueError, OSError):
            return None

    def output_digests(self) -> dict[str, str] | None:
        """The digest of every file in the output (but the marker), if it is exactly as last written."""
        manifest = self._manifest
        if manifest is None:
            return None
        if "_digests" not in manifest:
            try:
                current = (self._state.value() if self._state is not None else None) if self.out.is_dir() else None
                # Sizes and times as (size, ns) tuples on both sides: one comparison in C.
                ok = current is not None and current == manifest["output"] and isinstance(manifest["digests"], dict)
                manifest["_digests"] = manifest["digests"] if ok else None
            except (KeyError, TypeError, OSError):
                manifest["_digests"] = None
        return manifest["_digests"]

    def close(self) -> None:
        if self._state is not None:
            self._state.close()

    def newsroom_keys(self) -> dict[str, str]:
        """The key each newsroom-wide file was made from in the last build (path -> hex)."""
        keys = (self._manifest or {}).get("keys")
        return keys if isinstance(keys, dict) else {}

    def save_site(self, now: datetime, times: tuple[datetime, ...], releases: int, drafts: int,
                  files: dict[str, str], written: list[str], keys: dict[str, bytes], in_place: bool) -> None:
        """Remember this build: what it read, what it wrote (``files``: path → digest)."""
        try:
            after, before = _window(times, now)
        except TypeError:  # a time without a zone cannot be placed: no shortcut for this build
            return
        old = (self._manifest or {}).get("output")
        if in_place and isinstance(old, dict) and len(written) < len(files) // 2:
            # Updated in place: only the written files have a new size and time (and removed
            # files are gone).
            state = dict(old)
            if state.keys() - {MARKER} != files.keys():
                state = {rel: v for rel, v in state.items() if rel in files or rel == MARKER}
            for rel in written:
                st = os.lstat(self.out / rel)
                state[rel] = (st.st_size, st.st_mtime_ns)
        else:
            state = _output_state(self.out)
        manifest = {"format": FORMAT, "inputs": self.inputs, "now": now.isoformat(), "after": after,
                    "before": before, "releases": releases, "drafts": drafts, "files": len(files),
                    "output": state, "digests": files, "keys": {path: key.hex() for path, key in keys.items()},
                    "sigs": self.digests.seen}
        # marshal: a 15 000-file output's manifest loads in 6 ms (JSON: 19 ms); it is checksummed and
        # tied to this Python version like the round records.
        self._write(self.dir / MANIFEST, _seal(self._manifest_magic(), marshal.dumps(manifest)))

    @staticmethod
    def _manifest_magic() -> bytes:
        return b"PRESSRUM-SITE-CACHE\n" + f"{FORMAT} {sys.version_info[:3]}\n".encode()

    def _read_manifest(self) -> dict | None:
        try:
            payload = _unseal(self._manifest_magic(), (self.dir / MANIFEST).read_bytes())
            if payload is None:
                return None
            manifest = marshal.loads(payload)
            return manifest if isinstance(manifest, dict) and manifest.get("format") == FORMAT else None
        except (OSError, ValueError, EOFError, TypeError, UnicodeDecodeError):
            return None

    # --- level 2: rounds ----------------------------------------------------------------------

    def round_inputs(self, name: str) -> str:
        """The digest of everything a round reads but the previous year's totals and --now."""
        return hashlib.blake2b(self.salt + b"\0" + name.encode("utf-8", "surrogateescape") + b"\0" +
                               self.round_digests.get(name, "missing").encode(), digest_size=16).hexdigest()

    def _round_path(self, name: str) -> Path:
        return self.dir / "rounds" / (name + ".bin")

    def _round_magic(self) -> bytes:
        return _ROUND_MAGIC + f"{FORMAT} {sys.version_info[:3]}\n".encode()

    def round_record(self, name: str) -> RoundRecord | None:
        """The last build's record of round ``name`` if its inputs are unchanged, else None."""
        try:
            payload = _unseal(self._round_magic(), self._round_path(name).read_bytes())
            record = pickle.loads(payload) if payload is not None else None
        except Exception:  # noqa: BLE001 - a damaged or foreign record of any kind is ignored
            return None
        if not isinstance(record, RoundRecord) or record.inputs != self.round_inputs(name):
            return None
        return record

    def save_round(self, name: str, record: RoundRecord, texts: tuple[bytes, ...]) -> None:
        """Keep a round's record and, apart (read only when a feed is made again), its feed texts."""
        self._write(self._round_path(name),
                    _seal(self._round_magic(), pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)))
        # The texts name the entries they belong to: a texts file left by another build of
        # the round (a crash between the two writes) is never taken for this one's.
        payload = marshal.dumps((tuple(e.digest for e in record.entries), tuple(texts)))
        self._write(self._round_path(name).with_suffix(".texts"), _seal(self._round_magic(), payload))

    def round_texts(self, name: str, record: RoundRecord) -> dict[str, bytes] | None:
        """The compressed feed texts of a reused round's entries by key, or None when the cache
        does not have exactly those (the caller then makes them again)."""
        try:
            payload = _unseal(self._round_magic(), self._round_path(name).with_suffix(".texts").read_bytes())
            digests, texts = marshal.loads(payload) if payload is not None else ((), ())
        except (OSError, ValueError, EOFError, TypeError):
            return None
        if digests != tuple(e.digest for e in record.entries) or len(texts) != len(digests):
            return None
        return {e.key: t for e, t in zip(record.entries, texts)}

    def forget_rounds(self, keep: set[str]) -> None:
        """Remove the records of rounds that no longer exist."""
        folder = self.dir / "rounds"
        if folder.is_dir():
            for path in folder.iterdir():
                if path.suffix in (".bin", ".texts") and path.stem not in keep:
                    path.unlink(missing_ok=True)

    def _write(self, path: Path, data: bytes) -> None:
        try:
            _write_atomically(path, data)
        except OSError:  # a cache that cannot be written only makes the next build slower
            pass
