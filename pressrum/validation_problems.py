"""Pydantic's English errors as located Swedish problems: :func:`problems_from` translates each
error of a content model to a Swedish message and hint, at the file, line and column of the key
or value at fault (a misspelt key with the key it was close to).

:mod:`pressrum.validate` calls it when a file does not validate.
"""
from __future__ import annotations

import difflib
import typing

from . import approx
from .errors import Problem
from .sources import Source

UNEXPECTED_HINT = "se beskrivningen av fältet i content/README.md"  # a pydantic error no branch translates


def problems_from(exc, source: Source, model) -> list[Problem]:
    """Translate pydantic's errors (a ``ValidationError`` against the pydantic ``model``, see
    ``reference_models``) into located Swedish problems."""
    errors = exc.errors(include_url=False)
    paths = [tuple(x for x in e["loc"] if x != "[key]") for e in errors]
    suggested = _suggested_keys(errors, paths, model)
    out = []
    for err, path in zip(errors, paths):
        # A misspelt key is reported once, as unknown with a suggestion, not also as a missing field.
        if err["type"] == "missing" and path in suggested:
            continue
        # pydantic also calls a list "too short" when one of its items failed; the item says why.
        if err["type"] == "too_short" and any(len(o) > len(path) and o[:len(path)] == path for o in paths):
            continue
        out.append(_problem(err, path, source, model))
    return out


def _suggested_keys(errors, paths, model) -> set[tuple]:
    """The key paths an unknown key is probably a misspelling of."""
    suggested = set()
    for err, path in zip(errors, paths):
        if err["type"] == "extra_forbidden":
            close = difflib.get_close_matches(str(path[-1]), _allowed_keys(model, path[:-1]), n=1, cutoff=0.6)
            if close:
                suggested.add(path[:-1] + (close[0],))
    return suggested


def _problem(err, path: tuple, source: Source, model) -> Problem:
    """One pydantic error as a located Swedish problem."""
    field = next((str(x) for x in reversed(path) if isinstance(x, str)), "")
    kind = err["type"]
    place = source.place(path)
    if kind == "sv":
        message, hint = err["msg"], err.get("ctx", {}).get("hint", "")
        if "[key]" in tuple(err["loc"]):
            place = source.key_place(path)
            message = f"nyckeln {message}" if message.startswith("'") and "nyckel" not in message else message
    elif kind == "missing":
        message, hint = _missing(field, path, err.get("input"))
    elif kind == "extra_forbidden":
        place = source.key_place(path)
        allowed = _allowed_keys(model, path[:-1])
        close = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
        message = f"okänt fält '{field}'"
        hint = f"menade du '{close[0]}'?" if close else "tillåtna fält här: " + ", ".join(allowed)
    else:
        message, hint = _shape_message(kind, field, err)
        parent = str(path[-2]) if len(path) >= 2 else ""
        if kind == "string_pattern_mismatch" and parent.endswith("-per-typ-ord"):
            # A part's word under a type key: a rounding word or a share of the whole.
            message = f"under '{parent}:' kan det inte stå {_value(err)} efter '{field}:'"
            hint = f"skriv {approx.known(fractions=True)}, eller ta bort raden"
        elif kind == "string_pattern_mismatch" and parent in ("beviljade-ord", "fleråriga-ord"):
            # A granted count's word under a type key: a rounding word only (a share has no whole here).
            message = f"under '{parent}:' kan det inte stå {_value(err)} efter '{field}:'"
            hint = f"skriv {approx.known()}, eller ta bort raden"
    return Problem(place, message, hint)


def _shape_message(kind: str, field: str, err) -> tuple[str, str]:
    """The message and hint for a value of the wrong shape or type."""
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        message = (f"under '{field}:' ska det stå indragna rader med ett namn och ett kolon" if field
                   else "här ska det stå rader med ett namn och ett kolon")
        return message, (f"skriv varje uppgift på en egen rad, indragen under '{field}:'" if field
                         else "skriv varje uppgift på en egen rad")
    if kind in ("tuple_type", "list_type"):
        return f"under '{field}:' ska det stå en lista", "skriv varje del av listan på en egen rad som börjar med '- '"
    if kind == "too_short":
        what = {"tillfällen": "ett pressmeddelande", "presskontakter": "en presskontakt",
                "aktörstyper": "en aktörstyp", "kontakter": "en presskontakt"}.get(field, "en rad som börjar med '- '")
        return f"listan '{field}:' är tom", f"lägg till minst {what}"
    if kind == "string_pattern_mismatch":
        hint = {"genus": "skriv en eller ett", "preposition": "skriv på, i, vid, för eller hos", "språk": "skriv sv",
                "antal-avser": "skriv mottagare, åtgärder eller ansökningar",
                "vinkel": "skriv antal eller belopp"}.get(field, "se content/README.md")
        # Every rounding word (ord, belopp-ord, ansökningar-ord, …) takes the same words.
        if field == "ord" or field.endswith("-ord"):
            hint = f"skriv {approx.known()}, eller ta bort raden"
        return f"efter '{field}:' kan det inte stå {_value(err)}", hint
    if kind == "string_type":
        return f"efter '{field}:' ska det stå en text", "skriv texten direkt efter kolonet"
    # pragma: no cover - every type the models can raise is handled above (the fuzz test checks)
    return f"ogiltigt värde {_value(err)} för '{field}'", UNEXPECTED_HINT


def _missing(field: str, path: tuple, parent) -> tuple[str, str]:
    """A missing line: in a list item, the item is named by its number and its name ("mottagare
    nummer 2 (Hållbart Helsingborg)"), and the new line goes under that name."""
    if len(path) >= 3 and isinstance(path[-2], int):
        name = parent.get("namn") if isinstance(parent, dict) else None
        item = f"{_name(path[:-2])} nummer {path[-2] + 1}" + (f" ({name})" if isinstance(name, str) and name else "")
        under = "under namnet" if name else "i den delen av listan"
        return f"uppgiften '{field}:' saknas för {item}", f"lägg till en rad '{field}: …' {under} (se content/README.md)"
    where = f" under '{_name(path[:-1])}:'" if path[:-1] else ""
    return f"uppgiften '{field}:' saknas{where}", f"lägg till en rad '{field}: …' (se content/README.md)"


def _name(path) -> str:
    """A key path as an editor reads it: ``mottagare › nummer 3`` (list items counted from 1)."""
    return " › ".join(f"nummer {p + 1}" if isinstance(p, int) else str(p) for p in path)


def _value(err) -> str:
    value = err.get("input")
    return f"'{value}'" if isinstance(value, str) else ""


def _allowed_keys(model, path) -> list[str]:
    """The keys allowed at ``path`` in ``model``, found by walking the field annotations."""
    current = model
    for part in path:
        if isinstance(current, _DictOf):  # this part is a free key (e.g. an announcement slug)
            current = current.model
            continue
        if isinstance(part, int) or current is None:
            continue
        match = next((f for f in current.model_fields.values() if f.alias == part), None)
        current = _inner_model(match.annotation) if match else None
    if isinstance(current, type) and hasattr(current, "model_fields"):
        return sorted(f.alias for f in current.model_fields.values())
    return []


def _inner_model(annotation):
    """The model inside ``X | None``, ``tuple[X, ...]`` or ``dict[str, X]`` (dict values)."""
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):  # a pydantic model
        return annotation
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is dict:
        inner = _inner_model(args[1])
        return _DictOf(inner) if inner else None
    for arg in args:
        found = _inner_model(arg)
        if found:
            return found
    return None


class _DictOf:
    """Marks a dict of models: the next path part is a free key, the one after that a field."""

    def __init__(self, model):
        self.model = model
