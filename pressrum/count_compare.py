"""The pieces the count checks share: a stated total against its parts, a typed figure against the
recipient list, a type key that is no actor type, and the words their messages put counts in.

Used by :mod:`pressrum.round_checks` and :mod:`pressrum.county_checks`.
"""
from __future__ import annotations

from . import approx, sv
from .errors import Problem
from .facts import Tally, Term
from .sources import Source


def unknown_types(counts: dict, terms: dict[str, Term], source: Source, field: str) -> list[Problem]:
    """Type keys typed under ``field`` that are no actor type of the round."""
    return [Problem(source.key_place((field, key)), f"okänd aktörstyp '{key}'",
                    f"skriv {either(terms)}, eller lägg till '{key}' under aktörstyper i site.yaml")
            for key in counts if key not in terms]


def either(keys) -> str:
    """The keys an editor may write, as a Swedish "eller" list: "'kommuner' eller 'ideella'"."""
    return sv.lista([f"'{k}'" for k in keys], "eller")


def actors(terms: dict, key: str, n: int) -> str:
    """``två ideella organisationer``: a count of an actor type in the type's own words (the key
    only when the type is unknown), never the YAML key as a noun."""
    t = terms.get(key)
    return sv.antal(n, t.singular, t.plural, t.gender) if t else f"{sv.siffror(n)} av typen '{key}'"


def plural(terms: dict, key: str) -> str:
    t = terms.get(key)
    return t.plural if t else f"aktörer av typen '{key}'"


def kr(amount: int) -> str:
    """An amount in a message: exact, with the thousands grouped (``260 000 000 kronor``)."""
    return f"{sv.siffror(amount)} kronor"


def sum_differs(parts: tuple[Tally, ...], stated: int | None, source: Source, field: str, total_field: str,
                word: str | None = None) -> list[Problem]:
    """A stated total (``total_field``) that is not the sum of the parts under ``field``; a total
    with a rounding word (``word``) only when the sum is on the wrong side of it (:mod:`pressrum.approx`)."""
    total = sum(t.count for t in parts)
    # Parts with their own words ("över 100", "hälften") add up to an approximate sum.
    if stated is None or not approx.disagrees(total, approx.sum_word(t.word for t in parts), stated, word):
        return []
    sums = " + ".join(sv.siffror(t.count) for t in parts) or "0"
    return [Problem(source.place((total_field,)),
                    f"totalen här är {approx.shown(sv.siffror(stated), word)}, men delarna under '{field}:' ({source.line_of((field,))}) blir "
                    f"{sums} = {sv.siffror(total)}",
                    "rätta totalen eller delarna så att de stämmer")]


def list_differs(typed: dict, listed, source: Source, field: tuple, csv_file: str, what: str) -> list[Problem]:
    """A figure typed in YAML and also given by the recipient list must agree; name both places."""
    return [Problem(source.place(field + ((key,) if key in typed else ())),
                    f"{what}: här står {sv.siffror(typed.get(key, 0))} på raden '{key}:', men {csv_file} har {sv.siffror(listed.get(key, 0))}",
                    "rätta siffran eller listan över beviljade så att de stämmer")
            for key in sorted(set(typed) | set(listed)) if typed.get(key, 0) != listed.get(key, 0)]
