"""What a build leaves for later: the releases and corrections timed after ``--now``.

A build publishes only what ``--now`` has reached, but checks everything (``rounds.rehearse``);
this value says what is checked and waiting, for the summary line ``cli.py`` prints. Plain data
in the build cache (a build that is already done still says what waits), so it imports nothing
of the stages.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

NATIONAL_ORDER = "99"  # after every county code (01–25): the national release is named last


@dataclass(frozen=True)
class Waiting:
    """How many releases and corrections wait for their time, the first such time, and the
    places of the releases that come out then (``at_next``: pairs of an order key, the county
    code or :data:`NATIONAL_ORDER`, and the name to print, ``Skåne`` or ``nationellt``)."""

    releases: int = 0
    corrections: int = 0
    next: datetime | None = None  # the earliest time of any of them; None when nothing waits
    at_next: tuple[tuple[str, str], ...] = ()  # sorted, without repeats

    @classmethod
    def of(cls, releases: tuple[tuple[datetime, str, str], ...], corrections: tuple[datetime, ...]) -> Waiting:
        """From ``(time, order key, name)`` of each waiting release and the time of each waiting correction."""
        times = (*(t for t, _, _ in releases), *corrections)
        first = min(times) if times else None
        return cls(len(releases), len(corrections), first,
                   tuple(sorted({(key, name) for t, key, name in releases if t == first})))

    @property
    def places(self) -> tuple[str, ...]:
        """The names of the places whose releases come out at :attr:`next`, in county-code order."""
        return tuple(name for _, name in self.at_next)

    def __add__(self, other: Waiting) -> Waiting:
        nexts = [t for t in (self.next, other.next) if t is not None]
        first = min(nexts) if nexts else None
        at_next = {p for w in (self, other) if w.next == first for p in w.at_next}
        return Waiting(self.releases + other.releases, self.corrections + other.corrections,
                       first, tuple(sorted(at_next)))

    def to_data(self) -> list:
        return [self.releases, self.corrections, self.next.isoformat() if self.next else None,
                [list(p) for p in self.at_next]]

    @classmethod
    def from_data(cls, data) -> Waiting:
        """The value :meth:`to_data` gave (raises on data of any other shape)."""
        releases, corrections, nxt, at_next = data
        return cls(int(releases), int(corrections), datetime.fromisoformat(nxt) if nxt is not None else None,
                   tuple((str(key), str(name)) for key, name in at_next))
