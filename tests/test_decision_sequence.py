"""Decisions in sequence: a round with several ``typ: beslut`` occasions. The first says "vid ett
första beslutstillfälle", a later one states its own increment and the running total per actor
type (never "tilläggsbeslut"), its local releases go to the counties with recipients in it, and
the round page and next year's comparison use the running and the final total. The fixture's
data is invented (tests/fixtures/beslut-i-omgangar)."""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import FIXTURES, TEMPLATES, run_cli
from pressrum import derive as derive_mod
from pressrum import local_story, validate
from pressrum.pipeline import Options, render_site
from pressrum.facts import DECISION, SUPPLEMENT

SEQUENCE = FIXTURES / "beslut-i-omgangar" / "content"
NOW = "2026-06-01T00:00"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
RELEASES = (
    "2025/beslut-maj", "2025/beslut-maj/skane", "2025/beslut-maj/stockholm", "2025/beslut-maj/vastra-gotaland",
    "2025/beslut-oktober", "2025/beslut-oktober/skane",
    "2025/beslut-oktober/uppsala", "2025/tillagg-december", "2025/tillagg-december/vastra-gotaland", "2026/beslut",
    "2024/beslut",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sequence") / "site"
    code, _, err = run_cli("build", "--content", str(SEQUENCE), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", NOW)
    assert code == 0, err
    return out


def text(site: Path, release: str) -> str:
    return (site / release / "index.txt").read_text(encoding="utf-8")


def test_each_decision_has_local_releases_for_its_own_counties(site):
    built = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.md") if p.parent != site)
    assert built == sorted(RELEASES)


@pytest.mark.parametrize("release", RELEASES)
@pytest.mark.parametrize("suffix", ["md", "txt"])
def test_release_text_is_golden(site, golden, release, suffix):
    golden(f"beslut-i-omgangar/{release}/index.{suffix}", (site / release / f"index.{suffix}").read_text(encoding="utf-8"))


@pytest.mark.parametrize("release, present, absent", [
    # the first decision says it is the first, since a later one follows
    ("2025/beslut-maj", "Delmos) har vid ett första beslutstillfälle fattat beslut om fördelning av statsbidrag "
     "till fem kommuner och regioner samt fyra ideella organisationer", "tilläggsbeslut"),
    # a later decision: its own increment, then the running total split by type, all in digits beside 15 (N1)
    ("2025/beslut-oktober", "har vid ett andra beslutstillfälle beviljat statsbidrag till tre kommuner och regioner "
     "samt tre ideella organisationer för deras arbete mot segregation. Totalt har 15 aktörer beviljats bidrag 2025: "
     "8 kommuner och regioner samt 7 ideella organisationer.", "tilläggsbeslut"),
    ("2025/beslut-oktober", "Vid beslutstillfället fördelas 4,4 miljoner kronor, och sammanlagt har Delmos beviljat "
     "17,8 miljoner kronor under 2025.", "första beslutstillfälle"),
    ("2025/beslut-oktober/skane", "vid ett andra beslutstillfälle beviljat statsbidrag för arbete mot segregation till "
     "två aktörer i Skåne, sammanlagt 1,5 miljoner kronor.", "Stockholms stad"),
    ("2025/beslut-oktober/skane", "I hela landet får ytterligare sex aktörer bidrag vid beslutstillfället. Totalt har "
     "15 aktörer beviljats bidrag 2025: 8 kommuner och regioner samt 7 ideella organisationer.", "Malmö stad"),
    # the first decision's local releases say it is the first too, each in its own formulation
    ("2025/beslut-maj/skane", "Inget län får fler aktörer med statsbidrag för arbete mot segregation än Skåne. "
     "Delegationen mot segregation (Delmos) har vid ett första beslutstillfälle beviljat bidrag till fyra aktörer i "
     "länet, sammanlagt 4,95 miljoner kronor.", "andra beslutstillfälle"),
    ("2025/beslut-maj/stockholm", "Tre aktörer i Stockholms län får statsbidrag för arbete mot segregation från "
     "Delegationen mot segregation (Delmos) vid ett första beslutstillfälle, sammanlagt 4,95 miljoner kronor.",
     "andra beslutstillfälle"),
    ("2025/beslut-maj/vastra-gotaland", "Delegationen mot segregation (Delmos) har vid ett första beslutstillfälle "
     "beviljat statsbidrag för arbete mot segregation till två aktörer i Västra Götaland, sammanlagt 3,5 miljoner "
     "kronor.", "andra beslutstillfälle"),
    # the supplement after both decisions counts everything decided before it
    ("2025/tillagg-december", "Därmed har 16 aktörer beviljats bidrag för arbete mot segregation 2025.", "15 aktörer"),
    # the round's own sender name, with no short name that year, and who decided
    ("2024/beslut", "Delegationen mot segregation i bostadsområden har fattat beslut om fördelning av statsbidrag",
     "Delmos"),
    ("2024/beslut", "Totalt kom 95 ansökningar in, och elva aktörer har beviljats bidrag. Beslutet fattades av "
     "Kommittén för bostadsområden.", "(Delmos)"),
    ("2024/beslut", "Pressmeddelande, Delegationen mot segregation i bostadsområden, 16 maj 2024 kl. 10.00",
     "Om Delmos"),
    ("2024/beslut", "Om Delegationen mot segregation i bostadsområden\n\nDelegationen mot segregation i bostadsområden "
     "var en statlig kommitté", "Pressmeddelande, Delegationen mot segregation,"),
    # a round without its own sender keeps site.yaml's, and says nothing of who decided
    ("2025/beslut-maj", "Pressmeddelande, Delegationen mot segregation, 15 maj 2025", "fattades av"),
    # next year compares with the final total (9 + 6 + 1), not the first decision's nine
    ("2026/beslut", "18 aktörer har beviljats bidrag, fler än i fjol, då 16 aktörer fick bidrag.", "nio aktörer"),
])
def test_sentences(site, release, present, absent):
    t = text(site, release)
    assert present in t
    assert absent not in t


def test_a_single_decision_is_not_called_the_first(site):
    assert "beslutstillfälle" not in text(site, "2026/beslut")
    assert "beslutstillfälle" not in text(site, "2024/beslut")


FIRST = "vid ett första beslutstillfälle"


@pytest.mark.parametrize("number", range(local_story.VARIANTS))
@pytest.mark.parametrize("money_led", [False, True])
def test_every_formulation_of_a_first_local_release_says_it_is_the_first(tmp_path, monkeypatch, number, money_led):
    """Each formulation of the lead (the fixture's counties pick only some): the first
    decision's local releases say "vid ett första beslutstillfälle" once, in the lead; the later
    decision's and a single decision's never."""
    content = tmp_path / "content"
    shutil.copytree(SEQUENCE, content)
    if money_led:
        for year in ("2025", "2026"):
            f = content / "rounds" / year / "round.yaml"
            f.write_text(f.read_text(encoding="utf-8") + "bidrag:\n  vinkel: belopp\n", encoding="utf-8")
    monkeypatch.setattr(local_story, "variant", lambda county, round_key: number)
    files, _, _ = render_site(Options(content, TEMPLATES, tmp_path / "unused", datetime(2026, 6, 1, tzinfo=STOCKHOLM)))
    local = {path.rsplit("/", 1)[0]: files[path].decode("utf-8") for path in files
             if path.endswith("/index.txt") and path.count("/") == 3}
    assert sorted(local) == [r for r in sorted(RELEASES) if r.count("/") == 2]
    for release, t in local.items():
        lead = t.split("\n\n")[2]  # headline, byline, lead
        if release.startswith("2025/beslut-maj/"):
            assert FIRST in lead and t.count(FIRST) == 1, (release, lead)
        else:
            assert "första beslutstillfälle" not in t, release


def test_round_page_shows_the_running_total(site):
    page = (site / "2025/index.html").read_text(encoding="utf-8")
    assert ("I beslutet den 15 maj 2025 beviljades 9 aktörer bidrag. Efter tilläggsbeslutet den 10 december 2025 "
            "har 16 aktörer fått bidrag.") in page


def test_round_page_after_a_later_decision_is_not_a_supplement(tmp_path):
    out = tmp_path / "site"
    code, _, err = run_cli("build", "--content", str(SEQUENCE), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", "2025-11-01T00:00")
    assert code == 0, err
    page = (out / "2025/index.html").read_text(encoding="utf-8")
    assert "I beslutet den 15 maj 2025 beviljades 9 aktörer bidrag. Efter beslutet den 14 oktober 2025 har 15 aktörer" \
           " fått bidrag." in page
    assert "tilläggsbeslut" not in page


@pytest.fixture(scope="module")
def facts():
    return {f.key: f for f in derive_mod.derive(validate.load_content(SEQUENCE))}


@pytest.mark.parametrize("key, kind, number, total, running, per_type", [
    ("beslut-maj", DECISION, 1, 9, 9, {"kommuner": 5, "ideella": 4}),
    ("beslut-oktober", DECISION, 2, 6, 15, {"kommuner": 8, "ideella": 7}),
    ("tillagg-december", SUPPLEMENT, 0, 1, 16, {"kommuner": 9, "ideella": 7}),
])
def test_increments_and_running_totals(facts, key, kind, number, total, running, per_type):
    a = next(a for a in facts["2025"].announcements if a.key == key)
    assert (a.kind, a.decision_number, a.decisions, a.total, a.running_total) == (kind, number, 2, total, running)
    assert {t.term.key: t.count for t in a.running_granted} == per_type
    assert a.first_of_several == (number == 1) and a.later_decision == (number == 2)


def test_year_totals_are_the_final_total(facts):
    totals = derive_mod.year_totals(facts["2025"])
    # 9 + 6 + 1 new actors; Skåne 4 + 2, Uppsala and Norrbotten only in the second decision,
    # Västra Götaland 2 + 1 (the supplement); Norrbotten counts though the editor chose no local release there
    assert totals.total == 16
    assert dict(totals.counties) == {"stockholm": 3, "uppsala": 2, "skane": 6, "vastra-gotaland": 3, "norrbotten": 2}


def _check(tmp_path: Path, path: str, old: str, new: str) -> tuple[int, str, str]:
    content = tmp_path / "content"
    shutil.copytree(SEQUENCE, content)
    f = content / path
    source = f.read_text(encoding="utf-8")
    assert old in source
    f.write_text(source.replace(old, new, 1), encoding="utf-8")
    return run_cli("check", "--content", "content", "--templates", str(TEMPLATES), "--now", NOW, cwd=tmp_path)


ROUND = "rounds/2025/round.yaml"
CSV = "rounds/2025/beviljade.csv"


@pytest.mark.parametrize("path, old, new, expected", [
    # a row assigned to an occasion round.yaml does not have
    (CSV, "Luleå;1 100 000;;beslut-oktober;", "Luleå;1 100 000;;beslut-november;",
     "content/rounds/2025/beviljade.csv:15:1: raden hör inte till något tillfälle ('beslut-november') – skriv nyckeln "
     "för ett tillfälle i round.yaml: beslut-maj, beslut-oktober, tillagg-december\n"
     # the row left out, the stated total no longer agrees: both are reported in one run
     "content/rounds/2025/round.yaml:14:23: här står 15 beviljade totalt, men besluten hittills ger 14 "
     "(9 i beslut-maj + 5 i beslut-oktober) – rätta totalen eller antalen i besluten så att de stämmer\n"),
    # a stated running total that is not what the decisions so far have granted
    (ROUND, "beviljade-totalt: 15", "beviljade-totalt: 16",
     "content/rounds/2025/round.yaml:14:23: här står 16 beviljade totalt, men besluten hittills ger 15 "
     "(9 i beslut-maj + 6 i beslut-oktober) – rätta totalen eller antalen i besluten så att de stämmer\n"),
    # a later decision published before the first
    (ROUND, "publiceras: 2025-10-14 10:00", "publiceras: 2025-05-01 10:00",
     "content/rounds/2025/round.yaml:12:17: beslutet beslut-oktober publiceras 1 maj 2025 kl. 10.00, före beslutet "
     "ovanför det, beslut-maj (content/rounds/2025/round.yaml:9), som publiceras 15 maj 2025 kl. 10.00 – besluten "
     "publiceras i den ordning de står under tillfällen: ändra tiden eller flytta beslutet beslut-oktober före "
     "beslut-maj\n"),
    # a running total lower than after the earlier decision
    (ROUND, "beviljade-totalt: 15", "beviljade-totalt: 8",
     "content/rounds/2025/round.yaml:14:23: totalt antal beviljade minskar: här står 8, men efter beslut-maj "
     "(content/rounds/2025/round.yaml:7) hade 9 beviljats – totalen är alla som beviljats hittills i omgången: "
     "skriv minst 9, eller rätta siffrorna för beslut-maj\n"),
])
def test_bad_sequence_is_a_located_error(tmp_path, path, old, new, expected):
    code, out, err = _check(tmp_path, path, old, new)
    assert (code, out) == (1, "")
    assert err == expected + ("två fel i två filer\n" if path == CSV else "ett fel i en fil\n")


def test_a_row_for_a_release_that_grants_nothing(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SEQUENCE, content)
    round_file = content / ROUND
    round_file.write_text(round_file.read_text(encoding="utf-8") + (
        "  seminarium:\n    typ: nyhet\n    publiceras: 2025-11-02 08:30\n    rubrik: Seminarium om lokalt arbete\n"
        "    ingress: Mottagarna möts i november.\n    text: Seminariet hålls i Luleå.\n"), encoding="utf-8")
    csv = content / CSV
    csv.write_text(csv.read_text(encoding="utf-8").replace("Luleå;450 000;;beslut-oktober;", "Luleå;450 000;;seminarium;"),
                   encoding="utf-8")
    code, out, err = run_cli("check", "--content", "content", "--templates", str(TEMPLATES), "--now", NOW, cwd=tmp_path)
    assert (code, out) == (1, "")
    assert ("content/rounds/2025/beviljade.csv:16:1: raden hör till tillfället seminarium, som är av typen nyhet och inte "
            "beviljar några bidrag – skriv nyckeln för ett beslut eller ett tillägg i kolumnen tillfälle: beslut-maj, "
            "beslut-oktober, tillagg-december\n") in err


def test_the_round_sender_signs_the_page(site):
    page = (site / "2024/beslut/index.html").read_text(encoding="utf-8")
    assert "av Delegationen mot segregation i bostadsområden</p>" in page
    assert "Om Delegationen mot segregation i bostadsområden</h2>" in page


def test_who_decided_in_a_round_without_decisions_is_an_error(tmp_path):
    code, out, err = _check(tmp_path, "rounds/2024/round.yaml", "  beslut:\n    typ: beslut\n",
                            "  ansokningar:\n    typ: ansokningar\n")
    assert (code, out) == (1, "")
    assert err == ("content/rounds/2024/round.yaml:14:17: omgången säger vem som fattade beslutet, men den har inget "
                   "beslut eller tillägg, så det skrivs ingenstans – ta bort raden, eller lägg till ett tillfälle med typ: beslut\nett fel i en fil\n")


# --- the editor's choice of counties (lokala-pressmeddelanden) -------------------------------------------------------


def test_only_the_chosen_counties_get_a_local_release_and_a_feed(site):
    # Norrbotten has two recipients in the second decision, but the editor chose Uppsala and Skåne
    assert not (site / "2025/beslut-oktober/norrbotten").exists()
    assert not (site / "lan/norrbotten").exists()
    t = text(site, "2025/beslut-oktober")
    assert "Det finns lokala pressmeddelanden om mottagarna i två län:" in t
    assert "Norrbotten" not in t


def test_the_round_choice_inga_leaves_out_every_local_release(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SEQUENCE, content)
    round_file = content / ROUND
    # the occasion's own list wins over the round's
    round_file.write_text(round_file.read_text(encoding="utf-8").replace("år: 2025\n", "år: 2025\nlokala-pressmeddelanden: inga\n"),
                          encoding="utf-8")
    out = tmp_path / "site"
    code, _, err = run_cli("build", "--content", "content", "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", NOW, cwd=tmp_path)
    assert code == 0, err
    local = sorted(p.parent.relative_to(out).as_posix() for p in (out / "2025").rglob("index.md"))
    assert local == ["2025/beslut-maj", "2025/beslut-oktober", "2025/beslut-oktober/skane",
                     "2025/beslut-oktober/uppsala", "2025/tillagg-december"]
    assert "lokala pressmeddelanden" not in text(out, "2025/beslut-maj")


@pytest.mark.parametrize("old, new, expected", [
    # an unknown county, at its own line, with the nearest name
    ("lokala-pressmeddelanden: [uppsala, skane]", "lokala-pressmeddelanden:\n      - uppsala\n      - skåne2",
     "content/rounds/2025/round.yaml:18:9: okänt län: 'skåne2' – menade du 'Skåne'?\n"),
    # a chosen county with no recipients in the occasion
    ("lokala-pressmeddelanden: [uppsala, skane]", "lokala-pressmeddelanden: [uppsala, gotland]",
     "content/rounds/2025/round.yaml:16:40: Gotland har inga mottagare i beslut-oktober, så länet får inget lokalt "
     "pressmeddelande där – ta bort länet ur listan, eller välj bland länen med mottagare: uppsala, skane, "
     "norrbotten\n"),
    # at the round's level: no recipients in any decision or supplement
    ("år: 2025\n", "år: 2025\nlokala-pressmeddelanden: [stockholm, halland]\n",
     "content/rounds/2025/round.yaml:4:38: Halland har inga mottagare i omgångens beslut och tillägg, så länet får "
     "inget lokalt pressmeddelande – ta bort länet ur listan, eller välj bland länen med mottagare: stockholm, "
     "uppsala, skane, vastra-gotaland, norrbotten\n"),
])
def test_bad_county_choice_is_a_located_error(tmp_path, old, new, expected):
    code, out, err = _check(tmp_path, ROUND, old, new)
    assert (code, out) == (1, "")
    assert err == expected + "ett fel i en fil\n"


def test_a_county_choice_on_a_kind_without_local_releases(tmp_path):
    code, out, err = _check(tmp_path, "rounds/2024/round.yaml", "    publiceras: 2024-05-16 10:00\n",
                            "    publiceras: 2024-05-16 10:00\n  ansokningar:\n    typ: ansokningar\n"
                            "    publiceras: 2024-02-01 09:00\n    lokala-pressmeddelanden: [skane]\n")
    assert (code, out) == (1, "")
    assert err == ("content/rounds/2024/round.yaml:25:30: lokala-pressmeddelanden gäller bara beslut, tillägg och "
                   "redovisningar, men ansokningar har typen ansokningar – ta bort raden; den typen har inga lokala "
                   "pressmeddelanden\n"
                   "ett fel i en fil\n")


def test_a_templates_folder_without_the_later_decision_templates(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "releases/beslut/nationell-senare.md.j2").unlink()
    code, out, err = run_cli("check", "--content", str(SEQUENCE), "--templates", str(templates), "--now", NOW,
                             cwd=tmp_path)
    assert (code, out) == (1, "")
    assert err.endswith("rounds/2025/round.yaml:11:10: beslut-oktober är omgångens andra beslut, men det finns ingen "
                        "mall för ett senare beslut (templates/releases/beslut/nationell-senare.md.j2 saknas) – kopiera "
                        "mallarna beslut/nationell-senare.md.j2 och lokal-senare.md.j2 från Pressrums templates/\n"
                        "ett fel i en fil\n")
