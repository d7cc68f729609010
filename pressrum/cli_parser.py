"""The command line's words: the parser of ``python build.py …`` with Swedish help and errors.

Every command is listed, but only the chosen command's arguments are declared (:func:`_parser`).
"""
from __future__ import annotations

import argparse
import re
from datetime import datetime
from pathlib import Path

from zoneinfo import ZoneInfo

from .errors import translate

STOCKHOLM = ZoneInfo("Europe/Stockholm")

_ARGPARSE_SV = (
    (r"unrecognized arguments: (.*)", r"okända argument: \1"),
    (r"argument (\S+): expected one argument", r"\1 behöver ett värde"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"\1: ogiltigt val \2 (välj bland \3)"),
    (r"argument (\S+): invalid (\S+) value: (.*)", r"\1: ogiltigt värde \3"),
    (r"the following arguments are required: (.*)", r"dessa argument saknas: \1"),
    (r"argument (\S+): (.+)", r"\1: \2"),  # an ArgumentTypeError of ours, already Swedish
)


class UsageError(Exception):
    pass


class RefusedFolder(UsageError):
    """An output folder Pressrum will not write into: not a mistake in the command's spelling, so
    it is said on its own, without "fel i kommandot" and the pointer to --help."""


def _usage_text(exc: UsageError) -> str:
    """The line for a usage error. A message that has its fix after a dash gets the pointer to
    --help in brackets, never as a second dash clause."""
    if isinstance(exc, RefusedFolder):
        return str(exc)
    text = str(exc)
    return f"fel i kommandot: {text} " + ("(se python build.py --help)" if " – " in text else "– se python build.py --help")


class _Parser(argparse.ArgumentParser):
    """argparse with Swedish errors (exit 2) and Swedish headings."""

    def error(self, message):
        raise UsageError(translate(message, _ARGPARSE_SV, re.DOTALL) or message)  # a value may hold a newline

    def format_help(self):
        text = super().format_help()
        return (text.replace("usage:", "användning:").replace("options:", "flaggor:")
                .replace("positional arguments:", "kommandon:").replace("show this help message and exit", "visa den här hjälpen"))


def _when(text: str) -> datetime:
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' är ingen tidpunkt – skriv datum och klockslag, till exempel "
                                         "--now 2021-05-17T10:00") from None
    return dt.replace(tzinfo=STOCKHOLM) if dt.tzinfo is None else dt


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:  # 0: any free port
        raise argparse.ArgumentTypeError(f"porten ska vara ett heltal från 0 till 65535, inte '{text}'")
    return int(text)


def _parser(command: str | None = None) -> _Parser:
    """The command line's parser. Every command is listed, but only ``command``'s arguments are
    declared (all of them when it is None: ``--help``, or a word that is no command): a build
    with nothing to do takes little longer than declaring every command's arguments."""
    p = _Parser(prog="python build.py", description="Pressrum: pressmeddelanden, nyhetsrum och flöden från fakta i YAML.")
    sub = p.add_subparsers(dest="command", metavar="{" + ",".join(_COMMANDS) + "}", parser_class=_Parser)
    every = command not in _COMMANDS
    for name, (text, declare) in _COMMANDS.items():
        parser = sub.add_parser(name, help=text)
        if every or name == command:
            declare(parser)
    return p


def _common(sp) -> None:
    sp.add_argument("--content", type=Path, default=Path("content"), metavar="MAPP", help="mappen med innehåll (standard: content)")
    sp.add_argument("--templates", type=Path, default=None, metavar="MAPP", help="mappen med mallar (standard: templates)")
    sp.add_argument("--now", type=_when, default=None, metavar="ISO-TID",
                    help="bygg som om klockan vore denna tid, till exempel 2021-05-17T10:00 (svensk tid)")


def _target(sp) -> None:
    sp.add_argument("--to", default=None, metavar="MÅL",
                    help="en mapp, ssh://användare@värd[:port]/sökväg eller s3://hink/prefix (standard: pressrum.toml)")
    sp.add_argument("--endpoint-url", default=None, metavar="URL", help="adressen till en S3-kompatibel lagring")


def _build_arguments(b) -> None:
    _common(b)
    b.add_argument("--out", type=Path, default=None, metavar="MAPP",
                   help="mappen där nyhetsrummet skrivs (standard: releases bredvid innehållsmappen, eller preview med --drafts)")
    b.add_argument("--drafts", action="store_true", help="ta med opublicerade pressmeddelanden som utkast (skrivs till preview/)")
    b.add_argument("--unpublish", action="store_true",
                   help="tillåt att pressmeddelanden som ett tidigare bygge publicerade tas bort ur mappen")


def _check_arguments(c) -> None:
    _common(c)
    c.add_argument("--format", choices=("text", "json"), default="text", help="utdata som text eller json")


def _schema_arguments(s) -> None:
    s.add_argument("--out", type=Path, default=None, metavar="MAPP", help="mapp för schemafilerna (standard: skriv till skärmen)")


def _serve_arguments(v) -> None:
    _common(v)
    v.add_argument("--port", type=_port, default=8000, help="port, 0–65535, där 0 är en ledig port (standard: 8000)")
    v.add_argument("--out", type=Path, default=None, metavar="MAPP", help="mapp för förhandsgranskningen (standard: preview)")


def _publish_arguments(pu) -> None:
    _common(pu)
    _target(pu)
    pu.add_argument("--dry-run", action="store_true", help="säg vad som skulle skickas och meddelas, utan att göra det")
    pu.add_argument("--watch", action="store_true", help="fortsätt köra: publicera vid varje pressmeddelandes tid")


def _status_arguments(st) -> None:
    _common(st)
    _target(st)


def _archive_arguments(ar) -> None:
    ar.add_argument("action", choices=("list",), help="list: visa arkivets versioner")
    _common(ar)
    _target(ar)


def _send_arguments(k) -> None:
    _common(k)
    k.add_argument("--out", type=Path, default=None, metavar="MAPP",
                   help="mappen där nyhetsrummet skrivs (standard: releases bredvid innehållsmappen)")
    k.add_argument("--dry-run", action="store_true",
                   help="skriv meddelandena som .eml-filer i mappen utskick (eller PRESSRUM_DRY_RUN_DIR) i stället för att skicka")


def _subscriber_parsers(parent) -> None:
    sub = parent.add_subparsers(dest="action", metavar="{add,import,remove,list,serve}", parser_class=_Parser,
                                required=True)
    a = sub.add_parser("add", help="lägg till en adress på en eller flera listor")
    a.add_argument("address", metavar="ADRESS", help="e-postadressen")
    a.add_argument("--list", dest="lists", action="append", required=True, metavar="LISTA",
                   help="nationellt eller ett läns namn i adressform, till exempel skane (kan upprepas)")
    a.add_argument("--typ", dest="kinds", action="append", default=[], metavar="TYP",
                   help="bara pressmeddelanden av den här typen på listorna, till exempel beslut eller ansokningar "
                        "(kan upprepas; standard: alla typer)")
    i = sub.add_parser("import", help="importera prenumeranter från en CSV-fil sparad från Excel")
    i.add_argument("file", type=Path, metavar="FIL.csv", help="kolumnerna e-post;listor och gärna samtycke och typer")
    r = sub.add_parser("remove", help="ta bort en adress från alla listor")
    r.add_argument("address", metavar="ADRESS", help="e-postadressen")
    sub.add_parser("list", help="visa alla prenumeranter med listor och samtycke")
    s = sub.add_parser("serve", help="kör anmälnings- och avregistreringssidan (WSGI) på 127.0.0.1")
    s.add_argument("--content", type=Path, default=Path("content"), metavar="MAPP", help="mappen med innehåll (standard: content)")
    s.add_argument("--port", type=_port, default=8025, help="port, där 0 är en ledig port (standard: 8025)")


# Each command, in the order the help lists them: its help and what declares its arguments (see _parser).
_COMMANDS = {
    "build": ("bygg nyhetsrummet (standard)", _build_arguments),
    "check": ("kontrollera innehållet utan att skriva något", _check_arguments),
    "schema": ("skriv JSON Schema för innehållsfilerna", _schema_arguments),
    "serve": ("förhandsgranska med automatisk omladdning", _serve_arguments),
    "publish": ("bygg som nu och publicera på målet", _publish_arguments),
    "status": ("vad som är publicerat, vad som väntar och den senaste publiceringen", _status_arguments),
    "archive": ("arkivet av allt som har publicerats", _archive_arguments),
    "skicka": ("bygg och skicka nya pressmeddelanden med e-post till prenumeranterna", _send_arguments),
    "subscribers": ("prenumeranter på e-post: lägg till, importera, ta bort, visa", _subscriber_parsers),
}
