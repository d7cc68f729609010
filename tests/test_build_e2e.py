"""End to end: the bundled example built by ``build.py`` in a subprocess, compared with goldens."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest

from conftest import CONTENT, NOW, TEMPLATES, run_cli

RELEASES = ("2021/beslut/", "2021/beslut/skane/")
FEEDS = ("rss.xml", "atom.xml", "lan/skane/rss.xml", "lan/skane/atom.xml")
PUBLISHED = datetime(2021, 5, 17, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def test_build_writes_every_page_and_feed(bundled_site):
    expected = {"index.html", "style.css", "404.html", "sitemap.xml", "robots.txt", "tillganglighet/index.html", "integritet/index.html",
                "2021/index.html", "2021/beviljade-per-lan.png", "lan/skane/index.html", *FEEDS}
    for r in RELEASES:
        expected |= {r + "index.html", r + "index.md", r + "index.txt", r + "delning.png"}
    built = {p.relative_to(bundled_site).as_posix() for p in bundled_site.rglob("*") if p.is_file()}
    assert built - {".pressrum-utdata"} == expected


@pytest.mark.parametrize("path", [r + "index.md" for r in RELEASES] + [r + "index.html" for r in RELEASES]
                         + [r + "index.txt" for r in RELEASES] + list(FEEDS))
def test_output_matches_golden(bundled_site, golden, path):
    golden("bundled/" + path, (bundled_site / path).read_text(encoding="utf-8"))


@pytest.mark.parametrize("feed", FEEDS)
def test_feeds_parse_with_stockholm_times(bundled_site, feed):
    parsed = feedparser.parse((bundled_site / feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language.startswith("sv") if "rss" in feed else True
    assert len(parsed.entries) == 2
    for entry in parsed.entries:
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        assert when is not None
        stamp = entry.get("published") or entry.get("updated")
        # The feed carries the Stockholm offset (+02:00 in May), and the instant is the YAML time.
        assert "+0200" in stamp or "+02:00" in stamp, stamp
        assert datetime(*when[:6], tzinfo=ZoneInfo("UTC")) == PUBLISHED


def test_two_builds_are_byte_identical(tmp_path):
    outs = []
    for name in ("a", "b"):
        out = tmp_path / name
        code, _, err = run_cli("build", "--content", str(CONTENT), "--templates", str(TEMPLATES),
                               "--out", str(out), "--now", NOW)
        assert code == 0, err
        outs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outs[0] == outs[1]


def test_national_release_reproduces_the_seed_facts(bundled_site):
    text = (bundled_site / "2021/beslut/index.txt").read_text(encoding="utf-8")
    for fact in (
        "90 aktörer får statsbidrag för arbete mot segregation",
        "58 kommuner och regioner samt 32 ideella organisationer",  # T6: no second "och"
        "Skåne är det län där flest aktörer beviljas bidrag",
        # the lead has said Skåne has most; the body goes on with its figures (Rep1)
        # the noun "ansökningar" said once (Rep6)
        "I Skåne har åtta ansökningar från civilsamhällesorganisationer och sju från kommuner beviljats bidrag.",
        "232 ansökningar",
        "250 miljoner kronor",
        "160 miljoner kronor",
        "säger Anders Kessling, direktör på Delmos",
        "Anneli Tillberg",
        "anneli.tillberg@delmos.se",
        "010-140 77 10",
        "17 maj 2021 kl. 10.00",
        # the seed's link to the local release, as the round-up of local releases: a sentence and a list
        "Läs mer om mottagarna i Skåne i det lokala pressmeddelandet:\n\n"
        "• Skåne i topp: 15 aktörer får statsbidrag för arbete mot segregation (https://press.delmos.se/2021/beslut/skane/)",
    ):
        assert fact in text, fact
    assert "Det län där flest" not in text  # the seed's second telling of the lead (Rep1)


def test_skane_release_has_the_data_angle_and_links_back(bundled_site):
    text = (bundled_site / "2021/beslut/skane/index.txt").read_text(encoding="utf-8")
    assert text.startswith("Skåne i topp: 15 aktörer får statsbidrag för arbete mot segregation\n")
    assert "Fleråriga bidrag har gått till fyra ideella organisationer i hela landet, och två av dem finns i Skåne." in text
    assert "https://press.delmos.se/2021/beslut/" in text


def test_check_writes_nothing(tmp_path):
    code, out, err = run_cli("check", "--content", str(CONTENT), "--templates", str(TEMPLATES), "--now", NOW,
                             cwd=tmp_path)
    assert code == 0, err
    assert "inga fel" in out
    assert list(tmp_path.iterdir()) == []


def test_usage_error_exits_2_in_swedish():
    code, out, err = run_cli("build", "--bogus")
    assert code == 2
    assert err.startswith("fel i kommandot: okända argument: --bogus")
    assert "Traceback" not in err
