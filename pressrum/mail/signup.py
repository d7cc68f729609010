"""Sign-up and unsubscribe: a small WSGI app the agency runs behind its web server.

Standard library only (wsgiref): four routes and two forms do not need a framework, and the
app has no dependency to keep up to date. Sign-up is double opt-in: the form sends a
confirmation e-mail with a signed link (valid seven days), and only the link adds the address.
Unsubscribing is one click (RFC 8058: a POST to the List-Unsubscribe address); a GET shows a
button, since mail scanners follow links. Every step is recorded with its time.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email import policy
from html import escape
from pathlib import Path
from typing import Callable, Mapping
from urllib.parse import parse_qs, urljoin
from zoneinfo import ZoneInfo

from .. import sv
from ..errors import BuildFailed, Place, Problem
from ..validate import load_site
from . import store
from .addresses import address_problem, kind_problem, list_names, list_problem, normal
from .tokens import sign, verify
from .transport import FolderTransport, SmtpTransport, relay_from

STOCKHOLM = ZoneInfo("Europe/Stockholm")
CONFIRM_DAYS = 7


def _page(title: str, body: str) -> bytes:
    return (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{escape(title)}</title></head>'
            f'<body style="font-family:Arial,sans-serif;max-width:40em;margin:2em auto;padding:0 1em">'
            f"<h1>{escape(title)}</h1>{body}</body></html>").encode("utf-8")


def _list_label(name: str) -> str:
    return "Hela landet" if name == store.NATIONAL else sv.lan(name).namn


def _only(kinds: tuple[str, ...], offered: Mapping[str, str]) -> str:
    """`` – bara Beslut om bidrag``: the kinds chosen, as the page names them; "" for every kind."""
    return f" – bara {sv.lista([offered.get(k, k) for k in kinds])}" if kinds else ""


def make_app(content: Path, environ: Mapping[str, str], clock: Callable[[], datetime] | None = None,
             known_kinds: tuple[str, ...] | None = None):
    """The WSGI app for the newsroom in ``content``; mail goes through ``PRESSRUM_SMTP_URL``
    (or into ``PRESSRUM_DRY_RUN_DIR`` as .eml files when that is set). ``known_kinds``, when
    given, are the release kinds ``anmälan-typer`` may name."""
    site, source, problems = load_site(content)
    if problems or site is None or site.mailing is None:
        raise BuildFailed(problems or [Problem(Place("site.yaml"), "site.yaml har inget e-postutskick",
                                               "lägg till e-postutskick med avsändare och anmälan")])
    mailing, db_path = site.mailing, store.database_path(environ)
    offered = dict(mailing.signup_kinds)   # kind -> what the page calls it
    wrong = [Problem(source.key_place(("e-postutskick", "anmälan-typer", k)), kind_problem(k, known_kinds))
             for k in offered if known_kinds is not None and kind_problem(k, known_kinds)]
    if wrong:
        raise BuildFailed(wrong)
    now = clock or (lambda: datetime.now(STOCKHOLM))
    confirm_url = urljoin(mailing.signup or "http://127.0.0.1/anmalan", "bekrafta")

    def form(message: str = "") -> bytes:
        boxes = "".join(f'<label style="display:block"><input type="checkbox" name="lista" value="{n}"> '
                        f"{escape(_list_label(n))}</label>" for n in list_names())
        kinds = "".join(f'<label style="display:block"><input type="checkbox" name="typ" value="{k}"> '
                        f"{escape(label)}</label>" for k, label in offered.items())
        kinds = (f"<fieldset><legend>Vilka pressmeddelanden</legend><p>Välj inget för att få alla.</p>{kinds}"
                 f"</fieldset>") if offered else ""
        note = f'<p role="alert"><strong>{escape(message)}</strong></p>' if message else ""
        return _page(f"E-post från {site.newsroom.title}",
                     f"{note}<p>Få pressmeddelandena med e-post när de publiceras. Du får först ett e-postmeddelande "
                     f"med en länk som bekräftar anmälan.</p><form method=\"post\" action=\"anmalan\">"
                     f'<p><label>E-postadress <input type="email" name="e-post" required></label></p>'
                     f"<fieldset><legend>Listor</legend>{boxes}</fieldset>{kinds}<p><button>Anmäl mig</button></p></form>"
                     f"<p>Vi sparar adressen, listorna och när och hur du anmälde dig, tills du avslutar "
                     f"prenumerationen. Varje e-postmeddelande har en länk för att avsluta.</p>")

    def confirm_mail(address: str, lists: tuple[str, ...], kinds: tuple[str, ...]) -> None:
        with store.opened(db_path) as db:
            token = sign(store.secret(db), "bekräfta",
                         f"{address}|{','.join(lists)}|{now().isoformat()}|{','.join(kinds)}")
            store.event(db, address, "anmäld, väntar på bekräftelse: " + ",".join(lists)
                        + (f" (bara {','.join(kinds)})" if kinds else ""), now())
        msg = EmailMessage(policy=policy.SMTP)
        msg["Subject"] = f"Bekräfta din prenumeration på {site.newsroom.title}"
        msg["From"] = Address(mailing.sender.name, addr_spec=mailing.sender.email)
        msg["To"] = Address(addr_spec=address)
        msg.set_content(f"Hej!\n\nNågon, förhoppningsvis du, har anmält den här adressen till pressmeddelanden från "
                        f"{site.newsroom.title} ({sv.lista([_list_label(n) for n in lists])}"
                        f"{_only(kinds, offered)}).\n\n"
                        f"Bekräfta inom {sv.tal(CONFIRM_DAYS, 'en')} dagar genom att öppna länken:\n"
                        f"{confirm_url}?t={token}\n\nHar du inte anmält dig behöver du inte göra något.\n")
        transport = FolderTransport(Path(environ["PRESSRUM_DRY_RUN_DIR"])) if environ.get("PRESSRUM_DRY_RUN_DIR") \
            else SmtpTransport(relay_from(environ))
        try:
            transport.send(msg, address)
        finally:
            transport.close()

    def app(wsgi_env, start_response):
        try:
            return answer(wsgi_env, start_response)
        except BuildFailed:  # the database locked by a send, the relay down: later, not a 500
            body = _page("Försök igen om en stund", "<p>Sidan kan inte svara just nu. Försök igen om en stund.</p>")
            start_response("503 Service Unavailable", [("Content-Type", "text/html; charset=utf-8"),
                                                       ("Content-Length", str(len(body))), ("Retry-After", "60"),
                                                       ("Cache-Control", "no-store")])
            return [body]

    def answer(wsgi_env, start_response):
        path = wsgi_env.get("PATH_INFO", "/").rstrip("/").rsplit("/", 1)[-1]
        method = wsgi_env.get("REQUEST_METHOD", "GET")
        query = {k: v[0] for k, v in parse_qs(wsgi_env.get("QUERY_STRING", "")).items()}
        fields: dict[str, list[str]] = {}
        if method == "POST":
            size = min(int(wsgi_env.get("CONTENT_LENGTH") or 0), 10_000)
            fields = parse_qs(wsgi_env["wsgi.input"].read(size).decode("utf-8", "replace"))

        def reply(status: str, body: bytes):
            start_response(status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                                    ("Cache-Control", "no-store"), ("Referrer-Policy", "no-referrer")])
            return [body]

        if path in ("", "anmalan") and method == "GET":
            return reply("200 OK", form())
        if path == "anmalan" and method == "POST":
            address = normal(fields.get("e-post", [""])[0])
            lists = tuple(n for n in fields.get("lista", []) if not list_problem(n))
            kinds = tuple(sorted({k for k in fields.get("typ", []) if k in offered}))
            wrong = address_problem(address) or (None if lists else "välj minst en lista")
            if wrong:
                return reply("400 Bad Request", form(wrong))
            confirm_mail(address, lists, kinds)
            return reply("200 OK", _page("Kolla din e-post", f"<p>Vi har skickat en länk till {escape(address)}. "
                                         f"Öppna den för att bekräfta anmälan.</p>"))
        with store.opened(db_path) as db:
            secret = store.secret(db)
            if path == "bekrafta":
                value = verify(secret, "bekräfta", query.get("t", ""))
                parts = value.split("|") if value else []
                parts += [""] * (len(parts) == 3)   # a link sent before kinds could be chosen
                if len(parts) != 4 or datetime.fromisoformat(parts[2]) < now() - timedelta(days=CONFIRM_DAYS):
                    return reply("400 Bad Request", _page("Länken fungerar inte",
                                 "<p>Länken är fel eller för gammal. Anmäl dig igen.</p>"))
                address, lists, kinds = parts[0], tuple(parts[1].split(",")), tuple(k for k in parts[3].split(",") if k)
                store.add_many(db, [(address, lists)], now(), "dubbel bekräftelse via anmälningssidan", kinds)
                return reply("200 OK", _page("Tack!", f"<p>{escape(address)} får nu pressmeddelandena: "
                                             f"{escape(sv.lista([_list_label(n) for n in lists]) + _only(kinds, offered))}."
                                             "</p>"))
            if path == "avregistrera":
                token = query.get("t") or fields.get("t", [""])[0]
                address = verify(secret, "avregistrera", token)
                if address is None:
                    return reply("400 Bad Request", _page("Länken fungerar inte", "<p>Länken är fel.</p>"))
                if method == "POST":  # RFC 8058 one-click, or the button below
                    store.remove(db, address, now(), "avregistrerad med ett klick")
                    return reply("200 OK", _page("Du är avregistrerad",
                                 f"<p>{escape(address)} får inga fler pressmeddelanden från oss.</p>"))
                return reply("200 OK", _page("Avsluta prenumerationen",
                             f'<form method="post"><input type="hidden" name="t" value="{escape(token, quote=True)}">'
                             f"<p>Sluta skicka pressmeddelanden till {escape(address)}?</p>"
                             f"<p><button>Avsluta prenumerationen</button></p></form>"))
        return reply("404 Not Found", _page("Sidan finns inte", "<p>Sidan finns inte.</p>"))

    return app


def serve_signup(content: Path, port: int, environ: Mapping[str, str], say: Callable[[str], None],
                 known_kinds: tuple[str, ...] | None = None) -> int:
    """``subscribers serve``: the app on 127.0.0.1 until Ctrl-C (the agency's web server proxies it)."""
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):  # addresses are personal data: not in the terminal's log
            pass

    app = make_app(content, environ, known_kinds=known_kinds)
    try:
        server = make_server("127.0.0.1", port, app, handler_class=Quiet)
    except OSError as exc:
        say(f"porten {port} kan inte användas ({exc.strerror}) – välj en annan med --port")
        return 1
    say(f"anmälningssidan körs på http://127.0.0.1:{server.server_port}/anmalan – avsluta med Ctrl-C")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
