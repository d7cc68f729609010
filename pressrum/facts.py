"""The derived facts: frozen values that ``derive`` computes and templates and pages read.

They live apart from the computation so that ``checks`` can read them without importing
``derive`` (which calls the checks). The counting rules both sides must apply the same way –
which figure wins when an editor typed one and the recipient list gives another – are here too.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from . import sv
from .grants import Grant, actors_by_type
from .release_models import Correction, Quote
from .round_models import CountyFile, Earmark, MeasureValue, Recipient, RoundFile, RoundSender, Sender
from .site_models import ActorType, Contact, GrantWords, GrantWordsOverride, MeasureWords, MoneyWord, Noun, Organisation

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
class Words:
    """The grant's words for one round (``bidrag`` in site.yaml, with round.yaml's own), every
    default filled in; templates put them into their sentences."""

    name: str  # in running text and headlines: "bidrag till kultur i skolan"
    purpose: str  # after "fördela … till"
    purpose_for: str  # after "har beviljats bidrag för"
    recipients_purpose: str  # after "fördelning av bidrag till 58 kommuner för"
    unit: Noun  # what is counted: "aktör"/"aktörer", "projekt"/"projekt"
    word: MoneyWord  # the money: "statsbidrag", "stöd"
    short_word: Noun  # the money, short: "bidrag"
    title: str  # the round page's heading before the year
    fact_heading: str  # the fact box's heading
    earmarked: str  # "som <earmarked> 10 miljoner kronor av pengarna till"
    counts: str = "mottagare"  # what a count stands for: mottagare, åtgärder or ansökningar
    angle: str = "antal"  # what a decision's headlines lead with: antal or belopp
    measures: tuple[tuple[str, MeasureWords], ...] = ()  # other measures by key, in site.yaml order
    headline_name: str = ""  # the grant, short, in headlines: "bidrag mot segregation" (default: name)

    @property
    def counts_applications(self) -> bool:
        """A count stands for applications ("sju ansökningar från kommuner"), not recipients:
        a sentence cannot call them "mottagarna"."""
        return self.counts == "ansökningar"


# The money's word when site.yaml gives none: the plain Swedish word, no agency's own.
DEFAULT_WORD = MoneyWord.model_validate({"singular": "bidrag", "plural": "bidrag", "bestämd-plural": "bidragen",
                                         "genus": "ett"})
DEFAULT_EARMARKED = "det avsatts"


def grant_words(site: GrantWords, round_: GrantWordsOverride | None = None) -> Words:
    """The round's grant words: each of round.yaml's replaces site.yaml's, then the defaults."""
    own = {k for k in GrantWordsOverride.model_fields if round_ and getattr(round_, k) is not None}
    # every override key is a GrantWords key; a new one that is not would be silently dropped
    merged = {k: getattr(round_, k) if k in own else getattr(site, k) for k in GrantWords.model_fields}
    word = merged["word"] or DEFAULT_WORD
    return Words(
        name=merged["name"], purpose=merged["purpose"], purpose_for=merged["purpose_for"] or merged["purpose"],
        recipients_purpose=merged["recipients_purpose"] or merged["purpose_for"] or merged["purpose"], unit=merged["unit"], word=word,
        short_word=merged["short_word"] or word,
        title=merged["title"] or sv.versal(word.singular),
        fact_heading=merged["fact_heading"] or f"Fakta om {merged['name']}",
        earmarked=merged["earmarked"] or DEFAULT_EARMARKED,
        counts=merged["counts"], angle=merged["angle"], measures=tuple(merged["measures"].items()),
        headline_name=merged["headline_name"] or merged["name"],
    )


@dataclass(frozen=True)
class Measure:
    """A measure other than money and count with its figure: "cirka 120 000 elever"."""

    key: str
    words: MeasureWords
    count: int
    word: str | None  # the rounding word before the figure (cirka, drygt …), if any


def measures(words: Words, values: dict[str, MeasureValue]) -> tuple[Measure, ...]:
    """The measures a round or county states, in site.yaml's order; unknown keys are the checks'."""
    return tuple(Measure(key, w, values[key].count, values[key].word) for key, w in words.measures if key in values)


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


# --- counting rules that derive and checks share -------------------------------------------------------------


def actor_types(site_types: dict[str, ActorType], round_types: dict[str, ActorType]) -> dict[str, ActorType]:
    """The round's actor types: site.yaml's, with the round's own words where it has them. A
    round's type without ``omfattar`` keeps site.yaml's legal types; with it (even ``[]``) its own."""
    own = {key: t if "covers" in t.model_fields_set or key not in site_types
           else t.model_copy(update={"covers": site_types[key].covers})
           for key, t in round_types.items()}
    return {**site_types, **own}


def round_organisation(site: Organisation, own: RoundSender | None) -> Organisation | None:
    """site.yaml's organisation under the round's own name (round.yaml's ``avsändare``), or None
    when the round has none. The round's short name only: site.yaml's is another name's."""
    if own is None:
        return None
    return site.model_copy(update={"name": own.name, "short_name": own.short_name, "about": own.about or site.about})


def decision_of(data: RoundFile) -> str | None:
    """The key of the round's decision (the first announcement of that kind), or None."""
    return next((k for k, a in data.announcements.items() if a.kind == DECISION), None)


def decisions_of(data: RoundFile) -> tuple[str, ...]:
    """The keys of the round's decisions in round.yaml order, the first being :func:`decision_of`'s;
    the checks hold that they are published in that order."""
    return tuple(k for k, a in data.announcements.items() if a.kind == DECISION)


def national_counts(data: RoundFile, decided: tuple[Grant, ...]) -> dict[str, int]:
    """Granted actors per type key in the whole country: as typed, else counted in the list.

    Unknown type keys are kept, so a check can compare them and report them where they are.
    """
    return dict(data.granted) if data.granted else dict(actors_by_type(decided))


def county_counts(data: CountyFile, grants: tuple[Grant, ...]) -> dict[str, int]:
    """Granted actors per type key in a county: typed figures win; without them the county
    file's recipients are the figure, and without those the recipient list's rows."""
    if data.granted:
        return dict(data.granted)
    if grants and not data.recipients:
        return dict(actors_by_type(grants))
    return dict(Counter(r.kind for r in data.recipients))
