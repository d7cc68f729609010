"""Cross-checks of the county files: each file on its own (recipients, sums, rows of the list), and
the counties together against the round (granted, multi-year, applications, the top county).

Each function takes the :class:`pressrum.checks.Checked` round and returns its problems.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from . import approx, sv
from .count_compare import actors, either, list_differs, plural, sum_differs
from .errors import Problem
from .grants import actors_by_type

if TYPE_CHECKING:
    from .checks import Checked, County


def _county_line(county: County, key: str | None = None) -> str:
    """``fil:rad`` of a county's figure: its typed ``beviljade`` (of one type), else its recipient list."""
    if county.data.granted:
        return county.source.line_of(("beviljade", key) if key and key in county.data.granted else ("beviljade",))
    return county.source.line_of(("mottagare",))


def check_county_files(r: Checked) -> list[Problem]:
    """Each county file on its own: its recipients, its sums, its rows of the list."""
    return [p for c in r.counties if c.has_file for p in _county_file(r, c)]


def _county_file(r: Checked, county: County) -> list[Problem]:
    data, src, lan, facts = county.data, county.source, county.facts.lan, county.facts
    problems = []
    if facts.grants and data.granted:
        problems += list_differs(data.granted, actors_by_type(facts.grants), src, ("beviljade",),
                                 r.input.recipients_file, f"beviljade i {lan.namn}")
    if facts.grants and not data.granted and not data.recipients:
        return problems  # the recipient list is the county's figure: nothing typed to check it with
    for i, rec in enumerate(data.recipients):
        if rec.kind not in r.terms:
            problems.append(Problem(src.place(("mottagare", i, "typ")), f"okänd aktörstyp '{rec.kind}'",
                                    f"skriv {either(r.terms)}, eller lägg till '{rec.kind}' under aktörstyper i site.yaml"))
        if rec.municipality.lan != lan:
            problems.append(Problem(src.place(("mottagare", i, "kommun")),
                                    f"{rec.municipality.namn} ligger i {rec.municipality.lan.namn}, inte i {lan.namn}",
                                    f"rätta kommunen eller flytta mottagaren till {rec.municipality.lan.slug}.yaml"))
    # A typed total with its word (beviljade-totalt-ord) is approximate; with a list the word is an error.
    problems += sum_differs(facts.granted, data.granted_total, src, "beviljade", "beviljade-totalt",
                            None if r.facts.grants else data.granted_total_word)
    if data.granted:
        for key, n in Counter(rec.kind for rec in data.recipients).items():
            # "drygt 10" may hold 11 named recipients; "knappt 10" may not hold 11
            if key in r.terms and approx.exceeds(n, data.granted.get(key, 0), None if r.facts.grants else data.granted_words.get(key)):
                problems.append(Problem(src.place(("mottagare",)),
                                        f"{actors(r.terms, key, n)} står som mottagare, men antalet beviljade {plural(r.terms, key)} "
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
                                 f"{actors(r.terms, key, c.counts[key])} i {c.facts.lan.namn}, men inga {plural(r.terms, key)} "
                                 f"bland de beviljade i hela landet ({src.line_of(('beviljade',))})",
                                 f"lägg till en rad '{key}: …' under 'beviljade:' i {src.shown} eller rätta länets siffra")
                         for c in r.counties if key in r.terms and c.counts.get(key, 0) > 0]
            continue
        national, word = r.national[key], r.input.data.granted_words.get(key)  # "nästan 40": at most 40
        # each county's count with its word (beviljade-ord): "drygt 12" is at least 12
        in_counties = [(c, c.counts.get(key, 0), _tally_word(c, key)) for c in r.counties if c.counts.get(key, 0)]
        problems += [Problem(c.source.place(("beviljade", key)),
                             f"{f'{w} ' if w else ''}{actors(r.terms, key, n)} i {c.facts.lan.namn} är fler än de {approx.shown(sv.siffror(national), word)} i hela landet ({src.line_of(('beviljade', key))})",
                             "länets siffra kan inte vara större än rikets; rätta någon av dem")
                     for c, n, w in in_counties if approx.above(n, w, national, word)]
        total, total_word = sum(n for _, n, _ in in_counties), approx.sum_word(w for _, _, w in in_counties)
        if approx.above(total, total_word, national, word) and len(in_counties) > 1:
            where = ", ".join(f"{_county_line(c, key)} ({approx.shown(sv.siffror(n), w)})" for c, n, w in in_counties)
            problems.append(Problem(src.place(("beviljade", key)),
                                    f"länsfilerna har sammanlagt {f'{total_word} ' if total_word else ''}{actors(r.terms, key, total)}, men hela landet har {approx.shown(sv.siffror(national), word)}: {where}",
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
                                    f"i länsfilerna har {sv.siffror(sum(n for _, n in listed))} {plural(r.terms, key)} flerårigt bidrag, "
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
