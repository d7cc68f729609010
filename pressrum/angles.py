"""Angles for local releases: which story is true for a county, chosen from derived facts.

Each rule is a small function over :class:`~pressrum.derive.CountyFacts`; ``local_angle``
tries them in order of news value. Templates read the chosen angle as an :class:`Angle`, whose
attributes are truth values (``vinkel.topp``), and never decide which county is "in topp"
themselves, nor compare the angle's name. "More than last year" is the comparison the national
release makes too (``RoundFacts.change``), so both read :func:`pressrum.facts.compared`.
"""
from __future__ import annotations

from dataclasses import dataclass

from .derive import FEWER, MORE, CountyFacts

TOP = "topp"  # the county alone has the most granted actors
SHARED_TOP = "delad-topp"  # first place shared with one or more other counties
SINGLE = "en-mottagare"  # exactly one granted actor: singular wording everywhere
GROWTH = "fler-an-i-fjol"  # more granted actors than in the previous year's round
DECLINE = "farre-an-i-fjol"  # fewer granted actors than in the previous year's round
STANDARD = "standard"  # the county's own figures, no ranking claim
MONEY = "belopp"  # the headline leads with the money (``vinkel: belopp`` under bidrag)

# A change from last year is news only when it is large: at least this many actors and this
# share of last year's figure (15 against 11 is; 12 against 11 is not). Below it the release
# leads with the county's own figures (documented in content/README.md).
NEWS_CHANGE_ACTORS = 3
NEWS_CHANGE_SHARE = 0.25


def is_top(county: CountyFacts) -> bool:
    """First place, alone."""
    return county.top and not county.shares_top_with


def is_shared_top(county: CountyFacts) -> bool:
    """First place, shared with other counties (the headline names them all)."""
    return county.top and bool(county.shares_top_with)


def is_single(county: CountyFacts) -> bool:
    """Exactly one granted actor in the county."""
    return county.total == 1


def is_news_change(now: int, before: int | None) -> bool:
    """A change large enough to be news (:data:`NEWS_CHANGE_ACTORS`, :data:`NEWS_CHANGE_SHARE`)."""
    if not before:
        return False
    diff = abs(now - before)
    return diff >= NEWS_CHANGE_ACTORS and diff >= NEWS_CHANGE_SHARE * before


def is_growth(county: CountyFacts) -> bool:
    """Clearly more granted actors than in the same county in the previous year's round."""
    return county.change == MORE and is_news_change(county.total, county.previous_total)


def is_decline(county: CountyFacts) -> bool:
    """Clearly fewer granted actors than in the same county in the previous year's round."""
    return county.change == FEWER and is_news_change(county.total, county.previous_total)


def leads_with_money(county: CountyFacts, lead: str) -> bool:
    """The grant's words ask for money-led headlines, and the county's amount is known."""
    return lead == MONEY and county.amount is not None


def local_angle(county: CountyFacts, lead: str = "antal") -> str:
    """The angle of the county's local release, by news value; ``lead`` is ``bidrag.angle``
    (content's choice), and a money-led grant leads with every county's amount that is known."""
    if leads_with_money(county, lead):
        return MONEY
    if is_top(county):
        return TOP
    if is_shared_top(county):
        return SHARED_TOP
    if is_single(county):
        return SINGLE
    if is_growth(county):
        return GROWTH
    if is_decline(county):
        return DECLINE
    return STANDARD


def national_angle(amount: int | None, lead: str) -> str | None:
    """The national decision's angle: :data:`MONEY` when content asks for it and the amount is
    known, else None (the count, as always)."""
    return MONEY if lead == MONEY and amount is not None else None


@dataclass(frozen=True)
class Angle:
    """The angle as a template tests it: one truth value per angle (``vinkel.topp``), so a
    template never compares the angle's name. ``name`` is None for a national release that
    leads with the count."""

    name: str | None

    @property
    def belopp(self) -> bool:
        """The headline and lead lead with the money."""
        return self.name == MONEY

    @property
    def topp(self) -> bool:
        """The county alone has the most granted actors."""
        return self.name == TOP

    @property
    def delad_topp(self) -> bool:
        """The county shares first place."""
        return self.name == SHARED_TOP

    @property
    def en_mottagare(self) -> bool:
        """The county has exactly one granted actor."""
        return self.name == SINGLE

    @property
    def fler_an_i_fjol(self) -> bool:
        """Clearly more granted actors than last year."""
        return self.name == GROWTH

    @property
    def farre_an_i_fjol(self) -> bool:
        """Clearly fewer granted actors than last year."""
        return self.name == DECLINE

    @property
    def mot_fjol(self) -> bool:
        """The release compares with last year (more or fewer)."""
        return self.name in (GROWTH, DECLINE)

    @property
    def standard(self) -> bool:
        """The county's own figures, no ranking or change claim."""
        return self.name == STANDARD
