"""A county's figures: its counts per actor type, its total, its rank among the counties.

The tallies every figure of a round is built from (counts per actor type key, with the editor's
rounding words, largest first) live here too, as the counties' and the announcements' share them.
:mod:`pressrum.derive` calls these while it derives a round; they compute and never judge.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from . import approx, sv
from .calls import county_call
from .counting_rules import county_counts
from .facts import CountyFacts, MultiYear, Tally, Term, YearTotals
from .grant_words import measures
from .grants import Grant, actors_by_type
from .grants import amount as grants_amount
from .round_models import CountyFile, RoundFile
from .validate import RoundInput


def counted(counts, terms: dict[str, Term]) -> tuple[Tally, ...]:
    """Counts per actor type key (typed or counted) as tallies, largest first; zero counts and
    unknown type keys left out (the checks report those)."""
    return _largest_first(Tally(terms[k], counts[k]) for k in terms if counts.get(k))


def worded(tallies: tuple[Tally, ...], words: dict) -> tuple[Tally, ...]:
    """Typed parts with the editor's word for each type ("över", "hälften"), where there is one."""
    return tuple(replace(t, word=words.get(t.term.key)) for t in tallies)


def _largest_first(tallies) -> tuple[Tally, ...]:
    """Largest count first (as press releases list them), ties in the declared type order."""
    return tuple(sorted(tallies, key=lambda t: -t.count))


def by_place(grants) -> tuple[Grant, ...]:
    """Grants as a local release lists them: by municipality, then name."""
    return tuple(sorted(grants, key=lambda g: (g.municipality.namn, g.name.casefold())))


@dataclass(frozen=True)
class _County:
    """A county's figures before the ranking, which needs every county's total."""

    lan: sv.Lan
    data: CountyFile  # empty for a county known only from the recipient list
    counts: dict  # type key -> count, as :func:`~pressrum.counting_rules.county_counts` gives it
    tallies: tuple[Tally, ...]
    total: int
    multi_year: tuple[Tally, ...]
    grants: tuple[Grant, ...] = ()  # the county's rows of the recipient list (the decision's)
    total_word: str | None = None  # the rounding word of the county's total, None when exact


def counties_of(round_: RoundInput, terms: dict[str, Term], decided: tuple[Grant, ...],
                municipal: frozenset[str] = frozenset(), listed: bool = False) -> list[_County]:
    """The counties with a file (in file order), then those known only from the list (by code);
    ``municipal`` are the type keys that take only kommuner (see :attr:`Tally.whole`); ``listed``:
    the round has a recipient list, whose counts are exact (a county's word is then an error)."""
    counties = [_county(c.lan, c.data, terms, by_place(g for g in decided if g.municipality.lan == c.lan), municipal,
                        listed)
                for c in round_.counties]
    with_file = {c.lan.slug for c in counties}
    for lan in sorted({g.municipality.lan for g in decided if g.municipality.lan.slug not in with_file},
                      key=lambda county: county.kod):
        counties.append(_county(lan, CountyFile(), terms, by_place(g for g in decided if g.municipality.lan == lan),
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
                    for t in worded(counted(counts, terms), words))
    if grants and not data.granted and not data.recipients:  # the recipient list is the county's figure
        multi = actors_by_type(g for g in grants if g.multi_year)
    else:
        multi = Counter(r.kind for r in data.recipients if r.multi_year)
    total, total_word = _county_total(data, tallies, bool(words))
    return _County(lan, data, counts, tallies, total,
                   tuple(Tally(terms[k], multi[k]) for k in terms if multi.get(k)), grants, total_word)


def _county_total(data: CountyFile, tallies: tuple[Tally, ...], typed: bool) -> tuple[int, str | None]:
    """The county's granted actors in all, with its rounding word: its ``beviljade-totalt`` as
    typed when that has a word, else the parts' sum, approximate when a part is (as :func:`pressrum.derive._total`)."""
    if typed and data.granted_total is not None and data.granted_total_word is not None:
        return data.granted_total, data.granted_total_word
    return sum(t.count for t in tallies), approx.sum_word(t.word for t in tallies)


def ranking_of(counties: list[_County], complete: bool, stated: sv.Lan | None):
    """First place and ranks: derived when the county files are complete, else as stated."""
    if complete:
        best = max(c.total for c in counties)
        ranks = {c.lan.slug: 1 + sum(o.total > c.total for o in counties) for c in counties}
        return tuple(c.lan for c in sorted(counties, key=lambda c: c.lan.kod) if c.total == best), ranks
    if stated is None:
        return (), {}
    return (stated,), {stated.slug: 1}


def county_facts_of(c: _County, top: tuple[sv.Lan, ...], ranks: dict, data: RoundFile,
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
