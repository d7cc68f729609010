"""The fast social card against its reference: the same pixels as Pillow's ``ImageDraw.text``
line by line and Pillow's PNG encoder (``tests/card_reference.py``), and the PNG writer's pieces
(glyph advances, Adler-32 of joined segments, whole rows) against what they stand for."""
from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image

import card_reference
from pressrum.images import cards, glyphs, png

SENDER, SITE = "Delegationen mot segregation", "press.delmos.se"
LONG_WORD = "Barnrättighetsorganisationsutvecklingsprojektsamordningsansvarigheten"

# (headline, place, sender, site): å ä ö, no-break spaces, ellipsis cuts, long words, the
# smallest and largest sizes, right-anchored newsroom names of every length.
CASES = [
    ("Kort rubrik", "Skåne län", SENDER, SITE),
    ("Åtta aktörer i Skåne län får 12,4\u00a0miljoner kronor", "Skåne län", SENDER, SITE),
    ("90 aktörer får statsbidrag för arbete mot segregation – flest i Skåne", "Hela landet", SENDER, SITE),
    ("Två aktörer i Västerbotten och fyra i Norrbotten får bidrag", "Västerbottens län", SENDER, SITE),
    ("Öppna ansökningar: 250\u00a0miljoner kronor till kommuner", "Örebro län", SENDER, SITE),
    ("Älvsbyn, Överkalix och Åre får 1\u00a0234\u00a0567\u00a0kronor", "Norrbottens län", SENDER, SITE),
    ("ÅÄÖ åäö ÉÜ éü – ”citat” ’apostrof’ (parentes) 100\u00a0%", "Jämtlands län", SENDER, SITE),
    ("Film, fika och flera offentliga föreningar får stöd", "Gotlands län", SENDER, SITE),
    (LONG_WORD, "Stockholms län", SENDER, SITE),
    (LONG_WORD + " " + LONG_WORD + " och mer", "Stockholms län", SENDER, SITE),
    (" ".join(f"ord{i}" for i in range(200)), "Uppsala län", SENDER, SITE),
    (" ".join(["statsbidrag"] * 60), "Hallands län", SENDER, SITE),
    ("Ett\u00a0ord\u00a0utan\u00a0ett\u00a0enda\u00a0vanligt\u00a0mellanslag\u00a0som\u00a0aldrig\u00a0bryts", "Skåne län", SENDER, SITE),
    ("Rubrik\nmed radbrytning\toch tabb", "Skåne län", SENDER, SITE),
    ("Beslut", "Västra Götalands län med ett mycket långt namn som inte ryms på raden alls", SENDER, SITE),
    ("Beslut", "Skåne län", "Myndigheten för ungdoms- och civilsamhällesfrågor med ett långt namn", SITE),
    ("Beslut", "Skåne län", SENDER, "www.en-mycket-lang-adress-till-ett-pressrum.exempel.se/press/2021"),
    ("Beslut", "Skåne län", "M", "a.se"),
    ("Jämför: 3 > 2, 5 < 7; 1/2 & 50 %… #1 @delmos ?!", "Dalarnas län", SENDER, SITE),
    ("\u2026", "\u2026", "\u2026", "\u2026"),
    ("Ǻ ǻ Ḑ ḑ — okända tecken: \u4e2d\u6587 \U0001f600", "Skåne län", SENDER, SITE),
] + [
    (f"{n} aktörer i {county} får {n},{n % 10}\u00a0miljoner kronor för arbete mot segregation {extra}".strip(),
     county, SENDER, SITE)
    for n, county, extra in [
        (2, "Blekinge län", ""), (3, "Dalarnas län", "i hela länet"), (4, "Gävleborgs län", "under 2021"),
        (5, "Hallands län", "och i Halmstad"), (6, "Jönköpings län", "– flest i Värnamo"),
        (7, "Kalmar län", "med fokus på barn och unga i utsatta områden"), (8, "Kronobergs län", ""),
        (9, "Norrbottens län", "i Kiruna, Luleå, Piteå, Boden och Haparanda"), (10, "Skåne län", "år 2022"),
        (11, "Stockholms län", "– Södertälje, Botkyrka, Huddinge, Haninge, Järfälla och Sigtuna"),
        (12, "Södermanlands län", "för bostadsområden"), (13, "Uppsala län", "i Gottsunda"),
        (14, "Värmlands län", "i Karlstad"), (15, "Västerbottens län", "och Umeå"), (16, "Västernorrlands län", ""),
        (17, "Västmanlands län", "i Västerås"), (18, "Västra Götalands län", "– Göteborg, Borås och Trollhättan"),
        (19, "Örebro län", "i Vivalla"), (20, "Östergötlands län", "i Skäggetorp och Navestad"),
        (21, "Gotlands län", "på ön"), (99, "Jämtlands län", "i Östersund " * 5), (100, "Hela landet", "")]
] + [
    ("Regeringen har gett Delegationen mot segregation i uppdrag att fördela statsbidrag till kommuner, "
     "regioner och ideella föreningar för insatser som minskar och motverkar segregation " * k, "Hela landet",
     SENDER, SITE) for k in (1, 2, 4)
] + [
    (" ".join(["fi", "fl", "ff", "ffi", "Avta", "Tå", "Yo", "r,", "LT", "W.", "j;"] * k), "Skåne län", SENDER, SITE)
    for k in (1, 3, 6)
] + [
    ("Ny utlysning: bidrag för att stärka det lokala föreningslivet", "Kalmar län", "Kulturrådet", "kulturradet.se"),
    ("Rättelse: beslutet gäller 2022", "Hela landet", "Delmos", "press.delmos.se/nyheter"),
]


def _pixels(data: bytes) -> tuple[bytes, list[int], tuple[int, int]]:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.mode == "P"
    return image.tobytes(), image.getpalette(), image.size


def test_the_cases_cover_every_headline_size_and_the_cut():
    sizes = {cards.layout_headline(h).size for h, *_ in CASES}
    assert {cards.HEADLINE_SIZES[0], cards.HEADLINE_SIZES[-1]} <= sizes and len(sizes) >= 4
    assert any(cards.layout_headline(h).lines[-1].endswith(cards.ELLIPSIS) for h, *_ in CASES)
    assert len(CASES) >= 50


@pytest.mark.parametrize("headline, place, sender, site", CASES)
def test_a_card_has_the_pixels_pillow_draws(headline, place, sender, site):
    for look in (cards.Look(), cards.Look((0x5A, 0x2D, 0x82))):
        fast = _pixels(cards.card(headline, place, sender, site, look))
        reference = _pixels(card_reference.card(headline, place, sender, site, look))
        assert fast[2] == reference[2] == (cards.WIDTH, cards.HEIGHT)
        assert fast[1] == reference[1]  # the palette: background to ink in 256 steps
        assert fast[0] == reference[0]  # every pixel's index


def test_overlapping_lines_are_laid_one_over_the_other_as_pillow_does():
    """Two lines whose ink overlaps: each is put together alone, then laid over the other."""
    font = cards.face(68, "Bold")
    ops = (glyphs.Text(font, "Ågjy ÅÄÖ", (80, 170)), glyphs.Text(font, "Ågjy ÅÄÖ", (95, 190)),
           glyphs.Text(font, "gg", (1150, 300)), glyphs.Text(font, "Åj", (-30, -20), "ls"))
    reference = Image.new("L", (cards.WIDTH, cards.HEIGHT), 0)
    from PIL import ImageDraw
    for op in ops:
        ImageDraw.Draw(reference).text(op.xy, op.text, font=op.font, fill=255, anchor=op.anchor)
    assert _pixels(cards.picture(ops, cards.Look()))[0] == reference.tobytes()


@pytest.mark.parametrize("weight, size", [("Bold", s) for s in cards.HEADLINE_SIZES] + [("SemiBold", 32),
                                                                                         ("Regular", 28)])
def test_a_lines_length_is_the_sum_of_its_glyphs_advances(weight, size):
    """No kerning and no ligatures in the basic layout of this Open Sans: the fast path's
    positions are sums of single advances, which holds only while this does."""
    font = cards.face(size, weight)
    chars = "abcdefghijklmnopqrstuvwxyzåäöéüABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉÜ0123456789 .,:;–-!?()%”’…\u00a0"
    for a in chars:
        line = "".join(a + b for b in chars)
        assert glyphs.length(font, line) == round(font.getlength(line) * 64), a


@pytest.mark.parametrize("parts", [[b""], [b"a"], [b"abc", b"defg"], [bytes(5000), b"\xff" * 70000, bytes(3)],
                                   [bytes(range(256)) * 300, b"x", bytes(100000)]])
def test_the_adler32_of_joined_segments_is_zlibs_of_the_whole(parts):
    joined = 1
    for part in parts:
        joined = png._adler_join(joined, zlib.adler32(part), len(part))
    assert joined == zlib.adler32(b"".join(parts))


def test_a_png_written_from_segments_decodes_to_its_rows():
    width, rows = 7, [bytes([0]) + bytes((x * y) % 256 for x in range(7)) for y in range(9)]
    segments = [png.blank(2, width), png.segment(b"".join(rows[2:6])), png.blank(1, width),
                png.segment(b"".join(rows[7:9]), 9)]
    expected = bytes(14) + b"".join(r[1:] for r in rows[2:6]) + bytes(7) + b"".join(r[1:] for r in rows[7:9])
    palette = bytes(range(256)) * 3
    image = Image.open(io.BytesIO(png.palette_png(width, 9, palette, segments)))
    assert image.size == (7, 9) and image.tobytes() == expected and bytes(image.getpalette()) == palette
    with pytest.raises(ValueError):
        png.palette_png(width, 10, palette, segments)
