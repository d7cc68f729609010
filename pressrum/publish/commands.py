"""``publish``, ``status`` and ``archive list``: the commands' work, for ``cli.py``.

``cli.py`` parses the command line, reads the environment and passes it in, prints through
``say`` and turns problems into exit codes; these functions raise ``errors.BuildFailed`` for
faults and ``ValueError`` (Swedish) for a usage error.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Callable, Mapping

from .. import sv
from ..options import Options
from . import config as configuration
from . import state


@dataclass(frozen=True)
class Where:
    """The target of one run and the folders Pressrum keeps for it."""

    spec: str
    target: object
    folder: Path  # state.py's folder for the target
    config: configuration.Config

    @property
    def site(self) -> Path:
        return self.folder / "webbplats"


def where(content: Path, to: str | None, endpoint_url: str | None, environ: Mapping[str, str]) -> Where:
    """The target named by ``--to`` or else by ``pressrum.toml``; ValueError when neither names one."""
    config = configuration.load(content)
    spec = to or config.target
    if not spec:
        raise ValueError(f"inget mål att publicera till: ange --to MÅL eller skriv till = \"MÅL\" under [publicera] i {config.file}")
    try:
        target = configuration.target_of(spec, endpoint_url or config.endpoint_url, environ)
    except ImportError:
        raise ValueError(f"{spec}: publicering till S3 finns inte i den här versionen av Pressrum") from None
    return Where(spec, target, state.state_home(environ) / configuration.key_of(spec), config)


def publish(w: Where, options: Options, build: Callable[[Options], object], *, dry_run: bool, watching: bool,
            environ: Mapping[str, str], clock: Callable[[], datetime], stop: threading.Event,
            say: Callable[[str], None], say_problems) -> None:
    """Publish once as of ``options.now`` (or, watching, at every time until ``stop``)."""
    from . import publish as recipe
    from . import watch

    with state.publisher_lock(w.folder, w.target.label):
        def once(now: datetime):
            opts = replace(options, out=w.site, now=now, archive=w.folder / "arkiv")
            return recipe.publish(lambda: build(opts), w.site, w.target, w.config, w.folder, content=options.content, now=now,
                                  environ=environ, dry_run=dry_run, log=say)

        if not watching:
            once(options.now)
            return
        watched = (options.content, options.templates, options.content.expanduser().parent / configuration.FILE)
        watch.watch(once, clock, watched, stop, say, say_problems)


def status(w: Where, waiting_line: str) -> list[str]:
    """The lines of ``status``: what is published, what waits (``waiting_line``, worded by the
    caller as ``build`` words it), and the last publish's result."""
    lines = []
    shots = state.snapshots(w.folder)
    history = state.history(w.folder)
    good = [r for r in history if r.ok]
    if shots:
        name, when, files = shots[-1]
        at = sv.datumtid(datetime.fromisoformat(when)) if when else "okänd tid"
        lines.append(f"publicerat på {w.target.label}: version {int(name)} från {at} "
                     f"({sv.antal(files, 'fil', 'filer')}, som av {sv.datumtid(good[-1].now) if good else 'okänd tid'})")
    else:
        lines.append(f"inget är publicerat på {w.target.label} ännu")
    lines.append(waiting_line)
    if history:
        last = history[-1]
        if last.ok:
            lines.append(f"senaste publiceringen: {sv.datumtid(last.at)} – lyckades, "
                         f"{sv.antal(last.uploaded, 'fil', 'filer')} skickade, {sv.antal(last.removed, 'fil', 'filer')} borttagna")
        else:
            lines.append(f"senaste publiceringen: {sv.datumtid(last.at)} – {last.message}")
    return lines


def archive_list(w: Where) -> list[str]:
    """The lines of ``archive list``: every snapshot, oldest first, and where the archive lives."""
    shots = state.snapshots(w.folder)
    if not shots:
        return [f"arkivet för {w.target.label} är tomt (inget har publicerats)"]
    lines = [f"arkivet för {w.target.label} ({w.folder / 'arkiv'}):"]
    for name, when, files in shots:
        at = sv.datumtid(datetime.fromisoformat(when)) if when else "okänd tid"
        lines.append(f"  version {int(name)}: {at}, {sv.antal(files, 'fil', 'filer')}")
    return lines
