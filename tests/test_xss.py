"""Safe HTML: payloads typed into any YAML field never become executable markup.

Each payload is written, with a marker word, into every kind of field that reaches pages and
feeds: Markdown paragraphs (national and local), the organisation's "Om" text, quotes (text,
name, title), a correction, a recipient's name and description, press contact fields, the
newsroom's title and description and the organisation's names. The site is built and the
output *parsed*: HTML pages with lxml's HTML parser, feeds as XML with the HTML inside every
entry parsed again. No script/iframe/object/embed/style/svg… element, no ``on*`` attribute,
no URL with a scheme other than http, https, mailto or tel may appear – and the marker proves
the field did reach the output, so the test cannot pass by dropping the field.
"""
from __future__ import annotations

import json
import re
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.etree
import lxml.html
import pytest
import yaml

from conftest import CONTENT, TEMPLATES
from pressrum.pipeline import Options, render_site

PAYLOADS = (
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">klicka</a>',
    "[klicka](javascript:alert(1))",
    "[klicka](JaVaScRiPt:alert(1))",
    "[klicka](&#106;avascript:alert(1))",
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">hex</a>',
    '<a href="java&#x09;script:alert(1)">tab</a>',
    '<a href=" &#14; javascript:alert(1)">kontroll</a>',
    '<a href="javascript&colon;alert(1)">kolon</a>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">stil</p>',
    '<div onmouseover="alert(1)">hovra</div>',
    "<details open ontoggle=alert(1)>",
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(2)">x</button></form>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<script>alert(1)</script>-->",
    '"><script>alert(1)</script>',
    "</script><script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<<script>script>alert(1)<</script>/script>",
    "![bild](javascript:alert(1))",
    "<div>\n\n<script>alert(1)</script>\n\n</div>",
    "]]><script>alert(1)</script><![CDATA[",
    "<!--<script>",
)

BAD_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "svg", "math", "form",
                "base", "img", "button", "input", "textarea", "details", "video", "audio", "source", "template"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "srcset", "xlink:href",
                  "codebase", "cite", "longdesc", "dynsrc", "lowsrc"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


def inject(value: str, payload: str, mark: str) -> str:
    return f"{value} {mark} {payload} slut"


def write_hostile_content(dest: Path, payload: str, mark: str) -> None:
    """The bundled content with the payload (and a marker) in every field that reaches the output."""
    shutil.copytree(CONTENT, dest)
    site_file, round_file, county_file = (dest / "site.yaml", dest / "rounds/2021/round.yaml",
                                          dest / "rounds/2021/lan/skane.yaml")
    site = yaml.safe_load(site_file.read_text(encoding="utf-8"))
    org, newsroom, contact = site["organisation"], site["nyhetsrum"], site["presskontakter"][0]
    org["om"] = org["om"] + "\n\n" + inject("Om", payload, mark)
    org["namn"] = inject(org["namn"], payload, mark)
    newsroom["titel"] = inject(newsroom["titel"], payload, mark)
    newsroom["beskrivning"] = inject(newsroom["beskrivning"], payload, mark)
    contact["namn"] = inject(contact["namn"], payload, mark)
    contact["titel"] = inject("presschef", payload, mark)
    contact["organisation"] = inject("Delmos", payload, mark)

    rnd = yaml.safe_load(round_file.read_text(encoding="utf-8"))
    ann = rnd["tillfällen"]["beslut"]
    ann["citat"][0]["text"] = inject(ann["citat"][0]["text"], payload, mark)
    ann["citat"][1]["namn"] = inject("Anna Andersson", payload, mark)
    ann["citat"][1]["titel"] = inject("utredare", payload, mark)
    ann["stycken"]["nytt"] = inject(ann["stycken"]["nytt"], payload, mark)
    ann["rättelser"] = [{"tid": "2021-05-18 09:30", "text": inject("Rättelse", payload, mark)}]

    county = yaml.safe_load(county_file.read_text(encoding="utf-8"))
    county["mottagare"][0]["namn"] = inject(county["mottagare"][0]["namn"], payload, mark)
    # The bundled county file has no description and no quote of its own (only Delmos' words): add both.
    county["mottagare"][0]["beskrivning"] = inject("Organisationen arbetar i Landskrona.", payload, mark)
    county["citat"] = [{"efter": "ingress", "namn": "Lena Ek", "titel": "samordnare",
                        "text": inject("Arbetet i länet fortsätter.", payload, mark)}]
    county["stycken"]["malmo"] = inject(county["stycken"]["malmo"], payload, mark)
    for path, data in ((site_file, site), (round_file, rnd), (county_file, county)):
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _scheme(url: str) -> str | None:
    """The scheme a browser would see: control characters and spaces are ignored by URL parsers."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url).lower()
    m = re.match(r"([a-z][a-z0-9+.\-]*):", cleaned)
    return m.group(1) if m else None


# The county graphic is HTML (templates/site/_county_*.html.j2) but for each bar of its chart:
# an SVG of one rectangle, no text, no link.


def _county_graphic(svg) -> bool:
    """A bar of the county graphic's chart: an SVG holding exactly one ``<rect>`` and nothing
    else (its attributes are checked like every other element's)."""
    children = list(svg.iterdescendants())
    return svg.get("class") == "bar" and len(children) == 1 and isinstance(children[0].tag, str) \
        and children[0].tag.lower() == "rect" and not (children[0].text or "").strip() and not svg.text


def executable_markup(root, where: str, page: bool) -> list[str]:
    """Every executable thing under an lxml element tree, described."""
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue  # comments and processing instructions are inert
        tag = el.tag.lower()
        if tag in BAD_ELEMENTS:
            jsonld = page and tag == "script" and el.get("type") == "application/ld+json"
            graphic = page and tag == "svg" and _county_graphic(el)
            if graphic:
                pass  # shapes and text only; its attributes are checked below like any other's
            elif not jsonld:
                found.append(f"{where}: <{tag}>")
            else:
                try:
                    json.loads(el.text or "")
                except ValueError:
                    found.append(f"{where}: JSON-LD that is not JSON (broken out of its element?)")
        if tag == "meta" and (el.get("http-equiv") or not page):
            found.append(f"{where}: <meta {dict(el.attrib)}>")
        if tag == "link" and (not page or el.get("rel") not in ("canonical", "stylesheet", "alternate")):
            found.append(f"{where}: <link {dict(el.attrib)}>")
        for name, value in el.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                found.append(f"{where}: <{tag} {name}=…>")
            if name == "style":
                found.append(f"{where}: <{tag} style=…>")
            if name in URL_ATTRIBUTES or (tag == "meta" and name == "content" and "url=" in value.lower()):
                scheme = _scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    found.append(f"{where}: <{tag} {name}={value!r}>")
    return found


def check_page(path: str, data: bytes) -> list[str]:
    doc = lxml.html.document_fromstring(data, parser=lxml.html.HTMLParser(encoding="utf-8"))
    found = executable_markup(doc, path, page=True)
    # Inside a script element an HTML5 tokenizer treats "<!--" and "<script" specially (the element
    # may then swallow the rest of the page); libxml2 does not, so check the raw JSON-LD text too.
    for raw in re.findall(rb'<script type="application/ld\+json">(.*?)</script>', data, flags=re.S | re.I):
        if re.search(rb"<!--|<script|</", raw, flags=re.I):
            found.append(f"{path}: JSON-LD with '<!--', '<script' or '</' inside")
    return found


def check_fragment(where: str, text: str | None) -> list[str]:
    if not text or not text.strip():
        return []
    frag = lxml.html.fragment_fromstring(text, create_parent="div")
    return executable_markup(frag, where, page=False)


ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}"


def check_feed(path: str, data: bytes) -> list[str]:
    """The feed parses as XML; every text a reader renders as HTML is parsed and checked as HTML.

    That is Atom text constructs of type html (or xhtml) and, in RSS, ``description`` and
    ``content:encoded`` (readers render both as HTML). Atom ``type="text"`` is plain text by
    RFC 4287 and RSS titles are plain text; both are checked to be well-formed XML text only.
    """
    root = lxml.etree.fromstring(data, parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True))
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        local = el.tag.rsplit("}", 1)[-1]
        if local in BAD_ELEMENTS or el.tag.startswith("{http://www.w3.org/1999/xhtml}"):
            found.append(f"{path}: element <{el.tag}> in the feed")
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{path} <{local} {name}=…>")
            if name in ("href", "uri", "src") and _scheme(value) not in (None, "http", "https"):
                found.append(f"{path} <{local} {name}={value!r}>")
        if el.tag.startswith(ATOM):
            if el.get("type") in ("html", "xhtml"):
                found += check_fragment(f"{path} <{local}>", el.text)
        elif el.tag in ("description", CONTENT_NS + "encoded"):
            found += check_fragment(f"{path} <{local}>", el.text)
    return found


def build_hostile(tmp_path: Path, payload: str, mark: str) -> dict[str, bytes]:
    content = tmp_path / "content"
    write_hostile_content(content, payload, mark)
    options = Options(content, TEMPLATES, tmp_path / "out", datetime(2026, 1, 1, tzinfo=ZoneInfo("Europe/Stockholm")))
    files, _, _ = render_site(options)
    return files


def test_there_are_at_least_20_payloads():
    assert len(set(PAYLOADS)) == len(PAYLOADS) >= 20


@pytest.mark.parametrize("i", range(len(PAYLOADS)), ids=[f"{i:02d}" for i in range(len(PAYLOADS))])
def test_payload_produces_no_executable_markup(tmp_path, i):
    payload, mark = PAYLOADS[i], f"XSSMARK{i:02d}"
    files = build_hostile(tmp_path, payload, mark)
    pages = {p: d for p, d in files.items() if p.endswith(".html")}
    feeds = {p: d for p, d in files.items() if p.endswith(("rss.xml", "atom.xml"))}
    # The fields reached the output: the marker is in the releases, every page and every feed.
    for path in ("2021/beslut/index.html", "2021/beslut/skane/index.html", "index.html", "rss.xml", "atom.xml",
                 "lan/skane/rss.xml", "lan/skane/atom.xml"):
        assert mark.encode() in files[path], path
    assert len(pages) >= 7 and len(feeds) == 4
    found = []
    for path, data in sorted(pages.items()):
        found += check_page(path, data)
    for path, data in sorted(feeds.items()):
        found += check_feed(path, data)
    lxml.etree.fromstring(files["sitemap.xml"])
    assert found == []


@pytest.mark.parametrize("markup, problem", [
    ('<p><script>alert(1)</script></p>', "<script>"),
    ('<p><a href="java\tscript:alert(1)">x</a></p>', "script:alert"),
    ('<p><img src=x onerror="alert(1)"></p>', "onerror"),
    ('<p><a href="data:text/html,hej">x</a></p>', "data"),
    ('<p style="color:red">x</p>', "style"),
    ('<svg><circle/></svg>', "<svg>"),
    ('<svg class="tile-map"><rect/></svg>', "<svg>"),  # the map is HTML now: no SVG of that class
    ('<svg class="bar"><rect/><circle/></svg>', "<svg>"),
    ('<svg class="bar"><rect/><rect/></svg>', "<svg>"),
    ('<svg class="bar"><text>x</text></svg>', "<svg>"),
    ('<svg class="bar"><rect onclick="alert(1)"/></svg>', "onclick"),
    ('<svg class="bar" onload="alert(1)"><rect/></svg>', "onload"),
    ('<svg class="bar"><a href="javascript:alert(1)"><rect/></a></svg>', "<svg>"),
])
def test_the_checker_itself_finds_executable_markup(markup, problem):
    """Guard against a checker that cannot fail."""
    page = f"<!DOCTYPE html><html><head><title>t</title></head><body>{markup}</body></html>".encode()
    for found in (check_page("x.html", page), check_fragment("frag", markup)):
        assert found and any(problem in f for f in found), found


def test_every_html_and_xml_template_autoescapes():
    from pressrum.render import make_environment

    env = make_environment(TEMPLATES)
    names = [p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.j2")]
    marked = [n for n in names if n.endswith((".html.j2", ".xml.j2"))]
    assert len(marked) >= 8
    for name in marked:
        assert env.autoescape(name) is True, name
        assert "autoescape false" not in (TEMPLATES / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize("name, rendered", [
    # Markdown templates escape text for Markdown (pressrum.markup_escape.escape_text); text files print it.
    ("t.html.j2", "&lt;script&gt;"), ("t.xml.j2", "&lt;script&gt;"), ("t.md.j2", "&lt;script>"), ("t.txt.j2", "<script>"),
])
def test_html_and_xml_templates_escape_values_by_extension(tmp_path, name, rendered):
    from pressrum.render import make_environment

    (tmp_path / name).write_text("{{ x }}", encoding="utf-8")
    assert make_environment(tmp_path).get_template(name).render(x="<script>") == rendered


_SAFE = re.compile(r"\{\{-?\s*(.+?)\s*\|\s*safe\s*-?\}\}")


@pytest.mark.parametrize("name", sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html.j2")))
def test_only_sanitised_html_is_marked_safe(name):
    """``| safe`` only on values that Python sanitised: ``…_html`` fields, ``markdown(…)`` and the
    JSON-LD (escaped in site.py) – never on a raw content value."""
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    for expr in _SAFE.findall(text):
        assert re.fullmatch(r"[\w.]*(_html|\.html)|markdown\([\w.]+\)|jsonld", expr), f"{name}: {{{{ {expr} | safe }}}}"
