"""What a build is asked to do: the one value ``cli.py`` makes from the command line and the
environment, and every stage reads (nothing in the library reads the environment itself)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Options:
    """What to build, from where, to where, as of when, and how."""

    content: Path
    templates: Path
    out: Path
    now: datetime  # releases published after this are left out (or shown as drafts)
    drafts: bool = False
    cache: bool = True  # keep and use the build cache beside the output (memo.DiskMemo)
    workers: int | None = None  # worker processes; None: one per core; 1: none (the preview server)
    jinja_cache: Path | None = None  # a folder for Jinja's compiled templates; None: none
