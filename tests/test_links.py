"""Every internal href and src in every built page names a built file, and every #fragment an id.

Links are read with lxml from every element and attribute that can point somewhere. Relative
links resolve against the page's folder, /root links against the newsroom's path, and absolute
links under the newsroom's base URL are mapped onto the folder; mailto:, tel: and other sites
are external. The 404 page is also resolved as if served from a deep address, where only
links from the site root still work.
"""
from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

BASES = {"bundled": "https://press.delmos.se/", "multi": "https://press.exempel.se/"}
LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"),
                   ("iframe", "src"), ("form", "action"), ("area", "href"), ("video", "poster"), ("object", "data"))
EXTERNAL_SCHEMES = ("mailto:", "tel:")


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def links_of(site: Path, page: str) -> list[tuple[str, str]]:
    """(element, URL) for every link-like attribute of the page."""
    doc = lxml.html.parse(str(site / page)).getroot()
    out = []
    for tag, attr in LINK_ATTRIBUTES:
        for el in doc.iter(tag):
            if el.get(attr) is not None:
                out.append((tag, el.get(attr)))
    for el in doc.iter("img", "source"):
        for part in (el.get("srcset") or "").split(","):
            if part.strip():
                out.append((el.tag, part.split()[0]))
    return out


def target(base: str, page_dir: str, url: str) -> tuple[str, str] | None:
    """The built path (relative to the site folder) and fragment a URL names, or None if external."""
    if url.startswith(EXTERNAL_SCHEMES):
        return None
    parts = urlsplit(url)
    base_parts = urlsplit(base)
    if parts.scheme or parts.netloc:
        if not url.startswith(base):
            return None  # another site
        path = parts.path[len(base_parts.path):]
    elif parts.path.startswith("/"):
        assert parts.path.startswith(base_parts.path), url
        path = parts.path[len(base_parts.path):]
    elif parts.path == "":
        path = page_dir  # "#fragment" on the page itself (page_dir ends with the file name then)
    else:
        path = posixpath.normpath(posixpath.join(page_dir, parts.path))
        assert not path.startswith(".."), f"{url} leaves the site"
        if parts.path.endswith("/") or parts.path in (".", "./"):
            path = "" if path == "." else path + "/"
    path = unquote(path)
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path, parts.fragment


def ids_of(site: Path, path: str) -> set[str]:
    if not path.endswith(".html"):
        return set()
    return set(lxml.html.parse(str(site / path)).getroot().xpath("//@id"))


@pytest.fixture(scope="module", params=sorted(BASES))
def site(request):
    return request.param, request.getfixturevalue(f"{request.param}_site")


def check_links(site_dir: Path, base: str, page: str, served_dir: str) -> list[str]:
    """Broken links of ``page`` when it is served from ``served_dir``."""
    broken = []
    for tag, url in links_of(site_dir, page):
        here = page if url.startswith("#") else served_dir
        resolved = target(base, here, url)
        if resolved is None:
            continue
        path, fragment = resolved
        if not (site_dir / path).is_file():
            broken.append(f"{page}: <{tag}> {url} → {path} does not exist")
        elif fragment and tag == "a" and fragment not in ids_of(site_dir, path):
            broken.append(f"{page}: <{tag}> {url} → no id '{fragment}' in {path}")
    return broken


def test_every_internal_link_resolves(site):
    name, site_dir = site
    base = BASES[name]
    checked = 0
    broken = []
    for page in pages(site_dir):
        broken += check_links(site_dir, base, page, posixpath.dirname(page))
        checked += len(links_of(site_dir, page))
    assert broken == []
    assert checked >= 15 * len(pages(site_dir))  # head, header, footer and body links were all seen


def test_the_404_page_works_from_any_address(site):
    """A server shows 404.html at the address that was not found: its links must not be relative."""
    name, site_dir = site
    for served_dir in ("", "finns/inte/alls"):
        assert check_links(site_dir, BASES[name], "404.html", served_dir) == []
    for _, url in links_of(site_dir, "404.html"):
        assert url.startswith(("/", "https://", "#", "mailto:")), url


@pytest.mark.parametrize("page_dir, url, expected", [
    ("2021/beslut", "../../style.css", ("style.css", "")),
    ("2021/beslut", "skane/", ("2021/beslut/skane/index.html", "")),
    ("2021/beslut", "index.md", ("2021/beslut/index.md", "")),
    ("lan/skane", "../../#lan", ("index.html", "lan")),
    ("", "./", ("index.html", "")),
    ("", "/style.css", ("style.css", "")),
    ("x", "https://press.delmos.se/2021/", ("2021/index.html", "")),
    ("x", "https://www.delmos.se", None),
    ("x", "mailto:info@delmos.se", None),
    ("x", "tel:+46101407710", None),
])
def test_link_resolution_rules(page_dir, url, expected):
    """The resolver above is itself right, or the test could pass with every link broken."""
    assert target("https://press.delmos.se/", page_dir, url) == expected


def test_a_broken_link_is_reported(tmp_path):
    """The check fails on a missing file and on a missing fragment."""
    (tmp_path / "index.html").write_text('<a href="saknas/">x</a> <a href="#ingen">y</a> <a href="#finns">z</a>'
                                         '<p id="finns"></p>', encoding="utf-8")
    assert check_links(tmp_path, "https://press.delmos.se/", "index.html", "") == [
        "index.html: <a> saknas/ → saknas/index.html does not exist",
        "index.html: <a> #ingen → no id 'ingen' in index.html",
    ]
