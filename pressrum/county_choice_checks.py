"""Cross-checks of the editor's choice of counties (``lokala-pressmeddelanden``).

A round, or one of its decisions or supplements, may list the counties that get a local release
(or ``inga``); the default is every county with recipients. A report (``typ: redovisning``) may
list its own, and has none by default: its county figures are the rows of the recipient list
decided before it. A county chosen must have recipients where the choice applies – in the
occasion for an occasion's list, in some decision or supplement of the round for the round's,
in those published up to the report for a report's – or the choice promises a release that
never comes. The choice belongs to the kinds that have local releases. Each function takes the
:class:`pressrum.checks.Checked` round and returns its problems, every place involved named.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import sv
from .errors import Problem
from .counting_rules import decision_of
from .facts import DECISION, REPORT, SUPPLEMENT

if TYPE_CHECKING:
    from .checks import Checked

FIELD = "lokala-pressmeddelanden"
LOCAL_KINDS = (DECISION, SUPPLEMENT)  # the kinds whose templates write local releases by default
CHOSEN_KINDS = LOCAL_KINDS + (REPORT,)  # and those that may have them when the editor chooses counties


def with_recipients(r: Checked) -> dict[str, tuple[sv.Lan, ...]]:
    """Per decision or supplement, the counties with new recipients in it (county-code order):
    the first decision's are the round's counties with granted actors, another's those of its
    own rows (top-ups alone make no local news); a report's are those of every row of the
    decisions and supplements published up to it."""
    first = decision_of(r.input.data)
    out = {}
    for a in r.facts.announcements:
        if a.kind not in LOCAL_KINDS:
            continue
        if a.key == first:
            lans = {c.lan for c in r.facts.counties if c.total}
        else:
            lans = {g.municipality.lan for g in a.grants if not g.topup}
        out[a.key] = tuple(sorted(lans, key=lambda lan: lan.kod))
    for a in (a for a in r.facts.announcements if a.kind == REPORT):
        before = {b.key for b in r.facts.announcements if b.kind in LOCAL_KINDS and b.published <= a.published}
        lans = {g.municipality.lan for g in r.facts.grants if g.announcement in before and not g.topup}
        out[a.key] = tuple(sorted(lans, key=lambda lan: lan.kod))
    return out


def _hint(lans: tuple[sv.Lan, ...]) -> str:
    if not lans:
        return "ta bort länet ur listan; inget län har mottagare där (skriv inga för inga lokala pressmeddelanden)"
    return "ta bort länet ur listan, eller välj bland länen med mottagare: " + ", ".join(lan.slug for lan in lans)


def check_county_choice(r: Checked) -> list[Problem]:
    """Every chosen county has recipients where its list applies; only a decision or a
    supplement has a list of its own."""
    data, src = r.input.data, r.input.source
    counties = with_recipients(r)
    problems = []
    if data.local_counties:
        anywhere = tuple(sorted({lan for lans in counties.values() for lan in lans}, key=lambda lan: lan.kod))
        problems += [Problem(src.place((FIELD, i)), f"{lan.kortnamn} har inga mottagare i omgångens beslut och "
                             "tillägg, så länet får inget lokalt pressmeddelande", _hint(anywhere))
                     for i, lan in enumerate(data.local_counties) if lan not in anywhere]
    for key, a in data.announcements.items():
        if a.local_counties is None:
            continue
        place = ("tillfällen", key, FIELD)
        if a.kind not in CHOSEN_KINDS:
            problems.append(Problem(src.place(place), f"{FIELD} gäller bara beslut, tillägg och redovisningar, men {key} "
                                    f"har typen {a.kind}", "ta bort raden; den typen har inga lokala pressmeddelanden"))
            continue
        if a.kind == REPORT and a.local_counties and not r.facts.grants:
            problems.append(Problem(src.place(place), "lokala pressmeddelanden om redovisningen räknar länens siffror ur "
                                    "listan över beviljade (beviljade.csv), men omgången har ingen sådan lista",
                                    "lägg till beviljade.csv med en rad för varje mottagare, eller ta bort raden"))
            continue
        mine = counties.get(key, ())
        where = "besluten och tilläggen före redovisningen" if a.kind == REPORT else key
        problems += [Problem(src.place(place + (i,)), f"{lan.kortnamn} har inga mottagare i {where}, så länet får "
                             "inget lokalt pressmeddelande där", _hint(mine))
                     for i, lan in enumerate(a.local_counties) if lan not in mine]
    return problems


# A county file's text for its local release (attribute, key): printed nowhere when the county is not chosen.
LOCAL_TEXT = (("headline", "rubrik"), ("quotes", "citat"), ("national_quotes", "nationella-citat"),
              ("paragraphs", "stycken"), ("press_image", "pressbild"))


def check_county_text_chosen(r: Checked) -> list[Problem]:
    """A county file with text for its local release (a headline, quotes, paragraphs, a press
    image) is for a county the first decision's choice keeps; else the text is printed nowhere."""
    data, src = r.input.data, r.input.source
    first = decision_of(data)
    if first is None:
        return []
    own = data.announcements[first].local_counties
    choice, path = (own, ("tillfällen", first, FIELD)) if own is not None else (data.local_counties, (FIELD,))
    if choice is None:
        return []
    problems = []
    for c in r.input.counties:
        text = [key for attr, key in LOCAL_TEXT if getattr(c.data, attr)]
        if c.lan in choice or not text:
            continue
        problems.append(Problem(c.source.place((text[0],)), f"filen för {c.lan.namn} har text till ett lokalt "
                                f"pressmeddelande ({', '.join(text)}), men länet är inte valt under {FIELD} "
                                f"({src.line_of(path)}), så texten publiceras ingenstans",
                                f"lägg till {c.lan.slug} i listan, eller ta bort texten ur länsfilen"))
    return problems


COUNTY_CHOICE_CHECKS = (check_county_choice, check_county_text_chosen)
