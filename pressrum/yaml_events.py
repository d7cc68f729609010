"""libyaml fast paths for :mod:`pressrum.sources`: a clean file read without PyYAML's Python code.

Two shortcuts, each giving exactly what the reference path gives (PyYAML's pure-Python
composer and :func:`pressrum.sources._convert`; ``tests/test_fast_paths.py`` compares them):

* :func:`load_events` reads ``(data, values, keys)`` straight from libyaml's events, in one pass
  and without a node tree, for a file with one document whose top level is a mapping of plain
  keys, none of them duplicated;
* :func:`fast_compose` composes the node tree with libyaml for the other clean files (duplicate
  keys, for instance, are then reported by ``_convert`` from that tree).

Anything doubtful – an error, an anchor or alias, deep nesting, a character PyYAML's reader
refuses, a text libyaml would read differently (:func:`_plain_enough`: a tab, an inner
byte-order mark, no final newline) – makes both return None, and the careful path reads and
reports the file.

This module also holds what both paths share about scalars: :class:`PlainText` and the
YAML 1.1 readings it remembers.
"""
from __future__ import annotations

import yaml

MAX_DEPTH = 32  # content nests four or five levels; deeper is a mistake or an attack


class PlainText(str):
    """A plain scalar together with the type YAML 1.1 would have given it (bool, int, date…)."""

    yaml11: str

    def __new__(cls, value: str, yaml11: str):
        obj = super().__new__(cls, value)
        obj.yaml11 = yaml11
        return obj


YAML11_TAGS = {
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:timestamp": "datum",
}
NULL_TAG = "tag:yaml.org,2002:null"

# YAML 1.1 also reads a lone y or n as true or false (PyYAML does not, other tools do).
YAML11_YES_NO_LETTERS = frozenset("yYnN")

_CSafeLoader = getattr(yaml, "CSafeLoader", None)
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE


def _plain_enough(text: str) -> bool:
    """Whether libyaml reads ``text`` as PyYAML's scanner does: no tab (libyaml takes one after a
    plain value or in a flow collection as white space, PyYAML refuses it), no byte-order mark
    after the first character (libyaml does not count it in columns), a final newline (at the
    end of a file without one, libyaml marks an empty value on the next line) and no character
    PyYAML's reader refuses. Differences found by ``tests/test_fast_paths.py``; content has none
    of these, so declining them costs nothing in practice."""
    return (text.endswith("\n") and "\t" not in text and "\ufeff" not in text[1:]
            and not _NON_PRINTABLE.search(text))


def fast_compose(text: str):
    """The node tree via libyaml (about 15× faster), or None when the careful path must decide.

    Only a file that libyaml reads without any complaint, that has no anchor, alias or deep
    nesting and no character PyYAML's reader refuses takes this path. Its nodes, tags, values,
    styles and start marks – what ``_convert`` reads – are PyYAML's, with two differences of
    spelling: a plain scalar's style is ``''`` (PyYAML: ``None``; both read as plain) and an
    indentless block sequence's ``flow_style`` is ``False`` (PyYAML: ``None``), and a mark's
    character index does not count a leading byte-order mark (the line and column do). Every mistake is reported by the pure-Python path,
    whose messages the Swedish explanations are written for.
    """
    if _CSafeLoader is None or not _plain_enough(text):
        return None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_CSafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return None
            if getattr(event, "tag", None) == "!":  # libyaml resolves an empty one unlike PyYAML (str, not null)
                return None
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return None
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return yaml.compose(text, Loader=_CSafeLoader)
    except yaml.YAMLError:
        return None


_ScalarEvent, _AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
_MappingStartEvent, _SequenceStartEvent = yaml.MappingStartEvent, yaml.SequenceStartEvent
_NODE_STARTS = frozenset({_ScalarEvent, _MappingStartEvent, _SequenceStartEvent})
_NODE_ENDS = frozenset({yaml.MappingEndEvent, yaml.SequenceEndEvent})
_StreamStartEvent, _StreamEndEvent = yaml.StreamStartEvent, yaml.StreamEndEvent
_DocumentStartEvent = yaml.DocumentStartEvent
_resolve = yaml.resolver.Resolver().resolve  # the resolver libyaml's composer calls for each scalar


class _Anything:
    """A container holding every first character (when some implicit resolver accepts any)."""

    def __contains__(self, item) -> bool:
        return True


# The resolver's implicit types by first character (digits, y/n/t/f/o, ~, …): a plain scalar
# starting with a character it has nothing for resolves to str without asking it. A resolver
# registered for any first character (key None; PyYAML has none) means asking it every time.
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_IMPLICIT_FIRST = _Anything() if None in _IMPLICIT else _IMPLICIT


def load_events(text: str):
    """``(data, values, keys)`` straight from libyaml's events, or None to take the other paths.

    What composing the node tree with libyaml and :func:`pressrum.sources._convert` give for a
    file with one document whose top level is a mapping, read in one pass without building the
    tree. Anything else – an error, an anchor or alias, deep nesting, several documents, another
    top level, a key that is not a plain value, a duplicate key – returns None, and
    :func:`pressrum.sources.load_yaml` goes on as if this did not exist (those files are read
    again, and reported, by the other paths).
    """
    if _CSafeLoader is None or not _plain_enough(text):
        return None
    parser = _CSafeLoader(text)
    try:
        get_event = parser.get_event
        values: dict = {}
        root = _root_mapping(get_event, values)
        if root is None:
            return None
        keys: dict = {}
        if not _read_mapping(get_event, root, values, keys) or not _stream_ends(get_event):
            return None
        return root, values, keys
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()


def _root_mapping(get_event, values: dict) -> dict | None:
    """The empty dict for the first document's top-level mapping (its place noted), or None
    when the stream holds something else first (a scalar, a list, an anchored mapping)."""
    event = get_event()
    if event.__class__ is _StreamStartEvent:
        event = get_event()
    if event.__class__ is not _DocumentStartEvent:
        return None
    event = get_event()
    if event.__class__ is not _MappingStartEvent or event.anchor is not None:
        return None
    mark = event.start_mark
    values[()] = (mark.line + 1, mark.column + 1)
    return {}


def _stream_ends(get_event) -> bool:
    """After the top-level mapping: True when the stream ends without a second document."""
    while True:
        cls = get_event().__class__
        if cls is _StreamEndEvent:
            return True
        if cls is _DocumentStartEvent:
            return False


def _read_mapping(get_event, root: dict, values: dict, keys: dict) -> bool:
    """Fill ``root`` and the places from the events up to the end of the top-level mapping.

    False for anything the reference path would treat differently (an anchor or alias, a key
    that is not a scalar, a duplicate key, nesting deeper than :data:`MAX_DEPTH`). The hot loop
    of the loader: only the rare scalar that needs the resolver leaves it for a call.
    """
    # One frame per open collection: [is_mapping, key path, container, key path of the pending value]
    stack: list = [[True, (), root, None]]
    while stack:
        event = get_event()
        cls = event.__class__
        if cls in _NODE_STARTS:
            if event.anchor is not None:
                return False
            top = stack[-1]
            mark = event.start_mark
            if top[0]:
                path = top[3]
                if path is None:  # this node is a key
                    if cls is not _ScalarEvent:
                        return False
                    key = event.value
                    if key in top[2]:  # keys get their value in the mapping before the next key
                        return False
                    top[3] = path = top[1] + (key,)
                    keys[path] = (mark.line + 1, mark.column + 1)
                    continue
            else:
                path = top[1] + (len(top[2]),)
            values[path] = (mark.line + 1, mark.column + 1)
            if cls is _ScalarEvent:
                if event.tag == "!":  # the non-specific tag: libyaml marks an empty one explicit, PyYAML not
                    return False
                value = event.value
                if not event.style:  # plain: libyaml says '' (PyYAML's own parser None)
                    if event.tag is None and value[:1] not in _IMPLICIT_FIRST:  # str
                        if value in YAML11_YES_NO_LETTERS:
                            value = PlainText(value, "bool")
                    else:
                        value = _resolved_plain(event, value)
            else:
                if len(stack) >= MAX_DEPTH:
                    return False
                value = {} if cls is _MappingStartEvent else []
                stack.append([cls is _MappingStartEvent, path, value, None])
            if top[0]:
                top[2][path[-1]] = value
                top[3] = None
            else:
                top[2].append(value)
        elif cls in _NODE_ENDS:
            stack.pop()
        else:  # an alias: the only other event inside a document
            return False
    return True


def _resolved_plain(event, value: str):
    """A plain scalar whose type the resolver decides: None for null, :class:`PlainText` for what
    YAML 1.1 reads as another type, else the text itself (as ``_convert`` gives from the node)."""
    tag = event.tag
    if tag is None or tag == "!":
        tag = _resolve(yaml.ScalarNode, value, event.implicit)
    if tag == NULL_TAG:
        return None
    if tag in YAML11_TAGS:
        return PlainText(value, YAML11_TAGS[tag])
    if value in YAML11_YES_NO_LETTERS:
        return PlainText(value, "bool")
    return value
