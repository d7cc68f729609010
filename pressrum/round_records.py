"""The build cache's record of each round: what its build read, which of its times ``--now``
had passed, its result (``rounds.RoundResult``) and, apart, its feed texts (``memo.py``).

A mixin of :class:`memo.DiskMemo`, which gives it the cache folder (``dir``), the salt, each
round's input digest (``_rounds``) and sealed reading and writing (``_read``, ``_write``).
"""
from __future__ import annotations

import hashlib
import marshal
from datetime import datetime
from pathlib import Path

from .cache_files import lasting


def seen_at(times: tuple, now: datetime) -> tuple[bool, ...]:
    """Which of a round's times ``now`` has passed: all that decides what the round publishes."""
    try:
        return tuple(t <= now for t in times)
    except TypeError:  # a time without a zone (cannot happen after validation): never reuse
        return (None,)


class RoundRecords:
    """Reading and writing the records of rounds in the cache folder."""

    def round_inputs(self, name: str) -> str:
        """The digest of everything a round reads but the previous year's totals and --now."""
        return hashlib.blake2b(self.salt + b"\0" + name.encode("utf-8", "surrogateescape") + b"\0" +
                               self._rounds.get(name, "missing").encode(), digest_size=16).hexdigest()

    def _round_path(self, name: str) -> Path:
        return self.dir / "rounds" / (name + ".bin")

    def round_record(self, name: str):
        """The last build's result of round ``name`` if its inputs are unchanged, else None."""
        found = self._record(name)
        return found[1] if found else None

    def _record(self, name: str) -> tuple[tuple, object] | None:
        # Records are read only by a build that has work to do, after the stages are imported
        # (the no-change shortcut reads none): importing rounds here costs nothing.
        from .rounds import RoundResult

        try:
            payload = self._read(self._round_path(name), b"ROUND")
            inputs, seen, data = marshal.loads(payload) if payload is not None else (None, None, None)
            if inputs != self.round_inputs(name):
                return None
            result = RoundResult.from_data(data)
        except Exception:  # noqa: BLE001 - a record of any other shape is ignored
            return None
        return (tuple(seen), result) if result.name == name else None

    def reusable(self, names: list[str], now: datetime, last_output: dict | None) -> dict:
        """The rounds whose record still holds at ``now`` and whose files are in the output
        exactly as they wrote them: name → result (marked reused, without texts)."""
        if last_output is None:
            return {}
        found = {}
        ahead = self._ahead
        with lasting(self.once):
            for name in names:
                record = ahead.pop(name) if name in ahead else self._record(name)
                if record is None:
                    continue
                seen, result = record
                # Its files a subset of the output's (path, digest) pairs: one comparison in C.
                if seen == seen_at(result.times, now) and result.files.items() <= last_output.items():
                    found[name] = result
        return found

    def _read_ahead(self, until) -> None:
        """Read the records of the content's rounds (``_rounds``), in order, into ``_ahead`` until
        ``until()`` is true: at 20 000 releases the output's scan ends some 100 ms after this
        process needs it, time in which it reads about 400 of the records it reads next anyway."""
        with lasting(self.once):
            for name in self._rounds:
                if until():
                    return
                if name not in self._ahead:
                    self._ahead[name] = self._record(name)

    def remember_round(self, result, now: datetime) -> None:
        """Keep a round's result and, apart (read only when a feed is made again), its feed texts."""
        if not result.problems and not result.reused:
            self.save_round(result, seen_at(result.times, now))

    def save_round(self, result, seen: tuple) -> None:
        self._write(self._round_path(result.name), b"ROUND",
                    marshal.dumps((self.round_inputs(result.name), list(seen), result.to_data())))
        # The texts name the entries they belong to: a texts file left by another build of
        # the round (a crash between the two writes) is never taken for this one's.
        payload = marshal.dumps((tuple(e.text_digest for e in result.entries), tuple(result.texts)))
        self._write(self._round_path(result.name).with_suffix(".texts"), b"TEXTS", payload)
        # What each picture was drawn from and the digest it was written with, for the round's
        # next build whatever its inputs then (pictures.Kept): valid with the same code,
        # templates and site.yaml only (the salt).
        drawn = {rel: (key, result.files[rel]) for rel, key in result.pictures.items() if rel in result.files}
        self._write(self._round_path(result.name).with_suffix(".pictures"), b"PICTS", marshal.dumps((self.salt, drawn)))

    def pictures(self, names):
        """The pictures the last builds of rounds ``names`` drew, to be taken from the output
        when drawn from the same values again (``pictures.Kept``); none that are not exactly as
        this cache wrote them."""
        from .pictures import Drawn, Kept  # a build that draws: its stages are imported

        known: dict = {}
        for name in names:
            try:
                payload = self._read(self._round_path(name).with_suffix(".pictures"), b"PICTS")
                salt, drawn = marshal.loads(payload) if payload is not None else (None, {})
                if salt == self.salt:
                    known.update({str(rel): (str(key), str(d)) for rel, (key, d) in drawn.items()})
            except (OSError, ValueError, EOFError, TypeError):
                continue
        return Kept(self.out, known) if known else Drawn()

    def round_texts(self, result) -> dict[str, bytes] | None:
        """The compressed feed texts of a reused round's entries by key, or None when the cache
        does not have exactly those (the round is then built again)."""
        try:
            payload = self._read(self._round_path(result.name).with_suffix(".texts"), b"TEXTS")
            digests, texts = marshal.loads(payload) if payload is not None else ((), ())
        except (OSError, ValueError, EOFError, TypeError):
            return None
        if digests != tuple(e.text_digest for e in result.entries) or len(texts) != len(digests):
            return None
        return {e.key: t for e, t in zip(result.entries, texts)}

    def _forget_rounds_but(self, keep: set[str]) -> None:
        folder = self.dir / "rounds"
        if folder.is_dir():
            for path in folder.iterdir():
                if path.suffix in (".bin", ".texts", ".pictures") and path.stem not in keep:
                    path.unlink(missing_ok=True)
