"""Cross-checks of a round's decisions in sequence: several ``typ: beslut`` and the supplements.

A round's decisions come in the order round.yaml lists them, each published after the one
before; a later decision adds actors (it is a decision of its own, with its increment), and a
running total stated for an occasion (``beviljade-totalt``) is what the decisions up to it have
granted – never less than after an earlier one. A row of the recipient list belongs to a
decision or a supplement, never to a call or a news release. Each function takes the
:class:`pressrum.checks.Checked` round and returns its problems, every place involved named.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import approx, sv
from .errors import Problem
from .counting_rules import decisions_of
from .facts import DECISION, SUPPLEMENT

if TYPE_CHECKING:
    from .checks import Checked

GRANTING = (DECISION, SUPPLEMENT)  # the kinds whose rows of the recipient list grant money


def check_decision_order(r: Checked) -> list[Problem]:
    """Each decision after the first is published after the decision listed before it."""
    data, src = r.input.data, r.input.source
    keys = decisions_of(data)
    problems = []
    for before, key in zip(keys, keys[1:]):
        earlier, later = data.announcements[before], data.announcements[key]
        if later.published <= earlier.published:
            problems.append(Problem(
                src.place(("tillfällen", key, "publiceras")),
                f"beslutet {key} publiceras {sv.datumtid(later.published)}, före beslutet ovanför det, {before} "
                f"({src.line_of(('tillfällen', before, 'publiceras'))}), som publiceras {sv.datumtid(earlier.published)}",
                "besluten publiceras i den ordning de står under tillfällen: ändra tiden eller flytta beslutet "
                f"{key} före {before}"))
    return problems


def check_later_decisions(r: Checked) -> list[Problem]:
    """A later decision grants something: new actors or top-ups."""
    src = r.input.source
    return [Problem(src.place(("tillfällen", a.key)), f"beslutet {a.key} har inga nya aktörer och inga tillägg",
                    "skriv beviljade under tillfället eller lägg till raderna i beviljade.csv med tillfälle " + a.key)
            for a in r.facts.announcements if a.later_decision and a.total == 0 and not a.topups]


def check_running_totals(r: Checked) -> list[Problem]:
    """A stated running total (``beviljade-totalt`` of an occasion) never goes down, and it is what
    the decisions up to the occasion have granted."""
    data, src = r.input.data, r.input.source
    if check_decision_order(r):  # out of order, the totals "so far" would mislead: that problem first
        return []
    granting = sorted((a for a in r.facts.announcements if a.kind in GRANTING), key=lambda a: (a.published, a.key))
    problems = []
    for i, a in enumerate(granting):
        typed = data.announcements[a.key].granted_total
        if typed is None:
            continue
        place = src.place(("tillfällen", a.key, "beviljade-totalt"))
        stated_before = [(b, data.announcements[b.key].granted_total) for b in granting[:i]]
        higher = [(b, n if n is not None else b.running_total) for b, n in stated_before
                  if (n if n is not None else b.running_total) > typed]
        if higher:
            b, n = higher[-1]
            where = _total_line(r, b.key)
            problems.append(Problem(
                place, f"totalt antal beviljade minskar: här står {sv.siffror(typed)}, men efter {b.key} ({where}) "
                f"hade {sv.siffror(n)} beviljats",
                f"totalen är alla som beviljats hittills i omgången: skriv minst {sv.siffror(n)}, eller rätta siffrorna för {b.key}"))
        elif approx.disagrees(typed, None, a.running_total, a.running_total_word):  # "nästan 100" so far: near
            parts = " + ".join(f"{sv.siffror(b.total)} i {b.key}" for b in granting[:i + 1])
            problems.append(Problem(
                place, f"här står {sv.siffror(typed)} beviljade totalt, men besluten hittills ger "
                f"{sv.siffror(a.running_total)} ({parts})",
                "rätta totalen eller antalen i besluten så att de stämmer"))
    return problems


def _total_line(r: Checked, key: str) -> str:
    """``fil:rad`` of the running total after an occasion: its own ``beviljade-totalt``, else the
    figure it comes from (the round's ``beviljade`` for the first decision, the occasion's own
    ``beviljade``, else the occasion in round.yaml)."""
    data, src = r.input.data, r.input.source
    a = data.announcements[key]
    if a.granted_total is not None:
        return src.line_of(("tillfällen", key, "beviljade-totalt"))
    if a.granted:
        return src.line_of(("tillfällen", key, "beviljade"))
    if a.kind == DECISION and key == decisions_of(data)[0] and data.granted:
        return src.line_of(("beviljade",))
    return src.line_of(("tillfällen", key))


def check_rows_granting(r: Checked) -> list[Problem]:
    """A row of the recipient list belongs to a decision or a supplement. A round without new
    grants, or cancelled, is told once that it has a list at all (no_grants_checks), not row by row."""
    data = r.input.data
    if data.no_new_grants is not None or data.cancelled is not None:
        return []
    granting = [k for k, a in data.announcements.items() if a.kind in GRANTING]
    return [Problem(g.place, f"raden hör till tillfället {g.announcement}, som är av typen "
                    f"{data.announcements[g.announcement].kind} och inte beviljar några bidrag",
                    "skriv nyckeln för ett beslut eller ett tillägg i kolumnen tillfälle: " + ", ".join(granting))
            for g in r.facts.grants if data.announcements[g.announcement].kind not in GRANTING]


def check_decided_by(r: Checked) -> list[Problem]:
    """Who decided (``beslutsfattare``) is printed by a decision's or a supplement's release:
    a round with neither would print it nowhere."""
    data = r.input.data
    if data.decided_by is None or any(a.kind in GRANTING for a in data.announcements.values()):
        return []
    return [Problem(r.input.source.place(("beslutsfattare",)), "omgången säger vem som fattade beslutet, men den har "
                    "inget beslut eller tillägg, så det skrivs ingenstans",
                    "ta bort raden, eller lägg till ett tillfälle med typ: beslut")]


SEQUENCE_CHECKS = (check_decision_order, check_later_decisions, check_running_totals, check_rows_granting,
                   check_decided_by)
