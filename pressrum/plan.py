"""Plan the releases: which release goes where, when, from which template.

``plan_releases`` decides the public URL of every release (these are permanent: feed ids
and links depend on them), applies the publication time (a release whose time has not come
is left out of everything unless drafts are asked for), and links national and local
releases to each other.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from . import angles, sv
from .derive import DECISION, AnnouncementFacts, CountyFacts, RoundFacts
from .errors import BuildFailed, Problem
from .sources import Source
from .validate import Content

NATIONAL = "nationell"
LOCAL = "lokal"


@dataclass(frozen=True)
class ReleaseSpec:
    """One release to render: its facts, template, permanent path and publication time."""

    key: str  # "2021/beslut" or "2021/beslut/skane" – also the output folder
    scope: str  # NATIONAL or LOCAL
    round: RoundFacts
    announcement: AnnouncementFacts
    county: CountyFacts | None
    template: str  # relative to the templates folder
    source: Source  # the file whose quotes and paragraphs this release uses
    published: datetime
    draft: bool  # not yet published: only in a --drafts preview
    angle: str | None

    @property
    def path(self) -> str:
        """The folder of the release in the output, with a trailing slash."""
        return self.key + "/"


@dataclass(frozen=True)
class Plan:
    releases: tuple[ReleaseSpec, ...]  # newest first, then by key
    national_of: dict  # local key -> national key
    locals_of: dict  # national key -> tuple of local keys (county-code order)


LATER = "-senare"  # a later decision's templates: releases/beslut/nationell-senare.md.j2


def template_name(kind: str, scope: str, later: bool = False) -> str:
    """Where the template for a kind and scope lives: ``releases/<kind>/<scope>.md.j2``; a later
    decision of a round (its second, third …) has its own, ``<scope>-senare.md.j2``."""
    return f"releases/{kind}/{scope}{LATER if later else ''}.md.j2"


def plan_releases(content: Content, rounds: tuple[RoundFacts, ...], templates_dir: Path,
                  now: datetime, drafts: bool = False) -> Plan:
    """Every release to build, newest first; unpublished ones only when ``drafts`` is set."""
    problems: list[Problem] = []
    specs: list[ReleaseSpec] = []
    sources = {r.key: r for r in content.rounds}
    for facts in rounds:
        round_in = sources[facts.key]
        for ann in facts.announcements:
            national = template_name(ann.kind, NATIONAL, ann.later_decision)
            if not (templates_dir / national).is_file():
                problems.append(_no_template(round_in, ann, templates_dir, national))
                continue
            draft = ann.published > now
            if draft and not drafts:
                continue
            ann = _corrections_until(ann, now, drafts)
            # Only a first decision's templates lead with money; a later decision, a supplement or the
            # applications keep the count.
            lead = facts.words.angle if ann.kind == DECISION and not ann.later_decision else angles.STANDARD
            specs.append(ReleaseSpec(f"{facts.key}/{ann.key}", NATIONAL, facts, ann, None, national,
                                     round_in.source, ann.published, draft, angles.national_angle(ann.amount, lead)))
            local = template_name(ann.kind, LOCAL, ann.later_decision)
            if not (templates_dir / local).is_file():
                continue
            county_sources = {c.slug: c.source for c in round_in.counties}
            for county in ann.counties:
                if county.total == 0:  # no recipients: no local release, and no county claim
                    continue
                specs.append(ReleaseSpec(f"{facts.key}/{ann.key}/{county.lan.slug}", LOCAL, facts, ann, county,
                                         local, county_sources.get(county.lan.slug, round_in.source), ann.published, draft,
                                         angles.local_angle(county, lead)))
    if problems:
        raise BuildFailed(problems)
    specs.sort(key=lambda s: (-s.published.timestamp(), s.key))
    national_of = {s.key: s.key.rsplit("/", 1)[0] for s in specs if s.scope == LOCAL}
    grouped: dict = {}  # national key -> its local releases (one pass: linear at any size)
    for s in specs:
        if s.key in national_of:
            grouped.setdefault(national_of[s.key], []).append(s)
    # county-code order, as the pages list counties; the plan's order is by key, which is the
    # URL slug's order and puts Gotland after Gävleborg and Örebro län before Skåne (T8)
    locals_of = {s.key: tuple(x.key for x in sorted(grouped.get(s.key, ()), key=lambda x: x.county.lan.kod))
                 for s in specs if s.scope == NATIONAL}
    return Plan(tuple(specs), national_of, locals_of)


def _no_template(round_in, ann: AnnouncementFacts, templates_dir: Path, national: str) -> Problem:
    """A release whose national template is missing, at the occasion's typ: a later decision's
    own template (``-senare``) is missing from a templates folder of the site's own."""
    place = round_in.source.place(("tillfällen", ann.key, "typ"))
    if ann.later_decision:
        return Problem(place, f"{ann.key} är omgångens {sv.ordningstal(ann.decision_number)} beslut, men det finns ingen mall för ett "
                       f"senare beslut ({templates_dir.name}/{national} saknas)",
                       "kopiera mallarna beslut/nationell-senare.md.j2 och lokal-senare.md.j2 från Pressrums templates/")
    return Problem(place, f"det finns ingen mall för typen '{ann.kind}' ({templates_dir.name}/{national} saknas)",
                   "välj en typ som har mallar, till exempel beslut")


def _corrections_until(ann: AnnouncementFacts, now: datetime, drafts: bool) -> AnnouncementFacts:
    """The announcement with only the corrections made by ``now`` (all in a preview), oldest first.

    A correction timed later is under embargo like a release: its text and its time (the
    release's ``updated``) stay out of pages, feeds and the sitemap until then.
    """
    kept = tuple(sorted((c for c in ann.corrections if drafts or c.time <= now), key=lambda c: c.time))
    return ann if kept == ann.corrections else replace(ann, corrections=kept)
