"""The county graphic of a decision: a tile map of the 21 län and a bar chart, computed here.

Everything the pictures show is decided in Python: each tile's place, colour class and figure,
the bars' order (largest first) and lengths, and the accessible title and description. The
round page's HTML templates (``templates/site/_county_*.html.j2``) only write it out, and
:mod:`pressrum.images.county_png` draws the same values into the PNG journalists download.

A county's figure is the decision's (as the round page's table shows it): its granted actors,
or its amount when the grant's headlines lead with money (``bidrag.vinkel: belopp``) and every
county's amount is known. A county without figures is 0 when the county files account for every
granted actor, and "uppgift saknas" otherwise: a missing figure is never drawn as a zero.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .. import angles, sv
from ..facts import DECISION, RoundFacts
from . import tilemap

TILE = 52  # side of a tile in the PNG's units (before SCALE); the site's tiles are a CSS grid
PITCH = 56  # tile and gap
MAP_WIDTH = tilemap.COLUMNS * PITCH - (PITCH - TILE)
GRID_HEIGHT = tilemap.ROWS * PITCH - (PITCH - TILE)
LEGEND_TOP = GRID_HEIGHT + 24  # the legend's heading baseline
LEGEND_ROW = 24
LEGEND_COLUMN = 140

CHART_WIDTH = 400  # beside the map in the site's 44rem text column (276 + 24 + 400 ≤ 704 px)
BAR_ROW = 26
BAR_HEIGHT = 16
BAR_START = 124  # county names end left of here
BAR_INK = tilemap.PALETTE[-1][0]  # one dark colour (7.9:1 on white): a bar's length is its figure


@dataclass(frozen=True)
class Tile:
    """One county on the map."""

    lan: sv.Lan
    short: str  # the label on the tile ("SKÅ"); the full name is in the description
    x: int  # top left corner
    y: int
    figure: str  # written on the tile: "9", "25,3" (millions), "–" when not known
    fill: str
    ink: str  # text colour on the tile, contrast ≥ 4.5:1 against ``fill``

    @property
    def place(self) -> str:
        """The style sheet's grid classes of the tile on the site's HTML map."""
        return tilemap.place(self.x // PITCH, self.y // PITCH)

    @property
    def tone(self) -> str:
        """The style sheet's class of the tile's fill and text colour."""
        return tilemap.tone(self.fill)

    @property
    def county(self) -> str:
        """The style sheet's class of the tile's county ("lan-12"), which a frame picks out."""
        return f"lan-{self.lan.kod}"

    @property
    def middle(self) -> int:
        """Where the tile's texts are centred."""
        return self.x + TILE // 2

    @property
    def short_y(self) -> int:
        """Baseline of the short label."""
        return self.y + 20

    @property
    def figure_y(self) -> int:
        """Baseline of the figure."""
        return self.y + 41


@dataclass(frozen=True)
class Swatch:
    """One class in the legend, at its place below the grid."""

    x: int
    y: int
    fill: str
    text: str  # "1–5", "10–20", "0", "Uppgift saknas"

    @property
    def tone(self) -> str:
        """The style sheet's class of the swatch's fill."""
        return tilemap.tone(self.fill)

    @property
    def text_x(self) -> int:
        return self.x + 24

    @property
    def text_y(self) -> int:
        return self.y + 14


@dataclass(frozen=True)
class Bar:
    """One county in the bar chart, largest first."""

    name: str  # the county's short name ("Skåne", "Stockholms län")
    y: int  # top of the row
    width: int
    text: str  # the figure as text beside the bar: "9", "drygt 25 miljoner kronor"
    share: str = "100"  # the bar's length on the site, in per cent of the longest ("37.5")
    name_x: int = BAR_START - 6  # county names end here
    x: int = BAR_START

    @property
    def baseline(self) -> int:
        return self.y + 18

    @property
    def bar_y(self) -> int:
        return self.y + (BAR_ROW - BAR_HEIGHT) // 2

    @property
    def text_x(self) -> int:
        return self.x + self.width + 6


@dataclass(frozen=True)
class CountyGraphic:
    """The map and the chart of one decision, with their words."""

    money: bool  # figures are kronor (else granted actors)
    heading: str  # "Beviljade aktörer per län 2021"
    legend_heading: str  # "Aktörer", "Miljoner kronor"
    map_description: str
    chart_description: str
    tiles: tuple[Tile, ...]
    legend: tuple[Swatch, ...]
    bars: tuple[Bar, ...]
    map_height: int
    chart_height: int
    # With money: each county's amount in words by slug, and the whole country's, for the
    # table beside the graphic ("drygt 25 miljoner kronor"); empty otherwise.
    amounts: tuple[tuple[str, str], ...] = ()
    national_amount: str = ""
    map_width: int = MAP_WIDTH
    chart_width: int = CHART_WIDTH
    tile: int = TILE
    bar_height: int = BAR_HEIGHT
    bar_ink: str = BAR_INK
    edge: str = tilemap.EDGE
    ink: str = tilemap.INK

    @property
    def legend_heading_y(self) -> int:
        return LEGEND_TOP

    @property
    def amount_of(self) -> dict[str, str]:
        """A county's amount in words by its slug (money only)."""
        return dict(self.amounts)

    @property
    def map_title(self) -> str:
        return f"Karta: {self.heading[0].lower()}{self.heading[1:]}"

    @property
    def chart_title(self) -> str:
        return f"Diagram: {self.heading[0].lower()}{self.heading[1:]}, störst först"

    def frame(self, lan: sv.Lan) -> Frame:
        """The frame that marks ``lan``'s tile on its local release (a shape, not only a colour)."""
        tile = next(t for t in self.tiles if t.lan == lan)
        return Frame(tile.x, tile.y, f"Rutan för {lan.namn} har en tjock ram.", tilemap.framed(lan.kod))


@dataclass(frozen=True)
class Frame:
    """A thick frame around one tile, drawn over the map on a county's local release."""

    x: int
    y: int
    text: str  # said in the map's description
    mark: str = ""  # the style sheet's class on the map that frames this tile ("framed-12")


@dataclass(frozen=True)
class _Figure:
    lan: sv.Lan
    value: int | None  # None: not known
    text: str  # in running text and beside a bar


def uses_money(facts: RoundFacts) -> bool:
    """The graphic shows kronor: headlines lead with money and every county's amount is known."""
    counted = [c for c in facts.counties if c.total]
    return facts.words is not None and facts.words.angle == angles.MONEY and bool(counted) \
        and all(c.amount is not None for c in counted)


def county_graphic(facts: RoundFacts, decided_on: datetime | None = None) -> CountyGraphic | None:
    """The decision's county graphic, or None when no county has a figure. ``decided_on`` is the
    decision's date when a supplement is out (the figures are then the decision's, and say so)."""
    if not facts.counties or facts.words is None:
        return None
    money = uses_money(facts)
    figures = _figures(facts, money)
    known = [f for f in figures if f.value is not None]
    by_size = sorted((f for f in known if f.value), key=lambda f: (-f.value, f.lan.kod))
    if not by_size:  # nothing granted anywhere yet: no picture of zeros
        return None
    breaks = tilemap.class_breaks(tuple(f.value for f in by_size))
    unit = facts.words.unit
    heading = (f"Beviljat belopp per län {facts.label}" if money
               else f"Beviljade {unit.plural} per län {facts.label}")
    if decided_on is not None:
        heading += f" i beslutet den {sv.datum(decided_on)}"
    zeros = [f.lan.namn for f in known if not f.value]
    missing = len(figures) - len(known)
    said = sv.lista(f"{f.lan.namn} {f.text}" for f in by_size) + "." if by_size else ""
    if zeros and not missing:  # the rest are zero: their names add nothing to the tiles' "0"
        zeros = [f"övriga {sv.tal(len(zeros), 'ett')}"]
    rest = (f" Inga i {sv.lista(zeros)} län." if zeros and not missing else
            f" Inga i {sv.lista(zeros)}." if zeros else "") + \
           (f" Uppgift saknas för {sv.tal(missing, 'ett')} län." if missing else "")
    darker = "ett större belopp" if money else f"fler beviljade {unit.plural}"
    legend = _legend(breaks, money, bool(zeros), bool(missing))
    chart_height = max(1, len(by_size)) * BAR_ROW
    return CountyGraphic(
        money=money, heading=heading,
        legend_heading="Miljoner kronor" if money else sv.versal(unit.plural),
        map_description=(f"Varje ruta är ett län, ungefär där länet ligger, med länets förkortning och siffra. "
                         f"Mörkare färg betyder {darker}. {said}{rest}").replace(" .", "."),
        chart_description=f"Liggande staplar, störst först. {said}{rest}".strip(),
        tiles=_tiles(figures, breaks, money), legend=legend, bars=_bars(by_size, money),
        map_height=legend[-1].y + LEGEND_ROW if legend else GRID_HEIGHT, chart_height=chart_height,
        amounts=tuple((f.lan.slug, f.text) for f in known) if money else (),
        national_amount=_national_amount(facts) if money else "",
    )


def _national_amount(facts: RoundFacts) -> str:
    """The decision's amount in words, as its national release gives it ("cirka 177 miljoner kronor")."""
    decision = next((a for a in facts.announcements if a.kind == DECISION), None)
    amount = decision.amount if decision and decision.amount is not None else facts.amount
    if amount is None:
        return ""
    word = decision.amount_word if decision and decision.amount is not None and decision.amount_word else ""
    return f"{word} {sv.kronor(amount)}".strip()


def _figures(facts: RoundFacts, money: bool) -> list[_Figure]:
    """Every county's figure in grid order; None where the figure is not known."""
    known = {c.lan.kod: c for c in facts.counties}
    out = []
    for kod, *_ in tilemap.GRID:
        lan = sv.lan(kod)
        county = known.get(kod)
        if county is None:
            value = 0 if facts.counties_complete else None
            out.append(_Figure(lan, value, "0" if value == 0 else "uppgift saknas"))
        elif money:
            amount = county.amount or 0
            word = f"{county.amount_word} " if county.amount_word and amount else ""
            out.append(_Figure(lan, amount, word + sv.kronor(amount)))
        else:  # "cirka 10" as the county file states it (beviljade-ord)
            word = f"{county.total_word} " if county.total_word else ""
            out.append(_Figure(lan, county.total, word + sv.siffror(county.total)))
    return out


def _tiles(figures: list[_Figure], breaks: tuple[int, ...], money: bool) -> tuple[Tile, ...]:
    cells = tilemap.cells()
    tiles = []
    for f in figures:
        column, row, short = cells[f.lan.kod]
        if f.value is None:
            (fill, ink), figure = tilemap.MISSING, "–"
        elif f.value == 0:
            (fill, ink), figure = tilemap.ZERO, "0"
        else:
            fill, ink = tilemap.colours(tilemap.class_of(f.value, breaks), len(breaks))
            figure = sv.miljoner(f.value) if money else sv.siffror(f.value)
        tiles.append(Tile(f.lan, short, column * PITCH, row * PITCH, figure, fill, ink))
    return tuple(tiles)


def _legend(breaks: tuple[int, ...], money: bool, zero: bool, missing: bool) -> tuple[Swatch, ...]:
    """The classes as the legend lists them: the colour classes, then 0 and "uppgift saknas"."""
    items = []
    low = 0
    for i, bound in enumerate(breaks):
        if money:
            text = f"{sv.miljoner(low)}–{sv.miljoner(bound)}"
        else:
            text = sv.siffror(bound) if bound == low + 1 else f"{sv.siffror(low + 1)}–{sv.siffror(bound)}"
        items.append((tilemap.colours(i, len(breaks))[0], text))
        low = bound
    if zero:
        items.append((tilemap.ZERO[0], "0"))
    if missing:
        items.append((tilemap.MISSING[0], "Uppgift saknas"))
    top = LEGEND_TOP + 10
    return tuple(Swatch((i % 2) * LEGEND_COLUMN, top + (i // 2) * LEGEND_ROW, fill, text)
                 for i, (fill, text) in enumerate(items))


def _bars(by_size: list[_Figure], money: bool) -> tuple[Bar, ...]:
    """Bars largest first; the longest fills the room the figures beside the bars leave."""
    # a count with its word ("drygt 8", beviljade-ord) needs the room of a short amount beside its bar
    room = CHART_WIDTH - BAR_START - (180 if money else 100 if any(" " in f.text for f in by_size) else 48)
    largest = by_size[0].value if by_size else 1
    return tuple(Bar(f.lan.kortnamn, i * BAR_ROW, max(2, round(room * f.value / largest)), f.text,
                     _share(f.value, largest))
                 for i, f in enumerate(by_size))


def _share(value: int, largest: int) -> str:
    """``value``'s bar length in per cent of the longest, to a tenth, at least 1 (a bar shows)."""
    share = max(1.0, round(1000 * value / largest) / 10)
    return f"{share:g}"
