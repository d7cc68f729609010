"""RSS 2.0 and Atom feeds for the whole newsroom and for each county.

Built with feedgen, minding its traps (research/conventions.md §4.4): the channel link is
the *last* ``link()`` call, Atom and RSS need different content types, ``description()``
is Atom content unless told otherwise, and feed-level dates default to the build clock. So
RSS and Atom are built by separate functions, every date comes from the releases, and the
feed-level date is the newest item's, which makes two builds of the same content identical.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from html import escape
from operator import attrgetter

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator

from . import layout, sv
from .site_models import SiteFile
from .release import Release

MAX_ITEMS = 50
# A feed with no published release yet still needs a date; a fixed one keeps builds identical.
EMPTY_FEED_DATE = datetime(2000, 1, 1, tzinfo=timezone.utc)  # journalists' readers keep the latest 20–50; older releases are on the site


@dataclass(frozen=True)
class Category:
    """A feed category: a machine term, a label readers show, and the taxonomy it belongs to."""

    term: str  # Atom term: "skane", "hela-landet", "2021"
    label: str  # what readers show: "Skåne län", "Statsbidrag 2021"
    scheme: str  # Atom scheme / RSS domain: the newsroom's URL for the taxonomy


NATIONWIDE = "hela-landet"


@dataclass(frozen=True)
class Entry:
    """A release as the newsroom's shared pages and the feeds show it: no facts, no Markdown.

    Each round makes the entries of its releases; the start page, the county pages, the sitemap
    and the feeds are built from entries alone (and the feeds from the texts of the entries they
    show), so a round that did not change need not be loaded, derived or rendered again. The two
    digests say what a page showing the entry depends on (``site.Planned.depends_on``).
    """

    key: str  # "2021/beslut/skane", also the output folder
    url: str
    title: str
    lead_text: str
    published: datetime
    updated: datetime
    draft: bool
    lan: sv.Lan | None  # None for a national release
    round_key: str
    round_name: str  # "Statsbidrag 2021": the round's page heading, also its feed category
    text_digest: bytes  # of every field above and of the feed text: what a feed item is made from
    list_digest: bytes  # of every field above: what a list of releases on a page is made from
    # The image the release is shared with, as the feeds' enclosure ("" and 0 when it has none);
    # the text digest covers these too.
    image_url: str = ""
    image_type: str = ""
    image_length: int = 0
    label: str | None = None  # the release's own label (``etikett``), None for the default
    # What lists show below the headline (site/_release_item.html.j2), rendered once with the
    # release (site.list_items) from the fields the list digest covers.
    item_html: str = ""

    @property
    def path(self) -> str:
        return self.key + "/"


@lru_cache(maxsize=2048)
def inflate(data: bytes) -> str:
    # A national release is in all 22 feeds, each as RSS and Atom: decompressed once.
    return zlib.decompress(data).decode("utf-8")


def entry(r: Release, base: str) -> tuple[Entry, bytes]:
    """The entry of a rendered release, and its feed text (corrections, lead, body; absolute
    links), zlib-compressed: kept apart, since only the newest 50 of each feed need it."""
    feed_html = _content_html(r, base).encode("utf-8")
    fields = (r.key, r.url, r.title, r.lead_text, r.published.isoformat(), r.updated.isoformat(), r.draft,
              r.lan.kod if r.lan else None, r.round_key, r.round_name, r.label)
    shown = repr(fields).encode("utf-8")
    image = (r.image.url, r.image.type, r.image.length) if r.image is not None else ("", "", 0)
    digest = hashlib.blake2b(shown + b"\0" + repr(image).encode("utf-8") + b"\0" + feed_html,
                             digest_size=16).digest()
    return (Entry(r.key, r.url, r.title, r.lead_text, r.published, r.updated, r.draft, r.lan, r.round_key,
                  r.round_name, digest, hashlib.blake2b(shown, digest_size=16).digest(), *image, r.label, r.item_html),
            zlib.compress(feed_html, 1))


def newest_first(e) -> tuple:
    """The order of releases everywhere: newest first, then by key."""
    return (-e.published.timestamp(), e.key)


def once_per_object(fn):
    """``fn`` for a pass over many releases, worked out once per object: the releases of a round
    share their time objects (the 19 998 releases of a 20 000-release site have a few thousand
    between them; ``timestamp()`` or ``isoformat()`` of each costs 0.6-0.9 us). Each object is
    kept beside its value, so its id is never another's during the pass."""
    done: dict[int, tuple] = {}

    def value(obj):
        found = done.get(id(obj))
        if found is None:
            found = done[id(obj)] = (obj, fn(obj))
        return found[1]
    return value


def sorted_newest_first(entries) -> tuple:
    """``entries`` in :func:`newest_first` order (the reference), each time's timestamp once.

    Gathered by time and each time's releases sorted by key, instead of one sort by a key made
    per release: the releases of a round share their time objects, so 19 998 releases are 909
    groups (15-16 ms against 25-26 ms, and no key tuple per release). Releases at one moment keep the order
    they came in when their keys are equal too, as in the sort by the reference key."""
    groups: dict[float, list] = {}  # timestamp -> its releases, in the order given
    group_of = once_per_object(lambda t: groups.setdefault(t.timestamp(), []))
    for e in entries:
        group_of(e.published).append(e)
    ordered: list = []
    by_key = attrgetter("key")
    for stamp in sorted(groups, reverse=True):
        group = groups[stamp]
        if len(group) > 1:
            group.sort(key=by_key)  # stable: equal keys keep their order
        ordered += group
    return tuple(ordered)


def categories(r, base: str) -> tuple[Category, ...]:
    """The release's round and its county ("Hela landet" for a national release)."""
    place = Category(r.lan.slug, r.lan.namn, f"{base}lan/") if r.lan else \
        Category(NATIONWIDE, "Hela landet", f"{base}lan/")
    return (Category(r.round_key, r.round_name, f"{base}omgang/"), place)


@dataclass(frozen=True)
class Feed:
    """One feed pair: where it lives, what it is called, which releases it carries."""

    path: str  # folder, "" for the whole newsroom or "lan/skane/"
    title: str
    description: str
    page: str  # the HTML page the feed belongs to (channel link)
    releases: tuple[Entry, ...]  # newest first


def feed_of(site: SiteFile, lan: sv.Lan | None, releases: tuple = ()) -> Feed:
    """The newsroom's feed (``lan`` None) or a county's, with the given releases."""
    base = site.newsroom.base_url
    if lan is None:
        return Feed("", site.newsroom.title, site.newsroom.description, base, releases)
    return Feed(f"{layout.COUNTIES}/{lan.slug}/", f"{site.newsroom.title} – {lan.namn}",
                f"Pressmeddelanden från {site.organisation.called} om {lan.namn} och hela landet.",
                f"{base}lan/{lan.slug}/", releases)


def by_county(releases) -> dict[sv.Lan, list]:
    """Each county with local releases, in county-code order, with its own releases and the
    national ones, in the order given (a county's page and feed list these)."""
    counties = {r.lan.slug: r.lan for r in releases if r.lan}
    listed = {counties[slug]: [] for slug in sorted(counties, key=lambda s: counties[s].kod)}
    by_slug = {lan.slug: items for lan, items in listed.items()}
    for r in releases:  # one pass: a national release goes on every county's list
        if r.lan is None:
            for items in listed.values():
                items.append(r)
        else:
            by_slug[r.lan.slug].append(r)
    return listed


def shown_keys(feeds: tuple[Feed, ...]) -> set[str]:
    """The keys of every release some feed shows (whose feed texts the feeds need)."""
    return {e.key for feed in feeds for e in feed.releases}


def plan_feeds(releases: tuple[Entry, ...], site: SiteFile, listed: dict | None = None) -> tuple[Feed, ...]:
    """The newsroom feed plus one per county with local releases (its own and the national ones).

    ``releases`` are newest first (entries, or releases: both have ``lan``); ``listed`` is
    :func:`by_county` of them, when the caller has it already.
    """
    listed = by_county(releases) if listed is None else listed
    return (feed_of(site, None, tuple(releases[:MAX_ITEMS])),
            *(feed_of(site, lan, tuple(items[:MAX_ITEMS])) for lan, items in listed.items()))


def _absolute(html: str, base: str) -> str:
    """Feed readers resolve no relative links: make every href absolute."""
    # A function, not a replacement string: a backslash in the base URL must stay literal.
    return re.sub(r'href="/(?!/)', lambda _: f'href="{base}', html)


def _content_html(r: Release, base: str) -> str:
    """The feed text of a rendered release (an :class:`Entry` keeps it compressed)."""
    # Corrections first, oldest first as on the page, so a reader sees the update at once.
    parts = [f"<p><em>Uppdaterad {escape(sv.datumtid(c.time))} – rättelse: {escape(c.text)}</em></p>"
             for c in r.spec.announcement.corrections]
    parts += [f"<p><strong>{r.lead_html.removeprefix('<p>').removesuffix('</p>')}</strong></p>", r.body_html]
    return _absolute("\n".join(parts), base)


ATOM_NS = "http://www.w3.org/2005/Atom"


class _HubLink(BaseExtension):
    """The WebSub hub as ``<atom:link rel="hub">`` in RSS, beside the self link (feedgen writes
    only the self link of the Atom links into RSS)."""

    def __init__(self):
        self._hub = None

    def hub(self, href: str) -> None:
        self._hub = href

    def extend_ns(self):
        return {"atom": ATOM_NS}

    def extend_rss(self, rss):
        channel = rss[0]
        links = channel.findall(f"{{{ATOM_NS}}}link")
        link = channel.makeelement(f"{{{ATOM_NS}}}link", {"href": self._hub, "rel": "hub"})
        channel.insert(channel.index(links[-1]) + 1 if links else len(channel), link)
        return rss


class _Enclosure(BaseEntryExtension):
    """An Atom entry's ``<link rel="enclosure" type length href>``: feedgen 1.0 drops ``rel``,
    ``type`` and ``length`` of an entry's Atom links (research/conventions.md §4.4, trap 2), so
    this writes the link itself. RSS uses feedgen's own ``<enclosure>``."""

    def __init__(self):
        self._link = None

    def enclosure(self, href: str, type_: str, length: int) -> None:
        self._link = {"rel": "enclosure", "href": href, "type": type_, "length": str(length)}

    def extend_atom(self, entry):
        if self._link:
            # feedgen's Atom elements carry no namespace of their own (the root declares it).
            entry.append(entry.makeelement("link", dict(self._link)))
        return entry


def _generator(feed: Feed, site: SiteFile, kind: str):
    base = site.newsroom.base_url
    fg = FeedGenerator()
    fg.id(base + feed.path + ("atom.xml" if kind == "atom" else "rss.xml"))
    fg.title(feed.title)
    # RSS readers render description as HTML: plain text goes in escaped ("<" stays text).
    fg.description(escape(feed.description, quote=False) if kind == "rss" else feed.description)
    fg.language("sv")
    fg.author({"name": site.organisation.name, "email": site.organisation.email} if site.organisation.email
              else {"name": site.organisation.name})
    if site.organisation.email and kind == "rss":
        # §4.3: managingEditor and webMaster as "address (Name)".
        fg.managingEditor(f"{site.organisation.email} ({site.organisation.name})")
        fg.webMaster(f"{site.organisation.email} ({site.organisation.name})")
    # Trap 1: the RSS channel link is the last link added, so self first, the page last.
    self_url = base + feed.path + ("atom.xml" if kind == "atom" else "rss.xml")
    fg.link(href=self_url, rel="self", type="application/atom+xml" if kind == "atom" else "application/rss+xml")
    if site.newsroom.hub:  # WebSub: subscribers learn of a new release from the hub the feed names
        if kind == "atom":
            fg.link(href=site.newsroom.hub, rel="hub")
        else:
            fg.register_extension("websub", _HubLink, atom=False, rss=True)
            fg.websub.hub(site.newsroom.hub)
    fg.link(href=feed.page, rel="alternate", type="text/html")
    fg.generator("Pressrum")
    if kind == "atom":
        fg.register_extension("imagelink", BaseExtension, _Enclosure, atom=True, rss=False)
    # Trap 6: never the build clock; an empty feed falls back to a fixed date.
    newest = max((r.updated for r in feed.releases), default=EMPTY_FEED_DATE)
    fg.updated(newest)
    fg.lastBuildDate(newest)
    return fg


def _add_entries(fg: FeedGenerator, feed: Feed, site: SiteFile, kind: str, texts) -> None:
    base = site.newsroom.base_url
    # Trap 7: add_entry prepends by default; add oldest first so the newest ends on top.
    for r in reversed(feed.releases):
        fe = fg.add_entry()
        fe.id(r.url)
        fe.guid(r.url, permalink=True)
        fe.title(r.title)
        fe.link(href=r.url, rel="alternate", type="text/html")
        fe.published(r.published)
        fe.updated(r.updated)
        for c in categories(r, base):
            # RSS shows the element text, so it carries the label; Atom has term and label apart.
            fe.category(term=c.label if kind == "rss" else c.term, scheme=c.scheme, label=c.label)
        if r.image_url:  # the image the release is shared with
            if kind == "atom":
                fe.imagelink.enclosure(r.image_url, r.image_type, r.image_length)
            else:
                fe.enclosure(r.image_url, str(r.image_length), r.image_type)
        html = inflate(texts[r.key]) if texts is not None else _content_html(r, base)
        if kind == "atom":
            fe.summary(r.lead_text)  # Trap 4: summary, not description
            fe.content(html, type="html")  # Trap 3: html for Atom
        else:
            fe.description(escape(r.lead_text, quote=False))  # rendered as HTML by readers: escape plain text
            fe.content(html, type="CDATA")


def render_feed(feed: Feed, site: SiteFile, kind: str, texts=None) -> bytes:
    """One feed (``kind`` "rss" or "atom") as bytes; ``texts`` has the compressed feed text of
    each entry by key (releases, which have their text, need none)."""
    fg = _generator(feed, site, kind)
    _add_entries(fg, feed, site, kind, texts)
    return fg.atom_str(pretty=True) if kind == "atom" else fg.rss_str(pretty=True)


def render_feeds(feeds: tuple[Feed, ...], site: SiteFile, texts=None) -> dict[str, bytes]:
    """Every feed as bytes, keyed by its path in the output."""
    return {f"{feed.path}{kind}.xml": render_feed(feed, site, kind, texts) for feed in feeds
            for kind in ("rss", "atom")}
