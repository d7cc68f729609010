"""Markdown → sanitised HTML: the allowlist (``sanitise``, and the check whether HTML keeps to
it), ``to_html`` with its fast paths for plain paragraphs, headings and links, and the reference
conversion by Python-Markdown they are tested against.
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
    """A block of plain words (links, headings and lists included) as HTML that needs no sanitising, or None.

    :func:`_plain_paragraph`, :func:`_plain_heading` and :func:`_plain_list` make only ``<p>``,
    ``<h…>``, ``<ul>``, ``<li>`` and ``<a href="http(s)://…">`` around text without ``<``, ``>`` or ``&``; :func:`sanitise` returns
    such HTML unchanged except for the no-break space, which it writes ``&nbsp;`` (fuzzed
    against nh3). Only the allowlisted headings (``<h2>``–``<h4>``) are taken here.
    """
    html_ = _plain_paragraph(block)
    if html_ is None and block.startswith("##") and not block.startswith("#####"):
        html_ = _plain_heading(block)
    if html_ is None and block.startswith("- "):
        html_ = _plain_list(block)
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


def _plain_list(text: str) -> str | None:
    """The HTML of a bulleted list of one-line items of plain words, or None: every line
    ``- `` and what :func:`_plain_paragraph` takes as a line (``- [Titel](https://…)``, the
    national release's list of local releases, which took Python-Markdown 5 ms each).
    Python-Markdown gives ``<ul>``, each item's words in ``<li>`` on its own line, and
    ``</ul>``; checked by fuzzing against it."""
    items = []
    for line in text.split("\n"):
        item = _plain_paragraph(line[2:]) if line.startswith("- ") else None
        if item is None:
            return None
        items.append(f"<li>{item[3:-4]}</li>")  # the words, without _plain_paragraph's <p>
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


def _convert(text: str) -> str:
    """Markdown → HTML (not yet sanitised): a plain paragraph, heading or list directly, else
    Python-Markdown."""
    plain = _plain_paragraph(text)
    if plain is None and text.startswith("#"):
        plain = _plain_heading(text)
    if plain is None and text.startswith("- "):
        plain = _plain_list(text)
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
