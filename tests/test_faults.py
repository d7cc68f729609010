"""Faults of the machine and of the command line are Swedish messages, never "internt fel"."""
from __future__ import annotations

import errno
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import CONTENT, NOW, TEMPLATES, run_cli
from pressrum import cli, memo, output, output_lock


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def build_args(out: Path) -> list[str]:
    return ["build", "--content", str(CONTENT), "--templates", str(TEMPLATES), "--out", str(out), "--now", NOW]


def test_a_second_build_into_the_same_folder_waits_for_none_and_names_the_first(tmp_path):
    out = tmp_path / "releases"
    lock = memo.lock_file(SimpleNamespace(out=out, cache_home=Path(os.environ["XDG_CACHE_HOME"]) / "pressrum"))
    with output_lock.build_lock(out, lock):  # this process is "the other build"
        code, stdout, stderr = run_cli(*build_args(out))
    assert code == 1 and stdout == ""
    assert stderr == (f"{out}: utmappen byggs redan av en annan körning (process {os.getpid()}) – vänta tills den "
                      f"är klar och bygg sedan igen\nett fel i en fil\n")
    assert not out.exists()
    code, _, stderr = run_cli(*build_args(out))  # the lock went with its holder
    assert code == 0, stderr


@pytest.mark.parametrize("number, expected", [
    (errno.ENOSPC, "disken är full: {path} – frigör utrymme och bygg igen; utmappen är oförändrad"),
    (errno.EROFS, "filsystemet är skrivskyddat: {path} – välj en utmapp på en skrivbar disk med --out; "
                  "utmappen är oförändrad"),
    (errno.EACCES, "behörighet saknas: {path} – kontrollera mappens rättigheter, eller välj en annan mapp med "
                   "--out; utmappen är oförändrad"),
])
def test_a_full_disk_or_a_folder_that_cannot_be_written_is_a_message(tmp_path, monkeypatch, capsys, number, expected):
    out = tmp_path / "releases"
    failing = str(tmp_path / "releases" / "index.html")

    def write_new(path, data):
        raise OSError(number, os.strerror(number), failing)

    monkeypatch.setattr(output, "write_new", write_new)
    monkeypatch.setenv("PRESSRUM_CACHE", "0")  # a full build: every file is written again
    capsys.readouterr()
    assert cli.main(build_args(out)) == 1
    assert capsys.readouterr().err == expected.format(path=failing) + "\n"
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".releases")]


def test_an_unknown_fault_is_still_an_internal_error(tmp_path, monkeypatch, capsys):
    def write_new(path, data):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(output, "write_new", write_new)
    monkeypatch.setenv("PRESSRUM_CACHE", "0")
    assert cli.main(build_args(tmp_path / "releases")) == 3
    assert capsys.readouterr().err.startswith("internt fel: OSError: [Errno 5] Input/output error")


@pytest.mark.parametrize("args, message", [
    (["serve", "--port", "70000"], "--port: porten ska vara ett heltal från 0 till 65535, inte '70000'"),
    (["serve", "--port", "åtta"], "--port: porten ska vara ett heltal från 0 till 65535, inte 'åtta'"),
    (["build", "--now", "igår"],
     "--now: 'igår' är ingen tidpunkt – skriv datum och klockslag, till exempel --now 2021-05-17T10:00"),
])
def test_command_line_values_out_of_range_are_usage_errors(args, message):
    code, stdout, stderr = run_cli(*args)
    help_ = "(se python build.py --help)" if " – " in message else "– se python build.py --help"
    assert (code, stdout, stderr) == (2, "", f"fel i kommandot: {message} {help_}\n")
