"""Babel, the locale engine of ``pressrum.sv``, always with the locale ``sv_SE``.

The locale is passed to every call, never set through ``locale.setlocale``, so nothing
outside this package can change how Swedish is written.
"""

from __future__ import annotations

LOCALE = "sv_SE"


# Babel is imported on first use: a build with nothing to do prints one line with ``antal`` and
# ``siffror`` of small numbers, and Babel takes longer to import than such a build takes.
def format_decimal(*args, **kwargs):
    from babel.numbers import format_decimal as real

    return real(*args, **kwargs)


def format_date(*args, **kwargs):
    from babel.dates import format_date as real

    return real(*args, **kwargs)


def format_datetime(*args, **kwargs):
    from babel.dates import format_datetime as real

    return real(*args, **kwargs)


def format_time(*args, **kwargs):
    from babel.dates import format_time as real

    return real(*args, **kwargs)


def format_list(*args, **kwargs):
    from babel.lists import format_list as real

    return real(*args, **kwargs)
