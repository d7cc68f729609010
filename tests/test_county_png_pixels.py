"""The county PNG's fast paths against their references: a text's mask from cached glyphs
against ``ImageDraw.text`` with the same face, and :func:`png.indexed` against Pillow's encoder."""
from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

import card_reference
from pressrum.images import county_png, png

SIZES = [(30, "Bold"), (17, "Regular"), (15, "SemiBold"), (20, "Bold"), (16, "Regular"), (18, "Regular")]
TEXTS = ["Beviljade bidrag per län", "Västra Götaland", "Jämtland Härjedalen", "Örebro", "12,4 mnkr",
         "1 234 567 kr", "Källa: Delegationen mot segregation. Fri att använda med källan angiven.",
         "Inget beviljat", "0", "”Sju” – ’åtta’ …", "fi fl ff ffi", "AB", "Z", "", " "]


@pytest.mark.parametrize("size, weight", SIZES)
@pytest.mark.parametrize("anchor", ["ls", "ms", "rs"])
def test_a_texts_mask_is_what_imagedraw_draws(size, weight, anchor):
    font = county_png._face(size, weight)
    for text in TEXTS:
        mask, covered, dx, dy = county_png._text_mask(text, font, anchor)
        at = (600, 100)
        fast = Image.new("L", (1200, 200), 0)
        fast.paste(mask, (at[0] + dx, at[1] + dy))
        reference = Image.new("L", (1200, 200), 0)
        ImageDraw.Draw(reference).text(at, text, font=font, fill=255, anchor=anchor)
        assert fast.tobytes() == reference.tobytes(), text
        assert covered.tobytes() == mask.point([0] + [255] * 255).tobytes()


def test_an_indexed_png_decodes_to_its_image_and_palette():
    image = Image.linear_gradient("L").resize((301, 77)).point(lambda v: v // 4).convert("P")
    image.putpalette([c for i in range(64) for c in (i * 4, 255 - i * 4, (i * 7) % 256)])
    decoded = Image.open(io.BytesIO(png.indexed(image)))
    assert decoded.mode == "P" and decoded.size == image.size
    assert decoded.tobytes() == image.tobytes()
    assert decoded.getpalette() == image.getpalette()
    reference = Image.open(io.BytesIO(card_reference.encode(image)))
    assert decoded.convert("RGB").tobytes() == reference.convert("RGB").tobytes()


@pytest.mark.parametrize("anchor", ["ls", "ms", "rs"])
def test_a_canvas_text_is_the_tile_pasted_by_image_paste(anchor):
    # _Canvas.text pastes by Pillow's core; the reference is Image.paste with the same tile and
    # mask, at points inside the canvas, over its edges and wholly outside it.
    under, ink = "#ffffff", "#0b4f8a"
    points = [(600, 100), (2, 30), (1195, 190), (-40, 5), (600, -8), (1300, 100), (600, 260)]
    for size, weight in SIZES[:3]:
        font = county_png._face(size, weight)
        fast = county_png._Canvas((1200, 200), under)
        reference = county_png._Canvas((1200, 200), under)
        shades = reference._shades(under, ink)
        for text in TEXTS:
            for at in points:
                fast.text(at, text, font, ink, under, anchor)
                mask, covered, dx, dy = county_png._text_mask(text, font, anchor)
                tile = Image.frombytes("P", mask.size, mask.point(list(shades)).tobytes())
                reference._image.paste(tile, (at[0] + dx, at[1] + dy), covered)
        assert fast.image().tobytes() == reference.image().tobytes()
        assert fast.image().getpalette() == reference.image().getpalette()
