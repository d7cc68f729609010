"""Load content files and validate them against the models, collecting every problem.

The first two stages (load → validate): :func:`load_site` reads ``site.yaml`` and judges the
content folder's layout, :func:`load_round` reads one round's files (exactly those
``content.round_inputs`` lists) and returns frozen inputs with every problem found.
Pydantic's English errors never reach the user: :func:`problems_from` translates each to
Swedish and gives it the file, line and column of the key or value at fault.
"""
from __future__ import annotations

import difflib
import re
import typing
from dataclasses import dataclass
from pathlib import Path

from . import approx, sv
from .errors import BuildFailed, Place, Problem, display_path, split_hint
from .layout import RESERVED
from .model_base import Invalid, Model
from .round_models import CountyFile, RoundFile
from .site_models import SiteFile
from .recipients import RecipientRow, load_recipients
from .sources import Source, load_yaml
from .content import (COUNTY_DIR, RECIPIENTS_FILE, ROUND_FILE, SITE_FILE, file_place, is_image_name, layout_problems,
                      missing_content_folder, round_folders, round_inputs, stray)
from .images import press


@dataclass(frozen=True)
class CountyInput:
    slug: str
    lan: sv.Lan
    data: CountyFile
    source: Source


@dataclass(frozen=True)
class RoundInput:
    key: str  # the folder name, part of every URL of the round
    data: RoundFile
    source: Source
    counties: tuple[CountyInput, ...]
    recipients: tuple[RecipientRow, ...] = ()  # from beviljade.csv, when the round has one
    recipients_file: str | None = None  # the list's path as shown to the user
    # Checked press images: (county slug, or None for the round's national releases, image).
    images: tuple = ()
    # Keys of round.yaml whose values did not validate and are left out (``load_round``): the
    # round is then only cross-checked, by the checks that do not read them, never built.
    broken: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Content:
    """Everything validated: the site and its rounds, each value still knowing its place."""

    root: Path
    site: SiteFile
    site_source: Source
    rounds: tuple[RoundInput, ...]


UNEXPECTED_HINT = "se beskrivningen av fältet i content/README.md"  # a pydantic error no branch translates


def load_content(content_dir: Path) -> Content:
    """Load and validate all of ``content_dir`` at once; raise BuildFailed with every problem of
    loading and validating (no cross-checks: ``derive`` makes those). The build itself loads
    round by round (``rounds.build_round``); this is for tools and tests that want everything."""
    site, site_source, problems = load_site(content_dir)
    rounds = []
    for folder in round_folders(content_dir):
        round_in, round_problems = load_round(folder)
        problems += round_problems
        if round_in is not None:
            rounds.append(round_in)
    if problems:
        raise BuildFailed(problems)
    return Content(Path(content_dir), site, site_source, tuple(rounds))


def load_site(content_dir: Path) -> tuple[SiteFile | None, Source | None, list[Problem]]:
    """``site.yaml`` and the layout of the content folder (what every round reads): the site,
    its source, and every problem with them; the rounds themselves are not read."""
    missing = missing_content_folder(content_dir)
    if missing is not None:
        raise BuildFailed([missing])
    problems: list[Problem] = []
    site, site_source = _validated(Path(content_dir) / SITE_FILE, SiteFile, problems)
    return site, site_source, problems + layout_problems(content_dir)


def load_round(folder: Path) -> tuple[RoundInput | None, list[Problem]]:
    """One round's files (``content.round_inputs``) loaded and validated: the round (None when
    its round.yaml did not validate; county files that failed are left out) and every problem."""
    problems: list[Problem] = []
    files = round_inputs(folder)
    key = folder.name
    if sv.slug(key) != key:
        problems.append(Problem(Place(display_path(folder)), f"mappnamnet '{key}' kan inte användas i en adress",
                                f"döp om mappen till '{sv.slug(key)}'"))
    elif key in RESERVED:  # the round's pages would overwrite the newsroom's own (lan/, tillganglighet/)
        problems.append(Problem(Place(display_path(folder)),
                                f"mappnamnet '{key}' är upptaget: nyhetsrummets egna sidor ligger i {key}/",
                                "döp om omgångens mapp, till exempel efter året (rounds/2022)"))
    data, source = _validated(files.round_file, RoundFile, problems)
    broken: frozenset[str] = frozenset()
    if data is None and source is not None:
        data, broken = _without_broken(source, RoundFile)
    recipients: tuple[RecipientRow, ...] = ()
    recipients_file = None
    csv_problems: list[Problem] = []
    for path in files.strays:
        problems.append(stray(path, f"en omgång har {ROUND_FILE}, eventuellt {RECIPIENTS_FILE} och mappen "
                                    f"{COUNTY_DIR}/ med en fil per län"))
    if files.recipients is not None:
        rows, csv_problems = load_recipients(files.recipients)
        problems.extend(csv_problems)
        recipients, recipients_file = rows, display_path(files.recipients)
    counties = _load_counties(tuple(p for p in files.counties if not is_image_name(p.name)), problems)
    images = _press_images(files, data, source, counties, problems)
    # A recipient list that did not load leaves no round to cross-check: its counts, sums and
    # counties would all read as missing and give errors that only repeat the list's.
    if data is None or (files.recipients is not None and csv_problems):
        return None, problems
    return RoundInput(key, data, source, counties, recipients, recipients_file, images, broken), problems


def _without_broken(source: Source, model: type[Model]) -> tuple[Model | None, frozenset[str]]:
    """The file validated without the top-level keys whose values failed, and those keys, so that
    one type error does not hide the round's cross-checks (review §4 i); (None, ∅) when that is
    not possible: a key missing or unknown (its meaning is uncertain), an error of the whole file,
    or a required key among the failed."""
    if not isinstance(source.data, dict):
        return None, frozenset()
    try:
        model.model_validate(source.data)
    except Invalid as exc:
        errors = exc.error.errors(include_url=False)
    else:  # pragma: no cover - called only after the file failed
        return None, frozenset()
    if any(len(e["loc"]) == 0 or e["type"] == "missing" or (e["type"] == "extra_forbidden" and len(e["loc"]) == 1)
           for e in errors):
        return None, frozenset()
    broken = frozenset(str(e["loc"][0]) for e in errors)
    try:
        return model.model_validate({k: v for k, v in source.data.items() if k not in broken}), broken
    except Invalid:
        return None, frozenset()


def _press_images(files, data: RoundFile | None, source, counties, problems: list[Problem]) -> tuple:
    """The round's and its counties' press images, checked (``images/press.py``); an image file
    no ``pressbild:`` names is a problem (it would be published by no one)."""
    declared = [(None, files.folder, data.press_image, source)] if data is not None and data.press_image else []
    declared += [(c.slug, files.folder / COUNTY_DIR, c.data.press_image, c.source) for c in counties if c.data.press_image]
    images = []
    named = set()
    for owner, folder, decl, src in declared:
        named.add((folder, decl.file))
        image, image_problems = press.check(folder, decl, src)
        problems.extend(image_problems)
        if image is not None:
            images.append((owner, image))
    # An image in a folder whose file did not validate may be that file's: no follow-on problem.
    county_files = [n for n in files.county_names if not is_image_name(n)]
    checked = [(files.folder, files.image_names if data is not None else ())]
    if len(counties) == len(county_files):
        checked.append((files.folder / COUNTY_DIR, tuple(n for n in files.county_names if is_image_name(n))))
    for folder, names in checked:
        for name in names:
            if (folder, name) not in named:
                where = ROUND_FILE if folder == files.folder else "länets fil i lan/"
                problems.append(Problem(Place(display_path(folder / name)), f"bilden {name} används inte",
                                        f"ange den under pressbild: i {where} eller ta bort den"))
    return tuple(images)


def _load_counties(paths: tuple[Path, ...], problems: list[Problem]) -> tuple[CountyInput, ...]:
    seen: dict[str, Path] = {}
    counties = []
    for county_path in paths:
        county = _load_county(county_path, problems)
        if county is None:
            continue
        if county.slug in seen:
            problems.append(Problem(file_place(county_path),
                                    f"{county.lan.namn} har redan en fil: {display_path(seen[county.slug])}",
                                    "ett län har en enda fil; slå ihop filerna"))
            continue
        seen[county.slug] = county_path
        counties.append(county)
    return tuple(counties)


def _load_county(path: Path, problems: list[Problem]) -> CountyInput | None:
    if path.suffix not in (".yaml", ".yml") or not path.is_file():
        problems.append(stray(path, "länsfiler heter <län>.yaml, till exempel skane.yaml"))
        return None
    try:
        lan = sv.lan(path.stem)
    except ValueError as exc:
        message = split_hint(str(exc))[0]
        close = re.search(r"menade du '(.+)'\?", str(exc))
        hint = f"menade du {sv.lan(close.group(1)).slug}.yaml?" if close else "döp filen efter länet, till exempel skane.yaml"
        problems.append(Problem(file_place(path), f"filnamnet '{path.name}' anger inget län ({message})", hint))
        return None
    if path.stem != lan.slug:
        problems.append(Problem(file_place(path), f"filnamnet ska vara {lan.slug}.yaml", f"döp om filen till {lan.slug}.yaml"))
    data, source = _validated(path, CountyFile, problems)
    if data is None:
        return None
    if data.county is not None and data.county != lan:
        problems.append(Problem(source.place(("län",)), f"filen {path.name} gäller {lan.namn}, men raden 'län:' säger {data.county.namn}",
                                f"rätta raden eller flytta uppgifterna till {data.county.slug}.yaml"))
    return CountyInput(lan.slug, lan, data, source)


def _validated(path: Path, model: type[Model], problems: list[Problem]):
    if not path.is_file():
        problems.append(Problem(Place(display_path(path)), "filen saknas" if not path.is_dir() else
                                f"{path.name} är en mapp, inte en fil", "skapa den enligt exemplet i content/README.md"))
        return None, None
    source, load_problems = load_yaml(path)
    if source is None:
        problems.extend(load_problems)
        return None, None
    try:
        return model.model_validate(source.data), source
    except Invalid as exc:
        problems.extend(problems_from(exc.error, source, exc.reference))
        return None, source


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
