"""A round's result survives the build cache's plain-data form unchanged (every field of every
embedded value: a field added to Entry or RoundLink and forgotten would be lost on reuse)."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from conftest import CONTENT, FIXTURES, MULTI, TEMPLATES
from pressrum import memo, pipeline
from pressrum.output import Looking
from pressrum.rounds import RoundResult

NOW = datetime(2026, 11, 28, 12, tzinfo=ZoneInfo("Europe/Stockholm"))


class Recording(memo.NoMemo):
    def __init__(self):
        self.results = []

    def remember_round(self, result, now):
        self.results.append(result)


@pytest.mark.parametrize("content", [CONTENT, MULTI, FIXTURES / "vocabulary" / "content", FIXTURES / "kinds" / "content"],
                         ids=["bundled", "multi", "vocabulary", "kinds"])
def test_plain_data_round_trip(content, tmp_path):
    recorded = Recording()
    pipeline.build(pipeline.Options(content, TEMPLATES, tmp_path / "out", NOW), recorded, None, Looking())
    assert recorded.results and any(r.entries for r in recorded.results)
    for result in recorded.results:
        again = RoundResult.from_data(result.to_data())
        assert again == result.without_texts(reused=True)
        assert [e.published.utcoffset() for e in again.entries] == [e.published.utcoffset() for e in result.entries]


def test_data_of_another_shape_is_refused():
    with pytest.raises(Exception):
        RoundResult.from_data({"name": "2021", "page": ["2021"], "entries": [], "year": 1, "totals": None,
                               "previous": None, "files": {}, "times": []})


def test_typed_values_equal_the_constructors():
    """The record reader fills in a plain frozen dataclass without its __init__ (a fast path):
    the value equals, hashes and reads as the constructor's; a class with a __post_init__ is
    still made by its constructor."""
    from dataclasses import dataclass

    from pressrum import sv
    from pressrum.feeds import Entry
    from pressrum.rounds import _plain, _typed
    from pressrum.site import RoundLink

    made = Entry("2021/beslut/skane", "https://x/2021/beslut/skane/", "Rubrik", "Ingress", NOW, NOW, False,
                 sv.lan("12"), "2021", "Statsbidrag 2021", b"t" * 16, b"l" * 16, "https://x/a.png", "image/png", 9,
                 None, "<p>x</p>")
    again = _typed(Entry, _plain(made))
    assert again == made and hash(again) == hash(made) and repr(again) == repr(made)
    assert again.published.tzinfo is not None and again.lan is made.lan
    link = RoundLink("2021", 2021, "Statsbidrag", "2021")
    assert _typed(RoundLink, _plain(link)) == link

    @dataclass(frozen=True)
    class Checked:
        when: datetime
        seen: list = None

        def __post_init__(self):
            object.__setattr__(self, "seen", ["post_init"])

    assert _typed(Checked, [NOW.isoformat(), None]).seen == ["post_init"]


def _entry(county, updated=None):
    from pressrum.feeds import Entry

    return Entry("2021/beslut/x", "https://x/2021/beslut/x/", "Rubrik", "Ingress", NOW, updated or NOW, False,
                 county, "2021", "Statsbidrag 2021", b"t" * 16, b"l" * 16, None, None, None, None, "<p>x</p>")


def _all_counties():
    from pressrum import sv

    return list(sv.alla_lan())


@pytest.mark.parametrize("county", [None, *_all_counties()], ids=lambda c: c.kod if c is not None else "national")
def test_typed_entries_of_every_county_equal_the_constructors(county):
    """The record reader's fast path (by position, counties from a cache by code) against the
    constructor, for each county, for none and for two different times."""
    from pressrum.feeds import Entry
    from pressrum.rounds import _plain, _typed

    summer = datetime(2030, 6, 1, 8, tzinfo=ZoneInfo("Europe/Stockholm"))  # content times are Stockholm's
    for made in (_entry(county), _entry(county, summer)):
        again = _typed(Entry, _plain(made))
        assert again == made and hash(again) == hash(made) and repr(again) == repr(made)
        assert again.lan is made.lan and again.updated == made.updated
        assert again.updated.utcoffset() == made.updated.utcoffset()
