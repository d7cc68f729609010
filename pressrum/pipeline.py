"""The whole build, top to bottom: load → validate → derive → plan → render → write.

Each round goes through load → validate → derive → plan → render → pages on its own
(``rounds.build_round``; a round reads only its folder, site.yaml and the previous year's
totals), then the shared pages and feeds are made from the rounds' entries, and everything is
published in one step. Each stage is a plain function over frozen values; nothing is shared or
mutated between them. Any problem is reported, with every other problem in the content, by the
whole-content stages (``_raise_classic``); nothing is written unless every stage succeeded.
"""
from __future__ import annotations

import importlib
import time
import dataclasses
from dataclasses import dataclass
from functools import partial
from datetime import datetime
from pathlib import Path

from . import cache
from .errors import BuildFailed

# The stages are imported on first use: a rebuild with nothing changed never needs them
# (pydantic, Jinja, Markdown and feedgen take longer to import than such a build takes).
_STAGES = {
    "jinja2": ("jinja2", None), "derive": (".derive", "derive"), "plan_releases": (".plan", "plan_releases"),
    "make_environment": (".render", "make_environment"), "render_releases": (".render", "render_releases"),
    "template_problem": (".render", "template_problem"), "load_content": (".validate", "load_content"),
    "rounds": (".rounds", None), "site": (".site", None), "output": (".output", None),
    "validate": (".validate", None), "feeds": (".feeds", None),
}


def _import_stage(name: str):
    module, attr = _STAGES[name]
    loaded = importlib.import_module(module, __package__)
    return loaded if attr is None else getattr(loaded, attr)


def _import_stages() -> None:
    """Bind every stage name in this module (a name already bound, e.g. by a test, is kept)."""
    for name in _STAGES:
        if name not in globals():
            globals()[name] = _import_stage(name)


def __getattr__(name: str):
    if name in _STAGES:
        _import_stages()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Below this many releases the shared pages and feeds take less time than starting workers.
PARALLEL_NEWSROOM = 1000


@dataclass(frozen=True)
class Options:
    """What to build, from where, to where, as of when."""

    content: Path
    templates: Path
    out: Path
    now: datetime  # releases published after this are left out (or shown as drafts)
    drafts: bool = False
    parallel: bool = True  # worker processes allowed (the preview server, which has threads, says no)


@dataclass(frozen=True)
class BuildResult:
    releases: int
    drafts: int
    files: int
    out: Path
    timings: tuple[tuple[str, float], ...] = ()  # seconds per stage, in pipeline order


class _Clock:
    """Seconds spent per stage (for ``PRESSRUM_TIMINGS=1`` and bench/bench.py); local to one build."""

    def __init__(self):
        self.laps: list[tuple[str, float]] = []
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps.append((stage, now - self._last))
        self._last = now


def build(options: Options) -> BuildResult:
    """Build the newsroom into ``options.out``; raise BuildFailed with every problem.

    load → validate → derive → plan → render → pages, round by round (``rounds.build_rounds``),
    then the newsroom-wide pages and feeds from the rounds' entries, then one write.

    With the build cache (``pressrum/cache.py``; off with ``PRESSRUM_CACHE=0``) a build whose
    inputs did not change is already done, a round whose inputs did not change is not built,
    and only files whose bytes changed are written; the output is byte for byte that of a
    full build.
    """
    clock = _Clock()
    store = cache.Store(options.content, options.templates, options.out, options.drafts,
                        options.parallel) if cache.enabled() else None
    try:
        return _build(options, store, clock)
    finally:
        if store is not None:
            store.close()


def _build(options: Options, store, clock: _Clock) -> BuildResult:
    if store is not None:
        done = store.unchanged_site(options.now)
        clock.lap("cache-check")
        if done is not None:
            return BuildResult(*done, options.out, tuple(clock.laps))
    _import_stages()
    clock.lap("imports")
    shared = _shared(options)
    names = rounds.round_names(options.content)
    previous = store.output_digests() if store is not None else None
    records = {}
    if previous is not None:
        for n in names:
            record = store.round_record(n)
            # Used only when its files are in the output exactly as it wrote them.
            if record is not None and all(previous.get(rel) == d for rel, d in record.files.items()):
                records[n] = record
    clock.lap("cache-load")
    texts = _Texts(store, shared, records)  # compressed feed texts of the entries a feed may still show
    window = feeds.FeedWindow()
    pending: list = []  # entries of reused rounds, given to the window in one go

    def take(entries) -> None:
        for key in window.add(entries):
            texts.pop(key, None)

    def receive(b):
        """Remember a round; keep only the feed texts a feed may still show."""
        if isinstance(b, rounds.Built):
            if b.problems:
                return b
            if store is not None:
                store.save_round(b.name, b.record(store.round_inputs(b.name), options.now), b.texts)
            texts.update(zip((e.key for e in b.entries), b.texts))
            take(pending + list(b.entries))
            pending.clear()
            return dataclasses.replace(b, texts=())
        pending.extend(b.entries)  # a reused round: its texts stay in the cache until a feed needs them
        return b

    staging = output.Staging(options.out, (options.content, options.templates), options.drafts, previous)
    try:
        done = rounds.build_rounds(shared, names, records, staging, parallel=options.parallel, receive=receive)
        take(pending)
        clock.lap("rounds")
        _raise_problems(options, done)
        entries, files, planned = _newsroom(shared, names, done, store, texts)
        keys = store.newsroom_keys() if store is not None and previous is not None else {}
        todo = []
        for p in planned:
            if previous is not None and keys.get(p.path) == p.key.hex() and p.path in previous:
                files[p.path] = previous[p.path]  # made from the same inputs: already in the output
            else:
                todo.append(p)
        for p, data in zip(todo, rounds.make_each([partial(_made, p, shared) for p in todo],
                                                            options.parallel and len(entries) >= PARALLEL_NEWSROOM)):
            files[p.path] = staging.put(p.path, data)
        clock.lap("newsroom")
        written = staging.commit(files)
    except BaseException:
        staging.abandon()
        raise
    clock.lap("write")
    drafts = sum(e.draft for e in entries)
    if store is not None:
        store.forget_rounds(set(names))
        # site.yaml has no times: a round's are all that --now is compared with.
        times = tuple(t for n in names for t in done[n].times)
        store.save_site(options.now, times, len(entries), drafts, files, written,
                        {p.path: p.key for p in planned}, in_place=previous is not None)
        clock.lap("cache-save")
    seconds: dict[str, float] = {}
    for b in done.values():
        for stage, s in getattr(b, "seconds", ()):
            seconds[stage] = seconds.get(stage, 0.0) + s
    return BuildResult(len(entries), drafts, len(files), options.out,
                       tuple(clock.laps) + tuple((f"round-{k}", v) for k, v in seconds.items()))


def _shared(options: Options) -> "rounds.Shared":
    """The site and the Jinja environment every round reads (problems: see :func:`_raise_classic`)."""
    site, site_source, problems = validate.load_site(options.content)
    if problems:
        _raise_classic(options, problems)
    env = make_environment(options.templates)
    env.auto_reload = False  # one build never sees a template change: no stat per get_template
    return rounds.Shared(Path(options.content), Path(options.templates), site, site_source, options.now,
                         options.drafts, env)


def _raise_problems(options: Options, done: dict) -> None:
    problems = [p for b in done.values() for p in getattr(b, "problems", ())]
    if problems:
        _raise_classic(options, problems)


def _raise_classic(options: Options, problems: list) -> None:
    """Report every problem exactly as loading, deriving, planning and rendering all at once does.

    The round-by-round build stops at a round's first failing stage; the whole-content stages
    also cross-check the parts that did validate, and order the report as editors know it.
    """
    content = load_content(options.content)
    facts = derive(content)
    plan = plan_releases(content, facts, options.templates, options.now, options.drafts)
    env = make_environment(options.templates)
    render_releases(plan, content.site, env)
    raise BuildFailed(list(problems))


class _Texts(dict):
    """Compressed feed texts by release key: this build's rounds' (as many as the feed window
    keeps) and, read on demand, reused rounds' from the cache – made again from the content
    should the cache not have them."""

    def __init__(self, store, shared, records: dict):
        super().__init__()
        self._store, self._shared, self._records = store, shared, records
        self._read: set[str] = set()

    def __missing__(self, key: str) -> bytes:
        name = key.split("/", 1)[0]  # a release's key starts with its round's folder name
        record = self._records.get(name)
        if record is None or name in self._read:
            raise KeyError(key)
        self._read.add(name)
        found = self._store.round_texts(name, record) if self._store is not None else None
        if found is None:
            built = rounds.build_round(self._shared, name, record.previous, _Collect(keep=False))
            found = dict(zip((e.key for e in built.entries), built.texts))
        self.update(found)
        return self[key]


def _newsroom(shared, names: list[str], done: dict, store, texts: dict):
    """Every release's entry (newest first), the rounds' files, and the newsroom-wide files planned."""
    entries = sorted((e for n in names for e in done[n].entries), key=feeds.newest_first)
    files: dict[str, str] = {}
    for n in names:
        files.update(done[n].files)
    round_pages = [p for p in files if p.endswith("index.html")]
    links = tuple(done[n].page for n in names if done[n].page is not None)
    planned = site.newsroom_files(tuple(entries), links, round_pages, shared.site, shared.env, shared.templates,
                                  store.salt if store is not None else b"", shared.drafts, texts)
    return entries, files, planned


def _made(p, shared) -> bytes:
    try:
        return p.make()
    except jinja2.TemplateError as exc:
        raise BuildFailed([template_problem(exc, shared.env)]) from None


def render_site(options: Options, keep: bool = True):
    """Every stage but the write, without the cache: the site as ``{path: bytes}`` (empty unless
    ``keep``: then in one process, as the files are held), the entries (newest first) and their
    compressed feed texts by key."""
    _import_stages()
    shared = _shared(options)
    names = rounds.round_names(options.content)
    sink = _Collect(keep)
    done = rounds.build_rounds(shared, names, {}, sink, parallel=options.parallel and not keep)
    _raise_problems(options, done)
    texts = {e.key: t for b in done.values() for e, t in zip(b.entries, b.texts)}
    entries, _, planned = _newsroom(shared, names, done, None, texts)
    for p in planned:
        sink.put(p.path, _made(p, shared))
    return sink.files, tuple(entries), texts


class _Collect:
    """A sink that keeps the files in memory (tests), or only looks at them (``check``)."""

    def __init__(self, keep: bool = True):
        self.files: dict[str, bytes] = {}
        self.keep = keep

    def put(self, rel: str, data: bytes) -> str:
        if self.keep:
            self.files[rel] = data
        return rel


def check(options: Options) -> int:
    """Validate and render everything without writing; returns the number of releases."""
    _, entries, _ = render_site(options, keep=False)
    return len(entries)
