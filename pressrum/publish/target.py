"""The one interface every publishing target implements (folder, ssh, s3)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol


@dataclass(frozen=True)
class Deployed:
    """What one deploy moved: files uploaded, left as they were, removed, and how long it took."""

    uploaded: int
    unchanged: int
    removed: int
    seconds: float


class Target(Protocol):
    """A place the built site is published to."""

    label: str  # Swedish, for the log, e.g. "mappen /srv/www/nyheter", "s3://bucket/prefix"

    def deploy(self, site: Path, *, dry_run: bool, log: Callable[[str], None]) -> Deployed:
        """Publish the built tree ``site``; raises errors.BuildFailed for faults. With
        ``dry_run``, say what would move and move nothing."""
        ...
