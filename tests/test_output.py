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
from pressrum import output, output_files, output_link, output_lock, output_marker
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
        assert temporary.is_dir() and (temporary / output_marker.MARKER).is_file()
        # Seven files written; beside them (an update) the current site's files, hard-linked.
        assert len([p for p in temporary.rglob("*") if p.is_file() and p.name != output_marker.MARKER
                    and p.stat().st_nlink == 1]) == 7
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
    (mine / output_marker.MARKER).write_bytes(output_marker.MARKER_TEXT)
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
    assert err == (f"Pressrum skriver inte i mappen {shown_path}, eftersom {reason}. Ingenting har ändrats. "
                   f"Välj en ny eller tom mapp med --out.\n")
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
        "Pressrum skriver inte i mappen, eftersom mappen innehåller filer som Pressrum inte har skapat"]
    assert [p.name for p in foreign.iterdir()] == ["viktigt.txt"]


@pytest.mark.parametrize("state", ["missing", "empty", "ours"])
def test_new_empty_or_own_folders_are_accepted(tmp_path, state):
    out = tmp_path / "ut"
    if state != "missing":
        out.mkdir()
    if state == "ours":
        (out / output_marker.MARKER).write_bytes(output_marker.MARKER_TEXT)
        (out / "gammal.html").write_bytes(b"old")
    output.write_site({"index.html": b"ny"}, out)
    assert checksums(out) == {output_marker.MARKER: hashlib.sha256(output_marker.MARKER_TEXT).hexdigest(),
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
    assert len(trees[0]) == 36  # 29 files, a social card for each of the four releases, two county graphics, the marker
    assert sum(rel.endswith("/delning.png") for rel in trees[0]) == 4


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


# --- an update is published in one step, like a full build --------------------------------------

def _digests(files: dict[str, bytes]) -> dict[str, str]:
    return {rel: output.digest(data) for rel, data in files.items()}


@pytest.mark.parametrize("forking", [True, False], ids=["linked-by-a-child", "linked-at-the-commit"])
def test_an_update_is_one_swap_of_a_complete_tree(tmp_path, monkeypatch, forking):
    """After an edit only the changed files are written, but they are published with every
    unchanged file (hard-linked, not copied) in one swap: until it, the output is the previous
    site exactly; after it, the new one; never a mix."""
    monkeypatch.setattr(output_link, "fork_safe", lambda: forking)
    out = tmp_path / "releases"
    old = {"index.html": b"<a href='a/'>a</a> <a href='b/'>b</a>", "a/index.html": b"a", "b/index.html": b"b",
           "c/d/index.html": b"d"}
    output.write_site(old, out)
    new = {"index.html": b"<a href='a/'>a</a> <a href='e/'>e</a>", "a/index.html": b"a", "c/d/index.html": b"d",
           "e/index.html": b"e"}
    inodes = {rel: (out / rel).stat().st_ino for rel in old}
    seen = []
    real_swap = output._swap

    def swap(staged, target):
        assert _tree(target) == {**old, output_marker.MARKER: output_marker.MARKER_TEXT}  # untouched until now
        assert _tree(staged) == {**new, output_marker.MARKER: output_marker.MARKER_TEXT}  # the complete new site
        assert {rel: (staged / rel).stat().st_ino for rel in ("a/index.html", "c/d/index.html")} == \
            {rel: inodes[rel] for rel in ("a/index.html", "c/d/index.html")}
        seen.append(staged)
        real_swap(staged, target)

    monkeypatch.setattr(output, "_swap", swap)
    with output.Staging(out, last_output=_digests(old)) as staging:
        written = staging.commit({rel: staging.put(rel, new[rel]) for rel in sorted(new)})
    assert len(seen) == 1
    assert written == ["e/index.html", "index.html"]
    assert _tree(out) == {**new, output_marker.MARKER: output_marker.MARKER_TEXT}
    assert (out / "a" / "index.html").stat().st_ino == inodes["a/index.html"]  # the same file, not a copy
    assert not (out / "b").exists()
    assert siblings(out) == []


def test_an_update_refuses_an_output_that_is_no_longer_ours(tmp_path):
    """The marker is read again at the commit: a folder that lost it is not replaced."""
    out = tmp_path / "releases"
    old = {"index.html": b"x"}
    output.write_site(old, out)
    with output.Staging(out, last_output=_digests(old)) as staging:
        files = {"index.html": staging.put("index.html", b"y")}
        (out / output_marker.MARKER).unlink()
        with pytest.raises(FileNotFoundError):
            staging.commit(files)
    assert _tree(out) == old
    assert siblings(out) == []


def test_a_removal_cut_short_leaves_a_temporary_the_next_build_removes(tmp_path, monkeypatch):
    """Ctrl-C (or a kill) while the staging folder – after a commit, the previous site – is being
    removed: its marker goes last, so what is left is recognisably ours and goes next time."""
    out = tmp_path / "releases"
    output.write_site({"index.html": b"x"}, out)
    staging = output.Staging(out)
    for i in range(100):
        staging.put(f"sida-{i:03d}.html", b"y")
    real_unlink, count = os.unlink, [0]

    def unlink(path, *args, **kwargs):
        count[0] += 1
        if count[0] > 90:
            raise KeyboardInterrupt
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    with pytest.raises(KeyboardInterrupt):
        staging.abandon()
    monkeypatch.undo()
    assert (staging.tmp / output_marker.MARKER).is_file()
    os.rename(staging.tmp, out.parent / ".releases.ny-999999999")  # as left by a process that is gone
    output.write_site({"index.html": b"z"}, out)
    assert siblings(out) == []


def test_ctrl_c_is_told_whether_the_output_was_replaced(tmp_path):
    """cli.main says "utmappen är oförändrad" only when the output folder is the one it was."""
    out = tmp_path / "releases"
    output.write_site({"index.html": b"x"}, out)
    with pytest.raises(KeyboardInterrupt) as exc:
        with output_lock.interrupt_truth(out):
            raise KeyboardInterrupt
    assert type(exc.value) is KeyboardInterrupt
    with pytest.raises(output_lock.InterruptedAfterCommit) as exc:
        with output_lock.interrupt_truth(out):
            output.write_site({"index.html": b"y"}, out)
            raise KeyboardInterrupt
    assert exc.value.out == out
    fresh = tmp_path / "ny"
    with pytest.raises(output_lock.InterruptedAfterCommit):
        with output_lock.interrupt_truth(fresh):
            output.write_site({"index.html": b"y"}, fresh)
            raise KeyboardInterrupt


_KILLED_DURING_LINKING = r"""
import os, sys, time
from pathlib import Path
from pressrum import output, output_link
out = Path(sys.argv[1])
staging = output.Staging(out, last_output={p.relative_to(out).as_posix(): "x" for p in out.rglob("*.html")})
print(staging._linker, flush=True)
prctl, parent = output_link._prctl(), os.getpid()
child = os.fork()
if child == 0:  # as the linker is set up, but with no end of work
    output_link._die_with_parent(prctl, parent)
    time.sleep(60)
    os._exit(0)
print(child, flush=True)
time.sleep(60)
"""


def test_a_build_killed_while_its_linker_runs_takes_the_linker_with_it(tmp_path):
    """kill -9 of the build alone (not its process group): the child linking the site into the
    staging folder dies with it (however much it has left to link), so nothing writes into the
    leftover the next build removes."""
    out = tmp_path / "releases"
    output.write_site({f"{i // 10}/{i}.html": b"x" for i in range(200)}, out)
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_DURING_LINKING, str(out)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        linker, forever = int(proc.stdout.readline()), int(proc.stdout.readline())
    finally:
        proc.kill()
        proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (_running(linker) or _running(forever)):
        time.sleep(0.01)
    assert not _running(linker) and not _running(forever)
    output.write_site({"index.html": b"ny"}, out)
    assert siblings(out) == []


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def test_a_ctrl_c_while_a_temporary_folder_is_removed_comes_after_the_removal(tmp_path, monkeypatch):
    """shutil.rmtree interrupted between closing a directory and its own ``finally`` closes it
    twice (EBADF, reported as 'internt fel'); so the removal holds Ctrl-C and raises it when done."""
    folder = tmp_path / ".releases.ny-1"
    for i in range(3):
        (folder / f"d{i}").mkdir(parents=True)
        (folder / f"d{i}" / "index.html").write_bytes(b"x")
    (folder / output_marker.MARKER).write_bytes(b"")
    real_unlink, sent = os.unlink, []

    def unlink(path, *args, **kwargs):
        if not sent:  # Ctrl-C arrives in the middle of the removal
            sent.append(path)
            os.kill(os.getpid(), signal.SIGINT)
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    with pytest.raises(KeyboardInterrupt):
        output_files._remove_ours(folder)
    assert sent and not folder.exists()


EARLIER = [("2021/beslut/", "Rubrik"), ("2021/beslut/skane/", 'Citat "så"'), ("2022/beslut/", "Åäö – ”x”")]


@pytest.mark.parametrize("now_published", [
    EARLIER,  # the same releases and headlines: the same marker bytes, no line parsed
    list(reversed(EARLIER)),  # the same, given in another order
    [EARLIER[0], EARLIER[1], ("2022/beslut/", "Ny rubrik")],  # a headline changed: nothing gone
    EARLIER[:2],  # a release left out
    [("2023/beslut/", "Annan")],  # every earlier release left out
    [],
])
@pytest.mark.parametrize("hand_edited", [False, True])
def test_gone_is_the_earlier_marker_less_what_this_build_publishes(tmp_path, now_published, hand_edited):
    """Staging.gone (its shortcut for an unchanged marker included) against the plain reference:
    every line published_before reads whose path this build does not publish."""
    out = tmp_path / "releases"
    out.mkdir()
    marker = output_marker.marker_bytes(False, EARLIER)
    if hand_edited:  # a line that names nothing, and one written by hand with other spacing
        marker += b'publicerat: ["trasig\n' + b'publicerat: ["2024/beslut/","Handskriven"]\n'
    (out / output_marker.MARKER).write_bytes(marker)
    (out / "index.html").write_bytes(b"<p>x</p>")
    shown = {path for path, _ in now_published}
    reference = tuple(line for line in output_marker.published_before(out) if line[1] not in shown)
    staging = output.Staging(out)
    try:
        staging.mark(iter(now_published))
        assert staging.gone() == reference
    finally:
        staging.abandon()
