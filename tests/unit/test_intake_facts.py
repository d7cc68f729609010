"""The intake an applications release prints (pressrum/intake.py): early or final, and whether
the applicants' split by type accounts for every applicant."""
from __future__ import annotations

import pytest

from pressrum.facts import Tally, Term
from pressrum.intake import Figure, intake_facts
from pressrum.release_models import Announcement
from pressrum.round_models import RoundFile

KOMMUNER = Term("kommuner", "kommun", "kommuner", "kommuner", "en")
IDEELLA = Term("ideella", "ideell organisation", "ideella organisationer", "ideella organisationer", "en")


def _round(**fields) -> RoundFile:
    return RoundFile.model_validate({"år": 2024, "tillfällen": {"a": {"typ": "ansokningar", "publiceras": "2024-02-01 09:00"}},
                                     **fields})


def _announcement(**fields) -> Announcement:
    return Announcement.model_validate({"typ": "ansokningar", "publiceras": "2024-02-01 09:00", **fields})


SPLIT = (Tally(KOMMUNER, 95), Tally(IDEELLA, 76))


@pytest.mark.parametrize(("fields", "split", "complete"), [
    ({"sökande-aktörer": 171}, SPLIT, True),  # 95 + 76 = 171 exactly: "Av de sökande är …"
    ({"sökande-aktörer": 180}, SPLIT, False),  # a type left out: "Bland de sökande finns …"
    ({"sökande-aktörer": 171, "sökande-aktörer-ord": "cirka"}, SPLIT, False),  # "cirka 171" is not exactly the parts
    ({}, SPLIT, False),  # no total to account for
    ({"sökande-aktörer": 171}, (), False),  # no split at all
])
def test_the_split_is_complete_only_when_it_is_exactly_the_applicants(fields, split, complete):
    intake = intake_facts(_announcement(), _round(**fields), split)
    assert (intake.applicants_complete, intake.applicants_by_type) == (complete, split)


def test_the_final_counts_are_the_rounds_with_their_words():
    data = _round(**{"ansökningar": 210, "intresseanmälningar": 400, "intresseanmälningar-ord": "över",
                     "sökande-aktörer": 171})
    intake = intake_facts(_announcement(), data, SPLIT)
    assert (intake.registrations, intake.applications, intake.applicants, intake.early) == (
        Figure(400, "över"), Figure(210), Figure(171), False)


def test_an_early_count_is_its_own_and_has_no_split():
    data = _round(**{"ansökningar": 210, "sökande-aktörer": 171})
    early = _announcement(hittills={"ansökningar": 150, "ansökningar-ord": "över"})
    intake = intake_facts(early, data, SPLIT)
    assert (intake.applications, intake.applicants, intake.registrations, intake.applicants_by_type, intake.early) == (
        Figure(150, "över"), None, None, (), True)


@pytest.mark.parametrize("kind", ["beslut", "tillagg", "utlysning", "nyhet"])
def test_other_kinds_have_no_intake(kind):
    assert intake_facts(_announcement(typ=kind), _round(**{"ansökningar": 210}), SPLIT) is None
