"""``publish --watch``: publish at each release's time and whenever the content changes.

A loop around one publish: after each, it waits until the next waiting release's time, a change
in the content (or ``pressrum.toml``), or a stop (SIGTERM, Ctrl-C), polling a fraction of a
second so a release goes out within a second of its time. A failed publish leaves the target as
it was (the step that failed swapped nothing in); the loop says so and tries again after a
back-off of 2, 4, 8 … up to 60 seconds. The wall clock decides what is due; if it goes
backwards, the loop keeps publishing as of the latest time it has published (an earlier time
would take released pages away) and says so once.
"""
from __future__ import annotations

import os
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Callable

from .. import sv
from ..errors import BuildFailed

POLL = 0.2  # seconds between looks at the clock, the content and the stop signal
MAX_BACKOFF = 60.0


def content_stamp(paths: tuple[Path, ...]) -> tuple:
    """What changes when a file under ``paths`` is saved, added or removed (path, size, mtime)."""
    found = []
    for base in paths:
        if base.is_file():
            st = base.stat()
            found.append((str(base), st.st_size, st.st_mtime_ns))
            continue
        for root, dirs, names in os.walk(base):
            dirs.sort()
            for name in sorted(names):
                try:
                    st = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                found.append((os.path.join(root, name), st.st_size, st.st_mtime_ns))
    return tuple(found)


def watch(once: Callable[[datetime], object], clock: Callable[[], datetime], watched: tuple[Path, ...],
          stop: threading.Event, log: Callable[[str], None], say_problems: Callable[[BuildFailed], None]) -> None:
    """Publish now, then at each waiting time and after each content change, until ``stop`` is set.

    ``once(now)`` publishes as of ``now`` and returns the publish (its ``result.waiting.next`` is
    the next time anything waits for), raising BuildFailed when a step fails."""
    log("bevakar innehållet och publicerar vid varje pressmeddelandes tid – stoppa med Ctrl-C")
    latest: datetime | None = None
    failures = 0
    first = True
    backwards_said = False
    while not stop.is_set():
        now = clock()
        if latest is not None and now < latest:
            if not backwards_said:
                log(f"klockan har gått bakåt (till {sv.datumtid(now)}) – publicerar som av {sv.datumtid(latest)}, "
                    f"den senaste tid som redan har publicerats")
                backwards_said = True
            now = latest
        stamp = content_stamp(watched)
        retry_at = None
        next_time = None
        try:
            published = once(now)
            latest = now if latest is None or now > latest else latest
            failures = 0
            if first and published.deployed.uploaded:
                log("det som väntade på en tid som redan hade passerat publicerades genast")
            next_time = published.result.waiting.next
            if next_time is not None:
                log(f"nästa publicering: {sv.datumtid(next_time)}")
        except BuildFailed as exc:
            failures += 1
            say_problems(exc)
            delay = min(MAX_BACKOFF, 2.0 ** failures)
            log(f"den senast publicerade webbplatsen ligger kvar – försöker igen om {sv.tal(int(delay))} sekunder")
            retry_at = time.monotonic() + delay
        first = False
        while not stop.wait(POLL):
            if retry_at is not None and time.monotonic() >= retry_at:
                break
            if next_time is not None and clock() >= next_time:
                break
            if content_stamp(watched) != stamp:
                log("innehållet har ändrats – publicerar")
                break
    log("publiceringen stoppad – den senast publicerade webbplatsen ligger kvar")
