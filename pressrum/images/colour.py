"""Colours of the generated pictures: sRGB parsing and the WCAG 2.1 contrast rule.

One definition serves the social cards (is the site's accent dark enough for white text?) and
the county graphic (every tile colour against its text), so both judge contrast the same way.
"""
from __future__ import annotations

RGB = tuple[int, int, int]


def rgb(hex_colour: str) -> RGB:
    """``#rrggbb`` as an (r, g, b) tuple, for Pillow."""
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def luminance(colour: RGB) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour (0 to 1)."""
    r, g, b = colour
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: RGB, b: RGB) -> float:
    """The WCAG 2.1 contrast ratio of two sRGB colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def mix(a: RGB, b: RGB, level: int, top: int) -> RGB:
    """``b`` laid over ``a`` at coverage ``level`` of ``top`` (0 gives ``a``, ``top`` gives ``b``),
    rounded per channel: the antialiased edge of a text pixel in a palette image."""
    return tuple(round(x + (y - x) * level / top) for x, y in zip(a, b))  # type: ignore[return-value]
