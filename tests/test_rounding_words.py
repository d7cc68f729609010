"""Words before typed figures, end to end on a copy of the kinds fixture (invented data): every
typed count and amount a release prints may carry its word (``medel-ord``, ``sökt-belopp-ord``,
``ansökningar-per-typ-ord`` …), a part may be a share ("två tredjedelar"), the text never shows
the estimate as exact, and the cross-checks compare it as approximate."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, TEMPLATES, run_cli

KINDS = FIXTURES / "kinds" / "content"
LATER = "2026-01-01T00:00"
WORDS = ("medel-ord: cirka\nsökt-belopp-ord: cirka\nansökningar-per-typ-ord:\n  kommuner: två tredjedelar\n"
         "sökande-per-typ-ord:\n  ideella: drygt\n")


def _edit(round_file: Path, extra: str, edits: tuple[tuple[str, str], ...]) -> None:
    """``round_file`` with each (old, new) replaced once (old must be there) and ``extra`` appended."""
    text = round_file.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    round_file.write_text(text + extra, encoding="utf-8")


def _kinds(tmp_path: Path, extra: str, *edits: tuple[str, str]) -> Path:
    content = tmp_path / "content"
    shutil.copytree(KINDS, content)
    _edit(content / "rounds/2024/round.yaml", extra, edits)
    return content


@pytest.fixture(scope="module")
def worded_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("worded")
    out = tmp / "site"
    code, _, err = run_cli("build", "--content", str(_kinds(tmp, WORDS)), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", LATER)
    assert code == 0, err
    return out


def test_the_applications_release_with_words_is_golden(worded_site, golden):
    golden("kinds-ord/2024/ansokningar/index.md", (worded_site / "2024/ansokningar/index.md").read_text(encoding="utf-8"))


def test_no_estimate_is_shown_as_exact(worded_site):
    t = (worded_site / "2024/ansokningar/index.txt").read_text(encoding="utf-8")
    assert "Sammanlagt söks cirka 612,4 miljoner kronor, och cirka 245 miljoner kronor finns att fördela." in t
    assert "Av ansökningarna kommer två tredjedelar från kommuner och regioner samt 80 från ideella organisationer." in t
    assert "Bland de sökande finns 95 kommuner och regioner samt drygt 76 ideella organisationer." in t  # not "Av de sökande är"
    early = (worded_site / "2024/ansokningar-hittills/index.txt").read_text(encoding="utf-8")
    assert "Det finns cirka 245 miljoner kronor att fördela." in early
    page = (worded_site / "2024/index.html").read_text(encoding="utf-8")
    assert "cirka 245 miljoner kronor att fördela" in page
    for path in worded_site.rglob("2024/**/index.txt"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<!cirka )245 miljoner", text), path  # medel-ord: never the exact figure
        assert "130 från" not in text, path  # the share, not the figure


def _check(tmp_path: Path) -> tuple[int, str]:
    code, _, err = run_cli("check", "--content", "content", "--templates", str(TEMPLATES), "--now", LATER, cwd=tmp_path)
    return code, err


SCHEMES = ("content/rounds/2024/round.yaml:4:8: hela beloppet att fördela är {medel}, men bidragens belopp "
           "(content/rounds/2024/round.yaml:5) blir {parts} – rätta beloppet på raden 'medel:' eller bidragens belopp\n"
           "ett fel i en fil\n")


@pytest.mark.parametrize("extra, edits, expected", [
    # the schemes' 85 + 160 = 245 million against the round's 250 million: exact, an error
    ("", [("medel: 245000000\n", "medel: 250000000\n")],
     SCHEMES.format(medel="250\xa0000\xa0000 kronor", parts="85\xa0000\xa0000 + 160\xa0000\xa0000 = 245\xa0000\xa0000 kronor")),
    # "cirka 250 miljoner": the schemes may add up to it
    ("medel-ord: cirka\n", [("medel: 245000000\n", "medel: 250000000\n")], ""),
    # "drygt 250 miljoner" is at least 250 million: 245 cannot be it
    ("medel-ord: drygt\n", [("medel: 245000000\n", "medel: 250000000\n")],
     SCHEMES.format(medel="drygt 250\xa0000\xa0000 kronor", parts="85\xa0000\xa0000 + 160\xa0000\xa0000 = 245\xa0000\xa0000 kronor")),
    # a share makes its parts approximate: 210 applications need not be exactly 140 + 80
    ("ansökningar-per-typ-ord:\n  kommuner: två tredjedelar\n", [("  kommuner: 130\n  ideella: 80\n", "  kommuner: 140\n  ideella: 80\n")], ""),
    # ...but the share must be the one the figures give
    ("ansökningar-per-typ-ord:\n  kommuner: hälften\n", [],
     "content/rounds/2024/round.yaml:66:13: 130 (content/rounds/2024/round.yaml:17) av de 210 ansökningarna "
     "(content/rounds/2024/round.yaml:15) är närmast två tredjedelar, inte hälften – skriv 'kommuner: två tredjedelar', "
     "eller rätta antalet\nett fel i en fil\n"),
])
def test_cross_checks_treat_worded_figures_as_approximate(tmp_path, extra, edits, expected):
    _kinds(tmp_path, extra, *edits)
    assert _check(tmp_path) == (1 if expected else 0, expected)


def _with_county_words(tmp_path: Path, words: dict[str, str]) -> Path:
    content = _kinds(tmp_path, "")
    for slug, word in words.items():
        county = content / f"rounds/2024/lan/{slug}.yaml"
        county.write_text(county.read_text(encoding="utf-8") + f"ansökningar-ord: {word}\n", encoding="utf-8")
    return content


@pytest.mark.parametrize("words, expected", [
    # Stockholm 60, Skåne 55, Västra Götaland 40, Gotland 3 (outside the three)
    ({}, "Flest ansökningar, 60, kommer från Stockholms län. Därefter följer Skåne med 55 och Västra Götaland med 40."),
    ({"stockholm": "över"}, "Flest ansökningar, över 60, kommer från Stockholms län. Därefter följer Skåne med 55 och "
                            "Västra Götaland med 40."),  # more than 60 is certainly more than 55
    ({"skane": "över"}, "Från Stockholms län kom 60 ansökningar, från Skåne över 55 och från Västra Götaland 40."),
    ({"gotland": "cirka"}, "Från Stockholms län kom 60 ansökningar, från Skåne 55 och från Västra Götaland 40."),
])
def test_a_ranking_of_approximate_county_counts_says_only_what_is_certain(tmp_path, words, expected):
    out = tmp_path / "site"
    code, _, err = run_cli("build", "--content", str(_with_county_words(tmp_path, words)), "--templates", str(TEMPLATES),
                           "--out", str(out), "--now", LATER)
    assert code == 0, err
    assert expected in (out / "2024/ansokningar/index.txt").read_text(encoding="utf-8")


def test_counties_approximate_counts_against_the_national_one(tmp_path):
    # 60 + 55 + 40 + 3 = 158 of 210: "över 150" in Stockholm makes it at least 248, more than 210
    _with_county_words(tmp_path, {"stockholm": "över"})
    county = tmp_path / "content/rounds/2024/lan/stockholm.yaml"
    county.write_text(county.read_text(encoding="utf-8").replace("ansökningar: 60\n", "ansökningar: 150\n"), encoding="utf-8")
    assert _check(tmp_path) == (1, (
        "content/rounds/2024/round.yaml:15:14: länen har sammanlagt drygt 248 ansökningar, men antalet ansökningar i "
        "round.yaml är 210: content/rounds/2024/lan/gotland.yaml:2 (3), content/rounds/2024/lan/skane.yaml:2 (55), "
        "content/rounds/2024/lan/stockholm.yaml:2 (över 150), content/rounds/2024/lan/vastra-gotaland.yaml:2 (40) – "
        "rätta siffrorna så att länen tillsammans inte överstiger rikets\nett fel i en fil\n"))
    _with_county_words(tmp_path / "b", {"stockholm": "knappt"})  # "knappt 60": the sum may be less, no error
    assert _check(tmp_path / "b") == (0, "")


# --- granted counts typed with their word (beviljade-ord, beviljade-totalt-ord) ------------------------------
# The kinds fixture's 2023 round has typed counts and no recipient list: 9 kommuner och regioner and
# "nästan 6" ideella, "nästan 15" in all; its counties list 8, 5 and 2 actors.
GRANTED_WORDS = "beviljade-ord:\n  ideella: nästan\nbeviljade-totalt: 15\nbeviljade-totalt-ord: nästan\n"


def _kinds_2023(tmp_path: Path, extra: str, *edits: tuple[str, str]) -> Path:
    content = _kinds(tmp_path, "")
    _edit(content / "rounds/2023/round.yaml", extra, edits)
    return content


@pytest.fixture(scope="module")
def granted_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("granted")
    out = tmp / "site"
    code, _, err = run_cli("build", "--content", str(_kinds_2023(tmp, GRANTED_WORDS)), "--templates", str(TEMPLATES),
                           "--out", str(out), "--now", LATER)
    assert code == 0, err
    return out


@pytest.mark.parametrize("release", ["2023/beslut", "2023/beslut/stockholm"])
def test_a_decision_with_approximate_counts_is_golden(granted_site, golden, release):
    golden(f"kinds-ord/{release}/index.md", (granted_site / release / "index.md").read_text(encoding="utf-8"))


def test_an_approximate_granted_count_is_never_shown_as_exact(granted_site):
    national = (granted_site / "2023/beslut/index.txt").read_text(encoding="utf-8")
    assert national.startswith("Nästan 15 aktörer får statsbidrag")
    assert "till nio kommuner och regioner samt nästan sex ideella organisationer" in national
    assert "Totalt kom 150 ansökningar in, och nästan 15 aktörer har beviljats bidrag." in national
    assert "flest aktörer" not in national  # the county files may not hold every actor: no derived first place
    for path in granted_site.rglob("2023/**/index.txt"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<!ästan )\b15 aktörer", text), path
        assert not re.search(r"(?<!ästan )\b6 ideella", text), path
        assert "av landets" not in text and "procent" not in text, path  # no share of an approximate count
    page = (granted_site / "2023/index.html").read_text(encoding="utf-8")
    assert '<td class="num">nästan 6</td><td class="num">nästan 15</td>' in page
    # Next year compares with no approximate figure: 2024 says its count, not "färre än i fjol, då 15"
    following = (granted_site / "2024/beslut/index.txt").read_text(encoding="utf-8")
    assert "i fjol" not in following and "Totalt kom 210 ansökningar in, och tolv aktörer har beviljats bidrag." in following


LINE = "content/rounds/{y}/round.yaml:{n}"


@pytest.mark.parametrize("year, extra, edits, expected", [
    # counties list 3 + 2 + 1 = 6 ideella: "nästan 5" in the whole country is certainly fewer
    (2023, "beviljade-ord:\n  ideella: nästan\n", [("  ideella: 6\n", "  ideella: 5\n")],
     "content/rounds/2023/round.yaml:7:12: länsfilerna har sammanlagt sex ideella organisationer, men hela landet har nästan 5: "
     "content/rounds/2023/lan/skane.yaml:4 (2), content/rounds/2023/lan/stockholm.yaml:4 (3), "
     "content/rounds/2023/lan/vastra-gotaland.yaml:4 (1) – rätta siffrorna så att länen tillsammans inte överstiger rikets\n"
     "ett fel i en fil\n"),
    # "över 5" may be six or more: no error
    (2023, "beviljade-ord:\n  ideella: över\n", [("  ideella: 6\n", "  ideella: 5\n")], ""),
    # the exact parts 9 + 6 = 15 are certainly fewer than "drygt 16", and agree with "cirka 16"
    (2023, "beviljade-totalt: 16\nbeviljade-totalt-ord: drygt\n", [],
     "content/rounds/2023/round.yaml:11:19: totalen här är drygt 16, men delarna under 'beviljade:' "
     "(content/rounds/2023/round.yaml:5) blir 9 + 6 = 15 – rätta totalen eller delarna så att de stämmer\nett fel i en fil\n"),
    (2023, "beviljade-totalt: 16\nbeviljade-totalt-ord: cirka\n", [], ""),
    # "nästan 150" granted of 150 applications: not certainly more, no error (the parts 9 + 6 may be below it)
    (2023, "beviljade-totalt: 150\nbeviljade-totalt-ord: nästan\n", [], ""),
    # "över 160" granted are certainly more than the 150 applications
    (2023, "beviljade-totalt: 160\nbeviljade-totalt-ord: över\n", [],
     "content/rounds/2023/round.yaml:4:14: över 160 beviljade aktörer (content/rounds/2023/round.yaml:11) är fler än de "
     "150 ansökningarna – rätta antalet ansökningar eller antalet beviljade aktörer\n"
     "content/rounds/2023/round.yaml:11:19: totalen här är över 160, men delarna under 'beviljade:' "
     "(content/rounds/2023/round.yaml:5) blir 9 + 6 = 15 – rätta totalen eller delarna så att de stämmer\ntvå fel i en fil\n"),
    # 2024 counts its recipients in beviljade.csv: exact counts, so a word is the one error
    (2024, "beviljade-ord:\n  ideella: nästan\n", [],
     "content/rounds/2024/round.yaml:66:3: raden 'beviljade-ord:' säger att antalet beviljade är ungefärligt, men "
     "omgången har en lista över beviljade (beviljade.csv), och dess antal är exakta – ta bort raden 'beviljade-ord:'; "
     "ett ungefärligt antal skrivs under 'beviljade:' i en omgång utan lista\nett fel i en fil\n"),
])
def test_cross_checks_treat_granted_words_as_approximate(tmp_path, year, extra, edits, expected):
    if year == 2023:
        _kinds_2023(tmp_path, extra, *edits)
    else:
        _kinds(tmp_path, extra, *edits)
    code, err = _check(tmp_path)
    assert (code, err) == (1 if expected else 0, expected)


def test_a_later_decision_adds_to_an_approximate_count(tmp_path):
    """beslut-i-omgangar's 2026 round (typed, compared with 2025) with 'drygt 10' kommuner and a
    second decision of two ideella: the running total and its kommuner stay approximate."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "beslut-i-omgangar/content", content)
    round_file = content / "rounds/2026/round.yaml"
    round_file.write_text(round_file.read_text(encoding="utf-8")
                          + "  beslut-hosten:\n    typ: beslut\n    publiceras: 2026-10-01 10:00\n    beviljade:\n"
                          "      ideella: 2\n    beviljade-totalt: 20\nbeviljade-ord:\n  kommuner: drygt\n", encoding="utf-8")
    out = tmp_path / "site"
    code, _, err = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", "2027-01-01T00:00")
    assert code == 0, err
    later = (out / "2026/beslut-hosten/index.txt").read_text(encoding="utf-8")
    assert ("Totalt har drygt 20 aktörer beviljats bidrag 2026: drygt 10 kommuner och regioner samt 10 ideella "
            "organisationer.") in later
    first = (out / "2026/beslut/index.txt").read_text(encoding="utf-8")
    assert first.startswith("Drygt 18 aktörer får statsbidrag")
    assert "Totalt kom 190 ansökningar in, och drygt 18 aktörer har beviljats bidrag." in first
    assert "i fjol" not in first  # 2025's exact 16 is not compared with "drygt 18"
    page = (out / "2026/index.html").read_text(encoding="utf-8")
    assert "I beslutet den 14 maj 2026 beviljades drygt 18 aktörer bidrag. Efter beslutet den 1 oktober 2026 har drygt 20 aktörer fått bidrag." in page


@pytest.mark.parametrize("word, expected", [
    (None, "Fleråriga bidrag har gått till två ideella organisationer i hela landet, och en av dem finns i Skåne."),
    # "cirka 2" in the whole country: the county says only its own ("en av dem" would count on the exact 2)
    ("cirka", "Fleråriga bidrag går till en ideell organisation i Skåne."),
])
def test_an_approximate_multi_year_count_is_not_shared_out(tmp_path, word, expected):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "multi/content", content)
    if word:
        round_file = content / "rounds/2023/round.yaml"
        round_file.write_text(round_file.read_text(encoding="utf-8") + f"fleråriga-ord:\n  ideella: {word}\n", encoding="utf-8")
    out = tmp_path / "site"
    code, _, err = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out), "--now", LATER)
    assert code == 0, err
    assert expected in (out / "2023/beslut/skane/index.txt").read_text(encoding="utf-8")


def test_a_multi_year_word_with_a_recipient_list_is_an_error(tmp_path):
    _kinds(tmp_path, "fleråriga-ord:\n  ideella: cirka\n")
    assert _check(tmp_path) == (1, (
        "content/rounds/2024/round.yaml:66:3: raden 'fleråriga-ord:' säger att antalet fleråriga är ungefärligt, men "
        "omgången har en lista över beviljade (beviljade.csv), och dess antal är exakta – ta bort raden 'fleråriga-ord:'; "
        "ett ungefärligt antal skrivs under 'fleråriga:' i en omgång utan lista\nett fel i en fil\n"))
