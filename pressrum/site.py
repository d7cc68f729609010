"""The newsroom pages: start, release, round, county, 404, accessibility statement,
sitemap and robots.txt, plus each release's copy-ready ``index.md`` and ``index.txt``.

Pages link to each other relatively (``../../style.css``) so the site works wherever it is
published and when opened from disk; canonical URLs, OpenGraph, JSON-LD and feeds use the
absolute newsroom URL.
"""
from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from . import markup, sv
from .derive import DECISION, RoundFacts
from .feeds import Feed
from .models import SiteFile
from .render import Release

STATIC_FILES = ("style.css",)
NEWEST_ON_START = 20  # the start page lists this many; the round pages list every release


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
    national_counts: tuple[int, ...]  # the whole country's granted actors per type, aligned with the terms
    ranked: bool  # the county files are complete, so every row has a derived rank
    headings: tuple[str, ...]  # column headings for the actor types, with soft hyphens for narrow screens
    decided: bool = True  # a decision of the round is published (its figures may be shown)
    grants: tuple = ()  # recipients of the round's published announcements (from beviljade.csv)


@dataclass(frozen=True)
class FactBox:
    """The "Fakta …" section of a release body, shown as a box."""

    heading_html: str
    html: str


@dataclass(frozen=True)
class ReleaseBody:
    """A release body split around its fact box: before, the box (or None), after."""

    before_html: str
    fact: FactBox | None
    after_html: str


SHY = "\u00ad"
_VOWELS = set("aeiouyåäöéAEIOUYÅÄÖÉ")
_WORD = re.compile(r"[^\W\d_]{8,}")


def soft_hyphens(text: str) -> str:
    """Soft hyphens in long words, so a narrow table column can break them with a hyphen.

    A Swedish syllable rule that is safe for headings: break before a consonant followed by a
    vowel, never leaving fewer than two letters on either side ("or­ga­ni­sa­tio­ner"). In a
    compound it may pick a syllable next to the joint; the hyphen shows only when a word breaks.
    """
    def word(m: re.Match) -> str:
        w = m.group(0)
        out = [w[0]]
        for i in range(1, len(w)):
            if (2 <= i <= len(w) - 3 and w[i] not in _VOWELS and w[i + 1] in _VOWELS
                    and any(c in _VOWELS for c in w[:i]) and w[i - 1] != SHY):
                out.append(SHY)
            out.append(w[i])
        return "".join(out)

    return _WORD.sub(word, text)


_FACT_HEADING = re.compile(r"<h2>(Fakta\b.*?)</h2>", re.S)


def split_fact_box(body_html: str) -> ReleaseBody:
    """Find the section headed "Fakta …" (up to the next ``<h2>``) so the page can box it."""
    m = _FACT_HEADING.search(body_html)
    if not m:
        return ReleaseBody(body_html, None, "")
    rest = body_html[m.end():]
    end = rest.find("<h2")
    box, after = (rest, "") if end < 0 else (rest[:end], rest[end:])
    return ReleaseBody(body_html[:m.start()].rstrip(), FactBox(m.group(1), box.strip()), after.strip())


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

    root = urlsplit(base).path or "/"

    def page(template: str, path: str, filename: str = "index.html", rooted: bool = False, **ctx) -> None:
        here = path
        ctx.setdefault("feeds", (national_feed,))
        # A page served at any address (404) links from the site root; the others relatively.
        url = (lambda to: root + to) if rooted else (lambda to: relative(here, to))
        html = env.get_template(template).render(
            site=site, org=site.organisation, nyhetsrum=site.newsroom, base=base, here=here,
            url=url, canonical=base + path + ("" if filename == "index.html" else filename),
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
        rows = tuple(CountyRow(c.lan, _counts(c.granted, facts), c.total, c.rank, local_of.get(c.lan.slug))
                     for c in facts.counties if c.lan.slug in local_of)
        ranked = facts.counties_complete and all(row.rank is not None for row in rows)
        headings = tuple(soft_hyphens(sv.versal(t.plural)) for t in facts.terms)
        published = {r.spec.announcement.key for r in own}
        decided = any(r.spec.announcement.kind == DECISION for r in own)
        # Only what published releases announced: a later supplement's recipients stay unseen.
        grants = tuple(g for g in facts.grants if g.announcement in published)
        round_pages.append(RoundPage(facts, own, rows if decided else (), _counts(facts.granted, facts), ranked,
                                     headings, decided, grants))
        if grants:
            out[f"{facts.key}/beviljade.csv"] = recipients_csv(grants)

    for r in releases:
        page("site/release.html.j2", r.spec.path, release=r, jsonld=_jsonld(r, site), body=split_fact_box(r.body_html),
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
    page("site/index.html.j2", "", releases=releases[:NEWEST_ON_START], more=len(releases) > NEWEST_ON_START,
         rounds=tuple(sorted(round_pages, key=lambda rp: rp.facts.key, reverse=True)), counties=county_pages)
    page("site/404.html.j2", "", filename="404.html", rooted=True)
    page("site/tillganglighet.html.j2", "tillganglighet/")

    urls = sorted(base + p.removesuffix("index.html") for p in out if p.endswith("index.html"))
    lastmod = {base + r.spec.path: r.updated for r in releases}
    out["sitemap.xml"] = env.get_template("site/sitemap.xml.j2").render(urls=urls, lastmod=lastmod).encode("utf-8")
    out["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n".encode("utf-8")
    for name in STATIC_FILES:
        out[name] = (templates_dir / "static" / name).read_bytes()
    return out


def recipients_csv(grants) -> bytes:
    """The published recipients as Swedish Excel opens them: ';', UTF-8 with BOM, CRLF."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(["namn", "typ", "kommun", "län", "belopp", "år", "bidrag", "tillägg"])
    for g in grants:
        writer.writerow([g.name, g.legal_kind, g.municipality.namn, g.municipality.lan.namn, g.amount, g.years,
                         g.scheme_name or "", "ja" if g.topup else "nej"])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _counts(tallies, facts: RoundFacts) -> tuple[int, ...]:
    """Counts per actor type in the round's term order, 0 where a type has none."""
    return tuple(next((t.count for t in tallies if t.term == term), 0) for term in facts.terms)


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


__all__ = ["build_pages", "relative", "soft_hyphens", "split_fact_box", "markup"]
