"""versions.files_of and same_bytes: what a deploy, the snapshot and the changed-feeds step see of a site."""
import os

import pytest

from pressrum.output_marker import MARKER
from pressrum.publish import versions


def make(tmp_path, spec):
    """A folder from ``spec``: path → bytes, or ("link", target) for a symlink."""
    root = tmp_path / "site"
    root.mkdir()
    for rel, what in spec.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(what, tuple):
            os.symlink(what[1], path)
        else:
            path.write_bytes(what)
    return root


@pytest.mark.parametrize("spec, expected", [
    ({}, []),
    ({"index.html": b"a"}, ["index.html"]),
    # the build's marker at the top is left out, the same name deeper is a file like any other
    ({MARKER: b"x", "a/" + MARKER: b"y"}, ["a/" + MARKER]),
    # nested folders, sorted by the whole relative path
    ({"b/index.html": b"1", "a/z/index.html": b"2", "a/index.html": b"3", "rss.xml": b"4"},
     ["a/index.html", "a/z/index.html", "b/index.html", "rss.xml"]),
    # symlinks are neither followed nor listed, to files or to folders
    ({"real/index.html": b"1", "link.html": ("link", "real/index.html"), "dir": ("link", "real")},
     ["real/index.html"]),
])
def test_files_of_lists_regular_files_by_relative_path(tmp_path, spec, expected):
    root = make(tmp_path, spec)
    found = versions.files_of(root)
    assert list(found) == expected
    assert all(os.path.samefile(path, root / rel) for rel, path in found.items())


def test_files_of_a_missing_folder_is_empty(tmp_path):
    assert versions.files_of(tmp_path / "nowhere") == {}


@pytest.mark.parametrize("a, b, same", [
    (b"abc", b"abc", True),
    (b"abc", b"abd", False),   # same size, other bytes
    (b"abc", b"abcd", False),  # other size
    (b"", b"", True),
])
def test_same_bytes(tmp_path, a, b, same):
    (tmp_path / "a").write_bytes(a)
    (tmp_path / "b").write_bytes(b)
    assert versions.same_bytes(tmp_path / "a", str(tmp_path / "b")) is same


def test_same_bytes_of_hard_links_reads_nothing_and_of_a_missing_file_is_false(tmp_path, monkeypatch):
    (tmp_path / "a").write_bytes(b"abc")
    os.link(tmp_path / "a", tmp_path / "b")
    (tmp_path / "c").write_bytes(b"abc")

    def no_reading(*args, **kwargs):
        raise AssertionError("read a file")

    monkeypatch.setattr(versions, "open", no_reading, raising=False)
    assert versions.same_bytes(tmp_path / "a", tmp_path / "b") is True
    with pytest.raises(AssertionError):  # a copy, not a link: its bytes must be read
        versions.same_bytes(tmp_path / "a", tmp_path / "c")
    assert versions.same_bytes(tmp_path / "a", tmp_path / "missing") is False
