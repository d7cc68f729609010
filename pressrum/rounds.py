"""Build the newsroom round by round: each round is loaded, validated, derived, planned,
rendered and paged on its own, in worker processes when many rounds need building.

A round reads nothing of the other rounds but the previous year's totals (``derive.YearTotals``:
the local releases compare a county with the year before). So:

* a round whose inputs did not change is not built at all: its record in the build cache
  (``cache.RoundRecord``) has the entries of its releases and the digest of each file it wrote,
  and those files are already in the output;
* the rounds that need building are built oldest first in contiguous runs, one run per task,
  so a round usually finds the previous year's totals in the same worker; at a run's start
  they come from the cache, or that round is loaded and derived once more (no rendering);
* afterwards every round's comparison is checked against the real previous year (the year of
  a changed round is only a hint until it is loaded), and a round that compared with the wrong
  figures is built again. The output is therefore always that of building everything in order.
"""
from __future__ import annotations

import os
import re
import signal
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import jinja2

from .cache import RoundRecord, fork_safe, seen_at
from .derive import YearTotals, derive_round, year_totals
from .errors import BuildFailed, Problem
from .feeds import Entry, entry
from .models import SiteFile
from .plan import plan_releases
from .render import render_releases, template_problem
from .site import RoundLink, round_files
from .sources import Source
from .validate import Content, _load_round, round_folders

MIN_ROUNDS_PER_WORKER = 4  # fewer rounds than this per worker: forking costs more than it saves


@dataclass(frozen=True)
class Shared:
    """What every round's build reads besides its own folder (the same in every worker)."""

    content: Path
    templates: Path
    site: SiteFile
    site_source: Source
    now: datetime
    drafts: bool
    env: jinja2.Environment


@dataclass(frozen=True)
class Built:
    """One round as this build made it (or a problem list when it could not)."""

    name: str
    problems: tuple[Problem, ...]
    year: int | None = None
    totals: YearTotals | None = None
    previous: YearTotals | None = None
    entries: tuple[Entry, ...] = ()
    files: dict = field(default_factory=dict)  # output path -> digest
    page: RoundLink | None = None
    times: tuple = ()
    seconds: tuple = ()  # (stage, seconds) spent in this round's stages
    texts: tuple[bytes, ...] = ()  # each entry's compressed feed text, in the order of the entries

    def record(self, inputs: str, now: datetime) -> RoundRecord:
        return RoundRecord(inputs, seen_at(self.times, now), self.times, self.year, self.totals, self.previous,
                           self.entries, self.files, self.page)


def round_names(content: Path) -> list[str]:
    """The round folders' names, in the loader's order."""
    return [p.name for p in round_folders(content)]


def build_round(shared: Shared, name: str, previous: YearTotals | None, sink) -> Built:
    """Load, validate, derive, plan, render and page one round; ``sink.put`` takes its files."""
    clock = [time.perf_counter()]
    seconds = []

    def lap(stage: str) -> None:
        now = time.perf_counter()
        seconds.append((stage, now - clock[0]))
        clock[0] = now

    try:
        round_in, content = _loaded(shared, name)
        lap("load")
        facts = derive_round(round_in, content, previous)
        lap("derive")
        plan = plan_releases(content, (facts,), shared.templates, shared.now, shared.drafts)
        lap("plan")
        releases = render_releases(plan, shared.site, shared.env)
        lap("render")
        files = round_files(releases, facts, shared.site, shared.env)
        lap("pages")
    except BuildFailed as failed:
        return Built(name, tuple(failed.problems))
    except jinja2.TemplateError as exc:
        return Built(name, (template_problem(exc, shared.env),))
    base = shared.site.newsroom.base_url
    made = [entry(r, base) for r in releases]
    digests = {rel: sink.put(rel, data) for rel, data in files.items()}
    lap("write")
    return Built(name, (), facts.year, year_totals(facts), previous, tuple(e for e, _ in made), digests,
                 RoundLink(facts.key, facts.year) if releases else None, round_times(round_in), tuple(seconds),
                 tuple(t for _, t in made))


def round_times(round_in) -> tuple[datetime, ...]:
    """The moments at which ``--now`` changes what a round publishes: each release's publication
    time and each correction's (``plan`` compares ``now`` with these and nothing else)."""
    return tuple(sorted({t for a in round_in.data.announcements.values()
                         for t in (a.published, *(c.time for c in a.corrections))}))


def _loaded(shared: Shared, name: str) -> tuple:
    """A round loaded and validated, with the content it is derived from; raise BuildFailed."""
    problems: list[Problem] = []
    round_in = _load_round(shared.content / "rounds" / name, problems)
    if problems or round_in is None:
        raise BuildFailed(problems)
    return round_in, Content(shared.content, shared.site, shared.site_source, (round_in,))


def totals_of(shared: Shared, name: str) -> YearTotals | None:
    """A round's totals without rendering it (None when it has problems: its own build reports them)."""
    try:
        return year_totals(derive_round(*_loaded(shared, name), None))
    except BuildFailed:
        return None


_YEAR = re.compile(r"^år:[ \t]*[\"']?(\d{1,6})[\"']?[ \t]*(?:#.*)?$", re.M)


def year_hint(content: Path, name: str) -> int | None:
    """The year a round's ``round.yaml`` states, read without loading it (only to order the work)."""
    try:
        m = _YEAR.search((Path(content) / "rounds" / name / "round.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    return int(m.group(1)) if m else None


def previous_round(name: str, year: int | None, years: dict[str, int | None]) -> str | None:
    """The round that stands for the year before ``year``: the first of that year by folder name."""
    if year is None:
        return None
    return min((n for n, y in years.items() if y == year - 1), default=None)


# --- running the work ----------------------------------------------------------------------------

def _iter_chunk(shared: Shared, sink, chunk: list[tuple[str, object]]):
    """Build a run of rounds, oldest first; a round's previous year is passed as totals, as None,
    or as the name of a round to take from this run (or to derive here when not in it)."""
    made: dict[str, YearTotals | None] = {}
    for name, previous in chunk:
        if isinstance(previous, str):
            if previous not in made:
                made[previous] = totals_of(shared, previous)
            previous = made[previous]
        built = build_round(shared, name, previous, sink)
        made[name] = built.totals
        yield built


def _worker_start() -> None:
    """Ctrl-C is the main process's to handle (it stops the workers and leaves the site as it
    was); a worker that took it too would print a traceback. SIGTERM, which the main process
    sends to stop the workers, ends a worker whatever handler its parent had set."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def workers() -> int:
    """Worker processes to use: ``PRESSRUM_WORKERS``, or one per available core; one (no forking)
    while other threads run, since a fork copies only the calling thread and a lock another
    thread holds would stay locked in the child."""
    if not fork_safe():
        return 1
    wanted = os.environ.get("PRESSRUM_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


_TASK = None  # what forked workers do with each item: set before the pool starts, so a closure will do


def _do(item):
    return _TASK(item)


def _in_workers(task, items, n: int):
    """``task(item)`` for each item, in order, in ``n`` forked worker processes; yield each result
    as it comes. ``task`` reaches the workers through the fork; each item is pickled."""
    global _TASK
    import multiprocessing

    _TASK = task
    try:
        with multiprocessing.get_context("fork").Pool(n, initializer=_worker_start) as pool:
            yield from pool.imap(_do, items)
    finally:
        _TASK = None


def _run(shared: Shared, sink, jobs: list[tuple[str, object]], parallel: bool):
    """Build ``jobs`` (in order), in worker processes when there are enough of them; yield each
    round's result as it comes (the caller need not hold them all)."""
    n = min(workers(), len(jobs) // MIN_ROUNDS_PER_WORKER) if parallel else 1
    if n < 2:
        yield from _iter_chunk(shared, sink, jobs)
        return
    # Runs of consecutive rounds, a few per worker so that a slow run does not hold up the end.
    size = max(MIN_ROUNDS_PER_WORKER, -(-len(jobs) // (n * 4)))
    chunks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
    for part in _in_workers(lambda chunk: list(_iter_chunk(shared, sink, chunk)), chunks, n):
        yield from part


def make_each(calls: list, parallel: bool = True):
    """Call each zero-argument function (a page or feed to render), in worker processes when
    there are enough of them; yield their results in order, as they come."""
    n = min(workers(), len(calls) // MIN_ROUNDS_PER_WORKER) if parallel else 1
    if n < 2:
        for call in calls:
            yield call()
        return
    # The workers are given indices: the functions themselves hold the Jinja environment, which
    # cannot be pickled (and need not be: the forked workers already have it).
    yield from _in_workers(lambda i: calls[i](), range(len(calls)), n)


def build_rounds(shared: Shared, names: list[str], records: dict[str, RoundRecord], sink,
                 parallel: bool = True, receive=lambda built: built) -> dict[str, object]:
    """Every round, built or (when its record still holds) reused: name -> :class:`Built` or
    :class:`~pressrum.cache.RoundRecord` (both have year, totals, previous, entries, files, page, times).

    ``sink.put(path, bytes)`` takes each file and returns its digest; with ``parallel`` (the sink
    writes to disk) rounds may be built in forked worker processes. ``receive`` is given each
    round as it is reused or built and returns what to keep of it (the pipeline saves its record and lets
    go of feed texts no feed will show)."""
    reused = {n: r for n, r in records.items() if r is not None and r.seen == seen_at(r.times, shared.now)}
    years = {n: reused[n].year if n in reused else year_hint(shared.content, n) for n in names}
    todo = sorted((n for n in names if n not in reused), key=lambda n: (years[n] is None, years[n] or 0, n))
    jobs = []
    for n in todo:
        p = previous_round(n, years[n], years)
        jobs.append((n, None if p is None else reused[p].totals if p in reused else p))
    done: dict[str, object] = {n: receive(r) for n, r in reused.items()}
    done.update((b.name, receive(b)) for b in _run(shared, sink, jobs, parallel))
    if any(getattr(b, "problems", ()) for b in done.values()):
        return done
    # The real years are known now: a round that compared with another year's figures is built again.
    years = {n: done[n].year for n in names}
    again = []
    for n in names:
        p = previous_round(n, years[n], years)
        expected = done[p].totals if p is not None else None
        if done[n].previous != expected:
            again.append((n, expected))
    if again:
        done.update((b.name, receive(b)) for b in _run(shared, sink, again, parallel))
    return done
