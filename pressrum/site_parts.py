"""What Python computes for a round's pages besides the pages themselves: the fact box split
out of a release body, soft hyphens in long headings, the JSON-LD of a release page, and the
recipients' CSV for spreadsheets (no cell read as a formula).
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass

from .release import Release
from .site_models import Organisation


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


def split_fact_box(body_html: str, heading: str | None = None) -> ReleaseBody:
    """Find the section headed ``heading`` (the grant's ``faktarubrik``), else one headed
    "Fakta …", up to the next ``<h2>``, so the page can box it."""
    m = None
    if heading:
        m = re.compile("<h2>(" + re.escape(html.escape(heading, quote=False)) + ")</h2>").search(body_html)
    m = m or _FACT_HEADING.search(body_html)
    if not m:
        return ReleaseBody(body_html, None, "")
    rest = body_html[m.end():]
    end = rest.find("<h2")
    box, after = (rest, "") if end < 0 else (rest[:end], rest[end:])
    return ReleaseBody(body_html[:m.start()].rstrip(), FactBox(m.group(1), box.strip()), after.strip())


def recipients_csv(grants) -> bytes:
    """The published recipients as Swedish Excel opens them: ';', UTF-8 with BOM, CRLF.

    Journalists open the file in a spreadsheet, so no text cell may be read as a formula
    (:func:`spreadsheet_text`); amounts and years are non-negative integers and stay numbers.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(["namn", "typ", "kommun", "län", "belopp", "år", "bidrag", "tillägg"])
    for g in grants:
        writer.writerow([spreadsheet_text(g.name), spreadsheet_text(g.legal_kind), spreadsheet_text(g.municipality.namn),
                         spreadsheet_text(g.municipality.lan.namn), g.amount, g.years,
                         spreadsheet_text(g.scheme_name or ""), "ja" if g.topup else "nej"])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# A cell a spreadsheet reads as a formula (OWASP, "CSV Injection"): one that starts with = + - @,
# a tab or a carriage return; the full-width forms too, which some spreadsheets fold to them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_text(text: str) -> str:
    """A text cell that a spreadsheet shows as text and never evaluates: a leading apostrophe
    before what would start a formula (OWASP's advice; the reader sees the apostrophe too)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _jsonld(r: Release, sender: Organisation) -> str:
    """JSON-LD NewsArticle by the release's sender, safe to embed in a <script> element."""
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
        "author": {"@type": "GovernmentOrganization", "name": sender.name},
        "publisher": {"@type": "GovernmentOrganization", "name": sender.name,
                      **({"url": sender.website} if sender.website else {})},
    }
    text = pretty_json(data)
    # "</" could close the script element and "<!--" or "<script" change how HTML reads it;
    # "\u003c" means "<" in JSON, so no "<" reaches the page at all.
    return text.replace("<", "\\u003c")


def pretty_json(value, indent: str = "") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)`` for dicts, lists, strings,
    numbers, booleans and None – with the C encoder for every scalar (json's own indenting runs
    in pure Python, a tenth of a millisecond for each release page)."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + "  "
        items = (f"{inner}{_json_scalar(str(k))}: {pretty_json(value[k], inner)}" for k in sorted(value))
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = indent + "  "
        return "[\n" + ",\n".join(f"{inner}{pretty_json(v, inner)}" for v in value) + f"\n{indent}]"
    return _json_scalar(value)


_json_scalar = json.JSONEncoder(ensure_ascii=False).encode
