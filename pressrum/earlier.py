"""Earlier wordings of corrected releases, from the publisher's archive.

A correction is made by editing the facts, so the wording it replaced is no longer in
``content/``: it is in the archive of what was published (``publish/state.py``: one snapshot per
publish that changed the site). Beside each snapshot ``arkiv/<nr>/`` the publisher keeps
``arkiv/<nr>.sidor``: the release pages whose time of last change (the sitemap's ``lastmod``:
the publication, or the latest correction) first appears in that snapshot, one
``<lastmod>\\t<path>`` a line. A snapshot without it (an archive older than this file) is read
from its ``sitemap.xml``.

The wording before correction *n* of a release is its ``index.md`` in the first snapshot with
the latest ``lastmod`` before the correction's time; the build writes it as a page of its own,
``<release>/tidigare/<n>/``, and the corrected page links to it ("Tidigare version, publicerad …").
The archive only grows, and what a release's lookups find changes only when its round's
content changes or one of its times passes, which makes the round be built again anyway: the
build cache needs no key of its own for it.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Mapping

INDEX_SUFFIX = ".sidor"
FOLDER = "tidigare"  # under a release's folder: <release>tidigare/<n>/
_URL = re.compile(rb"<url><loc>([^<]*)</loc>(?:<lastmod>([^<]*)</lastmod>)?</url>")


@dataclass(frozen=True)
class EarlierVersion:
    """One earlier wording of a release, as it was published."""

    number: int  # 1: the wording before the first correction
    published: datetime  # when this wording was published (the release, or the correction before)
    path: str  # where the build writes it: ``<release>tidigare/<n>/``
    markdown: str  # the release's index.md as then published


@dataclass(frozen=True)
class Archive:
    """Each release page's wordings in the archive: path → ((lastmod, snapshot folder), …),
    the first snapshot of each lastmod, oldest first."""

    pages: Mapping[str, tuple[tuple[datetime, str], ...]] = field(default_factory=dict)

    def before(self, path: str, corrections) -> tuple[EarlierVersion | None, ...]:
        """For each correction of the release at ``path`` (oldest first), the wording it replaced,
        or None when the archive does not hold it (it was never published: two corrections made
        in one publish, or the archive began later)."""
        found: list[EarlierVersion | None] = []
        seen: set[datetime] = set()
        versions = self.pages.get(path, ())
        for n, correction in enumerate(corrections, 1):
            earlier = [(when, shot) for when, shot in versions if when < correction.time]
            if not earlier:
                found.append(None)
                continue
            when, shot = max(earlier)
            markdown = _read(Path(shot) / path / "index.md")
            if when in seen or markdown is None:  # the same wording as the correction before replaced
                found.append(None)
                continue
            seen.add(when)
            found.append(EarlierVersion(n, when, f"{path}{FOLDER}/{n}/", markdown))
        return tuple(found)


NO_ARCHIVE = Archive()


def is_earlier(path: str) -> bool:
    """True for a file of an earlier wording (not a page of the sitemap: it is kept, not news)."""
    return f"/{FOLDER}/" in path


def read_archive(archive: Path | None) -> Archive:
    """The wordings held in ``archive`` (a publisher's ``arkiv/`` folder); none without one."""
    from .publish import versions

    if archive is None or not archive.is_dir():
        return NO_ARCHIVE
    first: dict[str, dict[datetime, str]] = {}
    for name in versions.finished(archive):
        shot = archive / name
        pairs = _read_index(archive / (name + INDEX_SUFFIX))
        if pairs is None:
            pairs = page_times(shot)
        for path, when in pairs.items():
            try:
                at = datetime.fromisoformat(when)
            except ValueError:
                continue
            first.setdefault(path, {}).setdefault(at, str(shot))
    return Archive({path: tuple(sorted(times.items())) for path, times in first.items()})


def page_times(site: Path) -> dict[str, str]:
    """Each release page of a built ``site`` with its time of last change, from its sitemap:
    path (relative to the site's root, the sitemap's first address) → ISO time."""
    try:
        data = (site / "sitemap.xml").read_bytes()
    except OSError:
        return {}
    urls = _URL.findall(data)
    if not urls:
        return {}
    root = html.unescape(urls[0][0].decode("utf-8", "replace"))
    times = {}
    for loc, lastmod in urls:
        address = html.unescape(loc.decode("utf-8", "replace"))
        if lastmod and address.startswith(root):
            times[address[len(root):]] = lastmod.decode("ascii", "replace")
    return times


def write_index(index: Path, site: Path, previous: Path | None) -> None:
    """Write ``index`` (``arkiv/<nr>.sidor``): the release pages of ``site`` whose time of last
    change is not the one they had in the ``previous`` snapshot."""
    before = page_times(previous) if previous is not None else {}
    lines = [f"{when}\t{path}\n" for path, when in sorted(page_times(site).items()) if before.get(path) != when]
    index.write_text("".join(lines), encoding="utf-8")


def _read_index(index: Path) -> dict[str, str] | None:
    try:
        text = index.read_text(encoding="utf-8")
    except OSError:
        return None
    pairs = {}
    for line in text.splitlines():
        when, _, path = line.partition("\t")
        if path:
            pairs[path] = when
    return pairs


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
