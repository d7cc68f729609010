"""Field types for the content models: each turns the text an editor typed into a value,
or fails with a Swedish message and a hint.

The YAML loader hands every scalar over as text (see ``sources.py``), so these validators
are the only place where "232", "250 000 000", "ja" or "2021-05-17 10:00" get a meaning.
Errors are raised as ``PydanticCustomError("sv", message, {"hint": …})``; ``validation_problems.py``
turns them into located problems. Each type is ``Annotated[base, Reads(…)]``: the fast walk of
``model_base`` calls :meth:`Reads.fast`, and pydantic (imported only when it is needed) builds
the same validators and JSON Schema from it as from its own ``BeforeValidator``,
``AfterValidator``, ``PlainValidator`` and ``WithJsonSchema``.

This module holds :class:`Reads`, the field types and their JSON Schema; the readers they wrap
(and :func:`fail`, :data:`MAX_AMOUNT`) are in :mod:`pressrum.field_readers`.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from . import markup, sv
from .field_readers import (  # the readers, private to the two modules
    _amount,
    _base_url,
    _count,
    _date,
    _email,
    fail,
    _FALSE,
    _flag,
    _https_url,
    _key,
    _kommun,
    _lan,
    _one_line,
    _phone,
    _shown,
    _text,
    _TRUE,
    _url,
    _when,
    _year,
)


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
