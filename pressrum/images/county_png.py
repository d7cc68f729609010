"""The county graphic as a PNG journalists can download and publish: the map and the bar chart
side by side under the heading, with the credit line and the terms of use drawn into the image.

It draws the very values the round page's SVGs show (:class:`~.county_graphic.CountyGraphic`),
scaled, in Open Sans (:mod:`.fonts`), and encodes them with :func:`.png.encode`: the same
figures give the same bytes.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PIL import Image, ImageDraw

from .. import sv
from ..facts import RoundFacts
from ..models import SiteFile
from . import fonts, png
from .county_graphic import CountyGraphic, county_graphic
from .tilemap import rgb

FILE_NAME = "beviljade-per-lan.png"  # beside the round page

WIDTH = 1200
MARGIN = 48
SCALE = 1.25  # the SVG's units to pixels
TOP = 116  # where the map and the chart start, below the heading
GUTTER = 64  # between the map and the chart
MUTED = "#4d4d4d"  # the site's muted text colour (8.4:1 on white)


@dataclass(frozen=True)
class RoundGraphic:
    """A round's county graphic: the values the SVGs show, the PNG and how the page links it."""

    graphic: CountyGraphic
    png: bytes
    name: str  # the PNG's file name, beside the round page
    size: str  # "18 kB"
    credit: str  # the credit line drawn into the PNG, also printed under the link

    def for_county(self, lan: sv.Lan) -> CountyGraphic:
        """The map for ``lan``'s local release, its own tile framed."""
        return self.graphic.marking(lan)


def round_graphic(facts: RoundFacts, site: SiteFile, decided_on: datetime | None = None) -> RoundGraphic | None:
    """The county graphic of the round's decision and its PNG, or None when no county has a figure
    (``decided_on``: see :func:`~.county_graphic.county_graphic`)."""
    graphic = county_graphic(facts, decided_on)
    if graphic is None:
        return None
    credit = credit_line(site.graphics.credit or site.organisation.name, site.graphics.licence)
    data = draw(graphic, credit)
    return RoundGraphic(graphic, data, FILE_NAME, f"{sv.siffror(max(1, round(len(data) / 1000)))} kB", credit)


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
    image = Image.new("RGB", (WIDTH, height), "#ffffff")
    d = ImageDraw.Draw(image)
    ink = rgb(graphic.ink)
    d.text((MARGIN, 60), graphic.heading, font=fonts.font(30, "Bold"), fill=ink, anchor="ls")
    d.text((MARGIN, 90), graphic.map_description.split(". ")[0] + ".", font=fonts.font(17), fill=rgb(MUTED),
           anchor="ls")

    left, top = MARGIN, TOP
    short, figure = fonts.font(s(12), "SemiBold"), fonts.font(s(16), "Bold")
    for t in graphic.tiles:
        box = (left + s(t.x), top + s(t.y), left + s(t.x + graphic.tile) - 1, top + s(t.y + graphic.tile) - 1)
        d.rectangle(box, fill=rgb(t.fill), outline=rgb(graphic.edge))
        if t.marked:
            d.rectangle((box[0] - 3, box[1] - 3, box[2] + 3, box[3] + 3), outline=ink, width=6)
        d.text((left + s(t.middle), top + s(t.short_y)), t.short, font=short, fill=rgb(t.ink), anchor="ms")
        d.text((left + s(t.middle), top + s(t.figure_y)), t.figure, font=figure, fill=rgb(t.ink), anchor="ms")
    legend = fonts.font(s(13))
    d.text((left, top + s(graphic.legend_heading_y)), graphic.legend_heading, font=fonts.font(s(13), "SemiBold"),
           fill=ink, anchor="ls")
    for sw in graphic.legend:
        d.rectangle((left + s(sw.x), top + s(sw.y), left + s(sw.x + 18), top + s(sw.y + 18)),
                    fill=rgb(sw.fill), outline=rgb(graphic.edge))
        d.text((left + s(sw.text_x), top + s(sw.text_y)), sw.text, font=legend, fill=ink, anchor="ls")

    left = MARGIN + s(graphic.map_width) + GUTTER
    label = fonts.font(s(14))
    bar = rgb(graphic.bar_ink)
    for b in graphic.bars:
        d.text((left + s(b.name_x), top + s(b.baseline)), b.name, font=label, fill=ink, anchor="rs")
        d.rectangle((left + s(b.x), top + s(b.bar_y), left + s(b.x + b.width) - 1,
                     top + s(b.bar_y + graphic.bar_height) - 1), fill=bar)
        d.text((left + s(b.text_x), top + s(b.baseline)), b.text, font=label, fill=ink, anchor="ls")

    d.line((MARGIN, height - 52, WIDTH - MARGIN, height - 52), fill=rgb("#c9c9c9"), width=1)
    d.text((MARGIN, height - 22), credit, font=fonts.font(17), fill=rgb(MUTED), anchor="ls")
    flat = {"#ffffff", graphic.ink, graphic.edge, graphic.bar_ink, MUTED, *(t.fill for t in graphic.tiles)}
    return png.encode(_palette(image, tuple(sorted(flat))))


def _palette(image: Image.Image, exact: tuple[str, ...]) -> Image.Image:
    """``image`` with one byte per pixel: the picture has a few flat colours and their
    antialiased edges, which an octree palette keeps (about 70 colours), at a third of the RGB
    bytes and a third of the time (20 against 60 ms for a 1200-pixel-wide graphic). The octree
    moves a flat colour by a step or two (white comes out 254); the palette entry nearest each
    of the ``exact`` colours is set back to it, so backgrounds and tiles keep their colours."""
    quantized = image.quantize(colors=128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    palette = quantized.getpalette() or []
    entries = [tuple(palette[i:i + 3]) for i in range(0, len(palette), 3)]
    for colour in exact:
        want = rgb(colour)
        nearest = min(range(len(entries)), key=lambda i: sum((a - b) ** 2 for a, b in zip(entries[i], want)))
        if sum((a - b) ** 2 for a, b in zip(entries[nearest], want)) <= 48:
            entries[nearest] = want
    quantized.putpalette([v for e in entries for v in e])
    return quantized
