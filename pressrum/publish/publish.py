"""One publish: build as of now into the staging folder, deploy it, keep it in the archive, notify.

In that order, each step logged in Swedish through ``log``; the first step that fails raises
``errors.BuildFailed`` and the steps after it do not run, so the target keeps the last good site
(a target swaps in a complete version or nothing) and nothing is notified of what is not there.
Every publish, failed or not, is recorded in the target's state file (``state.py``).
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Mapping, Sequence

from .. import sv
from ..errors import BuildFailed, Place, Problem
from . import state, versions
from .config import Config
from .target import Deployed, Target

FEED_NAMES = ("rss.xml", "atom.xml")


def _link(rel: bytes) -> re.Pattern[bytes]:
    """A feed's ``<link>``/``<atom:link>`` with ``rel``, its href in group 1 or 2 (either order)."""
    return re.compile(rb'<(?:atom:)?link[^>]*href="([^"]+)"[^>]*rel="' + rel + rb'"|<(?:atom:)?link[^>]*rel="'
                      + rel + rb'"[^>]*href="([^"]+)"')


_HUB, _SELF = _link(b"hub"), _link(b"self")


@dataclass(frozen=True)
class Published:
    """What one publish did."""

    result: object  # the build's result (pipeline.BuildResult or memo.Unchanged)
    deployed: Deployed
    snapshot: str  # the archive folder kept, or "" when the site did not change
    changed_feeds: tuple[str, ...] = ()  # the feeds' URLs whose bytes changed
    notified: tuple[str, ...] = field(default=())  # what the notify step did, as logged


def changed_feeds(site: Path, before: Path | None) -> tuple[str, ...]:
    """The public URLs (their ``rel="self"`` link) of the feeds in ``site`` whose bytes differ
    from ``before`` (the last archived state; None: every feed is new), sorted."""
    old = versions.files_of(before) if before is not None else {}
    urls = []
    for rel, path in sorted(versions.files_of(site).items()):
        if rel.rsplit("/", 1)[-1] not in FEED_NAMES:
            continue
        if rel in old and versions.same_bytes(old[rel], path):
            continue
        found = _SELF.search(Path(path).read_bytes())
        if found:
            urls.append((found.group(1) or found.group(2)).decode("utf-8"))
    return tuple(sorted(set(urls)))


def hub_of(site: Path) -> str | None:
    """The WebSub hub the built site's feeds name (site.yaml's ``nyhetsrum.websub-nav``), or None.
    Read from the feeds themselves, so the hub pinged is always the one the feeds announce."""
    for name in FEED_NAMES:
        try:
            found = _HUB.search((site / name).read_bytes())
        except FileNotFoundError:
            continue
        return (found.group(1) or found.group(2)).decode("utf-8") if found else None
    return None


def notify(config: Config, result, site: Path, feeds: Sequence[str], *, hub: str | None, content: Path, now: datetime,
           environ: Mapping[str, str], dry_run: bool, log: Callable[[str], None]) -> tuple[str, ...]:
    """The notify step: ping the WebSub hub with the changed feeds, and hand the publish to the
    e-mail sending (both only when ``pressrum.toml`` configures them; otherwise silent)."""
    done = []
    if hub and feeds:
        if dry_run:
            log(f"skulle meddela hubben {hub}: {sv.antal(len(feeds), 'flöde', 'flöden', 'ett')} har ändrats")
        else:
            from . import websub  # wip-s3's module, merged by the lead

            websub.ping(hub, list(feeds))
            log(f"hubben {hub} meddelad: {sv.antal(len(feeds), 'flöde', 'flöden', 'ett')} har ändrats")
        done.append("websub")
    if config.mail:
        from .. import mail  # the e-mail issue's package, merged by the lead

        mail.deliver(result, site, now=now, environ=environ, dry_run=dry_run, log=log, content=content)
        done.append("epost")
    return tuple(done)


def publish(build: Callable[[], object], site: Path, target: Target, config: Config, folder: Path, *,
            content: Path, now: datetime, environ: Mapping[str, str], dry_run: bool,
            log: Callable[[str], None]) -> Published:
    """Build (``build()`` writes the site into ``site``), deploy to ``target``, archive, notify.

    ``folder`` is the target's state folder (``state.py``). Raises BuildFailed at the first
    failing step, after recording the failure."""
    started = time.monotonic()

    def failed(step: str, exc: BuildFailed) -> BuildFailed:
        message = f"publiceringen misslyckades när {step}"
        if not dry_run:
            state.record(folder, state.Record(datetime.now(now.tzinfo), now, False,
                                              f"{message}: {exc.problems[0].message if exc.problems else ''}"))
        return exc

    log(f"bygger nyhetsrummet som det ser ut {sv.datumtid(now)}")
    try:
        result = build()
    except BuildFailed as exc:
        raise failed("nyhetsrummet byggdes", exc) from None
    log(f"byggt: {sv.antal(result.releases, 'pressmeddelande', 'pressmeddelanden', 'ett')} "
        f"och {sv.antal(result.files, 'fil', 'filer')}")
    archived = versions.finished(folder / "arkiv")
    feeds = changed_feeds(site, folder / "arkiv" / archived[-1] if archived else None)
    log(f"skickar till {target.label}")
    try:
        deployed = target.deploy(site, dry_run=dry_run, log=log)
    except BuildFailed as exc:
        raise failed(f"webbplatsen skickades till {target.label}", exc) from None
    except OSError as exc:
        raise failed(f"webbplatsen skickades till {target.label}", BuildFailed([_os_problem(target.label, exc)])) from None
    if not dry_run and (deployed.uploaded or deployed.removed):
        log(f"publicerat på {target.label}: {sv.antal(deployed.uploaded, 'fil', 'filer')} skickade, "
            f"{sv.antal(deployed.unchanged, 'fil', 'filer')} oförändrade, "
            f"{sv.antal(deployed.removed, 'fil', 'filer')} borttagna ({_seconds(deployed.seconds)})")
    name = ""
    if not dry_run:
        name, changed = state.snapshot(folder, site, datetime.now(now.tzinfo).isoformat(timespec="seconds"))
        if name:
            log(f"arkiverat som version {int(name)} ({sv.antal(changed, 'ändrad fil', 'ändrade filer')})")
    try:
        notified = notify(config, result, site, feeds, hub=hub_of(site), content=content, now=now, environ=environ, dry_run=dry_run, log=log)
    except BuildFailed as exc:
        raise failed("prenumeranterna meddelades (webbplatsen är publicerad)", exc) from None
    except (OSError, ImportError) as exc:
        raise failed("prenumeranterna meddelades (webbplatsen är publicerad)",
                     BuildFailed([Problem(Place(config.file), f"meddelandet kunde inte skickas: {exc}",
                                          "webbplatsen är publicerad; kontrollera inställningen och publicera igen")])) from None
    if not dry_run:
        state.record(folder, state.Record(datetime.now(now.tzinfo), now, True, "publicerat",
                                          deployed.uploaded, deployed.unchanged, deployed.removed,
                                          time.monotonic() - started, name))
    return Published(result, deployed, name, feeds, notified)


def _os_problem(label: str, exc: OSError) -> Problem:
    import errno

    what = {errno.ENOSPC: "disken är full", errno.EDQUOT: "diskkvoten är slut",
            errno.EROFS: "filsystemet är skrivskyddat", errno.EACCES: "behörighet saknas",
            errno.EPERM: "behörighet saknas", errno.ENOENT: "mappen finns inte"}.get(exc.errno, str(exc.strerror or exc))
    where = f": {exc.filename}" if exc.filename else ""
    return Problem(Place(label), f"{what}{where}",
                   "rätta felet och publicera igen; webbplatsen som redan är publicerad är oförändrad")


def _seconds(seconds: float) -> str:
    """``0,4 s``: a decimal comma, as Swedish writes it."""
    return f"{seconds:.1f}".replace(".", ",") + " s"
