"""The content folder's layout: which files exist, which are read, and which are strays.

``content/site.yaml``, ``content/rounds/<omgång>/round.yaml``, optionally
``rounds/<omgång>/beviljade.csv`` and ``rounds/<omgång>/lan/<län>.yaml``; a README.md beside
site.yaml is for editors and never read. Hidden entries (.DS_Store, editors' swap files) are
left out everywhere.

:func:`round_inputs` is the one answer to "what does a round read": the loader
(``validate.load_round``) reads exactly these files and the build cache (``memo.py``)
fingerprints exactly these, so the two can never disagree about what a change is.

Only what is in the content folder is read. A link that leads out of it (a file or a folder
linked to a system file, another user's files, a checkout elsewhere) is refused by name, and
the folders behind such a link are not even listed, so no byte and no name of what lies outside
reaches a message; a link that stays inside is followed. Every content file is read by
:func:`read_content`, which also checks the size before reading (a 1 GB file is never read whole).
"""
from __future__ import annotations

import errno
import os
import stat
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
    image_names: tuple[str, ...] = ()  # files of the round folder named as images (press images: images/press.py)

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
        """The paths, relative to the folder, whose bytes the loader reads (or finds missing);
        images in lan/ are among the county names."""
        return [ROUND_FILE, *([RECIPIENTS_FILE] if self.has_recipients else []),
                *(f"{COUNTY_DIR}/{name}" for name in self.county_names), *self.image_names]


# Why a file could not be opened, in the words of the messages (errno -> Swedish).
_OS_ERRORS = {errno.EACCES: "behörighet saknas", errno.EPERM: "behörighet saknas", errno.EISDIR: "det är en mapp",
              errno.ENOENT: "filen finns inte", errno.ELOOP: "en länk pekar på sig själv"}


def content_root(path) -> str:
    """The content folder a content file belongs to, by its place in the layout: ``site.yaml`` is
    in it, ``rounds/<omgång>/round.yaml`` and ``beviljade.csv`` two folders down,
    ``rounds/<omgång>/lan/<län>.yaml`` three. A file outside the layout (a tool's, a test's)
    belongs to its own folder. (Strings, not pathlib: every content file passes here.)"""
    folder, name = os.path.split(os.fspath(path))
    up = os.path.dirname
    if name in (ROUND_FILE, RECIPIENTS_FILE) and os.path.basename(up(folder)) == ROUNDS_DIR:
        return up(up(folder))
    if os.path.basename(folder) == COUNTY_DIR and os.path.basename(up(up(folder))) == ROUNDS_DIR:
        return up(up(up(folder)))
    return folder


def leaving_link(path, root) -> Path | None:
    """The first link on the way from ``root`` to ``path`` that leads out of ``root`` (as the
    user's path to the link), or None when every step stays inside. ``root`` itself may be a
    link: it is the folder the editor named."""
    path, root = os.fspath(path), os.fspath(root)
    if root and not path.startswith(root.rstrip(os.sep) + os.sep):  # not below root: judge it in its own folder
        root = os.path.dirname(path)
    rel = path[len(root):].lstrip(os.sep).split(os.sep) if root else path.split(os.sep)
    inside = None  # root resolved, once a link is met
    here = root
    for i, part in enumerate(rel):  # one lstat per step (one to four): no link on the way is the common case
        here = os.path.join(here, part)
        if os.path.islink(here):
            inside = inside or os.path.realpath(root or ".")
            here = os.path.realpath(here)  # and go on from where the link leads
            if here != inside and not here.startswith(inside.rstrip(os.sep) + os.sep):
                return Path(root or ".").joinpath(*rel[:i + 1])
    return None


def link_problem(link: Path) -> Problem:
    """A link out of the content folder, named by its own path (not by where it leads, whose
    contents are never read)."""
    link = Path(link)
    folder = display_path(link.parent)  # the link's folder; display_path(link) would follow the link
    shown = link.name if folder == "." else f"{folder}/{link.name}"
    try:
        target = os.readlink(link)
    except OSError:  # pragma: no cover - it was a link a moment ago
        target = "?"
    what = "mappen" if os.path.isdir(link) else "filen"
    return Problem(Place(shown), f"länken leder ut ur innehållsmappen (till {target}) och följs inte",
                   f"bara det som ligger i innehållsmappen läses; kopiera in {what} i stället för att länka till den")


def read_content(path: Path, limit: int, too_large_hint: str, root: Path | None = None,
                 shown: str | None = None) -> tuple[bytes | None, list[Problem]]:
    """The bytes of one content file, or None and the problem that stopped it: a link out of the
    content folder (``root``, by default :func:`content_root`), a file that cannot be opened, a
    folder or device, or a file over ``limit`` bytes.

    The size is checked before reading, and at most ``limit + 1`` bytes are read, so a huge file
    (or one that grows, or a special file whose size says nothing) costs no more than a small
    one. ``O_NONBLOCK`` keeps a named pipe from hanging the build; it changes nothing for a file.
    ``shown`` is the path as the caller already shows it; without it ``display_path`` finds it,
    only for a problem.
    """
    link = leaving_link(path, content_root(path) if root is None else root)
    if link is not None:
        return None, [link_problem(link)]
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return None, [_unreadable(shown or display_path(path), exc.errno)]
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        return None, [_unreadable(shown or display_path(path), errno.EISDIR if stat.S_ISDIR(st.st_mode) else None)]
    with open(fd, "rb", buffering=0) as f:
        data = _read_at_most(f, limit + 1, st.st_size + 1) if st.st_size <= limit else b""
    size = max(st.st_size, len(data))
    if size > limit:
        return None, [Problem(Place(shown or display_path(path), 1, 1),
                              f"filen är för stor ({_megabytes(size)}, högst {_megabytes(limit)})", too_large_hint)]
    return data, []


def _read_at_most(f, most: int, first: int) -> bytes:
    """Up to ``most`` bytes of ``f``: ``first`` (the size as stated, and one more to see the end)
    in one read, then more while the file goes on (it grew, or its size said nothing)."""
    chunks, total, want = [], 0, min(first, most)
    while total < most:
        chunk = f.read(want)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if len(chunk) < want:  # a file's short read is its end: no second call to see it
            break
        want = min(64 * 1024, most - total)
    return b"".join(chunks)


def _unreadable(shown: str, code: int | None) -> Problem:
    why = _OS_ERRORS.get(code, "det är ingen vanlig fil" if code is None else "okänt fel")
    return Problem(Place(shown), f"filen kan inte läsas ({why})", "kontrollera att filen finns och går att öppna")


def visible_names(folder) -> list[str]:
    """A folder's entry names in order, without hidden files (.DS_Store, editors' swap files)."""
    return sorted(name for name in os.listdir(folder) if not name.startswith("."))


def visible(folder: Path) -> list[Path]:
    """A folder's entries in name order, without hidden files."""
    return [folder / name for name in visible_names(folder)]


def _rounds_dir(content_dir: Path) -> Path | None:
    """``content/rounds`` when it is a folder in the content folder (not a link out of it)."""
    rounds_dir = Path(content_dir) / ROUNDS_DIR
    if not rounds_dir.is_dir() or os.path.islink(rounds_dir) and leaving_link(rounds_dir, content_dir):
        return None
    return rounds_dir


def round_folders(content_dir: Path) -> list[Path]:
    """The round folders, in name order (hidden entries and stray files left out)."""
    rounds_dir = _rounds_dir(content_dir)
    return [p for p in visible(rounds_dir) if p.is_dir()] if rounds_dir else []


def round_names(content_dir: Path) -> list[str]:
    """The round folders' names, in the loader's order."""
    return [p.name for p in round_folders(content_dir)]


def round_inputs(folder: Path) -> RoundFiles:
    """What the round in ``folder`` reads: round.yaml, beviljade.csv, the county files, and the
    names of stray entries (which are problems, by name). A round folder or ``lan/`` that is a
    link out of the content folder is not listed (:func:`layout_problems` names the link; the
    loader, reading round.yaml, names the round folder's)."""
    base = str(folder)
    recipients, counties, strays, images = False, (), [], []
    root = Path(folder).parent.parent
    if (os.path.islink(base) or os.path.islink(os.path.dirname(base))) and leaving_link(folder, root):
        return RoundFiles(Path(folder), False, (), ())
    for name in visible_names(base):
        path = os.path.join(base, name)
        if name == ROUND_FILE:
            continue
        if name == RECIPIENTS_FILE and os.path.isfile(path):
            recipients = True
        elif name == COUNTY_DIR and os.path.isdir(path):
            if not (os.path.islink(path) and leaving_link(Path(path), root)):
                counties = tuple(visible_names(path))
        elif is_image_name(name) and not os.path.isdir(path):
            images.append(name)
        else:
            strays.append(name)
    return RoundFiles(Path(folder), recipients, counties, tuple(strays), tuple(images))


# Names of files a press image may be declared as (the loader refuses all but JPEG and PNG,
# each with its reason); any other file beside round.yaml is a stray.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".svg", ".gif", ".webp", ".tif", ".tiff", ".bmp", ".heic", ".avif")


def is_image_name(name: str) -> bool:
    """True for a file name that reads as an image (by its extension, in any case)."""
    return os.path.splitext(name)[1].lower() in IMAGE_SUFFIXES


def top_level(content_dir: Path) -> tuple[list[Path], list[Path]]:
    """The visible entries of the content folder and of its rounds folder (what :func:`layout_problems` judges)."""
    content_dir = Path(content_dir)
    rounds_dir = _rounds_dir(content_dir)
    return (sorted(content_dir.iterdir()) if content_dir.is_dir() else [],
            visible(rounds_dir) if rounds_dir else [])


def missing_content_folder(content_dir: Path) -> Problem | None:
    if Path(content_dir).is_dir():
        return None
    return Problem(Place(display_path(content_dir)), "mappen med innehåll finns inte", "ange rätt mapp med --content")


def layout_problems(content_dir: Path) -> list[Problem]:
    """Problems with the content folder's layout: no rounds, stray files beside site.yaml or
    among the rounds, rounds/ or a round's lan/ linked out of the content folder."""
    content_dir = Path(content_dir)
    problems: list[Problem] = []
    rounds_dir = content_dir / ROUNDS_DIR
    entries, rounds = top_level(content_dir)
    out_link = os.path.islink(rounds_dir) and leaving_link(rounds_dir, content_dir)
    if out_link:
        problems.append(link_problem(out_link))
    elif not rounds_dir.is_dir():
        problems.append(Problem(Place(display_path(rounds_dir)), "mappen rounds saknas",
                                "skapa content/rounds/<år>/round.yaml för minst en omgång"))
    else:
        for folder in rounds:
            if not folder.is_dir():
                problems.append(stray(folder, "lägg omgångens filer i en mapp: rounds/<omgång>/round.yaml"))
                continue
            counties = folder / COUNTY_DIR
            out_link = os.path.islink(counties) and leaving_link(counties, content_dir)
            if out_link and out_link != folder:  # a round folder linked out is named by its round.yaml
                problems.append(link_problem(out_link))
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


def _megabytes(size: int) -> str:
    """``2,0 MB``, ``1 MB``, ``12 kB``, ``11 byte``: a file size as an editor reads it (decimal
    comma; bytes only for the very small sizes of tests and odd limits, never "0,0 MB")."""
    if size < 1024:
        return f"{size} byte"
    if size < 1_048_576:
        return f"{round(size / 1024)} kB"
    if size % 1_048_576 == 0:
        return f"{size // 1_048_576} MB"
    # Rounded up: a file just over a 1 MB limit reads "1,1 MB", never "1,0 MB, högst 1 MB".
    return f"{-(-size * 10 // 1_048_576) / 10:.1f} MB".replace(".", ",")
