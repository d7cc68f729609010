"""Derive every figure the releases print, and cross-check the figures editors typed.

Editors type each figure once. Everything that follows from them – totals, sums of parts,
a county's rank, how many multi-year recipients a county has – is computed here into frozen
values, so templates only phrase. A typed figure that contradicts another (or a derived one)
is a :class:`Problem` that names every place involved.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from . import sv
from .errors import BuildFailed, Problem
from .models import ActorType, Announcement, Contact, Correction, Earmark, Quote, Recipient
from .validate import Content, CountyInput, RoundInput


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


@dataclass(frozen=True)
class AnnouncementFacts:
    key: str
    kind: str
    published: datetime
    quotes: tuple[Quote, ...]
    paragraphs: dict
    contacts: tuple[Contact, ...] | None
    corrections: tuple[Correction, ...]


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

    def county(self, slug: str) -> CountyFacts | None:
        """The facts of one county, or None."""
        return next((c for c in self.counties if c.lan.slug == slug), None)


def derive(content: Content) -> tuple[RoundFacts, ...]:
    """Compute every round's facts; raise BuildFailed with every contradiction found."""
    problems: list[Problem] = []
    rounds = tuple(_derive_round(r, content, problems) for r in content.rounds)
    if problems:
        raise BuildFailed(problems)
    return rounds


def _terms(round_: RoundInput, content: Content) -> dict[str, Term]:
    merged: dict[str, ActorType] = {**content.site.actor_types, **round_.data.actor_types}
    return {k: Term(k, t.singular, t.plural, t.sender or t.plural, t.gender) for k, t in merged.items()}


def _line(source, key) -> str:
    """``fil:rad`` of a key, for naming the other place involved in a contradiction."""
    return f"{source.shown}:{source.key_place(key).line}"


def _tallies(counts: dict[str, int], terms: dict[str, Term], source, field: str, problems) -> tuple[Tally, ...]:
    """Counts per type in the order the types are declared; unknown type keys are problems."""
    for key in counts:
        if key not in terms:
            problems.append(Problem(source.key_place((field, key)), f"okänd aktörstyp '{key}'",
                                    "använd en av " + ", ".join(terms) + " eller lägg till typen under aktörstyper i site.yaml"))
    return _largest_first(Tally(terms[k], counts[k]) for k in terms if counts.get(k))


def _county_line(county, key: str | None = None) -> str:
    """``fil:rad`` of a county's figure: its typed ``beviljade`` (of one type), else its recipient list."""
    src = county.input.source
    if county.input.data.granted:
        return _line(src, ("beviljade", key) if key and key in county.input.data.granted else ("beviljade",))
    return _line(src, ("mottagare",))


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


def _derive_round(round_: RoundInput, content: Content, problems: list[Problem]) -> RoundFacts:
    data, src = round_.data, round_.source
    terms = _terms(round_, content)
    granted = _tallies(data.granted, terms, src, "beviljade", problems)
    total = _check_total(granted, data.granted_total, src, "beviljade", "beviljade-totalt", problems)
    multi_year = _tallies(data.multi_year, terms, src, "fleråriga", problems)

    if total == 0:
        problems.append(Problem(src.place(("beviljade",)), "omgången ger inget pressmeddelande: inga beviljade aktörer",
                                "fyll i antalet beviljade aktörer per aktörstyp under beviljade"))
    if data.applications is not None and total > data.applications:
        problems.append(Problem(src.place(("ansökningar",)),
                                f"{total} beviljade aktörer ({_line(src, ('beviljade',))}) är fler än {data.applications} ansökningar",
                                "rätta antalet ansökningar eller beviljade"))
    for key, count in data.multi_year.items():
        if key in data.granted and count > data.granted[key]:
            problems.append(Problem(src.place(("fleråriga", key)),
                                    f"{count} fleråriga {key} är fler än {data.granted[key]} beviljade ({_line(src, ('beviljade', key))})",
                                    "fleråriga bidrag räknas bland de beviljade; rätta någon av siffrorna"))
    earmarked = sum(e.amount for e in data.earmarks)
    if earmarked > data.budget:
        problems.append(Problem(src.place(("öronmärkt",)),
                                f"de öronmärkta beloppen ({earmarked} kronor) är större än medlen ({data.budget} kronor, {_line(src, ('medel',))})",
                                "rätta beloppen"))

    counties = [_derive_county(c, terms, round_, problems) for c in round_.counties]
    _check_counties_against_round(counties, round_, content, problems)

    complete = bool(counties) and all(
        sum(c.granted.get(t, 0) for c in counties) == data.granted.get(t, 0) for t in terms)
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
            multi_year=tuple(MultiYear(t.term, t.count, data.multi_year.get(t.term.key)) for t in c.multi_year),
            quotes=c.input.data.quotes,
            paragraphs=dict(c.input.data.paragraphs),
            contacts=c.input.data.contacts,
        )
        for c in sorted(counties, key=lambda c: c.lan.kod)
    )
    announcements = tuple(
        AnnouncementFacts(key, a.kind, a.published, a.quotes, dict(a.paragraphs), a.contacts, a.corrections)
        for key, a in data.announcements.items()
    )
    return RoundFacts(
        key=round_.key, year=data.year, budget=data.budget, earmarks=data.earmarks,
        applications=data.applications, terms=tuple(terms.values()), granted=granted, total=total,
        multi_year=multi_year, top_counties=top, counties_complete=complete, counties=county_facts,
        announcements=announcements,
    )


@dataclass(frozen=True)
class _County:
    input: CountyInput
    lan: sv.Lan
    granted: dict  # type key -> count, typed or derived from the recipient list
    tallies: tuple[Tally, ...]
    total: int
    multi_year: tuple[Tally, ...]


def _derive_county(county: CountyInput, terms, round_: RoundInput, problems) -> _County:
    data, src = county.data, county.source
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
    tallies = _tallies(granted, terms, src, "beviljade", problems) if data.granted else _largest_first(
        Tally(terms[k], granted[k]) for k in terms if granted.get(k))
    total = _check_total(tallies, data.granted_total, src, "beviljade", "beviljade-totalt", problems)
    if data.granted:
        for key, n in listed.items():
            if key in terms and n > granted.get(key, 0):
                problems.append(Problem(src.place(("mottagare",)),
                                        f"{n} mottagare av typen {key} är listade, men beviljade säger {granted.get(key, 0)} ({_line(src, ('beviljade',))})",
                                        "rätta beviljade eller listan över mottagare"))
    multi = Counter(r.kind for r in data.recipients if r.multi_year)
    multi_year = tuple(Tally(terms[k], multi[k]) for k in terms if multi.get(k))
    if total == 0:
        problems.append(Problem(src.place(()), f"filen för {county.lan.namn} ger inget pressmeddelande: inga beviljade aktörer",
                                "fyll i beviljade eller mottagare, eller ta bort filen"))
    return _County(county, county.lan, granted, tallies, total, multi_year)


def _check_counties_against_round(counties: list[_County], round_: RoundInput, content: Content, problems) -> None:
    data, src = round_.data, round_.source
    national = data.granted
    terms = _terms(round_, content)
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
