"""Waiting: which places come out at the first waiting time, and how the summary line names them."""
from datetime import datetime

import pytest

from pressrum.cli import _next
from pressrum.sv import STOCKHOLM
from pressrum.waiting import NATIONAL_ORDER, Waiting

T1 = datetime(2021, 5, 17, 10, 0, tzinfo=STOCKHOLM)
T2 = datetime(2021, 5, 18, 9, 30, tzinfo=STOCKHOLM)
NAT = (NATIONAL_ORDER, "nationellt")


def _w(*releases, corrections=()):
    return Waiting.of(tuple(releases), tuple(corrections))


@pytest.mark.parametrize("waiting, expected", [
    (_w((T1, *NAT), (T1, "12", "Skåne")), " (nästa: 17 maj 2021 kl. 10.00, Skåne och nationellt)"),
    (_w((T2, "12", "Skåne"), (T1, "01", "Stockholms län")), " (nästa: 17 maj 2021 kl. 10.00, Stockholms län)"),
    (_w((T2, "12", "Skåne"), corrections=(T1,)), " (nästa: 17 maj 2021 kl. 10.00)"),  # only a correction then
    (_w((T1, "25", "Norrbotten"), (T1, "03", "Uppsala"), (T1, *NAT), (T1, "01", "Stockholms län"), (T1, "12", "Skåne")),
     " (nästa: 17 maj 2021 kl. 10.00, Stockholms län, Uppsala, Skåne och två till)"),
    (_w((T1, "03", "Uppsala"), (T1, "01", "Stockholms län"), (T1, "12", "Skåne"), (T1, *NAT)),
     " (nästa: 17 maj 2021 kl. 10.00, Stockholms län, Uppsala, Skåne och nationellt)"),
])
def test_the_line_names_the_places_due_first(waiting, expected):
    assert _next(waiting) == expected


def test_sums_keep_the_places_of_the_earliest_time_only():
    a = _w((T1, "12", "Skåne"), (T2, "03", "Uppsala"))
    b = _w((T1, *NAT))
    c = _w((T2, "01", "Stockholms län"))
    total = a + b + c + Waiting()
    assert (total.releases, total.next, total.places) == (4, T1, ("Skåne", "nationellt"))
    assert (c + a).places == ("Skåne",)


def test_to_data_round_trips_and_an_old_cache_shape_is_refused():
    w = _w((T1, *NAT), (T1, "12", "Skåne"), corrections=(T2,))
    assert Waiting.from_data(w.to_data()) == w
    with pytest.raises(ValueError):
        Waiting.from_data([2, 0, T1.isoformat()])  # a cache written before places were kept: rebuilt
