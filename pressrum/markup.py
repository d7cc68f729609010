"""Markdown in, safe HTML and plain text out; plain text into Markdown as text.

Editors write Markdown in YAML; it reaches readers as HTML in pages and feeds. Whatever
Markdown lets through (raw HTML included) is cleaned with an allowlist, so a pasted
``<script>``, an event attribute or a ``javascript:`` link never becomes executable markup.

One rule for text from content: only fields documented as Markdown are Markdown. Their values
are :class:`MarkdownText` (see :func:`markdown_source`), already reduced to what the allowlist
keeps, so the ``.md`` download carries no more than the HTML does. Every other value is text and
is escaped where it enters Markdown (:func:`escape_text`, applied by the Jinja environment to
every value a ``.md.j2`` template prints), so a name is never a link, a list or a paragraph.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


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


def sanitise(fragment: str) -> str:
    """Keep only allowlisted tags, the ``href`` of links, and http(s)/mailto/tel URLs."""
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=ALLOWED_SCHEMES, link_rel=None, strip_comments=True)


@lru_cache(maxsize=256)  # a round's releases share text; bounded so a long archive does not grow a worker
def to_html(text: str) -> str:
    """Markdown → sanitised HTML. Cached: boilerplate and shared paragraphs repeat in every release."""
    blocks_ = _independent_blocks(text)
    trusted = [_trusted_block(b) for b in (blocks_ or (text,))]
    if None not in trusted:
        return "\n".join(trusted)
    if blocks_ is None:
        return sanitise(_convert(text))
    return sanitise("\n".join(_convert_block(b) for b in blocks_))


@lru_cache(maxsize=4096)
def _trusted_block(block: str) -> str | None:
    """A block of plain words (links and headings included) as HTML that needs no sanitising, or None.

    :func:`_plain_paragraph` and :func:`_plain_heading` make only ``<p>``, ``<h…>`` and
    ``<a href="http(s)://…">`` around text without ``<``, ``>`` or ``&``; :func:`sanitise` returns
    such HTML unchanged except for the no-break space, which it writes ``&nbsp;`` (fuzzed
    against nh3). Only the allowlisted headings (``<h2>``–``<h4>``) are taken here.
    """
    html_ = _plain_paragraph(block)
    if html_ is None and block.startswith("##") and not block.startswith("#####"):
        html_ = _plain_heading(block)
    if html_ is None:
        return None
    return html_.replace("\xa0", "&nbsp;") if "\xa0" in html_ else html_


@lru_cache(maxsize=1)
def _markdown_converter():
    """The one Python-Markdown converter, made on first use: most content never needs it."""
    import markdown
    from markdown.extensions.sane_lists import SaneListExtension

    # The extension itself, not its name: a name makes Python-Markdown read every installed
    # package's entry points first (importlib.metadata), longer than a small build's rendering.
    return markdown.Markdown(extensions=[SaneListExtension()], output_format="html")


def to_html_reference(text: str) -> str:
    """What :func:`to_html` gives, the slow way: Python-Markdown on the whole text, then nh3.

    No fast path and no splitting into blocks; the reference the fast paths are tested against
    (``tests/test_fast_paths.py``).
    """
    return sanitise(_python_markdown(text))


def _python_markdown(text: str) -> str:
    """Python-Markdown on one reused converter (building one per call costs more than converting)."""
    converter = _markdown_converter()
    try:
        return converter.reset().convert(text)
    finally:
        converter.reset()


# Characters that can start Markdown syntax inside a line (emphasis, code, links, images, raw HTML,
# entities, escapes, headings) or that Python-Markdown rewrites (tabs, carriage returns, controls).
_SYNTAX_CHAR = re.compile(r"[*_`\[\]!<>&\\#\t\r\x00-\x09\x0b-\x1f\x7f]")


def _has_syntax(text: str) -> bool:
    """A syntax character, or two spaces (a hard line break). Two tests, because a regular
    expression with both (``[…]|  ``) scans about three times slower than the class alone."""
    return "  " in text or _SYNTAX_CHAR.search(text) is not None
_ORDERED_ITEM = re.compile(r"\d+[.)]")


def _plain_paragraph(text: str) -> str | None:
    """The HTML of a block that is only words (the usual paragraph of prose), or None.

    Such a block is one paragraph whatever its lines: no syntax character, and every line starts
    with a letter, a digit (not a numbered item), a dash, a quote mark or a bracket – never with
    a list, heading, quote or rule marker or with white space. Python-Markdown returns it as
    ``<p>`` + text + ``</p>``; checked by fuzzing against it. Simple inline links to web
    addresses (:data:`_PLAIN_LINK`) may stand among the words.
    """
    if not text:
        return None
    words = text
    if "](" in text:  # inline links to plain web addresses, as templates write them: [text](https://…)
        if "  " in text:
            return None
        words = _PLAIN_LINK.sub("a", text)  # the rest of the block must be words around them
    if _has_syntax(words):
        return None
    for line in words.split("\n"):
        if not line or line[-1] == " " or not (line[0].isalnum() or line[0] in "–\"'(«»”’"):
            return None
        if line[0].isdigit() and _ORDERED_ITEM.match(line):
            return None
    if words is not text:
        text = _PLAIN_LINK.sub(_link_html, text)
    return f"<p>{text}</p>"


# A link whose text has no syntax character (nor brackets or parentheses) and whose target is an
# http(s) address of letters, digits and . / : - only: Python-Markdown makes it <a href="…">…</a>
# with nothing to escape (fuzzed against it together with the plain paragraphs around it).
_PLAIN_LINK = re.compile(r"\[([^\[\]()*_`!<>&\\#\x00-\x1f\x7f]+)\]\((https?://[A-Za-z0-9./:-]+)\)")


def _link_html(m: re.Match) -> str:
    return f'<a href="{m.group(2)}">{m.group(1)}</a>'


def _plain_heading(text: str) -> str | None:
    """The HTML of a one-line ``#`` heading of plain words (``## Fakta om bidraget``), or None.

    Python-Markdown gives ``<h2>`` + the words + ``</h2>``, the words stripped of white space
    (so a heading ending in any white space, a no-break space too, is left to it); checked by
    fuzzing against it.
    """
    level = len(text) - len(text.lstrip("#"))
    if not 1 <= level <= 6 or text[level:level + 1] != " ":
        return None
    words = text[level + 1:]
    if not words or "\n" in words or _has_syntax(words) or words[-1].isspace() \
            or not (words[0].isalnum() or words[0] in "–\"'(«»”’"):
        return None
    return f"<h{level}>{words}</h{level}>"


def _convert(text: str) -> str:
    """Markdown → HTML (not yet sanitised): a plain paragraph or heading directly, else Python-Markdown."""
    plain = _plain_paragraph(text)
    if plain is None and text.startswith("#"):
        plain = _plain_heading(text)
    return plain if plain is not None else _python_markdown(text)


@lru_cache(maxsize=4096)
def _convert_block(block: str) -> str:
    """One block, cached: a county's paragraphs and a round's quotes recur in many releases."""
    return _convert(block)


_LIST_LINE = re.compile(r"^([-*+]|\d+[.)])[ \t]", re.MULTILINE)
_LATER_LIST_LINE = re.compile(r"\n([-*+]|\d+[.)])[ \t]")  # the same after the first line; "\n" is found fast


def _has_list_line(part: str) -> bool:
    """``_LIST_LINE.search(part)``: some line of ``part`` is a list item."""
    return _LIST_LINE.match(part) is not None or ("\n" in part and _LATER_LIST_LINE.search(part) is not None)


def _independent_blocks(text: str) -> list[str] | None:
    """``text`` split at blank lines when converting the parts separately gives the same HTML.

    Python-Markdown converts the blocks of a document one after the other and joins them with
    a newline, except where one block continues another: raw HTML, reference links defined
    elsewhere, indented lines (code, list continuations), consecutive blockquotes (merged) and
    a list continued after a blank line (a loose list). Text with any of those is ``None``:
    it is converted whole.
    """
    if "<" in text or "]:" in text or "\t" in text or "\r" in text:
        return None
    parts = text.strip("\n").split("\n\n")
    if len(parts) < 2:
        return None
    was_list = False
    for part in parts:
        if not part.strip() or part[0] in " >\n" or part[-1] == "\n" or "\n " in part or "\n>" in part:
            return None
        starts_list = bool(_LIST_LINE.match(part))
        if starts_list and was_list:
            return None
        was_list = _has_list_line(part)
    return parts


def inline_html(text: str) -> str:
    """Markdown for one line (a headline): sanitised HTML without the surrounding ``<p>``."""
    out = to_html(text)
    return re.sub(r"^<p>(.*)</p>$", r"\1", out, flags=re.DOTALL)


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


# --- Plain text into Markdown -------------------------------------------------------------------

# White space with a line break, a tab or another control character in it: one space. A plain
# value is one line of running text, so a newline in it (a CSV cell, a YAML block) must not end
# a paragraph or start a list item in the release.
_BREAKING_SPACE = re.compile(r"[ \x00-\x1f\x7f-\x9f\u2028\u2029]*[\x00-\x1f\x7f-\x9f\u2028\u2029][ \x00-\x1f\x7f-\x9f\u2028\u2029]*")
# Characters that make Markdown syntax anywhere in a line: escapes, code, emphasis, links and
# images (``!`` is harmless once ``[`` is escaped), raw HTML and autolinks, entities.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<]|&(?=#?\w+;)")
# What makes Markdown syntax only at the start of a line (a value may stand there): a heading, a
# quote, a bullet, a numbered item, or a line that is a rule or a heading's underline.
_LINE_START_SYNTAX = re.compile(r"( {0,3})(?:([#>])|([-+])(?=\s|$)|(\d+)([.)])(?=\s|$)|([-=])(?=[-= ]*$))")
_CODE_INDENT = re.compile(r" {4,}(?=\S)")  # four spaces before a line's text make it code
_CLOSING_HASHES = re.compile(r"#+(?= *$)")  # a heading's closing hashes, which Markdown drops
# A quick test whether :func:`escape_text` has anything to do (most values are plain words).
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]<&\x00-\x1f\x7f-\x9f\u2028\u2029]|^ *[#>+\-=\d]|^ {4}|# *$")


def _inline_escape(m: re.Match) -> str:
    c = m.group()
    if c == "]" and m.string.startswith(":", m.end()):
        # "[\]:" at a line start is still a reference definition to Python-Markdown (its pattern
        # ignores the backslash): an entity has no "]" for that pattern to find.
        return "&#93;"
    return "&lt;" if c == "<" else "&amp;" if c == "&" else "\\" + c


def _start_escape(m: re.Match) -> str:
    indent, mark, bullet, number, delimiter, rule = m.groups()
    if mark or bullet:
        return f"{indent}\\{mark or bullet}"
    if number:
        return f"{indent}{number}\\{delimiter}"
    return indent + ("&#61;" if rule == "=" else "\\-")


@lru_cache(maxsize=8192)  # names, words and figures recur in every release of a round
def escape_text(text: str) -> str:
    """Plain text as Markdown that shows exactly that text: no emphasis, link, image, HTML,
    entity, heading, list or paragraph break can come of it, wherever in a line it stands.

    Runs of white space with a line break or control character become one space; otherwise the
    text is unchanged where it has nothing Markdown would read (so ordinary names, figures and
    URLs are printed as they are).
    """
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    text = _BREAKING_SPACE.sub(" ", text)
    text = _INLINE_SYNTAX.sub(_inline_escape, text)
    if text.startswith("    "):
        text = _CODE_INDENT.sub(" ", text, count=1)
    if "#" in text:
        text = _CLOSING_HASHES.sub(lambda m: "\\#" * len(m.group()), text)
    return _LINE_START_SYNTAX.sub(_start_escape, text, count=1) if _LINE_START_SYNTAX.match(text) else text


# --- Markdown fields: only what the allowlist keeps -------------------------------------------

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


def _allowed_url(url: str) -> bool:
    """A link target the allowlist keeps: relative, or with an allowed scheme. Spaces and control
    characters are dropped first, as URL parsers in browsers do (``java\\tscript:``)."""
    url = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url))
    scheme = re.match(r"([^/?#]*):", url)
    return scheme is None or scheme.group(1).lower() in ALLOWED_SCHEMES


class _AllowlistCheck(HTMLParser):
    """Reads HTML and notes whether anything in it is outside the allowlist."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.allowed = True

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS or any(name not in ALLOWED_ATTRIBUTES.get(tag, ())
                                          or (name == "href" and not _allowed_url(value or ""))
                                          for name, value in attrs):
            self.allowed = False

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag not in ALLOWED_TAGS:
            self.allowed = False

    def handle_comment(self, data):
        self.allowed = False

    def handle_decl(self, decl):
        self.allowed = False

    def handle_pi(self, data):
        self.allowed = False

    def unknown_decl(self, data):
        self.allowed = False


def _allowed_html(fragment: str) -> bool:
    check = _AllowlistCheck()
    check.feed(fragment)
    check.close()
    return check.allowed


class _Node:
    """An element of sanitised HTML, for :func:`html_to_markdown`."""

    __slots__ = ("tag", "href", "children")

    def __init__(self, tag: str, href: str | None = None):
        self.tag, self.href, self.children = tag, href, []


class _TreeBuilder(HTMLParser):
    """Sanitised HTML (the allowlisted tags, well nested) as a tree of :class:`_Node` and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, dict(attrs).get("href") if tag == "a" else None)
        self.stack[-1].children.append(node)
        if tag != "br":
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(_Node(tag))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


_INLINE_TAGS = frozenset({"em", "strong", "a", "br"})
_HEADINGS = {"h2": "## ", "h3": "### ", "h4": "#### "}


def html_to_markdown(fragment: str) -> str:
    """Markdown for HTML made only of the allowlisted tags (what :func:`sanitise` returns): text
    escaped with :func:`escape_text`, so the Markdown gives that HTML's text and structure back."""
    builder = _TreeBuilder()
    builder.feed(fragment)
    builder.close()
    return "\n\n".join(_md_blocks(builder.root.children))


def _md_blocks(children) -> list[str]:
    """The Markdown blocks of a sequence of nodes; loose text and inline elements make paragraphs."""
    out: list[str] = []
    run: list = []

    def paragraph():
        text = _md_inline(run).strip()
        if text:
            out.append(text)
        run.clear()

    for node in children:
        if isinstance(node, str) or node.tag in _INLINE_TAGS:
            run.append(node)
            continue
        paragraph()
        if node.tag in _HEADINGS:
            words = _md_inline(node.children).replace("  \n", " ").strip()
            if words:
                out.append(_HEADINGS[node.tag] + words)
        elif node.tag == "blockquote":
            inner = "\n\n".join(_md_blocks(node.children))
            if inner:
                out.append("\n".join("> " + line if line else ">" for line in inner.split("\n")))
        elif node.tag in ("ul", "ol"):
            items = _md_list(node)
            if items:
                out.append(items)
        else:  # p, li outside a list
            out.extend(_md_blocks(node.children))
    paragraph()
    return out


def _md_list(node: _Node) -> str:
    items = [child for child in node.children if isinstance(child, _Node) and child.tag == "li"]
    lines = []
    for n, item in enumerate(items, start=1):
        marker = f"{n}. " if node.tag == "ol" else "- "
        loose = any(isinstance(child, _Node) and child.tag == "p" for child in item.children)
        body = ("\n\n" if loose else "\n").join(_md_blocks(item.children))
        indented = body.replace("\n", "\n    ")
        lines.append(marker + indented.replace("\n    \n", "\n\n"))
    loose = any("\n\n" in line for line in lines)
    return ("\n\n" if loose else "\n").join(lines)


def _md_inline(nodes) -> str:
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(escape_text(node))
        elif node.tag == "br":
            out.append("  \n")
        elif node.tag in ("em", "strong"):
            inner = _md_inline(node.children)
            core = inner.strip()
            if core:
                mark = "*" if node.tag == "em" else "**"
                lead, trail = inner[:len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
                out.append(f"{lead}{mark}{core}{mark}{trail}")
            else:
                out.append(inner)
        elif node.tag == "a":
            inner = _md_inline(node.children)
            out.append(f"[{inner}]({_link_destination(node.href)})" if node.href and inner.strip() else inner)
        else:
            out.append(_md_inline(node.children))
    return "".join(out)


def _link_destination(url: str) -> str:
    """A URL as a Markdown link target: characters that end or escape the target percent-encoded."""
    return re.sub(r"[\s()<>\\]", lambda m: "%{:02X}".format(ord(m.group())), url)
