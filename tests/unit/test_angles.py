"""Each angle rule on its own, then the order in which local_angle tries them."""
from __future__ import annotations

import pytest

from pressrum import angles, sv
from pressrum.derive import CountyFacts

SKANE, STHLM = sv.lan("skane"), sv.lan("stockholm")


def county(total=5, top=False, shares=(), previous=None) -> CountyFacts:
    return CountyFacts(SKANE, (), total, 1 if top else None, top, shares, (), (), (), {}, None,
                       previous_total=previous)


@pytest.mark.parametrize("facts, expected", [
    (county(top=True), angles.TOP),
    (county(top=True, shares=(STHLM,)), angles.SHARED_TOP),
    (county(total=1), angles.SINGLE),
    (county(total=1, top=True), angles.TOP),  # first place is bigger news than a single recipient
    (county(total=15, previous=11), angles.GROWTH),  # a change large enough to be news
    (county(total=7, previous=11), angles.DECLINE),
    (county(total=6, previous=4), angles.STANDARD),  # two more: no news, the count leads
    (county(total=4, previous=4), angles.STANDARD),
    (county(total=1, previous=3), angles.SINGLE),  # singular wording wins over a comparison
    (county(total=5), angles.STANDARD),
])
def test_local_angle(facts, expected):
    assert angles.local_angle(facts) == expected


@pytest.mark.parametrize("rule, facts, expected", [
    (angles.is_top, county(top=True), True),
    (angles.is_top, county(top=True, shares=(STHLM,)), False),
    (angles.is_shared_top, county(top=True, shares=(STHLM,)), True),
    (angles.is_shared_top, county(), False),
    (angles.is_single, county(total=1), True),
    (angles.is_single, county(total=2), False),
    (angles.is_growth, county(total=15, previous=11), True),
    (angles.is_growth, county(total=2, previous=1), False),  # one more is no news
    (angles.is_growth, county(total=2), False),  # no previous round: no comparison
    (angles.is_decline, county(total=8, previous=11), True),
    (angles.is_decline, county(total=1, previous=2), False),
    (angles.is_decline, county(total=2, previous=2), False),
])
def test_each_rule(rule, facts, expected):
    assert rule(facts) is expected


ANGLE_FLAGS = ("belopp", "topp", "delad_topp", "en_mottagare", "fler_an_i_fjol", "farre_an_i_fjol", "mot_fjol",
               "standard")


@pytest.mark.parametrize("name, true", [
    (angles.MONEY, {"belopp"}),
    (angles.TOP, {"topp"}),
    (angles.SHARED_TOP, {"delad_topp"}),
    (angles.SINGLE, {"en_mottagare"}),
    (angles.GROWTH, {"fler_an_i_fjol", "mot_fjol"}),
    (angles.DECLINE, {"farre_an_i_fjol", "mot_fjol"}),
    (angles.STANDARD, {"standard"}),
    (None, set()),  # a national release that leads with the count
])
def test_a_template_reads_the_angle_as_truth_values(name, true):
    angle = angles.Angle(name)
    assert {flag for flag in ANGLE_FLAGS if getattr(angle, flag)} == true
