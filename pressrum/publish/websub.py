"""Tell a WebSub hub that feeds changed (W3C WebSub, the publisher's side).

The Recommendation leaves how a publisher notifies its hub to the hub (§4); what hubs accept
is PubSubHubbub 0.4's form: a POST of ``hub.mode=publish`` and ``hub.url=<feed>``
(``application/x-www-form-urlencoded``), answered with a 2xx (204 at Google's hub). Version 0.3
let ``hub.url`` repeat for several feeds, but not every hub reads more than the first one
(websub.rocks and Superfeedr take one topic a request), so this sends one POST per feed: a
few requests more, and no hub misses a feed.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from typing import Sequence

from ..errors import BuildFailed, Place, Problem


def ping(hub: str, feed_urls: Sequence[str], timeout: float = 10.0) -> None:
    """POST ``hub.mode=publish`` with each of ``feed_urls`` to ``hub``; a refused connection, a
    timeout or an answer other than 2xx raises :class:`BuildFailed` naming the hub (the feeds
    are published by then: only the hub's subscribers hear of them later)."""
    problems = []
    for url in feed_urls:
        body = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": url}).encode("ascii")
        request = urllib.request.Request(hub, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "Pressrum"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                answer.read()
        except urllib.error.HTTPError as error:
            problems.append(Problem(Place(hub), f"WebSub-navet svarade {error.code} på meddelandet om {url}",
                                    "kontrollera navets adress (websub-nav i site.yaml); flödet är publicerat"))
            error.close()
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            timed_out = isinstance(reason, TimeoutError) or "timed out" in str(reason)
            what = f"svarade inte inom {_seconds(timeout)}" if timed_out else "gick inte att nå"
            problems.append(Problem(Place(hub), f"WebSub-navet {what}",
                                    "kontrollera adressen (websub-nav i site.yaml) och nätverket; flödena är publicerade"))
            break  # the hub is down: the other feeds would fail the same way, each after the timeout
    if problems:
        raise BuildFailed(problems)


def _seconds(timeout: float) -> str:
    from .. import sv
    whole = int(timeout)
    return f"{sv.tal(whole)} {'sekund' if whole == 1 else 'sekunder'}" if whole == timeout else f"{timeout:g} sekunder".replace(".", ",")
