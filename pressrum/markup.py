"""Markdown in, safe HTML and plain text out; plain text into Markdown as text.

Editors write Markdown in YAML; it reaches readers as HTML in pages and feeds. Whatever
Markdown lets through (raw HTML included) is cleaned with an allowlist, so a pasted
``<script>``, an event attribute or a ``javascript:`` link never becomes executable markup.

One rule for text from content: only fields documented as Markdown are Markdown. Their values
are :class:`MarkdownText` (see :func:`markdown_source`), already reduced to what the allowlist
keeps, so the ``.md`` download carries no more than the HTML does. Every other value is text and
is escaped where it enters Markdown (:func:`escape_text`, applied by the Jinja environment to
every value a ``.md.j2`` template prints), so a name is never a link, a list or a paragraph.

This module holds :class:`MarkdownText`, the block shaping of template output (``blocks``,
``join_blocks``, ``squash``) and the Markdown fields (``markdown_source``). Markdown → HTML and
the allowlist are in ``markup_html``, HTML → plain text in ``markup_text``, and text or
sanitised HTML into Markdown in ``markup_escape``.
"""
from __future__ import annotations

import re

from .markup_escape import html_to_markdown
from .markup_html import _allowed_html, _allowed_url, _independent_blocks, _markdown_converter, _python_markdown, \
    _trusted_block, to_html_reference


class MarkdownText(str):
    """A string that is Markdown (a Markdown field, a template helper's Markdown), not text.

    Templates print it as it is; every other string is text and is escaped for Markdown. Trimming
    keeps the mark (Jinja's ``trim`` filter calls ``strip``), other string methods do not.
    """

    __slots__ = ()

    def strip(self, chars=None):
        return MarkdownText(str.strip(self, chars))

    def lstrip(self, chars=None):
        return MarkdownText(str.lstrip(self, chars))

    def rstrip(self, chars=None):
        return MarkdownText(str.rstrip(self, chars))


_LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s")


def blocks(md: str) -> MarkdownText:
    """Markdown with one block per line: paragraph lines joined, list items kept apart.

    Release templates put each paragraph on its own line and leave empty slots behind;
    normalising both editors' Markdown and the template output to "one block per line"
    makes paragraph breaks independent of Jinja's whitespace handling.
    """
    out: list[str] = []
    for chunk in re.split(r"\n\s*\n", md.strip()):
        current = None  # the block that a following plain line continues
        for line in (raw.strip() for raw in chunk.splitlines()):
            if not line:
                continue
            if line.startswith("#"):
                out.append(line)
                current = None
            elif _LIST_ITEM.match(line) or current is None:
                out.append(line)
                current = len(out) - 1
            else:
                out[current] += " " + line
    return MarkdownText("\n".join(out))


def join_blocks(md: str) -> MarkdownText:
    """Template output with one block per line → Markdown with blank lines between blocks.

    Consecutive list items stay together so they form one list.
    """
    lines = [raw.strip() for raw in md.splitlines() if raw.strip()]
    out = []
    for i, line in enumerate(lines):
        if i and not (_LIST_ITEM.match(line) and _LIST_ITEM.match(lines[i - 1])):
            out.append("")
        out.append(line)
    return MarkdownText("\n".join(out) + "\n" if out else "")


def squash(text: str) -> str:
    """Runs of ordinary white space as one space; no-break spaces (in 1 500, kl. 10.00) are kept."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip(" \t\r\n\f\v")



def markdown_source(text: str) -> MarkdownText:
    """An editor's Markdown as it may be published, in the ``.md`` download as in the HTML.

    Markdown that gives nothing the allowlist removes (:func:`_needs_cleaning`) is kept as the
    editor wrote it. Anything else – raw HTML, an image, a link to a ``javascript:`` or ``data:``
    address, an element outside the allowlist – is replaced by the Markdown of the sanitised HTML
    (:func:`html_to_markdown`), so the download never keeps what the page strips.
    """
    if isinstance(text, MarkdownText):
        return text
    return MarkdownText(html_to_markdown(to_html_reference(text)) if _needs_cleaning(text) else text)


def _needs_cleaning(text: str) -> bool:
    """Whether the Markdown gives anything :func:`sanitise` would remove, uses raw HTML, or
    defines a reference link to an address the allowlist refuses (another field may use it)."""
    parts = _independent_blocks(text) or (text,)
    if all(_trusted_block(p) is not None for p in parts):
        return False  # plain paragraphs, headings and http(s) links: nothing to clean (the usual case)
    converter = _markdown_converter()
    try:
        raw = converter.reset().convert(text)
        references = [url for url, _title in converter.references.values()]
    finally:
        converter.reset()
    if any(not _allowed_url(url) for url in references) or not _allowed_html(raw):
        return True
    # Raw HTML and autolinks both start with '<': if writing every '<' as text changes the HTML,
    # some '<' was markup, which the download must not keep even when the page could.
    return "<" in text and _python_markdown(text.replace("<", "&lt;")) != raw
