"""A year without new grants (inga-nya-bidrag:) and a cancelled round (inställd:): an announcement
with what happens to the money, no local releases, no count of granted actors, no comparison
with last year, and located errors when the round still grants. Fixture data is invented."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, TEMPLATES, run_cli

YEAR = FIXTURES / "bidragsar" / "content"
NOW = "2027-06-01T00:00"
RELEASES = ("2026/besked", "2027/installd")


@pytest.fixture(scope="module")
def year_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nogrants") / "site"
    code, _, err = run_cli("build", "--content", str(YEAR), "--templates", str(TEMPLATES), "--out", str(out), "--now", NOW)
    assert code == 0, err
    return out


def text(site: Path, release: str) -> str:
    return (site / release / "index.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("release", RELEASES)
def test_national_only_no_count_no_comparison(year_site, release):
    folder = year_site / release
    assert not [p for p in folder.iterdir() if (p / "index.md").exists()]  # no local releases
    t = text(year_site, release)
    assert not re.search(r"(?<![\d\xa0])0 aktörer", t) and "inga aktörer" not in t
    assert "fjol" not in t and "fler än" not in t and "färre än" not in t
    assert "beviljat" not in t


def test_a_year_without_new_grants_says_where_the_money_goes(year_site):
    t = text(year_site, "2026/besked")
    assert "Inga nya statsbidrag för arbete mot segregation 2026" in t
    assert "Årets medel, 32 miljoner kronor, går till de fleråriga bidrag som beviljades 2024 och 2025." in t
    assert "Under 2026 betalar Delmos ut drygt 31 miljoner kronor till drygt 14 aktörer med fleråriga bidrag." in t


def test_a_cancelled_round_says_who_moved_the_money_where(year_site):
    t = text(year_site, "2027/installd")
    assert "Det blir ingen utlysning av statsbidrag för arbete mot segregation 2027 hos Delegationen mot " \
           "segregation (Delmos). Regeringen beslutade den 17 december 2026 att flytta pengarna, 60 miljoner " \
           "kronor, till Myndigheten för ungdoms- och civilsamhällesfrågor (MUCF)." in t


def test_the_round_pages_never_offer_money_to_distribute(year_site):
    assert "Omgången 2027 är inställd, och pengarna flyttas till Myndigheten för ungdoms- och " \
           "civilsamhällesfrågor (MUCF)." in (year_site / "2027/index.html").read_text(encoding="utf-8")
    page = (year_site / "2026/index.html").read_text(encoding="utf-8")
    assert "Delmos fördelar inga nya statsbidrag 2026: årets medel, 32 miljoner kronor, går till " \
           "tidigare års fleråriga bidrag." in page
    assert "att fördela" not in page


def _copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(YEAR, content)
    return content


def _edit(path: Path, old: str, new: str) -> None:
    text_ = path.read_text(encoding="utf-8")
    assert old in text_
    path.write_text(text_.replace(old, new, 1), encoding="utf-8")


def _check(tmp_path: Path) -> tuple[int, str, str]:
    return run_cli("check", "--content", "content", "--templates", str(TEMPLATES), "--now", NOW, cwd=tmp_path)


def test_money_above_the_budget_names_both_lines(tmp_path):
    content = _copy(tmp_path)
    _edit(content / "rounds/2026/round.yaml", "  utbetalt: 31000000\n", "  utbetalt: 33000000\n")
    _edit(content / "rounds/2027/round.yaml", "  beslutat: 2026-12-17\n", "  beslutat: 2026-12-17\n  belopp: 65000000\n"
                                                                           "  belopp-ord: drygt\n")
    code, out, err = _check(tmp_path)
    assert (code, out) == (1, "")
    assert err == (
        "content/rounds/2026/round.yaml:6:13: det som betalas ut, drygt 33\xa0000\xa0000 kronor, är mer än omgångens "
        "medel, 32\xa0000\xa0000 kronor (content/rounds/2026/round.yaml:4) – rätta 'utbetalt:' eller 'medel:'; det som "
        "betalas ut kan inte vara mer än årets medel\n"
        "content/rounds/2027/round.yaml:8:11: beloppet som flyttas, drygt 65\xa0000\xa0000 kronor, är mer än omgångens "
        "medel, 60\xa0000\xa0000 kronor (content/rounds/2027/round.yaml:4) – rätta 'belopp:' eller 'medel:', eller ta "
        "bort 'belopp:' så flyttas omgångens medel\n"
        "två fel i två filer\n")


def test_a_cancelled_round_with_a_recipient_list_or_both_states(tmp_path):
    content = _copy(tmp_path)
    (content / "rounds/2027/beviljade.csv").write_text("namn;typ;kommun;belopp;tillfälle\nMalmö stad;kommun;Malmö;"
                                                       "2 200 000;installd\n", encoding="utf-8")
    _edit(content / "rounds/2027/round.yaml", "inställd:\n", "inga-nya-bidrag:\n  åtaganden: 3\ninställd:\n")
    code, out, err = _check(tmp_path)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "content/rounds/2027/round.yaml:5:1: omgången är ett år utan nya bidrag, men har en lista över beviljade "
        "(content/rounds/2027/beviljade.csv) – ta bort content/rounds/2027/beviljade.csv, eller raden "
        "'inga-nya-bidrag:' om omgången ändå har beviljade",
        "content/rounds/2027/round.yaml:7:1: omgången är både inställd och ett år utan nya bidrag "
        "(content/rounds/2027/round.yaml:5) – ta bort en av raderna 'inställd:' och 'inga-nya-bidrag:'",
        "content/rounds/2027/round.yaml:7:1: omgången är inställd, men har en lista över beviljade "
        "(content/rounds/2027/beviljade.csv) – ta bort content/rounds/2027/beviljade.csv, eller raden "
        "'inställd:' om omgången ändå har beviljade",
        "tre fel i en fil",
    ]


ROUND_2028 = """år: {year}
jämför-med-fjolåret: ja
beviljade:
  kommuner: 5
tillfällen:
  beslut:
    typ: beslut
    publiceras: {year}-06-01 10:00
"""


@pytest.mark.parametrize("year, compared", [(2028, False), (2026, True)])
def test_no_comparison_with_a_year_that_granted_nothing(tmp_path, year, compared):
    """After the cancelled 2027 there is nothing to compare with; after 2025's 17 there is (the
    control: the same round in 2026, with the year without new grants moved away)."""
    content = _copy(tmp_path)
    if year == 2026:
        shutil.rmtree(content / "rounds/2026")
    (content / f"rounds/{year}-ny").mkdir()
    (content / f"rounds/{year}-ny/round.yaml").write_text(ROUND_2028.format(year=year), encoding="utf-8")
    out = tmp_path / "site"
    code, _, err = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", "2029-01-01T00:00")
    assert code == 0, err
    assert ("fjol" in (out / f"{year}-ny/beslut/index.txt").read_text(encoding="utf-8")) is compared
