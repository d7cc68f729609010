"""Sanitised HTML → plain text (the ``.txt`` of a release, feed summaries): ``to_text`` with
its one-expression reader of the sanitised subset, the HTMLParser reference, and ``plain`` for
one line of Markdown.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser


from .markup_html import ALLOWED_TAGS, inline_html


_BLOCK_TAGS = frozenset({"p", "h2", "h3", "h4", "li", "blockquote"})
_LINE_BREAK_SPACE = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v]*")
_SPACE_RUN = re.compile(r"[ \t\r\f\v]{2,}|[\t\r\f\v]")  # a lone ordinary space is already one space


def _block_text(parts: list[str]) -> str:
    """The text of one block: white space around line breaks dropped, other runs as one space.

    The regular expressions cost a scan of every character, so they run only when the text has
    something for them to replace (checked with substring tests, which are much faster).
    """
    text = "".join(parts)
    if text.isspace():  # the line break between two blocks; strip() would leave nothing
        return ""
    if "\t" in text or "\r" in text or "\f" in text or "\v" in text:
        text = _SPACE_RUN.sub(" ", _LINE_BREAK_SPACE.sub("\n", text))
    else:  # the only white space the expressions match is the ordinary space and \n
        if "\n" in text and (" \n" in text or "\n " in text):
            text = _LINE_BREAK_SPACE.sub("\n", text)
        if "  " in text:
            text = _SPACE_RUN.sub(" ", text)
    text = text.strip()
    return _url_placed(text) if " (http" in text else text


# A link's address in brackets inside brackets: "(läs även … om Skåne (https://…))." (review T2).
_NESTED_URL = re.compile(r"\(([^()]*) \((https?://[^()\s]+)\)\)")
# A one-sentence block whose only link interrupts it: "Se alla … 2024 (https://…), med kommun och belopp."
_URL_MID_SENTENCE = re.compile(r"((?:(?!\. )[^()])+) \((https?://[^()\s]+)\)(, (?:(?!\. )[^()])+)\.")


def _url_placed(text: str) -> str:
    """Link addresses where a reader of the text version can follow the sentence: never in
    brackets inside brackets, and after a one-sentence block rather than in its middle (T9:
    "Se alla som beviljats bidrag 2024, med kommun och belopp: https://…")."""
    text = _NESTED_URL.sub(r"(\1: \2)", text)
    whole = _URL_MID_SENTENCE.fullmatch(text)
    return f"{whole[1]}{whole[3]}: {whole[2]}" if whole else text


class _TextExtractor(HTMLParser):
    """Plain text from our own sanitised HTML: paragraphs, list bullets, link targets."""

    BLOCKS = _BLOCK_TAGS

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.href: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()
            if tag == "li":
                self.current.append(BULLET)
        elif tag == "a":
            self.href = dict(attrs).get("href")
        elif tag == "br":
            self.current.append("\n")

    def handle_endtag(self, tag):
        if tag == "a" and self.href:
            self.current.append(_link_target(self.href))
            self.href = None
        elif tag in self.BLOCKS:
            self._flush(tag)

    def handle_data(self, data):
        self.current.append(data)

    def _flush(self, tag: str = ""):
        text = _block_text(self.current)
        if text:
            self.blocks.append(text)
        self.current = []


# A list item in the text version starts with a bullet, not the en dash of a pratminus quote:
# "– Malmö stad: …" right below "– Citat, säger …" reads as a second quotation.
BULLET = "• "


def _join_blocks(blocks: list[str]) -> str:
    """The blocks separated by blank lines, except consecutive list items: one item a line."""
    if len(blocks) < 2:
        return "".join(blocks)
    out = [blocks[0]]
    for before, block in zip(blocks, blocks[1:]):
        out.append("\n" if before.startswith(BULLET) and block.startswith(BULLET) else "\n\n")
        out.append(block)
    return "".join(out)


def _link_target(href: str) -> str:
    return f" ({href.removeprefix('mailto:').removeprefix('tel:')})"


# The HTML that sanitise() returns is a small language: the allowlisted tags without attributes,
# links with one double-quoted href, and text in which '<' is always escaped. A fragment made
# only of that is read here with one regular expression; anything else goes to HTMLParser.
_TAG_NAMES = "|".join(sorted(ALLOWED_TAGS, key=len, reverse=True))
_TOKEN = re.compile(rf'<(?:({_TAG_NAMES})|/({_TAG_NAMES})|a href="([^"]*)")>')


def _fast_text(fragment: str) -> str | None:
    """:func:`to_text` for a fragment in the sanitised subset of HTML, or None for anything else.

    Gives what :class:`_TextExtractor` gives for the same input: text between tags is unescaped
    as one run, as HTMLParser does with ``convert_charrefs``, and the same events are handled.
    """
    blocks: list[str] = []
    current: list[str] = []
    href: str | None = None
    pos = 0
    for m in _TOKEN.finditer(fragment):
        start = m.start()
        if start > pos:
            data = fragment[pos:start]
            if "<" in data:
                return None
            current.append(html.unescape(data) if "&" in data else data)
        pos = m.end()
        opened, closed, link = m.groups()
        if closed is not None:
            if closed == "a":
                if href:
                    current.append(_link_target(href))
                    href = None
            elif closed in _BLOCK_TAGS:
                current = _end_block(current, blocks)
        elif opened is None or opened == "a":  # a link, with or without its href
            href = html.unescape(link) if link else link
        elif opened in _BLOCK_TAGS:
            current = _end_block(current, blocks)
            if opened == "li":
                current.append(BULLET)
        elif opened == "br":
            current.append("\n")
    data = fragment[pos:]
    if "<" in data:
        return None
    current.append(html.unescape(data) if "&" in data else data)
    _end_block(current, blocks)
    return _join_blocks(blocks)


def _end_block(parts: list[str], blocks: list[str]) -> list[str]:
    """Add the text of the block made of ``parts`` to ``blocks`` (when there is any); the new,
    empty list of parts."""
    text = _block_text(parts)
    if text:
        blocks.append(text)
    return []


def to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: blocks separated by blank lines, links as 'text (url)'."""
    fast = _fast_text(fragment)
    return fast if fast is not None else to_text_reference(fragment)


def to_text_reference(fragment: str) -> str:
    """What :func:`to_text` gives, read by :class:`_TextExtractor` (HTMLParser): the reference the
    one-expression reader is tested against, and its route for HTML outside the sanitised subset."""
    parser = _TextExtractor()
    parser.feed(fragment)
    parser.close()
    parser._flush()
    return _join_blocks(parser.blocks)


def plain(text: str) -> str:
    """Markdown of one line reduced to plain text (for titles, summaries and meta tags)."""
    return html.unescape(re.sub(r"<[^>]+>", "", inline_html(text))).strip()
