"""Cross-checks of the words content puts before its figures: a rounding word needs its figure,
and a share ("hälften", "en femtedel") needs a whole and must be the share the figures give.

Every typed count and amount a release prints may carry its word in a sibling field named after
it (``medel`` and ``medel-ord``, ``behöriga`` and ``behöriga-ord``; a part per actor type under
``ansökningar-per-typ`` has its word under ``ansökningar-per-typ-ord``); the words and what each
allows are in :mod:`pressrum.approx`. Each function takes the :class:`pressrum.checks.Checked`
round and returns its problems, every place involved named.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import approx, sv
from .errors import Place, Problem
from .counting_rules import decision_of
from .facts import CALL

if TYPE_CHECKING:
    from .checks import Checked

# (figure attribute, its key, an amount in kronor) of round.yaml and of a call: a word needs its figure.
ROUND_FIGURES = (("budget", "medel", True), ("applied_amount", "sökt-belopp", True))
CALL_FIGURES = (("eligible", "behöriga", False), ("invited", "inbjudna", False))
# (parts attribute, its key, whole attribute, whole key, what the whole is called in a message)
PARTS = (("applications_by_type", "ansökningar-per-typ", "applications", "ansökningar", "ansökningarna"),
         ("applicants_by_type", "sökande-per-typ", "applicants", "sökande-aktörer", "sökande aktörerna"))


def word_without_figure(place: Place, key: str, word: str, amount: bool = False, part: str | None = None) -> Problem:
    """The one message for a word before a figure whose figure is missing: ``medel-ord: drygt``
    with no ``medel:``, or ``regioner: nästan`` under ``beviljade-ord:`` with no ``regioner:``
    under ``beviljade:`` (``part``). ``amount`` says the figure is an amount in kronor, else it is
    a count; ``place`` is the word's line. Every check of a word without its figure words it here."""
    noun = "beloppet" if amount else "antalet"
    says = f"att {noun} skrivs som en andel" if approx.is_fraction(word) else f"att {noun} är ungefärligt"
    if part is None:
        word_line, figure_line = f"'{key}-ord:'", f"'{key}:'"
        said, written = f"'{key}-ord: {word}'", f"{figure_line} med samma indrag som {word_line}"
    else:
        word_line, figure_line = f"'{part}:' under '{key}-ord:'", f"'{part}:' under '{key}:'"
        said, written = f"'{part}: {word}' under '{key}-ord:'", figure_line
    return Problem(place, f"raden {said} säger {says}, men det finns ingen rad {figure_line}",
                   f"skriv {noun}{' i kronor' if amount else ''} på en rad {written}, eller ta bort raden {word_line}")


def check_words_have_figures(r: Checked) -> list[Problem]:
    """``medel-ord``, ``sökt-belopp-ord``, ``behöriga-ord``, ``inbjudna-ord`` and a county's
    ``ansökningar-ord`` need their figure."""
    data, src = r.input.data, r.input.source
    problems = [word_without_figure(src.place((f"{key}-ord",)), key, word, amount) for attr, key, amount in ROUND_FIGURES
                if (word := getattr(data, attr + "_word")) is not None and getattr(data, attr) is None]
    # On another kind of release the call's words are an error of their own (call_checks).
    for k, a in ((k, a) for k, a in data.announcements.items() if a.kind == CALL):
        problems += [word_without_figure(src.place(("tillfällen", k, f"{key}-ord")), key, word, amount)
                     for attr, key, amount in CALL_FIGURES
                     if (word := getattr(a, attr + "_word")) is not None and getattr(a, attr) is None]
    problems += [word_without_figure(c.source.place(("ansökningar-ord",)), "ansökningar", c.data.applications_word)
                 for c in r.input.counties if c.data.applications_word is not None and c.data.applications is None]
    return problems


def check_part_words(r: Checked) -> list[Problem]:
    """A part's word names a part that is typed; a share has a whole to be a share of, and is the
    known share nearest to the part of that whole ("130 av 210" is two thirds, not a half)."""
    data, src = r.input.data, r.input.source
    problems = []
    for attr, key, whole_attr, whole_key, whole_name in PARTS:
        parts, words, whole = getattr(data, attr), getattr(data, attr + "_words"), getattr(data, whole_attr)
        for kind, word in words.items():
            place = (f"{key}-ord", kind)
            if kind not in parts:
                problems.append(word_without_figure(src.key_place(place), key, word, part=kind))
            elif approx.is_fraction(word) and whole is None:
                problems.append(Problem(src.place(place), f"'{word}' är en andel, men det finns inget antal {whole_key.replace('-', ' ')} att ta andelen av",
                                        f"skriv hela antalet på en rad '{whole_key}:', eller skriv antalet i stället för andelen"))
            elif approx.is_fraction(word) and (nearest := approx.nearest_fraction(parts[kind], whole)) != word:
                problems.append(Problem(src.place(place),
                                        f"{sv.siffror(parts[kind])} ({src.line_of((key, kind))}) av de "
                                        f"{approx.shown(sv.siffror(whole), getattr(data, whole_attr + '_word'))} {whole_name} "
                                        f"({src.line_of((whole_key,))}) är närmast {nearest}, inte {word}",
                                        f"skriv '{kind}: {nearest}', eller rätta antalet"))
    return problems


def check_granted_words(r: Checked) -> list[Problem]:
    """``beviljade-ord`` and ``fleråriga-ord`` name a typed count under ``beviljade`` and
    ``fleråriga``, ``beviljade-totalt-ord`` needs ``beviljade-totalt``, and none goes with a
    recipient list: its counts are exact."""
    data, src = r.input.data, r.input.source
    # (key, its word or words, what the count is called in a message)
    worded = (("beviljade-ord", data.granted_words, "beviljade"), ("beviljade-totalt-ord", data.granted_total_word, "beviljade"),
              ("fleråriga-ord", data.multi_year_words, "fleråriga"))
    if r.facts.grants:  # counted from the list: the word is the one error (no "no count under beviljade")
        return [Problem(src.place((key,)), f"raden '{key}:' säger att antalet {what} är ungefärligt, men omgången har en lista över beviljade (beviljade.csv), och dess antal är exakta",
                        f"ta bort raden '{key}:'; ett ungefärligt antal skrivs under '{key.removesuffix('-ord')}:' i en omgång utan lista")
                for key, word, what in worded if word]
    problems = [word_without_figure(src.key_place((f"{key}-ord", kind)), key, word, part=kind)
                for key, words, counts in (("beviljade", data.granted_words, data.granted), ("fleråriga", data.multi_year_words, data.multi_year))
                for kind, word in words.items() if kind not in counts]
    if data.granted_total_word is not None and data.granted_total is None:
        problems.append(word_without_figure(src.place(("beviljade-totalt-ord",)), "beviljade-totalt", data.granted_total_word))
    return problems


def _exact_list(src, place: tuple, key: str, where: str, why: str, instead: str) -> Problem:
    """A word beside a recipient list: the one error (no "no count under beviljade" after it)."""
    return Problem(src.place(place + (key,)), f"raden '{key}:' {where} säger att antalet beviljade är ungefärligt, men {why}, och dess antal är exakta",
                   f"ta bort raden '{key}:'; {instead}")


def _words_without_counts(src, place: tuple, words: dict, counts: dict) -> list[Problem]:
    """A word under ``beviljade-ord`` for a type with no count under ``beviljade``."""
    return [word_without_figure(src.key_place(place + ("beviljade-ord", kind)), "beviljade", word, part=kind)
            for kind, word in words.items() if kind not in counts]


def check_scheme_and_occasion_words(r: Checked) -> list[Problem]:
    """A scheme's and a supplement's or later decision's ``beviljade-ord`` name its typed counts,
    and go with no recipient rows: a scheme's in a round with a list, an occasion's with rows of its
    own. The round's first decision types neither counts nor words: its counts are the round's."""
    data, src = r.input.data, r.input.source
    problems = []
    for key, s in data.schemes.items():
        place = ("ordningar", key)
        if s.granted_words and r.facts.grants:
            problems.append(_exact_list(src, place, "beviljade-ord", f"under bidraget {key}", "omgången har en lista över beviljade (beviljade.csv)",
                                        "bidragets antal räknas då i listan"))
        elif s.granted_words:
            problems += _words_without_counts(src, place, s.granted_words, s.granted)
    own = {a.key: a.grants for a in r.facts.announcements}
    for key, a in data.announcements.items():
        place = ("tillfällen", key)
        if key == decision_of(data):  # its counts are the round's: typed here they would be read nowhere
            problems += [Problem(src.place(place + (field,)), f"raden '{field}:' under {key} läses inte: det första beslutets antal är omgångens",
                                 f"skriv '{field}:' överst i round.yaml, utan indrag, eller ta bort raden")
                         for field, value in (("beviljade", a.granted), ("beviljade-ord", a.granted_words)) if value]
        elif a.granted_words and own.get(key):
            problems.append(_exact_list(src, place, "beviljade-ord", f"under {key}", f"beviljade.csv har rader för {key}",
                                        "tillfällets antal räknas då i listan"))
        elif a.granted_words:
            problems += _words_without_counts(src, place, a.granted_words, a.granted)
    return problems


def check_county_words(r: Checked) -> list[Problem]:
    """A county file's ``beviljade-ord`` names its typed counts, ``beviljade-totalt-ord`` needs
    ``beviljade-totalt``, and neither goes with a recipient list (its counts are exact)."""
    problems = []
    for c in r.input.counties:
        data, src = c.data, c.source
        if r.facts.grants:
            problems += [_exact_list(src, (), key, "i länsfilen", "omgången har en lista över beviljade (beviljade.csv)",
                                     "länets antal räknas då i listan")
                         for key, word in (("beviljade-ord", data.granted_words), ("beviljade-totalt-ord", data.granted_total_word)) if word]
            continue
        problems += _words_without_counts(src, (), data.granted_words, data.granted)
        if data.granted_total_word is not None and data.granted_total is None:
            problems.append(word_without_figure(src.place(("beviljade-totalt-ord",)), "beviljade-totalt", data.granted_total_word))
    return problems


def check_commitments_word(r: Checked) -> list[Problem]:
    """``åtaganden-ord`` under ``inga-nya-bidrag`` needs ``åtaganden``."""
    n = r.input.data.no_new_grants
    if n is None or n.commitments_word is None or n.commitments is not None:
        return []
    return [word_without_figure(r.input.source.place(("inga-nya-bidrag", "åtaganden-ord")), "åtaganden", n.commitments_word)]


WORD_CHECKS = (check_words_have_figures, check_part_words, check_granted_words, check_scheme_and_occasion_words,
               check_county_words, check_commitments_word)
# What of round.yaml the checks added here read (checks.READS holds the others').
WORD_READS = {
    check_scheme_and_occasion_words: frozenset(),  # ordningar and tillfällen: every check needs them
    check_county_words: frozenset(),
    check_commitments_word: frozenset({"inga-nya-bidrag"}),
}
