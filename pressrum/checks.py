"""Cross-checks: the figures editors typed against each other, the derived ones and the recipient list.

Each check is a small function from a :class:`Checked` round to the problems it finds, each naming
every place involved (``fil:rad`` of the other figure in its message). :func:`check_round` runs
them all, so one run reports every problem of the round (``BuildFailed`` sorts them).

This module holds the round as the checks read it (:class:`Checked`), the list of every check
(:data:`CHECKS`) with what of round.yaml each reads (:data:`READS`), and :func:`check_round`; the
checks themselves live in the ``*_checks`` modules named after what they check (the round's own
figures in :mod:`pressrum.round_checks`, the county files in :mod:`pressrum.county_checks`, …).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import grants as grants_
from .errors import Problem
from .counting_rules import actor_types, county_counts, national_counts
from .facts import CountyFacts, RoundFacts, Term
from .amount_checks import AMOUNT_CHECKS, AMOUNT_READS
from .call_checks import CALL_CHECKS, CALL_READS
from .county_checks import (check_applications, check_counties_against_round, check_county_files,
                            check_multi_year_in_counties, check_top_county)
from .county_choice_checks import COUNTY_CHOICE_CHECKS, check_county_choice, check_county_text_chosen
from .round_checks import (check_announcements, check_earmarks, check_recipient_rows, check_release_kinds,
                           check_round_against_list, check_round_figures, check_round_sums, check_schemes,
                           check_unknown_types)
from .sequence_checks import (SEQUENCE_CHECKS, check_decided_by, check_decision_order, check_later_decisions,
                              check_rows_granting, check_running_totals)
from .report_checks import REPORT_CHECKS, REPORT_READS
from .no_grants_checks import NO_GRANTS_CHECKS, NO_GRANTS_READS
from .intake_checks import INTAKE_CHECKS, check_early_counts, check_intake
from .word_checks import WORD_CHECKS, WORD_READS, check_granted_words, check_part_words, check_words_have_figures
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
