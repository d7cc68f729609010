"""The build cache can never run code or change what is published, whoever else uses the machine.

It keeps plain data only (never pickle), in folders that are the user's own (mode 0700), each
file with a MAC under a per-user secret; anything else is ignored and the build is a full one.
"""
from __future__ import annotations

import os
import pickle
import shutil
import stat
from pathlib import Path

import pytest

from conftest import CONTENT, NOW, TEMPLATES, run_cli
from pressrum import memo


def build(out: Path, env_home: Path) -> tuple[int, str, str]:
    os.environ["XDG_CACHE_HOME"], saved = str(env_home), os.environ["XDG_CACHE_HOME"]
    try:
        return run_cli("build", "--content", str(CONTENT), "--templates", str(TEMPLATES), "--out", str(out),
                       "--now", NOW)
    finally:
        os.environ["XDG_CACHE_HOME"] = saved


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path):
    """A build with the cache in a cache home of its own; returns (output, cache home, cache folder)."""
    out, home = tmp_path / "site" / "releases", tmp_path / "home"
    code, _, err = build(out, home)
    assert code == 0, err
    return out, home / "pressrum", memo.cache_dir(out, home / "pressrum")


def test_the_cache_is_kept_in_the_users_cache_home_not_beside_the_output(built):
    out, home, folder = built
    assert not (out.parent / ".pressrum-cache").exists()
    assert folder.is_relative_to(home) and (folder / memo.MANIFEST).is_file()
    for path in (home, home / "builds", folder):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / memo.SECRET).stat().st_mode) == 0o600
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.rglob("*") if p.is_file())


def test_a_record_replaced_by_a_pickle_that_runs_code_is_never_loaded(built, tmp_path):
    out, home, folder = built
    proof = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {proof}",))

    key = (home / memo.SECRET).read_bytes()
    for record in (folder / "rounds").glob("*.bin"):
        # Even sealed with the user's own key (as only the user could), a pickle is never loaded:
        # records are plain data read with marshal.
        record.write_bytes(memo._seal(key, b"ROUND", pickle.dumps(Payload())))
    before = files(out)
    code, _, err = build(out, home.parent)
    assert code == 0, err
    assert not proof.exists()
    assert files(out) == before


def test_a_record_with_a_valid_layout_but_another_key_is_ignored(built, tmp_path):
    """Records sealed under another user's secret (copied in) are never trusted."""
    out, home, folder = built
    other = tmp_path / "other-home"
    code, _, err = build(out, other)  # the same output built by "someone else"
    assert code == 0, err
    theirs = memo.cache_dir(out, other / "pressrum")
    poisoned = memo.DiskMemo(CONTENT, TEMPLATES, out, False, other / "pressrum")
    record = poisoned.round_record("2021")
    assert record is not None
    import dataclasses

    fake = dataclasses.replace(record, entries=tuple(dataclasses.replace(e, title="POISON") for e in record.entries))
    poisoned.save_round(fake, memo.seen_at(record.times, datetime_now()))
    for path in (theirs / "rounds").iterdir():
        shutil.copy(path, folder / "rounds" / path.name)
    code, _, err = build(out, home.parent)
    assert code == 0, err
    assert not any(b"POISON" in data for data in files(out).values())


def datetime_now():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.fromisoformat(NOW).replace(tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_cache_folder_owned_by_someone_else_is_never_used(built):
    out, home, folder = built
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, 12345, 12345, follow_symlinks=False)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    edited = files(out)
    code, _, err = build(out, home.parent)
    assert code == 0, err
    assert files(out) == edited  # a full build: the same bytes
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before  # nothing written there
    unused = memo.DiskMemo(CONTENT, TEMPLATES, out, False, home)
    assert unused.last_output() is None and unused.round_record("2021") is None


def test_a_secret_others_can_read_is_refused(built):
    out, home, folder = built
    os.chmod(home / memo.SECRET, 0o644)
    refused = memo.DiskMemo(CONTENT, TEMPLATES, out, False, home)
    assert refused.round_record("2021") is None and refused.unchanged(datetime_now()) is None


def test_a_cache_folder_others_may_write_to_is_closed_again(built):
    out, home, folder = built
    os.chmod(folder, 0o777)
    kept = memo.DiskMemo(CONTENT, TEMPLATES, out, False, home)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert kept.round_record("2021") is not None
