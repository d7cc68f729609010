"""Derive every figure the releases print, and cross-check the figures editors typed.

Editors type each figure once. Everything that follows from them – totals, sums of parts,
a county's rank, how many multi-year recipients a county has – is computed here into frozen
values, so templates only phrase. A typed figure that contradicts another (or a derived one)
is a :class:`Problem` that names every place involved.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from . import sv
from .errors import BuildFailed, Problem
from .grants import Grant, actors_by_type, amount as grants_amount, classify
from .models import ActorType, Announcement, Contact, CountyFile, Correction, Earmark, Quote, Recipient
from .sources import Source
from .validate import Content, CountyInput, RoundInput

DECISION = "beslut"  # the kind whose figures are the round's granted actors
SUPPLEMENT = "tillagg"  # a supplementary decision: new actors and money on top of the decision


@dataclass(frozen=True)
class Term:
    """An actor type and its words, e.g. ``kommuner`` → "kommun eller region"/"kommuner och regioner"."""

    key: str
    singular: str
    plural: str
    sender: str  # after "ansökningar från …"
    gender: str


@dataclass(frozen=True)
class Tally:
    """A count of actors of one type."""

    term: Term
    count: int


@dataclass(frozen=True)
class MultiYear:
    """Multi-year recipients of one type listed in a county, beside the national count."""

    term: Term
    count: int
    national: int | None  # the round's figure for the type, when stated


@dataclass(frozen=True)
class CountyFacts:
    lan: sv.Lan
    granted: tuple[Tally, ...]  # per actor type, in the round's type order; zero counts left out
    total: int
    rank: int | None  # 1 = most granted actors; None when the county figures cannot tell
    top: bool  # first place, alone or shared
    shares_top_with: tuple[sv.Lan, ...]  # other counties in first place (shared first place)
    recipients: tuple[Recipient, ...]
    multi_year: tuple[MultiYear, ...]  # listed multi-year recipients per type
    quotes: tuple[Quote, ...]
    paragraphs: dict
    contacts: tuple[Contact, ...] | None
    grants: tuple[Grant, ...] = ()  # rows of beviljade.csv in the county (this announcement's)
    amount: int | None = None  # kronor to the county, when the recipient list gives it
    applications: int | None = None  # applications from the county, when stated
    previous_total: int | None = None  # granted actors in the county in the previous year's round


@dataclass(frozen=True)
class SchemeFacts:
    """One grant scheme with its own figures; never added to another unless a release says so."""

    key: str
    name: str
    ordinance: str | None
    budget: int
    applicants: str | None
    granted: tuple[Tally, ...]
    total: int
    amount: int | None  # kronor granted under the scheme, from the recipient list


@dataclass(frozen=True)
class CountyCount:
    """A county with a count, e.g. applications sent (for "flest ansökningar kommer från …")."""

    lan: sv.Lan
    count: int


@dataclass(frozen=True)
class AnnouncementFacts:
    key: str
    kind: str
    published: datetime
    quotes: tuple[Quote, ...]
    paragraphs: dict
    contacts: tuple[Contact, ...] | None
    corrections: tuple[Correction, ...]
    granted: tuple[Tally, ...] = ()  # new actors in this announcement (the decision: all of the round's)
    total: int = 0
    running_total: int = 0  # actors granted in the round up to and including this announcement
    amount: int | None = None  # kronor decided in this announcement
    running_amount: int | None = None
    topups: int = 0  # earlier recipients who get more money in this announcement
    topup_amount: int = 0
    schemes: tuple[SchemeFacts, ...] = ()  # the schemes the release speaks of
    summed: bool = False  # the release may add the schemes' figures together
    scheme_budget: int | None = None  # the money to speak of: the round's, or the schemes' only when summed
    counties: tuple[CountyFacts, ...] = ()  # counties with a local release for this announcement
    grants: tuple[Grant, ...] = ()  # rows of beviljade.csv in this announcement
    headline: str | None = None  # for hand-written news (typ: nyhet)
    lead: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class RoundFacts:
    key: str
    year: int
    budget: int
    earmarks: tuple[Earmark, ...]
    applications: int | None
    terms: tuple[Term, ...]
    granted: tuple[Tally, ...]
    total: int
    multi_year: tuple[Tally, ...]
    top_counties: tuple[sv.Lan, ...]  # stated or derived; empty when unknown
    counties_complete: bool  # the county files account for every granted actor
    counties: tuple[CountyFacts, ...]  # in county-code order
    announcements: tuple[AnnouncementFacts, ...]
    applications_by_type: tuple[Tally, ...] = ()
    applied_amount: int | None = None
    application_leaders: tuple[CountyCount, ...] = ()  # counties that sent most applications (ties kept)
    schemes: tuple[SchemeFacts, ...] = ()
    grants: tuple[Grant, ...] = ()  # the whole recipient list, when the round has one
    amount: int | None = None  # kronor granted in the decision, from the recipient list
    multi_year_commitments: int | None = None  # kronor promised for later years to multi-year grants
    previous_total: int | None = None  # granted actors in the previous year's round, when in content/

    def county(self, slug: str) -> CountyFacts | None:
        """The facts of one county, or None."""
        return next((c for c in self.counties if c.lan.slug == slug), None)


@dataclass(frozen=True)
class YearTotals:
    """All a round reads of the previous year's round: granted actors in all and per county.

    The round that stands for a year is the first of that year in folder-name order.
    """

    key: str
    total: int
    counties: tuple[tuple[str, int], ...]  # (county slug, granted actors), in county-code order

    def county_total(self, slug: str) -> int | None:
        return next((n for s, n in self.counties if s == slug), None)


def year_totals(facts: RoundFacts) -> YearTotals:
    """What the next year's round compares itself with."""
    return YearTotals(facts.key, facts.total, tuple((c.lan.slug, c.total) for c in facts.counties))


def derive(content: Content) -> tuple[RoundFacts, ...]:
    """Compute every round's facts; raise BuildFailed with every contradiction found."""
    problems: list[Problem] = []
    by_year: dict[int, YearTotals] = {}
    derived = {}
    # Oldest first, so a round can compare itself with the previous year's.
    for r in sorted(content.rounds, key=lambda r: (r.data.year, r.key)):
        facts = _derive_round(r, content, problems, by_year.get(r.data.year - 1))
        derived[r.key] = facts
        by_year.setdefault(r.data.year, year_totals(facts))
    if problems:
        raise BuildFailed(problems)
    return tuple(derived[r.key] for r in content.rounds)


def derive_round(round_: RoundInput, content: Content, previous: YearTotals | None) -> RoundFacts:
    """One round's facts, given the previous year's totals (see :func:`derive`); raise BuildFailed."""
    problems: list[Problem] = []
    facts = _derive_round(round_, content, problems, previous)
    if problems:
        raise BuildFailed(problems)
    return facts


def _actor_types(round_: RoundInput, content: Content) -> dict[str, ActorType]:
    """The round's actor types: site.yaml's, with the round's own words where it has them."""
    return {**content.site.actor_types, **round_.data.actor_types}


def _terms(round_: RoundInput, content: Content) -> dict[str, Term]:
    return {k: Term(k, t.singular, t.plural, t.sender or t.plural, t.gender)
            for k, t in _actor_types(round_, content).items()}


def _line(source, key) -> str:
    """``fil:rad`` of a key, for naming the other place involved in a contradiction."""
    return f"{source.shown}:{source.key_place(key).line}"


def _tallies(counts: dict[str, int], terms: dict[str, Term], source, field: str, problems) -> tuple[Tally, ...]:
    """Typed counts per type as tallies (largest first); unknown type keys are problems."""
    for key in counts:
        if key not in terms:
            problems.append(Problem(source.key_place((field, key)), f"okänd aktörstyp '{key}'",
                                    "använd en av " + ", ".join(terms) + " eller lägg till typen under aktörstyper i site.yaml"))
    return _counted(counts, terms)


def _county_line(county, key: str | None = None) -> str:
    """``fil:rad`` of a county's figure: its typed ``beviljade`` (of one type), else its recipient list."""
    src = county.input.source
    if county.input.data.granted:
        return _line(src, ("beviljade", key) if key and key in county.input.data.granted else ("beviljade",))
    return _line(src, ("mottagare",))


def _counted(counts, terms: dict[str, Term]) -> tuple[Tally, ...]:
    """Counts per actor type key (typed or counted) as tallies, largest first; zero counts left out."""
    return _largest_first(Tally(terms[k], counts[k]) for k in terms if counts.get(k))


def _largest_first(tallies) -> tuple[Tally, ...]:
    """Largest count first (as press releases list them), ties in the declared type order."""
    return tuple(sorted(tallies, key=lambda t: -t.count))


def _check_total(parts: tuple[Tally, ...], stated: int | None, source, field: str, total_field: str, problems) -> int:
    total = sum(t.count for t in parts)
    if stated is not None and stated != total:
        sums = " + ".join(str(t.count) for t in parts) or "0"
        problems.append(Problem(source.place((total_field,)),
                                f"{total_field} är {stated}, men delarna under {field} ({_line(source, (field,))}) blir {sums} = {total}",
                                f"rätta {total_field} eller delarna så att de stämmer"))
    return total


def _covers(round_: RoundInput, content: Content, terms: dict[str, Term]) -> dict[str, str]:
    """Legal type in the recipient list → actor type key (from ``omfattar``)."""
    return {kind: key for key, t in _actor_types(round_, content).items() if key in terms for kind in t.covers}


def _compare_with_list(typed: dict, derived, source: Source, field: tuple, csv_file: str, what: str, problems) -> None:
    """A figure typed in YAML and also given by the recipient list must agree; name both places."""
    for key in sorted(set(typed) | set(derived)):
        if typed.get(key, 0) != derived.get(key, 0):
            problems.append(Problem(source.place(field + ((key,) if key in typed else ())),
                                    f"{what}: {typed.get(key, 0)} {key} här, men {derived.get(key, 0)} i {csv_file}",
                                    "rätta siffran eller listan över beviljade så att de stämmer"))


def _derive_round(round_: RoundInput, content: Content, problems: list[Problem],
                  previous: YearTotals | None = None) -> RoundFacts:
    data, src = round_.data, round_.source
    terms = _terms(round_, content)
    decision = next((k for k, a in data.announcements.items() if a.kind == DECISION), None)
    grants = classify(round_.recipients, terms, _covers(round_, content, terms), data.announcements, decision,
                      data.schemes, problems) if round_.recipients else ()
    decided = tuple(g for g in grants if g.announcement == decision)

    if data.granted:
        national = dict(data.granted)
        granted = _tallies(data.granted, terms, src, "beviljade", problems)
        if grants:
            _compare_with_list(data.granted, actors_by_type(decided), src, ("beviljade",), round_.recipients_file,
                               "beviljade i hela landet", problems)
    else:
        national = dict(actors_by_type(decided))
        granted = _counted(national, terms)
    total = _check_total(granted, data.granted_total, src, "beviljade", "beviljade-totalt", problems)

    multi_listed = actors_by_type(g for g in decided if g.multi_year)
    if data.multi_year and grants:
        _compare_with_list(data.multi_year, multi_listed, src, ("fleråriga",), round_.recipients_file,
                           "fleråriga i hela landet", problems)
    multi_year = (_tallies(data.multi_year, terms, src, "fleråriga", problems) if data.multi_year
                  else _counted(multi_listed, terms))

    if total == 0:
        problems.append(Problem(src.place(("beviljade",)), "omgången ger inget pressmeddelande: inga beviljade aktörer",
                                "fyll i antalet beviljade aktörer per aktörstyp under beviljade, eller lägg till beviljade.csv"))
    if data.applications is not None and total > data.applications:
        problems.append(Problem(src.place(("ansökningar",)),
                                f"{total} beviljade aktörer ({_line(src, ('beviljade',))}) är fler än {data.applications} ansökningar",
                                "rätta antalet ansökningar eller beviljade"))
    for key, count in data.multi_year.items():
        if key in national and count > national[key]:
            problems.append(Problem(src.place(("fleråriga", key)),
                                    f"{count} fleråriga {key} är fler än {national[key]} beviljade ({_line(src, ('beviljade', key))})",
                                    "fleråriga bidrag räknas bland de beviljade; rätta någon av siffrorna"))
    earmarked = sum(e.amount for e in data.earmarks)
    if earmarked > data.budget:
        problems.append(Problem(src.place(("öronmärkt",)),
                                f"de öronmärkta beloppen ({earmarked} kronor) är större än medlen ({data.budget} kronor, {_line(src, ('medel',))})",
                                "rätta beloppen"))
    by_type = _tallies(data.applications_by_type, terms, src, "ansökningar-per-typ", problems)
    if data.applications_by_type:
        _check_total(by_type, data.applications, src, "ansökningar-per-typ", "ansökningar", problems)
    schemes = _schemes(round_, terms, decided, problems)

    counties = [_derive_county(c, terms, round_, problems, _by_place(g for g in decided if g.municipality.lan == c.lan))
                for c in round_.counties]
    with_file = {c.lan.slug for c in counties}
    for lan in sorted({g.municipality.lan for g in decided if g.municipality.lan.slug not in with_file}, key=lambda l: l.kod):
        counties.append(_county_from_list(lan, round_, terms, _by_place(g for g in decided if g.municipality.lan == lan)))
    _check_counties_against_round(counties, round_, terms, problems, national)
    _check_applications(round_, problems)

    complete = bool(counties) and all(sum(c.granted.get(t, 0) for c in counties) == national.get(t, 0) for t in terms)
    top, ranks = _ranking(counties, complete, round_, problems)

    county_facts = tuple(
        CountyFacts(
            lan=c.lan,
            granted=c.tallies,
            total=c.total,
            rank=ranks.get(c.lan.slug),
            top=c.lan in top,
            shares_top_with=tuple(l for l in top if l != c.lan) if c.lan in top else (),
            recipients=c.input.data.recipients,
            multi_year=tuple(MultiYear(t.term, t.count, data.multi_year.get(t.term.key) or _count(multi_year, t.term.key))
                             for t in c.multi_year),
            quotes=c.input.data.quotes,
            paragraphs=dict(c.input.data.paragraphs),
            contacts=c.input.data.contacts,
            grants=c.grants,
            amount=grants_amount(c.grants) if c.grants else None,
            applications=c.input.data.applications,
            previous_total=_previous_total(previous, c.lan),
        )
        for c in sorted(counties, key=lambda c: c.lan.kod)
    )
    announcements = _announcements(round_, terms, grants, decision, granted, total, county_facts, schemes, problems)
    return RoundFacts(
        key=round_.key, year=data.year, budget=data.budget, earmarks=data.earmarks,
        applications=data.applications, terms=tuple(terms.values()), granted=granted, total=total,
        multi_year=multi_year, top_counties=top, counties_complete=complete, counties=county_facts,
        announcements=announcements, applications_by_type=by_type, applied_amount=data.applied_amount,
        application_leaders=_application_leaders(round_), schemes=schemes, grants=grants,
        amount=grants_amount(decided) if decided else None,
        multi_year_commitments=sum(g.amount * (g.years - 1) for g in decided if g.multi_year) if decided else None,
        previous_total=previous.total if previous else None,
    )


def _by_place(grants) -> tuple[Grant, ...]:
    """Grants as a local release lists them: by municipality, then name."""
    return tuple(sorted(grants, key=lambda g: (g.municipality.namn, g.name.casefold())))


def _count(tallies: tuple[Tally, ...], key: str) -> int | None:
    return next((t.count for t in tallies if t.term.key == key), None)


def _previous_total(previous: YearTotals | None, lan: sv.Lan) -> int | None:
    return None if previous is None else previous.county_total(lan.slug)


def _schemes(round_: RoundInput, terms, decided: tuple[Grant, ...], problems) -> tuple[SchemeFacts, ...]:
    data, src = round_.data, round_.source
    out = []
    for key, s in data.schemes.items():
        own = tuple(g for g in decided if g.scheme == key)
        counts = actors_by_type(own)
        if s.granted:
            tallies = _tallies(s.granted, terms, src, "ordningar", problems)
            if own:
                _compare_with_list(s.granted, counts, src, ("ordningar", key, "beviljade"), round_.recipients_file,
                                   f"beviljade inom {key}", problems)
        else:
            tallies = _counted(counts, terms)
        out.append(SchemeFacts(key, s.name, s.ordinance, s.budget, s.applicants, tallies,
                               sum(t.count for t in tallies), grants_amount(own) if own else None))
    if data.schemes and sum(s.budget for s in data.schemes.values()) != data.budget:
        parts = " + ".join(str(s.budget) for s in data.schemes.values())
        problems.append(Problem(src.place(("medel",)),
                                f"medel är {data.budget} kronor, men bidragen under ordningar ({_line(src, ('ordningar',))}) blir {parts} = {sum(s.budget for s in data.schemes.values())}",
                                "rätta medel eller bidragens belopp"))
    return tuple(out)


def _announcements(round_: RoundInput, terms, grants, decision, granted, total, counties, schemes, problems):
    data, src = round_.data, round_.source
    by_scheme = {s.key: s for s in schemes}
    actors_so_far: list[tuple[datetime, int]] = []
    amounts_so_far: list[tuple[datetime, int | None]] = []
    out = []
    # Running totals follow publication order: a supplement adds to everything decided before it.
    ordered = sorted(data.announcements.items(), key=lambda kv: (kv[1].published, kv[0]))
    for key, a in ordered:
        own = tuple(g for g in grants if g.announcement == key)
        place = ("tillfällen", key)
        for k in a.schemes:
            if k not in by_scheme:
                problems.append(Problem(src.place(place + ("ordningar",)), f"okänt bidrag '{k}'",
                                        "använd en nyckel under ordningar: " + (", ".join(by_scheme) or "det finns inga")))
        spoken = tuple(by_scheme[k] for k in a.schemes if k in by_scheme) or schemes
        if key == decision:
            ann_granted, ann_total, ann_counties = granted, total, counties
        else:
            counts = dict(a.granted) if a.granted else dict(actors_by_type(own))
            if a.granted and own:
                _compare_with_list(a.granted, actors_by_type(own), src, place + ("beviljade",), round_.recipients_file,
                                   f"beviljade i {key}", problems)
            ann_granted = _tallies(counts, terms, src, "beviljade", problems) if a.granted else _counted(counts, terms)
            ann_total = sum(t.count for t in ann_granted)
            ann_counties = _supplement_counties(own, terms) if a.kind == SUPPLEMENT else ()
        money = a.amount if a.amount is not None else (grants_amount(own) if own else None)
        if a.amount is not None and own and grants_amount(own) != a.amount:
            problems.append(Problem(src.place(place + ("belopp",)),
                                    f"belopp är {a.amount} kronor, men raderna för {key} i {round_.recipients_file} blir {grants_amount(own)} kronor",
                                    "rätta beloppet eller listan över beviljade"))
        if a.kind in (DECISION, SUPPLEMENT):
            actors_so_far.append((a.published, ann_total))
            amounts_so_far.append((a.published, money))
        running_amounts = [m for t, m in amounts_so_far if t <= a.published]
        topups = tuple(g for g in own if g.topup)
        out.append(AnnouncementFacts(
            key, a.kind, a.published, a.quotes, dict(a.paragraphs), a.contacts, a.corrections,
            granted=ann_granted, total=ann_total,
            running_total=sum(n for t, n in actors_so_far if t <= a.published),
            amount=money,
            running_amount=sum(running_amounts) if running_amounts and None not in running_amounts else None,
            topups=len(topups), topup_amount=grants_amount(topups),
            schemes=spoken, summed=a.summed,
            scheme_budget=(data.budget if not spoken else
                           sum(s.budget for s in spoken) if a.summed or len(spoken) == 1 else None),
            counties=ann_counties, grants=own, headline=a.headline, lead=a.lead, text=a.text,
        ))
        if a.kind == "nyhet" and not (a.headline and a.lead and a.text):
            problems.append(Problem(src.place(place), "en nyhet behöver rubrik, ingress och text",
                                    "skriv rubrik, ingress och text under tillfället"))
        if a.kind == "ansokningar" and data.applications is None:
            problems.append(Problem(src.place(place + ("typ",)), "ett pressmeddelande om ansökningar behöver antalet ansökningar",
                                    "skriv ansökningar: <antal> i round.yaml"))
        if a.kind == SUPPLEMENT and ann_total == 0 and not topups:
            problems.append(Problem(src.place(place), f"tillägget {key} har inga nya aktörer och inga tillägg",
                                    "skriv beviljade under tillfället eller lägg till raderna i beviljade.csv med tillfälle " + key))
    order = {k: i for i, k in enumerate(data.announcements)}
    return tuple(sorted(out, key=lambda a: order[a.key]))


def _supplement_counties(own: tuple[Grant, ...], terms) -> tuple[CountyFacts, ...]:
    """Counties with new actors in a supplementary decision (top-ups alone make no local news)."""
    out = []
    for lan in sorted({g.municipality.lan for g in own if not g.topup}, key=lambda l: l.kod):
        mine = _by_place(g for g in own if g.municipality.lan == lan)
        counts = actors_by_type(mine)
        tallies = _counted(counts, terms)
        out.append(CountyFacts(lan, tallies, sum(counts.values()), None, False, (), (), (), (), {}, None,
                               grants=mine, amount=grants_amount(mine)))
    return tuple(out)


def _application_leaders(round_: RoundInput) -> tuple[CountyCount, ...]:
    """The three counties that sent most applications, with any county tied with the third."""
    counts = sorted(((c.lan, c.data.applications) for c in round_.counties if c.data.applications),
                    key=lambda x: (-x[1], x[0].kod))
    if not counts:
        return ()
    cut = counts[min(2, len(counts) - 1)][1]
    return tuple(CountyCount(l, n) for l, n in counts if n >= cut)


def _check_applications(round_: RoundInput, problems) -> None:
    data, src = round_.data, round_.source
    sent = [(c, c.data.applications) for c in round_.counties if c.data.applications]
    if data.applications is not None and sum(n for _, n in sent) > data.applications:
        where = ", ".join(f"{_line(c.source, ('ansökningar',))} ({n})" for c, n in sent)
        problems.append(Problem(src.place(("ansökningar",)),
                                f"länen har sammanlagt {sum(n for _, n in sent)} ansökningar, men ansökningar säger {data.applications}: {where}",
                                "rätta siffrorna så att länen tillsammans inte överstiger rikets"))


@dataclass(frozen=True)
class _County:
    input: CountyInput
    lan: sv.Lan
    granted: dict  # type key -> count, typed or derived from the recipient list
    tallies: tuple[Tally, ...]
    total: int
    multi_year: tuple[Tally, ...]
    grants: tuple[Grant, ...] = ()  # the county's rows of the recipient list (the decision's)


def _county_from_list(lan: sv.Lan, round_: RoundInput, terms, grants: tuple[Grant, ...]) -> _County:
    """A county known only from the recipient list: figures, no quotes or paragraphs of its own."""
    src = Source(Path(round_.recipients_file), round_.recipients_file, {})
    counts = actors_by_type(grants)
    tallies = _counted(counts, terms)
    multi = actors_by_type(g for g in grants if g.multi_year)
    return _County(CountyInput(lan.slug, lan, CountyFile(), src), lan, dict(counts), tallies,
                   sum(counts.values()), tuple(Tally(terms[k], multi[k]) for k in terms if multi.get(k)), grants)


def _derive_county(county: CountyInput, terms, round_: RoundInput, problems, grants: tuple[Grant, ...] = ()) -> _County:
    data, src = county.data, county.source
    if grants and data.granted:
        _compare_with_list(data.granted, actors_by_type(grants), src, ("beviljade",), round_.recipients_file,
                           f"beviljade i {county.lan.namn}", problems)
    if grants and not data.granted and not data.recipients:
        return replace(_county_from_list(county.lan, round_, terms, grants), input=county)
    listed = Counter(r.kind for r in data.recipients)
    for i, r in enumerate(data.recipients):
        if r.kind not in terms:
            problems.append(Problem(src.place(("mottagare", i, "typ")), f"okänd aktörstyp '{r.kind}'",
                                    "använd en av " + ", ".join(terms)))
        if r.municipality.lan != county.lan:
            problems.append(Problem(src.place(("mottagare", i, "kommun")),
                                    f"{r.municipality.namn} ligger i {r.municipality.lan.namn}, inte i {county.lan.namn}",
                                    f"rätta kommunen eller flytta mottagaren till {r.municipality.lan.slug}.yaml"))
    # Typed figures win; without them the recipient list is the figure (typed once, never twice).
    granted = dict(data.granted) if data.granted else dict(listed)
    tallies = _tallies(granted, terms, src, "beviljade", problems) if data.granted else _counted(granted, terms)
    total = _check_total(tallies, data.granted_total, src, "beviljade", "beviljade-totalt", problems)
    if data.granted:
        for key, n in listed.items():
            if key in terms and n > granted.get(key, 0):
                problems.append(Problem(src.place(("mottagare",)),
                                        f"{n} mottagare av typen {key} är listade, men beviljade säger {granted.get(key, 0)} ({_line(src, ('beviljade',))})",
                                        "rätta beviljade eller listan över mottagare"))
    multi = Counter(r.kind for r in data.recipients if r.multi_year)
    multi_year = tuple(Tally(terms[k], multi[k]) for k in terms if multi.get(k))
    if total == 0 and data.applications is None:
        problems.append(Problem(src.place(()), f"filen för {county.lan.namn} ger inget pressmeddelande: inga beviljade aktörer",
                                "fyll i beviljade eller mottagare, eller ta bort filen"))
    return _County(county, county.lan, granted, tallies, total, multi_year, grants)


def _check_counties_against_round(counties: list[_County], round_: RoundInput, terms: dict[str, Term], problems,
                                  national: dict) -> None:
    data, src = round_.data, round_.source
    for key in sorted({k for c in counties for k in c.granted}):
        if key not in national:
            for c in counties:
                if key in terms and c.granted.get(key, 0) > 0:
                    problems.append(Problem(c.input.source.place(("beviljade", key)) if c.input.data.granted
                                            else c.input.source.place(("mottagare",)),
                                            f"{c.granted[key]} {key} i {c.lan.namn}, men beviljade för hela landet "
                                            f"({_line(src, ('beviljade',))}) har inga {key}",
                                            f"lägg till {key} under beviljade i {src.shown} eller rätta länets siffra"))
            continue
        in_counties = [(c, c.granted.get(key, 0)) for c in counties if c.granted.get(key, 0)]
        for c, n in in_counties:
            if n > national[key]:
                problems.append(Problem(c.input.source.place(("beviljade", key)),
                                        f"{n} {key} i {c.lan.namn} är fler än {national[key]} i hela landet ({_line(src, ('beviljade', key))})",
                                        "länets siffra kan inte vara större än rikets; rätta någon av dem"))
        total = sum(n for _, n in in_counties)
        if total > national[key] and len(in_counties) > 1:
            where = ", ".join(f"{_county_line(c, key)} ({n})" for c, n in in_counties)
            problems.append(Problem(src.place(("beviljade", key)),
                                    f"länsfilerna har sammanlagt {total} {key}, men hela landet har {national[key]}: {where}",
                                    "rätta siffrorna så att länen tillsammans inte överstiger rikets"))
    for key, n_nat in data.multi_year.items():
        listed = [(c, t.count) for c in counties for t in c.multi_year if t.term.key == key]
        if sum(n for _, n in listed) > n_nat:
            where = ", ".join(f"{_line(c.input.source, ('mottagare',))} ({n})" for c, n in listed)
            problems.append(Problem(src.place(("fleråriga", key)),
                                    f"{sum(n for _, n in listed)} fleråriga {key} är listade i länen, men fleråriga säger {n_nat}: {where}",
                                    "rätta fleråriga eller markeringen flerårigt hos mottagarna"))


def _ranking(counties: list[_County], complete: bool, round_: RoundInput, problems):
    """First place and ranks: derived when the county files are complete, else as stated."""
    stated = round_.data.top_county
    src = round_.source
    by_slug = {c.lan.slug: c for c in counties}
    if complete:
        best = max(c.total for c in counties)
        ranks = {c.lan.slug: 1 + sum(o.total > c.total for o in counties) for c in counties}
        top = tuple(c.lan for c in sorted(counties, key=lambda c: c.lan.kod) if c.total == best)
        if stated is not None and stated not in top:
            names = sv.lista([l.kortnamn for l in top])
            problems.append(Problem(src.place(("flest-beviljade-län",)),
                                    f"flest-beviljade-län säger {stated.kortnamn}, men länsfilerna ger {names} ({best} beviljade)",
                                    "ta bort flest-beviljade-län (det räknas fram) eller rätta länsfilerna"))
        return top, ranks
    if stated is None:
        return (), {}
    if stated.slug in by_slug:
        leader = by_slug[stated.slug]
        for c in counties:
            if c.total > leader.total:
                problems.append(Problem(src.place(("flest-beviljade-län",)),
                                        f"flest-beviljade-län säger {stated.kortnamn} ({leader.total}), men {c.lan.kortnamn} har {c.total} ({_county_line(c)})",
                                        "rätta flest-beviljade-län eller länsfilerna"))
    return (stated,), {stated.slug: 1}
