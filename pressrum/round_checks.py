"""Cross-checks of the round's own figures: round.yaml's counts, sums, earmarks, schemes and
announcements against each other and against the recipient list, and what each kind of release needs.

Each function takes the :class:`pressrum.checks.Checked` round and returns its problems.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import approx, sv
from . import grants as grants_
from .count_compare import kr, list_differs, plural, sum_differs, unknown_types
from .errors import Problem
from .counting_rules import decision_of
from .facts import APPLICATIONS, NEWS, SUPPLEMENT
from .grants import actors_by_type
from .word_checks import word_without_figure

if TYPE_CHECKING:
    from .checks import Checked


def check_recipient_rows(r: Checked) -> list[Problem]:
    """Rows of the recipient list that cannot be placed, and top-ups without a first grant."""
    rows, data = r.input.recipients, r.input.data
    if not rows:
        return []
    return (grants_.check_rows(rows, r.terms, r.covers, data.announcements, decision_of(data), data.schemes)
            + grants_.check_topups(r.facts.grants))


def check_unknown_types(r: Checked) -> list[Problem]:
    """Every typed count under a type key that is no actor type of the round."""
    data, src = r.input.data, r.input.source
    typed = [(data.granted, src, "beviljade"), (data.multi_year, src, "fleråriga"),
             (data.applications_by_type, src, "ansökningar-per-typ"), (data.applicants_by_type, src, "sökande-per-typ")]
    typed += [(s.granted, src, "ordningar") for s in data.schemes.values()]
    # The decision's figures are the round's; a supplement's are its own.
    typed += [(a.granted, src, "beviljade") for k, a in data.announcements.items() if k != decision_of(data)]
    typed += [(c.data.granted, c.source, "beviljade") for c in r.counties]
    return [p for counts, source, field in typed for p in unknown_types(counts, r.terms, source, field)]


def check_round_sums(r: Checked) -> list[Problem]:
    """Stated totals of the round that are not the sums of their parts."""
    data, src = r.input.data, r.input.source
    problems = sum_differs(r.facts.granted, data.granted_total, src, "beviljade", "beviljade-totalt",
                            None if r.facts.grants else data.granted_total_word)
    if data.applications_by_type:
        problems += sum_differs(r.facts.applications_by_type, data.applications, src, "ansökningar-per-typ", "ansökningar",
                                data.applications_word)
    return problems


def check_round_against_list(r: Checked) -> list[Problem]:
    """The round's typed granted and multi-year figures against the decision's rows of the list."""
    data, src, csv_file = r.input.data, r.input.source, r.input.recipients_file
    problems: list[Problem] = []
    if not r.facts.grants:
        return problems
    if data.granted:
        problems += list_differs(data.granted, actors_by_type(r.facts.decided), src, ("beviljade",), csv_file,
                                 "beviljade i hela landet")
    if data.multi_year:
        problems += list_differs(data.multi_year, actors_by_type(g for g in r.facts.decided if g.multi_year), src,
                                 ("fleråriga",), csv_file, "fleråriga i hela landet")
    return problems


_TOTAL = "beviljade-totalt"  # the typed total, when it is the one printed (with its word)


def check_round_figures(r: Checked) -> list[Problem]:
    """The round's figures against each other: granted, applications, multi-year."""
    data, src, total, total_word = r.input.data, r.input.source, r.facts.total, r.facts.total_word
    problems = []
    # A round before its decision (a call, the applications) has no granted actors yet.
    if total == 0 and decision_of(data) is not None:
        problems.append(Problem(src.place(("beviljade",)), "omgången ger inget pressmeddelande: inga beviljade aktörer",
                                "skriv antalet beviljade aktörer av varje typ under 'beviljade:' i round.yaml, eller lägg till listan beviljade.csv"))
    if data.applications_word and data.applications is None:
        problems.append(word_without_figure(src.place(("ansökningar-ord",)), "ansökningar", data.applications_word))
    # "över 400 ansökningar" may be more than 412 granted; "knappt 400" may not.
    # "nästan 100 beviljade" may be fewer than 100 applications; "drygt 100" is more than "knappt 100".
    if data.applications is not None and approx.above(total, total_word, data.applications, data.applications_word):
        problems.append(Problem(src.place(("ansökningar",)),
                                f"{approx.shown(sv.siffror(total), total_word)} beviljade aktörer ({src.line_of((_TOTAL if total_word and data.granted_total else 'beviljade',))}) är fler än de {approx.shown(sv.siffror(data.applications), data.applications_word)} ansökningarna",
                                "rätta antalet ansökningar eller antalet beviljade aktörer"))
    for key, count in data.multi_year.items():
        multi_word, granted_word = data.multi_year_words.get(key), data.granted_words.get(key)
        if total and key in r.national and approx.above(count, multi_word, r.national[key], granted_word):  # total 0: the error above says it
            problems.append(Problem(src.place(("fleråriga", key)),
                                    f"antalet {plural(r.terms, key)} med flerårigt bidrag ({approx.shown(sv.siffror(count), multi_word)}) är större än antalet beviljade "
                                    f"{plural(r.terms, key)} ({approx.shown(sv.siffror(r.national[key]), granted_word)}, {src.line_of(('beviljade', key))})",
                                    "fleråriga bidrag räknas bland de beviljade; rätta någon av siffrorna"))
    return problems


def check_earmarks(r: Checked) -> list[Problem]:
    """The earmarked parts of the money against the whole."""
    data, src = r.input.data, r.input.source
    problems = []
    earmarked = sum(e.amount for e in data.earmarks)
    earmarked_word = approx.sum_word(e.amount_word for e in data.earmarks)
    if data.earmarks and data.budget is None:
        problems.append(Problem(src.place(("öronmärkt",)), "det finns öronmärkta belopp, men inget belopp att fördela",
                                "skriv hela beloppet att fördela på en rad 'medel:' i round.yaml, eller ta bort de öronmärkta beloppen"))
    elif data.earmarks and approx.above(earmarked, earmarked_word, data.budget, data.budget_word):
        problems.append(Problem(src.place(("öronmärkt",)),
                                f"de öronmärkta beloppen ({approx.shown(kr(earmarked), earmarked_word)}) är större än hela beloppet att fördela "
                                f"({approx.shown(kr(data.budget), data.budget_word)}, {src.line_of(('medel',))})",
                                "rätta något av beloppen"))
    return problems


def check_schemes(r: Checked) -> list[Problem]:
    """Each scheme's typed granted figures against its rows; the schemes' money against the round's."""
    data, src = r.input.data, r.input.source
    problems = []
    for key, s in data.schemes.items():
        own = tuple(g for g in r.facts.decided if g.scheme == key)
        if s.granted and own:
            problems += list_differs(s.granted, actors_by_type(own), src, ("ordningar", key, "beviljade"),
                                     r.input.recipients_file, f"beviljade inom {key}")
    budgets = [s.budget for s in data.schemes.values()]
    # Approximate money on either side ("cirka 85 miljoner") differs only when certainly (approx).
    summed_word = approx.sum_word(s.budget_word for s in data.schemes.values())
    if budgets and data.budget is not None and approx.disagrees(sum(budgets), summed_word, data.budget, data.budget_word):
        problems.append(Problem(src.place(("medel",)),
                                f"hela beloppet att fördela är {approx.shown(kr(data.budget), data.budget_word)}, men bidragens belopp ({src.line_of(('ordningar',))}) blir "
                                f"{' + '.join(approx.shown(sv.siffror(s.budget), s.budget_word) for s in data.schemes.values())} = "
                                f"{approx.shown(kr(sum(budgets)), summed_word)}",
                                "rätta beloppet på raden 'medel:' eller bidragens belopp"))
    return problems


def check_announcements(r: Checked) -> list[Problem]:
    """Each announcement's schemes, and its typed figures against its rows of the list."""
    data, src, csv_file = r.input.data, r.input.source, r.input.recipients_file
    problems = []
    for facts in r.facts.announcements:
        key, own = facts.key, facts.grants
        a, place = data.announcements[key], ("tillfällen", key)
        problems += [Problem(src.place(place + ("ordningar",)), f"okänt bidrag '{k}'",
                             "använd en nyckel under ordningar: " + (", ".join(data.schemes) or "det finns inga"))
                     for k in a.schemes if k not in data.schemes]
        if key != decision_of(data) and a.granted and own:
            problems += list_differs(a.granted, actors_by_type(own), src, place + ("beviljade",), csv_file,
                                     f"beviljade i {key}")
        if a.amount is not None and own and not approx.agrees(grants_.amount(own), a.amount, a.amount_word):
            problems.append(Problem(src.place(place + ("belopp",)),
                                    f"beloppet i beslutet är {approx.shown(kr(a.amount), a.amount_word)}, men raderna för {key} i {csv_file} blir {kr(grants_.amount(own))}",
                                    "rätta beloppet eller listan över beviljade"))
    return problems


def check_release_kinds(r: Checked) -> list[Problem]:
    """What each kind of release needs: a news text, the applications, something new in a supplement."""
    data, src = r.input.data, r.input.source
    problems = []
    for a in r.facts.announcements:
        place = ("tillfällen", a.key)
        if a.kind == NEWS and not (a.headline and a.lead and a.text):
            problems.append(Problem(src.place(place), "en nyhet behöver rubrik, ingress och text",
                                    "skriv rubrik, ingress och text under tillfället"))
        # The intake may be interest registrations alone, or counted so far (hittills: intake_checks).
        if a.kind == APPLICATIONS and data.applications is None and data.registrations is None and not (a.intake and a.intake.early):
            problems.append(Problem(src.place(place + ("typ",)), "ett pressmeddelande om ansökningar behöver antalet ansökningar",
                                    "skriv ansökningar: <antal> i round.yaml"))
        if a.kind == SUPPLEMENT and a.total == 0 and not a.topups:
            problems.append(Problem(src.place(place), f"tillägget {a.key} har inga nya aktörer och inga tillägg",
                                    "skriv beviljade under tillfället eller lägg till raderna i beviljade.csv med tillfälle " + a.key))
    return problems
