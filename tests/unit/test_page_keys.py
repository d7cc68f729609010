"""A newsroom-wide page's key is made from what it depends on (memo.dependency_bytes): equal
bytes exactly for equal values, however the values' objects were made or shared."""
import sys
from dataclasses import dataclass

import pytest

from pressrum.memo import dependency_bytes


@dataclass(frozen=True)
class Link:  # a value marshal cannot write, as the start page's round links
    key: str
    year: int


def _fresh(text: str) -> str:
    return "".join(list(text))  # an equal string in a new object, not interned


URL = "https://press.delmos.se/2021/beslut/skane/"
SAME = [
    # (one value, an equal one made otherwise)
    pytest.param((b"\x00\x01" * 40,), (bytes(b"\x00\x01" * 40),), id="bytes"),
    pytest.param((sys.intern("skane"), "x"), (_fresh("skane"), "x"), id="interned-or-not"),
    pytest.param(([URL, URL], [(URL, "2021-05-17T10:00:00+02:00")]),
                 ([_fresh(URL), _fresh(URL)], [(_fresh(URL), _fresh("2021-05-17T10:00:00+02:00"))]),
                 id="shared-or-not"),
    pytest.param((b"ab", True, (Link("2021", 2021),), ("skane",)), (b"ab", True, (Link("2021", 2021),), ("skane",)),
                 id="with-a-dataclass"),
    pytest.param((), (), id="empty"),
]
DIFFERENT = [
    pytest.param((1,), [1], id="tuple-list"),
    pytest.param((True,), (1,), id="bool-int"),
    pytest.param((b"a",), ("a",), id="bytes-str"),
    pytest.param(("a", "b"), ("ab",), id="split"),
    pytest.param((b"\x00" * 16,), (b"\x00" * 15,), id="one-byte-less"),
    pytest.param((Link("2021", 2021),), (Link("2021", 2022),), id="dataclass-field"),
    # a value taken by its repr never meets one marshal writes, even when that is its repr's text
    pytest.param((Link("2021", 2021),), (repr((Link("2021", 2021),)),), id="repr-or-marshal"),
    pytest.param(("skane", "2021"), ("2021", "skane"), id="order"),
]


@pytest.mark.parametrize("one, other", SAME)
def test_equal_values_give_the_same_bytes(one, other):
    assert dependency_bytes(one) == dependency_bytes(other)


@pytest.mark.parametrize("one, other", DIFFERENT)
def test_different_values_give_different_bytes(one, other):
    assert dependency_bytes(one) != dependency_bytes(other)
