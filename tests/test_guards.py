"""Guards against plausible mistakes that used to publish silently (issue 18, item 7).

Each as the editor meets it: ``python build.py`` in a subprocess, the exact Swedish output
compared with a golden file (``tests/golden/broken/`` for the broken-content cases of
``tests/broken/cases.py``, ``tests/golden/guards/`` for the others), and the output folder
hashed before and after a refused build.

* a copied round (last year's ``år`` and publication times) – with the build cache on and off;
* a round folder named like a newsroom-level path (``lan``, ``tillganglighet``);
* amounts above the whole state budget, in round.yaml and in beviljade.csv;
* the decision's money (typed, or the recipient list's total) above ``medel``, and per scheme;
* a build that would take away releases an earlier build into the same folder published.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from broken.cases import materialize
from conftest import CONTENT, FIXTURES, MULTI, NOW, ROOT, TEMPLATES
from pressrum import output_marker, pipeline
from pressrum.content import round_names
from pressrum.options import Options

KINDS = FIXTURES / "kinds" / "content"
EARLIER = "2021-05-17T09:00"  # an hour before the bundled decision was published

GUARD_CASES = ("omgang-kopierad", "omgang-kopierad-samma-tid", "omgang-heter-lan", "omgang-heter-tillganglighet",
               "belopp-over-statsbudgeten", "csv-belopp-over-statsbudgeten", "beslut-over-medel")


def cli(*args: str, cwd: Path, cache: bool = True) -> tuple[int, str, str]:
    """``python build.py ARGS`` in a subprocess in ``cwd``, with the build cache on or off."""
    env = {**os.environ, "PRESSRUM_CACHE": "1" if cache else "0"}
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env=env)
    return proc.returncode, proc.stdout, proc.stderr


def tree(folder: Path) -> dict[str, str]:
    """Every file of a folder (the marker included) by path, as a hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def project(tmp_path: Path, content: Path) -> Path:
    """A working folder with a copy of ``content`` (the output goes beside it, to releases/)."""
    shutil.copytree(content, tmp_path / "content")
    return tmp_path


# --- broken content: the command in a subprocess, a good build left as it was ----------------------------------


@pytest.mark.parametrize("name", GUARD_CASES)
def test_guard_case_is_refused_in_a_subprocess_and_the_site_kept(name, tmp_path, golden):
    materialize(name, tmp_path)
    code, _, err = cli("build", "--content", str(CONTENT), "--out", "releases", "--now", NOW, cwd=tmp_path)
    assert code == 0, err  # the good site the mistake must not reach
    before = tree(tmp_path / "releases")
    code, out, err = cli("check", "--now", NOW, cwd=tmp_path)
    assert (code, out) == (1, "")
    golden(f"broken/{name}.txt", err)
    code, out, err = cli("build", "--now", NOW, cwd=tmp_path)
    assert (code, out) == (1, "")
    golden(f"broken/{name}.txt", err)  # build says exactly what check says
    assert tree(tmp_path / "releases") == before


# --- a copied round, with the build cache on and off -------------------------------------------------------------


def _copy_round(work: Path, name: str, to: str) -> None:
    shutil.copytree(work / "content" / "rounds" / name, work / "content" / "rounds" / to)


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_a_copied_round_is_refused_whether_or_not_the_rounds_are_reused(cache, tmp_path, golden):
    work = project(tmp_path, MULTI)
    args = ("build", "--templates", str(TEMPLATES), "--now", NOW)
    code, _, err = cli(*args, cwd=work, cache=cache)
    assert code == 0, err
    before = tree(work / "releases")
    _copy_round(work, "2023", "2024")  # the cache has 2022 and 2023: only the copy is built
    code, out, err = cli(*args, cwd=work, cache=cache)
    assert (code, out) == (1, "")
    golden("guards/omgang-kopierad-cache.txt", err)
    assert tree(work / "releases") == before
    assert cli(*args, cwd=work, cache=cache)[2] == err  # and again: nothing was remembered as good


def test_a_copy_sorted_first_names_the_original_and_the_copy(tmp_path, golden):
    work = project(tmp_path, MULTI)
    _copy_round(work, "2023", "2021")  # the copy comes first by folder name
    code, out, err = cli("check", "--templates", str(TEMPLATES), "--now", NOW, cwd=work)
    assert (code, out) == (1, "")
    golden("guards/omgang-kopierad-forst.txt", err)


def test_two_rounds_of_one_year_with_their_own_labels_and_times_build(tmp_path):
    work = project(tmp_path, MULTI)
    _copy_round(work, "2023", "2023-host")
    path = work / "content" / "rounds" / "2023-host" / "round.yaml"
    text = path.read_text(encoding="utf-8").replace("år: 2023\n", "år: 2023\netikett: hösten 2023\n", 1)
    path.write_text(re.sub(r"2023-02-1([45])", r"2023-10-1\1", text), encoding="utf-8")
    code, _, err = cli("build", "--templates", str(TEMPLATES), "--now", NOW, cwd=work)
    assert code == 0, err
    assert (work / "releases" / "2023-host" / "beslut" / "index.html").is_file()


def test_the_corrected_copy_builds_as_from_scratch(tmp_path):
    """After the fix the cached build is byte for byte a build from scratch."""
    work = project(tmp_path, MULTI)
    args = ("build", "--templates", str(TEMPLATES), "--now", NOW)
    assert cli(*args, cwd=work)[0] == 0
    _copy_round(work, "2023", "2024")
    assert cli(*args, cwd=work)[0] == 1
    path = work / "content" / "rounds" / "2024" / "round.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2023", "2024"), encoding="utf-8")
    code, _, err = cli(*args, cwd=work)
    assert code == 0, err
    code, _, err = cli(*args, "--out", "fresh", cwd=work, cache=False)
    assert code == 0, err
    assert tree(work / "releases") == tree(work / "fresh")
    assert (work / "releases" / "2024" / "beslut" / "index.html").is_file()


# --- reserved names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [CONTENT, MULTI], ids=["bundled", "multi"])
def test_every_newsroom_level_file_is_under_a_reserved_name(content, tmp_path):
    from pressrum import layout  # here: on main the module does not exist, and only this test needs it

    files, _, _ = pipeline.render_site(Options(content, TEMPLATES, tmp_path / "out", datetime.fromisoformat(NOW).replace(tzinfo=ZoneInfo("Europe/Stockholm"))))
    rounds = set(round_names(content))
    tops = {path.split("/")[0] for path in files if path.split("/")[0] not in rounds}
    assert tops <= layout.RESERVED
    if content == MULTI:  # counties, feeds, every page: the list is exactly what is written
        assert tops == layout.RESERVED


# --- amounts ---------------------------------------------------------------------------------------------------


def _kinds_with(tmp_path: Path, edits: dict[str, tuple[tuple[str, str], ...]]) -> Path:
    work = project(tmp_path, KINDS)
    for rel, pairs in edits.items():
        path = work / "content" / "rounds" / "2024" / rel
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, old
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    return work


def test_an_amount_of_ten_to_the_fifteen_in_the_list_is_refused(tmp_path, golden):
    """Main published it as "1 000 000 miljarder kronor"."""
    work = _kinds_with(tmp_path, {"beviljade.csv": (("Malmö stad;kommun;Malmö;12 000 000;",
                                                     "Malmö stad;kommun;Malmö;1 000 000 000 000 000;"),)})
    code, out, err = cli("build", "--templates", str(TEMPLATES), "--now", NOW, cwd=work)
    assert (code, out) == (1, "")
    golden("guards/csv-belopp-10-upphojt-till-15.txt", err)
    assert not (work / "releases").exists()


def test_the_recipient_list_above_the_rounds_and_the_schemes_money(tmp_path, golden):
    work = _kinds_with(tmp_path, {"round.yaml": (("medel: 245000000", "medel: 30000000"),
                                                 ("    medel: 85000000", "    medel: 10000000"),
                                                 ("    medel: 160000000", "    medel: 20000000"))})
    code, out, err = cli("build", "--templates", str(TEMPLATES), "--now", NOW, cwd=work)
    assert (code, out) == (1, "")
    golden("guards/beviljade-over-medel.txt", err)
    assert not (work / "releases").exists()


def test_the_list_within_the_money_builds(tmp_path):
    """The bound is the money stated: exactly the rows' total is fine (26 000 000 for eftersatta)."""
    work = _kinds_with(tmp_path, {"round.yaml": (("medel: 245000000", "medel: 111000000"),
                                                 ("    medel: 160000000", "    medel: 26000000"))})
    code, _, err = cli("check", "--templates", str(TEMPLATES), "--now", NOW, cwd=work)
    assert code == 0, err


# --- taking published releases away ------------------------------------------------------------------------------


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_an_earlier_now_is_refused_unless_the_editor_says_unpublish(cache, tmp_path, golden):
    work = project(tmp_path, CONTENT)
    args = ("build", "--templates", str(TEMPLATES))
    code, _, err = cli(*args, "--now", NOW, cwd=work, cache=cache)
    assert code == 0, err
    before = tree(work / "releases")
    code, out, err = cli(*args, "--now", EARLIER, cwd=work, cache=cache)
    assert (code, out) == (1, "")
    golden("guards/avpublicera-tidigare-now.txt", err)
    assert tree(work / "releases") == before
    code, out, err = cli(*args, "--now", EARLIER, "--unpublish", cwd=work, cache=cache)
    assert (code, err) == (0, "")
    golden("guards/avpublicera-med-flaggan.txt", out)
    assert not (work / "releases" / "2021").exists()
    # What is left is what a build from scratch makes, marker and all; a build as of the same
    # moment now takes nothing away, so it needs no flag.
    assert cli(*args, "--now", EARLIER, "--out", "fresh", cwd=work, cache=False)[0] == 0
    assert tree(work / "releases") == tree(work / "fresh")
    assert cli(*args, "--now", EARLIER, cwd=work, cache=cache)[0] == 0


def test_a_removed_round_is_refused_unless_unpublish(tmp_path, golden):
    work = project(tmp_path, MULTI)
    args = ("build", "--templates", str(TEMPLATES), "--now", NOW)
    assert cli(*args, cwd=work)[0] == 0
    before = tree(work / "releases")
    shutil.rmtree(work / "content" / "rounds" / "2022")
    code, out, err = cli(*args, cwd=work)
    assert (code, out) == (1, "")
    golden("guards/avpublicera-borttagen-omgang.txt", err)
    assert tree(work / "releases") == before
    code, out, err = cli(*args, "--unpublish", cwd=work)
    assert (code, err) == (0, "")
    golden("guards/avpublicera-borttagen-omgang-med-flaggan.txt", out)
    assert not (work / "releases" / "2022").exists()


def test_the_marker_lists_what_is_published_and_no_clock(tmp_path):
    """Same input, same bytes: a build a day later (no content time between) writes the same marker."""
    work = project(tmp_path, CONTENT)
    assert cli("build", "--templates", str(TEMPLATES), "--now", NOW, cwd=work)[0] == 0
    first = (work / "releases" / output_marker.MARKER).read_bytes()
    assert cli("build", "--templates", str(TEMPLATES), "--now", "2026-11-29T12:00", "--out", "later",
               cwd=work, cache=False)[0] == 0
    assert (work / "later" / output_marker.MARKER).read_bytes() == first
    assert first == output_marker.MARKER_TEXT + (
        'publicerat: ["2021/beslut/", "90 aktörer får statsbidrag för arbete mot segregation – flest i Skåne"]\n'
        'publicerat: ["2021/beslut/skane/", "Skåne i topp: 15 aktörer får statsbidrag för arbete mot segregation"]\n'
    ).encode("utf-8")


@pytest.mark.parametrize("headline", ["Nu: utkast: ja", "utkast: ja\n", 'Citat "]\nutkast: ja'])
def test_a_headline_never_makes_a_published_folder_read_as_a_preview(headline, tmp_path):
    out = tmp_path / "releases"
    out.mkdir()
    (out / output_marker.MARKER).write_bytes(output_marker.marker_bytes(False, [("2021/beslut/", headline)]))
    (out / "index.html").write_bytes(b"<p>x</p>")
    assert output_marker.refuse_reason(out) is None  # a publishing build may write here
    assert output_marker.refuse_reason(out, drafts=True) is not None  # a preview may not
    assert output_marker.published_before(out) == ((2, "2021/beslut/", headline),)


def test_a_preview_records_nothing_and_is_never_held_back(tmp_path):
    work = project(tmp_path, CONTENT)
    args = ("build", "--templates", str(TEMPLATES), "--drafts")
    assert cli(*args, "--now", NOW, cwd=work)[0] == 0
    assert (work / "preview" / output_marker.MARKER).read_bytes() == output_marker.MARKER_TEXT + output_marker.DRAFT_LINE
    code, _, err = cli(*args, "--now", EARLIER, cwd=work)
    assert code == 0, err
