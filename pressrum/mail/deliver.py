"""Send each public release once to its lists, and embargoed advance copies before their time.

The send log (store.sent) has one row per release version and address. A row is written as
'sending' before the relay is asked and 'sent' once it accepted, each at once. A kill between
the two leaves 'sending': the next run sends that one message again, with the same Message-ID.
We err on that side – a journalist who might get a release twice (and whose mail program sees
the same Message-ID) rather than one who might never get it – and the log says how many.

The log's connection commits with ``synchronous = NORMAL`` under WAL: a commit is in the WAL
file when it returns, so a crash or a kill -9 of this process keeps it, but it is not forced
to the disk (fsync) each time – that took 3.9 ms per commit here against 0.09 ms, two commits
per message. Only a power loss or an operating-system crash can then take back the last
commits, and SQLite takes them back whole and in order: the log says less than happened, never
more. A lost 'sent' or 'sending' row means that message is sent again (a duplicate with the
same Message-ID); no row says 'sent' before the relay accepted, so nobody is skipped. Batching
the rows of many messages in one commit would widen the window a kill leaves from one message
to the batch, so each message keeps its own two commits.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.headerregistry import Address
from pathlib import Path
from typing import Callable, Mapping

from .. import sv
from ..errors import BuildFailed, Place, Problem
from ..feeds import Entry
from ..validate import load_round, load_site
from . import store
from .addresses import address_problem, list_names, list_problem, name_problem
from .message import Envelope, Letter, mail_html
from .stencil import message_bytes, stencil
from .tokens import sign
from .transport import FolderTransport, Refused, SmtpTransport, relay_from

EMBARGO = "#embargo"   # the send-log version of a release's advance copy: "<key>#embargo"
_BANNER = re.compile(r'<p class="draft-banner">.*?</p>', re.S)


@dataclass(frozen=True)
class Advance:
    """A release under embargo, rendered in memory (never written to the public output)."""

    entry: Entry
    text: str
    page: str


@dataclass(frozen=True)
class Delivered:
    """What one run sent: per release version, and the addresses the relay refused."""

    sent: int = 0
    already: int = 0        # (version, address) the log says were sent before
    uncertain: int = 0      # sent again: a kill came between the relay's yes and the log
    refused: tuple[tuple[str, str], ...] = ()
    versions: tuple[tuple[str, int], ...] = ()   # (version, messages sent now)
    skipped: tuple[tuple[str, str], ...] = ()    # (key, why) releases not sent at all


def deliver(result, site_dir: Path, *, now: datetime, environ: Mapping[str, str], dry_run: bool,
            log: Callable[[str], None], content: Path = Path("content"),
            advance: tuple[Advance, ...] = ()) -> Delivered:
    """Send the public releases of ``result`` (built into ``site_dir``) that are not yet sent,
    each to its lists, and the ``advance`` copies to the addresses and lists their release names.
    Faults (relay, database, site.yaml) raise BuildFailed; what was sent before stays sent.
    ``dry_run`` writes the messages as .eml files and leaves the send log as it was."""
    site, _, problems = load_site(content)
    if problems or site is None:
        raise BuildFailed(problems)
    mailing = site.mailing
    if mailing is None:
        log("inget skickas: site.yaml har inget e-postutskick")
        return Delivered()
    env = _envelope(site, mailing)
    db_path = store.database_path(environ)
    db = store.connect(db_path)
    transport = FolderTransport(Path(environ.get("PRESSRUM_DRY_RUN_DIR") or "utskick")) if dry_run \
        else SmtpTransport(relay_from(environ))
    try:
        secret = store.secret(db)   # made (on first use) with a forced commit: links signed with it must last
        store.unforced_commits(db)
        jobs = _jobs(result.entries, site_dir, content, site, mailing, now, db) \
            + _advance_jobs(advance, content, site, now, db)
        return _send(jobs, db, secret, transport, env, now, log, record=not dry_run)
    except sqlite3.Error as exc:
        raise store.database_fault(db_path, exc, "det som redan skickats skickas inte igen") from None
    finally:
        transport.close()
        db.close()


@dataclass(frozen=True)
class _Job:
    letter: Letter
    addresses: tuple[str, ...]
    # The advance copy's version: an address it was sent to has this release already (under
    # embargo) and does not get it a second time when it becomes public.
    advance_version: str | None = None


def _envelope(site, mailing) -> Envelope:
    for text in (mailing.sender.name, *(c.name for c in site.contacts)):
        wrong = name_problem(text)
        if wrong:
            raise BuildFailed([Problem(Place("site.yaml"), wrong, "skriv namnet på en rad")])
    for address in (mailing.sender.email, *(c.email for c in site.contacts if c.email)):
        wrong = address_problem(address)
        if wrong:
            raise BuildFailed([Problem(Place("site.yaml"), wrong, "rätta adressen i site.yaml")])
    contact = next((c for c in site.contacts if c.email), None)
    reply = Address(contact.name, addr_spec=contact.email) if contact else None
    return Envelope(Address(mailing.sender.name, addr_spec=mailing.sender.email), reply,
                    mailing.unsubscribe_email, mailing.signup)


def _occasions(content: Path):
    """A look-up of an entry's occasion (``tillfällen.<key>`` of its round), each round loaded once."""
    loaded: dict = {}

    def occasion(entry: Entry):
        if entry.round_key not in loaded:
            loaded[entry.round_key] = load_round(Path(content) / "rounds" / entry.round_key)[0]
        data = loaded[entry.round_key]
        return data.data.announcements.get(entry.key.split("/")[1]) if data is not None else None
    return occasion


def _lists(entry: Entry, mailing) -> set[str]:
    if entry.lan is not None:
        return {entry.lan.slug}
    return set(list_names()) if mailing.national_to_counties else {store.NATIONAL}


def _letter(entry: Entry, site, version: str, subject: str, first_line: str, text: str, page: str) -> Letter:
    base = site.newsroom.base_url
    host = base.split("//", 1)[-1].split("/", 1)[0]
    where = entry.lan.slug if entry.lan else store.NATIONAL
    feeds = (base + "rss.xml",) + ((f"{base}lan/{entry.lan.slug}/rss.xml",) if entry.lan else ())
    name = f"{site.newsroom.title} – {entry.lan.namn if entry.lan else 'hela landet'}"
    html = mail_html(_BANNER.sub("", page), entry.url)
    return Letter(version, entry.title, subject, first_line, entry.url, text, html, feeds, name, f"{where}.{host}")


def _jobs(entries, site_dir: Path, content: Path, site, mailing, now: datetime, db) -> list[_Job]:
    jobs = []
    oldest = now - timedelta(days=mailing.max_age_days)
    occasion = _occasions(content)
    for entry in entries:
        if entry.draft or entry.published > now:
            continue
        fresh = entry.published >= oldest
        if not fresh and entry.updated < oldest:
            continue  # an archived release: neither it nor a correction of it is sent
        announcement = occasion(entry)
        sendable = [c for c in (announcement.corrections if announcement else ()) if c.send and c.time <= now
                    and c.time >= oldest] if entry.updated > entry.published else []
        if not fresh and not sendable:
            continue
        folder = Path(site_dir) / entry.key
        text = (folder / "index.txt").read_text(encoding="utf-8")
        page = (folder / "index.html").read_text(encoding="utf-8")
        kind = announcement.kind if announcement else None
        addresses = tuple(store.on_lists(db, _lists(entry, mailing), kind))
        if fresh:
            jobs.append(_Job(_letter(entry, site, entry.key, entry.title, "", text, page), addresses,
                             f"{entry.key}{EMBARGO}"))
        if sendable:
            c = max(sendable, key=lambda c: c.time)
            version = f"{entry.key}#rättelse-{c.time.isoformat()}"
            jobs.append(_Job(_letter(entry, site, version, f"Rättelse: {entry.title}",
                                     f"Rättelse {sv.datumtid(c.time)}: {c.text}", text, page), addresses))
    return jobs


def _advance_wanted(content: Path, entry: Entry) -> tuple[str | None, tuple[tuple[str, Place], ...]]:
    """The kind of ``entry``'s occasion and what ``förhandskopior`` names for it, each item with
    its place: the occasion's in round.yaml for a national release, the county file's for a local one."""
    data, _ = load_round(Path(content) / "rounds" / entry.round_key)
    occasion = entry.key.split("/")[1]
    announcement = data.data.announcements.get(occasion) if data is not None else None
    if announcement is None:
        return None, ()
    if entry.lan is None:
        return announcement.kind, tuple((item, data.source.place(("tillfällen", occasion, "förhandskopior", i)))
                                        for i, item in enumerate(announcement.advance))
    county = next((c for c in data.counties if c.slug == entry.lan.slug), None)
    if county is None:
        return announcement.kind, ()
    return announcement.kind, tuple((item, county.source.place(("förhandskopior", i)))
                                    for i, item in enumerate(county.data.advance))


def _advance_jobs(advance: tuple[Advance, ...], content: Path, site, now: datetime, db) -> list[_Job]:
    jobs = []
    problems = []
    for copy in advance:
        entry = copy.entry
        if entry.published <= now:
            continue  # public now: the ordinary send takes it
        kind, wanted = _advance_wanted(content, entry)
        if not wanted:
            continue
        addresses: set[str] = set()
        for item, place in wanted:
            wrong = address_problem(item) if "@" in item else list_problem(item)
            if wrong:
                problems.append(Problem(place, f"förhandskopior: {wrong}"))
            elif "@" in item:
                addresses.add(item)
            else:  # a list: its subscribers for this kind (a county's slug: that county's)
                addresses.update(store.on_lists(db, {item}, kind))
        when = f"EMBARGO: publiceras {sv.datumtid(entry.published)}"
        jobs.append(_Job(_letter(entry, site, f"{entry.key}{EMBARGO}", f"{when} – {entry.title}", when,
                                 copy.text, copy.page), tuple(sorted(addresses))))
    if problems:  # before anything under embargo is sent: a wrong address is no partial advance
        raise BuildFailed(problems)
    return jobs


def _send(jobs: list[_Job], db, secret: bytes, transport, env: Envelope, now: datetime, log, *,
          record: bool) -> Delivered:
    """Send each job to its addresses not yet in the log; ``record`` False (a dry run) writes
    nothing into the log, so a real run afterwards still sends everything."""
    mark = store.mark if record else (lambda *_: None)
    sent = already = uncertain = 0
    refused, versions = [], []
    for job in jobs:
        done = store.log_state(db, job.letter.version)
        if job.advance_version:
            early = store.log_state(db, job.advance_version)
            done = {**{a: s for a, s in early.items() if s == "sent"}, **done}
        count = 0
        prepared = stencil(job.letter, env, now)
        try:  # a relay that fails half-way: the log still says how many got this one
            for address in job.addresses:
                state = done.get(address)
                if state in ("sent", "refused"):
                    already += 1
                    continue
                if state == "sending":
                    uncertain += 1
                mark(db, job.letter.version, address, "sending", now)
                data = message_bytes(prepared, address, sign(secret, "avregistrera", address))
                try:
                    transport.send_bytes(data, env.sender.addr_spec, address)
                except Refused as exc:
                    mark(db, job.letter.version, address, "refused", now)
                    refused.append((address, str(exc)))
                    log(f"e-postservern vägrade {address}: {exc}")
                    continue
                mark(db, job.letter.version, address, "sent", now)
                count += 1
        finally:
            if count:
                log(f"{'skickat' if record else 'skrivet som .eml-filer'}: {job.letter.subject} till "
                    f"{sv.antal(count, 'mottagare', 'mottagare', 'en')}")
        sent += count
        versions.append((job.letter.version, count))
    return Delivered(sent, already, uncertain, tuple(refused), tuple(versions))
