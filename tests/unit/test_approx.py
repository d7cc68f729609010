"""Approximate figures (pressrum/approx.py): which real figures a rounding word allows."""
from __future__ import annotations

import re

import pytest

from pressrum import approx
from pressrum.approx import PART_PATTERN, ROUNDING_PATTERN


def test_the_rules_know_every_word_content_may_write():
    assert approx.WORDS == set(re.findall(r"\w+", ROUNDING_PATTERN))


@pytest.mark.parametrize(("real", "figure", "word", "expected"), [
    (400, 400, None, True),  # exact: equal only
    (401, 400, None, False),
    (399, 400, None, False),
    (412, 400, "över", True),  # the parts add up to more: "över 400" agrees
    (400, 400, "drygt", True),
    (398, 400, "över", False),  # fewer than "över 400" says
    (398, 400, "drygt", False),
    (396, 400, "knappt", True),
    (400, 400, "nästan", True),
    (412, 400, "knappt", False),  # more than "knappt 400" allows
    (412, 400, "nästan", False),
    (360, 400, "cirka", True),  # near, either side: no parts-≠-total error
    (440, 400, "cirka", True),
    (412, 400, "omkring", True),
])
def test_parts_against_an_approximate_total(real, figure, word, expected):
    assert approx.agrees(real, figure, word) is expected


@pytest.mark.parametrize(("part", "figure", "word", "expected"), [
    (90, 80, None, True),  # 90 granted of exactly 80 applications
    (80, 80, None, False),
    (90, 80, "knappt", True),  # knappt 80: at most 80
    (90, 80, "nästan", True),
    (90, 80, "över", False),  # över 80 may be 90 or more
    (90, 80, "drygt", False),
    (90, 80, "cirka", False),  # cirka 80 may be 90
    (70, 80, "knappt", False),
])
def test_a_part_above_an_approximate_figure(part, figure, word, expected):
    assert approx.exceeds(part, figure, word) is expected


@pytest.mark.parametrize(("figure", "word", "expected"), [
    ("400", None, "400"),
    ("400", "över", "över 400"),
    ("1\xa0200", "cirka", "cirka 1\xa0200"),
])
def test_a_figure_in_a_message_as_content_states_it(figure, word, expected):
    assert approx.shown(figure, word) == expected


@pytest.mark.parametrize(("a", "a_word", "b", "b_word", "expected"), [
    (30, None, 25, None, True),  # exact against exact
    (25, None, 25, None, False),
    (30, "drygt", 25, None, True),  # more than 30 is more than 25
    (30, "över", 25, "knappt", True),
    (30, "knappt", 25, None, False),  # knappt 30 says how near 30, not how far: it may be 25
    (30, "cirka", 25, None, False),  # cirka 30 may be 25
    (30, None, 25, "cirka", False),  # cirka 25 may be 30
    (30, None, 25, "drygt", False),  # drygt 25 may be 30
    (30, None, 25, "nästan", True),
])
def test_one_figure_certainly_above_another(a, a_word, b, b_word, expected):
    assert approx.above(a, a_word, b, b_word) is expected


@pytest.mark.parametrize(("words", "expected"), [
    ((None, None), None),
    ((None, "drygt"), "drygt"),
    (("över", "drygt"), "drygt"),
    ((None, "knappt"), "cirka"),
    (("cirka",), "cirka"),
])
def test_the_word_of_a_sum(words, expected):
    assert approx.sum_word(words) == expected


@pytest.mark.parametrize(("a", "a_word", "b", "b_word", "expected"), [
    (210, None, 210, None, False),  # exact and equal
    (210, None, 200, None, True),  # exact and unequal: either way
    (200, None, 210, None, True),
    (210, None, 200, "över", False),  # 210 agrees with "över 200"
    (210, None, 200, "knappt", True),  # 210 is more than "knappt 200" allows
    (190, None, 200, "drygt", True),  # 190 is less than "drygt 200" allows
    (210, "drygt", 200, "cirka", False),  # near: never certain
    (210, "cirka", 250, None, False),
    (170, "hälften", 200, None, False),  # a share is near, like cirka
])
def test_two_figures_certainly_differ(a, a_word, b, b_word, expected):
    assert approx.disagrees(a, a_word, b, b_word) is expected
    # exact against a word: the same rule as agrees (parts against a stated total)
    if a_word is None:
        assert approx.disagrees(a, None, b, b_word) is not approx.agrees(a, b, b_word)


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (105, 210, "hälften"),
    (130, 210, "två tredjedelar"),  # 0.62: nearer 2/3 than 1/2
    (58, 290, "en femtedel"),
    (70, 210, "en tredjedel"),
    (160, 210, "tre fjärdedelar"),
    (50, 210, "en fjärdedel"),  # 0.24
    (76, 171, "hälften"),  # 0.44: nearer 1/2 than 1/3
])
def test_the_nearest_share(part, whole, expected):
    assert approx.nearest_fraction(part, whole) == expected


def test_shares_are_near_like_cirka_and_their_sum_is_near():
    for share in approx.FRACTIONS:
        assert approx.is_fraction(share) and not approx.at_least(share) and not approx.at_most(share)
        assert approx.sum_word([None, share]) == "cirka"
    assert not approx.is_fraction("cirka") and not approx.is_fraction(None)


def test_the_patterns_allow_exactly_the_known_words():
    assert set(PART_PATTERN.strip("^$()").split("|")) == approx.WORDS | set(approx.FRACTIONS)
    assert set(approx.IN_ORDER) == approx.WORDS
    assert approx.known() == "drygt, knappt, cirka, nästan, omkring eller över"


def test_a_share_in_a_message_follows_its_figure():
    assert approx.shown("130", "två tredjedelar") == "130 (två tredjedelar)"
