"""Each cross-check of pressrum/checks.py (round_checks, county_checks) on its own: one mistake, the check that names it.

The mistakes are the broken-content cases (tests/broken/cases.py) on the bundled content, and a
few edits of the kinds fixture, which has a recipient list, schemes, a supplement and news.
"""
from __future__ import annotations

import shutil

import pytest

from broken.cases import materialize
from conftest import FIXTURES, ROOT
from pressrum import checks, county_checks, no_grants_checks, round_checks
from pressrum.derive import round_facts
from pressrum.errors import Place
from pressrum.validate import Content, load_content, load_round, load_site
from pressrum.word_checks import word_without_figure


def problems_of(check, folder, monkeypatch, round_key=None):
    """The problems one check finds in the content at ``folder`` (each round, or one), and check_round's."""
    monkeypatch.chdir(folder)
    content = load_content(folder / "content")
    found, everything = [], []
    for r in content.rounds:
        if round_key in (None, r.key):
            facts = round_facts(r, content)
            found += check(checks.Checked.of(r, content, facts))
            everything += checks.check_round(r, content, facts)
    return found, everything


@pytest.mark.parametrize("case, check, message", [
    ("summa-stammer-inte", round_checks.check_round_sums, "totalen här är 91, men delarna under 'beviljade:'"),
    ("beviljade-over-ansokningar", round_checks.check_round_figures, "90 beviljade aktörer"),
    ("flerariga-over-beviljade", round_checks.check_round_figures, "antalet ideella organisationer med flerårigt bidrag (40) är större än antalet beviljade ideella organisationer (32"),
    ("oronmarkt-over-medel", round_checks.check_earmarks, "de öronmärkta beloppen (260\u00a0000\u00a0000 kronor)"),
    ("okand-aktorstyp", round_checks.check_unknown_types, "okänd aktörstyp 'foreningar'"),
    ("okand-aktorstyp", county_checks.check_county_files, "okänd aktörstyp 'foreningar'"),
    ("kommun-i-fel-lan", county_checks.check_county_files, "Umeå ligger i Västerbottens län, inte i Skåne län"),
    ("lan-summa-stammer-inte", county_checks.check_county_files, "totalen här är 16"),
    ("mottagare-over-beviljade", county_checks.check_county_files, "två ideella organisationer står som mottagare"),
    ("lansfil-utan-pressmeddelande", county_checks.check_county_files, "filen för Stockholms län ger inget pressmeddelande"),
    ("lan-over-riket", county_checks.check_counties_against_round, "70 kommuner och regioner i Skåne län är fler än de 58 i hela landet"),
    ("lan-typ-saknas-i-riket", county_checks.check_counties_against_round, "åtta ideella organisationer i Skåne län, men inga ideella organisationer bland de beviljade i hela landet"),
    ("lanen-tillsammans-over-riket", county_checks.check_counties_against_round, "länsfilerna har sammanlagt 62 kommuner och regioner"),
    ("flerariga-listade-over-riket", county_checks.check_multi_year_in_counties, "i länsfilerna har 2 ideella organisationer flerårigt bidrag"),
    ("topplan-motsags-av-kompletta-lan", county_checks.check_top_county, "länet med flest beviljade är Stockholms län enligt round.yaml, men enligt länsfilerna Skåne"),
    ("topplan-motsags-av-storre-lan", county_checks.check_top_county, "länet med flest beviljade är Skåne (15) enligt round.yaml, men Stockholms län har"),
])
def test_broken_case_is_found_by_its_check(case, check, message, tmp_path, monkeypatch):
    materialize(case, tmp_path)
    found, everything = problems_of(check, tmp_path, monkeypatch)
    assert [p for p in found if message in p.message], [p.message for p in found]
    assert set(found) <= set(everything)


def _kinds(tmp_path, path: str, old: str, new: str):
    """The kinds fixture with one edit in ``content/<path>``."""
    shutil.copytree(FIXTURES / "kinds" / "content", tmp_path / "content")
    target = tmp_path / "content" / path
    text = target.read_text(encoding="utf-8")
    assert old in text, old
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("path, old, new, check, message", [
    ("site.yaml", "omfattar: [kommun, region,", "omfattar: [region,", round_checks.check_recipient_rows,
     "okänd typ 'kommun'"),
    ("rounds/2024/beviljade.csv", "2 500 000;;segregation;;", "2 500 000;;integration;;", round_checks.check_recipient_rows,
     "okänt bidrag i kolumnen ordning: 'integration'"),
    ("rounds/2024/round.yaml", "sökt-belopp: 612400000\n", "sökt-belopp: 612400000\nbeviljade:\n  kommuner: 1\n",
     round_checks.check_round_against_list, "beviljade i hela landet: här står 1 på raden 'kommuner:'"),
    ("rounds/2024/round.yaml", "    medel: 85000000", "    medel: 85000001", round_checks.check_schemes,
     "hela beloppet att fördela är 245 000 000 kronor, men bidragens belopp"),
    ("rounds/2024/round.yaml", "    publiceras: 2024-06-20 10:00\n", "    publiceras: 2024-06-20 10:00\n    belopp: 1\n",
     round_checks.check_announcements, "beloppet i beslutet är 1 kronor, men raderna för tillagg-juni"),
    ("rounds/2024/round.yaml", "    rubrik: Delmos bjuder in till seminarium om lokalt arbete mot segregation\n", "",
     round_checks.check_release_kinds,
     "en nyhet behöver rubrik, ingress och text"),
    ("rounds/2024/lan/stockholm.yaml", "ansökningar: 60", "ansökningar: 160", county_checks.check_applications,
     "länen har sammanlagt 258 ansökningar, men antalet ansökningar i round.yaml är 210"),
])
def test_kinds_edit_is_found_by_its_check(path, old, new, check, message, tmp_path, monkeypatch):
    _kinds(tmp_path, path, old, new)
    found, everything = problems_of(check, tmp_path, monkeypatch, "2024")
    assert [p for p in found if message in p.message], [p.message for p in found]
    assert set(found) <= set(everything)


@pytest.mark.parametrize("check", checks.CHECKS)
def test_the_kinds_fixture_passes_every_check(check, monkeypatch):
    found, _ = problems_of(check, FIXTURES / "kinds", monkeypatch)
    assert found == []


def test_every_check_says_what_of_round_yaml_it_reads():
    assert set(checks.READS) == set(checks.CHECKS)
    assert all(not reads & checks.SHAPES_ALL for reads in checks.READS.values())  # those stop every check


def _bundled_with(tmp_path, edits):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    for path, old, new in edits:
        target = tmp_path / "content" / path
        text = target.read_text(encoding="utf-8")
        assert old in text, old
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path / "content"


# (edits, round.yaml keys left out, a message that must be found, one that must not): review §4 i
PARTIAL = [
    # a type error in medel: the county check still runs; the earmarks (which need medel) do not
    ([("rounds/2021/round.yaml", "medel: 250000000", "medel: 250 miljoner"),
      ("rounds/2021/lan/skane.yaml", "  kommuner: 7\n", "  kommuner: 70\n"),
      ("rounds/2021/round.yaml", "belopp: 160000000", "belopp: 260000000")],
     {"medel"}, "70 kommuner och regioner i Skåne län är fler än de 58 i hela landet", "öronmärkta"),
    # a broken national count: the checks that compare with it are left out, the others run
    ([("rounds/2021/round.yaml", "  kommuner: 58", "  kommuner: femtioåtta"),
      ("rounds/2021/lan/skane.yaml", "  kommuner: 7\n", "  kommuner: 70\n"),
      ("rounds/2021/round.yaml", "belopp: 160000000", "belopp: 260000000")],
     {"beviljade"}, "de öronmärkta beloppen (260\u00a0000\u00a0000 kronor)", "i hela landet"),
]


@pytest.mark.parametrize("edits, broken, found, hidden", PARTIAL)
def test_a_broken_value_hides_only_the_checks_that_read_it(edits, broken, found, hidden, tmp_path, monkeypatch):
    content_dir = _bundled_with(tmp_path, edits)
    monkeypatch.chdir(tmp_path)
    round_in, problems = load_round(content_dir / "rounds" / "2021")
    assert round_in is not None and round_in.broken == broken
    assert len(problems) == 1  # the type error itself
    site, source, _ = load_site(content_dir)
    content = Content(content_dir, site, source, (round_in,))
    messages = [p.message for p in checks.check_round(round_in, content, round_facts(round_in, content))]
    assert any(found in m for m in messages), messages
    assert not any(hidden in m for m in messages), messages


@pytest.mark.parametrize("old, new", [
    ("år: 2021", "år: tjugotjugoett"),  # required: nothing to check without it
    ("ansökningar: 232", "ansokningar: 232"),  # an unknown key: what it meant is uncertain
    ("flest-beviljade-län: Skåne", "flest-beviljade-län: Skåne\naktörstyper: fel"),  # shapes every figure
])
def test_a_round_without_its_required_or_shaping_keys_is_not_cross_checked(old, new, tmp_path, monkeypatch):
    content_dir = _bundled_with(tmp_path, [("rounds/2021/round.yaml", old, new)])
    monkeypatch.chdir(tmp_path)
    round_in, problems = load_round(content_dir / "rounds" / "2021")
    assert problems
    if round_in is not None:
        site, source, _ = load_site(content_dir)
        content = Content(content_dir, site, source, (round_in,))
        assert checks.check_round(round_in, content, round_facts(round_in, content)) == []


@pytest.mark.parametrize("key, word, amount, part, message, hint", [
    ("medel", "cirka", True, None,
     "raden 'medel-ord: cirka' säger att beloppet är ungefärligt, men det finns ingen rad 'medel:'",
     "skriv beloppet i kronor på en rad 'medel:' med samma indrag som 'medel-ord:', eller ta bort raden 'medel-ord:'"),
    ("inbjudna", "över", False, None,
     "raden 'inbjudna-ord: över' säger att antalet är ungefärligt, men det finns ingen rad 'inbjudna:'",
     "skriv antalet på en rad 'inbjudna:' med samma indrag som 'inbjudna-ord:', eller ta bort raden 'inbjudna-ord:'"),
    ("beviljade", "nästan", False, "regioner",
     "raden 'regioner: nästan' under 'beviljade-ord:' säger att antalet är ungefärligt, men det finns ingen rad "
     "'regioner:' under 'beviljade:'",
     "skriv antalet på en rad 'regioner:' under 'beviljade:', eller ta bort raden 'regioner:' under 'beviljade-ord:'"),
    ("ansökningar-per-typ", "en tredjedel", False, "ideella",  # a share is no rounding
     "raden 'ideella: en tredjedel' under 'ansökningar-per-typ-ord:' säger att antalet skrivs som en andel, men det "
     "finns ingen rad 'ideella:' under 'ansökningar-per-typ:'",
     "skriv antalet på en rad 'ideella:' under 'ansökningar-per-typ:', eller ta bort raden 'ideella:' under "
     "'ansökningar-per-typ-ord:'"),
])
def test_a_word_without_its_figure_has_one_wording(key, word, amount, part, message, hint):
    p = word_without_figure(Place("round.yaml", 5, 12), key, word, amount, part)
    assert (p.place, p.message, p.hint) == (Place("round.yaml", 5, 12), message, hint)


# (broken case, the word's key, the word, an amount, the part): every check of a word without
# its figure, each reporting exactly word_without_figure's problem.
WORDS_WITHOUT_FIGURES = [
    ("medel-ord-utan-medel", "medel", "cirka", True, None),                      # word_checks
    ("sokt-belopp-ord-utan-belopp", "sökt-belopp", "cirka", True, None),
    ("utlysning-inbjudna-ord-utan-antal", "inbjudna", "cirka", False, None),
    ("lanets-ansokningar-ord-utan-antal", "ansökningar", "över", False, None),
    ("del-ord-utan-antal", "ansökningar-per-typ", "cirka", False, "regioner"),
    ("andel-utan-del", "ansökningar-per-typ", "hälften", False, "regioner"),
    ("beviljade-ord-utan-antal", "beviljade", "nästan", False, "regioner"),
    ("flerariga-ord-utan-antal", "fleråriga", "cirka", False, "kommuner"),
    ("beviljade-totalt-ord-utan-totalt", "beviljade-totalt", "nästan", False, None),
    ("sokande-aktorer-ord-utan-antal", "sökande-aktörer", "drygt", False, None),  # intake_checks
    ("intresseanmalningar-ord-utan-antal", "intresseanmälningar", "över", False, None),
    ("hittills-ord-utan-antal", "sökande-aktörer", "drygt", False, None),
    ("tillfallets-belopp-ord-utan-belopp", "belopp", "drygt", True, None),         # amount_checks
    ("belopp-ord-utan-belopp", "belopp", "drygt", True, None),
    ("ansokningar-ord-utan-antal", "ansökningar", "över", False, None),           # checks
    ("lanets-utlysning-belopp-ord-utan-belopp", "belopp", "knappt", True, None),  # call_checks
    ("redovisning-ord-utan-siffra", "fördelat", "drygt", True, None),             # report_checks
]


@pytest.mark.parametrize("case, key, word, amount, part", WORDS_WITHOUT_FIGURES)
def test_every_word_without_its_figure_is_worded_by_the_one_function(case, key, word, amount, part, tmp_path,
                                                                     monkeypatch):
    materialize(case, tmp_path)
    _, everything = problems_of(lambda r: [], tmp_path, monkeypatch)
    worded = [p for p in everything if p == word_without_figure(p.place, key, word, amount, part)]
    assert len(worded) == 1, [p.message for p in everything]


@pytest.mark.parametrize("year, old, new, key, word", [
    ("2026", "  utbetalt: 31000000\n", "", "utbetalt", "drygt"),  # inga-nya-bidrag: the word alone
    ("2027", "  beslutat: 2026-12-17\n", "  beslutat: 2026-12-17\n  belopp-ord: cirka\n", "belopp", "cirka"),  # inställd
])
def test_a_word_without_its_amount_in_a_round_without_grants(year, old, new, key, word, tmp_path, monkeypatch):
    """no_grants_checks.check_words: the word was dropped without a word before; now the one message."""
    shutil.copytree(FIXTURES / "bidragsar" / "content", tmp_path / "content")
    f = tmp_path / "content" / "rounds" / year / "round.yaml"
    text = f.read_text(encoding="utf-8")
    assert old in text, old
    f.write_text(text.replace(old, new, 1), encoding="utf-8")
    found, everything = problems_of(no_grants_checks.check_words, tmp_path, monkeypatch, year)
    assert len(found) == 1, found
    line = next(n for n, t in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if t.strip().startswith(f"{key}-ord:"))
    assert found[0].place.file.endswith(f"{year}/round.yaml") and found[0].place.line == line
    assert found[0] == word_without_figure(found[0].place, key, word, True)
    assert set(found) <= set(everything)
