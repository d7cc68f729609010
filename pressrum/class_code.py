"""Dataclasses' generated methods compiled once per user, as Python keeps modules' bytecode.

A dataclass gets its methods (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, and a
frozen class's ``__setattr__`` and ``__delattr__``) as source text that :mod:`dataclasses`
compiles with ``exec`` while the class is made. Importing the stages makes some 90 of
Pressrum's frozen classes and its libraries' own: 546 such texts, compiled anew by every build.
That was a quarter of importing the stages (~60 of ~225 ms CPU) and more than the bundled
example's whole build work after the imports.

:func:`compiled_once` keeps the compiled code of those texts in one sealed file in the cache
home (``cache_files``: the user's own folder, a MAC with the user's key, this Python's version
and bytecode magic), keyed by a digest of each text. While it is active, :mod:`dataclasses`'s
``exec`` is given the kept code object for a text it has seen, else the text compiled exactly
as ``exec`` compiles it (``<string>``, no inherited ``__future__`` flags). Any other text, or a
file that is missing, damaged or from another Python, is compiled as usual, so the classes are
the same either way: ``tests/test_class_code.py`` compares every method of every class with one
made without this.
"""
from __future__ import annotations

import builtins
import dataclasses
import hashlib
import importlib.util
import marshal
from contextlib import contextmanager
from pathlib import Path
from types import CodeType
from typing import Iterator

from .cache_files import _private_folder, _sealed, _secret, _unseal, _write_atomically

FILE = "dataclasses"
KIND = b"classes-" + importlib.util.MAGIC_NUMBER.hex().encode()
MAX_KEPT = 4096  # texts kept from several commands' imports; beyond it only the last import's


@contextmanager
def compiled_once(home: Path | None) -> Iterator[None]:
    """Inside, dataclasses made take their methods' code from the file kept in ``home`` (the
    cache home; None: nothing kept, as without this); on leaving, the file is written again
    when a text was new. Not for threads: it lends :mod:`dataclasses` its own ``exec``."""
    key = _usable(home)
    if key is None or "exec" in vars(dataclasses):
        yield
        return
    path = Path(home) / FILE
    kept = _read(path, key)
    used: dict[bytes, CodeType] = {}

    def exec_kept(source, globals=None, locals=None):
        if source.__class__ is str:
            digest = hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).digest()
            code = kept.get(digest)
            if code is None:
                code = compile(source, "<string>", "exec", dont_inherit=True)
            used[digest] = code
            source = code
        return builtins.exec(source, globals, locals)

    dataclasses.exec = exec_kept  # a module global shadows the builtin for dataclasses alone
    try:
        yield
    finally:
        del dataclasses.exec
        if used.keys() - kept.keys():
            both = {**kept, **used}
            _write(path, key, both if len(both) <= MAX_KEPT else used)


def _usable(home: Path | None) -> bytes | None:
    """The user's MAC key when ``home`` is a cache home this user alone may write to."""
    if home is None or not _private_folder(Path(home)):
        return None
    return _secret(Path(home))


def _read(path: Path, key: bytes) -> dict[bytes, CodeType]:
    """The kept code by digest of its text; empty when the file is missing, not sealed with
    ``key`` by this Python, or not what :func:`_write` writes."""
    try:
        payload = _unseal(key, KIND, path.read_bytes())
        kept = marshal.loads(payload) if payload is not None else {}
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if kept.__class__ is not dict:
        return {}
    return {k: v for k, v in kept.items() if k.__class__ is bytes and v.__class__ is CodeType}


def _write(path: Path, key: bytes, code: dict[bytes, CodeType]) -> None:
    """Seal and replace the file; one that cannot be written only makes the next build slower."""
    try:
        _write_atomically(path, _sealed(key, KIND, marshal.dumps(code)))
    except OSError:
        pass
