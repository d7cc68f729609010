"""One e-mail: a release as multipart/alternative text and HTML, with the list headers.

Every header is set through ``email.headerregistry`` under ``policy.SMTP``: a value with a
newline raises instead of becoming a header of its own, and addresses were checked before
(:mod:`.addresses`). The HTML is the release's article from its page, with inline styles
(Outlook and phone mail apps ignore style sheets) and every link made absolute.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape
from urllib.parse import quote, urljoin, urlsplit

# Inline styles per tag, applied to the release's article (the site's style.css stays on the site).
_STYLES = {
    "h1": "font-family:Arial,Helvetica,sans-serif;font-size:24px;line-height:1.25;margin:0 0 12px;color:#111;",
    "h2": "font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.3;margin:24px 0 8px;color:#111;",
    "p": "font-family:Georgia,'Times New Roman',serif;font-size:16px;line-height:1.5;margin:0 0 12px;color:#222;",
    "li": "font-family:Georgia,'Times New Roman',serif;font-size:16px;line-height:1.5;margin:0 0 4px;color:#222;",
    "blockquote": "margin:0 0 12px;padding:0 0 0 12px;border-left:3px solid #999;",
    "a": "color:#0b5394;text-decoration:underline;",
}
# SMTP's line limit, not the 78-column advice: folded at 78, a long one-click URL would be
# written as encoded words, which mail programs do not read as a URL.
POLICY = policy.SMTP.clone(max_line_length=998)
_TAG = re.compile(r"<(h1|h2|p|li|blockquote|a)\b([^>]*)>")
_HREF = re.compile(r'\b(href|src)="([^"]*)"')
_ARTICLE = re.compile(r'<article class="release">(.*?)</article>', re.S)


@dataclass(frozen=True)
class Letter:
    """What one release's e-mails are made of (the same for every recipient)."""

    version: str       # the send log's key: "2021/beslut/skane", "…#rättelse-2021-05-18T09:30"
    title: str
    subject: str
    first_line: str    # "EMBARGO: publiceras …" for an advance copy, else ""
    url: str
    text: str          # the release's .txt
    html: str          # the release's article, styled inline
    feeds: tuple[str, ...]
    list_name: str     # "Delmos nyhetsrum – Skåne län"
    list_id: str       # "skane.press.delmos.se"


@dataclass(frozen=True)
class Envelope:
    """The fixed parts of every message: who sends, whom to answer, where to unsubscribe."""

    sender: Address
    reply_to: Address | None
    unsubscribe_mailto: str | None
    unsubscribe_url: str | None   # the sign-up page, e.g. https://press.delmos.se/e-post/anmalan


def mail_html(page: str, url: str) -> str:
    """The article of a release page, links absolute, styles inline."""
    found = _ARTICLE.search(page)
    body = found.group(1) if found else ""
    body = _HREF.sub(lambda m: f'{m.group(1)}="{escape(urljoin(url, m.group(2)), quote=True)}"', body)
    return _TAG.sub(lambda m: f'<{m.group(1)}{m.group(2)} style="{_STYLES[m.group(1)]}">', body)


def message_id(version: str, address: str, domain: str) -> str:
    """The same Message-ID every time the same version goes to the same address: a copy that a
    crash made us send twice is recognised as one by the recipient's mail program."""
    digest = hashlib.sha256(f"{version}\n{address}".encode("utf-8")).hexdigest()[:32]
    return f"<{digest}@{domain}>"


def id_domain(letter: Letter) -> str:
    """The domain of a letter's Message-IDs: the newsroom's host."""
    return urlsplit(letter.url).hostname or "pressrum"


def compose(letter: Letter, env: Envelope, to: str, unsubscribe_token: str, now: datetime) -> EmailMessage:
    """The message of ``letter`` to ``to``."""
    msg = EmailMessage(policy=POLICY)
    msg["Subject"] = letter.subject
    msg["From"] = env.sender
    msg["To"] = Address(addr_spec=to)
    if env.reply_to is not None:
        msg["Reply-To"] = env.reply_to
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id(letter.version, to, id_domain(letter))
    msg["List-Id"] = f"{letter.list_name} <{letter.list_id}>"
    leave = unsubscribe_url(env, unsubscribe_token)
    targets = []
    if env.unsubscribe_mailto:
        targets.append(f"<mailto:{env.unsubscribe_mailto}?subject=avregistrera>")
    if leave:
        targets.append(f"<{leave}>")
    if targets:
        msg["List-Unsubscribe"] = ", ".join(targets)
    if leave:
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(text_body(letter, leave), cte="quoted-printable")
    msg.add_alternative(html_body(letter, leave), subtype="html", cte="quoted-printable")
    # After the content: set_content clears every Content-* header it finds, this one too.
    msg["Content-Language"] = "sv"
    return msg


def unsubscribe_url(env: Envelope, token: str) -> str | None:
    """The signed one-click address for ``token``, or None without a sign-up page."""
    if not env.unsubscribe_url:
        return None
    return urljoin(env.unsubscribe_url, "avregistrera") + "?t=" + quote(token)


def text_body(letter: Letter, leave: str | None) -> str:
    """The text part: the release's .txt, then the links and the unsubscribe address."""
    top = f"{letter.first_line}\n\n" if letter.first_line else ""
    feeds = "\n".join(f"  {f}" for f in letter.feeds)
    foot = (f"\n\n-- \nLäs pressmeddelandet på webben: {letter.url}\n"
            f"Flöden (RSS):\n{feeds}\n"
            f"Du får det här e-postmeddelandet från {letter.list_name}.")
    if leave:
        foot += f"\nAvsluta prenumerationen: {leave}"
    return top + letter.text.rstrip() + foot + "\n"


def html_body(letter: Letter, leave: str | None) -> str:
    """The HTML part: the styled article in a 640-pixel table (what Outlook lays out), then the links."""
    p = _STYLES["p"]
    a = _STYLES["a"]
    top = (f'<p style="{p}font-weight:bold;color:#a00;">{escape(letter.first_line)}</p>' if letter.first_line else "")
    feeds = " · ".join(f'<a style="{a}" href="{escape(f, quote=True)}">{escape(f)}</a>' for f in letter.feeds)
    leave_html = (f' <a style="{a}" href="{escape(leave, quote=True)}">Avsluta prenumerationen</a>.' if leave else "")
    return (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{escape(letter.title)}</title></head>"
            f'<body style="margin:0;padding:0;background:#fff;">'
            f'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center">'
            f'<table role="presentation" width="100%" cellpadding="16" cellspacing="0" border="0" style="max-width:640px;">'
            f"<tr><td>{top}{letter.html}"
            f'<hr style="border:0;border-top:1px solid #ccc;margin:24px 0;">'
            f'<p style="{p}font-size:14px;"><a style="{a}" href="{escape(letter.url, quote=True)}">Läs pressmeddelandet på webben</a>. '
            f"Flöden: {feeds}</p>"
            f'<p style="{p}font-size:14px;">Du får det här e-postmeddelandet från {escape(letter.list_name)}.{leave_html}</p>'
            f"</td></tr></table></td></tr></table></body></html>\n")
