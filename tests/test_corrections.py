"""Corrections: readers see an update of the same release, not a new release.

The embargo fixture is the bundled content plus two invented corrections on the 2021
decision (18 May 2021 09:30 and 10 June 2021 08:15); the bundled content has none. Built as
of 1 June 2021 the first correction is made and the second is not; as of 1 July both are.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import lxml.html
import pytest

from conftest import CONTENT, FIXTURES, TEMPLATES, run_cli

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PUBLISHED = datetime(2021, 5, 17, 10, 0, tzinfo=STOCKHOLM)
FIRST = datetime(2021, 5, 18, 9, 30, tzinfo=STOCKHOLM)
SECOND = datetime(2021, 6, 10, 8, 15, tzinfo=STOCKHOLM)
FIRST_TEXT = "Uppdaterad 18 maj 2021 kl. 9.30 – rättelse: I en tidigare version stod det fel om antalet fleråriga bidrag."
SECOND_TEXT = "Uppdaterad 10 juni 2021 kl. 8.15 – rättelse: Framtida rättelse Tallkottsregn får inte synas före sin tid."
RELEASES = ("2021/beslut/", "2021/beslut/skane/")


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("rattelser")
    out = {}
    for name, content, now in (("original", CONTENT, "2021-06-01T12:00"),
                               ("rattad", FIXTURES / "embargo", "2021-06-01T12:00"),
                               ("tva", FIXTURES / "embargo", "2021-07-01T12:00")):
        out[name] = tmp / name
        code, _, err = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES),
                               "--out", str(out[name]), "--now", now)
        assert code == 0, err
    return out


def corrections_on_page(site: Path, release: str) -> list[str]:
    doc = lxml.html.parse(str(site / release / "index.html")).getroot()
    return [" ".join(p.text_content().split()) for p in doc.find_class("correction")]


@pytest.mark.parametrize("release", RELEASES)
@pytest.mark.parametrize("site, expected", [
    ("original", []),
    ("rattad", [FIRST_TEXT]),
    ("tva", [FIRST_TEXT, SECOND_TEXT]),
])
def test_page_shows_each_correction_made(sites, release, site, expected):
    assert corrections_on_page(sites[site], release) == expected


def test_page_marks_the_correction_time_machine_readably(sites):
    page = (sites["rattad"] / "2021/beslut/index.html").read_text(encoding="utf-8")
    assert ('<p class="correction">Uppdaterad <time datetime="2021-05-18T09:30:00+02:00">18 maj 2021 kl. 9.30</time>'
            ' – rättelse: I en tidigare version stod det fel om antalet fleråriga bidrag.</p>') in page
    assert '<meta property="article:modified_time" content="2021-05-18T09:30:00+02:00">' in page
    assert '<meta property="article:published_time" content="2021-05-17T10:00:00+02:00">' in page


def entries(site: Path, feed: str) -> dict[str, feedparser.FeedParserDict]:
    parsed = feedparser.parse((site / feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return {e.id: e for e in parsed.entries}


def when(struct) -> datetime:
    return datetime(*struct[:6], tzinfo=ZoneInfo("UTC"))


@pytest.mark.parametrize("feed", ["atom.xml", "lan/skane/atom.xml"])
@pytest.mark.parametrize("site, updated", [("original", PUBLISHED), ("rattad", FIRST), ("tva", SECOND)])
def test_atom_entry_keeps_its_id_and_gets_a_new_updated(sites, feed, site, updated):
    original, corrected = entries(sites["original"], feed), entries(sites[site], feed)
    assert list(corrected) == list(original) == ["https://press.delmos.se/" + r for r in RELEASES]
    for entry in corrected.values():
        assert when(entry.published_parsed) == PUBLISHED
        assert when(entry.updated_parsed) == updated
    parsed = feedparser.parse((sites[site] / feed).read_bytes())
    assert when(parsed.feed.updated_parsed) == updated


@pytest.mark.parametrize("feed", ["rss.xml", "lan/skane/rss.xml"])
def test_rss_item_keeps_its_guid_and_states_the_correction(sites, feed):
    original, corrected = entries(sites["original"], feed), entries(sites["rattad"], feed)
    assert list(corrected) == list(original) == ["https://press.delmos.se/" + r for r in RELEASES]
    for guid, entry in corrected.items():
        assert guid == entry.link  # the permanent URL, unchanged by the correction
        assert when(entry.published_parsed) == PUBLISHED  # pubDate: still the publication
        text = " ".join(lxml.html.fromstring(entry.content[0].value).text_content().split())
        assert text.startswith(FIRST_TEXT + " ")
        assert FIRST_TEXT not in " ".join(lxml.html.fromstring(original[guid].content[0].value).text_content().split())


def test_sitemap_lastmod_is_the_correction(sites):
    sitemap = (sites["rattad"] / "sitemap.xml").read_text(encoding="utf-8")
    assert ("<url><loc>https://press.delmos.se/2021/beslut/</loc><lastmod>2021-05-18T09:30:00+02:00</lastmod></url>"
            in sitemap)
