"""Read YAML content files into plain data plus a map of where every key and value stands.

PyYAML's defaults are wrong for editors' content: the last of two duplicate keys silently
wins, YAML 1.1 reads ``NO`` as false and ``0114`` as the number 114, and anchors can be used
to blow a small file up to gigabytes. So we compose the node tree ourselves:

* every scalar is kept as the text the editor typed (``str``), or ``None`` for an empty value;
  the models decide what a field means (number, date, code) and report in Swedish if it is not;
* a plain (unquoted) scalar that YAML 1.1 tools would read as something else is returned as
  :class:`PlainText`, a ``str`` that remembers that reading, so text fields can refuse ``NO``;
* duplicate keys, anchors and aliases, non-UTF-8 bytes, empty files, oversized files and a
  top level that is not a mapping are problems with a place, never exceptions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .content import read_content
from .errors import Place, Problem, display_path
from .yaml_events import (
    MAX_DEPTH,
    NULL_TAG,
    YAML11_TAGS,
    YAML11_YES_NO_LETTERS,
    PlainText,
    fast_compose,
    load_events,
)

MAX_BYTES = 1024 * 1024  # a content file over 1 MiB is a mistake (a pasted export, a binary)

Key = tuple  # a key path: ("beviljade", "kommuner") or ("citat", 0, "text")


@dataclass(frozen=True)
class Source:
    """One loaded YAML file: its data and the place of every key and value in it."""

    path: Path
    # The path as the user sees it (``errors.display_path``), or None: then it is found when a
    # place is first asked for. Most files of a build never have a problem, and resolving the
    # path costs more than reading a small file.
    given_shown: str | None
    data: Any
    # Places are kept as (line, column), 1-based, and made into a Place only when one is asked
    # for: a file has a place for every value, and a problem needs only a few of them.
    values: dict = field(default_factory=dict)  # key path -> (line, column) of the value
    keys: dict = field(default_factory=dict)  # key path -> (line, column) of the key itself

    @property
    def shown(self) -> str:
        """The file's path as the user sees it."""
        if self.given_shown is None:
            object.__setattr__(self, "given_shown", display_path(self.path))  # once: the same in every place
        return self.given_shown

    def place(self, key: Key = ()) -> Place:
        """The place of the value at ``key``, falling back to its nearest known parent."""
        key = tuple(key)
        while key not in self.values and key:
            key = key[:-1]
        at = self.values.get(key)
        return Place(self.shown, *at) if at else Place(self.shown, 1, 1)

    def key_place(self, key: Key) -> Place:
        """The place of the key itself (for unknown or duplicated keys)."""
        at = self.keys.get(tuple(key))
        return Place(self.shown, *at) if at else self.place(key)

    def line_of(self, key: Key) -> str:
        """``fil:rad`` of a key, for naming the other place involved in a contradiction."""
        return f"{self.shown}:{self.key_place(key).line}"


_COLON_HERE = "ett kolon står där det inte får stå"


def _colon_above(mark) -> str | None:
    """For a colon PyYAML refuses: the line above, when it is a key with no colon ("kommuner 58"),
    is the real mistake (PyYAML read the two lines as one text), so the hint names it."""
    buffer = getattr(mark, "buffer", None) if mark else None
    if not isinstance(buffer, str):
        return None
    lines = buffer.rstrip("\0").split("\n")
    above = next((n for n in range(min(mark.line, len(lines)) - 1, -1, -1)
                  if lines[n].strip() and not lines[n].lstrip().startswith("#")), None)
    if above is None:
        return None
    words = lines[above].strip().split(None, 1)
    if ":" in lines[above] or words[0].startswith(("-", "'", '"')) or len(words) < 2:
        return None
    return f"saknas ett kolon på raden ovanför (rad {above + 1})? Skriv till exempel '{words[0]}: {words[1]}'"


# Messages of PyYAML's scanner and parser (regular expressions over "context problem"),
# mapped to a plain Swedish explanation, a fix, and which mark points at the editor's mistake:
# "context" is where the construct began (the key without a colon, the opening quote),
# "problem" is where PyYAML gave up (often the line after).
_SYNTAX_HINTS = (
    (r"found character '\\t'", "tabbtecken i indraget",
     "YAML tillåter bara mellanslag för indrag; byt tabben mot mellanslag", "problem"),
    (r"could not find expected ':'", "ett kolon saknas efter en nyckel",
     "skriv nyckeln följd av kolon och mellanslag, till exempel 'namn: Anna'", "context"),
    (r"mapping values are not allowed here", _COLON_HERE,
     "sätt texten inom citattecken om den innehåller ': ', eller rätta indraget", "problem"),
    (r"while scanning a quoted scalar.*end of stream", "citattecknet som börjar här stängs aldrig",
     "avsluta texten med samma citattecken som den börjar med", "context"),
    (r"while scanning a (double-)?quoted scalar.*unknown escape character '(.)'",
     "okänd kombination med bakstreck (\\{1}) inom dubbla citattecken",
     "skriv \\\\ för ett bakstreck, eller använd enkla citattecken runt texten", "problem"),
    (r"while scanning a (double-)?quoted scalar", "texten inom citattecken kan inte läsas",
     "kontrollera att texten börjar och slutar med samma citattecken", "context"),
    (r"expected ',' or '\]'", "en lista inom [ ] stängs aldrig",
     "avsluta listan med ] på samma rad, eller skriv den som rader som börjar med '- '", "context"),
    (r"expected ',' or '\}'", "klamrarna {{ }} stängs aldrig",
     "avsluta med } på samma rad, eller skriv uppgifterna som 'nyckel: värde' på egna rader", "context"),
    (r"found character '(.)' that cannot start any token", "tecknet '{0}' kan inte inleda ett värde",
     "sätt texten inom citattecken", "problem"),
    (r"expected a single document", "filen innehåller flera dokument (en rad med ---)",
     "ta bort raden med --- och låt filen bestå av ett enda dokument", "problem"),
    (r"expected <block end>", "indraget stämmer inte med raderna ovanför",
     "rada upp nycklar på samma nivå med lika många mellanslag", "problem"),
    (r"did not find expected key", "indraget stämmer inte med raderna ovanför",
     "rada upp nycklar på samma nivå med lika många mellanslag", "problem"),
    (r"did not find expected '-' indicator", "en listpunkt är fel indragen",
     "börja varje listpunkt med '- ' på samma indrag", "problem"),
)

TOO_LARGE_HINT = "en innehållsfil ska bara innehålla fakta; dela upp den eller ta bort inklistrat material"


def load_yaml(path: Path) -> tuple[Source | None, list[Problem]]:
    """Load one YAML file. Returns the source, or ``None`` with the problems that stopped it.

    A clean file takes libyaml's fast paths (:mod:`pressrum.yaml_events`); what they decline
    goes the careful way, as in :func:`load_yaml_reference`, which gives the same result.
    """
    text, problems = _read_text(path)
    if text is None:
        return None, problems
    loaded = load_events(text)  # one pass over libyaml's events for a clean file
    if loaded is not None:
        return Source(Path(path), None, *loaded), []
    shown = display_path(path)
    node = fast_compose(text)  # libyaml for a clean file; None sends anything doubtful down the careful path
    if node is None:
        node, problems = _compose_carefully(text, shown)
        if problems:
            return None, problems
    return _source(path, shown, node)


def load_yaml_reference(path: Path) -> tuple[Source | None, list[Problem]]:
    """:func:`load_yaml` without libyaml: PyYAML's pure-Python composer and :func:`_convert`.

    The reference the fast paths are tested against (``tests/test_fast_paths.py``); every
    problem it reports is the one :func:`load_yaml` reports.
    """
    text, problems = _read_text(path)
    if text is None:
        return None, problems
    shown = display_path(path)
    node, problems = _compose_carefully(text, shown)
    if problems:
        return None, problems
    return _source(path, shown, node)


def _read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """``(text, [])`` for a file worth parsing, or ``(None, problems)``: a link out of the
    content folder, unreadable, oversized (:func:`pressrum.content.read_content`), not UTF-8,
    binary or empty (comments only). The path as shown is found only for a problem."""
    raw, problems = read_content(path, MAX_BYTES, TOO_LARGE_HINT)
    if raw is None:
        return None, problems
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start: exc.start].decode("utf-8", errors="replace")) + 1  # in characters
        return None, [Problem(Place(display_path(path), line, col), "filen är inte sparad som UTF-8",
                              "spara om filen med teckenkodningen UTF-8 i din textredigerare")]
    if "\x00" in text:
        return None, [Problem(_offset_place(display_path(path), text, text.index("\x00")),
                              "filen är inte en textfil", "spara den som vanlig text (UTF-8)")]
    if not text.strip() or all(raw.strip().startswith("#") or not raw.strip() for raw in text.splitlines()):
        return None, [_empty(display_path(path))]
    return text, []


def _compose_carefully(text: str, shown: str) -> tuple[object, list[Problem]]:
    """The node tree by PyYAML's pure-Python composer, or the first problem: an anchor, deep
    nesting, or a syntax or reader error explained in Swedish."""
    problems = _refuse_anchors_and_depth(text, shown)
    if problems:
        return None, problems
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), []
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, shown)]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_problem(exc, shown, text)]
    except yaml.YAMLError:  # pragma: no cover - PyYAML raises marked or reader errors in practice
        return None, [Problem(Place(shown, 1, 1), "YAML-fel: filen kan inte tolkas",
                              "kontrollera indrag, kolon och citattecken")]


def _source(path: Path, shown: str, node) -> tuple[Source | None, list[Problem]]:
    """The source of a composed file, or the problems of its top level and keys."""
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG):
        return None, [_empty(shown)]
    if not isinstance(node, yaml.MappingNode):
        kind = "en lista (rader som börjar med '- ')" if isinstance(node, yaml.SequenceNode) else "en enda text"
        return None, [Problem(_place(shown, node.start_mark), f"filen består av {kind}, inte av uppgifter med namn",
                              "skriv varje uppgift på en egen rad längst till vänster, som 'namn: Anna'")]
    values: dict = {}
    keys: dict = {}
    problems: list[Problem] = []
    data = _convert(node, (), shown, values, keys, problems)
    if problems:
        return None, problems
    return Source(Path(path), shown, data, values, keys), []


def _empty(shown: str) -> Problem:
    return Problem(Place(shown, 1, 1), "filen är tom",
                   "fyll i fälten enligt content/README.md eller ta bort filen")


def _place(shown: str, mark) -> Place:
    return Place(shown, mark.line + 1, mark.column + 1)


def _offset_place(shown: str, text: str, offset: int) -> Place:
    line = text.count("\n", 0, offset) + 1
    return Place(shown, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _syntax_problem(exc: yaml.MarkedYAMLError, shown: str) -> Problem:
    said = f"{exc.context or ''} {exc.problem or ''}"
    for pattern, message, hint, which in _SYNTAX_HINTS:
        found = re.search(pattern, said, re.DOTALL)
        if found:
            mark = (exc.context_mark if which == "context" else None) or exc.problem_mark or exc.context_mark
            place = _place(shown, mark) if mark else Place(shown, 1, 1)
            if message == _COLON_HERE:
                hint = _colon_above(mark) or hint
            return Problem(place, "YAML-fel: " + message.format(*found.groups()), hint)
    mark = exc.problem_mark or exc.context_mark
    return Problem(_place(shown, mark) if mark else Place(shown, 1, 1), "YAML-fel: raden kan inte tolkas",
                   "kontrollera indrag, kolon och citattecken på raden och raden ovanför")


def _reader_problem(exc, shown: str, text: str) -> Problem:
    """A character YAML refuses (a control character pasted from Word or a web page)."""
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return Problem(_offset_place(shown, text, exc.position), f"filen innehåller ett otillåtet tecken (U+{ord(char):04X})",
                   "ta bort tecknet; det syns ofta inte i textredigeraren och kommer från inklistrad text")


def _refuse_anchors_and_depth(text: str, shown: str) -> list[Problem]:
    """Anchors and aliases let a few lines expand to gigabytes (billion laughs); we need neither.

    Deep nesting would exhaust the recursion of PyYAML's composer, so it is refused here too,
    from the event stream, before any node is built.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return [Problem(_place(shown, event.start_mark), "ankare och alias ('&' och '*') används inte i innehållsfiler",
                                "skriv ut värdet där det behövs i stället för att hänvisa till det")]
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return [Problem(_place(shown, event.start_mark), f"filen har för många nivåer av indrag (mer än {MAX_DEPTH})",
                                    "kontrollera indraget; innehållsfilerna har bara några få nivåer")]
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        return [_syntax_problem(exc, shown)]
    except yaml.reader.ReaderError as exc:
        return [_reader_problem(exc, shown, text)]
    return []


def _convert(node, path: Key, shown, values, keys, problems):
    values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        first_seen: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(_place(shown, key_node.start_mark), "en nyckel måste vara ett enkelt ord",
                                        "skriv nyckeln som text följd av kolon"))
                continue
            key = key_node.value
            here = _place(shown, key_node.start_mark)
            if key in first_seen:
                problems.append(Problem(here, f"nyckeln '{key}' står två gånger (första gången på rad {first_seen[key][0]})",
                                        f"ta bort den ena raden (rad {first_seen[key][0]} eller {here.line}); annars försvinner ett av värdena tyst"))
                continue
            first_seen[key] = keys[path + (key,)] = (here.line, here.column)
            result[key] = _convert(value_node, path + (key,), shown, values, keys, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), shown, values, keys, problems) for i, item in enumerate(node.value)]
    # Scalar: keep the text as typed; only an unquoted empty/null value is None.
    if node.style is None or node.style == "":
        if node.tag == NULL_TAG:
            return None
        if node.tag in YAML11_TAGS:
            return PlainText(node.value, YAML11_TAGS[node.tag])
        if node.value in YAML11_YES_NO_LETTERS:
            return PlainText(node.value, "bool")
    return node.value
