"""The county graphic as a PNG journalists can download and publish: the map and the bar chart
side by side under the heading, with the credit line and the terms of use drawn into the image.

It draws the very values the round page's map and chart show (:class:`~.county_graphic.CountyGraphic`),
scaled, in Open Sans (:mod:`.fonts`, laid out by FreeType alone and drawn from cached glyphs
as the social cards are), and encodes them with :func:`.png.indexed`: the same figures give the
same bytes. Cost per round, measured over the bench's graphics (CPU, min of 5): 5.5-8 ms against
10-11.5 ms when each text was rendered by Pillow and the PNG encoded by it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import jinja2
from markupsafe import Markup
from PIL import Image, ImageDraw, ImageFont

from .. import sv
from ..facts import RoundFacts
from ..pictures import Drawn, key_of
from ..site_models import SiteFile
from . import fonts, glyphs, png
from .county_graphic import CountyGraphic, Frame, county_graphic
from .colour import mix
from .tilemap import rgb

FILE_NAME = "beviljade-per-lan.png"  # beside the round page

WIDTH = 1200
MARGIN = 48
SCALE = 1.25  # the graphic's units to pixels
TOP = 116  # where the map and the chart start, below the heading
GUTTER = 64  # between the map and the chart
MUTED = "#4d4d4d"  # the site's muted text colour (8.4:1 on white)


@dataclass(frozen=True)
class RoundGraphic:
    """A round's county graphic: the values the page shows, the PNG and how the page links it."""

    graphic: CountyGraphic
    png: bytes
    name: str  # the PNG's file name, beside the round page (how the page links it)
    path: str  # and its path in the output: the one place pictures.py and the site both take
    size: str  # "18 kB"
    credit: str  # the credit line drawn into the PNG, also printed under the link
    tiles_html: Markup  # the map's tiles, written once per round for every page that shows it
    legend_html: Markup  # and its legend

    @property
    def frame(self) -> None:
        """The round page frames no county (see :meth:`for_county`)."""
        return None

    def for_county(self, lan: sv.Lan) -> CountyMap:
        """The map on ``lan``'s local release: the round's, with the county's tile framed."""
        return CountyMap(self.graphic, self.tiles_html, self.legend_html, self.graphic.frame(lan))


@dataclass(frozen=True)
class CountyMap:
    """What a local release's page shows of the map (``templates/site/_county_map.html.j2``)."""

    graphic: CountyGraphic
    tiles_html: Markup
    legend_html: Markup
    frame: Frame | None


def round_graphic(facts: RoundFacts, site: SiteFile, tiles: jinja2.Template,
                  decided_on: datetime | None = None, pictures: Drawn | None = None) -> RoundGraphic | None:
    """The county graphic of the round's decision and its PNG, or None when no county has a figure
    (``decided_on``: see :func:`~.county_graphic.county_graphic`). ``tiles`` writes the map's tiles
    and legend; rendered here once, they are the same on the round page and every local release
    (21 renders of 21 tiles took 25 ms per publish of a round, and a round is published again as
    of each of its later moments). ``pictures`` draws the PNG or takes it from the output
    (``pictures.py``)."""
    graphic = county_graphic(facts, decided_on)
    if graphic is None:
        return None
    parts = tiles.module  # its macros ``tiles`` and ``legend``; the template autoescapes (.html.j2)
    credit = credit_line(site.graphics.credit or site.organisation.name, site.graphics.licence)
    path = f"{facts.key}/{FILE_NAME}"
    data = (pictures or Drawn()).picture(path, key_of("county graphic", graphic, credit),
                                         lambda: _drawn(graphic, credit))
    return RoundGraphic(graphic, data, FILE_NAME, path, f"{sv.siffror(max(1, round(len(data) / 1000)))} kB", credit,
                        Markup(parts.tiles(graphic)), Markup(parts.legend(graphic)))


@lru_cache(maxsize=32)
def _drawn(graphic: CountyGraphic, credit: str) -> bytes:
    """:func:`draw`, once per process for the same figures: a round is published again as of each
    of its later moments (``rounds.rehearse``), and from its decision on the graphic is the same;
    without this a round with 22 publication times drew it 22 times (5 000 releases: 41 -> 93 s)."""
    return draw(graphic, credit)


def credit_line(credit: str, licence: str) -> str:
    """The line under the picture: "Källa: Delmos. Fri att använda med källan angiven."."""
    source = credit if credit.endswith((".", "!", "?")) else credit + "."
    return f"Källa: {source} {licence}".strip()


def draw(graphic: CountyGraphic, credit: str) -> bytes:
    """The PNG bytes of ``graphic`` with ``credit`` (see :func:`credit_line`) along the bottom."""
    def s(v: float) -> int:
        return round(v * SCALE)

    body = max(graphic.map_height, graphic.chart_height)
    height = TOP + s(body) + 72
    c = _Canvas((WIDTH, height), "#ffffff")
    ink, white = graphic.ink, "#ffffff"
    c.text((MARGIN, 60), graphic.heading, _face(30, "Bold"), ink, white, "ls")
    c.text((MARGIN, 90), graphic.map_description.split(". ")[0] + ".", _face(17), MUTED, white, "ls")

    left, top = MARGIN, TOP
    short, figure = _face(s(12), "SemiBold"), _face(s(16), "Bold")
    for t in graphic.tiles:
        box = (left + s(t.x), top + s(t.y), left + s(t.x + graphic.tile) - 1, top + s(t.y + graphic.tile) - 1)
        c.rectangle(box, t.fill, graphic.edge)
        c.text((left + s(t.middle), top + s(t.short_y)), t.short, short, t.ink, t.fill, "ms")
        c.text((left + s(t.middle), top + s(t.figure_y)), t.figure, figure, t.ink, t.fill, "ms")
    legend = _face(s(13))
    c.text((left, top + s(graphic.legend_heading_y)), graphic.legend_heading, _face(s(13), "SemiBold"),
           ink, white, "ls")
    for sw in graphic.legend:
        c.rectangle((left + s(sw.x), top + s(sw.y), left + s(sw.x + 18), top + s(sw.y + 18)), sw.fill, graphic.edge)
        c.text((left + s(sw.text_x), top + s(sw.text_y)), sw.text, legend, ink, white, "ls")

    left = MARGIN + s(graphic.map_width) + GUTTER
    label = _face(s(14))
    for b in graphic.bars:
        c.text((left + s(b.name_x), top + s(b.baseline)), b.name, label, ink, white, "rs")
        c.rectangle((left + s(b.x), top + s(b.bar_y), left + s(b.x + b.width) - 1,
                     top + s(b.bar_y + graphic.bar_height) - 1), graphic.bar_ink)
        c.text((left + s(b.text_x), top + s(b.baseline)), b.text, label, ink, white, "ls")

    c.rectangle((MARGIN, height - 52, WIDTH - MARGIN, height - 52), "#c9c9c9")
    c.text((MARGIN, height - 22), credit, _face(17), MUTED, white, "ls")
    return png.indexed(c.image())


_COVERED = [0] + [255] * 255  # a text's pixels, whatever their coverage: the shade is in the index


def _face(size: int, weight: str = "Regular") -> ImageFont.FreeTypeFont:
    """Open Sans laid out by FreeType alone, as on the social cards: drawn from cached glyphs
    (``glyphs.py``), the same pixels as ``ImageDraw.text`` with that face."""
    return fonts.font(size, weight, shaped=False)


@lru_cache(maxsize=64)
def _text_mask(text: str, font, anchor: str) -> tuple[Image.Image, Image.Image, int, int]:
    """A text's coverage (antialiased "L"), its pixels as a paste mask, and where its box lies
    from the anchor point. The same words come back in every round's graphic (county names,
    tile labels, small figures, the legend), so each is put together once per process, from
    glyphs kept across rounds (a round's new figures cost no FreeType call); only read."""
    line = glyphs.Text(font, text, (0, 0), anchor)
    box = line.box or (0, 0, 1, 1)
    mask = Image.new("L", (box[2] - box[0], box[3] - box[1]), 0)
    glyphs.draw(mask, line, (-box[0], -box[1]))
    return mask, mask.point(_COVERED), box[0], box[1]


@lru_cache(maxsize=256)
def _tile(text: str, font, anchor: str, shades: tuple[int, ...]) -> tuple:
    """A text's pixels as palette entries (``shades``: the entry of each coverage 0–255) and its
    paste mask, as Pillow's core images (see :meth:`_Canvas.text`), its offset and its size.
    Kept: a round's graphic has some 90 texts, most of them in the previous round's graphic in
    the same colours (``Image.point`` alone took 3 ms a graphic)."""
    mask, covered, dx, dy = _text_mask(text, font, anchor)
    tile = Image.frombytes("P", mask.size, mask.point(list(shades)).tobytes())
    return tile.im, covered.im, dx, dy, mask.width, mask.height


class _Canvas:
    """A palette image drawn in known colours, one byte per pixel from the start: a flat shape
    takes one palette entry, a text 16 blends of its ink over the flat colour it sits on (its
    antialiasing in 16 steps). The picture keeps its exact colours, and no quantizing pass is
    needed: 1200 × 846 pixels in 25 ms against 60 ms as RGB, and a third of RGB's bytes."""

    LEVELS = 16

    def __init__(self, size: tuple[int, int], background: str):
        self._colours: dict[tuple[int, int, int], int] = {}
        self._luts: dict[tuple[str, str], tuple[int, ...]] = {}
        self._image = Image.new("P", size, self._entry(rgb(background)))
        self._draw = ImageDraw.Draw(self._image)
        self._core = self._image.im  # the pixels, as ImageDraw draws on them

    def _entry(self, colour: tuple[int, int, int]) -> int:
        if colour not in self._colours:
            if len(self._colours) == 256:
                raise ValueError("more than 256 colours in a palette image")
            self._colours[colour] = len(self._colours)
        return self._colours[colour]

    def rectangle(self, box: tuple[int, int, int, int], fill: str, outline: str | None = None) -> None:
        self._draw.rectangle(box, fill=self._entry(rgb(fill)),
                             outline=None if outline is None else self._entry(rgb(outline)))

    def text(self, xy: tuple[int, int], text: str, font, ink: str, under: str, anchor: str) -> None:
        """``text`` in ``ink`` over the flat colour ``under`` (antialiased), anchored at ``xy``.
        Pasted by Pillow's core, as ``Image.paste`` does after its checks of the arguments (a
        palette tile on this palette canvas, a whole box, an "L" mask), which took a third of
        the time of the graphic's 90 texts."""
        tile, covered, dx, dy, width, height = _tile(text, font, anchor, self._shades(under, ink))
        x, y = xy[0] + dx, xy[1] + dy
        self._core.paste(tile, (x, y, x + width, y + height), covered)

    def _shades(self, under: str, ink: str) -> tuple[int, ...]:
        """For each coverage 0–255 of a text pixel, the palette entry of ``ink`` blended over ``under``."""
        if (under, ink) not in self._luts:
            a, b = rgb(under), rgb(ink)
            top = self.LEVELS - 1
            entries = [self._entry(mix(a, b, level, top)) for level in range(self.LEVELS)]
            self._luts[(under, ink)] = tuple(entries[(v * top + 127) // 255] for v in range(256))
        return self._luts[(under, ink)]

    def image(self) -> Image.Image:
        """The picture with its palette."""
        palette = [v for colour in self._colours for v in colour]
        self._image.putpalette(palette)
        return self._image
