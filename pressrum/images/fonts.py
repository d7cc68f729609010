"""The fonts drawn into PNGs: Open Sans from the ``ttf-opensans`` package on PyPI.

Why a PyPI package: the README's one install command must give every machine the same font
file (the same glyphs give the same image bytes), without a system package and without a copy
of a third-party font in this repository. Open Sans is under the Apache License 2.0 (free to
redistribute). The version is pinned in pyproject.toml because a new font file changes the
bytes of every generated image; the fingerprint of the build cache includes it (LIBRARIES).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

WEIGHTS = ("Regular", "SemiBold", "Bold")


def font_path(weight: str = "Regular") -> Path:
    """The TrueType file of Open Sans in ``weight`` (one of :data:`WEIGHTS`)."""
    if weight not in WEIGHTS:
        raise ValueError(f"unknown weight {weight!r}")
    import ttf_opensans

    return Path(ttf_opensans.__file__).resolve().parent / "ttf" / f"OpenSans-{weight}.ttf"


@lru_cache(maxsize=32)
def font(size: int, weight: str = "Regular", shaped: bool = True) -> ImageFont.FreeTypeFont:
    """Open Sans at ``size`` pixels. Kept per process: loading a face reads and parses ~100 kB,
    and a build draws many cards with the same two or three faces (the value never changes).

    ``shaped=False`` lays text out with FreeType alone (Pillow's basic layout: one glyph per
    character, hinted advances, no ligatures), whether or not Pillow found libraqm and FriBiDi on
    this machine: the social cards use it, so their pixels do not depend on those libraries and
    can be drawn from cached glyphs (``glyphs.py``)."""
    engine = None if shaped else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(font_path(weight)), size, layout_engine=engine)
