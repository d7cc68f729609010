"""schedule.py: which rounds to build, in what order, compared with whose totals (pure decisions)."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from pressrum import schedule
from pressrum.derive import YearTotals
from pressrum.schedule import From, RoundJob


@dataclass(frozen=True)
class Result:  # the fields of rounds.RoundResult that scheduling reads
    year: int | None
    totals: YearTotals | None
    previous: YearTotals | None = None


def totals(key: str, total: int) -> YearTotals:
    return YearTotals(key, total, ())


@pytest.mark.parametrize("year, years, expected", [
    (2021, {"2020": 2020, "2021": 2021}, "2020"),
    (2021, {"2020b": 2020, "2020a": 2020, "2021": 2021}, "2020a"),  # the first of that year by name
    (2021, {"2019": 2019, "2021": 2021}, None),  # no round the year before
    (None, {"2020": 2020}, None),
    (2021, {"2020": None, "2021": 2021}, None),  # a year not known
])
def test_previous_round(year, years, expected):
    assert schedule.previous_round(year, years) == expected
    first = schedule.first_of_each_year(years)
    assert (None if year is None else first.get(year - 1)) == expected


@pytest.mark.parametrize("seed", range(40))
def test_the_first_of_each_year_is_previous_round_for_every_round(seed):
    # The fast path jobs() and wrong_comparisons() use, against the plain reference.
    import random

    rng = random.Random(seed)
    years = {f"{rng.randrange(1990, 2000)}-{rng.choice('abc')}{i}": rng.choice([None, *range(1988, 2001)])
             for i in range(rng.randrange(0, 60))}
    first = schedule.first_of_each_year(years)
    for year in {*years.values(), 1987, 2001}:
        assert (None if year is None else first.get(year - 1)) == schedule.previous_round(year, years)


def test_jobs_are_oldest_first_and_compare_with_reused_totals_or_a_round_of_the_run():
    reused = {"2020": Result(2020, totals("2020", 7))}
    years = {"2022": 2022, "2020": 2020, "2021": 2021, "odd": None}
    assert schedule.jobs(["2020", "2021", "2022", "odd"], years, reused) == [
        RoundJob("2021", totals("2020", 7)),  # from the reused round
        RoundJob("2022", From("2021")),  # from the round before it in the same run
        RoundJob("odd", None),  # no year: last, compared with nothing
    ]


def test_nothing_to_build_when_everything_is_reused():
    reused = {"2020": Result(2020, totals("2020", 1))}
    assert schedule.jobs(["2020"], {"2020": 2020}, reused) == []


@pytest.mark.parametrize("results, expected", [
    # Every round compared with the real previous year: nothing again.
    ({"2020": Result(2020, totals("2020", 5)), "2021": Result(2021, totals("2021", 6), totals("2020", 5))}, []),
    # 2021 compared with nothing (a wrong year hint), but 2020 is the year before.
    ({"2020": Result(2020, totals("2020", 5)), "2021": Result(2021, totals("2021", 6), None)},
     [RoundJob("2021", totals("2020", 5))]),
    # A round that compared with figures that have changed since (the previous year was edited).
    ({"2020": Result(2020, totals("2020", 9)), "2021": Result(2021, totals("2021", 6), totals("2020", 5))},
     [RoundJob("2021", totals("2020", 9))]),
    # A round that compared with a year that is not the one before it.
    ({"2019": Result(2019, totals("2019", 5)), "2021": Result(2021, totals("2021", 6), totals("2019", 5))},
     [RoundJob("2021", None)]),
])
def test_wrong_comparisons(results, expected):
    assert schedule.wrong_comparisons(sorted(results), results) == expected


@pytest.mark.parametrize("count, processes, sizes", [
    (0, 1, []),
    (5, 1, [5]),
    (9, 2, [4, 4, 1]),  # never fewer than four rounds to a run
    (100, 2, [13] * 7 + [9]),  # about four runs per worker
])
def test_runs(count, processes, sizes):
    todo = [RoundJob(str(i)) for i in range(count)]
    runs = schedule.runs(todo, processes)
    assert [len(r) for r in runs] == sizes and [j for r in runs for j in r] == todo


@pytest.mark.parametrize("text, year", [
    ("år: 2021\n", 2021),
    ("namn: x\når: '2021'  # kommentar\n", 2021),
    ('år: "1999"\n', 1999),
    ("år: tjugo\n", None),
    ("  år: 2021\n", None),  # indented: not the round's year
])
def test_year_hint(tmp_path, text, year):
    folder = tmp_path / "rounds" / "r"
    folder.mkdir(parents=True)
    (folder / "round.yaml").write_text(text, encoding="utf-8")
    assert schedule.year_hint(tmp_path, "r") == year
    assert schedule.year_hint(tmp_path, "missing") is None
