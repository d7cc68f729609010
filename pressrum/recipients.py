"""Read a round's list of granted recipients (``beviljade.csv``) as Swedish Excel writes it.

Excel in Swedish saves "CSV (semikolonavgränsad)": ``;`` between fields, UTF-8 with a BOM
(or Windows-1252 in older versions), amounts with spaces or no-break spaces between the
thousands. Every row becomes a :class:`RecipientRow` that knows its file, line and column;
every problem in the file is reported at once, in Swedish, with a hint.
"""
from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from . import encoding, sv
from .content import read_content
from .errors import Place, Problem, display_path, split_hint
from .field_readers import MAX_AMOUNT, amount_too_large

MAX_BYTES = 5 * 1024 * 1024

# Column name → (attribute, required). Column names are Swedish and case-insensitive.
COLUMNS = {
    "namn": ("name", True),
    "typ": ("kind", True),
    "kommun": ("municipality", True),
    "belopp": ("amount", True),
    "ordning": ("scheme", False),
    "år": ("years", False),
    "tillfälle": ("announcement", False),
    "tillägg": ("topup", False),
}

def legal_type(text: str) -> str:
    """A legal type as it is compared: lower case, single spaces ("Ideell  förening" is "ideell förening")."""
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class RecipientRow:
    """One granted recipient: who, where, how much, for how long, under which scheme."""

    name: str
    kind: str  # the legal type as written (lower case); content's ``omfattar`` says which are accepted
    municipality: sv.Kommun
    amount: int  # kronor for the first (or only) year
    years: int  # 1 for a one-year grant; >1 is multi-year with the same amount per year
    scheme: str | None
    announcement: str | None
    topup: bool  # more money to an earlier recipient: adds kronor, not an actor
    place: Place
    kind_place: Place | None = None  # the cell of ``typ``

    @property
    def multi_year(self) -> bool:
        return self.years > 1

    @property
    def future_commitment(self) -> int:
        """Kronor promised for the years after the first."""
        return self.amount * (self.years - 1)


SAVE_AS_UTF8 = "spara listan från Excel som 'CSV UTF-8'"


def _decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """Text of the file in its one encoding: UTF-8 (with or without BOM), else Windows-1252
    (older Excel). A byte neither defines, or rows in both, is a problem at its line: decoding
    it leniently would publish "Ã…sas" or "M\ufffdtesplats"."""
    return encoding.decode(raw, shown, SAVE_AS_UTF8)


def _garbled(text: str, shown: str) -> list[Problem]:
    """Every garbled spot in the decoded file ("Ã…", "â€“", U+FFFD), at its line and column."""
    problems: list[Problem] = []
    if not encoding.garbles(text):  # one pass over the file; lines are counted only for a garbled one
        return problems
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):  # lines as the csv reader counts them
        for garble in encoding.garbles(line):
            message, hint = encoding.garble_message(line, garble)
            problems.append(Problem(Place(shown, number, garble.offset + 1), message, hint))
    return problems


def load_recipients(path: Path) -> tuple[tuple[RecipientRow, ...], list[Problem]]:
    """Read ``path``; returns the rows and every problem found (rows are empty if any)."""
    shown = display_path(path)
    raw, problems = read_content(path, MAX_BYTES, "en lista över beviljade ska vara högst 5 MB",
                                shown=shown)
    if raw is None:
        return (), problems
    text, problems = _decode(raw, shown)
    if text is None:
        return (), problems
    if not text.strip():
        return (), [Problem(Place(shown, 1, 1), "filen är tom", "fyll i en rubrikrad och en rad per mottagare, eller ta bort filen")]
    lines = text.splitlines()
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    if delimiter != ";":
        return (), [Problem(Place(shown, 1, 1), "kolumnerna är avgränsade med komma, inte semikolon",
                            "spara från Excel som 'CSV (semikolonavgränsad)'")]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    problems: list[Problem] = []
    garbled = _garbled(text, shown)  # a garbled cell is reported as that, not as what it then fails
    try:
        header = next(reader)
    except StopIteration:  # pragma: no cover - empty text is handled above
        return (), []
    columns = _columns(header, shown, problems)
    if problems:
        return (), sorted(garbled + problems) if garbled else problems
    rows: list[RecipientRow] = []
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        row = _row(values, columns, shown, line, lines[line - 1] if line - 1 < len(lines) else "", problems)
        if row:
            rows.append(row)
    if not rows and not problems:
        problems.append(Problem(Place(shown, 2, 1), "listan har ingen mottagare", "lägg till en rad per mottagare under rubrikraden"))
    problems = sorted(garbled + problems) if garbled else problems
    return (tuple(rows) if not problems else ()), problems


def _columns(header: list[str], shown: str, problems: list[Problem]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, name in enumerate(header):
        key = name.strip().lower()
        if not key or encoding.garbles(name):  # reported as garbled
            continue
        if key not in COLUMNS:
            close = difflib.get_close_matches(key, COLUMNS, n=1, cutoff=0.6)
            problems.append(Problem(Place(shown, 1, _col(header, i)), f"okänd kolumn '{name.strip()}'",
                                    f"menade du '{close[0]}'?" if close else "tillåtna kolumner: " + ", ".join(COLUMNS)))
            continue
        if key in found:
            problems.append(Problem(Place(shown, 1, _col(header, i)), f"kolumnen '{key}' finns två gånger",
                                    "ta bort den ena"))
            continue
        found[key] = i
    for key, (_, required) in COLUMNS.items():
        if required and key not in found:
            problems.append(Problem(Place(shown, 1, 1), f"kolumnen '{key}' saknas",
                                    "rubrikraden ska ha minst: " + ", ".join(k for k, (_, r) in COLUMNS.items() if r)))
    return found


def _col(values: list[str], index: int) -> int:
    """1-based character column where field ``index`` starts (fields joined by ';')."""
    return sum(len(v) + 1 for v in values[:index]) + 1


def _row(values, columns, shown, line, text_line, problems) -> RecipientRow | None:
    before = len(problems)
    garbled: set[Place] = set()  # cells reported as garbled (load_recipients) are not checked further

    def cell(key: str) -> tuple[str, Place]:
        i = columns.get(key)
        value = values[i].strip() if i is not None and i < len(values) else ""
        col = _col(values, i) if i is not None and i < len(values) else 1
        if encoding.garbles(value):
            garbled.add(Place(shown, line, col))
        return value, Place(shown, line, col)

    def fail(place, message, hint):
        if place not in garbled:
            problems.append(Problem(place, message, hint))

    name, p = cell("namn")
    if not name:
        fail(p, "namn saknas", "skriv mottagarens namn")
    kind, kind_place = cell("typ")
    kind = legal_type(kind)
    if not kind:  # which types are accepted is content's word (omfattar), checked in grants.check_rows
        fail(kind_place, "typ saknas", "skriv mottagarens typ, en av dem som står under omfattar i site.yaml")
    kommun_text, p = cell("kommun")
    municipality = None
    try:
        municipality = sv.kommun(kommun_text)
    except ValueError as exc:
        message, hint = split_hint(str(exc))  # sv's messages carry their own hint
        fail(p, message, hint or "skriv kommunens namn som SCB skriver det")
    amount_text, p = cell("belopp")
    amount = _amount(amount_text, p, fail)
    years_text, p = cell("år")
    years = 1
    if years_text:
        if re.fullmatch(r"\d{1,2}", years_text) and 1 <= int(years_text) <= 10:
            years = int(years_text)
        else:
            fail(p, f"antalet år ska vara ett heltal från 1 till 10, men nu står det '{years_text}'", "skriv hur många år bidraget gäller, till exempel 3")
    scheme, _ = cell("ordning")
    announcement, _ = cell("tillfälle")
    topup_text, p = cell("tillägg")
    topup = False
    if topup_text:
        if topup_text.lower() in ("ja", "nej"):
            topup = topup_text.lower() == "ja"
        else:
            fail(p, f"här ska det stå ja eller nej, men nu står det '{topup_text}'", "skriv ja om raden är ett tillägg till en tidigare mottagare")
    if len(problems) > before:
        return None
    return RecipientRow(name, kind, municipality, amount, years, scheme or None, announcement or None, topup,
                        Place(shown, line, 1), kind_place)


def _amount(text: str, place: Place, fail) -> int:
    digits = re.sub(r"[ \u00a0\u202f]", "", text).removesuffix("kr").strip()
    if not text:
        fail(place, "belopp saknas", "skriv beloppet i kronor, till exempel 700 000")
        return 0
    if re.fullmatch(r"\d+,00", digits):
        digits = digits[:-3]
    if not re.fullmatch(r"\d+", digits):
        fail(place, f"beloppet ska stå i hela kronor med siffror, men nu står det '{text}'", "skriv beloppet med siffror, till exempel 700 000")
        return 0
    if len(digits.lstrip("0")) > len(str(MAX_AMOUNT)) or int(digits) > MAX_AMOUNT:  # never int() of a long paste
        fail(place, *amount_too_large(text))
        return 0
    return int(digits)
