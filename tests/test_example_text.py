"""Text marked ``exempeltext: ja`` is never published (issue 15, "never invented").

Every bundled and fixture newsroom is built as published (``--now`` far ahead, so every
release and correction is out) and every file it writes is searched for every text its
content marks as example text. A copy of the bundled content with example text in each place
a flag can be set is refused with one located message per text, and a ``--drafts`` preview of
it shows each text with the visible label, in the HTML and in the .txt and .md versions.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT, run_cli

LATER = "2099-01-01T00:00"  # after every publication and correction time in every newsroom
NEWSROOMS = {
    "bundled": ROOT / "content",
    "kulturradet": ROOT / "examples" / "kulturradet" / "content",
    "kinds": FIXTURES / "kinds" / "content",
    "multi": FIXTURES / "multi" / "content",
    "no-counties": FIXTURES / "no-counties" / "content",
    "vocabulary": FIXTURES / "vocabulary" / "content",
    "embargo": FIXTURES / "embargo",
}
LABEL = "Exempeltext, inte verklig text:"


def _squash(text: str) -> str:
    return " ".join(text.split())


def marked_texts(content: Path) -> list[str]:
    """Every quote text and recipient description the content marks ``exempeltext: ja``."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("exempeltext") in (True, "ja"):
                found.extend(_squash(str(node[k])) for k in ("text", "beskrivning") if node.get(k))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted(content.rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def published_text(out: Path) -> str:
    """Every file a build wrote, as one text with white space squashed (HTML breaks no words)."""
    return "\n".join(_squash(p.read_text(encoding="utf-8", errors="replace")) for p in sorted(out.rglob("*")) if p.is_file())


def with_example_text(tmp_path: Path) -> Path:
    """A copy of the bundled content with example text in every place a flag can be set: a
    national quote (repeated in Skåne's release), a county quote, a recipient description."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    round_file = content / "rounds" / "2021" / "round.yaml"
    text = round_file.read_text(encoding="utf-8")
    text = text.replace("        titel: direktör\n        text: >\n          Segregation",
                        "        titel: direktör\n        exempeltext: ja\n        text: >\n          Segregation", 1)
    round_file.write_text(text, encoding="utf-8")
    skane = content / "rounds" / "2021" / "lan" / "skane.yaml"
    text = skane.read_text(encoding="utf-8")
    text = text.replace("    kommun: Helsingborg\n", "    kommun: Helsingborg\n    exempeltext: ja\n"
                        "    beskrivning: Påhittad beskrivning av vad Hållbart Helsingborg gör.\n", 1)
    text = text.replace("nationella-citat:", "citat:\n  - namn: Anna Andersson\n    titel: samordnare\n"
                        "    exempeltext: ja\n    text: Ett påhittat lokalt citat.\nnationella-citat:", 1)
    skane.write_text(text, encoding="utf-8")
    assert len(marked_texts(content)) == 3
    return content


@pytest.mark.parametrize("name", sorted(NEWSROOMS))
def test_no_published_file_contains_example_text(name, tmp_path):
    content = NEWSROOMS[name]
    out = tmp_path / "out"
    code, _, err = run_cli("build", "--content", str(content), "--out", str(out), "--now", LATER)
    assert (code, err) == (0, ""), err
    published = published_text(out)
    assert published  # the build wrote something to search
    for text in marked_texts(content):
        assert text[:60] not in published, f"{name}: example text published: {text[:60]}"
    assert LABEL not in published


def test_example_text_is_refused_each_text_located(tmp_path):
    content = with_example_text(tmp_path)
    out = tmp_path / "out"
    code, stdout, err = run_cli("build", "--content", "content", "--out", "out", "--now", LATER, cwd=tmp_path)
    assert (code, stdout) == (1, "")
    assert not out.exists()  # nothing is written
    shown = content.relative_to(tmp_path)
    assert err.splitlines() == [
        f"{shown}/rounds/2021/lan/skane.yaml:16:18: beskrivningen av Hållbart Helsingborg är exempeltext och får inte "
        "publiceras – byt den mot en verklig beskrivning och ta bort raden 'exempeltext: ja', eller ta bort beskrivningen",
        f"{shown}/rounds/2021/lan/skane.yaml:24:18: citatet från Anna Andersson är exempeltext och får inte publiceras – "
        "byt det mot ett verkligt citat och ta bort raden 'exempeltext: ja', eller ta bort citatet",
        f"{shown}/rounds/2021/lan/skane.yaml:27:13: det nationella citatet från Anders Kessling som upprepas här är "
        "exempeltext och får inte publiceras – byt det i round.yaml mot ett verkligt citat och ta bort raden "
        "'exempeltext: ja', eller ta bort upprepningen här",
        f"{shown}/rounds/2021/round.yaml:26:22: citatet från Anders Kessling är exempeltext och får inte publiceras – "
        "byt det mot ett verkligt citat och ta bort raden 'exempeltext: ja', eller ta bort citatet",
        "fyra fel i två filer",
    ]


def test_drafts_show_example_text_labelled(tmp_path):
    content = with_example_text(tmp_path)
    out = tmp_path / "preview"
    code, _, err = run_cli("build", "--drafts", "--content", str(content), "--out", str(out), "--now", LATER)
    assert (code, err) == (0, ""), err
    for page in ("2021/beslut/skane/index.txt", "2021/beslut/skane/index.md", "2021/beslut/skane/index.html",
                 "2021/beslut/index.txt"):
        text = _squash((out / page).read_text(encoding="utf-8"))
        label = re.escape("<strong>" + LABEL + "</strong>" if page.endswith(".html") else
                          "**" + LABEL + "**" if page.endswith(".md") else LABEL)
        wanted = ["Segregation handlar om"] + (["Påhittad beskrivning", "Ett påhittat lokalt citat"] if "skane" in page else [])
        for start in wanted:
            assert re.search(label + r" (– )?" + re.escape(start), text), (page, start)
        assert len(re.findall(label, text)) == len(wanted), page  # real text is never labelled


def test_a_national_quote_repeated_by_number(tmp_path):
    """``nationella-citat: [{nummer: 1}]`` prints the national release's first quote in the
    local one, with the speaker's title the first time; the bundled Skåne release does so."""
    out = tmp_path / "out"
    code, _, err = run_cli("build", "--content", str(ROOT / "content"), "--out", str(out), "--now", LATER)
    assert (code, err) == (0, ""), err
    local = (out / "2021" / "beslut" / "skane" / "index.txt").read_text(encoding="utf-8")
    national = yaml.safe_load((ROOT / "content" / "rounds" / "2021" / "round.yaml").read_text(encoding="utf-8"))
    first = _squash(national["tillfällen"]["beslut"]["citat"][0]["text"]).rstrip(".")
    assert f"– {first}, säger Anders Kessling, direktör på Delmos." in _squash(local)
