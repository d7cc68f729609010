"""Scheduled publication and preview: an embargoed release leaks into no byte of the output.

The fixture ``tests/fixtures/embargo`` is the bundled content plus an invented 2022 round
(national release and a Stockholm local release, published 2022-05-16 10:00) and two invented
corrections on the 2021 release, one of them timed after the "before" build.
"""
from __future__ import annotations

import shutil

import html
from pathlib import Path

import feedparser
import pytest

from conftest import FIXTURES, TEMPLATES, run_cli

EMBARGO = FIXTURES / "embargo"
BEFORE = "2022-05-16T09:59"  # one minute before the 2022 release
AT = "2022-05-16T10:00"  # the publication time itself: published
EMBARGOED = ("2022/beslut/", "2022/beslut/stockholm/")
# Words that exist only in the embargoed round (invented for the fixture).
MARKERS = ("Kvastfening", "Pelargonvalv", "Lingonstigen", "Granbarrsmodellen", "Myrstackshav", "Embargo Citatsson",
           "Embargosdotter", "47 aktörer", "187 ansökningar", "230 miljoner", "Stockholm", "2022")


def build(out: Path, *extra: str) -> Path:
    code, _, err = run_cli("build", "--content", str(EMBARGO), "--templates", str(TEMPLATES), "--out", str(out), *extra)
    assert code == 0, err
    return out


def files_of(root: Path) -> dict[str, str]:
    """Every file under ``root`` as text (every file we write but an image is UTF-8), keyed by
    relative path. An image's text is its pixels: which images exist is checked by their paths
    (a release's share image is in its folder, like its page)."""
    return {p.relative_to(root).as_posix(): "" if p.suffix == ".png" else p.read_bytes().decode("utf-8")
            for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("embargo")
    return {
        "before": files_of(build(tmp / "before", "--now", BEFORE)),
        "at": files_of(build(tmp / "at", "--now", AT)),
        "early": files_of(build(tmp / "early", "--now", "2021-06-01T12:00")),
        "preview": files_of(build(tmp / "preview", "--now", BEFORE, "--drafts")),
    }


def paragraphs(txt: str) -> list[str]:
    return [p.strip() for p in txt.split("\n\n") if p.strip()]


@pytest.fixture(scope="module")
def secrets(sites) -> tuple[str, ...]:
    """Headline and every paragraph of the embargoed releases that no published release also has."""
    at = sites["at"]
    published_text = "\n".join(at[k] for k in at if k.startswith("2021/") and k.endswith("index.txt"))
    found = []
    for r in EMBARGOED:
        found += [p for p in paragraphs(at[r + "index.txt"]) if p not in published_text]
    found += list(MARKERS)
    return tuple(found)


def test_secrets_are_real_text_of_the_embargoed_releases(sites, secrets):
    at = sites["at"]
    titles = [at[r + "index.txt"].splitlines()[0] for r in EMBARGOED]
    assert titles == ["47 aktörer får statsbidrag för arbete mot segregation",
                      "Elva aktörer i Stockholms län får bidrag – flest i landet"]
    assert set(titles) <= set(secrets)
    assert any("Kvastfening" in s and "säger Embargo Citatsson" in s for s in secrets)  # a whole body paragraph
    assert len(secrets) > len(MARKERS) + 8


def occurrences(site: dict[str, str], needle: str) -> list[str]:
    """Files whose path or bytes contain ``needle`` (raw, or once HTML/XML entities are decoded)."""
    needle_l = needle.lower()
    return [path for path, text in site.items()
            if needle_l in path.lower() or needle_l in text.lower() or needle_l in html.unescape(text).lower()]


@pytest.mark.parametrize("moment", ["before", "early"])
def test_embargoed_release_is_in_no_file_before_its_time(sites, secrets, moment):
    site = sites[moment]
    assert "index.html" in site and "rss.xml" in site and "sitemap.xml" in site
    leaks = {s: occurrences(site, s) for s in secrets if occurrences(site, s)}
    assert leaks == {}


def test_before_its_time_no_page_county_or_feed_exists_for_it(sites):
    site = sites["before"]
    assert not [p for p in site if p.startswith(("2022/", "lan/stockholm/"))]
    assert sorted(p for p in site if p.endswith(".png")) == ["2021/beslut/delning.png", "2021/beslut/skane/delning.png",
                                                             "2021/beviljade-per-lan.png"]
    assert {"2022/beslut/delning.png", "2022/beslut/stockholm/delning.png", "2022/beviljade-per-lan.png"} <= set(sites["at"])
    assert set(p for p in site if p.endswith(("rss.xml", "atom.xml"))) == {
        "rss.xml", "atom.xml", "lan/skane/rss.xml", "lan/skane/atom.xml"}


@pytest.mark.parametrize("path, needles", [
    ("2022/beslut/index.html", ["47 aktörer får statsbidrag", "Kvastfening", "Pelargonvalv", 'href="stockholm/"']),
    ("2022/beslut/stockholm/index.html", ["Elva aktörer i Stockholms län", "Myrstackshav", "Lingonstigen"]),
    ("2022/beslut/index.txt", ["47 aktörer får statsbidrag", "187 ansökningar", "230 miljoner kronor"]),
    ("2022/index.html", ["47 aktörer får statsbidrag", "Elva aktörer i Stockholms län", "Stockholms län</a>"]),
    ("index.html", ["47 aktörer får statsbidrag", "Elva aktörer i Stockholms län", "lan/stockholm/"]),
    ("lan/stockholm/index.html", ["Elva aktörer i Stockholms län", "47 aktörer får statsbidrag"]),
    ("rss.xml", ["https://press.delmos.se/2022/beslut/", "https://press.delmos.se/2022/beslut/stockholm/", "Kvastfening"]),
    ("atom.xml", ["https://press.delmos.se/2022/beslut/", "https://press.delmos.se/2022/beslut/stockholm/"]),
    ("lan/stockholm/rss.xml", ["https://press.delmos.se/2022/beslut/stockholm/", "Myrstackshav"]),
    ("sitemap.xml", ["https://press.delmos.se/2022/beslut/stockholm/", "https://press.delmos.se/lan/stockholm/",
                     "https://press.delmos.se/2022/"]),
])
def test_at_its_time_it_is_in_the_right_files(sites, path, needles):
    text = html.unescape(sites["at"][path])
    for needle in needles:
        assert needle in text, (path, needle)


@pytest.mark.parametrize("feed, ids", [
    ("lan/skane/rss.xml", ["2022/beslut/", "2021/beslut/", "2021/beslut/skane/"]),
    ("lan/stockholm/atom.xml", ["2022/beslut/", "2022/beslut/stockholm/", "2021/beslut/"]),
])
def test_county_feeds_carry_their_own_and_the_national_releases(sites, feed, ids):
    parsed = feedparser.parse(sites["at"][feed].encode("utf-8"))
    assert [e.id for e in parsed.entries] == ["https://press.delmos.se/" + i for i in ids]


FUTURE_CORRECTION = "Framtida rättelse Tallkottsregn"


def test_a_correction_timed_later_is_embargoed_too(sites):
    early = sites["early"]  # 2021-06-01: the first correction is made, the second (10 June) is not
    assert occurrences(early, "I en tidigare version stod det fel") != []
    assert occurrences(early, FUTURE_CORRECTION) == []
    assert occurrences(early, "2021-06-10") == []  # not even as the release's updated time
    assert "2021/beslut/index.html" in occurrences(sites["before"], FUTURE_CORRECTION)


# --- preview ---------------------------------------------------------------------------------

BANNER = '<p class="draft-banner">UTKAST – publiceras 16 maj 2022 kl. 10.00</p>'
NOINDEX = '<meta name="robots" content="noindex">'


@pytest.mark.parametrize("path, draft", [
    ("2022/beslut/index.html", True),
    ("2022/beslut/stockholm/index.html", True),
    ("2021/beslut/index.html", False),
    ("2021/beslut/skane/index.html", False),
])
def test_preview_marks_unpublished_pages_with_banner_and_noindex(sites, path, draft):
    page = sites["preview"][path]
    assert (BANNER in page) is draft
    assert (NOINDEX in page) is draft


def test_preview_contains_the_drafts_and_a_normal_build_no_banner(sites):
    assert "2022/beslut/stockholm/index.html" in sites["preview"]
    assert sites["preview"][".pressrum-utdata"].endswith("utkast: ja\n")
    assert sites["preview"]["robots.txt"].endswith("User-agent: *\nDisallow: /\n")
    assert sites["before"]["robots.txt"].startswith("User-agent: *\nAllow: /\n")
    for moment in ("before", "at"):
        for path, text in sites[moment].items():
            assert "UTKAST" not in text, (moment, path)
            assert "noindex" not in text or path == "404.html", (moment, path)
        assert "utkast" not in sites[moment][".pressrum-utdata"]


def test_drafts_go_to_preview_by_default_never_releases(tmp_path):
    # The default output folders lie beside the content folder (here a copy, so the fixture stays clean).
    content = tmp_path / "site" / "content"
    shutil.copytree(EMBARGO, content)
    code, out, err = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES), "--now", BEFORE,
                             "--drafts", cwd=tmp_path)
    assert code == 0, err
    assert out.startswith("klart: 4 pressmeddelanden (varav 2 utkast) och ")
    assert (tmp_path / "site" / "preview" / "2022" / "beslut" / "index.html").is_file()
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["content", "preview"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("out", ["releases", "site/releases"])
def test_drafts_are_refused_into_releases(tmp_path, out):
    code, stdout, err = run_cli("build", "--content", str(EMBARGO), "--templates", str(TEMPLATES), "--now", BEFORE,
                                "--drafts", "--out", out, cwd=tmp_path)
    assert code == 2
    assert err == ("Pressrum skriver aldrig utkast i releases/. Ingenting har ändrats. "
                   "Välj en annan mapp med --out, till exempel --out preview.\n")
    assert list(tmp_path.iterdir()) == []


def test_drafts_are_refused_over_a_published_site(tmp_path):
    public = build(tmp_path / "public", "--now", BEFORE)
    before = files_of(public)
    code, _, err = run_cli("build", "--content", str(EMBARGO), "--templates", str(TEMPLATES), "--now", BEFORE,
                           "--drafts", "--out", str(public))
    assert code == 2
    assert "mappen innehåller ett publicerat nyhetsrum; utkast skrivs bara till en förhandsgranskning" in err
    assert files_of(public) == before


def test_the_same_folder_rebuilt_later_publishes_exactly_on_time(tmp_path):
    """A scheduled build (cron) into the same folder with unchanged content: the release appears
    at its time, and a correction at its time – whatever a build cache may remember."""
    out = tmp_path / "releases"
    steps = (("2021-06-01T12:00", False, False), ("2021-06-10T08:14", False, False), ("2021-06-10T08:15", False, True),
             (BEFORE, False, True), (AT, True, True), (BEFORE, False, True))
    shown = False
    for now, published, corrected in steps:
        # The clock set back after the release was out takes it away again: only if the editor says so.
        site = files_of(build(out, "--now", now, *(("--unpublish",) if shown and not published else ())))
        shown = published
        assert ("2022/beslut/stockholm/index.html" in site) is published, now
        assert bool(occurrences(site, "Kvastfening")) is published, now
        assert bool(occurrences(site, FUTURE_CORRECTION)) is corrected, now
