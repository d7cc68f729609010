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
