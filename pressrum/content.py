"""The content folder's layout: which files exist, which are read, and which are strays.

``content/site.yaml``, ``content/rounds/<omgång>/round.yaml``, optionally
``rounds/<omgång>/beviljade.csv`` and ``rounds/<omgång>/lan/<län>.yaml``; a README.md beside
site.yaml is for editors and never read. Hidden entries (.DS_Store, editors' swap files) are
left out everywhere.

:func:`round_inputs` is the one answer to "what does a round read": the loader
(``validate.load_round``) reads exactly these files and the build cache (``memo.py``)
fingerprints exactly these, so the two can never disagree about what a change is.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import Place, Problem, display_path

SITE_FILE = "site.yaml"
ROUNDS_DIR = "rounds"
ROUND_FILE = "round.yaml"
COUNTY_DIR = "lan"
RECIPIENTS_FILE = "beviljade.csv"
EDITORS_README = "README.md"


@dataclass(frozen=True)
class RoundFiles:
    """Everything one round's build reads or lists in its folder (names: the fingerprint of a
    large archive would spend more on making paths than on reading what they name)."""

    folder: Path
    has_recipients: bool  # beviljade.csv is a file
    county_names: tuple[str, ...]  # every visible entry of lan/ (a stray among them is a problem)
    stray_names: tuple[str, ...]  # every other visible entry of the round folder

    @property
    def round_file(self) -> Path:  # read even when missing (the loader then says so)
        return self.folder / ROUND_FILE

    @property
    def recipients(self) -> Path | None:
        return self.folder / RECIPIENTS_FILE if self.has_recipients else None

    @property
    def counties(self) -> tuple[Path, ...]:
        return tuple(self.folder / COUNTY_DIR / name for name in self.county_names)

    @property
    def strays(self) -> tuple[Path, ...]:
        return tuple(self.folder / name for name in self.stray_names)

    def read(self) -> list[str]:
        """The paths, relative to the folder, whose bytes the loader reads (or finds missing)."""
        return [ROUND_FILE, *([RECIPIENTS_FILE] if self.has_recipients else []),
                *(f"{COUNTY_DIR}/{name}" for name in self.county_names)]


def visible_names(folder) -> list[str]:
    """A folder's entry names in order, without hidden files (.DS_Store, editors' swap files)."""
    return sorted(name for name in os.listdir(folder) if not name.startswith("."))


def visible(folder: Path) -> list[Path]:
    """A folder's entries in name order, without hidden files."""
    return [folder / name for name in visible_names(folder)]


def round_folders(content_dir: Path) -> list[Path]:
    """The round folders, in name order (hidden entries and stray files left out)."""
    rounds_dir = Path(content_dir) / ROUNDS_DIR
    return [p for p in visible(rounds_dir) if p.is_dir()] if rounds_dir.is_dir() else []


def round_names(content_dir: Path) -> list[str]:
    """The round folders' names, in the loader's order."""
    return [p.name for p in round_folders(content_dir)]


def round_inputs(folder: Path) -> RoundFiles:
    """What the round in ``folder`` reads: round.yaml, beviljade.csv, the county files, and the
    names of stray entries (which are problems, by name)."""
    base = str(folder)
    recipients, counties, strays = False, (), []
    for name in visible_names(base):
        path = os.path.join(base, name)
        if name == ROUND_FILE:
            continue
        if name == RECIPIENTS_FILE and os.path.isfile(path):
            recipients = True
        elif name == COUNTY_DIR and os.path.isdir(path):
            counties = tuple(visible_names(path))
        else:
            strays.append(name)
    return RoundFiles(Path(folder), recipients, counties, tuple(strays))


def top_level(content_dir: Path) -> tuple[list[Path], list[Path]]:
    """The visible entries of the content folder and of its rounds folder (what :func:`layout_problems` judges)."""
    content_dir = Path(content_dir)
    rounds_dir = content_dir / ROUNDS_DIR
    return (sorted(content_dir.iterdir()) if content_dir.is_dir() else [],
            visible(rounds_dir) if rounds_dir.is_dir() else [])


def missing_content_folder(content_dir: Path) -> Problem | None:
    if Path(content_dir).is_dir():
        return None
    return Problem(Place(display_path(content_dir)), "mappen med innehåll finns inte", "ange rätt mapp med --content")


def layout_problems(content_dir: Path) -> list[Problem]:
    """Problems with the content folder's layout: no rounds, stray files beside site.yaml or
    among the rounds."""
    content_dir = Path(content_dir)
    problems: list[Problem] = []
    rounds_dir = content_dir / ROUNDS_DIR
    entries, rounds = top_level(content_dir)
    if not rounds_dir.is_dir():
        problems.append(Problem(Place(display_path(rounds_dir)), "mappen rounds saknas",
                                "skapa content/rounds/<år>/round.yaml för minst en omgång"))
    else:
        for folder in rounds:
            if not folder.is_dir():
                problems.append(stray(folder, "lägg omgångens filer i en mapp: rounds/<omgång>/round.yaml"))
        if not rounds:
            problems.append(Problem(Place(display_path(rounds_dir)), "det finns ingen omgång",
                                    "skapa content/rounds/<år>/round.yaml"))
    for path in entries:
        if path.name not in (SITE_FILE, ROUNDS_DIR, EDITORS_README) and not path.name.startswith("."):
            problems.append(stray(path, "innehållsmappen har bara site.yaml, README.md och rounds/"))
    return problems


def file_place(path: Path) -> Place:
    """A problem with a whole file points at its first line; a folder has no lines."""
    return Place(display_path(path), 1, 1) if path.is_file() else Place(display_path(path))


def stray(path: Path, hint: str) -> Problem:
    return Problem(file_place(path), f"okänd fil eller mapp '{path.name}' läses inte", hint)
