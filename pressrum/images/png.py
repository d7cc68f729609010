"""PNG bytes that depend on the pixels only.

The generated pictures are palette PNGs written here (:func:`palette_png`, :func:`indexed`):
IHDR, PLTE, one IDAT, IEND, every row filter 0, Python's zlib at level 3; no time or software
chunk, so two builds give the same bytes. Level 3: on a 1200 × 630 picture level 3 encoded in
2.3 ms to 22 kB, level 6 in 6.0 ms to 18 kB and level 9 in 43 ms; the few kilobytes are not
worth the build time. A social card's rows come in segments compressed on their own (below),
the county graphic's in one (2.3 ms for 1200 × 870 against Pillow's encoder's 3.3-3.5 ms).
Pillow's own encoder, the tests' reference, is in ``tests/card_reference.py``.
"""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

from .colour import mix

LEVEL = 3


@lru_cache(maxsize=16)
def blend(background: tuple[int, int, int], ink: tuple[int, int, int]) -> tuple[int, ...]:
    """The 256 palette entries from ``background`` (0) to ``ink`` (255), flattened RGB."""
    return tuple(v for level in range(256) for v in mix(background, ink, level, 255))


# --- Palette PNGs written from their rows, for the social cards -----------------------------
# zlib reads about 650 MB/s here even of zeros (0.6 ms for the 0.4 MB of a card's headline
# rows), and most of a card is background. So a picture is written from segments: each run of
# rows is compressed on its own into raw deflate ending on a byte boundary (a sync flush), a run
# of background rows comes from a cache, and the zlib stream is those segments, an empty final
# block and the Adler-32 of all the rows, combined from the segments' own (RFC 1950/1951).

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ADLER = 65521
_ZLIB_HEADER = b"\x78\x01"  # deflate, 32 KiB window, "fastest" (informative only)
_FINAL_BLOCK = b"\x03\x00"  # an empty fixed-Huffman block with BFINAL set


@dataclass(frozen=True)
class Segment:
    """Some whole rows of a picture: their raw deflate (ending on a byte boundary, not final),
    the Adler-32 of their bytes and how many bytes that is (filter bytes included)."""

    deflate: bytes
    adler: int
    size: int


def segment(scanlines: bytes, level: int = LEVEL) -> Segment:
    """``scanlines`` (each row its filter byte and its pixels) compressed on their own."""
    z = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Segment(z.compress(scanlines) + z.flush(zlib.Z_SYNC_FLUSH), zlib.adler32(scanlines), len(scanlines))


@lru_cache(maxsize=512)
def blank(rows: int, width: int) -> Segment:
    """``rows`` rows of palette entry 0 (filter byte 0 and ``width`` zero bytes each): the same
    few runs of background come back on every card, so each is compressed once per process."""
    return segment(bytes(rows * (width + 1)), 9)


def _adler_join(first: int, second: int, size: int) -> int:
    """The Adler-32 of two byte strings end to end from each one's (``size``: the second's
    length): the first's sums carried over the second's bytes (zlib's adler32_combine)."""
    a1, b1 = first & 0xFFFF, first >> 16
    a2, b2 = second & 0xFFFF, second >> 16
    a = (a1 + a2 - 1) % _ADLER
    b = (b1 + b2 + size * (a1 - 1)) % _ADLER
    return b << 16 | a


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))


def palette_png(width: int, height: int, palette: bytes, segments: list[Segment]) -> bytes:
    """An 8-bit palette PNG (no metadata chunks) whose rows, top to bottom, are ``segments``'
    (each row filter byte 0, then ``width`` palette indices): one IDAT of their deflate."""
    if sum(s.size for s in segments) != height * (width + 1):
        raise ValueError("the segments do not make whole rows of the picture")
    adler = 1
    for s in segments:
        adler = _adler_join(adler, s.adler, s.size)
    data = _ZLIB_HEADER + b"".join(s.deflate for s in segments) + _FINAL_BLOCK + struct.pack(">I", adler)
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)  # 8 bits, palette, no interlace
    return (_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"PLTE", palette) + _chunk(b"IDAT", data)
            + _chunk(b"IEND", b""))


def indexed(image: Image.Image, level: int = LEVEL) -> bytes:
    """A palette ("P") ``image`` as PNG bytes by :func:`palette_png`: its palette, every row
    filter byte 0 (Pillow's encoder took 3.5 ms for the 1200 × 870 county graphic, this 2.3)."""
    width, height = image.size
    rows = Image.new("P", (width + 1, height), 0)  # the first column: each row's filter byte
    rows.paste(image, (1, 0))
    return palette_png(width, height, bytes(image.getpalette()), [segment(rows.tobytes(), level)])
