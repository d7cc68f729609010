"""A subscriber list from CSV as Excel saves it: ``;`` or ``,`` between fields, UTF-8 (with or
without a byte-order mark) or Windows-1252, decoded strictly by :mod:`pressrum.encoding`.

The first row names the columns: ``e-post`` and ``listor`` (lists separated by spaces, commas
or ``|``), optionally ``samtycke`` (how the subscriber consented) and ``typer`` (the release
kinds the row's lists are for, separated as the lists; empty for every kind). Every invalid or repeated
address is a problem at its ``fil:rad``; the caller imports nothing unless there is none.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..encoding import decode
from ..errors import Place, Problem, display_path
from .addresses import address_problem, kind_problem, list_problem, normal

SAVE = "spara listan från Excel som 'CSV UTF-8' eller 'CSV (semikolonavgränsad)'"
_LISTS = re.compile(r"[\s,|]+")


def read_subscribers(path: Path, known_kinds: tuple[str, ...] = ()
                     ) -> tuple[list[tuple[str, tuple[str, ...], str, tuple[str, ...]]], list[Problem]]:
    """The rows (address, lists, consent, kinds) of ``path`` and every problem in it, each at its
    line; a kind must be one of ``known_kinds``."""
    shown = display_path(path)
    text, problems = decode(Path(path).read_bytes(), shown, SAVE)
    if text is None:
        return [], problems
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return [], [Problem(Place(shown, 1), "filen saknar rubrikraden", "första raden ska vara e-post;listor")]
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    missing = [c for c in ("e-post", "listor") if c not in header]
    if missing:
        return [], [Problem(Place(shown, 1), f"kolumnen {' och '.join(missing)} saknas i rubrikraden",
                            "första raden ska vara e-post;listor (och gärna samtycke)")]
    col = {name: header.index(name) for name in ("e-post", "listor", "samtycke", "typer") if name in header}
    rows, seen = [], {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        cells = row + [""] * (len(header) - len(row))
        address = normal(cells[col["e-post"]])
        wrong = address_problem(address)
        if wrong:
            problems.append(Problem(Place(shown, line), wrong, "rätta adressen eller ta bort raden"))
            continue
        key = address.lower()
        if key in seen:
            problems.append(Problem(Place(shown, line), f"adressen {address} finns redan på rad {seen[key]}",
                                    "ta bort den ena raden och skriv alla listor på den andra"))
            continue
        seen[key] = line
        lists = tuple(name for name in _LISTS.split(cells[col["listor"]].strip().lower()) if name)
        if not lists:
            problems.append(Problem(Place(shown, line), f"adressen {address} står inte på någon lista",
                                    "skriv nationellt eller länets namn i adressform, till exempel skane"))
        for name in lists:
            wrong = list_problem(name)
            if wrong:
                problems.append(Problem(Place(shown, line), wrong))
        kinds = tuple(k for k in _LISTS.split(cells[col["typer"]].strip().lower()) if k) if "typer" in col else ()
        for kind in kinds:
            wrong = kind_problem(kind, known_kinds)
            if wrong:
                problems.append(Problem(Place(shown, line), wrong))
        how = cells[col["samtycke"]].strip() if "samtycke" in col else ""
        rows.append((address, lists, how or f"import från {Path(path).name}", kinds))
    return rows, problems
