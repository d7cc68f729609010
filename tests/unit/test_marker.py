"""The output's marker: each line naming a published release is json.dumps([path, headline])."""
from __future__ import annotations

import json

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
