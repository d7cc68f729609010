"""The year's report to the government (``typ: redovisning``): the facts its release phrases.

A report states the budget against what was distributed, the applications against the granted
actors, what was paid out in a year and shares of a whole. Each figure is the one typed under
``redovisning:``, else derived from the round: the budget from ``medel``, the applications from
``ansökningar``, what was granted and distributed from the decisions and supplements published
up to the report (the round's final figures, never the first decision's). The checks of the same
figures are in :mod:`pressrum.report_checks`.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .facts import DECISION, SUPPLEMENT, AnnouncementFacts, Term
from .release_models import Announcement, Report, Share
from .round_models import RoundFile

# The fractions a report may name instead of a percentage, and only when the share is exactly
# one of them (58 of 290 is a fifth; 97 of 290 is 33 percent, never "en tredjedel").
FRACTIONS = {
    Fraction(1, 2): "hälften", Fraction(1, 3): "en tredjedel", Fraction(2, 3): "två tredjedelar",
    Fraction(1, 4): "en fjärdedel", Fraction(3, 4): "tre fjärdedelar", Fraction(1, 5): "en femtedel",
    Fraction(2, 5): "två femtedelar", Fraction(3, 5): "tre femtedelar", Fraction(4, 5): "fyra femtedelar",
    Fraction(1, 10): "en tiondel",
}


@dataclass(frozen=True)
class ShareFacts:
    """A share of a whole: ``count`` of ``whole`` ``what``, as an exact fraction or a percentage."""

    count: int
    whole: int
    what: str  # "landets kommuner"
    fraction: str | None  # "en femtedel" when the share is exactly one of FRACTIONS
    percent: int  # the share in whole percent, rounded half up (used when there is no fraction)


@dataclass(frozen=True)
class ReportFacts:
    """What a report's release says; a figure is None when neither typed nor derivable."""

    year: int
    budget: int | None = None
    budget_word: str | None = None
    distributed: int | None = None
    distributed_word: str | None = None
    applications: int | None = None
    applications_word: str | None = None
    granted: int | None = None
    granted_word: str | None = None
    paid: int | None = None
    paid_word: str | None = None
    paid_year: int | None = None
    shares: tuple[ShareFacts, ...] = ()
    to: str = "regeringen"  # whom the report is handed to (lämnas-till)

    @property
    def budget_and_distributed(self) -> bool:
        """Both the budget and what was distributed are known ("Av 64 miljoner kronor fördelades …")."""
        return self.budget is not None and self.distributed is not None


def decided_before(announcements: tuple[AnnouncementFacts, ...], report: AnnouncementFacts) -> tuple[AnnouncementFacts, ...]:
    """The decisions and supplements published up to the report, in publication order."""
    return tuple(a for a in sorted(announcements, key=lambda a: a.published)
                 if a.kind in (DECISION, SUPPLEMENT) and a.published <= report.published)


def granted_of_type(decided: tuple[AnnouncementFacts, ...], key: str) -> int:
    """New actors of one type in the decisions and supplements (a top-up is no new actor)."""
    return sum(t.count for a in decided for t in a.granted if t.term.key == key)


def share(count: int, s: Share) -> ShareFacts:
    """The share ``count`` of ``s.whole``, as a fraction when it is exactly one, with its percentage."""
    exact = Fraction(count, s.whole) if s.whole else None
    percent = int((Decimal(count) * 100 / Decimal(s.whole)).quantize(Decimal(1), ROUND_HALF_UP)) if s.whole else 0
    return ShareFacts(count, s.whole, s.what, FRACTIONS.get(exact) if exact is not None else None, percent)


def report_facts(a: Announcement, data: RoundFile, terms: dict[str, Term],
                 facts: AnnouncementFacts, announcements: tuple[AnnouncementFacts, ...]) -> ReportFacts:
    """A report's facts: each typed figure, else the round's (see the module's docstring).
    ``facts`` is the report's own announcement facts (its running totals), ``announcements``
    all of the round's. Unknown type keys give no share (the checks report them)."""
    r = a.report or Report()
    decided = decided_before(announcements, facts)
    typed_apps = r.applications is not None
    # A share of an approximate count ("drygt 10 kommuner", beviljade-ord) would be stated as exact: none.
    approximate = {t.term.key for d in decided for t in d.granted if t.word}
    shares = tuple(share(s.count if s.count is not None else granted_of_type(decided, s.kind), s)
                   for s in r.shares if s.count is not None or (s.kind in terms and s.kind not in approximate))
    return ReportFacts(
        year=data.year,
        budget=r.budget if r.budget is not None else data.budget,
        # a derived figure keeps the word of what it is derived from (medel-ord, the decisions' words)
        budget_word=r.budget_word if r.budget is not None else data.budget_word,
        distributed=r.distributed if r.distributed is not None else (facts.running_amount if decided else None),
        distributed_word=r.distributed_word if r.distributed is not None else (facts.running_amount_word if decided else None),
        applications=r.applications if typed_apps else data.applications,
        applications_word=r.applications_word if typed_apps else data.applications_word,
        granted=r.granted if r.granted is not None else (facts.running_total if decided else None),
        granted_word=r.granted_word if r.granted is not None else (facts.running_total_word if decided else None),
        paid=r.paid, paid_word=r.paid_word, paid_year=(r.paid_year or data.year) if r.paid is not None else None,
        shares=shares, to=r.to,
    )

