"""An update staged in the previous site the build cache kept (``pressrum/spare.py``) publishes
byte for byte what a full build from scratch does, whatever happened to the kept folder; and
it links only what the kept folder lacks."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from pressrum import fingerprint, output, output_link, output_marker, spare
import test_cache
from test_cache import _cache_dir, edit_quote, files

generated, site = test_cache.generated, test_cache.site  # its fixtures, here too


def kept(ws) -> Path:
    return spare.spare_folder(_cache_dir(ws.out))


def linked(monkeypatch) -> list[int]:
    """How many files each update's linker is given."""
    counts: list[int] = []
    original = output._start_linker

    def counting(out, tmp, rels, before, *scanned):
        counts.append(len(rels) if rels is not None else -1)
        return original(out, tmp, rels, before, *scanned)

    monkeypatch.setattr(output, "_start_linker", counting)
    return counts


def test_an_update_keeps_the_previous_site_and_the_next_stages_in_it(site, monkeypatch):
    counts = linked(monkeypatch)
    assert not kept(site).exists()  # a first build keeps nothing: there was no previous site
    edit_quote(site)
    site.build()
    assert kept(site).is_dir()  # the update kept the previous site
    total = len(files(site.out))
    edit_quote(site)
    site.build()
    assert files(site.out) == site.full_build()
    # The first update linked the whole site; the second fixed the kept folder (spare.fix).
    assert counts == [total - 1, -1]
    assert not [p for p in site.root.iterdir() if p.name.startswith(".releases.")]


def _one_page(folder: Path) -> Path:
    return sorted(folder.rglob("index.html"))[3]


def _add_file(folder: Path) -> None:
    (folder / "planterad.html").write_bytes(b"<p>planterad</p>")


def _add_folder(folder: Path) -> None:
    (folder / "ny" / "djup").mkdir(parents=True)
    (folder / "ny" / "djup" / "index.html").write_bytes(b"x")


def _remove_file(folder: Path) -> None:
    _one_page(folder).unlink()


def _replace_file(folder: Path) -> None:  # same path, another inode, other bytes
    page = _one_page(folder)
    page.unlink()
    page.write_bytes(b"<p>utbytt</p>")


def _symlink_file(folder: Path) -> None:
    page = _one_page(folder)
    page.unlink()
    page.symlink_to("/etc/hostname")


def _file_for_folder(folder: Path) -> None:  # a folder of the site replaced by a file
    sub = _one_page(folder).parent
    shutil.rmtree(sub)
    sub.write_bytes(b"fil")


def _empty_it(folder: Path) -> None:
    shutil.rmtree(folder)
    folder.mkdir()


def _symlink_folder(folder: Path) -> Path:  # the kept folder a link elsewhere: never followed
    target = Path(tempfile.mkdtemp(dir=folder.parent, prefix="annanstans-"))
    (target / "viktig.txt").write_bytes(b"orord")
    shutil.rmtree(folder)
    folder.symlink_to(target)
    return target


TAMPERING = [_add_file, _add_folder, _remove_file, _replace_file, _symlink_file, _file_for_folder, _empty_it,
             _symlink_folder]


@pytest.mark.parametrize("how", ["child", "here", "child-fails"])
@pytest.mark.parametrize("tamper", TAMPERING, ids=[t.__name__.strip("_") for t in TAMPERING])
def test_whatever_happened_to_the_kept_folder_the_update_is_the_full_build(site, tamper, how, monkeypatch):
    """The kept folder is fixed by the linker's child, here (no forking), or here at the commit
    after the child failed (sparing the files put meanwhile)."""
    edit_quote(site)
    site.build()
    elsewhere = tamper(kept(site))
    if how == "here":
        monkeypatch.setattr(output_link, "fork_safe", lambda: False)
    elif how == "child-fails":
        parent, real = os.getpid(), output_link.fix

        def failing_in_the_child(*args):
            if os.getpid() != parent:
                raise OSError("the child fails")
            return real(*args)

        monkeypatch.setattr(output_link, "fix", failing_in_the_child)
    edit_quote(site)
    site.build()
    assert files(site.out) == site.full_build()
    assert not [p for p in site.root.iterdir() if p.name.startswith(".releases.")]
    if elsewhere is not None:
        assert files(elsewhere) == {"viktig.txt": b"orord"}


def test_a_kept_folder_of_no_use_is_removed_by_a_build_from_nothing(site):
    edit_quote(site)
    site.build()
    assert kept(site).is_dir()
    shutil.rmtree(site.out)  # the output removed by hand: the next build starts from nothing
    edit_quote(site)
    site.build()
    assert not kept(site).exists()
    assert files(site.out) == site.full_build()


def test_a_failing_update_leaves_no_kept_folder_and_the_next_build_is_right(site, monkeypatch):
    edit_quote(site)
    site.build()

    def failing(path, data):
        raise OSError(28, "No space left on device")

    edit_quote(site)
    monkeypatch.setattr(output, "write_new", failing)
    with pytest.raises(OSError):
        site.build()
    monkeypatch.undo()
    assert not kept(site).exists() and not [p for p in site.root.iterdir() if p.name.startswith(".releases.")]
    site.build()
    assert files(site.out) == site.full_build()


def _tree(root: Path, spec: dict) -> None:
    for rel, value in spec.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if value == "dir":
            path.mkdir(exist_ok=True)
        elif value == "symlink":
            path.symlink_to(root.parent / "out" / "a.html")
        elif isinstance(value, str) and value.startswith("link:"):
            os.link(root.parent / "out" / value[5:], path)
        else:
            path.write_bytes(value)


SKIP = frozenset({output_marker.MARKER})
# (the kept folder, exempt, the files it lacks after the fix): the output holds a.html, b/c.html, the marker.
FIXES = [
    ({"a.html": "link:a.html", "b/c.html": "link:b/c.html"}, (), []),
    ({}, (), ["a.html", "b/c.html"]),
    ({"a.html": b"old"}, (), ["a.html", "b/c.html"]),
    ({"a.html": "link:a.html", "x/y/z.html": b"z", "x/w": "dir", "b/c.html": "link:b/c.html"}, (), []),
    ({"b": b"a file where the output has a folder"}, (), ["a.html", "b/c.html"]),
    ({"a.html": "link:b/c.html"}, (), ["a.html", "b/c.html"]),  # the output's file at another path
    ({"a.html": "symlink", "b/c.html": "link:b/c.html"}, (), ["a.html"]),
    ({output_marker.MARKER: b"old marker", "a.html": "link:a.html"}, (), ["b/c.html"]),
    # Written for the new site meanwhile: left as they are, and not to be linked.
    ({"a.html": b"new", "n/y.html": b"new"}, ("a.html", "n/y.html"), ["b/c.html"]),
]


def _their_listing(out: Path, side: str):
    """The output's side of spare.fix: walked by fix itself, or the build cache's scan of it."""
    return None if side == "walked" else spare.scanned_listing(*fingerprint.output_scan(out))


@pytest.mark.parametrize("side", ["walked", "scanned"])
@pytest.mark.parametrize("layout, exempt, lacking", FIXES)
def test_fix_leaves_only_the_outputs_own_files(tmp_path, layout, exempt, lacking, side):
    out, keep = tmp_path / "out", tmp_path / "keep"
    _tree(out, {"a.html": b"a", "b/c.html": b"c", output_marker.MARKER: b"marker"})
    keep.mkdir()
    _tree(keep, layout)
    assert spare.fix(str(keep), str(out), SKIP, frozenset(exempt), _their_listing(out, side)) == lacking
    for rel in lacking:
        (keep / rel).parent.mkdir(parents=True, exist_ok=True)
        os.link(out / rel, keep / rel)
    expected = {"a.html": b"a", "b/c.html": b"c"}
    expected.update({rel: layout[rel] for rel in exempt})
    if output_marker.MARKER in layout:
        expected[output_marker.MARKER] = layout[output_marker.MARKER]  # the staging's own: left alone
    assert files(keep) == expected
    assert sorted(str(p.relative_to(keep)) for p in keep.rglob("*") if p.is_dir()) == \
        sorted({str(Path(rel).parent) for rel in expected if "/" in rel})


def test_fix_refuses_folders_on_two_file_systems(tmp_path):
    if os.stat(tmp_path).st_dev == os.stat("/dev/shm").st_dev if os.path.isdir("/dev/shm") else True:
        pytest.skip("no second file system at hand")
    other = Path(tempfile.mkdtemp(dir="/dev/shm"))
    try:
        with pytest.raises(OSError):
            spare.fix(str(other), str(tmp_path), SKIP)
    finally:
        shutil.rmtree(other)



# Output trees: (path → bytes, "dir", "symlink" or "link:<path>", a hard link to a file above).
OUTPUTS = [
    {},
    {"a.html": b"a"},
    {"a.html": b"a", "b/c.html": b"c", "b/d/e/f.txt": b"f", output_marker.MARKER: b"m"},
    {"a.html": b"a", "s": "symlink", "b/c.html": "link:a.html"},  # a link to a file, a second name
    {"x/y/z/w.png": b"\x89PNG", "x/q.md": b"q", "x/y/r.txt": b""},
]


@pytest.mark.parametrize("tree", OUTPUTS)
def test_the_scanned_listing_is_the_walked_one(tmp_path, tree):
    """spare.scanned_listing of the build cache's scan equals spare.listing of a walk, and the
    scan's sizes and times are output_state's."""
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "a.html").write_bytes(b"outside")  # what "symlink" points to
    for rel, value in tree.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if value == "symlink":
            path.symlink_to(tmp_path / "a.html")
        elif isinstance(value, str):
            os.link(out / value[5:], path)
        else:
            path.write_bytes(value)
    state, inodes = fingerprint.output_scan(out)
    assert state == fingerprint.output_state(out)
    assert spare.scanned_listing(state, inodes) == spare.listing(str(out))
    assert set(state) == set(tree)


def test_an_update_fixes_the_kept_folder_from_the_scan_without_walking_the_output(site, monkeypatch):
    """The build walks the output once: the kept folder is fixed with the build cache's scan of
    it (here in this process, the linker not forked, to see what is walked), and the update is
    the full build."""
    edit_quote(site)
    site.build()
    _replace_file(kept(site))  # something to fix
    monkeypatch.setattr(output_link, "fork_safe", lambda: False)
    walked, real = [], spare.listing
    monkeypatch.setattr(spare, "listing", lambda root: walked.append(root) or real(root))
    edit_quote(site)
    site.build()
    assert files(site.out) == site.full_build()
    assert walked and str(site.out.resolve()) not in walked


def _changed_size(state: dict) -> dict:
    rel = sorted(state)[0]
    return {**state, rel: (state[rel][0] + 1, state[rel][1])}


# What the scan's child is told to expect: the output's state itself, a copy of it in another
# order, the state with one size changed, one file fewer, nothing.
EXPECTATIONS = {
    "equal": lambda state: state,
    "equal, other order": lambda state: dict(sorted(state.items(), reverse=True)),
    "one size changed": _changed_size,
    "one file fewer": lambda state: dict(list(state.items())[1:]),
    "nothing": lambda state: None,
}


@pytest.mark.parametrize("forked", [True, False], ids=["child", "here"])
@pytest.mark.parametrize("expect", EXPECTATIONS.values(), ids=EXPECTATIONS.keys())
@pytest.mark.parametrize("tree", OUTPUTS[1:])
def test_the_scan_compared_in_its_child_is_the_scan(tmp_path, tree, expect, forked, monkeypatch):
    """memo._Scan's child compares the output with what the manifest expects and sends only the
    inodes when they are equal: its state and inodes (aligned) are fingerprint.output_scan's,
    forked or not, whatever it was told to expect."""
    from pressrum import memo

    out = tmp_path / "out"
    test_the_scanned_listing_is_the_walked_one(tmp_path, tree)  # builds the tree in out
    state, inodes = fingerprint.output_scan(out)
    monkeypatch.setattr(memo, "fork_safe", lambda: forked)
    expected = expect(state)
    scan = memo._Scan(out, expected)
    assert (scan.pid is not None) == forked
    value = scan.value()
    assert value == state and dict(zip(value, scan.inodes)) == dict(zip(state, inodes))
    if forked and expected == state:
        assert value is expected  # only the inodes came through the pipe
    assert spare.scanned_listing(value, scan.inodes) == spare.listing(str(out))


@pytest.mark.parametrize("forked", [True, False], ids=["child", "here"])
@pytest.mark.parametrize("same", [True, False], ids=["unchanged", "changed"])
def test_a_scan_told_how_to_read_what_it_expects_reads_it_in_its_child(tmp_path, forked, same, monkeypatch):
    """memo.DiskMemo gives the scan a function that reads output.bin: the child calls it (this
    process need not have read it before the fork), and this process calls it only when the
    child found the output equal, for the state the value then is."""
    from pressrum import memo

    out = tmp_path / "out"
    test_the_scanned_listing_is_the_walked_one(tmp_path, OUTPUTS[1])
    state, inodes = fingerprint.output_scan(out)
    calls = []

    def stored():
        calls.append(os.getpid())
        return dict(state) if same else dict(list(state.items())[1:])

    monkeypatch.setattr(memo, "fork_safe", lambda: forked)
    scan = memo._Scan(out, stored)
    value = scan.value()
    assert value == state and dict(zip(value, scan.inodes)) == dict(zip(state, inodes))
    if forked:
        # Called in the child; here only when the child found them equal (and value is its result).
        assert calls == ([os.getpid()] if same else [])
    else:
        assert calls == []  # read here: the state is the scan itself


@pytest.mark.parametrize("room", ["held", "over the limit"])
def test_files_put_while_the_kept_folder_is_fixed_are_held_then_written(site, room, monkeypatch):
    """put(), in the process that made the staging folder, holds the files it is given while the
    fixing child still works (at 20 000 releases this process waited 126-188 ms for it at its
    first file), up to output.PENDING_BYTES, and writes them once the child is done; either way
    the update is byte for byte the full build."""
    import time

    edit_quote(site)
    site.build()  # keeps the previous site
    assert kept(site).is_dir()
    monkeypatch.setattr(output_link, "fork_safe", lambda: True)
    parent, real = os.getpid(), output_link.fix

    def slow_in_the_child(*args):
        if os.getpid() != parent:
            time.sleep(0.5)  # every file of the update is put meanwhile
        return real(*args)

    monkeypatch.setattr(output_link, "fix", slow_in_the_child)
    if room == "over the limit":
        monkeypatch.setattr(output, "PENDING_BYTES", -1)
    held, settle = [], output.Staging._settle

    def settling(self):
        held.append(len(self._pending))
        return settle(self)

    monkeypatch.setattr(output.Staging, "_settle", settling)
    edit_quote(site)
    site.build()
    assert files(site.out) == site.full_build()
    assert not [p for p in site.root.iterdir() if p.name.startswith(".releases.")]
    if room == "held":
        assert held[-1] > 0  # the commit wrote what was held
    else:
        assert held and max(held) == 0  # the first file waited for the child, as before
