"""Atomic, guarded and reproducible output.

A failing build – broken content, broken template, a writer that dies after some files, a
process killed mid-write with SIGKILL or interrupted with SIGINT – leaves the previous site
byte for byte as it was; temporary folders of a killed build are never published and are
removed by the next build; files of releases that no longer exist disappear. Destructive
``--out`` folders are refused and left untouched. Two builds are byte-identical.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CONTENT, FIXTURES, NOW, ROOT, TEMPLATES, bench_module, run_cli
from pressrum import output
from pressrum.errors import BuildFailed

EMBARGO = FIXTURES / "embargo"


def checksums(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` (and the set of folders), keyed by relative path."""
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        out[rel] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
    return out


def build(out: Path, content: Path = CONTENT, templates: Path = TEMPLATES, now: str = NOW, cwd: Path = ROOT):
    return run_cli("build", "--content", str(content), "--templates", str(templates), "--out", str(out),
                   "--now", now, cwd=cwd)


@pytest.fixture
def site(tmp_path) -> Path:
    """A good build of the bundled content in tmp/releases."""
    out = tmp_path / "releases"
    code, _, err = build(out)
    assert code == 0, err
    return out


def siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


# --- a failing build leaves the previous site as it was ----------------------------------------

def test_broken_template_leaves_the_site_byte_for_byte(tmp_path, site):
    before = checksums(site)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    page = templates / "site" / "release.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ release.title }}</h1>", "{{ release.title }</h1>"),
                    encoding="utf-8")
    code, _, err = build(site, templates=templates)
    assert code == 1
    assert "syntaxfel i mallen" in err and "release.html.j2:" in err
    assert checksums(site) == before
    assert siblings(site) == []


def test_broken_content_leaves_the_site_byte_for_byte(tmp_path, site):
    before = checksums(site)
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    round_file = content / "rounds" / "2021" / "round.yaml"
    round_file.write_text(round_file.read_text(encoding="utf-8").replace("ansökningar: 232", "ansökningar: många"),
                          encoding="utf-8")
    code, _, err = build(site, content=content)
    assert code == 1
    assert "round.yaml:" in err and "ett fel i en fil" in err
    assert checksums(site) == before


def test_writer_dying_after_some_files_leaves_the_site_and_no_temporary(tmp_path, site, monkeypatch):
    """A full disk or any error after N files: the write is abandoned, the old site stays."""
    before = checksums(site)
    written = []
    real = output.write_new

    def failing(path, data):
        written.append(path)
        if len(written) > 6:
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(output, "write_new", failing)
    files = {f"{i:02d}/index.html": b"<p>ny</p>" for i in range(20)}
    with pytest.raises(OSError):
        output.write_site(files, site)
    monkeypatch.undo()
    assert len(written) == 7 and all(str(p).startswith(str(site.parent / ".releases.ny-")) for p in written)
    assert checksums(site) == before
    assert siblings(site) == []


_SLOW_WRITER = """
import os, sys, time
import pressrum.output
real = pressrum.output.write_new
real_link = os.link  # unchanged files are hard-linked from the previous site, not written
count = [0]
def tick(path):
    if ".releases.ny-" in str(path):  # only the site's own files, not a build cache
        count[0] += 1
    if count[0] == 8:
        count[0] += 1
        print("mitt i skrivningen", flush=True)
        time.sleep(60)
def slow(path, data):
    tick(path)
    return real(path, data)
def slow_link(src, dst, **kwargs):
    tick(dst)
    return real_link(src, dst, **kwargs)
pressrum.output.write_new = slow
os.link = slow_link
from pressrum.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _start_slow_build(out: Path, content: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, "build", "--content", str(content), "--templates",
                             str(TEMPLATES), "--out", str(out), "--now", "2022-06-01T12:00"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()  # blocks until the writer is stuck after 7 files
        assert line == "mitt i skrivningen\n", proc.stderr.read()
    except BaseException:
        proc.kill()
        raise
    return proc


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_build_killed_mid_write_leaves_the_site(tmp_path, site, sig):
    before = checksums(site)
    proc = _start_slow_build(site, EMBARGO)
    try:
        temporary = site.parent / f".releases.ny-{proc.pid}"
        assert temporary.is_dir() and (temporary / output.MARKER).is_file()
        assert len([p for p in temporary.rglob("*") if p.is_file() and p.name != output.MARKER]) == 7
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert checksums(site) == before
    if sig == signal.SIGINT:
        assert proc.returncode == 130
        assert err == "avbrutet – utmappen är oförändrad\n"
        assert siblings(site) == []  # cleaned up on the way out
    else:
        assert proc.returncode == -signal.SIGKILL
        assert siblings(site) == [temporary.name]  # a killed process cannot clean up …
        # … the next build removes the leftover, and never publishes any of it.
        code, _, err = build(site, content=EMBARGO, now="2022-06-01T12:00")
        assert code == 0, err
        assert siblings(site) == []
        assert (site / "2022" / "beslut" / "stockholm" / "index.html").is_file()


def test_leftover_of_a_running_build_is_not_touched(tmp_path, site):
    """Only temporaries of processes that no longer run are removed."""
    mine = site.parent / f".releases.ny-{os.getppid()}"  # pytest's parent: alive
    mine.mkdir()
    (mine / output.MARKER).write_bytes(output.MARKER_TEXT)
    code, _, err = build(site)
    assert code == 0, err
    assert mine.is_dir()


def test_files_of_removed_releases_disappear(tmp_path):
    out = tmp_path / "releases"
    code, _, err = build(out, content=EMBARGO, now="2022-06-01T12:00")
    assert code == 0, err
    assert (out / "2022" / "beslut" / "stockholm" / "index.html").is_file()
    code, _, err = run_cli("build", "--content", str(CONTENT), "--templates", str(TEMPLATES), "--out", str(out),
                           "--now", NOW, "--unpublish")  # the bundled content has no 2022 round: said on purpose
    assert code == 0, err
    assert not [p for p in checksums(out) if "2022" in p or "stockholm" in p]
    fresh = tmp_path / "fresh"
    assert build(fresh)[0] == 0
    assert checksums(out) == checksums(fresh)


# --- the output guard ----------------------------------------------------------------------

def _workspace(tmp_path: Path) -> tuple[Path, Path]:
    """A project folder with content/, templates/ and a file of the user's own, and a fake home."""
    work = tmp_path / "projekt"
    shutil.copytree(CONTENT, work / "content")
    shutil.copytree(TEMPLATES, work / "templates")
    (work / "anteckningar.txt").write_text("mina anteckningar\n", encoding="utf-8")
    (work / "foreign").mkdir()
    (work / "foreign" / "bild.png").write_bytes(b"\x89PNG")
    (work / "en-fil").write_text("x\n", encoding="utf-8")
    home = tmp_path / "hem"
    home.mkdir()
    (home / "brev.txt").write_text("hej\n", encoding="utf-8")
    return work, home


def _run(args: list[str], cwd: Path, home: Path) -> tuple[int, str, str]:
    env = {**os.environ, "HOME": str(home)}
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("out, reason", [
    (".", "det är arbetsmappen eller en mapp som innehåller den"),
    ("..", "det är arbetsmappen eller en mapp som innehåller den"),
    ("content", "den är eller innehåller content, som Pressrum läser från"),
    ("content/rounds", "den är eller innehåller content, som Pressrum läser från"),
    ("templates", "den är eller innehåller templates, som Pressrum läser från"),
    ("~", "det är din hemmapp"),
    ("HOME", "det är din hemmapp"),
    ("/", "det är filsystemets rot"),
    ("foreign", "mappen innehåller filer som Pressrum inte har skapat"),
    ("en-fil", "det finns redan en fil med det namnet"),
])
def test_destructive_out_is_refused_and_untouched(tmp_path, out, reason):
    work, home = _workspace(tmp_path)
    before_work, before_home = checksums(work), checksums(home)
    shown = str(home) if out == "HOME" else out
    code, stdout, err = _run(["build", "--content", "content", "--templates", "templates", "--now", NOW,
                              "--out", shown], work, home)
    assert code == 2
    assert stdout == ""
    shown_path = str(home) if out in ("~", "HOME") else out
    assert err == (f"fel i kommandot: utmappen {shown_path} används inte: {reason}. Inget har skrivits eller tagits "
                   f"bort – välj en ny eller tom mapp med --out – se python build.py --help\n")
    assert "Traceback" not in err
    assert checksums(work) == before_work and checksums(home) == before_home
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hem", "projekt"]


def test_write_site_itself_refuses_a_foreign_folder(tmp_path):
    """The guard also holds for callers other than the CLI (serve, tests)."""
    foreign = tmp_path / "annat"
    foreign.mkdir()
    (foreign / "viktigt.txt").write_text("behåll\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as exc:
        output.write_site({"index.html": b"x"}, foreign)
    assert [p.message for p in exc.value.problems] == [
        "utmappen används inte: mappen innehåller filer som Pressrum inte har skapat"]
    assert [p.name for p in foreign.iterdir()] == ["viktigt.txt"]


@pytest.mark.parametrize("state", ["missing", "empty", "ours"])
def test_new_empty_or_own_folders_are_accepted(tmp_path, state):
    out = tmp_path / "ut"
    if state != "missing":
        out.mkdir()
    if state == "ours":
        (out / output.MARKER).write_bytes(output.MARKER_TEXT)
        (out / "gammal.html").write_bytes(b"old")
    output.write_site({"index.html": b"ny"}, out)
    assert checksums(out) == {output.MARKER: hashlib.sha256(output.MARKER_TEXT).hexdigest(),
                              "index.html": hashlib.sha256(b"ny").hexdigest()}


# --- reproducible ------------------------------------------------------------------------------

def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_two_builds_are_byte_identical_whatever_the_hash_seed_and_file_order(tmp_path):
    # A second copy of the content whose files are created in reverse order (directory order differs).
    reversed_content = tmp_path / "omvand"
    for src in sorted(EMBARGO.rglob("*"), reverse=True):
        if src.is_file():
            dest = reversed_content / src.relative_to(EMBARGO)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
    trees = []
    for name, content, seed, drafts in (("a", EMBARGO, "1", ()), ("b", reversed_content, "4242", ()),
                                        ("c", EMBARGO, "7", ("--drafts",)), ("d", reversed_content, "99", ("--drafts",))):
        out = tmp_path / name
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                               "--templates", str(TEMPLATES), "--out", str(out), "--now", "2022-06-01T12:00", *drafts],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        trees.append(_tree(out))
    assert trees[0] == trees[1]
    assert trees[2] == trees[3]
    assert {"sitemap.xml", "rss.xml", "atom.xml", "lan/stockholm/atom.xml"} <= set(trees[0])
    assert len(trees[0]) == 29  # 28 files and the marker


def test_ctrl_c_during_a_build_in_worker_processes(tmp_path):
    """Ctrl-C reaches the whole process group: the workers leave it to the main process, which
    stops them and says so in one Swedish line; the previous site stays; no traceback."""
    bench = bench_module()
    content = tmp_path / "content"
    bench.generate(22 * 40, content)
    out = tmp_path / "releases"
    code, _, err = build(out, content=content, now="2100-12-31T12:00")
    assert code == 0, err
    before = checksums(out)
    (content / "site.yaml").write_text((content / "site.yaml").read_text(encoding="utf-8")
                                       .replace("Delegationen mot segregation", "Delegationen", 1), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "build.py", "build", "--content", str(content), "--out", str(out),
                             "--now", "2100-12-31T12:00"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=dict(os.environ, PRESSRUM_WORKERS="2"), start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        # Wait until the workers run (the staging folder holds a built round), then Ctrl-C the group.
        while time.monotonic() < deadline and not any(p.rglob("index.md") for p in out.parent.glob(".releases.ny-*")):
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert (proc.returncode, err) == (130, "avbrutet – utmappen är oförändrad\n")
    assert checksums(out) == before
    assert siblings(out) == []
