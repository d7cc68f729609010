"""Phrasing helpers the release templates call as filters and functions: counts of actors,
amounts as running text states them, measures in their sentence, links to other releases.

They only phrase figures that :mod:`pressrum.derive` has computed; which one a sentence uses is
the template's choice, and whether it is true is Python's.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import approx, markup, markup_escape, sv
from .calls import Cap
from .facts import Tally, Term
from .grant_words import Measure

MILLION = 1_000_000
WORDS_UP_TO = 12  # the twelve-rule of sv.tal: one to twelve in words, larger figures in digits

if TYPE_CHECKING:
    from .release import Link


def aktorer(t: Tally) -> str:
    """A count of actors of one type: "58 kommuner och regioner", "en ideell organisation",
    with its rounding word as typed ("drygt 40 kommuner"); every municipality of the county is
    "alla åtta kommuner" (three or more: "båda" needs the definite form, which content does not give)."""
    return _worded(_aktorer(t), t)


def _aktorer(t: Tally) -> str:
    if t.whole and t.count >= 3:
        return f"alla {sv.tal(t.count, t.term.gender)} {t.term.plural}"
    return sv.antal(t.count, t.term.singular, t.term.plural, t.term.gender)


def aktorer_lista(tallies, total: int = 0) -> list[str]:
    """Counts of actors for one list (beside ``total`` when the sentence states it): in words
    as :func:`aktorer` when every figure is one to twelve, else all in digits, since one
    sentence never mixes the forms ("15 aktörer, 9 kommuner och regioner samt 6 ideella
    organisationer", not "… nio … sex …"; conventions §1.1, review N1)."""
    if max([total, *(t.count for t in tallies)]) <= WORDS_UP_TO:
        return [_worded(_aktorer(t), t) for t in tallies]
    return [_worded(f"{sv.siffror(t.count)} {t.term.singular if t.count == 1 else t.term.plural}", t) for t in tallies]


def _worded(text: str, t: Tally) -> str:
    """A part as content states it: with its rounding word ("över 90 kommuner"), or as its share
    of the whole instead of the figure ("hälften kommuner och regioner"); else as it stands."""
    if approx.is_fraction(t.word):
        return f"{t.word} {t.term.plural}"
    return f"{t.word} {text}" if t.word else text


def antal_av(n: int, noun, word: str | None = None) -> str:
    """A count of a content noun (``bidrag.unit``): "58 aktörer", "ett projekt", "inga projekt";
    with the editor's rounding word as typed ("omkring 290 aktörer")."""
    return antal_ord(n, word, noun.singular, noun.plural, noun.gender)


def antal_av_samma(counts, noun, words=()) -> list[str]:
    """Counts of one content noun compared in one sentence: all in words when every figure is
    one to twelve, else all in digits ("12 aktörer …, då 15 aktörer", never "tolv … 15";
    conventions §1.1, review N1); each with its rounding word from ``words``, where given."""
    words = tuple(words) + (None,) * (len(counts) - len(words))
    if max(counts) <= WORDS_UP_TO:
        return [antal_av(n, noun, w) for n, w in zip(counts, words)]
    return [(f"{w} " if w else "") + f"{sv.siffror(n)} {noun.singular if n == 1 else noun.plural}" for n, w in zip(counts, words)]


def tal_samma(counts, gender: str = "en") -> list[str]:
    """Bare figures compared in one sentence, as :func:`antal_av_samma` ("4 …, mot 15 i fjol")."""
    if max(counts) <= WORDS_UP_TO:
        return [sv.tal(n, gender) for n in counts]
    return [sv.siffror(n) for n in counts]


def antal_ord(n: int, word: str | None, singular: str, plural: str, gender: str = "en") -> str:
    """A count with the editor's rounding word, as the agency states it: "över 400 ansökningar";
    without a word :func:`pressrum.sv.antal` exactly ("232 ansökningar", "en ansökan")."""
    text = sv.antal(n, singular, plural, gender)
    return f"{word} {text}" if word else text


def ansokningar_fran(t: Tally) -> str:
    """"åtta ansökningar från civilsamhällesorganisationer"; one is "en ansökan från en ideell organisation"."""
    if t.count == 1:
        return f"en ansökan från {sv.tal(1, t.term.gender)} {t.term.singular}"
    return f"{sv.antal(t.count, 'ansökan', 'ansökningar')} från {t.term.sender}"


def beviljade(t: Tally, counts: str) -> str:
    """A count of granted actors of one type as ``bidrag.counts`` says it stands: recipients or
    measures by their own noun ("31 kommuner", "en friskola"), or applications ("sju ansökningar
    från kommuner"), each with its rounding word as typed."""
    return _worded(ansokningar_fran(t), t) if counts == "ansökningar" else aktorer(t)


def beviljade_lista(tallies, counts: str) -> list[str]:
    """Granted counts of several types for one list, as ``bidrag.counts`` says they stand:
    actors as :func:`aktorer_lista`; applications with the noun said once, in the first part
    ("fem ansökningar från kommuner samt tre från ideella organisationer", review Rep6), and,
    as in any list, all in words or all in digits (conventions §1.1)."""
    if counts != "ansökningar":
        return aktorer_lista(tallies)
    words = max(t.count for t in tallies) <= WORDS_UP_TO if tallies else True
    parts = []
    for i, t in enumerate(tallies):
        n = sv.tal(t.count, "en") if words else sv.siffror(t.count)
        if i == 0:
            noun = "ansökan" if t.count == 1 else "ansökningar"
            n = f"{n} {noun}"
        sender = f"{sv.tal(1, t.term.gender)} {t.term.singular}" if t.count == 1 else t.term.sender
        parts.append(f"{t.word} {n} från {sender}" if t.word else f"{n} från {sender}")  # "drygt 10 ansökningar från …"
    return parts


def belopp(amount: int, word: str | None = None) -> str:
    """An amount as the text states it: exact, or with the editor's own rounding word
    ("drygt 25 miljoner kronor" when the figure typed is 25 000 000 and the word drygt)."""
    return f"{word} {sv.kronor(amount)}" if word else sv.kronor(amount)


def belopp_rubrik(amount: int, word: str | None = None) -> str:
    """An amount for a headline: with the typed rounding word as typed; a round figure exact
    ("2,9 miljoner kronor"); any other figure rounded to what a headline shows – tenths of a
    million below ten million, whole millions below a billion, tenths of a billion above – with
    the word that says which way ("drygt 6,3 miljoner kronor", "knappt 26 miljoner kronor")."""
    if word:
        return belopp(amount, word)
    exact = sv.kronor(amount)
    if amount < MILLION or "milj" in exact:  # below a million, or already round: no need to round
        return exact
    step = MILLION // 10 if amount < 10 * MILLION else MILLION if amount < 1000 * MILLION else 100 * MILLION
    shown = (amount + step // 2) // step * step  # halves up, as in everyday speech
    text = sv.kronor(shown)
    return f"drygt {text}" if amount > shown else f"knappt {text}" if amount < shown else text


def ungefar(amount: int, word: str | None = None) -> str:
    """An amount rounded to two significant digits, with the word that says which way:
    612 345 678 is "drygt 610 miljoner kronor", 25 800 000 "knappt 26 miljoner kronor"; a figure
    that is already round is exact. Halves round up, as in everyday speech. A figure the editor
    typed with its own rounding word is already an estimate: it is printed as typed, with it."""
    if word:
        return belopp(amount, word)
    step = 10 ** max(len(str(amount)) - 2, 0)
    shown = (amount + step // 2) // step * step
    text = sv.kronor(shown)
    return f"drygt {text}" if amount > shown else f"knappt {text}" if amount < shown else text


def matt(m: Measure, plats: str) -> str:
    """A measure's sentence from site.yaml with its figure and place filled in:
    "Cirka 120 000 elever i Skåne får ta del av kulturen."."""
    figure = sv.antal(m.count, m.words.singular, m.words.plural, m.words.gender)
    text = m.words.sentence.replace("{antal}", f"{m.word} {figure}" if m.word else figure).replace("{plats}", plats)
    return sv.versal(text)


def fran(t: Tally) -> str:
    """"120 från kommuner", "en från en ideell organisation" (after "Av ansökningarna kommer …");
    with the editor's word "över 100 från kommuner", or the share "hälften från kommuner"."""
    if approx.is_fraction(t.word):
        return f"{t.word} från {t.term.sender}"
    if t.word:
        return f"{t.word} {sv.tal(t.count)} från {t.term.sender}"
    if t.count == 1:
        return f"en från {sv.tal(1, t.term.gender)} {t.term.singular}"
    return f"{sv.tal(t.count)} från {t.term.sender}"


def _each(n: int) -> str:
    """"vardera" of two, "var" of more (never "vartdera" of three)."""
    return "vardera" if n == 2 else "var"


def _figure(c) -> str:
    """A county's count in a ranking, with its word: "60", "över 60", "sju"."""
    figure = sv.siffror(c.count) if c.count > 12 else sv.tal(c.count)
    return f"{c.word} {figure}" if c.word else figure


def rangordning(leaders, noun: str = "ansökningar", certain: bool = True) -> str:
    """A ranking that says what it is: first place with its figure, then second and third with
    theirs ("Flest ansökningar, 45, kommer från Skåne. Därefter följer Stockholms län med 40 och
    Västra Götaland med 32."); counties tied on a figure are named together with "vardera"/"var".
    ``leaders`` are :class:`~pressrum.facts.CountyCount` values, most first (as derive gives them).
    When approximate counts leave the order uncertain (``certain`` false, as derive says) the
    counts are named without a rank: "Från Skåne kom över 50 ansökningar, från Stockholms län 48 …"."""
    if not certain and leaders:
        others = [f"från {c.lan.kortnamn} {_figure(c)}" for c in leaders[1:]]
        return f"Från {leaders[0].lan.kortnamn} kom {_figure(leaders[0])} {noun}" + (f", {sv.lista(others)}" if others else "") + "."
    groups: list[tuple[int, list[str]]] = []
    for c in leaders:
        if groups and groups[-1][0] == c.count:
            groups[-1][1].append(c.lan.kortnamn)
        else:
            groups.append((c.count, [c.lan.kortnamn]))
    if not groups:
        return ""
    first_n, first = groups[0]
    figure = _figure(leaders[0])
    if len(first) == 1:
        text = f"Flest {noun}, {figure}, kommer från {first[0]}."
    else:
        text = f"Flest {noun} kommer från {sv.lista(first)}, {figure} {_each(len(first))}."
    # Ties in a certain ranking are between exact figures; a group's figure is its first county's.
    by_count = {c.count: c for c in reversed(leaders)}
    rest = [f"{sv.lista(names)} med {_figure(by_count[n])}" + (f" {_each(len(names))}" if len(names) > 1 else "")
            for n, names in groups[1:]]
    if rest:
        text += f" Därefter följer {sv.lista(rest)}."
    return text


def sokande(terms: tuple[Term, ...]) -> str:
    """Who may apply, as one list: "kommuner, regioner och ideella organisationer". A type's
    plural that already joins two nouns with "och" ("kommuner och regioner") gives both nouns to
    the list, so the sentence never reads "kommuner och regioner och ideella organisationer"."""
    return sv.lista([part for t in terms for part in t.plural.split(" och ")])


def hogst(cap: Cap) -> str:
    """A call's cap for one actor type: "högst 40 miljoner kronor till kommuner och regioner"."""
    return f"högst {sv.kronor(cap.amount)} till {cap.term.plural}"


def andel(s) -> str:
    """A report's share (:class:`~pressrum.reports.ShareFacts`) with its count: "en tredjedel av
    de utpekade kommunerna (11 av 33)" when the fraction is exact, else the percentage that
    Python rounded: "4 procent av landets kommuner (11 av 290)"."""
    part = s.fraction or sv.procent(s.percent)
    return f"{part} av {s.what} ({sv.siffror(s.count)} av {sv.siffror(s.whole)})"


def lank(link: Link) -> markup.MarkdownText:
    """A Markdown link to another release, by its headline (text, escaped)."""
    return markup.MarkdownText(f"[{markup_escape.escape_text(link.title)}]({link.url})")


HELPERS = {"aktorer": aktorer, "aktorer_lista": aktorer_lista, "antal_av": antal_av, "antal_av_samma": antal_av_samma, "tal_samma": tal_samma, "antal_ord": antal_ord, "ansokningar_fran": ansokningar_fran, "fran": fran, "lank": lank,
           "beviljade": beviljade, "beviljade_lista": beviljade_lista, "rangordning": rangordning, "ungefar": ungefar, "belopp": belopp, "belopp_rubrik": belopp_rubrik, "matt": matt,
           "sokande": sokande, "hogst": hogst, "andel": andel}
