"""The phrasing helpers the release templates call (pressrum/phrases.py), table by table."""
from __future__ import annotations

import pytest

from pressrum import sv
from pressrum.calls import Cap
from pressrum.facts import CountyCount, Tally, Term
from pressrum.grant_words import Measure
from pressrum.site_models import MeasureWords, Noun
from pressrum.phrases import (aktorer_lista, antal_av, antal_av_samma, antal_ord, belopp, belopp_rubrik, beviljade,
                              beviljade_lista, fran, hogst, matt, rangordning, sokande, tal_samma, ungefar)

KOMMUNER = Term("kommuner", "kommun", "kommuner", "kommuner", "en")
FORBUND = Term("forbund", "förbund", "förbund", "kommunalförbund", "ett")
IDEELLA = Term("ideella", "ideell organisation", "ideella organisationer", "ideella organisationer", "en")


@pytest.mark.parametrize(("counts", "total", "expected"), [
    ((7, 5), 12, ["sju kommuner", "fem ideella organisationer"]),  # all one to twelve: words
    ((9, 6), 15, ["9 kommuner", "6 ideella organisationer"]),  # beside "15 aktörer": digits (N1)
    ((58, 32, 1), 0, ["58 kommuner", "32 ideella organisationer", "1 förbund"]),  # a large part: all digits
    ((1, 1), 2, ["en kommun", "en ideell organisation"]),
    ((1200, 3), 0, ["1\u00a0200 kommuner", "3 ideella organisationer"]),
])
def test_a_list_of_counts_keeps_one_form(counts, total, expected):
    tallies = [Tally(term, n) for term, n in zip((KOMMUNER, IDEELLA, FORBUND), counts)]
    assert aktorer_lista(tallies, total) == expected


@pytest.mark.parametrize(("amount", "word", "expected"), [
    (25_000_000, "drygt", "drygt 25 miljoner kronor"),  # the editor's word, as typed
    (177_000_000, "cirka", "cirka 177 miljoner kronor"),
    (2_900_000, None, "2,9 miljoner kronor"),  # round already: exact
    (6_300_000, None, "6,3 miljoner kronor"),
    (6_312_417, None, "drygt 6,3 miljoner kronor"),  # tenths of a million below ten million
    (6_289_000, None, "knappt 6,3 miljoner kronor"),
    (9_960_000, None, "9,96 miljoner kronor"),  # two decimals are still a round figure
    (9_961_000, None, "knappt tio miljoner kronor"),  # rounds up into the next band: a word
    (26_312_417, None, "drygt 26 miljoner kronor"),  # whole millions below a billion
    (25_850_001, None, "knappt 26 miljoner kronor"),
    (1_351_000_001, None, "knappt 1,4 miljarder kronor"),  # tenths of a billion above
    (1_449_000_000, None, "drygt 1,4 miljarder kronor"),
    (1_350_000_000, None, "1,35 miljarder kronor"),  # round: exact
    (735_412, None, "735\u00a0412 kronor"),  # below a million: every digit
])
def test_headline_amounts(amount, word, expected):
    assert belopp_rubrik(amount, word) == expected


@pytest.mark.parametrize(("amount", "word", "expected"), [
    (25_000_000, "drygt", "drygt 25 miljoner kronor"),
    (26_312_417, None, "26\u00a0312\u00a0417 kronor"),  # running text: exact, never rounded quietly
    (2_900_000, None, "2,9 miljoner kronor"),
])
def test_running_text_amounts(amount, word, expected):
    assert belopp(amount, word) == expected


@pytest.mark.parametrize(("tally", "counts", "expected"), [
    (Tally(KOMMUNER, 31), "mottagare", "31 kommuner"),
    (Tally(KOMMUNER, 1), "mottagare", "en kommun"),
    (Tally(FORBUND, 1), "åtgärder", "ett förbund"),
    (Tally(KOMMUNER, 7), "ansökningar", "sju ansökningar från kommuner"),
    (Tally(FORBUND, 1), "ansökningar", "en ansökan från ett förbund"),
])
def test_what_a_count_stands_for(tally, counts, expected):
    assert beviljade(tally, counts) == expected


@pytest.mark.parametrize(("counts", "stands", "expected"), [
    ((5, 3), "ansökningar", ["fem ansökningar från kommuner", "tre från ideella organisationer"]),  # the noun once (Rep6)
    ((2, 1), "ansökningar", ["två ansökningar från kommuner", "en från en ideell organisation"]),
    ((1, 4), "ansökningar", ["en ansökan från en kommun", "fyra från ideella organisationer"]),
    ((15, 1), "ansökningar", ["15 ansökningar från kommuner", "1 från en ideell organisation"]),  # a part over twelve: digits
    ((1,), "ansökningar", ["en ansökan från en kommun"]),
    ((15, 1), "mottagare", ["15 kommuner", "1 ideell organisation"]),  # actors: as aktorer_lista
    ((7, 5), "åtgärder", ["sju kommuner", "fem ideella organisationer"]),
])
def test_a_list_of_granted_counts_says_its_noun_once(counts, stands, expected):
    tallies = [Tally(term, n) for term, n in zip((KOMMUNER, IDEELLA), counts)]
    assert beviljade_lista(tallies, stands) == expected


AKTOR = Noun.model_validate({"singular": "aktör", "plural": "aktörer", "genus": "en"})
PROJEKT = Noun.model_validate({"singular": "projekt", "plural": "projekt", "genus": "ett"})


@pytest.mark.parametrize(("counts", "noun", "expected", "bare"), [
    ((12, 15), AKTOR, ["12 aktörer", "15 aktörer"], ["12", "15"]),  # "tolv … då 15" was N1
    ((2, 14), AKTOR, ["2 aktörer", "14 aktörer"], ["2", "14"]),
    ((1, 13), PROJEKT, ["1 projekt", "13 projekt"], ["1", "13"]),
    ((4, 9), AKTOR, ["fyra aktörer", "nio aktörer"], ["fyra", "nio"]),  # both one to twelve: words
    ((1, 12), PROJEKT, ["ett projekt", "tolv projekt"], ["ett", "tolv"]),
])
def test_counts_compared_in_one_sentence_keep_one_form(counts, noun, expected, bare):
    assert antal_av_samma(counts, noun) == expected
    assert tal_samma(counts, noun.gender) == bare


ELEVER = MeasureWords.model_validate({"singular": "elev", "plural": "elever",
                                      "mening": "{antal} {plats} får ta del av kulturen."})
TON = MeasureWords.model_validate({"singular": "ton koldioxid per år", "plural": "ton koldioxid per år", "genus": "ett",
                                   "mening": "Utsläppen {plats} minskar med {antal}."})


@pytest.mark.parametrize(("measure", "plats", "expected"), [
    (Measure("elever", ELEVER, 120_000, "cirka"), "i Skåne", "Cirka 120\u00a0000 elever i Skåne får ta del av kulturen."),
    (Measure("elever", ELEVER, 1, None), "i Jämtland", "En elev i Jämtland får ta del av kulturen."),
    (Measure("elever", ELEVER, 9_835, None), "i hela landet", "9\u00a0835 elever i hela landet får ta del av kulturen."),
    (Measure("ton", TON, 12, "drygt"), "i Halland", "Utsläppen i Halland minskar med drygt tolv ton koldioxid per år."),
    (Measure("ton", TON, 1, None), "i Halland", "Utsläppen i Halland minskar med ett ton koldioxid per år."),
])
def test_a_measure_in_its_sentence(measure, plats, expected):
    assert matt(measure, plats) == expected


@pytest.mark.parametrize(("sentence", "message"), [
    ("{antl} får.", "okänt namn 'antl' inom klammerparenteser i meningen"),
    ("Eleverna får ta del.", "meningen saknar platsen för talet"),
])
def test_a_measure_sentence_is_checked(sentence, message):
    with pytest.raises(ValueError, match=message):
        MeasureWords.model_validate({"singular": "elev", "plural": "elever", "mening": sentence})


KOMMUNER_REGIONER = Term("kommuner", "kommun eller region", "kommuner och regioner", "kommuner och regioner", "en")
IDEELLA = Term("ideella", "ideell organisation", "ideella organisationer", "ideella organisationer", "en")


@pytest.mark.parametrize(("terms", "expected"), [
    ((KOMMUNER_REGIONER, IDEELLA), "kommuner, regioner och ideella organisationer"),  # never "… och … och …"
    ((IDEELLA, KOMMUNER_REGIONER), "ideella organisationer, kommuner och regioner"),  # as content orders them
    ((KOMMUNER_REGIONER,), "kommuner och regioner"),
    ((KOMMUNER, FORBUND), "kommuner och förbund"),
    ((IDEELLA,), "ideella organisationer"),
])
def test_who_may_apply(terms, expected):
    assert sokande(terms) == expected


@pytest.mark.parametrize(("cap", "expected"), [
    (Cap(KOMMUNER_REGIONER, 40_000_000), "högst 40 miljoner kronor till kommuner och regioner"),
    (Cap(IDEELLA, 1_500_000), "högst 1,5 miljoner kronor till ideella organisationer"),
    (Cap(FORBUND, 250_000), "högst 250\u00a0000 kronor till förbund"),
])
def test_caps_of_a_call(cap, expected):
    assert hogst(cap) == expected


@pytest.mark.parametrize(("n", "word", "expected"), [
    (400, "över", "över 400 ansökningar"),
    (64, "knappt", "knappt 64 ansökningar"),
    (12, "drygt", "drygt tolv ansökningar"),  # one to twelve in words, with or without a word
    (232, None, "232 ansökningar"),  # no word: exact
    (1, None, "en ansökan"),
    (1_200, "cirka", "cirka 1\u00a0200 ansökningar"),
])
def test_a_count_with_its_rounding_word(n, word, expected):
    assert antal_ord(n, word, "ansökan", "ansökningar") == expected


@pytest.mark.parametrize(("tally", "expected"), [
    (Tally(KOMMUNER, 130), "130 från kommuner"),
    (Tally(KOMMUNER, 130, word="två tredjedelar"), "två tredjedelar från kommuner"),  # the share instead of the figure
    (Tally(KOMMUNER, 100, word="över"), "över 100 från kommuner"),
    (Tally(KOMMUNER, 12, word="drygt"), "drygt tolv från kommuner"),
])
def test_a_part_of_the_applications_as_content_states_it(tally, expected):
    assert fran(tally) == expected


@pytest.mark.parametrize(("tallies", "total", "expected"), [
    ((Tally(KOMMUNER, 95), Tally(IDEELLA, 76, word="drygt")), 171, ["95 kommuner", "drygt 76 ideella organisationer"]),
    ((Tally(KOMMUNER, 95, word="hälften"),), 171, ["hälften kommuner"]),
    ((Tally(KOMMUNER, 7, word="cirka"), Tally(IDEELLA, 5)), 12, ["cirka sju kommuner", "fem ideella organisationer"]),
])
def test_a_list_of_counts_with_their_words(tallies, total, expected):
    assert aktorer_lista(tallies, total) == expected


@pytest.mark.parametrize(("amount", "word", "expected"), [
    (612_400_000, None, "drygt 610 miljoner kronor"),  # rounded by Python, with the word that says which way
    (612_400_000, "cirka", "cirka 612,4 miljoner kronor"),  # typed with a word: as typed
    (64_000_000, "knappt", "knappt 64 miljoner kronor"),
])
def test_a_sought_amount_rounded_or_as_typed(amount, word, expected):
    assert ungefar(amount, word) == expected


def test_a_count_of_a_content_noun_with_its_word():
    aktor = Noun.model_validate({"singular": "aktör", "plural": "aktörer", "genus": "en"})
    assert (antal_av(290, aktor, "omkring"), antal_av(290, aktor), antal_av(1, aktor)) == (
        "omkring 290 aktörer", "290 aktörer", "en aktör")


def _counties(*figures):
    return [CountyCount(sv.lan(slug), n, word) for slug, n, word in figures]


@pytest.mark.parametrize(("figures", "certain", "expected"), [
    ((("stockholm", 60, "över"), ("skane", 55, None), ("vastra-gotaland", 40, None)), True,
     "Flest ansökningar, över 60, kommer från Stockholms län. Därefter följer Skåne med 55 och Västra Götaland med 40."),
    ((("stockholm", 60, None), ("skane", 55, "knappt"), ("vastra-gotaland", 40, None)), True,
     "Flest ansökningar, 60, kommer från Stockholms län. Därefter följer Skåne med knappt 55 och Västra Götaland med 40."),
    # the order is uncertain: the counts without a rank
    ((("stockholm", 60, None), ("skane", 55, "över"), ("vastra-gotaland", 40, None)), False,
     "Från Stockholms län kom 60 ansökningar, från Skåne över 55 och från Västra Götaland 40."),
    ((("stockholm", 60, "cirka"),), False, "Från Stockholms län kom cirka 60 ansökningar."),
])
def test_a_ranking_of_approximate_counts_says_only_what_is_certain(figures, certain, expected):
    assert rangordning(_counties(*figures), "ansökningar", certain) == expected
