"""Loading YAML (sources.py) and reading single values (fields.py): places, traps, Swedish messages."""
from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from broken.cases import BILLION_LAUGHS
from conftest import CONTENT
from pydantic import TypeAdapter, ValidationError

from pressrum import fields
from pressrum.errors import Place
from pressrum.sources import _SYNTAX_HINTS, MAX_BYTES, PlainText, load_yaml

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def load(tmp_path, monkeypatch):
    """Write ``text`` to ``f.yaml`` in a fresh working folder and load it."""
    monkeypatch.chdir(tmp_path)

    def run(text: str | bytes):
        path = tmp_path / "f.yaml"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return load_yaml(path)

    return run


@pytest.mark.parametrize("text, expected", [
    ("a:\n\tb: 1\n", "f.yaml:2:1: YAML-fel: tabbtecken i indraget – YAML tillåter bara mellanslag för indrag; byt tabben mot mellanslag"),
    ("a: b\t\n", "f.yaml:1:5: YAML-fel: tabbtecken i indraget – YAML tillåter bara mellanslag för indrag; byt tabben mot mellanslag"),
    ("a: [x\ty]\n", "f.yaml:1:6: YAML-fel: tabbtecken i indraget – YAML tillåter bara mellanslag för indrag; byt tabben mot mellanslag"),
    ("a: 1\nb 2\nc: 3\n", "f.yaml:2:1: YAML-fel: ett kolon saknas efter en nyckel – skriv nyckeln följd av kolon och mellanslag, till exempel 'namn: Anna'"),
    ('a: "x\nb: 2\n', "f.yaml:1:4: YAML-fel: citattecknet som börjar här stängs aldrig – avsluta texten med samma citattecken som den börjar med"),
    ("a: 'x\n", "f.yaml:1:4: YAML-fel: citattecknet som börjar här stängs aldrig – avsluta texten med samma citattecken som den börjar med"),
    ("a: b: c\n", "f.yaml:1:5: YAML-fel: ett kolon står där det inte får stå – sätt texten inom citattecken om den innehåller ': ', eller rätta indraget"),
    ("a:\n  b: 1\n c: 2\n", "f.yaml:3:2: YAML-fel: indraget stämmer inte med raderna ovanför – rada upp nycklar på samma nivå med lika många mellanslag"),
    ("a: [1, 2\nb: 3\n", "f.yaml:1:4: YAML-fel: en lista inom [ ] stängs aldrig – avsluta listan med ] på samma rad, eller skriv den som rader som börjar med '- '"),
    ("a: {b: 1\n", "f.yaml:1:4: YAML-fel: klamrarna { } stängs aldrig – avsluta med } på samma rad, eller skriv uppgifterna som 'nyckel: värde' på egna rader"),
    ("a: @x\n", "f.yaml:1:4: YAML-fel: tecknet '@' kan inte inleda ett värde – sätt texten inom citattecken"),
    ('a: "x\\q"\n', "f.yaml:1:7: YAML-fel: okänd kombination med bakstreck (\\q) inom dubbla citattecken – skriv \\\\ för ett bakstreck, eller använd enkla citattecken runt texten"),
    ("a: 1\n---\nb: 2\n", "f.yaml:2:1: YAML-fel: filen innehåller flera dokument (en rad med ---) – ta bort raden med --- och låt filen bestå av ett enda dokument"),
    ("a: 1\na: 2\n", "f.yaml:2:1: nyckeln 'a' står två gånger (första gången på rad 1) – ta bort den ena raden (rad 1 eller 2); annars försvinner ett av värdena tyst"),
    ("a: &x 1\nb: *x\n", "f.yaml:1:4: ankare och alias ('&' och '*') används inte i innehållsfiler – skriv ut värdet där det behövs i stället för att hänvisa till det"),
    ("", "f.yaml:1:1: filen är tom – fyll i fälten enligt content/README.md eller ta bort filen"),
    ("# bara en kommentar\n\n", "f.yaml:1:1: filen är tom – fyll i fälten enligt content/README.md eller ta bort filen"),
    ("---\n", "f.yaml:1:1: filen är tom – fyll i fälten enligt content/README.md eller ta bort filen"),
    ("- a\n- b\n", "f.yaml:1:1: filen består av en lista (rader som börjar med '- '), inte av uppgifter med namn – skriv varje uppgift på en egen rad längst till vänster, som 'namn: Anna'"),
    ("bara text\n", "f.yaml:1:1: filen består av en enda text, inte av uppgifter med namn – skriv varje uppgift på en egen rad längst till vänster, som 'namn: Anna'"),
    ("a: b\x07c\n", "f.yaml:1:5: filen innehåller ett otillåtet tecken (U+0007) – ta bort tecknet; det syns ofta inte i textredigeraren och kommer från inklistrad text"),
    ("a: b\n\x00", "f.yaml:2:1: filen är inte en textfil – spara den som vanlig text (UTF-8)"),
    ("a: Malm\xf6\n".encode("latin-1"), "f.yaml:1:8: filen är inte sparad som UTF-8 – spara om filen med teckenkodningen UTF-8 i din textredigerare"),
    ("a: " + "[" * 40 + "]" * 40 + "\n", "f.yaml:1:35: filen har för många nivåer av indrag (mer än 32) – kontrollera indraget; innehållsfilerna har bara några få nivåer"),
    ("? [a]\n: b\n", "f.yaml:1:3: en nyckel måste vara ett enkelt ord – skriv nyckeln som text följd av kolon"),
])
def test_refused_yaml_is_one_located_swedish_problem(load, text, expected):
    source, problems = load(text)
    assert source is None
    assert [p.text() for p in problems] == [expected]


def test_unreadable_path_is_explained_in_swedish(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mapp.yaml").mkdir()
    source, problems = load_yaml(tmp_path / "mapp.yaml")
    assert source is None
    assert [p.text() for p in problems] == [
        "mapp.yaml: filen kan inte läsas (det är en mapp) – kontrollera att filen finns och går att öppna"]


def test_not_utf8_column_counts_characters(load):
    _, problems = load("a: Malmö ".encode() + b"\xe4\n")
    assert [p.place for p in problems] == [Place("f.yaml", 1, 10)]


def test_oversize_file_is_refused_before_parsing(load):
    source, problems = load("a: " + "x" * MAX_BYTES + "\n")
    assert source is None
    assert [p.text() for p in problems] == [
        ("f.yaml:1:1: filen är för stor (1,1 MB, högst 1 MB) – en innehållsfil ska bara innehålla "
         "fakta; dela upp den eller ta bort inklistrat material")]


@pytest.mark.parametrize("text", [BILLION_LAUGHS, "a: &a [1]\n" + "b: 2\n" * 20000 + "c: *a\n"])
def test_anchors_are_refused_in_well_under_a_second(load, text):
    started = time.process_time()  # CPU of this process: other load on the machine does not count
    source, problems = load(text)
    assert time.process_time() - started < 0.5
    assert source is None and "ankare och alias" in problems[0].message


def test_every_syntax_hint_formats():
    for pattern, message, hint, mark in _SYNTAX_HINTS:
        groups = re.compile(pattern).groups
        assert "{" not in message.format(*["x"] * groups).replace("{ }", ""), message
        assert mark in ("context", "problem") and hint


def test_scalars_stay_as_typed_text_and_remember_yaml11(load):
    source, problems = load("a: 0114\nb: NO\nc: 'NO'\nd: ja\ne: 2021-05-17\nf:\ng: 2.50\nh: ~\ni: n\nj: on\n")
    assert problems == []
    assert source.data == {"a": "0114", "b": "NO", "c": "NO", "d": "ja", "e": "2021-05-17", "f": None, "g": "2.50",
                           "h": None, "i": "n", "j": "on"}
    kinds = {k: getattr(v, "yaml11", None) for k, v in source.data.items()}
    assert kinds == {"a": "int", "b": "bool", "c": None, "d": None, "e": "datum", "f": None, "g": "float", "h": None,
                     "i": "bool", "j": "bool"}
    assert not isinstance(source.data["c"], PlainText)


def test_every_key_and_value_keeps_its_place(load):
    source, _ = load("# kommentar\nbeviljade:\n  kommuner: 58\nlista:\n  - namn: A\n    typ: x\n")
    assert source.key_place(("beviljade", "kommuner")) == Place("f.yaml", 3, 3)
    assert source.place(("beviljade", "kommuner")) == Place("f.yaml", 3, 13)
    assert source.place(("lista", 0, "typ")) == Place("f.yaml", 6, 10)
    assert source.place(("lista", 0, "saknas")) == Place("f.yaml", 5, 5)  # nearest known parent


def test_byte_order_mark_and_crlf_are_fine(load):
    source, problems = load("\ufeffa: 1\r\nb: 2\r\n")
    assert problems == [] and source.data == {"a": "1", "b": "2"}


def test_bundled_content_loads_without_problems():
    for path in sorted(CONTENT.rglob("*.yaml")):
        source, problems = load_yaml(path)
        assert problems == [] and source is not None, path


# --- single values ------------------------------------------------------------------------------------------------


def _error(annotation, value) -> str:
    with pytest.raises(ValidationError) as info:
        TypeAdapter(annotation).validate_python(value)
    (err,) = info.value.errors()
    return f"{err['msg']} – {err['ctx']['hint']}"


@pytest.mark.parametrize("annotation, value, expected", [
    (fields.Count, "232", 232),
    (fields.Count, "0", 0),
    (fields.Amount, "250000000", 250_000_000),
    (fields.Amount, "250 000 000", 250_000_000),
    (fields.Amount, "250\u00a0000\u00a0000", 250_000_000),
    (fields.Amount, "250_000_000", 250_000_000),
    (fields.Flag, "ja", True), (fields.Flag, "Nej", False), (fields.Flag, PlainText("NO", "bool"), False),
    (fields.Text, PlainText("0114", "int"), "0114"),
    (fields.Text, "2021", "2021"),
    (fields.Text, "  Delmos  ", "Delmos"),
    (fields.Url, "https://www.göteborg.se/nyheter?id=1", "https://www.göteborg.se/nyheter?id=1"),
    (fields.BaseUrl, "https://press.delmos.se", "https://press.delmos.se/"),
])
def test_values_editors_write_are_read(annotation, value, expected):
    assert TypeAdapter(annotation).validate_python(value) == expected


@pytest.mark.parametrize("annotation, value, expected", [
    (fields.Count, "tolv", "antalet ska vara ett heltal med siffror, men nu står det 'tolv' – skriv till exempel 12"),
    (fields.Count, "-5", "antalet kan inte vara negativt, men nu står det '-5' – skriv ett tal som är noll eller större"),
    (fields.Count, "−5", "antalet kan inte vara negativt, men nu står det '−5' – skriv ett tal som är noll eller större"),
    (fields.Count, "7,5", "antalet ska vara ett heltal, men nu står det '7,5' – skriv antalet utan decimaler, till exempel 7 eller 8"),
    (fields.Count, None, "antalet saknas – skriv antalet med siffror, till exempel 12"),
    (fields.Count, ["1"], "antalet ska vara ett heltal, men nu står det en lista – skriv antalet med siffror, till exempel 12"),
    (fields.Count, "1" * 16, f"antalet är orimligt stort: här står '{'1' * 16}' – kontrollera siffrorna; skriv antalet som till exempel 12"),
    (fields.Amount, "2,5 miljoner", "beloppet ska stå i hela kronor med siffror, men nu står det '2,5 miljoner' – skriv till exempel 2500000 eller '2 500 000'"),
    (fields.Year, "21", "året 21 är inte rimligt – skriv året med fyra siffror, till exempel 2021"),
    (fields.Flag, "kanske", "här ska det stå ja eller nej, men nu står det 'kanske' – skriv ja eller nej"),
    (fields.Flag, PlainText("on", "bool"), "här ska det stå ja eller nej, men nu står det 'on' – skriv ja eller nej"),
    (fields.Text, PlainText("NO", "bool"), "'NO' läses som ett ja/nej-värde av många YAML-verktyg, inte som text – sätt texten inom citattecken: \"NO\""),
    (fields.Text, PlainText("on", "bool"), "'on' läses som ett ja/nej-värde av många YAML-verktyg, inte som text – sätt texten inom citattecken: \"on\""),
    (fields.Text, PlainText("y", "bool"), "'y' läses som ett ja/nej-värde av många YAML-verktyg, inte som text – sätt texten inom citattecken: \"y\""),
    (fields.Text, PlainText("2021-05-17", "datum"), "'2021-05-17' läses som ett datum av många YAML-verktyg, inte som text – sätt texten inom citattecken: \"2021-05-17\""),
    (fields.Text, {"a": "b"}, "här ska det stå en text, men nu står det flera indragna rader – skriv texten direkt efter kolonet"),
    (fields.When, "2021-02-30 10:00", "datumet '2021-02-30' finns inte – kontrollera dag och månad"),
    (fields.When, "2021-05-17 24:00", "klockslaget '24:00' finns inte – skriv timmar 0–23 och minuter 0–59"),
    (fields.When, "2021-05-17", "klockslag saknas i '2021-05-17' – skriv även klockslaget, till exempel 2021-05-17 10:00"),
    (fields.When, "17 maj 2021", "här ska det stå datum och klockslag, men nu står det '17 maj 2021' – skriv till exempel 2021-05-17 10:00 (svensk tid)"),
    (fields.When, "0001-01-01 00:00", "året 1 är inte rimligt – skriv året med fyra siffror, till exempel 2021"),
    (fields.When, "2021-05-17 10:00+25:00", "tidszonen '+25:00' finns inte – skriv tiden utan tidszon (då gäller svensk tid), till exempel 2021-05-17 10:00"),
    (fields.When, "2021-03-28 02:30", "klockslaget 2021-03-28 02:30 finns inte i svensk tid (sommartiden börjar) – välj en tid före kl. 2.00 eller efter kl. 3.00"),
    (fields.KommunRef, "Landskrone", "okänd kommun: 'Landskrone' – menade du 'Landskrona'?"),
    (fields.KommunRef, "114", "okänd kommun: '114' – ange kommunkod eller kommunnamn, till exempel '1282' eller 'Landskrona'"),
    (fields.LanRef, "Skåneland", "okänt län: 'Skåneland' – menade du 'Skåne län'?"),
    (fields.Key, "Ideella", "'Ideella' kan inte användas som nyckel – använd små bokstäver a–z (utan å, ä och ö), siffror och bindestreck, till exempel 'ideella'"),
    (fields.Flag, "ja " + "lång text " * 20, "här ska det stå ja eller nej, men nu står det 'ja lång text lång text lång text lång text lång text lång t…' – skriv ja eller nej"),
    (fields.Email, "anna", "'anna' är ingen giltig e-postadress – skriv adressen som namn@myndighet.se"),
    (fields.Url, "https://\\press.delmos.se/", "'https://\\press.delmos.se/' är ingen fullständig webbadress – skriv adressen med https://, till exempel https://www.delmos.se"),
    (fields.Url, "https://[press.delmos.se/", "'https://[press.delmos.se/' är ingen fullständig webbadress – skriv adressen med https://, till exempel https://www.delmos.se"),
    (fields.Url, "www.delmos.se", "'www.delmos.se' är ingen fullständig webbadress – skriv adressen med https://, till exempel https://www.delmos.se"),
    (fields.BaseUrl, "https://press.delmos.se/?a", "'https://press.delmos.se/?a' kan inte vara nyhetsrummets adress (den innehåller ? eller #) – skriv adressen till mappen där nyhetsrummet publiceras, till exempel https://press.delmos.se/"),
])
def test_wrong_values_are_explained_in_swedish(annotation, value, expected):
    assert _error(annotation, value) == expected


def test_kommun_code_with_leading_zero_is_a_code():
    kommun = TypeAdapter(fields.KommunRef).validate_python(PlainText("0114", "int"))
    assert (kommun.kod, kommun.namn, kommun.lan.slug) == ("0114", "Upplands Väsby", "stockholm")


@pytest.mark.parametrize("typed, utc", [
    ("2021-05-17 10:00", datetime(2021, 5, 17, 8, 0)),  # summer: +02:00
    ("2021-05-17T10:00", datetime(2021, 5, 17, 8, 0)),
    ("2021-05-17 10.00", datetime(2021, 5, 17, 8, 0)),
    ("2021-12-01 10:00", datetime(2021, 12, 1, 9, 0)),  # winter: +01:00
    ("2021-05-17 08:00Z", datetime(2021, 5, 17, 8, 0)),
    ("2021-05-17 09:00+01:00", datetime(2021, 5, 17, 8, 0)),
    ("2021-10-31 02:30", datetime(2021, 10, 31, 0, 30)),  # the repeated hour in autumn: the first (summer time)
])
def test_time_without_zone_is_stockholm_time(typed, utc):
    """Documented in content/README.md: a publication time without zone is Swedish time, not an error."""
    when = TypeAdapter(fields.When).validate_python(typed)
    assert when.tzinfo is not None and when.astimezone(ZoneInfo("UTC")).replace(tzinfo=None) == utc
    assert when.tzinfo == STOCKHOLM


def test_stockholm_time_is_documented_for_editors():
    guide = (CONTENT / "README.md").read_text(encoding="utf-8")
    assert "svensk tid" in guide and "2021-05-17 10:00" in guide
    assert timedelta(hours=2) == TypeAdapter(fields.When).validate_python("2021-05-17 10:00").utcoffset()


def test_a_file_s_shown_path_is_found_only_when_asked_for(tmp_path, monkeypatch):
    """Resolving the path as shown costs more than reading a small file: a valid file's Source
    holds none until a place is asked for, then the one ``display_path`` gives."""
    from pressrum import errors, sources

    path = tmp_path / "site.yaml"
    path.write_text("nyhetsrum:\n  titel: Delmos nyhetsrum\n", encoding="utf-8")
    calls = []
    monkeypatch.setattr(sources, "display_path", lambda p: calls.append(p) or errors.display_path(p))
    source, problems = load_yaml(path)
    assert (problems, source.given_shown, calls) == ([], None, [])
    assert source.place(("nyhetsrum", "titel")) == Place(errors.display_path(path), 2, 10)
    assert source.line_of(("nyhetsrum",)) == f"{errors.display_path(path)}:1"
    assert len(calls) == 1  # once, then kept
