"""Social cards: a 1200 × 630 PNG per release with its headline, its place and its sender.

A card is what a link to a release shows on social media and in chat (``og:image``). It is
drawn from the release alone, in the site's colours (:func:`look_of` reads them from the
style sheet the newsroom ships, so a card matches the pages), with Open Sans from ``fonts.py``,
as a two-colour palette image (``png.two_colour``): the same release gives the same bytes.

Cost, measured on the shared 2-core machine: about 5 ms of CPU per card (drawing the text 2.2,
zlib 2-3 of it; raqm against basic layout and 4-bit palettes saved nothing). A cold build of
4 994 releases went from 24.5 s to 48.7 s of CPU (88 s to 101 s wall), half of the rounds'
CPU now being the cards; a build that reuses a round from the cache draws none of its cards.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from . import fonts, png
from .colour import contrast, rgb

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
TYPE = "image/png"
# The headline's sizes, largest first: the largest that fits the box is used.
HEADLINE_SIZES = (68, 62, 56, 50, 46, 42, 38, 34, 30)
PLACE_SIZE = 32
SENDER_SIZE = 32
LINE_HEIGHT = 1.18
# The headline's box: below the place line, above the rule over the sender.
HEADLINE_TOP = 170
HEADLINE_BOTTOM = HEIGHT - 150
RULE_Y = HEIGHT - 130
SENDER_Y = HEIGHT - 108
ELLIPSIS = "\u2026"

# The style sheet's accent colour (links and headings' blue), the card's background; the text
# is white on it. Read from the style sheet so an agency that changes its colours there gets
# cards in them too; these are the bundled sheet's, used when it names no accent.
DEFAULT_BACKGROUND = (0x0B, 0x4F, 0x8A)
INK = (0xFF, 0xFF, 0xFF)
AA_CONTRAST = 4.5  # WCAG 2.1 AA for normal text; the card's smallest text is 32 px
_ACCENT = re.compile(r"--accent\s*:\s*#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\s*;")


@dataclass(frozen=True)
class Look:
    """The card's colours: white ink on the background (RGB)."""

    background: tuple[int, int, int] = DEFAULT_BACKGROUND
    ink: tuple[int, int, int] = INK


def look_of(templates: Path) -> Look:
    """The card colours of the style sheet in ``templates/static/style.css``: its ``--accent``
    as background when white text on it meets WCAG AA, else the bundled blue (a light accent
    would make white text unreadable; the page uses the accent for text on white instead)."""
    try:
        css = (Path(templates) / "static" / "style.css").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Look()
    m = _ACCENT.search(css)
    if not m:
        return Look()
    digits = m.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    colour = rgb("#" + digits)
    return Look(colour) if contrast(colour, INK) >= AA_CONTRAST else Look()


def wrap(words: list[str], width: int, measure) -> list[str]:
    """Greedy lines of whole ``words`` no wider than ``width`` by ``measure`` (a word wider than
    the line stands alone on its line: a word is never cut)."""
    lines: list[str] = []
    for word in words:
        if lines and measure(lines[-1] + " " + word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


@dataclass(frozen=True)
class Headline:
    """A headline laid out: its lines and the font size they are drawn in."""

    lines: tuple[str, ...]
    size: int


def layout_headline(text: str, width: int = WIDTH - 2 * MARGIN,
                    height: int = HEADLINE_BOTTOM - HEADLINE_TOP) -> Headline:
    """The largest of :data:`HEADLINE_SIZES` at which ``text``, wrapped at spaces, fits the box;
    a headline too long even at the smallest is cut after the last whole word that fits, with
    an ellipsis (a headline over 70 characters is already long for a release)."""
    words = [w for w in text.split(" ") if w]  # at spaces only: a no-break space ("12 miljoner") holds
    for size in HEADLINE_SIZES:
        face = fonts.font(size, "Bold")
        lines = wrap(words, width, face.getlength)
        if len(lines) * round(size * LINE_HEIGHT) <= height and all(face.getlength(li) <= width for li in lines):
            return Headline(tuple(lines), size)
    size = HEADLINE_SIZES[-1]
    face = fonts.font(size, "Bold")
    room = max(1, height // round(size * LINE_HEIGHT))
    while words:
        words = words[:-1]
        lines = wrap(words + [ELLIPSIS], width, face.getlength)
        if len(lines) <= room:
            break
    # A last word too wide for a line still is not cut: it overflows the margin, never the word.
    return Headline(tuple(lines), size)


def fit(text: str, size: int, weight: str, width: int) -> str:
    """``text`` on one line of ``width`` at ``size``: whole words, an ellipsis when it is longer."""
    face = fonts.font(size, weight)
    if face.getlength(text) <= width:
        return text
    words = [w for w in text.split(" ") if w]
    while len(words) > 1 and face.getlength(" ".join(words) + ELLIPSIS) > width:
        words.pop()
    return " ".join(words) + ELLIPSIS


@lru_cache(maxsize=256)
def card(headline: str, place: str, sender: str, site_name: str, look: Look = Look()) -> bytes:
    """The card's PNG bytes: ``place`` ("Skåne län", "Hela landet") above the headline, the
    sender and the newsroom's name under a rule at the foot. Kept per process (a round's
    rehearsals, one per later moment, draw the same cards again)."""
    mask = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(mask)
    inner = WIDTH - 2 * MARGIN
    draw.text((MARGIN, 80), fit(place, PLACE_SIZE, "SemiBold", inner), font=fonts.font(PLACE_SIZE, "SemiBold"),
              fill=255, anchor="ls")
    lay = layout_headline(headline)
    face = fonts.font(lay.size, "Bold")
    step = round(lay.size * LINE_HEIGHT)
    for i, line in enumerate(lay.lines):
        draw.text((MARGIN, HEADLINE_TOP + i * step), line, font=face, fill=255, anchor="la")
    draw.rectangle((MARGIN, RULE_Y, WIDTH - MARGIN, RULE_Y + 3), fill=255)
    name_face = fonts.font(SENDER_SIZE, "SemiBold")
    site_face = fonts.font(SENDER_SIZE - 4, "Regular")
    site_text = fit(site_name, SENDER_SIZE - 4, "Regular", inner // 2 - 20)
    site_w = site_face.getlength(site_text)
    sender_text = fit(sender, SENDER_SIZE, "SemiBold", int(inner - site_w - 40))
    draw.text((MARGIN, SENDER_Y), sender_text, font=name_face, fill=255, anchor="la")
    draw.text((WIDTH - MARGIN, SENDER_Y + 4), site_text, font=site_face, fill=255, anchor="ra")
    return png.encode(png.two_colour(mask, look.background, look.ink))
