"""Cross-checks of a call for applications (``typ: utlysning``): its times, who may apply, its caps.

A call needs both its times, it closes after it opens, and its release comes out before it
closes; who may apply (``får-söka``) and the
caps (``högst``) name actor types of the round, and no cap is more than the money of the call
(its ``belopp``, else the round's ``medel``) unless that figure is stated as approximate or as a
floor. The call's own fields on another kind of release would be printed nowhere, so they are
an error there. Each function takes the :class:`pressrum.checks.Checked` round and returns its
problems, every place involved named, like every check there.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import approx, sv
from .errors import Problem
from .facts import CALL
from .word_checks import word_without_figure

if TYPE_CHECKING:
    from .checks import Checked

# The call's own fields (attribute, key in round.yaml), printed only by a call's templates.
CALL_FIELDS = (("opens", "öppnar"), ("closes", "stänger"), ("may_apply", "får-söka"), ("caps", "högst"),
               ("eligible", "behöriga"), ("invited", "inbjudna"), ("eligible_word", "behöriga-ord"), ("invited_word", "inbjudna-ord"))


def check_call_fields(r: Checked) -> list[Problem]:
    """A call has both its times; another kind of release has none of the call's fields."""
    src = r.input.source
    problems = []
    for key, a in r.input.data.announcements.items():
        place = ("tillfällen", key)
        if a.kind == CALL:
            missing = [f"'{name}:'" for attr, name in CALL_FIELDS[:2] if getattr(a, attr) is None]
            if missing:
                problems.append(Problem(src.place(place + ("typ",)), f"utlysningen {key} saknar {sv.lista(missing)}",
                                        "skriv när ansökan öppnar och stänger, svensk tid, till exempel "
                                        "'öppnar: 2025-03-02 08:00' och 'stänger: 2025-04-03 12:00'"))
            continue
        for attr, name in CALL_FIELDS:
            if attr in a.model_fields_set:
                problems.append(Problem(src.key_place(place + (name,)),
                                        f"raden '{name}:' gäller bara en utlysning, men {key} har typen {a.kind}",
                                        "ta bort raden, eller skriv 'typ: utlysning' om tillfället är utlysningen"))
    return problems


def check_call_times(r: Checked) -> list[Problem]:
    """A call closes after it opens, and its release is published before it closes (a release
    after the closing time would invite applications that can no longer be made)."""
    src = r.input.source
    problems = []
    for key, a in r.input.data.announcements.items():
        if a.kind != CALL or a.closes is None:
            continue
        place = ("tillfällen", key)
        if a.opens is not None and a.closes <= a.opens:
            problems.append(Problem(src.place(place + ("stänger",)),
                                    f"ansökan stänger {sv.den(a.closes, tid=True)}, men öppnar först {sv.den(a.opens, tid=True)} "
                                    f"({src.line_of(place + ('öppnar',))})",
                                    "rätta tiden på raden 'stänger:' eller 'öppnar:' så att ansökan stänger efter att den öppnat"))
        elif a.published >= a.closes:
            problems.append(Problem(src.place(place + ("publiceras",)),
                                    f"utlysningen publiceras {sv.den(a.published, tid=True)}, men ansökan stänger redan "
                                    f"{sv.den(a.closes, tid=True)} ({src.line_of(place + ('stänger',))})",
                                    "skriv en publiceringstid före stängningen på raden 'publiceras:', eller rätta raden 'stänger:'"))
    return problems


def check_call_types(r: Checked) -> list[Problem]:
    """Who may apply and the caps name actor types of the round; a cap is for one who may apply;
    no more are invited than may apply."""
    src, terms = r.input.source, r.terms
    known = sv.lista([f"'{k}'" for k in terms], "eller")
    problems = []
    for key, a in r.input.data.announcements.items():
        place = ("tillfällen", key)
        if a.eligible is not None and a.invited is not None and a.invited > a.eligible:
            problems.append(Problem(src.place(place + ("inbjudna",)),
                                    f"{sv.siffror(a.invited)} inbjudna är fler än de {sv.siffror(a.eligible)} som kan söka "
                                    f"({src.line_of(place + ('behöriga',))})",
                                    "rätta raden 'inbjudna:' eller 'behöriga:'; bara den som kan söka kan bjudas in"))
        for i, kind in enumerate(a.may_apply):
            if kind not in terms:
                problems.append(Problem(src.place(place + ("får-söka", i)),
                                        f"okänd aktörstyp '{kind}' bland dem som får söka",
                                        f"skriv {known}, eller lägg till '{kind}' under aktörstyper i site.yaml"))
        for kind in a.caps:
            if kind not in terms:
                problems.append(Problem(src.key_place(place + ("högst", kind)), f"okänd aktörstyp '{kind}' under 'högst:'",
                                        f"skriv {known}, eller lägg till '{kind}' under aktörstyper i site.yaml"))
            elif a.may_apply and kind not in a.may_apply:
                problems.append(Problem(src.key_place(place + ("högst", kind)),
                                        f"det finns ett tak för {terms[kind].plural}, men de står inte bland dem som får söka "
                                        f"({src.line_of(place + ('får-söka',))})",
                                        f"lägg till '{kind}' under 'får-söka:' eller ta bort taket"))
    return problems


def check_caps(r: Checked) -> list[Problem]:
    """No cap above the call's money: its ``belopp`` (unless stated as approximate or as a floor),
    else the round's ``medel``."""
    data, src = r.input.data, r.input.source
    problems = []
    for key, a in data.announcements.items():
        place = ("tillfällen", key)
        if a.kind != CALL or not a.caps:
            continue
        # After cirka, omkring, drygt or över the real money may be more than the figure, so a cap
        # above it may still be within it (pressrum/approx.py); after knappt or nästan it may not.
        if a.amount is not None:
            total, word = a.amount, a.amount_word
            where = f"utlysningens belopp, {approx.shown(sv.siffror(a.amount), word)} kronor ({src.line_of(place + ('belopp',))})"
        elif data.budget is not None:
            total, word = data.budget, data.budget_word
            where = f"hela beloppet att fördela, {approx.shown(sv.siffror(data.budget), word)} kronor ({src.line_of(('medel',))})"
        else:
            continue
        problems += [Problem(src.place(place + ("högst", kind)),
                             f"taket för {r.terms[kind].plural if kind in r.terms else kind}, {sv.siffror(cap)} kronor, är mer än {where}",
                             "rätta taket eller beloppet; ett tak kan inte vara större än det som finns att söka")
                     for kind, cap in a.caps.items() if approx.exceeds(cap, total, word)]
    return problems


def check_county_calls(r: Checked) -> list[Problem]:
    """A county's call facts (``utlysning:`` in its file): the round has a call, each word has
    its figure, and neither the county's money nor its invited actors are certainly more than
    the call's in the whole country (its money; its invited, else those who may apply)."""
    data, src = r.input.data, r.input.source
    calls = [(k, a) for k, a in data.announcements.items() if a.kind == CALL]
    problems = []
    for c in (c for c in r.counties if c.has_file and c.data.call is not None):
        call, where = c.data.call, c.source
        if not calls:
            problems.append(Problem(where.key_place(("utlysning",)), "länsfilen har uppgifter under 'utlysning:', men omgången har ingen utlysning",
                                    "lägg till ett tillfälle med 'typ: utlysning' i round.yaml, eller ta bort 'utlysning:' ur länsfilen"))
            continue
        for attr, name in (("amount", "belopp"), ("invited", "inbjudna")):
            if (word := getattr(call, attr + "_word")) is not None and getattr(call, attr) is None:
                problems.append(word_without_figure(where.place(("utlysning", f"{name}-ord")), name, word, amount=attr == "amount"))
        key, a = calls[0]
        place = ("tillfällen", key)
        money = (a.amount, a.amount_word, src.line_of(place + ("belopp",))) if a.amount is not None else \
            (data.budget, data.budget_word, src.line_of(("medel",))) if data.budget is not None else None
        if call.amount is not None and money and approx.above(call.amount, call.amount_word, money[0], money[1]):
            problems.append(Problem(where.place(("utlysning", "belopp")),
                                    f"{approx.shown(sv.siffror(call.amount), call.amount_word)} kronor att söka i länet är mer än "
                                    f"{approx.shown(sv.siffror(money[0]), money[1])} kronor i hela landet ({money[2]})",
                                    "rätta länets belopp under 'utlysning:' eller utlysningens belopp"))
        whole = (a.invited, a.invited_word, "inbjudna", "inbjudna") if a.invited is not None else \
            (a.eligible, a.eligible_word, "behöriga", "som kan söka") if a.eligible is not None else None
        if call.invited is not None and whole and approx.above(call.invited, call.invited_word, whole[0], whole[1]):
            problems.append(Problem(where.place(("utlysning", "inbjudna")),
                                    f"{approx.shown(sv.siffror(call.invited), call.invited_word)} inbjudna i länet är fler än de "
                                    f"{approx.shown(sv.siffror(whole[0]), whole[1])} {whole[3]} i hela landet ({src.line_of(place + (whole[2],))})",
                                    "rätta antalet inbjudna i länet eller i utlysningen"))
    return problems


CALL_CHECKS = (check_call_fields, check_call_times, check_call_types, check_caps, check_county_calls)
# The keys of round.yaml each reads beyond those every check does (checks.READS).
CALL_READS = {check_call_fields: frozenset(), check_call_times: frozenset(), check_call_types: frozenset(),
              check_caps: frozenset({"medel", "medel-ord"}), check_county_calls: frozenset({"medel", "medel-ord"})}
