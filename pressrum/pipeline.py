"""The whole build, top to bottom: load → validate → derive → plan → render → write.

:func:`build` is the recipe. Each round goes through load → validate → derive → plan → render
→ pages on its own (``rounds.build_round``: a round reads only its folder, site.yaml and the
previous year's totals), and is rehearsed as of each of its later times (``rounds.rehearse``:
a release under embargo or a correction timed later is rendered as it will be then, and only
its problems are kept), then the newsroom-wide pages and feeds are made from the rounds'
entries (and, when something waits, the pages once more as of the last waiting moment, again
only for their problems: ``_rehearse_newsroom``), and everything is published in one step
(``output.Staging``). A build therefore fails
today on what would fail at a later publication time, and publishes nothing before its time. Each stage is a plain
function over frozen values. Reuse of earlier work (``memo``) and worker processes (``pool``)
are passed in beside the recipe, each an object with one interface; neither changes a byte of
the output (tests/test_cache.py).
"""
from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from . import ctrl_c, schedule
from .content import round_names
from .earlier import is_earlier, read_archive
from .errors import BuildFailed, Place, Problem, display_path
from .feed_texts import Candidates, Everything
from .feeds import Entry, by_county, plan_feeds, shown_keys, sorted_newest_first
from .memo import NoMemo
from .options import Options
from .output import Collect, Looking, Staging
from .output_marker import MARKER
from .pool import Pool, Serial
from .environment import make_environment
from .rounds import Clock, RoundResult, Shared, build_run
from .site import newsroom_files
from .template_errors import template_problem
from .validate import load_site
from .waiting import Waiting

# Below this many releases the newsroom-wide pages take less time than starting workers.
PARALLEL_NEWSROOM = 1000


@dataclass(frozen=True)
class BuildResult:
    releases: int
    drafts: int
    files: int
    out: Path
    timings: tuple[tuple[str, float], ...] = ()  # seconds per stage, in pipeline order
    entries: tuple[Entry, ...] = ()  # every published release's, newest first
    texts: dict = field(default_factory=dict)  # compressed feed text of every release a feed shows, by key
    waiting: Waiting = Waiting()  # releases and corrections timed after now: checked, not published
    unpublished: tuple[tuple[str, str], ...] = ()  # (path, headline) an earlier build published, gone (--unpublish)


def build(options: Options, memo=None, pool: Pool | None = None, output=None) -> BuildResult:
    """Build the newsroom into ``options.out`` (or ``output``, a sink); raise BuildFailed with
    every problem in the content, and leave the output as it was.

    ``memo`` reuses what an earlier build made from the same inputs (``memo.NoMemo`` reuses
    nothing); ``pool`` runs rounds and pages in worker processes (``pool.Serial`` in this one).
    """
    memo, pool, clock = memo or NoMemo(), pool or Serial(), Clock()
    site, site_source, problems = load_site(options.content)             # load → validate site.yaml
    env = make_environment(options.templates, options.jinja_cache)
    env.auto_reload = False  # one build never sees a template change: no stat per get_template
    shared = Shared(options.content, options.templates, site, site_source, options.now, options.drafts, env,
                    read_archive(options.archive))
    names = round_names(options.content)
    last_output = memo.last_output()
    clock.lap("site")
    with ExitStack() as entered:
        # Ctrl-C held until the staging folder is entered: one that came between making it (its
        # linker already forked) and entering it would leave the folder beside the output.
        with ctrl_c.held():
            out = entered.enter_context(output or Staging(options.out, (options.content, options.templates),
                                                          options.drafts, last_output, memo.spare(),
                                                          memo.scanned()))
        reused = memo.reusable(names, options.now, last_output)           # a round whose inputs did not change
        years = {n: reused[n].year if n in reused else schedule.year_hint(options.content, n) for n in names}
        # Each round: load → validate → derive → plan → render → pages, then rehearsed as of each
        # of its later times, only problems kept (rounds.build_round).
        candidates = Candidates()                                          # the feed texts a feed may show
        results = {**reused, **_rounds(shared, out, schedule.jobs(names, years, reused), pool, memo, candidates)}
        clashes = schedule.duplicates(names, results)                    # a round that repeats another
        _raise_problems(problems + schedule.clash_problems(options.content, clashes, results), results)
        results.update(_rounds(shared, out, schedule.wrong_comparisons(names, results), pool, memo, candidates))
        clock.lap("rounds")
        entries = sorted_newest_first(e for n in names for e in results[n].entries)
        out.mark((e.path, e.title) for e in entries)                      # what this build publishes
        unpublished = _unpublished(out, options)                          # refused unless --unpublish
        listed = by_county(entries)                                       # each county's releases
        feeds = plan_feeds(entries, site, listed)
        texts, lacking = _feed_texts(shown_keys(feeds), results, memo, candidates)  # only the feed items shown
        if lacking:  # rounds whose texts neither this build kept nor the memo has: built again
            again = Everything()
            results.update(_rounds(shared, out, [schedule.RoundJob(n, results[n].previous) for n in lacking],
                                   pool, memo, again))
            more, _ = _feed_texts(shown_keys(feeds), {n: results[n] for n in lacking}, memo, again)
            texts.update(more)
        pages = newsroom_files(entries, listed, feeds, *_links(names, results), site, env, options.templates,
                               options.drafts, texts)                    # start, county pages, feeds, sitemap
        files: dict[str, str] = {}
        for n in names:
            files.update(results[n].files)  # in C: 82 000 files at 20 000 releases
        files.update(_make_pages(pages, memo, last_output, out, env,
                                 pool if len(entries) >= PARALLEL_NEWSROOM else Serial()))
        _rehearse_newsroom(names, results, site, env, options)           # as of the last waiting moment
        clock.lap("newsroom")
        written = out.commit(files)                                       # one swap of the complete new site
        clock.lap("write")
    drafts = sum(e.draft for e in entries)
    waiting = sum((results[n].waiting for n in names), Waiting())
    memo.remember(options.now, results, pages, files, written, len(entries), drafts, waiting)
    clock.lap("remember")
    return BuildResult(len(entries), drafts, len(files), options.out, _timings(clock, results), entries, texts,
                       waiting, unpublished)


def check(options: Options, pool: Pool | None = None) -> BuildResult:
    """Validate and render everything, what waits for a later time included, without writing."""
    return build(replace(options, cache=False), NoMemo(), pool, Looking())


def render_site(options: Options) -> tuple[dict[str, bytes], tuple[Entry, ...], dict[str, bytes]]:
    """The whole site in memory, in this process, without the cache (for tests and tools): the
    files by path, the entries (newest first) and the feed texts shown, by key."""
    sink = Collect()
    result = build(replace(options, cache=False), NoMemo(), Serial(), sink)
    return sink.files, result.entries, result.texts


def _rounds(shared: Shared, sink, jobs: list, pool: Pool, memo, candidates: Candidates) -> dict[str, RoundResult]:
    """Build ``jobs`` in runs (in worker processes when there are enough); remember each result.
    The results are kept without their feed texts: ``candidates`` keeps those a feed may show."""
    processes = pool.processes(len(jobs))
    # A round built again may take the pictures its last build drew from the same values.
    shared = replace(shared, pictures=memo.pictures([job.name for job in jobs]))
    results = {}
    for run in pool.map(lambda run: build_run(shared, sink, run), schedule.runs(jobs, processes), processes):
        for result in run:
            memo.remember_round(result, shared.now)
            candidates.add(result.name, result.entries, result.texts)
            results[result.name] = replace(result, texts=())
    return results


def _unpublished(out, options: Options) -> tuple[tuple[str, str], ...]:
    """The releases that an earlier build into the output published and this one would not
    (an earlier --now, a clock set back, a round taken away or renamed): refused, each a problem
    at its line of the output's marker, unless the editor says --unpublish."""
    gone = out.gone()
    if gone and not options.unpublish:
        marker = display_path(Path(options.out) / MARKER)
        raise BuildFailed([Problem(Place(marker, line),
                                   f"pressmeddelandet {path} ”{title}” publicerades av ett tidigare bygge i "
                                   "utmappen men skulle tas bort av det här",
                                   "kontrollera --now, datorns klocka och att omgången finns kvar; ska det bort "
                                   "ur nyhetsrummet, bygg igen med --unpublish")
                           for line, path, title in gone])
    return tuple((path, title) for _, path, title in gone)


def _raise_problems(site_problems: list[Problem], results: dict[str, RoundResult]) -> None:
    problems = site_problems + [p for r in results.values() for p in r.problems]
    if problems:
        raise BuildFailed(problems)


def _rehearse_newsroom(names: list[str], results: dict[str, RoundResult], site, env, options: Options) -> None:
    """Make the newsroom-wide pages as the build at the last waiting moment will (every round
    as of its last time) and raise BuildFailed with their problems; nothing is written or kept.

    Today's pages can miss a branch of their templates that a later moment reaches: a start page
    that lists releases for the first time (before it said "Inga pressmeddelanden …"), a county
    page that first appears with an embargoed local release. The feeds are left out: they are
    Python (``feeds.render_feed``) over texts that each round's rehearsal already rendered.
    """
    waits = {n for n in names if results[n].waiting.next is not None}
    if not waits:
        return
    entries = sorted_newest_first(e for n in names for e in (results[n].later_entries if n in waits else results[n].entries))
    rounds = tuple(p for n in names if (p := results[n].later_page if n in waits else results[n].page) is not None)
    listed = by_county(entries)
    feeds = plan_feeds(entries, site, listed)
    feed_files = {f"{feed.path}{kind}.xml" for feed in feeds for kind in ("rss", "atom")}
    round_pages = _links(names, results)[1]
    problems = []
    for page in newsroom_files(entries, listed, feeds, rounds, round_pages, site, env, options.templates,
                               options.drafts, {}):
        if page.path not in feed_files:
            try:
                page.make()
            except jinja2.TemplateError as exc:
                problems.append(template_problem(exc, env))
    if problems:
        raise BuildFailed(problems)


def _feed_texts(wanted: set[str], results: dict[str, RoundResult], memo,
                candidates: Candidates) -> tuple[dict[str, bytes], list[str]]:
    """The compressed feed texts of the ``wanted`` releases by key: this build's from
    ``candidates``, reused rounds' (and a built round's that ``candidates`` let go) from the memo;
    and the rounds whose texts neither has."""
    texts, lacking = {}, []
    for name, result in results.items():
        keys = [e.key for e in result.entries if e.key in wanted]
        if not keys:
            continue
        found = None if result.reused else {k: t for k in keys if (t := candidates.get(k)) is not None}
        if found is None or len(found) < len(keys):
            found = memo.round_texts(result)
        if found is None or any(k not in found for k in keys):
            lacking.append(name)
        else:
            texts.update((k, found[k]) for k in keys)
    return texts, lacking


def _links(names: list[str], results: dict[str, RoundResult]) -> tuple[tuple, list[str]]:
    """The rounds with a page (for the start page), and every round's HTML pages (for the sitemap)."""
    return tuple(results[n].page for n in names if results[n].page is not None), \
        [p for n in names for p in results[n].files if p.endswith("index.html") and not is_earlier(p)]


def _make_pages(pages, memo, last_output, out, env, pool: Pool) -> dict[str, str]:
    """Each newsroom-wide file: kept when the memo has it from the same inputs, else made."""
    files, todo = {}, []
    for page in pages:
        kept = memo.kept(page, last_output)
        if kept is None:
            todo.append(page)
        else:
            files[page.path] = kept

    def make(i: int) -> bytes:
        try:
            return todo[i].make()
        except jinja2.TemplateError as exc:
            raise BuildFailed([template_problem(exc, env)]) from None

    # Workers are given indices: a page's make function holds the Jinja environment, which
    # cannot be pickled (and need not be: the forked workers already have it).
    processes = pool.processes(len(todo))
    for page, data in zip(todo, pool.map(make, range(len(todo)), processes)):
        files[page.path] = out.put(page.path, data)
    return files


def _timings(clock: Clock, results: dict[str, RoundResult]) -> tuple[tuple[str, float], ...]:
    """The pipeline's stages, then the rounds' stages summed over every round (and worker)."""
    seconds: dict[str, float] = {}
    for result in results.values():
        for stage, s in result.seconds:
            seconds[stage] = seconds.get(stage, 0.0) + s
    return tuple(clock.laps) + tuple((f"round-{k}", v) for k, v in seconds.items())
