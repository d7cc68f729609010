"""Sealed cache files (``cache_files``): the MAC over a format line and the payload, the payload
read back without a copy, files written in parts."""
from __future__ import annotations

import hashlib
import pytest

from pressrum.cache_files import _magic, _seal, _sealed, _unseal, _write_atomically

KEY = bytes(range(32))
PAYLOAD = b"\x00payload\xff" * 1000


def test_the_mac_is_the_keyed_blake2b_of_the_format_line_and_the_payload():
    # Fed in parts, the same bytes as over the joined text: files an earlier build sealed stay valid.
    magic = _magic(b"ROUND")
    sealed = _seal(KEY, b"ROUND", PAYLOAD)
    assert sealed == magic + hashlib.blake2b(magic + PAYLOAD, key=KEY, digest_size=32).digest() + PAYLOAD
    assert b"".join(_sealed(KEY, b"ROUND", PAYLOAD)) == sealed


def test_a_sealed_payload_is_read_back_as_it_was():
    payload = _unseal(KEY, b"SITE", _seal(KEY, b"SITE", PAYLOAD))
    assert payload is not None and bytes(payload) == PAYLOAD


@pytest.mark.parametrize("change", [
    "another key", "another kind", "a flipped bit in the payload", "a flipped bit in the mac", "truncated",
    "empty", "another format line",
])
def test_a_sealed_file_changed_in_any_way_is_refused(change):
    sealed = bytearray(_seal(KEY, b"SITE", PAYLOAD))
    key, kind = KEY, b"SITE"
    magic = len(_magic(b"SITE"))
    if change == "another key":
        key = bytes(32)
    elif change == "another kind":
        kind = b"ROUND"
    elif change == "a flipped bit in the payload":
        sealed[-5] ^= 1
    elif change == "a flipped bit in the mac":
        sealed[magic + 3] ^= 0x80
    elif change == "truncated":
        del sealed[-1]
    elif change == "empty":
        sealed = bytearray()
    else:
        sealed[magic - 2] ^= 1  # the Python version in the format line
    assert _unseal(key, kind, bytes(sealed)) is None


@pytest.mark.parametrize("data", [b"whole", (b"one ", b"", b"two"), [b"a" * 70000, b"b"]])
def test_a_file_is_replaced_by_its_parts_in_order(tmp_path, data):
    path = tmp_path / "f.bin"
    path.write_bytes(b"old")
    _write_atomically(path, data)
    assert path.read_bytes() == (data if isinstance(data, bytes) else b"".join(data))
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]  # no temporary file left
