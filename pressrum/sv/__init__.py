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

from .amounts import MILJARD, MILJON, kronor, miljoner
from .dates import STOCKHOLM, datum, datumtid, den, klockslag, period
from .engine import LOCALE
from .numbers import antal, ordningstal, procent, siffror, tal
from .phones import telefon, telefon_uri
from .places import DATA_DIR, Kommun, Lan, alla_kommuner, alla_lan, i_lan, kommun, lan
from .words import genitiv, lista, slug, versal

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

FILTERS = {
    "tal": tal,
    "antal": antal,
    "versal": versal,
    "kronor": kronor,
    "miljoner": miljoner,
    "procent": procent,
    "datum": datum,
    "klockslag": klockslag,
    "datumtid": datumtid,
    "den": den,
    "period": period,
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
