"""Broken content: every class of editor mistake ends in located Swedish problems, exit 1.

Each case in ``tests/broken/cases.py`` is the bundled content with one mistake. The command
runs with the case folder as working directory, so paths read ``content/rounds/2021/round.yaml``
as the editor sees them, and the whole output is compared with ``tests/golden/broken/<case>.txt``.
"""
from __future__ import annotations

import json
import re
import time

import pytest

from broken.cases import CASES, materialize
from conftest import CONTENT, NOW, ROOT, run_cli
from pressrum import cli

# Phrases of pydantic, PyYAML, Jinja and Python that must never reach an editor.
ENGLISH = ("Traceback", "Error", "Input should", "Field required", "validation error", "Extra inputs",
           "String should", "is undefined", "has no attribute", "found character", "could not find",
           "while scanning", "while parsing", "unexpected", "Unexpected", "expected", "pydantic", "Exception")
# ``fil:rad:kolumn: meddelande – tips``; a template has no column, a missing file or folder no line.
LOCATED = re.compile(r"(?P<file>[^:\s]+)(?::(?P<line>\d+)(?::(?P<column>\d+))?)?: (?P<message>.+?)(?: – (?P<hint>.+))?")
# Counts up to twelve in words ("ett fel i en fil", "tre fel i två filer"), 13 and up in digits.
WORDS = {"ett": 1, "en": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9,
         "tio": 10, "elva": 11, "tolv": 12}
_COUNT = r"\d+|" + "|".join(WORDS)
SUMMARY = re.compile(rf"(?P<n>{_COUNT}) fel i (?P<files>{_COUNT}) (fil|filer)")


def count(word: str) -> int:
    """A count as the summary writes it; a figure up to twelve in digits is a mistake."""
    if word in WORDS:
        return WORDS[word]
    assert int(word) > 12, f"{word} should be written in words"
    return int(word)


def check(folder, capsys, monkeypatch, *extra) -> tuple[int, str, str]:
    """``python build.py check`` in-process, in ``folder`` (same code path as the command)."""
    monkeypatch.chdir(folder)
    code = cli.main(["check", "--now", NOW, *extra])
    out, err = capsys.readouterr()
    return code, out, err


def parse(err: str):
    """The problem lines as (file, line, column) and the summary line, asserting their form."""
    *lines, last = err.splitlines()
    summary = SUMMARY.fullmatch(last)
    assert summary, last
    places = []
    for line in lines:
        m = LOCATED.fullmatch(line)
        assert m, f"not located: {line!r}"
        places.append((m["file"], int(m["line"] or 0), int(m["column"] or 0)))
    assert count(summary["n"]) == len(lines)
    assert count(summary["files"]) == len({p[0] for p in places})
    return places


def test_there_are_at_least_thirty_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_case_is_located_swedish_and_golden(name, tmp_path, capsys, monkeypatch, golden):
    materialize(name, tmp_path)
    code, out, err = check(tmp_path, capsys, monkeypatch)
    assert code == 1, err
    assert out == ""
    golden(f"broken/{name}.txt", err)
    for phrase in ENGLISH:
        assert phrase not in err, phrase
    places = parse(err)
    assert places == sorted(places), "problems must be sorted by file, line and column"
    assert all(not f.startswith("/") for f, _, _ in places), "paths are shown relative to the working folder"


@pytest.mark.parametrize("name", ["yaml-tabb", "okand-aktorstyp", "mall-okant-namn"])
def test_the_command_in_a_subprocess_prints_the_same(name, tmp_path, golden):
    materialize(name, tmp_path)
    code, out, err = run_cli("check", "--now", NOW, cwd=tmp_path)
    assert (code, out) == (1, "")
    golden(f"broken/{name}.txt", err)


def test_billion_laughs_is_refused_in_well_under_a_second(tmp_path, capsys, monkeypatch):
    materialize("miljard-skratt", tmp_path)
    started = time.process_time()  # CPU of this process: other load on the machine does not count
    code, _, err = check(tmp_path, capsys, monkeypatch)
    elapsed = time.process_time() - started
    assert code == 1 and "ankare och alias" in err
    assert elapsed < 0.5, elapsed


def test_check_json_lists_the_same_problems(tmp_path):
    materialize("okand-aktorstyp", tmp_path)
    code, text_out, text_err = run_cli("check", "--now", NOW, cwd=tmp_path)
    assert code == 1 and text_out == ""
    code, out, err = run_cli("check", "--now", NOW, "--format", "json", cwd=tmp_path)
    assert (code, err) == (1, "")
    report = json.loads(out)
    assert report == {
        "problem": [
            {"file": "content/rounds/2021/lan/skane.yaml", "line": 12, "column": 10,
             "message": "okänd aktörstyp 'foreningar'",
             "hint": "skriv 'kommuner' eller 'ideella', eller lägg till 'foreningar' under aktörstyper i site.yaml"},
            {"file": "content/rounds/2021/round.yaml", "line": 13, "column": 3,
             "message": "okänd aktörstyp 'foreningar'",
             "hint": "skriv 'kommuner' eller 'ideella', eller lägg till 'foreningar' under aktörstyper i site.yaml"},
        ],
        "sammanfattning": "två fel i två filer",
    }
    as_text = [f"{p['file']}:{p['line']}:{p['column']}: {p['message']} – {p['hint']}" for p in report["problem"]]
    assert as_text + [report["sammanfattning"]] == text_err.splitlines()


def test_check_json_on_good_content_is_an_empty_list():
    code, out, err = run_cli("check", "--content", str(CONTENT), "--now", NOW, "--format", "json", cwd=ROOT)
    assert (code, err) == (0, "")
    assert json.loads(out) == {"problem": [], "pressmeddelanden": 2}


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path, capsys, monkeypatch):
    """Mistakes in three files at once: all reported, sorted by file and line, one summary."""
    materialize("okant-falt", tmp_path)
    site = tmp_path / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("kortnamn: Delmos", "kortnamn: NO"), encoding="utf-8")
    county = tmp_path / "content/rounds/2021/lan/skane.yaml"
    county.write_text(county.read_text(encoding="utf-8").replace("  ideella: 8", "  ideella: åtta"), encoding="utf-8")
    code, _, err = check(tmp_path, capsys, monkeypatch)
    assert code == 1
    assert err.splitlines() == [
        "content/rounds/2021/lan/skane.yaml:6:12: antalet ska vara ett heltal med siffror, men nu står det 'åtta' – skriv till exempel 12",
        "content/rounds/2021/round.yaml:9:1: okänt fält 'ansokningar' – menade du 'ansökningar'?",
        "content/site.yaml:5:13: 'NO' läses som ett ja/nej-värde av många YAML-verktyg, inte som text – sätt texten inom citattecken: \"NO\"",
        "tre fel i tre filer",
    ]


def test_kommun_code_with_leading_zero_stays_a_code(tmp_path, capsys, monkeypatch):
    """``0114`` is Upplands Väsby's code, not the number 114: it works in a Stockholm county file."""
    materialize("lansfil-utan-pressmeddelande", tmp_path)
    (tmp_path / "content/rounds/2021/lan/stockholm.yaml").write_text(
        "län: Stockholm\nmottagare:\n  - namn: Väsby förening\n    kommun: 0114\n    typ: ideella\n", encoding="utf-8")
    code, out, err = check(tmp_path, capsys, monkeypatch)
    assert (code, err) == (0, ""), err
    assert out == "inga fel – tre pressmeddelanden kan byggas\n"


# --- the editors' guide (content/README.md) shows real output -----------------------------------------------------

GUIDE = (CONTENT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE, re.DOTALL)


def test_every_error_shown_in_the_guide_is_real_output():
    real = {line for path in (ROOT / "tests/golden/broken").glob("*.txt")
            for line in path.read_text(encoding="utf-8").splitlines()}
    shown = [line for block in _blocks("text") for line in block.splitlines() if line]
    assert len(shown) >= 12
    for line in shown:
        assert line in real, f"the guide shows an error Pressrum does not print: {line}"


def test_json_shown_in_the_guide_is_real_output(tmp_path):
    materialize("heltal-tolv", tmp_path)
    code, out, _ = run_cli("check", "--now", NOW, "--format", "json", cwd=tmp_path)
    (shown,) = _blocks("json")
    assert code == 1 and json.loads(out) == json.loads(shown)


def test_guide_describes_every_field():
    from pressrum import release_models, round_models, site_models
    from pressrum.model_base import Model

    documented = set()
    prose = re.sub(r"```.*?```", "", GUIDE, flags=re.DOTALL).replace("`` ` ``", "")
    for span in re.findall(r"`([^`]+)`", prose):
        documented |= set(re.split(r"[.\[\]<>: ]+", span))
    declared = [value for module in (site_models, round_models, release_models) for value in vars(module).values()
                if isinstance(value, type) and issubclass(value, Model) and value is not Model]
    aliases = {f.alias for model in declared for f in model.model_fields.values()}
    assert len(aliases) > 40
    assert aliases - documented == set()


def test_hidden_files_are_ignored(tmp_path, capsys, monkeypatch):
    """Finder's .DS_Store and editors' swap files are not content (and not errors)."""
    materialize("okand-fil", tmp_path)
    (tmp_path / "content/rounds/2021/anteckningar.txt").unlink()
    for hidden in ("content/.DS_Store", "content/rounds/.DS_Store", "content/rounds/2021/.DS_Store",
                   "content/rounds/2021/lan/.skane.yaml.swp"):
        (tmp_path / hidden).write_bytes(b"\x00\x01")
    code, out, err = check(tmp_path, capsys, monkeypatch)
    assert (code, err) == (0, "")
    assert out == "inga fel – två pressmeddelanden kan byggas\n"


def test_cross_checks_run_on_the_files_that_did_validate(tmp_path, capsys, monkeypatch):
    """A misspelt municipality in one file does not hide a contradiction in another."""
    materialize("summa-stammer-inte", tmp_path)
    county = tmp_path / "content/rounds/2021/lan/skane.yaml"
    county.write_text(county.read_text(encoding="utf-8").replace("kommun: Landskrona", "kommun: Landskrone"),
                      encoding="utf-8")
    code, _, err = check(tmp_path, capsys, monkeypatch)
    assert code == 1
    assert err.splitlines() == [
        "content/rounds/2021/lan/skane.yaml:11:13: okänd kommun: 'Landskrone' – menade du 'Landskrona'?",
        "content/rounds/2021/round.yaml:13:19: totalen här är 91, men delarna under 'beviljade:' "
        "(content/rounds/2021/round.yaml:10) blir 58 + 32 = 90 – rätta totalen eller delarna så att de stämmer",
        "två fel i två filer",
    ]
