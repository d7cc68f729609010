"""Problems as values: what went wrong, where, and how to fix it.

Every stage returns or raises :class:`Problem` values instead of printing. Only
``cli.py`` turns them into text and exit codes, so how a problem is shown lives in one
place and tests can compare problems exactly (each message is worded by the stage that
finds it: ``validate``, ``checks``, ``template_errors``, …). Messages and hints are Swedish; they are
read by communications officers, not programmers.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import sv


@dataclass(frozen=True, order=True)
class Place:
    """A position in a source file: path as shown to the user, 1-based line and column."""

    file: str
    line: int = 0
    column: int = 0
    # False for a place that is no file: the command line, a setting in the environment, the
    # mail relay. The closing line then counts problems, not files ("två fel", not "i en fil").
    in_file: bool = field(default=True, compare=False)

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.file}:{self.line}:{self.column}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file


@dataclass(frozen=True, order=True)
class Problem:
    """One user-facing error: a place, what is wrong, and how to fix it."""

    place: Place
    message: str
    hint: str = ""

    def text(self) -> str:
        """The one-line form ``fil:rad:kolumn: vad som är fel – hur man rättar det``, safe for a
        terminal (:func:`for_terminal`): a path or value quoted in it cannot break the line."""
        if self.hint:
            return for_terminal(f"{self.place}: {self.message} – {self.hint}")
        return for_terminal(f"{self.place}: {self.message}")

    def as_json(self) -> dict:
        """The machine-readable form used by ``check --format json``."""
        return {
            "file": self.place.file,
            "line": self.place.line,
            "column": self.place.column,
            "message": self.message,
            "hint": self.hint,
        }


class BuildFailed(Exception):
    """Raised by a stage with every problem it found; the CLI reports them all."""

    def __init__(self, problems):
        self.problems = tuple(sorted(set(problems)))
        super().__init__("\n".join(p.text() for p in self.problems))

    def __reduce__(self):
        # Pickled from a worker process to the main one: rebuilt from its problems, not its text.
        return (type(self), (self.problems,))


# What a terminal would act on instead of showing: C0 controls (newline, ESC of ANSI sequences),
# DEL and C1 (U+009B is a one-character CSI), the Unicode line separators, and the bidirectional
# overrides and isolates that reorder what is shown ("Trojan source").
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")  # json escapes C0 itself
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(found: re.Match) -> str:
    char = found.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def for_terminal(text: str, lines: bool = False) -> str:
    """``text`` with every control character written out as an escape (``\\x1b``, ``\\n``), so a
    folder name, path or value in a message is shown as it is and never acted on by the terminal.
    With ``lines``, newlines are kept (text made of several messages, each already one line)."""
    if lines:
        return "\n".join(for_terminal(line) for line in text.split("\n"))
    return _UNSAFE.sub(_escaped, text)


def json_for_terminal(data) -> str:
    """``data`` as indented JSON (not ASCII-escaped, Swedish stays readable) with the characters
    :func:`for_terminal` escapes written as JSON escapes: the same values, nothing a terminal acts on."""
    import json  # only for check --format json

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def translate(message: str, table, flags: int = 0) -> str | None:
    """A library's English ``message`` in Swedish by the first row of ``table`` (pattern,
    replacement) that matches it whole, or None when none does (the caller says something plain)."""
    for pattern, replacement in table:
        if re.fullmatch(pattern, message, flags):
            return re.sub(pattern, replacement, message, flags=flags)
    return None


def split_hint(text: str) -> tuple[str, str]:
    """A message written as ``vad som är fel – hur man rättar det`` split into message and hint."""
    message, _, hint = text.partition(" – ")
    return message, hint


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working folder when possible.

    The same string as ``path.resolve().relative_to(Path.cwd().resolve()).as_posix()`` (or
    ``path.as_posix()`` outside the working folder), computed on strings: every content file's
    path is shown, and pathlib's objects cost more than the system calls. A path that cannot be
    resolved cleanly (missing, a symlink loop) takes pathlib's own route, errors included.
    """
    path = Path(path)
    try:
        resolved = os.path.realpath(path)
        os.stat(resolved)  # what Path.resolve() checks afterwards (a loop raises there)
    except OSError:
        return display_path_reference(path)
    here = _resolved_cwd()
    if resolved.startswith("//") or here.startswith("//"):  # POSIX's implementation-defined root
        return display_path_reference(path)
    if resolved == here:
        return "."
    prefix = here if here.endswith("/") else here + "/"
    if resolved.startswith(prefix):
        return resolved[len(prefix):]
    return path.as_posix()


def display_path_reference(path: Path) -> str:
    """:func:`display_path` the pathlib way: the reference it is tested against, and its route
    for a path that does not resolve cleanly."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _resolved_cwd() -> str:
    """``str(Path.cwd().resolve())``, resolved again only when the working folder changes."""
    return _resolve_folder(os.getcwd())


@lru_cache(maxsize=1)
def _resolve_folder(cwd: str) -> str:
    return str(Path(cwd).resolve())


def summary(problems) -> str:
    """``tre fel i två filer``, ``ett fel i en fil``, ``15 fel i 13 filer`` – the closing line
    after a list of problems (counts up to twelve in words, as in every Swedish text); ``två fel``
    when none of them is in a file (the command line, the relay)."""
    files = len({p.place.file for p in problems if p.place.in_file})
    count = sv.antal(len(problems), "fel", "fel", "ett")
    return f"{count} i {sv.antal(files, 'fil', 'filer')}" if files else count
