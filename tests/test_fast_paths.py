"""Every fast path gives exactly what its reference gives (review §4 P5, issue 12).

| fast path                                   | reference                                     |
|---------------------------------------------|-----------------------------------------------|
| ``yaml_events.load_events`` (libyaml events) | ``sources.load_yaml_reference`` (PyYAML's pure-Python composer + ``_convert``) |
| ``yaml_events.fast_compose`` (libyaml nodes) | ``yaml.compose`` with the pure-Python ``SafeLoader`` |
| ``sources.load_yaml`` as a whole             | ``sources.load_yaml_reference``               |
| ``markup_html._plain_paragraph``/``_plain_heading``/``_plain_list`` | Python-Markdown (``markup_html._python_markdown``) |
| ``markup_html._trusted_block``                   | Python-Markdown + nh3 (``sanitise``)          |
| ``markup_html._independent_blocks``              | Python-Markdown on the whole text             |
| ``markup_html.to_html`` as a whole                | ``markup_html.to_html_reference``                  |
| ``markup_text._fast_text`` / ``to_text``          | ``markup_text.to_text_reference`` (HTMLParser)     |
| ``errors.display_path``                      | ``errors.display_path_reference`` (pathlib)   |

(``site.relative`` and ``site_parts.pretty_json`` are compared in ``tests/test_site.py``; Jinja's fast
paths and the list items rendered once in ``tests/test_render_fast_paths.py``.)

Each pair has a hypothesis test (``slow``) and a deterministic test over a fixed corpus: the
bundled content, the fixtures, the broken-content cases, a generated ~200-release newsroom
(bench/bench.py), line-by-line mutations of those files, and every text ``to_html`` and
``to_text`` are given while those newsrooms are built.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from broken.cases import CASES
from conftest import CONTENT, FIXTURES, GOLDEN, NOW, ROOT, TEMPLATES, bench_module
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressrum import cli, errors, markup_html, markup_text, sources, yaml_events

SLOW = settings(max_examples=600, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- inputs ------------------------------------------------------------------------------------------

WORDS = ["och", "för", "till", "Skåne", "län", "Malmö", "Göteborg", "Delmos", "bidrag", "är", "ö", "år",
         "ansökningar", "kommuner", "ideella", "ny", "tre", "fyra", "on", "yes", "no", "Ja", "12", "1\u00a0500",
         "kl.\u00a010.00", "2021", "2021-05-17", "0114", "3,5", "50\u00a0%", "–", "«citat»", "”så”", "’t", "(se",
         "nedan)", "e-post:", "info@delmos.se", "https://www.delmos.se", "a.b", "x:y", "Å", "Ä", "Ö", "ÅÄÖ"]
SYNTAX = list("*_`[]()#>-+<&\"'!\\:|{}%@,?=~\t") + ["1.", "2)", "  ", "\u00a0", "&amp;", "&nbsp;", "&#x41;",
                                                      "<br>", "**", "__", "\n", "\r", "\x0b", "\x7f"]
LINK_TARGETS = ["https://www.delmos.se", "https://press.delmos.se/2021/beslut/", "http://a.se/b-c:8080/d",
                "https://x.se/?q=1&r=2", "https://x.se/a_b", "mailto:info@delmos.se", "javascript:alert(1)",
                "/relativ/", "https://x.se/(a)", "tel:+4610140", ""]
HTML_SNIPPETS = ["<b>fet</b>", "<script>alert(1)</script>", '<a href="javascript:x()">x</a>', "<br>",
                 "<!-- kommentar -->", "<p>stycke</p>", "<div>\nblock\n</div>", '<img src=x onerror="y">',
                 "&lt;", "&amp;", "&nbsp;", "&copy;", "<em>kursiv</em>", "</p>", "<", ">", "a < b"]


@st.composite
def _word(draw, syntax: float):
    """A word: mostly Swedish prose, sometimes a syntax character or a link."""
    roll = draw(st.floats(0, 1))
    if roll < syntax:
        return draw(st.sampled_from(SYNTAX)) + draw(st.sampled_from(WORDS + [""]))
    if roll < syntax + 0.08:
        text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)))
        if draw(st.booleans()):
            text = draw(st.sampled_from(["*", "_", "`", "[", "(", "<"])) + text
        return f"[{text}]({draw(st.sampled_from(LINK_TARGETS))})"
    if roll < syntax + 0.1:
        return draw(st.text(min_size=1, max_size=4))  # anything at all, unicode included
    return draw(st.sampled_from(WORDS))


def _line(syntax: float):
    return st.lists(_word(syntax), min_size=1, max_size=10).map(" ".join)


@st.composite
def markdown_blocks(draw):
    """One block: a paragraph of prose (most often), a heading, a list, a quote, HTML, code."""
    syntax = draw(st.sampled_from([0.0, 0.0, 0.02, 0.1, 0.3]))
    kind = draw(st.sampled_from(["paragraph"] * 4 + ["heading"] * 2 + ["list", "quote", "html", "code"]))
    if kind == "paragraph":
        lines = draw(st.lists(_line(syntax), min_size=1, max_size=4))
        block = "\n".join(lines) if draw(st.booleans()) else " ".join(lines)
    elif kind == "heading":
        block = "#" * draw(st.integers(1, 7)) + draw(st.sampled_from([" ", " ", "  ", "", "\u00a0"])) \
            + draw(_line(syntax)) + draw(st.sampled_from(["", "", "", " ", "\u00a0", " #", " ##", "\n"]))
    elif kind == "list":
        marker = draw(st.sampled_from(["- ", "* ", "+ ", "1. ", "2) ", "-\t"]))
        block = "\n".join(marker + line for line in draw(st.lists(_line(syntax), min_size=1, max_size=4)))
    elif kind == "quote":
        block = "\n".join("> " + line for line in draw(st.lists(_line(syntax), min_size=1, max_size=3)))
    elif kind == "html":
        block = draw(st.sampled_from(HTML_SNIPPETS)) + draw(st.sampled_from(["", " ", "\n"])) + draw(_line(syntax))
    else:
        block = "    " + draw(_line(syntax))
    if draw(st.integers(0, 9)) == 0:  # a hard line break, trailing or leading white space
        block = draw(st.sampled_from(["", " ", "\n", "  "])) + block.replace(" ", "  \n", 1) \
            + draw(st.sampled_from(["", " ", "\n", "  ", "\u00a0"]))
    return block


@st.composite
def markdown_documents(draw):
    """Blocks as release templates and editors join them: blank lines, sometimes only a newline."""
    blocks = draw(st.lists(markdown_blocks(), min_size=1, max_size=6))
    out = blocks[0]
    for block in blocks[1:]:
        out += draw(st.sampled_from(["\n\n"] * 6 + ["\n", "\n\n\n", "\n \n"])) + block
    return out + draw(st.sampled_from(["", "", "\n"]))


_OPEN = ["<p>", "<h2>", "<h3>", "<h4>", "<li>", "<ul>", "<ol>", "<blockquote>", "<em>", "<strong>", "<br>",
         '<a href="https://www.delmos.se">', '<a href="mailto:a@b.se">', '<a href="tel:+4610">',
         '<a href="https://x.se/?a=1&amp;b=2">', '<a href="">', "<a>", "<P>", '<a href="x" title="y">',
         "<h1>", "<br/>", "<span>"]
_CLOSE = ["</p>", "</h2>", "</h3>", "</h4>", "</li>", "</ul>", "</ol>", "</blockquote>", "</em>", "</strong>",
          "</a>", "</br>", "</h1>", "</span>"]
_TEXT = WORDS + [" ", "  ", "\n", "\n  ", " \n", "\t", "\r\n", "\f", "\v", "\u00a0", "&amp;", "&lt;", "&gt;",
                 "&quot;", "&#39;", "&nbsp;", "&#x2013;", "&copy", "&amp", "&", "<", ">", "\"", "'"]


@st.composite
def html_fragments(draw):
    """Tag soup near the sanitised subset: allowlisted tags, links, entities, white space."""
    parts = draw(st.lists(st.one_of(st.sampled_from(_OPEN), st.sampled_from(_CLOSE), st.sampled_from(_TEXT),
                                    st.text(max_size=3)), max_size=30))
    return "".join(parts)


_KEYS = ["namn", "titel", "år", "län", "beviljade", "kommuner", "ideella", "citat", "text", "a", "b", "y", "on",
         "1", "0114", "nyckel med mellanslag", "Östergötland", "ä-ö", "\"citerad\"", "'enkel'", "? x", "- y"]
_SCALARS = ["Skåne län", "ja", "nej", "NO", "yes", "on", "off", "y", "n", "Y", "~", "null", "", "0114", "12",
            "2.50", "1_000", "0x1F", "1e3", ".inf", "2021-05-17", "2021-05-17 10:00", "10:30", "true", "False",
            "'NO'", '"ja"', '"rad\\nrad"', "'it''s'", '"\\q"', '"\\u00e5"', "Malmö stad", "a: b", "- x", "# nej",
            "x # kommentar", "[1, 2]", "{a: 1}", "[]", "{}", "&a 1", "*a", "!!str 12", "!!int 3", "! 12",
            "!foo bar", "'oavslutad", '"oavslutad', "@x", "`x`", "%x", "1 500", "50\u00a0%", "– tankstreck",
            "https://www.delmos.se", "text\twith tab", "ö: ä"]


def _scalar():
    return st.one_of(st.sampled_from(_SCALARS), st.text(max_size=6))


@st.composite
def _yaml_lines(draw, indent: int, depth: int) -> list[str]:
    """A block mapping or sequence at ``indent``, as lines."""
    lines: list[str] = []
    pad = " " * indent
    is_list = depth > 0 and draw(st.integers(0, 3)) == 0
    for _ in range(draw(st.integers(1, 5))):
        head = pad + ("- " if is_list else draw(st.sampled_from(_KEYS)) + ":")
        kind = draw(st.sampled_from(["scalar"] * 5 + ["nested"] * (2 if depth < 3 else 0) + ["block", "comment"]))
        if kind == "scalar":
            lines.append(head + ("" if head.endswith(" ") else " ") + draw(_scalar()))
        elif kind == "nested":
            if is_list:
                lines.append(head + draw(st.sampled_from(_KEYS)) + ":")
                lines += draw(_yaml_lines(indent + 4, depth + 1))
            else:
                lines.append(head)
                lines += draw(_yaml_lines(indent + draw(st.sampled_from([2, 2, 4, 0])), depth + 1))
        elif kind == "block":
            lines.append(head + ("" if head.endswith(" ") else " ") + draw(st.sampled_from([">", "|", ">-", "|+", "|2"])))
            for _ in range(draw(st.integers(0, 3))):
                lines.append(pad + "  " + draw(st.sampled_from(["", " ", "  extra"])) + " ".join(
                    draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=5))))
        else:
            lines.append(head + " " + draw(_scalar()) + " # " + draw(st.sampled_from(WORDS)))
            lines.append(pad + "# " + draw(st.sampled_from(WORDS)))
    return lines


@st.composite
def yaml_documents(draw):
    """Content-like YAML: nested mappings and lists, block and quoted scalars, comments, tricky
    plain values; often with an editor's mistake (indentation, a tab, a duplicate line, a stray
    character, a second document)."""
    lines = draw(_yaml_lines(0, 0))
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2, 3]))):
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["indent", "dedent", "tab", "dup", "drop", "char", "doc"]))
        if how == "indent":
            lines[i] = " " + lines[i]
        elif how == "dedent":
            lines[i] = lines[i][1:]
        elif how == "tab":
            lines[i] = "\t" + lines[i]
        elif how == "dup":
            lines.insert(i, lines[i])
        elif how == "drop" and len(lines) > 1:
            del lines[i]
        elif how == "char" and lines[i]:
            j = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:j] + draw(st.sampled_from(list(":-#&*!|>'\"[]{},?%@`\t\x07\u00a0\ufeff"))) + lines[i][j:]
        elif how == "doc":
            lines.insert(i, draw(st.sampled_from(["---", "...", "--- !tag", "%YAML 1.1"])))
    ending = draw(st.sampled_from(["\n", "\n", "", "\r\n", "\n\n# slut\n"]))
    return (draw(st.sampled_from(["", "", "\ufeff", "\ufeff\ufeff", "---\n", "# kommentar\n"])) + "\n".join(lines) + ending)


def line_mutations(text: str, every: int = 1) -> list[str]:
    """The mistakes an editor makes, one at a time, on every ``every``-th line of a file."""
    lines = text.split("\n")
    out = []
    for i in range(0, len(lines), every):
        line = lines[i]
        for changed in (lines[:i] + lines[i + 1:], lines[:i] + [line, line] + lines[i + 1:],
                        lines[:i] + [" " + line] + lines[i + 1:], lines[:i] + [line[1:]] + lines[i + 1:],
                        lines[:i] + ["\t" + line] + lines[i + 1:],
                        lines[:i] + [line.replace(": ", " ", 1)] + lines[i + 1:],
                        lines[:i] + [line.replace(": ", ": &a ", 1)] + lines[i + 1:],
                        lines[:i] + [line + " #"] + lines[i + 1:], lines[:i] + [line + "'"] + lines[i + 1:]):
            out.append("\n".join(changed))
    return out


def broken_case_texts(cases, root: Path) -> list[str | bytes]:
    """The YAML files the broken-content cases edit, as each case leaves them."""
    out: list[str | bytes] = []
    for case in cases.values():
        for edit in case.edits:
            if not edit.path.endswith(".yaml"):
                continue
            if edit.op == "write":
                out.append(edit.new)
            elif edit.op in ("replace", "cut"):
                text = (root / edit.path).read_text(encoding="utf-8")
                if edit.op == "cut" and edit.old in text:
                    text = text[: text.index(edit.old)] + edit.old
                out.append(text.replace(edit.old, edit.new, 1))
    return out


# The loader's own table (tests/test_sources.py) and a few more corners.
SOURCES_TABLE = ["a:\n\tb: 1\n", "a: 1\nb 2\nc: 3\n", 'a: "x\nb: 2\n', "a: 'x\n", "a: b: c\n", "a:\n  b: 1\n c: 2\n",
                 "a: [1, 2\nb: 3\n", "a: {b: 1\n", "a: @x\n", 'a: "x\\q"\n', "a: 1\n---\nb: 2\n", "a: 1\na: 2\n",
                 "a: &x 1\nb: *x\n", "", "# bara en kommentar\n\n", "---\n", "- a\n- b\n", "bara text\n",
                 "a: b\x07c\n", "a: b\n\x00", "a: Malm\xf6\n".encode("latin-1"),
                 "a: " + "[" * 40 + "]" * 40 + "\n", "a: " + "[" * 32 + "]" * 32 + "\n",
                 "a: " + "[" * 31 + "]" * 31 + "\n", "? [a]\n: b\n", "? a\n: b\n", "{a: 1, a: 2}\n",
                 "a: 0114\nb: NO\nc: 'NO'\nd: ja\ne: 2021-05-17\nf:\ng: 2.50\nh: ~\ni: n\nj: on\n",
                 "\ufeffa: 1\r\nb: 2\r\n", "\ufeff\ufeffa: 1\r\nb: 2\r\n", "\ufeff\ufeff- a\n", "a: 1\n...\n", "a: 1\n...\n---\nb: 2\n", "--- !x\na: 1\n", "!!map\na: 1\n",
                 "a: !!str 1\nb: ! 2\nc: !!null x\nd: !t y\n", "a:\n- 1\n-\n- - 2\n", "[a]: 1\n", "a: |\n  x\n b: 1\n",
                 "%YAML 1.1\n---\na: 1\n", "a: 1\n# slut", "&r a: 1\n", "&r\na: 1\n", "a: [*x]\n", "a: 'b'\n'a': c\n",
                 "a: \ud7ff\n", "namn: text\twith tab\n", "a: b\t\n", "a:\tb\n", "- a\tb\n", "a: [x\ty]\n",
                 "a: 'x\ty'\n", "a: >\n  x\ty\n",
                 "n\ufeffamn: Skåne län\n", "a: b\ufeffc\n", "? x: Skåne län", "? x", "a: 1\n? x", "a: 1\nb:", "---", "a: \ufffe\n", "a: \U0001f600\n", "a: \x85\n", "a: \u2028b\n"]

TREE_FOLDERS = ["", "content", "content/rounds", "inner-link", "out"]
TREE_TABLE = ["", ".", "..", "/", "//", "//x", "content", "content/", "content/site.yaml", "./content/site.yaml",
              "content/../content/site.yaml", "content/rounds/../site.yaml", "../content", "saknas.yaml",
              "content/saknas/x.yaml", "file-link", "dir-link/site.yaml", "loop", "loop/x", "dangling",
              "outside-link", "outside-link/x.yaml", "inner-link/site.yaml", "content//site.yaml",
              "content/./rounds/", "out/../../", "x" * 300, "ö/å.yaml", " content", "content/site.yaml/"]


def make_tree(root: Path) -> None:
    """The folder ``tree`` the display_path tests stand in."""
    (root / "content" / "rounds").mkdir(parents=True)
    (root / "out").mkdir()
    (root / "ö").mkdir()
    (root / "content" / "site.yaml").write_text("a: 1\n", encoding="utf-8")
    (root / "ö" / "å.yaml").write_text("a: 1\n", encoding="utf-8")
    (root / "file-link").symlink_to(root / "content" / "site.yaml")
    (root / "dir-link").symlink_to("content")
    (root / "inner-link").symlink_to("content", target_is_directory=True)
    (root / "loop").symlink_to("loop")
    (root / "dangling").symlink_to("nowhere/at/all")
    (root / "outside-link").symlink_to(root.parent)


def tree_paths(root: str):
    """Relative and absolute paths through the tree, with ``.``, ``..``, doubled slashes and links."""
    segment = st.sampled_from(["content", "rounds", "site.yaml", "..", ".", "", "file-link", "dir-link", "loop",
                               "dangling", "outside-link", "inner-link", "saknas", "ö", "å.yaml", "out"])
    relative = st.lists(segment, max_size=5).map("/".join)
    return st.one_of(relative, relative.map(lambda p: root + "/" + p), relative.map(lambda p: "/" + p),
                     relative.map(lambda p: "//" + p), st.sampled_from(TREE_TABLE))


# --- comparing outcomes ---------------------------------------------------------------------------


def _typed(value):
    """A loaded value with the types made visible (PlainText and its yaml11 reading, key order)."""
    if isinstance(value, dict):
        return ("dict", [(k, _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, getattr(value, "yaml11", None), value)


def _outcome(loaded):
    source, problems = loaded
    if source is None:
        return None, problems
    return (source.path, source.shown, _typed(source.data), source.values, source.keys), problems


def _node(node):
    """A node tree as plain values: class, tag, style, value, flow style, and both marks'
    line and column.

    ``fast_compose`` documents where libyaml's nodes differ in spelling only: the plain style
    (``''`` for PyYAML's ``None``) and an indentless sequence's flow style (``False`` for
    ``None``), both written here as PyYAML has them, and a mark's character index, which does
    not count a byte-order mark (not compared; nothing reads it).
    """
    marks = tuple((m.line, m.column) for m in (node.start_mark, node.end_mark))
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.style or None, node.value, marks)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, bool(node.flow_style), [_node(n) for n in node.value], marks)
    return ("map", node.tag, bool(node.flow_style), [(_node(k), _node(v)) for k, v in node.value], marks)


@contextmanager
def _yaml_file(text: str | bytes):
    """``text`` written to ``f.yaml`` in a fresh working folder; yields its path."""
    folder = tempfile.mkdtemp(prefix="fastpaths-")
    here = os.getcwd()
    try:
        os.chdir(folder)
        path = Path(folder, "f.yaml")
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        yield path
    finally:
        os.chdir(here)
        shutil.rmtree(folder)


def check_yaml(text: str | bytes) -> None:
    """The three YAML pairs on one file's text (the fast paths on the text as load_yaml reads it)."""
    with _yaml_file(text) as path:
        reference = _outcome(sources.load_yaml_reference(path))
        assert _outcome(sources.load_yaml(path)) == reference
        try:
            seen = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            return
        loaded = yaml_events.load_events(seen)
        if loaded is not None:
            assert _outcome((sources.Source(path, "f.yaml", *loaded), [])) == reference
        node = yaml_events.fast_compose(seen)
        if node is not None:
            assert _node(node) == _node(yaml.compose(seen, Loader=yaml.SafeLoader))


def check_markdown(text: str) -> None:
    """The Markdown pairs on one text: each fast path where it answers, and to_html as a whole."""
    assert markup_html.to_html(text) == markup_html.to_html_reference(text)
    reference = markup_html._python_markdown(text)
    plain = markup_html._plain_paragraph(text)
    if plain is not None:
        assert plain == reference
    heading = markup_html._plain_heading(text)
    if heading is not None:
        assert heading == reference
    bullets = markup_html._plain_list(text)
    if bullets is not None:
        assert bullets == reference
    trusted = markup_html._trusted_block(text)
    if trusted is not None:
        assert trusted == markup_html.sanitise(reference)
    parts = markup_html._independent_blocks(text)
    if parts is not None:
        assert "\n".join(markup_html._python_markdown(p) for p in parts) == reference


@st.composite
def markdown_lists(draw):
    """Bulleted lists near the plain ones ``_plain_list`` takes: mostly ``- `` and words or
    links, sometimes another marker, a line without one, an indented line or text after."""
    syntax = draw(st.sampled_from([0.0, 0.0, 0.02, 0.1]))
    lines = draw(st.lists(_line(syntax), min_size=1, max_size=5))
    other = draw(st.sampled_from(["-  ", "* ", "- - ", "-", " - ", "- 1. ", "- # ", "- > ", "\t- "]))
    text = "\n".join(draw(st.sampled_from(["- "] * 8 + [other, "", "  "])) + line for line in lines)
    return text + draw(st.sampled_from(["", "", "", "\n", " ", "  ", "\n\nNästa stycke.", "\n\n- Ny lista"]))


# Lists around the edges of the plain ones (the national release's list of local releases first).
LIST_TABLE = ["- a\n- b", "- [Sju aktörer – x](https://press.delmos.se/1990/beslut/stockholm/)\n- Tio",
              "- – tankstreck", "- 12", "- 1.5 mil", "- 2) två", "- Ja: 12 kr", "- a\n  b", "- a\nb",
              "- a\n\n- b", "- «x»", "- (se nedan)", "- a\xa0b", "- x\n- ", "- x\n-", "- a -", "- a \n- b",
              "- a\n* b", "- a\n+ b", "- a\n1. b", "-  a", "- - a", "- * a", "- [a](javascript:x)",
              "- [a](https://x.se/?q=1&r=2)", "- a & b", "- 2021-05-17", "- e-post: info@delmos.se",
              "- https://www.delmos.se", "- a\n- b\n- c", "- a\n---", "- a\n===", "- a\n\n", "- a\n"]


@pytest.mark.parametrize("text", LIST_TABLE)
def test_plain_list_on_a_table(text):
    check_markdown(text)


def test_plain_list_takes_the_list_of_local_releases():
    # What the fast path is for: the national release's round-up, one link per local release.
    text = "- [Sju aktörer i Stockholms län får bidrag](https://press.delmos.se/2021/beslut/stockholm/)\n" \
           "- [Tio aktörer i Uppsala län får bidrag – delad förstaplats](https://press.delmos.se/2021/beslut/uppsala/)"
    assert markup_html._plain_list(text) == markup_html._python_markdown(text)
    assert markup_html._trusted_block(text) is not None


def check_text(fragment: str) -> None:
    """The text pair on one fragment."""
    reference = markup_text.to_text_reference(fragment)
    assert markup_text.to_text(fragment) == reference
    fast = markup_text._fast_text(fragment)
    assert fast is None or fast == reference


# --- hypothesis -------------------------------------------------------------------------------------


# The non-specific tag "!" found by hypothesis: PyYAML's parser reads it as untagged plain whatever
# the style (so ! "123" is an int and an empty ! scalar null); libyaml marks the empty one explicit.
NON_SPECIFIC_TAG = ("namn: !\n", 'namn: ! "123"\n', "namn: ! 123\n", "namn: ! ''\n", "namn: ! abc\n",
                    "namn: ! yes\n", "- !\n- ! 'ja'\n", "namn: !\nannat: 2\n", "! namn: 1\n", "? !\n: 1\n")


@pytest.mark.parametrize("text", NON_SPECIFIC_TAG)
def test_yaml_fast_paths_on_the_non_specific_tag(text):
    check_yaml(text)


@pytest.mark.slow
@SLOW
@given(yaml_documents())
def test_yaml_fast_paths_equal_the_pure_python_composer(text):
    check_yaml(text)


@pytest.mark.slow
@SLOW
@given(markdown_blocks())
def test_plain_markdown_blocks_equal_python_markdown_and_nh3(text):
    check_markdown(text)


@pytest.mark.slow
@SLOW
@given(markdown_documents())
def test_to_html_equals_python_markdown_and_nh3(text):
    check_markdown(text)


@pytest.mark.slow
@SLOW
@given(markdown_lists())
def test_plain_lists_equal_python_markdown_and_nh3(text):
    check_markdown(text)


@pytest.mark.slow
@SLOW
@given(st.one_of(html_fragments(), markdown_documents().map(markup_html.to_html)))
def test_fast_text_equals_html_parser(fragment):
    check_text(fragment)


@pytest.fixture(scope="module")
def tree():
    """A folder with files, folders and symbolic links (to a file, a folder, outside, a loop,
    nothing); removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="fastpaths-tree-")).resolve()
    try:
        make_tree(root)
        yield root
    finally:
        shutil.rmtree(root)


def _shown(path: str, fn):
    try:
        return "ok", fn(Path(path))
    except (OSError, RuntimeError, ValueError) as exc:  # the same exception, whichever route raised it
        return "error", type(exc)


def check_display_path(root: Path, cwd: str, path: str) -> None:
    here = os.getcwd()
    try:
        os.chdir(root / cwd)
        assert _shown(path, errors.display_path) == _shown(path, errors.display_path_reference), (cwd, path)
    finally:
        os.chdir(here)


@pytest.mark.slow
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_display_path_equals_pathlib(tree, data):
    cwd = data.draw(st.sampled_from(TREE_FOLDERS))
    path = data.draw(tree_paths(str(tree)))
    check_display_path(tree, cwd, path)


# --- the fixed corpus (not slow: the edit loop keeps these) -----------------------------------------


@pytest.fixture(scope="module")
def newsrooms(tmp_path_factory) -> list[Path]:
    """Content folders: the bundled example, the fixtures and ~200 generated releases."""
    generated = tmp_path_factory.mktemp("fastpaths-gen") / "content"
    assert bench_module().generate(200, generated) > 190  # whole announcements: 198
    fixtures = [p.parent for p in sorted(FIXTURES.glob("*/site.yaml"))] + \
        [p.parent for p in sorted(FIXTURES.glob("*/content/site.yaml"))]
    return [CONTENT, *fixtures, generated]


@pytest.fixture(scope="module")
def given_to_markup(newsrooms, tmp_path_factory) -> tuple[list[str], list[str]]:
    """Every text markup_html.to_html and markup_text.to_text are given while each newsroom is built
    (one process, no cache, so each call is seen); the builds' results do not matter here."""
    seen_html: dict[str, None] = {}
    seen_text: dict[str, None] = {}
    to_html, to_text = markup_html.to_html, markup_text.to_text

    def recording_html(text):
        seen_html[text] = None
        return to_html(text)

    def recording_text(fragment):
        seen_text[fragment] = None
        return to_text(fragment)

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PRESSRUM_CACHE", "0")
        mp.setenv("PRESSRUM_WORKERS", "1")
        mp.setattr(markup_html, "to_html", recording_html)
        mp.setattr(markup_text, "to_text", recording_text)
        for i, content in enumerate(newsrooms):
            out = tmp_path_factory.mktemp(f"fastpaths-out{i}") / "releases"
            cli.main(["build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out),
                      "--now", NOW])
    assert len(seen_html) > 200 and len(seen_text) > 200, "the builds went through markup"
    return list(seen_html), list(seen_text)


def _yaml_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _yaml_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _yaml_strings(v)


def _yaml_corpus(newsrooms) -> list[str | bytes]:
    files = [p for root in newsrooms for p in sorted(root.rglob("*.yaml"))]
    texts: list[str | bytes] = [p.read_text(encoding="utf-8") for p in files]
    texts += broken_case_texts(CASES, ROOT)
    for path in sorted(CONTENT.rglob("*.yaml")):  # the bundled files, mutated line by line
        texts += line_mutations(path.read_text(encoding="utf-8"), every=3)
    texts += SOURCES_TABLE
    return list(dict.fromkeys(texts))


def test_yaml_fast_paths_on_the_corpus(newsrooms):
    corpus = _yaml_corpus(newsrooms)
    assert len(corpus) > 700
    took_events = sum(yaml_events.load_events(t) is not None for t in corpus if isinstance(t, str))
    assert took_events > 300  # the fast path is exercised, not just declined
    for text in corpus:
        check_yaml(text)


def test_markdown_fast_paths_on_the_corpus(newsrooms, given_to_markup):
    given_html, _ = given_to_markup
    corpus = list(given_html)
    for root in newsrooms:
        for path in sorted(root.rglob("*.yaml")):
            corpus += _yaml_strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    corpus += [(GOLDEN / p).read_text(encoding="utf-8") for p in ("bundled/2021/beslut/index.md",
                                                                  "bundled/2021/beslut/skane/index.md")]
    corpus += [block for text in list(corpus) for block in text.split("\n\n")]
    corpus = list(dict.fromkeys(corpus))
    assert len(corpus) > 1000
    for text in corpus:
        check_markdown(text)


def test_fast_text_on_the_corpus(given_to_markup):
    given_html, given_text = given_to_markup
    corpus = list(given_text) + [markup_html.to_html_reference(t) for t in given_html[:300]]
    corpus += [p.read_text(encoding="utf-8") for p in sorted(GOLDEN.rglob("*.html"))]  # whole pages: fallback
    for fragment in dict.fromkeys(corpus):
        check_text(fragment)


def test_display_path_on_a_table(tree):
    for cwd in TREE_FOLDERS:
        for path in TREE_TABLE + [str(tree / p) for p in TREE_TABLE if p and not p.startswith("/")]:
            check_display_path(tree, cwd, path)
