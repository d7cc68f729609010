"""The newsroom pages: start, release, round, county, 404, accessibility statement,
sitemap and robots.txt, plus each release's copy-ready ``index.md`` and ``index.txt``.

Pages link to each other relatively (``../../style.css``) so the site works wherever it is
published and when opened from disk; canonical URLs, OpenGraph, JSON-LD and feeds use the
absolute newsroom URL.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import jinja2

from . import layout, markup, markup_html, markup_text, sv
from .phrases import antal_av_samma
from .earlier import NO_ARCHIVE, Archive
from .derive import DECISION, AnnouncementFacts, RoundFacts
from .feeds import Feed, feed_of, once_per_object, render_feed
from .images.county_png import round_graphic
from .images import social
from .site_models import SiteFile
from .output_marker import PREVIEW_ROBOTS
from .release import Release
from .site_parts import _jsonld, recipients_csv, soft_hyphens, split_fact_box

STATIC_FILES = layout.STATIC_FILES
NEWEST_ON_START = 20  # the start page lists this many; the round pages list every release


@dataclass(frozen=True)
class CountyRow:
    """One row of a round's table of figures per county."""

    lan: sv.Lan
    counts: tuple[int, ...]  # granted actors per type, aligned with the round's terms (0 where none)
    total: int
    rank: int | None
    release: Release | None
    # The county file's rounding words (beviljade-ord), aligned with counts, and its total's; None where exact.
    words: tuple[str | None, ...] = ()
    total_word: str | None = None


@dataclass(frozen=True)
class RoundPage:
    facts: RoundFacts
    releases: tuple[Release, ...]
    rows: tuple[CountyRow, ...]
    national_counts: tuple[int, ...]  # the whole country's granted actors per type, aligned with the terms
    ranked: bool  # the county files are complete, so every row has a derived rank
    headings: tuple[str, ...]  # column headings for the actor types, with soft hyphens for narrow screens
    decided: bool = True  # a decision of the round is published (its figures may be shown)
    grants: tuple = ()  # recipients of the round's published announcements (from beviljade.csv)
    decision: AnnouncementFacts | None = None  # the published decision
    supplement: AnnouncementFacts | None = None  # the latest published supplement, after the decision
    # The decision's count and the running total after the supplement, in words or digits alike
    # (one kind of quantity in one sentence is never "tolv … 14"); empty without a supplement.
    counts_text: tuple[str, ...] = ()
    # The national counts' rounding words (beviljade-ord), aligned with national_counts; None where exact.
    national_words: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class CountyPage:
    lan: sv.Lan
    releases: tuple  # entries of the county's local releases and the national ones, newest first
    feed: Feed


@dataclass(frozen=True)
class RoundLink:
    """A round as the start page links to it."""

    key: str
    year: int
    title: str = ""  # the grant's title before the year ("Statsbidrag")
    label: str = ""  # the round in text: the year, or round.yaml's etikett ("läsåret 2017/18")


@dataclass(frozen=True)
class Planned:
    """A file of the newsroom-wide pages: its path, what it depends on besides the code, the
    templates, site.yaml and the options (plain values; the memo keys on them), and how to make it."""

    path: str
    depends_on: tuple
    make: Callable[[], bytes]


@lru_cache(maxsize=4096)
def relative(from_dir: str, to: str) -> str:
    """A relative link from a page folder ("2021/beslut/") to a path ("style.css", "lan/skane/")."""
    here = from_dir.split("/")
    there = to.split("/")
    if "." in here or ".." in here or "." in there or ".." in there:
        return _relative_by_posixpath(from_dir, to)
    here = [p for p in here if p]
    parts = [p for p in there if p]
    common = 0
    while common < len(here) and common < len(parts) and here[common] == parts[common]:
        common += 1
    rel = "/".join([".."] * (len(here) - common) + parts[common:]) or "."
    if to.endswith("/") or to == "":
        rel = rel.rstrip("/") + "/"
    return "./" if rel in (".", "./") else rel


def _relative_by_posixpath(from_dir: str, to: str) -> str:
    rel = posixpath.relpath("/" + to, "/" + from_dir.rstrip("/") or "/")
    if to.endswith("/") or to == "":
        rel = rel.rstrip("/") + "/"
    return "./" if rel in (".", "./") else rel


class _Links(dict):
    """The relative links from one page's folder, each worked out once: a page asks ``url`` for
    the same few targets over and over (the start page five times, each feed twice), and this
    dict's own ``__getitem__`` is called by the template without a Python frame
    (``jinja_fast.FastContext``) where a lambda over :func:`relative` took two."""

    def __init__(self, here: str):
        super().__init__()
        self.here = here

    def __missing__(self, to: str) -> str:
        self[to] = link = relative(self.here, to)
        return link


def _page(env: jinja2.Environment, site: SiteFile, template: str, path: str, filename: str = "index.html",
          rooted: bool = False, **ctx) -> bytes:
    """One HTML page; it links relatively, or (``rooted``, for the 404 page) from the site root."""
    base = site.newsroom.base_url
    ctx.setdefault("feeds", (feed_of(site, None),))
    if rooted:
        root = urlsplit(base).path or "/"
        url = lambda to: root + to  # noqa: E731
    else:
        url = _Links(path).__getitem__
    html = env.get_template(template).render(
        site=site, org=site.organisation, nyhetsrum=site.newsroom, base=base, here=path,
        url=url, canonical=base + path + ("" if filename == "index.html" else filename), **ctx)
    return html.encode("utf-8")


def list_items(releases: tuple[Release, ...], env: jinja2.Environment) -> tuple[Release, ...]:
    """The releases, each with what lists of releases show below its headline
    (``site/_release_item.html.j2``, given only the release): rendered once here, carried in the
    release's entry and shown as it is on the round page, the start page and every county page
    (a national release is on all 21), where it was rendered again on each before."""
    template = env.get_template("site/_release_item.html.j2")
    return tuple(replace(r, item_html=template.render(r=r)) for r in releases)


def round_files(releases: tuple[Release, ...], facts: RoundFacts, site: SiteFile,
                env: jinja2.Environment, earlier: Archive = NO_ARCHIVE, pictures=None) -> dict[str, bytes]:
    """The files of one round: each release's page, ``index.md`` and ``index.txt``, the round
    page and its list of recipients, and the earlier wordings ``earlier`` holds of its corrected
    releases. ``releases`` are the round's, newest first; a page here reads nothing outside its
    round and the archive (the newsroom-wide pages are :func:`newsroom_files`). ``pictures``
    draws the county graphic or takes it from the output (``pictures.py``)."""
    out: dict[str, bytes] = {}
    if not releases:
        return out
    national_feed = feed_of(site, None)
    graphic = _graphic(releases, facts, site, env, pictures)
    for r in releases:
        sender = r.sender or site.organisation  # a county's own sender, else site.yaml's
        corrections = r.spec.announcement.corrections
        replaced = earlier.before(r.spec.path, corrections) if corrections else ()
        for version in filter(None, replaced):
            out[version.path + "index.html"] = _page(
                env, site, "site/earlier.html.j2", version.path, release=r, version=version, avsandare=sender,
                **_earlier_page(version.markdown, r.title))
        out[r.spec.path + "index.html"] = _page(
            env, site, "site/release.html.j2", r.spec.path, release=r, jsonld=_jsonld(r, sender), avsandare=sender,
            rattelser=tuple(zip(corrections, replaced or (None,) * len(corrections))),
            body=split_fact_box(r.body_html, r.spec.round.words.fact_heading if r.spec.round.words else None),
            karta=graphic.for_county(r.spec.county.lan) if graphic and r.spec.county
            and r.spec.announcement.kind == DECISION and not r.spec.announcement.later_decision else None,
            feeds=(national_feed,) + ((feed_of(site, r.spec.county.lan),) if r.spec.county else ()))
        ctx = dict(release=r, site=site, org=site.organisation, avsandare=sender)
        out[r.spec.path + "index.md"] = env.get_template("site/release.md.j2").render(**ctx).encode("utf-8")
        out[r.spec.path + "index.txt"] = env.get_template("site/release.txt.j2").render(**ctx).encode("utf-8")
    out.update(social.files(releases))  # each release's share image (images/social.py)

    local_of = {r.spec.county.lan.slug: r for r in releases if r.spec.county}
    rows = tuple(CountyRow(c.lan, _counts(c.granted, facts), c.total, c.rank, local_of.get(c.lan.slug),
                           _words(c.granted, facts), c.total_word)
                 for c in facts.counties if c.lan.slug in local_of)
    ranked = facts.counties_complete and all(row.rank is not None for row in rows)
    headings = tuple(soft_hyphens(sv.versal(t.plural)) for t in facts.terms)
    published = {r.spec.announcement.key for r in releases}
    decided = any(r.spec.announcement.kind == DECISION for r in releases)
    # Only what published releases announced: a later supplement's recipients stay unseen.
    grants = tuple(g for g in facts.grants if g.announcement in published)
    decision, supplement = _decision_and_supplement(facts, published)
    counts_text = (tuple(antal_av_samma((decision.total, supplement.running_total), facts.words.unit,
                                        (decision.total_word, supplement.running_total_word)))
                   if supplement and facts.words else ())
    rp = RoundPage(facts, releases, rows if decided else (), _counts(facts.granted, facts), ranked, headings,
                   decided, grants, decision, supplement, counts_text,
                   _words(facts.granted, facts))
    if grants:
        out[f"{facts.key}/beviljade.csv"] = recipients_csv(grants)
    if graphic:
        out[graphic.path] = graphic.png
    out[f"{facts.key}/index.html"] = _page(env, site, "site/round.html.j2", f"{facts.key}/", round=rp, grafik=graphic)
    return out


def _graphic(releases: tuple[Release, ...], facts: RoundFacts, site: SiteFile, env: jinja2.Environment,
             pictures=None):
    """The county graphic of the published decision (pressrum/images), or None before it is out."""
    published = {r.spec.announcement.key for r in releases}
    decision, supplement = _decision_and_supplement(facts, published)
    if decision is None:
        return None
    return round_graphic(facts, site, env.get_template("site/_county_tiles.html.j2"),
                         decision.published if supplement else None, pictures)


def _earlier_page(md: str, title: str) -> dict[str, str]:
    """An earlier wording's headline (its ``index.md`` opens with it, as ``# …``) and its body
    as HTML: the page's own heading is that headline, which the correction may have changed."""
    first, _, rest = md.partition("\n")
    if first.startswith("# "):
        return {"rubrik": markup_text.plain(first[2:]), "body_html": markup_html.to_html(rest)}
    return {"rubrik": title, "body_html": markup_html.to_html(md)}  # not as Pressrum writes it: today's headline


def newsroom_files(entries: tuple, listed: dict, feeds: tuple[Feed, ...], rounds: tuple[RoundLink, ...],
                   round_pages: list[str], site: SiteFile, env: jinja2.Environment, templates_dir: Path,
                   drafts: bool = False, texts=None) -> list[Planned]:
    """The newsroom-wide files, built from entries only: start page, county pages, 404, the
    accessibility statement, sitemap, robots.txt, the style sheet and every feed.

    ``entries`` are every published release's, newest first; ``listed`` and ``feeds`` are
    ``feeds.by_county`` and ``feeds.plan_feeds`` of them; ``rounds`` the rounds with a page;
    ``round_pages`` the paths of every round's ``index.html`` files (for the sitemap); ``texts``
    the compressed feed text of every entry a feed shows, by key. Each file declares what it
    depends on besides the code, templates, site.yaml and options (``Planned.depends_on``).
    """
    base = site.newsroom.base_url
    national_feed = feeds[0]
    county_pages = tuple(CountyPage(lan, tuple(items), feed) for (lan, items), feed in zip(listed.items(), feeds[1:]))

    def shown(items) -> bytes:  # lists show a release's headline, lead, time and county
        return b"".join(e.list_digest for e in items)

    planned: list[Planned] = []
    for cp in county_pages:
        path = f"{layout.COUNTIES}/{cp.lan.slug}/"
        planned.append(Planned(path + "index.html", (shown(cp.releases),), partial(
            _page, env, site, "site/county.html.j2", path, county=cp, feeds=(cp.feed, national_feed))))
    start = entries[:NEWEST_ON_START]
    round_links = tuple(sorted(rounds, key=lambda rl: rl.key, reverse=True))
    planned.append(Planned(layout.START_PAGE, (shown(start), len(entries) > NEWEST_ON_START, round_links,
                                          tuple(lan.slug for lan in listed)), partial(
        _page, env, site, "site/index.html.j2", "", releases=start, more=len(entries) > NEWEST_ON_START,
        rounds=round_links, counties=county_pages)))
    planned.append(Planned(layout.NOT_FOUND, (), partial(
        _page, env, site, "site/404.html.j2", "", filename=layout.NOT_FOUND, rooted=True)))
    planned.append(Planned(f"{layout.ACCESSIBILITY}/index.html", (), partial(
        _page, env, site, "site/tillganglighet.html.j2", f"{layout.ACCESSIBILITY}/")))
    # prenumeration: whether e-mail goes out (site.yaml's e-postutskick): then the page also says
    # what is kept of subscribers; otherwise only what the site itself keeps.
    planned.append(Planned(f"{layout.PRIVACY}/index.html", (), partial(
        _page, env, site, "site/integritet.html.j2", f"{layout.PRIVACY}/", prenumeration=site.mailing is not None)))

    pages = list(round_pages) + [p.path for p in planned if p.path.endswith("index.html")]
    urls = sorted(base + p.removesuffix("index.html") for p in pages)
    lastmod = {base + e.path: e.updated for e in entries}
    iso = once_per_object(datetime.isoformat)  # a round's releases share their times
    planned.append(Planned(layout.SITEMAP, (urls, sorted((u, iso(t)) for u, t in lastmod.items())),
                           lambda: env.get_template("site/sitemap.xml.j2")
                           .render(urls=[(u, lastmod.get(u)) for u in urls])
                           .encode("utf-8")))
    # A preview (drafts) tells every crawler to stay out, should it ever be put on a web server.
    robots = PREVIEW_ROBOTS if drafts else f"User-agent: *\nAllow: /\nSitemap: {base}{layout.SITEMAP}\n".encode("utf-8")
    planned.append(Planned(layout.ROBOTS, (robots,), lambda: robots))
    for name in STATIC_FILES:
        planned.append(Planned(name, (), partial((templates_dir / "static" / name).read_bytes)))
    for feed in feeds:
        for kind in ("rss", "atom"):  # a feed carries each item's whole text
            planned.append(Planned(f"{feed.path}{kind}.xml", (b"".join(e.text_digest for e in feed.releases),),
                                   partial(render_feed, feed, site, kind, texts)))
    return planned


def _decision_and_supplement(facts: RoundFacts, published: set[str]):
    """The published first decision and the latest published supplement or later decision after
    it (None where none): the round page's figures are the running total, never the first
    decision's alone, once another is out."""
    shown = [a for a in facts.announcements if a.key in published]
    decision = next((a for a in shown if a.kind == DECISION), None)
    later = sorted((a for a in shown if a.adds and decision and a.published > decision.published),
                   key=lambda a: a.published)
    return decision, (later[-1] if later else None)


def _counts(tallies, facts: RoundFacts) -> tuple[int, ...]:
    """Counts per actor type in the round's term order, 0 where a type has none."""
    return tuple(next((t.count for t in tallies if t.term == term), 0) for term in facts.terms)


def _words(tallies, facts: RoundFacts) -> tuple[str | None, ...]:
    """The counts' rounding words in the round's term order, None where a count is exact or none."""
    return tuple(next((t.word for t in tallies if t.term == term), None) for term in facts.terms)


__all__ = ["round_files", "newsroom_files", "relative", "soft_hyphens", "split_fact_box", "markup"]
