"""Derive every figure the releases print from the figures editors typed once.

Everything that follows from the typed figures – totals, sums of parts, a county's rank, how
many multi-year recipients a county has – is computed here into the frozen values of
:mod:`pressrum.facts`, so templates only phrase. The computation never judges: whether the
typed figures agree with each other and with the recipient list is :mod:`pressrum.checks`'s
question. :func:`derive_round` asks both and raises with every problem of the round.

The round's own figures are derived here; a county's figures and rank in
:mod:`pressrum.county_figures`, each announcement's in :mod:`pressrum.announcement_facts`.
"""
from __future__ import annotations

from collections import Counter

from . import approx, headlines
from .announcement_facts import announcements_of
from .no_grants import cancelled_facts, no_new_grants_facts
from .checks import check_round
from .county_figures import counted, counties_of, county_facts_of, ranking_of, worded
from .errors import BuildFailed, Problem
from .counting_rules import (
    actor_types,
    decision_of,
    national_counts,
    round_organisation,
)
from .facts import (
    APPLICATIONS,
    CALL,
    DECISION,
    FEWER,
    MORE,
    NEWS,
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
)
from .grant_words import grant_words, measures
from .grants import Grant, actors_by_type, classify, covers
from .grants import amount as grants_amount
from .recipients import legal_type
from .round_models import RoundFile
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
    granted = worded(counted(national, terms), {} if grants else data.granted_words)
    total, total_word = _total(data, granted) if not grants else (sum(t.count for t in granted), None)
    multi_year = worded(counted(data.multi_year or actors_by_type(g for g in decided if g.multi_year), terms),
                        {} if grants else data.multi_year_words)
    schemes = _schemes(data, terms, decided)

    municipal = frozenset(k for k, t in actor_types(content.site.actor_types, data.actor_types).items()
                          if {legal_type(c) for c in t.covers} == {MUNICIPALITY})
    counties = counties_of(round_, terms, decided, municipal, listed=bool(grants))
    # An approximate national or county count ("nästan 100") cannot show that the county files hold every actor.
    complete = bool(counties) and total_word is None and all(c.total_word is None for c in counties) and all(sum(c.counts.get(t, 0) for c in counties) == national.get(t, 0) for t in terms)
    top, ranks = ranking_of(counties, complete, data.top_county)
    words = grant_words(content.site.grant, data.grant)
    county_facts = tuple(county_facts_of(c, top, ranks, data, multi_year, previous, words)
                         for c in sorted(counties, key=lambda c: c.lan.kod))
    return RoundFacts(
        key=round_.key, year=data.year, budget=data.budget, earmarks=data.earmarks,
        applications=data.applications, terms=tuple(terms.values()), granted=granted, total=total,
        total_word=total_word, multi_year=multi_year, top_counties=top, counties_complete=complete, counties=county_facts,
        announcements=announcements_of(data, terms, grants, decision, (granted, total, county_facts, total_word), schemes,
                                       {c.lan.slug: c.data.sender for c in counties if c.data.sender}),
        applications_by_type=worded(counted(data.applications_by_type, terms), data.applications_by_type_words),
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



def _schemes(data: RoundFile, terms: dict[str, Term], decided: tuple[Grant, ...]) -> tuple[SchemeFacts, ...]:
    out = []
    for key, s in data.schemes.items():
        own = tuple(g for g in decided if g.scheme == key)
        # A scheme's typed counts carry their words; rows of the list are exact (word_checks).
        tallies = worded(counted(s.granted or actors_by_type(own), terms), {} if own else s.granted_words)
        out.append(SchemeFacts(key, s.name, s.ordinance, s.budget, s.applicants, tallies,
                               sum(t.count for t in tallies), grants_amount(own) if own else None, s.budget_word,
                               approx.sum_word(t.word for t in tallies)))
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
