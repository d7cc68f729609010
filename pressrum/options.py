"""What a build is asked to do: the one value ``cli.py`` makes from the command line and the
environment, and every stage reads (nothing in the library reads the environment itself)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Mapping


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


def default_bytecode_dir(environ: Mapping[str, str]) -> Path | None:
    """Where compiled templates are kept, given the process environment (``os.environ``).

    None when ``PRESSRUM_CACHE=0``; else ``$XDG_CACHE_HOME/pressrum``, or ``~/.cache/pressrum``
    when ``XDG_CACHE_HOME`` is unset or empty (``~`` is ``$HOME``, or the user's home folder).
    """
    if environ.get("PRESSRUM_CACHE", "1") == "0":
        return None
    home = environ.get("XDG_CACHE_HOME") or os.path.join(environ.get("HOME") or os.path.expanduser("~"), ".cache")
    return Path(home) / "pressrum"
