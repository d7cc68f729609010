"""Which rounds to build, in what order, compared with whose totals: pure decisions, no work.

A round reads nothing of the other rounds but the previous year's totals (``derive.YearTotals``:
a local release compares a county with the year before). So:

* a round the memo can reuse is not built at all;
* the others are built oldest first, in contiguous runs (one run per worker task), so a round
  usually finds the previous year's totals in the same run: a job names the round to take
  them from (:class:`From`), or carries them (from a reused round), or has none;
* the year of a round that is built is only a hint (:func:`year_hint`, read from its
  round.yaml without loading it) until it is loaded; afterwards :func:`wrong_comparisons`
  finds every round that compared with other figures than the real previous year's, and those
  are built again. The output is therefore always that of building everything in order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .content import read_content
from .pool import MIN_ITEMS_PER_WORKER
from .sources import MAX_BYTES


@dataclass(frozen=True)
class From:
    """The previous year's totals are those of round ``name`` (built in the same run, or derived)."""

    name: str


@dataclass(frozen=True)
class RoundJob:
    """One round to build and what it compares with: totals, a round to take them from, or None."""

    name: str
    previous: object = None  # derive.YearTotals | From | None


_YEAR = re.compile(r"^år:[ \t]*[\"']?(\d{1,6})[\"']?[ \t]*(?:#.*)?$", re.M)


def year_hint(content: Path, name: str) -> int | None:
    """The year a round's ``round.yaml`` states, read without loading it (only to order the work)."""
    # The loader's own reader: no link out of content/ is followed and a huge file is not read
    # (the loader reports both; here the hint is just missing).
    data, _ = read_content(Path(content) / "rounds" / name / "round.yaml", MAX_BYTES, "", root=Path(content))
    try:
        m = _YEAR.search(data.decode("utf-8")) if data is not None else None
    except UnicodeDecodeError:
        return None
    return int(m.group(1)) if m else None


def previous_round(year: int | None, years: dict[str, int | None]) -> str | None:
    """The round that stands for the year before ``year``: the first of that year by folder name."""
    if year is None:
        return None
    return min((n for n, y in years.items() if y == year - 1), default=None)


def jobs(names: list[str], years: dict[str, int | None], reused: dict) -> list[RoundJob]:
    """The rounds not in ``reused``, oldest first (by ``years``, hints for these), each with what
    it compares with: a reused round's totals, or the round to take them from."""
    todo = sorted((n for n in names if n not in reused), key=lambda n: (years[n] is None, years[n] or 0, n))
    out = []
    for name in todo:
        p = previous_round(years[name], years)
        out.append(RoundJob(name, None if p is None else reused[p].totals if p in reused else From(p)))
    return out


def wrong_comparisons(names: list[str], results: dict) -> list[RoundJob]:
    """The rounds whose result compared with other totals than the real previous year's (the real
    years are known once every round is loaded), each with the totals it should have used."""
    years = {n: results[n].year for n in names}
    again = []
    for name in names:
        p = previous_round(years[name], years)
        expected = results[p].totals if p is not None else None
        if results[name].previous != expected:
            again.append(RoundJob(name, expected))
    return again


def runs(todo: list[RoundJob], processes: int) -> list[list[RoundJob]]:
    """Runs of consecutive jobs, a few per worker so that a slow run does not hold up the end."""
    if processes < 2:
        return [todo] if todo else []
    size = max(MIN_ITEMS_PER_WORKER, -(-len(todo) // (processes * 4)))
    return [todo[i:i + size] for i in range(0, len(todo), size)]
