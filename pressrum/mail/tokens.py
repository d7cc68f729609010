"""Signed links: a subscriber's address and what the link does, with an HMAC-SHA256 under the
installation's secret (store.secret), so nobody can unsubscribe or confirm someone else."""
from __future__ import annotations

import base64
import hashlib
import hmac


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(secret: bytes, purpose: str, value: str) -> str:
    """A token for ``value`` (an address, or address and lists) usable only for ``purpose``."""
    body = _b64(value.encode("utf-8"))
    mac = hmac.new(secret, f"{purpose}\n{body}".encode("utf-8"), hashlib.sha256).digest()[:18]
    return f"{body}.{_b64(mac)}"


def verify(secret: bytes, purpose: str, token: str) -> str | None:
    """The value of a token made by :func:`sign` for ``purpose``, or None when it is not one."""
    body, _, mac = token.partition(".")
    try:
        want = hmac.new(secret, f"{purpose}\n{body}".encode("utf-8"), hashlib.sha256).digest()[:18]
        if not hmac.compare_digest(want, _unb64(mac)):
            return None
        return _unb64(body).decode("utf-8")
    except (ValueError, UnicodeError):
        return None
