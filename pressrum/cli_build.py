"""What a build is asked to do, from the command line and the environment, and the build as
``python build.py build`` runs it (the cache's shortcut, the pipeline, the worker pool)."""
from __future__ import annotations

import os
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from .cli_parser import STOCKHOLM, RefusedFolder
from .options import Options, default_bytecode_dir, default_cache_home

PROJECT = Path(__file__).resolve().parent.parent


def _options(args, default_out: str, environ=os.environ):
    """The build's options from the command line and the environment (the only place either is
    read): ``PRESSRUM_CACHE=0`` turns the build cache off, ``PRESSRUM_WORKERS=N`` sets the number
    of worker processes, ``XDG_CACHE_HOME`` says where Jinja's compiled templates are kept."""
    templates = args.templates or (Path("templates") if Path("templates").is_dir() else PROJECT / "templates")
    now = args.now or datetime.now(STOCKHOLM)
    # Beside the content folder by default: examples/kulturradet/content builds into examples/kulturradet/releases.
    out = (getattr(args, "out", None) or args.content.expanduser().parent / default_out).expanduser()  # "--out ~" unexpanded by a shell
    return Options(args.content, templates, out, now, getattr(args, "drafts", False),
                   unpublish=getattr(args, "unpublish", False), **environment(environ))


def environment(environ) -> dict:
    """The options the environment sets for :class:`Options`: ``cache``, ``workers``, ``jinja_cache``, ``cache_home``."""
    cache = environ.get("PRESSRUM_CACHE", "1") != "0"
    wanted = environ.get("PRESSRUM_WORKERS", "")
    workers = int(wanted) if wanted.isdigit() and int(wanted) > 0 else None
    return {"cache": cache, "workers": workers, "jinja_cache": default_bytecode_dir(environ),
            "cache_home": default_cache_home(environ)}



def build(options):
    """One build as ``python build.py build`` runs it: with the build cache unless the options say
    no, done at once when nothing changed (checked before the stages are even imported: pydantic,
    Jinja, Markdown and feedgen take longer to import than such a build takes), else the pipeline
    in worker processes. Returns the pipeline's result or the memo's ``Unchanged`` (both have
    ``releases``, ``drafts`` and ``files``)."""
    from .memo import lock_file
    from .output_lock import build_lock

    started = time.perf_counter()
    with build_lock(options.out, lock_file(options)):  # one build at a time into one folder
        memo = _memo(options)
        try:
            done = memo.unchanged(options.now)
            if done is not None:
                return replace(done, timings=(("cache-check", time.perf_counter() - started),))
            return _import_stages(options.jinja_cache).build(options, memo, _pool(options))
        finally:
            memo.close()


def _import_stages(compiled: Path | None):
    """Import the stages (Jinja, PyYAML, Markdown, Pillow, feedgen and ours: some 31 000 objects
    the collector tracks, living as long as the process) without the cyclic collector, then move
    them out of its reach (``gc.freeze``, as Python's documentation advises before a fork): a
    collection during the imports finds almost nothing (377 objects after them, left to the
    end of the process now), and every later collection of the oldest generation would walk
    them all again. Bundled example, interleaved pairs on a loaded machine (CPU, median of 7):
    cold 0.81 -> 0.73 s, one county edited 0.79 -> 0.65 s; a cold 990-release build equal (its
    workers froze what they inherited already). Returns the pipeline module.

    The dataclasses' generated methods come compiled from ``compiled`` (the folder where compiled
    templates are kept; None: compiled here), see ``class_code.py``."""
    import gc

    from .class_code import compiled_once

    enabled = gc.isenabled()
    gc.disable()
    try:
        with compiled_once(compiled):
            from . import pipeline
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
    return pipeline


def _memo(options):
    """The build cache for these options (or none)."""
    from .memo import DiskMemo, NoMemo

    if not options.cache or options.cache_home is None:
        return NoMemo()
    return DiskMemo(options.content, options.templates, options.out, options.drafts, options.cache_home, once=True)


def _pool(options):
    from .pool import pool_of

    return pool_of(options.workers)


def _guard_out(options) -> None:
    """Refuse a destructive or wrong output folder before any work (exit 2, nothing touched)."""
    from .output_marker import refuse_reason

    if options.drafts and options.out.resolve().name == "releases":
        raise RefusedFolder("Pressrum skriver aldrig utkast i releases/. Ingenting har ändrats. "
                            "Välj en annan mapp med --out, till exempel --out preview.")
    reason = refuse_reason(options.out, (options.content, options.templates), options.drafts)
    if reason:
        raise RefusedFolder(f"Pressrum skriver inte i mappen {options.out}, eftersom {reason}. Ingenting har ändrats. "
                            "Välj en ny eller tom mapp med --out.")
