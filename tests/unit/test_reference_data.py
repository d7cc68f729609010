"""Checks on the county and municipality reference data (pressrum/data/*.csv)."""

from __future__ import annotations

from collections import Counter

import pytest

from pressrum.sv import Kommun, Lan, alla_kommuner, alla_lan, kommun, lan, slug

# SCB's municipality count per county (conventions.md §3).
KOMMUNER_PER_LAN = {
    "01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12,
    "09": 1, "10": 5, "12": 33, "13": 6, "14": 49, "17": 16, "18": 12,
    "19": 10, "20": 15, "21": 10, "22": 7, "23": 8, "24": 15, "25": 14,
}

# Counties named after their seat keep the full name in running text.
LAN_MED_RESIDENSSTADENS_NAMN = {"01", "03", "06", "08", "18"}


def test_21_lan_in_code_order():
    lanen = alla_lan()
    assert len(lanen) == 21
    assert all(isinstance(lanet, Lan) for lanet in lanen)
    koder = [lanet.kod for lanet in lanen]
    assert koder == sorted(koder)
    assert koder == list(KOMMUNER_PER_LAN)


def test_290_kommuner_in_code_order():
    kommuner = alla_kommuner()
    assert len(kommuner) == 290
    assert all(isinstance(k, Kommun) for k in kommuner)
    koder = [k.kod for k in kommuner]
    assert koder == sorted(koder)


def test_codes_are_unique():
    assert len({lanet.kod for lanet in alla_lan()}) == 21
    assert len({k.kod for k in alla_kommuner()}) == 290
    assert len({lanet.slug for lanet in alla_lan()}) == 21


def test_code_formats():
    assert all(len(lanet.kod) == 2 and lanet.kod.isdigit() for lanet in alla_lan())
    assert all(len(k.kod) == 4 and k.kod.isdigit() for k in alla_kommuner())


def test_every_kommun_code_begins_with_its_county_code():
    for k in alla_kommuner():
        assert k.kod[:2] == k.lan.kod, k


def test_kommuner_per_lan():
    assert Counter(k.lan.kod for k in alla_kommuner()) == KOMMUNER_PER_LAN
    assert sum(KOMMUNER_PER_LAN.values()) == 290


def test_names_and_short_names():
    for lanet in alla_lan():
        assert lanet.namn.endswith(" län"), lanet
        if lanet.kod in LAN_MED_RESIDENSSTADENS_NAMN:
            assert lanet.kortnamn == lanet.namn, lanet
        else:
            assert not lanet.kortnamn.endswith(" län"), lanet
            # Slugs are the short name in URL form.
            assert lanet.slug == slug(lanet.kortnamn), lanet


@pytest.mark.parametrize("county", alla_lan(), ids=lambda lanet: lanet.slug)
def test_lan_lookups_round_trip(county):
    assert lan(county.slug) is county
    assert lan(county.slug.upper()) is county
    assert lan(county.kod) is county
    assert lan(county.namn) is county
    assert lan(county.kortnamn) is county
    assert lan(county.kortnamn.lower()) is county


def test_every_kommun_is_found_by_name_and_code():
    for k in alla_kommuner():
        assert kommun(k.namn) is k
        assert kommun(k.kod) is k
        assert kommun(f"{k.namn} kommun") is k
