"""The local release's county facts (pressrum/local_story.py) and the formulation a template
writes, as the truth values templates test (they never compare)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from pressrum import headlines, local_story, sv
from pressrum.grants import Grant
from pressrum.local_story import Biggest, Rank, Share, Story, Variant, _rank

FLAGS = ("first", "second", "third", "short", "shortest", "fallback")


@pytest.mark.parametrize("number, true", [
    (0, {"first"}),
    (1, {"second"}),
    (2, {"third"}),
    (headlines.FALLBACKS[0], {"short", "fallback"}),
    (headlines.FALLBACKS[-1], {"shortest", "fallback"}),
])
def test_a_variant_is_one_truth_value(number, true):
    assert {flag for flag in FLAGS if getattr(Variant(number), flag)} == true


def story(kommuner, total) -> Story:
    return Story(None, None, None, kommuner, total, None)


@pytest.mark.parametrize("kommuner, total, tells, everyone", [
    (3, 8, True, False),      # "tre av länets åtta kommuner"
    (8, 8, True, True),       # "alla länets åtta kommuner"
    (None, 8, False, False),  # the county's list is incomplete: nothing to say
    (1, 1, False, True),      # Gotland: one kommun, so "alla länets en" is never said
])
def test_municipalities_sentence(kommuner, total, tells, everyone):
    s = story(kommuner, total)
    assert (s.tells_municipalities, s.all_municipalities) == (tells, everyone)


@pytest.mark.parametrize("name, municipality, who", [
    ("Fryshuset", "Malmö", "Fryshuset i Malmö"),
    ("Malmö stad", "Malmö", "Malmö stad"),
    ("Göteborgs Stad", "Göteborg", "Göteborgs Stad"),
    ("Uppsala kommun", "Uppsala", "Uppsala kommun"),
    ("IK Uppsala", "Sala", "IK Uppsala i Sala"),  # Sala inside Uppsala is not the name of the place
    ("Studieförbundet Vuxenskolan Sala", "Sala", "Studieförbundet Vuxenskolan Sala"),
    ("malmö ideella förening", "Malmö", "malmö ideella förening"),
])
def test_the_biggest_grant_names_its_place_once(name, municipality, who):
    assert Biggest(name, municipality, 100_000, None).who == who


@pytest.mark.parametrize("name, municipality, shown", [
    ("Malmö stad", "Malmö", None),  # W6: not "Malmö stad, Malmö"
    ("Helsingborgs stad", "Helsingborg", None),
    ("Halmstads kommun", "Halmstad", None),
    ("Hela ideella", "Landskrona", "Landskrona"),
    ("IK Uppsala", "Sala", "Sala"),  # Sala inside Uppsala is not the name of the place
    ("Falu kommun", "Falun", "Falun"),  # the name's own form of the place is not matched: said twice, never wrong
])
def test_a_list_item_names_the_municipality_only_when_the_name_does_not(name, municipality, shown):
    kommun = SimpleNamespace(namn=municipality)
    grant = Grant(name, "kommun", "kommuner", kommun, 100_000, 1, "beslut", None, False, None)
    assert grant.place_shown == shown


@pytest.mark.parametrize("count, total, in_percent, percent", [
    (1, 12, False, 8),    # one recipient: "en av landets tolv aktörer", never "8 procent"
    (1, 90, False, 1),    # one of many is still one actor
    (4, 12, False, 33),   # a small country total: "fyra av landets tolv"
    (2, 19, False, 11),
    (2, 20, True, 10),    # from two in the county and 20 in the country: "10 procent"
    (15, 90, True, 17),
    (2, 500, False, 0),   # "0 procent" says nothing: the count does
])
def test_a_share_is_in_per_cent_only_of_several_among_many(count, total, in_percent, percent):
    share = Share(count, total)
    assert (share.in_percent, share.percent) == (in_percent, percent)


@pytest.mark.parametrize("rank, flags", [
    (Rank(2), {"second", "names_others"}),                                     # "näst flest"
    (Rank(4), {"names_others"}),                                               # "fjärde flest"
    (Rank(4, ("Uppsala län",)), {"shared", "names_others"}),                   # "liksom Uppsala län"
    (Rank(3, ("Uppsala län", "Dalarna")), {"shared", "names_others"}),         # "liksom Uppsala län och Dalarna"
    (Rank(5, ("Uppsala län", "Dalarna", "Gävleborg")), {"shared"}),            # "med tre andra län"
])
def test_a_rank_is_a_place_and_who_shares_it(rank, flags):
    assert {f for f in ("second", "shared", "names_others") if getattr(rank, f)} == flags
    assert rank.others_count == len(rank.others)


def _county(code, total, rank):
    lan = next(lan for lan in sv.alla_lan() if lan.kod == code)
    return SimpleNamespace(lan=lan, total=total, rank=rank)


# Stockholm 6, Uppsala 3, Södermanland 3, Östergötland 2, Jönköping 1: ranks 1, 2, 2, 4, 5
COUNTIES = [_county("01", 6, 1), _county("03", 3, 2), _county("04", 3, 2), _county("05", 2, 4), _county("06", 1, 5)]


@pytest.mark.parametrize("code, complete, expected", [
    ("01", True, None),                          # first place is the angle's, not a sentence
    ("03", True, Rank(2, ("Södermanland",))),    # a shared second place, the other county named
    ("05", True, Rank(4)),                       # "fjärde flest": two share second, none third
    ("06", True, Rank(5)),
    ("05", False, None),                         # county files incomplete: no rank
])
def test_the_rank_comes_from_every_county_figure(code, complete, expected):
    county = next(c for c in COUNTIES if c.lan.kod == code)
    assert _rank(county, SimpleNamespace(counties=COUNTIES, counties_complete=complete)) == expected


def test_no_rank_below_the_twelfth_place():
    county = _county("05", 1, 13)
    assert _rank(county, SimpleNamespace(counties=[county], counties_complete=True)) is None


@pytest.mark.parametrize("lan", sv.alla_lan(), ids=lambda lan: lan.slug)
def test_municipality_count_equals_counting_every_municipality(lan):
    # The counts are tallied once (local_story._municipality_counts); the reference compares
    # the county with each of the 290 municipalities, as the count was made before.
    assert local_story._municipalities(lan) == sum(1 for k in sv.alla_kommuner() if k.lan == lan) > 0
