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
    cache: bool = True  # keep and use the build cache (memo.DiskMemo) in cache_home
    cache_home: Path | None = None  # the user's folder for Pressrum's caches; None: no build cache
    workers: int | None = None  # worker processes; None: one per core; 1: none (the preview server)
    jinja_cache: Path | None = None  # a folder for Jinja's compiled templates; None: none
    unpublish: bool = False  # may take away releases that an earlier build into ``out`` published
    archive: Path | None = None  # a publisher's archive: corrected releases link to their earlier wording


def default_cache_home(environ: Mapping[str, str]) -> Path:
    """The user's folder for Pressrum's caches: ``$XDG_CACHE_HOME/pressrum``, or
    ``~/.cache/pressrum`` when ``XDG_CACHE_HOME`` is unset or empty (``~`` is ``$HOME``, or the
    user's home folder)."""
    home = environ.get("XDG_CACHE_HOME") or os.path.join(environ.get("HOME") or os.path.expanduser("~"), ".cache")
    return Path(home) / "pressrum"


def default_bytecode_dir(environ: Mapping[str, str]) -> Path | None:
    """Where compiled templates are kept: in the cache home; None when ``PRESSRUM_CACHE=0``."""
    if environ.get("PRESSRUM_CACHE", "1") == "0":
        return None
    return default_cache_home(environ)
