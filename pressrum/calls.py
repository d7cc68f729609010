"""A call for applications (``typ: utlysning``): the facts its release phrases, derived from the
announcement's ``öppnar``, ``stänger``, ``får-söka``, ``högst``, ``behöriga`` and ``inbjudna``.

The checks of the same fields are in :mod:`pressrum.call_checks`; here the facts are computed
even when those fields contradict each other (unknown type keys are left out), as everywhere in
``derive``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .facts import Term
from .release_models import Announcement


@dataclass(frozen=True)
class Cap:
    """The most one actor type may be granted in a call: "högst 40 miljoner kronor till kommuner"."""

    term: Term
    amount: int


@dataclass(frozen=True)
class CallFacts:
    """What a call's release says: when it opens and closes, who may apply, the money and caps."""

    opens: datetime
    closes: datetime
    may_apply: tuple[Term, ...]  # as ``får-söka`` lists them; without it every actor type of the round
    caps: tuple[Cap, ...]  # in the order typed
    eligible: int | None = None  # actors that may apply
    eligible_word: str | None = None  # behöriga-ord
    invited: int | None = None  # actors invited to apply
    invited_word: str | None = None  # inbjudna-ord
    money: int | None = None  # to apply for: the typed ``belopp``, else the round's or its one scheme's ``medel``
    money_word: str | None = None  # the rounding word of the typed ``belopp``, else of ``medel`` (cirka …)
    per_scheme: bool = False  # several schemes that are not summed: each is named with its own money
    # The call is open when its release is published ("Nu kan … söka"); else it opens later
    # ("… kan söka från den 2 mars"), and the release must not say "nu".
    open_when_published: bool = True


@dataclass(frozen=True)
class CountyCallFacts:
    """A call's facts for one county (``utlysning`` in its file): its money and invited actors."""

    amount: int | None
    amount_word: str | None = None
    invited: int | None = None
    invited_word: str | None = None


def county_call(call) -> CountyCallFacts | None:
    """The county's call facts from its file's ``utlysning`` (a round_models.CountyCall), or None when
    it gives neither money nor invited actors (then the county gets no local call release)."""
    if call is None or (call.amount is None and call.invited is None):
        return None
    return CountyCallFacts(call.amount, call.amount_word, call.invited, call.invited_word)


def call_facts(a: Announcement, terms: dict[str, Term], scheme_budget: int | None, per_scheme: bool,
               scheme_budget_word: str | None = None) -> CallFacts | None:
    """A call's facts; None without both its times (the checks ask for them). ``scheme_budget``
    is the money the release speaks of (``derive``'s: the round's, or its schemes' only when they
    may be added up) with its rounding word, ``per_scheme`` whether it names several schemes each
    with its own."""
    if a.opens is None or a.closes is None:
        return None
    may_apply = tuple(terms[k] for k in a.may_apply if k in terms) or tuple(terms.values())
    typed = a.amount is not None
    return CallFacts(a.opens, a.closes, may_apply, tuple(Cap(terms[k], n) for k, n in a.caps.items() if k in terms),
                     eligible=a.eligible, eligible_word=a.eligible_word, invited=a.invited, invited_word=a.invited_word,
                     money=a.amount if typed else scheme_budget, money_word=a.amount_word if typed else scheme_budget_word,
                     per_scheme=per_scheme, open_when_published=a.opens <= a.published)
