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


@pytest.mark.parametrize("count, national, both, several, part", [
    (2, 2, True, True, False),     # "båda", and both are here
    (3, None, False, True, False),  # no national count: no "tre av …"
    (1, 4, False, False, True),    # "en av de fyra"
    (4, 4, False, True, False),    # all of them here: not a part
    (1, 0, False, False, False),   # a national count of none says nothing
])
def test_multi_year_words_arrive_as_flags(count, national, both, several, part):
    m = MultiYear(IDEELLA, count, national)
    assert (m.both, m.several, m.part_of_national) == (both, several, part)


@pytest.mark.parametrize("multi_year, expected", [
    ((), None),
    ((MultiYear(IDEELLA, 1, 2),), MultiYear(IDEELLA, 1, 2)),
    ((MultiYear(IDEELLA, 1, 2), MultiYear(IDEELLA, 1, None)), None),  # two types: one sentence lists them
])
def test_multi_year_of_one_type(multi_year, expected):
    facts = CountyFacts(SKANE, (), 5, None, False, (), (), multi_year, (), {}, None)
    assert facts.multi_year_one_type == expected


@pytest.mark.parametrize("counts, expected", [("ansökningar", True), ("mottagare", False), ("åtgärder", False)])
def test_counts_applications(counts, expected):
    from pressrum.grant_words import Words
    from pressrum.site_models import Noun

    noun = Noun.model_validate({"singular": "aktör", "plural": "aktörer", "genus": "en"})
    words = Words("bidrag", "x", "x", "x", noun, None, noun, "Bidrag", "Fakta", "det avsatts", counts=counts)
    assert words.counts_applications is expected


@pytest.mark.parametrize("topups, expected", [(0, False), (1, False), (2, True)])
def test_several_topups(topups, expected):
    from datetime import datetime

    from pressrum.facts import AnnouncementFacts

    assert AnnouncementFacts("b", "tillagg", datetime(2021, 5, 17), (), {}, None, (), topups=topups).several_topups is expected
