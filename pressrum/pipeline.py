"""The whole build, top to bottom: load → validate → derive → plan → render → write.

Each stage is a plain function over frozen values; nothing is shared or mutated between
them. Any stage may raise :class:`~pressrum.errors.BuildFailed` with every problem it found;
nothing is written unless every stage succeeded.
"""
from __future__ import annotations

import importlib
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import cache
from .errors import BuildFailed

# The stages are imported on first use: a rebuild with nothing changed never needs them
# (pydantic, Jinja, Markdown and feedgen take longer to import than such a build takes).
_STAGES = {
    "jinja2": ("jinja2", None), "derive": (".derive", "derive"), "plan_feeds": (".feeds", "plan_feeds"),
    "render_feeds": (".feeds", "render_feeds"), "write_site": (".output", "write_site"),
    "plan_releases": (".plan", "plan_releases"), "make_environment": (".render", "make_environment"),
    "render_releases": (".render", "render_releases"), "template_problem": (".render", "template_problem"),
    "build_pages": (".site", "build_pages"), "load_content": (".validate", "load_content"),
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


@dataclass(frozen=True)
class Options:
    """What to build, from where, to where, as of when."""

    content: Path
    templates: Path
    out: Path
    now: datetime  # releases published after this are left out (or shown as drafts)
    drafts: bool = False


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

    With the build cache (``pressrum/cache.py``; off with ``PRESSRUM_CACHE=0``) a build whose
    inputs did not change is already done, and only releases whose inputs changed are rendered;
    the output is byte for byte that of a full build.
    """
    clock = _Clock()
    store = cache.Store(options.content, options.templates, options.out, options.drafts) if cache.enabled() else None
    if store is not None:
        done = store.unchanged_site(options.now)
        clock.lap("cache-check")
        if done is not None:
            return BuildResult(*done, options.out, tuple(clock.laps))
    _import_stages()
    clock.lap("imports")
    memo = store.render_memo() if store is not None else None
    if memo is not None:
        clock.lap("cache-load")
    files, releases, content = _render_site(options, clock, memo)
    write_site(files, options.out, protected=(options.content, options.templates), drafts=options.drafts)
    clock.lap("write")
    result = BuildResult(len(releases), sum(r.spec.draft for r in releases), len(files), options.out)
    del files, releases  # before the cache is written: a smaller peak
    if store is not None:
        memo.save()
        store.save_site(options.now, cache.content_times(content), result.releases, result.drafts, result.files)
        clock.lap("cache-save")
    return BuildResult(result.releases, result.drafts, result.files, options.out, tuple(clock.laps))


def render_site(options: Options, clock: _Clock | None = None):
    """Every stage but the write: the site as ``{path: bytes}`` and the rendered releases."""
    _import_stages()
    files, releases, _ = _render_site(options, clock or _Clock(), None)
    return files, releases


def _render_site(options: Options, clock: _Clock, memo):
    content = load_content(options.content)                                        # load, validate
    clock.lap("load")
    rounds = derive(content)                                                        # derive
    clock.lap("derive")
    plan = plan_releases(content, rounds, options.templates, options.now, options.drafts)  # plan
    clock.lap("plan")
    env = make_environment(options.templates)
    env.auto_reload = False  # one build never sees a template change: no stat per get_template
    releases = render_releases(plan, content.site, env, memo)                       # render
    if memo is not None:
        memo.register_releases(releases, content.site)
    clock.lap("render")
    feeds = plan_feeds(releases, content.site)
    try:
        pages_env = cache.CachingEnvironment(env, memo) if memo is not None else env
        files = build_pages(releases, rounds, feeds, content.site, pages_env, options.templates)
    except jinja2.TemplateError as exc:
        raise BuildFailed([template_problem(exc, env)]) from None
    clock.lap("pages")
    files.update(render_feeds(feeds, content.site))
    clock.lap("feeds")
    return files, releases, content


def check(options: Options) -> int:
    """Validate and render everything without writing; returns the number of releases."""
    _, releases = render_site(options)
    return len(releases)
