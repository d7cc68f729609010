"""Headlines: the figure that is the news and the place, within :data:`MAX_LENGTH` characters.

A release template's ``rubrik`` block phrases several formulations, chosen by ``rubrikvariant``
(a :class:`~pressrum.local_story.Variant` the template tests: ``rubrikvariant.first``, ``.short``);
:func:`order` says in which order to try them (starting from the release's own variant, see
:func:`pressrum.local_story.variant`, then the short fallbacks), and :func:`pick` takes the first
that fits. Nothing is ever cut: when no formulation fits, the shortest one is used. An editor's
own headline (``rubrik:``) replaces the generated ones and is checked by :func:`check_overrides`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import Problem

if TYPE_CHECKING:
    from .validate import RoundInput

MAX_LENGTH = 70  # what a feed reader or a news list shows without cutting
MAIN_VARIANTS = 3  # formulations 0–2: the release's own, chosen from the data
FALLBACKS = (3, 4)  # shorter formulations, tried when none of the main ones fits


def order(own: int) -> tuple[int, ...]:
    """Variants to try: the release's own first, then the other main ones, then the fallbacks."""
    return tuple((own + i) % MAIN_VARIANTS for i in range(MAIN_VARIANTS)) + FALLBACKS


def fits(headline: str) -> bool:
    """The headline is within :data:`MAX_LENGTH`."""
    return len(headline) <= MAX_LENGTH


def pick(candidates: list[str]) -> str:
    """The first candidate within :data:`MAX_LENGTH`, else the shortest (never cut mid-word)."""
    for c in candidates:
        if fits(c):
            return c
    return min(candidates, key=len)


def _too_long(text: str) -> str:
    return f"rubriken har {len(text)} tecken, högst {MAX_LENGTH} får plats"


HINT = "korta rubriken så att den ryms på en rad i nyhetslistor och flöden (ta bort den för att få en genererad rubrik)"


def check_overrides(round_: RoundInput) -> list[Problem]:
    """Editor's headlines (``rubrik:`` of an announcement or a county file) longer than allowed."""
    problems = [Problem(round_.source.place(("tillfällen", key, "rubrik")), _too_long(a.headline), HINT)
                for key, a in round_.data.announcements.items() if a.headline and len(a.headline) > MAX_LENGTH]
    problems += [Problem(c.source.place(("rubrik",)), _too_long(c.data.headline), HINT)
                 for c in round_.counties if c.data.headline and len(c.data.headline) > MAX_LENGTH]
    return problems
