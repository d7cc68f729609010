"""Another agency, another grant: the words come from content (issue 13).

``tests/fixtures/vocabulary/content`` is invented: an agency without a short name whose grant
words differ from the bundled example's in every slot of ``bidrag``.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, NOW, TEMPLATES, run_cli
from pressrum.grant_words import DEFAULT_WORD, grant_words
from pressrum.site_models import GrantWordsOverride, SiteFile

VOCABULARY = FIXTURES / "vocabulary" / "content"
BUNDLED_WORDS = re.compile(r"segregation|delmos|aktör|statsbidrag", re.IGNORECASE)


@pytest.fixture(scope="module")
def vocabulary_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("vocabulary") / "releases"
    code, _, stderr = run_cli("build", "--content", str(VOCABULARY), "--templates", str(TEMPLATES),
                              "--out", str(out), "--now", NOW)
    assert code == 0, stderr
    return out


def _files(out: Path) -> list[Path]:
    """The output's text files (a share image's words are pixels; its alt text is on its page)."""
    return sorted(p for p in out.rglob("*") if p.is_file() and p.suffix not in (".css", ".png"))


def test_no_output_file_has_the_bundled_agencys_words(vocabulary_site):
    files = _files(vocabulary_site)
    assert len(files) > 15
    found = {str(p.relative_to(vocabulary_site)): sorted({m.lower() for m in BUNDLED_WORDS.findall(p.read_text(encoding="utf-8"))})
             for p in files}
    assert {k: v for k, v in found.items() if v} == {}


def test_the_grant_words_are_the_contents(vocabulary_site):
    national = (vocabulary_site / "2025/beslut/index.md").read_text(encoding="utf-8")
    assert national.startswith("# 13 projekt får stöd för renare vatten\n")
    assert "\n## Om stödet\n" in national
    local = (vocabulary_site / "2025/beslut/halland/index.md").read_text(encoding="utf-8")
    assert local.startswith("# Stöd för renare vatten till ett projekt i Halland\n")  # ett-genus
    page = (vocabulary_site / "2025/beslut/index.html").read_text(encoding="utf-8")
    assert '<h2 id="fakta">Om stödet</h2>' in page  # the content's heading is the fact box
    assert "<h1>Vattenstöd 2025</h1>" in (vocabulary_site / "2025/index.html").read_text(encoding="utf-8")


def test_a_sender_without_a_short_name_is_not_named_twice(vocabulary_site):
    for p in _files(vocabulary_site):
        text = p.read_text(encoding="utf-8")
        assert "Vattenmyndigheten för kust och sjö (" not in text, p
    national = (vocabulary_site / "2025/beslut/index.md").read_text(encoding="utf-8")
    assert "**Vattenmyndigheten för kust och sjö har fattat beslut" in national
    assert "## Om Vattenmyndigheten för kust och sjö\n" in national


def test_golden_vocabulary_releases(vocabulary_site, golden):
    golden("vocabulary/2025/beslut/index.md", (vocabulary_site / "2025/beslut/index.md").read_text(encoding="utf-8"))
    golden("vocabulary/2025/beslut/halland/index.md",
           (vocabulary_site / "2025/beslut/halland/index.md").read_text(encoding="utf-8"))


def _site(**grant) -> SiteFile:
    import yaml
    data = yaml.safe_load((VOCABULARY / "site.yaml").read_text(encoding="utf-8"))
    data["bidrag"] = grant
    return SiteFile.model_validate(data)


UNIT = {"singular": "åtgärd", "plural": "åtgärder", "genus": "en"}


def test_defaults_are_plain_swedish_and_no_agencys_words():
    words = grant_words(_site(namn="stöd till cykelvägar", till="nya cykelvägar", räknas=UNIT).grant)
    assert words.word == DEFAULT_WORD and words.short_word == DEFAULT_WORD
    assert (words.title, words.fact_heading, words.earmarked) == ("Bidrag", "Fakta om stöd till cykelvägar", "det avsatts")
    assert words.purpose_for == words.recipients_purpose == "nya cykelvägar"


def test_a_round_replaces_single_words():
    site = _site(namn="stöd till cykelvägar", till="nya cykelvägar", räknas=UNIT, titel="Cykelstöd")
    words = grant_words(site.grant, GrantWordsOverride.model_validate({"titel": "Cykelstöd 2.0"}))
    assert words.title == "Cykelstöd 2.0" and words.name == "stöd till cykelvägar"


def test_a_missing_word_is_a_located_swedish_error(tmp_path):
    import shutil
    content = tmp_path / "content"
    shutil.copytree(VOCABULARY, content)
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("  till: renare sjöar och vattendrag\n", ""), encoding="utf-8")
    code, out, err = run_cli("check", "--content", str(content), "--now", NOW)
    assert code == 1
    message = out + err
    assert "site.yaml:" in message and "till" in message, message
