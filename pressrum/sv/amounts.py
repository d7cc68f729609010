"""Amounts of money in running text, always with the word *kronor*.

Below a million in digits, then in millions and billions when the figure is round;
never rounded quietly (``ungefar=True`` rounds and says *drygt* or *knappt*).
"""
# Bad input of any type raises ValueError with a Swedish message (the package's contract, see
# __init__.py): field_readers.py catches ValueError, as pydantic validators must raise it.
# ruff: noqa: TRY004

from __future__ import annotations

from decimal import Decimal

from .messages import (
    FEL_BELOPP_INTE_HELA_KRONOR,
    FEL_INTE_TAL,
    FEL_NEGATIVT,
    FEL_UNGEFAR_OCH_CIRKA,
)
from .numbers import _heltal, _ord_eller_siffror, _siffror

MILJON = 1_000_000
MILJARD = 1_000_000_000


def _hela_kronor(belopp: object) -> int:
    # Kronor are whole: an amount with öre is an input mistake, not something
    # to round away quietly.
    if isinstance(belopp, bool) or not isinstance(belopp, (int, float, Decimal)):
        raise ValueError(FEL_INTE_TAL.format(vad="beloppet", varde=belopp))
    try:
        n = _heltal(belopp, "beloppet")
    except ValueError:
        raise ValueError(FEL_BELOPP_INTE_HELA_KRONOR.format(varde=belopp)) from None
    if n < 0:
        raise ValueError(FEL_NEGATIVT.format(vad="beloppet", varde=belopp))
    return n


def _i_enhet(n: int, enhet: int, singular: str, plural: str) -> str | None:
    """``n`` as a count of ``enhet`` (miljon/miljard) if that is exact with ≤ 2 decimals.

    Whole 1–12 are words (*en miljon*, *sex miljoner*, *tolv miljoner*), other
    whole numbers digits (*250 miljoner*), decimals use a comma and the plural
    (*10,2 miljoner*, *1,35 miljarder*). Returns None when two decimals are not
    enough, so the caller falls back to full digits instead of rounding.
    """
    if n % (enhet // 100):
        return None
    if n % enhet == 0:
        antal_enheter = n // enhet
        siffra = _ord_eller_siffror(antal_enheter, "en")  # en miljon, en miljard
        return f"{siffra} {singular if antal_enheter == 1 else plural}"
    return f"{_siffror(Decimal(n) / enhet)} {plural}"


def _exakt_belopp(n: int) -> str:
    """The exact rendering of ``n`` kronor; the three bands of :func:`kronor`."""
    if n < MILJON:
        return f"{_siffror(n)} {'krona' if n == 1 else 'kronor'}"
    if n < MILJARD:
        text = _i_enhet(n, MILJON, "miljon", "miljoner")
    else:
        text = _i_enhet(n, MILJARD, "miljard", "miljarder")
    if text is None:  # not a round figure: every digit, never silently rounded
        return f"{_siffror(n)} kronor"
    return f"{text} kronor"


def _avrundat_belopp(n: int) -> int:
    """Round ``n`` to the precision :func:`kronor` shows with ``ungefar=True``.

    From one billion: one decimal of billions (steps of 100 000 000).
    From one million: whole millions. Below: two significant digits.
    Halves round up, as in everyday speech (Python's round() would round to even).
    """
    if n >= MILJARD:
        steg = MILJARD // 10
    elif n >= MILJON:
        steg = MILJON
    else:
        steg = 10 ** max(len(str(n)) - 2, 0)
    return (n + steg // 2) // steg * steg


def kronor(belopp: int, *, ungefar: bool = False, cirka: bool = False) -> str:
    """An amount of money for running text, always with the word *kronor*.

    Exact amounts, by size:

    * below one million – grouped digits: ``700 000 kronor``, ``1 500 kronor``,
      ``1 krona`` (singular for exactly one), ``0 kronor``;
    * one million up to one billion – in millions when the amount is a multiple
      of 10 000 (at most two decimals): ``en miljon kronor``, ``sex miljoner
      kronor``, ``250 miljoner kronor``, ``10,2 miljoner kronor``, ``1,35 miljoner
      kronor``; whole 1–12 as words, 13 and up as digits;
    * from one billion – in billions the same way when the amount is a multiple
      of 10 000 000: ``en miljard kronor``, ``1,35 miljarder kronor``.

    Any other amount is shown in full, never silently rounded:
    ``26 312 417 kronor``. Digit groups use U+00A0; spaces between words are
    ordinary spaces.

    ``ungefar=True`` rounds to what is shown – whole millions from one million,
    one decimal of billions from one billion, two significant digits below one
    million – and says which way: *drygt* when the true amount is larger than the
    shown one, *knappt* when smaller, nothing when equal (``drygt 26 miljoner
    kronor``, ``knappt 1,4 miljarder kronor``). The unit is chosen after
    rounding, so 999 999 999 becomes ``knappt en miljard kronor``.

    ``cirka=True`` prefixes *cirka* to the exact rendering, for figures that are
    themselves estimates. The two options exclude each other.

    Accepts int, and float/Decimal only when integral; negative amounts are errors.
    """
    if ungefar and cirka:
        raise ValueError(FEL_UNGEFAR_OCH_CIRKA)
    n = _hela_kronor(belopp)

    if cirka:
        return f"cirka {_exakt_belopp(n)}"
    if ungefar:
        visat = _avrundat_belopp(n)
        text = _exakt_belopp(visat)
        if n > visat:
            return f"drygt {text}"
        if n < visat:
            return f"knappt {text}"
        return text
    return _exakt_belopp(n)


def miljoner(belopp: int) -> str:
    """An amount as a number of millions of kronor, for a chart or a table column headed
    *miljoner kronor*: one decimal from one million (``25``, ``25,3``), two below (``0,45``,
    ``0,04``), digits grouped with U+00A0 (``1 250``). Halves round up.

    The figure is rounded, so it belongs where the heading or legend says so; running text
    uses :func:`kronor`.
    """
    n = _hela_kronor(belopp)
    steg = MILJON // 10 if n >= MILJON else MILJON // 100
    avrundat = (n + steg // 2) // steg * steg
    return _siffror(Decimal(avrundat) / MILJON)
