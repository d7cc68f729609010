"""Reuse of earlier builds' work: :class:`NoMemo` (never) and :class:`DiskMemo` (the build cache).

The pipeline passes every decision about reuse through one object with this interface, and
no stage knows which one it has. The build cache of an output folder lives in the user's cache
folder (``~/.cache/pressrum/builds/<name>-<digest of the output's real path>/``); it is safe to
delete at any time. Two levels:

* ``site.bin`` – the fingerprint of every input of the last successful build (content files as
  the loader reads them, templates, the package's code and version, the libraries' versions,
  the options), the digest of every file it wrote, and the key of each newsroom-wide file; apart,
  in ``output.bin`` (read by the output scan's child, which then need not read the manifest),
  the size and modification time of every file, with a token the manifest names. When nothing
  changed, the output is still exactly as written, and ``--now`` falls between the same two
  content times as before, the build is already done.
* ``rounds/<round>.bin`` – per round: the digest of its inputs (``content.round_inputs``, plus
  site.yaml, code, templates and options), which of its times ``--now`` had passed, and its
  result (``rounds.RoundResult``: entries, totals, the digest of every file it wrote); apart,
  in ``.texts``, its feed texts, and in ``.pictures`` the key of what each of its pictures was
  drawn from with the digest written (kept whatever the inputs then, under the same code,
  templates and site.yaml: ``pictures.py``). A round whose record matches, and whose files are
  in the output with those digests, is neither loaded nor rendered; a round built again takes
  from the output each picture drawn from the same values as before.

A newsroom-wide page declares what it depends on (``site.Planned.depends_on``); its key is a
digest of that, and a page whose key is unchanged and whose file is in the output is kept.

Beside the cache folder (``<name>-<digest>.reserv``) an update keeps the previous site for the
next update to stage in (``spare.py``): hard links to the published files (no bytes of their
own) and the old versions of the files it changed. Only the output's own files (the same inode)
are ever taken from it; ``du`` of the cache folder alone counts the linked files too.

The cache can never make code run or change what is published: it holds plain data only
(marshal of str, int, bytes, lists and dicts; never pickle), every file carries a keyed MAC
(HMAC-SHA256 with a per-user secret kept in the cache folder, mode 0600), and its folders are the
user's own with mode 0700 – a folder owned by someone else is never used. A file whose MAC,
format or Python version does not match (a truncated write, a flipped bit, a file from another
version or another user) is ignored. Files are replaced atomically; ``site.bin`` is written
only after the output was.
"""
from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

# SECRET and lock_file are the memo's to name (cli.py, serve.py and the tests ask it).
from .cache_files import (SECRET, _private_folder, _seal, _sealed, _secret, _unseal, _write_atomically,  # noqa: F401
                          cache_dir, lasting, lock_file, read_whole)
from .fingerprint import FORMAT, FileDigests, code_fingerprint, content_fingerprint, output_state, tree_fingerprint
from .output_marker import MARKER
from .pool import fork_safe
from .spare import spare_folder
from .round_records import RoundRecords, seen_at  # noqa: F401 - seen_at: part of the memo's interface
from .scan_child import OutputScan
from .waiting import Waiting

MANIFEST = "site.bin"
STATE = "output.bin"  # the output's sizes and times as the last build left them


@dataclass(frozen=True)
class Unchanged:
    """The last build's counts, when it is still exactly right."""

    releases: int
    drafts: int
    files: int
    timings: tuple[tuple[str, float], ...] = ()  # as BuildResult's: seconds per stage
    waiting: Waiting = Waiting()  # as BuildResult's: what was checked and waits for its time


class NoMemo:
    """Reuse nothing: every build is a full build."""

    def unchanged(self, now: datetime) -> Unchanged | None:
        return None

    def last_output(self) -> dict[str, str] | None:
        return None

    def spare(self) -> Path | None:
        return None

    def scanned(self) -> tuple[dict, list[int]] | None:
        return None

    def reusable(self, names: list[str], now: datetime, last_output: dict | None) -> dict:
        return {}

    def remember_round(self, result, now: datetime) -> None:
        pass

    def round_texts(self, result) -> dict[str, bytes] | None:
        return None

    def pictures(self, names):
        from .pictures import Drawn

        return Drawn()

    def kept(self, planned, last_output: dict | None) -> str | None:
        return None

    def remember(self, now, results, planned, files, written, releases: int, drafts: int,
                 waiting: Waiting = Waiting()) -> None:
        pass

    def close(self) -> None:
        pass


class DiskMemo(RoundRecords, NoMemo):
    """The build cache of one output folder for one set of options; ``once``: the process makes
    this one build and ends (what the cache reads is then kept from the collector: ``lasting``)."""

    def __init__(self, content: Path, templates: Path, out: Path, drafts: bool, home: Path, once: bool = False):
        self.once = once
        self.dir = cache_dir(out, home)
        self.out = Path(out).expanduser().resolve()
        private = _private_folder(Path(home)) and _private_folder(self.dir.parent) and _private_folder(self.dir)
        self._key = _secret(home) if private else None  # None: nothing is read or written
        self._stored: tuple | None | bool = False  # output.bin, not read yet
        # Only worth reading when there is a manifest to compare it with; started before anything
        # else (the manifest, the inputs' digests and the stages' imports take as long as the
        # scan of a 20 000-release site): its child reads output.bin to compare with.
        self._state = _Scan(self.out, self._stored_state) \
            if self._key is not None and (self.dir / MANIFEST).is_file() and self.out.is_dir() else None
        self._manifest = self._read_manifest()
        self.digests = FileDigests((self._manifest or {}).get("sigs"))
        templates_fingerprint = tree_fingerprint(templates, self.digests)
        content_digest, self._rounds = content_fingerprint(content, self.digests)
        site_digest = self.digests.digest(str(Path(content) / "site.yaml")).decode("ascii", "replace")
        # Everything a round and the newsroom-wide files depend on besides the round's own folder.
        self.salt = hashlib.blake2b(
            f"{code_fingerprint()}|{templates_fingerprint}|{site_digest}|{bool(drafts)}".encode(),
            digest_size=16).digest()
        options = f"{Path(content).resolve()}|{Path(templates).resolve()}|{self.out}|{bool(drafts)}"
        self.inputs = hashlib.blake2b(f"{self.salt.hex()}|{content_digest}|{options}".encode(),
                                      digest_size=16).hexdigest()
        self._verified: dict | None | bool = False  # not checked yet
        self._page_keys: dict[str, str] = {}
        self._ahead: dict = {}  # round records read while the output's scan ran (_read_ahead)

    # --- the whole site -----------------------------------------------------------------------

    def unchanged(self, now: datetime) -> Unchanged | None:
        """The last build's counts when its inputs are these, ``now`` falls between the same two
        content times and the output is exactly as it wrote it; else None."""
        manifest = self._manifest
        if manifest is None or manifest.get("inputs") != self.inputs:
            return None
        try:
            if not _in_window(now, manifest["now"], manifest["after"], manifest["before"]):
                return None
            if self.last_output() is None:
                return None
            return Unchanged(int(manifest["releases"]), int(manifest["drafts"]), int(manifest["files"]),
                             waiting=Waiting.from_data(manifest["waiting"]))
        except (KeyError, TypeError, ValueError, OSError):
            return None

    def last_output(self) -> dict[str, str] | None:
        """The digest of every file in the output (but the marker), if it is exactly as last written."""
        if self._verified is False:
            self._verified = None
            manifest = self._manifest
            if manifest is None or self._state is None:  # nothing to compare with: output.bin not read
                return None
            try:
                stored = self._stored_state()  # read while the child still scans
                if manifest.get("inputs") != self.inputs:
                    # A build with work to do (else no record is read): its records meanwhile.
                    self._read_ahead(self._state.ready)
                current = self._state.value() if self.out.is_dir() else None
                # Sizes and times as (size, ns) tuples on both sides: one comparison in C.
                if (stored is not None and current is not None and self._stored[0] == manifest["state"]
                        and (current is stored or current == stored) and isinstance(manifest["digests"], dict)):
                    self._verified = manifest["digests"]
            except (KeyError, TypeError, OSError):
                pass
        return self._verified

    def spare(self) -> Path | None:
        """Where the previous site is kept for the next update to stage in (``spare.py``); None
        without a usable cache folder."""
        return spare_folder(self.dir) if self._key is not None else None

    def scanned(self) -> tuple[dict, list[int]] | None:
        """The output as :meth:`last_output` found it exactly as written (``fingerprint.output_scan``:
        its entries' sizes and times, and their inodes), for the kept previous site to be fixed
        without walking the output again; None when it was not."""
        if not self.last_output() or self._state is None or self._state.inodes is None:
            return None
        return self._state.value(), self._state.inodes

    def kept(self, planned, last_output: dict | None) -> str | None:
        """The digest of ``planned``'s file in the output when the last build made it from the
        same inputs (it need not be made again), else None."""
        if last_output is None or planned.path not in last_output:
            return None
        keys = (self._manifest or {}).get("keys")
        if not isinstance(keys, dict) or keys.get(planned.path) != self._page_key(planned):
            return None
        return last_output[planned.path]

    def _page_key(self, planned) -> str:
        """The key of a page: what it declares it depends on, with the salt; once per build (a
        county page's dependencies are long, and both kept() and remember() need the key)."""
        key = self._page_keys.get(planned.path)
        if key is None:
            h = hashlib.blake2b(self.salt + b"\0" + planned.path.encode("utf-8") + b"\0", digest_size=16)
            h.update(dependency_bytes(planned.depends_on))
            key = self._page_keys[planned.path] = h.hexdigest()
        return key

    def remember(self, now, results, planned, files, written, releases: int, drafts: int,
                 waiting: Waiting = Waiting()) -> None:
        """Remember this build: what it read, what it wrote (``files``: path → digest), and
        forget the records of rounds that no longer exist."""
        self._forget_rounds_but(set(results))
        times = tuple(t for r in results.values() for t in r.times)
        try:
            after, before = _window(times, now)
        except TypeError:  # a time without a zone cannot be placed: no shortcut for this build
            return
        old = self._stored_state() if self._verified else None
        if old is not None and len(written) < len(files) // 2:
            # Updated in place: only the written files have a new size and time (and removed
            # files are gone).
            state = dict(old)
            if state.keys() - {MARKER} != files.keys():
                state = {rel: v for rel, v in state.items() if rel in files or rel == MARKER}
            for rel in written:
                st = os.lstat(self.out / rel)
                state[rel] = (st.st_size, st.st_mtime_ns)
        else:
            state = output_state(self.out)
        # The state first: a manifest never names a state file that is not there (one that names
        # another token, after a failed write, only means the next build is a full one).
        token = os.urandom(16).hex()
        self._write(self.dir / STATE, b"STATE", marshal.dumps((token, state)))
        manifest = {"format": FORMAT, "inputs": self.inputs, "now": now.isoformat(), "after": after,
                    "before": before, "releases": releases, "drafts": drafts, "files": len(files),
                    "waiting": waiting.to_data(), "state": token,
                    "digests": files, "keys": {p.path: self._page_key(p) for p in planned},
                    "sigs": self.digests.seen}
        # marshal: a 15 000-file output's manifest loads in 6 ms (JSON: 19 ms).
        self._write(self.dir / MANIFEST, b"SITE", marshal.dumps(manifest))

    def _read_manifest(self) -> dict | None:
        try:
            payload = self._read(self.dir / MANIFEST, b"SITE")
            with lasting(self.once):
                manifest = marshal.loads(payload) if payload is not None else None
            return manifest if isinstance(manifest, dict) and manifest.get("format") == FORMAT else None
        except (OSError, ValueError, EOFError, TypeError, UnicodeDecodeError):
            return None

    def _stored_state(self) -> dict | None:
        """The output's sizes and times by path as the last build left them (``output.bin``;
        ``self._stored`` keeps its token beside them); read once, by the scan's child too."""
        if self._stored is False:
            self._stored = None
            try:
                payload = self._read(self.dir / STATE, b"STATE")
                with lasting(self.once):
                    token, state = marshal.loads(payload) if payload is not None else (None, None)
                if isinstance(token, str) and isinstance(state, dict):
                    self._stored = (token, state)
            except (ValueError, EOFError, TypeError):
                pass
        return self._stored[1] if self._stored else None

    def close(self) -> None:
        if self._state is not None:
            self._state.value()  # reap the child

    def _write(self, path: Path, kind: bytes, payload: bytes) -> None:
        if self._key is None:
            return
        try:
            path.parent.mkdir(mode=0o700, exist_ok=True)
            _write_atomically(path, _sealed(self._key, kind, payload))
        except OSError:  # a cache that cannot be written only makes the next build slower
            pass

    def _read(self, path: Path, kind: bytes) -> bytes | None:
        """The payload of a cache file of ``kind`` whose MAC is right, else None."""
        if self._key is None:
            return None
        try:
            data = read_whole(path)
        except OSError:
            return None
        return _unseal(self._key, kind, data)


def _Scan(out: Path, expected=None) -> OutputScan:
    """The output's scan (``scan_child.OutputScan``), in a child when forking is safe here."""
    return OutputScan(out, expected, forked=fork_safe())


def _window(times: tuple[datetime, ...], now: datetime) -> tuple[str | None, str | None]:
    """The last content time at or before ``now`` and the first after it (ISO, None when none)."""
    before = [t for t in times if t <= now]
    after = [t for t in times if t > now]
    return (max(before).isoformat() if before else None, min(after).isoformat() if after else None)


def _in_window(now: datetime, previous: str, lo: str | None, hi: str | None) -> bool:
    if now == datetime.fromisoformat(previous):
        return True
    return (lo is None or datetime.fromisoformat(lo) < now) and (hi is None or now < datetime.fromisoformat(hi))


def dependency_bytes(value) -> bytes:
    """What a page's key is made from: ``value`` (plain values, as ``site.Planned.depends_on``)
    as bytes that are equal exactly when the values are. marshal's version 0 writes a value the
    same whatever objects it shares or whether its strings are interned (later versions mark
    both), and tells tuples from lists and True from 1, as the repr it replaces did; at 19 998
    releases, one county edited, the 144 page keys take 12.6-16.6 ms instead of 27.6 ms.
    A value marshal cannot write (a dataclass such as the start page's round links) is taken
    by its repr, behind another first byte, so the two can never give the same bytes."""
    try:
        return b"m" + marshal.dumps(value, 0)
    except ValueError:
        return b"r" + repr(value).encode("utf-8")
