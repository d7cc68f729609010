"""Names are text: one rule for text from content, in every output.

Only fields documented as Markdown (``Markdown`` in ``pressrum/*_models.py``) are Markdown; every
other value is text and stays text wherever it goes:

* in the release Markdown (and so the ``.md`` download, the HTML and the feeds) a name is never
  a link, an image, HTML, a heading, a list item or a new paragraph (:func:`markup_escape.escape_text`,
  applied to everything a ``.md.j2`` template prints);
* in the recipients' CSV no text cell is a spreadsheet formula (OWASP: a leading apostrophe);
* a Markdown field keeps in the ``.md`` download only what the HTML allowlist keeps
  (:func:`markup.markdown_source`): no raw HTML, no ``javascript:``/``data:`` link, no image;
* a plain Text field is one line (line breaks fold to a space) without control characters, and
  an e-mail address is only ``local@domain`` – each mistake a located Swedish error.

The end-to-end tests build edited copies of the bundled content and of the ``kinds`` fixture
(which has a ``beviljade.csv``) in a subprocess, as an editor would, and read the output as a
journalist's tools would: the ``.md`` through Python-Markdown *without* any sanitiser, the CSV
with the ``csv`` module.
"""
from __future__ import annotations

import csv
import io
import re
import shutil

import lxml.html
import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import CONTENT, FIXTURES, NOW, TEMPLATES, run_cli
from pressrum import cli, markup, markup_escape, markup_html, markup_text
from pressrum.site_parts import spreadsheet_text
from test_xss import PAYLOADS

ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "br"}
TITLE = frozenset({"h1"})  # a .md download's own "# headline" (site/release.md.j2), not content


def raw_markdown(text: str) -> str:
    """Markdown as a journalist's Markdown tool shows it: converted, nothing sanitised."""
    return markdown.markdown(text, extensions=["sane_lists"], output_format="html")


def elements(fragment: str):
    """(tag, attributes) of every element of an HTML fragment, and its text."""
    root = lxml.html.fragment_fromstring(fragment or "<p></p>", create_parent="div")
    return [(el.tag, dict(el.attrib)) for el in root.iter() if isinstance(el.tag, str)][1:], root.text_content()


def folded(text: str) -> str:
    """Text as HTML shows it: control characters and runs of white space as one space."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", text).split())


def allowlisted(fragment: str, also: frozenset = frozenset()) -> list[str]:
    """Everything in HTML that the allowlist (and ``also``) would not keep, described (empty when clean)."""
    found = []
    for tag, attrs in elements(fragment)[0]:
        if tag not in ALLOWED_TAGS | also:
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if tag != "a" or name != "href":
                found.append(f"<{tag} {name}>")
            elif re.match(r"\s*(?!https?:|mailto:|tel:)[a-z][a-z0-9+.-]*:", re.sub(r"[\x00-\x20]", "", value), re.I):
                found.append(f"<a href={value!r}>")
    return found


# --- escape_text: a value shows as exactly its text, wherever a template puts it -------------

HOSTILE_NAMES = (
    "[Klicka här](https://evil.example/)",
    "![spår](https://tracker.example/p.gif)",
    "<script>alert(1)</script>",
    "<https://evil.example/>",
    "<a@evil.example>",
    "**Fet** och _kursiv_ `kod`",
    "# Rubrik",
    "## Rubrik",
    "> Citat",
    "- Falsk punkt",
    "+ Falsk punkt",
    "* Falsk punkt",
    "1. Falskt nummer",
    "2) Falskt nummer",
    "---",
    "===",
    "-- -- --",
    "Förening\n\n- Falsk rad",
    "Förening\n# Rubrik",
    "Rad ett\r\nRad två\tflik",
    "Ett\u2028två",
    "AT&amp;T &lt;b&gt; &#106;",
    "Snedstreck \\*inte fet\\*",
    "[ref]: javascript:alert(1)",
    "    indraget som kod",
    "slut med två mellanslag  ",
    "=HYPERLINK(\"https://evil.example\")",
    "Delegationen mot segregation (Delmos)",
)

CONTEXTS = {  # a template line around the value, and the elements Markdown may make of it
    "alone": ("{}", {"p"}),
    "in a sentence": ("Mottagare: {} får bidrag.", {"p"}),
    "a list item": ("- {}, Malmö: 1 miljon kronor", {"ul", "li"}),
    "a link's text": ("[{}](https://press.delmos.se/2021/)", {"p", "a"}),
    "a heading": ("## {}", {"h2"}),
    "after a paragraph line": ("Beviljade bidrag:\n{}", {"p"}),
}


@pytest.mark.parametrize("context", sorted(CONTEXTS))
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_an_escaped_name_is_exactly_its_text_in_markdown(name, context):
    line, allowed = CONTEXTS[context]
    html = raw_markdown(line.format(markup_escape.escape_text(name)))
    found, text = elements(html)
    assert {tag for tag, _ in found} <= allowed, html
    assert [attrs for tag, attrs in found if tag == "a"] in ([], [{"href": "https://press.delmos.se/2021/"}]), html
    expected = line.replace("## ", "").replace("- ", "", 1 if context == "a list item" else 0)
    expected = re.sub(r"\[\{\}\]\(.*\)", "{}", expected)
    assert folded(text) == folded(expected.format(name)), html


@pytest.mark.parametrize("plain", ["Delegationen mot segregation (Delmos)", "58 aktörer", "250 miljoner kronor",
                                   "https://press.delmos.se/2021/beslut/skane/", "17 maj 2021 kl. 10.00", "  ",
                                   "Skåne", "Ett – tankstreck", "+46 10 140 77 10", "kommun, region", "2021"])
def test_ordinary_text_is_printed_unchanged(plain):
    """Names, figures and URLs without Markdown syntax are left alone (the bundled output stays
    byte-identical)."""
    assert markup_escape.escape_text(plain) == plain


_SYNTAX = "\\`*_[]()<>!&#;:=+-.|~{}\"' \n\t\r\x00\x01aZ1å"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_SYNTAX, max_size=24), st.sampled_from(sorted(CONTEXTS)))
@example("]:", "a link's text")  # found by this test: "[\]:](…)" was read as a reference definition
@example("a]: b", "alone")
def test_no_string_of_markdown_syntax_escapes_its_text(name, context):
    """Property: whatever characters a name has, Markdown shows it as text, in any context."""
    line, allowed = CONTEXTS[context]
    html = raw_markdown(line.format(markup_escape.escape_text(name)))
    found, text = elements(html)
    assert {tag for tag, _ in found} <= allowed, html
    assert all(tag != "a" or attrs == {"href": "https://press.delmos.se/2021/"} for tag, attrs in found), html
    expected = {"alone": "{}", "in a sentence": "Mottagare: {} får bidrag.", "a list item": "{}, Malmö: 1 miljon kronor",
                "a link's text": "{}", "a heading": "{}", "after a paragraph line": "Beviljade bidrag: {}"}[context]
    assert folded(text) == folded(expected.format(name)), (repr(name), html)


# --- markdown_source: a Markdown field keeps only what the allowlist keeps -------------------

MARKDOWN_PAYLOADS = PAYLOADS + (
    "![spårningspixel](https://tracker.example/p.gif)",
    "<img src=https://tracker.example/q.gif>",
    "[ref][r]\n\n[r]: javascript:alert(1)",
    "[r]: data:text/html,hej",
    "<em>rå HTML</em>",
    "<https://www.delmos.se>",
    "[rubrik](https://www.delmos.se \"titel\")",
    "`kod`",
)


@pytest.mark.parametrize("i", range(len(MARKDOWN_PAYLOADS)), ids=[f"{i:02d}" for i in range(len(MARKDOWN_PAYLOADS))])
def test_a_markdown_field_keeps_nothing_the_html_allowlist_strips(i):
    source = f"Före **fet** {MARKDOWN_PAYLOADS[i]} efter [länk](https://www.delmos.se)."
    kept = markup.markdown_source(source)
    assert isinstance(kept, markup.MarkdownText)
    html = raw_markdown(kept)
    assert allowlisted(html) == [], (kept, html)
    assert "<" not in kept.replace("&lt;", ""), f"raw HTML kept: {kept!r}"
    assert "**fet**" in kept, kept  # what the allowlist keeps is kept ...
    # ... and the download says what the page says (some payloads swallow the rest of the text in nh3 too)
    assert folded(elements(markup_html.to_html(kept))[1]) == folded(elements(markup_html.to_html(source))[1])
    assert markup.markdown_source(str(kept)) == kept  # cleaning again changes nothing


def test_a_reference_to_a_refused_address_is_dropped_before_another_field_can_use_it():
    """A definition in one field and its use in another meet only in the release's Markdown."""
    definition, use = markup.markdown_source("[r]: javascript:alert(1)"), markup.markdown_source("Se [här][r].")
    assert "javascript" not in definition
    assert allowlisted(raw_markdown(f"{use}\n\n{definition}")) == []
    assert markup.markdown_source("[r]: https://www.delmos.se") == "[r]: https://www.delmos.se"


@pytest.mark.parametrize("clean", [
    "Vanlig text med **fet** och *kursiv* stil och en [länk](https://www.delmos.se).",
    "Första stycket.\n\nAndra stycket.\n\n- en punkt\n- en till\n\n1. ett\n2. två\n\n> citat\n\n## Rubrik",
    "Text med 5 < 6 och AT&T.",
    "Rad  \nbrytning och [post](mailto:info@delmos.se) och [telefon](tel:+46101407710).",
])
def test_markdown_with_nothing_to_strip_is_kept_as_written(clean):
    assert markup.markdown_source(clean) == clean


_MD_SYNTAX = "<>/\"'=![]()*_`#-:\n jsavcriptdh1&;"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_MD_SYNTAX, max_size=40))
def test_no_markdown_field_keeps_what_the_allowlist_strips(source):
    """Property: for any Markdown, what is kept converts to allowlisted HTML only."""
    kept = markup.markdown_source(source)
    assert allowlisted(raw_markdown(kept)) == [], (source, kept)
    assert markup.markdown_source(str(kept)) == kept, (source, kept)


def test_html_to_markdown_gives_the_sanitised_structure_back():
    html = ("<h2>Rubrik</h2><p>Text med <strong>fet</strong>, <em>kursiv</em> och "
            '<a href="https://www.delmos.se/a(b)">länk</a>.<br>Ny rad</p><ul><li>ett</li><li>två</li></ul>'
            "<ol><li>första</li></ol><blockquote><p>citat</p></blockquote><p>1. inget nummer [inte länk]</p>")
    md = markup_escape.html_to_markdown(html)
    assert markup_html.to_html(md) == ('<h2>Rubrik</h2>\n<p>Text med <strong>fet</strong>, <em>kursiv</em> och '
                                  '<a href="https://www.delmos.se/a%28b%29">länk</a>.<br>\nNy rad</p>\n'
                                  "<ul>\n<li>ett</li>\n<li>två</li>\n</ul>\n<ol>\n<li>första</li>\n</ol>\n"
                                  "<blockquote>\n<p>citat</p>\n</blockquote>\n<p>1. inget nummer [inte länk]</p>")


# --- Template helpers: Markdown they make is Markdown, text in it is escaped -----------------

def test_links_and_lists_of_links_are_markdown_with_escaped_titles():
    from pressrum.render import Link, make_environment

    helpers = make_environment(TEMPLATES).filters  # the helpers as templates call them
    lank, lista = helpers["lank"], helpers["lista"]
    link = Link("2021/beslut/skane", "[Klicka](https://evil.example) i *Skåne*", "https://press.delmos.se/2021/beslut/skane/", None)
    assert lank(link) == r"[\[Klicka\](https://evil.example) i \*Skåne\*](https://press.delmos.se/2021/beslut/skane/)"
    listed = lista([lank(link), "<b>Gotland</b>"])
    assert isinstance(listed, markup.MarkdownText)
    assert listed == lank(link) + " och &lt;b>Gotland&lt;/b>"
    assert lista(["Skåne", "Gotland"]) == "Skåne och Gotland" and not isinstance(lista(["a", "b"]), markup.MarkdownText)


def test_a_markdown_template_escapes_text_and_prints_markdown(tmp_path):
    from pressrum.render import make_environment

    (tmp_path / "t.md.j2").write_text("{{ namn }} | {{ om | trim }} | {{ lank }}", encoding="utf-8")
    (tmp_path / "t.txt.j2").write_text("{{ namn }}", encoding="utf-8")
    env = make_environment(tmp_path)
    about = markup.markdown_source(" Om **oss** ")
    out = env.get_template("t.md.j2").render(namn="[x](javascript:y)\n\n- z", om=about, lank=markup.MarkdownText("[a](https://a.se)"))
    assert out == r"\[x\](javascript:y) - z | Om **oss** | [a](https://a.se)"
    assert env.get_template("t.txt.j2").render(namn="[x](y)") == "[x](y)"


# --- The CSV of recipients: no text cell is a formula -----------------------------------------

@pytest.mark.parametrize("cell, shown", [
    ("=HYPERLINK(\"https://evil.example\";\"Klicka\")", "'=HYPERLINK(\"https://evil.example\";\"Klicka\")"),
    ("+46 10 140 77 10", "'+46 10 140 77 10"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("\uff1d1+1", "'\uff1d1+1"),
    ("Malmö stad", "Malmö stad"),
    ("Föreningen =lika", "Föreningen =lika"),
    ("", ""),
])
def test_spreadsheet_text_neutralises_formulas(cell, shown):
    assert spreadsheet_text(cell) == shown


# --- End to end: hostile names in a recipient list, built as an editor builds ---------------

KINDS = FIXTURES / "kinds" / "content"
HOSTILE_ROWS = {  # a recipient of the fixture's list → the hostile name it gets
    "Hela ideella;": '"[Klicka här](https://evil.example/)";',
    "Studieförbundet Syd;": '"Studieförbundet Syd\n\n- Falsk rad\n\n<script>alert(1)</script>";',
    "Helsingborgs stad;": '"=HYPERLINK(""https://evil.example/"";""Klicka"")";',
}


@pytest.fixture(scope="module")
def hostile_list_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-names")
    shutil.copytree(KINDS, root / "content")
    path = root / "content/rounds/2024/beviljade.csv"
    text = path.read_text(encoding="utf-8")
    for old, new in HOSTILE_ROWS.items():
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    code, out, err = run_cli("build", "--content", str(root / "content"), "--out", str(root / "out"), "--now", NOW)
    assert code == 0, err
    return root / "out"


def test_a_name_in_the_recipient_list_is_never_a_link_or_markup(hostile_list_site):
    files = {p.relative_to(hostile_list_site).as_posix(): p.read_text(encoding="utf-8")
             for p in hostile_list_site.rglob("*") if p.suffix in (".html", ".md", ".xml", ".txt")}
    local = "2024/beslut/skane/index"
    # The names reached the releases (the test cannot pass by dropping them) ...
    assert "[Klicka här](https://evil.example/)" in files[local + ".txt"]
    assert "Studieförbundet Syd - Falsk rad <script>alert(1)</script>, Lund" in files[local + ".txt"]
    # ... and no output links to the address in a name, as a page, a feed or a Markdown tool shows it.
    for path, text in files.items():
        if path.endswith(".txt"):
            continue  # plain text: '<script>' there is the name's text
        shown = raw_markdown(text) if path.endswith(".md") else text
        assert 'href="https://evil.example' not in shown, path
        assert "<script" not in shown.replace('<script type="application/ld+json">', ""), path
    md = raw_markdown(files[local + ".md"])
    assert allowlisted(md, TITLE) == []
    # One list item per recipient in the county; the name's line breaks made no paragraph or item.
    items = [li for tag, li in elements(md)[0] if tag == "li"]
    assert len(items) == len(re.findall(r"^- ", files[local + ".md"], re.M)) == 5
    assert "Falsk rad" not in re.sub(r"Studieförbundet Syd - Falsk rad", "", files[local + ".md"])


def test_the_downloadable_recipient_list_has_no_formula(hostile_list_site):
    text = (hostile_list_site / "2024/beviljade.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    names = [row[0] for row in rows[1:]]
    assert "'=HYPERLINK(\"https://evil.example/\";\"Klicka\")" in names
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "[Klicka här](https://evil.example/)" in names  # text, as it was written


# --- End to end: Markdown fields in the .md download -------------------------------------------

HOSTILE_MARKDOWN = ("Se **detta**: <script>alert(1)</script> [klicka](javascript:alert(1)) "
                    "![spårning](https://tracker.example/p.gif) <img src=https://tracker.example/q.gif> "
                    "[ok](https://www.delmos.se) MARKDOWNMARK")


@pytest.fixture(scope="module")
def hostile_markdown_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-markdown")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    edits = {
        "site.yaml": ("    fördelar statsbidrag till kommuner, regioner och ideella organisationer.\n",
                      f"    fördelar statsbidrag till kommuner, regioner och ideella organisationer.\n\n    Om: {HOSTILE_MARKDOWN}\n"),
        "rounds/2021/round.yaml": ("        metoder för att minska och motverka segregation.\n",
                                   f"        metoder för att minska och motverka segregation.\n\n        Nytt: {HOSTILE_MARKDOWN}\n"),
        "rounds/2021/lan/skane.yaml": ("    gemensamma aktiviteter i samverkan med Malmö stad.\n",
                                       f"    gemensamma aktiviteter i samverkan med Malmö stad.\n\n    Malmö: {HOSTILE_MARKDOWN}\n"),
    }
    for name, (old, new) in edits.items():
        path = content / name
        text = path.read_text(encoding="utf-8")
        assert old in text, name
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, out, err = run_cli("build", "--content", str(content), "--out", str(root / "out"), "--now", NOW)
    assert code == 0, err
    return root / "out"


@pytest.mark.parametrize("release", ["2021/beslut", "2021/beslut/skane"])
def test_the_markdown_download_keeps_nothing_the_page_strips(hostile_markdown_site, release):
    md = (hostile_markdown_site / release / "index.md").read_text(encoding="utf-8")
    assert md.count("MARKDOWNMARK") == 2, md  # the "Om" text and the release's own paragraph
    for stripped in ("<script", "javascript:", "tracker.example", "<img", "!["):
        assert stripped not in md, stripped
    assert "Se **detta**:" in md and "[ok](https://www.delmos.se)" in md  # what the allowlist keeps is kept
    assert allowlisted(raw_markdown(md), TITLE) == []
    page = (hostile_markdown_site / release / "index.html").read_text(encoding="utf-8")
    assert page.count("MARKDOWNMARK") == 2 and "tracker.example" not in page


# --- Plain text fields and e-mail addresses: located Swedish errors -------------------------

def check(folder, monkeypatch, capsys) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    code = cli.main(["check", "--now", NOW])
    return code, capsys.readouterr().err


def edited_content(tmp_path, name: str, old: str, new: str):
    shutil.copytree(CONTENT, tmp_path / "content")
    path = tmp_path / "content" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


CONTACT_EMAIL = "    e-post: anneli.tillberg@delmos.se\n"
HINT_OTHER = "skriv bara adressen med bokstäver, siffror och . _ + - ' före @, till exempel namn@myndighet.se"


@pytest.mark.parametrize("value, message", [
    ("anneli.tillberg@delmos.se?bcc=alla@example.com",
     "'anneli.tillberg@delmos.se?bcc=alla@example.com' är ingen giltig e-postadress (den innehåller ?) – "
     "skriv bara adressen, utan ? eller # och det som står efter, till exempel namn@myndighet.se"),
    ("'<a href=\"https://evil.example\">anneli@delmos.se</a>'",
     f"'<a href=\"https://evil.example\">anneli@delmos.se</a>' är ingen giltig e-postadress (den innehåller tecknet <) – {HINT_OTHER}"),
    ("'[anneli](javascript:alert(1))@delmos.se'",
     f"'[anneli](javascript:alert(1))@delmos.se' är ingen giltig e-postadress (den innehåller tecknet [) – {HINT_OTHER}"),
    ("<anneli.tillberg@delmos.se>",
     f"'<anneli.tillberg@delmos.se>' är ingen giltig e-postadress (den innehåller tecknet <) – {HINT_OTHER}"),
    ("mailto:anneli.tillberg@delmos.se",
     "'mailto:anneli.tillberg@delmos.se' är ingen giltig e-postadress (den börjar med mailto:) – "
     "skriv bara adressen, utan mailto:, till exempel namn@myndighet.se"),
    ("anneli tillberg@delmos.se",
     "'anneli tillberg@delmos.se' är ingen giltig e-postadress (den innehåller mellanslag) – "
     "ta bort mellanslagen; skriv adressen som namn@myndighet.se"),
    ("anneli..tillberg@delmos.se",
     "'anneli..tillberg@delmos.se' är ingen giltig e-postadress – skriv adressen som namn@myndighet.se"),
])
def test_an_email_address_is_only_an_address(value, message, tmp_path, monkeypatch, capsys):
    folder = edited_content(tmp_path, "site.yaml", CONTACT_EMAIL, f"    e-post: {value}\n")
    code, err = check(folder, monkeypatch, capsys)
    assert (code, err) == (1, f"content/site.yaml:21:13: {message}\nett fel i en fil\n")


@pytest.mark.parametrize("value", ["anneli.tillberg@delmos.se", "anna.o'brien@delmos.se", "förnamn_efternamn+press@länsstyrelsen.se"])
def test_ordinary_addresses_are_accepted(value, tmp_path, monkeypatch, capsys):
    folder = edited_content(tmp_path, "site.yaml", CONTACT_EMAIL, f"    e-post: \"{value}\"\n")
    assert check(folder, monkeypatch, capsys) == (0, "")


def test_a_control_character_in_a_name_is_a_located_error(tmp_path, monkeypatch, capsys):
    folder = edited_content(tmp_path, "site.yaml", "  - namn: Anneli Tillberg\n", '  - namn: "Anneli\\x1bTillberg"\n')
    code, err = check(folder, monkeypatch, capsys)
    assert (code, err) == (1, "content/site.yaml:20:11: texten innehåller ett osynligt styrtecken (U+001B) – ta bort "
                              "tecknet; det syns inte i textredigeraren och kommer från inklistrad text eller en kod "
                              "som \\x07 inom citattecken\nett fel i en fil\n")


def test_a_line_break_in_a_plain_field_is_a_space_not_a_paragraph(tmp_path):
    """A correction (plain text) written as a YAML block with an empty line: one line in every output."""
    folder = edited_content(tmp_path, "rounds/2021/round.yaml", "    stycken:\n",
                            "    rättelser:\n      - tid: 2021-05-18 09:30\n        text: |\n          Beloppet var fel.\n\n"
                            "          - Nu rättat\n    stycken:\n")
    code, out, err = run_cli("build", "--content", str(folder / "content"), "--out", str(tmp_path / "out"), "--now", NOW)
    assert code == 0, err
    md = (tmp_path / "out/2021/beslut/index.md").read_text(encoding="utf-8")
    assert re.search(r"^\*Uppdaterad .* – rättelse: Beloppet var fel\. - Nu rättat\*$", md, re.M), md
    assert "<li>Nu rättat" not in raw_markdown(md)  # the release's own round-up of local releases is a list
    txt = (tmp_path / "out/2021/beslut/index.txt").read_text(encoding="utf-8")
    assert re.search(r"^Uppdaterad .* – rättelse: Beloppet var fel\. - Nu rättat$", txt, re.M), txt


def test_the_command_reports_every_bad_address_located(tmp_path, golden):
    """In a subprocess, as an editor runs it: both addresses reported at once, exit 1."""
    folder = edited_content(tmp_path, "site.yaml", CONTACT_EMAIL, "    e-post: anneli.tillberg@delmos.se?bcc=alla@example.com\n")
    site = folder / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("  e-post: info@delmos.se\n", "  e-post: <info@delmos.se>\n"),
                    encoding="utf-8")
    code, out, err = run_cli("check", "--now", NOW, cwd=folder)
    assert (code, out) == (1, "")
    golden("plain-text/e-post.txt", err)


@pytest.mark.parametrize("fragment, text", [
    ("<ul><li>Malmö stad: 12 miljoner kronor</li><li>Hela ideella: 900 000 kronor</li></ul>",
     "• Malmö stad: 12 miljoner kronor\n• Hela ideella: 900 000 kronor"),
    ("<p>– Vi är glada, säger Anna.</p><ul><li>ett</li></ul><p>Slut.</p>",
     "– Vi är glada, säger Anna.\n\n• ett\n\nSlut."),
    ("<ol><li>första</li></ol><ul><li>andra</li></ul>", "• första\n• andra"),
    ("<p>Bara text.</p>", "Bara text."),
    # T2: no address in brackets inside brackets
    ('<p>Flest i Skåne (<a href="https://press.delmos.se/2021/beslut/skane/">läs även om Skåne</a>). Åtta.</p>',
     "Flest i Skåne (läs även om Skåne: https://press.delmos.se/2021/beslut/skane/). Åtta."),
    # T9: the address after the sentence it would interrupt
    ('<p><a href="https://press.exempel.se/2024/#mottagare">Se alla som beviljats bidrag 2024</a>, med kommun och belopp.</p>',
     "Se alla som beviljats bidrag 2024, med kommun och belopp: https://press.exempel.se/2024/#mottagare"),
    ('<p>Först. <a href="https://a.se/">Se listan</a>, med belopp.</p>', "Först. Se listan (https://a.se/), med belopp."),
])
def test_text_list_items_have_bullets_not_quote_dashes(fragment, text):
    """T1: a list item in the .txt version never starts with the pratminus of a quote, and items
    follow each other without blank lines; the fast reader and HTMLParser agree."""
    assert markup_text.to_text(fragment) == text
    assert markup_text.to_text_reference(fragment) == text
