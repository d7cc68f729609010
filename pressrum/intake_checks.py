"""Cross-checks of the intake counts: interest registrations, applications, applicant actors,
their split by type and the early counts of an applications release (``hittills``).

Only what must hold is checked, and approximate figures as approximate (pressrum/approx.py):
an actor sends at least one application, so the applicants are never certainly more than the
applications; the split of the applicants by type may leave a type out, so it is only never
more than the applicants; an early count is never certainly more than the final one. A rounding
word needs its count. Each function takes the :class:`pressrum.checks.Checked` round and returns
its problems, every place involved named.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import approx, sv
from .errors import Problem
from .facts import APPLICATIONS
from .word_checks import word_without_figure

if TYPE_CHECKING:
    from .checks import Checked

# The intake counts (attribute, key), in round.yaml and under ``hittills``, with their words.
COUNTS = (("registrations", "intresseanmälningar"), ("applications", "ansökningar"), ("applicants", "sökande-aktörer"))
# What a count is called in a message: "de 210 ansökningarna".
DEFINITE = {"registrations": "intresseanmälningarna", "applications": "ansökningarna", "applicants": "sökande aktörerna"}


def _shown(n: int, word: str | None) -> str:
    return approx.shown(sv.siffror(n), word)


def _words_without_counts(values, src, place: tuple, counts=COUNTS) -> list[Problem]:
    """A rounding word (``sökande-aktörer-ord:``) without its count says nothing."""
    return [word_without_figure(src.place(place + (f"{key}-ord",)), key, word)
            for attr, key in counts if (word := getattr(values, attr + "_word")) is not None and getattr(values, attr) is None]


def _applicants_above_applications(values, src, place: tuple) -> list[Problem]:
    """More actors applied than applications came in: each actor sends at least one."""
    if values.applicants is None or values.applications is None:
        return []
    if not approx.above(values.applicants, values.applicants_word, values.applications, values.applications_word):
        return []
    return [Problem(src.place(place + ("sökande-aktörer",)),
                    f"{_shown(values.applicants, values.applicants_word)} sökande aktörer är fler än de "
                    f"{_shown(values.applications, values.applications_word)} ansökningarna ({src.line_of(place + ('ansökningar',))})",
                    "en aktör skickar minst en ansökan; rätta raden 'sökande-aktörer:' eller 'ansökningar:'")]


def check_intake(r: Checked) -> list[Problem]:
    """The round's intake counts: words with their counts, applicants not above applications,
    the applicants' split by type not above the applicants (nor the applications)."""
    data, src = r.input.data, r.input.source
    # The round's own applications word without a count: round_checks.check_round_figures says it.
    problems = (_words_without_counts(data, src, (), [c for c in COUNTS if c[0] != "applications"])
                + _applicants_above_applications(data, src, ()))
    known = [k for k in data.applicants_by_type if k in r.terms]  # unknown keys: check_unknown_types
    if not known:
        return problems
    words = [data.applicants_by_type_words.get(k) for k in known]
    split = sum(data.applicants_by_type[k] for k in known)
    parts = " + ".join(approx.shown(sv.siffror(data.applicants_by_type[k]), w) for k, w in zip(known, words))
    if data.applicants is not None:
        limit, word, key, what = data.applicants, data.applicants_word, "sökande-aktörer", "sökande aktörerna"
    elif data.applications is not None:
        limit, word, key, what = data.applications, data.applications_word, "ansökningar", "ansökningarna"
    else:
        return problems
    if approx.above(split, approx.sum_word(words), limit, word):
        problems.append(Problem(src.place(("sökande-per-typ",)),
                                f"delarna under 'sökande-per-typ:' blir {parts} = {sv.siffror(split)}, fler än de "
                                f"{_shown(limit, word)} {what} ({src.line_of((key,))})",
                                "rätta delarna eller totalen; en aktörstyp får saknas, men delarna kan inte bli fler än totalen"))
    return problems


def check_early_counts(r: Checked) -> list[Problem]:
    """``hittills`` only on an applications release, with a count, none certainly above the
    round's final count, and never after a release of the final counts."""
    data, src = r.input.data, r.input.source
    problems = []
    finals = [(a.published, k) for k, a in data.announcements.items() if a.kind == APPLICATIONS and a.early is None]
    for key, a in data.announcements.items():
        place, e = ("tillfällen", key), a.early
        if e is None:
            continue
        if a.kind != APPLICATIONS:
            problems.append(Problem(src.key_place(place + ("hittills",)),
                                    f"raden 'hittills:' gäller bara ett pressmeddelande om ansökningar, men {key} har typen {a.kind}",
                                    "ta bort raden, eller skriv 'typ: ansokningar' om tillfället gäller ansökningarna"))
            continue
        if e.applications is None and e.registrations is None:  # the headline's figure
            problems.append(Problem(src.key_place(place + ("hittills",)), "under 'hittills:' står varken ansökningar eller intresseanmälningar",
                                    "skriv antalet hittills, till exempel 'ansökningar: 150' indraget under 'hittills:'"))
        early_place = place + ("hittills",)
        problems += _words_without_counts(e, src, early_place) + _applicants_above_applications(e, src, early_place)
        for attr, name in COUNTS:
            count, final = getattr(e, attr), getattr(data, attr)
            if count is None or final is None:
                continue
            if approx.above(count, getattr(e, attr + "_word"), final, getattr(data, attr + "_word")):
                problems.append(Problem(src.place(early_place + (name,)),
                                        f"antalet hittills, {_shown(count, getattr(e, attr + '_word'))} {name.replace('-', ' ')}, är fler än de "
                                        f"slutliga {_shown(final, getattr(data, attr + '_word'))} {DEFINITE[attr]} ({src.line_of((name,))})",
                                        f"rätta antalet hittills eller det slutliga antalet på raden '{name}:' i round.yaml"))
        before = sorted(f for f in finals if f[0] <= a.published)
        if before:
            problems.append(Problem(src.key_place(place + ("hittills",)),
                                    f"{key} ger antalen hittills, men publiceras {sv.den(a.published, tid=True)}, efter pressmeddelandet "
                                    f"med de slutliga antalen ({before[0][1]}, {src.line_of(('tillfällen', before[0][1], 'publiceras'))})",
                                    "publicera antalen hittills före de slutliga, eller ta bort raden 'hittills:'"))
    return problems


INTAKE_CHECKS = (check_intake, check_early_counts)
