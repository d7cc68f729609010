"""A county release sent by another organisation (``avsändare`` in lan/<län>.yaml, issue 13).

The invented vocabulary fixture is copied, and Skåne's county file gets an invented
länsstyrelse as its sender: Skåne's local release is the länsstyrelse's (dateline, contacts,
"Om" section, JSON-LD, the quote's organisation), while the grant is still the agency's, and the
national release and Halland's local release are exactly as without it.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, NOW, TEMPLATES, run_cli

VOCABULARY = FIXTURES / "vocabulary" / "content"
SITE_ORG = "Vattenmyndigheten för kust och sjö"
SITE_CONTACT = ("Kim Strand", "kim.strand@vattenmyndigheten.example", "010-123 45 67")
SENDER = """
citat:
  - text: Skånes sjöar blir renare när kommunerna och föreningarna gör jobbet tillsammans.
    namn: Lena Ek
    titel: landshövding
avsändare:
  namn: Länsstyrelsen i Påhittade Skåne
  kortnamn: Länsstyrelsen
  webbplats: https://www.lansstyrelsen.example/skane
  e-post: skane@lansstyrelsen.example
  presskontakter:
    - namn: Sara Holm
      titel: pressansvarig
      e-post: sara.holm@lansstyrelsen.example
      telefon: 010-224 10 00
  om: >
    Länsstyrelsen i Påhittade Skåne är en påhittad länsstyrelse som fördelar
    stöd för renare vatten i länet.
"""


def _content(tmp_path: Path, extra: str = SENDER) -> Path:
    content = tmp_path / "content"
    shutil.copytree(VOCABULARY, content)
    skane = content / "rounds/2025/lan/skane.yaml"
    skane.write_text(skane.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return content


def _build(content: Path, out: Path) -> Path:
    code, _, stderr = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES),
                              "--out", str(out), "--now", NOW)
    assert code == 0, stderr
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(with the county sender, without it)."""
    tmp = tmp_path_factory.mktemp("county-sender")
    return (_build(_content(tmp / "with"), tmp / "with" / "releases"),
            _build(VOCABULARY, tmp / "without" / "releases"))


def _read(out: Path, path: str) -> str:
    return (out / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["index.md", "index.txt", "index.html"])
def test_the_county_release_is_the_senders(built, name):
    text = _read(built[0], f"2025/beslut/skane/{name}")
    if name == "index.html":
        assert "av Länsstyrelsen i Påhittade Skåne</p>" in text
        assert '<h2 id="om">Om Länsstyrelsen</h2>' in text
        assert '<a href="mailto:sara.holm@lansstyrelsen.example">' in text
    else:
        assert "Pressmeddelande – Skåne län, Länsstyrelsen i Påhittade Skåne, " in text
        assert re.search(r"^(## )?Om Länsstyrelsen\n\nLänsstyrelsen i Påhittade Skåne är en påhittad", text, re.M)
        assert "Sara Holm, pressansvarig" in text
        assert "Telefon: 010-224 10 00" in text
    assert "säger Lena Ek, landshövding på Länsstyrelsen." in text
    for word in SITE_CONTACT:  # no contact of site.yaml's
        assert word not in text
    assert f"Om {SITE_ORG}" not in text
    assert f"stöd för renare vatten från {SITE_ORG}" in text  # the grant is still the agency's


def test_the_county_releases_json_ld_names_the_sender(built):
    page = _read(built[0], "2025/beslut/skane/index.html")
    data = json.loads(re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S).group(1))
    assert data["author"] == {"@type": "GovernmentOrganization", "name": "Länsstyrelsen i Påhittade Skåne"}
    assert data["publisher"] == {"@type": "GovernmentOrganization", "name": "Länsstyrelsen i Påhittade Skåne",
                                 "url": "https://www.lansstyrelsen.example/skane"}


@pytest.mark.parametrize("path", ["2025/beslut/index.md", "2025/beslut/index.txt", "2025/beslut/index.html",
                                  "2025/beslut/halland/index.md", "2025/beslut/halland/index.html",
                                  "index.html", "lan/halland/index.html", "tillganglighet/index.html"])
def test_the_national_release_other_counties_and_the_newsroom_stay_the_sites(built, path):
    with_sender, without = built
    assert _read(with_sender, path) == _read(without, path)


def test_the_national_release_is_the_sites(built):
    national = _read(built[0], "2025/beslut/index.md")
    assert f"Pressmeddelande, {SITE_ORG}, " in national
    assert "Kim Strand, presschef" in national
    assert "Länsstyrelsen" not in national


@pytest.mark.parametrize("bad, message", [
    ("sara.holm@lansstyrelsen.example", "'sara.holm' är ingen giltig e-postadress – skriv adressen som namn@myndighet.se"),
    ("010-224 10 00", "telefonnumret '0102241000' saknar markerat riktnummer – skriv det med bindestreck efter "
                      "riktnumret, till exempel 010-140 77 10"),
])
def test_a_bad_sender_contact_is_a_located_error_as_in_site_yaml(tmp_path, bad, message):
    wrong = {"sara.holm@lansstyrelsen.example": "sara.holm", "010-224 10 00": "0102241000"}[bad]
    content = _content(tmp_path, SENDER.replace(bad, wrong))
    code, stdout, stderr = run_cli("check", "--content", str(content), "--templates", str(TEMPLATES))
    assert code != 0
    lines = (stdout + stderr).splitlines()
    located = [line for line in lines if line.endswith(message)]
    assert len(located) == 1, lines
    assert re.match(r".*rounds/2025/lan/skane\.yaml:\d+:\d+: ", located[0]), located[0]


def test_a_sender_needs_its_press_contacts(tmp_path):
    content = _content(tmp_path, re.sub(r"  presskontakter:\n(    .*\n)+", "", SENDER))
    code, stdout, stderr = run_cli("check", "--content", str(content), "--templates", str(TEMPLATES))
    assert code != 0
    assert "skane.yaml" in stdout + stderr and "presskontakter" in stdout + stderr


def test_the_county_sender_sends_its_part_of_a_supplement_too(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "kinds" / "content", content)
    skane = content / "rounds/2024/lan/skane.yaml"
    sender = SENDER[SENDER.index("avsändare:"):]
    skane.write_text(skane.read_text(encoding="utf-8") + sender, encoding="utf-8")
    out = _build(content, tmp_path / "releases")
    local = _read(out, "2024/tillagg-juni/skane/index.md")
    assert "Länsstyrelsen i Påhittade Skåne, " in local and "\n## Om Länsstyrelsen\n" in local
    assert "Sara Holm, pressansvarig" in local
    assert "Länsstyrelsen" not in _read(out, "2024/tillagg-juni/uppsala/index.md")
    assert "Länsstyrelsen" not in _read(out, "2024/tillagg-juni/index.md")
