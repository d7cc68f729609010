"""The derived facts: frozen values that ``derive`` computes and templates and pages read.

They live apart from the computation so that ``checks`` can read them without importing
``derive`` (which calls the checks). The counting rules both sides must apply the same way –
which figure wins when an editor typed one and the recipient list gives another – are in
:mod:`pressrum.counting_rules`; the grant's words (:class:`Words`, :class:`Measure`) in
:mod:`pressrum.grant_words`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from . import sv
from .grant_words import Measure, Words
from .grants import Grant
from .release_models import Correction, Quote
from .round_models import Earmark, Recipient, Sender
from .site_models import Contact, Organisation

if TYPE_CHECKING:  # calls.py and reports.py read Term from here
    from .calls import CallFacts, CountyCallFacts
    from .intake import Intake
    from .no_grants import CancelledFacts, NoNewGrantsFacts
    from .reports import ReportFacts

DECISION = "beslut"  # the kind whose figures are the round's granted actors
SUPPLEMENT = "tillagg"  # a supplementary decision: new actors and money on top of the decision
NEWS = "nyhet"  # a hand-written release: headline, lead and text from round.yaml
APPLICATIONS = "ansokningar"  # the applications received, before any decision
CALL = "utlysning"  # the call for applications: when, who may apply, how much money
REPORT = "redovisning"  # the year's report to the government: budget, distributed, granted, paid

# How a figure compares with the same figure in the previous year's round (the word a release uses).
MORE = "fler"
FEWER = "färre"


def compared(total: int, previous: int | None) -> str | None:
    """:data:`MORE` or :data:`FEWER` than ``previous``; None when equal or there is nothing to compare."""
    if previous is None or total == previous:
        return None
    return MORE if total > previous else FEWER


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
    # Every municipality of the county: the type takes only the legal type kommun, and the count
    # is the county's number of kommuner (SCB), so the text may say "alla åtta kommuner".
    whole: bool = False
    word: str | None = None  # a typed part's rounding word or share ("över", "hälften"), when content gives one


@dataclass(frozen=True)
class MultiYear:
    """Multi-year recipients of one type listed in a county, beside the national count."""

    term: Term
    count: int
    national: int | None  # the round's figure for the type, when stated
    national_word: str | None = None  # its rounding word (fleråriga-ord): then no claim of all or part of it

    @property
    def tally(self) -> Tally:
        """The county's count as a tally ("en ideell organisation")."""
        return Tally(self.term, self.count)

    @property
    def all_in_county(self) -> bool:
        """Every multi-year recipient of the type in the whole country is in this county."""
        return self.count == self.national and self.national_word is None

    @property
    def both(self) -> bool:
        """Exactly two ("båda")."""
        return self.count == 2

    @property
    def several(self) -> bool:
        """More than one."""
        return self.count > 1

    @property
    def part_of_national(self) -> bool:
        """The national count is stated and some of the type's multi-year recipients are elsewhere."""
        return bool(self.national) and self.count < self.national and self.national_word is None


@dataclass(frozen=True)
class CountyFacts:
    """One county's figures in a round (or in one supplementary decision), as its local release prints them.

    A county is known from its file in ``lan/``, from the recipient list, or both; a county
    known only from the list has no quotes, paragraphs or contacts of its own.
    """

    lan: sv.Lan
    granted: tuple[Tally, ...]  # per actor type, largest first; zero counts left out
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
    sender: Sender | None = None  # the county file's own sender (avsändare) of its local releases
    amount_word: str | None = None  # the rounding word before a typed amount (drygt, cirka …)
    measures: tuple[Measure, ...] = ()  # the county's figures for the grant's other measures
    national_quotes: tuple = ()  # NationalQuote: the national release's quotes repeated here
    headline: str | None = None  # the editor's own headline for the local release (rubrik:)
    call: CountyCallFacts | None = None  # the call's facts for the county (utlysning:), for a local call release
    total_word: str | None = None  # the rounding word of a typed total or part (beviljade-ord), None when exact

    @property
    def top_names(self) -> tuple[str, ...]:
        """The counties in first place as a headline names them: this one first, then the others
        in county-code order; empty when the county is not in first place."""
        return (self.lan.kortnamn, *(lan.kortnamn for lan in self.shares_top_with)) if self.top else ()

    @property
    def change(self) -> str | None:
        """:data:`MORE` or :data:`FEWER` granted actors than in the county last year, or None."""
        return compared(self.total, self.previous_total)

    @property
    def multi_year_one_type(self) -> MultiYear | None:
        """The county's multi-year recipients when they are all of one type, else None."""
        return self.multi_year[0] if len(self.multi_year) == 1 else None

    @property
    def one_grant(self) -> Grant | None:
        """The county's only grant, when its recipient list has exactly one: its amount is no
        sum ("sammanlagt 1,2 miljoner kronor" of one grant), it is that recipient's."""
        return self.grants[0] if len(self.grants) == 1 else None

    @property
    def any_multi_year_grant(self) -> bool:
        """Some grant in the county's recipient list runs for several years (a sum then covers
        the first year of it only, and says so)."""
        return any(g.multi_year for g in self.grants)


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
    budget_word: str | None = None  # the rounding word of the scheme's medel (medel-ord)
    total_word: str | None = None  # the word of its granted actors in all, when a typed part has one (beviljade-ord)


@dataclass(frozen=True)
class CountyCount:
    """A county with a count, e.g. applications sent (for "flest ansökningar kommer från …")."""

    lan: sv.Lan
    count: int
    word: str | None = None  # the county file's rounding word (ansökningar-ord), when approximate


@dataclass(frozen=True)
class AnnouncementFacts:
    """One announcement (``tillfällen`` in round.yaml): what its national release speaks of.

    The decision's figures are the round's; a supplement's are its increment, with running
    totals over every decision and supplement published up to and including it.
    """

    key: str
    kind: str
    published: datetime
    quotes: tuple[Quote, ...]
    paragraphs: dict
    contacts: tuple[Contact, ...] | None
    corrections: tuple[Correction, ...]
    granted: tuple[Tally, ...] = ()  # new actors in this announcement (the decision: all of the round's)
    total: int = 0
    total_word: str | None = None  # the decision's beviljade-totalt-ord, or its parts' words summed (approx.sum_word)
    running_total: int = 0  # actors granted in the round up to and including this announcement
    running_total_word: str | None = None  # approximate when a decision so far was (approx.sum_word)
    amount: int | None = None  # kronor decided in this announcement
    amount_word: str | None = None  # the rounding word before a typed amount (drygt, cirka …)
    running_amount: int | None = None
    running_amount_word: str | None = None  # approximate when a decision so far was typed with a word (approx.sum_word)
    topups: int = 0  # earlier recipients who get more money in this announcement
    topup_amount: int = 0
    schemes: tuple[SchemeFacts, ...] = ()  # the schemes the release speaks of
    summed: bool = False  # the release may add the schemes' figures together
    scheme_budget: int | None = None  # the money to speak of: the round's, or the schemes' only when summed
    scheme_budget_word: str | None = None  # its rounding word: medel-ord, or the schemes' words summed (approx.sum_word)
    counties: tuple[CountyFacts, ...] = ()  # counties with a local release for this announcement
    grants: tuple[Grant, ...] = ()  # rows of beviljade.csv in this announcement
    call: CallFacts | None = None  # for a call (typ: utlysning) with both its times
    report: ReportFacts | None = None  # for a report (typ: redovisning)
    label: str | None = None  # what the release is called ("Pressinbjudan"); None: the templates' default
    # The decision's place among the round's decisions (typ: beslut) in round.yaml order: 1 for
    # the first, 0 for another kind; ``decisions`` is how many the round has.
    decision_number: int = 0
    decisions: int = 0
    running_granted: tuple[Tally, ...] = ()  # actors granted up to and including this one, per type
    intake: Intake | None = None  # for applications (typ: ansokningar): the counts it prints
    headline: str | None = None  # for hand-written news (typ: nyhet)
    lead: str | None = None
    text: str | None = None

    @property
    def first_of_several(self) -> bool:
        """The round's first decision when later ones follow ("vid ett första beslutstillfälle")."""
        return self.decision_number == 1 and self.decisions > 1

    @property
    def later_decision(self) -> bool:
        """A decision after the round's first: its figures are its increment, never the round's."""
        return self.decision_number > 1

    @property
    def adds(self) -> bool:
        """A supplement or a later decision: it adds actors to what the round's first decision granted."""
        return self.kind == SUPPLEMENT or self.later_decision

    @property
    def running_several_types(self) -> bool:
        """The running total has more than one actor type, so a release splits it by type."""
        return len(self.running_granted) > 1

    @property
    def several_topups(self) -> bool:
        """More than one earlier recipient gets more money ("får tillsammans … till")."""
        return self.topups > 1


@dataclass(frozen=True)
class RoundFacts:
    """Everything a round's releases and pages print, computed once from the figures typed once."""

    key: str
    year: int
    budget: int | None  # the money to hand out, when round.yaml states it
    earmarks: tuple[Earmark, ...]
    applications: int | None
    terms: tuple[Term, ...]
    granted: tuple[Tally, ...]
    total: int
    multi_year: tuple[Tally, ...]
    top_counties: tuple[sv.Lan, ...]  # stated or derived; empty when unknown
    counties_complete: bool  # the county files account for every granted actor
    counties: tuple[CountyFacts, ...]  # in county-code order
    announcements: tuple[AnnouncementFacts, ...]  # in round.yaml order
    applications_by_type: tuple[Tally, ...] = ()
    applications_word: str | None = None  # the rounding word before the applications (över, cirka …)
    applied_amount: int | None = None
    applied_amount_word: str | None = None  # sökt-belopp-ord: printed as typed, else ungefar rounds it
    budget_word: str | None = None  # medel-ord: the round's money as the agency states it ("cirka 64 miljoner kronor")
    application_leaders: tuple[CountyCount, ...] = ()  # counties that sent most applications (ties kept)
    # Their order is certain, and no other county could be among them: approximate counties'
    # counts may make it uncertain, and the release then names the counts without ranking them.
    application_ranking_certain: bool = True
    schemes: tuple[SchemeFacts, ...] = ()
    grants: tuple[Grant, ...] = ()  # the whole recipient list, when the round has one
    amount: int | None = None  # kronor granted in the decision, from the recipient list
    multi_year_commitments: int | None = None  # kronor promised for later years to multi-year grants
    previous_total: int | None = None  # the previous year's final granted actors, when asked for (jämför-med-fjolåret)
    words: Words | None = None  # the grant's words (site.yaml's ``bidrag`` with the round's own)
    label: str = ""  # the round in running text and headlines: "2021", "läsåret 2017/18"
    measures: tuple[Measure, ...] = ()  # the round's figures for the grant's other measures
    organisation: Organisation | None = None  # the round's own sender name (avsändare), else None: site.yaml's
    decided_by: str | None = None  # who decided, when another than the sender (beslutsfattare)
    no_new_grants: NoNewGrantsFacts | None = None  # a year without new grants (inga-nya-bidrag:)
    cancelled: CancelledFacts | None = None  # a cancelled round (inställd:)
    # beviljade-totalt-ord, or the typed parts' words summed: the total is approximate ("nästan 100")
    total_word: str | None = None

    def county(self, slug: str) -> CountyFacts | None:
        """The facts of one county, or None."""
        return next((c for c in self.counties if c.lan.slug == slug), None)

    @property
    def change(self) -> str | None:
        """:data:`MORE` or :data:`FEWER` granted actors than in the previous year's round, or None;
        None when this year's total is approximate (the release states the count, not a comparison)."""
        return compared(self.total, self.previous_total) if self.total_word is None else None

    @property
    def decided(self) -> tuple[Grant, ...]:
        """The recipient list's rows of the decision (supplements' rows left out)."""
        return next((a.grants for a in self.announcements if a.kind == DECISION), ())


@dataclass(frozen=True)
class YearTotals:
    """All a round reads of the previous year's round: its final granted actors (the decision's
    and every supplement's new ones) in all and per county (:func:`pressrum.derive.year_totals`).

    The round that stands for a year is the first of that year in folder-name order.
    """

    key: str
    total: int
    counties: tuple[tuple[str, int], ...]  # (county slug, granted actors), in county-code order
    approximate: bool = False  # the national total is approximate: no base for "fler än i fjol"

    def county_total(self, slug: str) -> int | None:
        """The county's granted actors that year, or None when it had none to count."""
        return next((n for s, n in self.counties if s == slug), None)
