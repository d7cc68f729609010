"""The year's report to the government (typ: redovisning): its figures typed or derived from the
round's decisions, phrased in the house style; local releases only for the counties the editor
chooses (tests/test_report_local.py). Fixture data is invented."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, TEMPLATES, run_cli
from pressrum.release_models import Share
from pressrum.reports import share

YEAR = FIXTURES / "bidragsar" / "content"


@pytest.fixture(scope="module")
def year_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "site"
    code, _, err = run_cli("build", "--content", str(YEAR), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", "2027-06-01T00:00")
    assert code == 0, err
    return out


def test_a_report_has_a_national_release_and_local_ones_only_where_chosen(year_site):
    report = year_site / "2025" / "redovisning"
    assert (report / "index.md").is_file()
    # the fixture's report chooses Skåne and Stockholm (lokala-pressmeddelanden); tests/test_report_local.py has the rest
    assert sorted(p.name for p in report.iterdir() if p.is_dir() and (p / "index.md").exists()) == ["skane", "stockholm"]


def test_budget_distributed_granted_paid_and_shares(year_site):
    t = (year_site / "2025/redovisning/index.txt").read_text(encoding="utf-8")
    # the budget is the round's medel; distributed and granted are the decision's and the
    # supplement's (the final figures, not the first decision's 13 actors)
    assert "Av 64 miljoner kronor fördelades 50,6 miljoner kronor." in t
    assert "Totalt kom det in 305 ansökningar, varav 17 beviljades." in t
    # 11 of 33 is exactly a third; 11 of 290 is no fraction, so a rounded percentage
    assert "Bidrag gick till en tredjedel av de kommuner som regeringen pekat ut (11 av 33) och 4 procent " \
           "av landets kommuner (11 av 290)." in t
    # the typed payment as the agency states it, never shown as exact
    assert "Under 2025 betalade Delmos ut knappt 48 miljoner kronor." in t
    assert "fjol" not in t


@pytest.mark.parametrize("count, whole, fraction, percent", [
    (11, 33, "en tredjedel", 33),
    (22, 33, "två tredjedelar", 67),
    (145, 290, "hälften", 50),
    (58, 290, "en femtedel", 20),
    (29, 290, "en tiondel", 10),
    (97, 290, None, 33),  # close to a third, but not one: never "en tredjedel"
    (11, 290, None, 4),
    (1, 8, None, 13),  # 12,5 rounds half up
    (3, 3, None, 100),
])
def test_a_fraction_only_where_the_share_is_exactly_one(count, whole, fraction, percent):
    s = share(count, Share.model_validate({"antal": count, "av": whole, "vad": "landets kommuner"}))
    assert (s.fraction, s.percent) == (fraction, percent)


def _check(tmp_path: Path, old: str, new: str) -> tuple[int, str, str]:
    content = tmp_path / "content"
    shutil.copytree(YEAR, content)
    round_file = content / "rounds/2025/round.yaml"
    text = round_file.read_text(encoding="utf-8")
    assert old in text
    round_file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return run_cli("check", "--content", "content", "--templates", str(TEMPLATES), "--now", "2027-06-01T00:00",
                   cwd=tmp_path)


def test_a_typed_figure_with_its_word_agrees_with_the_decisions(tmp_path):
    # the decisions distribute 50 600 000 kronor: "drygt 50 miljoner" agrees, "knappt 50 miljoner" does not
    code, out, err = _check(tmp_path, "      utbetalt: 48000000\n", "      fördelat: 50000000\n      fördelat-ord: drygt\n"
                                                                      "      utbetalt: 48000000\n")
    assert (code, err) == (0, "")
    code, out, err = _check(tmp_path / "b", "      utbetalt: 48000000\n",
                            "      fördelat: 50000000\n      fördelat-ord: knappt\n      utbetalt: 48000000\n")
    assert code == 1
    assert err == ("content/rounds/2025/round.yaml:40:17: redovisningen säger att knappt 50\xa0000\xa0000 kronor "
                   "fördelades, men besluten före den (content/rounds/2025/round.yaml:26, "
                   "content/rounds/2025/round.yaml:33) fördelar 50\xa0600\xa0000 kronor – rätta 'fördelat:' eller "
                   "besluten; utan raden räknas beloppet fram ur besluten\nett fel i en fil\n")


def test_a_share_above_its_whole_names_its_line(tmp_path):
    code, out, err = _check(tmp_path, "          av: 33\n", "          av: 8\n")
    assert (code, out) == (1, "")
    assert err == ("content/rounds/2025/round.yaml:44:15: andelen 11 av 8 är mer än helheten, de kommuner som "
                   "regeringen pekat ut – rätta 'av:' eller delen; en andel kan inte vara större än det den räknas av\n"
                   "ett fel i en fil\n")


def test_decisions_and_supplements_above_the_budget_name_every_line(tmp_path):
    # the decision (42,7 miljoner) is within 50 miljoner; with the supplement (7,9) it is not
    code, out, err = _check(tmp_path, "medel: 64000000\n", "medel: 50000000\n")
    assert (code, out) == (1, "")
    assert err == ("content/rounds/2025/round.yaml:37:10: besluten före redovisningen (content/rounds/2025/round.yaml:26, "
                   "content/rounds/2025/round.yaml:33) fördelar 50\xa0600\xa0000 kronor, mer än medlen, 50\xa0000\xa0000 "
                   "kronor (content/rounds/2025/round.yaml:4) – rätta medlen eller beloppen i besluten; det som fördelas "
                   "kan inte vara mer än det som fanns\nett fel i en fil\n")


def test_whom_the_report_is_handed_to_is_content(tmp_path, year_site):
    assert "har lämnat sin redovisning av statsbidrag för arbete mot segregation 2025 till regeringen." in \
        (year_site / "2025/redovisning/index.txt").read_text(encoding="utf-8")
    content = tmp_path / "content"
    shutil.copytree(YEAR, content)
    round_file = content / "rounds/2025/round.yaml"
    round_file.write_text(round_file.read_text(encoding="utf-8").replace(
        "    redovisning:\n      utbetalt:", "    redovisning:\n      lämnas-till: Kulturdepartementet\n      utbetalt:", 1),
        encoding="utf-8")
    out = tmp_path / "site"
    code, _, err = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", "2027-06-01T00:00")
    assert code == 0, err
    assert "2025 till Kulturdepartementet." in (out / "2025/redovisning/index.txt").read_text(encoding="utf-8")
