"""Load content files and validate them against the models, collecting every problem.

The first two stages (load → validate): :func:`load_site` reads ``site.yaml`` and judges the
content folder's layout, :func:`load_round` reads one round's files (exactly those
``content.round_inputs`` lists) and returns frozen inputs with every problem found.
Pydantic's English errors never reach the user: :func:`~pressrum.validation_problems.problems_from`
translates each to Swedish and gives it the file, line and column of the key or value at fault.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import sv
from .errors import BuildFailed, Place, Problem, display_path, split_hint
from .layout import RESERVED
from .model_base import Invalid, Model
from .round_models import CountyFile, RoundFile
from .site_models import SiteFile
from .recipients import RecipientRow, load_recipients
from .sources import Source, load_yaml
from .validation_problems import problems_from
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
