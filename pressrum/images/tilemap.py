"""The tile grid of the 21 län, the colour classes and the contrast rule of the county graphic.

A tile map draws every county as one square of the same size, roughly where the county lies:
the data-journalism convention when exact borders add nothing and a small county (Blekinge,
Gotland) must be as easy to read as a large one (Norrbotten). No geodata, nothing to license.

The grid, column by column from the west and row by row from the north (Gotland sits one
column out in the Baltic, so the sea shows between it and Kalmar)::

        0    1    2    3    4
    0                  NBN
    1                  VBN
    2             JÄM  VNL
    3             DAL  GÄV
    4   VRM  ÖRE  VSM  UPP
    5   VGR  ÖGL  SÖD  STO
    6   HAL  JÖN  KAL       GOT
    7   SKÅ  KRO  BLE
"""
from __future__ import annotations

from dataclasses import dataclass

from . import colour
from .colour import rgb

# (county code as in pressrum/data/lan.csv, column, row, short label on the tile)
GRID: tuple[tuple[str, int, int, str], ...] = (
    ("25", 3, 0, "NBN"),  # Norrbotten, top right
    ("24", 3, 1, "VBN"),  # Västerbotten
    ("23", 2, 2, "JÄM"),  # Jämtland
    ("22", 3, 2, "VNL"),  # Västernorrland
    ("20", 2, 3, "DAL"),  # Dalarna
    ("21", 3, 3, "GÄV"),  # Gävleborg
    ("17", 0, 4, "VRM"),  # Värmland, on the Norwegian border
    ("18", 1, 4, "ÖRE"),  # Örebro
    ("19", 2, 4, "VSM"),  # Västmanland
    ("03", 3, 4, "UPP"),  # Uppsala, on the east coast
    ("14", 0, 5, "VGR"),  # Västra Götaland, on the west coast
    ("05", 1, 5, "ÖGL"),  # Östergötland
    ("04", 2, 5, "SÖD"),  # Södermanland
    ("01", 3, 5, "STO"),  # Stockholm, east side
    ("13", 0, 6, "HAL"),  # Halland
    ("06", 1, 6, "JÖN"),  # Jönköping
    ("08", 2, 6, "KAL"),  # Kalmar
    ("09", 4, 6, "GOT"),  # Gotland, off the east coast
    ("12", 0, 7, "SKÅ"),  # Skåne, at the bottom
    ("07", 1, 7, "KRO"),  # Kronoberg
    ("10", 2, 7, "BLE"),  # Blekinge
)
COLUMNS = 1 + max(c for _, c, _, _ in GRID)
ROWS = 1 + max(r for _, _, r, _ in GRID)

INK = "#1a1a1a"  # the site's text colour
PAPER = "#ffffff"
# A sequential palette (light to dark blue, after ColorBrewer's Blues) with the text colour each
# class is written in; tests/unit/test_tilemap.py computes that every pair has contrast ≥ 4.5:1.
PALETTE: tuple[tuple[str, str], ...] = (
    ("#deebf7", INK),
    ("#9ecae1", INK),
    ("#4a90c8", INK),
    ("#08519c", PAPER),
)
ZERO = ("#ffffff", INK)  # a county known to have none: white, "0" written on it
MISSING = ("#e6e6e6", INK)  # a county whose figure is not known: grey, "–" written on it
EDGE = "#767676"  # the outline of every tile (3:1 against white, so a white tile shows)
# The style sheet's class for each fill (templates/static/style.css ``.tone-*`` writes the same
# colours; tests/unit/test_tilemap.py checks they agree).
TONES: dict[str, str] = {
    **{fill: f"tone-{i}" for i, (fill, _) in enumerate(PALETTE)},
    ZERO[0]: "tone-zero",
    MISSING[0]: "tone-missing",
}


def tone(fill: str) -> str:
    """The style sheet's class that paints ``fill`` with its text colour."""
    return TONES[fill]


def framed(kod: str) -> str:
    """The class on the map that frames the tile of county ``kod`` (the style sheet pairs
    ``.framed-12`` with the tile's ``.lan-12``): the frame is the tile's own border, so the
    tile's text has nothing over it and its contrast can be checked."""
    return f"framed-{kod}"


def place(column: int, row: int) -> str:
    """The style sheet's classes that put a tile in its grid cell ("col-3 row-0")."""
    return f"col-{column} row-{row}"


def cells() -> dict[str, tuple[int, int, str]]:
    """Each county code's (column, row, short label)."""
    return {kod: (c, r, short) for kod, c, r, short in GRID}


def nice_step(largest: int, classes: int) -> int:
    """The smallest whole step of 1, 2, 2.5 or 5 times a power of ten with ``classes`` steps
    reaching ``largest`` (2.5 only from 25, so a step is never a fraction)."""
    needed = max(1, -(-largest // classes))
    power = 1
    while True:
        steps = (power, 2 * power, 5 * power // 2, 5 * power) if power >= 10 else (power, 2 * power, 5 * power)
        for step in steps:
            if step >= needed:
                return step
        power *= 10


def class_breaks(values: tuple[int, ...], classes: int = len(PALETTE)) -> tuple[int, ...]:
    """Upper bounds of the colour classes for positive ``values``: class i holds the values above
    bound i-1 up to bound i. Round bounds (1, 2 or 5 times a power of ten) so a legend reads
    "1–5, 6–10 …"; a few small values get one class each."""
    largest = max((v for v in values if v > 0), default=0)
    if largest == 0:
        return ()
    if largest <= classes:
        return tuple(range(1, largest + 1))
    step = nice_step(largest, classes)
    return tuple(step * i for i in range(1, -(-largest // step) + 1))


def class_of(value: int, breaks: tuple[int, ...]) -> int:
    """The class index of a positive ``value`` under ``breaks`` (see :func:`class_breaks`)."""
    return next(i for i, bound in enumerate(breaks) if value <= bound)


def colours(index: int, classes: int) -> tuple[str, str]:
    """(fill, text colour) of class ``index`` of ``classes``: spread over the palette, darkest last."""
    if classes == 1:
        return PALETTE[-1]
    return PALETTE[round(index * (len(PALETTE) - 1) / (classes - 1))]


def luminance(hex_colour: str) -> float:
    """WCAG 2.1 relative luminance of ``#rrggbb``."""
    return colour.luminance(rgb(hex_colour))


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    return colour.contrast(rgb(a), rgb(b))


@dataclass(frozen=True)
class LegendItem:
    """One class of the legend: its colours and its range in words ("6–10")."""

    fill: str
    ink: str
    text: str
