"""What an applications release (``typ: ansokningar``) counts: interest registrations,
applications and the actors that sent them, early ("hittills") or final.

An agency counts its intake in several ways, each with its own word: "över 400
intresseanmälningar", "180 ansökningar från 171 aktörer". The round's counts
(``intresseanmälningar``, ``ansökningar``, ``sökande-aktörer`` in round.yaml) are the final ones;
a release published while the call is still open gives its own counts under ``hittills`` and says
so. The checks of the same fields are in :mod:`pressrum.intake_checks`; here the facts are
computed even when those fields contradict each other, as everywhere in ``derive``.
"""
from __future__ import annotations

from dataclasses import dataclass

from .facts import APPLICATIONS, Tally
from .release_models import Announcement
from .round_models import RoundFile


@dataclass(frozen=True)
class Figure:
    """A typed count with the editor's rounding word, if any ("över" 400)."""

    count: int
    word: str | None = None


@dataclass(frozen=True)
class Intake:
    """The counts one applications release prints."""

    registrations: Figure | None  # intresseanmälningar
    applications: Figure | None
    applicants: Figure | None  # the actors that applied ("från 171 aktörer")
    # Applicant actors per type, largest first: only in the final count (an early release has none).
    applicants_by_type: tuple[Tally, ...] = ()
    # The split accounts for every applicant, exactly: "Av de sökande är …"; otherwise (a type left
    # out, or an approximate total) it is only "Bland de sökande finns …".
    applicants_complete: bool = False
    early: bool = False  # counted so far, while the call is open: the release says "hittills"


def _figure(count: int | None, word: str | None) -> Figure | None:
    return None if count is None else Figure(count, word)


def intake_facts(a: Announcement, data: RoundFile, applicants_by_type: tuple[Tally, ...]) -> Intake | None:
    """The intake an applications release prints: its own ``hittills`` counts when it has them,
    else the round's final ones with the applicants split by type. None for other kinds."""
    if a.kind != APPLICATIONS:
        return None
    if a.early is not None:
        e = a.early
        return Intake(_figure(e.registrations, e.registrations_word), _figure(e.applications, e.applications_word),
                      _figure(e.applicants, e.applicants_word), early=True)
    split = sum(t.count for t in applicants_by_type)
    complete = (bool(applicants_by_type) and data.applicants_word is None and split == data.applicants
                and all(t.word is None for t in applicants_by_type))
    return Intake(_figure(data.registrations, data.registrations_word),
                  _figure(data.applications, data.applications_word),
                  _figure(data.applicants, data.applicants_word), applicants_by_type, complete)

