"""Property: whatever an editor does to the content, the build succeeds or reports located
Swedish problems – never another exception – and a failed build leaves releases/ untouched.

Hypothesis mutates the bundled content (deletes keys and blocks, swaps value types, inserts
random text and bytes, truncates files, duplicates lines and so keys, renames, deletes and adds
files) and runs the real pipeline in-process (``pipeline.build``) into a folder that already
holds a good build. 2,450 examples in all; derandomised, so the suite is repeatable.
"""
from __future__ import annotations

import os
import re
import shutil
import io
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import CONTENT, FIXTURES, TEMPLATES
from pressrum import cli, pipeline
from pressrum.errors import BuildFailed
from pressrum.validation_problems import UNEXPECTED_HINT

pytestmark = pytest.mark.slow  # minutes of hypothesis examples: not in the edit loop (-m "not slow")

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
FILES = ("content/site.yaml", "content/rounds/2021/round.yaml", "content/rounds/2021/lan/skane.yaml")
ORIGINAL = {rel: (CONTENT.parent / rel).read_bytes() for rel in FILES}
# Words of pydantic, PyYAML, Jinja and Python that must never reach an editor.
ENGLISH = re.compile(r"Input should|Field required|validation error|Extra inputs|String should|is undefined|"
                     r"has no attribute|found character|could not find|while scanning|while parsing|"
                     r"[Ee]xpected|[Uu]nexpected|Traceback|Error|object")

VALUES = ("tolv", "-1", "2.5", "1e3", "NO", "ja", "nej", "on", "off", "~", "null", "''", '""', "0114", "2021-05-17",
          "2021-02-30 10:00", "2021-05-17 25:00", "[]", "{}", "[1, 2]", "{a: 1}", "- x", "&a x", "*a", "!!binary x",
          "'öppen", '"öppen', "a: b", "Skåneland", "Landskrone", "Umeå", "0", "999999999999999999999", "250 miljoner",
          "|", ">", "\t", "%", "@", "`", "#", "Malmö", "Stockholm", "0114", "kommuner", "ideella", "beslut")
# Derandomised so the suite is repeatable; PRESSRUM_FUZZ_RANDOM=1 explores new examples.
SETTINGS = dict(deadline=timedelta(seconds=3), derandomize=not os.environ.get("PRESSRUM_FUZZ_RANDOM"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates shared between examples (checked against the template source by Jinja)."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(scope="module", autouse=True)
def compiled_templates_once():
    """Compiling the templates is most of a successful build; do it once for all examples."""
    cache = _MemoryBytecodeCache()
    original = pipeline.make_environment

    def make_environment(*args):
        env = original(*args)
        env.bytecode_cache = cache
        return env

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "make_environment", make_environment)
        yield


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A folder with releases/ holding a good build; examples reset content/ and build beside it."""
    root = tmp_path_factory.mktemp("fuzz")
    pipeline.build(pipeline.Options(CONTENT, TEMPLATES, root / "releases", NOW))
    return root


# Invented content with two rounds and seven counties (tests/fixtures/multi): the cross-checks
# between complete county files, ranks and shared first places get exercised too.
MULTI = FIXTURES / "multi" / "content"
MULTI_ORIGINAL = {p.relative_to(MULTI.parent).as_posix(): p.read_bytes() for p in sorted(MULTI.rglob("*.yaml"))}


@pytest.fixture(scope="module")
def multi_workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-multi")
    pipeline.build(pipeline.Options(MULTI, TEMPLATES, root / "releases", NOW))
    return root


# --- mutations of one file's bytes -----------------------------------------------------------------------


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


@st.composite
def delete_line(draw, data: bytes) -> bytes:
    lines = _lines(data)
    i = draw(st.integers(0, len(lines) - 1))
    return b"".join(lines[:i] + lines[i + 1:])


@st.composite
def delete_block(draw, data: bytes) -> bytes:
    """Delete a key with everything indented under it."""
    lines = _lines(data)
    i = draw(st.integers(0, len(lines) - 1))
    indent = len(lines[i]) - len(lines[i].lstrip(b" "))
    j = i + 1
    while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip(b" ")) > indent):
        j += 1
    return b"".join(lines[:i] + lines[j:])


@st.composite
def swap_value(draw, data: bytes) -> bytes:
    """Replace the value after a ``key:`` with another type or a YAML trap."""
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if b": " in line or line.rstrip().endswith(b":")]
    if not candidates:
        return data
    i = draw(st.sampled_from(candidates))
    key = lines[i].split(b":", 1)[0]
    value = draw(st.one_of(st.sampled_from(VALUES), st.text(max_size=12)))
    return b"".join(lines[:i] + [key + b": " + value.encode("utf-8", "surrogatepass") + b"\n"] + lines[i + 1:])


@st.composite
def insert_text(draw, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    text = draw(st.text(max_size=20)).encode("utf-8", "surrogatepass")
    return data[:at] + text + data[at:]


@st.composite
def insert_bytes(draw, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]


@st.composite
def truncate(draw, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


@st.composite
def duplicate_line(draw, data: bytes) -> bytes:
    lines = _lines(data)
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(i, len(lines)))
    line = lines[i] if lines[i].endswith(b"\n") else lines[i] + b"\n"
    return b"".join(lines[:j] + [line] + lines[j:])


@st.composite
def change_digit(draw, data: bytes) -> bytes:
    """Change one figure: the typed facts then contradict each other (cross-checks)."""
    spots = [m.start() for m in re.finditer(rb"\d", data)]
    if not spots:
        return data
    at = draw(st.sampled_from(spots))
    return data[:at] + str(draw(st.integers(0, 9))).encode() + data[at + 1:]


EDITS = (delete_line, delete_block, swap_value, insert_text, insert_bytes, truncate, duplicate_line, change_digit)


@st.composite
def mutated_files(draw, original: dict[str, bytes] = ORIGINAL) -> dict[str, bytes]:
    files = dict(original)
    for _ in range(draw(st.integers(1, 3))):
        rel = draw(st.sampled_from(sorted(original)))
        edit = draw(st.sampled_from(EDITS))
        files[rel] = draw(edit(files[rel]))
    return files


NAMES = ("site.yaml", "round.yaml", "skane.yaml", "skåne.yaml", "Skane.yaml", "skane.yml", "stockholm.yaml",
         "skane.txt", "lan", "README.md", "2021", "2022", "x y", ".dold.yaml", "vastra-gotaland.yaml")
FOLDERS = ("content", "content/rounds", "content/rounds/2021", "content/rounds/2021/lan")


@st.composite
def file_operations(draw) -> list[tuple]:
    """Renames, deletions and new files (copies of a content file, or random bytes)."""
    ops = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(("rename", "delete", "add", "add-dir")))
        source = draw(st.sampled_from(FILES + ("content/rounds/2021", "content/rounds/2021/lan")))
        target = f"{draw(st.sampled_from(FOLDERS))}/{draw(st.sampled_from(NAMES))}"
        body = draw(st.one_of(st.sampled_from(list(ORIGINAL.values())), st.binary(max_size=64)))
        ops.append((kind, source, target, body))
    return ops


# --- running one example -------------------------------------------------------------------------------------------


@contextmanager
def example_folder(root: Path, content: Path = CONTENT):
    """``root`` with a fresh copy of ``content``, as the working folder.

    releases/ is kept from example to example: it always holds the last good build.
    """
    shutil.rmtree(root / "content", ignore_errors=True)
    shutil.copytree(content, root / "content", ignore=shutil.ignore_patterns("README.md"))
    before = os.getcwd()
    os.chdir(root)
    try:
        yield root
    finally:
        os.chdir(before)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_and_check(root: Path) -> str:
    """Build; on failure every problem must be located and Swedish, and releases/ unchanged."""
    before = snapshot(root / "releases")
    try:
        pipeline.build(pipeline.Options(Path("content"), TEMPLATES, Path("releases"), NOW))
    except BuildFailed as failed:
        assert failed.problems
        for problem in failed.problems:
            place = problem.place
            assert place.file and not Path(place.file).is_absolute(), problem
            shown = root / place.file
            if shown.is_file():
                assert place.line >= 1, problem
            said = re.sub(r"'[^']*'|\"[^\"]*\"", "", problem.message + " " + problem.hint)  # quoted input aside
            assert problem.message and not ENGLISH.search(said), problem
            assert problem.hint != UNEXPECTED_HINT, f"an error type validation_problems.py does not translate: {problem}"
        assert snapshot(root / "releases") == before, "a failed build changed releases/"
        return "fel"
    assert (root / "releases" / "index.html").is_file()
    return "ok"


@settings(max_examples=1400, **SETTINGS)
@given(files=mutated_files())
def test_mutated_content_builds_or_fails_located(workspace, files):
    with example_folder(workspace) as root:
        for rel, data in files.items():
            (root / rel).write_bytes(data)
        event(build_and_check(root))


@settings(max_examples=300, **SETTINGS)
@given(files=mutated_files(MULTI_ORIGINAL))
def test_mutated_multi_county_content_builds_or_fails_located(multi_workspace, files):
    with example_folder(multi_workspace, MULTI) as root:
        for rel, data in files.items():
            (root / rel).write_bytes(data)
        event(build_and_check(root))


@settings(max_examples=450, **SETTINGS)
@given(ops=file_operations())
def test_renamed_deleted_and_added_files_build_or_fail_located(workspace, ops):
    with example_folder(workspace) as root:
        for kind, source, target, body in ops:
            src, dst = root / source, root / target
            if kind in ("rename", "delete") and not src.exists():
                continue
            if kind == "rename" and not dst.exists() and dst.parent.is_dir() and not dst.is_relative_to(src):
                src.rename(dst)
            elif kind == "delete":
                shutil.rmtree(src) if src.is_dir() else src.unlink()
            elif kind == "add" and dst.parent.is_dir() and not dst.exists():
                dst.write_bytes(body)
            elif kind == "add-dir" and dst.parent.is_dir() and not dst.exists():
                dst.mkdir()
        event(build_and_check(root))


@settings(max_examples=300, **SETTINGS)
@given(rel=st.sampled_from(FILES), data=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(
    lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_in_a_content_file_exit_1_with_located_lines(workspace, rel, data):
    """Through the command itself: exit 1, every line located, the summary last, releases/ untouched."""
    with example_folder(workspace) as root:
        (root / rel).write_bytes(data)
        before = snapshot(root / "releases")
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = cli.main(["build", "--templates", str(TEMPLATES), "--now", "2026-11-28T12:00"])
        assert (code, out.getvalue()) == (1, ""), err.getvalue()
        *lines, summary = err.getvalue().splitlines()
        assert re.fullmatch(r"(1[3-9]|[2-9]\d|\d{3,}|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv) fel i "
                            r"(1[3-9]|[2-9]\d|\d{3,}|en|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv) (fil|filer)", summary), summary
        for line in lines:
            assert re.match(r"content/[^:]+:\d+:\d+: \S", line), line
            said = re.sub(r"'[^']*'|\"[^\"]*\"", "", line)
            assert not ENGLISH.search(said), line
        assert snapshot(root / "releases") == before
