"""The newsroom pages: start, release, round, county, 404, accessibility statement,
sitemap and robots.txt, plus each release's copy-ready ``index.md`` and ``index.txt``.

Pages link to each other relatively (``../../style.css``) so the site works wherever it is
published and when opened from disk; canonical URLs, OpenGraph, JSON-LD and feeds use the
absolute newsroom URL.
"""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import markup, sv
from .derive import RoundFacts
from .feeds import Feed
from .models import SiteFile
from .render import Release

STATIC_FILES = ("style.css",)


@dataclass(frozen=True)
class CountyRow:
    """One row of a round's table of figures per county."""

    lan: sv.Lan
    counts: tuple[int, ...]  # granted actors per type, aligned with the round's terms (0 where none)
    total: int
    rank: int | None
    release: Release | None


@dataclass(frozen=True)
class RoundPage:
    facts: RoundFacts
    releases: tuple[Release, ...]
    rows: tuple[CountyRow, ...]


@dataclass(frozen=True)
class CountyPage:
    lan: sv.Lan
    releases: tuple[Release, ...]  # the county's local releases and the national ones, newest first
    feed: Feed


def relative(from_dir: str, to: str) -> str:
    """A relative link from a page folder ("2021/beslut/") to a path ("style.css", "lan/skane/")."""
    rel = posixpath.relpath("/" + to, "/" + from_dir.rstrip("/") or "/")
    if to.endswith("/") or to == "":
        rel = rel.rstrip("/") + "/"
    return "./" if rel in (".", "./") else rel


def build_pages(releases: tuple[Release, ...], rounds: tuple[RoundFacts, ...], feeds: tuple[Feed, ...],
                site: SiteFile, env: jinja2.Environment, templates_dir: Path) -> dict[str, bytes]:
    """Every page and text file of the site, keyed by output path."""
    base = site.newsroom.base_url
    out: dict[str, bytes] = {}
    feed_by_path = {f.path: f for f in feeds}
    national_feed = feed_by_path[""]

    def page(template: str, path: str, filename: str = "index.html", **ctx) -> None:
        here = path
        ctx.setdefault("feeds", (national_feed,))
        html = env.get_template(template).render(
            site=site, org=site.organisation, nyhetsrum=site.newsroom, base=base, here=here,
            url=lambda to: relative(here, to), canonical=base + path + ("" if filename == "index.html" else filename),
            **ctx)
        out[path + filename] = html.encode("utf-8")

    counties = {}
    for r in releases:
        if r.spec.county:
            counties[r.spec.county.lan.slug] = r.spec.county.lan
    round_pages = []
    for facts in rounds:
        own = tuple(r for r in releases if r.spec.round.key == facts.key)
        if not own:
            continue
        local_of = {r.spec.county.lan.slug: r for r in own if r.spec.county}
        rows = tuple(CountyRow(c.lan, tuple(next((t.count for t in c.granted if t.term == term), 0) for term in facts.terms),
                               c.total, c.rank, local_of.get(c.lan.slug))
                     for c in facts.counties if c.lan.slug in local_of)
        round_pages.append(RoundPage(facts, own, rows))

    for r in releases:
        page("site/release.html.j2", r.spec.path, release=r, jsonld=_jsonld(r, site),
             feeds=(national_feed,) + ((feed_by_path[f"lan/{r.spec.county.lan.slug}/"],) if r.spec.county else ()))
        ctx = dict(release=r, site=site, org=site.organisation)
        out[r.spec.path + "index.md"] = env.get_template("site/release.md.j2").render(**ctx).encode("utf-8")
        out[r.spec.path + "index.txt"] = env.get_template("site/release.txt.j2").render(**ctx).encode("utf-8")

    county_pages = tuple(
        CountyPage(counties[slug], tuple(r for r in releases if r.spec.county is None or r.spec.county.lan.slug == slug),
                   feed_by_path[f"lan/{slug}/"])
        for slug in sorted(counties, key=lambda s: counties[s].kod))
    for cp in county_pages:
        page("site/county.html.j2", f"lan/{cp.lan.slug}/", county=cp, feeds=(cp.feed, national_feed))
    for rp in round_pages:
        page("site/round.html.j2", f"{rp.facts.key}/", round=rp)
    page("site/index.html.j2", "", releases=releases, rounds=tuple(round_pages), counties=county_pages)
    page("site/404.html.j2", "", filename="404.html")
    page("site/tillganglighet.html.j2", "tillganglighet/")

    urls = sorted(base + p.removesuffix("index.html") for p in out if p.endswith("index.html"))
    lastmod = {base + r.spec.path: r.updated for r in releases}
    out["sitemap.xml"] = env.get_template("site/sitemap.xml.j2").render(urls=urls, lastmod=lastmod).encode("utf-8")
    out["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n".encode("utf-8")
    for name in STATIC_FILES:
        out[name] = (templates_dir / "static" / name).read_bytes()
    return out


def _jsonld(r: Release, site: SiteFile) -> str:
    """JSON-LD NewsArticle, safe to embed in a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": r.title,
        "description": r.lead_text,
        "datePublished": r.published.isoformat(),
        "dateModified": r.updated.isoformat(),
        "inLanguage": "sv-SE",
        "url": r.url,
        "mainEntityOfPage": r.url,
        "author": {"@type": "GovernmentOrganization", "name": site.organisation.name},
        "publisher": {"@type": "GovernmentOrganization", "name": site.organisation.name,
                      **({"url": site.organisation.website} if site.organisation.website else {})},
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    # "</" could close the script element and "<!--" or "<script" change how HTML reads it;
    # "\u003c" means "<" in JSON, so no "<" reaches the page at all.
    return text.replace("<", "\\u003c")


__all__ = ["build_pages", "relative", "markup"]
