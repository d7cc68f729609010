"""Counts and figures in running text: words up to twelve, digits above.

Språkrådet and TT write small numbers as words and larger as digits; only 1 agrees with
the noun's gender (*en ansökan*, *ett bidrag*). Digit groups are separated by U+00A0
NO-BREAK SPACE, so ``1 500`` never wraps.
"""
# Bad input of any type raises ValueError with a Swedish message (the package's contract, see
# __init__.py): field_readers.py catches ValueError, as pydantic validators must raise it.
# ruff: noqa: TRY004

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

from .engine import LOCALE, format_decimal
from .messages import (
    FEL_GENUS,
    FEL_INTE_HELTAL,
    FEL_INTE_TAL,
    FEL_NEGATIVT,
    FEL_ORDNINGSTAL_NOLL,
)

if TYPE_CHECKING:
    from decimal import Decimal

# Numbers up to and including twelve are written as words in running text
# (Språkrådet/TT: "small numbers as words, larger as digits"). Only 1 agrees
# with the noun's gender: en ansökan, ett bidrag.
_RAKNEORD = (
    "noll", None, "två", "tre", "fyra", "fem", "sex",
    "sju", "åtta", "nio", "tio", "elva", "tolv",
)
_STORSTA_I_ORD = len(_RAKNEORD) - 1  # 12
_GENUS = ("en", "ett")

_ORDNINGSTAL = (
    None, "första", "andra", "tredje", "fjärde", "femte", "sjätte",
    "sjunde", "åttonde", "nionde", "tionde", "elfte", "tolfte",
)

_MINUS = "\N{MINUS SIGN}"  # Swedish typography; Babel prints ASCII "-"


def _heltal(varde: object, vad: str) -> int:
    """Return ``varde`` as an int; integral floats/Decimals pass, bool does not."""
    # bool is an int subclass, but True is never a count.
    if isinstance(varde, bool):
        raise ValueError(FEL_INTE_HELTAL.format(vad=vad, varde=varde))
    if isinstance(varde, int):
        return varde
    if isinstance(varde, float) and varde.is_integer():
        return int(varde)
    # decimal is imported only for a value that is neither int nor float: a build with nothing
    # to do prints its counts without it.
    from decimal import Decimal

    if isinstance(varde, Decimal) and varde.is_finite() and varde == varde.to_integral_value():
        return int(varde)
    raise ValueError(FEL_INTE_HELTAL.format(vad=vad, varde=varde))


def _icke_negativt_heltal(varde: object, vad: str) -> int:
    n = _heltal(varde, vad)
    if n < 0:
        raise ValueError(FEL_NEGATIVT.format(vad=vad, varde=varde))
    return n


def _kontrollera_genus(genus: str) -> str:
    if genus not in _GENUS:
        raise ValueError(FEL_GENUS.format(varde=genus))
    return genus


@lru_cache(maxsize=4096, typed=True)  # Babel is slow and the same figures recur in every release
def _siffror(n: int | Decimal) -> str:
    """Digits grouped in threes with U+00A0 and a decimal comma (Babel, sv_SE)."""
    if type(n) is int and n >= 0:
        return _grouped(n)
    return format_decimal(n, format="#,##0.##", locale=LOCALE)


def _grouped(n: int) -> str:
    """A whole number's digits in groups of three with U+00A0: Babel's ``#,##0.##`` in sv_SE for
    an int (tests/unit/test_sv.py compares the two), without loading Babel's locale data, which
    takes longer than a build with nothing to do (its one line counts the files)."""
    return f"{n:,}".replace(",", "\u00a0")


def _ord_eller_siffror(n: int, genus: str) -> str:
    """The twelve-rule itself: words for 0–12 (with en/ett for 1), digits above."""
    if n == 1:
        return genus
    if n <= _STORSTA_I_ORD:
        return _RAKNEORD[n]
    return _siffror(n)


def tal(n: int, genus: str = "en") -> str:
    """Write a count the way running text wants it.

    0–12 as words, with en/ett agreement for 1 (``tal(1) == "en"``,
    ``tal(1, "ett") == "ett"``); 13 and up as digits grouped with U+00A0
    (``tal(1500) == "1\\xa0500"``). Negative numbers and non-integers are errors.
    """
    _kontrollera_genus(genus)
    return _ord_eller_siffror(_icke_negativt_heltal(n, "talet"), genus)


def antal(n: int, singular: str, plural: str, genus: str = "en") -> str:
    """Count + noun: ``inga ansökningar``, ``en ansökan``, ``ett bidrag``,
    ``åtta ansökningar``, ``90 aktörer``, ``1\\xa0500 ansökningar``.

    0 becomes *inga* (same form for both genders), 1 takes the singular with
    en/ett, 2–12 are words and 13 and up digits, both with the plural.
    """
    _kontrollera_genus(genus)
    n = _icke_negativt_heltal(n, "antalet")
    if n == 0:
        return f"inga {plural}"
    if n == 1:
        return f"{genus} {singular}"
    return f"{_ord_eller_siffror(n, genus)} {plural}"


def ordningstal(n: int) -> str:
    """Ordinal: words for 1–12 (``första`` … ``tolfte``), then digits with a colon suffix.

    The suffix is ``:a`` when the number ends in 1 or 2 but not in 11 or 12,
    otherwise ``:e``: ``13:e``, ``21:a``, ``22:a``, ``111:e``.
    """
    n = _heltal(n, "ordningstalet")
    if n < 1:
        raise ValueError(FEL_ORDNINGSTAL_NOLL.format(varde=n))
    if n <= _STORSTA_I_ORD:
        return _ORDNINGSTAL[n]
    suffix = "a" if n % 10 in (1, 2) and n % 100 not in (11, 12) else "e"
    return f"{_siffror(n)}:{suffix}"


def siffror(n: int) -> str:
    """Digits grouped with no-break spaces, never words (for tables and fact boxes): *1 500*, *7*."""
    return _siffror(_icke_negativt_heltal(n, "talet"))


def procent(x: float) -> str:
    """A percentage in running text: ``39 procent``, ``12,5 procent``.

    ``x`` is already in percent (39, not 0.39). Decimal comma and grouping come
    from Babel's sv pattern, which keeps up to three decimals and drops trailing
    zeros; a negative value gets the typographic minus (``−5 procent``).
    """
    from decimal import Decimal

    ar_tal = isinstance(x, (int, float, Decimal)) and not isinstance(x, bool)
    if not ar_tal or (isinstance(x, Decimal) and not x.is_finite()) or (
        isinstance(x, float) and not math.isfinite(x)
    ):
        raise ValueError(FEL_INTE_TAL.format(vad="procenttalet", varde=x))
    siffror = format_decimal(x, locale=LOCALE).replace("-", _MINUS)
    return f"{siffror} procent"
