"""The output's sizes and times live in ``output.bin``, apart from the manifest (``site.bin``),
so that the output scan's child can read them without the manifest. The two are written one
after the other, so they are one pair only when the manifest names the state's token: a manifest
left from an earlier build beside a later state must never make a build trust the earlier
build's digests (the shortcut would then keep that later build's files as if they were its own).
"""
from __future__ import annotations

import dataclasses
import os
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import TEMPLATES, bench_module
from pressrum import cli, memo, pipeline

NOW = datetime(2100, 12, 31, 12, tzinfo=ZoneInfo("Europe/Stockholm"))


def build(content: Path, out: Path):
    return cli.build(dataclasses.replace(pipeline.Options(content, TEMPLATES, out, NOW), **cli.environment(os.environ)))


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.delenv("PRESSRUM_CACHE", raising=False)
    content, out = tmp_path / "content", tmp_path / "releases"
    bench_module().generate(44, content)  # two rounds, each a decision for all 21 counties
    result = build(content, out)
    assert result.releases == 44
    return content, out, memo.cache_dir(out, cli.environment(os.environ)["cache_home"])


def edit(content: Path) -> tuple[Path, str]:
    """Add a word to the national release's first quote of the first round; returns the file and its old text."""
    path = sorted((content / "rounds").iterdir())[0] / "round.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    text: " in text
    path.write_text(text.replace("    text: ", "    text: Ändrat ", 1), encoding="utf-8")
    return path, text


def test_the_state_is_kept_apart_and_the_manifest_names_it(site):
    _, _, folder = site
    assert (folder / memo.STATE).is_file() and (folder / memo.MANIFEST).is_file()
    assert stat_mode(folder / memo.STATE) == 0o600


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_manifest_left_beside_a_later_state_is_not_trusted(site, tmp_path):
    """A build whose manifest could not be written after its state was (disk full, killed
    between the two) leaves the earlier manifest beside its own state. Content set back to
    what that manifest describes must then be built again, not taken as already built."""
    content, out, folder = site
    before = files(out)
    earlier = (folder / memo.MANIFEST).read_bytes()
    path, text = edit(content)
    build(content, out)
    assert files(out) != before
    (folder / memo.MANIFEST).write_bytes(earlier)  # as if the second build's manifest was never written
    path.write_text(text, encoding="utf-8")  # the content the earlier manifest describes
    result = build(content, out)
    assert not isinstance(result, memo.Unchanged)  # the shortcut was not taken
    assert files(out) == before


@pytest.mark.parametrize("damage", ["missing", "garbage", "another build's"])
def test_a_state_file_that_does_not_belong_means_a_full_build_with_the_same_output(site, damage, tmp_path):
    content, out, folder = site
    before = files(out)
    state = folder / memo.STATE
    if damage == "missing":
        state.unlink()
    elif damage == "garbage":
        state.write_bytes(b"not a state")
    else:  # sealed by this user, with another token: a second build into another folder
        other = tmp_path / "other"
        build(content, other)
        shutil.copy(memo.cache_dir(other, cli.environment(os.environ)["cache_home"]) / memo.STATE, state)
    result = build(content, out)
    assert not isinstance(result, memo.Unchanged)
    assert files(out) == before
    assert isinstance(build(content, out), memo.Unchanged)  # and the next build has its pair again


def test_records_read_ahead_while_the_scan_runs_are_the_records_read_after(site):
    """DiskMemo.last_output reads round records while the output's scan still runs (a build
    with work to do): the rounds reused are the same, whether read ahead, in part or not at all."""
    content, out, _ = site
    edit(content)
    home = cli.environment(os.environ)["cache_home"]

    def memo_():
        return memo.DiskMemo(content, TEMPLATES, out, False, home)

    plain = memo_()
    names = list(plain._rounds)
    expected = plain.reusable(names, NOW, plain.last_output())
    assert len(names) == 2 and list(expected) == names[1:]  # the edited round is built again
    for reads in (0, 1, len(names)):
        ahead = memo_()
        asked = []

        def until():
            asked.append(1)
            return len(asked) > reads

        ahead._read_ahead(until)
        assert list(ahead._ahead) == names[:reads]
        assert ahead.reusable(names, NOW, ahead.last_output()) == expected
        assert ahead._ahead == {}  # each record read ahead was taken, none kept twice
        ahead.close()
    plain.close()


def test_the_records_are_read_ahead_only_by_a_build_with_work_to_do(site, monkeypatch):
    content, out, _ = site
    home = cli.environment(os.environ)["cache_home"]
    calls = []
    monkeypatch.setattr(memo.DiskMemo, "_read_ahead", lambda self, until: calls.append(until))
    unchanged = memo.DiskMemo(content, TEMPLATES, out, False, home)
    assert unchanged.unchanged(NOW) is not None and calls == []  # nothing to build: no record read
    unchanged.close()
    edit(content)
    edited = memo.DiskMemo(content, TEMPLATES, out, False, home)
    assert edited.unchanged(NOW) is None and edited.last_output() is not None
    assert len(calls) == 1 and calls[0].__self__ is edited._state  # until the scan has sent its state
    edited.close()
