"""The JSON Schema of the content files: generated from the models, committed, and right.

Editors' tools (VS Code with yaml-language-server) validate with these files as the officer
types, so they must accept all good content and reject the mistakes the schema can see.
YAML is loaded here as ``yaml.safe_load`` reads it (``NO`` → false, a bare date → a date), which
is also how most tools outside Pressrum read it.
"""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from broken.cases import CASES, materialize
from conftest import CONTENT, FIXTURES, ROOT, run_cli
from pressrum.schema import SCHEMAS, render, schemas

SCHEMA_DIR = ROOT / "schema"
SCHEMA_CASES = sorted(name for name, case in CASES.items() if case.schema)


def schema_of(path: Path) -> str:
    """Which schema a content file follows, from where it lies."""
    parts = path.as_posix().split("/")
    if parts[-1] == "site.yaml":
        return "site.schema.json"
    if parts[-1] == "round.yaml":
        return "round.schema.json"
    assert parts[-2] == "lan", path
    return "county.schema.json"


def validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))


def content_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.yaml"))


@pytest.mark.parametrize("name", [name for name, *_ in SCHEMAS])
def test_committed_schema_equals_the_generated_one(name):
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == render(schemas()[name]), "run: python build.py schema --out schema"


def test_schema_command_writes_the_committed_files(tmp_path):
    code, out, err = run_cli("schema", "--out", str(tmp_path / "s"))
    assert (code, err) == (0, "")
    assert out.startswith("schemat skrivet till ")
    for name, *_ in SCHEMAS:
        assert (tmp_path / "s" / name).read_bytes() == (SCHEMA_DIR / name).read_bytes()


def test_schema_command_without_out_prints_every_schema():
    code, out, err = run_cli("schema")
    assert (code, err) == (0, "")
    assert json.loads(out) == {name: json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")) for name, *_ in SCHEMAS}


@pytest.mark.parametrize("name", [name for name, *_ in SCHEMAS])
def test_schema_is_valid_draft7(name):
    jsonschema.Draft7Validator.check_schema(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))


def _properties(node, where=""):
    if isinstance(node, dict):
        for key, prop in node.get("properties", {}).items():
            yield f"{where}.{key}", prop
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item, where)


@pytest.mark.parametrize("name", [name for name, *_ in SCHEMAS])
def test_every_field_has_a_swedish_description(name):
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    fields = list(_properties(schema))
    assert len(fields) >= 5
    for where, prop in fields:
        description = prop.get("description", "")
        assert len(description) > 3, where
        assert prop["title"] == where.rsplit(".", 1)[1], where
    for part, definition in schema.get("definitions", {}).items():
        assert definition["description"] and definition["title"], part
    # The models' English docstrings are for programmers and stay out of the schema.
    assert "A press contact" not in json.dumps(schema) and "``" not in json.dumps(schema)


@pytest.mark.parametrize("path", content_files(CONTENT), ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_bundled_content_validates_and_names_its_schema(path):
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), first
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (SCHEMA_DIR / schema_of(path)).resolve()
    errors = list(validator(schema_of(path)).iter_errors(yaml.safe_load(text)))
    assert errors == [], [e.message for e in errors]


@pytest.mark.parametrize("path", content_files(FIXTURES), ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_other_fixture_content_validates(path):
    """The invented test content of other features is good content too: the schema accepts it."""
    errors = list(validator(schema_of(path)).iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert errors == [], [e.message for e in errors]


@pytest.mark.parametrize("name", SCHEMA_CASES)
def test_schema_rejects_the_schema_level_fixture(name, tmp_path):
    materialize(name, tmp_path)
    edited = sorted({e.path for e in CASES[name].edits if e.path.endswith(".yaml")})
    assert edited
    rejected = []
    for rel in edited:
        data = yaml.safe_load((tmp_path / rel).read_text(encoding="utf-8"))
        rejected += list(validator(schema_of(Path(rel))).iter_errors(data))
    assert rejected, f"the schema accepts the broken fixture {name}"


def test_there_are_schema_level_fixtures():
    assert len(SCHEMA_CASES) >= 20


@pytest.mark.parametrize("text", [
    "kommun: 0114",  # Upplands Väsby's code: a number in YAML, a code to Pressrum
    "kommun: Landskrona",
    "flerårigt: nej",
    "flerårigt: true",
    "namn: 2021",  # a number where text is expected is still text
    "beskrivning: |\n  Rad ett.\n  Rad två.",
])
def test_schema_accepts_what_the_build_accepts(text):
    recipient = {"namn": "Förening", "kommun": "Landskrona", "typ": "ideella"} | yaml.safe_load(text)
    data = {"län": "Skåne", "mottagare": [recipient]}
    assert list(validator("county.schema.json").iter_errors(data)) == []


def test_schema_accepts_amounts_as_editors_write_them():
    base = yaml.safe_load((CONTENT / "rounds/2021/round.yaml").read_text(encoding="utf-8"))
    for amount in (250000000, "250 000 000", "250000000"):
        assert list(validator("round.schema.json").iter_errors(base | {"medel": amount})) == []
    for amount in (-1, 2.5, "250 miljoner", None):
        assert list(validator("round.schema.json").iter_errors(base | {"medel": amount})) != []
