"""Field types for the content models: each turns the text an editor typed into a value,
or fails with a Swedish message and a hint.

The YAML loader hands every scalar over as text (see ``sources.py``), so these validators
are the only place where "232", "250 000 000", "ja" or "2021-05-17 10:00" get a meaning.
Errors are raised as ``PydanticCustomError("sv", message, {"hint": …})``; ``validate.py``
turns them into located problems. Each type is ``Annotated[base, Reads(…)]``: the fast walk of
``model_base`` calls :meth:`Reads.fast`, and pydantic (imported only when it is needed) builds
the same validators and JSON Schema from it as from its own ``BeforeValidator``,
``AfterValidator``, ``PlainValidator`` and ``WithJsonSchema``.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from . import encoding, markup, sv
from .errors import split_hint
from .sources import PlainText

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def fail(message: str, hint: str = ""):
    """A validation error (``PydanticCustomError``) that carries a Swedish message and hint to
    ``validate.py``."""
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


# JSON Schema of each field type (``build.py schema``). Editors' tools read YAML 1.2, where
# ``2021`` is a number and ``ja`` a text: the schema accepts what the build accepts.
_STR = {"type": "string"}
_TEXT = {"type": ["string", "number"]}
_INT = {"type": "integer", "minimum": 0}
_FLAG_WORDS = sorted({w for word in (*_TRUE, *_FALSE) for w in (word, word.capitalize(), word.upper())})
_WHEN = r"^\d{4}-\d{1,2}-\d{1,2}[ T]+\d{1,2}[:.]\d{2}(:\d{2})?\s*(Z|[+-]\d{2}:?\d{2})?$"


def _names_or_text(names) -> dict:
    """Completion from a list of names, while any text (a code, another spelling) is accepted."""
    return {"anyOf": [{"enum": list(names)}, {"type": ["string", "integer"]}]}


class Reads:
    """How a field type reads an editor's value: ``before`` (then the base type's own check) and
    ``after``, or ``plain`` alone; and the type's JSON Schema (a dict, or a function making it).

    Pydantic reads it as annotation metadata, as it reads its own validators: a model built by
    ``reference_models`` validates with exactly the functions :meth:`fast` calls.
    """

    __slots__ = ("before", "after", "plain", "json_schema")

    def __init__(self, *, json_schema, before=None, after=None, plain=None):
        self.before, self.after, self.plain, self.json_schema = before, after, plain, json_schema

    def fast(self, value):
        """The field's value, or an exception (a problem, or anything pydantic must judge)."""
        if self.plain is not None:
            return self.plain(value)
        value = self.before(value)
        return value if self.after is None else self.after(value)

    def __get_pydantic_core_schema__(self, source, handler):
        from pydantic import PlainValidator
        from pydantic_core import core_schema

        if self.plain is not None:
            return PlainValidator(self.plain).__get_pydantic_core_schema__(source, handler)
        schema = handler(source)
        if self.after is not None:
            schema = core_schema.no_info_after_validator_function(self.after, schema)
        return core_schema.no_info_before_validator_function(self.before, schema)

    def __get_pydantic_json_schema__(self, schema, handler):
        return dict(self.json_schema() if callable(self.json_schema) else self.json_schema)


Text = Annotated[str, Reads(before=_text, after=_one_line, json_schema=_TEXT)]
# Markdown fields are marked as Markdown (templates print them unescaped), reduced to what the
# HTML allowlist keeps so the .md download has no more than the page (markup.markdown_source).
Markdown = Annotated[str, Reads(before=_text, after=markup.markdown_source, json_schema={**_TEXT, "contentMediaType": "text/markdown"})]
Count = Annotated[int, Reads(before=_count, json_schema=_INT)]
Amount = Annotated[int, Reads(before=_amount, json_schema={"anyOf": [_INT, {"type": "string", "pattern": r"^\d{1,3}([  _]?\d{3})*$"}]})]
Year = Annotated[int, Reads(before=_year, json_schema={"type": "integer", "minimum": 1990, "maximum": 2100})]
Flag = Annotated[bool, Reads(before=_flag, json_schema={"anyOf": [{"type": "boolean"}, {"enum": _FLAG_WORDS}]})]
When = Annotated[datetime, Reads(before=_when, json_schema={"type": "string", "pattern": _WHEN})]
Phone = Annotated[str, Reads(before=_phone, json_schema={"type": "string", "pattern": r"^(0\d{1,3}-[\d ]{5,11}|\+46 ?[\d ]+)$"})]
Email = Annotated[str, Reads(before=_email, json_schema={"type": "string", "format": "email"})]
Url = Annotated[str, Reads(before=_url, json_schema={"type": "string", "format": "uri", "pattern": "^https?://"})]
# No "type": YAML 1.1 readers (PyYAML) read an unquoted 2021-05-10 as a date, YAML 1.2 ones
# (yaml-language-server) as a string; the pattern holds for the string and the model checks both.
Day = Annotated[date, Reads(before=_date, json_schema={"pattern": r"^\d{4}-\d{1,2}-\d{1,2}$"})]
HttpsUrl = Annotated[str, Reads(before=_https_url, json_schema={"type": "string", "format": "uri", "pattern": "^https://"})]
BaseUrl = Annotated[str, Reads(before=_base_url, json_schema={"type": "string", "format": "uri", "pattern": "^https?://"})]
def _county_names() -> dict:
    return _names_or_text(sorted({name for county in sv.alla_lan() for name in (county.kortnamn, county.namn)}))


LanRef = Annotated[sv.Lan, Reads(plain=_lan, json_schema=_county_names)]
KommunRef = Annotated[sv.Kommun, Reads(plain=_kommun, json_schema=lambda: _names_or_text(
    sorted(k.namn for k in sv.alla_kommuner())))]
NO_COUNTIES = "inga"  # lokala-pressmeddelanden: inga – no local releases at all


def _counties(value: Any) -> Any:
    """``lokala-pressmeddelanden``: a list of counties, one county, or :data:`NO_COUNTIES`; each
    county is then read as :data:`LanRef` (an unknown one is an error at its own line)."""
    if isinstance(value, str) and value.strip().casefold() == NO_COUNTIES:
        return []
    if isinstance(value, (str, int)):
        return [value]
    if not isinstance(value, list):
        raise fail(f"här ska det stå en lista med län eller '{NO_COUNTIES}', men nu står det {_shown(value)}",
                   "skriv till exempel [skane, stockholm], eller inga om inget län ska få ett lokalt pressmeddelande")
    return value


CountyChoice = Annotated[tuple[LanRef, ...], Reads(before=_counties, json_schema=lambda: {"anyOf": [
    {"enum": [NO_COUNTIES]}, {"type": "array", "items": _county_names()}, _county_names()]})]
Key = Annotated[str, Reads(before=_key, json_schema={"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"})]
