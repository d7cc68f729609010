"""Pictures taken from the output instead of drawn again (``pressrum/pictures.py``).

The fast path (:class:`pictures.Kept`) against its reference (drawing): the same bytes in every
case, the file taken only when the last build drew it from the same values and it is still as
that build wrote it; and, in cached rebuilds, an edit that changes no picture draws none, one
that changes some draws exactly those, and the output is byte for byte a full build's.
"""
from __future__ import annotations

import pickle
import shutil

import pytest

from pressrum import pictures
from pressrum.images import cards, county_png
from pressrum.output import digest
from test_cache import Workspace, edit_figure, edit_quote, files, generated  # noqa: F401 - generated: a fixture
from conftest import TEMPLATES

DRAWN = b"\x89PNG drawn now"
ON_DISK = b"\x89PNG written by the last build"
KEY = pictures.key_of("card", "Rubrik", "Skåne län", "Delmos", "press.delmos.se")

# (what the last build left: key, digest and the file's bytes, or None for no file; the key
# asked for; whether the file is taken)
KEPT_CASES = [
    ("the same values, the file as written", (KEY, digest(ON_DISK), ON_DISK), KEY, True),
    ("other values", (KEY, digest(ON_DISK), ON_DISK), pictures.key_of("card", "Annan rubrik"), False),
    ("the file changed since", (KEY, digest(ON_DISK), ON_DISK + b"!"), KEY, False),
    ("the file gone", (KEY, digest(ON_DISK), None), KEY, False),
    ("nothing kept for the path", None, KEY, False),
]


@pytest.mark.parametrize("case, kept, key, taken", KEPT_CASES, ids=[c[0] for c in KEPT_CASES])
def test_kept_takes_the_file_only_when_drawn_alike_and_unchanged(tmp_path, case, kept, key, taken):
    rel = "2021/beslut/skane/delning.png"
    known = {}
    if kept is not None:
        old_key, old_digest, data = kept
        known[rel] = (old_key, old_digest)
        if data is not None:
            (tmp_path / rel).parent.mkdir(parents=True)
            (tmp_path / rel).write_bytes(data)
    calls = []

    def draw():
        calls.append(1)
        return DRAWN

    got = pictures.Kept(tmp_path, known).picture(rel, key, draw)
    assert (bytes(got), len(calls)) == ((ON_DISK, 0) if taken else (DRAWN, 1))
    assert got.key == key
    reference = pictures.Drawn().picture(rel, key, lambda: DRAWN)
    assert (bytes(reference), reference.key) == (DRAWN, key)


@pytest.mark.parametrize("other", [
    ("card", "Rubrik", "Skåne län", "Delmos", "press.delmos.se "),
    ("card", "Rubrik", "Skåne", "Delmos", "press.delmos.se"),
    ("card", "rubrik", "Skåne län", "Delmos", "press.delmos.se"),
    ("county graphic", "Rubrik", "Skåne län", "Delmos", "press.delmos.se"),
    ("card", "Rubrik", "Skåne län", "Delmos"),
])
def test_a_key_changes_with_every_value(other):
    assert pictures.key_of(*other) != KEY


def test_a_picture_keeps_its_key_through_pickle():
    """Round results cross from worker processes to the main one pickled."""
    again = pickle.loads(pickle.dumps(pictures.Picture(b"png", "abc")))
    assert (bytes(again), again.key, type(again)) == (b"png", "abc", pictures.Picture)


@pytest.fixture
def site(tmp_path, generated, monkeypatch):  # noqa: F811 - generated: the fixture imported above
    """A private copy of the generated newsroom, built once with the cache, in this process."""
    monkeypatch.delenv("PRESSRUM_CACHE", raising=False)
    monkeypatch.setenv("PRESSRUM_WORKERS", "1")  # draws counted here, not in worker processes
    content, templates = tmp_path / "content", tmp_path / "templates"
    shutil.copytree(generated, content)
    shutil.copytree(TEMPLATES, templates)
    ws = Workspace(tmp_path, content, templates, monkeypatch)
    ws.build()
    return ws


def _count_draws(monkeypatch) -> list[str]:
    """The pictures the next builds draw: "card <headline>" and "graphic <round>"."""
    drawn: list[str] = []
    card, graphic = cards.card, county_png._drawn

    def counted_card(title, *rest):
        drawn.append(f"card {title}")
        return card(title, *rest)

    def counted_graphic(g, credit):
        drawn.append(f"graphic {g.heading}")
        return graphic(g, credit)

    monkeypatch.setattr(cards, "card", counted_card)
    monkeypatch.setattr(county_png, "_drawn", counted_graphic)
    return drawn


def test_an_edit_that_changes_no_picture_draws_none(site, monkeypatch):
    drawn = _count_draws(monkeypatch)
    edit_quote(site)
    site.build()
    assert drawn == []
    assert files(site.out) == site.full_build()


def test_an_edit_of_a_figure_draws_again_what_it_changes_and_only_that(site, monkeypatch):
    before = files(site.out)
    drawn = _count_draws(monkeypatch)
    edit_figure(site)
    site.build()
    after = files(site.out)
    changed = sorted(rel for rel in after if rel.endswith(".png") and after[rel] != before.get(rel))
    # Skåne's count is in its headline, and in the round's graphic.
    assert f"{site.round.name}/beslut/skane/delning.png" in changed
    assert f"{site.round.name}/{county_png.FILE_NAME}" in changed
    assert len(drawn) == len(changed) < sum(rel.endswith(".png") for rel in after) // 2
    assert after == site.full_build()


def test_a_picture_changed_in_the_output_is_drawn_again(site, monkeypatch):
    card = next(p for p in sorted(site.out.rglob("delning.png")))
    right = card.read_bytes()
    card.write_bytes(right[:-1] + b"\0")
    drawn = _count_draws(monkeypatch)
    edit_quote(site)
    site.build()
    assert len(drawn) == 1 and drawn[0].startswith("card ")
    assert card.read_bytes() == right
    assert files(site.out) == site.full_build()
