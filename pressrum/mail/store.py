"""The subscriber database: SQLite outside content/ (personal data never goes into git).

One file holds the subscribers (address, lists, when and how they consented), the send log
(one row per release version and subscriber, which makes sending exactly once), the
sign-ups waiting for confirmation, and the installation's secret for signed links. The file
is created with mode 0600 in a folder with mode 0700. Every function takes the open
connection: no module state.
"""
from __future__ import annotations

import os
import secrets
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator, Mapping

from ..errors import BuildFailed, Place, Problem

NATIONAL = "nationellt"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS subscriber (
    address TEXT PRIMARY KEY,
    consent_at TEXT NOT NULL,
    consent_how TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS membership (
    address TEXT NOT NULL REFERENCES subscriber(address) ON DELETE CASCADE,
    list TEXT NOT NULL,
    kinds TEXT NOT NULL DEFAULT '',   -- release kinds, space-separated ('beslut tillagg'); '' for every kind
    PRIMARY KEY (address, list)
);
CREATE TABLE IF NOT EXISTS sent (
    version TEXT NOT NULL,
    address TEXT NOT NULL,
    state TEXT NOT NULL,          -- 'sending' before the relay is asked, 'sent' after it accepted
    at TEXT NOT NULL,
    PRIMARY KEY (version, address)
);
CREATE TABLE IF NOT EXISTS event (
    at TEXT NOT NULL,
    address TEXT NOT NULL,
    what TEXT NOT NULL            -- 'anmäld', 'bekräftad', 'avregistrerad', …
);
CREATE TABLE IF NOT EXISTS setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Subscriber:
    address: str
    lists: tuple[str, ...]
    consent_at: str
    consent_how: str
    kinds: tuple[tuple[str, ...], ...] = ()   # per list in ``lists``: its release kinds, () for every kind


def database_path(environ: Mapping[str, str]) -> Path:
    """``PRESSRUM_DB`` when set, else ``pressrum/prenumeranter.sqlite`` in the user's data folder
    (``XDG_DATA_HOME``, else ``~/.local/share``)."""
    if environ.get("PRESSRUM_DB"):
        return Path(environ["PRESSRUM_DB"]).expanduser()
    base = Path(environ.get("XDG_DATA_HOME") or Path(environ.get("HOME", "~")) / ".local" / "share").expanduser()
    return base / "pressrum" / "prenumeranter.sqlite"


def connect(path: Path) -> sqlite3.Connection:
    """Open (and create) the database; a locked or unreadable database is a BuildFailed naming it.
    Every commit is on disk before it returns (synchronous = FULL): an unsubscribe is never lost."""
    path = Path(path)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(path, 0o600)
        db = sqlite3.connect(path, timeout=5, isolation_level=None)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.executescript(_SCHEMA)
        _migrate(db)
    except sqlite3.Error as exc:
        raise database_fault(path, exc) from None
    return db


def _migrate(db: sqlite3.Connection) -> None:
    """Bring a database made by an earlier Pressrum up to this schema (CREATE TABLE IF NOT
    EXISTS leaves an existing table as it was): membership.kinds, '' (every kind) for old rows."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(membership)")}
    if "kinds" not in columns:
        db.execute("ALTER TABLE membership ADD COLUMN kinds TEXT NOT NULL DEFAULT ''")


def database_fault(path: Path, exc: sqlite3.Error, kept: str = "ingenting har ändrats") -> BuildFailed:
    """A Swedish problem for a database that is locked, damaged or not a database; ``kept``
    says what the interrupted work left as it was."""
    if "locked" in str(exc) or "busy" in str(exc):
        return BuildFailed([Problem(Place(str(path)), "prenumerantdatabasen är låst av ett annat program",
                                    f"vänta tills det andra utskicket eller kommandot är klart och försök igen; {kept}")])
    return BuildFailed([Problem(Place(str(path)), f"prenumerantdatabasen kan inte användas ({exc})",
                                "kontrollera filen eller ange en annan med PRESSRUM_DB")])


@contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    """The database for one command or request, closed after it; an SQLite error on the way
    (locked by a send, damaged) is a BuildFailed naming the file."""
    db = connect(path)
    try:
        yield db
    except sqlite3.Error as exc:
        raise database_fault(path, exc) from None
    finally:
        db.close()


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """All of the block's writes or none of them."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def unforced_commits(db: sqlite3.Connection) -> None:
    """From here on this connection's commits are not forced to disk (synchronous = NORMAL under
    WAL): a kill of the process keeps them, a power loss may take back the last ones. Only the
    send log may be written so (deliver.py says why)."""
    db.execute("PRAGMA synchronous = NORMAL")


def secret(db: sqlite3.Connection) -> bytes:
    """The installation's secret for signed links, made on first use."""
    row = db.execute("SELECT value FROM setting WHERE key = 'secret'").fetchone()
    if row:
        return bytes.fromhex(row[0])
    value = secrets.token_bytes(32)
    db.execute("INSERT OR IGNORE INTO setting VALUES ('secret', ?)", (value.hex(),))
    return bytes.fromhex(db.execute("SELECT value FROM setting WHERE key = 'secret'").fetchone()[0])


def add(db: sqlite3.Connection, address: str, lists: tuple[str, ...], at: datetime, how: str,
        kinds: tuple[str, ...] = ()) -> None:
    """Add a subscriber (or more lists to one), on ``lists`` for the release ``kinds`` only (()
    for every kind; a list given again takes the new kinds); the consent kept is the first."""
    db.execute("INSERT OR IGNORE INTO subscriber VALUES (?, ?, ?)", (address, at.isoformat(), how))
    kept = " ".join(sorted(set(kinds)))
    db.executemany("INSERT INTO membership (address, list, kinds) VALUES (?, ?, ?) "
                   "ON CONFLICT (address, list) DO UPDATE SET kinds = excluded.kinds",
                   [(address, name, kept) for name in lists])
    db.execute("INSERT INTO event VALUES (?, ?, ?)", (at.isoformat(), address, f"tillagd: {how}"))


def add_many(db: sqlite3.Connection, rows: list[tuple[str, tuple[str, ...]]], at: datetime, how: str,
             kinds: tuple[str, ...] = ()) -> None:
    """Add every row in one transaction: all or nothing."""
    with transaction(db):
        for address, lists in rows:
            add(db, address, lists, at, how, kinds)


def remove(db: sqlite3.Connection, address: str, at: datetime, how: str) -> bool:
    """Remove a subscriber and their lists (the send log keeps only what was sent); True if found."""
    with transaction(db):
        found = db.execute("DELETE FROM subscriber WHERE address = ?", (address,)).rowcount > 0
        if found:
            db.execute("INSERT INTO event VALUES (?, ?, ?)", (at.isoformat(), address, f"avregistrerad: {how}"))
    return found


def subscribers(db: sqlite3.Connection) -> tuple[Subscriber, ...]:
    """Every subscriber, by address."""
    lists: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for address, name, kinds in db.execute("SELECT address, list, kinds FROM membership ORDER BY address, list"):
        lists.setdefault(address, []).append((name, tuple(kinds.split())))
    return tuple(Subscriber(a, tuple(n for n, _ in lists.get(a, ())), at, how, tuple(k for _, k in lists.get(a, ())))
                 for a, at, how in db.execute("SELECT address, consent_at, consent_how FROM subscriber ORDER BY address"))


def on_lists(db: sqlite3.Connection, names: set[str], kind: str | None = None) -> list[str]:
    """The addresses on any of the lists ``names`` (for a release of ``kind``: only where that
    list is for every kind or names it), sorted (the order every run sends in)."""
    marks = ",".join("?" * len(names))
    return [a for (a,) in db.execute(f"SELECT DISTINCT address FROM membership WHERE list IN ({marks}) "
                                     "AND (kinds = '' OR ? IS NULL OR instr(' ' || kinds || ' ', ' ' || ? || ' ') > 0) "
                                     "ORDER BY address", [*sorted(names), kind, kind])]


def log_state(db: sqlite3.Connection, version: str) -> dict[str, str]:
    """What the send log says of a release version: address → 'sending' or 'sent'."""
    return dict(db.execute("SELECT address, state FROM sent WHERE version = ?", (version,)))


def mark(db: sqlite3.Connection, version: str, address: str, state: str, at: datetime) -> None:
    """Write one send-log row at once (autocommit: a kill after this line keeps it)."""
    db.execute("INSERT OR REPLACE INTO sent VALUES (?, ?, ?, ?)", (version, address, state, at.isoformat()))


def event(db: sqlite3.Connection, address: str, what: str, at: datetime) -> None:
    db.execute("INSERT INTO event VALUES (?, ?, ?)", (at.isoformat(), address, what))
