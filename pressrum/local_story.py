"""What makes a local release a story about its county: derived county facts, and the choice
of formulation.

:func:`story` computes, from a county's and the round's figures, the facts a reporter in the
county would look for – its share of the country's granted actors, its place among the counties,
how many of the county's kommuner get something, the biggest grant and who gets it – and only
those the data supports (a share needs the national total, kommuner need the county's complete
list of recipients). :func:`variant` picks one of :data:`VARIANTS` formulations per sentence
role from the data (never at random, so builds stay byte-identical): counties next to each
other in county-code order never share a formulation, so three local releases of one morning do
not read as one template.
"""
from __future__ import annotations


import zlib
from collections import Counter
from dataclasses import dataclass
from functools import cache

from . import sv
from .facts import CountyFacts, RoundFacts
from .grants import names_municipality
from .headlines import FALLBACKS

VARIANTS = 3  # formulations per sentence role in the local release templates


@dataclass(frozen=True)
class Variant:
    """Which formulation a template writes (``variant``, ``rubrikvariant``), as truth values the
    template tests: ``variant.first`` rather than ``variant == 0``."""

    number: int  # 0 … VARIANTS − 1 the release's own formulations; headlines also FALLBACKS

    @property
    def first(self) -> bool:
        """Formulation 0."""
        return self.number == 0

    @property
    def second(self) -> bool:
        """Formulation 1."""
        return self.number == 1

    @property
    def third(self) -> bool:
        """Formulation 2."""
        return self.number == 2

    @property
    def short(self) -> bool:
        """The first short headline fallback (it may still name the angle)."""
        return self.number == FALLBACKS[0]

    @property
    def shortest(self) -> bool:
        """The last, shortest headline fallback."""
        return self.number == FALLBACKS[-1]

    @property
    def fallback(self) -> bool:
        """Either short headline fallback."""
        return self.number in FALLBACKS


@dataclass(frozen=True)
class Biggest:
    """The county's largest single grant (from the recipient list with amounts)."""

    name: str
    municipality: str
    amount: int
    years: int | None  # a multi-year grant: the amount is per year, for this many years

    @property
    def who(self) -> str:
        """The recipient and its place: "Fryshuset i Malmö", but "Malmö stad" (never "Malmö stad
        i Malmö") when the name already says the municipality."""
        if names_municipality(self.name, self.municipality):
            return self.name
        return f"{self.name} i {self.municipality}"


# A share reads as a count ("en av landets tolv aktörer") unless both figures are large enough for
# a per cent to say more than the count: the county has at least two and the country at least
# twenty (four of twelve is "fyra av landets tolv", not "33 procent"; see content/README.md).
PERCENT_MIN_COUNTY = 2
PERCENT_MIN_COUNTRY = 20
# A place among the counties is said up to the twelfth ("tolfte flest"); below it, as a digit
# ordinal ("15:e flest"), it tells a reader nothing a release would lead a paragraph with.
LAST_PLACE_SAID = 12
# A shared place names the other counties up to this many, then counts them ("tre andra län").
NAMED_OTHERS = 2


@dataclass(frozen=True)
class Share:
    """The county's part of the country's granted actors: ``count`` of ``total``."""

    count: int
    total: int

    @property
    def percent(self) -> int:
        """The share in whole per cent."""
        return round(100 * self.count / self.total)

    @property
    def in_percent(self) -> bool:
        """The release says the share in per cent (:data:`PERCENT_MIN_COUNTY`,
        :data:`PERCENT_MIN_COUNTRY`); otherwise as a count ("en av landets tolv")."""
        return self.count >= PERCENT_MIN_COUNTY and self.total >= PERCENT_MIN_COUNTRY and self.percent >= 1


@dataclass(frozen=True)
class Rank:
    """The county's place among the counties by granted actors (2 … :data:`LAST_PLACE_SAID`;
    first place is the angle's), and the counties that share it, in county-code order."""

    place: int
    others: tuple[str, ...] = ()  # short names ("Uppsala län", "Dalarna")

    @property
    def second(self) -> bool:
        """Second place: "näst flest", not "andra flest"."""
        return self.place == 2

    @property
    def shared(self) -> bool:
        """Other counties have as many granted actors."""
        return bool(self.others)

    @property
    def names_others(self) -> bool:
        """The counties sharing the place are few enough to name (:data:`NAMED_OTHERS`)."""
        return len(self.others) <= NAMED_OTHERS

    @property
    def others_count(self) -> int:
        """How many other counties share the place ("delar fjärde plats med tre andra län")."""
        return len(self.others)


@dataclass(frozen=True)
class Story:
    """County facts for the local release; None where the data cannot tell."""

    share: Share | None  # the county's part of the country's granted actors
    rank: Rank | None  # its place among the counties, from the second to the twelfth
    counties: int | None  # counties with at least one granted actor
    kommuner: int | None  # the county's kommuner with a recipient (complete lists only)
    kommuner_total: int  # the county's kommuner (SCB)
    biggest: Biggest | None
    multi_year: tuple = ()  # Tally-like (term, count) of the county's multi-year recipients
    several_types: bool = False  # the county's recipients are of more than one type

    @property
    def tells_municipalities(self) -> bool:
        """The release can say in how many of the county's kommuner the recipients are: the
        figure is known and the county has more than one kommun (Gotland has one)."""
        return self.kommuner is not None and self.kommuner_total > 1

    @property
    def all_municipalities(self) -> bool:
        """Every kommun of the county has a recipient ("alla länets åtta kommuner")."""
        return self.kommuner == self.kommuner_total

    @property
    def count(self) -> int:
        """How many county facts the release can state (what ``bench/texts.py`` measures)."""
        return sum(x is not None for x in (self.share, self.rank, self.kommuner, self.biggest)) + bool(self.multi_year)


def variant(county: CountyFacts, round_key: str) -> int:
    """The formulation (0 … VARIANTS − 1) of the county's local release.

    The county's position in county-code order decides, so neighbours always differ; the round
    key shifts the pattern, so one county does not read the same every year.
    """
    codes = [lan.kod for lan in sv.alla_lan()]
    position = codes.index(county.lan.kod) if county.lan.kod in codes else 0
    return (position + zlib.crc32(round_key.encode("utf-8"))) % VARIANTS


def _municipalities(lan: sv.Lan) -> int:
    """How many municipalities the county has."""
    return _municipality_counts().get(lan, 0)


@cache
def _municipality_counts() -> Counter:
    # Counted once: comparing a county with all 290 municipalities for each local release
    # (twice, headline pass included) was 4 % of a build's CPU.
    return Counter(k.lan for k in sv.alla_kommuner())


def _rank(county: CountyFacts, round_: RoundFacts) -> Rank | None:
    """The county's place when the county files tell every county's figure; None for first place
    (the angle says it) and below :data:`LAST_PLACE_SAID`."""
    if county.rank is None or not round_.counties_complete or not 1 < county.rank <= LAST_PLACE_SAID:
        return None
    tied = sorted((c for c in round_.counties if c.total == county.total and c.lan != county.lan), key=lambda c: c.lan.kod)
    return Rank(county.rank, tuple(c.lan.kortnamn for c in tied))


def story(county: CountyFacts, round_: RoundFacts) -> Story:
    """The county facts :class:`Story` holds, computed from the county's and the round's figures."""
    # A share of an approximate national or county count ("nästan 100") would be printed as exact: none.
    share = (Share(county.total, round_.total) if 0 < county.total < round_.total and round_.total_word is None
             and county.total_word is None else None)
    rank = _rank(county, round_)
    counties = sum(1 for c in round_.counties if c.total) if round_.counties_complete else None
    places = None  # one recipient: "mottagarna finns i en av länets kommuner" says nothing
    if county.total < 2:
        pass
    elif county.grants and len(county.grants) == county.total:
        places = {g.municipality.namn for g in county.grants}
    elif county.recipients and len(county.recipients) == county.total:
        places = {r.municipality.namn if hasattr(r.municipality, "namn") else str(r.municipality) for r in county.recipients}
    biggest = None
    priced = [g for g in county.grants if g.amount is not None]
    if len(priced) > 1:
        top = max(priced, key=lambda g: (g.amount, g.name))
        if sum(g.amount == top.amount for g in priced) == 1:  # a tie has no single biggest grant
            biggest = Biggest(top.name, top.municipality.namn, top.amount, top.years if top.multi_year else None)
    return Story(share, rank, counties,
                 len(places) if places else None, _municipalities(county.lan), biggest,
                 tuple(county.multi_year), len(county.granted) > 1)
