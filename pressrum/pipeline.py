"""The whole build, top to bottom: load → validate → derive → plan → render → write.

Each stage is a plain function over frozen values; nothing is shared or mutated between
them. Any stage may raise :class:`~pressrum.errors.BuildFailed` with every problem it found;
nothing is written unless every stage succeeded.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import jinja2

from .derive import derive
from .errors import BuildFailed
from .feeds import plan_feeds, render_feeds
from .output import write_site
from .plan import plan_releases
from .render import make_environment, render_releases, template_problem
from .site import build_pages
from .validate import load_content


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
    """Build the newsroom into ``options.out``; raise BuildFailed with every problem."""
    clock = _Clock()
    files, releases = render_site(options, clock)
    write_site(files, options.out, protected=(options.content, options.templates), drafts=options.drafts)
    clock.lap("write")
    return BuildResult(len(releases), sum(r.spec.draft for r in releases), len(files), options.out,
                       tuple(clock.laps))


def render_site(options: Options, clock: _Clock | None = None):
    """Every stage but the write: the site as ``{path: bytes}`` and the rendered releases."""
    clock = clock or _Clock()
    content = load_content(options.content)                                        # load, validate
    clock.lap("load")
    rounds = derive(content)                                                        # derive
    clock.lap("derive")
    plan = plan_releases(content, rounds, options.templates, options.now, options.drafts)  # plan
    clock.lap("plan")
    env = make_environment(options.templates)
    releases = render_releases(plan, content.site, env)                             # render
    clock.lap("render")
    feeds = plan_feeds(releases, content.site)
    try:
        files = build_pages(releases, rounds, feeds, content.site, env, options.templates)
    except jinja2.TemplateError as exc:
        raise BuildFailed([template_problem(exc, env)]) from None
    clock.lap("pages")
    files.update(render_feeds(feeds, content.site))
    clock.lap("feeds")
    return files, releases


def check(options: Options) -> int:
    """Validate and render everything without writing; returns the number of releases."""
    _, releases = render_site(options)
    return len(releases)
