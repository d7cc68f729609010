"""The social card as Pillow draws it, line by line (``ImageDraw.text``) and encoded by Pillow:
the reference the fast card (cached glyphs, PNG written from bands) is compared with."""
from __future__ import annotations

from PIL import Image, ImageDraw

from pressrum.images import cards, glyphs, png


def mask(headline: str, place: str, sender: str, site_name: str) -> Image.Image:
    """The card's coverage ("L", 0 background, 255 ink) drawn by ``ImageDraw``."""
    image = Image.new("L", (cards.WIDTH, cards.HEIGHT), 0)
    draw = ImageDraw.Draw(image)
    for op in cards.drawing(headline, place, sender, site_name):
        if isinstance(op, glyphs.Text):
            draw.text(op.xy, op.text, font=op.font, fill=255, anchor=op.anchor)
        else:
            draw.rectangle(op.box, fill=255)
    return image


def card(headline: str, place: str, sender: str, site_name: str, look: cards.Look = cards.Look()) -> bytes:
    """The card's PNG bytes the way ``cards.card`` made them before the glyph cache."""
    return png.encode(png.two_colour(mask(headline, place, sender, site_name), look.background, look.ink))
