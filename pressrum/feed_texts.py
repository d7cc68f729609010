"""The feed texts a build keeps while its rounds come in: only those some feed may still show.

Every round sends the compressed feed text of each of its releases (``RoundResult.texts``), but
a feed shows only its newest :data:`~pressrum.feeds.MAX_ITEMS` releases: at 20 000 releases,
keeping every text until the feeds are planned held 25 MiB in the main process for about
1 100 texts used. :class:`Candidates` lets a text go as soon as no feed can show it, whatever
rounds are still to come: the newsroom's feed shows the newest releases of all, a county's feed
the newest of its own local releases and the national ones (``feeds.plan_feeds``), so

* a national release can be shown only while it is among the newest ``MAX_ITEMS`` national
  releases (in every feed it stands among at least those), and
* a local release only while it is among the newest ``MAX_ITEMS`` local releases of its
  county (in the newsroom's feed and in its county's it stands among at least those).

Each list only ever takes newer releases, so a release that has left all of its lists never
comes back. The pipeline asks for the texts of the releases the planned feeds show
(:meth:`Candidates.get`); a round whose texts were let go although a feed shows one of them
(a round built again, whose earlier releases took places in the lists) is read from the build
cache or built again, as a reused round without texts is (``pipeline._feed_texts``).
"""
from __future__ import annotations

from bisect import insort

from .feeds import MAX_ITEMS, newest_first


class Candidates:
    """The compressed feed texts, by release key, of the releases some feed may still show."""

    def __init__(self, limit: int = MAX_ITEMS):
        self.limit = limit
        self.texts: dict[str, bytes] = {}
        self._lists: dict[str, list[tuple]] = {}  # list name -> [(newest_first order, key)], newest first
        self._places: dict[str, int] = {}  # key -> how many lists hold it
        self._rounds: dict[str, list[tuple[tuple[str, ...], tuple]]] = {}  # round name -> its entries' places

    def add(self, name: str, entries, texts) -> None:
        """Round ``name``'s entries and their texts (in the same order); a round added again
        (built again in the same build) takes the place of its earlier entries."""
        for lists, item in self._rounds.pop(name, ()):
            for list_name in lists:
                members = self._lists[list_name]
                if item in members:
                    members.remove(item)
                    self._leave(item[1])
        placed = []
        for entry, text in zip(entries, texts):
            lists = ("national",) if entry.lan is None else ("county " + entry.lan.slug,)
            item = (newest_first(entry), entry.key)
            self.texts[entry.key] = text
            self._places[entry.key] = self._places.get(entry.key, 0)
            for list_name in lists:
                self._enter(list_name, item)
            placed.append((lists, item))
            if not self._places[entry.key]:
                self._forget(entry.key)
        self._rounds[name] = placed

    def _enter(self, list_name: str, item: tuple) -> None:
        members = self._lists.setdefault(list_name, [])
        if len(members) >= self.limit and item >= members[-1]:
            return  # older than the list's last: not in it
        insort(members, item)
        self._places[item[1]] += 1
        if len(members) > self.limit:
            self._leave(members.pop()[1])

    def _leave(self, key: str) -> None:
        self._places[key] -= 1
        if not self._places[key]:
            self._forget(key)

    def _forget(self, key: str) -> None:
        del self._places[key]
        self.texts.pop(key, None)

    def get(self, key: str) -> bytes | None:
        """The text of release ``key``, or None when it was let go (or never came)."""
        return self.texts.get(key)


class Everything(Candidates):
    """Every text kept (rounds built again for their texts: each is wanted)."""

    def add(self, name: str, entries, texts) -> None:
        self.texts.update((e.key, t) for e, t in zip(entries, texts))
