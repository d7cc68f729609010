"""Feeds as journalists' readers see them: the multi-county fixture and the bundled example.

Exact expectations come from the fixture's YAML (tests/fixtures/multi/content), read here with
PyYAML's BaseLoader so the times are compared as the editor typed them, independently of
Pressrum's own loader.
"""
from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import lxml.etree as ET
import lxml.html
import pytest
import yaml

from conftest import MULTI, NOW, TEMPLATES, run_cli

STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = ZoneInfo("UTC")
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"
MULTI_BASE = "https://press.exempel.se/"
BUNDLED_BASE = "https://press.delmos.se/"

NATIONAL = ("2023/beslut/", "2022/beslut/")
LOCAL = {  # county slug -> its local releases, newest first
    "stockholm": ("2023/beslut/stockholm/", "2022/beslut/stockholm/"),
    "uppsala": ("2023/beslut/uppsala/",),
    "gotland": ("2023/beslut/gotland/",),
    "skane": ("2023/beslut/skane/",),
    "vastra-gotaland": ("2023/beslut/vastra-gotaland/", "2022/beslut/vastra-gotaland/"),
    "vasterbotten": ("2022/beslut/vasterbotten/",),
    "norrbotten": ("2023/beslut/norrbotten/",),
}
COUNTY_NAMES = {"stockholm": "Stockholms län", "uppsala": "Uppsala län", "gotland": "Gotlands län",
                "skane": "Skåne län", "vastra-gotaland": "Västra Götalands län",
                "vasterbotten": "Västerbottens län", "norrbotten": "Norrbottens län"}
# Newest first; releases published at the same time: the national one first, then by address.
NATIONAL_FEED_ORDER = (
    "2023/beslut/", "2023/beslut/gotland/", "2023/beslut/norrbotten/", "2023/beslut/skane/",
    "2023/beslut/stockholm/", "2023/beslut/uppsala/", "2023/beslut/vastra-gotaland/",
    "2022/beslut/", "2022/beslut/stockholm/", "2022/beslut/vasterbotten/", "2022/beslut/vastra-gotaland/",
)
COUNTY_FEED_ORDER = {
    "gotland": ("2023/beslut/", "2023/beslut/gotland/", "2022/beslut/"),
    "stockholm": ("2023/beslut/", "2023/beslut/stockholm/", "2022/beslut/", "2022/beslut/stockholm/"),
    "vasterbotten": ("2023/beslut/", "2022/beslut/", "2022/beslut/vasterbotten/"),
}
# (round, announcement) -> (publiceras as typed in YAML, RSS pubDate, Atom published, Atom updated)
TIMES = {
    ("2022", "beslut"): ("2022-05-16 10:00", "Mon, 16 May 2022 10:00:00 +0200",
                         "2022-05-16T10:00:00+02:00", "2022-05-16T10:00:00+02:00"),
    ("2023", "beslut"): ("2023-02-14 09:30", "Tue, 14 Feb 2023 09:30:00 +0100",
                         "2023-02-14T09:30:00+01:00", "2023-02-15T08:15:00+01:00"),  # corrected the next day
}
MULTI_FEEDS = ("rss.xml", "atom.xml") + tuple(f"lan/{slug}/{kind}.xml" for slug in LOCAL for kind in ("rss", "atom"))


def feeds_in(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.xml") if p.name in ("rss.xml", "atom.xml"))


def built_file(site: Path, base: str, url: str) -> Path:
    """The file a URL of the newsroom names in the built folder ("…/" is index.html)."""
    assert url.startswith(base), f"{url} is not under {base}"
    path = url[len(base):].split("#", 1)[0]
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def item_links(site: Path, feed: str) -> list[str]:
    """The item links of a feed in document order, read from the XML (not through feedparser)."""
    root = ET.parse(str(site / feed)).getroot()
    if root.tag == "rss":
        return [i.findtext("link") for i in root.iter("item")]
    return [e.find(f"{ATOM}link").get("href") for e in root.iter(f"{ATOM}entry")]


def item_ids(site: Path, feed: str) -> list[str]:
    root = ET.parse(str(site / feed)).getroot()
    if root.tag == "rss":
        return [i.findtext("guid") for i in root.iter("item")]
    return [e.findtext(f"{ATOM}id") for e in root.iter(f"{ATOM}entry")]


@pytest.fixture(scope="module", params=["bundled", "multi"])
def any_site(request):
    site = request.getfixturevalue(f"{request.param}_site")
    return site, BUNDLED_BASE if request.param == "bundled" else MULTI_BASE


def test_multi_fixture_has_every_expected_feed(multi_site):
    assert feeds_in(multi_site) == sorted(MULTI_FEEDS)


def test_yaml_times_are_the_ones_this_test_expects():
    """The table above is what the fixture says; a changed fixture must change the table too."""
    for (round_key, ann), (typed, *_rest) in TIMES.items():
        data = yaml.load((MULTI / "rounds" / round_key / "round.yaml").read_text(encoding="utf-8"),
                         Loader=yaml.BaseLoader)
        assert data["tillfällen"][ann]["publiceras"] == typed


def test_every_feed_parses_without_bozo(any_site):
    site, _ = any_site
    for feed in feeds_in(site):
        parsed = feedparser.parse((site / feed).read_bytes())
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        assert parsed.version == ("rss20" if feed.endswith("rss.xml") else "atom10"), feed
        assert len(parsed.entries) == len(item_links(site, feed)) > 0, feed


def test_every_item_link_and_id_resolves_to_a_built_file(any_site):
    site, base = any_site
    for feed in feeds_in(site):
        for url in item_links(site, feed) + item_ids(site, feed):
            assert built_file(site, base, url).is_file(), f"{feed}: {url}"


def test_every_link_inside_item_content_is_absolute(any_site):
    site, _ = any_site
    for feed in feeds_in(site):
        root = ET.parse(str(site / feed)).getroot()
        bodies = [e.text for e in root.iter(CONTENT_NS)] + [e.text for e in root.iter(f"{ATOM}content")]
        assert bodies, feed
        for body in bodies:
            for href in lxml.html.fragment_fromstring(body, create_parent="div").xpath("//@href"):
                assert href.startswith(("https://", "http://", "mailto:", "tel:")), f"{feed}: {href}"


@pytest.mark.parametrize("feed", MULTI_FEEDS)
def test_every_date_is_the_yaml_time_in_stockholm(multi_site, feed):
    root = ET.parse(str(multi_site / feed)).getroot()
    parsed = feedparser.parse((multi_site / feed).read_bytes())
    links = item_links(multi_site, feed)
    assert len(parsed.entries) == len(links)
    if root.tag == "rss":
        raw = [(i.findtext("pubDate"), None) for i in root.iter("item")]
    else:
        raw = [(e.findtext(f"{ATOM}published"), e.findtext(f"{ATOM}updated")) for e in root.iter(f"{ATOM}entry")]
    for link, entry, (published, updated) in zip(links, parsed.entries, raw):
        round_key, ann = link.removeprefix(MULTI_BASE).split("/")[:2]
        typed, rss_date, atom_published, atom_updated = TIMES[(round_key, ann)]
        expected = datetime.strptime(typed, "%Y-%m-%d %H:%M").replace(tzinfo=STOCKHOLM)
        # The text a reader gets, with the Stockholm offset of that day (+0100 in winter, +0200 in summer) …
        assert published == (rss_date if root.tag == "rss" else atom_published), link
        if updated is not None:
            assert updated == atom_updated, link
        # … and the instant feedparser reads from it.
        assert datetime(*entry.published_parsed[:6], tzinfo=UTC) == expected, link


@pytest.mark.parametrize("feed", MULTI_FEEDS)
def test_feed_date_is_the_newest_item_date_not_the_build_clock(multi_site, feed):
    root = ET.parse(str(multi_site / feed)).getroot()
    if root.tag == "rss":
        assert root.find("channel").findtext("lastBuildDate") == "Wed, 15 Feb 2023 08:15:00 +0100"
    else:
        assert root.findtext(f"{ATOM}updated") == "2023-02-15T08:15:00+01:00"


@pytest.mark.parametrize("slug", sorted(LOCAL))
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_county_feed_holds_exactly_its_local_releases_and_the_national_ones(multi_site, slug, kind):
    links = item_links(multi_site, f"lan/{slug}/{kind}.xml")
    assert len(links) == len(set(links))
    assert set(links) == {MULTI_BASE + p for p in LOCAL[slug] + NATIONAL}


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_national_feed_holds_everything_newest_first(multi_site, kind):
    assert item_links(multi_site, f"{kind}.xml") == [MULTI_BASE + p for p in NATIONAL_FEED_ORDER]


@pytest.mark.parametrize("slug", sorted(COUNTY_FEED_ORDER))
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_county_feed_is_newest_first(multi_site, slug, kind):
    assert item_links(multi_site, f"lan/{slug}/{kind}.xml") == [MULTI_BASE + p for p in COUNTY_FEED_ORDER[slug]]


@pytest.mark.parametrize("slug", sorted(LOCAL))
def test_channel_metadata(multi_site, slug):
    for path, page in (("", MULTI_BASE), (f"lan/{slug}/", f"{MULTI_BASE}lan/{slug}/")):
        channel = ET.parse(str(multi_site / path / "rss.xml")).getroot().find("channel")
        assert channel.findtext("link") == page  # feedgen trap 1: the HTML page, not the feed
        assert channel.findtext("language") == "sv"
        self_links = [link.get("href") for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
        assert self_links == [f"{MULTI_BASE}{path}rss.xml"]
        assert channel.findtext("managingEditor") == "registrator@exempel.se (Myndigheten för lokal samverkan)"
        atom = ET.parse(str(multi_site / path / "atom.xml")).getroot()
        assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"
        links = {link.get("rel"): link.get("href") for link in atom.findall(f"{ATOM}link")}
        assert links == {"self": f"{MULTI_BASE}{path}atom.xml", "alternate": page}
    assert channel.findtext("title") == f"Samverkansmyndighetens nyhetsrum – {COUNTY_NAMES[slug]}"


def test_items_carry_round_and_county_categories_with_a_scheme(multi_site):
    rss = ET.parse(str(multi_site / "rss.xml")).getroot()
    atom = ET.parse(str(multi_site / "atom.xml")).getroot()
    for item, entry in zip(rss.iter("item"), atom.iter(f"{ATOM}entry"), strict=True):
        path = item.findtext("link").removeprefix(MULTI_BASE)
        round_key, _, *county = path.strip("/").split("/")
        place = (county[0], COUNTY_NAMES[county[0]]) if county else ("hela-landet", "Hela landet")
        assert sorted((c.get("domain"), c.text) for c in item.findall("category")) == [
            (f"{MULTI_BASE}lan/", place[1]), (f"{MULTI_BASE}omgang/", f"Statsbidrag {round_key}")], path
        assert sorted((c.get("scheme"), c.get("term"), c.get("label")) for c in entry.findall(f"{ATOM}category")) == [
            (f"{MULTI_BASE}lan/", place[0], place[1]), (f"{MULTI_BASE}omgang/", round_key, f"Statsbidrag {round_key}")], path


def test_items_have_lead_as_description_and_full_text_as_content(multi_site):
    rss = ET.parse(str(multi_site / "lan/gotland/rss.xml")).getroot()
    item = next(i for i in rss.iter("item") if i.findtext("link") == MULTI_BASE + "2023/beslut/gotland/")
    assert item.findtext("description") == (
        "Myndigheten för lokal samverkan (Samverkansmyndigheten) har beslutat att en aktör på Gotland får "
        "statsbidrag för arbete mot segregation.")
    assert item.find("guid").get("isPermaLink") == "true"
    content = item.findtext(CONTENT_NS)
    assert content.startswith("<p><em>Uppdaterad 15 februari 2023 kl. 8.15 – rättelse: Antalet ansökningar var 71, inte 17.</em></p>")
    assert "Föreningen Visby tillsammans ordnar mötesplatser" in content


def test_ids_are_stable_across_two_builds(multi_site, tmp_path):
    out = tmp_path / "again"
    code, _, err = run_cli("build", "--content", str(MULTI), "--templates", str(TEMPLATES), "--out", str(out), "--now", NOW)
    assert code == 0, err
    assert feeds_in(out) == feeds_in(multi_site)
    for feed in feeds_in(multi_site):
        first, second = item_ids(multi_site, feed), item_ids(out, feed)
        assert first == second, feed
        assert len(set(first)) == len(first), feed
        # The id is the permanent address of the release: the same in RSS and Atom, never the feed's.
        assert first == item_links(multi_site, feed), feed
        assert (multi_site / feed).read_bytes() == (out / feed).read_bytes(), feed


def test_ids_do_not_depend_on_the_build_time(multi_site, tmp_path):
    """A later build (a year on) publishes the same releases under the same ids."""
    out = tmp_path / "later"
    code, _, err = run_cli("build", "--content", str(MULTI), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", "2027-11-28T12:00")
    assert code == 0, err
    for feed in feeds_in(multi_site):
        assert item_ids(out, feed) == item_ids(multi_site, feed), feed


def test_a_feed_keeps_the_newest_50_items():
    from pressrum import feeds
    from pressrum.pipeline import Options, render_site
    from pressrum.validate import load_content

    site = load_content(MULTI).site
    _, releases, texts = render_site(Options(MULTI, TEMPLATES, Path("unused"), datetime(2026, 11, 28, 12, tzinfo=STOCKHOLM)))
    many = tuple(dataclasses.replace(releases[i % len(releases)], url=f"{MULTI_BASE}syntetisk/{i}/") for i in range(220))
    planned = feeds.plan_feeds(many, site)
    national = planned[0]
    assert national.path == "" and len(national.releases) == feeds.MAX_ITEMS == 50
    assert [r.url for r in national.releases] == [r.url for r in many[:50]]
    gotland = next(f for f in planned if f.path == "lan/gotland/")
    expected = [r.url for r in many if r.lan is None or r.lan.slug == "gotland"][:50]
    assert [r.url for r in gotland.releases] == expected and len(expected) == 50
    rendered = feeds.render_feeds(planned, site, texts)
    assert len(ET.fromstring(rendered["rss.xml"]).findall("channel/item")) == 50
    assert len(ET.fromstring(rendered["lan/gotland/atom.xml"]).findall(f"{ATOM}entry")) == 50


def test_empty_newsroom_feeds_have_a_fixed_date(tmp_path):
    """Built before anything is published: valid empty feeds, and still no build clock."""
    out = tmp_path / "empty"
    code, _, err = run_cli("build", "--content", str(MULTI), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", "2020-01-01T00:00")
    assert code == 0, err
    assert feeds_in(out) == ["atom.xml", "rss.xml"]
    parsed = feedparser.parse((out / "rss.xml").read_bytes())
    assert not parsed.bozo and parsed.entries == []
    assert ET.parse(str(out / "rss.xml")).getroot().findtext("channel/lastBuildDate") == "Sat, 01 Jan 2000 00:00:00 +0000"


def test_feed_texts_are_wanted_only_for_the_items_a_feed_shows():
    """The build fetches feed texts after planning the feeds, only for the items they show: the
    newest 50 of everything, and of each county's own releases with the national ones."""
    import random

    from pressrum import feeds, sv
    from pressrum.validate import load_content

    site = load_content(MULTI).site
    counties = sv.alla_lan()[:5]
    rng = random.Random(7)
    entries = []
    for i in range(600):
        lan = None if i % 4 == 0 else rng.choice(counties)
        published = datetime(2000 + rng.randrange(20), 1 + rng.randrange(12), 1 + rng.randrange(28), tzinfo=STOCKHOLM)
        entries.append(feeds.Entry(f"k{i:03d}", f"u{i}", "t", "l", published, published, False, lan, "r", "R", b"", b""))
    ordered = sorted(entries, key=lambda e: (-e.published.timestamp(), e.key))
    expected = {e.key for e in ordered[:50]}
    for lan in {e.lan for e in entries if e.lan}:
        expected |= {e.key for e in [e for e in ordered if e.lan in (None, lan)][:50]}
    shown = feeds.shown_keys(feeds.plan_feeds(tuple(ordered), site))
    assert shown == expected and len(shown) < len(entries)


def test_a_build_holds_the_feed_texts_of_shown_items_only(tmp_path):
    from pressrum.pipeline import Options, render_site

    files, entries, texts = render_site(Options(MULTI, TEMPLATES, tmp_path / "unused",
                                                datetime(2026, 11, 28, 12, tzinfo=STOCKHOLM)))
    in_feeds = {item.findtext("guid") for path, data in files.items() if path.endswith("rss.xml")
                for item in ET.fromstring(data).findall("channel/item")}
    assert in_feeds and set(texts) == {e.key for e in entries if e.url in in_feeds}
