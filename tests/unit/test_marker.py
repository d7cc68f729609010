"""The output's marker: each line naming a published release is json.dumps([path, headline])."""
from __future__ import annotations

import json

import pytest

from pressrum import output_marker


TITLES = ["Rubrik", 'Citat: "så"', "bak\\snedstreck", "rad\nbrytning\ttab\x01", "Åäö – ”pratminus”", "\u2028\u2029",
          "", "[\"], [\"", "emoji 🎉"]


def test_the_marker_lines_are_json_dumps_of_path_and_headline(tmp_path):
    """The marker's lines (written with the JSON encoder's quoting) against json.dumps per line."""
    published = [(f"2021/beslut/{i}", title) for i, title in enumerate(TITLES)] + [("2021/beslut/0", TITLES[0])]
    reference = output_marker.MARKER_TEXT + b"".join(
        output_marker.PUBLISHED + json.dumps([path, title], ensure_ascii=False).encode("utf-8") + b"\n"
        for path, title in sorted(set(published)))
    assert output_marker.marker_bytes(False, published) == reference
    (tmp_path / output_marker.MARKER).write_bytes(reference)
    assert [(p, t) for _, p, t in output_marker.published_before(tmp_path)] == sorted(set(published))


@pytest.mark.parametrize("seed", range(30))
def test_the_marker_is_the_sorted_set_of_its_pairs_whatever_repeats(seed):
    """marker_bytes against the reference (the sorted set of the pairs, json.dumps per line)
    with paths unique, repeated with the same headline and repeated with another, in any order."""
    import random

    rng = random.Random(seed)
    paths = [f"{rng.choice(['2020', '2021', '2021-2'])}/{rng.choice(['beslut', 'utlysning'])}/{i}" for i in range(60)]
    published = [(path, rng.choice(TITLES)) for path in paths]
    if seed % 3 == 1:  # a path again, same headline
        published += rng.sample(published, 5)
    elif seed % 3 == 2:  # a path again, another headline
        published += [(path, title + " igen") for path, title in rng.sample(published, 5)]
    rng.shuffle(published)
    reference = output_marker.MARKER_TEXT + b"".join(
        output_marker.PUBLISHED + json.dumps([path, title], ensure_ascii=False).encode("utf-8") + b"\n"
        for path, title in sorted(set(published)))
    assert output_marker.marker_bytes(False, iter(published)) == reference
