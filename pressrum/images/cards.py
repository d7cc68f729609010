"""Social cards: a 1200 × 630 PNG per release with its headline, its place and its sender.

A card is what a link to a release shows on social media and in chat (``og:image``). It is
drawn from the release alone, in the site's colours (:func:`look_of` reads them from the
style sheet the newsroom ships, so a card matches the pages), with Open Sans from ``fonts.py``
laid out by FreeType alone (no shaping library: the pixels do not depend on whether Pillow found
libraqm), as a palette image of 256 blends from background to ink (``png.blend``): the same
release gives the same bytes.

Cost, measured on the shared 2-core machine (CPU, min of 7 runs, interleaved with the previous
version): 0.65-0.76 ms a card on the bench's 198 headlines (4.5-4.7 ms when Pillow drew each line
and encoded the whole picture), 1.7-2.1 ms on 200 random headlines that share no line (6.1-6.4).
The glyphs come from a per-process cache (``glyphs.py``: the same pixels as ``ImageDraw.text``,
tested), and the PNG is written from bands of rows (``png.palette_png``), one per line, kept by
what they hold: the place line and the foot are the same on every card of a newsroom, a round's
headlines share lines, and the background between bands is a cached run. What remains is zlib
over a new line's rows (about 0.1 MB each, ~0.4 ms; Python's zlib does not read zeros faster than
1.5 ns a byte, and packing 16 shades into 4 bits saved no time). A cold build of ~1 000 releases
went from 10.1-11.3 s to 6.5-6.9 s of CPU, the cards from 47-49 % of the rounds' CPU to 13-14 %.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageFont

from . import fonts, glyphs, png
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
_CONTROL = re.compile(r"[\n\r\t]")
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


def face(size: int, weight: str) -> ImageFont.FreeTypeFont:
    """The card's Open Sans at ``size``, laid out by FreeType alone (see :func:`.fonts.font`)."""
    return fonts.font(size, weight, shaped=False)


def measure(font: ImageFont.FreeTypeFont):
    """``font``'s width of a text in pixels (``font.getlength``, from the cached glyphs)."""
    return lambda text: glyphs.length(font, text) / 64


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
        width_of = measure(face(size, "Bold"))
        lines = wrap(words, width, width_of)
        if len(lines) * round(size * LINE_HEIGHT) <= height and all(width_of(li) <= width for li in lines):
            return Headline(tuple(lines), size)
    size = HEADLINE_SIZES[-1]
    width_of = measure(face(size, "Bold"))
    room = max(1, height // round(size * LINE_HEIGHT))
    while words:
        words = words[:-1]
        lines = wrap(words + [ELLIPSIS], width, width_of)
        if len(lines) <= room:
            break
    # A last word too wide for a line still is not cut: it overflows the margin, never the word.
    return Headline(tuple(lines), size)


def fit(text: str, size: int, weight: str, width: int) -> str:
    """``text`` on one line of ``width`` at ``size``: whole words, an ellipsis when it is longer."""
    width_of = measure(face(size, weight))
    if width_of(text) <= width:
        return text
    words = [w for w in text.split(" ") if w]
    while len(words) > 1 and width_of(" ".join(words) + ELLIPSIS) > width:
        words.pop()
    return " ".join(words) + ELLIPSIS


@dataclass(frozen=True)
class Rule:
    """A filled rectangle, corners included (``ImageDraw.rectangle``'s box)."""

    box: tuple[int, int, int, int]


def drawing(headline: str, place: str, sender: str, site_name: str) -> tuple[glyphs.Text | Rule, ...]:
    """What a card shows, in drawing order: ``place`` ("Skåne län", "Hela landet") above the
    headline, a rule, the sender and the newsroom's name at the foot (line breaks and tabs in
    the texts are spaces: a card's lines are its own)."""
    headline, place, sender, site_name = (_CONTROL.sub(" ", t) for t in (headline, place, sender, site_name))
    inner = WIDTH - 2 * MARGIN
    ops: list[glyphs.Text | Rule] = [
        glyphs.Text(face(PLACE_SIZE, "SemiBold"), fit(place, PLACE_SIZE, "SemiBold", inner), (MARGIN, 80), "ls")]
    lay = layout_headline(headline)
    step = round(lay.size * LINE_HEIGHT)
    ops += [glyphs.Text(face(lay.size, "Bold"), line, (MARGIN, HEADLINE_TOP + i * step), "la")
            for i, line in enumerate(lay.lines)]
    ops.append(Rule((MARGIN, RULE_Y, WIDTH - MARGIN, RULE_Y + 3)))
    site_text = fit(site_name, SENDER_SIZE - 4, "Regular", inner // 2 - 20)
    site_w = measure(face(SENDER_SIZE - 4, "Regular"))(site_text)
    sender_text = fit(sender, SENDER_SIZE, "SemiBold", int(inner - site_w - 40))
    ops.append(glyphs.Text(face(SENDER_SIZE, "SemiBold"), sender_text, (MARGIN, SENDER_Y), "la"))
    ops.append(glyphs.Text(face(SENDER_SIZE - 4, "Regular"), site_text, (WIDTH - MARGIN, SENDER_Y + 4), "ra"))
    return tuple(ops)


@lru_cache(maxsize=256)
def card(headline: str, place: str, sender: str, site_name: str, look: Look = Look()) -> bytes:
    """The card's PNG bytes (see :func:`drawing`). Kept per process (a round's rehearsals, one
    per later moment, draw the same cards again)."""
    return picture(drawing(headline, place, sender, site_name), look)


def picture(ops: tuple[glyphs.Text | Rule, ...], look: Look) -> bytes:
    """The PNG of ``ops`` drawn in white on the background. The rows with ink fall into bands
    (a line of text, or lines whose rows overlap), each band drawn and compressed on its own
    and kept per process by what it holds wherever it stands: the place, the rule and the
    sender are the same on a newsroom's every card, and a round's headlines share lines ("miljoner
    kronor för arbete mot"); the background between bands comes from :func:`.png.blank`."""
    bands: list[list] = []  # [top, bottom, ops]
    for op, box in sorted(((op, box) for op in ops if (box := _box(op))), key=lambda p: p[1][1]):
        top, bottom = max(0, box[1]), min(HEIGHT, box[3])
        if top >= bottom:
            continue
        if bands and top < bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], bottom)
            bands[-1][2].append(op)
        else:
            bands.append([top, bottom, [op]])
    segments, row = [], 0
    for top, bottom, members in bands:
        if top > row:
            segments.append(png.blank(top - row, WIDTH))
        in_order = tuple(_moved(op, -top) for op in ops if op in members)  # drawn in the card's order
        segments.append(_band(bottom - top, in_order))
        row = bottom
    if row < HEIGHT:
        segments.append(png.blank(HEIGHT - row, WIDTH))
    return png.palette_png(WIDTH, HEIGHT, _palette(look.background, look.ink), segments)


def _box(op: glyphs.Text | Rule) -> glyphs.Box | None:
    if isinstance(op, Rule):
        x0, y0, x1, y1 = op.box
        return (x0, y0, x1 + 1, y1 + 1)
    return op.box


def _moved(op: glyphs.Text | Rule, dy: int) -> glyphs.Text | Rule:
    if isinstance(op, Rule):
        x0, y0, x1, y1 = op.box
        return Rule((x0, y0 + dy, x1, y1 + dy))
    return replace(op, xy=(op.xy[0], op.xy[1] + dy))


def _meets(a: glyphs.Box, b: glyphs.Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@lru_cache(maxsize=1024)
def _band(height: int, ops: tuple[glyphs.Text | Rule, ...]) -> png.Segment:
    """``height`` rows of a card holding ``ops`` (placed from the band's top), compressed: drawn
    one pixel to the right in a picture one column wider, whose first column is each row's
    filter byte (0). Kept: 1 024 bands of 5-10 kB."""
    image = Image.new("L", (WIDTH + 1, height), 0)
    drawn: list[glyphs.Box] = []
    for op in ops:
        box = _box(op)
        if isinstance(op, Rule):
            image.paste(255, (box[0] + 1, box[1], box[2] + 1, box[3]))
        else:
            glyphs.draw(image, op, (1, 0), alone=not any(_meets(box, b) for b in drawn))
        drawn.append(box)
    image.paste(0, (0, 0, 1, height))  # ink left of the picture is not in it
    return png.segment(image.tobytes())


@lru_cache(maxsize=16)
def _palette(background: tuple[int, int, int], ink: tuple[int, int, int]) -> bytes:
    return bytes(png.blend(background, ink))
