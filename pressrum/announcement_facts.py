"""Each announcement's facts: what a decision, supplement, call or report adds, the running totals
after it, the money it speaks of and the counties of its local releases.

:func:`announcements_of` is called by :mod:`pressrum.derive` once the round's own figures are known.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime

from . import approx, sv
from .calls import call_facts
from .county_figures import by_place, counted, worded
from .counting_rules import decisions_of
from .facts import (
    CALL,
    DECISION,
    REPORT,
    SUPPLEMENT,
    AnnouncementFacts,
    CountyFacts,
    SchemeFacts,
    Tally,
    Term,
)
from .grants import Grant, actors_by_type
from .grants import amount as grants_amount
from .intake import intake_facts
from .release_models import Announcement
from .reports import report_facts
from .round_models import RoundFile


def announcements_of(data: RoundFile, terms: dict[str, Term], grants: tuple[Grant, ...], decision: str | None,
                     decided: tuple, schemes: tuple[SchemeFacts, ...], senders: dict) -> tuple[AnnouncementFacts, ...]:
    """Each announcement's facts, in round.yaml order; ``decided`` is the decision's
    (granted, total, counties), the round's own; ``senders`` the county files' own senders by slug."""
    by_scheme = {s.key: s for s in schemes}
    numbers = {k: n for n, k in enumerate(decisions_of(data), 1)}
    so_far: list[_Decided] = []  # each decision and supplement, as the running totals after it count it
    decided_keys: set[str] = set()  # the same, by key: a report's counties come from their rows
    out = {}
    # Running totals follow publication order: a later decision or a supplement adds to everything decided before it.
    for key, a in sorted(data.announcements.items(), key=lambda kv: (kv[1].published, kv[0])):
        own = tuple(g for g in grants if g.announcement == key)
        granted, total, counties, total_word = decided if key == decision else _increment(a, own, terms, senders)
        if a.kind == CALL:  # a call's local releases: the counties whose files give the call's county facts
            counties = tuple(c for c in decided[2] if c.call)
        elif a.kind == REPORT:  # only the counties the editor chose (none by default), from the rows decided so far
            rows = tuple(g for g in grants if g.announcement in decided_keys)
            counties = _chosen(_supplement_counties(rows, terms, senders), a.local_counties or ())
        else:  # the editor's choice is of a decision's or a supplement's local releases
            counties = _chosen(counties, a.local_counties if a.local_counties is not None else data.local_counties)
        money = a.amount if a.amount is not None else (grants_amount(own) if own else None)
        if a.kind in (DECISION, SUPPLEMENT):
            decided_keys.add(key)
            so_far.append(_Decided(a.published, total, total_word, money, a.amount_word if a.amount is not None else None,
                                   granted))
        running = _running(so_far, a.published, terms)
        spoken = tuple(by_scheme[k] for k in a.schemes if k in by_scheme) or schemes
        topups = tuple(g for g in own if g.topup)
        scheme_budget, scheme_budget_word = _scheme_budget(data, spoken, a.summed)
        out[key] = AnnouncementFacts(
            key, a.kind, a.published, a.quotes, dict(a.paragraphs), a.contacts, a.corrections,
            granted=granted, total=total, total_word=total_word,
            running_total=running.actors, running_total_word=running.actors_word, amount=money,
            running_amount=running.kronor, amount_word=a.amount_word, running_amount_word=running.kronor_word,
            topups=len(topups), topup_amount=grants_amount(topups),
            schemes=spoken, summed=a.summed, scheme_budget=scheme_budget, scheme_budget_word=scheme_budget_word,
            counties=counties, grants=own, label=a.label, headline=a.headline, lead=a.lead, text=a.text,
            call=call_facts(a, terms, scheme_budget, len(spoken) > 1 and not a.summed, scheme_budget_word) if a.kind == CALL else None,
            intake=intake_facts(a, data, worded(counted(data.applicants_by_type, terms), data.applicants_by_type_words)),
            decision_number=numbers.get(key, 0), decisions=len(numbers), running_granted=running.granted,
        )
    # A report speaks of the decisions before it, so its facts come when all are known.
    for key, a in data.announcements.items():
        if a.kind == REPORT:
            out[key] = replace(out[key], report=report_facts(a, data, terms, out[key], tuple(out.values())))
    return tuple(out[k] for k in data.announcements)


def _chosen(counties: tuple[CountyFacts, ...], choice: tuple[sv.Lan, ...] | None) -> tuple[CountyFacts, ...]:
    """The counties whose local release the editor chose (``lokala-pressmeddelanden``; None:
    every county with recipients); the checks report a chosen county without recipients."""
    return counties if choice is None else tuple(c for c in counties if c.lan in choice)


@dataclass(frozen=True)
class _Decided:
    """A decision or supplement as the running totals after it count it."""

    published: datetime
    actors: int
    actors_word: str | None  # the rounding word of its actors in all, else None (exact)
    kronor: int | None
    kronor_word: str | None
    granted: tuple[Tally, ...]  # its actors per type, each with its rounding word


@dataclass(frozen=True)
class _Running:
    """What was decided up to a moment, in all and per type, each with its rounding word."""

    actors: int
    actors_word: str | None
    kronor: int | None  # None when one decision lacks its kronor
    kronor_word: str | None
    granted: tuple[Tally, ...]


def _running(so_far: list[_Decided], published: datetime, terms: dict[str, Term]) -> _Running:
    """Actors, kronor and actors per type decided up to ``published``, approximate where a
    decision so far was ("drygt 10 kommuner" when one decision's kommuner were "drygt 8":
    approx.sum_word per type)."""
    running = [d for d in so_far if d.published <= published]
    amounts = [d.kronor for d in running]
    per_type = sum((Counter({t.term.key: t.count for t in d.granted}) for d in running), Counter())
    words = {key: approx.sum_word(t.word for d in running for t in d.granted if t.term.key == key) for key in per_type}
    return _Running(sum(d.actors for d in running), approx.sum_word(d.actors_word for d in running),
                    sum(amounts) if amounts and None not in amounts else None,
                    approx.sum_word(d.kronor_word for d in running),
                    worded(counted(per_type, terms), words))


def _increment(a: Announcement, own: tuple[Grant, ...], terms: dict[str, Term], senders: dict):
    """(granted, total, counties, total word) of an announcement other than the round's first
    decision: what it adds, its typed counts with their words (``beviljade-ord``; its rows of the
    list are exact), the total approximate when a part is; a later decision's counties are those
    with new recipients in it, as a supplement's."""
    granted = worded(counted(a.granted or actors_by_type(own), terms), {} if own else a.granted_words)
    adds = a.kind in (SUPPLEMENT, DECISION)
    return (granted, sum(t.count for t in granted), _supplement_counties(own, terms, senders) if adds else (),
            approx.sum_word(t.word for t in granted))


def _scheme_budget(data: RoundFile, spoken: tuple[SchemeFacts, ...], summed: bool) -> tuple[int | None, str | None]:
    """The money a release speaks of, with its rounding word: the round's, or its schemes' only
    when they may be added up (a sum of approximate figures is approximate, approx.sum_word)."""
    if not spoken:
        return data.budget, data.budget_word
    if summed or len(spoken) == 1:
        return sum(s.budget for s in spoken), approx.sum_word(s.budget_word for s in spoken)
    return None, None


def _supplement_counties(own: tuple[Grant, ...], terms: dict[str, Term], senders: dict) -> tuple[CountyFacts, ...]:
    """Counties with new actors in these rows – a supplementary or later decision's, or every row
    decided before a report (top-ups alone make no local news, but their kronor count in the
    county's amount); a county file's own sender sends the county's part of it too."""
    out = []
    for lan in sorted({g.municipality.lan for g in own if not g.topup}, key=lambda county: county.kod):
        mine = by_place(g for g in own if g.municipality.lan == lan)
        tallies = counted(actors_by_type(mine), terms)
        out.append(CountyFacts(lan, tallies, sum(t.count for t in tallies), None, False, (), (), (), (), {}, None,
                               grants=mine, amount=grants_amount(mine), sender=senders.get(lan.slug)))
    return tuple(out)
