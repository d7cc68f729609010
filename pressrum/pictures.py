"""Pictures a build takes from the output instead of drawing them again.

A release's social card and a round's county graphic are pure functions of a few values (the
headline, the county, the sender, the newsroom's name and look; the graphic's figures and its
credit line). Drawing them is most of what rebuilding one round costs in a new process (its
glyphs rasterised again, its rows compressed again: about 0.3 s of a 22-release round whose
quote was edited, against 0.1 s for everything else it renders), though such an edit leaves
every picture as it was.

So each picture is asked for by its path in the output, the digest of the values it is drawn
from (:func:`key_of`) and the function that draws it. :class:`Drawn` (no earlier build, or no
build cache) draws it. :class:`Kept`, which the build cache makes from what the last build of
the round drew (``memo.DiskMemo.pictures``), returns the output's file at that path instead
when the last build drew it from the same values and the file still has the digest that build
wrote; anything else – another key, a file changed or gone – draws it. Either way the bytes are
a :class:`Picture`, which carries its key to the round's result (``rounds.build_round``), so the
next build knows what each picture was drawn from. ``tests/test_pictures.py`` compares both
ways and checks that an edit of a quote draws no picture.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .output import digest


class Picture(bytes):
    """A picture's bytes, with the key of the values it was drawn from (:func:`key_of`)."""

    key: str

    def __new__(cls, data: bytes, key: str = ""):  # the default: as pickle makes it again, then sets key
        obj = super().__new__(cls, data)
        obj.key = key
        return obj


def key_of(kind: str, *values) -> str:
    """The digest of what a picture is drawn from: its kind and the ``repr`` of its values
    (frozen dataclasses, strings, numbers and tuples, whose repr is their whole content)."""
    return hashlib.blake2b(repr((kind, values)).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


class Drawn:
    """Every picture drawn (the first build, a build without cache, a check)."""

    def picture(self, rel: str, key: str, draw: Callable[[], bytes]) -> Picture:
        """The picture at output path ``rel`` drawn from the values ``key`` names, by ``draw``."""
        return Picture(draw(), key)


@dataclass(frozen=True)
class Kept(Drawn):
    """The pictures the last build wrote to ``out``: path -> (key, digest of the file)."""

    out: Path
    known: dict = field(default_factory=dict)

    def picture(self, rel: str, key: str, draw: Callable[[], bytes]) -> Picture:
        """The file at ``rel`` in the output when the last build drew it from the same values and
        it is still as that build wrote it; else drawn."""
        kept = self.known.get(rel)
        if kept is not None and kept[0] == key:
            try:
                data = (self.out / rel).read_bytes()
            except OSError:
                data = None
            if data is not None and digest(data) == kept[1]:
                return Picture(data, key)
        return Picture(draw(), key)
