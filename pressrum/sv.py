"""Swedish language helpers: numbers, amounts, dates, phone numbers, counties.

Every function here is pure and returns text ready for running Swedish prose,
following the house rules in ``shared/research/conventions.md`` §1–3 (Språkrådet,
TT-språket, Myndigheternas skrivregler). Babel does the locale work – digit
grouping, decimal comma, month and weekday names, time-zone conversion and list
joins – always with the locale ``sv_SE`` passed explicitly, never through
``locale.setlocale``. What Babel cannot do (spelled-out small numbers, en/ett
agreement, *kronor* in running text, *drygt*/*knappt*, *kl. 9.30*, phone
grouping) is written out here as plain rules.

Spacing contract: digit groups are separated by U+00A0 NO-BREAK SPACE (Babel's
``sv`` grouping symbol), so ``1 500`` never wraps; every space *between words*
(``250 miljoner kronor``, ``drygt 26 …``, ``010-140 77 10``) is an ordinary space.

The public names are Swedish and form a contract with the templates: they are
collected in :data:`FILTERS` so the render layer can register them as Jinja
filters and globals. Bad input raises :class:`ValueError` with a Swedish message;
all message texts are gathered in the "Felmeddelanden" block below.
"""

from __future__ import annotations

import csv
import difflib
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo



# Babel is imported on first use: a build with nothing to do prints one line with ``antal`` and
# ``siffror`` of small numbers, and Babel takes longer to import than such a build takes.
def format_decimal(*args, **kwargs):
    from babel.numbers import format_decimal as real

    return real(*args, **kwargs)


def format_date(*args, **kwargs):
    from babel.dates import format_date as real

    return real(*args, **kwargs)


def format_datetime(*args, **kwargs):
    from babel.dates import format_datetime as real

    return real(*args, **kwargs)


def format_time(*args, **kwargs):
    from babel.dates import format_time as real

    return real(*args, **kwargs)


def format_list(*args, **kwargs):
    from babel.lists import format_list as real

    return real(*args, **kwargs)

__all__ = [
    "FILTERS",
    "Kommun",
    "Lan",
    "alla_kommuner",
    "alla_lan",
    "antal",
    "datum",
    "datumtid",
    "i_lan",
    "genitiv",
    "siffror",
    "klockslag",
    "kommun",
    "kronor",
    "lan",
    "lista",
    "ordningstal",
    "procent",
    "slug",
    "tal",
    "telefon",
    "telefon_uri",
    "versal",
]

LOCALE = "sv_SE"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
DATA_DIR = Path(__file__).parent / "data"

# ---------------------------------------------------------------------------
# Felmeddelanden – every error text of the module, in one place.
# Placeholders are filled with str.format; {varde!r} shows the offending value
# exactly as given, quotes included.
# ---------------------------------------------------------------------------

FEL_INTE_HELTAL = "{vad} måste vara ett heltal, inte {varde!r}"
FEL_TOM_GENITIV = "genitiv av en tom text går inte att bilda – ange ett namn"
FEL_NEGATIVT = "{vad} kan inte vara negativt: {varde!r}"
FEL_GENUS = "okänt genus: {varde!r} – använd 'en' eller 'ett'"
FEL_BELOPP_INTE_HELA_KRONOR = (
    "beloppet måste anges i hela kronor, inte {varde!r} – avrunda till hela kronor"
)
FEL_UNGEFAR_OCH_CIRKA = (
    "ange antingen ungefar=True eller cirka=True, inte båda – "
    "ungefar avrundar beloppet, cirka markerar en uppskattning"
)
FEL_INTE_TAL = "{vad} måste vara ett tal, inte {varde!r}"
FEL_INTE_DATUM = "{varde!r} är inte ett datum – ange en date eller datetime"
FEL_INTE_KLOCKSLAG = "{varde!r} är inte ett klockslag – ange en time eller datetime"
FEL_KLOCKSLAG_MED_TIDSZON = (
    "klockslaget {varde!r} har en tidszon men inget datum – "
    "ange en datetime så att tiden kan räknas om till svensk tid"
)
FEL_INTE_DATUMTID = "{varde!r} är inte en tidpunkt – ange en datetime med datum och klockslag"
FEL_KONJUNKTION = "okänd konjunktion: {varde!r} – använd 'och' eller 'eller'"
FEL_ORDNINGSTAL_NOLL = "ordningstalet måste vara minst 1, inte {varde!r}"
FEL_TELEFON_INTE_TEXT = "telefonnumret måste vara text, inte {varde!r}"
FEL_TELEFON_TECKEN = (
    "telefonnumret {varde!r} innehåller otillåtna tecken – använd bara siffror, "
    "mellanslag, ett bindestreck efter riktnumret och +46 för landsnumret"
)
FEL_TELEFON_OMARKERAT = (
    "telefonnumret {varde!r} saknar markerat riktnummer – skriv det med bindestreck "
    "efter riktnumret, till exempel 010-140 77 10"
)
FEL_TELEFON_FLERA_BINDESTRECK = (
    "telefonnumret {varde!r} har mer än ett bindestreck – skriv bindestreck bara "
    "efter riktnumret, till exempel 010-140 77 10"
)
FEL_TELEFON_UTLANDSKT = (
    "telefonnumret {varde!r} är inte ett svenskt nummer – bara +46 kan skrivas i "
    "svensk form"
)
FEL_TELEFON_INLEDANDE_NOLLA = (
    "telefonnumret {varde!r} har en nolla efter +46 – skriv riktnumret utan 0, "
    "till exempel +46 10 140 77 10"
)
FEL_TELEFON_RIKTNUMMER = (
    "riktnumret i telefonnumret {varde!r} ska börja med 0 och ha 2–4 siffror, "
    "till exempel 08, 010 eller 0159"
)
FEL_TELEFON_ABONNENTNUMMER = (
    "telefonnumret {varde!r} har {antal} siffror efter riktnumret – det ska vara 5–8"
)
FEL_OKANT_LAN = "okänt län: {varde!r} – ange länskod, namn eller kortnamn, till exempel '12' eller 'Skåne'"
FEL_OKANT_LAN_FORSLAG = "okänt län: {varde!r} – menade du {forslag!r}?"
FEL_OKAND_KOMMUN = "okänd kommun: {varde!r} – ange kommunkod eller kommunnamn, till exempel '1282' eller 'Landskrona'"
FEL_OKAND_KOMMUN_FORSLAG = "okänd kommun: {varde!r} – menade du {forslag!r}?"
FEL_TOM_SLUG = "kan inte skapa en slug av {varde!r} – texten saknar bokstäver och siffror"

# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------

# Numbers up to and including twelve are written as words in running text
# (Språkrådet/TT: "small numbers as words, larger as digits"). Only 1 agrees
# with the noun's gender: en ansökan, ett bidrag.
_RAKNEORD = (
    "noll", None, "två", "tre", "fyra", "fem", "sex",
    "sju", "åtta", "nio", "tio", "elva", "tolv",
)
_STORSTA_I_ORD = len(_RAKNEORD) - 1  # 12
_GENUS = ("en", "ett")

_ORDNINGSTAL = (
    None, "första", "andra", "tredje", "fjärde", "femte", "sjätte",
    "sjunde", "åttonde", "nionde", "tionde", "elfte", "tolfte",
)

_MINUS = "\N{MINUS SIGN}"  # Swedish typography; Babel prints ASCII "-"


def _heltal(varde: object, vad: str) -> int:
    """Return ``varde`` as an int; integral floats/Decimals pass, bool does not."""
    # bool is an int subclass, but True is never a count.
    if isinstance(varde, bool):
        raise ValueError(FEL_INTE_HELTAL.format(vad=vad, varde=varde))
    if isinstance(varde, int):
        return varde
    if isinstance(varde, float) and varde.is_integer():
        return int(varde)
    if isinstance(varde, Decimal) and varde.is_finite() and varde == varde.to_integral_value():
        return int(varde)
    raise ValueError(FEL_INTE_HELTAL.format(vad=vad, varde=varde))


def _icke_negativt_heltal(varde: object, vad: str) -> int:
    n = _heltal(varde, vad)
    if n < 0:
        raise ValueError(FEL_NEGATIVT.format(vad=vad, varde=varde))
    return n


def _kontrollera_genus(genus: str) -> str:
    if genus not in _GENUS:
        raise ValueError(FEL_GENUS.format(varde=genus))
    return genus


@lru_cache(maxsize=4096, typed=True)  # Babel is slow and the same figures recur in every release
def _siffror(n: int | Decimal) -> str:
    """Digits grouped in threes with U+00A0 and a decimal comma (Babel, sv_SE)."""
    return format_decimal(n, format="#,##0.##", locale=LOCALE)


def _ord_eller_siffror(n: int, genus: str) -> str:
    """The twelve-rule itself: words for 0–12 (with en/ett for 1), digits above."""
    if n == 1:
        return genus
    if n <= _STORSTA_I_ORD:
        return _RAKNEORD[n]
    return _siffror(n)


def tal(n: int, genus: str = "en") -> str:
    """Write a count the way running text wants it.

    0–12 as words, with en/ett agreement for 1 (``tal(1) == "en"``,
    ``tal(1, "ett") == "ett"``); 13 and up as digits grouped with U+00A0
    (``tal(1500) == "1\\xa0500"``). Negative numbers and non-integers are errors.
    """
    _kontrollera_genus(genus)
    return _ord_eller_siffror(_icke_negativt_heltal(n, "talet"), genus)


def antal(n: int, singular: str, plural: str, genus: str = "en") -> str:
    """Count + noun: ``inga ansökningar``, ``en ansökan``, ``ett bidrag``,
    ``åtta ansökningar``, ``90 aktörer``, ``1\\xa0500 ansökningar``.

    0 becomes *inga* (same form for both genders), 1 takes the singular with
    en/ett, 2–12 are words and 13 and up digits, both with the plural.
    """
    _kontrollera_genus(genus)
    n = _icke_negativt_heltal(n, "antalet")
    if n == 0:
        return f"inga {plural}"
    if n == 1:
        return f"{genus} {singular}"
    return f"{_ord_eller_siffror(n, genus)} {plural}"


def versal(text: str) -> str:
    """Capitalise the first character only, for a sentence start.

    ``versal("åtta ansökningar")`` → ``"Åtta ansökningar"``. Unlike
    ``str.capitalize`` the rest is left untouched, so names keep their capitals.
    """
    text = str(text)
    return text[:1].upper() + text[1:]


def ordningstal(n: int) -> str:
    """Ordinal: words for 1–12 (``första`` … ``tolfte``), then digits with a colon suffix.

    The suffix is ``:a`` when the number ends in 1 or 2 but not in 11 or 12,
    otherwise ``:e``: ``13:e``, ``21:a``, ``22:a``, ``111:e``.
    """
    n = _heltal(n, "ordningstalet")
    if n < 1:
        raise ValueError(FEL_ORDNINGSTAL_NOLL.format(varde=n))
    if n <= _STORSTA_I_ORD:
        return _ORDNINGSTAL[n]
    suffix = "a" if n % 10 in (1, 2) and n % 100 not in (11, 12) else "e"
    return f"{_siffror(n)}:{suffix}"


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------

MILJON = 1_000_000
MILJARD = 1_000_000_000


def _hela_kronor(belopp: object) -> int:
    # Kronor are whole: an amount with öre is an input mistake, not something
    # to round away quietly.
    if isinstance(belopp, bool) or not isinstance(belopp, (int, float, Decimal)):
        raise ValueError(FEL_INTE_TAL.format(vad="beloppet", varde=belopp))
    try:
        n = _heltal(belopp, "beloppet")
    except ValueError:
        raise ValueError(FEL_BELOPP_INTE_HELA_KRONOR.format(varde=belopp)) from None
    if n < 0:
        raise ValueError(FEL_NEGATIVT.format(vad="beloppet", varde=belopp))
    return n


def _i_enhet(n: int, enhet: int, singular: str, plural: str) -> str | None:
    """``n`` as a count of ``enhet`` (miljon/miljard) if that is exact with ≤ 2 decimals.

    Whole 1–12 are words (*en miljon*, *sex miljoner*, *tolv miljoner*), other
    whole numbers digits (*250 miljoner*), decimals use a comma and the plural
    (*10,2 miljoner*, *1,35 miljarder*). Returns None when two decimals are not
    enough, so the caller falls back to full digits instead of rounding.
    """
    if n % (enhet // 100):
        return None
    if n % enhet == 0:
        antal_enheter = n // enhet
        siffra = _ord_eller_siffror(antal_enheter, "en")  # en miljon, en miljard
        return f"{siffra} {singular if antal_enheter == 1 else plural}"
    return f"{_siffror(Decimal(n) / enhet)} {plural}"


def _exakt_belopp(n: int) -> str:
    """The exact rendering of ``n`` kronor; the three bands of :func:`kronor`."""
    if n < MILJON:
        return f"{_siffror(n)} {'krona' if n == 1 else 'kronor'}"
    if n < MILJARD:
        text = _i_enhet(n, MILJON, "miljon", "miljoner")
    else:
        text = _i_enhet(n, MILJARD, "miljard", "miljarder")
    if text is None:  # not a round figure: every digit, never silently rounded
        return f"{_siffror(n)} kronor"
    return f"{text} kronor"


def _avrundat_belopp(n: int) -> int:
    """Round ``n`` to the precision :func:`kronor` shows with ``ungefar=True``.

    From one billion: one decimal of billions (steps of 100 000 000).
    From one million: whole millions. Below: two significant digits.
    Halves round up, as in everyday speech (Python's round() would round to even).
    """
    if n >= MILJARD:
        steg = MILJARD // 10
    elif n >= MILJON:
        steg = MILJON
    else:
        steg = 10 ** max(len(str(n)) - 2, 0)
    return (n + steg // 2) // steg * steg


def kronor(belopp: int, *, ungefar: bool = False, cirka: bool = False) -> str:
    """An amount of money for running text, always with the word *kronor*.

    Exact amounts, by size:

    * below one million – grouped digits: ``700 000 kronor``, ``1 500 kronor``,
      ``1 krona`` (singular for exactly one), ``0 kronor``;
    * one million up to one billion – in millions when the amount is a multiple
      of 10 000 (at most two decimals): ``en miljon kronor``, ``sex miljoner
      kronor``, ``250 miljoner kronor``, ``10,2 miljoner kronor``, ``1,35 miljoner
      kronor``; whole 1–12 as words, 13 and up as digits;
    * from one billion – in billions the same way when the amount is a multiple
      of 10 000 000: ``en miljard kronor``, ``1,35 miljarder kronor``.

    Any other amount is shown in full, never silently rounded:
    ``26 312 417 kronor``. Digit groups use U+00A0; spaces between words are
    ordinary spaces.

    ``ungefar=True`` rounds to what is shown – whole millions from one million,
    one decimal of billions from one billion, two significant digits below one
    million – and says which way: *drygt* when the true amount is larger than the
    shown one, *knappt* when smaller, nothing when equal (``drygt 26 miljoner
    kronor``, ``knappt 1,4 miljarder kronor``). The unit is chosen after
    rounding, so 999 999 999 becomes ``knappt en miljard kronor``.

    ``cirka=True`` prefixes *cirka* to the exact rendering, for figures that are
    themselves estimates. The two options exclude each other.

    Accepts int, and float/Decimal only when integral; negative amounts are errors.
    """
    if ungefar and cirka:
        raise ValueError(FEL_UNGEFAR_OCH_CIRKA)
    n = _hela_kronor(belopp)

    if cirka:
        return f"cirka {_exakt_belopp(n)}"
    if ungefar:
        visat = _avrundat_belopp(n)
        text = _exakt_belopp(visat)
        if n > visat:
            return f"drygt {text}"
        if n < visat:
            return f"knappt {text}"
        return text
    return _exakt_belopp(n)


def procent(x: float) -> str:
    """A percentage in running text: ``39 procent``, ``12,5 procent``.

    ``x`` is already in percent (39, not 0.39). Decimal comma and grouping come
    from Babel's sv pattern, which keeps up to three decimals and drops trailing
    zeros; a negative value gets the typographic minus (``−5 procent``).
    """
    ar_tal = isinstance(x, (int, float, Decimal)) and not isinstance(x, bool)
    if not ar_tal or (isinstance(x, Decimal) and not x.is_finite()) or (
        isinstance(x, float) and not math.isfinite(x)
    ):
        raise ValueError(FEL_INTE_TAL.format(vad="procenttalet", varde=x))
    siffror = format_decimal(x, locale=LOCALE).replace("-", _MINUS)
    return f"{siffror} procent"


# ---------------------------------------------------------------------------
# Dates and times – always Swedish time (Europe/Stockholm)
# ---------------------------------------------------------------------------

def _i_stockholm(dt: datetime) -> datetime:
    """An aware datetime is converted; a naive one is taken as Stockholm wall time."""
    if dt.tzinfo is None:
        return dt.replace(tzinfo=STOCKHOLM)
    return dt.astimezone(STOCKHOLM)


# Explicit CLDR patterns rather than Babel's 'long'/'full', so a CLDR update
# cannot change the house style. Clock times use a period and no leading zero
# (kl. 9.30), not Babel's sv default HH:mm.
_DATUM = "d MMMM y"
_DATUM_VECKODAG = "EEEE d MMMM y"
_KLOCKSLAG = "'kl.' H.mm"


def datum(d: date | datetime, veckodag: bool = False) -> str:
    """A date for running text: ``17 maj 2021``; with ``veckodag=True``
    ``måndag 17 maj 2021``.

    Month and weekday names are lower case. A datetime is first converted to
    Stockholm time (a naive one is taken as Stockholm time already), so an event
    at 23.30 UTC lands on the right Swedish day.
    """
    if isinstance(d, datetime):
        d = _i_stockholm(d).date()
    elif not isinstance(d, date):
        raise ValueError(FEL_INTE_DATUM.format(varde=d))
    return format_date(d, _DATUM_VECKODAG if veckodag else _DATUM, locale=LOCALE)


def klockslag(t: time | datetime) -> str:
    """A clock time: ``kl. 9.30``, ``kl. 10.00`` (period, no leading zero).

    A datetime is converted to Stockholm time (naive = already Stockholm time).
    A bare time is taken as Swedish wall-clock time; a time carrying a time zone
    is refused, because without a date the offset (CET or CEST) is unknown.
    """
    if isinstance(t, datetime):
        return format_datetime(_i_stockholm(t), _KLOCKSLAG, tzinfo=STOCKHOLM, locale=LOCALE)
    if not isinstance(t, time):
        raise ValueError(FEL_INTE_KLOCKSLAG.format(varde=t))
    if t.tzinfo is not None:
        raise ValueError(FEL_KLOCKSLAG_MED_TIDSZON.format(varde=t))
    return format_time(t, _KLOCKSLAG, locale=LOCALE)


def datumtid(dt: datetime) -> str:
    """Date and clock time in Stockholm: ``17 maj 2021 kl. 10.00``.

    An aware datetime is converted (08.00 UTC in May is kl. 10.00, in January
    kl. 9.00); a naive one is taken as Stockholm time.
    """
    if not isinstance(dt, datetime):
        raise ValueError(FEL_INTE_DATUMTID.format(varde=dt))
    return _datumtid(dt)


@lru_cache(maxsize=4096)  # pure; each publication time is printed on many pages
def _datumtid(dt: datetime) -> str:
    return f"{datum(dt)} {klockslag(dt)}"


# ---------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------

# Babel's sv list patterns: no comma before the conjunction (a, b och c).
_LISTSTIL = {"och": "standard", "eller": "or"}


def lista(items: Iterable[object], konj: str = "och") -> str:
    """Join items Swedish style: ``a, b och c``; ``lista(["a", "b"], "eller")``
    → ``a eller b``; one item alone; an empty list gives ``""``.

    ``konj`` is ``"och"`` or ``"eller"``.
    """
    if konj not in _LISTSTIL:
        raise ValueError(FEL_KONJUNKTION.format(varde=konj))
    return _lista(tuple(str(item) for item in items), _LISTSTIL[konj])


@lru_cache(maxsize=4096)  # Babel is slow and the same lists (counties, actor types) recur
def _lista(items: tuple[str, ...], stil: str) -> str:
    return format_list(list(items), style=stil, locale=LOCALE)


# ---------------------------------------------------------------------------
# Phone numbers
# ---------------------------------------------------------------------------

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


def _gruppera_abonnentnummer(siffror: str) -> str:
    """Pairs counted from the right; three digits first when the count is odd."""
    forsta = 3 if len(siffror) % 2 else 2
    grupper = [siffror[:forsta]]
    grupper += [siffror[i:i + 2] for i in range(forsta, len(siffror), 2)]
    return " ".join(grupper)


def telefon(text: str) -> str:
    """A phone number in Swedish national form: ``010-140 77 10``.

    The area code must be marked, by a hyphen (``010-1407710``) or, in
    international form, by the space after the country code
    (``+46 10 140 77 10``). The subscriber part is grouped in pairs from the
    right, with three digits first when the count is odd: ``08-405 10 00``,
    ``0159-123 45``. Unmarked input (``0101407710``), letters, an area code not
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


# ---------------------------------------------------------------------------
# Slugs
# ---------------------------------------------------------------------------

# Letters that do not decompose into an ASCII base letter under NFKD.
_TRANSLITTERERING = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l"})


def slug(text: str) -> str:
    """An ASCII URL slug: ``slug("Västra Götalands län") == "vastra-gotalands-lan"``.

    Accents are dropped (å, ä → a; ö → o; é → e), everything else that is not
    a letter or digit becomes a hyphen; lower case, with no leading, trailing
    or double hyphens. Text without any letter or digit is an error, since an
    empty slug would make a broken URL.
    """
    utan_accenter = unicodedata.normalize("NFKD", str(text).lower().translate(_TRANSLITTERERING))
    ascii_text = utan_accenter.encode("ascii", "ignore").decode("ascii")
    resultat = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if not resultat:
        raise ValueError(FEL_TOM_SLUG.format(varde=text))
    return resultat


# ---------------------------------------------------------------------------
# Counties (län) and municipalities (kommuner)
# ---------------------------------------------------------------------------

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


def siffror(n: int) -> str:
    """Digits grouped with no-break spaces, never words (for tables and fact boxes): *1 500*, *7*."""
    return _siffror(_icke_negativt_heltal(n, "talet"))


def genitiv(namn: str) -> str:
    """Genitive of a name: *Delmos* → *Delmos*, *Skåne* → *Skånes* (no -s after s, x or z)."""
    namn = str(namn)
    if not namn:
        raise ValueError(FEL_TOM_GENITIV)
    return namn if namn[-1].lower() in "sxz" else namn + "s"


# ---------------------------------------------------------------------------
# Registry for the render layer
# ---------------------------------------------------------------------------

FILTERS = {
    "tal": tal,
    "antal": antal,
    "versal": versal,
    "kronor": kronor,
    "procent": procent,
    "datum": datum,
    "klockslag": klockslag,
    "datumtid": datumtid,
    "lista": lista,
    "telefon": telefon,
    "telefon_uri": telefon_uri,
    "ordningstal": ordningstal,
    "lan": lan,
    "i_lan": i_lan,
    "genitiv": genitiv,
    "siffror": siffror,
    "alla_lan": alla_lan,
    "kommun": kommun,
    "alla_kommuner": alla_kommuner,
    "slug": slug,
}
"""Every public helper by name, for registration as Jinja filters/globals."""
