"""Figures stated as approximate: what a rounding word says of the real figure behind it.

An agency often knows a figure only roughly, or rounds it on purpose: "över 400 ansökningar",
"knappt 64 miljoner kronor", "cirka 120 000 elever". The word is content (``ansökningar-ord``,
``belopp-ord``); these rules say which real figures it allows, so a cross-check compares an
approximate figure as approximate – parts that add up to 412 agree with "över 400", and
contradict "knappt 400" – and never demands that the parts equal it.
"""
from __future__ import annotations

from typing import Annotated

from .model_base import Matching

# The real figure is at least the typed one: "drygt 400", "över 400".
AT_LEAST = frozenset({"drygt", "över"})
# The real figure is at most the typed one: "knappt 400", "nästan 400".
AT_MOST = frozenset({"knappt", "nästan"})
# The real figure is near the typed one, either side: "cirka 400", "omkring 400".
AROUND = frozenset({"cirka", "omkring"})
WORDS = AT_LEAST | AT_MOST | AROUND  # ROUNDING_PATTERN allows exactly these
# A part said as a share of its whole ("hälften av ansökningarna", "en femtedel av de sökande"):
# allowed only where the part has a whole (PART_PATTERN). Near, either side, like cirka;
# the checks ask only that the share is the nearest of these to the typed part of the whole.
FRACTIONS = {"hälften": (1, 2), "en tredjedel": (1, 3), "två tredjedelar": (2, 3), "en fjärdedel": (1, 4),
             "tre fjärdedelar": (3, 4), "en femtedel": (1, 5)}
# The words in the order an editor reads them in a hint.
IN_ORDER = ("drygt", "knappt", "cirka", "nästan", "omkring", "över")

# The content models' fields of these words (``-ord``, ``release_models``, ``round_models``).
# The words an agency rounds a figure with in its own text ("drygt 25 miljoner kronor").
ROUNDING_PATTERN = "^(drygt|knappt|cirka|nästan|omkring|över)$"
# A part of a whole may also be a share of it (FRACTIONS): "hälften från kommuner".
PART_PATTERN = "^(drygt|knappt|cirka|nästan|omkring|över|hälften|en tredjedel|två tredjedelar|en fjärdedel|tre fjärdedelar|en femtedel)$"
WORD = "drygt, knappt, cirka, nästan, omkring eller över"
PartWord = Annotated[str, Matching(PART_PATTERN)]
RoundingWord = Annotated[str, Matching(ROUNDING_PATTERN)]  # a rounding word as a dict value


def known(fractions: bool = False) -> str:
    """The words an editor may write, for a hint: "drygt, knappt, …, omkring eller över"."""
    words = [*IN_ORDER, *(FRACTIONS if fractions else ())]
    return ", ".join(words[:-1]) + " eller " + words[-1]


def is_fraction(word: str | None) -> bool:
    """The word is a share ("hälften"), not a rounding word."""
    return word in FRACTIONS


def nearest_fraction(part: int, whole: int) -> str:
    """The share of :data:`FRACTIONS` nearest to ``part`` of ``whole`` (the first listed on a tie)."""
    return min(FRACTIONS, key=lambda w: abs(part * FRACTIONS[w][1] - whole * FRACTIONS[w][0]) / FRACTIONS[w][1])


def at_most(word: str | None) -> bool:
    """The typed figure is an upper bound of the real one: exact (no word), knappt or nästan."""
    return word is None or word in AT_MOST


def at_least(word: str | None) -> bool:
    """The typed figure is a lower bound of the real one: exact (no word), drygt or över."""
    return word is None or word in AT_LEAST


def agrees(real: int, figure: int, word: str | None) -> bool:
    """Whether an exact ``real`` figure (a sum of parts) agrees with ``figure`` as ``word``
    states it: equal when exact; not above it after knappt/nästan, not below it after
    drygt/över; any figure after cirka/omkring (how near "near" is, the agency knows)."""
    if word is None:
        return real == figure
    return not (at_most(word) and real > figure) and not (at_least(word) and real < figure)


def above(a: int, a_word: str | None, b: int, b_word: str | None) -> bool:
    """Whether the real figure behind ``a`` (as ``a_word`` states it) is certainly more than the
    one behind ``b``: ``a`` is above ``b``, ``a`` exact or a lower bound ("drygt 30 miljoner"),
    ``b`` exact or an upper bound ("knappt 25 miljoner"). "cirka 30" is never certainly above
    "cirka 25": how near the agency's figures are to the real ones it knows, Pressrum does not."""
    return a > b and at_least(a_word) and at_most(b_word)


def disagrees(a: int, a_word: str | None, b: int, b_word: str | None) -> bool:
    """Whether two figures, each as its word states it, certainly differ: one is certainly above
    the other. Exact figures differ when unequal; "cirka 400" never certainly differs."""
    return above(a, a_word, b, b_word) or above(b, b_word, a, a_word)


def exceeds(part: int, figure: int, word: str | None) -> bool:
    """Whether an exact ``part`` is more than the real figure can be: above it, and the figure is
    exact or an upper bound (a part above "över 400" or "cirka 400" may still be within it)."""
    return above(part, None, figure, word)


def sum_word(words) -> str | None:
    """The word a sum of figures carries: exact when every part is, a lower bound when every
    part is exact or one ("drygt"), else only near ("cirka")."""
    words = list(words)
    if all(w is None for w in words):
        return None
    return "drygt" if all(at_least(w) for w in words) else "cirka"


def shown(figure: str, word: str | None) -> str:
    """A figure in a message as the content states it: "400", "över 400", "105 (hälften)"."""
    if is_fraction(word):
        return f"{figure} ({word})"
    return f"{word} {figure}" if word else figure
