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

Where every round's result meets (built or reused alike), :func:`duplicates` finds a round that
repeats another – the same year and label, or a release of the same kind at the same moment:
a copied round folder that kept last year's ``år`` and times – and :func:`clash_problems`
names both places.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import sv
from .content import ROUND_FILE, ROUNDS_DIR, read_content
from .errors import Problem
from .pool import MIN_ITEMS_PER_WORKER
from .sources import MAX_BYTES, load_yaml


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


def first_of_each_year(years: dict[str, int | None]) -> dict[int, str]:
    """The first round of each year by folder name: ``previous_round`` for every round at once
    (``previous_round`` itself looks through every round: 909 rounds asked it 826 000 times)."""
    first: dict[int, str] = {}
    for name, year in years.items():
        if year is not None and (year not in first or name < first[year]):
            first[year] = name
    return first


def jobs(names: list[str], years: dict[str, int | None], reused: dict) -> list[RoundJob]:
    """The rounds not in ``reused``, oldest first (by ``years``, hints for these), each with what
    it compares with: a reused round's totals, or the round to take them from."""
    todo = sorted((n for n in names if n not in reused), key=lambda n: (years[n] is None, years[n] or 0, n))
    first = first_of_each_year(years)
    out = []
    for name in todo:
        p = None if years[name] is None else first.get(years[name] - 1)
        out.append(RoundJob(name, None if p is None else reused[p].totals if p in reused else From(p)))
    return out


def wrong_comparisons(names: list[str], results: dict) -> list[RoundJob]:
    """The rounds whose result compared with other totals than the real previous year's (the real
    years are known once every round is loaded), each with the totals it should have used."""
    years = {n: results[n].year for n in names}
    first = first_of_each_year(years)
    again = []
    for name in names:
        p = None if years[name] is None else first.get(years[name] - 1)
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


@dataclass(frozen=True)
class Clash:
    """Round ``name`` repeats the earlier round (by folder name) ``first``: its year and label
    when ``occasion`` is None, else its release occasion ``occasion`` is of the same kind and
    published at the same moment as ``first``'s ``first_occasion``."""

    name: str
    first: str
    occasion: str | None = None
    first_occasion: str | None = None


def duplicates(names: list[str], results: dict) -> list[Clash]:
    """Every round that repeats an earlier one (``names`` in folder order; rounds with problems
    left out: their own problems come first). Two rounds of one year are allowed only with
    different labels (``etikett``), so that readers can tell them apart."""
    years: dict = {}  # (year, label) -> first round
    moments: dict = {}  # (kind, publication time) -> (first round, its occasion)
    clashes = []
    for name in names:
        r = results[name]
        if r.problems or r.year is None:
            continue
        first = years.setdefault((r.year, r.label), name)
        if first != name:
            clashes.append(Clash(name, first))
        for key, kind, when in r.occasions:
            first_round, first_key = moments.setdefault((kind, when), (name, key))
            if first_round != name:
                clashes.append(Clash(name, first_round, key, first_key))
    return clashes


def clash_problems(content: Path, clashes: list[Clash], results: dict) -> list[Problem]:
    """A located problem for each clash, at the repeating round's ``år`` or ``publiceras`` and
    naming the first round's line (both round.yaml files are read again: only on this path)."""
    sources: dict = {}

    def source(name: str):
        if name not in sources:
            sources[name] = load_yaml(Path(content) / ROUNDS_DIR / name / ROUND_FILE)[0]
        return sources[name]

    def line(name: str, key: tuple) -> str:
        src = source(name)
        return f"{src.shown}:{src.place(key).line}" if src is not None else f"{ROUNDS_DIR}/{name}/{ROUND_FILE}"

    problems = []
    for c in clashes:
        src = source(c.name)
        if src is None:  # changed since it was built: the next build reports it
            continue
        r = results[c.name]
        if c.occasion is None:
            what = f"året {r.year}" + (f" med etiketten '{r.label}'" if r.label != str(r.year) else "")
            problems.append(Problem(src.place(("år",)), f"{what} finns redan i omgången {c.first} ({line(c.first, ('år',))})",
                                    "en kopierad omgång? Skriv omgångens eget år på raden 'år:', eller ge omgångarna "
                                    "var sin etikett om året har två omgångar"))
        else:
            kind, when = next((k, t) for key, k, t in r.occasions if key == c.occasion)
            where = ("tillfällen", c.first_occasion, "publiceras")
            problems.append(Problem(src.place(("tillfällen", c.occasion, "publiceras")),
                                    f"tillfället {c.occasion}{'' if kind == c.occasion else f' (typ {kind})'} publiceras {sv.datumtid(when)}, samma typ och tid som "
                                    f"{c.first_occasion} i omgången {c.first} ({line(c.first, where)}): samma "
                                    "pressmeddelande skulle gå ut två gånger",
                                    "skriv tillfällets egen tid på raden 'publiceras:'"))
    return problems
