"""Differential test of the fast path (mail/stencil.py) against its reference, compose(): for
every recipient and letter below, both messages parsed with ``email`` have the same headers and
the same decoded parts, and the fast path's bytes are what SMTP takes (ASCII, CRLF, short lines)."""
from __future__ import annotations

import email
from datetime import datetime, timezone
from email import policy
from email.headerregistry import Address

import pytest

from pressrum.mail.message import Envelope, Letter, compose
from pressrum.mail.stencil import message_bytes, stencil
from pressrum.mail.tokens import sign

NOW = datetime(2021, 5, 17, 10, 5, tzinfo=timezone.utc)
SECRET = b"k" * 32

LETTER = Letter(
    version="2021/beslut", title="90 aktörer får statsbidrag – flest i Skåne",
    subject="90 aktörer får statsbidrag – flest i Skåne", first_line="",
    url="https://press.delmos.se/2021/beslut/",
    text="Delmos fördelar 250\u00a0miljoner kronor.\n\n– Ett citat med = och å, sa hon.\n"
         + "En lång rad " + "ord " * 60 + "\n.en rad som börjar med punkt\nslutar med mellanslag   \n",
    html='<h1 style="x">Rubrik</h1>\n<p>Stycke med <a href="https://press.delmos.se/x?a=1&amp;b=2">länk</a></p>'
         + "<p>" + "lång " * 300 + "</p>",
    feeds=("https://press.delmos.se/rss.xml", "https://press.delmos.se/lan/skane/rss.xml"),
    list_name="Delmos nyhetsrum – Skåne län", list_id="skane.press.delmos.se")
ENVELOPE = Envelope(Address("Delmos pressavdelning", addr_spec="press@delmos.se"),
                    Address("Åsa Öberg, presschef", addr_spec="asa.oberg@delmos.se"),
                    "avregistrera@delmos.se", "https://press.delmos.se/e-post/anmalan")

EMBARGO = Letter(**{**LETTER.__dict__, "version": "2021/beslut#embargo",
                    "subject": "EMBARGO: publiceras 17 maj 2021 kl. 10.00 – " + LETTER.title,
                    "first_line": "EMBARGO: publiceras 17 maj 2021 kl. 10.00"})
LONG_SUBJECT = Letter(**{**LETTER.__dict__, "subject": "Rättelse: " + "Länsstyrelsen i Västra Götalands län " * 30,
                         "text": "rad med CRLF\r\noch en med bara CR\rslut\n"})
HOLE = Letter(**{**LETTER.__dict__, "text": LETTER.text + "PressrumX7qTokenHole\n"})
NO_SIGNUP = Envelope(ENVELOPE.sender, None, None, None)
MAILTO_ONLY = Envelope(ENVELOPE.sender, ENVELOPE.reply_to, "avregistrera@delmos.se", None)
# A sign-up address so long that a long token makes List-Unsubscribe fold: compose's business.
LONG_SIGNUP = Envelope(ENVELOPE.sender, ENVELOPE.reply_to, "avregistrera@delmos.se",
                       "https://press.delmos.se/" + "e-post/" * 80 + "anmalan")

LOCAL_64 = "a" * 30 + "." + "b" * 33
LONG_DOMAIN = ".".join(["d" * 63, "e" * 63, "f" * 60, "se"])

RECIPIENTS = [
    ("anna@tt.se", True),
    ("r.o'brien+press@sydsvenskan.se", True),
    (f"{LOCAL_64}@{LONG_DOMAIN}", True),           # 254 characters, the longest address there is
]
LETTERS = [
    (LETTER, ENVELOPE, True),
    (EMBARGO, ENVELOPE, True),
    (LONG_SUBJECT, ENVELOPE, True),
    (LETTER, NO_SIGNUP, True),
    (LETTER, MAILTO_ONLY, True),
    (HOLE, ENVELOPE, False),                       # the stand-in in the release itself
]


def parsed(data: bytes):
    """Headers (the boundary left out: compose's is random) and each part's type, headers and text."""
    msg = email.message_from_bytes(data, policy=policy.default)
    headers = [(k, str(v)) for k, v in msg.items() if k != "Content-Type"]
    params = [(k, v) for k, v in msg["Content-Type"].params.items() if k != "boundary"]
    parts = [(p.get_content_type(), [(k, str(v)) for k, v in p.items()], p.get_content()) for p in msg.iter_parts()]
    return headers, msg.get_content_type(), params, parts


@pytest.mark.parametrize("letter, env, letter_fast", LETTERS)
@pytest.mark.parametrize("to, address_fast", RECIPIENTS)
def test_the_fast_path_gives_the_message_compose_gives(letter, env, letter_fast, to, address_fast):
    token = sign(SECRET, "avregistrera", to)
    prepared = stencil(letter, env, NOW)
    assert prepared.usable == letter_fast
    fast = message_bytes(prepared, to, token)
    reference = compose(letter, env, to, token, NOW).as_bytes()
    assert parsed(fast) == parsed(reference)
    assert (b'boundary="=_' in fast) == (letter_fast and address_fast)   # which path made it
    fast.decode("ascii")
    lines = fast.split(b"\r\n")
    assert b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines)
    assert max(map(len, lines)) <= 998


def test_a_header_that_would_fold_takes_compose():
    to = f"{LOCAL_64}@{LONG_DOMAIN}"
    token = sign(SECRET, "avregistrera", to)
    prepared = stencil(LETTER, LONG_SIGNUP, NOW)
    fast = message_bytes(prepared, to, token)
    assert parsed(fast) == parsed(compose(LETTER, LONG_SIGNUP, to, token, NOW).as_bytes())
    assert b'boundary="=_' not in fast
    short = message_bytes(prepared, "bo@dn.se", sign(SECRET, "avregistrera", "bo@dn.se"))
    assert b'boundary="=_' in short   # the same letter to a short address: the fast path


def test_the_fast_path_is_the_same_bytes_for_the_same_input():
    prepared = stencil(LETTER, ENVELOPE, NOW)
    token = sign(SECRET, "avregistrera", "anna@tt.se")
    assert message_bytes(prepared, "anna@tt.se", token) == message_bytes(stencil(LETTER, ENVELOPE, NOW),
                                                                         "anna@tt.se", token)


def test_each_recipient_gets_their_own_headers_and_link():
    prepared = stencil(LETTER, ENVELOPE, NOW)
    seen = set()
    for to in ("anna@tt.se", "bo@dn.se"):
        msg = email.message_from_bytes(message_bytes(prepared, to, sign(SECRET, "avregistrera", to)),
                                       policy=policy.default)
        token = sign(SECRET, "avregistrera", to)
        assert str(msg["To"]) == to
        assert token in str(msg["List-Unsubscribe"])
        assert token in msg.get_body(("plain",)).get_content()
        assert token in msg.get_body(("html",)).get_content()
        assert msg["Content-Language"] == "sv"
        seen.add(str(msg["Message-ID"]))
    assert len(seen) == 2
