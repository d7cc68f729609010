"""E-mail to journalists, with the real parts: ``python build.py skicka`` in a subprocess, an
aiosmtpd server on 127.0.0.1 (plain, and STARTTLS with AUTH), the received messages parsed with
the ``email`` package; the sign-up app driven over HTTP on loopback."""
from __future__ import annotations

import email
import os
import re
import shutil
import signal
import socket
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from email import policy
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT

aiosmtpd = pytest.importorskip("aiosmtpd")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult  # noqa: E402

MAILING = """
e-postutskick:
  avsändare:
    namn: Delmos press
    e-post: press@delmos.se
  anmälan: https://press.delmos.se/e-post/anmalan
  avregistrering-e-post: avregistrera@delmos.se
  högsta-ålder-dagar: 30
"""
AFTER = "2021-05-17T10:05"   # just after the bundled decision's publication
BEFORE = "2021-05-16T09:00"  # the day before


def body(msg, kind: str) -> str:
    """A part's text with the line ends the message had before SMTP's CRLF."""
    return msg.get_body((kind,)).get_content().replace("\r\n", "\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """aiosmtpd handler: keeps (recipient, parsed message); can refuse or hold messages."""

    def __init__(self):
        self.got: list[tuple[str, email.message.EmailMessage]] = []
        self.refuse_rcpt = False
        self.hold_after: int | None = None   # block the message after this many
        self.drop_after: int | None = None   # hang up in the middle of the message after this many
        self.release = threading.Event()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_rcpt:
            return "550 5.1.1 Mottagaren finns inte"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        import asyncio
        if self.drop_after is not None and len(self.got) >= self.drop_after:
            server.transport.close()  # the relay goes away mid-list: no answer to this message
            return "421 4.3.0 Stängs"
        if self.hold_after is not None and len(self.got) >= self.hold_after:
            while not self.release.is_set():
                await asyncio.sleep(0.02)
            return "451 4.3.0 Försök senare"  # the held one never counts as received
        msg = email.message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.got.append((rcpt, msg))
        return "250 OK"


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    inbox.release.set()
    controller.stop()


@pytest.fixture
def newsroom(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    with open(content / "site.yaml", "a", encoding="utf-8") as f:
        f.write(MAILING)
    return content


def env_for(tmp_path: Path, port: int | None = None, **more) -> dict:
    env = dict(os.environ, PRESSRUM_DB=str(tmp_path / "db.sqlite"), PRESSRUM_SMTP_RATE="0",
               PRESSRUM_SMTP_BACKOFF="0.01", PRESSRUM_SMTP_RETRIES="2", PRESSRUM_SMTP_TIMEOUT="5",
               PRESSRUM_CACHE="0", PYTHONPATH=str(ROOT))
    if port is not None:
        env["PRESSRUM_SMTP_URL"] = f"smtp://127.0.0.1:{port}"
    env.update(more)
    return env


def cli(env: dict, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def send(env, content: Path, now: str, *more) -> subprocess.CompletedProcess:
    return cli(env, "skicka", "--content", str(content), "--out", str(content.parent / "ut"), "--now", now, *more,
               cwd=content.parent)


def subscribe(env, cwd, address, *lists):
    args = [a for name in lists for a in ("--list", name)]
    proc = cli(env, "subscribers", "add", address, *args, cwd=cwd)
    assert proc.returncode == 0, proc.stderr


def test_each_release_once_to_its_lists(tmp_path, smtp, newsroom):
    inbox, port = smtp
    env = env_for(tmp_path, port)
    subscribe(env, tmp_path, "riks@tt.se", "nationellt")
    subscribe(env, tmp_path, "malmo@sydsvenskan.se", "skane")
    subscribe(env, tmp_path, "sthlm@dn.se", "stockholm")
    proc = send(env, newsroom, AFTER)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "klart: skickade två e-postmeddelanden\n"
    got = {rcpt: msg for rcpt, msg in inbox.got}
    assert sorted(got) == ["malmo@sydsvenskan.se", "riks@tt.se"]
    local = got["malmo@sydsvenskan.se"]
    assert local["Subject"] == "Skåne i topp: 15 aktörer får statsbidrag för arbete mot segregation"
    assert local["From"] == "Delmos press <press@delmos.se>"
    assert local["Reply-To"] == "Anneli Tillberg <anneli.tillberg@delmos.se>"
    assert local["List-Id"] == "Delmos nyhetsrum – Skåne län <skane.press.delmos.se>"
    assert local["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert local["Content-Language"] == "sv"
    assert local.get_content_type() == "multipart/alternative"
    unsubscribe = re.findall(r"<([^>]+)>", local["List-Unsubscribe"])
    assert unsubscribe[0] == "mailto:avregistrera@delmos.se?subject=avregistrera"
    assert unsubscribe[1].startswith("https://press.delmos.se/e-post/avregistrera?t=")
    text = body(local, "plain")
    html = body(local, "html")
    assert text.startswith("Skåne i topp: 15 aktörer får statsbidrag för arbete mot segregation\n")
    assert "Läs pressmeddelandet på webben: https://press.delmos.se/2021/beslut/skane/" in text
    assert "https://press.delmos.se/lan/skane/rss.xml" in text
    assert "Avsluta prenumerationen: " + unsubscribe[1] in text
    assert '<h1 style="' in html and 'href="https://press.delmos.se/2021/beslut/skane/' in html
    assert 'href="../' not in html and "<link" not in html  # absolute links, no style sheet
    assert got["riks@tt.se"]["Subject"] == "90 aktörer får statsbidrag för arbete mot segregation – flest i Skåne"
    # A second run sends nothing again.
    again = send(env, newsroom, "2021-05-17T11:00")
    assert again.returncode == 0, again.stderr
    assert again.stdout == "klart: skickade inga e-postmeddelanden, två redan skickade tidigare\n"
    assert len(inbox.got) == 2


def test_national_to_county_lists_when_the_site_says_so(tmp_path, smtp, newsroom):
    inbox, port = smtp
    with open(newsroom / "site.yaml", "a", encoding="utf-8") as f:
        f.write("  nationellt-till-länslistor: ja\n")
    env = env_for(tmp_path, port)
    subscribe(env, tmp_path, "sthlm@dn.se", "stockholm")
    assert send(env, newsroom, AFTER).returncode == 0
    assert [(r, m["Subject"]) for r, m in inbox.got] == [
        ("sthlm@dn.se", "90 aktörer får statsbidrag för arbete mot segregation – flest i Skåne")]


def test_too_old_releases_are_never_sent(tmp_path, smtp, newsroom):
    inbox, port = smtp
    env = env_for(tmp_path, port)
    subscribe(env, tmp_path, "riks@tt.se", "nationellt")
    proc = send(env, newsroom, "2021-07-01T10:00")  # 45 days later, the limit is 30
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "klart: skickade inga e-postmeddelanden\n" and inbox.got == []


def _correction(content: Path, send_again: bool) -> None:
    path = content / "rounds" / "2021" / "round.yaml"
    text = path.read_text(encoding="utf-8")
    extra = "\n        skicka: ja" if send_again else ""
    path.write_text(text.replace("    publiceras: 2021-05-17 10:00\n",
                                 "    publiceras: 2021-05-17 10:00\n    rättelser:\n      - tid: 2021-05-18 09:30\n"
                                 f"        text: Antalet fleråriga bidrag var fel.{extra}\n", 1), encoding="utf-8")


@pytest.mark.parametrize("send_again", [False, True])
def test_a_correction_is_sent_only_when_asked(tmp_path, smtp, newsroom, send_again):
    inbox, port = smtp
    env = env_for(tmp_path, port)
    subscribe(env, tmp_path, "riks@tt.se", "nationellt")
    assert send(env, newsroom, AFTER).returncode == 0
    _correction(newsroom, send_again)
    proc = send(env, newsroom, "2021-05-18T10:00")
    assert proc.returncode == 0, proc.stderr
    subjects = [m["Subject"] for _, m in inbox.got]
    if send_again:
        assert subjects[1:] == ["Rättelse: 90 aktörer får statsbidrag för arbete mot segregation – flest i Skåne"]
        assert body(inbox.got[1][1], "plain").startswith(
            "Rättelse 18 maj 2021 kl. 9.30: Antalet fleråriga bidrag var fel.\n")
    else:
        assert subjects == ["90 aktörer får statsbidrag för arbete mot segregation – flest i Skåne"]


@pytest.mark.parametrize("corrected, subjects", [
    # An imported archive: the release and its correction both older than the limit (30 days): nothing.
    ("2021-05-18 09:30", []),
    # The editor corrects an old release today and asks for it to be sent: the correction goes out.
    ("2021-07-01 09:30", ["Rättelse: 90 aktörer får statsbidrag för arbete mot segregation – flest i Skåne"]),
])
def test_the_age_limit_counts_from_the_correction_for_a_correction(tmp_path, smtp, newsroom, corrected, subjects):
    inbox, port = smtp
    env = env_for(tmp_path, port)
    subscribe(env, tmp_path, "riks@tt.se", "nationellt")
    path = newsroom / "rounds" / "2021" / "round.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    publiceras: 2021-05-17 10:00\n",
                                 f"    publiceras: 2021-05-17 10:00\n    rättelser:\n      - tid: {corrected}\n"
                                 "        text: Antalet fleråriga bidrag var fel.\n        skicka: ja\n", 1),
                    encoding="utf-8")
    proc = send(env, newsroom, "2021-07-01T10:00")  # 45 days after the release
    assert proc.returncode == 0, proc.stderr
    assert [m["Subject"] for _, m in inbox.got] == subjects
    assert proc.stdout == ("klart: skickade ett e-postmeddelande\n" if subjects
                           else "klart: skickade inga e-postmeddelanden\n")


def test_an_advance_copy_is_the_only_thing_before_the_time(tmp_path, smtp, newsroom):
    inbox, port = smtp
    path = newsroom / "rounds" / "2021" / "round.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    publiceras: 2021-05-17 10:00\n", "    publiceras: 2021-05-17 10:00\n    förhandskopior: [ekot@sr.se]\n", 1),
        encoding="utf-8")
    env = env_for(tmp_path, port)
    subscribe(env, tmp_path, "riks@tt.se", "nationellt")
    proc = send(env, newsroom, BEFORE)
    assert proc.returncode == 0, proc.stderr
    assert [r for r, _ in inbox.got] == ["ekot@sr.se"]
    msg = inbox.got[0][1]
    assert msg["Subject"] == ("EMBARGO: publiceras 17 maj 2021 kl. 10.00 – "
                              "90 aktörer får statsbidrag för arbete mot segregation – flest i Skåne")
    assert body(msg, "plain").startswith("EMBARGO: publiceras 17 maj 2021 kl. 10.00\n\n90 aktörer")
    assert "UTKAST" not in body(msg, "html")
    out = newsroom.parent / "ut"
    assert not (out / "2021" / "beslut").exists()  # the web shows nothing before the time
    assert "90 aktörer" not in (out / "rss.xml").read_text(encoding="utf-8")
    # At the time: the public send goes to the list, the advance copy is not sent again.
    assert send(env, newsroom, AFTER).returncode == 0
    assert [r for r, _ in inbox.got] == ["ekot@sr.se", "riks@tt.se"]


def _county_advance(content: Path, items: str) -> int:
    """Give Skåne's county file ``förhandskopior: [items]``; the line it is on."""
    path = content / "rounds" / "2021" / "lan" / "skane.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    path.write_text(text + f"förhandskopior: [{items}]\n", encoding="utf-8")
    return text.count("\n") + 1


def test_a_local_advance_copy_goes_to_its_addresses_and_county_list_only(tmp_path, smtp, newsroom):
    inbox, port = smtp
    _county_advance(newsroom, "redaktion@sydsvenskan.se, skane")
    env = env_for(tmp_path, port)
    subscribe(env, tmp_path, "riks@tt.se", "nationellt")
    subscribe(env, tmp_path, "malmo@sydsvenskan.se", "skane")
    subscribe(env, tmp_path, "sthlm@dn.se", "stockholm")
    proc = send(env, newsroom, BEFORE)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "klart: skickade två e-postmeddelanden\n"
    assert sorted(r for r, _ in inbox.got) == ["malmo@sydsvenskan.se", "redaktion@sydsvenskan.se"]
    for _, msg in inbox.got:
        assert msg["Subject"] == ("EMBARGO: publiceras 17 maj 2021 kl. 10.00 – "
                                  "Skåne i topp: 15 aktörer får statsbidrag för arbete mot segregation")
        assert body(msg, "plain").startswith("EMBARGO: publiceras 17 maj 2021 kl. 10.00\n\nSkåne i topp: 15 aktörer")
        assert msg["List-Id"] == "Delmos nyhetsrum – Skåne län <skane.press.delmos.se>"
        assert "UTKAST" not in body(msg, "html")
        assert "EMBARGO: publiceras 17 maj 2021 kl. 10.00" in body(msg, "html")
    out = newsroom.parent / "ut"
    assert not (out / "2021" / "beslut").exists()  # the web shows nothing before the time
    assert not (out / "lan" / "skane").exists()  # no county page or feed with nothing public in it
    for shown in (out / "rss.xml", out / "atom.xml", out / "index.html", out / "sitemap.xml"):
        assert "Skåne i topp" not in shown.read_text(encoding="utf-8"), shown
    # At the time: the national release to its list; the Skåne subscriber has the local one
    # already (under embargo) and does not get it twice; nobody else is on Skåne's list.
    again = send(env, newsroom, AFTER)
    assert again.returncode == 0, again.stderr
    assert again.stdout == "klart: skickade ett e-postmeddelande, ett redan skickat tidigare\n"
    assert [(r, m["Subject"]) for r, m in inbox.got[2:]] == [
        ("riks@tt.se", "90 aktörer får statsbidrag för arbete mot segregation – flest i Skåne")]
    counts = {a: sum(r == a for r, _ in inbox.got) for a in ("malmo@sydsvenskan.se", "redaktion@sydsvenskan.se")}
    assert counts == {"malmo@sydsvenskan.se": 1, "redaktion@sydsvenskan.se": 1}


def test_a_wrong_local_advance_copy_is_located_and_nothing_is_sent(tmp_path, smtp, newsroom):
    inbox, port = smtp
    line = _county_advance(newsroom, "redaktion@sydsvenskan.se, 'malmo@sds.se?bcc=smyg@evil.se', skåne")
    env = env_for(tmp_path, port)
    subscribe(env, tmp_path, "malmo@sydsvenskan.se", "skane")
    proc = send(env, newsroom, BEFORE)
    assert (proc.returncode, proc.stderr.splitlines()) == (1, [
        f"content/rounds/2021/lan/skane.yaml:{line}:44: förhandskopior: 'malmo@sds.se?bcc=smyg@evil.se' är ingen "
        "e-postadress som kan användas",
        f"content/rounds/2021/lan/skane.yaml:{line}:77: förhandskopior: listan 'skåne' finns inte; menar du skane?",
        "två fel i en fil"])
    assert inbox.got == []


def _tls_files(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


def test_starttls_and_auth(tmp_path, newsroom):
    if shutil.which("openssl") is None:
        pytest.skip("openssl saknas")
    cert, key = _tls_files(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == b"press" and auth_data.password == b"hemligt losen"
        return AuthResult(success=ok)

    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), tls_context=context,
                            require_starttls=True, auth_required=True, authenticator=authenticator)
    controller.start()
    try:
        url = f"smtp+starttls://press:hemligt%20losen@127.0.0.1:{controller.port}"
        env = env_for(tmp_path, PRESSRUM_SMTP_URL=url, PRESSRUM_SMTP_CAFILE=str(cert))
        subscribe(env, tmp_path, "riks@tt.se", "nationellt")
        proc = send(env, newsroom, AFTER)
        assert proc.returncode == 0, proc.stderr
        assert [r for r, _ in inbox.got] == ["riks@tt.se"]
        wrong = env_for(tmp_path, PRESSRUM_SMTP_URL=url.replace("hemligt", "fel"), PRESSRUM_SMTP_CAFILE=str(cert))
        subscribe(wrong, tmp_path, "malmo@sydsvenskan.se", "skane")
        proc = send(wrong, newsroom, AFTER)
        assert proc.returncode == 1
        assert f"smtp+starttls://127.0.0.1:{controller.port}: e-postservern godtog inte användarnamnet och " \
               "lösenordet – kontrollera användare och lösenord i PRESSRUM_SMTP_URL" in proc.stderr
        assert "fel" not in proc.stderr.split("lösenord i")[0].split("://")[0]  # no password shown
    finally:
        controller.stop()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # loopback only
@pytest.mark.parametrize("mechanism, other", [("PLAIN", "LOGIN"), ("LOGIN", "PLAIN")])
def test_a_non_ascii_password_logs_in_as_utf8(tmp_path, newsroom, mechanism, other):
    inbox, tried = Inbox(), []

    def authenticator(server, session, envelope, used, auth_data):
        tried.append((used, auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.login == "sköld".encode() and auth_data.password == "lösenörd".encode())

    # Only the one mechanism offered: each is the path for UTF-8 credentials on some relay.
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), auth_required=True, auth_require_tls=False,
                            auth_exclude_mechanism=[other], authenticator=authenticator)
    controller.start()
    try:
        url = f"smtp://{urllib.parse.quote('sköld')}:{urllib.parse.quote('lösenörd')}@127.0.0.1:{controller.port}"
        env = env_for(tmp_path, PRESSRUM_SMTP_URL=url)
        subscribe(env, tmp_path, "riks@tt.se", "nationellt")
        proc = send(env, newsroom, AFTER)
        assert proc.returncode == 0, proc.stderr
        assert [r for r, _ in inbox.got] == ["riks@tt.se"]
        assert tried == [(mechanism, "sköld".encode(), "lösenörd".encode())]
        wrong = env_for(tmp_path, PRESSRUM_SMTP_URL=url.replace("l%C3%B6sen", "fel"))
        subscribe(wrong, tmp_path, "malmo@sydsvenskan.se", "skane")
        proc = send(wrong, newsroom, AFTER)
        assert proc.returncode == 1
        assert "e-postservern godtog inte användarnamnet och lösenordet" in proc.stderr
        assert "Traceback" not in proc.stderr
    finally:
        controller.stop()


# Each field of site.yaml that reaches a header, given a line break or a second address. A Text
# field is one line (field_readers._one_line folds CR/LF to a space) and goes through headerregistry, so
# it arrives as one header with the text in it; an address is refused, located, before anything
# is sent. None: sent, and checked below; else the exact message.
_INJECTIONS = [
    ("    namn: Delmos press", r'    namn: "Delmos press\nBcc: smyg@evil.se"', None),
    ("    namn: Delmos press", r'    namn: "Delmos press\r\nBcc: smyg@evil.se"', None),
    ("  namn: statsbidrag för arbete mot segregation", r'  namn: "stöd\r\nBcc: smyg@evil.se"', None),  # short enough to stay in the headline
    ("  - namn: Anneli Tillberg", r'  - namn: "Anneli\nBcc: smyg@evil.se Tillberg"', None),  # Reply-To
    ("  titel: Delmos nyhetsrum", r'  titel: "Delmos\nBcc: smyg@evil.se nyhetsrum"', None),
    ("    e-post: press@delmos.se", "    e-post: press@delmos.se?bcc=smyg@evil.se",
     "content/site.yaml:{line}:13: 'press@delmos.se?bcc=smyg@evil.se' är ingen giltig e-postadress (den innehåller ?) – "
     "skriv bara adressen, utan ? eller # och det som står efter, till exempel namn@myndighet.se"),
    ("  avregistrering-e-post: avregistrera@delmos.se", '  avregistrering-e-post: "avregistrera@delmos.se?bcc=smyg@evil.se"',
     "content/site.yaml:{line}:26: 'avregistrera@delmos.se?bcc=smyg@evil.se' är ingen giltig e-postadress (den innehåller ?) – "
     "skriv bara adressen, utan ? eller # och det som står efter, till exempel namn@myndighet.se"),
    ("  avregistrering-e-post: avregistrera@delmos.se", r'  avregistrering-e-post: "avregistrera@delmos.se\nBcc: smyg@evil.se"',
     "content/site.yaml:{line}:26: 'avregistrera@delmos.se Bcc: smyg@evil.se' är ingen giltig e-postadress (den innehåller "
     "tecknet :) – skriv bara adressen med bokstäver, siffror och . _ + - ' före @, till exempel namn@myndighet.se"),
]


@pytest.mark.parametrize("old, new, expected", _INJECTIONS)
def test_no_site_field_can_add_a_header(tmp_path, newsroom, old, new, expected):
    site = newsroom / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert text.count(old + "\n") == 1, old
    line = text.split(old + "\n")[0].count("\n") + 1
    site.write_text(text.replace(old + "\n", new + "\n"), encoding="utf-8")
    env = env_for(tmp_path, PRESSRUM_DRY_RUN_DIR=str(tmp_path / "eml"))
    subscribe(env, tmp_path, "riks@tt.se", "nationellt")
    proc = send(env, newsroom, AFTER, "--dry-run")
    if expected is not None:
        assert (proc.returncode, proc.stderr.splitlines()) == (1, [expected.format(line=line), "ett fel i en fil"])
        assert not (tmp_path / "eml").exists() or not list((tmp_path / "eml").glob("*.eml"))
        return
    assert proc.returncode == 0, proc.stderr
    (sent,) = (tmp_path / "eml").glob("*.eml")
    raw = sent.read_bytes()
    msg = email.message_from_bytes(raw, policy=policy.default)
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert "Bcc" not in msg and "\nBcc" not in head.replace("\r\n", "\n")  # no header of its own
    assert "smyg@evil.se" in "".join(str(msg[h]) for h in ("From", "Reply-To", "Subject", "List-Id"))  # kept, as text
    assert [str(a.addr_spec) for a in msg["To"].addresses] == ["riks@tt.se"]
    assert msg["From"].addresses[0].addr_spec == "press@delmos.se"
    assert all(len(h) <= 998 and "\r" not in h and "\n" not in h for h in (str(v) for _, v in msg.items()))


def test_kill_mid_send_then_rerun_delivers_each_exactly_once(tmp_path, smtp, newsroom):
    inbox, port = smtp
    env = env_for(tmp_path, port)
    people = _people(env, tmp_path, 20)
    inbox.hold_after = 10
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "skicka", "--content", str(newsroom), "--out",
                             str(tmp_path / "ut"), "--now", AFTER], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(inbox.got) < 10 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # the eleventh is being held by the server
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert len(inbox.got) == 10
    inbox.hold_after = None
    inbox.release.set()
    again = send(env, newsroom, AFTER)
    assert again.returncode == 0, again.stderr
    counts = {a: sum(r == a for r, _ in inbox.got) for a in people}
    assert counts == {a: 1 for a in people}
    assert again.stdout.splitlines()[1] == (  # the one in the crash window
        "ett meddelande skickades igen efter ett avbrott: e-postservern kan ha fått det förra gången (samma Message-ID)")


def test_relay_refusing_a_recipient_is_named_and_not_retried(tmp_path, smtp, newsroom):
    inbox, port = smtp
    env = env_for(tmp_path, port)
    subscribe(env, tmp_path, "finns-inte@tt.se", "nationellt")
    inbox.refuse_rcpt = True
    proc = send(env, newsroom, AFTER)
    assert proc.returncode == 0, proc.stderr
    assert "vägrad av e-postservern: finns-inte@tt.se (550 5.1.1 Mottagaren finns inte)" in proc.stdout
    inbox.refuse_rcpt = False
    assert send(env, newsroom, AFTER).stdout.startswith("klart: skickade inga e-postmeddelanden")


def test_relay_down_is_a_swedish_message_and_the_rerun_sends_everything(tmp_path, newsroom):
    port = free_port()
    env = env_for(tmp_path, port)
    subscribe(env, tmp_path, "riks@tt.se", "nationellt")
    proc = send(env, newsroom, AFTER)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[-2:] == [
        f"smtp://127.0.0.1:{port}: e-postservern tar inte emot anslutningar, också efter tre försök – "
        "kontrollera PRESSRUM_SMTP_URL och att servern är igång, och kör kommandot igen: det som redan skickats "
        "skickas inte igen", "ett fel"]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert send(env, newsroom, AFTER).returncode == 0
        assert [r for r, _ in inbox.got] == ["riks@tt.se"]
    finally:
        controller.stop()


def test_a_locked_database_is_a_swedish_message(tmp_path, smtp, newsroom):
    inbox, port = smtp
    env = env_for(tmp_path, port)
    subscribe(env, tmp_path, "riks@tt.se", "nationellt")
    holder = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        proc = send(env, newsroom, AFTER)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[-2:] == [
        f"{tmp_path / 'db.sqlite'}: prenumerantdatabasen är låst av ett annat program – vänta tills det andra "
        "utskicket eller kommandot är klart och försök igen; det som redan skickats skickas inte igen", "ett fel i en fil"]
    assert inbox.got == []


def test_a_locked_database_stops_a_subscriber_command_and_the_sign_up_page_in_swedish(tmp_path, newsroom):
    from pressrum.mail.signup import make_app

    env = env_for(tmp_path, PRESSRUM_DRY_RUN_DIR=str(tmp_path / "eml"))
    subscribe(env, tmp_path, "riks@tt.se", "nationellt")
    holder = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        added = cli(env, "subscribers", "add", "bo@dn.se", "--list", "skane", cwd=tmp_path)
        answers = []
        wsgi = {"REQUEST_METHOD": "POST", "PATH_INFO": "/e-post/anmalan", "CONTENT_LENGTH": "30",
                "wsgi.input": __import__("io").BytesIO(b"e-post=bo%40dn.se&lista=skane")}
        page = b"".join(make_app(newsroom, env)(wsgi, lambda status, headers: answers.append(status)))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (added.returncode, added.stderr.splitlines()) == (1, [
        f"{tmp_path / 'db.sqlite'}: prenumerantdatabasen är låst av ett annat program – vänta tills det andra "
        "utskicket eller kommandot är klart och försök igen; ingenting har ändrats", "ett fel i en fil"])
    assert answers == ["503 Service Unavailable"] and "Försök igen om en stund" in page.decode("utf-8")
    shown = cli(env, "subscribers", "list", cwd=tmp_path).stdout
    assert "bo@dn.se" not in shown and "riks@tt.se" in shown


def test_a_dry_run_writes_eml_files_and_leaves_the_send_log(tmp_path, smtp, newsroom):
    inbox, port = smtp
    env = env_for(tmp_path, port, PRESSRUM_DRY_RUN_DIR=str(tmp_path / "eml"))
    subscribe(env, tmp_path, "riks@tt.se", "nationellt")
    subscribe(env, tmp_path, "malmo@sydsvenskan.se", "skane")
    dry = send(env, newsroom, AFTER, "--dry-run")
    assert (dry.returncode, dry.stdout) == (0, "provkörning klar: skrev två e-postmeddelanden som .eml-filer; "
                                               "inget är skickat eller antecknat som skickat\n")
    assert sorted(p.name.split("-", 1)[1] for p in (tmp_path / "eml").glob("*.eml")) == [
        "malmo@sydsvenskan.se.eml", "riks@tt.se.eml"]
    assert inbox.got == []
    real = send(env, newsroom, AFTER)
    assert real.stdout == "klart: skickade två e-postmeddelanden\n"
    assert sorted(r for r, _ in inbox.got) == ["malmo@sydsvenskan.se", "riks@tt.se"]


def test_publish_hands_the_new_releases_to_the_mail_once(tmp_path, smtp, newsroom):
    inbox, port = smtp
    env = env_for(tmp_path, port, XDG_STATE_HOME=str(tmp_path / "state"))
    (tmp_path / "pressrum.toml").write_text(f'[publicera]\ntill = "{tmp_path / "www"}"\n\n[epost]\nskicka = true\n',
                                            encoding="utf-8")
    subscribe(env, tmp_path, "riks@tt.se", "nationellt")
    subscribe(env, tmp_path, "malmo@sydsvenskan.se", "skane")
    subscribe(env, tmp_path, "sthlm@dn.se", "stockholm")

    def publish(now: str, *more: str):
        return cli(env, "publish", "--content", str(newsroom), "--now", now, *more, cwd=tmp_path)

    before = publish(BEFORE)
    assert before.returncode == 0, before.stderr
    assert inbox.got == []   # nothing public yet
    dry = publish(AFTER, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert inbox.got == []
    first = publish(AFTER)
    assert first.returncode == 0, first.stderr
    assert sorted((r, m["Subject"]) for r, m in inbox.got) == [
        ("malmo@sydsvenskan.se", "Skåne i topp: 15 aktörer får statsbidrag för arbete mot segregation"),
        ("riks@tt.se", "90 aktörer får statsbidrag för arbete mot segregation – flest i Skåne")]
    again = publish("2021-05-17T11:00")
    assert again.returncode == 0, again.stderr
    assert len(inbox.got) == 2   # each release once per subscriber


def test_import_locates_every_bad_row_and_imports_nothing(tmp_path):
    env = env_for(tmp_path)
    bad = tmp_path / "lista.csv"
    bad.write_bytes("e-post;listor\nanna@tt.se;skane\nanna@tt.se;nationellt\nx@y.se?bcc=z@q.se;skane\n"
                    "bo@dn.se;skåne\n".encode("cp1252"))
    proc = cli(env, "subscribers", "import", str(bad), cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "lista.csv:3: adressen anna@tt.se finns redan på rad 2 – ta bort den ena raden och skriv alla listor på den andra",
        "lista.csv:4: 'x@y.se?bcc=z@q.se' är ingen e-postadress som kan användas – rätta adressen eller ta bort raden",
        "lista.csv:5: listan 'skåne' finns inte; menar du skane?",
        "tre fel i en fil"]
    assert cli(env, "subscribers", "list", cwd=tmp_path).stdout == "inga prenumeranter\n"
    good = tmp_path / "ratt.csv"
    good.write_bytes(b"\xef\xbb\xbfE-post,Listor,Samtycke\nanna@tt.se,\"skane, nationellt\",m\xc3\xa4ssa 2024\n")
    proc = cli(env, "subscribers", "import", str(good), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"importerade en prenumerant från {good}\n"
    listed = cli(env, "subscribers", "list", cwd=tmp_path).stdout.splitlines()
    assert re.fullmatch(r"anna@tt\.se  nationellt, skane  samtycke \d{4}-\d\d-\d\d: mässa 2024", listed[0])
    assert (tmp_path / "db.sqlite").stat().st_mode & 0o777 == 0o600
    assert cli(env, "subscribers", "remove", "anna@tt.se", cwd=tmp_path).returncode == 0
    assert cli(env, "subscribers", "list", cwd=tmp_path).stdout == "inga prenumeranter\n"


def test_a_list_for_some_kinds_gets_only_those(tmp_path, smtp, newsroom):
    inbox, port = smtp
    env = env_for(tmp_path, port)
    subscribe(env, tmp_path, "alla@sydsvenskan.se", "skane")
    proc = cli(env, "subscribers", "add", "utlysningar@hd.se", "--list", "skane", "--list", "nationellt",
               "--typ", "ansokningar", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, "utlysningar@hd.se står nu på skane och nationellt (bara ansokningar)\n")
    proc = cli(env, "subscribers", "add", "beslut@hd.se", "--list", "skane", "--typ", "tillagg", "--typ", "beslut",
               cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    wrong = cli(env, "subscribers", "add", "x@hd.se", "--list", "skane", "--typ", "besluten", cwd=tmp_path)
    assert (wrong.returncode, wrong.stderr.splitlines()) == (1, [
        "kommandot: typen 'besluten' finns inte; typerna heter ansokningar, beslut, inga-nya-bidrag, installd, nyhet, redovisning, "
            "tillagg eller utlysning",
        "ett fel"])
    listed = cli(env, "subscribers", "list", cwd=tmp_path).stdout.splitlines()
    assert [line.split("  samtycke")[0] for line in listed[:3]] == [
        "alla@sydsvenskan.se  skane", "beslut@hd.se  skane (bara beslut och tillagg)",
        "utlysningar@hd.se  nationellt (bara ansokningar), skane (bara ansokningar)"]
    proc = send(env, newsroom, AFTER)  # the bundled round's one occasion is a decision
    assert proc.returncode == 0, proc.stderr
    assert sorted(r for r, _ in inbox.got) == ["alla@sydsvenskan.se", "beslut@hd.se"]
    # Subscribing again with no --typ makes the list one for every kind.
    subscribe(env, tmp_path, "utlysningar@hd.se", "skane")
    assert send(env, newsroom, AFTER).returncode == 0
    assert sorted(r for r, _ in inbox.got) == ["alla@sydsvenskan.se", "beslut@hd.se", "utlysningar@hd.se"]


def test_import_takes_a_typer_column(tmp_path):
    env = env_for(tmp_path)
    bad = tmp_path / "lista.csv"
    bad.write_text("e-post;listor;typer\nanna@tt.se;skane;beslut tillagg\nbo@dn.se;nationellt;utlysningar\n"
                   "cilla@dn.se;nationellt;\n", encoding="utf-8")
    proc = cli(env, "subscribers", "import", str(bad), cwd=tmp_path)
    assert (proc.returncode, proc.stderr.splitlines()) == (1, [
        "lista.csv:3: typen 'utlysningar' finns inte; typerna heter ansokningar, beslut, inga-nya-bidrag, installd, "
        "nyhet, redovisning, tillagg eller utlysning",
        "ett fel i en fil"])
    bad.write_text(bad.read_text(encoding="utf-8").replace("utlysningar", "ansokningar"), encoding="utf-8")
    proc = cli(env, "subscribers", "import", str(bad), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    listed = cli(env, "subscribers", "list", cwd=tmp_path).stdout.splitlines()
    assert [line.split("  samtycke")[0] for line in listed] == [
        "anna@tt.se  skane (bara beslut och tillagg)", "bo@dn.se  nationellt (bara ansokningar)",
        "cilla@dn.se  nationellt", "tre prenumeranter"]


# The schema of the subscriber database before lists could be for some kinds only.
_SCHEMA_BEFORE_KINDS = """
CREATE TABLE subscriber (address TEXT PRIMARY KEY, consent_at TEXT NOT NULL, consent_how TEXT NOT NULL);
CREATE TABLE membership (address TEXT NOT NULL REFERENCES subscriber(address) ON DELETE CASCADE,
    list TEXT NOT NULL, PRIMARY KEY (address, list));
CREATE TABLE sent (version TEXT NOT NULL, address TEXT NOT NULL, state TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (version, address));
CREATE TABLE event (at TEXT NOT NULL, address TEXT NOT NULL, what TEXT NOT NULL);
CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO subscriber VALUES ('riks@tt.se', '2021-05-01T09:00:00+02:00', 'import från lista.csv');
INSERT INTO subscriber VALUES ('malmo@sydsvenskan.se', '2021-05-01T09:00:00+02:00', 'import från lista.csv');
INSERT INTO membership VALUES ('riks@tt.se', 'nationellt');
INSERT INTO membership VALUES ('malmo@sydsvenskan.se', 'skane');
INSERT INTO sent VALUES ('2021/beslut', 'riks@tt.se', 'sent', '2021-05-17T10:00:00+02:00');
"""


def test_a_database_from_before_kinds_keeps_working(tmp_path, smtp, newsroom):
    inbox, port = smtp
    old = sqlite3.connect(tmp_path / "db.sqlite")
    old.executescript(_SCHEMA_BEFORE_KINDS)
    old.close()
    env = env_for(tmp_path, port)
    listed = cli(env, "subscribers", "list", cwd=tmp_path)
    assert listed.stdout.splitlines() == [
        "malmo@sydsvenskan.se  skane  samtycke 2021-05-01: import från lista.csv",
        "riks@tt.se  nationellt  samtycke 2021-05-01: import från lista.csv", "två prenumeranter"]
    proc = send(env, newsroom, AFTER)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "klart: skickade ett e-postmeddelande, ett redan skickat tidigare\n"  # the old log holds
    assert [r for r, _ in inbox.got] == ["malmo@sydsvenskan.se"]
    proc = cli(env, "subscribers", "add", "malmo@sydsvenskan.se", "--list", "skane", "--typ", "ansokningar", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert cli(env, "subscribers", "list", cwd=tmp_path).stdout.splitlines()[0] == (
        "malmo@sydsvenskan.se  skane (bara ansokningar)  samtycke 2021-05-01: import från lista.csv")


def test_signup_double_opt_in_and_one_click_unsubscribe_over_http(tmp_path, newsroom):
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from pressrum.mail import store
    from pressrum.mail.signup import make_app

    outbox = tmp_path / "utkorg"
    env = env_for(tmp_path, PRESSRUM_DRY_RUN_DIR=str(outbox))

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", 0, make_app(newsroom, env), handler_class=Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}/e-post/"
    try:
        page = urllib.request.urlopen(base + "anmalan").read().decode("utf-8")
        assert "Anmäl mig" in page and 'value="skane"' in page
        data = urllib.parse.urlencode({"e-post": "anna@tt.se", "lista": ["skane", "nationellt"]}, doseq=True)
        page = urllib.request.urlopen(base + "anmalan", data.encode()).read().decode("utf-8")
        assert "Kolla din e-post" in page
        db = store.connect(tmp_path / "db.sqlite")
        assert store.subscribers(db) == ()  # not before the confirmation
        confirmation = email.message_from_bytes(next(outbox.glob("*.eml")).read_bytes(), policy=policy.default)
        assert confirmation["Subject"] == "Bekräfta din prenumeration på Delmos nyhetsrum"
        link = re.search(r"https://press\.delmos\.se/e-post/(bekrafta\?t=\S+)", confirmation.get_content()).group(1)
        forged = urllib.parse.quote("YW5uYUB0dC5zZQ.AAAA")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + "bekrafta?t=" + forged)
        assert refused.value.code == 400
        page = urllib.request.urlopen(base + link).read().decode("utf-8")
        assert "Tack!" in page
        (person,) = store.subscribers(db)
        assert person.lists == ("nationellt", "skane")
        assert person.consent_how == "dubbel bekräftelse via anmälningssidan"
        token = store.secret(db)
        from pressrum.mail.tokens import sign
        leave = base + "avregistrera?t=" + urllib.parse.quote(sign(token, "avregistrera", "anna@tt.se"))
        assert "Avsluta prenumerationen" in urllib.request.urlopen(leave).read().decode("utf-8")
        assert len(store.subscribers(db)) == 1  # a GET (a link scanner) unsubscribes nobody
        page = urllib.request.urlopen(leave, b"List-Unsubscribe=One-Click").read().decode("utf-8")
        assert "Du är avregistrerad" in page
        assert store.subscribers(db) == ()
        db.close()
    finally:
        server.shutdown()
        server.server_close()


def test_signup_offers_the_kinds_site_yaml_names_and_keeps_the_choice(tmp_path, newsroom):
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from pressrum.errors import BuildFailed
    from pressrum.mail import store
    from pressrum.mail.signup import make_app

    with open(newsroom / "site.yaml", "a", encoding="utf-8") as f:
        f.write("  anmälan-typer:\n    beslut: Beslut om bidrag\n    ansokningar: Ansökningar som kommit in\n")
    kinds = ("ansokningar", "beslut", "nyhet", "tillagg")
    outbox = tmp_path / "utkorg"
    env = env_for(tmp_path, PRESSRUM_DRY_RUN_DIR=str(outbox))

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", 0, make_app(newsroom, env, known_kinds=kinds), handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/e-post/"
    try:
        page = urllib.request.urlopen(base + "anmalan").read().decode("utf-8")
        assert '<input type="checkbox" name="typ" value="beslut"> Beslut om bidrag</label>' in page
        assert 'value="nyhet"' not in page   # only what site.yaml offers
        data = urllib.parse.urlencode({"e-post": "hd@hd.se", "lista": ["skane"], "typ": ["beslut", "nyhet"]}, doseq=True)
        assert "Kolla din e-post" in urllib.request.urlopen(base + "anmalan", data.encode()).read().decode("utf-8")
        confirmation = email.message_from_bytes(next(outbox.glob("*.eml")).read_bytes(), policy=policy.default)
        assert "(Skåne län – bara Beslut om bidrag)" in confirmation.get_content()
        link = re.search(r"https://press\.delmos\.se/e-post/(bekrafta\?t=\S+)", confirmation.get_content()).group(1)
        page = urllib.request.urlopen(base + link).read().decode("utf-8")
        assert "hd@hd.se får nu pressmeddelandena: Skåne län – bara Beslut om bidrag." in page
        db = store.connect(tmp_path / "db.sqlite")
        (person,) = store.subscribers(db)
        db.close()
        assert (person.lists, person.kinds) == (("skane",), (("beslut",),))
    finally:
        server.shutdown()
        server.server_close()
    site = newsroom / "site.yaml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("    beslut: Beslut om bidrag", "    besluten: Beslut om bidrag"), encoding="utf-8")
    line = text.split("    beslut: Beslut om bidrag")[0].count("\n") + 1
    with pytest.raises(BuildFailed) as wrong:
        make_app(newsroom, env, known_kinds=kinds)
    assert [p.text() for p in wrong.value.problems] == [
        f"{newsroom / 'site.yaml'}:{line}:5: typen 'besluten' finns inte; typerna heter ansokningar, beslut, nyhet "
        "eller tillagg"]


def test_county_pages_link_to_sign_up_only_when_configured(tmp_path, newsroom):
    env = env_for(tmp_path)
    for content, out in ((newsroom, tmp_path / "med"), (CONTENT, tmp_path / "utan")):
        proc = cli(env, "build", "--content", str(content), "--out", str(out), "--now", AFTER, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
    with_link = (tmp_path / "med" / "lan" / "skane" / "index.html").read_text(encoding="utf-8")
    assert ('<p class="signup"><a href="https://press.delmos.se/e-post/anmalan">Få pressmeddelandena om '
            'Skåne län med e-post</a></p>') in with_link
    assert "signup" not in (tmp_path / "utan" / "lan" / "skane" / "index.html").read_text(encoding="utf-8")


def _people(env, tmp_path, n: int) -> list[str]:
    people = [f"reporter{i:02d}@tidning.se" for i in range(n)]
    for address in people:
        subscribe(env, tmp_path, address, "nationellt")
    return people


def test_relay_dropping_the_connection_mid_list_then_a_rerun_sends_the_rest_once(tmp_path, smtp, newsroom):
    inbox, port = smtp
    env = env_for(tmp_path, port)
    people = _people(env, tmp_path, 12)
    inbox.drop_after = 5
    proc = send(env, newsroom, AFTER)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[-3] == (  # the log says what was sent before the relay went
        "skickat: 90 aktörer får statsbidrag för arbete mot segregation – flest i Skåne till fem mottagare")
    assert proc.stderr.splitlines()[-2:] == [
        f"smtp://127.0.0.1:{port}: förbindelsen med e-postservern bröts, också efter tre försök – "
        "kontrollera PRESSRUM_SMTP_URL och att servern är igång, och kör kommandot igen: det som redan skickats "
        "skickas inte igen", "ett fel"]
    assert len(inbox.got) == 5
    inbox.drop_after = None
    again = send(env, newsroom, AFTER)
    assert again.returncode == 0, again.stderr
    counts = {a: sum(r == a for r, _ in inbox.got) for a in people}
    assert counts == {a: 1 for a in people}  # nobody twice, nobody skipped


def test_relay_timing_out_mid_list_then_a_rerun_sends_the_rest_once(tmp_path, smtp, newsroom):
    inbox, port = smtp
    env = env_for(tmp_path, port, PRESSRUM_SMTP_TIMEOUT="1", PRESSRUM_SMTP_RETRIES="0")
    people = _people(env, tmp_path, 8)
    inbox.hold_after = 3  # the fourth message gets no answer
    proc = send(env, newsroom, AFTER)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[-2:] == [
        f"smtp://127.0.0.1:{port}: e-postservern svarade inte i tid – kontrollera PRESSRUM_SMTP_URL och att "
        "servern är igång, och kör kommandot igen: det som redan skickats skickas inte igen", "ett fel"]
    assert len(inbox.got) == 3
    inbox.hold_after = None
    inbox.release.set()  # the held ones answer 451 and are not received
    again = send(env, newsroom, AFTER)
    assert again.returncode == 0, again.stderr
    counts = {a: sum(r == a for r, _ in inbox.got) for a in people}
    assert counts == {a: 1 for a in people}
