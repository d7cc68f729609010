"""A call for applications (typ: utlysning): its times, who may apply, its money and caps as
derived facts, phrased in the house style; no local releases. Fixture data is invented."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, TEMPLATES, run_cli
from pressrum.headlines import MAX_LENGTH

CALLS = FIXTURES / "utlysning" / "content"
RELEASES = ("2025/utlysning", "2025/utlysning/skane", "2026/utlysning")


@pytest.fixture(scope="module")
def call_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("call") / "site"
    code, _, err = run_cli("build", "--content", str(CALLS), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", "2026-06-01T00:00")
    assert code == 0, err
    return out


def text(site: Path, release: str) -> str:
    return (site / release / "index.txt").read_text(encoding="utf-8")


def test_a_call_has_local_releases_only_where_a_county_file_gives_its_county_facts(call_site):
    # Skåne's file has utlysning: (money and invited); Stockholm's has none: no local call release
    built = sorted(p.parent.relative_to(call_site).as_posix() for p in call_site.rglob("index.md"))
    assert built == sorted(RELEASES)
    national = text(call_site, "2025/utlysning")
    assert "Läs mer om utlysningen i Skåne i det lokala pressmeddelandet:" in national
    local = text(call_site, "2025/utlysning/skane")
    assert "I Skåne finns cirka nio miljoner kronor att söka, av cirka 64 miljoner kronor i hela landet." in local
    assert "Delmos har bjudit in 24 aktörer i Skåne att söka." in local
    assert "Läs mer i Delmos nationella pressmeddelande" in local


def _county_call_check(tmp_path, round_edit: tuple[str, str], county: str) -> tuple[int, str]:
    content = tmp_path / "content"
    shutil.copytree(CALLS, content)
    round_file = content / "rounds/2025/round.yaml"
    round_file.write_text(round_file.read_text(encoding="utf-8").replace(*round_edit), encoding="utf-8")
    (content / "rounds/2025/lan/skane.yaml").write_text(county, encoding="utf-8")
    code, _, err = run_cli("check", "--content", "content", "--templates", str(TEMPLATES), "--now", "2026-06-01T00:00",
                           cwd=tmp_path)
    return code, err


@pytest.mark.parametrize("round_edit, county, expected", [
    # 70 million in Skåne against "knappt 64 miljoner" in the country: certainly more
    (("belopp-ord: cirka", "belopp-ord: knappt"), "utlysning:\n  belopp: 70000000\n",
     "content/rounds/2025/lan/skane.yaml:2:11: 70\xa0000\xa0000 kronor att söka i länet är mer än knappt "
     "64\xa0000\xa0000 kronor i hela landet (content/rounds/2025/round.yaml:11) – rätta länets belopp under "
     "'utlysning:' eller utlysningens belopp\nett fel i en fil\n"),
    # against "cirka 64 miljoner" it may be within it: approximate, no error
    (("", ""), "utlysning:\n  belopp: 70000000\n", ""),
    # more invited in Skåne than may apply in the whole country
    (("", ""), "utlysning:\n  inbjudna: 300\n",
     "content/rounds/2025/lan/skane.yaml:2:13: 300 inbjudna i länet är fler än de 290 som kan söka i hela landet "
     "(content/rounds/2025/round.yaml:16) – rätta antalet inbjudna i länet eller i utlysningen\nett fel i en fil\n"),
])
def test_a_countys_call_facts_within_the_countrys(tmp_path, round_edit, county, expected):
    assert _county_call_check(tmp_path, round_edit, county) == (1 if expected else 0, expected)


@pytest.mark.parametrize("release", RELEASES)
@pytest.mark.parametrize("suffix", ["md", "txt"])
def test_release_text_is_golden(call_site, golden, release, suffix):
    golden(f"utlysning/{release}/index.{suffix}", (call_site / release / f"index.{suffix}").read_text(encoding="utf-8"))


@pytest.mark.parametrize("release, expected", [
    # the money as the agency states it (cirka), and the call opens after the release: never "nu";
    # the formulations with the grant's name are over 70 characters
    ("2025/utlysning", "Cirka 64 miljoner kronor att söka från den 2 mars"),
    # two schemes never added together: no total to lead with, so who may apply leads; the release
    # is published as the call opens
    ("2026/utlysning", "Nu kan kommuner, regioner och ideella organisationer söka bidrag"),
])
def test_headline_within_the_limit(call_site, release, expected):
    title = (call_site / release / "index.md").read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
    assert title == expected and len(title) <= MAX_LENGTH


def test_dates_who_money_and_caps_in_running_text(call_site):
    t = text(call_site, "2025/utlysning")
    # published on 24 February, a week before the call opens: "kan söka från", not "nu kan söka"
    assert "Kommuner, regioner och ideella organisationer kan söka statsbidrag för arbete mot segregation 2025 " \
           "hos Delegationen mot segregation (Delmos) från den 2 mars till den 3 april 2025 kl. 12.00." in t
    assert "Nu " not in t and "nu " not in t
    assert "Det finns cirka 64 miljoner kronor att söka till arbetet mot segregation." in t
    assert "Av pengarna går högst 40 miljoner kronor till kommuner och regioner samt högst 30 miljoner kronor " \
           "till ideella organisationer." in t
    assert "Totalt kan 290 aktörer söka." in t
    assert "Ansökan ska ha kommit in till Delmos senast den 3 april 2025 kl. 12.00." in t
    # the estimate is never shown as exact
    assert "64 miljoner kronor" not in t.replace("cirka 64 miljoner kronor", "").replace("Cirka 64 miljoner kronor", "")


def test_schemes_of_a_call_are_named_each_with_its_money(call_site):
    t = text(call_site, "2026/utlysning")
    assert "Nu kan kommuner, regioner och ideella organisationer söka statsbidrag för arbete mot segregation 2026" in t
    assert "Ansökan är öppen från den 15 december 2025 till den 30 januari 2026 kl. 16.00." in t
    assert "Inom statsbidraget för insatser mot segregation finns 85 miljoner kronor att söka" in t
    # medel-ord: cirka on the scheme, inbjudna-ord: drygt: each figure as the agency states it, never exact
    assert "Inom statsbidraget till kommuner med socioekonomiskt eftersatta områden finns cirka 160 miljoner kronor att söka" in t
    assert "245 miljoner" not in t  # the two schemes' money is never added up
    assert "Delmos har bjudit in drygt 32 aktörer att söka." in t


def test_a_round_with_only_a_call_claims_no_grants(call_site):
    for release in RELEASES:
        t = text(call_site, release)
        assert "beviljat" not in t and "inga aktörer" not in t
        assert not re.search(r"(?<![\d\xa0])0 aktörer", t)


def test_more_invited_than_eligible_names_both_lines(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CALLS, content)
    round_file = content / "rounds/2025/round.yaml"
    round_file.write_text(round_file.read_text(encoding="utf-8").replace("    behöriga: 290\n",
                                                                         "    behöriga: 290\n    inbjudna: 300\n"),
                          encoding="utf-8")
    code, out, err = run_cli("check", "--content", "content", "--templates", str(TEMPLATES), "--now", "2026-06-01T00:00",
                             cwd=tmp_path)
    assert (code, out) == (1, "")
    assert err == ("content/rounds/2025/round.yaml:17:15: 300 inbjudna är fler än de 290 som kan söka "
                   "(content/rounds/2025/round.yaml:16) – rätta raden 'inbjudna:' eller 'behöriga:'; bara den som "
                   "kan söka kan bjudas in\nett fel i en fil\n")
