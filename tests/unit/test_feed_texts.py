"""feed_texts.Candidates keeps every text a feed shows, and only a bounded number more (issue 20)."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest

from pressrum import sv
from pressrum.feed_texts import Candidates, Everything
from pressrum.feeds import MAX_ITEMS, by_county, newest_first

LANS = sv.alla_lan()


@dataclass(frozen=True)
class _Entry:  # what Candidates and the feeds' planning read of an entry
    key: str
    published: datetime
    lan: sv.Lan | None


def _shown(entries, limit: int = MAX_ITEMS) -> set[str]:
    """What feeds.plan_feeds shows: the newest of all, and of each county's list."""
    ordered = sorted(entries, key=newest_first)
    return {e.key for e in ordered[:limit]} | \
        {e.key for items in by_county(ordered).values() for e in items[:limit]}


def _rounds(seed: int, rounds: int, counties: int, shuffled: bool):
    rng = random.Random(seed)
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    out = []
    for n in range(rounds):
        when = start + timedelta(days=rng.randrange(0, 3000))
        lans = rng.sample(LANS, rng.randrange(0, counties + 1))
        entries = [_Entry(f"{n}/nationell", when, None)] if rng.random() < 0.8 else []
        entries += [_Entry(f"{n}/{lan.slug}", when + timedelta(minutes=rng.choice((0, 0, 5))), lan) for lan in lans]
        out.append((f"round-{n}", entries))
    if shuffled:  # rounds need not come newest last (workers finish in any order)
        rng.shuffle(out)
    return out


@pytest.mark.parametrize("seed, rounds, counties, shuffled, limit", [
    (1, 5, 3, False, MAX_ITEMS),      # fewer releases than a feed shows: everything kept
    (2, 200, 21, False, MAX_ITEMS),   # many rounds, every county
    (3, 200, 21, True, MAX_ITEMS),    # in any order
    (4, 400, 2, True, MAX_ITEMS),     # few counties: county lists long
    (5, 300, 21, True, MAX_ITEMS),
    (6, 120, 0, False, MAX_ITEMS),    # national releases only
    *((seed, 6, 4, True, 3) for seed in range(10, 40)),  # lists just over full, in any order
])
def test_every_text_a_feed_shows_is_kept(seed, rounds, counties, shuffled, limit):
    candidates = Candidates(limit)
    everything = []
    for name, entries in _rounds(seed, rounds, counties, shuffled):
        candidates.add(name, entries, [e.key.encode() for e in entries])
        everything += entries
    shown = _shown(everything, limit)
    assert all(candidates.get(k) == k.encode() for k in shown)
    # bounded: the national list and one per county
    assert len(candidates.texts) <= limit * (1 + len(LANS))
    if len(everything) > limit * (1 + len(LANS)):
        assert len(candidates.texts) < len(everything)


def test_a_round_added_again_takes_the_place_of_its_earlier_entries():
    candidates = Candidates(limit=2)
    when = datetime(2021, 1, 1, tzinfo=timezone.utc)
    old = [_Entry(f"a/{i}", when + timedelta(days=10 + i), None) for i in range(2)]
    candidates.add("a", old, [b"old"] * 2)
    candidates.add("b", [_Entry("b/0", when, None)], [b"b"])
    assert candidates.get("b/0") is None  # two newer national releases
    candidates.add("a", [], [])  # round a built again, now without releases
    candidates.add("c", [_Entry("c/0", when - timedelta(days=1), None)], [b"c"])
    assert candidates.get("a/0") is None and candidates.get("c/0") == b"c"


def test_everything_keeps_every_text():
    keep = Everything()
    entries = [e for _, es in _rounds(7, 100, 21, False) for e in es]
    keep.add("all", entries, [e.key.encode() for e in entries])
    assert all(keep.get(e.key) == e.key.encode() for e in entries)


@pytest.mark.parametrize("seed", range(20))
def test_sorted_newest_first_is_the_sort_by_newest_first(seed):
    # The fast path (each time object's timestamp once) against the reference key; times shared
    # between releases and equal times in other objects, in and out of summer time, both folds.
    import random
    from datetime import datetime, timedelta
    from types import SimpleNamespace

    from pressrum import feeds, sv

    rng = random.Random(seed)
    base = datetime(2024, 10, 27, 2, 30, tzinfo=sv.STOCKHOLM)  # the hour that comes twice
    shared = [base, base.replace(fold=1), datetime(2024, 3, 31, 3, 0, tzinfo=sv.STOCKHOLM),
              base + timedelta(hours=rng.randrange(-5, 5))]
    entries = []
    for i in range(rng.randrange(0, 80)):
        t = rng.choice(shared) if rng.random() < 0.7 else base.replace(minute=rng.randrange(60), fold=rng.randrange(2))
        entries.append(SimpleNamespace(published=t, key=f"{rng.randrange(5)}/{i % 7}"))
    # The very objects in the same order: equal keys at one moment (ties) keep the order given.
    assert [id(e) for e in feeds.sorted_newest_first(iter(entries))] == \
        [id(e) for e in sorted(entries, key=feeds.newest_first)]


def test_once_per_object_works_out_each_object_once():
    from pressrum.feeds import once_per_object

    calls = []
    a, b = [1], [1]  # equal, not the same object
    value = once_per_object(lambda x: calls.append(x) or len(calls))
    assert [value(a), value(b), value(a), value(b)] == [1, 2, 1, 2] and calls == [a, b]
