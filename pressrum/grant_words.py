"""The grant's words for a round: site.yaml's ``bidrag`` with round.yaml's own, every default
filled in (:class:`Words`), and the other measures a round or county states in them (:class:`Measure`).

Frozen values like those of :mod:`pressrum.facts`, which carries them into the round's facts.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import sv
from .round_models import MeasureValue
from .site_models import GrantWords, GrantWordsOverride, MeasureWords, MoneyWord, Noun


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
