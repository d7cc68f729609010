"""Social cards and the share image of every release: the card's layout and bytes, the page's
og/twitter tags, and the feeds' enclosures (RSS ``<enclosure>``, Atom ``rel="enclosure"``)."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import lxml.etree as ET
import lxml.html
import pytest
from PIL import Image

from conftest import CONTENT, NOW, ROOT, TEMPLATES
from pressrum.images import cards, glyphs, png, social

BASE = "https://press.delmos.se/"
ATOM = "{http://www.w3.org/2005/Atom}"
TOOLS = Path("/work/shared/tools")
BOX = cards.WIDTH - 2 * cards.MARGIN


@pytest.mark.parametrize("headline, size", [
    ("Kort rubrik", cards.HEADLINE_SIZES[0]),
    ("90 aktörer får statsbidrag för arbete mot segregation – flest i Skåne", cards.HEADLINE_SIZES[0]),
    ("Statsbidrag för arbete mot segregation till två aktörer i Västerbotten och fyra i Norrbotten "
     "efter en lång och noggrann prövning av alla ansökningar som kom in", None),
])
def test_a_headline_is_wrapped_at_spaces_and_shrunk_to_fit(headline, size):
    lay = cards.layout_headline(headline)
    assert " ".join(lay.lines) == headline  # whole words, in order, none cut
    face = cards.face(lay.size, "Bold")
    assert all(face.getlength(line) <= BOX for line in lay.lines)
    assert len(lay.lines) * round(lay.size * cards.LINE_HEIGHT) <= cards.HEADLINE_BOTTOM - cards.HEADLINE_TOP
    if size is None:
        assert lay.size < cards.HEADLINE_SIZES[0]
    else:
        assert lay.size == size


def test_a_headline_too_long_for_any_size_ends_with_a_whole_word_and_an_ellipsis():
    words = [f"ord{i}" for i in range(200)]
    lay = cards.layout_headline(" ".join(words))
    assert lay.size == cards.HEADLINE_SIZES[-1]
    text = " ".join(lay.lines)
    assert text.endswith(" " + cards.ELLIPSIS)
    kept = text.removesuffix(" " + cards.ELLIPSIS).split(" ")
    assert kept == words[:len(kept)] and 10 < len(kept) < 200


def test_a_no_break_space_keeps_a_figure_with_its_unit():
    lines = cards.wrap(["aaaa", "12\u00a0miljoner", "kronor"], 200, cards.face(40, "Bold").getlength)
    assert any("12\u00a0miljoner" in line for line in lines)


@pytest.mark.parametrize("css, background", [
    (":root { --accent: #0b4f8a; }", (0x0B, 0x4F, 0x8A)),
    (":root { --accent: #5a2d82; }", (0x5A, 0x2D, 0x82)),
    (":root { --accent: #036; }", (0x00, 0x33, 0x66)),
    (":root { --accent: #ffd400; }", cards.DEFAULT_BACKGROUND),  # white on yellow is unreadable
    ("body { color: red; }", cards.DEFAULT_BACKGROUND),
])
def test_the_card_takes_the_style_sheets_accent_when_white_text_on_it_is_readable(tmp_path, css, background):
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "style.css").write_text(css, encoding="utf-8")
    look = cards.look_of(tmp_path)
    assert look.background == background
    assert cards.contrast(look.background, look.ink) >= cards.AA_CONTRAST


def test_the_bundled_style_sheet_gives_its_accent_at_aa_contrast():
    look = cards.look_of(TEMPLATES)
    assert look.background == (0x0B, 0x4F, 0x8A)
    assert round(cards.contrast(look.background, look.ink), 1) == 8.4


def test_a_card_is_1200_by_630_in_two_colours_and_the_same_bytes_every_time():
    args = ("Åtta aktörer i Skåne län får 12,4\u00a0miljoner kronor", "Skåne län", "Delegationen mot segregation",
            "press.delmos.se", cards.Look())
    first = cards.card(*args)
    for cache in (cards.card, cards._band, glyphs.glyph, png.blank):
        cache.cache_clear()  # drawn again from nothing: every glyph, band and run of background
    assert cards.card(*args) == first
    image = Image.open(io.BytesIO(first))
    assert image.size == (1200, 630) and image.format == "PNG" and image.mode == "P"
    colours = {rgb for _, rgb in image.convert("RGB").getcolors(maxcolors=1 << 16)}
    assert (0x0B, 0x4F, 0x8A) in colours and (255, 255, 255) in colours
    assert not image.info  # no metadata chunk (time, software)


@pytest.mark.parametrize("title, sender, county, alt", [
    ("Fem aktörer får bidrag", "Delmos", "Skåne län", "Delningsbild med rubriken ”Fem aktörer får bidrag”, från Delmos om Skåne län."),
    ("Fem aktörer får bidrag", "Delmos", None, "Delningsbild med rubriken ”Fem aktörer får bidrag”, från Delmos om hela landet."),
])
def test_the_alt_text_says_what_the_card_shows(title, sender, county, alt):
    assert social.card_alt(title, sender, county) == alt


@pytest.mark.parametrize("base, name", [
    ("https://press.delmos.se/", "press.delmos.se"),
    ("https://www.exempel.se/press/", "www.exempel.se/press"),
])
def test_the_card_names_the_newsroom_by_its_address(base, name):
    assert social.newsroom_name(base) == name


def _meta(page) -> dict[str, str]:
    tree = lxml.html.fromstring(page.read_bytes())
    return {m.get("property") or m.get("name"): m.get("content") for m in tree.iter("meta")
            if m.get("property") or m.get("name")}


def _local(out: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    return out / urlsplit(url).path.lstrip("/")


def _release_pages(out: Path) -> list[Path]:
    return sorted(p for p in out.glob("2021/beslut/**/index.html"))


def test_every_release_page_has_its_share_image_tags(bundled_site):
    pages = _release_pages(bundled_site)
    assert len(pages) == 2
    for page in pages:
        meta = _meta(page)
        image = _local(bundled_site, meta["og:image"])
        assert image == page.parent / "delning.png" and image.is_file(), page
        assert meta["twitter:image"] == meta["og:image"]
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["og:image:type"] == "image/png"
        size = Image.open(image).size
        assert (int(meta["og:image:width"]), int(meta["og:image:height"])) == size == (1200, 630)
        title = lxml.html.fromstring(page.read_bytes()).findtext(".//h1")
        assert meta["og:image:alt"] == meta["twitter:image:alt"]
        assert meta["og:image:alt"].startswith(f"Delningsbild med rubriken ”{title}”, från Delegationen mot segregation om ")


def test_every_feed_item_encloses_its_image_with_the_files_length(bundled_site):
    feeds = sorted(bundled_site.glob("**/rss.xml")) + sorted(bundled_site.glob("**/atom.xml"))
    assert len(feeds) == 4
    seen = 0
    for feed in feeds:
        root = ET.parse(str(feed)).getroot()
        if root.tag == "rss":
            found = [(item.findtext("link"), e.get("url"), e.get("type"), e.get("length"))
                     for item in root.iter("item") for e in item.findall("enclosure")]
            items = len(root.findall("channel/item"))
        else:
            found = [(entry.findtext(f"{ATOM}id"), e.get("href"), e.get("type"), e.get("length"))
                     for entry in root.iter(f"{ATOM}entry") for e in entry.findall(f"{ATOM}link[@rel='enclosure']")]
            items = len(root.findall(f"{ATOM}entry"))
        assert len(found) == items > 0, feed
        for page, url, kind, length in found:
            assert url == page + "delning.png" and kind == "image/png", feed
            assert int(length) == _local(bundled_site, url).stat().st_size, feed
            seen += 1
        # A feed reader sees one enclosure per item, with its type and length.
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, feed
        assert [(e.enclosures[0].href, int(e.enclosures[0].length)) for e in parsed.entries] == \
            [(url, int(length)) for _, url, _, length in found], feed
        # The page stays the entry's one alternate link (feedgen's trap 2 would add a second).
        assert [e.link for e in parsed.entries] == [page for page, _, _, _ in found], feed
        assert [[link.href for link in e.links if link.rel == "alternate"] for e in parsed.entries] == \
            [[page] for page, _, _, _ in found], feed
    assert seen == 8  # both releases in each of the four feeds (the newsroom's and Skåne's, RSS and Atom)


def test_two_builds_give_the_same_card_bytes(bundled_site, tmp_path):
    again = tmp_path / "again"
    # Without the build cache: every card is drawn again, in another process.
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(CONTENT), "--templates",
                           str(TEMPLATES), "--out", str(again), "--now", NOW], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PRESSRUM_CACHE": "0"})
    assert proc.returncode == 0, proc.stderr
    cards_first = {p.relative_to(bundled_site): p.read_bytes() for p in bundled_site.glob("**/delning.png")}
    cards_again = {p.relative_to(again): p.read_bytes() for p in again.glob("**/delning.png")}
    assert len(cards_first) == 2 and cards_first == cards_again


@pytest.mark.parametrize("tool", ["check-feeds", "check-html"])
def test_the_independent_checkers_pass_the_built_site(bundled_site, tool):
    if not (TOOLS / tool).exists():
        pytest.skip(f"{tool} is not installed here")
    check = subprocess.run([str(TOOLS / tool), "--base-url", BASE, str(bundled_site)], capture_output=True, text=True,
                           timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    warnings = [line for line in check.stdout.splitlines() if line.startswith("WARN")]
    assert all(line.startswith("WARN  sitemap.xml:") for line in warnings), check.stdout


def test_two_colour_equals_its_reference_pixel_by_pixel():
    """two_colour (the reference card's) converts L to P (each grey value its own index) with a cached palette; the
    reference builds the same image from the raw bytes and a palette computed on the spot."""
    from card_reference import encode, two_colour

    mask = Image.linear_gradient("L").resize((300, 120))
    for background, ink in (((11, 79, 138), (255, 255, 255)), ((0, 0, 0), (250, 200, 10))):
        fast = two_colour(mask, background, ink)
        reference = Image.frombytes("P", mask.size, mask.tobytes())
        reference.putpalette([round(b + (i - b) * level / 255) for level in range(256) for b, i in zip(background, ink)])
        assert fast.tobytes() == reference.tobytes()
        assert fast.convert("RGB").tobytes() == reference.convert("RGB").tobytes()
        assert encode(fast) == encode(reference)
