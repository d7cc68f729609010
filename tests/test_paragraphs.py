"""Every paragraph an editor writes is placed (issue 13): a paragraph the template names stands
where it is named, every other one in the order the editor wrote it at the template's general
place (``ovriga_stycken()``), so another agency needs no borrowed paragraph names.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from conftest import FIXTURES, NOW, TEMPLATES, run_cli
from pressrum.plan import NATIONAL
from pressrum.render import _Slots

VOCABULARY = FIXTURES / "vocabulary" / "content"

# Written in this order; "fakta" is a name the national decision template places in its fact box.
NATIONAL_PARAGRAPHS = {
    "fakta": "Stödet söks en gång om året.",
    "bakgrund": "Många sjöar i södra Sverige är övergödda.",
    "skargarden": "I skärgården går pengarna till\nnya reningsverk.",
    "uppfoljning": "Alla projekt följs upp efter två år.",
}
LOCAL_PARAGRAPHS = {
    "atran": "Ätran är en av Hallands största åar.",
    "nasta-steg": "Nästa steg är att mäta vattnet varje månad.",
}


def _yaml_block(paragraphs: dict[str, str], indent: str) -> str:
    lines = [f"{indent}stycken:"]
    for key, text in paragraphs.items():
        lines.append(f"{indent}  {key}: >")
        lines.extend(f"{indent}    {line}" for line in text.splitlines())
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("paragraphs")
    content = root / "content"
    shutil.copytree(VOCABULARY, content)
    round_yaml = content / "rounds/2025/round.yaml"
    round_yaml.write_text(round_yaml.read_text(encoding="utf-8") + _yaml_block(NATIONAL_PARAGRAPHS, "    "),
                          encoding="utf-8")
    halland = content / "rounds/2025/lan/halland.yaml"
    halland.write_text(halland.read_text(encoding="utf-8") + _yaml_block(LOCAL_PARAGRAPHS, ""), encoding="utf-8")
    out = root / "releases"
    code, _, stderr = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES),
                              "--out", str(out), "--now", NOW)
    assert code == 0, stderr
    return out


def _positions(text: str, paragraphs: dict[str, str]) -> list[int]:
    """Where each paragraph stands in ``text`` (as one block), after checking it stands there once."""
    out = []
    for value in paragraphs.values():
        block = " ".join(value.split())
        assert text.count(block) == 1, (block, text)
        out.append(text.index(block))
    return out


def test_every_national_paragraph_appears_once_named_ones_where_named(built):
    text = (built / "2025/beslut/index.md").read_text(encoding="utf-8")
    fakta, *others = _positions(text, NATIONAL_PARAGRAPHS)
    assert others == sorted(others)  # in the order written
    body, fact_box = text.split("\n## Om stödet\n", 1)
    assert NATIONAL_PARAGRAPHS["fakta"] in fact_box  # the named paragraph stands in the fact box ...
    assert fakta > max(others)  # ... after the others, though written first
    assert all(" ".join(NATIONAL_PARAGRAPHS[k].split()) in body for k in ("bakgrund", "skargarden", "uppfoljning"))
    # each is a paragraph of its own, before the totals
    assert "\n\nMånga sjöar i södra Sverige är övergödda.\n\nI skärgården går pengarna till nya reningsverk.\n\n" \
           "Alla projekt följs upp efter två år.\n\nTotalt kom " in body


def test_every_local_paragraph_appears_once_in_order(built):
    text = (built / "2025/beslut/halland/index.md").read_text(encoding="utf-8")
    positions = _positions(text, LOCAL_PARAGRAPHS)
    assert positions == sorted(positions)
    assert positions[-1] < text.index("nationella pressmeddelande")  # before the national round-up


def test_the_plain_text_has_them_too(built):
    text = (built / "2025/beslut/index.txt").read_text(encoding="utf-8")
    assert "Alla projekt följs upp efter två år." in text


def _slots(paragraphs: dict[str, str], quotes=()) -> _Slots:
    announcement = SimpleNamespace(quotes=quotes, paragraphs=paragraphs, key="beslut")
    spec = SimpleNamespace(scope=NATIONAL, announcement=announcement, county=None, template="t.md.j2", source=None)
    return _Slots(spec, "Myndigheten")


def _render(source: str, slots: _Slots) -> str:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    text = env.from_string(source).render(stycke=slots.stycke, ovriga_stycken=slots.ovriga_stycken, citat=slots.citat)
    (filled,) = slots.fill(text)
    return filled


def test_the_general_place_does_not_depend_on_where_names_come():
    slots = _slots({"a": "A.", "b": "B.", "c": "C."})
    assert _render("{{ ovriga_stycken() }}|{{ stycke('b') }}|{{ ovriga_stycken() }}", slots) == "A.\nC.|B.|"
    assert slots.problems() == []


def test_a_named_paragraph_the_template_skips_goes_to_the_general_place():
    slots = _slots({"a": "A.", "b": "B."})
    assert _render("{% if false %}{{ stycke('b') }}{% endif %}[{{ ovriga_stycken() }}]", slots) == "[A.\nB.]"
    assert slots.problems() == []


def _quote(after: str, name: str = "Alva Sjöberg", text: str = "Det här gör skillnad"):
    from pressrum.release_models import Quote
    return Quote.model_validate({"text": text, "namn": name, "titel": "generaldirektör", "efter": after})


def test_a_quote_after_an_editors_own_paragraph_follows_it():
    slots = _slots({"bakgrund": "Bakgrund.", "skargarden": "Skärgården."}, quotes=(_quote("bakgrund"),))
    assert _render("[{{ ovriga_stycken() }}]", slots) == (
        "[Bakgrund.\n– Det här gör skillnad, säger Alva Sjöberg, generaldirektör på Myndigheten.\nSkärgården.]")
    assert slots.problems() == []


def test_the_speaker_is_introduced_once_whether_the_template_or_a_paragraph_places_the_quote():
    slots = _slots({"bakgrund": "Bakgrund."}, quotes=(_quote("ingress", text="Först"), _quote("bakgrund", text="Sedan")))
    assert _render("{{ citat('ingress') }}|{{ ovriga_stycken() }}", slots) == (
        "– Först, säger Alva Sjöberg, generaldirektör på Myndigheten.|Bakgrund.\n– Sedan, säger Alva Sjöberg.")


def test_a_quote_after_a_paragraph_without_a_general_place_is_located():
    from pressrum.sources import Source
    slots = _slots({"bakgrund": "Bakgrund."}, quotes=(_quote("bakgrund"),))
    slots.spec.source = Source(Path("round.yaml"), "round.yaml", {})
    _render("{{ stycke('bakgrund') }}", slots)
    (problem,) = slots.problems()
    assert problem.message == "citatet ska stå efter 'bakgrund', men mallen t.md.j2 har inget sådant ställe"
