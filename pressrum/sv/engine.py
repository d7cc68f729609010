"""Babel, the locale engine of ``pressrum.sv``, always with the locale ``sv_SE``.

The locale is passed to every call, never set through ``locale.setlocale``, so nothing
outside this package can change how Swedish is written. Whole numbers, dates, clock times and
lists are written by ``numbers``, ``dates`` and ``words`` themselves in Babel's sv_SE patterns
(tests/unit/test_sv.py compares them with Babel): Babel is left for decimals and percentages.
"""

from __future__ import annotations

LOCALE = "sv_SE"


# Babel is imported on first use: a build with nothing to do prints one line with ``antal`` and
# ``siffror`` of small numbers, and Babel takes longer to import than such a build takes.
def format_decimal(*args, **kwargs):
    from babel.numbers import format_decimal as real

    return real(*args, **kwargs)
