"""One round's build: load → validate → derive → plan → render → pages, on its own.

A round reads its own folder (``content.round_inputs``), site.yaml and the previous year's
totals, and nothing else; the newsroom-wide pages and feeds are made afterwards from the
rounds' entries (``pipeline.build``). :func:`build_round` returns a :class:`RoundResult` that
either has the round's entries and files or every problem the round has, cross-checks of the
parts that did validate included, so one build reports every problem in the content.

What a round publishes depends on ``--now``, so a release under embargo (or a correction timed
later) is not rendered by the build that publishes the round today. :func:`rehearse` renders
the round once more as of each of its later times, as the build at that moment will, and keeps
only the problems: a release that would fail at its time fails the build now, while nothing of
it reaches the output before its time.
"""
from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import jinja2

from .earlier import NO_ARCHIVE, Archive
from . import sv
from .derive import YearTotals, derive_round, year_totals
from .errors import BuildFailed, Problem
from .feeds import Entry, entry
from .images import cards, social
from .pictures import Drawn, Picture
from .site_models import SiteFile
from .plan import plan_releases
from .render import render_releases
from .schedule import From, RoundJob
from .site import RoundLink, list_items, round_files
from .sources import Source
from .template_errors import template_problem
from .validate import Content, RoundInput, load_round
from .waiting import NATIONAL_ORDER, Waiting


@dataclass(frozen=True)
class Shared:
    """What every round's build reads besides its own folder (the same in every worker)."""

    content: Path
    templates: Path
    site: SiteFile | None  # None when site.yaml has problems: rounds are then only loaded
    site_source: Source | None
    now: datetime
    drafts: bool
    env: jinja2.Environment
    earlier: Archive = NO_ARCHIVE  # the publisher's archive: what corrections replaced
    pictures: Drawn = Drawn()  # draws the pictures, or takes those the last build drew alike (pictures.py)


@dataclass(frozen=True)
class RoundResult:
    """One round as a build made it, or reused it from an earlier build, or could not make it."""

    name: str
    problems: tuple[Problem, ...] = ()
    year: int | None = None
    totals: YearTotals | None = None
    previous: YearTotals | None = None  # the previous year's totals it compared with
    entries: tuple[Entry, ...] = ()  # of its published releases, newest first
    files: dict = field(default_factory=dict)  # output path -> digest
    page: RoundLink | None = None  # None when the round has no published release
    times: tuple[datetime, ...] = ()  # see round_times
    seconds: tuple[tuple[str, float], ...] = ()  # (stage, seconds) spent in this round's stages
    texts: tuple[bytes, ...] = ()  # each entry's compressed feed text, in the order of the entries
    reused: bool = False  # taken from an earlier build (then without texts)
    waiting: Waiting = Waiting()  # its releases and corrections timed after now (checked by rehearse)
    label: str = ""  # the round in text: round.yaml's etikett, else the year (schedule.duplicates)
    occasions: tuple[tuple[str, str, datetime], ...] = ()  # (key, kind, publication time) of every release occasion
    # The round as of its last time, when that is after now (the newsroom-wide pages are
    # rehearsed with these: pipeline._rehearse_newsroom); nothing of them is published.
    later_entries: tuple[Entry, ...] = ()
    later_page: RoundLink | None = None
    # The key of what each of its pictures was drawn from, by output path (pictures.key_of): kept
    # by the build cache apart from the record, for the next build of the round (not in to_data).
    pictures: dict = field(default_factory=dict)

    def without_texts(self, reused: bool = False) -> RoundResult:
        """The result as its record keeps it: without what the cache keeps apart (texts, pictures)
        or not at all (seconds)."""
        return dataclasses.replace(self, texts=(), seconds=(), reused=reused, pictures={})

    def to_data(self) -> dict:
        """The result as plain data (str, int, bytes, lists, dicts) for the build cache, which
        stores no objects (so a record can never make code run); without problems and texts.
        Every field of the embedded values is kept, by position (``tests/unit/test_round_data.py``
        checks that the round trip gives the same result)."""
        return {"name": self.name, "year": self.year, "totals": _totals_data(self.totals),
                "previous": _totals_data(self.previous), "entries": [_plain(e) for e in self.entries],
                "files": dict(self.files), "page": _plain(self.page) if self.page else None,
                "times": [t.isoformat() for t in self.times], "waiting": self.waiting.to_data(), "label": self.label,
                "occasions": [[k, kind, t.isoformat()] for k, kind, t in self.occasions],
                "later_entries": [_plain(e) for e in self.later_entries],
                "later_page": _plain(self.later_page) if self.later_page else None}

    @classmethod
    def from_data(cls, data: dict) -> RoundResult:
        """The result :meth:`to_data` gave, marked reused (raises on data of any other shape)."""
        page = data["page"]
        return cls(str(data["name"]), (), data["year"], _totals(data["totals"]), _totals(data["previous"]),
                   tuple(_typed(Entry, e) for e in data["entries"]),
                   _files(data["files"]),
                   _typed(RoundLink, page) if page else None, tuple(_when(t) for t in data["times"]), reused=True,
                   waiting=Waiting.from_data(data["waiting"]), label=str(data["label"]),
                   occasions=tuple((str(k), str(kind), _when(t)) for k, kind, t in data["occasions"]),
                   later_entries=tuple(_typed(Entry, e) for e in data["later_entries"]),
                   later_page=_typed(RoundLink, data["later_page"]) if data["later_page"] else None)


def _files(files) -> dict[str, str]:
    """A record's files (path -> digest) as they were written: a copy made in C, not a checked
    comprehension (82 000 files at 20 000 releases: 9.9 -> 1.9 ms). A value of another type can
    only come from a record this code did not write, and never equals the output's digest, so
    the round is then simply not reused (``RoundRecords.reusable``)."""
    if files.__class__ is not dict:
        raise TypeError("files")
    return dict(files)


def _totals_data(totals: YearTotals | None):
    return None if totals is None else [totals.key, totals.total, [list(c) for c in totals.counties]]


def _totals(data) -> YearTotals | None:
    return None if data is None else YearTotals(str(data[0]), int(data[1]),
                                                 tuple((str(s), int(n)) for s, n in data[2]))


def _plain(value) -> list:
    """A frozen value's fields in order, as plain data: a time as ISO text, a county by its code."""
    out = []
    for f in dataclasses.fields(value):
        v = getattr(value, f.name)
        out.append(v.isoformat() if isinstance(v, datetime) else v.kod if isinstance(v, sv.Lan) else v)
    return out


def _typed(cls, data: list):
    """The value of ``cls`` whose :func:`_plain` data is ``data`` (times and counties made again)."""
    names, whens, counties, plain = _layout(cls)
    if len(data) != len(names):
        raise ValueError(f"{cls.__name__}: {len(data)} values for {len(names)} fields")
    # A reused build reads thousands of entries: only the fields that need it are made again,
    # by position (a time, a county; a county may be None).
    values = list(data)
    for i in whens:
        values[i] = _when(values[i])
    for i in counties:
        if values[i] is not None:
            values[i] = _lan(values[i])
    if not plain:
        return cls(*values)
    # Filled in as the frozen dataclass's own __init__ would, without its per-field
    # object.__setattr__ calls (the same value: tests/unit/test_round_data.py).
    value = object.__new__(cls)
    value.__dict__.update(zip(names, values))
    return value


@lru_cache(maxsize=None)
def _layout(cls) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...], bool]:
    """A dataclass's field names, the positions of those holding a time and of those holding a
    county, and whether its __init__ only sets its fields (no __post_init__, no slots), so its
    values can be filled in directly."""
    fields = dataclasses.fields(cls)
    kinds = tuple("when" if "datetime" in str(f.type) else "lan" if "Lan" in str(f.type) else None for f in fields)
    plain = not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__") and all(f.init for f in fields)
    return (tuple(f.name for f in fields), tuple(i for i, k in enumerate(kinds) if k == "when"),
            tuple(i for i, k in enumerate(kinds) if k == "lan"), plain)


@lru_cache(maxsize=64)
def _lan(code: str) -> sv.Lan:
    """A county by the code a record holds. Cached: the entries of a reused build name the same
    21 counties thousands of times, and ``sv.lan`` normalises its text at every call."""
    return sv.lan(code)


@lru_cache(maxsize=4096)
def _when(text: str) -> datetime:
    """A time as the content gave it: Stockholm time (every content time is one, ``fields.py``).
    Cached: the releases of a round mostly share their times (datetimes are immutable)."""
    return datetime.fromisoformat(text).astimezone(sv.STOCKHOLM)


def build_round(shared: Shared, name: str, previous: YearTotals | None, sink) -> RoundResult:
    """Load, validate, derive, plan, render and page one round as of ``now`` (``sink.put`` takes
    its files), then rehearse it as of each of its later times (only problems are kept of that)."""
    clock = Clock()
    try:
        round_in, content = load(shared, name)
        clock.lap("load")
        facts = derive_round(round_in, content, previous)
        clock.lap("derive")
    except BuildFailed as failed:
        return RoundResult(name, tuple(failed.problems))
    problems: set[Problem] = set()
    try:
        releases, files = publish(shared, content, facts, shared.now, shared.drafts, clock)
    except BuildFailed as failed:
        problems.update(failed.problems)
    times = round_times(round_in)
    later, waiting, (later_entries, later_page) = rehearse(shared, content, facts, times)
    clock.lap("rehearse")
    if problems or later:
        return RoundResult(name, tuple(sorted(problems | later)))
    made = [entry(r, shared.site.newsroom.base_url) for r in releases]
    digests = {rel: sink.put(rel, data) for rel, data in files.items()}
    pictures = {rel: data.key for rel, data in files.items() if isinstance(data, Picture)}
    clock.lap("write")
    return RoundResult(name, (), facts.year, year_totals(facts), previous, tuple(e for e, _ in made), digests,
                       RoundLink(facts.key, facts.year, facts.words.title, facts.label) if releases else None, times,
                       tuple(clock.laps), tuple(t for _, t in made), waiting=waiting, label=facts.label,
                       occasions=tuple((k, a.kind, a.published) for k, a in round_in.data.announcements.items()),
                       later_entries=later_entries, later_page=later_page, pictures=pictures)


def publish(shared: Shared, content: Content, facts, now: datetime, drafts: bool,
            clock: Clock | None = None) -> tuple[tuple, dict[str, bytes]]:
    """Plan, render and page a derived round as of ``now``: its releases and its files by path;
    raise BuildFailed with every problem (template errors included, located)."""
    try:
        plan = plan_releases(content, (facts,), shared.templates, now, drafts)
        _lap(clock, "plan")
        releases = render_releases(plan, shared.site, shared.env, drafts)
        _lap(clock, "render")
        releases = social.attach(releases, shared.site, cards.look_of(shared.templates),
                                 content.rounds[0].images if content.rounds else (), shared.pictures)
        _lap(clock, "images")
        releases = list_items(releases, shared.env)
        files = round_files(releases, facts, shared.site, shared.env, shared.earlier, shared.pictures)
        _lap(clock, "pages")
    except jinja2.TemplateError as exc:
        raise BuildFailed([template_problem(exc, shared.env)]) from None
    return releases, files


def rehearse(shared: Shared, content: Content, facts,
             times: tuple[datetime, ...]) -> tuple[set[Problem], Waiting, tuple[tuple, RoundLink | None]]:
    """The round as the builds at its later moments will make it: every problem of a publish as
    of each of its ``times`` after ``now`` (a release's publication, a correction's time), what
    waits for those times, and the round's entries and page link as of its last time (for the
    rehearsal of the newsroom-wide pages; empty when nothing waits). Nothing else of it is kept,
    and none of it is written, so nothing reaches the output early.

    Each moment is a whole publish of the round, not only of what changes then: links between
    releases, the round page and each release page's corrections depend on what else is out.
    """
    later = [t for t in times if t > shared.now]
    problems: set[Problem] = set()
    released: tuple = ()
    for moment in later:
        try:
            released, _ = publish(shared, content, facts, moment, False)
        except BuildFailed as failed:
            problems.update(failed.problems)
    if not later or problems:
        return problems, Waiting(), ((), None)
    # The last moment is the round's last time: by then every release and correction is out,
    # so its releases are all the round will have; what waits is what is not out at now.
    announcements = {r.spec.announcement.key: r.spec.announcement for r in released}
    entries = tuple(entry(r, shared.site.newsroom.base_url)[0] for r in released)
    page = RoundLink(facts.key, facts.year, facts.words.title, facts.label) if released else None
    return problems, Waiting.of(tuple((r.published, *_place(r)) for r in released if r.published > shared.now),
                                tuple(c.time for a in announcements.values() for c in a.corrections
                                      if c.time > shared.now)), (entries, page)


def _place(release) -> tuple[str, str]:
    """A waiting release's place as :class:`Waiting` names it: its county's code and short
    name, or the national release's (named last, as ``nationellt``)."""
    lan = release.lan
    return (lan.kod, lan.kortnamn) if lan else (NATIONAL_ORDER, "nationellt")


def _lap(clock: Clock | None, stage: str) -> None:
    if clock is not None:
        clock.lap(stage)


def load(shared: Shared, name: str) -> tuple[RoundInput, Content]:
    """A round loaded and validated, with the content it is derived from; raise BuildFailed with
    every problem of the round: when its files have problems, also the cross-checks of the parts
    that did validate (leaving out a file that failed can only hide a contradiction, never invent
    one), unless site.yaml itself failed."""
    round_in, problems = load_round(Path(shared.content) / "rounds" / name)
    if shared.site is None:
        raise BuildFailed(problems)
    content = Content(shared.content, shared.site, shared.site_source, (round_in,) if round_in else ())
    if problems:
        if round_in is not None:
            try:
                derive_round(round_in, content, None)
            except BuildFailed as failed:
                problems += failed.problems
        raise BuildFailed(problems)
    return round_in, content


def round_times(round_in: RoundInput) -> tuple[datetime, ...]:
    """The moments at which ``--now`` changes what a round publishes: each release's publication
    time and each correction's (``plan`` compares ``now`` with these and nothing else)."""
    return tuple(sorted({t for a in round_in.data.announcements.values()
                         for t in (a.published, *(c.time for c in a.corrections))}))


def totals_of(shared: Shared, name: str) -> YearTotals | None:
    """A round's totals without rendering it (None when it has problems: its own build reports them)."""
    try:
        return year_totals(derive_round(*load(shared, name), None))
    except BuildFailed:
        return None


def build_run(shared: Shared, sink, run: list[RoundJob]) -> Iterator[RoundResult]:
    """Build a run of rounds, oldest first, yielding each result as it is made (a worker sends
    it on at once and keeps none); a job's previous year is given as totals, as None, or as the
    round to take them from (from this run, or derived here when not in it)."""
    made: dict[str, YearTotals | None] = {}
    for job in run:
        previous = job.previous
        if isinstance(previous, From):
            if previous.name not in made:
                made[previous.name] = totals_of(shared, previous.name)
            previous = made[previous.name]
        result = build_round(shared, job.name, previous, sink)
        made[job.name] = result.totals
        yield result


class Clock:
    """Seconds spent per stage, in order (for ``PRESSRUM_TIMINGS=1`` and bench/bench.py): one per
    round's build and one for the pipeline's own stages."""

    def __init__(self):
        self.laps: list[tuple[str, float]] = []
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps.append((stage, now - self._last))
        self._last = now
