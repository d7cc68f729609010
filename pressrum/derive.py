"""Derive every figure the releases print from the figures editors typed once.

Everything that follows from the typed figures – totals, sums of parts, a county's rank, how
many multi-year recipients a county has – is computed here into the frozen values of
:mod:`pressrum.facts`, so templates only phrase. The computation never judges: whether the
typed figures agree with each other and with the recipient list is :mod:`pressrum.checks`'s
question. :func:`derive_round` asks both and raises with every problem of the round.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime

from . import approx, headlines, sv
from .calls import call_facts, county_call
from .no_grants import cancelled_facts, no_new_grants_facts
from .reports import report_facts
from .checks import check_round
from .errors import BuildFailed, Problem
from .facts import (
    APPLICATIONS,
    CALL,
    DECISION,
    FEWER,
    MORE,
    NEWS,
    REPORT,
    SUPPLEMENT,
    AnnouncementFacts,
    CountyCount,
    CountyFacts,
    MultiYear,
    RoundFacts,
    SchemeFacts,
    Tally,
    Term,
    YearTotals,
    actor_types,
    county_counts,
    decision_of,
    decisions_of,
    grant_words,
    measures,
    national_counts,
    round_organisation,
)
from .grants import Grant, actors_by_type, classify, covers
from .grants import amount as grants_amount
from .intake import intake_facts
from .recipients import legal_type
from .release_models import Announcement
from .round_models import CountyFile, RoundFile
from .validate import Content, RoundInput

MUNICIPALITY = "kommun"  # the legal type of a municipality in the recipient list and under omfattar

# The values are defined in facts.py; every module reads them from here, as it always has.
__all__ = [
    "APPLICATIONS", "CALL", "DECISION", "FEWER", "MORE", "NEWS", "SUPPLEMENT", "AnnouncementFacts", "CountyCount",
    "CountyFacts", "MultiYear", "RoundFacts", "SchemeFacts", "Tally", "Term", "YearTotals", "derive",
    "derive_round", "round_facts", "year_totals",
]


def year_totals(facts: RoundFacts) -> YearTotals | None:
    """What the next year's round compares itself with: the round's final figures, the decision's
    granted actors with every later decision's and supplementary decision's new ones (in all and
    per county), never the first decision's alone. Their counties are those of the recipient list.
    A round that grants nothing new (no new grants, or cancelled) is no base for a comparison:
    None, so the next year never says "fler än i fjol, då inga aktörer fick bidrag"."""
    if facts.no_new_grants is not None or facts.cancelled is not None:
        return None
    supplements = [a for a in facts.announcements if a.adds]
    # An approximate county count is no base for next year's "fler än i fjol" in the county.
    approximate = {c.lan for c in facts.counties if c.total_word}
    counties = Counter({c.lan: c.total for c in facts.counties if c.lan not in approximate})
    for a in supplements:  # from the rows, not a.counties: the editor's choice of local releases is no figure
        lans = {g.municipality.lan for g in a.grants if not g.topup} - approximate  # top-ups alone add no actor
        counties.update({lan: sum(actors_by_type(g for g in a.grants if g.municipality.lan == lan).values())
                         for lan in lans})
    return YearTotals(facts.key, facts.total + sum(a.total for a in supplements),
                      tuple((lan.slug, n) for lan, n in sorted(counties.items(), key=lambda kv: kv[0].kod)),
                      approximate=facts.total_word is not None or any(a.total_word for a in supplements))


def derive(content: Content) -> tuple[RoundFacts, ...]:
    """Compute every round's facts; raise BuildFailed with every contradiction found."""
    problems: list[Problem] = []
    by_year: dict[int, YearTotals] = {}
    derived = {}
    # Oldest first, so a round can compare itself with the previous year's.
    for r in sorted(content.rounds, key=lambda r: (r.data.year, r.key)):
        facts = round_facts(r, content, by_year.get(r.data.year - 1))
        problems += check_round(r, content, facts) + headlines.check_overrides(r)
        derived[r.key] = facts
        by_year.setdefault(r.data.year, year_totals(facts))
    if problems:
        raise BuildFailed(problems)
    return tuple(derived[r.key] for r in content.rounds)


def derive_round(round_: RoundInput, content: Content, previous: YearTotals | None) -> RoundFacts:
    """One round's facts, given the previous year's totals (see :func:`derive`).

    Raise BuildFailed with every problem of the round (all checks run, whatever fails first).
    """
    facts = round_facts(round_, content, previous)
    problems = check_round(round_, content, facts) + headlines.check_overrides(round_)
    if problems:
        raise BuildFailed(problems)
    return facts


def round_facts(round_: RoundInput, content: Content, previous: YearTotals | None = None) -> RoundFacts:
    """One round's facts, computed even when its figures contradict each other.

    Typed figures win over the recipient list's; where a contradiction leaves a figure
    uncertain the result is still well defined, so :func:`~pressrum.checks.check_round` can
    compare every figure and report every problem in one run.
    """
    data = round_.data
    if not data.compare_previous_year:  # a comparison is content's choice, off by default
        previous = None
    terms = _terms(round_, content)
    decision = decision_of(data)
    grants = classify(round_.recipients, covers(actor_types(content.site.actor_types, data.actor_types), terms),
                      data.announcements, decision, data.schemes) if round_.recipients else ()
    decided = tuple(g for g in grants if g.announcement == decision)
    national = national_counts(data, decided)
    # A recipient list's counts are exact: a word beside it is an error (word_checks), never printed.
    granted = _worded(_counted(national, terms), {} if grants else data.granted_words)
    total, total_word = _total(data, granted) if not grants else (sum(t.count for t in granted), None)
    multi_year = _worded(_counted(data.multi_year or actors_by_type(g for g in decided if g.multi_year), terms),
                         {} if grants else data.multi_year_words)
    schemes = _schemes(data, terms, decided)

    municipal = frozenset(k for k, t in actor_types(content.site.actor_types, data.actor_types).items()
                          if {legal_type(c) for c in t.covers} == {MUNICIPALITY})
    counties = _counties(round_, terms, decided, municipal, listed=bool(grants))
    # An approximate national or county count ("nästan 100") cannot show that the county files hold every actor.
    complete = bool(counties) and total_word is None and all(c.total_word is None for c in counties) and all(sum(c.counts.get(t, 0) for c in counties) == national.get(t, 0) for t in terms)
    top, ranks = _ranking(counties, complete, data.top_county)
    words = grant_words(content.site.grant, data.grant)
    county_facts = tuple(_county_facts(c, top, ranks, data, multi_year, previous, words)
                         for c in sorted(counties, key=lambda c: c.lan.kod))
    return RoundFacts(
        key=round_.key, year=data.year, budget=data.budget, earmarks=data.earmarks,
        applications=data.applications, terms=tuple(terms.values()), granted=granted, total=total,
        total_word=total_word, multi_year=multi_year, top_counties=top, counties_complete=complete, counties=county_facts,
        announcements=_announcements(data, terms, grants, decision, (granted, total, county_facts, total_word), schemes,
                                     {c.lan.slug: c.data.sender for c in counties if c.data.sender}),
        applications_by_type=_worded(_counted(data.applications_by_type, terms), data.applications_by_type_words),
        applications_word=data.applications_word,
        applied_amount=data.applied_amount, applied_amount_word=data.applied_amount_word, budget_word=data.budget_word,
        application_leaders=_application_leaders(round_), application_ranking_certain=_ranking_certain(round_),
        schemes=schemes, grants=grants,
        amount=grants_amount(decided) if decided else None,
        multi_year_commitments=sum(g.amount * (g.years - 1) for g in decided if g.multi_year) if decided else None,
        # "färre än i fjol, då nästan 100 …": an approximate previous total is no base for a comparison
        previous_total=previous.total if previous and not previous.approximate else None,
        words=words, label=data.label or str(data.year), measures=measures(words, data.measures),
        organisation=round_organisation(content.site.organisation, data.sender), decided_by=data.decided_by,
        no_new_grants=no_new_grants_facts(data), cancelled=cancelled_facts(data),
    )


def _terms(round_: RoundInput, content: Content) -> dict[str, Term]:
    return {k: Term(k, t.singular, t.plural, t.sender or t.plural, t.gender)
            for k, t in actor_types(content.site.actor_types, round_.data.actor_types).items()}


def _total(data: RoundFile, granted: tuple[Tally, ...]) -> tuple[int, str | None]:
    """The round's granted actors in all, with its rounding word: ``beviljade-totalt`` as typed
    when it has a word (its parts need not add up to it), else the parts' sum, approximate when
    a part is (approx.sum_word)."""
    if data.granted_total is not None and data.granted_total_word is not None:
        return data.granted_total, data.granted_total_word
    return sum(t.count for t in granted), approx.sum_word(t.word for t in granted)


def _counted(counts, terms: dict[str, Term]) -> tuple[Tally, ...]:
    """Counts per actor type key (typed or counted) as tallies, largest first; zero counts and
    unknown type keys left out (the checks report those)."""
    return _largest_first(Tally(terms[k], counts[k]) for k in terms if counts.get(k))


def _worded(tallies: tuple[Tally, ...], words: dict) -> tuple[Tally, ...]:
    """Typed parts with the editor's word for each type ("över", "hälften"), where there is one."""
    return tuple(replace(t, word=words.get(t.term.key)) for t in tallies)


def _largest_first(tallies) -> tuple[Tally, ...]:
    """Largest count first (as press releases list them), ties in the declared type order."""
    return tuple(sorted(tallies, key=lambda t: -t.count))


def _by_place(grants) -> tuple[Grant, ...]:
    """Grants as a local release lists them: by municipality, then name."""
    return tuple(sorted(grants, key=lambda g: (g.municipality.namn, g.name.casefold())))


def _schemes(data: RoundFile, terms: dict[str, Term], decided: tuple[Grant, ...]) -> tuple[SchemeFacts, ...]:
    out = []
    for key, s in data.schemes.items():
        own = tuple(g for g in decided if g.scheme == key)
        # A scheme's typed counts carry their words; rows of the list are exact (word_checks).
        tallies = _worded(_counted(s.granted or actors_by_type(own), terms), {} if own else s.granted_words)
        out.append(SchemeFacts(key, s.name, s.ordinance, s.budget, s.applicants, tallies,
                               sum(t.count for t in tallies), grants_amount(own) if own else None, s.budget_word,
                               approx.sum_word(t.word for t in tallies)))
    return tuple(out)


@dataclass(frozen=True)
class _County:
    """A county's figures before the ranking, which needs every county's total."""

    lan: sv.Lan
    data: CountyFile  # empty for a county known only from the recipient list
    counts: dict  # type key -> count, as :func:`~pressrum.facts.county_counts` gives it
    tallies: tuple[Tally, ...]
    total: int
    multi_year: tuple[Tally, ...]
    grants: tuple[Grant, ...] = ()  # the county's rows of the recipient list (the decision's)
    total_word: str | None = None  # the rounding word of the county's total, None when exact


def _counties(round_: RoundInput, terms: dict[str, Term], decided: tuple[Grant, ...],
              municipal: frozenset[str] = frozenset(), listed: bool = False) -> list[_County]:
    """The counties with a file (in file order), then those known only from the list (by code);
    ``municipal`` are the type keys that take only kommuner (see :attr:`Tally.whole`); ``listed``:
    the round has a recipient list, whose counts are exact (a county's word is then an error)."""
    counties = [_county(c.lan, c.data, terms, _by_place(g for g in decided if g.municipality.lan == c.lan), municipal,
                        listed)
                for c in round_.counties]
    with_file = {c.lan.slug for c in counties}
    for lan in sorted({g.municipality.lan for g in decided if g.municipality.lan.slug not in with_file},
                      key=lambda county: county.kod):
        counties.append(_county(lan, CountyFile(), terms, _by_place(g for g in decided if g.municipality.lan == lan),
                                municipal))
    return counties


def _municipalities(lan: sv.Lan) -> int:
    """The county's number of kommuner (SCB)."""
    return sum(1 for k in sv.alla_kommuner() if k.lan == lan)


def _county(lan: sv.Lan, data: CountyFile, terms: dict[str, Term], grants: tuple[Grant, ...],
            municipal: frozenset[str] = frozenset(), listed: bool = False) -> _County:
    counts = county_counts(data, grants)
    # Typed counts carry their words (beviljade-ord); "drygt 8 kommuner" is never "alla åtta".
    words = data.granted_words if data.granted and not listed else {}
    tallies = tuple(replace(t, whole=True) if t.term.key in municipal and t.count == _municipalities(lan) and not t.word else t
                    for t in _worded(_counted(counts, terms), words))
    if grants and not data.granted and not data.recipients:  # the recipient list is the county's figure
        multi = actors_by_type(g for g in grants if g.multi_year)
    else:
        multi = Counter(r.kind for r in data.recipients if r.multi_year)
    total, total_word = _county_total(data, tallies, bool(words))
    return _County(lan, data, counts, tallies, total,
                   tuple(Tally(terms[k], multi[k]) for k in terms if multi.get(k)), grants, total_word)


def _county_total(data: CountyFile, tallies: tuple[Tally, ...], typed: bool) -> tuple[int, str | None]:
    """The county's granted actors in all, with its rounding word: its ``beviljade-totalt`` as
    typed when that has a word, else the parts' sum, approximate when a part is (as :func:`_total`)."""
    if typed and data.granted_total is not None and data.granted_total_word is not None:
        return data.granted_total, data.granted_total_word
    return sum(t.count for t in tallies), approx.sum_word(t.word for t in tallies)


def _ranking(counties: list[_County], complete: bool, stated: sv.Lan | None):
    """First place and ranks: derived when the county files are complete, else as stated."""
    if complete:
        best = max(c.total for c in counties)
        ranks = {c.lan.slug: 1 + sum(o.total > c.total for o in counties) for c in counties}
        return tuple(c.lan for c in sorted(counties, key=lambda c: c.lan.kod) if c.total == best), ranks
    if stated is None:
        return (), {}
    return (stated,), {stated.slug: 1}


def _county_facts(c: _County, top: tuple[sv.Lan, ...], ranks: dict, data: RoundFile,
                  multi_year: tuple[Tally, ...], previous: YearTotals | None, words) -> CountyFacts:
    return CountyFacts(
        lan=c.lan,
        granted=c.tallies,
        total=c.total,
        rank=ranks.get(c.lan.slug),
        top=c.lan in top,
        shares_top_with=tuple(lan for lan in top if lan != c.lan) if c.lan in top else (),
        recipients=c.data.recipients,
        # Beside the national figure: typed for the round, else counted in the list.
        multi_year=tuple(MultiYear(t.term, t.count, data.multi_year.get(t.term.key) or _count(multi_year, t.term.key),
                                   data.multi_year_words.get(t.term.key) if data.multi_year.get(t.term.key) else None)
                         for t in c.multi_year),
        quotes=c.data.quotes,
        national_quotes=c.data.national_quotes,
        paragraphs=dict(c.data.paragraphs),
        contacts=c.data.contacts,
        grants=c.grants,
        # A typed amount wins over the list's sum (the checks compare the two).
        amount=c.data.amount if c.data.amount is not None else grants_amount(c.grants) if c.grants else None,
        applications=c.data.applications,
        # "fler än i fjol" of "drygt 10" is no certain comparison: none (nor next year, year_totals).
        previous_total=None if previous is None or c.total_word else previous.county_total(c.lan.slug),
        total_word=c.total_word,
        sender=c.data.sender,
        amount_word=c.data.amount_word,
        measures=measures(words, c.data.measures),
        headline=c.data.headline,
        call=county_call(c.data.call),
    )


def _count(tallies: tuple[Tally, ...], key: str) -> int | None:
    return next((t.count for t in tallies if t.term.key == key), None)


def _announcements(data: RoundFile, terms: dict[str, Term], grants: tuple[Grant, ...], decision: str | None,
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
            intake=intake_facts(a, data, _worded(_counted(data.applicants_by_type, terms), data.applicants_by_type_words)),
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
                    _worded(_counted(per_type, terms), words))


def _increment(a: Announcement, own: tuple[Grant, ...], terms: dict[str, Term], senders: dict):
    """(granted, total, counties, total word) of an announcement other than the round's first
    decision: what it adds, its typed counts with their words (``beviljade-ord``; its rows of the
    list are exact), the total approximate when a part is; a later decision's counties are those
    with new recipients in it, as a supplement's."""
    granted = _worded(_counted(a.granted or actors_by_type(own), terms), {} if own else a.granted_words)
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
        mine = _by_place(g for g in own if g.municipality.lan == lan)
        tallies = _counted(actors_by_type(mine), terms)
        out.append(CountyFacts(lan, tallies, sum(t.count for t in tallies), None, False, (), (), (), (), {}, None,
                               grants=mine, amount=grants_amount(mine), sender=senders.get(lan.slug)))
    return tuple(out)


def _application_leaders(round_: RoundInput) -> tuple[CountyCount, ...]:
    """The three counties that sent most applications, with any county tied with the third
    (by the typed figures; :func:`_ranking_certain` says whether their words allow the order)."""
    counts = sorted((CountyCount(c.lan, c.data.applications, c.data.applications_word)
                     for c in round_.counties if c.data.applications), key=lambda x: (-x.count, x.lan.kod))
    if not counts:
        return ()
    cut = counts[min(2, len(counts) - 1)].count
    return tuple(c for c in counts if c.count >= cut)


def _ranking_certain(round_: RoundInput) -> bool:
    """Whether the leaders' order holds whatever the approximate counts really are: each figure
    certainly above the next lower one (approx.above), ties only between exact figures, and the
    last leader certainly above every county outside."""
    leaders = _application_leaders(round_)
    rest = [CountyCount(c.lan, c.data.applications, c.data.applications_word) for c in round_.counties
            if c.data.applications and c.lan not in {x.lan for x in leaders}]
    for a, b in zip(leaders, leaders[1:]):
        if a.count == b.count and (a.word or b.word):
            return False
        if a.count != b.count and not approx.above(a.count, a.word, b.count, b.word):
            return False
    return all(approx.above(leaders[-1].count, leaders[-1].word, c.count, c.word) for c in rest) if leaders else True
