"""Shared test helpers.

* ``--update-golden`` rewrites golden files instead of comparing (review the diff like code):
  ``python -m pytest --update-golden``.
* ``run_cli(*args)`` runs ``python build.py ARGS`` in a subprocess and returns (exit code, stdout, stderr).
* ``golden(path, actual)`` compares text with ``tests/golden/<path>``.
"""
from __future__ import annotations

import difflib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
GOLDEN = TESTS / "golden"
FIXTURES = TESTS / "fixtures"
CONTENT = ROOT / "content"
TEMPLATES = ROOT / "templates"
# The bundled example is built "as of" a fixed time so tests never depend on the clock.
NOW = "2026-11-28T12:00"


def pytest_configure(config):
    """Keep the tests' caches (the build cache, compiled templates) out of the user's own: one
    fresh cache home for the session, inherited by every build a test starts (and by
    pytest-xdist's workers, which see the variable already set)."""
    if "PRESSRUM_TEST_CACHE_HOME" not in os.environ:
        os.environ["PRESSRUM_TEST_CACHE_HOME"] = os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(
            prefix="pressrum-test-cache-")


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput"):  # the main process (pytest-xdist's workers share it)
        shutil.rmtree(os.environ.get("PRESSRUM_TEST_CACHE_HOME", ""), ignore_errors=True)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def golden(update_golden):
    """Compare ``actual`` (str) with ``tests/golden/<name>``; rewrite it with --update-golden."""

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update_golden:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.is_file(), f"golden file {path} missing: run python -m pytest --update-golden and review it"
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                f"golden/{name}", "actual"))
            pytest.fail(f"output differs from golden/{name} (python -m pytest --update-golden to accept):\n{diff}")

    return check


def bench_module():
    """bench/bench.py as a module (its ``generate`` writes synthetic newsrooms for tests too)."""
    spec = importlib.util.spec_from_file_location("bench", ROOT / "bench" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_cli(*args: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    """Run ``python build.py ARGS`` in a subprocess, as a user would."""
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The bundled example built once per session into a temporary folder."""
    out = tmp_path_factory.mktemp("bundled") / "releases"
    code, stdout, stderr = run_cli("build", "--content", str(CONTENT), "--templates", str(TEMPLATES),
                                   "--out", str(out), "--now", NOW)
    assert code == 0, stderr
    return out


MULTI = FIXTURES / "multi" / "content"  # invented multi-county content: two rounds, seven counties


@pytest.fixture(scope="session")
def multi_site(tmp_path_factory) -> Path:
    """The multi-county fixture built once per session with the project's templates."""
    out = tmp_path_factory.mktemp("multi") / "releases"
    code, stdout, stderr = run_cli("build", "--content", str(MULTI), "--templates", str(TEMPLATES),
                                   "--out", str(out), "--now", NOW)
    assert code == 0, stderr
    return out
