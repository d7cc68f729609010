"""The newsroom's pages, read as HTML: what every page has, and what each page type shows.

Most expectations are for the multi-county fixture (tests/fixtures/multi, invented data: two
rounds, seven counties, Gotland with a single recipient, the 2023 county files complete so
ranks are derived); the rules every page must follow are checked on the bundled example too.
"""
from __future__ import annotations

import json
import posixpath
from pathlib import Path

import lxml.html
import pytest

from pressrum.site_parts import SHY, FactBox, ReleaseBody, soft_hyphens, split_fact_box
from test_feeds import LOCAL, MULTI_BASE, NATIONAL, NATIONAL_FEED_ORDER

BASES = {"bundled": "https://press.delmos.se/", "multi": MULTI_BASE}
PUBLISHED = {"2022": "2022-05-16T10:00:00+02:00", "2023": "2023-02-14T09:30:00+01:00"}
MODIFIED = {"2022": "2022-05-16T10:00:00+02:00", "2023": "2023-02-15T08:15:00+01:00"}
RELEASES = tuple(sorted(set(NATIONAL_FEED_ORDER)))
PAGE_TYPES = {  # one page of each type in the multi fixture
    "start": "index.html",
    "national release": "2023/beslut/index.html",
    "local release": "2023/beslut/gotland/index.html",
    "round": "2023/index.html",
    "county": "lan/gotland/index.html",
    "404": "404.html",
    "accessibility statement": "tillganglighet/index.html",
}


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def parse(site: Path, page: str):
    return lxml.html.parse(str(site / page)).getroot()


def text(el) -> str:
    return " ".join(el.text_content().split())


def meta(doc, key: str) -> str | None:
    found = doc.xpath(f'//meta[@name="{key}" or @property="{key}"]/@content')
    assert len(found) <= 1, key
    return found[0] if found else None


def resolve(page: str, href: str) -> str:
    """A relative link from a page, as a folder path like "2023/beslut/" ("" for the start page)."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    return "" if path == "." else path.rstrip("/") + "/"


def page_url(base: str, page: str) -> str:
    return base + (page.removesuffix("index.html") if page.endswith("index.html") else page)


@pytest.fixture(scope="module", params=sorted(BASES))
def any_site(request):
    return BASES[request.param], request.getfixturevalue(f"{request.param}_site")


# ---- every page ------------------------------------------------------------------------------

def test_every_page_type_exists_in_the_fixture(multi_site):
    for kind, page in PAGE_TYPES.items():
        assert (multi_site / page).is_file(), kind
    assert len(pages(multi_site)) == 24  # 11 releases, 2 rounds, 7 counties, start, 404, statement, privacy page


def test_every_page_has_the_head_a_newsroom_needs(any_site):
    base, site = any_site
    for page in pages(site):
        doc = parse(site, page)
        canonical = page_url(base, page)
        assert doc.get("lang") == "sv", page
        assert text(doc.find(".//title")), page
        assert meta(doc, "description"), page
        assert doc.xpath('//link[@rel="canonical"]/@href') == [canonical], page
        assert meta(doc, "og:url") == canonical, page
        assert meta(doc, "og:title") and meta(doc, "og:description") == meta(doc, "description"), page
        assert meta(doc, "og:type") in ("website", "article") and meta(doc, "og:locale") == "sv_SE", page
        feeds = doc.xpath('//link[@rel="alternate"]')
        assert {(f.get("type"), f.get("href")) for f in feeds} >= {
            ("application/rss+xml", base + "rss.xml"), ("application/atom+xml", base + "atom.xml")}, page
        assert all(f.get("title") for f in feeds), page


def test_every_page_has_a_skip_link_landmarks_and_one_h1(any_site):
    _, site = any_site
    for page in pages(site):
        doc = parse(site, page)
        body = doc.find("body")
        first_link = body.xpath(".//a")[0]
        assert first_link.get("href") == "#innehall" and text(first_link) == "Hoppa till innehållet", page
        assert len(doc.xpath('//main[@id="innehall"]')) == 1, page
        assert len(body.xpath("./header")) == 1 and len(body.xpath("./footer")) == 1, page
        assert doc.xpath('//nav[@aria-label="Huvudmeny"]'), page
        assert len(doc.xpath("//h1")) == 1, page
        assert doc.xpath("//main//h1"), page


def test_headings_never_skip_a_level(any_site):
    _, site = any_site
    for page in pages(site):
        levels = [int(h.tag[1]) for h in parse(site, page).iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1, page
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (page, levels)


def test_no_page_needs_javascript(any_site):
    _, site = any_site
    for page in pages(site):
        doc = parse(site, page)
        assert [s.get("type") for s in doc.iter("script")] in ([], ["application/ld+json"]), page
        assert not doc.xpath("//@*[starts-with(name(), 'on')]"), page
        assert not [h for h in doc.xpath("//@href") if h.lower().startswith("javascript:")], page


# ---- release pages ---------------------------------------------------------------------------

@pytest.mark.parametrize("release", RELEASES)
def test_release_page(multi_site, release):
    doc = parse(multi_site, release + "index.html")
    round_key = release.split("/")[0]
    county = release.split("/")[2] if release.count("/") == 3 else None
    headline = (multi_site / release / "index.md").read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
    article = doc.find(".//main/article")
    assert text(article.find(".//h1")) == headline
    kicker = text(article.find('.//p[@class="kicker"]'))
    assert kicker == ("Pressmeddelande – " + {"stockholm": "Stockholms län", "uppsala": "Uppsala län",
                                               "gotland": "Gotlands län", "skane": "Skåne län",
                                               "vastra-gotaland": "Västra Götalands län",
                                               "vasterbotten": "Västerbottens län",
                                               "norrbotten": "Norrbottens län"}[county] if county else "Pressmeddelande")
    assert article.xpath('.//p[@class="meta"]/time/@datetime') == [PUBLISHED[round_key]]
    lead = text(article.find('.//div[@class="lead"]'))
    assert lead and lead == meta(doc, "description")
    assert text(article.find('.//section[@class="fakta"]/h2')).startswith("Fakta ")
    assert text(article.find('.//section[@class="about"]/h2')) == "Om Samverkansmyndigheten"
    contacts = (("tel:+46812345678", "mailto:regionkontoret@exempel.se") if release == "2023/beslut/stockholm/"
                else ("tel:+46101234567", "mailto:press@exempel.se"))
    assert tuple(article.xpath('.//section[@class="contacts"]//a/@href')) == contacts
    assert article.xpath('.//section[@class="downloads"]//a/@href') == ["index.md", "index.txt"]
    related = {resolve(release + "index.html", h) for h in article.xpath('.//nav[@class="related"]//a/@href')}
    if county:
        assert related == {f"{round_key}/beslut/"}
        assert meta(doc, "og:type") == "article"
        assert f"{MULTI_BASE}lan/{county}/rss.xml" in doc.xpath('//link[@rel="alternate"]/@href')
    else:
        assert related == {p for p in RELEASES if p.startswith(f"{round_key}/beslut/") and p != release}


@pytest.mark.parametrize("release", RELEASES)
def test_release_json_ld(multi_site, release):
    doc = parse(multi_site, release + "index.html")
    [script] = doc.xpath('//script[@type="application/ld+json"]')
    data = json.loads(script.text)
    round_key = release.split("/")[0]
    publisher = {"@type": "GovernmentOrganization", "name": "Myndigheten för lokal samverkan", "url": "https://www.exempel.se"}
    assert data == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": text(doc.find(".//h1")),
        "description": meta(doc, "description"),
        "datePublished": PUBLISHED[round_key],
        "dateModified": MODIFIED[round_key],
        "inLanguage": "sv-SE",
        "url": MULTI_BASE + release,
        "mainEntityOfPage": MULTI_BASE + release,
        "author": {"@type": "GovernmentOrganization", "name": "Myndigheten för lokal samverkan"},
        "publisher": publisher,
    }


def test_corrected_release_shows_the_update(multi_site):
    doc = parse(multi_site, "2023/beslut/index.html")
    [correction] = doc.xpath('//p[@class="correction"]')
    assert text(correction) == "Uppdaterad 15 februari 2023 kl. 8.15 – rättelse: Antalet ansökningar var 71, inte 17."
    assert correction.xpath("./time/@datetime") == ["2023-02-15T08:15:00+01:00"]


def test_fact_box_is_not_repeated_in_the_body(multi_site):
    doc = parse(multi_site, "2023/beslut/index.html")
    assert [text(h) for h in doc.xpath('//div[@class="body"]//h2')] == []
    assert [text(p) for p in doc.xpath('//section[@class="fakta"]/p')] == [
        "Samverkansmyndigheten har under 2023 möjlighet att fördela 120 miljoner kronor till arbetet mot "
        "segregation. Bidragen går till långsiktigt arbete mot segregation i kommuner, regioner och ideella organisationer."]


@pytest.mark.parametrize("body, expected", [
    ("<p>A</p>", ReleaseBody("<p>A</p>", None, "")),
    ("<p>A</p>\n<h2>Fakta X</h2>\n<p>B</p>\n<p>C</p>",
     ReleaseBody("<p>A</p>", FactBox("Fakta X", "<p>B</p>\n<p>C</p>"), "")),
    ("<p>A</p>\n<h2>Fakta <em>Y</em></h2>\n<p>B</p>\n<h2>Bakgrund</h2>\n<p>C</p>",
     ReleaseBody("<p>A</p>", FactBox("Fakta <em>Y</em>", "<p>B</p>"), "<h2>Bakgrund</h2>\n<p>C</p>")),
    ("<h2>Faktabas</h2><p>B</p>", ReleaseBody("<h2>Faktabas</h2><p>B</p>", None, "")),
    ("<p>Fakta om allt</p>", ReleaseBody("<p>Fakta om allt</p>", None, "")),
])
def test_split_fact_box(body, expected):
    assert split_fact_box(body) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ideella organisationer", "Ideella or-ga-ni-sa-tio-ner"),
    ("Kommuner och regioner", "Kom-mu-ner och re-gio-ner"),
    ("Studieförbund", "Stu-die-för-bund"),
    ("Totalt", "Totalt"),  # short words are left alone
    ("Föreningar 2023", "Fö-re-nin-gar 2023"),
    ("", ""),
])
def test_soft_hyphens_for_narrow_table_headings(text, expected):
    assert soft_hyphens(text).replace(SHY, "-") == expected
    assert soft_hyphens(text).replace(SHY, "") == text


# ---- round, county, start ----------------------------------------------------------------------

ROUND_TABLES = {
    "2023": (["Län", "Kommuner och regioner", "Ideella organisationer", "Totalt", "Plats"], [
        ["Stockholms län", "3", "4", "7", "2"],
        ["Uppsala län", "2", "2", "4", "4"],
        ["Gotlands län", "0", "1", "1", "6"],
        ["Skåne län", "4", "5", "9", "1"],
        ["Västra Götalands län", "3", "3", "6", "3"],
        ["Norrbottens län", "2", "1", "3", "5"],
    ], ["Hela landet", "14", "16", "30", ""]),
    # 2022: the county files are incomplete, so no ranks are shown.
    "2022": (["Län", "Kommuner och regioner", "Ideella organisationer", "Totalt"], [
        ["Stockholms län", "3", "3", "6"],
        ["Västra Götalands län", "5", "3", "8"],
        ["Västerbottens län", "1", "1", "2"],
    ], ["Hela landet", "20", "15", "35"]),
}


@pytest.mark.parametrize("round_key", sorted(ROUND_TABLES))
def test_round_page_table_of_figures_per_county(multi_site, round_key):
    page = f"{round_key}/index.html"
    doc = parse(multi_site, page)
    [table] = doc.xpath("//table")
    head, rows, foot = ROUND_TABLES[round_key]
    assert [text(c).replace(SHY, "") for c in table.xpath("./thead/tr/*")] == head
    assert [[text(c) for c in tr] for tr in table.xpath("./tbody/tr")] == rows
    assert [text(c) for c in table.xpath("./tfoot/tr/*")] == foot
    assert table.xpath("./thead//th/@scope") == ["col"] * len(head)
    assert table.xpath("./tbody/tr/th/@scope") == ["row"] * len(rows)
    assert text(table.find("caption")) == f"Beviljade aktörer {round_key}"
    assert doc.xpath('//p[@id="per-lan-om"]') and table.get("aria-describedby") == "per-lan-om"
    county_links = {resolve(page, h) for h in table.xpath("./tbody//a/@href")}
    assert county_links == {p for p in RELEASES if p.startswith(f"{round_key}/beslut/") and p.count("/") == 3}


@pytest.mark.parametrize("round_key", sorted(ROUND_TABLES))
def test_round_page_lists_every_release_of_the_round(multi_site, round_key):
    page = f"{round_key}/index.html"
    doc = parse(multi_site, page)
    listed = [resolve(page, h) for h in doc.xpath('//ul[@class="releases"]//h3/a/@href')]
    assert listed == [p for p in NATIONAL_FEED_ORDER if p.startswith(round_key + "/")]


@pytest.mark.parametrize("slug", sorted(LOCAL))
def test_county_page_lists_its_releases_and_feeds(multi_site, slug):
    page = f"lan/{slug}/index.html"
    doc = parse(multi_site, page)
    listed = [resolve(page, h) for h in doc.xpath('//ul[@class="releases"]//h2/a/@href')]
    assert sorted(listed) == sorted(LOCAL[slug] + NATIONAL)
    assert [p for p in NATIONAL_FEED_ORDER if p in listed] == listed  # newest first
    assert doc.xpath('//p[@class="feeds"]/a/@href') == ["rss.xml", "atom.xml"]
    alternates = doc.xpath('//link[@rel="alternate"]/@href')
    assert alternates[:2] == [f"{MULTI_BASE}lan/{slug}/rss.xml", f"{MULTI_BASE}lan/{slug}/atom.xml"]


def test_start_page_links_every_round_county_and_feed(multi_site):
    doc = parse(multi_site, "index.html")
    listed = [resolve("index.html", h) for h in doc.xpath('//ul[@class="releases"]//h3/a/@href')]
    assert listed == list(NATIONAL_FEED_ORDER)
    assert doc.xpath('//section[@aria-labelledby="omgangar"]//a/@href') == ["2023/", "2022/"]
    assert doc.xpath('//section[@aria-labelledby="lan"]//a/@href') == [
        "lan/stockholm/", "lan/uppsala/", "lan/gotland/", "lan/skane/", "lan/vastra-gotaland/",
        "lan/vasterbotten/", "lan/norrbotten/"]
    feeds = doc.xpath('//section[@aria-labelledby="floden"]//a/@href')
    assert feeds == ["rss.xml", "atom.xml"] + [f"lan/{s}/{k}.xml" for s in (
        "stockholm", "uppsala", "gotland", "skane", "vastra-gotaland", "vasterbotten", "norrbotten") for k in ("rss", "atom")]
    names = doc.xpath('//section[@aria-labelledby="floden"]//a/@aria-label')
    assert len(set(names)) == len(names) == len(feeds)  # every feed link has its own name


def test_start_page_lists_at_most_the_newest_twenty(multi_site):
    from pressrum.site import NEWEST_ON_START

    assert NEWEST_ON_START == 20
    assert "Äldre pressmeddelanden" not in text(parse(multi_site, "index.html"))  # 11 releases: all shown


def test_release_list_shows_kind_time_and_county(multi_site):
    doc = parse(multi_site, "index.html")
    metas = [text(p) for p in doc.xpath('//li[@class="release-item"]/p[@class="meta"]')]
    assert metas[:2] == ["Pressmeddelande · 14 februari 2023 kl. 9.30",
                         "Lokalt pressmeddelande · 14 februari 2023 kl. 9.30 · Gotlands län"]


# ---- 404, statement, sitemap, robots -------------------------------------------------------------

def test_404_page(multi_site):
    doc = parse(multi_site, "404.html")
    assert meta(doc, "robots") == "noindex"
    assert text(doc.find(".//h1")) == "Sidan finns inte"
    assert doc.xpath('//link[@rel="stylesheet"]/@href') == ["/style.css"]


def test_accessibility_statement_has_what_the_law_asks_for(multi_site):
    doc = parse(multi_site, "tillganglighet/index.html")
    assert [text(h) for h in doc.xpath("//main//h2")] == [
        "Hur tillgänglig är webbplatsen?", "Kända brister", "Rapportera brister", "Tillsyn", "Hur vi har testat webbplatsen"]
    assert "lagen (2018:1937) om tillgänglighet till digital offentlig service" in text(doc)
    assert "mailto:registrator@exempel.se" in doc.xpath("//main//a/@href")
    assert "https://www.digg.se/tdosanmalan" in doc.xpath("//main//a/@href")
    # Every page links to the statement.
    for page in pages(multi_site):
        hrefs = parse(multi_site, page).xpath('//footer//a[text()="Tillgänglighetsredogörelse"]/@href')
        assert len(hrefs) == 1 and (hrefs[0].startswith("/") or resolve(page, hrefs[0]) == "tillganglighet/"), page


def test_sitemap_lists_every_page_but_404(any_site):
    import lxml.etree as ET

    base, site = any_site
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(str(site / "sitemap.xml")).getroot()
    locs = root.xpath("//s:loc/text()", namespaces=ns)
    assert locs == sorted(page_url(base, p) for p in pages(site) if p != "404.html")
    for url in root.xpath("//s:url", namespaces=ns):
        lastmod = url.xpath("s:lastmod/text()", namespaces=ns)
        loc = url.xpath("s:loc/text()", namespaces=ns)[0]
        if (site / loc.removeprefix(base) / "index.md").is_file():  # a release
            assert lastmod == parse(site, loc.removeprefix(base) + "index.html").xpath(
                '//meta[@property="article:modified_time"]/@content'), loc
        else:
            assert lastmod == [], loc


def test_robots_txt(any_site):
    base, site = any_site
    assert (site / "robots.txt").read_text(encoding="utf-8") == f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"


# ---- goldens -------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["2023/beslut/index.md", "2023/beslut/gotland/index.md",
                                  "lan/gotland/rss.xml", "lan/gotland/atom.xml"])
def test_multi_output_matches_golden(multi_site, golden, path):
    golden("multi/" + path, (multi_site / path).read_text(encoding="utf-8"))


def test_relative_links_equal_posixpath_relpath():
    """site.relative computes by path segments; it gives what posixpath.relpath gives."""
    import random

    from pressrum.site import _relative_by_posixpath, relative

    table = [("", "style.css", "style.css"), ("2021/beslut/", "style.css", "../../style.css"),
             ("2021/beslut/skane/", "2021/beslut/", "../"), ("2021/beslut/", "2021/beslut/skane/", "skane/"),
             ("lan/skane/", "", "../../"), ("", "", "./"), ("2021/", "2021/", "./"),
             ("2021/beslut/", "lan/skane/", "../../lan/skane/"), ("404/", "2021/beslut/", "../2021/beslut/")]
    for here, to, expected in table:
        assert relative(here, to) == expected == _relative_by_posixpath(here, to)
    rng = random.Random(3)
    segments = ["a", "b", "2021", "beslut", "skane", "lan", "x.css", "", ".", ".."]
    for _ in range(20000):
        here = "/".join(rng.choice(segments) for _ in range(rng.randrange(4))) + rng.choice(["", "/"])
        to = "/".join(rng.choice(segments) for _ in range(rng.randrange(4))) + rng.choice(["", "/"])
        assert relative(here, to) == _relative_by_posixpath(here, to), (here, to)


def test_a_pages_links_equal_relative():
    """A page's ``url`` (site._Links, each link worked out once) gives what site.relative gives,
    asked once or again, in any order; the template calls it without a Python frame."""
    import random
    import types

    from pressrum.site import _Links, _relative_by_posixpath

    rng = random.Random(5)
    segments = ["a", "b", "2021", "beslut", "skane", "lan", "x.css", "", ".", ".."]
    for _ in range(500):
        here = "/".join(rng.choice(segments) for _ in range(rng.randrange(4))) + rng.choice(["", "/"])
        links = _Links(here)
        for _ in range(12):
            to = "/".join(rng.choice(segments) for _ in range(rng.randrange(4))) + rng.choice(["", "/"])
            assert links[to] == _relative_by_posixpath(here, to), (here, to)
            assert links[to] == _relative_by_posixpath(here, to), (here, to)  # the kept one
    assert type(_Links("2021/").__getitem__) in (types.BuiltinFunctionType, types.BuiltinMethodType)


def test_pretty_json_is_what_json_dumps_indents():
    import json
    import random

    from pressrum.site_parts import pretty_json

    rng = random.Random(5)
    texts = ["", "a", "Skåne län", "</script>", "\u2013 citat \"här\"", "\\", "\n\t", "\u00a0", "ok"]

    def value(depth: int):
        kind = rng.randrange(7 if depth < 3 else 4)
        if kind == 0:
            return rng.choice(texts)
        if kind == 1:
            return rng.choice([0, -3, 12, 2.5, 1e20])
        if kind == 2:
            return rng.choice([True, False, None])
        if kind == 3:
            return rng.choice(texts) * 2
        if kind in (4, 5):
            return {rng.choice(texts) + str(i): value(depth + 1) for i in range(rng.randrange(4))}
        return [value(depth + 1) for _ in range(rng.randrange(4))]

    for _ in range(3000):
        v = value(0)
        assert pretty_json(v) == json.dumps(v, ensure_ascii=False, indent=2, sort_keys=True)
