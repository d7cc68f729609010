"""fingerprint.py's fast path: library versions from dist-info folder names ≡ importlib.metadata."""
from __future__ import annotations

from importlib import metadata

import pytest

from pressrum import fingerprint


@pytest.mark.parametrize("name", [*fingerprint.LIBRARIES, "pressrum", "pytest", "no-such-distribution-x"])
def test_versions_from_folder_names_equal_importlib_metadata(name):
    try:
        expected = metadata.version(name)
    except metadata.PackageNotFoundError:
        expected = None
    assert fingerprint._version(name) == expected


def test_every_installed_distribution_by_folder_name_has_metadatas_version():
    found = fingerprint._installed()
    assert len(found) > 10
    for dist in metadata.distributions():
        name = fingerprint._normal(dist.metadata["Name"])
        if name in found and found[name] != dist.version:
            # Two installs of one name: the first on sys.path wins for both readers.
            assert metadata.version(dist.metadata["Name"]) == found[name]


def _reference_code_files_digest(package) -> str:
    """The code digest as it was first written: pathlib's rglob, sorted Path objects."""
    import hashlib

    h = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*")):
        if path.suffix in fingerprint.CODE_SUFFIXES and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def test_code_digest_equals_the_pathlib_reference():
    fingerprint._code_files_digest.cache_clear()
    try:
        assert fingerprint._code_files_digest() == _reference_code_files_digest(fingerprint.PACKAGE)
    finally:
        fingerprint._code_files_digest.cache_clear()


def test_code_files_are_in_path_part_order_without_caches(tmp_path):
    # "a/b.py" before "a-b.py": by parts, as sorted Path objects are ("a" < "a-b.py"), not by
    # the whole string ("a-" < "a/"); __pycache__ and other suffixes left out.
    for rel in ("a/b.py", "a-b.py", "a/__pycache__/b.py", "a/c.pyc", "data/x.csv", "z.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel)
    assert fingerprint._code_files(str(tmp_path)) == ["a/b.py", "a-b.py", "data/x.csv", "z.txt"]
    assert [str(p.relative_to(tmp_path)) for p in sorted(tmp_path.rglob("*"))
            if p.is_file() and p.suffix in fingerprint.CODE_SUFFIXES and "__pycache__" not in p.parts] == \
        fingerprint._code_files(str(tmp_path))


def test_a_signature_that_still_holds_is_carried_over_and_a_changed_file_hashed_again(tmp_path):
    import os
    import time

    paths = []
    for i in range(3):
        path = tmp_path / f"f{i}.yaml"
        path.write_bytes(b"x" * i)
        old = time.time() - 10  # beyond the two racy seconds: its signature is remembered
        os.utime(path, (old, old))
        paths.append(str(path))
    first = fingerprint.FileDigests()
    digests = [first.digest(p) for p in paths]
    again = fingerprint.FileDigests(first.seen)
    assert [again.digest(p) for p in paths] == digests and again.seen == first.seen
    assert all(again.seen[p] is first.seen[p] for p in paths)  # the same lists, not made anew
    with open(paths[1], "wb") as f:
        f.write(b"changed")
    later = fingerprint.FileDigests(first.seen)
    assert later.digest(paths[1]) != digests[1] and later.digest(paths[0]) == digests[0]
    assert paths[1] not in later.seen  # just written: not remembered within the racy seconds
    assert fingerprint.FileDigests(first.seen).digest(str(tmp_path / "gone")) == b"\xff missing"
