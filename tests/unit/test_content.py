"""content.round_inputs is what the loader reads and what the build cache fingerprints."""
from __future__ import annotations

import pytest

from pressrum.content import round_inputs
from pressrum.fingerprint import FileDigests, content_fingerprint


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    (root / "rounds" / "2021" / "lan").mkdir(parents=True)
    (root / "site.yaml").write_text("a: 1\n", encoding="utf-8")
    (root / "rounds" / "2021" / "round.yaml").write_text("år: 2021\n", encoding="utf-8")
    (root / "rounds" / "2021" / "lan" / "skane.yaml").write_text("län: Skåne\n", encoding="utf-8")
    return root


def fingerprints(root):
    return content_fingerprint(root, FileDigests())


def test_round_inputs_lists_what_the_loader_reads(content):
    folder = content / "rounds" / "2021"
    (folder / "beviljade.csv").write_text("namn\n", encoding="utf-8")
    (folder / "anteckning.txt").write_text("x", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"")
    files = round_inputs(folder)
    assert files.read() == ["round.yaml", "beviljade.csv", "lan/skane.yaml"]
    assert files.counties == (folder / "lan" / "skane.yaml",) and files.recipients == folder / "beviljade.csv"
    assert [p.name for p in files.strays] == ["anteckning.txt"]  # hidden files are never read


@pytest.mark.parametrize("change, changes", [
    (lambda root: (root / "rounds/2021/lan/skane.yaml").write_text("län: Skåne\nx: 1\n", encoding="utf-8"), True),
    (lambda root: (root / "rounds/2021/lan/gotland.yaml").write_text("", encoding="utf-8"), True),
    (lambda root: (root / "rounds/2021/stray.txt").write_text("", encoding="utf-8"), True),
    (lambda root: (root / "rounds/2021/beviljade.csv").write_text("namn\n", encoding="utf-8"), True),
    (lambda root: (root / "rounds/2021/.swp").write_text("", encoding="utf-8"), False),
    (lambda root: (root / "README.md").write_text("# Guide\n", encoding="utf-8"), True),  # a new entry: layout
    (lambda root: (root / "site.yaml").write_text("a: 2\n", encoding="utf-8"), True),
])
def test_the_fingerprint_changes_exactly_when_what_is_read_changes(content, change, changes):
    before, rounds_before = fingerprints(content)
    change(content)
    after, rounds_after = fingerprints(content)
    assert (after != before) is changes
    assert "2021" in rounds_after


def test_the_editors_guide_is_not_read(content):
    (content / "README.md").write_text("# Guide\n", encoding="utf-8")
    before, _ = fingerprints(content)
    (content / "README.md").write_text("# Guide, ändrad\n", encoding="utf-8")
    assert fingerprints(content)[0] == before
