"""Rounds that grant nothing new: a year whose money goes to earlier multi-year commitments
(``inga-nya-bidrag:``, release kind ``inga-nya-bidrag``) and a cancelled round whose
appropriation moves elsewhere (``inställd:``, release kind ``installd``).

Their releases state what happens to the money and never a count of granted actors ("0
aktörer") or a comparison with last year: there is nothing to count. The facts here are what
those releases phrase; the checks of the same fields are in :mod:`pressrum.no_grants_checks`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .round_models import RoundFile

NO_NEW_GRANTS = "inga-nya-bidrag"  # the release kind of a year without new grants
CANCELLED = "installd"  # the release kind of a cancelled round


@dataclass(frozen=True)
class NoNewGrantsFacts:
    """A year without new grants: the round's money, what is paid to earlier commitments, to how
    many actors, granted in which years."""

    budget: int | None  # the round's medel
    paid: int | None
    paid_word: str | None
    commitments: int | None  # actors with multi-year grants of earlier years
    from_years: tuple[int, ...]  # in the order typed
    budget_word: str | None = None  # the medel's rounding word (medel-ord)
    commitments_word: str | None = None  # the commitments' rounding word (åtaganden-ord)


@dataclass(frozen=True)
class CancelledFacts:
    """A cancelled round: who decided to move the money, when, how much and to whom."""

    moved_to: str
    amount: int | None  # the typed belopp, else the round's medel
    amount_word: str | None  # the rounding word of a typed belopp
    decided_by: str
    decided: date | None


def no_new_grants_facts(data: RoundFile) -> NoNewGrantsFacts | None:
    """The facts of ``inga-nya-bidrag:``, or None when the round has new grants."""
    n = data.no_new_grants
    if n is None:
        return None
    return NoNewGrantsFacts(data.budget, n.paid, n.paid_word if n.paid is not None else None, n.commitments, n.from_years,
                            data.budget_word if data.budget is not None else None,
                            n.commitments_word if n.commitments is not None else None)


def cancelled_facts(data: RoundFile) -> CancelledFacts | None:
    """The facts of ``inställd:``, or None when the round is not cancelled."""
    c = data.cancelled
    if c is None:
        return None
    typed = c.amount is not None
    # the round's medel stands in with its own word ("cirka 64 miljoner kronor", medel-ord)
    return CancelledFacts(c.moved_to, c.amount if typed else data.budget, c.amount_word if typed else data.budget_word,
                          c.decided_by, c.decided)

