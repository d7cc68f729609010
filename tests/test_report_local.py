"""A county's own release of the year's report (typ: redovisning, templates/releases/redovisning/
lokal.md.j2): only for the counties the editor chooses with ``lokala-pressmeddelanden`` on the
report (none by default), with the county's figures counted from the rows of the recipient list
decided before the report, never typed or invented. Fixture data is invented
(tests/fixtures/bidragsar, which chooses Skåne and Stockholm)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, TEMPLATES, run_cli
from pressrum.derive import derive
from pressrum.facts import DECISION, REPORT, SUPPLEMENT
from pressrum.grants import actors_by_type
from pressrum.validate import load_content

YEAR = FIXTURES / "bidragsar" / "content"
NOW = "2027-06-01T00:00"
ROUND = "rounds/2025/round.yaml"
CHOICE = "    lokala-pressmeddelanden: [skane, stockholm]\n"


@pytest.fixture(scope="module")
def year_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report-local") / "site"
    code, _, err = run_cli("build", "--content", str(YEAR), "--templates", str(TEMPLATES), "--out", str(out), "--now", NOW)
    assert code == 0, err
    return out


def text(site: Path, release: str) -> str:
    return (site / release / "index.txt").read_text(encoding="utf-8")


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(YEAR, content)
    f = content / ROUND
    source = f.read_text(encoding="utf-8")
    assert old in source, old
    f.write_text(source.replace(old, new, 1), encoding="utf-8")
    return content


def _local_releases(site: Path) -> list[str]:
    report = site / "2025" / "redovisning"
    return sorted(p.name for p in report.iterdir() if p.is_dir() and (p / "index.md").exists())


@pytest.mark.parametrize("release, present", [
    ("2025/redovisning/skane", "Delegationen mot segregation (Delmos) har lämnat sin redovisning av statsbidrag för "
     "arbete mot segregation 2025 till regeringen. I Skåne fick sex aktörer bidrag, sammanlagt 15,15 miljoner kronor "
     "för 2025."),
    # new actors of both decisions; a recipient of the supplement (Kvarterskraft) is one of them
    ("2025/redovisning/skane", "Tre ansökningar från kommuner och regioner samt tre från ideella organisationer har "
     "beviljats bidrag i länet."),
    ("2025/redovisning/skane", "• Kvarterskraft, Malmö: 300\xa0000 kronor\n"),
    # a top-up counts in the county's kronor, never as one more actor (five, not six)
    ("2025/redovisning/stockholm", "I Stockholms län fick fem aktörer bidrag, sammanlagt 16,75 miljoner kronor för "
     "2025."),
    ("2025/redovisning/stockholm", "• Botkyrka kommun: 500\xa0000 kronor (tillägg)\n"),
    # the country's figures are the report's, and the national release is linked
    ("2025/redovisning/stockholm", "I hela landet fick 17 aktörer bidrag 2025, sammanlagt 50,6 miljoner kronor. Läs mer "
     "i Delmos nationella pressmeddelande: 17 aktörer fick statsbidrag för arbete mot segregation 2025"),
    # the national release links to the chosen counties' releases
    ("2025/redovisning", "Det finns lokala pressmeddelanden om mottagarna i två län:"),
])
def test_sentences(year_site, release, present):
    assert present in text(year_site, release)


def test_the_county_figures_are_the_rows_decided_before_the_report():
    """A differential check against the recipient list itself: the county's actors are its new
    actors in the decision and the supplement, its amount every row's kronor, top-ups included."""
    content = load_content(YEAR)
    facts = next(f for f in derive(content) if f.key == "2025")
    report = next(a for a in facts.announcements if a.kind == REPORT)
    decided = {a.key for a in facts.announcements if a.kind in (DECISION, SUPPLEMENT) and a.published <= report.published}
    assert sorted(c.lan.slug for c in report.counties) == ["skane", "stockholm"]
    for county in report.counties:
        rows = [g for g in facts.grants if g.announcement in decided and g.municipality.lan == county.lan]
        assert county.total == sum(actors_by_type(rows).values())
        assert county.amount == sum(g.amount for g in rows)
        assert sorted(county.grants, key=id) == sorted(rows, key=id)
    assert {c.lan.slug: (c.total, c.amount) for c in report.counties} == {"skane": (6, 15_150_000),
                                                                         "stockholm": (5, 16_750_000)}


@pytest.mark.parametrize("choice", ["", "    lokala-pressmeddelanden: inga\n"])
def test_without_a_choice_no_county_gets_a_report_release(tmp_path, choice):
    """The default is none: county feeds get no second release about the same money, even when
    the round itself chooses counties for its decisions."""
    content = _edited(tmp_path, CHOICE, choice)
    rounds = content / ROUND
    rounds.write_text("lokala-pressmeddelanden: [skane]\n" + rounds.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "site"
    code, _, err = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out), "--now", NOW)
    assert code == 0, err
    assert _local_releases(out) == []
    assert "lokala pressmeddelanden" not in text(out, "2025/redovisning")
    assert (out / "2025/beslut/skane/index.md").is_file()  # the round's choice still holds for its decisions


@pytest.mark.parametrize("edits, expected", [
    # a county with no recipient in the decisions before the report
    ([(CHOICE, "    lokala-pressmeddelanden: [skane, gotland]\n")],
     "content/rounds/2025/round.yaml:50:38: Gotland har inga mottagare i besluten och tilläggen före redovisningen, "
     "så länet får inget lokalt pressmeddelande där – ta bort länet ur listan, eller välj bland länen med "
     "mottagare: stockholm, uppsala, sodermanland, skane, vastra-gotaland\n"),
    # Uppsala's only recipient comes in the supplement, and the report is moved before it
    ([(CHOICE, "    lokala-pressmeddelanden: [uppsala]\n"),
      ("    publiceras: 2026-02-20 09:00\n", "    publiceras: 2025-08-20 09:00\n")],
     "content/rounds/2025/round.yaml:50:31: Uppsala län har inga mottagare i besluten och tilläggen före "
     "redovisningen, så länet får inget lokalt pressmeddelande där – ta bort länet ur listan, eller välj bland länen med "
     "mottagare: stockholm, skane, vastra-gotaland\n"),
])
def test_a_county_without_recipients_before_the_report_is_a_located_error(tmp_path, edits, expected):
    content = tmp_path / "content"
    shutil.copytree(YEAR, content)
    f = content / ROUND
    source = f.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in source, old
        source = source.replace(old, new, 1)
    f.write_text(source, encoding="utf-8")
    code, out, err = run_cli("check", "--content", "content", "--templates", str(TEMPLATES), "--now", "2025-01-01T00:00",
                             cwd=tmp_path)
    assert (code, out) == (1, "")
    assert err == expected + "ett fel i en fil\n"
