"""Issue 15's done-when bars on a small generated newsroom (bench/texts.py), and the rules
behind them: headline choice, the news threshold for a change, rankings, rounding."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pressrum import angles, headlines, phrases, sv
from pressrum.facts import CountyCount

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import texts  # noqa: E402


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    folder = tmp_path_factory.mktemp("texts")
    built, content = texts.build(44, folder)  # two rounds: 2 national and 42 local releases
    return texts.measure(built, content)


def test_every_headline_fits_and_carries_a_figure(measured):
    assert measured["releases"] == 44
    assert measured["headlines > 70"] == 0
    assert measured["headlines without figure"] == 0


def test_no_template_sentence_is_in_more_than_half_of_one_decisions_local_releases(measured):
    assert measured["shared sentences > half"] == 0


def test_every_local_release_with_recipients_has_two_county_facts(measured):
    assert measured["county facts min"] >= 2


@pytest.mark.parametrize("candidates, expected", [
    (["kort", "kortare"], "kort"),                       # the release's own variant when it fits
    (["x" * 71, "y" * 70], "y" * 70),                    # 70 characters fit, 71 do not
    (["x" * 80, "y" * 75, "z" * 72], "z" * 72),          # none fits: the shortest, never cut
])
def test_pick_takes_the_first_that_fits_else_the_shortest(candidates, expected):
    assert headlines.pick(candidates) == expected


@pytest.mark.parametrize("own, expected", [(0, (0, 1, 2, 3, 4)), (2, (2, 0, 1, 3, 4))])
def test_order_starts_with_the_releases_own_variant_then_the_fallbacks(own, expected):
    assert headlines.order(own) == expected


@pytest.mark.parametrize("now, before, news", [
    (15, 11, True),    # four more, over a quarter: news
    (12, 11, False),   # one more: no news
    (53, 50, False),   # three more, but six per cent
    (3, 0, False),     # nothing to compare with
    (7, 11, True),     # four fewer
    (8, 11, False),    # three fewer, 27 per cent: news by share, yes by count -> True? see below
])
def test_a_change_is_news_only_when_large(now, before, news):
    if (now, before) == (8, 11):
        news = True  # three fewer is >= 3 actors and 27 % >= 25 %: both thresholds met
    assert angles.is_news_change(now, before) is news


def test_ranking_says_first_then_second_and_third_with_figures():
    lead = [CountyCount(sv.lan("stockholm"), 60), CountyCount(sv.lan("skane"), 55), CountyCount(sv.lan("vastra-gotaland"), 40)]
    assert phrases.rangordning(lead) == ("Flest ansökningar, 60, kommer från Stockholms län. "
                                         "Därefter följer Skåne med 55 och Västra Götaland med 40.")


def test_ranking_names_a_tie_as_a_tie():
    lead = [CountyCount(sv.lan("stockholm"), 45), CountyCount(sv.lan("skane"), 45), CountyCount(sv.lan("uppsala"), 12),
            CountyCount(sv.lan("halland"), 12), CountyCount(sv.lan("kalmar"), 12)]
    assert phrases.rangordning(lead) == ("Flest ansökningar kommer från Stockholms län och Skåne, 45 vardera. "
                                         "Därefter följer Uppsala län, Halland och Kalmar län med tolv var.")


@pytest.mark.parametrize("amount, text", [
    (612_345_678, "drygt 610 miljoner kronor"),
    (25_800_000, "knappt 26 miljoner kronor"),
    (250_000_000, "250 miljoner kronor"),
])
def test_approximate_amounts_have_two_significant_digits(amount, text):
    assert phrases.ungefar(amount) == text


@pytest.mark.parametrize("content", ["content", "examples/kulturradet/content", "tests/fixtures/kinds/content",
                                     "tests/fixtures/multi/content", "tests/fixtures/vocabulary/content"])
def test_every_headline_of_every_kind_fits_in_the_bundled_and_fixture_newsrooms(tmp_path, content):
    """Supplements, applications and hand-written news too, not only decisions."""
    import subprocess

    out = tmp_path / "ut"
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content",
                           str(ROOT / content), "--out", str(out),
                           "--now", "2100-01-01T00:00"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    titles = {p.relative_to(out).parent.as_posix(): p.read_text(encoding="utf-8").splitlines()[0]
              for p in out.rglob("index.txt")}
    assert len(titles) >= 2
    assert {k: t for k, t in titles.items() if len(t) > headlines.MAX_LENGTH} == {}
