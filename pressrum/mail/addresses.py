"""E-mail addresses and list names as subscribers give them: checked before anything is stored
or reaches a header, so a name with a newline or an address with ``?bcc=`` never gets that far."""
from __future__ import annotations

import re

from .. import sv
from .store import NATIONAL

# A deliberately plain address: local part and domain of the characters real addresses use.
# No spaces, quotes, angle brackets, commas, '?', '=', '%' or control characters: nothing a
# header or a mailto: link could be made to read as a second address or a header of its own.
_ADDRESS = re.compile(r"[A-Za-z0-9!#$&'*+/^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")
_UNSAFE_NAME = re.compile("[\x00-\x1f\x7f\u2028\u2029]")


def address_problem(text: str) -> str | None:
    """Why ``text`` is not an address Pressrum sends to (Swedish), or None when it is."""
    if not text:
        return "e-postadressen saknas"
    # A dot at either end of the local part, or two in a row, is no dot-atom: the email package
    # refuses such an address in a header (it would stop a send half-way).
    if len(text) > 254 or not _ADDRESS.fullmatch(text) or ".." in text or text.startswith(".") or ".@" in text:
        return f"'{text}' är ingen e-postadress som kan användas"
    return None


def normal(text: str) -> str:
    """An address as it is stored: trimmed, domain in lower case (the local part is the owner's)."""
    local, _, domain = text.strip().rpartition("@")
    return f"{local}@{domain.lower()}" if local else text.strip()


def name_problem(text: str) -> str | None:
    """Why a display name cannot reach a header (a newline would start a header of its own)."""
    return f"namnet '{text}' innehåller en radbrytning eller ett styrtecken" if _UNSAFE_NAME.search(text) else None


def list_names() -> tuple[str, ...]:
    """Every list: the national one and one per county, named by the county's slug."""
    return (NATIONAL, *(lan.slug for lan in sv.alla_lan()))


def kind_problem(name: str, kinds: tuple[str, ...]) -> str | None:
    """Why ``name`` is not a release kind (a folder under templates/releases/), or None."""
    if name in kinds:
        return None
    return f"typen '{name}' finns inte; typerna heter {sv.lista(list(kinds), 'eller')}"


def list_problem(name: str) -> str | None:
    """Why ``name`` is not a list (with the nearest real one when there is), or None."""
    if name in list_names():
        return None
    try:
        near = sv.lan(name).slug
    except ValueError:
        return f"listan '{name}' finns inte; listorna heter {NATIONAL} eller länets namn i adressform, till exempel skane"
    return f"listan '{name}' finns inte; menar du {near}?"
