"""The fast path of :func:`.message.compose`: one letter's message prepared once, as bytes with
holes for what differs per recipient (``To``, ``Message-ID`` and the unsubscribe token in
``List-Unsubscribe`` and in both parts' footers).

``compose`` builds a fresh ``EmailMessage`` per recipient; setting sixteen headers through the
header registry, encoding both parts and folding every header again when flattening took about
five milliseconds a message, the same work five thousand times. Here the headers come from one
message composed with stand-ins (``compose`` itself, so the two cannot drift apart) and are
folded once by the same policy; per recipient the stand-ins are replaced and the two parts
encoded with ``binascii.b2a_qp``. ``compose`` stays the reference: tests/test_mail_stencil.py
parses both and compares headers and decoded parts, and a recipient this path is not sure of
(an address that would need quoting, a header that would have to be folded) gets ``compose``.
"""
from __future__ import annotations

import binascii
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from .message import POLICY, Envelope, Letter, compose, html_body, id_domain, message_id, text_body, unsubscribe_url

# Stand-ins: characters that quote(), escape() and quoted-printable leave as they are, and that
# no release contains (checked: a letter holding one gets compose() for everyone).
_ADDRESS = "pressrum-x7q-hole@hole.invalid"
_TOKEN = "PressrumX7qTokenHole"
# A local part ``Address`` writes without quotes (a dot-atom): anything else takes compose().
_DOT_ATOM = re.compile(r"[A-Za-z0-9!#$&'*+/^_`{|}~-]+(?:\.[A-Za-z0-9!#$&'*+/^_`{|}~-]+)*@[A-Za-z0-9.-]+")
_LIMIT = POLICY.max_line_length
_PER_RECIPIENT = ("To", "Message-ID", "List-Unsubscribe")


@dataclass(frozen=True)
class Stencil:
    """One letter's message with holes; ``usable`` is False when the stand-ins did not come
    out where expected (then every recipient gets ``compose``)."""

    letter: Letter
    env: Envelope
    now: datetime
    usable: bool
    head: str = ""             # the top headers, folded, with the stand-ins in them
    hole_id: str = ""          # the stand-in's Message-ID digest
    room: int = 0              # how much longer than the stand-ins a To or List-Unsubscribe line may grow
    text: tuple[str, ...] = ()  # the text part, split at the token stand-in
    html: tuple[str, ...] = ()
    text_head: bytes = b""     # the parts' own headers
    html_head: bytes = b""
    boundary: str = ""


def stencil(letter: Letter, env: Envelope, now: datetime) -> Stencil:
    """Prepare ``letter``'s message once for every recipient of this run."""
    refused = Stencil(letter, env, now, False)
    if any(hole in piece for hole in (_ADDRESS, _TOKEN)
           for piece in (letter.text, letter.html, letter.title, letter.subject, letter.first_line, letter.url)):
        return refused
    template = compose(letter, env, _ADDRESS, _TOKEN, now)
    text_part, html_part = template.iter_parts()
    # A boundary quoted-printable cannot contain ('=' is always followed by hex digits or a line
    # end there), and the same for the same release: the bytes depend only on the input.
    boundary = "=_" + hashlib.sha256(letter.version.encode("utf-8")).hexdigest()[:32]
    template.set_boundary(boundary)
    lines = {name: POLICY.fold_binary(name, value).decode("ascii") for name, value in template.raw_items()}
    if any(lines[name].count("\r\n") != 1 for name in _PER_RECIPIENT if name in lines):
        return refused  # a stand-in header already folded: its length would change the folding
    hole_id = message_id(letter.version, _ADDRESS, id_domain(letter))[1:33]
    head = "".join(POLICY.fold_binary(name, value).decode("ascii") for name, value in template.raw_items())
    leave = unsubscribe_url(env, _TOKEN)
    text = text_body(letter, leave).split(_TOKEN)
    html = html_body(letter, leave).split(_TOKEN)
    longest = max(len(lines.get(name, "")) - 2 for name in ("To", "List-Unsubscribe"))
    if head.count(_ADDRESS) != 1 or head.count(hole_id) != 1 or head.count(_TOKEN) != (1 if leave else 0) \
            or len(text) != len(html) or len(text) != (2 if leave else 1):
        return refused
    return Stencil(letter, env, now, True, head, hole_id, _LIMIT - longest, tuple(text), tuple(html),
                   _part_head(text_part), _part_head(html_part), boundary)


def message_bytes(s: Stencil, to: str, token: str) -> bytes:
    """The message of ``s.letter`` to ``to`` as the relay gets it (CRLF line ends)."""
    grow = max(len(to) - len(_ADDRESS), len(token) - len(_TOKEN))
    if not s.usable or grow > s.room or not _DOT_ATOM.fullmatch(to):
        return compose(s.letter, s.env, to, token, s.now).as_bytes()
    head = (s.head.replace(_ADDRESS, to)
            .replace(s.hole_id, message_id(s.letter.version, to, id_domain(s.letter))[1:33])
            .replace(_TOKEN, token))
    start = f"--{s.boundary}\r\n".encode("ascii")
    return b"".join((head.encode("ascii"), b"\r\n", start, s.text_head, _qp(token.join(s.text)),
                     b"\r\n", start, s.html_head, _qp(token.join(s.html)),
                     f"\r\n--{s.boundary}--\r\n".encode("ascii")))


def _part_head(part) -> bytes:
    return b"".join(POLICY.fold_binary(name, value) for name, value in part.raw_items()) + b"\r\n"


def _qp(text: str) -> bytes:
    """``text`` as UTF-8 quoted-printable with CRLF line ends; lines split as ``set_content``
    splits them (on CR, LF and CRLF)."""
    return binascii.b2a_qp(b"\r\n".join(text.encode("utf-8").splitlines()) + b"\r\n", istext=True)
