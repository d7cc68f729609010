"""Cross-checks of a round that grants nothing new (``inga-nya-bidrag:``) or is cancelled
(``inställd:``): it has no decision and no granted actors, the release kind has its field, and
the money stated is no more than the round's ``medel``.

A round can be one or the other, not both. Each function takes the
:class:`pressrum.checks.Checked` round and returns its problems, both places named, like every
check there.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import approx, sv
from .errors import Problem
from .facts import DECISION, REPORT, SUPPLEMENT
from .no_grants import CANCELLED, NO_NEW_GRANTS
from .word_checks import word_without_figure

if TYPE_CHECKING:
    from .checks import Checked

# (round.yaml key, release kind, what a release is about, what the round is, release kinds it cannot have)
STATES = (("inga-nya-bidrag", NO_NEW_GRANTS, "ett år utan nya bidrag", "ett år utan nya bidrag", (DECISION, SUPPLEMENT)),
          ("inställd", CANCELLED, "en inställd omgång", "inställd", (DECISION, SUPPLEMENT, REPORT)))


def _stated(r: Checked, key: str) -> bool:
    data = r.input.data
    return (data.no_new_grants if key == "inga-nya-bidrag" else data.cancelled) is not None


def check_release_has_its_field(r: Checked) -> list[Problem]:
    """A release of kind inga-nya-bidrag or installd needs the round's field it phrases."""
    src = r.input.source
    problems = []
    for key, kind, what, _, _ in STATES:
        if _stated(r, key):
            continue
        problems += [Problem(src.place(("tillfällen", k, "typ")),
                             f"ett pressmeddelande om {what} behöver raden '{key}:' i round.yaml",
                             f"skriv '{key}:' med sina siffror i omgången, eller välj en annan typ")
                     for k, a in r.input.data.announcements.items() if a.kind == kind]
    return problems


def check_nothing_granted(r: Checked) -> list[Problem]:
    """A round without new grants, or cancelled, has no decision, no granted actors and no
    recipient list; and it is not both."""
    data, src = r.input.data, r.input.source
    problems = []
    if data.no_new_grants is not None and data.cancelled is not None:
        problems.append(Problem(src.key_place(("inställd",)),
                                f"omgången är både inställd och ett år utan nya bidrag ({src.line_of(('inga-nya-bidrag',))})",
                                "ta bort en av raderna 'inställd:' och 'inga-nya-bidrag:'"))
    for key, _, _, what, kinds in STATES:
        if not _stated(r, key):
            continue
        where = src.line_of((key,))
        for k, a in data.announcements.items():
            if a.kind in kinds:
                problems.append(Problem(src.place(("tillfällen", k, "typ")),
                                        f"{k} har typen {a.kind}, men omgången är {what} ({where})",
                                        f"ta bort tillfället, eller raden '{key}:' om omgången ändå har beslut"))
        for field in ("beviljade", "beviljade-totalt"):
            if _typed(data, field):
                problems.append(Problem(src.key_place((field,)), f"omgången har '{field}:', men den är {what} ({where})",
                                        f"ta bort raden '{field}:', eller raden '{key}:' om omgången ändå har beviljade"))
        if r.input.recipients:
            problems.append(Problem(src.key_place((key,)),
                                    f"omgången är {what}, men har en lista över beviljade ({r.input.recipients_file})",
                                    f"ta bort {r.input.recipients_file}, eller raden '{key}:' om omgången ändå har beviljade"))
    return problems


def _typed(data, field: str) -> bool:
    return bool(data.granted) if field == "beviljade" else data.granted_total is not None


def check_money(r: Checked) -> list[Problem]:
    """What is paid to earlier commitments, or moved elsewhere, is no more than the round's medel."""
    data, src = r.input.data, r.input.source
    if data.budget is None:
        return []
    # "cirka 64 miljoner kronor" (medel-ord) is compared as approximate
    budget = f"omgångens medel, {approx.shown(sv.siffror(data.budget), data.budget_word)} kronor ({src.line_of(('medel',))})"
    problems = []
    n, c = data.no_new_grants, data.cancelled
    if n is not None and n.paid is not None and approx.above(n.paid, n.paid_word, data.budget, data.budget_word):
        problems.append(Problem(src.place(("inga-nya-bidrag", "utbetalt")),
                                f"det som betalas ut, {approx.shown(sv.siffror(n.paid), n.paid_word)} kronor, är mer än {budget}",
                                "rätta 'utbetalt:' eller 'medel:'; det som betalas ut kan inte vara mer än årets medel"))
    if c is not None and c.amount is not None and approx.above(c.amount, c.amount_word, data.budget, data.budget_word):
        problems.append(Problem(src.place(("inställd", "belopp")),
                                f"beloppet som flyttas, {approx.shown(sv.siffror(c.amount), c.amount_word)} kronor, är mer än {budget}",
                                "rätta 'belopp:' eller 'medel:', eller ta bort 'belopp:' så flyttas omgångens medel"))
    return problems


def check_words(r: Checked) -> list[Problem]:
    """A word before the money (``utbetalt-ord``, ``belopp-ord``) has its amount typed beside it:
    without it the release would print the round's medel, or nothing, and drop the word."""
    data, src = r.input.data, r.input.source
    worded = ((("inga-nya-bidrag",), "utbetalt", data.no_new_grants, "paid"), (("inställd",), "belopp", data.cancelled, "amount"))
    return [word_without_figure(src.place(place + (f"{key}-ord",)), key, word, amount=True)
            for place, key, block, attr in worded
            if block is not None and (word := getattr(block, attr + "_word")) is not None and getattr(block, attr) is None]


NO_GRANTS_CHECKS = (check_release_has_its_field, check_nothing_granted, check_money, check_words)

# The keys of round.yaml each reads beyond those every check does (checks.READS).
_STATES = frozenset({"inga-nya-bidrag", "inställd"})
NO_GRANTS_READS = {check_release_has_its_field: _STATES,
                   check_nothing_granted: _STATES | {"beviljade", "beviljade-totalt"},
                   check_money: _STATES | {"medel"}, check_words: _STATES}
