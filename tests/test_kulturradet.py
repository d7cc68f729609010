"""The second bundled newsroom: Kulturrådet's Skapande skola, läsåret 2017/18 (issue 13).

``examples/kulturradet/content`` holds the public facts of Kulturrådet's decision of 27 April
2017 (``../shared/reference/kulturradet-skapande-skola.yaml``): another agency, another grant,
money-led headlines, recipients counted by their own nouns, a measure in pupils, a round named
by the school year. Its output has golden files like the bundled example's, and none of the
bundled agency's words.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import NOW, ROOT, run_cli

EXAMPLE = ROOT / "examples" / "kulturradet"
CONTENT = EXAMPLE / "content"
BUNDLED_WORDS = re.compile(r"segregation|delmos|aktör|statsbidrag", re.IGNORECASE)
GOLDEN_FILES = ("2017/beslut/index.md", "2017/beslut/index.txt", "2017/beslut/index.html",
                "2017/beslut/skane/index.md", "2017/beslut/skane/index.txt", "2017/beslut/skane/index.html",
                "2017/beslut/jamtland/index.md", "2017/beslut/varmland/index.md", "2017/index.html",
                "atom.xml", "rss.xml", "lan/skane/atom.xml", "lan/skane/rss.xml")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The example built as the README says, from a copy (so the default output is beside it)."""
    copy = tmp_path_factory.mktemp("example") / "kulturradet"
    shutil.copytree(CONTENT, copy / "content")
    code, stdout, stderr = run_cli("build", "--content", str(copy / "content"), "--now", NOW)
    assert (code, stderr) == (0, ""), stderr
    assert stdout == f"klart: 4 pressmeddelanden och 36 filer i {copy / 'releases'}\n"  # with the county graphic
    return copy / "releases"


def _files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file() and p.suffix != ".css")


@pytest.mark.parametrize("name", GOLDEN_FILES)
def test_golden_kulturradet(site, golden, name):
    golden(f"kulturradet/{name}", (site / name).read_text(encoding="utf-8"))


def test_no_output_file_has_the_bundled_agencys_words(site):
    files = _files(site)
    assert len(files) == 36  # 30 pages and feeds, four share images, the county graphic and the output marker
    # An image's words are pixels: a card's text is what its alt text on the release page says.
    found = {str(p.relative_to(site)): sorted({m.lower() for m in BUNDLED_WORDS.findall(p.read_text(encoding="utf-8"))})
             for p in files if p.suffix != ".png"}
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.parametrize(("name", "headline"), [
    ("2017/beslut", "Cirka 177 miljoner kronor till kultur i skolan"),
    ("2017/beslut/skane", "Skåne får drygt 25 miljoner kronor till kultur i skolan"),
    ("2017/beslut/varmland", "Värmland får 6,3 miljoner kronor till kultur i skolan"),
    ("2017/beslut/jamtland", "Jämtland får 2,9 miljoner kronor till kultur i skolan"),
])
def test_headlines_lead_with_the_amount_and_carry_the_purpose(site, name, headline):
    assert (site / name / "index.txt").read_text(encoding="utf-8").splitlines()[0] == headline


def test_recipients_are_counted_by_their_own_nouns(site):
    skane = (site / "2017/beslut/skane/index.txt").read_text(encoding="utf-8")
    assert ("Statens kulturråd (Kulturrådet) har beviljat Skapande skola-bidrag till 31 kommuner och 20 friskolor "
            "i Skåne, sammanlagt drygt 25 miljoner kronor.") in skane
    assert "Cirka 120\u00a0000 elever i Skåne får ta del av kulturen i skolan genom bidragen." in skane
    assert "ansökningar från" not in skane
    assert "I hela landet har Kulturrådet beviljat bidrag till 380 skolhuvudmän: 264 kommuner, 114 friskolor och 2 statliga skolor." in skane  # N1: one form in a list
    assert "Kulturrådet fördelar sammanlagt cirka 177 miljoner kronor till kultur i skolan under läsåret 2017/18." in skane


def test_the_round_is_named_by_its_school_year(site):
    page = (site / "2017/index.html").read_text(encoding="utf-8")
    assert "<h1>Skapande skola läsåret 2017/18</h1>" in page
    assert "Skapande skola läsåret 2017/18" in (site / "index.html").read_text(encoding="utf-8")


def test_phone_numbers_keep_their_area_codes_grouping(site):
    text = (site / "2017/beslut/index.txt").read_text(encoding="utf-8")
    assert "Telefon: 08-519 264 51\n" in text and "Telefon: 08-519 264 25\n" in text
    assert "08-51 92 64 51" not in text


def test_check_says_no_problems():
    code, stdout, stderr = run_cli("check", "--content", str(CONTENT), "--now", NOW)
    assert (code, stdout, stderr) == (0, "inga fel – fyra pressmeddelanden kan byggas\n", "")
