"""Cross-checks: the figures editors typed against each other, the derived ones and the recipient list.

Each check is a small function from a :class:`Checked` round to the problems it finds, each naming
every place involved (``fil:rad`` of the other figure in its message). :func:`check_round` runs
them all, so one run reports every problem of the round (``BuildFailed`` sorts them).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import approx, sv
from . import grants as grants_
from .errors import Problem
from .facts import (
    APPLICATIONS,
    NEWS,
    SUPPLEMENT,
    CountyFacts,
    RoundFacts,
    Tally,
    Term,
    actor_types,
    county_counts,
    decision_of,
    national_counts,
)
from .amount_checks import AMOUNT_CHECKS, AMOUNT_READS
from .call_checks import CALL_CHECKS, CALL_READS
from .county_choice_checks import COUNTY_CHOICE_CHECKS, check_county_choice, check_county_text_chosen
from .sequence_checks import (SEQUENCE_CHECKS, check_decided_by, check_decision_order, check_later_decisions,
                              check_rows_granting, check_running_totals)
from .report_checks import REPORT_CHECKS, REPORT_READS
from .no_grants_checks import NO_GRANTS_CHECKS, NO_GRANTS_READS
from .intake_checks import INTAKE_CHECKS, check_early_counts, check_intake
from .word_checks import WORD_CHECKS, WORD_READS, check_granted_words, check_part_words, check_words_have_figures, word_without_figure
from .grants import actors_by_type
from .round_models import CountyFile
from .recipients import legal_type
from .sources import Source
from .validate import Content, RoundInput


@dataclass(frozen=True)
class County:
    """A county as the checks read it: its file (or the recipient list standing in) beside its facts."""

    data: CountyFile  # empty for a county known only from the recipient list
    source: Source  # the county file, or the recipient list for a county known only from it
    facts: CountyFacts
    counts: dict  # type key -> count: typed, else listed (unknown keys kept)
    has_file: bool


@dataclass(frozen=True)
class Checked:
    """A round's typed input beside its derived facts, with what several checks look up."""

    input: RoundInput
    facts: RoundFacts
    terms: dict[str, Term]
    covers: dict[str, str]  # legal type in the recipient list -> actor type key
    national: dict[str, int]  # granted actors per type key: typed, else listed (unknown keys kept)
    counties: tuple[County, ...]  # those with a file (in file order), then those only in the list (by code)
    twice: tuple[tuple[str, Problem], ...] = ()  # legal types under two actor types (see check_legal_types_once)

    @classmethod
    def of(cls, round_: RoundInput, content: Content, facts: RoundFacts) -> Checked:
        terms, by_slug = {t.key: t for t in facts.terms}, {c.lan.slug: c for c in facts.counties}
        files = [County(c.data, c.source, by_slug[c.slug], county_counts(c.data, by_slug[c.slug].grants), True)
                 for c in round_.counties]
        # A county known only from the list is named by the list's path, with no line.
        listed = Source(Path(round_.recipients_file or ""), round_.recipients_file or "", {})
        files += [County(CountyFile(), listed, c, county_counts(CountyFile(), c.grants), False)
                  for c in facts.counties if c.lan.slug not in {f.slug for f in round_.counties}]
        types = actor_types(content.site.actor_types, round_.data.actor_types)
        return cls(round_, facts, terms, grants_.covers(types, terms),
                   national_counts(round_.data, facts.decided), tuple(files),
                   _legal_types_twice(types, terms, round_, content))


def _legal_types_twice(types: dict, terms: dict, round_: RoundInput, content: Content) -> tuple:
    """Each legal type that two actor types' ``omfattar`` lists, as a problem at the second list."""
    def source(key: str) -> Source:
        own = round_.data.actor_types.get(key)
        return round_.source if own is not None and "covers" in own.model_fields_set else content.site_source

    seen: dict[str, str] = {}
    twice = []
    for key, t in types.items():
        if key not in terms:
            continue
        for kind in t.covers:
            legal = legal_type(kind)
            first = seen.setdefault(legal, key)
            if first != key:
                where = ("aktörstyper", key, "omfattar")
                twice.append((legal, Problem(
                    source(key).key_place(where),
                    f"typen '{kind}' står under omfattar för både {first} "
                    f"({source(first).line_of(('aktörstyper', first, 'omfattar'))}) och {key}",
                    "en typ i listan över beviljade hör till en enda aktörstyp; ta bort den från en av dem")))
    return tuple(twice)


def check_round(round_: RoundInput, content: Content, facts: RoundFacts) -> list[Problem]:
    """Every problem of one round: each check of :data:`CHECKS` on the round and its facts. In a
    round whose round.yaml had values that failed (``round_.broken``, left out), only the checks
    that read none of them run: the others would judge a figure that is not there."""
    if round_.broken & SHAPES_ALL:
        return []
    checked = Checked.of(round_, content, facts)
    return [problem for check in CHECKS if not round_.broken & READS[check] for problem in check(checked)]



def _county_line(county: County, key: str | None = None) -> str:
    """``fil:rad`` of a county's figure: its typed ``beviljade`` (of one type), else its recipient list."""
    if county.data.granted:
        return county.source.line_of(("beviljade", key) if key and key in county.data.granted else ("beviljade",))
    return county.source.line_of(("mottagare",))


def _unknown_types(counts: dict, terms: dict[str, Term], source: Source, field: str) -> list[Problem]:
    """Type keys typed under ``field`` that are no actor type of the round."""
    return [Problem(source.key_place((field, key)), f"okänd aktörstyp '{key}'",
                    f"skriv {_either(terms)}, eller lägg till '{key}' under aktörstyper i site.yaml")
            for key in counts if key not in terms]


def _either(keys) -> str:
    """The keys an editor may write, as a Swedish "eller" list: "'kommuner' eller 'ideella'"."""
    return sv.lista([f"'{k}'" for k in keys], "eller")


def _actors(terms: dict, key: str, n: int) -> str:
    """``två ideella organisationer``: a count of an actor type in the type's own words (the key
    only when the type is unknown), never the YAML key as a noun."""
    t = terms.get(key)
    return sv.antal(n, t.singular, t.plural, t.gender) if t else f"{sv.siffror(n)} av typen '{key}'"


def _plural(terms: dict, key: str) -> str:
    t = terms.get(key)
    return t.plural if t else f"aktörer av typen '{key}'"


def _kr(amount: int) -> str:
    """An amount in a message: exact, with the thousands grouped (``260 000 000 kronor``)."""
    return f"{sv.siffror(amount)} kronor"


def _sum_differs(parts: tuple[Tally, ...], stated: int | None, source: Source, field: str, total_field: str,
                 word: str | None = None) -> list[Problem]:
    """A stated total (``total_field``) that is not the sum of the parts under ``field``; a total
    with a rounding word (``word``) only when the sum is on the wrong side of it (:mod:`pressrum.approx`)."""
    total = sum(t.count for t in parts)
    # Parts with their own words ("över 100", "hälften") add up to an approximate sum.
    if stated is None or not approx.disagrees(total, approx.sum_word(t.word for t in parts), stated, word):
        return []
    sums = " + ".join(sv.siffror(t.count) for t in parts) or "0"
    return [Problem(source.place((total_field,)),
                    f"totalen här är {approx.shown(sv.siffror(stated), word)}, men delarna under '{field}:' ({source.line_of((field,))}) blir "
                    f"{sums} = {sv.siffror(total)}",
                    "rätta totalen eller delarna så att de stämmer")]


def _list_differs(typed: dict, listed, source: Source, field: tuple, csv_file: str, what: str) -> list[Problem]:
    """A figure typed in YAML and also given by the recipient list must agree; name both places."""
    return [Problem(source.place(field + ((key,) if key in typed else ())),
                    f"{what}: här står {sv.siffror(typed.get(key, 0))} på raden '{key}:', men {csv_file} har {sv.siffror(listed.get(key, 0))}",
                    "rätta siffran eller listan över beviljade så att de stämmer")
            for key in sorted(set(typed) | set(listed)) if typed.get(key, 0) != listed.get(key, 0)]


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
    return [p for counts, source, field in typed for p in _unknown_types(counts, r.terms, source, field)]


def check_round_sums(r: Checked) -> list[Problem]:
    """Stated totals of the round that are not the sums of their parts."""
    data, src = r.input.data, r.input.source
    problems = _sum_differs(r.facts.granted, data.granted_total, src, "beviljade", "beviljade-totalt",
                            None if r.facts.grants else data.granted_total_word)
    if data.applications_by_type:
        problems += _sum_differs(r.facts.applications_by_type, data.applications, src, "ansökningar-per-typ", "ansökningar",
                                 data.applications_word)
    return problems


def check_round_against_list(r: Checked) -> list[Problem]:
    """The round's typed granted and multi-year figures against the decision's rows of the list."""
    data, src, csv_file = r.input.data, r.input.source, r.input.recipients_file
    problems: list[Problem] = []
    if not r.facts.grants:
        return problems
    if data.granted:
        problems += _list_differs(data.granted, actors_by_type(r.facts.decided), src, ("beviljade",), csv_file,
                                  "beviljade i hela landet")
    if data.multi_year:
        problems += _list_differs(data.multi_year, actors_by_type(g for g in r.facts.decided if g.multi_year), src,
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
                                    f"antalet {_plural(r.terms, key)} med flerårigt bidrag ({approx.shown(sv.siffror(count), multi_word)}) är större än antalet beviljade "
                                    f"{_plural(r.terms, key)} ({approx.shown(sv.siffror(r.national[key]), granted_word)}, {src.line_of(('beviljade', key))})",
                                    "fleråriga bidrag räknas bland de beviljade; rätta någon av siffrorna"))
    return problems


def check_earmarks(r: Checked) -> list[Problem]:
    """The earmarked parts of the money against the whole."""
    data, src = r.input.data, r.input.source
    problems = []
    earmarked = sum(e.amount for e in data.earmarks)
    if data.earmarks and data.budget is None:
        problems.append(Problem(src.place(("öronmärkt",)), "det finns öronmärkta belopp, men inget belopp att fördela",
                                "skriv hela beloppet att fördela på en rad 'medel:' i round.yaml, eller ta bort de öronmärkta beloppen"))
    elif data.earmarks and approx.above(earmarked, approx.sum_word(e.amount_word for e in data.earmarks), data.budget, data.budget_word):
        earmarked_word = approx.sum_word(e.amount_word for e in data.earmarks)
        problems.append(Problem(src.place(("öronmärkt",)),
                                f"de öronmärkta beloppen ({approx.shown(_kr(earmarked), earmarked_word)}) är större än hela beloppet att fördela "
                                f"({approx.shown(_kr(data.budget), data.budget_word)}, {src.line_of(('medel',))})",
                                "rätta något av beloppen"))
    return problems


def check_schemes(r: Checked) -> list[Problem]:
    """Each scheme's typed granted figures against its rows; the schemes' money against the round's."""
    data, src = r.input.data, r.input.source
    problems = []
    for key, s in data.schemes.items():
        own = tuple(g for g in r.facts.decided if g.scheme == key)
        if s.granted and own:
            problems += _list_differs(s.granted, actors_by_type(own), src, ("ordningar", key, "beviljade"),
                                      r.input.recipients_file, f"beviljade inom {key}")
    budgets = [s.budget for s in data.schemes.values()]
    # Approximate money on either side ("cirka 85 miljoner") differs only when certainly (approx).
    summed_word = approx.sum_word(s.budget_word for s in data.schemes.values())
    if budgets and data.budget is not None and approx.disagrees(sum(budgets), summed_word, data.budget, data.budget_word):
        problems.append(Problem(src.place(("medel",)),
                                f"hela beloppet att fördela är {approx.shown(_kr(data.budget), data.budget_word)}, men bidragens belopp ({src.line_of(('ordningar',))}) blir "
                                f"{' + '.join(approx.shown(sv.siffror(s.budget), s.budget_word) for s in data.schemes.values())} = "
                                f"{approx.shown(_kr(sum(budgets)), summed_word)}",
                                "rätta beloppet på raden 'medel:' eller bidragens belopp"))
    return problems


def check_county_files(r: Checked) -> list[Problem]:
    """Each county file on its own: its recipients, its sums, its rows of the list."""
    return [p for c in r.counties if c.has_file for p in _county_file(r, c)]


def _county_file(r: Checked, county: County) -> list[Problem]:
    data, src, lan, facts = county.data, county.source, county.facts.lan, county.facts
    problems = []
    if facts.grants and data.granted:
        problems += _list_differs(data.granted, actors_by_type(facts.grants), src, ("beviljade",),
                                  r.input.recipients_file, f"beviljade i {lan.namn}")
    if facts.grants and not data.granted and not data.recipients:
        return problems  # the recipient list is the county's figure: nothing typed to check it with
    for i, rec in enumerate(data.recipients):
        if rec.kind not in r.terms:
            problems.append(Problem(src.place(("mottagare", i, "typ")), f"okänd aktörstyp '{rec.kind}'",
                                    f"skriv {_either(r.terms)}, eller lägg till '{rec.kind}' under aktörstyper i site.yaml"))
        if rec.municipality.lan != lan:
            problems.append(Problem(src.place(("mottagare", i, "kommun")),
                                    f"{rec.municipality.namn} ligger i {rec.municipality.lan.namn}, inte i {lan.namn}",
                                    f"rätta kommunen eller flytta mottagaren till {rec.municipality.lan.slug}.yaml"))
    # A typed total with its word (beviljade-totalt-ord) is approximate; with a list the word is an error.
    problems += _sum_differs(facts.granted, data.granted_total, src, "beviljade", "beviljade-totalt",
                             None if r.facts.grants else data.granted_total_word)
    if data.granted:
        for key, n in Counter(rec.kind for rec in data.recipients).items():
            # "drygt 10" may hold 11 named recipients; "knappt 10" may not hold 11
            if key in r.terms and approx.exceeds(n, data.granted.get(key, 0), None if r.facts.grants else data.granted_words.get(key)):
                problems.append(Problem(src.place(("mottagare",)),
                                        f"{_actors(r.terms, key, n)} står som mottagare, men antalet beviljade {_plural(r.terms, key)} "
                                        f"i länet är {sv.siffror(data.granted.get(key, 0))} ({src.line_of(('beviljade',))})",
                                        "rätta antalet beviljade eller listan över mottagare"))
    # When the whole round has no granted actors, that one root error is said once (round.yaml).
    if facts.total == 0 and data.applications is None and r.facts.total:
        problems.append(Problem(src.place(()), f"filen för {lan.namn} ger inget pressmeddelande: inga beviljade aktörer",
                                "skriv antalet beviljade under 'beviljade:' eller lista mottagarna under 'mottagare:', eller ta bort filen"))
    return problems


def check_counties_against_round(r: Checked) -> list[Problem]:
    """County figures against the national ones: a type the country lacks, one county or all together above it."""
    src = r.input.source
    problems = []
    for key in sorted({k for c in r.counties for k in c.counts}):
        if key not in r.national:
            problems += [Problem(c.source.place(("beviljade", key)) if c.data.granted else c.source.place(("mottagare",)),
                                 f"{_actors(r.terms, key, c.counts[key])} i {c.facts.lan.namn}, men inga {_plural(r.terms, key)} "
                                 f"bland de beviljade i hela landet ({src.line_of(('beviljade',))})",
                                 f"lägg till en rad '{key}: …' under 'beviljade:' i {src.shown} eller rätta länets siffra")
                         for c in r.counties if key in r.terms and c.counts.get(key, 0) > 0]
            continue
        national, word = r.national[key], r.input.data.granted_words.get(key)  # "nästan 40": at most 40
        # each county's count with its word (beviljade-ord): "drygt 12" is at least 12
        in_counties = [(c, c.counts.get(key, 0), _tally_word(c, key)) for c in r.counties if c.counts.get(key, 0)]
        problems += [Problem(c.source.place(("beviljade", key)),
                             f"{f'{w} ' if w else ''}{_actors(r.terms, key, n)} i {c.facts.lan.namn} är fler än de {approx.shown(sv.siffror(national), word)} i hela landet ({src.line_of(('beviljade', key))})",
                             "länets siffra kan inte vara större än rikets; rätta någon av dem")
                     for c, n, w in in_counties if approx.above(n, w, national, word)]
        total, total_word = sum(n for _, n, _ in in_counties), approx.sum_word(w for _, _, w in in_counties)
        if approx.above(total, total_word, national, word) and len(in_counties) > 1:
            where = ", ".join(f"{_county_line(c, key)} ({approx.shown(sv.siffror(n), w)})" for c, n, w in in_counties)
            problems.append(Problem(src.place(("beviljade", key)),
                                    f"länsfilerna har sammanlagt {f'{total_word} ' if total_word else ''}{_actors(r.terms, key, total)}, men hela landet har {approx.shown(sv.siffror(national), word)}: {where}",
                                    "rätta siffrorna så att länen tillsammans inte överstiger rikets"))
    return problems


def _tally_word(county: County, key: str) -> str | None:
    """The rounding word of the county's count of type ``key`` (its file's beviljade-ord), else None."""
    return next((t.word for t in county.facts.granted if t.term.key == key), None)


def check_multi_year_in_counties(r: Checked) -> list[Problem]:
    """Multi-year recipients listed in the counties together against the national figure."""
    problems = []
    for key, national in r.input.data.multi_year.items():
        listed = [(c, m.count) for c in r.counties for m in c.facts.multi_year if m.term.key == key]
        word = r.input.data.multi_year_words.get(key)  # "cirka 4": the counties' may be more
        if approx.exceeds(sum(n for _, n in listed), national, word):
            where = ", ".join(f"{c.source.line_of(('mottagare',))} ({n})" for c, n in listed)
            problems.append(Problem(r.input.source.place(("fleråriga", key)),
                                    f"i länsfilerna har {sv.siffror(sum(n for _, n in listed))} {_plural(r.terms, key)} flerårigt bidrag, "
                                    f"men round.yaml anger {approx.shown(sv.siffror(national), word)} under 'fleråriga:': {where}",
                                    "rätta siffran i round.yaml eller markeringen 'flerårigt: ja' hos mottagarna"))
    return problems


def check_applications(r: Checked) -> list[Problem]:
    """The counties' applications together against the round's."""
    data = r.input.data
    sent = [(c, c.data.applications) for c in r.input.counties if c.data.applications]
    # Counties' approximate counts ("över 50") add up to an approximate sum (approx.sum_word).
    word = approx.sum_word(c.data.applications_word for c, _ in sent)
    if data.applications is None or not approx.above(sum(n for _, n in sent), word, data.applications, data.applications_word):
        return []
    where = ", ".join(f"{c.source.line_of(('ansökningar',))} ({approx.shown(sv.siffror(n), c.data.applications_word)})" for c, n in sent)
    return [Problem(r.input.source.place(("ansökningar",)),
                    f"länen har sammanlagt {approx.shown(sv.siffror(sum(n for _, n in sent)), word)} ansökningar, men antalet ansökningar i round.yaml är {approx.shown(sv.siffror(data.applications), data.applications_word)}: {where}",
                    "rätta siffrorna så att länen tillsammans inte överstiger rikets")]


def check_top_county(r: Checked) -> list[Problem]:
    """A stated top county (``flest-beviljade-län``) against the county figures."""
    stated, src = r.input.data.top_county, r.input.source
    if stated is None:
        return []
    if r.facts.counties_complete:
        if stated in (top := r.facts.top_counties):
            return []
        best = max(c.facts.total for c in r.counties)
        return [Problem(src.place(("flest-beviljade-län",)),
                        f"länet med flest beviljade är {stated.kortnamn} enligt round.yaml, men enligt länsfilerna {sv.lista([lan.kortnamn for lan in top])} ({best} beviljade)",
                        "ta bort raden 'flest-beviljade-län:' (länet räknas fram) eller rätta länsfilerna")]
    # Without complete county files only a county file with more actors contradicts the stated one.
    leader = next((c for c in r.counties if c.facts.lan.slug == stated.slug), None)
    # "drygt 12" is certainly more than "knappt 12"; "cirka 14" is not certainly more than 12 (approx)
    return [Problem(src.place(("flest-beviljade-län",)),
                    f"länet med flest beviljade är {stated.kortnamn} ({approx.shown(str(leader.facts.total), leader.facts.total_word)}) enligt round.yaml, "
                    f"men {c.facts.lan.kortnamn} har {approx.shown(str(c.facts.total), c.facts.total_word)} ({_county_line(c)})",
                    "rätta raden 'flest-beviljade-län:' eller länsfilerna")
            for c in r.counties if leader and approx.above(c.facts.total, c.facts.total_word, leader.facts.total, leader.facts.total_word)]


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
            problems += _list_differs(a.granted, actors_by_type(own), src, place + ("beviljade",), csv_file,
                                      f"beviljade i {key}")
        if a.amount is not None and own and not approx.agrees(grants_.amount(own), a.amount, a.amount_word):
            problems.append(Problem(src.place(place + ("belopp",)),
                                    f"beloppet i beslutet är {approx.shown(_kr(a.amount), a.amount_word)}, men raderna för {key} i {csv_file} blir {_kr(grants_.amount(own))}",
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


def check_legal_types_once(r: Checked) -> list[Problem]:
    """A legal type counts for one actor type: under two, a recipient of it could be either."""
    return [problem for _, problem in r.twice]


CHECKS = (  # each returns its problems; all run, so one build reports every problem of the round
    check_legal_types_once, check_recipient_rows, check_unknown_types, check_round_sums, check_round_against_list, check_round_figures,
    check_earmarks, check_schemes, check_county_files, check_counties_against_round, check_multi_year_in_counties,
    check_applications, check_top_county, check_announcements, check_release_kinds, *AMOUNT_CHECKS,
    *CALL_CHECKS, *SEQUENCE_CHECKS, *COUNTY_CHOICE_CHECKS, *REPORT_CHECKS, *NO_GRANTS_CHECKS, *INTAKE_CHECKS,
    *WORD_CHECKS,
)

# The keys of round.yaml that shape every figure (the actor types, the grant's words, the schemes):
# when one of them failed, no check runs. (år and tillfällen are required: without them there is
# no round to check at all.)
SHAPES_ALL = frozenset({"aktörstyper", "bidrag", "ordningar"})
_BEVILJADE = frozenset({"beviljade", "beviljade-ord", "beviljade-totalt-ord"})
# The applications and applicants as round.yaml counts them, each with its word.
_INTAKE = frozenset({"ansökningar", "ansökningar-ord", "ansökningar-per-typ", "ansökningar-per-typ-ord",
                     "sökande-aktörer", "sökande-aktörer-ord", "sökande-per-typ", "sökande-per-typ-ord",
                     "intresseanmälningar", "intresseanmälningar-ord"})
# What else of round.yaml each check reads, directly or through the facts derived from it; a check
# is left out when one of these failed (check_round). tests/unit/test_checks.py holds every check
# of CHECKS to a line here.
READS = {
    check_legal_types_once: frozenset(),
    check_recipient_rows: frozenset(),
    check_unknown_types: frozenset({"beviljade", "fleråriga", "ansökningar-per-typ"}),
    check_round_sums: frozenset({"beviljade", "beviljade-ord", "beviljade-totalt", "beviljade-totalt-ord", "ansökningar-per-typ",
                                 "ansökningar", "ansökningar-ord"}),
    check_round_against_list: frozenset({"beviljade", "fleråriga"}),
    check_round_figures: _BEVILJADE | {"ansökningar", "ansökningar-ord", "fleråriga", "fleråriga-ord"},
    check_earmarks: frozenset({"öronmärkt", "medel"}),
    check_schemes: frozenset({"medel"}),
    check_county_files: _BEVILJADE,
    check_counties_against_round: _BEVILJADE,
    check_multi_year_in_counties: frozenset({"fleråriga", "fleråriga-ord"}),
    check_applications: frozenset({"ansökningar", "ansökningar-ord"}),
    check_top_county: frozenset({"flest-beviljade-län", "beviljade"}),
    check_announcements: frozenset(),
    check_release_kinds: frozenset({"ansökningar", "beviljade"}),
    **AMOUNT_READS,
    **CALL_READS,
    check_decision_order: frozenset(),
    check_later_decisions: frozenset(),
    check_running_totals: _BEVILJADE,
    check_rows_granting: frozenset({"inga-nya-bidrag", "inställd"}),
    check_decided_by: frozenset({"beslutsfattare"}),
    check_county_choice: frozenset({"lokala-pressmeddelanden", "beviljade"}),
    check_county_text_chosen: frozenset({"lokala-pressmeddelanden"}),
    check_intake: _INTAKE,
    check_early_counts: _INTAKE,
    check_words_have_figures: frozenset({"medel", "medel-ord", "sökt-belopp", "sökt-belopp-ord"}),
    check_part_words: _INTAKE,
    check_granted_words: _BEVILJADE | {"beviljade-totalt", "fleråriga", "fleråriga-ord"},
    **REPORT_READS,
    **WORD_READS,
    **NO_GRANTS_READS,
}
