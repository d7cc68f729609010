"""Dates and clock times, always in Swedish time (Europe/Stockholm).

*17 maj 2021*, *måndag 17 maj 2021*, *kl. 9.30*: month and weekday names in lower case,
clock times with a period and no leading zero.
"""
# Bad input of any type raises ValueError with a Swedish message (the package's contract, see
# __init__.py): field_readers.py catches ValueError, as pydantic validators must raise it.
# ruff: noqa: TRY004

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from .messages import (
    FEL_INTE_DATUM,
    FEL_INTE_DATUMTID,
    FEL_INTE_KLOCKSLAG,
    FEL_KLOCKSLAG_MED_TIDSZON,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _i_stockholm(dt: datetime) -> datetime:
    """An aware datetime is converted; a naive one is taken as Stockholm wall time."""
    if dt.tzinfo is None:
        return dt.replace(tzinfo=STOCKHOLM)
    return dt.astimezone(STOCKHOLM)


# Babel's sv names (CLDR) in the house style's fixed patterns: "d MMMM y", "EEEE d MMMM y" and
# "'kl.' H.mm" (a period and no leading zero, not Babel's sv default HH:mm). Written out here so
# that a CLDR update cannot change the house style, and so that a build need not load Babel's
# locale data; tests/unit/test_sv.py compares every pattern with Babel's.
MANADER = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december")
VECKODAGAR = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def datum(d: date | datetime, veckodag: bool = False) -> str:
    """A date for running text: ``17 maj 2021``; with ``veckodag=True``
    ``måndag 17 maj 2021``.

    Month and weekday names are lower case. A datetime is first converted to
    Stockholm time (a naive one is taken as Stockholm time already), so an event
    at 23.30 UTC lands on the right Swedish day.
    """
    if isinstance(d, datetime):
        d = _i_stockholm(d).date()
    elif not isinstance(d, date):
        raise ValueError(FEL_INTE_DATUM.format(varde=d))
    text = f"{d.day} {MANADER[d.month - 1]} {d.year}"
    return f"{VECKODAGAR[d.weekday()]} {text}" if veckodag else text


def klockslag(t: time | datetime) -> str:
    """A clock time: ``kl. 9.30``, ``kl. 10.00`` (period, no leading zero).

    A datetime is converted to Stockholm time (naive = already Stockholm time).
    A bare time is taken as Swedish wall-clock time; a time carrying a time zone
    is refused, because without a date the offset (CET or CEST) is unknown.
    """
    if isinstance(t, datetime):
        t = _i_stockholm(t)
    elif not isinstance(t, time):
        raise ValueError(FEL_INTE_KLOCKSLAG.format(varde=t))
    elif t.tzinfo is not None:
        raise ValueError(FEL_KLOCKSLAG_MED_TIDSZON.format(varde=t))
    return f"kl. {t.hour}.{t.minute:02d}"


def datumtid(dt: datetime) -> str:
    """Date and clock time in Stockholm: ``17 maj 2021 kl. 10.00``.

    An aware datetime is converted (08.00 UTC in May is kl. 10.00, in January
    kl. 9.00); a naive one is taken as Stockholm time.
    """
    if not isinstance(dt, datetime):
        raise ValueError(FEL_INTE_DATUMTID.format(varde=dt))
    return _datumtid(dt)


@lru_cache(maxsize=4096)  # pure; each publication time is printed on many pages
def _datumtid(dt: datetime) -> str:
    return f"{datum(dt)} {klockslag(dt)}"


def den(dt: date | datetime, ar: bool = True, tid: bool = False) -> str:
    """A date after a preposition in running text: ``den 3 april 2025``; ``ar=False`` leaves
    out the year (``senast den 30 april``), ``tid=True`` adds the clock time of a datetime
    (``den 3 april 2025 kl. 12.00``). Swedish time, as :func:`datum`."""
    if tid and not isinstance(dt, datetime):
        raise ValueError(FEL_INTE_DATUMTID.format(varde=dt))
    text = datum(dt)
    if not ar:
        text = text.rsplit(" ", 1)[0]
    return f"den {text} {klockslag(dt)}" if tid else f"den {text}"


def period(fran: date | datetime, till: datetime) -> str:
    """An open period, as a call for applications states it: ``från den 2 mars till den
    3 april 2025 kl. 12.00`` – the closing time always, the opening date without its clock time,
    and its year only when it is not the closing year (``från den 16 december 2024 till den
    31 januari 2025 kl. 12.00``). Swedish time, as :func:`datum`."""
    if not isinstance(till, datetime):
        raise ValueError(FEL_INTE_DATUMTID.format(varde=till))
    same_year = _dag(fran).year == _dag(till).year
    return f"från {den(fran, ar=not same_year)} till {den(till, tid=True)}"


def _dag(d):
    """The Swedish day of a datetime (a date as it is; anything else is :func:`datum`'s error)."""
    return _i_stockholm(d).date() if isinstance(d, datetime) else d
