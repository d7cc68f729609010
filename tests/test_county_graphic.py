"""The county graphic of a decision: tile map and bar chart as accessible HTML on the round page,
the same figures as the table, the downloadable PNG (same bytes every build) and the local
release's map with its own county framed."""
from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html
from PIL import Image

from conftest import CONTENT, MULTI, NOW, ROOT, TEMPLATES, run_cli
from pressrum import sv
from pressrum.derive import derive
from pressrum.images import tilemap
from pressrum.images.county_graphic import county_graphic
from pressrum.images.county_png import FILE_NAME, MARGIN, SCALE, TOP, credit_line, draw
from pressrum.validate import load_content

KULTURRADET = ROOT / "examples" / "kulturradet" / "content"


def _facts(content: Path, key: str):
    return next(f for f in derive(load_content(content)) if f.key == key)


def _page(path: Path):
    return lxml_html.fromstring(path.read_bytes())


def _graphics(doc):
    """The tile map and bar chart of a page: HTML containers that are one image each."""
    return doc.xpath("//div[@class='tile-map' or @class='bar-chart']")


def _named(el, attribute: str) -> str:
    """The text of the element ``el``'s ``aria-labelledby``/``aria-describedby`` points at."""
    (found,) = el.getroottree().xpath(f"//*[@id='{el.get(attribute)}']")
    return found.text_content()


def _tiles(tile_map) -> dict[str, tuple[str, str]]:
    """Each tile's short label -> (figure, its classes)."""
    return {t.xpath("string(span[@class='tile-short'])"): (t.xpath("string(span[@class='tile-figure'])"),
                                                            t.get("class"))
            for t in tile_map.xpath(".//span[contains(concat(' ', @class, ' '), ' tile ')]")}


def _bars(chart) -> list[tuple[str, str, str]]:
    """Each bar row's (name, length in per cent, figure), top to bottom."""
    return [(r.xpath("string(span[@class='bar-name'])"), r.xpath("string(*[local-name()='svg']/*/@width)"),
             r.xpath("string(span[@class='bar-figure'])")) for r in chart.xpath("div[@class='bar-row']")]


# --- the values --------------------------------------------------------------------------------------------------

def test_counts_per_county_in_grid_places_with_zero_where_the_files_account_for_every_actor():
    g = county_graphic(_facts(MULTI, "2023"))
    assert not g.money and g.heading == "Beviljade aktörer per län 2023" and g.legend_heading == "Aktörer"
    figures = {t.lan.kortnamn: t.figure for t in g.tiles}
    assert figures == {**{lan.kortnamn: "0" for lan in sv.alla_lan()}, "Skåne": "9", "Stockholms län": "7",
                       "Västra Götaland": "6", "Uppsala län": "4", "Norrbotten": "3", "Gotland": "1"}
    assert [(b.name, b.text) for b in g.bars] == [("Skåne", "9"), ("Stockholms län", "7"), ("Västra Götaland", "6"),
                                                  ("Uppsala län", "4"), ("Norrbotten", "3"), ("Gotland", "1")]
    widths = [b.width for b in g.bars]
    assert widths == sorted(widths, reverse=True) and widths[-1] == round(widths[0] / 9)
    assert [b.share for b in g.bars] == ["100", "77.8", "66.7", "44.4", "33.3", "11.1"]  # of 9: 7, 6, 4, 3, 1
    assert [s.text for s in g.legend] == ["1–5", "6–10", "0"]
    assert g.map_description.endswith("Skåne län 9, Stockholms län 7, Västra Götalands län 6, Uppsala län 4, "
                                      "Norrbottens län 3 och Gotlands län 1. Inga i övriga 15 län.")


def test_an_unknown_county_is_never_drawn_as_zero():
    g = county_graphic(_facts(MULTI, "2022"))  # three county files that do not cover every actor
    assert {t.figure for t in g.tiles if t.lan.slug not in ("stockholm", "vastra-gotaland", "vasterbotten")} == {"–"}
    assert {t.fill for t in g.tiles if t.figure == "–"} == {tilemap.MISSING[0]}
    assert g.legend[-1].text == "Uppgift saknas" and g.map_description.endswith("Uppgift saknas för 18 län.")


def test_money_when_headlines_lead_with_it_in_millions_on_tiles_and_in_words_beside_bars():
    g = county_graphic(_facts(KULTURRADET, "2017"))
    assert g.money and g.heading == "Beviljat belopp per län läsåret 2017/18" and g.legend_heading == "Miljoner kronor"
    assert {t.short: t.figure for t in g.tiles if t.figure != "–"} == {"SKÅ": "25", "VRM": "6,3", "JÄM": "2,9"}
    assert [b.text for b in g.bars] == ["drygt 25 miljoner kronor", "6,3 miljoner kronor", "2,9 miljoner kronor"]
    assert [s.text for s in g.legend] == ["0–10", "10–20", "20–30", "Uppgift saknas"]


def test_the_frame_marks_one_tile_and_says_so():
    g = county_graphic(_facts(MULTI, "2023"))
    frame = g.frame(sv.lan("Gotland"))
    (tile,) = [t for t in g.tiles if (t.x, t.y) == (frame.x, frame.y)]
    assert tile.short == "GOT" and frame.text == "Rutan för Gotlands län har en tjock ram."
    assert (frame.mark, tile.county, tile.place) == ("framed-09", "lan-09", "col-4 row-6")


def test_tiles_name_their_grid_cell_and_colour_class():
    g = county_graphic(_facts(MULTI, "2023"))
    by_short = {t.short: t for t in g.tiles}
    assert [(s, by_short[s].place, by_short[s].tone) for s in ("NBN", "SKÅ", "GOT", "BLE")] == [
        ("NBN", "col-3 row-0", "tone-0"), ("SKÅ", "col-0 row-7", "tone-3"),
        ("GOT", "col-4 row-6", "tone-0"), ("BLE", "col-2 row-7", "tone-zero")]
    assert len({t.place for t in g.tiles}) == 21  # no two tiles in one cell
    assert [s.tone for s in g.legend] == ["tone-0", "tone-3", "tone-zero"]


# --- the round page ----------------------------------------------------------------------------------------------

def test_round_page_has_the_map_the_chart_and_the_table(bundled_site):
    doc = _page(bundled_site / "2021" / "index.html")
    tile_map, chart = _graphics(doc)
    for el, title in ((tile_map, "Karta: beviljade aktörer per län 2021"),
                      (chart, "Diagram: beviljade aktörer per län 2021, störst först")):
        assert el.get("role") == "img"
        assert _named(el, "aria-labelledby") == title and "Skåne län 15." in _named(el, "aria-describedby")
    tiles = _tiles(tile_map)
    assert len(tiles) == 21 and [f for f, _ in tiles.values()].count("–") == 20
    assert tiles["SKÅ"] == ("15", "tile col-0 row-7 tone-3 lan-12")
    assert tile_map.xpath("string(p[@class='tile-legend-heading'])") == "Aktörer"
    assert [li.text_content().strip() for li in tile_map.xpath("ul[@class='tile-legend']/li")] == [
        "1–5", "6–10", "11–15", "Uppgift saknas"]
    assert _bars(chart) == [("Skåne", "100", "15")]
    # no SVG text anywhere: every word of the graphic is HTML, so its contrast can be checked
    assert doc.xpath("//*[local-name()='text']") == []
    # the same figure in the table beside it
    row = doc.xpath("//table[@class='figures']/tbody/tr")[0]
    assert row.xpath("string(th)") == "Skåne län" and row.xpath("string(td[last()])") == "15"


def test_round_page_links_the_png_with_its_size_and_credit(bundled_site):
    doc = _page(bundled_site / "2021" / "index.html")
    (link,) = doc.xpath(f"//a[@href='{FILE_NAME}']")
    size = (bundled_site / "2021" / FILE_NAME).stat().st_size
    paragraph = link.getparent().text_content()
    assert f"(PNG, {round(size / 1000)} kB)" in paragraph
    assert paragraph.endswith("Källa: Delegationen mot segregation. Fri att använda med källan angiven.")


def test_every_county_figure_is_in_the_multi_county_graphic(multi_site):
    tile_map, chart = _graphics(_page(multi_site / "2023" / "index.html"))
    tiles = _tiles(tile_map)
    assert {s: tiles[s][0] for s in ("SKÅ", "STO", "VGR", "UPP", "NBN", "GOT", "BLE")} == {
        "SKÅ": "9", "STO": "7", "VGR": "6", "UPP": "4", "NBN": "3", "GOT": "1", "BLE": "0"}
    assert _bars(chart) == [("Skåne", "100", "9"), ("Stockholms län", "77.8", "7"), ("Västra Götaland", "66.7", "6"),
                            ("Uppsala län", "44.4", "4"), ("Norrbotten", "33.3", "3"), ("Gotland", "11.1", "1")]


# --- local releases ----------------------------------------------------------------------------------------------

def test_a_local_release_frames_its_own_county(multi_site):
    tile_map, = _graphics(_page(multi_site / "2023" / "beslut" / "gotland" / "index.html"))
    (grid,) = tile_map.xpath("div[starts-with(@class, 'tile-grid')]")
    assert grid.get("class") == "tile-grid framed-09"
    assert _tiles(tile_map)["GOT"] == ("1", "tile col-4 row-6 tone-0 lan-09")
    assert _named(tile_map, "aria-describedby").endswith("Rutan för Gotlands län har en tjock ram.")


def test_the_round_page_frames_no_county(multi_site):
    tile_map, _ = _graphics(_page(multi_site / "2023" / "index.html"))
    assert tile_map.xpath("div/@class") == ["tile-grid"]


def test_the_style_sheet_frames_every_county_and_places_every_cell():
    css = (TEMPLATES / "static" / "style.css").read_text(encoding="utf-8")
    frames = re.search(r"((?:\.framed-\d\d \.lan-\d\d,?\s*)+)\{", css).group(1)
    assert sorted(re.findall(r"\.framed-(\d\d) \.lan-(\d\d)", frames)) == sorted((k, k) for k, *_ in tilemap.GRID)
    for column in range(tilemap.COLUMNS):
        assert f".col-{column} {{ grid-column: {column + 1}; }}" in css
    for row in range(tilemap.ROWS):
        assert f".row-{row} {{ grid-row: {row + 1}; }}" in css
    assert f"grid-template-columns: repeat({tilemap.COLUMNS}, 1fr)" in css


def test_a_national_release_has_no_map(multi_site):
    assert _graphics(_page(multi_site / "2023" / "beslut" / "index.html")) == []


# --- the PNG -----------------------------------------------------------------------------------------------------

def test_two_builds_give_the_same_png_bytes(bundled_site, tmp_path):
    out = tmp_path / "again"
    code, _, err = run_cli("build", "--content", str(CONTENT), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", NOW)
    assert code == 0, err
    first = (bundled_site / "2021" / FILE_NAME).read_bytes()
    assert (out / "2021" / FILE_NAME).read_bytes() == first
    image = Image.open(BytesIO(first))
    assert image.format == "PNG" and image.width == 1200 and image.mode == "P"
    rgb = image.convert("RGB")
    assert rgb.getpixel((2, 2)) == (255, 255, 255)  # the page's own white, exactly
    skane = next(t for t in county_graphic(_facts(CONTENT, "2021")).tiles if t.short == "SKÅ")
    corner = (MARGIN + round(skane.x * SCALE) + 4, TOP + round(skane.y * SCALE) + 4)  # inside, clear of the text
    assert rgb.getpixel(corner) == tilemap.rgb(skane.fill) == tilemap.rgb(tilemap.PALETTE[-1][0])
    assert set(image.info) <= {"transparency"}  # no time, software or other text chunk


def test_the_png_draws_the_credit_it_is_given():
    g = county_graphic(_facts(MULTI, "2023"))
    plain = draw(g, credit_line("Delmos", "Fri att använda med källan angiven."))
    assert draw(g, credit_line("Delmos", "Fri att använda med källan angiven.")) == plain
    assert draw(g, credit_line("Delmos", "CC BY 4.0.")) != plain


@pytest.mark.parametrize(("credit", "licence", "line"), [
    ("Delmos", "Fri att använda med källan angiven.", "Källa: Delmos. Fri att använda med källan angiven."),
    ("Statens kulturråd.", "CC BY 4.0.", "Källa: Statens kulturråd. CC BY 4.0."),
])
def test_credit_line(credit, licence, line):
    assert credit_line(credit, licence) == line


def test_site_yaml_grafik_sets_the_credit(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    site = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8"))
    site["grafik"] = {"källa": "Delmos", "licens": "Fri att publicera."}
    (content / "site.yaml").write_text(yaml.safe_dump(site, allow_unicode=True), encoding="utf-8")
    code, _, err = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES),
                           "--out", str(tmp_path / "out"), "--now", NOW)
    assert code == 0, err
    page = (tmp_path / "out" / "2021" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"\(PNG, \d+ kB\)\. Källa: Delmos\. Fri att publicera\.</p>", page)


# --- after a supplement the figures are the decision's, and say so ------------------------------------------------

KINDS = MULTI.parent.parent / "kinds" / "content"


def test_after_a_supplement_the_graphic_names_the_decision(tmp_path):
    out = tmp_path / "site"
    code, _, err = run_cli("build", "--content", str(KINDS), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", "2026-01-01T00:00")
    assert code == 0, err
    tile_map, chart = _graphics(_page(out / "2024" / "index.html"))
    assert _named(tile_map, "aria-labelledby") == "Karta: beviljade aktörer per län 2024 i beslutet den 16 maj 2024"
    assert [name for name, _, _ in _bars(chart)] == ["Stockholms län", "Skåne", "Västra Götaland", "Halland"]  # ties by county code
    # the decision's local releases show the map, the supplement's do not (its figures are not the map's)
    assert _graphics(_page(out / "2024" / "beslut" / "skane" / "index.html"))
    assert _graphics(_page(out / "2024" / "tillagg-juni" / "skane" / "index.html")) == []


def test_money_only_when_every_county_amount_is_known():
    from dataclasses import replace

    from pressrum.images.county_graphic import uses_money

    facts = _facts(KULTURRADET, "2017")
    assert uses_money(facts)
    one_unknown = replace(facts, counties=(replace(facts.counties[0], amount=None), *facts.counties[1:]))
    assert not uses_money(one_unknown)
    assert not county_graphic(one_unknown).money and county_graphic(one_unknown).legend_heading == "Skolhuvudmän"
    counted = replace(facts, words=replace(facts.words, angle="antal"))
    assert not uses_money(counted)
