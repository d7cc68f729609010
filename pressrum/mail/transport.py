"""Where messages go: the agency's SMTP relay (``PRESSRUM_SMTP_URL``) or, with ``--dry-run``,
``.eml`` files in a folder.

``smtp://host:port`` (plain), ``smtp+starttls://user:password@host:port`` (STARTTLS, then AUTH),
``smtps://user:password@host:port`` (TLS from the start). A rate limit spaces the messages
(``PRESSRUM_SMTP_RATE`` per second, 0 for none) and a relay that drops the connection or answers
"try later" (4xx) is tried again with back-off (``PRESSRUM_SMTP_RETRIES``, doubling from
``PRESSRUM_SMTP_BACKOFF`` seconds). A relay that still fails is a BuildFailed in Swedish.
"""
from __future__ import annotations

import base64
import smtplib
import socket
import ssl
import time
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Mapping
from urllib.parse import unquote, urlsplit

from .. import sv
from ..errors import BuildFailed, Place, Problem

_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


@dataclass(frozen=True)
class Relay:
    scheme: str
    host: str
    port: int
    user: str | None
    password: str | None
    rate: float          # messages per second, 0 for no limit
    retries: int
    backoff: float       # seconds before the first retry, doubled each time
    timeout: float
    cafile: str | None   # a CA bundle to trust (tests, an internal relay)

    @property
    def shown(self) -> str:
        """The relay as messages name it: never the password."""
        return f"{self.scheme}://{self.host}:{self.port}"


class Refused(Exception):
    """The relay refused one recipient for good (5xx): reported, not retried."""


def relay_from(environ: Mapping[str, str]) -> Relay:
    """The relay ``PRESSRUM_SMTP_URL`` names, or BuildFailed saying what is wrong with it."""
    url = environ.get("PRESSRUM_SMTP_URL", "")
    if not url:
        raise _failed("PRESSRUM_SMTP_URL", "ingen e-postserver är angiven",
                      "ange servern i PRESSRUM_SMTP_URL, till exempel smtp+starttls://namn:lösenord@smtp.exempel.se:587, "
                      "eller prova med --dry-run")
    parts = urlsplit(url)
    if parts.scheme not in _PORTS or not parts.hostname:
        raise _failed("PRESSRUM_SMTP_URL", "adressen till e-postservern kan inte användas",
                      "skriv smtp://, smtp+starttls:// eller smtps:// följt av server och port")
    try:
        port = parts.port or _PORTS[parts.scheme]
        rate = float(environ.get("PRESSRUM_SMTP_RATE", "10"))
        retries = int(environ.get("PRESSRUM_SMTP_RETRIES", "4"))
        backoff = float(environ.get("PRESSRUM_SMTP_BACKOFF", "2"))
        timeout = float(environ.get("PRESSRUM_SMTP_TIMEOUT", "30"))
    except ValueError:
        raise _failed("PRESSRUM_SMTP_URL", "porten eller ett av värdena PRESSRUM_SMTP_RATE, _RETRIES, _BACKOFF, "
                      "_TIMEOUT är inget tal", "rätta värdet") from None
    return Relay(parts.scheme, parts.hostname, port, unquote(parts.username) if parts.username else None,
                 unquote(parts.password) if parts.password else None, rate, retries, backoff, timeout,
                 environ.get("PRESSRUM_SMTP_CAFILE") or None)


def _failed(where: str, what: str, todo: str) -> BuildFailed:
    return BuildFailed([Problem(Place(where, in_file=False), what, todo)])


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """AUTH with the relay. smtplib encodes credentials as ASCII (a password such as
    ``lösenörd`` raises UnicodeEncodeError), so non-ASCII ones go as UTF-8 (RFC 4616 for PLAIN;
    LOGIN has no charset, and relays take UTF-8 there too) by PLAIN, else LOGIN."""
    if user.isascii() and password.isascii():
        smtp.login(user, password)  # also CRAM-MD5 when offered
        return
    smtp.ehlo_or_helo_if_needed()
    offered = smtp.esmtp_features.get("auth", "").upper().split()
    if "PLAIN" in offered:
        token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode("ascii")
        code, resp = smtp.docmd("AUTH", "PLAIN " + token)
    elif "LOGIN" in offered:
        code, resp = smtp.docmd("AUTH", "LOGIN")
        for answer in (user, password):
            if code != 334:
                break
            code, resp = smtp.docmd(base64.b64encode(answer.encode()).decode("ascii"))
    else:
        raise smtplib.SMTPAuthenticationError(504, b"no AUTH PLAIN or LOGIN for UTF-8 credentials")
    if code not in (235, 503):  # 503: already authenticated
        raise smtplib.SMTPAuthenticationError(code, resp)


class SmtpTransport:
    """One connection to the relay, opened on first use and again after a drop."""

    def __init__(self, relay: Relay, sleep=time.sleep, clock=time.monotonic):
        self.relay, self._sleep, self._clock = relay, sleep, clock
        self._smtp: smtplib.SMTP | None = None
        self._last = 0.0

    def _connect(self) -> smtplib.SMTP:
        r = self.relay
        context = ssl.create_default_context(cafile=r.cafile)
        if r.scheme == "smtps":
            smtp = smtplib.SMTP_SSL(r.host, r.port, timeout=r.timeout, context=context)
        else:
            smtp = smtplib.SMTP(r.host, r.port, timeout=r.timeout)
            if r.scheme == "smtp+starttls":
                smtp.starttls(context=context)
        if r.user:
            try:
                _login(smtp, r.user, r.password or "")
            except smtplib.SMTPServerDisconnected:  # some relays hang up on wrong credentials
                raise smtplib.SMTPAuthenticationError(535, b"disconnected during AUTH") from None
        return smtp

    def send(self, msg: EmailMessage, to: str) -> None:
        """Hand ``msg`` to the relay for ``to``; retried with back-off on a drop or a 4xx."""
        self._hand_over(lambda smtp: smtp.send_message(msg, to_addrs=[to]))

    def send_bytes(self, data: bytes, sender: str, to: str) -> None:
        """Hand a message already flattened (CRLF, ASCII: mail/stencil.py) to the relay, with
        ``sender`` as the envelope's; as :meth:`send` otherwise."""
        self._hand_over(lambda smtp: smtp.sendmail(sender, [to], data))

    def _hand_over(self, hand) -> None:
        r = self.relay
        if r.rate > 0:
            wait = self._last + 1 / r.rate - self._clock()
            if wait > 0:
                self._sleep(wait)
        delay, attempt = r.backoff, 0
        while True:
            try:
                if self._smtp is None:
                    self._smtp = self._connect()
                hand(self._smtp)
                self._last = self._clock()
                return
            except smtplib.SMTPAuthenticationError:
                self.close()
                raise _failed(r.shown, "e-postservern godtog inte användarnamnet och lösenordet",
                              "kontrollera användare och lösenord i PRESSRUM_SMTP_URL") from None
            except smtplib.SMTPRecipientsRefused as exc:
                code, text = next(iter(exc.recipients.values()))
                if code >= 500:
                    raise Refused(f"{code} {text.decode('utf-8', 'replace')}") from None
                problem = f"e-postservern bad om att vänta ({code})"
            except smtplib.SMTPResponseException as exc:
                if exc.smtp_code >= 500:
                    self.close()
                    raise _failed(r.shown, f"e-postservern vägrade ta emot meddelandet ({exc.smtp_code} "
                                  f"{exc.smtp_error.decode('utf-8', 'replace')})",
                                  "kontrollera avsändaradressen och att servern får skicka för den") from None
                problem = f"e-postservern bad om att vänta ({exc.smtp_code})"
                self.close()
            except ConnectionRefusedError:
                problem = "e-postservern tar inte emot anslutningar"
                self.close()
            except (smtplib.SMTPServerDisconnected, ConnectionError, socket.timeout, TimeoutError) as exc:
                # smtplib turns a timeout while reading the reply into SMTPServerDisconnected,
                # with the TimeoutError as its context: a relay that went silent is not a hang-up.
                timed_out = (socket.timeout, TimeoutError)
                problem = ("e-postservern svarade inte i tid"
                           if isinstance(exc, timed_out) or isinstance(exc.__context__, timed_out)
                           else "förbindelsen med e-postservern bröts")
                self.close()
            except (OSError, smtplib.SMTPException) as exc:
                problem = f"e-postservern kan inte nås ({exc.__class__.__name__})"
                self.close()
            attempt += 1
            if attempt > r.retries:
                tried = "" if attempt == 1 else f", också efter {sv.antal(attempt, 'försök', 'försök', 'ett')}"
                raise _failed(r.shown, f"{problem}{tried}",
                              "kontrollera PRESSRUM_SMTP_URL och att servern är igång, och kör kommandot igen: "
                              "det som redan skickats skickas inte igen")
            self._sleep(delay)
            delay *= 2

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass
            self._smtp = None


class FolderTransport:
    """``--dry-run``: each message as an ``.eml`` file, numbered in sending order."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._n = len(list(self.folder.glob("*.eml")))

    def send(self, msg: EmailMessage, to: str) -> None:
        self.send_bytes(msg.as_bytes(), "", to)

    def send_bytes(self, data: bytes, sender: str, to: str) -> None:
        self._n += 1
        safe = "".join(c if c.isalnum() or c in "@.-_" else "_" for c in to)
        (self.folder / f"{self._n:05d}-{safe}.eml").write_bytes(data)

    def close(self) -> None:
        pass
