"""Recipient lists as Swedish Excel saves them: encodings, separators, amounts, errors."""
from __future__ import annotations

import pytest

from pressrum.recipients import load_recipients

HEADER = "namn;typ;kommun;belopp;år;ordning;tillfälle;tillägg\n"


def write(tmp_path, text: str, encoding="utf-8", name="beviljade.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_reads_every_encoding_excel_writes(tmp_path, monkeypatch, encoding):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, HEADER + "Hela ideella;ideell förening;Landskrona;1 200 000;3;;beslut;nej\n", encoding)
    rows, problems = load_recipients(path)
    assert problems == []
    (row,) = rows
    assert (row.name, row.kind, row.municipality.namn, row.municipality.lan.slug) == (
        "Hela ideella", "ideell förening", "Landskrona", "skane")
    assert (row.amount, row.years, row.multi_year, row.future_commitment) == (1_200_000, 3, True, 2_400_000)
    assert (row.announcement, row.topup, row.scheme) == ("beslut", False, None)
    assert str(row.place) == "beviljade.csv:2:1"


@pytest.mark.parametrize("amount, expected", [
    ("700000", 700_000), ("700 000", 700_000), ("700\u00a0000", 700_000), ("700 000 kr", 700_000),
    ("700000,00", 700_000),
])
def test_amount_forms(tmp_path, monkeypatch, amount, expected):
    monkeypatch.chdir(tmp_path)
    rows, problems = load_recipients(write(tmp_path, HEADER + f"A;kommun;Malmö;{amount};;;;\n"))
    assert problems == [] and rows[0].amount == expected


@pytest.mark.parametrize("body, expected", [
    ("A;kommun;Malmö;sju;;;;\n",
     "beviljade.csv:2:16: beloppet ska stå i hela kronor med siffror, men nu står det 'sju' – skriv beloppet med siffror, till exempel 700 000"),
    ("A;kommun;Malmö;700,5;;;;\n",
     "beviljade.csv:2:16: beloppet ska stå i hela kronor med siffror, men nu står det '700,5' – skriv beloppet med siffror, till exempel 700 000"),
    ("A;;Malmö;1;;;;\n",
     "beviljade.csv:2:3: typ saknas – skriv mottagarens typ, en av dem som står under omfattar i site.yaml"),
    ("A;kommun;Malmo;1;;;;\n",
     "beviljade.csv:2:10: okänd kommun: 'Malmo' – menade du 'Malmö'?"),
    ("A;kommun;Atlantis;1;;;;\n",
     "beviljade.csv:2:10: okänd kommun: 'Atlantis' – ange kommunkod eller kommunnamn, till exempel '1282' eller 'Landskrona'"),
    (";kommun;Malmö;1;;;;\n",
     "beviljade.csv:2:1: namn saknas – skriv mottagarens namn"),
    ("A;kommun;Malmö;1;tolv;;;\n",
     "beviljade.csv:2:18: antalet år ska vara ett heltal från 1 till 10, men nu står det 'tolv' – skriv hur många år bidraget gäller, till exempel 3"),
    ("A;kommun;Malmö;1;;;;kanske\n",
     "beviljade.csv:2:21: här ska det stå ja eller nej, men nu står det 'kanske' – skriv ja om raden är ett tillägg till en tidigare mottagare"),
])
def test_row_problems_are_located_and_swedish(tmp_path, monkeypatch, body, expected):
    monkeypatch.chdir(tmp_path)
    rows, problems = load_recipients(write(tmp_path, HEADER + body))
    assert rows == ()
    assert [p.text() for p in problems] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("namn;typ;kommun\nA;kommun;Malmö\n", ["beviljade.csv:1:1: kolumnen 'belopp' saknas – rubrikraden ska ha minst: namn, typ, kommun, belopp"]),
    ("namn;typ;kommun;beloop\n", ["beviljade.csv:1:17: okänd kolumn 'beloop' – menade du 'belopp'?",
                                   "beviljade.csv:1:1: kolumnen 'belopp' saknas – rubrikraden ska ha minst: namn, typ, kommun, belopp"]),
    ("namn,typ,kommun,belopp\n", ["beviljade.csv:1:1: kolumnerna är avgränsade med komma, inte semikolon – spara från Excel som 'CSV (semikolonavgränsad)'"]),
    ("", ["beviljade.csv:1:1: filen är tom – fyll i en rubrikrad och en rad per mottagare, eller ta bort filen"]),
    (HEADER, ["beviljade.csv:2:1: listan har ingen mottagare – lägg till en rad per mottagare under rubrikraden"]),
])
def test_file_problems(tmp_path, monkeypatch, text, expected):
    monkeypatch.chdir(tmp_path)
    rows, problems = load_recipients(write(tmp_path, text))
    assert rows == ()
    assert [p.text() for p in problems] == expected


def test_every_bad_row_is_reported_at_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, problems = load_recipients(write(tmp_path, HEADER + "A; ;Malmö;1;;;;\nB;kommun;Malmö;1;;;;\nC;kommun;Nowhere;1;;;;\n"))
    assert [str(p.place) for p in problems] == ["beviljade.csv:2:3", "beviljade.csv:4:10"]


def test_squash_keeps_no_break_spaces():
    from pressrum.markup import squash
    assert squash("  sammanlagt 300\xa0000 kronor\n  och  mer ") == "sammanlagt 300\xa0000 kronor och mer"


def test_any_legal_type_is_read_as_written_in_lower_case(tmp_path, monkeypatch):
    """Which types are accepted is content's word (omfattar); the list only reads them."""
    monkeypatch.chdir(tmp_path)
    rows, problems = load_recipients(write(tmp_path, HEADER + "A;Fristående  skola;Malmö;1;;;;\nB;aktiebolag;Malmö;1;;;;\n"))
    assert problems == [] and [r.kind for r in rows] == ["fristående skola", "aktiebolag"]
    assert str(rows[0].kind_place) == "beviljade.csv:2:3"
