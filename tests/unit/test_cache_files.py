"""Sealed cache files (``cache_files``): the MAC over a format line and the payload, the payload
read back without a copy, files written in parts; and ``lasting``, what keeps the collector away
from what a one-build process reads."""
from __future__ import annotations

import gc
import hmac
from contextlib import closing
from datetime import datetime
import pytest

from pressrum.cache_files import _magic, _seal, _sealed, _unseal, _write_atomically, lasting

KEY = bytes(range(32))
PAYLOAD = b"\x00payload\xff" * 1000


def test_the_mac_is_the_hmac_sha256_of_the_format_line_and_the_payload():
    # Fed in parts, the same bytes as over the joined text.
    magic = _magic(b"ROUND")
    sealed = _seal(KEY, b"ROUND", PAYLOAD)
    assert sealed == magic + hmac.digest(KEY, magic + PAYLOAD, "sha256") + PAYLOAD
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


@pytest.fixture
def collector():
    """The collector as the test found it, whatever the test did to it."""
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    (gc.enable if enabled else gc.disable)()


def _made(n: int) -> list:
    return [{"entry": [i, str(i)]} for i in range(n)]


def test_what_a_one_build_process_reads_is_frozen_and_the_collector_back_on(collector):
    gc.enable()
    before = gc.get_freeze_count()
    with lasting(True):
        assert not gc.isenabled()  # no collection while the records are read
        made = _made(1000)
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + 2000  # the dicts and lists made, out of the collector's reach
    assert made


def test_a_collector_that_was_off_stays_off(collector):
    gc.disable()
    with lasting(True):
        _made(10)
    assert not gc.isenabled()


def test_a_failure_while_reading_still_puts_the_collector_back(collector):
    gc.enable()
    with pytest.raises(ValueError), lasting(True):
        raise ValueError
    assert gc.isenabled()


def test_a_process_that_builds_again_freezes_nothing(collector):
    gc.enable()
    before = gc.get_freeze_count()
    with lasting(False):
        assert gc.isenabled()
        _made(1000)
    assert gc.get_freeze_count() == before and gc.isenabled()


def test_serve_s_build_cache_freezes_nothing_and_the_command_s_does(tmp_path, collector):
    # serve builds again and again in one process: what its builds freeze would never be
    # collected. The command's build is the process's only one.
    from conftest import CONTENT, TEMPLATES
    from pressrum import cli_build, pipeline, serve
    from pressrum.cli_parser import STOCKHOLM
    from pressrum.options import Options

    home = tmp_path / "home"
    options = Options(CONTENT, TEMPLATES, tmp_path / "preview", datetime(2026, 11, 28, 12, tzinfo=STOCKHOLM),
                      True, cache=True, workers=1, jinja_cache=None, cache_home=home)
    preview = serve.Preview(options, fixed_now=True, say=lambda text: None)
    gc.unfreeze()
    for _ in range(2):  # the second build reads the first one's records
        assert preview.build().problems == ()
        assert gc.get_freeze_count() == 0
    assert cli_build._memo(options).once
    with closing(cli_build._memo(options)) as memo:  # the same folder: it reads serve's records
        assert pipeline.build(options, memo).releases >= 1
    assert gc.get_freeze_count() > 0


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 70000, 3 << 20])
def test_a_whole_file_is_read(tmp_path, size):
    path = tmp_path / "f"
    data = bytes(i % 251 for i in range(size))
    path.write_bytes(data)
    from pressrum.cache_files import read_whole
    assert read_whole(path) == data


def test_reading_a_missing_file_or_a_folder_is_an_oserror(tmp_path):
    from pressrum.cache_files import read_whole
    for path in (tmp_path / "missing", tmp_path):
        with pytest.raises(OSError):
            read_whole(path)
