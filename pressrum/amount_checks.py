"""Cross-checks of the amounts and measures a round states beside its counts.

A county's typed amount against its rows of the recipient list and against the decision's;
the counties together against the country; the decision's money (typed, or the recipient list's
total) against the round's ``medel`` and each scheme's; rounding words that round nothing;
measures that site.yaml does not define, or a county's figure above the country's. Each function takes the
:class:`pressrum.checks.Checked` round and returns its problems, like every check there.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import approx, sv
from . import grants as grants_
from .errors import Place, Problem
from .counting_rules import decision_of
from .field_readers import MAX_AMOUNT
from .word_checks import word_without_figure

if TYPE_CHECKING:
    from .checks import Checked



def check_rounding_words(r: Checked) -> list[Problem]:
    """A rounding word (``belopp-ord``) needs a typed amount: it says how that figure was rounded."""
    data, src = r.input.data, r.input.source
    problems = [word_without_figure(src.place(("tillfällen", key, "belopp-ord")), "belopp", a.amount_word, amount=True)
                for key, a in data.announcements.items() if a.amount_word and a.amount is None]
    problems += [word_without_figure(c.source.place(("belopp-ord",)), "belopp", c.data.amount_word, amount=True)
                 for c in r.counties if c.has_file and c.data.amount_word and c.data.amount is None]
    return problems


def check_county_amounts(r: Checked) -> list[Problem]:
    """Counties' typed amounts against their rows of the list, the decision's amount and each other."""
    data, src = r.input.data, r.input.source
    problems = []
    for c in (c for c in r.counties if c.has_file and c.data.amount is not None):
        if c.facts.grants and not approx.agrees(grants_.amount(c.facts.grants), c.data.amount, c.data.amount_word):
            problems.append(Problem(c.source.place(("belopp",)),
                                    f"länets belopp är {approx.shown(sv.siffror(c.data.amount), c.data.amount_word)} kronor, men länets rader i {r.input.recipients_file} "
                                    f"blir {sv.siffror(grants_.amount(c.facts.grants))} kronor",
                                    "rätta beloppet eller listan över beviljade, eller ta bort raden 'belopp:' (beloppet räknas då fram ur listan)"))
    decision = decision_of(data)
    national = next((a.amount for a in r.facts.announcements if a.key == decision), None)
    if national is None:
        return problems
    where = ("tillfällen", decision, "belopp")
    stated = data.announcements[decision].amount is not None  # else the figure is the list's sum
    national_word = data.announcements[decision].amount_word if stated else None
    national_text = approx.shown(sv.siffror(national), national_word)
    shown = src.line_of(where) if stated else r.input.recipients_file
    national_place = src.place(where) if stated else src.place(())
    # (county, amount, its rounding word): a typed amount keeps its word, a list's sum is exact
    counted = [(c, c.facts.amount, c.data.amount_word if c.data.amount is not None else None)
               for c in r.counties if c.facts.amount is not None]
    problems += [Problem(c.source.place(("belopp",)) if c.data.amount is not None else c.source.place(()),
                         f"{approx.shown(sv.siffror(n), w)} kronor till {c.facts.lan.namn} är mer än {national_text} kronor i hela landet ({shown})",
                         "länets belopp kan inte vara större än rikets; rätta någon av dem")
                 for c, n, w in counted if approx.above(n, w, national, national_word)]
    total = sum(n for _, n, _ in counted)
    if len(counted) > 1 and approx.above(total, approx.sum_word(w for _, _, w in counted), national, national_word):
        listed = ", ".join(f"{c.source.line_of(('belopp',))} ({approx.shown(sv.siffror(n), w)})" for c, n, w in counted)
        problems.append(Problem(national_place,
                                f"länen får sammanlagt {sv.siffror(total)} kronor, men hela landet {national_text} kronor: {listed}",
                                "rätta beloppen så att länen tillsammans inte överstiger rikets"))
    return problems


def check_measures(r: Checked) -> list[Problem]:
    """Measures must be defined under ``bidrag › mått``; a county's figure not above the country's."""
    data, src = r.input.data, r.input.source
    known = dict(r.facts.words.measures) if r.facts.words else {}

    def hint(key: str) -> str:
        add = f"lägg till '{key}' under 'mått:' i 'bidrag:' i site.yaml"
        names = sv.lista([f"'{k}'" for k in known], "eller")
        return f"skriv {names}, eller {add}" if known else f"{add} först"

    def unknown(source, values) -> list[Problem]:
        return [Problem(source.key_place(("mått", key)), f"okänt mått '{key}'", hint(key)) for key in values if key not in known]

    problems = unknown(src, data.measures)
    for c in r.counties:
        if not c.has_file:
            continue
        problems += unknown(c.source, c.data.measures)
        for key, value in c.data.measures.items():
            whole = data.measures.get(key)
            if whole is not None and approx.above(value.count, value.word, whole.count, whole.word):
                problems.append(Problem(c.source.place(("mått", key, "antal")),
                                        f"{approx.shown(sv.siffror(value.count), value.word)} {key} i {c.facts.lan.namn} är fler än "
                                        f"{approx.shown(sv.siffror(whole.count), whole.word)} i hela landet "
                                        f"({src.line_of(('mått', key, 'antal'))})",
                                        "länets tal kan inte vara större än rikets; rätta någon av dem"))
    return problems


def check_recipient_amounts(r: Checked) -> list[Problem]:
    """Named recipients' amounts together not above their county's amount (typed or listed)."""
    problems = []
    for c in r.counties:
        named = [(i, rec.amount) for i, rec in enumerate(c.data.recipients) if rec.amount is not None]
        total = sum(n for _, n in named)
        if named and c.facts.amount is not None and total > c.facts.amount:
            where = c.source.line_of(("belopp",)) if c.data.amount is not None else r.input.recipients_file
            problems.append(Problem(c.source.place(("mottagare", named[-1][0], "belopp")),
                                    f"mottagarna i {c.facts.lan.namn} får sammanlagt {sv.siffror(total)} kronor, "
                                    f"men länet {sv.siffror(c.facts.amount)} kronor ({where})",
                                    "rätta mottagarnas belopp eller länets belopp"))
    return problems


def check_budget(r: Checked) -> list[Problem]:
    """The decision's money within the round's ``medel`` and each scheme's rows within the
    scheme's ``medel`` (each only when stated: ``medel`` is optional for a round); a list whose
    total is beyond any grant (:data:`~pressrum.field_readers.MAX_AMOUNT`) when no ``medel`` bounds it."""
    data, src, csv_file = r.input.data, r.input.source, r.input.recipients_file
    decision = decision_of(data)
    if decision is None:
        return []
    decided = r.facts.decided
    listed = grants_.amount(decided) if decided else None
    typed, word = data.announcements[decision].amount, data.announcements[decision].amount_word
    problems = []
    if data.budget is not None:
        budget = approx.shown(sv.siffror(data.budget), data.budget_word)  # "cirka 250 000 000": approximate
        money = f"hela beloppet att fördela, {budget} kronor ({src.line_of(('medel',))})"
        if typed is not None and approx.above(typed, word, data.budget, data.budget_word):
            problems.append(Problem(src.place(("tillfällen", decision, "belopp")),
                                    f"beslutet är {approx.shown(sv.siffror(typed), word)} kronor, mer än {money}",
                                    "rätta beslutets belopp eller beloppet på raden 'medel:'"))
        if listed is not None and approx.exceeds(listed, data.budget, data.budget_word):
            problems.append(Problem(src.place(("medel",)),
                                    f"beslutets rader i {csv_file} blir {sv.siffror(listed)} kronor, mer än hela beloppet att fördela, "
                                    f"{budget} kronor",
                                    f"rätta beloppet på raden 'medel:' eller beloppen i {csv_file}"))
    elif listed is not None and listed > MAX_AMOUNT:
        problems.append(Problem(Place(csv_file, 1, 1),
                                f"beslutets rader blir {sv.siffror(listed)} kronor, mer än hela statsbudgeten "
                                "(cirka 1 300 miljarder kronor)",
                                "kontrollera beloppen i listan"))
    for key, scheme in data.schemes.items():
        own = [g for g in decided if g.scheme == key]
        if own and approx.exceeds(grants_.amount(own), scheme.budget, scheme.budget_word):
            problems.append(Problem(src.place(("ordningar", key, "medel")),
                                    f"beslutets rader för {key} i {csv_file} blir {sv.siffror(grants_.amount(own))} kronor, "
                                    f"mer än bidragets medel {approx.shown(sv.siffror(scheme.budget), scheme.budget_word)} kronor",
                                    f"rätta raden 'medel:' under '{key}:' i 'ordningar:' eller beloppen i {csv_file}"))
    return problems


AMOUNT_CHECKS = (check_rounding_words, check_county_amounts, check_measures, check_recipient_amounts, check_budget)
# The keys of round.yaml each reads beyond those every check does (checks.READS).
AMOUNT_READS = {check_rounding_words: frozenset(), check_county_amounts: frozenset(), check_measures: frozenset({"mått"}),
                check_recipient_amounts: frozenset(), check_budget: frozenset({"medel"})}
