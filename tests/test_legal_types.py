"""The legal types a recipient list (beviljade.csv) accepts are content's word (issue 13): the
``omfattar`` lists of the actor types in site.yaml, and a round's own actor types in round.yaml.
A friskola or an aktiebolag is accepted where the content says so and refused, with the accepted
types listed, where it does not."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CONTENT, FIXTURES, NOW, TEMPLATES, run_cli

VOCABULARY = FIXTURES / "vocabulary" / "content"
HEADER = "namn;typ;kommun;belopp;år;ordning;tillfälle;tillägg\n"
# Nine municipal and four association projects, as the vocabulary fixture's round.yaml and county files type them.
ROWS = """Föreningen Ren Ätran;ideell förening;Falkenberg;300 000;;;;
Malmö stad;kommun;Malmö;1 200 000;;;;
Lunds kommun;kommun;Lund;900 000;;;;
Ystad Vatten AB;aktiebolag;Ystad;800 000;;;;
Helsingborgs stad;kommun;Helsingborg;700 000;;;;
Friskolan Ekbacken;fristående skola;Lund;150 000;;;;
Sjöföreningen i Höör;ideell förening;Höör;200 000;;;;
Stockholms stad;kommun;Stockholm;1 000 000;;;;
Uppsala kommun;kommun;Uppsala;600 000;;;;
Göteborgs stad;kommun;Göteborg;1 100 000;;;;
Norrvatten AB;aktiebolag;Sollentuna;500 000;;;;
Örebro kommun;kommun;Örebro;400 000;;;;
Naturskolan Lärkan;fristående skola;Umeå;100 000;;;;
"""


def _vocabulary(tmp_path: Path, site_types: dict[str, str], round_extra: str = "") -> Path:
    """The vocabulary fixture with ``omfattar`` for each actor type and the recipient list above."""
    content = tmp_path / "content"
    shutil.copytree(VOCABULARY, content)
    site = content / "site.yaml"
    text = site.read_text(encoding="utf-8")
    for key, covers in site_types.items():
        old = f"  {key}:\n"
        assert old in text
        text = text.replace(old, f"{old}    omfattar: {covers}\n", 1)
    site.write_text(text, encoding="utf-8")
    round_yaml = content / "rounds/2025/round.yaml"
    round_yaml.write_text(round_yaml.read_text(encoding="utf-8") + round_extra, encoding="utf-8")
    (content / "rounds/2025/beviljade.csv").write_text(HEADER + ROWS, encoding="utf-8")
    return content


def _build(content: Path, tmp_path: Path) -> Path:
    out = tmp_path / "releases"
    code, _, err = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", NOW)
    assert code == 0, err
    return out


def test_a_friskola_and_an_aktiebolag_are_accepted_where_site_yaml_says_so(tmp_path):
    content = _vocabulary(tmp_path, {"kommunala": "[kommun, aktiebolag]", "foreningar": "[ideell förening, fristående skola]"})
    out = _build(content, tmp_path)
    skane = (out / "2025/beslut/skane/index.md").read_text(encoding="utf-8")
    assert "- Ystad Vatten AB: 800\u00a0000 kronor" in skane  # the name says the municipality (review W6)
    assert "- Friskolan Ekbacken, Lund: 150\u00a0000 kronor" in skane
    assert (out / "2025/beslut/vasterbotten/index.md").is_file()  # Naturskolan Lärkan's county


def test_a_rounds_own_actor_types_override_site_yamls_legal_types(tmp_path):
    own = ("aktörstyper:\n  foreningar:\n    singular: föreningsprojekt\n    plural: föreningsprojekt\n"
           "    genus: ett\n    omfattar: [ideell förening, fristående skola]\n")
    content = _vocabulary(tmp_path, {"kommunala": "[kommun, aktiebolag]", "foreningar": "[ideell förening]"}, own)
    _build(content, tmp_path)


def test_a_rounds_actor_type_without_omfattar_keeps_site_yamls(tmp_path):
    own = "aktörstyper:\n  foreningar:\n    singular: föreningsprojekt\n    plural: föreningsprojekt\n    genus: ett\n"
    content = _vocabulary(tmp_path, {"kommunala": "[kommun, aktiebolag]", "foreningar": "[ideell förening, fristående skola]"},
                          own)
    _build(content, tmp_path)


def _check_messages(tmp_path: Path) -> list[str]:
    code, out, err = run_cli("check", "--content", "content", "--now", NOW, cwd=tmp_path)
    assert code == 1
    return (out + err).splitlines()


ACCEPTED = "kommun, region, kommunalförbund, ideell förening, stiftelse, trossamfund"
WHERE = "under omfattar för en av aktörstyperna (kommuner, ideella) i site.yaml eller round.yaml"


def test_the_bundled_site_yaml_refuses_them_listing_the_accepted_types(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    csv = tmp_path / "content/rounds/2021/beviljade.csv"
    csv.write_text(HEADER + "Friskolan Ekbacken;fristående skola;Lund;150 000;;;;\n"
                            "Ystad Vatten AB;aktiebolag;Ystad;800 000;;;;\n"
                            "Malmö stad;kommunen;Malmö;1 200 000;;;;\n", encoding="utf-8")
    messages = _check_messages(tmp_path)
    assert f"content/rounds/2021/beviljade.csv:2:20: okänd typ 'fristående skola' – använd en av: {ACCEPTED}, " \
           f"eller lägg till typen {WHERE}" in messages
    assert f"content/rounds/2021/beviljade.csv:3:17: okänd typ 'aktiebolag' – använd en av: {ACCEPTED}, " \
           f"eller lägg till typen {WHERE}" in messages
    assert f"content/rounds/2021/beviljade.csv:4:12: okänd typ 'kommunen' – menade du 'kommun'? Annars lägg till typen " \
           f"{WHERE}" in messages


@pytest.mark.parametrize("site_types", [{}, {"kommunala": "[]"}])
def test_without_any_omfattar_no_type_is_accepted(tmp_path, site_types):
    content = _vocabulary(tmp_path, site_types)
    assert content.parent == tmp_path
    messages = _check_messages(tmp_path)
    assert "content/rounds/2025/beviljade.csv:3:12: okänd typ 'kommun' – ingen typ tas emot ännu: skriv vilka typer som " \
           "räknas till varje aktörstyp under omfattar för en av aktörstyperna (kommunala, foreningar) i site.yaml " \
           "eller round.yaml" in messages


def test_a_legal_type_under_two_actor_types_is_a_located_error(tmp_path):
    content = _vocabulary(tmp_path, {"kommunala": "[kommun, aktiebolag]", "foreningar": "[ideell förening, Aktiebolag]"})
    code, _, err = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES),
                           "--out", str(tmp_path / "releases"), "--now", NOW)
    site = content / "site.yaml"  # shown as the user gave it: an absolute path here
    lines = (content / "site.yaml").read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines, 1) if "omfattar: [kommun, aktiebolag]" in line)
    second = next(i for i, line in enumerate(lines, 1) if "omfattar: [ideell förening, Aktiebolag]" in line)
    assert code == 1
    assert (f"{site}:{second}:5: typen 'Aktiebolag' står under omfattar för både kommunala ({site}:{first}) och "
            f"foreningar – en typ i listan över beviljade hör till en enda aktörstyp; ta bort den från en av dem") in err
