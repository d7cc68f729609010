"""The intake of a round end to end, on a copy of the kinds fixture (invented data): early and
final counts, applicant actors and their split, interest registrations, and the cross-checks
that compare approximate counts as approximate."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, TEMPLATES, run_cli

KINDS = FIXTURES / "kinds" / "content"
LATER = "2026-01-01T00:00"
EARLY = "      ansökningar: 150\n      ansökningar-ord: över\n      sökande-aktörer: 140\n"


def _kinds(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    content = tmp_path / "content"
    shutil.copytree(KINDS, content)
    round_file = content / "rounds/2024/round.yaml"
    text = round_file.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    round_file.write_text(text, encoding="utf-8")
    return content


def _check(tmp_path: Path) -> tuple[int, str]:
    code, _, err = run_cli("check", "--content", "content", "--templates", str(TEMPLATES), "--now", LATER, cwd=tmp_path)
    return code, err


def _build(content: Path, out: Path) -> Path:
    code, _, err = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", LATER)
    assert code == 0, err
    return out


def _text(site: Path, release: str) -> str:
    return (site / release / "index.txt").read_text(encoding="utf-8")


def _error(line: str, message: str) -> str:
    return f"content/rounds/2024/round.yaml:{line}: {message}\nett fel i en fil\n"


@pytest.mark.parametrize("edits, expected", [
    # 220 so far cannot be more than the final 210: both places named
    ([(EARLY, "      ansökningar: 220\n")],
     _error("52:20", "antalet hittills, 220 ansökningar, är fler än de slutliga 210 ansökningarna "
                     "(content/rounds/2024/round.yaml:15) – rätta antalet hittills eller det slutliga antalet på raden "
                     "'ansökningar:' i round.yaml")),
    # "cirka 210" at the end may be more than 220: approximate, so no error
    ([(EARLY, "      ansökningar: 220\n"), ("ansökningar: 210\n", "ansökningar: 210\nansökningar-ord: cirka\n")], ""),
    # 160 actors so far, exactly 150 applications so far: more actors than applications
    ([(EARLY, "      ansökningar: 150\n      sökande-aktörer: 160\n")],
     _error("53:24", "160 sökande aktörer är fler än de 150 ansökningarna (content/rounds/2024/round.yaml:52) – en aktör "
                     "skickar minst en ansökan; rätta raden 'sökande-aktörer:' eller 'ansökningar:'")),
    # "över 150" applications so far may be 160 or more: no error
    ([(EARLY, "      ansökningar: 150\n      ansökningar-ord: över\n      sökande-aktörer: 160\n")], ""),
    # the final split counts actors: 95 + 80 is more than the 171 actors
    ([("  ideella: 76\n", "  ideella: 80\n")],
     _error("63:3", "delarna under 'sökande-per-typ:' blir 95 + 80 = 175, fler än de 171 sökande aktörerna "
                    "(content/rounds/2024/round.yaml:61) – rätta delarna eller totalen; en aktörstyp får saknas, men "
                    "delarna kan inte bli fler än totalen")),
    # "drygt 171" actors may be 175: no error
    ([("  ideella: 76\n", "  ideella: 80\n"), ("sökande-aktörer: 171\n", "sökande-aktörer: 171\nsökande-aktörer-ord: drygt\n")], ""),
])
def test_intake_checks_compare_approximate_counts_as_approximate(tmp_path, edits, expected):
    _kinds(tmp_path, *edits)
    assert _check(tmp_path) == (1 if expected else 0, expected)


def test_an_early_count_says_so_and_prints_only_its_own_figures(tmp_path):
    site = _build(KINDS, tmp_path / "site")
    t = _text(site, "2024/ansokningar-hittills")
    assert t.startswith("Hittills har över 150 ansökningar kommit in om bidrag 2024\n")
    assert "Hittills har Delegationen mot segregation (Delmos) fått in över 150 ansökningar från 140 aktörer" in t
    assert "Det finns 245 miljoner kronor att fördela." in t
    # the splits, the sought amount and the county ranking are the final count's
    for final in ("210", "171", "Flest", "Av ansökningarna", "sökande", "söks", "intresseanmälningar"):
        assert final not in t, final
    final = _text(site, "2024/ansokningar")
    assert "har fått in 210 ansökningar från 171 aktörer om" in final
    assert "Före ansökningarna kom över 400 intresseanmälningar in." in final
    assert "Av de sökande är 95 kommuner och regioner samt 76 ideella organisationer." in final
    assert "hittills" not in final.casefold()


def test_a_split_that_leaves_a_type_out_says_so(tmp_path):
    content = _kinds(tmp_path, ("  ideella: 76\n", ""))
    t = _text(_build(content, tmp_path / "site"), "2024/ansokningar")
    assert "Bland de sökande finns 95 kommuner och regioner." in t and "Av de sökande" not in t


def test_registrations_alone_make_the_release(tmp_path):
    # before the applications: only the registrations and the money, no sought amount
    content = _kinds(tmp_path, ("ansökningar: 210\n", ""), ("ansökningar-per-typ:\n  kommuner: 130\n  ideella: 80\n", ""),
                     ("sökt-belopp: 612400000\n", ""), ("sökande-aktörer: 171\n", ""),
                     ("sökande-per-typ:\n  kommuner: 95\n  ideella: 76\n", ""), (EARLY, "      intresseanmälningar: 300\n"))
    site = _build(content, tmp_path / "site")
    t = _text(site, "2024/ansokningar")
    assert t.startswith("Delmos har fått över 400 intresseanmälningar om bidrag\n")
    assert ("Delegationen mot segregation (Delmos) har fått in över 400 intresseanmälningar om statsbidrag för arbete "
            "mot segregation 2024. Det finns 245 miljoner kronor att fördela.") in t
    early = _text(site, "2024/ansokningar-hittills")
    assert early.startswith("Hittills har 300 intresseanmälningar kommit in om")
