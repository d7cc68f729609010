"""``check`` and ``build`` check every release as of every moment it will be published.

A release under embargo (or a correction timed later) is not part of what a build publishes
today, but the build at its time will render it: a mistake in it must stop ``check`` and
``build`` now, located as any other problem, while the output stays exactly as it was (and
nothing of the release leaks before its time: tests/test_embargo.py). The summary lines say
what was checked and waits.

Each case starts from a copy of ``tests/fixtures/embargo`` (a 2022 round published 2022-05-16
10:00, two corrections of the 2021 release on 18 May and 10 June 2021) and of the project's
templates, builds it, then makes one mistake that only a later moment renders.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, TEMPLATES, run_cli

EMBARGO = FIXTURES / "embargo"
BEFORE = "2022-05-16T09:59"  # a minute before the 2022 round's release
AT = "2022-05-16T10:00"
BEFORE_CORRECTIONS = "2021-05-17T12:00"  # the 2021 release is out, neither of its corrections yet

# A release of another kind in the 2022 round, published after the decision.
SEMINAR = """  seminarium:
    typ: nyhet
    publiceras: 2022-09-01 09:00
    rubrik: Delmos bjuder in till seminarium
    ingress: >
      Kommuner och ideella organisationer som fått statsbidrag möts för att dela erfarenheter.
    text: |
      Seminariet hålls i Stockholm.
"""
QUOTE = "      - efter: ingress\n        namn: Embargo Citatsson"
CORRECTION_LINE = "– rättelse: {{ c.text }}</p>"

# id: (now, the later moment that renders the mistake, edits to the good copy (already built),
#      the mistake, the exact problem lines). An edit is (folder, file, text, replacement);
#      text "" appends the replacement.
CASES = {
    "quote-after-a-slot-the-template-lacks": (
        BEFORE, AT, [],
        [("content", "rounds/2022/round.yaml", QUOTE, QUOTE.replace("ingress", "ingenstans"))],
        ["{content}/rounds/2022/round.yaml:16:16: citatet ska stå efter 'ingenstans', men mallen "
         "releases/beslut/nationell.md.j2 har inget sådant ställe – välj ett av: ingress, nytt, totalt"]),
    "unused-paragraph": (  # the house's template places paragraphs by name only (no ovriga_stycken)
        BEFORE, AT,
        [("templates", "releases/beslut/nationell.md.j2", "{{ ovriga_stycken() }}\n", "")],
        [("content", "rounds/2022/round.yaml", "", "      bakgrund: >\n        Ett stycke som mallen inte placerar.\n")],
        ["{content}/rounds/2022/round.yaml:24:7: stycket 'bakgrund' används inte av mallen "
         "releases/beslut/nationell.md.j2 – mallen har plats för fakta, ideella och nytt"]),
    "undefined-name-in-a-template-only-embargoed-releases-use": (
        BEFORE, "2022-09-01T09:00",
        [("content", "rounds/2022/round.yaml", "", SEMINAR)],
        [("templates", "releases/nyhet/nationell.md.j2", "{{ tillfalle.headline }}", "{{ tillfalle.headline }} i {{ plats }}")],
        ["{templates}/releases/nyhet/nationell.md.j2:3: okänt namn i mallen: 'plats' finns inte – rätta stavningen "
         "eller använd ett namn som mallen får (se templates/README.md)"]),
    "correction-timed-later-whose-rendering-fails": (
        BEFORE_CORRECTIONS, "2021-05-18T09:30", [],
        [("templates", "site/release.html.j2", CORRECTION_LINE, CORRECTION_LINE.replace("}}<", "}} {{ c.signatur }}<"))],
        ["{templates}/site/release.html.j2:25: okänt namn i mallen: 'signatur' finns inte i värdet av typen "
         "Correction – rätta stavningen eller använd ett namn som mallen får (se templates/README.md)"]),
}


def copies(tmp_path: Path) -> tuple[Path, Path]:
    content, templates = tmp_path / "innehall", tmp_path / "mallar"
    shutil.copytree(EMBARGO, content)
    shutil.copytree(TEMPLATES, templates)
    return content, templates


def edit(folders: dict[str, Path], edits) -> None:
    for folder, name, text, replacement in edits:
        path = folders[folder] / name
        old = path.read_text(encoding="utf-8")
        assert text == "" or text in old, (name, text)
        path.write_text(old + replacement if text == "" else old.replace(text, replacement, 1), encoding="utf-8")


def tree(root: Path) -> str:
    """A digest of every path and byte under ``root`` (hidden files included)."""
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        h.update(p.relative_to(root).as_posix().encode() + b"\0")
        if p.is_file():
            h.update(p.read_bytes() + b"\0")
    return h.hexdigest()


def cli(command: str, content: Path, templates: Path, now: str, *extra: str) -> tuple[int, str, str]:
    return run_cli(command, "--content", str(content), "--templates", str(templates), "--now", now, *extra)


@pytest.mark.parametrize("case", CASES)
def test_a_mistake_only_a_later_moment_renders_fails_check_and_build_now(tmp_path, case):
    now, later, setup, mistake, lines = CASES[case]
    content, templates = copies(tmp_path)
    folders = {"content": content, "templates": templates}
    edit(folders, setup)
    out = tmp_path / "releases"
    code, _, err = cli("build", content, templates, now, "--out", str(out))
    assert (code, err) == (0, "")
    before = tree(out)
    edit(folders, mistake)
    expected = "".join(line.format(content=content, templates=templates) + "\n" for line in lines)
    expected += "ett fel i en fil\n"
    assert cli("check", content, templates, now) == (1, "", expected)
    assert cli("build", content, templates, now, "--out", str(out)) == (1, "", expected)
    assert tree(out) == before
    # Exactly what the build at the later moment itself reports.
    assert cli("check", content, templates, later) == (1, "", expected)


@pytest.mark.parametrize("now, check_line, build_tail", [
    (BEFORE, "inga fel – fyra pressmeddelanden kan byggas, varav två väntar på publicering (nästa: 16 maj 2022 kl. 10.00, Stockholms län och nationellt)",
     "22 filer i {out}; ytterligare två pressmeddelanden väntar på publicering (nästa: 16 maj 2022 kl. 10.00, Stockholms län och nationellt)"),
    ("2021-06-01T12:00", "inga fel – fyra pressmeddelanden kan byggas, varav två väntar på publicering, och en rättelse "
     "väntar (nästa: 10 juni 2021 kl. 8.15)",
     "22 filer i {out}; ytterligare två pressmeddelanden och en rättelse väntar på publicering (nästa: 10 juni 2021 kl. 8.15)"),
    (BEFORE_CORRECTIONS, "inga fel – fyra pressmeddelanden kan byggas, varav två väntar på publicering, och två rättelser "
     "väntar (nästa: 18 maj 2021 kl. 9.30)",
     "22 filer i {out}; ytterligare två pressmeddelanden och två rättelser väntar på publicering (nästa: 18 maj 2021 kl. 9.30)"),
    (AT, "inga fel – fyra pressmeddelanden kan byggas", "35 filer i {out}"),
])
def test_the_summary_lines_say_what_waits(tmp_path, now, check_line, build_tail):
    assert cli("check", EMBARGO, TEMPLATES, now) == (0, check_line + "\n", "")
    out = tmp_path / "releases"
    published = "4" if now == AT else "2"  # digits, as the 20 or 31 files beside them
    line = f"klart: {published} pressmeddelanden och {build_tail.format(out=out)}\n"
    assert cli("build", EMBARGO, TEMPLATES, now, "--out", str(out)) == (0, line, "")
    assert cli("build", EMBARGO, TEMPLATES, now, "--out", str(out)) == (0, line, "")  # done at once: the same


def test_the_guide_shows_the_real_lines(tmp_path):
    guide = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    _, check_line, _ = cli("check", EMBARGO, TEMPLATES, BEFORE)
    code, build_line, _ = run_cli("build", "--content", str(EMBARGO), "--templates", str(TEMPLATES), "--now", BEFORE,
                                  "--out", "releases", cwd=tmp_path)
    assert code == 0
    for line in (check_line, build_line):
        assert f"`{line.strip()}`" in guide


def test_only_corrections_wait(tmp_path):
    content, templates = copies(tmp_path)
    shutil.rmtree(content / "rounds" / "2022")
    assert cli("check", content, templates, "2021-06-01T12:00") == (
        0, "inga fel – två pressmeddelanden kan byggas, och en rättelse väntar på publicering "
           "(nästa: 10 juni 2021 kl. 8.15)\n", "")


def test_check_json_says_what_waits():
    code, out, err = cli("check", EMBARGO, TEMPLATES, "2021-06-01T12:00", "--format", "json")
    assert (code, err) == (0, "")
    assert out == ('{"problem": [], "pressmeddelanden": 4, "väntar": {"pressmeddelanden": 2, "rättelser": 1, '
                   '"nästa": "2021-06-10T08:15:00+02:00"}}\n')


def test_a_preview_line_is_as_before(tmp_path):
    code, out, err = cli("build", EMBARGO, TEMPLATES, BEFORE, "--drafts", "--out", str(tmp_path / "preview"))
    assert (code, out, err) == (0, f"klart: 4 pressmeddelanden (varav 2 utkast) och 35 filer i {tmp_path / 'preview'}\n", "")


# --- the build cache --------------------------------------------------------------------------

def builds(content: Path, templates: Path, now: str, cached: Path, fresh: Path) -> tuple[tuple, tuple]:
    """The same build with the cache into ``cached`` and without it into ``fresh``, side by side:
    (exit code, standard output with the folder as OUT, standard error) of each."""
    procs = []
    for cache, out in (("1", cached), ("0", fresh)):
        procs.append((out, subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--templates", str(templates),
             "--now", now, "--out", str(out)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=dict(os.environ, PRESSRUM_CACHE=cache))))
    done = []
    for out, proc in procs:
        stdout, stderr = proc.communicate(timeout=300)
        done.append((proc.returncode, stdout.replace(str(out), "OUT"), stderr))
    return tuple(done)


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_cached_and_uncached_builds_give_the_same_bytes_and_problems(tmp_path):
    """One folder rebuilt with the cache through time and mistakes in embargoed releases and
    corrections, each step compared with a build from scratch without the cache."""
    content, templates = copies(tmp_path)
    folders = {"content": content, "templates": templates}
    correction = ("templates", "site/release.html.j2", CORRECTION_LINE, CORRECTION_LINE.replace("}}<", "}} {{ c.signatur }}<"))
    quote = ("content", "rounds/2022/round.yaml", QUOTE, QUOTE.replace("ingress", "ingenstans"))
    undo = lambda e: (e[0], e[1], e[3], e[2])  # noqa: E731
    steps = [(BEFORE_CORRECTIONS, [], 0), ("2021-06-01T12:00", [correction], 1), (BEFORE, [undo(correction), quote], 1),
             (BEFORE, [undo(quote)], 0), (BEFORE, [], 0), (AT, [], 0)]
    cached = tmp_path / "cached"
    for i, (now, edits, code) in enumerate(steps):
        edit(folders, edits)
        kept = files_of(cached) if cached.exists() else {}
        fresh = tmp_path / f"fresh-{i}"
        with_cache, without = builds(content, templates, now, cached, fresh)
        assert with_cache == without, (i, now)
        assert with_cache[0] == code, (i, with_cache)
        if code == 0:
            assert files_of(cached) == files_of(fresh), (i, now)
        else:
            assert files_of(cached) == kept and not fresh.exists(), (i, now)


# A newsroom whose first round is under embargo: today's start page says that nothing is
# published and no county page exists; at 10.00 the start page lists releases and Stockholm's
# page appears, each rendering a part of its template that no page of today's build reaches.
NEWSROOM_CASES = {
    "start-page-listing-releases-for-the-first-time": (
        "site/index.html.j2", '  <ul class="releases">', '  <ul class="releases" title="{{ senaste_rubrik }}">',
        "{templates}/site/index.html.j2:8: okänt namn i mallen: 'senaste_rubrik' finns inte – rätta stavningen "
        "eller använd ett namn som mallen får (se templates/README.md)"),
    "county-page-that-first-appears-with-an-embargoed-release": (
        "site/county.html.j2", "<h1>{{ county.lan.namn }}</h1>", "<h1>{{ county.lan.namn }} {{ lansrubrik }}</h1>",
        "{templates}/site/county.html.j2:5: okänt namn i mallen: 'lansrubrik' finns inte – rätta stavningen "
        "eller använd ett namn som mallen får (se templates/README.md)"),
}


@pytest.mark.parametrize("case", NEWSROOM_CASES)
def test_a_newsroom_page_only_a_later_moment_renders_fails_check_and_build_now(tmp_path, case):
    template, text, mistake, line = NEWSROOM_CASES[case]
    content, templates = copies(tmp_path)
    shutil.rmtree(content / "rounds" / "2021")  # the 2022 round, under embargo, is the newsroom's first
    out = tmp_path / "releases"
    assert cli("build", content, templates, BEFORE, "--out", str(out)) == (
        0, f"klart: inga pressmeddelanden och nio filer i {out}; två pressmeddelanden väntar på publicering "
           "(nästa: 16 maj 2022 kl. 10.00, Stockholms län och nationellt)\n", "")
    assert "Inga pressmeddelanden är publicerade ännu." in (out / "index.html").read_text(encoding="utf-8")
    assert not (out / "lan").exists()
    before = tree(out)
    edit({"templates": templates}, [("templates", template, text, mistake)])
    expected = line.format(templates=templates) + "\nett fel i en fil\n"
    assert cli("check", content, templates, BEFORE) == (1, "", expected)
    assert cli("build", content, templates, BEFORE, "--out", str(out)) == (1, "", expected)
    assert tree(out) == before
    assert cli("check", content, templates, AT) == (1, "", expected)  # what the build at 10.00 reports
    # With the cache: the round reused from the good build still brings its later state along.
    edit({"templates": templates}, [("templates", template, mistake, text)])
    assert cli("build", content, templates, BEFORE, "--out", str(out))[::2] == (0, "")
    edit({"templates": templates}, [("templates", template, text, mistake)])
    assert cli("build", content, templates, BEFORE, "--out", str(out)) == (1, "", expected)
