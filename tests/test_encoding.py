"""Garbled names are never published (issue 18, item 2).

A recipient list has one encoding, detected: UTF-8 (with or without BOM), else Windows-1252. A
byte neither defines, or rows in both, is a located Swedish error instead of "Ã…sas Bokcirkel"
or "M\ufffdtesplats \ufffd\ufffd\ufffd\ufffd" on the site; text garbled before it reached a file ("Ã…",
"â€“", U+FFFD) is an error in the recipient list and in every text field of the YAML files.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from conftest import FIXTURES, TEMPLATES, run_cli
from pressrum import encoding
from pressrum.fields import Markdown, Text
from pressrum.recipients import load_recipients

SAVE = "spara listan från Excel som 'CSV UTF-8'"
HEADER = "namn;typ;kommun;belopp\n"
ROWS = "Malmö stad;kommun;Malmö;2 200 000\nFöreningen Framtid;ideell förening;Stockholm;650 000\n"


# --- decoding: one encoding per file ----------------------------------------------------------

@pytest.mark.parametrize("raw, text", [
    ((HEADER + ROWS).encode("utf-8"), HEADER + ROWS),
    (b"\xef\xbb\xbf" + (HEADER + ROWS).encode("utf-8"), HEADER + ROWS),  # the BOM is not text
    ((HEADER + ROWS).encode("cp1252"), HEADER + ROWS),
    ("Ö och Ä – ”citat” … 5 €\n".encode("cp1252"), "Ö och Ä – ”citat” … 5 €\n"),
    # "Ö" and a no-break space happen to form a UTF-8 sequence (U+05A0, an accent): still Windows-1252
    ("MALMÖ\xa0STAD;kommun;Malmö\n".encode("cp1252"), "MALMÖ\xa0STAD;kommun;Malmö\n"),
    # a file that is valid UTF-8 is UTF-8, letters Windows-1252 lacks included (Sámi)
    ("Čohkkiras Sámesiebrie;ideell förening;Kiruna\n".encode("utf-8"), "Čohkkiras Sámesiebrie;ideell förening;Kiruna\n"),
    (b"", ""),
])
def test_a_file_in_one_encoding_decodes(raw, text):
    assert encoding.decode(raw, "beviljade.csv", SAVE) == (text, [])


UTF8_IN_CP1252 = ("tecknet 'Å' är sparat som UTF-8, men resten av filen som Windows-1252 (blandade teckenkodningar) – "
                  "rätta tecknet på raden (i Excel syns det som 'Ã…'); " + SAVE)


@pytest.mark.parametrize("raw, expected", [
    # Windows-1252 with one UTF-8 row: the UTF-8 letter, at its line and column
    ((HEADER + ROWS).encode("cp1252") + "Bokcirkel Åsa;ideell förening;Lund;1\n".encode("utf-8"),
     ["beviljade.csv:4:11: " + UTF8_IN_CP1252]),
    # every such row once, at its first letter (the file's encoding is its letters' majority: 5 to 3)
    ((HEADER + ROWS).encode("cp1252") + "Åsa Åberg;kommun;Lund;1\n".encode("utf-8")
     + b"Lund;kommun;Lund;1\n" + "Åsa;kommun;Lund;1\n".encode("utf-8"),
     ["beviljade.csv:4:1: " + UTF8_IN_CP1252, "beviljade.csv:6:1: " + UTF8_IN_CP1252]),
    # bytes Windows-1252 does not define
    ((HEADER + ROWS).encode("cp1252") + b"M\x81tesplats \x8d\x8f\x90\x9d;ideell f\xf6rening;Lund;1\n",
     ["beviljade.csv:4:2: byten 0x81 är inget tecken i Windows-1252, som filen är sparad i – "
      "texten på raden är skadad; skriv om den och " + SAVE]),
    *[((HEADER + "X;kommun;Lund;1\n").encode("cp1252") + b"ab" + bytes([byte]) + b"\xe5\n",
       [f"beviljade.csv:3:3: byten 0x{byte:02X} är inget tecken i Windows-1252, som filen är sparad i – "
        "texten på raden är skadad; skriv om den och " + SAVE]) for byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D)],
    # UTF-8 (most letters) with one Windows-1252 row
    ((HEADER + ROWS).encode("utf-8") + "Örkelljunga FF;ideell förening;Örkelljunga;1\n".encode("cp1252"),
     ["beviljade.csv:4:1: tecknet 'Ö' är sparat som Windows-1252, men resten av filen som UTF-8 (blandade teckenkodningar) – "
      "skriv om tecknet på raden; " + SAVE]),
    # a BOM says UTF-8, even when the Windows-1252 letters are more; the column counts no BOM
    (b"\xef\xbb\xbf" + "Ö;Ä;Å;ö;ä;å;é\n".encode("cp1252") + "Åsa\n".encode("utf-8"),
     ["beviljade.csv:1:1: tecknet 'Ö' är sparat som Windows-1252, men resten av filen som UTF-8 (blandade teckenkodningar) – "
      "skriv om tecknet på raden; " + SAVE]),
    (b"\xef\xbb\xbfnamn;typ\nA;k\x81\n",
     ["beviljade.csv:2:4: byten 0x81 kan inte läsas: filen är sparad som UTF-8, men byten är inte UTF-8 – "
      "skriv om texten på raden; " + SAVE]),
])
def test_an_undecodable_byte_or_mixed_encodings_is_a_located_swedish_error(raw, expected):
    text, problems = encoding.decode(raw, "beviljade.csv", SAVE)
    assert text is None
    assert [p.text() for p in problems] == expected


def test_decoding_a_large_mixed_file_is_fast():
    """One problem per line, lines counted once: a 4 MB list with 75 000 bad rows takes seconds at most."""
    import time
    pair = "Föreningen Öst;kommun;Lund;1\n".encode("cp1252") + "Åsa;kommun;Lund;1\n".encode("utf-8")
    raw = HEADER.encode("cp1252") + pair * 75_000
    started = time.process_time()  # CPU of this process: other load on the machine does not count
    _, problems = encoding.decode(raw, "beviljade.csv", SAVE)
    assert len(problems) == 75_000 and str(problems[-1].place) == "beviljade.csv:150001:1"
    assert time.process_time() - started < 5


# --- garbled text ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, found", [
    ("Ã…sas Bokcirkel", [(0, "Ã…", "Å")]),
    ("MalmÃ¶ och VÃ¤xjÃ¶", [(4, "Ã¶", "ö"), (12, "Ã¤", "ä"), (16, "Ã¶", "ö")]),
    ("Ã–stersund, Ã„lmhult, Ã¥r, cafÃ©", [(0, "Ã–", "Ö"), (12, "Ã„", "Ä"), (22, "Ã¥", "å"), (30, "Ã©", "é")]),
    ("1Â\xa0200Â\xa0000 kronor", [(1, "Â\xa0", "\xa0"), (6, "Â\xa0", "\xa0")]),
    ("Unga â€“ Gamla", [(5, "â€“", "–")]),
    ("â€\x9dcitatâ€\x9d", [(0, "â€\x9d", "”"), (8, "â€\x9d", "”")]),  # a quotation mark whose last byte is a hole
    ("Ordet â€ slutar", [(6, "â€", None)]),  # the third byte lost
    ("Ã…Ã¤", [(0, "Ã…Ã¤", "Åä")]),  # side by side: one garble
    ("M\ufffdtesplats \ufffd\ufffd\ufffd\ufffd", [(1, "\ufffd", None), (11, "\ufffd" * 4, None)]),
    # Swedish, Sámi, French and Portuguese as they are written: nothing garbled
    ("Åsa Öberg i Älmhult – ”citat” … 5 €", []),
    ("Čohkkiras Sámesiebrie, naïve café, SÃO PAULO, Âge", []),
])
def test_garbled_spots_are_found_with_what_they_stood_for(text, found):
    assert [(g.offset, g.found, g.meant) for g in encoding.garbles(text)] == found


CAUSE = "texten har sparats i en teckenkodning och lästs i en annan"


@pytest.mark.parametrize("value, message, hint", [
    ("Ã…sas Bokcirkel", "'Ã…sas' innehåller 'Ã…', som är 'Å' i fel teckenkodning", f"{CAUSE}; skriv 'Å' i stället"),
    ("Unga â€“ Gamla", "texten innehåller 'â€“', som är '–' i fel teckenkodning", f"{CAUSE}; skriv '–' i stället"),
    ("Mötesplats \ufffd\ufffd", "texten innehåller '\ufffd\ufffd', tecken som har gått förlorade (U+FFFD)",
     f"{CAUSE}; skriv rätt tecken i stället för '\ufffd\ufffd'"),
    ("Kessl\ufffdng", "'Kessl\ufffdng' innehåller '\ufffd', ett tecken som har gått förlorat (U+FFFD)",
     f"{CAUSE}; skriv rätt tecken i stället för '\ufffd'"),
    ("Ordet â€ slutar", "texten innehåller 'â€', resterna av tecken i fel teckenkodning", f"{CAUSE}; skriv texten på nytt"),
    ("https://example.se/" + "a" * 60 + "/MalmÃ¶/" + "b" * 60,
     "'…" + "a" * 15 + "/MalmÃ¶/" + "b" * 17 + "…' innehåller 'Ã¶', som är 'ö' i fel teckenkodning",
     f"{CAUSE}; skriv 'ö' i stället"),
])
@pytest.mark.parametrize("field", [Text, Markdown])
def test_a_garbled_text_field_is_a_swedish_error(field, value, message, hint):
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(field).validate_python(value)
    (error,) = caught.value.errors()
    assert (error["type"], error["msg"], error["ctx"]["hint"]) == ("sv", message, hint)


@pytest.mark.parametrize("value", ["Åsa Öberg", "Čohkkiras Sámesiebrie", "Ideell förening – i Malmö"])
def test_a_text_field_keeps_good_text(value):
    assert TypeAdapter(Text).validate_python(value) == value


# --- the recipient list ------------------------------------------------------------------------------

def test_a_garbled_cell_is_reported_once_where_it_is(tmp_path, monkeypatch):
    """The garbled municipality is not also an unknown one; the other cells are still checked."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "beviljade.csv"
    path.write_text("namn;typ;kommun;belopp;tillÃ¤gg\n" + "Ã…sas Bokcirkel;ideell förening;MalmÃ¶;sju;\n", encoding="utf-8")
    rows, problems = load_recipients(path)
    assert rows == ()
    assert [p.text() for p in problems] == [
        f"beviljade.csv:1:28: 'tillÃ¤gg' innehåller 'Ã¤', som är 'ä' i fel teckenkodning – {CAUSE}; skriv 'ä' i stället",
        f"beviljade.csv:2:1: 'Ã…sas' innehåller 'Ã…', som är 'Å' i fel teckenkodning – {CAUSE}; skriv 'Å' i stället",
        f"beviljade.csv:2:37: 'MalmÃ¶' innehåller 'Ã¶', som är 'ö' i fel teckenkodning – {CAUSE}; skriv 'ö' i stället",
        "beviljade.csv:2:40: beloppet ska stå i hela kronor med siffror, men nu står det 'sju' – skriv beloppet med siffror, till exempel 700 000",
    ]


def test_an_undecodable_list_stops_before_its_rows(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "beviljade.csv"
    path.write_bytes((HEADER + ROWS).encode("cp1252") + "Åsas Bokcirkel;ideell förening;Lund;sju\n".encode("utf-8"))
    rows, problems = load_recipients(path)
    assert rows == () and [p.text() for p in problems] == ["beviljade.csv:4:1: " + UTF8_IN_CP1252]


# --- as the editor meets it: a build in a subprocess ------------------------------------------------------

KINDS = FIXTURES / "kinds" / "content"
LATER = "2026-01-01T00:00"
LIST = "rounds/2024/beviljade.csv"


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def kinds_copy(tmp_path_factory) -> Path:
    """The kinds fixture (a UTF-8 recipient list) built once; each test breaks a copy."""
    base = tmp_path_factory.mktemp("kinds-encoding")
    shutil.copytree(KINDS, base / "content")
    code, _, err = run_cli("build", "--content", "content", "--templates", str(TEMPLATES), "--out", "site",
                           "--now", LATER, cwd=base)
    assert code == 0, err
    return base


def _copy(kinds_copy: Path, tmp_path: Path) -> Path:
    shutil.copytree(kinds_copy / "content", tmp_path / "content")
    shutil.copytree(kinds_copy / "site", tmp_path / "site")
    return tmp_path


def test_a_windows_1252_list_builds_the_same_site_as_utf8(kinds_copy, tmp_path):
    """Older Excel's encoding, the whole file in it, is read right: the same bytes out."""
    base = _copy(kinds_copy, tmp_path)
    shutil.rmtree(base / "site")
    path = base / "content" / LIST
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    code, _, err = run_cli("build", "--content", "content", "--templates", str(TEMPLATES), "--out", "site",
                           "--now", LATER, cwd=base)
    assert code == 0, err
    assert tree(base / "site") == tree(kinds_copy / "site")


BROKEN = {
    # a Windows-1252 list with one row pasted from a UTF-8 file (on main: "Ã…sas Bokcirkel" published)
    "utf8-row": lambda text: text.encode("cp1252").replace(b"Hela ideella", "Åsas Bokcirkel".encode("utf-8")),
    # bytes Windows-1252 does not define (on main: "M\ufffdtesplats \ufffd\ufffd\ufffd\ufffd" published)
    "undefined-bytes": lambda text: text.encode("cp1252").replace(b"Studief\xf6rbundet Syd",
                                                                  b"M\x81tesplats \x8d\x8f\x90\x9d"),
    # a UTF-8 list holding a name garbled before (on main: published as it stands)
    "garbled-name": lambda text: text.replace("Hela ideella", "Ã…sas Bokcirkel").encode("utf-8"),
}
EXPECTED = {
    "utf8-row": "content/rounds/2024/beviljade.csv:9:1: " + UTF8_IN_CP1252,
    "undefined-bytes": ("content/rounds/2024/beviljade.csv:10:2: byten 0x81 är inget tecken i Windows-1252, som filen "
                        "är sparad i – texten på raden är skadad; skriv om den och " + SAVE),
    "garbled-name": (f"content/rounds/2024/beviljade.csv:9:1: 'Ã…sas' innehåller 'Ã…', som är 'Å' i fel teckenkodning – "
                     f"{CAUSE}; skriv 'Å' i stället"),
}


# A recipient list that failed is the round's only problem: no follow-up errors about a round
# without granted actors, which would only repeat the list's problem.
EMPTY_LIST = "ett fel i en fil\n"


@pytest.mark.parametrize("command, name", [*(("build", name) for name in sorted(BROKEN)), ("check", "utf8-row")])
def test_a_garbled_list_stops_the_build_and_the_site_stays_as_it_was(kinds_copy, tmp_path, name, command):
    base = _copy(kinds_copy, tmp_path)
    before = tree(base / "site")
    path = base / "content" / LIST
    path.write_bytes(BROKEN[name](path.read_text(encoding="utf-8")))
    out = ("--out", "site") if command == "build" else ()
    code, stdout, err = run_cli(command, "--content", "content", "--templates", str(TEMPLATES), *out, "--now", LATER,
                                cwd=base)
    assert (code, stdout, err) == (1, "", EXPECTED[name] + "\n" + EMPTY_LIST)
    assert tree(base / "site") == before


def test_a_garbled_name_in_a_county_file_stops_the_build(kinds_copy, tmp_path):
    base = _copy(kinds_copy, tmp_path)
    before = tree(base / "site")
    county = base / "content/rounds/2024/lan/skane.yaml"
    text = county.read_text(encoding="utf-8")
    assert "namn: Maria Lindqvist" in text
    county.write_text(text.replace("namn: Maria Lindqvist", "namn: Ã…sa Lindqvist", 1), encoding="utf-8")
    line = text[: text.index("namn: Maria Lindqvist")].count("\n") + 1
    column = text.splitlines()[line - 1].index("Maria") + 1
    code, stdout, err = run_cli("build", "--content", "content", "--templates", str(TEMPLATES), "--out", "site",
                                "--now", LATER, cwd=base)
    assert (code, stdout) == (1, "")
    assert err == (f"content/rounds/2024/lan/skane.yaml:{line}:{column}: 'Ã…sa' innehåller 'Ã…', som är 'Å' i fel "
                   f"teckenkodning – {CAUSE}; skriv 'Å' i stället\nett fel i en fil\n")
    assert tree(base / "site") == before
