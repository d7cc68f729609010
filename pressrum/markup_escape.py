"""Into Markdown: plain text as Markdown that shows exactly that text (``escape_text``), and
sanitised HTML back as Markdown (``html_to_markdown``, for a Markdown field that needed cleaning).
"""
from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser



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
