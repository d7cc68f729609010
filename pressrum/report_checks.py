"""Cross-checks of the year's report (``typ: redovisning``): its figures against each other and
against the round's decisions.

A report distributes no more than its budget and grants no more actors than applied; a figure
it types agrees with what the round's decisions and supplements published before it give (as
approximate when it carries a rounding word, :mod:`pressrum.approx`); its shares name a known
actor type or a count, and are no more than their whole. The ``redovisning:`` block on another
kind of release would be printed nowhere, so it is an error there. Each function takes the
:class:`pressrum.checks.Checked` round and returns its problems, every place involved named.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import approx, sv
from .errors import Problem
from .facts import REPORT
from .reports import decided_before
from .word_checks import word_without_figure

if TYPE_CHECKING:
    from .checks import Checked

# The figures of a report (attribute, key under redovisning:); a report needs one of them.
FIGURES = (("budget", "medel"), ("distributed", "fördelat"), ("applications", "ansökningar"),
           ("granted", "beviljade"), ("paid", "utbetalt"), ("shares", "andelar"))
AMOUNTS = ("budget", "distributed", "paid")  # the figures in kronor


def _kr(amount: int, word: str | None = None) -> str:
    return f"{approx.shown(sv.siffror(amount), word)} kronor"


def check_report_fields(r: Checked) -> list[Problem]:
    """A report has figures (typed or derived); another kind has no ``redovisning:`` block; a
    figure's word has the figure typed beside it (a derived figure is exact, or carries the
    round's own word); each share names a known type or a count, and is at most its whole."""
    src, terms = r.input.source, r.terms
    known = sv.lista([f"'{k}'" for k in terms], "eller")
    problems = []
    for facts in r.facts.announcements:
        a, place = r.input.data.announcements[facts.key], ("tillfällen", facts.key)
        if a.kind != REPORT:
            if a.report is not None:
                problems.append(Problem(src.key_place(place + ("redovisning",)),
                                        f"raden 'redovisning:' gäller bara en redovisning, men {facts.key} har typen {a.kind}",
                                        "ta bort raden, eller skriv 'typ: redovisning' om tillfället är redovisningen"))
            continue
        typed = a.report
        problems += [word_without_figure(src.place(place + ("redovisning", f"{key}-ord")), key, word, attr in AMOUNTS)
                     for attr, key in FIGURES if attr != "shares" and typed is not None
                     and (word := getattr(typed, attr + "_word")) is not None and getattr(typed, attr) is None]
        rep = facts.report
        if rep is not None and all(getattr(rep, attr) in (None, ()) for attr, _ in FIGURES):
            problems.append(Problem(src.place(place + ("typ",)), f"redovisningen {facts.key} har inga siffror",
                                    "skriv siffrorna under 'redovisning:', till exempel 'fördelat:' och 'beviljade:', "
                                    "eller medel och ett beslut i omgången"))
        for i, s in enumerate(a.report.shares if a.report else ()):
            at = place + ("redovisning", "andelar", i)
            if (s.kind is None) == (s.count is None):
                problems.append(Problem(src.place(at), "en andel behöver antingen 'typ:' eller 'antal:'",
                                        "skriv 'typ:' för ett antal beviljade av en aktörstyp, eller 'antal:' med siffror, inte båda"))
            elif s.kind is not None and s.kind not in terms:
                problems.append(Problem(src.place(at + ("typ",)), f"okänd aktörstyp '{s.kind}' i andelen",
                                        f"skriv {known}, eller lägg till '{s.kind}' under aktörstyper i site.yaml"))
        for i, s in enumerate(rep.shares if rep else ()):
            if s.count > s.whole or s.whole == 0:
                problems.append(Problem(src.place(place + ("redovisning", "andelar", i, "av")),
                                        f"andelen {sv.siffror(s.count)} av {sv.siffror(s.whole)} är mer än helheten, {s.what}",
                                        "rätta 'av:' eller delen; en andel kan inte vara större än det den räknas av"))
    return problems


def _line(r: Checked, key: str, field: str, typed: bool, round_field: str) -> str:
    """``fil:rad`` of a report's figure: typed under redovisning, else the round's own line."""
    src = r.input.source
    return src.line_of(("tillfällen", key, "redovisning", field) if typed else (round_field,))


def _decisions(r: Checked, facts) -> str:
    """``fil:rad`` of the decisions and supplements a report's derived figures come from."""
    return ", ".join(r.input.source.line_of(("tillfällen", d.key)) for d in decided_before(r.facts.announcements, facts))


def check_report_figures(r: Checked) -> list[Problem]:
    """No more distributed than the budget, no more granted than applied (both places named)."""
    src = r.input.source
    problems = []
    for facts in r.facts.announcements:
        rep, a = facts.report, r.input.data.announcements[facts.key]
        if rep is None:
            continue
        typed = a.report
        place = ("tillfällen", facts.key)
        if rep.budget_and_distributed and typed and typed.distributed is not None \
                and approx.above(rep.distributed, rep.distributed_word, rep.budget, rep.budget_word):
            problems.append(Problem(src.place(place + ("redovisning", "fördelat")),
                                    f"redovisningen fördelar {_kr(rep.distributed, rep.distributed_word)}, mer än medlen, "
                                    f"{_kr(rep.budget, rep.budget_word)} ({_line(r, facts.key, 'medel', typed.budget is not None, 'medel')})",
                                    "rätta 'fördelat:' eller medlen; det som fördelas kan inte vara mer än det som fanns"))
        elif rep.budget_and_distributed and not (typed and typed.distributed is not None) \
                and approx.above(rep.distributed, rep.distributed_word, rep.budget, rep.budget_word):
            # derived: the decision alone is checked against medel, its supplements only here
            problems.append(Problem(src.place(place + ("typ",)),
                                    f"besluten före redovisningen ({_decisions(r, facts)}) fördelar {_kr(rep.distributed, rep.distributed_word)}, "
                                    f"mer än medlen, {_kr(rep.budget, rep.budget_word)} "
                                    f"({_line(r, facts.key, 'medel', bool(typed and typed.budget is not None), 'medel')})",
                                    "rätta medlen eller beloppen i besluten; det som fördelas kan inte vara mer än det som fanns"))
        if rep.granted is not None and rep.applications is not None and typed \
                and (typed.granted is not None or typed.applications is not None) \
                and approx.above(rep.granted, rep.granted_word, rep.applications, rep.applications_word):
            at = place + ("redovisning", "beviljade") if typed.granted is not None else place + ("redovisning", "ansökningar")
            other = _line(r, facts.key, "ansökningar", typed.applications is not None, "ansökningar") \
                if typed.granted is not None else _decisions(r, facts)
            problems.append(Problem(src.place(at),
                                    f"{approx.shown(sv.siffror(rep.granted), rep.granted_word)} beviljade är fler än "
                                    f"{approx.shown(sv.siffror(rep.applications), rep.applications_word)} ansökningar ({other})",
                                    "rätta 'beviljade:' eller 'ansökningar:'; fler kan inte beviljas än som har sökt"))
    return problems


def check_report_against_round(r: Checked) -> list[Problem]:
    """A figure typed in a report agrees with the round's: its decisions' and supplements' (up to
    the report) actors and kronor, the round's applications and budget."""
    data, src = r.input.data, r.input.source
    problems = []
    for facts in r.facts.announcements:
        typed = data.announcements[facts.key].report
        if facts.kind != REPORT or typed is None:
            continue
        place = ("tillfällen", facts.key, "redovisning")
        decided = decided_before(r.facts.announcements, facts)
        where = _decisions(r, facts)
        # both sides may be approximate: the decisions' words (belopp-ord, beviljade-ord) and the report's
        if decided and typed.distributed is not None and facts.running_amount is not None \
                and _differ(facts.running_amount, facts.running_amount_word, typed.distributed, typed.distributed_word):
            problems.append(Problem(src.place(place + ("fördelat",)),
                                    f"redovisningen säger att {_kr(typed.distributed, typed.distributed_word)} fördelades, "
                                    f"men besluten före den ({where}) fördelar {_kr(facts.running_amount, facts.running_amount_word)}",
                                    "rätta 'fördelat:' eller besluten; utan raden räknas beloppet fram ur besluten"))
        if decided and typed.granted is not None \
                and _differ(facts.running_total, facts.running_total_word, typed.granted, typed.granted_word):
            problems.append(Problem(src.place(place + ("beviljade",)),
                                    f"redovisningen säger att {approx.shown(sv.siffror(typed.granted), typed.granted_word)} "
                                    f"aktörer beviljades, men besluten före den ({where}) beviljar {approx.shown(sv.siffror(facts.running_total), facts.running_total_word)}",
                                    "rätta 'beviljade:' eller besluten; utan raden räknas antalet fram ur besluten"))
        if typed.applications is not None and data.applications is not None and data.applications_word is None \
                and not approx.agrees(data.applications, typed.applications, typed.applications_word):
            problems.append(Problem(src.place(place + ("ansökningar",)),
                                    f"redovisningen säger {approx.shown(sv.siffror(typed.applications), typed.applications_word)} "
                                    f"ansökningar, men omgången har {sv.siffror(data.applications)} ({src.line_of(('ansökningar',))})",
                                    "rätta en av raderna, eller ta bort raden i redovisningen så gäller omgångens antal"))
        if typed.budget is not None and data.budget is not None and typed.budget_word is None and typed.budget != data.budget:
            problems.append(Problem(src.place(place + ("medel",)),
                                    f"redovisningens medel, {_kr(typed.budget)}, är inte omgångens, {_kr(data.budget)} "
                                    f"({src.line_of(('medel',))})",
                                    "rätta en av raderna, eller ta bort raden i redovisningen så gäller omgångens medel"))
    return problems


def _differ(derived: int, derived_word: str | None, typed: int, typed_word: str | None) -> bool:
    """Whether a report's typed figure contradicts the one derived from the decisions: an exact
    derived figure must agree with the typed one as its word states it; an approximate one
    ("drygt 20", from a word in a decision) only when the two certainly differ."""
    if derived_word is None:
        return not approx.agrees(derived, typed, typed_word)
    return approx.disagrees(derived, derived_word, typed, typed_word)


REPORT_CHECKS = (check_report_fields, check_report_figures, check_report_against_round)

# The keys of round.yaml each reads beyond those every check does (checks.READS): the figures a
# report derives when it does not type them.
_DERIVED_FROM = frozenset({"medel", "medel-ord", "ansökningar", "ansökningar-ord", "beviljade", "beviljade-ord"})
REPORT_READS = {check_report_fields: _DERIVED_FROM, check_report_figures: _DERIVED_FROM,
                check_report_against_round: _DERIVED_FROM}
