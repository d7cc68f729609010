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
all message texts are gathered in :mod:`pressrum.sv.messages`.

The rules, by topic:

* :mod:`~pressrum.sv.numbers` – counts and figures: ``tal``, ``antal``, ``ordningstal``,
  ``siffror``, ``procent``;
* :mod:`~pressrum.sv.amounts` – money: ``kronor``, ``miljoner``;
* :mod:`~pressrum.sv.dates` – dates and clock times in Swedish time: ``datum``,
  ``klockslag``, ``datumtid``, ``den``, ``period``;
* :mod:`~pressrum.sv.words` – ``versal``, ``lista``, ``genitiv``, ``slug``;
* :mod:`~pressrum.sv.phones` – ``telefon``, ``telefon_uri``;
* :mod:`~pressrum.sv.places` – counties and municipalities: ``Lan``, ``Kommun``, ``lan``,
  ``kommun``, ``alla_lan``, ``alla_kommuner``, ``i_lan`` (data in ``pressrum/data/``);
* :mod:`~pressrum.sv.engine` – Babel, imported on first use.
"""

from __future__ import annotations

import importlib

# Each public name's module. A name is imported on first use (PEP 562): a build with nothing to
# do prints its one line with ``siffror`` and ``tal`` and needs only ``numbers`` (``places``
# brings difflib and csv, ``amounts`` decimal, ``dates`` zoneinfo).
_MODULES = {
    "amounts": ("MILJARD", "MILJON", "kronor", "miljoner"),
    "dates": ("STOCKHOLM", "datum", "datumtid", "den", "klockslag", "period"),
    "engine": ("LOCALE",),
    "numbers": ("antal", "ordningstal", "procent", "siffror", "tal"),
    "phones": ("telefon", "telefon_uri"),
    "places": ("DATA_DIR", "Kommun", "Lan", "alla_kommuner", "alla_lan", "i_lan", "kommun", "lan"),
    "words": ("genitiv", "lista", "slug", "versal"),
}
_MODULE_OF = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "DATA_DIR",
    "FILTERS",
    "LOCALE",
    "MILJARD",
    "MILJON",
    "STOCKHOLM",
    "Kommun",
    "Lan",
    "alla_kommuner",
    "alla_lan",
    "antal",
    "datum",
    "datumtid",
    "den",
    "genitiv",
    "i_lan",
    "klockslag",
    "kommun",
    "kronor",
    "miljoner",
    "lan",
    "lista",
    "ordningstal",
    "period",
    "procent",
    "siffror",
    "slug",
    "tal",
    "telefon",
    "telefon_uri",
    "versal",
]

# Every public helper by name, for registration as Jinja filters/globals (``FILTERS``).
_FILTER_NAMES = (
    "tal",
    "antal",
    "versal",
    "kronor",
    "miljoner",
    "procent",
    "datum",
    "klockslag",
    "datumtid",
    "den",
    "period",
    "lista",
    "telefon",
    "telefon_uri",
    "ordningstal",
    "lan",
    "i_lan",
    "genitiv",
    "siffror",
    "alla_lan",
    "kommun",
    "alla_kommuner",
    "slug",
)


def __getattr__(name: str):
    """A public name, imported from its module on first use (then kept as this module's)."""
    if name == "FILTERS":
        value = {n: __getattr__(n) for n in _FILTER_NAMES}
    elif name in _MODULE_OF:
        value = getattr(importlib.import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
