"""The relay's settings from PRESSRUM_SMTP_URL, the rate limit and the back-off of
mail/transport.py, with a fake clock and a stand-in for the SMTP connection (the real server
is in tests/test_mail.py)."""
from __future__ import annotations

import smtplib

import pytest

from pressrum.errors import BuildFailed
from pressrum.mail.transport import Refused, SmtpTransport, relay_from

URLS = [
    ("smtp://127.0.0.1:2525", ("smtp", "127.0.0.1", 2525, None, None)),
    ("smtp+starttls://press%40delmos.se:l%C3%B6sen%3Aord@smtp.delmos.se", ("smtp+starttls", "smtp.delmos.se", 587,
                                                                           "press@delmos.se", "lösen:ord")),
    ("smtps://u:p@relay.se", ("smtps", "relay.se", 465, "u", "p")),
    ("smtp://relay.se", ("smtp", "relay.se", 25, None, None)),
]
BAD = [
    ("", "PRESSRUM_SMTP_URL: ingen e-postserver är angiven – ange servern i PRESSRUM_SMTP_URL, till exempel "
         "smtp+starttls://namn:lösenord@smtp.exempel.se:587, eller prova med --dry-run"),
    ("http://relay.se", "PRESSRUM_SMTP_URL: adressen till e-postservern kan inte användas – skriv smtp://, "
                        "smtp+starttls:// eller smtps:// följt av server och port"),
    ("smtp://relay.se:port", "PRESSRUM_SMTP_URL: porten eller ett av värdena PRESSRUM_SMTP_RATE, _RETRIES, _BACKOFF, "
                             "_TIMEOUT är inget tal – rätta värdet"),
]


@pytest.mark.parametrize("url, expected", URLS)
def test_the_relay_url(url, expected):
    r = relay_from({"PRESSRUM_SMTP_URL": url})
    assert (r.scheme, r.host, r.port, r.user, r.password) == expected
    assert "lösen" not in r.shown and "p@" not in r.shown  # the password is never shown


@pytest.mark.parametrize("url, message", BAD)
def test_a_wrong_relay_url_is_a_swedish_problem(url, message):
    with pytest.raises(BuildFailed) as wrong:
        relay_from({"PRESSRUM_SMTP_URL": url})
    assert [p.text() for p in wrong.value.problems] == [message]


class FakeSmtp:
    """Answers sendmail from a script: None for accepted, else the exception to raise."""

    def __init__(self, script):
        self.script, self.sent = script, []

    def sendmail(self, sender, to, data):
        step = self.script.pop(0) if self.script else None
        if step is not None:
            raise step
        self.sent.append(to[0])

    def quit(self):
        pass


def transport(env: dict, script: list):
    now = [1000.0]   # a monotonic clock is far from zero
    sleeps: list[float] = []

    def sleep(seconds):
        sleeps.append(round(seconds, 6))
        now[0] += seconds

    t = SmtpTransport(relay_from({"PRESSRUM_SMTP_URL": "smtp://relay.se", **env}), sleep=sleep, clock=lambda: now[0])
    fake = FakeSmtp(script)
    t._connect = lambda: fake   # the connection is the one thing not real here
    return t, fake, sleeps


def test_the_rate_limit_spaces_the_messages():
    t, fake, sleeps = transport({"PRESSRUM_SMTP_RATE": "4"}, [])
    for to in ("a@x.se", "b@x.se", "c@x.se"):
        t.send_bytes(b"x", "press@delmos.se", to)
    assert fake.sent == ["a@x.se", "b@x.se", "c@x.se"]
    assert sleeps == [0.25, 0.25]


DROP = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.mark.parametrize("script, retries, sleeps_expected, message", [
    ([DROP, DROP], "4", [1.0, 2.0], None),                      # back-off doubling, then accepted
    ([smtplib.SMTPResponseException(451, b"try later")], "4", [1.0], None),
    ([DROP, DROP, DROP], "2", [1.0, 2.0],
     "smtp://relay.se:25: förbindelsen med e-postservern bröts, också efter tre försök – kontrollera "
     "PRESSRUM_SMTP_URL och att servern är igång, och kör kommandot igen: det som redan skickats skickas inte igen"),
    ([smtplib.SMTPResponseException(554, b"no relay")], "4", [],
     "smtp://relay.se:25: e-postservern vägrade ta emot meddelandet (554 no relay) – kontrollera avsändaradressen "
     "och att servern får skicka för den"),
])
def test_retries_with_back_off_then_a_swedish_problem(script, retries, sleeps_expected, message):
    t, fake, sleeps = transport({"PRESSRUM_SMTP_RATE": "0", "PRESSRUM_SMTP_BACKOFF": "1",
                                 "PRESSRUM_SMTP_RETRIES": retries}, script)
    if message is None:
        t.send_bytes(b"x", "press@delmos.se", "a@x.se")
        assert fake.sent == ["a@x.se"]
    else:
        with pytest.raises(BuildFailed) as failed:
            t.send_bytes(b"x", "press@delmos.se", "a@x.se")
        assert [p.text() for p in failed.value.problems] == [message]
        assert failed.value.problems[0].place.in_file is False
    assert sleeps == sleeps_expected


def test_a_recipient_refused_for_good_is_not_retried():
    refused = smtplib.SMTPRecipientsRefused({"a@x.se": (550, b"5.1.1 finns inte")})
    t, fake, sleeps = transport({"PRESSRUM_SMTP_RATE": "0"}, [refused])
    with pytest.raises(Refused, match="550 5.1.1 finns inte"):
        t.send_bytes(b"x", "press@delmos.se", "a@x.se")
    assert sleeps == []
