"""What derived facts hand templates ready-made, so no template compares figures."""
from __future__ import annotations

import pytest

from pressrum import sv
from pressrum.facts import FEWER, MORE, CountyFacts, MultiYear, Term, compared

STHLM, SKANE, GOTLAND = sv.lan("stockholm"), sv.lan("skane"), sv.lan("gotland")
IDEELLA = Term("ideella", "ideell organisation", "ideella organisationer", "ideella organisationer", "en")


def county(lan=SKANE, total=5, top=False, shares=(), previous=None) -> CountyFacts:
    return CountyFacts(lan, (), total, 1 if top else None, top, shares, (), (), (), {}, None, previous_total=previous)


@pytest.mark.parametrize("total, previous, expected", [
    (5, None, None),  # no previous round: nothing to compare
    (5, 5, None),
    (6, 5, MORE),
    (4, 5, FEWER),
    (0, 1, FEWER),
])
def test_compared_with_last_year(total, previous, expected):
    assert compared(total, previous) == expected
    assert county(total=total, previous=previous).change == expected


@pytest.mark.parametrize("facts, names", [
    (county(top=True), ("Skåne",)),
    (county(top=True, shares=(STHLM, GOTLAND)), ("Skåne", "Stockholms län", "Gotland")),  # this county first
    (county(), ()),
])
def test_top_names(facts, names):
    assert facts.top_names == names


@pytest.mark.parametrize("count, national, expected", [(2, 2, True), (1, 2, False), (1, None, False)])
def test_all_in_county(count, national, expected):
    assert MultiYear(IDEELLA, count, national).all_in_county is expected
