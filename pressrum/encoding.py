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
from dataclasses import dataclass

from .errors import Place, Problem

BOM = b"\xef\xbb\xbf"
UNDEFINED_IN_CP1252 = frozenset(b"\x81\x8d\x8f\x90\x9d")

# One well-formed UTF-8 sequence of two to four bytes (RFC 3629: no overlong forms, no surrogates).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_NON_ASCII = re.compile(rb"[\x80-\xff]+")

# What UTF-8's continuation bytes (0x80-0xBF) look like when read as Windows-1252, or as
# Latin-1 for the five bytes Windows-1252 leaves undefined.
_CONTINUATION = "".join(bytes([b]).decode("latin-1" if b in UNDEFINED_IN_CP1252 else "cp1252")
                        for b in range(0x80, 0xC0))
# "Ã" and "Â" followed by a continuation are a two-byte letter (å ä ö é, a no-break space) read
# as Windows-1252; "â€" begins a three-byte dash or quotation mark read the same way; U+FFFD is
# what a lenient decoder leaves for a byte it could not read. None of them is Swedish text.
# Spots side by side ("Ã…Ã¤", "����") are one garble.
_GARBLE = re.compile(f"(?:[ÃÂ][{re.escape(_CONTINUATION)}]|â€[{re.escape(_CONTINUATION)}]?|â„¢|\ufffd)+")

MAX_SHOWN = 40  # a longer word is cut around the garble in messages


@dataclass(frozen=True)
class Garble:
    """One garbled spot in a text: where (offset in characters), what, and what it stood for."""

    offset: int
    found: str
    meant: str | None  # the character it was before the wrong decoding, when that can be told


def garbles(text: str) -> list[Garble]:
    """Every spot in ``text`` that is a character garbled by decoding in the wrong encoding."""
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
    body = raw[len(BOM):] if declared else raw
    try:
        return body.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    sequences, strays, others = _scan(raw)  # offsets into raw, so places count the BOM's line alike
    if declared or len(sequences) > len(strays):
        # A UTF-8 file (it says so, or most of its letters are UTF-8) with bytes that are not.
        return None, _by_line(raw, shown, "utf-8", [(at, _not_utf8(raw[at], save)) for at in strays])
    spots = [(at, _undefined(raw[at], save)) for at in (*strays, *others) if raw[at] in UNDEFINED_IN_CP1252]
    spots += [(at, _utf8_in_cp1252(raw[at:at + length], save)) for at, length in sequences]
    if spots:
        return None, _by_line(raw, shown, "cp1252", spots)
    return body.decode("cp1252"), []


def _scan(raw: bytes) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Where a file that is not all UTF-8 has which kind of non-ASCII byte: the (offset, length)
    of every UTF-8 sequence that reads as text (:func:`_utf8_text`), the offset of every byte
    that is no part of a UTF-8 sequence, and the offset of every byte of the other sequences."""
    sequences: list[tuple[int, int]] = []
    strays: list[int] = []
    others: list[int] = []
    for run in _NON_ASCII.finditer(raw):
        at, end = run.start(), run.end()
        while at < end:
            m = _UTF8_SEQUENCE.match(raw, at, end)
            if m is None:
                strays.append(at)
                at += 1
                continue
            if _utf8_text(m.group().decode("utf-8")):
                sequences.append((at, m.end() - at))
            else:
                others.extend(range(at, m.end()))
            at = m.end()
    return sequences, strays, others


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


def _by_line(raw: bytes, shown: str, encoding: str, spots: list[tuple[int, tuple[str, str]]]) -> list[Problem]:
    """One problem per line, at the first spot on it, the column counted in characters as the
    file's encoding reads the line."""
    problems: list[Problem] = []
    line, counted = 1, 0  # the line number at offset ``counted``: lines are counted once, in order
    last = 0
    for at, (message, hint) in sorted(spots, key=lambda spot: spot[0]):
        line += raw.count(b"\n", counted, at)
        counted = at
        if line == last:
            continue
        last = line
        start = raw.rfind(b"\n", 0, at) + 1
        prefix = raw[start:at].removeprefix(BOM) if start == 0 else raw[start:at]
        column = len(prefix.decode(encoding, errors="replace")) + 1
        problems.append(Problem(Place(shown, line, column), message, hint))
    return problems
