"""Broken-content fixtures: the bundled content with one mistake each, as an editor would make it.

Each case is a full copy of ``content/`` (and ``templates/``) with a few edits applied. The
expected output of ``python build.py check`` on each case is kept in
``tests/golden/broken/<case>.txt`` (``python -m pytest --update-golden`` rewrites them).

Materialise one case to look at it or run it by hand::

    python tests/broken/cases.py text-NO /tmp/case && cd /tmp/case && python /work/main/build.py check

A case marked ``schema=True`` is a mistake the JSON Schema can see as well (the file still
parses as YAML, and the mistake is in the shape or type of one value); ``tests/test_schema.py``
checks that the schema rejects it.
"""
from __future__ import annotations

import io
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE = "content/site.yaml"
ROUND = "content/rounds/2021/round.yaml"
SKANE = "content/rounds/2021/lan/skane.yaml"
STOCKHOLM = "content/rounds/2021/lan/stockholm.yaml"
NATIONAL_TEMPLATE = "templates/releases/beslut/nationell.md.j2"
RECIPIENTS = "content/rounds/2021/beviljade.csv"
RECIPIENTS_HEADER = "namn;typ;kommun;belopp\r\n"
RECIPIENTS_ROWS = ("Hela ideella;ideell förening;Landskrona;900 000\r\n"
                   "Malmö stad;kommun;Malmö;2 200 000\r\n")

# A call for applications (typ: utlysning) added before the bundled round's decision.
CALL = ("tillfällen:\n  utlysning:\n    typ: utlysning\n    publiceras: 2021-02-01 09:00\n"
        "    öppnar: 2021-02-08 08:00\n    stänger: 2021-03-08 12:00\n    får-söka: [kommuner, ideella]\n"
        "    belopp: 250000000\n    högst:\n      kommuner: 160000000\n")


def call(old: str = "", new: str = "") -> Edit:
    """The bundled round with the call :data:`CALL` in it, ``old`` replaced by ``new`` in the call."""
    return replace(ROUND, "tillfällen:\n", CALL.replace(old, new, 1) if old else CALL)


# The bundled round.yaml's last line, and a second decision to add after it (typed: no recipient list).
LAST_LINE = "        långt ifrån arbetsmarknaden och ökad dialog med medborgarna.\n"
SECOND_DECISION = ("  beslut-oktober:\n    typ: beslut\n    publiceras: {when}\n"
                   "    beviljade:\n      kommuner: 2\n      ideella: 1\n{extra}")


# The year's report (typ: redovisning) added to the bundled round, published after its decision.
REPORT = ("tillfällen:\n  redovisning:\n    typ: redovisning\n    publiceras: 2022-02-21 09:00\n"
          "    redovisning:\n      utbetalt: 240000000\n")


def report(old: str = "", new: str = "") -> Edit:
    """The bundled round with the report :data:`REPORT` in it, ``old`` replaced by ``new`` in the report."""
    return replace(ROUND, "tillfällen:\n", REPORT.replace(old, new, 1) if old else REPORT)


BILLION_LAUGHS = "".join(
    ['l0: &l0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]\n']
    + [f"l{i}: &l{i} [{', '.join(f'*l{i - 1}' for _ in range(10))}]\n" for i in range(1, 10)]
)
CONTACT = """presskontakter:
  - namn: Anneli Tillberg
    e-post: anneli.tillberg@delmos.se
    telefon: 010-1407710"""


PHOTO = "content/rounds/2021/kessling.jpg"
COUNTY_PHOTO = "content/rounds/2021/lan/malmo.jpg"


def image_bytes(fmt: str, mode: str = "RGB", size: tuple[int, int] = (64, 48)) -> bytes:
    """A small image of ``fmt`` made with Pillow (the same bytes every time)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new(mode, size, (40, 90, 140) if mode == "RGB" else 0).save(buf, fmt)
    return buf.getvalue()


def _bomb() -> bytes:
    """A 10 000 x 10 000 one-bit PNG: 100 million pixels in about twelve kilobytes."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("1", (10_000, 10_000), 0).save(buf, "PNG", compress_level=1)
    return buf.getvalue()


JPEG = image_bytes("JPEG")
BOMB = _bomb()
SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n'


def press_image(file: str = "kessling.jpg", alt: str | None = "Anders Kessling vid ett fönster.",
                photographer: str | None = "Anna Berg/Delmos", licence: str | None = "CC BY 4.0",
                caption: str | None = "Anders Kessling, direktör för Delmos.") -> str:
    """A ``pressbild:`` block; a field given as None is left out."""
    lines = ["pressbild:", f"  fil: {file}"]
    for key, value in (("alt", alt), ("fotograf", photographer), ("licens", licence), ("bildtext", caption)):
        if value is not None:
            lines.append(f"  {key}: {value}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Edit:
    """One change to the copy: replace the first ``old`` by ``new``, or write, delete, rename."""

    op: str  # "replace", "cut" (replace from ``old`` to the end of the file), "write", "rename"
    path: str
    old: str = ""
    new: str | bytes = ""


def replace(path: str, old: str, new: str) -> Edit:
    return Edit("replace", path, old, new)


def cut(path: str, old: str, new: str) -> Edit:
    return Edit("cut", path, old, new)


def write(path: str, new: str | bytes) -> Edit:
    return Edit("write", path, "", new)


def rename(path: str, to: str) -> Edit:
    return Edit("rename", path, "", to)


@dataclass(frozen=True)
class Case:
    what: str  # the class of bad input, in a few words
    edits: tuple[Edit, ...]
    schema: bool = False  # the JSON Schema rejects it too
    files: tuple[str, ...] = field(default=())  # files to validate against the schema (default: edited ones)


def case(what: str, *edits: Edit, schema: bool = False) -> Case:
    return Case(what, tuple(edits), schema)


CASES: dict[str, Case] = {
    # --- YAML syntax -------------------------------------------------------------------------
    "yaml-tabb": case("tab in the indentation", replace(ROUND, "  kommuner: 58", "\tkommuner: 58")),
    "yaml-kolon-saknas": case("a key without its colon", replace(ROUND, "ansökningar: 232", "ansökningar 232")),
    "yaml-kolon-saknas-indragen": case("an indented key without its colon (PyYAML stops on the next line)",
                                       replace(ROUND, "  kommuner: 58", "  kommuner 58")),
    "yaml-citattecken-stangs-inte": case("a quote that is never closed",
                                         replace(SITE, "titel: Delmos nyhetsrum", 'titel: "Delmos nyhetsrum')),
    "yaml-kolon-i-text": case("': ' inside unquoted text",
                              replace(SITE, "beskrivning: Pressmeddelanden", "beskrivning: Obs: Pressmeddelanden")),
    "yaml-indrag": case("a key indented one space short", replace(SKANE, "  kommuner: 7", " kommuner: 7")),
    "yaml-flera-dokument": case("two YAML documents in one file", replace(SITE, "nyhetsrum:", "---\nnyhetsrum:")),
    "yaml-klammer-stangs-inte": case("a flow mapping never closed", replace(SITE, "organisation:\n", "organisation: {\n")),
    "yaml-lista-stangs-inte": case("a flow list never closed",
                                   replace(ROUND, "ansökningar: 232", "ansökningar: [232")),
    # --- duplicate keys --------------------------------------------------------------------------
    "dubblett-nyckel": case("the same key twice", replace(ROUND, "ansökningar: 232", "ansökningar: 232\nansökningar: 233")),
    "dubblett-nyckel-nastlad": case("the same nested key twice", replace(SKANE, "  kommuner: 7", "  kommuner: 7\n  kommuner: 8")),
    # --- unknown keys ------------------------------------------------------------------------------
    "okant-falt": case("a misspelt key", replace(ROUND, "ansökningar: 232", "ansokningar: 232"), schema=True),
    "okant-falt-nastlat": case("a misspelt key in a list item",
                               replace(SKANE, "    flerårigt: ja\n  - namn: Hållbart",
                                       "    flerårig: ja\n  - namn: Hållbart"), schema=True),
    # --- example text (exempeltext: ja) is never published ----------------------------------------
    "exempeltext-citat": case("an example quote in the national release, repeated in Skåne's",
                              replace(ROUND, "        titel: direktör\n        text: >\n          Segregation",
                                      "        titel: direktör\n        exempeltext: ja\n        text: >\n          Segregation")),
    "exempeltext-lokalt-citat": case("an example quote in a county file",
                                     replace(SKANE, "nationella-citat:", "citat:\n  - namn: Anna Andersson\n    titel: samordnare\n"
                                             "    exempeltext: ja\n    text: Det här är ett exempel.\nnationella-citat:")),
    "exempeltext-beskrivning": case("an example recipient description",
                                    replace(SKANE, "    kommun: Helsingborg\n", "    kommun: Helsingborg\n    exempeltext: ja\n"
                                            "    beskrivning: Ett exempel på vad mottagaren gör.\n")),
    "nationellt-citat-saknas": case("a national quote number the national release lacks",
                                    replace(SKANE, "  - nummer: 1", "  - nummer: 9")),
    "okant-falt-overst": case("a misspelt top-level key", replace(SITE, "nyhetsrum:", "nyhetsrumm:"), schema=True),
    "grafik-okant-falt": case("a misspelt key under grafik (the county graphic's credit)",
                              replace(SITE, "# Tillgänglighetsredogörelsen", "grafik:\n  källa: Delmos\n  licenss: Fri att publicera.\n\n"
                                      "# Tillgänglighetsredogörelsen"), schema=True),
    "grafik-tom-licens": case("an empty licence for the county graphic",
                              replace(SITE, "# Tillgänglighetsredogörelsen", "grafik:\n  licens: ''\n\n# Tillgänglighetsredogörelsen")),
    # --- wrong types and shapes ----------------------------------------------------------------------
    "heltal-tolv": case("a number written in words", replace(ROUND, "ansökningar: 232", "ansökningar: tolv"), schema=True),
    "lista-i-stallet-for-nycklar": case("a list where keys with values belong",
                                        replace(ROUND, "beviljade:\n  kommuner: 58\n  ideella: 32",
                                                "beviljade:\n  - kommuner\n  - ideella"), schema=True),
    "nycklar-i-stallet-for-lista": case("keys where a list belongs",
                                        replace(SITE, CONTACT, "presskontakter:\n  namn: Anneli Tillberg"), schema=True),
    "tom-lista": case("an empty list that must have items", replace(SITE, CONTACT, "presskontakter: []"), schema=True),
    "belopp-i-ord": case("an amount with 'miljoner'", replace(ROUND, "medel: 250000000", "medel: 250 miljoner"), schema=True),
    "falt-saknas": case("a required field left out", replace(ROUND, "år: 2021\n", ""), schema=True),
    "oronmarkt-utan-medel": case("earmarked money but no money to hand out (medel is optional)",
                                 replace(ROUND, "medel: 250000000\n", "")),
    "falt-saknas-i-lista": case("a required field left out of a list item",
                                replace(SKANE, "    kommun: Helsingborg\n", ""), schema=True),
    "varde-saknas": case("a key with no value", replace(ROUND, "medel: 250000000", "medel:"), schema=True),
    "flagga-kanske": case("a yes/no field that is neither", replace(SKANE, "flerårigt: ja", "flerårigt: kanske"), schema=True),
    "typnyckel-versal": case("a type key with a capital letter", replace(ROUND, "  ideella: 32", "  Ideella: 32"), schema=True),
    "genus-fel": case("a gender that is not en/ett",
                      replace(SITE, "    från: kommuner\n", "    från: kommuner\n    genus: den\n"), schema=True),
    "preposition-fel": case("a quote's preposition that is none of på, i, vid, för, hos",
                            replace(ROUND, "        titel: direktör\n", "        titel: direktör\n        preposition: bland\n"), schema=True),
    "telefon-utan-riktnummer": case("a phone number without a marked area code",
                                    replace(SITE, "010-1407710", "0101407710"), schema=True),
    "webbadress-ogiltig": case("a web address with a backslash",
                               replace(SITE, "bas-url: https://press.delmos.se/", "bas-url: https://\\press.delmos.se/")),
    "e-post-ogiltig": case("an e-mail address without a domain",
                           replace(SITE, "anneli.tillberg@delmos.se", "anneli.tillberg")),
    # --- YAML 1.1 traps ---------------------------------------------------------------------------------
    "text-NO": case("NO in a text field (YAML 1.1 false)", replace(SITE, "kortnamn: Delmos", "kortnamn: NO"), schema=True),
    "text-on": case("on in a text field (YAML 1.1 true)", replace(ROUND, "titel: direktör", "titel: on"), schema=True),
    "text-datum": case("a bare date in a text field", replace(SKANE, "namn: Hela ideella", "namn: 2021-05-17"), schema=True),
    "antal-ja": case("ja in a count", replace(ROUND, "ansökningar: 232", "ansökningar: ja"), schema=True),
    "kommunkod-0114": case("0114 stays a code (Upplands Väsby), so it is caught in the wrong county",
                           replace(SKANE, "kommun: Landskrona", "kommun: 0114")),
    # --- numbers ---------------------------------------------------------------------------------------------
    "antal-negativt": case("a negative count", replace(ROUND, "ansökningar: 232", "ansökningar: -5"), schema=True),
    "antal-decimal": case("a fractional count", replace(SKANE, "  ideella: 8", "  ideella: 7.5"), schema=True),
    "belopp-decimal": case("a fractional amount", replace(ROUND, "medel: 250000000", "medel: 2.5"), schema=True),
    "belopp-negativt": case("a negative amount", replace(ROUND, "belopp: 160000000", "belopp: -160000000"), schema=True),
    "antal-orimligt-stort": case("a count with more digits than any count has",
                                 replace(ROUND, "ansökningar: 232", "ansökningar: " + "9" * 40)),
    # --- counties and municipalities ---------------------------------------------------------------------------
    "okant-lan": case("an unknown county", replace(ROUND, "flest-beviljade-län: Skåne", "flest-beviljade-län: Skåneland")),
    "okand-kommun": case("a misspelt municipality", replace(SKANE, "kommun: Landskrona", "kommun: Landskrone")),
    "kommun-i-fel-lan": case("a municipality placed in the wrong county", replace(SKANE, "kommun: Landskrona", "kommun: Umeå")),
    "lansfil-fel-namn": case("a county file named after no county", rename(SKANE, "content/rounds/2021/lan/skone.yaml")),
    "lansfil-motsager-lan": case("a county file whose län says another county", replace(SKANE, "län: Skåne", "län: Halland")),
    "lansfil-dubblett": case("two files for the same county",
                             write("content/rounds/2021/lan/skane.yml", "län: Skåne\nbeviljade:\n  kommuner: 1\n")),
    # --- dates and times ------------------------------------------------------------------------------------------
    "datum-finns-inte": case("30 February", replace(ROUND, "publiceras: 2021-05-17 10:00", "publiceras: 2021-02-30 10:00")),
    "klockslag-saknas": case("a publication date without a time",
                             replace(ROUND, "publiceras: 2021-05-17 10:00", "publiceras: 2021-05-17"), schema=True),
    "klockslag-i-sommartidsglappet": case("a time that does not exist in Swedish time (DST gap)",
                                          replace(ROUND, "publiceras: 2021-05-17 10:00", "publiceras: 2021-03-28 02:30")),
    "tidszon-finns-inte": case("an impossible time-zone offset",
                               replace(ROUND, "publiceras: 2021-05-17 10:00", "publiceras: 2021-05-17 10:00+25:00")),
    # --- files --------------------------------------------------------------------------------------------------------
    "inte-utf8": case("a file saved as Latin-1",
                      write(SITE, (ROOT / SITE).read_text(encoding="utf-8").encode("latin-1"))),
    "tom-fil": case("an empty file", write(SITE, "")),
    "bara-kommentarer": case("a file with only comments", write(SKANE, "# Skåne: fylls i senare\n")),
    "lista-overst": case("a list instead of a mapping", write(SITE, "- Delmos\n- Delmos nyhetsrum\n"), schema=True),
    "for-stor-fil": case("a file over 1 MiB", write(SITE, "# " + "x" * (2 * 1024 * 1024) + "\n")),
    "miljard-skratt": case("billion laughs (anchors and aliases)", write(SITE, BILLION_LAUGHS)),
    "for-djupt-nastlat": case("nesting deeper than any content file", write(SKANE, "län: " + "[" * 40 + "]" * 40 + "\n")),
    "kontrolltecken": case("an invisible control character pasted into text",
                           replace(SITE, "Delmos nyhetsrum", "Delmos\x07nyhetsrum")),
    "csv-blandad-kodning": case("a Windows-1252 recipient list with one row pasted in UTF-8",
                                write(RECIPIENTS, (RECIPIENTS_HEADER + RECIPIENTS_ROWS).encode("cp1252")
                                      + "Åsas Bokcirkel;ideell förening;Lund;350 000\r\n".encode("utf-8"))),
    "csv-odefinierade-byte": case("a recipient list with bytes Windows-1252 does not define",
                                  write(RECIPIENTS, (RECIPIENTS_HEADER + RECIPIENTS_ROWS).encode("cp1252")
                                        + b"M\x81tesplats \x8d\x8f\x90\x9d;ideell f\xf6rening;Lund;350 000\r\n")),
    "csv-utf8-med-windows-rad": case("a UTF-8 recipient list (with BOM) with one row pasted in Windows-1252",
                                     write(RECIPIENTS, "\ufeff".encode("utf-8") + (RECIPIENTS_HEADER + RECIPIENTS_ROWS).encode("utf-8")
                                           + "Örkelljunga FF;ideell förening;Örkelljunga;350 000\r\n".encode("cp1252"))),
    "csv-mojibake": case("a UTF-8 recipient list holding names garbled before (Ã…, â€“, U+FFFD)",
                         write(RECIPIENTS, RECIPIENTS_HEADER + RECIPIENTS_ROWS
                               + "Ã…sas Bokcirkel;ideell förening;Lund;350 000\r\n"
                               + "Mötesplats \ufffd\ufffd\ufffd\ufffd;ideell förening;Malm\ufffd;350 000\r\n"
                               + "Unga â€“ Gamla;ideell förening;Lund;350 000\r\n")),
    "text-mojibake": case("a name garbled by a wrong decoding (Ã… for Å)",
                          replace(SKANE, "namn: Hela ideella", "namn: Ã…sas Bokcirkel")),
    "text-ersattningstecken": case("a name with U+FFFD, a letter lost in a wrong decoding",
                                   replace(ROUND, "namn: Anders Kessling", "namn: Anders Kessl\ufffdng")),
    "text-tankstreck-i-fel-kodning": case("a dash garbled by a wrong decoding (â€“ for –)",
                                          replace(SITE, "beskrivning: Pressmeddelanden", "beskrivning: Nyheter â€“ Pressmeddelanden")),
    "binar-fil": case("binary data (NUL bytes)", write(SKANE, b"l\x00n: Sk\x00ne\n")),
    "okand-fil": case("a stray file in a round", write("content/rounds/2021/anteckningar.txt", "kom ihåg\n")),
    "fil-saknas": case("round.yaml missing (renamed)", rename(ROUND, "content/rounds/2021/runda.yaml")),
    # --- cross-checks (derive.py, plan.py) ----------------------------------------------------------------------------------
    "summa-stammer-inte": case("parts that do not add up to the stated total (58 + 32 ≠ 91)",
                               replace(ROUND, "  ideella: 32", "  ideella: 32\nbeviljade-totalt: 91")),
    "lan-summa-stammer-inte": case("a county's parts that do not add up to its stated total",
                                   replace(SKANE, "  kommuner: 7", "  kommuner: 7\nbeviljade-totalt: 16")),
    "lan-over-riket": case("a county figure above the national one", replace(SKANE, "  kommuner: 7", "  kommuner: 70")),
    "belopp-i-ord-och-lan-over-riket": case("a type error in round.yaml beside a county figure above the national one: "
                                            "both in one run (the checks that need medel are left out, review §4 i)",
                                            replace(ROUND, "medel: 250000000", "medel: 250 miljoner"),
                                            replace(SKANE, "  kommuner: 7", "  kommuner: 70")),
    "lanen-tillsammans-over-riket": case("counties that together exceed the national figure",
                                         write(STOCKHOLM, "län: Stockholm\nbeviljade:\n  kommuner: 55\n")),
    "lan-typ-saknas-i-riket": case("a county type the national figures do not have",
                                   replace(ROUND, "beviljade:\n  kommuner: 58\n  ideella: 32", "beviljade:\n  kommuner: 90"),
                                   replace(ROUND, "fleråriga:\n  ideella: 4\n", "")),
    "beviljade-over-ansokningar": case("more granted than applications", replace(ROUND, "ansökningar: 232", "ansökningar: 50")),
    "flerariga-over-beviljade": case("more multi-year than granted", replace(ROUND, "  ideella: 4", "  ideella: 40")),
    "flerariga-listade-over-riket": case("more multi-year recipients listed in counties than nationally",
                                         replace(ROUND, "  ideella: 4", "  ideella: 1")),
    "oronmarkt-over-medel": case("earmarks above the budget", replace(ROUND, "belopp: 160000000", "belopp: 260000000")),
    "mottagare-over-beviljade": case("more listed recipients than granted", replace(SKANE, "  ideella: 8", "  ideella: 1")),
    "okand-aktorstyp": case("an actor type declared nowhere",
                            replace(ROUND, "  ideella: 32", "  ideella: 32\n  foreningar: 3"),
                            replace(SKANE, "typ: ideella", "typ: foreningar")),
    "topplan-motsags-av-kompletta-lan": case("a stated top county that complete county files contradict",
                                             replace(ROUND, "beviljade:\n  kommuner: 58\n  ideella: 32",
                                                     "beviljade:\n  kommuner: 7\n  ideella: 8"),
                                             replace(ROUND, "flest-beviljade-län: Skåne", "flest-beviljade-län: Stockholm")),
    "topplan-motsags-av-storre-lan": case("a stated top county with fewer than another county file",
                                          write(STOCKHOLM, "län: Stockholm\nbeviljade:\n  kommuner: 20\n")),
    "lansfil-utan-pressmeddelande": case("a county file with no release to produce", write(STOCKHOLM, "län: Stockholm\n")),
    "omgang-utan-beviljade": case("a round with no granted actors",
                                  replace(ROUND, "  kommuner: 58\n  ideella: 32", "  kommuner: 0\n  ideella: 0"),
                                  write(SKANE, "län: Skåne\nbeviljade:\n  kommuner: 0\n")),
    "omgang-utan-tillfallen": case("a round with no release occasion",
                                   cut(ROUND, "tillfällen:", "tillfällen: {}\n"), schema=True),
    # a second decision (typ: beslut) after the bundled one in round.yaml, ``extra`` lines under it
    "senare-beslut-fore-forsta": case("a later decision published before the round's first",
                                      replace(ROUND, LAST_LINE, LAST_LINE + SECOND_DECISION.format(
                                          when="2021-04-01 10:00", extra=""))),
    "totalt-beviljade-minskar": case("a running total lower than after the earlier decision",
                                     replace(ROUND, LAST_LINE, LAST_LINE + SECOND_DECISION.format(
                                         when="2021-10-01 10:00", extra="    beviljade-totalt: 80\n"))),
    "avsandare-utan-namn": case("a round's own sender without its name",
                                replace(ROUND, "år: 2021\n", "år: 2021\navsändare:\n  kortnamn: Delmos\n"), schema=True),
    "lokala-lan-okant": case("an unknown county among the counties chosen for local releases",
                             replace(ROUND, "flest-beviljade-län: Skåne\n",
                                     "flest-beviljade-län: Skåne\nlokala-pressmeddelanden: [skane, skåneland]\n")),
    "lokala-lan-utan-mottagare": case("a county chosen for a local release that has no recipients",
                                      replace(ROUND, "flest-beviljade-län: Skåne\n",
                                              "flest-beviljade-län: Skåne\nlokala-pressmeddelanden: [skane, gotland]\n")),
    "lokala-lan-med-text-ej-valt": case("a county file with quotes for a county left out of the local releases",
                                        replace(ROUND, "flest-beviljade-län: Skåne\n",
                                                "flest-beviljade-län: Skåne\nlokala-pressmeddelanden: inga\n")),
    "typ-utan-mall": case("a release type with no templates", replace(ROUND, "typ: beslut", "typ: utnamning")),
    "citat-efter-okant-stalle": case("a quote placed after a paragraph the template does not have",
                                     replace(ROUND, "      - efter: totalt", "      - efter: slutet")),
    "stycke-anvands-inte": case("a paragraph the template does not place: it has no general place (ovriga_stycken())",
                                replace(ROUND, "      fakta-syfte: >", "      fakta-syftet: >"),
                                replace(NATIONAL_TEMPLATE, '{{ ovriga_stycken() }}', '')),
    # --- templates ------------------------------------------------------------------------------------------------------------
    "mall-okant-namn": case("an undefined name in a template",
                            replace(NATIONAL_TEMPLATE, '{{ citat("ingress") }}', '{{ citatt("ingress") }}')),
    "mall-okant-falt": case("an undefined attribute in a template",
                            replace(NATIONAL_TEMPLATE, "{{ org.introduced }}", "{{ org.namn }}")),
    "mall-syntaxfel": case("a template syntax error", replace(NATIONAL_TEMPLATE, "{{ org.introduced }}", "{{ org.introduced }")),
    "mall-finns-inte": case("a template that includes a missing template",
                            replace(NATIONAL_TEMPLATE, '{{ citat("ingress") }}', '{% include "releases/beslut/fakta.md.j2" %}')),
    "mall-block-stangs-inte": case("a template block never closed",
                                   replace(NATIONAL_TEMPLATE, "{% endblock %}", "")),
    # --- amounts, rounding words and measures (issue 13) ------------------------------------------
    "belopp-ord-utan-belopp": case("a rounding word with no amount to round",
                                   replace(SKANE, "län: Skåne\n", "län: Skåne\nbelopp-ord: drygt\n")),
    "belopp-ord-okant": case("a rounding word that is not one of the words", replace(SKANE, "län: Skåne\n",
                             "län: Skåne\nbelopp: 2000000\nbelopp-ord: ungefär\n"), schema=True),
    "lanets-belopp-over-rikets": case("a county's amount above the decision's",
                                      replace(ROUND, "    typ: beslut\n", "    typ: beslut\n    belopp: 1000000\n"),
                                      replace(SKANE, "län: Skåne\n", "län: Skåne\nbelopp: 2000000\n")),
    "lanens-belopp-over-rikets": case("the counties' amounts together above the decision's",
                                      replace(ROUND, "    typ: beslut\n", "    typ: beslut\n    belopp: 3000000\n"),
                                      replace(SKANE, "län: Skåne\n", "län: Skåne\nbelopp: 2000000\n"),
                                      write(STOCKHOLM, "län: Stockholm\nbeviljade:\n  kommuner: 3\nbelopp: 1500000\n")),
    "vinkel-okand": case("an angle that is neither antal nor belopp",
                         replace(SITE, "  antal-avser: ansökningar\n", "  antal-avser: ansökningar\n  vinkel: pengar\n"), schema=True),
    "antal-avser-okant": case("a count meaning that is none of the three",
                              replace(SITE, "  antal-avser: ansökningar\n", "  antal-avser: personer\n"), schema=True),
    "matt-okant": case("a measure the site does not define", replace(SKANE, "län: Skåne\n",
                       "län: Skåne\nmått:\n  elever:\n    antal: 1200\n")),
    "matt-mening-utan-antal": case("a measure's sentence without the place for the figure",
                                   replace(SITE, "  titel: Statsbidrag\n",
                                           "  titel: Statsbidrag\n  mått:\n    deltagare:\n      singular: deltagare\n"
                                           "      plural: deltagare\n      mening: Många deltar.\n")),
    "matt-lan-over-riket": case("a county's measure above the country's",
                                replace(SITE, "  titel: Statsbidrag\n",
                                        "  titel: Statsbidrag\n  mått:\n    deltagare:\n      singular: deltagare\n"
                                        "      plural: deltagare\n      mening: '{antal} {plats} deltar.'\n"),
                                replace(ROUND, "ansökningar: 232\n", "ansökningar: 232\nmått:\n  deltagare:\n    antal: 500\n"),
                                replace(SKANE, "län: Skåne\n", "län: Skåne\nmått:\n  deltagare:\n    antal: 900\n")),

    # --- guards: plausible mistakes that used to publish silently (issue 18, item 7) ------------------------
    "omgang-kopierad": case("a round folder copied with last year's år and publication times",
                            write("content/rounds/2022/round.yaml", (ROOT / ROUND).read_text(encoding="utf-8")),
                            write("content/rounds/2022/lan/skane.yaml", (ROOT / SKANE).read_text(encoding="utf-8"))),
    "omgang-kopierad-samma-tid": case("a copied round with a new år but last year's publication time",
                                      write("content/rounds/2022/round.yaml", (ROOT / ROUND).read_text(encoding="utf-8")
                                            .replace("år: 2021\n", "år: 2022\n", 1)),
                                      write("content/rounds/2022/lan/skane.yaml", (ROOT / SKANE).read_text(encoding="utf-8"))),
    "omgang-heter-lan": case("a round folder named like the county pages (lan/)",
                             rename("content/rounds/2021", "content/rounds/lan")),
    "omgang-heter-tillganglighet": case("a round folder named like the accessibility statement",
                                        rename("content/rounds/2021", "content/rounds/tillganglighet")),
    "belopp-over-statsbudgeten": case("an amount above the whole state budget (2 000 miljarder kronor)",
                                      replace(ROUND, "medel: 250000000", "medel: 2000000000000")),
    "csv-belopp-over-statsbudgeten": case("a recipient-list amount of 10^15 kronor",
                                          write(RECIPIENTS, RECIPIENTS_HEADER + RECIPIENTS_ROWS
                                                + "Hela staten;kommun;Lund;1 000 000 000 000 000\r\n")),
    "csv-belopp-i-ord": case("a recipient-list amount in words: one error, no follow-on errors about the counts",
                             write(RECIPIENTS, RECIPIENTS_HEADER + RECIPIENTS_ROWS.replace("2 200 000", "2,2 milj"))),
    "beslut-over-medel": case("a decision's amount above the round's money",
                              replace(ROUND, "    typ: beslut\n", "    typ: beslut\n    belopp: 300000000\n")),

    "mottagarnas-belopp-over-lanets": case("named recipients' amounts above their county's",
                                           replace(SKANE, "län: Skåne\n", "län: Skåne\nbelopp: 200000\n"),
                                           replace(SKANE, "    flerårigt: ja\n", "    flerårigt: ja\n    belopp: 300000\n")),
    "rubrik-for-lang": case("an editor's headlines over 70 characters, for the county and the national release",
                            replace(SKANE, "län: Skåne\n", "län: Skåne\nrubrik: Femton aktörer i Skåne får statsbidrag "
                                    "för arbete mot segregation, flest i hela landet\n"),
                            replace(ROUND, "    typ: beslut\n", "    typ: beslut\n    rubrik: Nittio aktörer i hela "
                                    "landet får statsbidrag för sitt arbete mot segregation\n")),
    # --- approximate counts (ansökningar-ord) ----------------------------------------------------------------------
    "ansokningar-ord-under-beviljade": case("more granted actors than 'knappt 80' applications allow",
                                            replace(ROUND, "ansökningar: 232", "ansökningar: 80\nansökningar-ord: knappt")),
    "ansokningar-ord-utan-antal": case("a rounding word for the applications, but no count",
                                       replace(ROUND, "ansökningar: 232", "ansökningar-ord: över")),
    "ansokningar-ord-okant": case("a rounding word that is not one of the known words",
                                  replace(ROUND, "ansökningar: 232", "ansökningar: 232\nansökningar-ord: ungefär"), schema=True),
    # --- the intake: registrations, applicant actors, early counts (hittills) ------------------------------------
    "sokande-fler-an-ansokningar": case("more applicant actors than applications (each actor sends at least one)",
                                        replace(ROUND, "ansökningar: 232", "ansökningar: 232\nsökande-aktörer: 240")),
    "sokande-per-typ-over-sokande": case("the applicants' split by type above the applicants",
                                         replace(ROUND, "ansökningar: 232", "ansökningar: 232\nsökande-aktörer: 200\n"
                                                 "sökande-per-typ:\n  kommuner: 120\n  ideella: 90")),
    "sokande-aktorer-ord-utan-antal": case("a rounding word for the applicant actors, but no count",
                                           replace(ROUND, "ansökningar: 232", "ansökningar: 232\nsökande-aktörer-ord: drygt")),
    "intresseanmalningar-ord-okant": case("a rounding word for the registrations that is not one of the known words",
                                          replace(ROUND, "ansökningar: 232", "ansökningar: 232\nintresseanmälningar: 400\n"
                                                  "intresseanmälningar-ord: ungefär"), schema=True),
    "lanens-ansokningar-over-rikets": case("the counties' applications together above the national count",
                                           replace(SKANE, "län: Skåne\n", "län: Skåne\nansökningar: 150\n"),
                                           write(STOCKHOLM, "län: Stockholm\nansökningar: 100\n")),
    "hittills-over-slutliga": case("an early count above the final one",
                                   replace(ROUND, "tillfällen:\n", "tillfällen:\n  ansokningar:\n    typ: ansokningar\n"
                                           "    publiceras: 2021-03-01 09:00\n    hittills:\n      ansökningar: 250\n")),
    "hittills-efter-slutliga": case("an early count published after the final count",
                                    replace(ROUND, "tillfällen:\n", "tillfällen:\n  ansokningar:\n    typ: ansokningar\n"
                                            "    publiceras: 2021-03-01 09:00\n  ansokningar-tidigt:\n    typ: ansokningar\n"
                                            "    publiceras: 2021-03-02 09:00\n    hittills:\n      ansökningar: 150\n")),
    "hittills-i-beslut": case("early counts on a decision, where nothing prints them",
                              replace(ROUND, "    typ: beslut\n", "    typ: beslut\n    hittills:\n      ansökningar: 150\n")),
    "hittills-utan-antal": case("early counts with neither applications nor registrations",
                                replace(ROUND, "tillfällen:\n", "tillfällen:\n  ansokningar:\n    typ: ansokningar\n"
                                        "    publiceras: 2021-03-01 09:00\n    hittills:\n      sökande-aktörer: 150\n")),
    # --- words before typed figures (*-ord) and shares (hälften, en tredjedel …) ---------------------------------
    "sokt-belopp-ord-utan-belopp": case("a rounding word for the sought amount, but no amount",
                                        replace(ROUND, "ansökningar: 232", "ansökningar: 232\nsökt-belopp-ord: cirka")),
    "andel-inte-narmast": case("a share that is not the one the figures give (150 of 232 is two thirds, not a half)",
                               replace(ROUND, "ansökningar: 232", "ansökningar: 232\nansökningar-per-typ:\n  kommuner: 150\n"
                                       "  ideella: 82\nansökningar-per-typ-ord:\n  kommuner: hälften")),
    "andel-utan-helhet": case("a share of the applicant actors, but no count of them",
                              replace(ROUND, "ansökningar: 232", "ansökningar: 232\nsökande-per-typ:\n  kommuner: 100\n"
                                      "sökande-per-typ-ord:\n  kommuner: hälften")),
    "andel-okand": case("a share that is not one of the known words",
                        replace(ROUND, "ansökningar: 232", "ansökningar: 232\nansökningar-per-typ:\n  kommuner: 150\n"
                                "  ideella: 82\nansökningar-per-typ-ord:\n  kommuner: en sjättedel"), schema=True),
    "del-ord-utan-antal": case("a word for an actor type with no count under the parts",
                               replace(ROUND, "ansökningar: 232", "ansökningar: 232\nansökningar-per-typ:\n  kommuner: 150\n"
                                       "  ideella: 82\nansökningar-per-typ-ord:\n  regioner: cirka")),
    # every check of a word without its figure words it with word_checks.word_without_figure: one case each
    "medel-ord-utan-medel": case("a rounding word for the round's money, but no amount",
                                 replace(ROUND, "medel: 250000000\n", "medel-ord: cirka\n")),
    "tillfallets-belopp-ord-utan-belopp": case("a rounding word for the decision's amount, but no amount",
                                               replace(ROUND, "    typ: beslut\n", "    typ: beslut\n    belopp-ord: drygt\n")),
    "intresseanmalningar-ord-utan-antal": case("a rounding word for the registrations, but no count",
                                               replace(ROUND, "ansökningar: 232", "ansökningar: 232\nintresseanmälningar-ord: över")),
    "hittills-ord-utan-antal": case("a rounding word for an early count, but no early count of that kind",
                                    replace(ROUND, "tillfällen:\n", "tillfällen:\n  ansokningar:\n    typ: ansokningar\n"
                                            "    publiceras: 2021-03-01 09:00\n    hittills:\n      ansökningar: 150\n"
                                            "      sökande-aktörer-ord: drygt\n")),
    "andel-utan-del": case("a share for an actor type with no count under the parts",
                           replace(ROUND, "ansökningar: 232", "ansökningar: 232\nansökningar-per-typ:\n  kommuner: 150\n"
                                   "  ideella: 82\nansökningar-per-typ-ord:\n  regioner: hälften")),
    "utlysning-inbjudna-ord-utan-antal": case("a call's rounding word for the invited actors, but no count",
                                              call("    belopp: 250000000\n", "    belopp: 250000000\n    inbjudna-ord: cirka\n")),
    "lanets-utlysning-belopp-ord-utan-belopp": case("a county's rounding word for its call money, but no amount",
                                                    call(), replace(SKANE, "län: Skåne\n",
                                                                    "län: Skåne\nutlysning:\n  belopp-ord: knappt\n")),
    "lanets-ansokningar-ord-utan-antal": case("a county's rounding word for its applications, but no count",
                                              replace(SKANE, "län: Skåne\n", "län: Skåne\nansökningar-ord: över\n")),
    "behoriga-ord-i-beslut": case("a call's rounding word on a decision, where nothing prints it",
                                  replace(ROUND, "    typ: beslut\n", "    typ: beslut\n    behöriga-ord: cirka\n")),
    "beviljade-ord-okant": case("a granted count's word that is not a rounding word (a share has no whole there)",
                                replace(ROUND, "  ideella: 32", "  ideella: 32\nbeviljade-ord:\n  ideella: hälften"), schema=True),
    "beviljade-ord-utan-antal": case("a word for an actor type with no granted count",
                                     replace(ROUND, "  ideella: 32", "  ideella: 32\nbeviljade-ord:\n  regioner: nästan")),
    "beviljade-totalt-ord-utan-totalt": case("a rounding word for the granted total, but no total",
                                             replace(ROUND, "  ideella: 32", "  ideella: 32\nbeviljade-totalt-ord: nästan")),
    "beviljade-totalt-drygt-under-delarna": case("'drygt 91' granted, but the exact parts make 90: certainly fewer",
                                                 replace(ROUND, "  ideella: 32", "  ideella: 32\nbeviljade-totalt: 91\n"
                                                         "beviljade-totalt-ord: drygt")),
    "flerariga-ord-utan-antal": case("a word for multi-year recipients of a type with no multi-year count",
                                     replace(ROUND, "  ideella: 4", "  ideella: 4\nfleråriga-ord:\n  kommuner: cirka")),
    "flerariga-drygt-over-beviljade": case("'drygt 33' multi-year ideella, but 32 ideella granted: certainly more",
                                           replace(ROUND, "  ideella: 4", "  ideella: 33\nfleråriga-ord:\n  ideella: drygt")),
    # a county's typed granted counts with their words (beviljade-ord, beviljade-totalt-ord in lan/skane.yaml: 7 + 8)
    "lanets-beviljade-ord-okant": case("a county's granted word that is not a rounding word",
                                       replace(SKANE, "  kommuner: 7\n", "  kommuner: 7\nbeviljade-ord:\n  kommuner: ungefär\n"),
                                       schema=True),
    "lanets-beviljade-ord-utan-antal": case("a county's word for an actor type it has no granted count of",
                                            replace(SKANE, "  kommuner: 7\n", "  kommuner: 7\nbeviljade-ord:\n  regioner: drygt\n")),
    "lanets-beviljade-totalt-ord-utan-totalt": case("a county's word for its granted total, but no total",
                                                    replace(SKANE, "  kommuner: 7\n", "  kommuner: 7\nbeviljade-totalt-ord: cirka\n")),
    "lanets-beviljade-totalt-drygt-under-delarna": case("a county's 'drygt 16' granted, but its exact parts make 15",
                                                        replace(SKANE, "  kommuner: 7\n",
                                                                "  kommuner: 7\nbeviljade-totalt: 16\nbeviljade-totalt-ord: drygt\n")),
    "lanets-beviljade-drygt-over-riket": case("'drygt 60' kommuner in a county, but 58 in the whole country: certainly more",
                                              replace(SKANE, "  kommuner: 7\n", "  kommuner: 60\nbeviljade-ord:\n  kommuner: drygt\n")),
    "tillagg-beviljade-ord-utan-antal": case("a supplement's word for an actor type it grants no count of",
                                             replace(ROUND, LAST_LINE, LAST_LINE + "  tillagg:\n    typ: tillagg\n"
                                                     "    publiceras: 2021-10-01 10:00\n    beviljade:\n      kommuner: 2\n"
                                                     "    beviljade-ord:\n      ideella: drygt\n")),
    "forsta-beslutet-med-egna-antal": case("counts and words typed on the round's first decision, where nothing reads them",
                                           replace(ROUND, "    typ: beslut\n", "    typ: beslut\n    beviljade:\n      kommuner: 58\n"
                                                   "    beviljade-ord:\n      kommuner: drygt\n")),
    "bidragets-beviljade-ord-utan-antal": case("a scheme's word for an actor type it has no granted count of",
                                               replace(ROUND, "tillfällen:\n", "ordningar:\n  segregation:\n"
                                                       "    namn: statsbidrag för insatser mot segregation\n    medel: 250000000\n"
                                                       "    beviljade:\n      kommuner: 58\n    beviljade-ord:\n      ideella: cirka\n"
                                                       "tillfällen:\n")),
    "ataganden-ord-utan-antal": case("a word for the multi-year commitments of a year without new grants, but no count",
                                     replace(ROUND, "beviljade:\n  kommuner: 58\n  ideella: 32\nfleråriga:\n  ideella: 4\n",
                                             "inga-nya-bidrag:\n  utbetalt: 240000000\n  åtaganden-ord: drygt\n"),
                                     cut(ROUND, "tillfällen:", "tillfällen:\n  besked:\n    typ: inga-nya-bidrag\n"
                                         "    publiceras: 2021-01-15 09:00\n"),
                                     rename("content/rounds/2021/lan", "lan-borttagen")),
    # --- a call for applications (typ: utlysning) ----------------------------------------------------------------
    "utlysning-stanger-fore-oppnar": case("a call that closes before it opens",
                                          call("stänger: 2021-03-08 12:00", "stänger: 2021-02-05 12:00")),
    "utlysning-publiceras-efter-stangning": case("a call published after it closes (last year's time kept?)",
                                                 call("publiceras: 2021-02-01 09:00", "publiceras: 2021-03-09 09:00")),
    "utlysning-tak-over-beloppet": case("a cap for one actor type above the call's money",
                                        call("kommuner: 160000000", "kommuner: 300000000")),
    "utlysning-okand-aktorstyp": case("an actor type declared nowhere among those who may apply",
                                      call("får-söka: [kommuner, ideella]", "får-söka: [kommuner, foreningar]")),
    "utlysning-utan-tider": case("a call without its opening and closing times",
                                 call("    öppnar: 2021-02-08 08:00\n    stänger: 2021-03-08 12:00\n", "")),
    "utlysning-i-lan-utan-utlysning": case("a county's call facts in a round without a call",
                                           replace(SKANE, "län: Skåne\n", "län: Skåne\nutlysning:\n  inbjudna: 12\n")),
    "utlysning-falt-i-beslut": case("a call's field on a decision, where nothing prints it",
                                    replace(ROUND, "    typ: beslut\n", "    typ: beslut\n    stänger: 2021-03-08 12:00\n")),
    # --- the year's report (typ: redovisning) ---------------------------------------------------------------------
    "redovisning-fordelar-mer-an-medlen": case("a report that distributes more than the round's budget",
                                               report("      utbetalt: 240000000\n", "      fördelat: 260000000\n")),
    "redovisning-fler-beviljade-an-ansokningar": case("a report with fewer applications than the decision's granted actors",
                                                      replace(ROUND, "ansökningar: 232\n", ""),
                                                      report("      utbetalt: 240000000\n", "      ansökningar: 80\n")),
    "redovisning-motsager-beslutet": case("a report whose granted actors are not the decision's",
                                          report("      utbetalt: 240000000\n", "      beviljade: 95\n")),
    "redovisning-andel-av-okand-typ": case("a report's share of an actor type declared nowhere",
                                           report("      utbetalt: 240000000\n",
                                                  "      andelar:\n        - typ: skolor\n          av: 290\n"
                                                  "          vad: landets kommuner\n")),
    "redovisning-ord-utan-siffra": case("a report's word for what was distributed, but no typed amount (the derived one is exact)",
                                        report("      utbetalt: 240000000\n", "      utbetalt: 240000000\n      fördelat-ord: drygt\n")),
    "redovisning-lokala-utan-lista": case("a report's local releases in a round without a recipient list to count them from",
                                          report("    redovisning:\n", "    lokala-pressmeddelanden: [skane]\n"
                                                 "    redovisning:\n")),
    "redovisning-falt-i-beslut": case("a report's figures on a decision, where nothing prints them",
                                      replace(ROUND, "    typ: beslut\n", "    typ: beslut\n    redovisning:\n      fördelat: 240000000\n")),
    # --- a round without new grants, a cancelled round -------------------------------------------------------------
    "installd-med-beslut": case("a cancelled round that still has its decision and granted actors",
                                replace(ROUND, "år: 2021\n", "år: 2021\ninställd:\n  flyttas-till: Länsstyrelsen i Stockholms län\n")),
    "inga-nya-bidrag-utan-falt": case("a release about a year without new grants, but the round does not say so",
                                      replace(ROUND, "tillfällen:\n", "tillfällen:\n  besked:\n    typ: inga-nya-bidrag\n"
                                                                     "    publiceras: 2021-01-15 09:00\n")),
    "inga-nya-bidrag-falt-okant": case("a misspelt field under inga-nya-bidrag:",
                                       replace(ROUND, "år: 2021\n", "år: 2021\ninga-nya-bidrag:\n  utbetalat: 240000000\n"),
                                       schema=True),
    # --- press images (pressrum/images/press.py) ---------------------------------------------------
    "pressbild-utan-alt-och-licens": case("a press image without alt text and licence",
                                          replace(ROUND, "år: 2021\n", "år: 2021\n" + press_image(alt=None, licence=None)),
                                          write(PHOTO, JPEG)),
    "pressbild-utan-fotograf": case("a county's press image without its photographer",
                                    replace(SKANE, "län: Skåne\n", "län: Skåne\n" + press_image(photographer=None)),
                                    write(COUNTY_PHOTO, JPEG)),
    "pressbild-saknas": case("a press image whose file is not there", replace(ROUND, "år: 2021\n", "år: 2021\n" + press_image())),
    "pressbild-svg": case("an SVG press image (it can carry script)",
                          replace(ROUND, "år: 2021\n", "år: 2021\n" + press_image("kessling.svg")),
                          write("content/rounds/2021/kessling.svg", SVG)),
    "pressbild-gif": case("a GIF press image (only JPEG and PNG)",
                          replace(ROUND, "år: 2021\n", "år: 2021\n" + press_image("kessling.gif")),
                          write("content/rounds/2021/kessling.gif", image_bytes("GIF"))),
    "pressbild-skadad": case("a press image file cut off after its first bytes",
                             replace(ROUND, "år: 2021\n", "år: 2021\n" + press_image()), write(PHOTO, JPEG[:300])),
    "pressbild-fel-filandelse": case("a PNG named .jpg",
                                     replace(ROUND, "år: 2021\n", "år: 2021\n" + press_image()),
                                     write(PHOTO, image_bytes("PNG"))),
    "pressbild-cmyk": case("a CMYK JPEG (refused: converting without the print profile shifts colours)",
                           replace(ROUND, "år: 2021\n", "år: 2021\n" + press_image()),
                           write(PHOTO, image_bytes("JPEG", mode="CMYK"))),
    "pressbild-bomb": case("a decompression bomb: a 10 000 x 10 000 PNG of a few kilobytes",
                           replace(ROUND, "år: 2021\n", "år: 2021\n" + press_image("kessling.png")),
                           write("content/rounds/2021/kessling.png", BOMB)),
    "pressbild-for-stor": case("a press image over the limit (64 megapixels) but under Pillow's own bomb limit",
                               replace(ROUND, "år: 2021\n", "år: 2021\n" + press_image("kessling.png")),
                               write("content/rounds/2021/kessling.png", image_bytes("PNG", "1", (8000, 8000)))),
    "pressbild-oanvand": case("an image file in the round folder that no pressbild names", write(PHOTO, JPEG)),
}


def materialize(name: str, dest: Path) -> Path:
    """Copy content/ and templates/ into ``dest`` and apply the case's edits; returns ``dest``."""
    dest = Path(dest)
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(ROOT / "templates", dest / "templates")
    for edit in CASES[name].edits:
        target = dest / edit.path
        if edit.op in ("replace", "cut"):
            text = target.read_text(encoding="utf-8")
            if edit.old not in text:
                raise ValueError(f"{name}: {edit.old!r} not found in {edit.path}; update the case for the new content")
            if edit.op == "cut":
                text = text[: text.index(edit.old)] + edit.old
            target.write_text(text.replace(edit.old, edit.new, 1), encoding="utf-8")
        elif edit.op == "write":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(edit.new if isinstance(edit.new, bytes) else edit.new.encode("utf-8"))
        elif edit.op == "rename":
            target.rename(dest / edit.new)
        else:  # pragma: no cover
            raise ValueError(edit.op)
    return dest


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in CASES:
        sys.exit("usage: python tests/broken/cases.py CASE DEST\ncases: " + " ".join(CASES))
    print(materialize(sys.argv[1], Path(sys.argv[2])))
