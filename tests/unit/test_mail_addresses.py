"""Which addresses Pressrum sends to: every one it accepts is one the email package takes in a
header unchanged (a dot-atom), so no send can stop half-way on an address already stored."""
from __future__ import annotations

from email.headerregistry import Address

import pytest

from pressrum.mail.addresses import address_problem

CASES = [
    ("anna@tt.se", True),
    ("r.o'brien+press@sydsvenskan.se", True),
    ("#!$&*+/^_`{|}~-@x.se", True),
    ("slutar.med.punkt.@hd.se", False),   # the email package refuses it: it once stopped a send
    (".borjar@hd.se", False),
    ("två..punkter@hd.se", False),
    ("anna@tt.se?bcc=alla@x.se", False),
    ("Anna <anna@tt.se>", False),
    ("anna@tt.se\nBcc: x@y.se", False),
    ("anna@-tt.se", False),
    ("anna@tt..se", False),
    ("anna@tt", False),
    ("å@tt.se", False),
    ("a" * 64 + "@" + "b" * 186 + ".se", True),
    ("a" * 64 + "@" + "b" * 187 + ".se", False),   # 255 characters
    ("", False),
]


@pytest.mark.parametrize("address, accepted", CASES)
def test_an_accepted_address_goes_into_a_header_as_it_is(address, accepted):
    assert (address_problem(address) is None) == accepted
    if accepted:
        assert str(Address(addr_spec=address)) == address
