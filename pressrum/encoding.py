"""Text from files, decoded strictly, and text that was garbled by a wrong decoding before.

Two mistakes put wrong letters on published pages without any error:

* **A file in more than one encoding.** Excel saves a CSV as UTF-8 ("CSV UTF-8") or, in older
  versions, as Windows-1252. A file decoded leniently turns a UTF-8 row pasted into a
  Windows-1252 file into "Ã…sas", and bytes Windows-1252 does not define (0x81, 0x8D, 0x8F,
  0x90, 0x9D) into "�". :func:`decode` gives a file exactly one encoding – UTF-8 (with or without
  a byte-order mark), else Windows-1252 – and reports every line that does not fit it.
* **Text garbled before it reached the file** ("mojibake"): UTF-8 read as Windows-1252 once and
  saved again, so that "Å" became "Ã…" and "–" became "â€“", or a letter replaced by U+FFFD.
  Such a file decodes cleanly, so :func:`garbles` looks for the patterns themselves; the CSV
  reader and the text fields of the YAML models (``fields.Text``) report them.

Problems are values (:class:`pressrum.errors.Problem`) with the line and the column in
characters, in Swedish, with a hint.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .errors import Place, Problem

BOM = b"\xef\xbb\xbf"
UNDEFINED_IN_CP1252 = frozenset(b"\x81\x8d\x8f\x90\x9d")

# What UTF-8's continuation bytes (0x80-0xBF) look like when read as Windows-1252, or as
# Latin-1 for the five bytes Windows-1252 leaves undefined.
_CONTINUATION = "".join(bytes([b]).decode("latin-1" if b in UNDEFINED_IN_CP1252 else "cp1252")
                        for b in range(0x80, 0xC0))
# "Ã" and "Â" followed by a continuation are a two-byte letter (å ä ö é, a no-break space) read
# as Windows-1252; "â€" begins a three-byte dash or quotation mark read the same way; U+FFFD is
# what a lenient decoder leaves for a byte it could not read. None of them is Swedish text.
# Spots side by side ("Ã…Ã¤", "����") are one garble.
_GARBLE = re.compile(f"(?:[ÃÂ][{re.escape(_CONTINUATION)}]|â€[{re.escape(_CONTINUATION)}]?|â„¢|\ufffd)+")

_LEADS = ("Ã", "Â", "â", "\ufffd")  # every garble begins with one of them

MAX_SHOWN = 40  # a longer word is cut around the garble in messages


@dataclass(frozen=True)
class Garble:
    """One garbled spot in a text: where (offset in characters), what, and what it stood for."""

    offset: int
    found: str
    meant: str | None  # the character it was before the wrong decoding, when that can be told


def garbles(text: str) -> list[Garble]:
    """Every spot in ``text`` that is a character garbled by decoding in the wrong encoding."""
    if not any(lead in text for lead in _LEADS):  # the common case, by substring search, not the pattern
        return []
    return [Garble(m.start(), m.group(), _meant(m.group())) for m in _GARBLE.finditer(text)]


def _meant(found: str) -> str | None:
    """"Ã…" → "Å": the fragment's bytes in Windows-1252 (Latin-1 for its holes) read as UTF-8."""
    if "\ufffd" in found:
        return None
    raw = b"".join(c.encode("latin-1") if ord(c) < 0x100 and ord(c) in UNDEFINED_IN_CP1252 else c.encode("cp1252")
                   for c in found)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:  # "â€" whose last byte was lost
        return None


def garble_message(text: str, garble: Garble) -> tuple[str, str]:
    """The Swedish message and hint for ``garble`` in ``text``: the word it stands in, what it is
    and what to write instead."""
    word = _word(text, garble)
    where = f"'{word}' innehåller '{garble.found}'" if word != garble.found else f"texten innehåller '{garble.found}'"
    cause = "texten har sparats i en teckenkodning och lästs i en annan"
    if set(garble.found) == {"\ufffd"}:
        lost = "ett tecken som har gått förlorat" if len(garble.found) == 1 else "tecken som har gått förlorade"
        return f"{where}, {lost} (U+FFFD)", f"{cause}; skriv rätt tecken i stället för '{garble.found}'"
    if garble.meant is None:
        return (f"{where}, resterna av tecken i fel teckenkodning",
                f"{cause}; skriv texten på nytt")
    return f"{where}, som är '{garble.meant}' i fel teckenkodning", f"{cause}; skriv '{garble.meant}' i stället"


def _word(text: str, garble: Garble) -> str:
    start = garble.offset
    while start > 0 and not _ends_word(text[start - 1]):
        start -= 1
    end = garble.offset + len(garble.found)
    while end < len(text) and not _ends_word(text[end]):
        end += 1
    if end - start <= MAX_SHOWN:
        return text[start:end]
    # A long run without spaces (a pasted address): the part around the garble, marked as cut.
    before = max(start, garble.offset - MAX_SHOWN // 2)
    after = min(end, max(garble.offset + len(garble.found), before + MAX_SHOWN))
    return ("…" if before > start else "") + text[before:after] + ("…" if after < end else "")


def _ends_word(char: str) -> bool:
    return char.isspace() or char == ";"  # ";" parts a CSV line's cells


def decode(raw: bytes, shown: str, save: str) -> tuple[str | None, list[Problem]]:
    """The text of a file in one encoding: UTF-8 (with or without a byte-order mark), else
    Windows-1252. Returns ``(text, [])``, or ``(None, problems)`` with one problem for each line
    that does not fit the file's encoding: a byte no encoding here defines, or a line in the
    other encoding than the rest of the file. ``save`` says how to save the file right
    (for a recipient list: "spara listan från Excel som 'CSV UTF-8'")."""
    declared = raw.startswith(BOM)
    body = raw[len(BOM):] if declared else raw  # a column counts no BOM
    try:
        return body.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    # Every well-formed UTF-8 sequence becomes its character and every other byte an escaped
    # one (U+DC80-U+DCFF), so both readings can be counted and placed in one string.
    text = body.decode("utf-8", errors="surrogateescape")
    found = Counter(_UTF8_CHARACTER.findall(text))
    letters = sum(n for char, n in found.items() if _utf8_text(char))
    non_ascii = len(body.translate(None, _ASCII))
    strays = non_ascii - sum(n * len(char.encode("utf-8")) for char, n in found.items())
    if declared or letters > strays:
        # A UTF-8 file (it says so, or most of its letters are UTF-8) with bytes that are not.
        return None, _by_line(text, shown, save, "utf-8", [(m.start(), _not_utf8, ord(m.group()) - 0xDC00)
                                                           for m in _ESCAPED.finditer(text)])
    spots = [(m.start(), _undefined, ord(m.group()) - 0xDC00) for m in _ESCAPED_UNDEFINED.finditer(text)]
    for m in _UTF8_CHARACTER.finditer(text) if found else ():
        sequence = m.group().encode("utf-8")
        if _utf8_text(m.group()):
            spots.append((m.start(), _utf8_in_cp1252, sequence))
        elif UNDEFINED_IN_CP1252.intersection(sequence):  # read as Windows-1252, a byte it lacks
            spots.append((m.start(), _undefined, next(b for b in sequence if b in UNDEFINED_IN_CP1252)))
    if spots:
        return None, _by_line(text, shown, save, "cp1252", spots)
    return body.decode("cp1252"), []


_ASCII = bytes(range(0x80))
_UTF8_CHARACTER = re.compile("[^\x00-\x7f\udc80-\udcff]")  # a non-ASCII character that was well-formed UTF-8
_ESCAPED = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape decodes it
_ESCAPED_UNDEFINED = re.compile("[" + "".join(chr(0xDC00 + b) for b in sorted(UNDEFINED_IN_CP1252)) + "]")


def _utf8_text(char: str) -> bool:
    """Whether a UTF-8 sequence reads as something UTF-8 text holds: a letter (Swedish, Sámi,
    any), a character Windows-1252 also has, or a replacement character saved as UTF-8. Other
    sequences (accents, controls) are Windows-1252 letters side by side: "Ö" and a no-break
    space form U+05A0, a Hebrew accent."""
    if char.isalpha() or char == "\ufffd":
        return True
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _not_utf8(byte: int, save: str) -> tuple[str, str]:
    reading = bytes([byte]).decode("cp1252", errors="replace")
    if reading.isalpha() or reading in "–—‘’“”„…€§°«»":
        return (f"tecknet '{reading}' är sparat som Windows-1252, men resten av filen som UTF-8 (blandade teckenkodningar)",
                f"skriv om tecknet på raden; {save}")
    return (f"byten 0x{byte:02X} kan inte läsas: filen är sparad som UTF-8, men byten är inte UTF-8",
            f"skriv om texten på raden; {save}")


def _undefined(byte: int, save: str) -> tuple[str, str]:
    return (f"byten 0x{byte:02X} är inget tecken i Windows-1252, som filen är sparad i",
            f"texten på raden är skadad; skriv om den och {save}")


def _utf8_in_cp1252(sequence: bytes, save: str) -> tuple[str, str]:
    letter = sequence.decode("utf-8")
    looks = sequence.decode("cp1252", errors="replace")
    return (f"tecknet '{letter}' är sparat som UTF-8, men resten av filen som Windows-1252 (blandade teckenkodningar)",
            f"rätta tecknet på raden (i Excel syns det som '{looks}'); {save}")


def _by_line(text: str, shown: str, save: str, encoding: str, spots: list) -> list[Problem]:
    """One problem per line, at the first spot on it. ``spots`` are (offset in ``text``, wording,
    what); ``wording(what, save)`` is only asked for the spots that are reported. The column
    counts characters as the file's ``encoding`` reads the line: in Windows-1252 one per byte."""
    problems: list[Problem] = []
    line, counted, last = 1, 0, 0  # the line number at offset ``counted``: lines are counted once, in order
    for at, wording, what in sorted(spots, key=lambda spot: spot[0]):
        line += text.count("\n", counted, at)
        counted = at
        if line == last:
            continue
        last = line
        prefix = text[text.rfind("\n", 0, at) + 1:at]
        column = len(prefix.encode("utf-8", errors="surrogateescape") if encoding == "cp1252" else prefix) + 1
        problems.append(Problem(Place(shown, line, column), *wording(what, save)))
    return problems
