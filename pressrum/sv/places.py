"""Counties (län) and municipalities (kommuner), from SCB's codes in ``pressrum/data/*.csv``.

Looked up by code, slug, official or short name, case-insensitively; a near miss is
answered with a suggestion.
"""

from __future__ import annotations

import csv
import difflib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .messages import (
    FEL_OKAND_KOMMUN,
    FEL_OKAND_KOMMUN_FORSLAG,
    FEL_OKANT_LAN,
    FEL_OKANT_LAN_FORSLAG,
)

DATA_DIR = Path(__file__).parent.parent / "data"


@dataclass(frozen=True)
class Lan:
    """A county. ``namn`` is the official name (*Skåne län*), ``kortnamn`` the
    running-text form (*Skåne*; the five counties named after their seat keep the
    full name, *Stockholms län*, since *i Stockholm* would mean the city),
    ``slug`` the URL form (*skane*, *stockholm*)."""

    kod: str
    namn: str
    kortnamn: str
    slug: str

    def __reduce__(self):
        # One of the 21 is pickled by its code and unpickled as that same object: a worker's
        # results name the counties some 20 000 times at 20 000 releases, and each would
        # otherwise arrive as a new copy (about 9 MB in the main process).
        if _lan_index().get(self.kod) == self:
            return (_lan_med_kod, (self.kod,))
        return (Lan, (self.kod, self.namn, self.kortnamn, self.slug))


@dataclass(frozen=True)
class Kommun:
    """A municipality with its SCB code and short name (*Falun*, not *Falu kommun*)."""

    kod: str
    namn: str
    lan: Lan


def _nyckel(text: str) -> str:
    """Lookup key: Unicode-normalised, case-folded, hyphens and spaces alike."""
    text = unicodedata.normalize("NFC", text).casefold().replace("-", " ")
    return " ".join(text.split())


def _las_csv(filnamn: str) -> list[dict[str, str]]:
    with (DATA_DIR / filnamn).open(encoding="utf-8", newline="") as fil:
        return list(csv.DictReader(fil))


@cache
def alla_lan() -> tuple[Lan, ...]:
    """All 21 counties in code order (01 Stockholms län … 25 Norrbottens län)."""
    rader = _las_csv("lan.csv")
    return tuple(
        sorted(
            (Lan(r["lanskod"], r["lan"], r["kortnamn"], r["slug"]) for r in rader),
            key=lambda lanet: lanet.kod,
        )
    )


@cache
def alla_kommuner() -> tuple[Kommun, ...]:
    """All 290 municipalities in code order, each with its county."""
    lan_per_kod = {lanet.kod: lanet for lanet in alla_lan()}
    rader = _las_csv("kommuner.csv")
    return tuple(
        sorted(
            (Kommun(r["kod"], r["kommun"], lan_per_kod[r["lanskod"]]) for r in rader),
            key=lambda k: k.kod,
        )
    )


def _lan_med_kod(kod: str) -> Lan:
    """The county with SCB code ``kod`` (how a pickled county is unpickled): the lookup index
    holds each code as is (a code is its own key), so it is not normalised as ``lan`` does."""
    return _lan_index()[kod]


@cache
def _lan_index() -> dict[str, Lan]:
    index: dict[str, Lan] = {}
    for lanet in alla_lan():
        for namn in (lanet.kod, lanet.namn, lanet.kortnamn, lanet.slug):
            index[_nyckel(namn)] = lanet
    return index


@cache
def _lan_forslag() -> dict[str, str]:
    """Spelling suggestions: lookup key → the name to suggest.

    A near-miss of a slug (``"vastra-gotlaand"``) is answered with the short
    name as it is written (*Västra Götaland*), not with the slug.
    """
    forslag = {}
    for lanet in alla_lan():
        forslag[_nyckel(lanet.slug)] = lanet.kortnamn
        forslag[_nyckel(lanet.namn)] = lanet.namn
        forslag[_nyckel(lanet.kortnamn)] = lanet.kortnamn
    return forslag


# Stricter than difflib's default 0.6, which offers 'Jämtland' for 'Atlantis'.
_FORSLAG_LIKHET = 0.75


def _forslag(nyckel: str, kandidater: dict[str, str]) -> str | None:
    traffar = difflib.get_close_matches(nyckel, list(kandidater), n=1, cutoff=_FORSLAG_LIKHET)
    return kandidater[traffar[0]] if traffar else None


def lan(key: str | int | Lan) -> Lan:
    """Look up a county by code (``"12"``, or the int 12), slug (``"skane"``),
    official name (``"Skåne län"``) or short name (``"Skåne"``), case-insensitively.

    The seat-city forms used in slugs work too: ``lan("stockholm")`` is
    Stockholms län. Unknown names raise ``ValueError`` with a suggestion.
    """
    if isinstance(key, Lan):
        return key
    text = f"{key:02d}" if isinstance(key, int) and not isinstance(key, bool) else str(key)
    hittat = _lan_index().get(_nyckel(text))
    if hittat is not None:
        return hittat
    forslag = _forslag(_nyckel(text), _lan_forslag())
    if forslag is None:
        raise ValueError(FEL_OKANT_LAN.format(varde=key))
    raise ValueError(FEL_OKANT_LAN_FORSLAG.format(varde=key, forslag=forslag))


# Official organisation names that are not "<name>(s) kommun/stad".
_OFFICIELLA_NAMN = {
    "falu kommun": "Falun",
    "region gotland": "Gotland",
}
_ORGANISATIONSORD = (" kommun", " stad")


@cache
def _kommun_index() -> dict[str, Kommun]:
    index: dict[str, Kommun] = {}
    for k in alla_kommuner():
        index[k.kod] = k
        index[_nyckel(k.namn)] = k
    for officiellt, namn in _OFFICIELLA_NAMN.items():
        index[_nyckel(officiellt)] = index[_nyckel(namn)]
    return index


def _kandidatnycklar(nyckel: str) -> list[str]:
    """``"helsingborgs stad"`` → ``["helsingborgs stad", "helsingborgs", "helsingborg"]``.

    Official names are *<name> kommun* / *<name> stad*, usually with the
    genitive -s (*Helsingborgs stad*) but not after a name ending in s
    (*Borås stad*), so the exact name is tried before the -s is dropped.
    """
    kandidater = [nyckel]
    for ord_ in _ORGANISATIONSORD:
        if nyckel.endswith(ord_):
            bas = nyckel[: -len(ord_)]
            kandidater.append(bas)
            if bas.endswith("s"):
                kandidater.append(bas[:-1])
    return kandidater


def kommun(key: str | int | Kommun) -> Kommun:
    """Look up a municipality by SCB name (``"Landskrona"``), 4-digit code
    (``"1282"``) or official name ending in *kommun* or *stad*
    (``"Landskrona stad"``, ``"Helsingborgs stad"``, ``"Göteborgs Stad"``),
    case-insensitively. ``Falu kommun`` and ``Region Gotland`` are known
    irregular official names. Unknown names raise ``ValueError`` with a suggestion.
    """
    if isinstance(key, Kommun):
        return key
    text = f"{key:04d}" if isinstance(key, int) and not isinstance(key, bool) else str(key)
    index = _kommun_index()
    for kandidat in _kandidatnycklar(_nyckel(text)):
        if kandidat in index:
            return index[kandidat]
    namn = {_nyckel(k.namn): k.namn for k in alla_kommuner()}
    forslag = _forslag(_kandidatnycklar(_nyckel(text))[-1], namn)
    if forslag is None:
        raise ValueError(FEL_OKAND_KOMMUN.format(varde=key))
    raise ValueError(FEL_OKAND_KOMMUN_FORSLAG.format(varde=key, forslag=forslag))


# Islands take "på" (på Gotland), every other county "i" (i Skåne, i Stockholms län).
_PA_LAN = {"09"}


def i_lan(key: str | Lan) -> str:
    """The county with its preposition for running text: *i Skåne*, *på Gotland*."""
    county = lan(key)
    return f"{'på' if county.kod in _PA_LAN else 'i'} {county.kortnamn}"
