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
    mask's box relative to the pen's pixel on the baseline (no ink: ``mask`` None)."""

    advance: int
    mask: Image.Image | None
    box: Box = (0, 0, 0, 0)


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
        return Glyph(advance, None)
    return Glyph(advance, canvas.crop(box), (box[0] - pen_x, box[1] - baseline, box[2] - pen_x, box[3] - baseline))


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


Piece = tuple[Image.Image, Box]  # a glyph's mask and its box in the picture


@dataclass(frozen=True)
class Text:
    """A line of text to draw: ``xy`` is the anchor point, ``anchor`` Pillow's two letters
    (horizontal ``l``/``m``/``r``; vertical ``a`` ascender, ``s`` baseline, ``d`` descender)."""

    font: ImageFont.FreeTypeFont
    text: str
    xy: tuple[int, int]
    anchor: str = "la"

    @property
    def pieces(self) -> tuple[Piece, ...]:
        """The glyph masks and their boxes, the anchor point's row being row 0."""
        return _layout(self.font, self.text, self.xy[0], self.anchor)[0]

    @cached_property
    def box(self) -> Box | None:
        """The smallest box holding the line's ink in the picture (None for a text without any)."""
        box = _layout(self.font, self.text, self.xy[0], self.anchor)[1]
        y = self.xy[1]
        return None if box is None else (box[0], box[1] + y, box[2], box[3] + y)


@lru_cache(maxsize=512)
def _layout(font: ImageFont.FreeTypeFont, text: str, x: int, anchor: str) -> tuple[tuple[Piece, ...], Box | None]:
    """The pieces of ``text`` anchored at (``x``, 0) and the box holding them. Kept: the same
    lines come back on card after card (the place, the sender, a round's headlines' tails)."""
    chars = [glyph(font, c) for c in text]
    across, down = anchor
    if across == "l":
        x_anchor = 0
    elif across in "mr":
        total = sum(g.advance for g in chars)
        x_anchor = pixel(total // 2 if across == "m" else total)
    else:
        raise ValueError(f"anchor {anchor!r}: only l, m, r across")
    ascent, descent = font.getmetrics()
    baseline = {"a": ascent, "s": 0, "d": -descent}.get(down)
    if baseline is None:
        raise ValueError(f"anchor {anchor!r}: only a, s, d down")
    left = x - x_anchor
    pieces, pen = [], 32  # 32: PIXEL's rounding, added once rather than per glyph
    for g in chars:
        if g.mask is not None:
            at = left + (pen >> 6)
            x0, y0, x1, y1 = g.box
            pieces.append((g.mask, (at + x0, baseline + y0, at + x1, baseline + y1)))
        pen += g.advance
    if not pieces:
        return (), None
    boxes = [b for _, b in pieces]
    return tuple(pieces), (min(b[0] for b in boxes), min(b[1] for b in boxes),
                           max(b[2] for b in boxes), max(b[3] for b in boxes))


def draw(image: Image.Image, text: Text, offset: tuple[int, int] = (0, 0), alone: bool = True) -> None:
    """Lay ``text`` over ``image`` in white (255), shifted by ``offset``. ``alone``: nothing is
    drawn yet under the line's box, so its glyphs go straight onto the picture (a line over
    other ink is first put together on its own, as Pillow does, then laid over it)."""
    box = text.box
    if box is None:
        return
    if alone:
        ox, oy = offset[0], offset[1] + text.xy[1]
    else:
        target = image
        image = Image.new("L", (box[2] - box[0], box[3] - box[1]), 0)
        ox, oy = -box[0], text.xy[1] - box[1]
    # The core's paste is Image.paste(255, box, mask) without its argument checks, which cost
    # more than the pasting of a glyph (80 glyphs a card); the arguments here are always right.
    core = image.im
    for mask, (x0, y0, x1, y1) in text.pieces:
        core.paste(255, (x0 + ox, y0 + oy, x1 + ox, y1 + oy), mask.im)
    if not alone:
        target.paste(255, (box[0] + offset[0], box[1] + offset[1]), image)
