"""Table-driven tests for pressrum.sv.

Expected strings are written out in full. "\xa0" is U+00A0 NO-BREAK SPACE
(digit grouping); every other space is an ordinary U+0020.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from pressrum import sv
from pressrum.sv import (
    FILTERS,
    alla_kommuner,
    alla_lan,
    antal,
    datum,
    datumtid,
    klockslag,
    kommun,
    kronor,
    lan,
    lista,
    ordningstal,
    procent,
    slug,
    tal,
    telefon,
    telefon_uri,
    versal,
)

NBSP = "\xa0"


def case(call, expected, id=None):
    """One row of a table: a zero-argument callable and its exact result."""
    return pytest.param(call, expected, id=id)


# ---------------------------------------------------------------------------
# The spec's example table, row by row
# ---------------------------------------------------------------------------

SPEC_EXAMPLES = [
    case(lambda: tal(1), "en", "tal(1)"),
    case(lambda: tal(1, "ett"), "ett", "tal(1, ett)"),
    case(lambda: tal(12), "tolv", "tal(12)"),
    case(lambda: tal(13), "13", "tal(13)"),
    case(lambda: tal(1500), "1\xa0500", "tal(1500)"),
    case(lambda: antal(0, "ansökan", "ansökningar"), "inga ansökningar", "antal(0)"),
    case(lambda: antal(1, "ansökan", "ansökningar"), "en ansökan", "antal(1)"),
    case(lambda: antal(1, "bidrag", "bidrag", "ett"), "ett bidrag", "antal(1, ett)"),
    case(lambda: antal(8, "ansökan", "ansökningar"), "åtta ansökningar", "antal(8)"),
    case(lambda: antal(90, "aktör", "aktörer"), "90 aktörer", "antal(90)"),
    case(lambda: antal(1500, "ansökan", "ansökningar"), "1\xa0500 ansökningar", "antal(1500)"),
    case(lambda: versal(antal(7, "ansökan", "ansökningar")), "Sju ansökningar", "versal(antal(7))"),
    case(lambda: kronor(250_000_000), "250 miljoner kronor", "kronor(250M)"),
    case(lambda: kronor(160_000_000), "160 miljoner kronor", "kronor(160M)"),
    case(lambda: kronor(1_000_000), "en miljon kronor", "kronor(1M)"),
    case(lambda: kronor(6_000_000), "sex miljoner kronor", "kronor(6M)"),
    case(lambda: kronor(700_000), "700\xa0000 kronor", "kronor(700k)"),
    case(lambda: kronor(1), "1 krona", "kronor(1)"),
    case(lambda: kronor(10_200_000), "10,2 miljoner kronor", "kronor(10.2M)"),
    case(lambda: kronor(1_350_000_000), "1,35 miljarder kronor", "kronor(1.35G)"),
    case(lambda: kronor(26_312_417), "26\xa0312\xa0417 kronor", "kronor(26312417)"),
    case(lambda: kronor(26_312_417, ungefar=True), "drygt 26 miljoner kronor", "ungefar 26312417"),
    case(lambda: kronor(81_700_000, ungefar=True), "knappt 82 miljoner kronor", "ungefar 81.7M"),
    case(lambda: kronor(218_400_000, ungefar=True), "drygt 218 miljoner kronor", "ungefar 218.4M"),
    case(lambda: kronor(1_384_000_000, ungefar=True), "knappt 1,4 miljarder kronor", "ungefar 1.384G"),
    case(lambda: kronor(82_000_000, ungefar=True), "82 miljoner kronor", "ungefar 82M"),
    case(lambda: kronor(704_300, ungefar=True), "drygt 700\xa0000 kronor", "ungefar 704300"),
    case(lambda: kronor(235_000_000, cirka=True), "cirka 235 miljoner kronor", "cirka 235M"),
    case(lambda: procent(39), "39 procent", "procent(39)"),
    case(lambda: procent(12.5), "12,5 procent", "procent(12.5)"),
    case(lambda: datum(date(2021, 5, 17)), "17 maj 2021", "datum"),
    case(lambda: datum(date(2021, 5, 17), veckodag=True), "måndag 17 maj 2021", "datum veckodag"),
    case(lambda: klockslag(time(9, 30)), "kl. 9.30", "klockslag 9.30"),
    case(lambda: klockslag(time(10, 0)), "kl. 10.00", "klockslag 10.00"),
    case(lambda: datumtid(datetime(2021, 5, 17, 8, 0, tzinfo=UTC)), "17 maj 2021 kl. 10.00", "datumtid sommar"),
    case(lambda: datumtid(datetime(2021, 1, 15, 8, 0, tzinfo=UTC)), "15 januari 2021 kl. 9.00", "datumtid vinter"),
    case(
        lambda: lista(["Värmland", "Dalarna", "Stockholmsområdet"]),
        "Värmland, Dalarna och Stockholmsområdet",
        "lista 3",
    ),
    case(lambda: lista(["a", "b"], "eller"), "a eller b", "lista eller"),
    case(lambda: lista(["a"]), "a", "lista 1"),
    case(lambda: lista([]), "", "lista 0"),
    case(lambda: telefon("010-1407710"), "010-140 77 10", "telefon ogrupperat"),
    case(lambda: telefon("010-140 77 10"), "010-140 77 10", "telefon grupperat"),
    case(lambda: telefon("08-4051000"), "08-405 10 00", "telefon 08"),
    case(lambda: telefon("073-0480959"), "073-048 09 59", "telefon mobil"),
    case(lambda: telefon("0159-12345"), "0159-123 45", "telefon 0159"),
    case(lambda: telefon("+46 10 140 77 10"), "010-140 77 10", "telefon +46"),
    case(lambda: ordningstal(1), "första", "ordningstal(1)"),
    case(lambda: ordningstal(11), "elfte", "ordningstal(11)"),
    case(lambda: ordningstal(21), "21:a", "ordningstal(21)"),
    case(lambda: lan("12").namn, "Skåne län", "lan(12).namn"),
    case(lambda: lan("skåne").kortnamn, "Skåne", "lan(skåne).kortnamn"),
    case(lambda: lan("Västra Götaland").slug, "vastra-gotaland", "lan(Västra Götaland).slug"),
    case(lambda: lan("stockholm").kortnamn, "Stockholms län", "lan(stockholm).kortnamn"),
    case(lambda: kommun("Landskrona stad").lan.kortnamn, "Skåne", "kommun(Landskrona stad)"),
    case(lambda: kommun("0114").namn, "Upplands Väsby", "kommun(0114)"),
    case(lambda: slug("Västra Götalands län"), "vastra-gotalands-lan", "slug"),
]


@pytest.mark.parametrize(("call", "expected"), SPEC_EXAMPLES)
def test_spec_examples(call, expected):
    assert call() == expected


# ---------------------------------------------------------------------------
# Edge cases
# ---------------------------------------------------------------------------

NUMBERS = [
    case(lambda: tal(0), "noll", "tal(0)"),
    case(lambda: tal(2), "två", "tal(2)"),
    case(lambda: tal(2, "ett"), "två", "tal(2, ett) – only 1 agrees"),
    case(lambda: tal(11), "elva", "tal(11)"),
    case(lambda: tal(20), "20", "tal(20)"),
    case(lambda: tal(21), "21", "tal(21)"),
    case(lambda: tal(100), "100", "tal(100)"),
    case(lambda: tal(999_999), "999\xa0999", "tal(999999)"),
    case(lambda: tal(1_000_000), "1\xa0000\xa0000", "tal(1000000)"),
    case(lambda: tal(3.0), "tre", "tal(3.0) integral float"),
    case(lambda: tal(Decimal("14")), "14", "tal(Decimal 14)"),
    case(lambda: antal(0, "bidrag", "bidrag", "ett"), "inga bidrag", "antal(0, ett)"),
    case(lambda: antal(2, "ansökan", "ansökningar"), "två ansökningar", "antal(2)"),
    case(lambda: antal(12, "kommun", "kommuner"), "tolv kommuner", "antal(12)"),
    case(lambda: antal(13, "kommun", "kommuner"), "13 kommuner", "antal(13)"),
    case(lambda: antal(21, "projekt", "projekt", "ett"), "21 projekt", "antal(21)"),
    case(lambda: versal("åtta ansökningar"), "Åtta ansökningar", "versal å"),
    case(lambda: versal("ett bidrag till Skåne"), "Ett bidrag till Skåne", "versal keeps names"),
    case(lambda: versal(""), "", "versal empty"),
    case(lambda: versal("13 kommuner"), "13 kommuner", "versal digits unchanged"),
    case(lambda: ordningstal(2), "andra", "ordningstal(2)"),
    case(lambda: ordningstal(12), "tolfte", "ordningstal(12)"),
    case(lambda: ordningstal(13), "13:e", "ordningstal(13)"),
    case(lambda: ordningstal(20), "20:e", "ordningstal(20)"),
    case(lambda: ordningstal(22), "22:a", "ordningstal(22)"),
    case(lambda: ordningstal(100), "100:e", "ordningstal(100)"),
    case(lambda: ordningstal(101), "101:a", "ordningstal(101)"),
    case(lambda: ordningstal(111), "111:e", "ordningstal(111)"),
    case(lambda: ordningstal(112), "112:e", "ordningstal(112)"),
    case(lambda: ordningstal(1001), "1\xa0001:a", "ordningstal(1001)"),
]

AMOUNTS = [
    case(lambda: kronor(0), "0 kronor", "0"),
    case(lambda: kronor(2), "2 kronor", "2"),
    case(lambda: kronor(1_500), "1\xa0500 kronor", "1500"),
    case(lambda: kronor(999_999), "999\xa0999 kronor", "999999"),
    case(lambda: kronor(1_250_000), "1,25 miljoner kronor", "1.25M"),
    case(lambda: kronor(1_350_000), "1,35 miljoner kronor", "1.35M"),
    case(lambda: kronor(1_500_000), "1,5 miljoner kronor", "1.5M"),
    case(lambda: kronor(1_234_567), "1\xa0234\xa0567 kronor", "1234567 exact"),
    case(lambda: kronor(1_005_000), "1\xa0005\xa0000 kronor", "1005000 needs 3 decimals"),
    case(lambda: kronor(2_000_000), "två miljoner kronor", "2M"),
    case(lambda: kronor(12_000_000), "tolv miljoner kronor", "12M"),
    case(lambda: kronor(13_000_000), "13 miljoner kronor", "13M"),
    case(lambda: kronor(999_990_000), "999,99 miljoner kronor", "999.99M"),
    case(lambda: kronor(999_999_999), "999\xa0999\xa0999 kronor", "999999999"),
    case(lambda: kronor(1_000_000_000), "en miljard kronor", "1G"),
    case(lambda: kronor(2_000_000_000), "två miljarder kronor", "2G"),
    case(lambda: kronor(1_500_000_000), "1,5 miljarder kronor", "1.5G"),
    case(lambda: kronor(13_000_000_000), "13 miljarder kronor", "13G"),
    case(lambda: kronor(1_234_500_000), "1\xa0234\xa0500\xa0000 kronor", "1.2345G full digits"),
    case(lambda: kronor(Decimal("1000000")), "en miljon kronor", "Decimal"),
    case(lambda: kronor(700_000.0), "700\xa0000 kronor", "integral float"),
    case(lambda: kronor(999_999, ungefar=True), "knappt en miljon kronor", "ungefar 999999"),
    case(lambda: kronor(1_000_000, ungefar=True), "en miljon kronor", "ungefar 1M"),
    case(lambda: kronor(999_999_999, ungefar=True), "knappt en miljard kronor", "ungefar 999999999"),
    case(lambda: kronor(1_000_000_000, ungefar=True), "en miljard kronor", "ungefar 1G"),
    case(lambda: kronor(1_318_000_000, ungefar=True), "drygt 1,3 miljarder kronor", "ungefar 1.318G"),
    case(lambda: kronor(1_950_000_000, ungefar=True), "knappt två miljarder kronor", "ungefar 1.95G rounds half up"),
    case(lambda: kronor(12_400_000, ungefar=True), "drygt tolv miljoner kronor", "ungefar 12.4M words"),
    case(lambda: kronor(1_234, ungefar=True), "drygt 1\xa0200 kronor", "ungefar 1234"),
    case(lambda: kronor(1_250, ungefar=True), "knappt 1\xa0300 kronor", "ungefar 1250 half up"),
    case(lambda: kronor(0, ungefar=True), "0 kronor", "ungefar 0"),
    case(lambda: kronor(1, ungefar=True), "1 krona", "ungefar 1"),
    case(lambda: kronor(26_312_417, cirka=True), "cirka 26\xa0312\xa0417 kronor", "cirka exact"),
    case(lambda: kronor(1_000_000, cirka=True), "cirka en miljon kronor", "cirka 1M"),
]

PERCENT = [
    case(lambda: procent(0), "0 procent", "0"),
    case(lambda: procent(0.5), "0,5 procent", "0.5"),
    case(lambda: procent(100), "100 procent", "100"),
    case(lambda: procent(Decimal("25.3")), "25,3 procent", "Decimal"),
    case(lambda: procent(1500), "1\xa0500 procent", "grouped"),
    case(lambda: procent(-5), "\u22125 procent", "negative uses U+2212"),
]

STOCKHOLM_TIMES = [
    # Spring forward 2021-03-28: 02.00 CET → 03.00 CEST.
    case(lambda: datumtid(datetime(2021, 3, 28, 0, 30, tzinfo=UTC)), "28 mars 2021 kl. 1.30", "DST vår före"),
    case(lambda: datumtid(datetime(2021, 3, 28, 1, 30, tzinfo=UTC)), "28 mars 2021 kl. 3.30", "DST vår efter"),
    # Fall back 2021-10-31: 03.00 CEST → 02.00 CET; 02.30 happens twice.
    case(lambda: datumtid(datetime(2021, 10, 31, 0, 30, tzinfo=UTC)), "31 oktober 2021 kl. 2.30", "DST höst före"),
    case(lambda: datumtid(datetime(2021, 10, 31, 1, 30, tzinfo=UTC)), "31 oktober 2021 kl. 2.30", "DST höst efter"),
    case(lambda: datumtid(datetime(2021, 5, 17, 8, 0)), "17 maj 2021 kl. 8.00", "naive = Stockholm"),
    case(
        lambda: datumtid(datetime(2021, 5, 17, 8, 0, tzinfo=timezone(timedelta(hours=-4)))),
        "17 maj 2021 kl. 14.00",
        "other offset",
    ),
    case(lambda: datum(datetime(2021, 12, 31, 23, 30, tzinfo=UTC)), "1 januari 2022", "datum converts to next day"),
    case(lambda: datum(datetime(2021, 12, 31, 23, 30)), "31 december 2021", "datum naive"),
    case(
        lambda: datum(datetime(2021, 5, 16, 22, 30, tzinfo=UTC), veckodag=True),
        "måndag 17 maj 2021",
        "datum veckodag converted",
    ),
    case(lambda: klockslag(datetime(2021, 1, 15, 8, 5, tzinfo=UTC)), "kl. 9.05", "klockslag aware"),
    case(lambda: klockslag(datetime(2021, 1, 15, 8, 5)), "kl. 8.05", "klockslag naive"),
    case(lambda: klockslag(time(0, 0)), "kl. 0.00", "midnatt"),
    case(lambda: klockslag(time(23, 59, 59)), "kl. 23.59", "seconds dropped"),
]

LISTS = [
    case(lambda: lista(["a", "b"]), "a och b", "två"),
    case(lambda: lista(["a", "b", "c"], "eller"), "a, b eller c", "tre eller"),
    case(lambda: lista(iter(["Skåne", "Halland"])), "Skåne och Halland", "iterator"),
    case(lambda: lista([1, 2, 3]), "1, 2 och 3", "non-strings"),
    # an item with its own "och": the list joins with "samt" (no second "och")
    case(lambda: lista(["58 kommuner och regioner", "32 ideella organisationer"]),
         "58 kommuner och regioner samt 32 ideella organisationer", "samt efter och"),
    case(lambda: lista(["en friskola", "tre kommuner och regioner"]), "en friskola samt tre kommuner och regioner", "samt före och"),
    case(lambda: lista(["a", "b och c", "d"]), "a, b och c samt d", "samt tre"),
    case(lambda: lista(["Kochs förening", "Mocho"]), "Kochs förening och Mocho", "och inuti ord"),
    case(lambda: lista(["kommuner och regioner"]), "kommuner och regioner", "ett led"),
    case(lambda: lista(["a och b", "c"], "eller"), "a och b eller c", "eller orörd"),
]

PHONES = [
    case(lambda: telefon("031-123456"), "031-12 34 56", "6 siffror"),
    case(lambda: telefon("06-1234567"), "06-123 45 67", "7 siffror"),
    case(lambda: telefon("08-12345678"), "08-123 456 78", "8 siffror"),
    # Issue 13: the grouping follows the subscriber number's length (5: 3-2, 6: 2-2-2,
    # 7: 3-2-2, 8: 3-3-2), so an 8-digit Stockholm number is no longer cut into pairs.
    case(lambda: telefon("08-519 264 51"), "08-519 264 51", "8 siffror grupperat"),
    case(lambda: telefon("08-51926451"), "08-519 264 51", "8 siffror ogrupperat"),
    case(lambda: telefon("08-51 92 64 51"), "08-519 264 51", "8 siffror parvis in"),
    case(lambda: telefon("+46 8 519 264 51"), "08-519 264 51", "8 siffror +46"),
    case(lambda: telefon("010-123 45 67"), "010-123 45 67", "010 7 siffror"),
    case(lambda: telefon("010-1234567"), "010-123 45 67", "010 7 siffror ogrupperat"),
    case(lambda: telefon("0159-123 45"), "0159-123 45", "5 siffror grupperat"),
    case(lambda: telefon("0159-12 345"), "0159-123 45", "5 siffror omgrupperat"),
    case(lambda: telefon("08-123456"), "08-12 34 56", "08 6 siffror"),
    case(lambda: telefon("0480-123 456"), "0480-12 34 56", "0480 6 siffror"),
    # Service numbers: no source gives them a grouping of their own; the same table applies.
    case(lambda: telefon("0771-123456"), "0771-12 34 56", "0771 6 siffror"),
    case(lambda: telefon("+46 771 12 34 56"), "0771-12 34 56", "0771 +46"),
    case(lambda: telefon("020-90510"), "020-905 10", "020 5 siffror (Svenska skrivregler)"),
    case(lambda: telefon("020-1234567"), "020-123 45 67", "020 7 siffror"),
    case(lambda: telefon("0200-123456"), "0200-12 34 56", "0200 6 siffror"),
    case(lambda: telefon("077-1234567"), "077-123 45 67", "077 7 siffror"),
    case(lambda: telefon(" 010 - 140 77 10 "), "010-140 77 10", "extra spaces"),
    case(lambda: telefon("010-140\xa077\xa010"), "010-140 77 10", "no-break spaces"),
    case(lambda: telefon("+46 8 405 10 00"), "08-405 10 00", "+46 8"),
    case(lambda: telefon("+46 73 048 09 59"), "073-048 09 59", "+46 mobil"),
    case(lambda: telefon_uri("010-1407710"), "tel:+46101407710", "uri national"),
    case(lambda: telefon_uri("+46 10 140 77 10"), "tel:+46101407710", "uri international"),
    case(lambda: telefon_uri("08-405 10 00"), "tel:+4684051000", "uri 08"),
    case(lambda: telefon_uri("08-519 264 51"), "tel:+46851926451", "uri 8 siffror"),
    case(lambda: telefon_uri("+46 8 519 264 51"), "tel:+46851926451", "uri 8 siffror +46"),
    case(lambda: telefon_uri("0159-123 45"), "tel:+4615912345", "uri 5 siffror"),
    case(lambda: telefon_uri("0771-12 34 56"), "tel:+46771123456", "uri 0771"),
]

SLUGS = [
    case(lambda: slug("Skåne"), "skane", "å"),
    case(lambda: slug("Örebro län"), "orebro-lan", "ö"),
    case(lambda: slug("Café  Ängelholm!"), "cafe-angelholm", "é, punctuation, double space"),
    case(lambda: slug("--Malung-Sälen--"), "malung-salen", "trim hyphens"),
    case(lambda: slug("2025 års bidrag"), "2025-ars-bidrag", "digits kept"),
    case(lambda: slug("Tromsø"), "tromso", "ø"),
]

COUNTIES = [
    case(lambda: lan("01").namn, "Stockholms län", "kod"),
    case(lambda: lan(12).kortnamn, "Skåne", "int kod"),
    case(lambda: lan("SKÅNE LÄN").kod, "12", "official, upper case"),
    case(lambda: lan("Uppsala").kortnamn, "Uppsala län", "seat city via slug"),
    case(lambda: lan("vastra-gotaland").namn, "Västra Götalands län", "slug"),
    case(lambda: lan("Västra Götalands län").kortnamn, "Västra Götaland", "official"),
    case(lambda: lan("Örebro län").kortnamn, "Örebro län", "seat county"),
    case(lambda: lan(lan("12")).kod, "12", "Lan passes through"),
    case(lambda: kommun("Landskrona").kod, "1282", "name"),
    case(lambda: kommun("landskrona").namn, "Landskrona", "lower case"),
    case(lambda: kommun(1282).namn, "Landskrona", "int code"),
    case(lambda: kommun("Malmö stad").namn, "Malmö", "stad"),
    case(lambda: kommun("Helsingborgs stad").namn, "Helsingborg", "genitive stad"),
    case(lambda: kommun("Göteborgs Stad").namn, "Göteborg", "Stad capitalised"),
    case(lambda: kommun("Borås Stad").namn, "Borås", "name ending in s"),
    case(lambda: kommun("Västerås stad").namn, "Västerås", "name ending in s"),
    case(lambda: kommun("Lunds kommun").namn, "Lund", "genitive kommun"),
    case(lambda: kommun("Hofors kommun").namn, "Hofors", "s-name kommun"),
    case(lambda: kommun("Falu kommun").namn, "Falun", "irregular Falu"),
    case(lambda: kommun("Region Gotland").lan.namn, "Gotlands län", "irregular Region Gotland"),
    case(lambda: kommun("Gotland").kod, "0980", "Gotland"),
    case(lambda: kommun("Upplands Bro").namn, "Upplands-Bro", "space for hyphen"),
    case(lambda: kommun("Malung-Sälens kommun").namn, "Malung-Sälen", "hyphenated genitive"),
    case(lambda: kommun("Håbo").lan.kod, "03", "Håbo"),
    case(lambda: kommun("Habo").lan.kod, "06", "Habo is not Håbo"),
    case(lambda: kommun("Stockholms stad").lan.namn, "Stockholms län", "Stockholms stad"),
]


@pytest.mark.parametrize(("call", "expected"), NUMBERS)
def test_numbers(call, expected):
    assert call() == expected


# Every length of number from 0 to 16 digits, both ends of each, and the figures that recur.
WHOLE_NUMBERS = sorted({0, 1, 9, 12, 13, 999, 1000, 1500, 9999, 10_000, 250_000_000, 1_300_000_000_000,
                        *(10 ** k for k in range(17)), *(10 ** k - 1 for k in range(1, 17)),
                        *(int("123456789012345678"[:k]) for k in range(1, 17))})


def test_whole_numbers_are_grouped_as_babel_groups_them():
    """The fast path of ``siffror`` (ints without Babel) against Babel's sv_SE pattern."""
    from babel.numbers import format_decimal

    from pressrum.sv.numbers import _grouped

    for n in WHOLE_NUMBERS:
        assert _grouped(n) == format_decimal(n, format="#,##0.##", locale="sv_SE"), n
    assert sv.siffror(1_500_000) == "1\u00a0500\u00a0000"


def test_dates_are_written_as_babel_writes_them():
    """``datum`` (both patterns) against Babel's sv_SE for every day of 1990–2100: every month,
    weekday, day and year the content may give."""
    from babel.dates import format_date

    day, last = date(1990, 1, 1), date(2100, 12, 31)
    while day <= last:
        assert sv.datum(day) == format_date(day, "d MMMM y", locale="sv_SE"), day
        assert sv.datum(day, veckodag=True) == format_date(day, "EEEE d MMMM y", locale="sv_SE"), day
        day += timedelta(days=1)


def test_clock_times_are_written_as_babel_writes_them():
    """``klockslag`` against Babel's pattern ``'kl.' H.mm``: every minute of a day, and each hour
    (in UTC) across both changes of daylight saving time in 2021 and 2100."""
    from babel.dates import format_datetime, format_time

    stockholm = ZoneInfo("Europe/Stockholm")
    for minute in range(24 * 60):
        t = time(minute // 60, minute % 60)
        assert sv.klockslag(t) == format_time(t, "'kl.' H.mm", locale="sv_SE"), t
    for start in (datetime(2021, 3, 27, 20, tzinfo=UTC), datetime(2021, 10, 30, 20, tzinfo=UTC),
                  datetime(2100, 3, 27, 20, tzinfo=UTC), datetime(2100, 10, 30, 20, tzinfo=UTC)):
        for hours in range(12):
            dt = start + timedelta(hours=hours, minutes=7 * hours)
            assert sv.klockslag(dt) == format_datetime(dt.astimezone(stockholm), "'kl.' H.mm", tzinfo=stockholm,
                                                       locale="sv_SE"), dt
            naive = dt.replace(tzinfo=None)
            assert sv.klockslag(naive) == format_datetime(naive.replace(tzinfo=stockholm), "'kl.' H.mm",
                                                          tzinfo=stockholm, locale="sv_SE"), naive


def test_lists_are_joined_as_babel_joins_them():
    from babel.lists import format_list

    words = ("Skåne", "Blekinge", "Gotland", "Uppsala län", "Västra Götaland", "Norrbotten")
    for n in range(len(words) + 1):
        assert sv.lista(words[:n]) == format_list(list(words[:n]), style="standard", locale="sv_SE"), n
        assert sv.lista(words[:n], "eller") == format_list(list(words[:n]), style="or", locale="sv_SE"), n


@pytest.mark.parametrize(("call", "expected"), AMOUNTS)
def test_amounts(call, expected):
    assert call() == expected


@pytest.mark.parametrize(("call", "expected"), PERCENT)
def test_percent(call, expected):
    assert call() == expected


@pytest.mark.parametrize(("call", "expected"), STOCKHOLM_TIMES)
def test_times(call, expected):
    assert call() == expected


@pytest.mark.parametrize(("call", "expected"), LISTS)
def test_lists(call, expected):
    assert call() == expected


@pytest.mark.parametrize(("call", "expected"), PHONES)
def test_phones(call, expected):
    assert call() == expected


@pytest.mark.parametrize(("call", "expected"), SLUGS)
def test_slugs(call, expected):
    assert call() == expected


@pytest.mark.parametrize(("call", "expected"), COUNTIES)
def test_counties_and_municipalities(call, expected):
    assert call() == expected


def test_spacing_contract():
    """Digit groups use U+00A0; spaces between words are ordinary spaces."""
    text = kronor(26_312_417, ungefar=True)
    assert NBSP not in text
    assert kronor(704_300, ungefar=True) == "drygt" + " " + "700" + NBSP + "000" + " " + "kronor"
    assert NBSP not in telefon("010-1407710")


def test_values_are_frozen():
    with pytest.raises(AttributeError):
        lan("12").namn = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        kommun("1282").namn = "x"  # type: ignore[misc]


def test_lookups_return_shared_values():
    assert kommun("Landskrona stad").lan is lan("Skåne")
    assert lan("skane") == lan("12") == lan("Skåne län")
    assert alla_lan()[0].kod == "01" and alla_lan()[-1].kod == "25"
    assert alla_kommuner()[0].namn == "Upplands Väsby"


def test_filters_list_every_public_helper():
    public = {name for name in sv.__all__ if name[0].islower()}
    assert set(FILTERS) == public
    for name, function in FILTERS.items():
        assert function is getattr(sv, name)
        assert function.__doc__, f"{name} saknar docstring"


# ---------------------------------------------------------------------------
# Errors: exact Swedish messages
# ---------------------------------------------------------------------------

ERRORS = [
    case(lambda: tal(2.5), "talet måste vara ett heltal, inte 2.5", "tal(2.5)"),
    case(lambda: tal(True), "talet måste vara ett heltal, inte True", "tal(True)"),
    case(lambda: tal("5"), "talet måste vara ett heltal, inte '5'", "tal('5')"),
    case(lambda: tal(-1), "talet kan inte vara negativt: -1", "tal(-1)"),
    case(lambda: tal(1, "ena"), "okänt genus: 'ena' – använd 'en' eller 'ett'", "tal genus"),
    case(lambda: antal(-1, "ansökan", "ansökningar"), "antalet kan inte vara negativt: -1", "antal(-1)"),
    case(lambda: antal(1.5, "ansökan", "ansökningar"), "antalet måste vara ett heltal, inte 1.5", "antal(1.5)"),
    case(
        lambda: antal(1, "bidrag", "bidrag", "et"),
        "okänt genus: 'et' – använd 'en' eller 'ett'",
        "antal genus",
    ),
    case(lambda: kronor(-5), "beloppet kan inte vara negativt: -5", "kronor(-5)"),
    case(
        lambda: kronor(12.5),
        "beloppet måste anges i hela kronor, inte 12.5 – avrunda till hela kronor",
        "kronor(12.5)",
    ),
    case(
        lambda: kronor(Decimal("0.50")),
        "beloppet måste anges i hela kronor, inte Decimal('0.50') – avrunda till hela kronor",
        "kronor(Decimal 0.50)",
    ),
    case(lambda: kronor(float("nan")), "beloppet måste anges i hela kronor, inte nan – avrunda till hela kronor", "nan"),
    case(lambda: kronor(True), "beloppet måste vara ett tal, inte True", "kronor(True)"),
    case(lambda: kronor("1000"), "beloppet måste vara ett tal, inte '1000'", "kronor(str)"),
    case(
        lambda: kronor(1_000_000, ungefar=True, cirka=True),
        "ange antingen ungefar=True eller cirka=True, inte båda – "
        "ungefar avrundar beloppet, cirka markerar en uppskattning",
        "ungefar+cirka",
    ),
    case(lambda: procent("39"), "procenttalet måste vara ett tal, inte '39'", "procent(str)"),
    case(lambda: procent(True), "procenttalet måste vara ett tal, inte True", "procent(True)"),
    case(lambda: procent(float("inf")), "procenttalet måste vara ett tal, inte inf", "procent(inf)"),
    case(lambda: datum("2021-05-17"), "'2021-05-17' är inte ett datum – ange en date eller datetime", "datum(str)"),
    case(lambda: klockslag("9.30"), "'9.30' är inte ett klockslag – ange en time eller datetime", "klockslag(str)"),
    case(
        lambda: klockslag(time(9, 30, tzinfo=UTC)),
        "klockslaget datetime.time(9, 30, tzinfo=datetime.timezone.utc) har en tidszon men inget datum – "
        "ange en datetime så att tiden kan räknas om till svensk tid",
        "klockslag aware time",
    ),
    case(
        lambda: datumtid(date(2021, 5, 17)),
        "datetime.date(2021, 5, 17) är inte en tidpunkt – ange en datetime med datum och klockslag",
        "datumtid(date)",
    ),
    case(lambda: lista(["a"], "samt"), "okänd konjunktion: 'samt' – använd 'och' eller 'eller'", "lista samt"),
    case(lambda: ordningstal(0), "ordningstalet måste vara minst 1, inte 0", "ordningstal(0)"),
    case(lambda: ordningstal(-3), "ordningstalet måste vara minst 1, inte -3", "ordningstal(-3)"),
    case(lambda: ordningstal(1.5), "ordningstalet måste vara ett heltal, inte 1.5", "ordningstal(1.5)"),
    case(
        lambda: telefon("0101407710"),
        "telefonnumret '0101407710' saknar markerat riktnummer – skriv det med bindestreck "
        "efter riktnumret, till exempel 010-140 77 10",
        "omarkerat",
    ),
    case(
        lambda: telefon("010 140 77 10"),
        "telefonnumret '010 140 77 10' saknar markerat riktnummer – skriv det med bindestreck "
        "efter riktnumret, till exempel 010-140 77 10",
        "bara mellanslag",
    ),
    case(
        lambda: telefon("+46101407710"),
        "telefonnumret '+46101407710' saknar markerat riktnummer – skriv det med bindestreck "
        "efter riktnumret, till exempel 010-140 77 10",
        "+46 utan mellanslag",
    ),
    case(
        lambda: telefon("010-CALL-ME"),
        "telefonnumret '010-CALL-ME' innehåller otillåtna tecken – använd bara siffror, "
        "mellanslag, ett bindestreck efter riktnumret och +46 för landsnumret",
        "bokstäver",
    ),
    case(
        lambda: telefon("010-140-77-10"),
        "telefonnumret '010-140-77-10' har mer än ett bindestreck – skriv bindestreck bara "
        "efter riktnumret, till exempel 010-140 77 10",
        "flera bindestreck",
    ),
    case(
        lambda: telefon("+47 22 12 34 56"),
        "telefonnumret '+47 22 12 34 56' är inte ett svenskt nummer – bara +46 kan skrivas i "
        "svensk form",
        "utländskt",
    ),
    case(
        lambda: telefon("+46 010 140 77 10"),
        "telefonnumret '+46 010 140 77 10' har en nolla efter +46 – skriv riktnumret utan 0, "
        "till exempel +46 10 140 77 10",
        "+46 0",
    ),
    case(
        lambda: telefon("10-1407710"),
        "riktnumret i telefonnumret '10-1407710' ska börja med 0 och ha 2–4 siffror, "
        "till exempel 08, 010 eller 0159",
        "riktnummer utan 0",
    ),
    case(
        lambda: telefon("01591-12345"),
        "riktnumret i telefonnumret '01591-12345' ska börja med 0 och ha 2–4 siffror, "
        "till exempel 08, 010 eller 0159",
        "riktnummer för långt",
    ),
    case(
        lambda: telefon("00-12345"),
        "riktnumret i telefonnumret '00-12345' ska börja med 0 och ha 2–4 siffror, "
        "till exempel 08, 010 eller 0159",
        "00 är utlandsprefix",
    ),
    case(
        lambda: telefon("08-1234"),
        "telefonnumret '08-1234' har 4 siffror efter riktnumret – det ska vara 5–8",
        "för kort",
    ),
    case(
        lambda: telefon("08-123456789"),
        "telefonnumret '08-123456789' har 9 siffror efter riktnumret – det ska vara 5–8",
        "för långt",
    ),
    case(
        lambda: telefon("0851926451"),
        "telefonnumret '0851926451' saknar markerat riktnummer – skriv det med bindestreck "
        "efter riktnumret, till exempel 010-140 77 10",
        "omarkerat 8 siffror",
    ),
    case(
        lambda: telefon("08 519 264 51"),
        "telefonnumret '08 519 264 51' saknar markerat riktnummer – skriv det med bindestreck "
        "efter riktnumret, till exempel 010-140 77 10",
        "omarkerat 08 med mellanslag",
    ),
    case(
        lambda: telefon("0771123456"),
        "telefonnumret '0771123456' saknar markerat riktnummer – skriv det med bindestreck "
        "efter riktnumret, till exempel 010-140 77 10",
        "omarkerat 0771",
    ),
    case(
        lambda: telefon("+46 8 519 264 51 2"),
        "telefonnumret '+46 8 519 264 51 2' har 9 siffror efter riktnumret – det ska vara 5–8",
        "för långt +46",
    ),
    case(
        lambda: telefon("0159-1234"),
        "telefonnumret '0159-1234' har 4 siffror efter riktnumret – det ska vara 5–8",
        "för kort 0159",
    ),
    case(lambda: telefon(84051000), "telefonnumret måste vara text, inte 84051000", "telefon(int)"),
    case(
        lambda: telefon_uri("0101407710"),
        "telefonnumret '0101407710' saknar markerat riktnummer – skriv det med bindestreck "
        "efter riktnumret, till exempel 010-140 77 10",
        "uri omarkerat",
    ),
    case(
        lambda: telefon_uri("0851926451"),
        "telefonnumret '0851926451' saknar markerat riktnummer – skriv det med bindestreck "
        "efter riktnumret, till exempel 010-140 77 10",
        "uri omarkerat 8 siffror",
    ),
    case(lambda: lan("Skåån"), "okänt län: 'Skåån' – menade du 'Skåne'?", "lan förslag"),
    case(lambda: lan("Vermland"), "okänt län: 'Vermland' – menade du 'Värmland'?", "lan förslag 2"),
    case(lambda: lan("vastra-gotlaand"), "okänt län: 'vastra-gotlaand' – menade du 'Västra Götaland'?", "lan förslag slug"),
    case(lambda: lan("Stokholm"), "okänt län: 'Stokholm' – menade du 'Stockholms län'?", "lan förslag seat"),
    case(
        lambda: lan("Atlantis"),
        "okänt län: 'Atlantis' – ange länskod, namn eller kortnamn, till exempel '12' eller 'Skåne'",
        "lan utan förslag",
    ),
    case(
        lambda: lan("02"),
        "okänt län: '02' – ange länskod, namn eller kortnamn, till exempel '12' eller 'Skåne'",
        "lan kod som saknas",
    ),
    case(lambda: kommun("Landskorna"), "okänd kommun: 'Landskorna' – menade du 'Landskrona'?", "kommun förslag"),
    case(
        lambda: kommun("Helsinborgs stad"),
        "okänd kommun: 'Helsinborgs stad' – menade du 'Helsingborg'?",
        "kommun förslag officiellt namn",
    ),
    case(
        lambda: kommun("Atlantis"),
        "okänd kommun: 'Atlantis' – ange kommunkod eller kommunnamn, till exempel '1282' eller 'Landskrona'",
        "kommun utan förslag",
    ),
    case(
        lambda: kommun("9999"),
        "okänd kommun: '9999' – ange kommunkod eller kommunnamn, till exempel '1282' eller 'Landskrona'",
        "kommun okänd kod",
    ),
    case(lambda: slug("!!!"), "kan inte skapa en slug av '!!!' – texten saknar bokstäver och siffror", "slug tom"),
    case(lambda: slug(""), "kan inte skapa en slug av '' – texten saknar bokstäver och siffror", "slug ''"),
]


@pytest.mark.parametrize(("call", "message"), ERRORS)
def test_error_messages(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value) == message


@pytest.mark.parametrize("key, expected", [
    ("skane", "i Skåne"),
    ("gotland", "på Gotland"),
    ("01", "i Stockholms län"),
    ("Västra Götalands län", "i Västra Götaland"),
])
def test_i_lan(key, expected):
    assert sv.i_lan(key) == expected


@pytest.mark.parametrize("name, expected", [
    ("Delmos", "Delmos"), ("Skåne", "Skånes"), ("Linux", "Linux"), ("Boliden", "Bolidens"), ("Berlioz", "Berlioz"),
])
def test_genitiv(name, expected):
    assert sv.genitiv(name) == expected


def test_genitiv_empty():
    with pytest.raises(ValueError, match="genitiv av en tom text"):
        sv.genitiv("")


@pytest.mark.parametrize("n, expected", [(0, "0"), (7, "7"), (1500, "1\xa0500"), (250_000_000, "250\xa0000\xa0000")])
def test_siffror(n, expected):
    assert sv.siffror(n) == expected


@pytest.mark.parametrize("belopp, expected", [
    (25_000_000, "25"), (25_300_000, "25,3"), (25_349_999, "25,3"), (25_350_000, "25,4"),  # halves up
    (450_000, "0,45"), (44_999, "0,04"), (1_000_000, "1"), (999_999, "1"), (0, "0"),
    (1_250_000_000, "1\xa0250"),
])
def test_miljoner(belopp, expected):
    assert sv.miljoner(belopp) == expected


def test_miljoner_refuses_negative():
    with pytest.raises(ValueError):
        sv.miljoner(-1)


# ---------------------------------------------------------------------------
# Dates after a preposition and open periods (a call for applications)
# ---------------------------------------------------------------------------

CET = sv.STOCKHOLM
DATES_IN_TEXT = [
    case(lambda: sv.den(date(2025, 4, 30)), "den 30 april 2025", "den"),
    case(lambda: sv.den(date(2025, 4, 30), ar=False), "den 30 april", "den utan år"),
    case(lambda: sv.den(datetime(2025, 4, 3, 12, 0, tzinfo=CET), tid=True), "den 3 april 2025 kl. 12.00", "den med tid"),
    case(lambda: sv.den(datetime(2025, 10, 14, 9, 30, tzinfo=CET), ar=False, tid=True), "den 14 oktober kl. 9.30",
         "den utan år med tid"),
    # 23.30 UTC on 30 April is 1.30 on 1 May in Stockholm: the Swedish day and time
    case(lambda: sv.den(datetime(2025, 4, 30, 23, 30, tzinfo=UTC), tid=True), "den 1 maj 2025 kl. 1.30", "den UTC"),
    case(lambda: sv.period(datetime(2025, 3, 2, 8, 0, tzinfo=CET), datetime(2025, 4, 3, 12, 0, tzinfo=CET)),
         "från den 2 mars till den 3 april 2025 kl. 12.00", "period samma år"),
    case(lambda: sv.period(date(2025, 3, 2), datetime(2025, 4, 3, 12, 0, tzinfo=CET)),
         "från den 2 mars till den 3 april 2025 kl. 12.00", "period från ett datum"),
    case(lambda: sv.period(datetime(2024, 12, 16, 8, 0, tzinfo=CET), datetime(2025, 1, 31, 23, 59, tzinfo=CET)),
         "från den 16 december 2024 till den 31 januari 2025 kl. 23.59", "period över årsskiftet"),
    # the opening year is Stockholm's: 23.30 UTC on 31 December is already 2025 in Sweden
    case(lambda: sv.period(datetime(2024, 12, 31, 23, 30, tzinfo=UTC), datetime(2025, 2, 1, 12, 0, tzinfo=CET)),
         "från den 1 januari till den 1 februari 2025 kl. 12.00", "period årsskifte i UTC"),
]


@pytest.mark.parametrize(("call", "expected"), DATES_IN_TEXT)
def test_dates_in_running_text(call, expected):
    assert call() == expected


@pytest.mark.parametrize(("call", "message"), [
    case(lambda: sv.den(date(2025, 4, 3), tid=True),
         "datetime.date(2025, 4, 3) är inte en tidpunkt – ange en datetime med datum och klockslag", "den tid på ett datum"),
    case(lambda: sv.period(date(2025, 3, 2), date(2025, 4, 3)),
         "datetime.date(2025, 4, 3) är inte en tidpunkt – ange en datetime med datum och klockslag", "period slut utan tid"),
    case(lambda: sv.den("2025-04-03"), "'2025-04-03' är inte ett datum – ange en date eller datetime", "den(str)"),
])
def test_date_in_text_errors(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value) == message


def test_every_public_name_is_its_modules_and_imported_only_when_asked_for():
    """sv's names are imported from their modules on first use (sv/__init__.py's __getattr__):
    each is the module's own object, FILTERS lists the template helpers, and a fresh process
    that asks for ``tal`` does not import places, dates or amounts."""
    import ast
    import importlib
    import subprocess
    import sys
    from pathlib import Path

    for module, names in sv._MODULES.items():
        real = importlib.import_module(f"pressrum.sv.{module}")
        for name in names:
            assert getattr(sv, name) is getattr(real, name), name
    assert set(sv.__all__) == {*sv._MODULE_OF, "FILTERS"}
    assert sv.FILTERS == {name: getattr(sv, name) for name in sv._FILTER_NAMES}
    assert set(sv.FILTERS) <= set(sv.__all__) and "tal" in dir(sv)
    with pytest.raises(AttributeError):
        sv.no_such_name  # noqa: B018
    script = ("import sys\nfrom pressrum import sv\nsv.tal(3)\n"
              "print(sorted(m for m in sys.modules if m.startswith('pressrum.sv.')))")
    root = Path(sv.__file__).resolve().parents[2]  # this checkout's package, not an installed one
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            cwd=root).stdout
    assert ast.literal_eval(loaded) == ["pressrum.sv.engine", "pressrum.sv.messages", "pressrum.sv.numbers"]


@pytest.mark.parametrize("lanet", sv.alla_lan(), ids=lambda lanet: lanet.slug)
def test_a_county_pickled_is_the_same_county_object_unpickled(lanet):
    """Worker processes send results naming counties thousands of times: each arrives as the
    one object of that county, not as a copy."""
    import pickle

    data = pickle.dumps(lanet)
    assert pickle.loads(data) is lanet
    assert len(data) < 80  # by its code, not its four fields


def test_a_county_not_among_the_21_is_pickled_by_its_fields():
    import pickle

    from pressrum.sv.places import Lan

    made = Lan("12", "Påhittat län", "Påhittat", "pahittat")  # the code of Skåne, other fields
    back = pickle.loads(pickle.dumps(made))
    assert back == made and back is not sv.lan("12")
