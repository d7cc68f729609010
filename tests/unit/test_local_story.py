"""The local release's county facts (pressrum/local_story.py) and the formulation a template
writes, as the truth values templates test (they never compare)."""
from __future__ import annotations

import pytest

from pressrum import headlines
from pressrum.local_story import Story, Variant

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
