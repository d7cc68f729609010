"""The fast walk of the content models (``model_base``) against its reference, pydantic
(``reference_models``): the same values for valid content, a refusal whenever pydantic refuses,
and a build of valid content that imports none of pydantic, Markdown's or feed libraries it
does not need.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from conftest import CONTENT, FIXTURES
from pressrum import model_base, release_models, round_models, site_models
from pressrum.model_base import Invalid, Model
from pressrum.reference_models import reference, to_model
from pressrum.sources import load_yaml
from pressrum.yaml_events import PlainText

ROOT = Path(__file__).resolve().parent.parent


def _model_for(path: Path) -> type[Model]:
    if path.name == "site.yaml":
        return site_models.SiteFile
    if path.name == "round.yaml":
        return round_models.RoundFile
    return round_models.CountyFile


CONTENT_FILES = sorted(
    p for folder in (CONTENT, ROOT / "examples", FIXTURES) for p in Path(folder).rglob("*.yaml")
    if p.name in ("site.yaml", "round.yaml") or p.parent.name == "lan")


def _reference(cls, data):
    """pydantic's value as a content model, or None when pydantic refuses."""
    try:
        return to_model(cls, reference(cls).model_validate(data))
    except ValidationError:
        return None


def _fast(cls, data):
    """The fast walk's value, or None when it declines (pydantic would then decide)."""
    try:
        return model_base._validate_fast(cls, data)
    except Exception:  # noqa: BLE001 - any refusal
        return None


def _same(a, b, where="") -> None:
    """``a`` and ``b`` are equal, of the same types all the way down, with the same written fields."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, Model):
        assert a.model_fields_set == b.model_fields_set, where
        for name in type(a).model_fields:
            _same(getattr(a, name), getattr(b, name), f"{where}.{name}")
    elif isinstance(a, (tuple, list)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            _same(k, next(x for x in b if x == k), f"{where} key {k}")
            _same(a[k], b[k], f"{where}[{k}]")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


def test_content_files_are_found():
    assert len(CONTENT_FILES) >= 30


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_valid_file_takes_the_fast_walk_to_pydantic_s_value(path):
    source, problems = load_yaml(path)
    if source is None:
        pytest.skip(f"not YAML the loader reads: {problems[0].what}")
    cls = _model_for(path)
    expected = _reference(cls, source.data)
    if expected is None:
        pytest.skip("a deliberately invalid file")
    fast = _fast(cls, source.data)
    assert fast is not None, "the fast walk declined a valid file"
    _same(fast, expected, cls.__name__)
    _same(cls.model_validate(source.data), expected, cls.__name__)


# Values an editor may leave where another belongs (as the loader gives them: plain scalars are
# PlainText with their YAML 1.1 type), and shapes in the wrong place.
WRONG = (PlainText("tolv", "str"), PlainText("-1", "int"), PlainText("2.5", "float"), PlainText("NO", "bool"),
         PlainText("ja", "bool"), PlainText("0114", "int"), PlainText("2021-05-17", "datum"), PlainText("", "null"),
         None, "", "2021-02-30 10:00", "2021-05-17 25:00", "Skåneland", "Landskrone", "Umeå", "0",
         "999999999999999999999", "250 miljoner", "ett", "en", "helt", "delvis", "drygt", "antal", "belopp",
         "mottagare", "ingress", "beslut", "kommuner", "ideella", "en\n", "a@b.se", "https://x.se", "010-140 77 10",
         [], {}, ["x"], {"a": "b"}, {"namn": "X"})


def _leaves(data, path=()):
    """Every place in parsed YAML: each mapping value and list item, with its path."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield (*path, k)
            yield from _leaves(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield (*path, i)
            yield from _leaves(v, (*path, i))


def _tree(data):
    """A copy of the mappings and lists (the scalars are immutable and shared)."""
    if isinstance(data, dict):
        return {k: _tree(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_tree(v) for v in data]
    return data


def _replaced(data, path, value):
    new = _tree(data)
    at = new
    for part in path[:-1]:
        at = at[part]
    if value is _DELETE:
        del at[path[-1]]
    else:
        at[path[-1]] = value
    return new


_DELETE = object()
MUTATED = ("content/site.yaml", "content/rounds/2021/round.yaml", "content/rounds/2021/lan/skane.yaml",
           "examples/kulturradet/content/site.yaml")


@pytest.mark.parametrize("rel", MUTATED)
def test_the_fast_walk_accepts_only_what_pydantic_accepts_and_as_pydantic_reads_it(rel):
    """Every value and list item of the file replaced by each wrong value, deleted, and given an
    unknown key beside it: the fast walk never accepts what pydantic refuses, and when it
    accepts, its value is pydantic's. (It may decline what pydantic accepts: then pydantic's
    value is used.)"""
    path = ROOT / rel
    source, _ = load_yaml(path)
    cls = _model_for(path)
    tried = accepted = 0
    for place in _leaves(source.data):
        for value in (*WRONG, _DELETE):
            data = _replaced(source.data, place, value)
            expected, fast = _reference(cls, data), _fast(cls, data)
            tried += 1
            if fast is not None:
                accepted += 1
                assert expected is not None, f"{rel}: {place} = {value!r} accepted, pydantic refuses"
                _same(fast, expected, f"{place} = {value!r}")
        parent = place[:-1]
        at = source.data
        for part in parent:
            at = at[part]
        if isinstance(at, dict):
            data = _replaced(source.data, (*parent, "okänd-nyckel"), "x")
            assert _fast(cls, data) is None and _reference(cls, data) is None
    assert tried > 500 and accepted > 50  # the table reaches both outcomes


def test_an_invalid_file_is_pydantic_s_error():
    source, _ = load_yaml(CONTENT / "site.yaml")
    data = _replaced(source.data, ("presskontakter",), [])
    with pytest.raises(Invalid) as caught:
        site_models.SiteFile.model_validate(data)
    assert isinstance(caught.value.error, ValidationError)
    assert caught.value.reference is reference(site_models.SiteFile)
    assert [e["type"] for e in caught.value.error.errors()] == ["too_short"]


def test_model_copy_and_fields_set_are_pydantic_s():
    quote = release_models.Quote.model_validate({"text": "Bra.", "namn": "Anna"})
    assert quote.model_fields_set == {"text", "name"}
    moved = quote.model_copy(update={"after": "nytt"})
    assert (moved.after, quote.after, moved.model_fields_set) == ("nytt", "ingress", {"text", "name", "after"})
    with pytest.raises(TypeError):
        quote.text = "Annat."  # frozen
    assert site_models.Graphics() == site_models.Graphics.model_validate({})
    assert hash(quote) == hash(release_models.Quote.model_validate({"text": "Bra.", "namn": "Anna"}))


HEAVY = ("pydantic", "pydantic_core", "pressrum.reference_models")
NOT_ON_NO_CHANGE = (*HEAVY, "jinja2", "markdown", "feedgen", "lxml", "PIL", "nh3", "yaml", "babel.localedata",
                    "pressrum.pipeline", "pressrum.site_models", "pressrum.round_models", "pressrum.release_models",
                    # the worker pool's and the Swedish helpers' that the one line printed does not need
                    "pickle", "socket", "select", "difflib", "csv", "decimal", "pressrum.sv.places", "pressrum.sv.amounts",
                    "pressrum.sv.dates", "pressrum.sv.phones", "pressrum.sv.words")


def _build_imports(tmp_path: Path, out: Path) -> set[str]:
    script = ("import json, sys\nfrom pressrum.cli import main\n"
              f"code = main(['build', '--content', {str(CONTENT)!r}, '--out', {str(out)!r}, '--now', '2026-11-28T12:00'])\n"
              "print(json.dumps([code, sorted(sys.modules)]))\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path,
                          check=True)
    code, modules = json.loads(proc.stdout.splitlines()[-1])
    assert code == 0, proc.stderr
    return set(modules)


def test_a_build_of_valid_content_never_imports_pydantic_and_a_no_change_build_nothing_heavy(tmp_path):
    out = tmp_path / "releases"
    cold = _build_imports(tmp_path, out)
    assert "pressrum.pipeline" in cold  # it did build
    assert not cold & set(HEAVY), sorted(cold & set(HEAVY))
    again = _build_imports(tmp_path, out)
    loaded = {m for m in again if m.split(".")[0] in {n.split(".")[0] for n in NOT_ON_NO_CHANGE}}
    assert not {m for m in loaded if any(m == n or m.startswith(n + ".") for n in NOT_ON_NO_CHANGE)}, sorted(loaded)
