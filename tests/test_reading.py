"""Only what is in content/ is read, a file's size is checked before it is read, and no message
puts a control character on the terminal (issue 18, item 9).

Each end-to-end case is the bundled content with one change an editor (or someone else's
checkout) could make: a link out of the content folder, a 1 GiB file, a folder name with an
ANSI escape and a newline. ``python build.py check`` runs in a subprocess in the case folder and
its whole output is compared with ``tests/golden/reading/<case>.txt``.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import CONTENT, NOW, ROOT, TEMPLATES, run_cli
from pressrum.content import content_root, leaving_link, read_content, round_inputs
from pressrum.errors import Place, Problem, for_terminal, json_for_terminal

SECRET = "HEMLIGT-ord-4711"  # the first line of a file outside the content folder
SECRET_NAME = "HEMLIGT-namn-4711"  # the name of a file in a folder outside the content folder
ROUND = "content/rounds/2021"
GIB = 1024 ** 3


def case_folder(tmp_path):
    """The bundled content and templates in ``tmp_path``, and beside them (outside the content
    folder) ``utanfor/``: a secret file, and a folder holding a round and a county file whose
    every line and one name are secret."""
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    outside = tmp_path / "utanfor"
    (outside / "mapp" / "lan").mkdir(parents=True)
    secret_text = f"{SECRET}: 1\n{SECRET}-rad-2: 2\n"
    for rel in ("hemlig.txt", "mapp/round.yaml", "mapp/lan/skane.yaml", f"mapp/{SECRET_NAME}", f"mapp/lan/{SECRET_NAME}"):
        (outside / rel).write_text(secret_text, encoding="utf-8")
    (outside / "hemlig.csv").write_text(f"{SECRET};namn\nx;y\n", encoding="utf-8")
    shutil.copytree(tmp_path / "content" / "rounds", outside / "rounds")
    (outside / "rounds" / "2021" / SECRET_NAME).write_text(secret_text, encoding="utf-8")
    return tmp_path


def link(tmp_path, rel: str, target: str, keep: str | None = None):
    """Make ``rel`` a link to ``target`` (relative, as an editor would type it); what was there
    is removed, or moved to the hidden name ``keep`` in the same folder."""
    path = tmp_path / rel
    if keep:
        path.rename(path.parent / keep)
    elif path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target)


# (case, link, its target): every kind of file and folder the loader reads or lists.
LINKS_OUT = [
    ("site-yaml", "content/site.yaml", "../utanfor/hemlig.txt"),
    ("round-yaml", f"{ROUND}/round.yaml", "../../../utanfor/hemlig.txt"),
    ("lansfil", f"{ROUND}/lan/skane.yaml", "../../../../utanfor/hemlig.txt"),
    ("beviljade-csv", f"{ROUND}/beviljade.csv", "../../../utanfor/hemlig.csv"),
    ("omgangsmapp", "content/rounds/2022", "../../utanfor/mapp"),
    ("lanmapp", f"{ROUND}/lan", "../../../utanfor/mapp/lan"),
    ("rounds-mapp", "content/rounds", "../utanfor/rounds"),
    ("lank-via-lank", "content/site.yaml", "rounds/2021/round.yaml"),  # inside, but that one leads out
]


@pytest.mark.parametrize("name, rel, target", LINKS_OUT, ids=[c[0] for c in LINKS_OUT])
def test_a_link_out_of_the_content_folder_is_refused_by_its_path_and_nothing_behind_it_is_shown(
        name, rel, target, tmp_path, golden):
    case_folder(tmp_path)
    if name == "lank-via-lank":
        link(tmp_path, f"{ROUND}/round.yaml", "../../../utanfor/hemlig.txt")
    link(tmp_path, rel, target)
    code, out, err = run_cli("check", "--now", NOW, cwd=tmp_path)
    assert (code, out) == (1, ""), err
    assert SECRET not in out + err and SECRET_NAME not in out + err
    golden(f"reading/lank-{name}.txt", err)


def test_the_link_message_says_what_is_wrong_and_how_to_fix_it(tmp_path):
    case_folder(tmp_path)
    link(tmp_path, "content/site.yaml", "../utanfor/hemlig.txt")
    _, _, err = run_cli("check", "--now", NOW, cwd=tmp_path)
    assert err.splitlines()[0] == (
        "content/site.yaml: länken leder ut ur innehållsmappen (till ../utanfor/hemlig.txt) och följs inte – bara det "
        "som ligger i innehållsmappen läses; kopiera in filen i stället för att länka till den")


@pytest.mark.parametrize("rel, keep, target", [
    (f"{ROUND}/lan/skane.yaml", ".skane.yaml", ".skane.yaml"),  # a file linked to a hidden copy beside it
    (f"{ROUND}/lan", ".lan", ".lan"),  # a folder linked inside the round
    ("content/rounds/2021", ".2021", ".2021"),  # a round folder linked inside rounds/
])
def test_a_link_that_stays_inside_the_content_folder_is_followed(rel, keep, target, tmp_path):
    case_folder(tmp_path)
    plain = run_cli("check", "--now", NOW, cwd=tmp_path)
    link(tmp_path, rel, target, keep=keep)
    assert run_cli("check", "--now", NOW, cwd=tmp_path) == plain
    assert plain[0] == 0, plain[2]


def peak_check(cwd, *command: str) -> tuple[int, str, str, int]:
    """``python build.py check`` in a subprocess and the peak resident memory of that process in MiB
    (measured by a parent of its own, so no other test's process counts)."""
    measure = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024); "
               "sys.stdout.write(p.stdout); sys.stderr.write(p.stderr); sys.exit(p.returncode)")
    proc = subprocess.run([sys.executable, "-c", measure, sys.executable, str(ROOT / "build.py"), *(command or ("check",)),
                           "--now", NOW],
                          cwd=cwd, capture_output=True, text=True, timeout=300)
    peak, _, out = proc.stdout.partition("\n")
    return proc.returncode, out, proc.stderr, int(peak)


@pytest.mark.parametrize("name, rel", [
    ("site-yaml", "content/site.yaml"),
    ("lansfil", f"{ROUND}/lan/skane.yaml"),
    ("beviljade-csv", f"{ROUND}/beviljade.csv"),
    ("round-yaml", f"{ROUND}/round.yaml"),  # also read early, for its year, to order the rounds
])
def test_a_1_gib_file_is_refused_without_being_read(name, rel, tmp_path, golden):
    case_folder(tmp_path)
    plain = peak_check(tmp_path)
    with open(tmp_path / rel, "wb") as f:  # sparse: 1 GiB of zeros that take no disk
        f.truncate(GIB)
    code, out, err, peak = peak_check(tmp_path)
    assert (code, out) == (1, ""), err
    golden(f"reading/stor-{name}.txt", err)
    assert peak < plain[3] + 100, f"{peak} MiB at most, against {plain[3]} MiB for the bundled content"


def test_a_1_gib_file_is_not_read_whole_by_a_build_with_the_cache(tmp_path):
    # The build cache hashes the inputs before loading them: in chunks, so a huge file costs no memory.
    case_folder(tmp_path)
    plain = peak_check(tmp_path, "build", "--out", "site")
    assert plain[0] == 0, plain[2]
    with open(tmp_path / ROUND / "round.yaml", "wb") as f:
        f.truncate(GIB)
    code, out, err, peak = peak_check(tmp_path, "build", "--out", "site")
    assert (code, out) == (1, ""), err
    assert "filen är för stor" in err
    assert peak < plain[3] + 100, f"{peak} MiB at most, against {plain[3]} MiB for the bundled content"


@pytest.mark.parametrize("text, shown", [
    ("2021\x1b[31m\nx", "2021\\x1b[31m\\nx"),  # an ANSI colour and a newline
    ("a\rb\tc\x00d\x07e\x7f", "a\\rb\\tc\\x00d\\x07e\\x7f"),  # C0 and DEL
    ("\x9b2J\x85", "\\x9b2J\\x85"),  # C1: a one-character CSI, next line
    ("ab\u202ecd\u2066e\u2028", "ab\\u202ecd\\u2066e\\u2028"),  # a bidi override and isolate, a line separator
    ("Malmö 1\u00a0000 kronor – \\x1b", "Malmö 1\u00a0000 kronor – \\x1b"),  # Swedish, no-break space, backslash as typed
])
def test_control_characters_are_written_out(text, shown):
    assert for_terminal(text) == shown
    assert Problem(Place(text, 1, 2), text, text).text() == f"{shown}:1:2: {shown} – {shown}"
    assert json.loads(json_for_terminal({"v": text})) == {"v": text}  # JSON: the same value, escaped
    assert for_terminal(json_for_terminal({"v": text}), lines=True) == json_for_terminal({"v": text})


def test_for_terminal_with_lines_keeps_the_newlines_between_messages():
    assert for_terminal("a\x1bb\nc\x9bd", lines=True) == "a\\x1bb\nc\\x9bd"


UNSAFE = [chr(c) for c in (*range(0x20), *range(0x7f, 0xa0), 0x2028, 0x2029, 0x202e, 0x2066)]


def test_a_round_folder_named_with_an_escape_and_a_newline_is_shown_escaped(tmp_path, golden):
    case_folder(tmp_path)
    (tmp_path / ROUND).rename(tmp_path / "content/rounds/2021\x1b[31m\nx")
    code, out, err = run_cli("check", "--now", NOW, cwd=tmp_path)
    assert (code, out) == (1, "")
    assert not any(c in err.replace("\n", "") for c in UNSAFE)
    assert len(err.splitlines()) == 2  # one problem, one summary: the newline in the name split nothing
    golden("reading/mappnamn-med-styrtecken.txt", err)


def test_json_output_escapes_c1_and_bidi_and_keeps_the_name(tmp_path):
    case_folder(tmp_path)
    name = "2021\x1b[31m\x9b2J\u202e\nx"
    (tmp_path / ROUND).rename(tmp_path / "content/rounds" / name)
    code, out, err = run_cli("check", "--now", NOW, "--format", "json", cwd=tmp_path)
    assert code == 1 and err == ""
    assert not any(c in out.replace("\n", "") for c in UNSAFE)
    assert json.loads(out)["problem"][0]["file"] == f"content/rounds/{name}"


def test_a_usage_error_quoting_the_command_line_is_shown_escaped():
    code, out, err = run_cli("check", "--now", "2021\x1b[2J\nkl")
    assert (code, out) == (2, "")
    assert err == ("fel i kommandot: --now: '2021\\x1b[2J\\nkl' är ingen tidpunkt – skriv datum och klockslag, "
                   "till exempel --now 2021-05-17T10:00 (se python build.py --help)\n")


# --- the reader itself ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size, read, shown", [(0, True, ""), (10, True, ""), (11, False, "11 byte"),
                                               (GIB, False, "1024 MB")])
def test_read_content_refuses_a_file_over_the_limit_by_its_stated_size(tmp_path, monkeypatch, size, read, shown):
    monkeypatch.chdir(tmp_path)
    with open(tmp_path / "f.yaml", "wb") as f:
        f.truncate(size)
    data, problems = read_content(tmp_path / "f.yaml", 10, "dela upp den")
    if read:
        assert (data, problems) == (b"\0" * size, [])
    else:
        assert data is None
        assert [p.text() for p in problems] == [f"f.yaml:1:1: filen är för stor ({shown}, högst 10 byte) – dela upp den"]


def test_read_content_reads_at_most_limit_plus_one_bytes_when_the_size_says_nothing(tmp_path):
    # /proc files state a size of 0; one that is longer than the limit is still refused.
    data, problems = read_content("/proc/self/status", 10, "x", root="/proc/self")
    assert data is None and "filen är för stor (11 byte, högst 10 byte)" in problems[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_read_content_does_not_wait_on_a_named_pipe(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "f.yaml")
    data, problems = read_content(tmp_path / "f.yaml", 10, "x")
    assert data is None
    assert [p.text() for p in problems] == [
        "f.yaml: filen kan inte läsas (det är ingen vanlig fil) – kontrollera att filen finns och går att öppna"]


@pytest.mark.parametrize("rel, root", [
    ("content/site.yaml", "content"),
    ("content/rounds/2021/round.yaml", "content"),
    ("content/rounds/2021/beviljade.csv", "content"),
    ("content/rounds/2021/lan/skane.yaml", "content"),
    ("rounds/2021/lan/skane.yaml", ""),  # run in the content folder
    ("content/rounds/lan/round.yaml", "content"),  # a round folder named lan
    ("elsewhere/f.yaml", "elsewhere"),  # not in the layout: its own folder
])
def test_content_root_follows_the_layout(rel, root):
    assert content_root(rel) == root


def test_leaving_link_names_the_first_link_out(tmp_path):
    root = tmp_path / "content"
    (root / "rounds" / "a").mkdir(parents=True)
    (tmp_path / "ut").mkdir()
    (root / "rounds" / "b").symlink_to("a")  # inside
    (root / "rounds" / "c").symlink_to("../../ut")  # out
    assert leaving_link(root / "rounds" / "b" / "round.yaml", root) is None
    assert leaving_link(root / "rounds" / "c" / "lan" / "x.yaml", root) == root / "rounds" / "c"
    assert leaving_link(root / "rounds" / "a" / "round.yaml", root) is None


def test_a_round_folder_linked_out_is_not_listed(tmp_path):
    root = case_folder(tmp_path) / "content"
    link(tmp_path, "content/rounds/2022", "../../utanfor/mapp")
    files = round_inputs(root / "rounds" / "2022")
    assert (files.county_names, files.stray_names, files.recipients) == ((), (), None)
