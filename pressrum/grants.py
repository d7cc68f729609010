"""Recipient lists as a fact source: classify each granted row and count what releases print.

A row of ``beviljade.csv`` names a legal type (kommun, stiftelse …); the round's actor types
say which of them they cover (``omfattar``). Each row belongs to an announcement (the decision
unless it says otherwise) and, when the round has several schemes, to one scheme. A top-up
(``tillägg: ja``) adds money to an earlier recipient but never a new actor.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from . import sv
from .errors import Place, Problem
from .recipients import RecipientRow, legal_type


def names_municipality(name: str, municipality: str) -> bool:
    """The recipient's name already says its municipality ("Malmö stad", "Helsingborgs stad",
    "Malmö mot segregation" in Malmö), so a text need not add it again."""
    return re.search(rf"(?<!\w){re.escape(municipality)}", name, re.IGNORECASE) is not None


@dataclass(frozen=True)
class Grant:
    """A classified row: the recipient with its actor type, announcement and scheme keys."""

    name: str
    legal_kind: str  # as in the list: kommun, region, stiftelse …
    type_key: str  # the actor type it counts as (a key of aktörstyper)
    municipality: sv.Kommun
    amount: int
    years: int
    announcement: str
    scheme: str | None
    topup: bool
    place: Place
    scheme_name: str | None = None  # the scheme's name in running text, when the round has several

    @property
    def multi_year(self) -> bool:
        return self.years > 1

    @property
    def place_shown(self) -> str | None:
        """The municipality a list item shows after the name, or None when the name says it
        already: "Malmö stad", never "Malmö stad, Malmö" (W6)."""
        return None if names_municipality(self.name, self.municipality.namn) else self.municipality.namn

    @property
    def actor(self) -> tuple[str, str]:
        """Who the grant goes to: one actor may hold grants under several schemes."""
        return (self.name.casefold(), self.municipality.kod)


def covers(actor_types: dict, terms: dict) -> dict[str, str]:
    """Legal type in the recipient list → actor type key (from ``omfattar``): the types the
    content accepts in ``beviljade.csv``, and no others."""
    return {legal_type(kind): key for key, t in actor_types.items() if key in terms for kind in t.covers}


def unknown_type(row: RecipientRow, terms: dict, covers: dict[str, str]) -> Problem:
    """A row whose legal type no actor type's ``omfattar`` lists, at its ``typ`` cell, with the
    accepted types (or the nearest one)."""
    close = difflib.get_close_matches(row.kind, covers, n=1, cutoff=0.6)
    where = f"under omfattar för en av aktörstyperna ({', '.join(terms)}) i site.yaml eller round.yaml"
    if close:
        hint = f"menade du '{close[0]}'? Annars lägg till typen {where}"
    elif covers:
        hint = f"använd en av: {', '.join(covers)}, eller lägg till typen {where}"
    else:
        hint = f"ingen typ tas emot ännu: skriv vilka typer som räknas till varje aktörstyp {where}"
    return Problem(row.kind_place or row.place, f"okänd typ '{row.kind}'", hint)


def classify(rows: tuple[RecipientRow, ...], covers: dict[str, str], announcements: dict, decision: str | None,
             schemes: dict) -> tuple[Grant, ...]:
    """Every row that can be placed as a :class:`Grant`; :func:`check_rows` reports the others."""
    grants = []
    for row in rows:
        type_key, ann = covers.get(row.kind), _announcement(row, announcements, decision)
        scheme_ok, scheme = _scheme(row, schemes)
        if type_key is not None and ann is not None and scheme_ok:
            grants.append(Grant(row.name, row.kind, type_key, row.municipality, row.amount, row.years, ann, scheme,
                                row.topup, row.place, schemes[scheme].name if len(schemes) > 1 else None))
    return tuple(grants)


def check_rows(rows: tuple[RecipientRow, ...], terms: dict, covers: dict[str, str], announcements: dict,
               decision: str | None, schemes: dict) -> list[Problem]:
    """The rows that cannot be placed (type, announcement or scheme unknown), each at its line."""
    problems = []
    for row in rows:
        if row.kind not in covers:
            problems.append(unknown_type(row, terms, covers))
        if _announcement(row, announcements, decision) is None:
            hint = "skriv nyckeln för ett tillfälle i round.yaml: " + ", ".join(announcements)
            problems.append(Problem(row.place, f"raden hör inte till något tillfälle ('{row.announcement or ''}')", hint))
        if _scheme(row, schemes)[0]:
            continue
        if schemes:
            problems.append(Problem(row.place, f"okänt bidrag i kolumnen ordning: '{row.scheme or ''}'",
                                    "skriv nyckeln för ett bidrag under ordningar i round.yaml: " + ", ".join(schemes)))
        else:
            problems.append(Problem(row.place, f"kolumnen ordning säger '{row.scheme}', men omgången har inga ordningar",
                                    "lämna kolumnen tom eller lägg till bidraget under ordningar i round.yaml"))
    return problems


def _announcement(row: RecipientRow, announcements: dict, decision: str | None) -> str | None:
    """The key of the row's announcement (the decision unless it says otherwise), or None when unknown."""
    ann = row.announcement or decision
    return ann if ann is not None and ann in announcements else None


def _scheme(row: RecipientRow, schemes: dict) -> tuple[bool, str | None]:
    """Whether the row's scheme is known, and its key (the only scheme when the column is empty)."""
    if not schemes:
        return row.scheme is None, None
    if row.scheme is None and len(schemes) == 1:
        return True, next(iter(schemes))
    return row.scheme in schemes, row.scheme


def check_topups(grants: tuple[Grant, ...]) -> list[Problem]:
    """A top-up goes to an actor granted earlier in the list; a new grant is not given twice."""
    problems = []
    seen: set = set()  # (actor, scheme) of every grant so far
    actors: set = set()  # actors with any grant so far
    for g in grants:
        key = (g.actor, g.scheme)
        if g.topup and g.actor not in actors:
            problems.append(Problem(g.place, f"{g.name} får ett tillägg men har inget tidigare bidrag i listan",
                                    "skriv tillägg: nej om det är ett nytt bidrag, eller lägg till det första beslutet"))
        elif not g.topup and key in seen:
            problems.append(Problem(g.place, f"{g.name} står två gånger som ny mottagare",
                                    "markera den senare raden som tillägg (tillägg: ja) eller ta bort den"))
        seen.add(key)
        actors.add(g.actor)
    return problems


def actors_by_type(grants) -> Counter:
    """New actors per actor type: top-ups excluded, an actor counted once across schemes."""
    firsts = {}
    for g in grants:
        if not g.topup:
            firsts.setdefault(g.actor, g.type_key)
    return Counter(firsts.values())


def amount(grants) -> int:
    """Kronor of these grants for the first year (top-ups included)."""
    return sum(g.amount for g in grants)
