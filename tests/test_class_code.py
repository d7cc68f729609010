"""Dataclasses' methods compiled once per user (``pressrum/class_code.py``).

The fast path (code kept in the cache home) against its reference (``dataclasses`` compiling
every text): every generated method of every class Pressrum and its libraries make while the
stages are imported has the same code object, annotations and defaults both ways; a kept file
is used only as written (sealed with the user's key by this Python), and anything else – a
missing, damaged or foreign file – compiles as usual.
"""
from __future__ import annotations

import dataclasses
import json
import marshal
import subprocess
import sys

import pytest

from pressrum import class_code
from pressrum.cache_files import _seal, _secret
from conftest import ROOT

# Run in a fresh interpreter: the stages imported (inside ``compiled_once`` when a home is
# given), then a fingerprint of every generated method of every dataclass reachable from them.
FINGERPRINT = r"""
import dataclasses, gc, hashlib, json, re, sys
from pathlib import Path
home = sys.argv[1]
if home:
    from pressrum.class_code import compiled_once
    with compiled_once(Path(home)):
        from pressrum import pipeline
else:
    from pressrum import pipeline
def canon(v):  # a code object's whole content (marshal's bytes depend on reference counts)
    if isinstance(v, type(canon.__code__)):
        return ("code",) + tuple(canon(getattr(v, a)) for a in (
            "co_code", "co_consts", "co_names", "co_varnames", "co_freevars", "co_cellvars", "co_filename",
            "co_name", "co_qualname", "co_firstlineno", "co_linetable", "co_exceptiontable", "co_flags",
            "co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_stacksize", "co_nlocals"))
    if isinstance(v, tuple):
        return tuple(canon(x) for x in v)
    return v
METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")
out = {}
for obj in gc.get_objects():
    if isinstance(obj, type) and dataclasses.is_dataclass(obj):
        for name in METHODS:
            fn = obj.__dict__.get(name)
            code = getattr(fn, "__code__", None)
            if code is None:
                continue
            out[f"{obj.__module__}.{obj.__qualname__}.{name}"] = [
                hashlib.sha256(repr(canon(code)).encode()).hexdigest(), repr(fn.__annotations__),
                re.sub(" at 0x[0-9a-f]+", "", repr(fn.__defaults__)), repr(fn.__kwdefaults__), fn.__qualname__]
print(json.dumps(out, sort_keys=True))
"""


def _fingerprint(home) -> dict:
    proc = subprocess.run([sys.executable, "-c", FINGERPRINT, str(home or "")], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def test_every_method_is_the_same_compiled_here_written_and_read_back(tmp_path):
    home = tmp_path / "cache"
    reference = _fingerprint(None)
    assert len(reference) > 400  # the stages' classes and their libraries' (546 texts when written)
    assert _fingerprint(home) == reference  # compiled here, then written
    written = (home / class_code.FILE).read_bytes()
    assert _fingerprint(home) == reference  # read back: every text was kept
    assert (home / class_code.FILE).read_bytes() == written  # nothing new, so not written again


def _make(name: str):
    """A frozen dataclass made now (its methods' texts are the same for the same name)."""
    return dataclasses.make_dataclass(name, [("antal", int), ("namn", str, "x")], frozen=True)


def test_a_kept_text_is_not_compiled_again(tmp_path, monkeypatch):
    with class_code.compiled_once(tmp_path):
        first = _make("Kept")
    compiled = []
    monkeypatch.setattr(class_code, "compile", lambda *a, **k: compiled.append(a) or compile(*a, **k), raising=False)
    with class_code.compiled_once(tmp_path):
        second = _make("Kept")
    assert compiled == []
    assert second(1) == second(1) and second(1) != second(2) and repr(second(3)) == "Kept(antal=3, namn='x')"
    assert hash(second(1)) == hash(first(1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        second(1).antal = 2


def _sealed_list(home):
    return _seal(_secret(home), class_code.KIND, marshal.dumps([1, 2]))


def _sealed_strings(home):
    return _seal(_secret(home), class_code.KIND, marshal.dumps({b"k" * 16: "not code"}))


def _foreign(home):
    other = bytes(32)  # another user's key
    return _seal(other, class_code.KIND, marshal.dumps({}))


def _old_python(home):
    return _seal(_secret(home), b"classes-00000000", marshal.dumps({}))


# (case, the file's bytes from the cache home): each is ignored, and the class is made as usual
DAMAGED = [
    ("truncated", lambda home: (home / class_code.FILE).read_bytes()[:100]),
    ("garbage", lambda home: b"\x00" * 64),
    ("empty", lambda home: b""),
    ("sealed by another key", _foreign),
    ("another Python's bytecode", _old_python),
    ("a list, not a dict", _sealed_list),
    ("values that are not code", _sealed_strings),
]


@pytest.mark.parametrize("case, damage", DAMAGED, ids=[c[0] for c in DAMAGED])
def test_a_damaged_or_foreign_file_is_compiled_as_usual(tmp_path, case, damage):
    with class_code.compiled_once(tmp_path):
        _make("Damaged")
    (tmp_path / class_code.FILE).write_bytes(damage(tmp_path))
    with class_code.compiled_once(tmp_path):
        made = _make("Damaged")
    reference = _make("Damaged")
    for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
        assert getattr(made, name).__code__ == getattr(reference, name).__code__, name
    assert repr(made(5)) == "Damaged(antal=5, namn='x')"
    assert class_code._read(tmp_path / class_code.FILE, _secret(tmp_path))  # written again, readable


def test_no_home_keeps_nothing_and_dataclasses_is_left_as_it_was(tmp_path):
    with class_code.compiled_once(None):
        assert "exec" not in vars(dataclasses)
        _make("Nowhere")
    with pytest.raises(RuntimeError):
        with class_code.compiled_once(tmp_path):
            assert "exec" in vars(dataclasses)
            raise RuntimeError
    assert "exec" not in vars(dataclasses)  # given back even when the imports fail


def test_annotations_are_not_turned_into_strings(tmp_path):
    # class_code.py has ``from __future__ import annotations``; compiling there without
    # dont_inherit would make every generated __init__'s annotations strings.
    with class_code.compiled_once(tmp_path):
        made = _make("Annotated")
    assert made.__init__.__annotations__ == _make("Annotated").__init__.__annotations__
    assert made.__init__.__annotations__["antal"] is int
