"""Text drawn from glyphs rasterised once per process, pixel for pixel as Pillow draws it.

``ImageDraw.text`` asks FreeType for every glyph of every line again (about 0.5 ms a line of a
social card, and a card has six). With the basic layout (``fonts.font(..., shaped=False)``:
FreeType alone, one glyph per character, no ligatures) Pillow's ``font_render`` does something
simple enough to repeat from a cache: the pen starts at the anchor, glyph ``i`` is drawn at
pixel ``PIXEL(pen)`` (26.6 fixed point, rounded), the pen moves by the glyph's hinted advance
plus the kerning of the pair (FT_Get_Kerning, none in Open Sans, which has no ``kern`` table:
``tests/test_glyphs.py`` checks), and each glyph's coverage is laid over the line's as
``BLEND(glyph, line, 255)`` — the very blend of ``Image.paste(255, box, mask)``. A line is then
laid over the picture with the same blend (``draw_bitmap``). So a glyph's mask is taken once
from Pillow itself (one character drawn alone), and a line is a paste of those masks: the
same pixels, measured in ``tests/test_cards.py`` against ``ImageDraw.text`` on 60 headlines.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from PIL import Image, ImageDraw, ImageFont

Box = tuple[int, int, int, int]  # left, top, right, bottom (exclusive), in pixels


@dataclass(frozen=True, eq=False)
class Glyph:
    """One character of a face: its advance (26.6) and its coverage, cropped to its ink, with the
    mask's top-left corner relative to the pen's pixel on the baseline (no ink: ``mask`` None)."""

    advance: int
    mask: Image.Image | None
    dx: int
    dy: int


@lru_cache(maxsize=8192)
def glyph(font: ImageFont.FreeTypeFont, char: str) -> Glyph:
    """``char`` in ``font`` as Pillow draws it alone at a baseline (kept per process: a build
    draws the same few hundred characters in the same few faces thousands of times)."""
    advance = round(font.getlength(char) * 64)
    size = font.size
    pen_x, baseline = 2 * size, 3 * size  # room on every side: a glyph may start left of its pen
    canvas = Image.new("L", (5 * size + 2 * (advance >> 6), 5 * size), 0)
    ImageDraw.Draw(canvas).text((pen_x, baseline), char, font=font, fill=255, anchor="ls")
    box = canvas.getbbox()
    if box is None:
        return Glyph(advance, None, 0, 0)
    return Glyph(advance, canvas.crop(box), box[0] - pen_x, box[1] - baseline)


def pixel(v: int) -> int:
    """FreeType's ``PIXEL``: a 26.6 value rounded to whole pixels (halves up)."""
    return (v + 32) >> 6


class _Advances(dict):
    """A face's advance per character (26.6), filled as characters come."""

    def __init__(self, font: ImageFont.FreeTypeFont):
        super().__init__()
        self.font = font

    def __missing__(self, char: str) -> int:
        self[char] = advance = glyph(self.font, char).advance
        return advance


@lru_cache(maxsize=64)
def _advances(font: ImageFont.FreeTypeFont) -> _Advances:
    return _Advances(font)


def length(font: ImageFont.FreeTypeFont, text: str) -> int:
    """The pen's advance over ``text`` in 26.6: ``font.getlength(text) * 64`` of a basic-layout
    face (the sum of the advances), without asking FreeType again. Wrapping a headline measures
    a few hundred strings; this is a dictionary look-up per character."""
    return sum(map(_advances(font).__getitem__, text))


Piece = tuple[Image.Image, int, int]  # a glyph's mask and its top-left corner in the picture


@dataclass(frozen=True)
class Text:
    """A line of text to draw: ``xy`` is the anchor point, ``anchor`` Pillow's two letters
    (horizontal ``l``/``m``/``r``; vertical ``a`` ascender, ``s`` baseline, ``d`` descender)."""

    font: ImageFont.FreeTypeFont
    text: str
    xy: tuple[int, int]
    anchor: str = "la"

    @cached_property
    def pieces(self) -> tuple[Piece, ...]:
        """The glyph masks and their top-left corners in the picture."""
        font, (x, y) = self.font, self.xy
        chars = [glyph(font, c) for c in self.text]
        across, down = self.anchor
        if across == "l":
            x_anchor = 0
        elif across in "mr":
            total = sum(g.advance for g in chars)
            x_anchor = pixel(total // 2 if across == "m" else total)
        else:
            raise ValueError(f"anchor {self.anchor!r}: only l, m, r across")
        ascent, descent = font.getmetrics()
        y_anchor = {"a": ascent, "s": 0, "d": -descent}.get(down)
        if y_anchor is None:
            raise ValueError(f"anchor {self.anchor!r}: only a, s, d down")
        left, baseline = x - x_anchor, y + y_anchor
        out, pen = [], 32  # 32: PIXEL's rounding, added once rather than per glyph
        for g in chars:
            if g.mask is not None:
                out.append((g.mask, left + (pen >> 6) + g.dx, baseline + g.dy))
            pen += g.advance
        return tuple(out)

    @cached_property
    def box(self) -> Box | None:
        """The smallest box holding the line's ink (None for a text without any)."""
        return box_of(self.pieces)


def box_of(pieces) -> Box | None:
    """The smallest box holding every piece (None for no pieces)."""
    if not pieces:
        return None
    return (min(x for _, x, _ in pieces), min(y for _, _, y in pieces),
            max(x + m.width for m, x, _ in pieces), max(y + m.height for m, _, y in pieces))


def draw(image: Image.Image, text: Text, offset: tuple[int, int] = (0, 0), alone: bool = True) -> None:
    """Lay ``text`` over ``image`` in white (255), shifted by ``offset``. ``alone``: nothing is
    drawn yet under the line's box, so its glyphs go straight onto the picture (a line over
    other ink is first put together on its own, as Pillow does, then laid over it)."""
    box = text.box
    if box is None:
        return
    ox, oy = offset
    # The core's paste is Image.paste(255, box, mask) without its argument checks, which cost
    # more than the pasting of a glyph (80 glyphs a card); the arguments here are always right.
    if alone:
        target = image.im
        for mask, x, y in text.pieces:
            target.paste(255, (x + ox, y + oy, x + ox + mask.width, y + oy + mask.height), mask.im)
        return
    line = Image.new("L", (box[2] - box[0], box[3] - box[1]), 0)
    for mask, x, y in text.pieces:
        line.paste(255, (x - box[0], y - box[1]), mask)
    image.paste(255, (box[0] + ox, box[1] + oy), line)
