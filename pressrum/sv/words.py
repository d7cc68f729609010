"""Words and phrases: a capital for a sentence start, lists, the genitive, URL slugs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .messages import FEL_KONJUNKTION, FEL_TOM_GENITIV, FEL_TOM_SLUG


def versal(text: str) -> str:
    """Capitalise the first character only, for a sentence start.

    ``versal("åtta ansökningar")`` → ``"Åtta ansökningar"``. Unlike
    ``str.capitalize`` the rest is left untouched, so names keep their capitals.
    """
    text = str(text)
    return text[:1].upper() + text[1:]


def genitiv(namn: str) -> str:
    """Genitive of a name: *Delmos* → *Delmos*, *Skåne* → *Skånes* (no -s after s, x or z)."""
    namn = str(namn)
    if not namn:
        raise ValueError(FEL_TOM_GENITIV)
    return namn if namn[-1].lower() in "sxz" else namn + "s"


# Babel's sv list patterns: no comma before the conjunction (a, b och c).
_LISTSTIL = {"och": "standard", "eller": "or"}


def lista(items: Iterable[object], konj: str = "och") -> str:
    """Join items Swedish style: ``a, b och c``; ``lista(["a", "b"], "eller")``
    → ``a eller b``; one item alone; an empty list gives ``""``.

    ``konj`` is ``"och"`` or ``"eller"``. When an item has an *och* of its own, the list joins
    with *samt* instead, as Myndigheternas skrivregler advise against a second *och*:
    ``58 kommuner och regioner samt 32 ideella organisationer``.
    """
    if konj not in _LISTSTIL:
        raise ValueError(FEL_KONJUNKTION.format(varde=konj))
    texts = tuple(str(item) for item in items)
    if konj == "och" and len(texts) > 1 and any(_OCH.search(t) for t in texts):
        return f"{', '.join(texts[:-1])} samt {texts[-1]}"
    return _lista(texts, _LISTSTIL[konj])


_OCH = re.compile(r"(?<!\w)och(?!\w)")


def _lista(items: tuple[str, ...], stil: str) -> str:
    """Babel's sv list patterns (CLDR "standard" and "or"): ``a, b och c``, ``a eller b``,
    written out so that a build need not load Babel's locale data (tests/unit/test_sv.py
    compares them with Babel's)."""
    if len(items) < 2:
        return items[0] if items else ""
    return f"{', '.join(items[:-1])} {_KONJ[stil]} {items[-1]}"


_KONJ = {"standard": "och", "or": "eller"}

# Letters that do not decompose into an ASCII base letter under NFKD.
_TRANSLITTERERING = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l"})


def slug(text: str) -> str:
    """An ASCII URL slug: ``slug("Västra Götalands län") == "vastra-gotalands-lan"``.

    Accents are dropped (å, ä → a; ö → o; é → e), everything else that is not
    a letter or digit becomes a hyphen; lower case, with no leading, trailing
    or double hyphens. Text without any letter or digit is an error, since an
    empty slug would make a broken URL.
    """
    utan_accenter = unicodedata.normalize("NFKD", str(text).lower().translate(_TRANSLITTERERING))
    ascii_text = utan_accenter.encode("ascii", "ignore").decode("ascii")
    resultat = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if not resultat:
        raise ValueError(FEL_TOM_SLUG.format(varde=text))
    return resultat
