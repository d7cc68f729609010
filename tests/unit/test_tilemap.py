"""The tile grid of the län, the colour classes and the contrast of every tile's text."""
from __future__ import annotations

import pytest

from pressrum import sv
from pressrum.images import tilemap
from pressrum.images.county_graphic import BAR_INK


def test_every_county_has_exactly_one_cell_and_no_two_share_one():
    codes = [kod for kod, *_ in tilemap.GRID]
    assert sorted(codes) == sorted(lan.kod for lan in sv.alla_lan())
    assert len(codes) == len(set(codes)) == 21
    places = [(c, r) for _, c, r, _ in tilemap.GRID]
    assert len(set(places)) == 21
    shorts = [s for *_, s in tilemap.GRID]
    assert len(set(shorts)) == 21 and all(2 <= len(s) <= 3 and s.isupper() for s in shorts)


def _at(name: str) -> tuple[int, int]:
    column, row, _ = tilemap.cells()[sv.lan(name).kod]
    return column, row


# (county, what a Swede expects of its place): the grid is a map, so it must read as one.
PLACES = [
    ("Norrbotten", lambda c, r: r == 0 and c == max(_at(n)[0] for n in ("Västerbotten", "Jämtland", "Dalarna"))),
    ("Skåne", lambda c, r: r == tilemap.ROWS - 1 and c == 0),
    ("Gotland", lambda c, r: c == tilemap.COLUMNS - 1 and c - _at("Kalmar")[0] >= 2),  # the sea between
    ("Stockholms län", lambda c, r: c > _at("Södermanland")[0] and r == _at("Södermanland")[1]),
    ("Uppsala län", lambda c, r: (c, r + 1) == _at("Stockholms län")),
    ("Västra Götaland", lambda c, r: c == 0 and r < _at("Halland")[1]),
    ("Halland", lambda c, r: c == 0 and r < _at("Skåne")[1]),
    ("Värmland", lambda c, r: c == 0 and r < _at("Västra Götaland")[1]),
    ("Jämtland", lambda c, r: c < _at("Västernorrland")[0] and r == _at("Västernorrland")[1]),
    ("Blekinge", lambda c, r: r == _at("Skåne")[1] and c > _at("Skåne")[0]),
]


@pytest.mark.parametrize(("name", "where"), PLACES, ids=[p[0] for p in PLACES])
def test_a_county_sits_where_it_lies(name, where):
    assert where(*_at(name)), (name, _at(name))


@pytest.mark.parametrize(("largest", "classes", "step"), [
    (1, 4, 1), (4, 4, 1), (5, 4, 2), (8, 4, 2), (9, 4, 5), (15, 4, 5), (58, 4, 20), (90, 4, 25),
    (130, 4, 50), (1000, 4, 250), (25_000_000, 4, 10_000_000), (7, 1, 10),
])
def test_nice_step(largest, classes, step):
    assert tilemap.nice_step(largest, classes) == step


@pytest.mark.parametrize(("values", "breaks"), [
    ((), ()), ((0,), ()), ((1,), (1,)), ((3, 1), (1, 2, 3)), ((4,), (1, 2, 3, 4)), ((5,), (2, 4, 6)),
    ((9, 7, 6, 4, 3, 1), (5, 10)), ((8, 6, 2), (2, 4, 6, 8)), ((58,), (20, 40, 60)),
    ((25_000_000, 6_300_000), (10_000_000, 20_000_000, 30_000_000)),
])
def test_class_breaks(values, breaks):
    assert tilemap.class_breaks(values) == breaks
    for v in values:  # every positive value falls in a class, the largest in the last
        if v:
            assert breaks[tilemap.class_of(v, breaks)] >= v
    if breaks:
        assert tilemap.class_of(max(values), breaks) == len(breaks) - 1


@pytest.mark.parametrize(("value", "index"), [(1, 0), (5, 0), (6, 1), (10, 1), (11, 2), (20, 3)])
def test_class_of_holds_each_bound_in_its_own_class(value, index):
    assert tilemap.class_of(value, (5, 10, 15, 20)) == index


@pytest.mark.parametrize("classes", [1, 2, 3, 4])
def test_classes_spread_over_the_palette_darkest_last(classes):
    picked = [tilemap.colours(i, classes) for i in range(classes)]
    assert len(set(picked)) == classes and picked[-1] == tilemap.PALETTE[-1]
    darkness = [tilemap.luminance(fill) for fill, _ in picked]
    assert darkness == sorted(darkness, reverse=True)


@pytest.mark.parametrize(("fill", "ink"), [*tilemap.PALETTE, tilemap.ZERO, tilemap.MISSING],
                         ids=lambda c: c if isinstance(c, str) else None)
def test_every_tile_text_has_contrast_of_at_least_4_5(fill, ink):
    assert tilemap.contrast(fill, ink) >= 4.5


def test_tile_edges_and_bars_show_against_white():
    # WCAG 1.4.11: a graphical object needs 3:1 against what is next to it.
    assert tilemap.contrast(tilemap.EDGE, "#ffffff") >= 3
    assert tilemap.contrast(BAR_INK, "#ffffff") >= 3


@pytest.mark.parametrize(("a", "b", "ratio"), [("#ffffff", "#000000", 21.0), ("#767676", "#ffffff", 4.54),
                                               ("#1a1a1a", "#ffffff", 17.4)])
def test_contrast_is_wcag_s(a, b, ratio):
    assert tilemap.contrast(a, b) == pytest.approx(ratio, abs=0.01)


def _css() -> str:
    from pathlib import Path

    return (Path(__file__).resolve().parents[2] / "templates" / "static" / "style.css").read_text(encoding="utf-8")


def test_the_style_sheet_paints_every_tone_as_the_palette_says():
    """The site's HTML map takes its colours from style.css's ``.tone-*``: the contrast proven
    above holds on the page only if they are the palette's, pair for pair."""
    import re

    rules = dict(re.findall(r"\.(tone-[a-z0-9]+) \{ background: (#[0-9a-f]{6}; color: #[0-9a-f]{6}); \}", _css()))
    expected = {tilemap.tone(fill): f"{fill}; color: {ink}" for fill, ink in (*tilemap.PALETTE, tilemap.ZERO,
                                                                             tilemap.MISSING)}
    assert rules == expected and len(expected) == len(tilemap.PALETTE) + 2


def test_the_style_sheet_draws_edges_and_bars_in_the_graphic_s_colours():
    css = _css()
    assert ".tile { aspect-ratio: 1;" in css and f"border: 1px solid {tilemap.EDGE};" in css
    assert f"fill: {BAR_INK};" in css


@pytest.mark.parametrize(("column", "row", "classes"), [(0, 0, "col-0 row-0"), (4, 6, "col-4 row-6")])
def test_place(column, row, classes):
    assert tilemap.place(column, row) == classes
