"""The marker that proves an output folder is ours, and the guard that refuses any other folder.

The marker (``.pressrum-utdata``) holds a fixed text, then ``utkast: ja`` for a preview or a
``publicerat:`` line per published release; :func:`refuse_reason` and :func:`check_out` say
whether a folder may be replaced by a build (new, empty or ours, and never a place Pressrum
reads from).
"""
from __future__ import annotations

from pathlib import Path

from .errors import BuildFailed, Place, Problem, display_path

MARKER = ".pressrum-utdata"
MARKER_TEXT = b"Den har mappen skapas av Pressrum (python build.py). Innehallet skrivs over vid varje bygge.\n"
DRAFT_LINE = b"utkast: ja\n"  # a preview (drafts included) – never to be published
PREVIEW_ROBOTS = b"# Forhandsgranskning med utkast: far inte indexeras.\nUser-agent: *\nDisallow: /\n"
_NEW_MARKER = MARKER + ".ny"  # a kept folder's new marker, before it replaces the old
_STAGING_OWN = frozenset((MARKER, _NEW_MARKER))  # what spare.fix leaves alone
PUBLISHED = b"publicerat: "  # a marker line naming one published release: JSON [path, headline]


def marker_bytes(drafts: bool, published=()) -> bytes:
    """The marker of an output folder: the fixed text, then ``utkast: ja`` for a preview, or a
    line per published release (``published``: (path, headline) pairs) sorted by path. A line
    ends in ``"]`` and so can never read as ``utkast: ja``, whatever a headline says."""
    import json  # not on the path of a build with nothing to do

    if drafts:
        return MARKER_TEXT + DRAFT_LINE
    # Each line's JSON is json.dumps([path, title], ensure_ascii=False) (tests/unit/test_marker.py
    # compares), quoted by the encoder's own C function: a marker of 5 000 lines in a tenth of
    # the time of an encoder per line.
    quote, start = json.encoder.encode_basestring, PUBLISHED.decode("ascii")
    lines = "".join(f"{start}[{quote(path)}, {quote(title)}]\n" for path, title in sorted(set(published)))
    return MARKER_TEXT + lines.encode("utf-8")


def published_before(out_dir: Path) -> tuple[tuple[int, str, str], ...]:
    """The releases that the last build into ``out_dir`` published, as its marker lists them:
    (line of the marker, path, headline); none for a new folder, a preview or an older marker."""
    try:
        data = (Path(out_dir) / MARKER).read_bytes()
    except OSError:
        return ()
    import json

    found = []
    for number, line in enumerate(data.split(b"\n"), 1):
        if not line.startswith(PUBLISHED):
            continue
        try:
            path, title = json.loads(line[len(PUBLISHED):].decode("utf-8"))
        except (ValueError, TypeError):  # a marker edited by hand: that line names nothing
            continue
        if isinstance(path, str) and isinstance(title, str):
            found.append((number, path, title))
    return tuple(found)


class RefusedOutput(BuildFailed):
    """The output folder may not be replaced (not ours, or a place that must never be emptied)."""


def refuse_reason(out_dir: Path, protected: tuple[Path, ...] = (), drafts: bool = False) -> str | None:
    """Why ``out_dir`` must not be replaced, or None when it is safe (new, empty or ours)."""
    out = Path(out_dir).expanduser().resolve()
    home = Path.home().resolve()
    if out == Path(out.anchor):
        return "det är filsystemets rot"
    if out == home:
        return "det är din hemmapp"
    cwd = Path.cwd().resolve()
    if out == cwd or cwd.is_relative_to(out):
        return "det är arbetsmappen eller en mapp som innehåller den"
    for p in protected:
        p = Path(p).expanduser().resolve()
        if out == p or p.is_relative_to(out) or out.is_relative_to(p):
            return f"den är eller innehåller {display_path(p)}, som Pressrum läser från"
    if out.exists() and not out.is_dir():
        return "det finns redan en fil med det namnet"
    if out.is_dir() and any(out.iterdir()):
        marker = out / MARKER
        if not marker.is_file():
            return "mappen innehåller filer som Pressrum inte har skapat"
        held_drafts = DRAFT_LINE in marker.read_bytes()
        if drafts and not held_drafts:
            return "mappen innehåller ett publicerat nyhetsrum; utkast skrivs bara till en förhandsgranskning"
        if not drafts and held_drafts:
            return ("mappen är en förhandsgranskning med utkast och blir aldrig ett publicerat nyhetsrum; "
                    "ta bort den först om den ska användas")
    return None


def check_out(out_dir: Path, protected: tuple[Path, ...] = (), drafts: bool = False) -> None:
    """Raise :class:`RefusedOutput` (a located, Swedish problem) if ``out_dir`` may not be replaced."""
    reason = refuse_reason(out_dir, protected, drafts)
    if reason:
        raise RefusedOutput([Problem(Place(display_path(out_dir)), f"Pressrum skriver inte i mappen, eftersom {reason}",
                                     "ingenting har ändrats; välj en ny eller tom mapp med --out, "
                                     "till exempel --out releases")])
