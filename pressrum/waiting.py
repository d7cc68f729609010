"""What a build leaves for later: the releases and corrections timed after ``--now``.

A build publishes only what ``--now`` has reached, but checks everything (``rounds.rehearse``);
this value says what is checked and waiting, for the summary line ``cli.py`` prints. Plain data
in the build cache (a build that is already done still says what waits), so it imports nothing
of the stages.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Waiting:
    """How many releases and corrections wait for their time, and the first such time."""

    releases: int = 0
    corrections: int = 0
    next: datetime | None = None  # the earliest time of any of them; None when nothing waits

    @classmethod
    def of(cls, releases: tuple[datetime, ...], corrections: tuple[datetime, ...]) -> Waiting:
        """From the publication time of each waiting release and the time of each waiting correction."""
        times = (*releases, *corrections)
        return cls(len(releases), len(corrections), min(times) if times else None)

    def __add__(self, other: Waiting) -> Waiting:
        nexts = [t for t in (self.next, other.next) if t is not None]
        return Waiting(self.releases + other.releases, self.corrections + other.corrections,
                       min(nexts) if nexts else None)

    def to_data(self) -> list:
        return [self.releases, self.corrections, self.next.isoformat() if self.next else None]

    @classmethod
    def from_data(cls, data) -> Waiting:
        """The value :meth:`to_data` gave (raises on data of any other shape)."""
        releases, corrections, nxt = data
        return cls(int(releases), int(corrections), datetime.fromisoformat(nxt) if nxt is not None else None)
