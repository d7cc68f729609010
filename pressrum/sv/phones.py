"""Phone numbers in Swedish national form (``010-140 77 10``) and as ``tel:`` links.

The area code must be marked (a hyphen after it, or the space after +46): it is 2–4
digits long and cannot be told from the digits alone.

The subscriber part is grouped by how many digits it has, as Swedish numbers are
traditionally written (sv.wikipedia.org/wiki/Telefonnummer, "Gruppering och skrivsätt";
Svenska skrivregler's examples 020-905 10 and 08-668 01 50, quoted at
kotus.fi/…/1992/mera_om_telefonnummer):

=======  ==============  ===================
digits   grouping        example
=======  ==============  ===================
5        ``123 45``      ``0159-123 45``
6        ``12 34 56``    ``031-12 34 56``
7        ``123 45 67``   ``010-140 77 10``
8        ``123 456 78``  ``08-519 264 51``
=======  ==============  ===================

Service numbers (020-, 0200-, 077-, 0771-, 0900-) follow the same table: no source
found gives them a grouping of their own (020-905 10 in Svenska skrivregler and
0600-11 12 13 at mediesprak.fi/telefonnummer-upplasning fit it).
"""
# Bad input of any type raises ValueError with a Swedish message (the package's contract, see
# __init__.py): field_readers.py catches ValueError, as pydantic validators must raise it.
# ruff: noqa: TRY004

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .messages import (
    FEL_TELEFON_ABONNENTNUMMER,
    FEL_TELEFON_FLERA_BINDESTRECK,
    FEL_TELEFON_INLEDANDE_NOLLA,
    FEL_TELEFON_INTE_TEXT,
    FEL_TELEFON_OMARKERAT,
    FEL_TELEFON_RIKTNUMMER,
    FEL_TELEFON_TECKEN,
    FEL_TELEFON_UTLANDSKT,
)

# National form: area code (with its 0), hyphen, subscriber digits with spaces.
_NATIONELLT = re.compile(r"(?P<rikt>\d+)-(?P<abonnent>[\d ]+)")
# International form: the space after +46 and the next separator mark the area code.
_INTERNATIONELLT = re.compile(r"\+46 (?P<rikt>\d+)[ -](?P<abonnent>[\d ]+)")
_TILLATNA_TECKEN = re.compile(r"\+?[\d -]+")


@dataclass(frozen=True)
class _Telefonnummer:
    riktnummer: str  # with the leading 0: "010", "08", "0159"
    abonnentnummer: str  # digits only


def _tolka_telefon(text: str) -> _Telefonnummer:
    """Parse a phone number whose area code is marked (``010-…`` or ``+46 10 …``).

    The area code cannot be inferred from the digits – it is 2–4 digits long
    and PTS has hundreds of them – so unmarked input is refused rather than guessed.
    """
    if not isinstance(text, str):
        raise ValueError(FEL_TELEFON_INTE_TEXT.format(varde=text))
    # YAML authors paste numbers with no-break or thin spaces; treat them as spaces.
    normaliserat = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    if not _TILLATNA_TECKEN.fullmatch(normaliserat):
        raise ValueError(FEL_TELEFON_TECKEN.format(varde=text))
    if normaliserat.startswith("+"):
        if not normaliserat.startswith("+46"):
            raise ValueError(FEL_TELEFON_UTLANDSKT.format(varde=text))
        traff = _INTERNATIONELLT.fullmatch(normaliserat)
        if traff is None:
            raise ValueError(FEL_TELEFON_OMARKERAT.format(varde=text))
        if traff["rikt"].startswith("0"):
            raise ValueError(FEL_TELEFON_INLEDANDE_NOLLA.format(varde=text))
        riktnummer = "0" + traff["rikt"]
    else:
        if normaliserat.count("-") > 1:
            raise ValueError(FEL_TELEFON_FLERA_BINDESTRECK.format(varde=text))
        traff = _NATIONELLT.fullmatch(normaliserat.replace(" -", "-").replace("- ", "-"))
        if traff is None:
            raise ValueError(FEL_TELEFON_OMARKERAT.format(varde=text))
        riktnummer = traff["rikt"]
    if not (riktnummer.startswith("0") and 2 <= len(riktnummer) <= 4) or riktnummer.startswith("00"):
        raise ValueError(FEL_TELEFON_RIKTNUMMER.format(varde=text))
    abonnentnummer = traff["abonnent"].replace(" ", "")
    if not 5 <= len(abonnentnummer) <= 8:
        raise ValueError(
            FEL_TELEFON_ABONNENTNUMMER.format(varde=text, antal=len(abonnentnummer))
        )
    return _Telefonnummer(riktnummer, abonnentnummer)


# Group sizes by the subscriber number's length (see the module docstring).
_GRUPPER: dict[int, tuple[int, ...]] = {
    5: (3, 2),
    6: (2, 2, 2),
    7: (3, 2, 2),
    8: (3, 3, 2),
}


def _gruppera_abonnentnummer(siffror: str) -> str:
    """The subscriber digits in the groups their count prescribes: ``519 264 51``."""
    grupper, start = [], 0
    for storlek in _GRUPPER[len(siffror)]:  # _tolka_telefon has checked 5–8 digits
        grupper.append(siffror[start:start + storlek])
        start += storlek
    return " ".join(grupper)


def telefon(text: str) -> str:
    """A phone number in Swedish national form: ``010-140 77 10``.

    The area code must be marked, by a hyphen (``010-1407710``) or, in
    international form, by the space after the country code
    (``+46 10 140 77 10``). The subscriber part is grouped by its length:
    ``0159-123 45``, ``031-12 34 56``, ``08-405 10 00``, ``08-519 264 51``.
    Unmarked input (``0101407710``), letters, an area code not
    starting with 0 and a subscriber part outside 5–8 digits are errors.
    """
    if type(text) is str:
        return _telefon(text)
    nummer = _tolka_telefon(text)  # refuses anything that is not text
    return f"{nummer.riktnummer}-{_gruppera_abonnentnummer(nummer.abonnentnummer)}"


@lru_cache(maxsize=1024)  # pure; every release page prints its press contacts' numbers
def _telefon(text: str) -> str:
    nummer = _tolka_telefon(text)
    return f"{nummer.riktnummer}-{_gruppera_abonnentnummer(nummer.abonnentnummer)}"


def telefon_uri(text: str) -> str:
    """The RFC 3966 link target for a phone number: ``tel:+46101407710``.

    Same input rules as :func:`telefon`; the area code's 0 is dropped after +46.
    """
    if type(text) is str:
        return _telefon_uri(text)
    nummer = _tolka_telefon(text)  # refuses anything that is not text
    return f"tel:+46{nummer.riktnummer[1:]}{nummer.abonnentnummer}"


@lru_cache(maxsize=1024)
def _telefon_uri(text: str) -> str:
    nummer = _tolka_telefon(text)
    return f"tel:+46{nummer.riktnummer[1:]}{nummer.abonnentnummer}"
