"""Words before the granted counts typed beside the round's own: a scheme's (``ordningar``), a
supplement's (``tillfällen.<nyckel>.beviljade-ord``), a county file's (``beviljade-ord``,
``beviljade-totalt-ord``), and a year without new grants' commitments (``åtaganden-ord``).

End to end on a copy of the kinds fixture (invented data): its 2023 round has typed counts and
county files and no recipient list, so each count may be approximate. The text prints the word
("drygt åtta aktörer i Stockholms län"), leaves out what would be derived from an approximate
count and stated as exact (a county's share, rank, first place, the comparison with last year,
a report's share), and the cross-checks compare such a count as approximate. With a recipient
list the counts are exact, and a word is one located error (the kinds fixture's 2024 round).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, TEMPLATES, run_cli

KINDS = FIXTURES / "kinds" / "content"
LATER = "2026-01-01T00:00"
# Two schemes, the first with "drygt sju" kommuner; medel "cirka 200 miljoner kronor".
SCHEMES = ("medel: 200000000\nmedel-ord: cirka\nordningar:\n  insatser:\n"
           "    namn: statsbidraget för insatser mot segregation\n    medel: 120000000\n"
           "    beviljade:\n      kommuner: 7\n    beviljade-ord:\n      kommuner: drygt\n"
           "  organisationer:\n    namn: statsbidraget till ideella organisationer\n    medel: 80000000\n"
           "    beviljade:\n      ideella: 6\n")
# A supplement of two kommuner and "drygt 20" ideella, and the year's report with two shares.
LATER_OCCASIONS = ("  tillagg:\n    typ: tillagg\n    publiceras: 2023-09-14 10:00\n    beviljade:\n"
                   "      kommuner: 2\n      ideella: 20\n    beviljade-ord:\n      ideella: drygt\n"
                   "  redovisning:\n    typ: redovisning\n    publiceras: 2024-02-01 09:00\n    redovisning:\n"
                   "      andelar:\n        - typ: kommuner\n          av: 290\n          vad: landets kommuner\n"
                   "        - typ: ideella\n          av: 100\n          vad: de ideella organisationer som sökte\n")
# Stockholm's 5 kommuner are "drygt 5" (its 3 ideella exact): "drygt åtta aktörer".
STOCKHOLM_WORDS = "beviljade-ord:\n  kommuner: drygt\n"


def _append(path: Path, text: str, old: str = "", new: str = "") -> None:
    body = path.read_text(encoding="utf-8")
    if old:
        assert old in body, old
        body = body.replace(old, new, 1)
    path.write_text(body + text, encoding="utf-8")


def _copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(KINDS, content)
    return content


def _worded(tmp_path: Path) -> Path:
    content = _copy(tmp_path)
    _append(content / "rounds/2023/round.yaml", LATER_OCCASIONS, "medel: 200000000\n", SCHEMES)
    _append(content / "rounds/2023/lan/stockholm.yaml", STOCKHOLM_WORDS)
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("granted-words")
    out = tmp / "site"
    code, _, err = run_cli("build", "--content", str(_worded(tmp)), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", LATER)
    assert code == 0, err
    return out


@pytest.mark.parametrize("release", ["2023/beslut", "2023/beslut/stockholm", "2023/tillagg", "2023/redovisning"])
def test_releases_with_approximate_granted_counts_are_golden(site, golden, release):
    golden(f"granted-words/{release}/index.md", (site / release / "index.md").read_text(encoding="utf-8"))


def _text(site: Path, release: str) -> str:
    return (site / release / "index.txt").read_text(encoding="utf-8")


def test_each_word_is_printed_where_its_count_is(site):
    national = _text(site, "2023/beslut")
    assert "Inom statsbidraget för insatser mot segregation får drygt sju kommuner och regioner bidrag." in national
    assert "• Drygt åtta aktörer i Stockholms län får bidrag (" in national
    local = _text(site, "2023/beslut/stockholm")
    assert local.startswith("Drygt åtta aktörer i Stockholms län får bidrag\n")
    assert "Drygt fem ansökningar från kommuner och regioner samt tre från ideella organisationer har beviljats" in local
    supplement = _text(site, "2023/tillagg")
    assert supplement.startswith("Ytterligare drygt 22 aktörer får bidrag\n")
    assert ("till ytterligare drygt 20 ideella organisationer samt två kommuner och regioner. Därmed har drygt 37 "
            "aktörer beviljats bidrag") in supplement
    report = _text(site, "2023/redovisning")
    assert report.startswith("Drygt 37 aktörer fick statsbidrag")  # derived from the supplement: its word kept
    assert "Totalt kom det in 150 ansökningar, varav drygt 37 beviljades." in report
    page = (site / "2023/index.html").read_text(encoding="utf-8")
    assert '<td class="num">drygt 5</td><td class="num">3</td><td class="num">drygt 8</td>' in page  # Stockholm's row
    assert "Stockholms län drygt 8, Skåne län 5 och Västra Götalands län 2." in page  # the graphic's description
    for path in site.rglob("2023/**/index.txt"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<!rygt )\b(åtta|8) aktörer i Stockholm", text), path
        assert not re.search(r"(?<!rygt )\b(sju|7) kommuner", text), path
        assert not re.search(r"(?<!rygt )\b(22|37) aktörer", text), path


def test_what_an_approximate_count_cannot_carry_is_left_out(site):
    local = _text(site, "2023/beslut/stockholm")
    # no share of the country's, no place among the counties, no first place derived
    assert "procent" not in local and "av landets" not in local and "plats" not in local and "flest" not in local
    assert "flest" not in _text(site, "2023/beslut")
    # the report's share of an approximate count ("drygt 20" ideella) is left out, the exact one stays
    report = _text(site, "2023/redovisning")
    assert "Bidrag gick till 4 procent av landets kommuner (11 av 290)." in report
    assert "ideella organisationer som sökte" not in report
    # 2024 compares with none of 2023: its running total is approximate, and so is Stockholm's count
    for release in ("2024/beslut", "2024/beslut/stockholm"):
        assert "i fjol" not in _text(site, release), release


def test_without_words_2024_compares_with_2023(tmp_path):
    """The comparison the words take away is there without them (so the test above can fail)."""
    out = tmp_path / "site"
    code, _, err = run_cli("build", "--content", str(_copy(tmp_path)), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", LATER)
    assert code == 0, err
    assert "i fjol" in _text(out, "2024/beslut")


def _check(tmp_path: Path) -> tuple[int, str]:
    code, _, err = run_cli("check", "--content", "content", "--templates", str(TEMPLATES), "--now", LATER, cwd=tmp_path)
    return code, err


R23, R24 = "content/rounds/2023", "content/rounds/2024"


@pytest.mark.parametrize("count, words, expected", [
    # Stockholm "drygt 10" kommuner: certainly more than the country's 9
    ("kommuner: 10\n", "beviljade-ord:\n  kommuner: drygt\n",
     f"{R23}/lan/stockholm.yaml:3:13: drygt tio kommuner och regioner i Stockholms län är fler än de 9 i hela landet "
     f"({R23}/round.yaml:6) – länets siffra kan inte vara större än rikets; rätta någon av dem\n"
     f"{R23}/round.yaml:6:13: länsfilerna har sammanlagt drygt 14 kommuner och regioner, men hela landet har 9: "
     f"{R23}/lan/skane.yaml:3 (3), {R23}/lan/stockholm.yaml:3 (drygt 10), {R23}/lan/vastra-gotaland.yaml:3 (1) – "
     "rätta siffrorna så att länen tillsammans inte överstiger rikets\ntvå fel i två filer\n"),
    # "knappt 6" kommuner in Stockholm may be five: with Skåne's 3 and Västra Götaland's 1 at most 9
    ("kommuner: 6\n", "beviljade-ord:\n  kommuner: knappt\n", ""),
    # the county's typed total "cirka 9" need not be its parts' 8; "drygt 9" is more than they make
    ("kommuner: 5\n", "beviljade-totalt: 9\nbeviljade-totalt-ord: cirka\n", ""),
    ("kommuner: 5\n", "beviljade-totalt: 9\nbeviljade-totalt-ord: drygt\n",
     f"{R23}/lan/stockholm.yaml:5:19: totalen här är drygt 9, men delarna under 'beviljade:' ({R23}/lan/stockholm.yaml:2) "
     "blir 5 + 3 = 8 – rätta totalen eller delarna så att de stämmer\nett fel i en fil\n"),
])
def test_a_county_count_is_compared_as_approximate(tmp_path, count, words, expected):
    content = _copy(tmp_path)
    _append(content / "rounds/2023/lan/stockholm.yaml", words, "kommuner: 5\n", count)
    assert _check(tmp_path) == (1 if expected else 0, expected)


@pytest.mark.parametrize("word, expected", [
    ("cirka", ""),  # "cirka 9" in Skåne is not certainly more than Stockholm's 8
    ("drygt", f"{R23}/round.yaml:11:22: länet med flest beviljade är Stockholms län (8) enligt round.yaml, men Skåne har "
              f"drygt 9 ({R23}/lan/skane.yaml:2) – rätta raden 'flest-beviljade-län:' eller länsfilerna\nett fel i en fil\n"),
])
def test_a_stated_first_county_is_compared_as_approximate(tmp_path, word, expected):
    content = _copy(tmp_path)
    _append(content / "rounds/2023/round.yaml", "flest-beviljade-län: Stockholm\n", "  kommuner: 9\n", "  kommuner: 20\n")
    _append(content / "rounds/2023/lan/skane.yaml", f"beviljade-ord:\n  kommuner: {word}\n", "kommuner: 3\n", "kommuner: 7\n")
    assert _check(tmp_path) == (1 if expected else 0, expected)


@pytest.mark.parametrize("where, text, old, new, expected", [
    # a county file's word in a round with beviljade.csv
    ("lan/skane.yaml", "beviljade-ord:\n  kommuner: drygt\n", "", "",
     f"{R24}/lan/skane.yaml:8:3: raden 'beviljade-ord:' i länsfilen säger att antalet beviljade är ungefärligt, men "
     "omgången har en lista över beviljade (beviljade.csv), och dess antal är exakta – ta bort raden 'beviljade-ord:'; "
     "länets antal räknas då i listan\nett fel i en fil\n"),
    # a scheme's word in a round with beviljade.csv
    ("round.yaml", "", "    sökande: kommuner, regioner och ideella organisationer\n",
     "    sökande: kommuner, regioner och ideella organisationer\n    beviljade-ord:\n      kommuner: drygt\n",
     f"{R24}/round.yaml:12:7: raden 'beviljade-ord:' under bidraget segregation säger att antalet beviljade är "
     "ungefärligt, men omgången har en lista över beviljade (beviljade.csv), och dess antal är exakta – ta bort raden "
     "'beviljade-ord:'; bidragets antal räknas då i listan\nett fel i en fil\n"),
    # a supplement's word beside its own rows of beviljade.csv
    ("round.yaml", "", "    typ: tillagg\n", "    typ: tillagg\n    beviljade-ord:\n      kommuner: drygt\n",
     f"{R24}/round.yaml:34:7: raden 'beviljade-ord:' under tillagg-juni säger att antalet beviljade är ungefärligt, men "
     "beviljade.csv har rader för tillagg-juni, och dess antal är exakta – ta bort raden 'beviljade-ord:'; tillfällets "
     "antal räknas då i listan\nett fel i en fil\n"),
])
def test_a_word_beside_a_recipient_list_is_one_error(tmp_path, where, text, old, new, expected):
    content = _copy(tmp_path)
    _append(content / "rounds/2024" / where, text, old, new)
    assert _check(tmp_path) == (1, expected)


# --- a year without new grants and a cancelled round: their figures keep the round's medel-ord -----------------
YEAR = FIXTURES / "bidragsar" / "content"


@pytest.fixture(scope="module")
def year_site(tmp_path_factory) -> Path:
    """The grant-year fixture with "cirka" before 2026's and 2027's medel (its 2026 types
    ``åtaganden-ord: drygt`` itself): a year without new grants and a cancelled round."""
    tmp = tmp_path_factory.mktemp("no-grants-words")
    content = tmp / "content"
    shutil.copytree(YEAR, content)
    _append(content / "rounds/2026/round.yaml", "", "medel: 32000000\n", "medel: 32000000\nmedel-ord: cirka\n")
    _append(content / "rounds/2027/round.yaml", "", "medel: 60000000\n", "medel: 60000000\nmedel-ord: cirka\n")
    out = tmp / "site"
    code, _, err = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", "2027-06-01T00:00")
    assert code == 0, err
    return out


def test_a_year_without_new_grants_states_its_figures_with_their_words(year_site):
    text = _text(year_site, "2026/besked")
    assert "Årets medel, cirka 32 miljoner kronor, går till de fleråriga bidrag som beviljades 2024 och 2025." in text
    assert "Under 2026 betalar Delmos ut drygt 31 miljoner kronor till drygt 14 aktörer med fleråriga bidrag." in text
    page = (year_site / "2026/index.html").read_text(encoding="utf-8")
    assert "årets medel, cirka 32 miljoner kronor, går till tidigare års fleråriga bidrag" in page
    # a cancelled round moves its medel, stated as the round states it
    assert "cirka 60 miljoner kronor" in _text(year_site, "2027/installd")
    for path in year_site.rglob("202[67]/**/index.txt"):
        assert not re.search(r"(?<!cirka )\b(32|60) miljoner", path.read_text(encoding="utf-8")), path


def test_money_against_an_approximate_medel(tmp_path):
    """'drygt 33 miljoner' paid of 'cirka 32 miljoner' is not certainly more; of 'knappt 32' it is."""
    content = tmp_path / "content"
    shutil.copytree(YEAR, content)
    round_file = content / "rounds/2026/round.yaml"
    _append(round_file, "", "  utbetalt: 31000000\n", "  utbetalt: 33000000\n")
    _append(round_file, "", "medel: 32000000\n", "medel: 32000000\nmedel-ord: cirka\n")
    assert _check(tmp_path) == (0, "")
    _append(round_file, "", "medel-ord: cirka\n", "medel-ord: knappt\n")
    assert _check(tmp_path) == (1, (
        "content/rounds/2026/round.yaml:7:13: det som betalas ut, drygt 33\xa0000\xa0000 kronor, är mer än omgångens "
        "medel, knappt 32\xa0000\xa0000 kronor (content/rounds/2026/round.yaml:4) – rätta 'utbetalt:' eller 'medel:'; "
        "det som betalas ut kan inte vara mer än årets medel\nett fel i en fil\n"))


def test_a_later_decisions_running_amount_keeps_the_first_decisions_word(tmp_path):
    """The first decision's "cirka 13,4 miljoner kronor" (belopp-ord) makes every sum after it
    approximate: the second decision's "sammanlagt har Delmos beviljat cirka 17,8 miljoner"."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "beslut-i-omgangar/content", content)
    _append(content / "rounds/2025/round.yaml", "", "    publiceras: 2025-05-15 10:00\n",
            "    publiceras: 2025-05-15 10:00\n    belopp: 13400000\n    belopp-ord: cirka\n")
    out = tmp_path / "site"
    code, _, err = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", "2027-01-01T00:00")
    assert code == 0, err
    assert ("Vid beslutstillfället fördelas 4,4 miljoner kronor, och sammanlagt har Delmos beviljat cirka 17,8 miljoner "
            "kronor under 2025.") in _text(out, "2025/beslut-oktober")


def test_the_county_bars_leave_room_for_a_worded_count(tmp_path):
    """"drygt 8" beside the longest bar needs more room than a bare "8" (the PNG has a fixed width)."""
    from pressrum.derive import derive
    from pressrum.images import county_graphic as cg
    from pressrum.validate import load_content

    def bars(content: Path):
        facts = next(f for f in derive(load_content(content)) if f.key == "2023")
        return cg.county_graphic(facts).bars

    worded, plain = bars(_worded(tmp_path / "a")), bars(_copy(tmp_path / "b"))
    assert (worded[0].text, plain[0].text) == ("drygt 8", "8")
    assert worded[0].width + 100 <= cg.CHART_WIDTH - cg.BAR_START < plain[0].width + 100


def test_no_worded_release_contains_a_figure_that_is_not_in_the_facts(site, tmp_path):
    """The grant-year test's fact walk (tests/test_grant_year.py) on this copy: every digit of
    every release, the worded supplement's 22 and running 37 among them, is a typed or derived fact."""
    from test_grant_year import facts_figures, invented

    allowed = facts_figures(_worded(tmp_path))
    assert {"22", "37"} <= allowed
    assert invented(site, allowed) == []
