"""The readers of the content models' field types: each turns the text an editor typed into a
value (a count, an amount, a time, an address, a county, a key), or fails with a Swedish message
and a hint (:func:`fail`).

:mod:`pressrum.fields` wraps each in its field type (``Annotated[base, Reads(…)]``) with the
type's JSON Schema; this module holds the reading itself and the bounds it applies
(:data:`MAX_DIGITS`, :data:`MAX_AMOUNT`).
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from . import encoding, sv
from .errors import split_hint
from .sources import PlainText


STOCKHOLM = ZoneInfo("Europe/Stockholm")


def fail(message: str, hint: str = ""):
    """A validation error (``PydanticCustomError``) that carries a Swedish message and hint to
    ``validation_problems.py``."""
    from pydantic_core import PydanticCustomError  # only when something is wrong

    # Braces would be read as pydantic template fields; the message is final text.
    return PydanticCustomError("sv", message.replace("{", "(").replace("}", ")"), {"hint": hint})


def _from_sv(exc: ValueError, hint: str):
    """``pressrum.sv`` writes "what is wrong – how to fix it"; keep the two apart."""
    message, own_hint = split_hint(str(exc))
    return fail(message, own_hint or hint)


MAX_SHOWN = 60  # a long value is shortened in messages; the place points at all of it


def _q(value: Any) -> str:
    """A value quoted for a message, shortened when long."""
    text = " ".join(str(value).split())
    return f"'{text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 1] + '…'}'"


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "en lista" if isinstance(value, list) else "flera indragna rader"
    return _q(value)


def _text(value: Any) -> str:
    if value is None:
        raise fail("texten saknas efter kolonet", "skriv en text efter kolonet eller ta bort raden")
    if isinstance(value, (dict, list)):
        raise fail(f"här ska det stå en text, men nu står det {_shown(value)}", "skriv texten direkt efter kolonet")
    if isinstance(value, PlainText) and value.yaml11 in ("bool", "datum"):
        reading = {"bool": "ett ja/nej-värde", "datum": "ett datum"}[value.yaml11]
        raise fail(f"{_q(value)} läses som {reading} av många YAML-verktyg, inte som text",
                   f"sätt texten inom citattecken: \"{value}\"")
    text = str(value).strip()
    if not text:
        raise fail("texten är tom", "skriv en text eller ta bort raden")
    garbled = encoding.garbles(text)  # "Ã…sas": a name garbled by a wrong decoding before it was pasted here
    if garbled:
        raise fail(*encoding.garble_message(text, garbled[0]))
    return text


# Plain text is one line of running text. White space with a line break or tab in it (a YAML
# block, a pasted paragraph) is one space: a line break means nothing in running text and YAML
# folds ">" blocks the same way, so folding is what the editor meant. Any other control
# character (possible in a double-quoted YAML escape such as "\x07") is never meant and shows
# as nothing or as garbage in some output, so it is an error.
_LINE_BREAKS = re.compile(r"[ \t]*[\t\n\r\x0b\x0c\x85\u2028\u2029][ \t\n\r\x0b\x0c\x85\u2028\u2029]*")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _one_line(text: str) -> str:
    """A plain Text value as one line: line breaks folded to a space, control characters refused."""
    bad = _CONTROL.search(text)
    if bad:
        raise fail(f"texten innehåller ett osynligt styrtecken (U+{ord(bad.group()):04X})",
                   "ta bort tecknet; det syns inte i textredigeraren och kommer från inklistrad text eller en kod som \\x07 inom citattecken")
    return _LINE_BREAKS.sub(" ", text) if _LINE_BREAKS.search(text) else text


MAX_DIGITS = 15  # no count or amount in kronor has more digits; longer is a paste or a typo


def _integer(value: Any, what: str, example: str) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise fail(f"{what} saknas", f"skriv {what} med siffror, till exempel {example}")
    if isinstance(value, (dict, list)):
        raise fail(f"{what} ska vara ett heltal, men nu står det {_shown(value)}", f"skriv {what} med siffror, till exempel {example}")
    raw = str(value).strip()
    digits = re.sub(r"[ \u00a0\u202f_]", "", raw)
    if re.fullmatch(r"[-−]\d+", digits):
        raise fail(f"{what} kan inte vara negativt, men nu står det {_q(raw)}", "skriv ett tal som är noll eller större")
    if re.fullmatch(r"\d+[.,]\d+", digits):
        raise fail(f"{what} ska vara ett heltal, men nu står det {_q(raw)}", f"skriv {what} utan decimaler, till exempel {_neighbours(digits) if what == 'antalet' else example}")
    if not re.fullmatch(r"\d+", digits):
        raise fail(f"{what} ska vara ett heltal med siffror, men nu står det {_q(raw)}", f"skriv till exempel {example}")
    if len(digits.lstrip("0")) > MAX_DIGITS:
        raise fail(f"{what} är orimligt stort: här står {_q(raw)}", f"kontrollera siffrorna; skriv {what} som till exempel {example}")
    return int(digits)


def _neighbours(digits: str) -> str:
    """``7 eller 8`` for ``7.5``: the whole numbers either side of a fractional count."""
    low = int(re.split(r"[.,]", digits)[0])
    return f"{low} eller {low + 1}"


def _in_kronor(raw: str) -> str:
    """The example for an amount written in words: ``2,5 milj`` becomes ``2500000 eller '2 500 000'``
    (ordinary spaces: it is what the editor types inside quotes)."""
    m = re.search(r"(\d+(?:[.,]\d+)?)\s*(milj|tusen)", raw, re.IGNORECASE)
    kronor = 250_000_000
    if m:
        factor = 1_000_000 if m.group(2).lower() == "milj" else 1_000
        kronor = round(float(m.group(1).replace(",", ".")) * factor)
    return f"{kronor} eller '{kronor:,}'".replace(",", " ")


def _count(value: Any) -> int:
    return _integer(value, "antalet", "12")


# No grant figure can be larger than the whole Swedish state budget (its expenditure is about
# 1 300 miljarder kronor a year): anything above is a paste, a typo or digits typed twice, and
# would otherwise go out as "1 000 000 miljarder kronor". The recipient list uses the same bound.
MAX_AMOUNT = 1_300_000_000_000


def amount_too_large(shown: str) -> tuple[str, str]:
    """The message and hint for an amount above :data:`MAX_AMOUNT` (``shown`` as the editor wrote it)."""
    return (f"beloppet {_q(shown)} är orimligt stort: inget bidrag är större än hela statsbudgeten "
            "(cirka 1 300 miljarder kronor)",
            "kontrollera siffrorna; skriv beloppet i hela kronor, till exempel 250000000")


def _amount(value: Any) -> int:
    raw = str(value) if value is not None else ""
    if re.search(r"milj|tusen|kr", raw, re.IGNORECASE):
        raise fail(f"beloppet ska stå i hela kronor med siffror, men nu står det {_q(raw.strip())}",
                   f"skriv till exempel {_in_kronor(raw)}")
    amount = _integer(value, "beloppet", "250000000")
    if amount > MAX_AMOUNT:
        raise fail(*amount_too_large(raw.strip()))
    return amount


def _year(value: Any) -> int:
    year = _integer(value, "året", "2021")
    if not 1990 <= year <= 2100:
        raise fail(f"året {year} är inte rimligt", "skriv året med fyra siffror, till exempel 2021")
    return year


_TRUE = {"ja", "true", "yes", "sant"}
_FALSE = {"nej", "false", "no", "falskt"}


def _flag(value: Any) -> bool:
    raw = str(value).strip().lower() if value is not None else ""
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    if value is None or raw == "":
        raise fail("ja eller nej saknas efter kolonet", "skriv ja eller nej")
    raise fail(f"här ska det stå ja eller nej, men nu står det {_shown(value)}", "skriv ja eller nej")


_DT = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2})[:.](\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?")


def _when(value: Any) -> datetime:
    """A publication time. Without an offset it is Stockholm time (documented in content/README.md)."""
    if isinstance(value, (dict, list)) or value is None:
        raise fail(f"här ska det stå datum och klockslag, men nu står det {_shown(value)}",
                   "skriv till exempel 2021-05-17 10:00 (svensk tid)")
    raw = str(value).strip()
    m = _DT.fullmatch(raw)
    if not m:
        raise fail(f"här ska det stå datum och klockslag, men nu står det {_q(raw)}", "skriv till exempel 2021-05-17 10:00 (svensk tid)")
    y, mo, d, h, mi, s, tz = m.groups()
    if h is None:
        raise fail(f"klockslag saknas i {_q(raw)}", f"skriv även klockslaget, till exempel {raw} 10:00")
    try:
        day = date(int(y), int(mo), int(d))
    except ValueError:
        raise fail(f"datumet '{y}-{mo}-{d}' finns inte", "kontrollera dag och månad") from None
    if not 1990 <= day.year <= 2100:
        raise fail(f"året {day.year} är inte rimligt", "skriv året med fyra siffror, till exempel 2021")
    try:
        clock = time(int(h), int(mi), int(s or 0))
    except ValueError:
        raise fail(f"klockslaget '{h}:{mi}' finns inte", "skriv timmar 0–23 och minuter 0–59") from None
    if tz is None:
        naive = datetime.combine(day, clock)
        # A wall-clock time that does not exist (spring DST gap) must not publish silently shifted.
        roundtrip = naive.replace(tzinfo=STOCKHOLM).astimezone(ZoneInfo("UTC")).astimezone(STOCKHOLM)
        if roundtrip.replace(tzinfo=None) != naive:
            raise fail(f"klockslaget {raw} finns inte i svensk tid (sommartiden börjar)", "välj en tid före kl. 2.00 eller efter kl. 3.00")
        return naive.replace(tzinfo=STOCKHOLM)
    if tz == "Z":
        offset = "+00:00"
    else:
        offset = tz if ":" in tz else f"{tz[:3]}:{tz[3:]}"
    try:
        return datetime.fromisoformat(f"{day.isoformat()}T{clock.isoformat()}{offset}").astimezone(STOCKHOLM)
    except ValueError:
        raise fail(f"tidszonen '{tz}' finns inte", "skriv tiden utan tidszon (då gäller svensk tid), till exempel 2021-05-17 10:00") from None


def _phone(value: Any) -> str:
    raw = _text(value)
    try:
        return sv.telefon(raw)
    except ValueError as exc:
        raise _from_sv(exc, "skriv numret med riktnumret markerat, till exempel 010-140 77 10") from None


# An address as it is printed and linked (``mailto:``): a local part of letters, digits and
# . _ + - ' (no dot first, last or twice), @, and a host name with a dot and a top-level domain
# of letters. Stricter than RFC 5322 on purpose: nothing that a mail program reads as a header
# (``?bcc=``), nothing that is markup, no spaces.
_EMAIL_LOCAL = r"[\w+'-]+(?:\.[\w+'-]+)*"
_EMAIL = re.compile(rf"{_EMAIL_LOCAL}@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{{2,}}")
_EMAIL_EXAMPLE = "namn@myndighet.se"


def _email(value: Any) -> str:
    raw = _text(value)
    if _EMAIL.fullmatch(raw) and len(raw) <= 254 and len(raw.split("@")[0]) <= 64:
        return raw
    flaw, hint = _email_mistake(raw)
    raise fail(f"{_q(raw)} är ingen giltig e-postadress{flaw}", hint)


def _email_mistake(raw: str) -> tuple[str, str]:
    """What is wrong with an address that is not one, when it is one of the usual mistakes (a
    link, a query, markup, spaces), and how to fix it."""
    if raw.lower().startswith("mailto:"):
        return " (den börjar med mailto:)", f"skriv bara adressen, utan mailto:, till exempel {_EMAIL_EXAMPLE}"
    query = re.search(r"[?#]", raw)
    if query:
        return (f" (den innehåller {query.group()})",
                f"skriv bara adressen, utan ? eller # och det som står efter, till exempel {_EMAIL_EXAMPLE}")
    markup_ = re.search(r"[<>\[\]()\"\\`*&;,:]", raw)
    if markup_:
        return (f" (den innehåller tecknet {markup_.group()})",
                f"skriv bara adressen med bokstäver, siffror och . _ + - ' före @, till exempel {_EMAIL_EXAMPLE}")
    if re.search(r"\s", raw):
        return " (den innehåller mellanslag)", f"ta bort mellanslagen; skriv adressen som {_EMAIL_EXAMPLE}"
    return "", f"skriv adressen som {_EMAIL_EXAMPLE}"


# A web address as an editor writes it: http(s), a host name with a dot (letters, digits and
# hyphens; å, ä and ö too), an optional port, and a path without spaces, quotes or backslashes.
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_URL = re.compile(rf"https?://{_LABEL}(?:\.{_LABEL})+(?::\d{{1,5}})?(?:[/?#][^\s\\\"'<>`{{}}|^]*)?")


def _url(value: Any) -> str:
    raw = _text(value)
    if not _URL.fullmatch(raw):
        raise fail(f"{_q(raw)} är ingen fullständig webbadress", "skriv adressen med https://, till exempel https://www.delmos.se")
    return raw


def _date(value: Any) -> date:
    """A calendar date, written 2021-05-10 (YAML may already have read it as one)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = "" if value is None or isinstance(value, (dict, list)) else str(value).strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    try:
        return date(*map(int, m.groups())) if m else date.fromisoformat("x")
    except ValueError:
        if m:  # the form is right, the day is not in the calendar
            raise fail(f"datumet {_q(raw)} finns inte", "kontrollera dag och månad") from None
        # not the calqued "förväntade …, fick …" (review §4, no. 5)
        raise fail(f"här ska det stå ett datum, men nu står det {_q(raw) if raw else _shown(value)}",
                   "skriv datumet som år-månad-dag, till exempel 2021-05-10") from None


def _https_url(value: Any) -> str:
    raw = _url(value)
    if not raw.startswith("https://"):
        raise fail(f"{_q(raw)} är ingen https-adress", "skriv adressen med https://, till exempel https://pubsubhubbub.appspot.com/")
    return raw


def _base_url(value: Any) -> str:
    raw = _url(value)
    if "?" in raw or "#" in raw:
        raise fail(f"{_q(raw)} kan inte vara nyhetsrummets adress (den innehåller ? eller #)",
                   "skriv adressen till mappen där nyhetsrummet publiceras, till exempel https://press.delmos.se/")
    return raw if raw.endswith("/") else raw + "/"


def _lan(value: Any) -> sv.Lan:
    raw = _text(value)
    try:
        return sv.lan(raw)
    except ValueError as exc:
        raise _from_sv(exc, "skriv länets namn, till exempel Skåne eller Västra Götalands län") from None


def _kommun(value: Any) -> sv.Kommun:
    raw = _text(value)
    try:
        return sv.kommun(raw)
    except ValueError as exc:
        raise _from_sv(exc, "skriv kommunens namn som SCB skriver det, till exempel Landskrona") from None


_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _key(value: Any) -> str:
    raw = _text(value)
    if not _SLUG.fullmatch(raw):
        try:
            example = sv.slug(raw) or "beslut"
        except ValueError:  # nothing in it to make a key of
            example = "beslut"
        raise fail(f"{_q(raw)} kan inte användas som nyckel", f"använd små bokstäver a–z (utan å, ä och ö), siffror och bindestreck, till exempel '{example}'")
    return raw
