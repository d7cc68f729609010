"""One agency's grant year end to end (tests/fixtures/bidragsar, invented data): every release
has a golden .md, and no release text contains a figure that is not in the facts.

The facts are every value typed in content (site.yaml, round.yaml, the county files, the
recipient list) and every value ``derive`` computes from them: counts, amounts, dates, times,
years, phone numbers, law references. Each is written in every form the house style gives it
(digits grouped, "2,2 miljoner kronor", "drygt 610 miljoner kronor", "den 3 april 2025 kl.
12.00", "010-123 45 67"), and every digit run of every built release must be one of those runs.
A template that invents a figure ("fler än 400", a sum in the text) fails the test; the test
itself is shown to fail on a planted figure.
"""
from __future__ import annotations

import dataclasses
import re
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import FIXTURES, TEMPLATES, run_cli
from pressrum import local_story, phrases, sv
from pressrum.derive import derive
from pressrum.model_base import Model
from pressrum.validate import load_content

YEAR = FIXTURES / "bidragsar" / "content"
NOW = "2027-06-01T00:00"
RELEASES = (
    "2025/utlysning", "2025/ansokningar", "2025/beslut", "2025/beslut/skane", "2025/beslut/stockholm",
    "2025/beslut/vastra-gotaland", "2025/tillagg", "2025/tillagg/skane", "2025/tillagg/sodermanland",
    "2025/tillagg/uppsala", "2025/tillagg/vastra-gotaland", "2025/redovisning", "2025/redovisning/skane", "2025/redovisning/stockholm",
    "2026/besked", "2027/installd",
)
# A figure as running text writes it: digits grouped by a no-break space, a decimal comma.
NUMBER = re.compile(r"\d+(?:[\xa0\u202f]\d{3})*(?:,\d+)?")


def build(out: Path, templates: Path = TEMPLATES) -> Path:
    code, _, err = run_cli("build", "--content", str(YEAR), "--templates", str(templates), "--out", str(out), "--now", NOW)
    assert code == 0, err
    return out


@pytest.fixture(scope="module")
def year_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("year") / "site")


def _values(value, seen: set[int]):
    """Every scalar inside content models and derived facts (places and sources left out: their
    line numbers are no facts; a county or municipality is its name, and its code is no fact)."""
    if isinstance(value, (sv.Lan, sv.Kommun)) or type(value).__name__ in ("Source", "Place"):
        return
    if isinstance(value, (str, int, float, Decimal, date)):  # bool is an int, datetime a date
        yield value
        return
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Model):
        for name in type(value).model_fields:
            yield from _values(getattr(value, name), seen)
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _values(getattr(value, f.name), seen)
        # what a property computes (a county's share in percent, a rank's others) is derived too
        for name in dir(type(value)):
            if isinstance(getattr(type(value), name, None), property):
                yield from _values(getattr(value, name), seen)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _values(k, seen)
            yield from _values(v, seen)
    elif isinstance(value, (tuple, list, set, frozenset)):
        for v in value:
            yield from _values(v, seen)


def _forms(value) -> list[str]:
    """The ways a release may write one fact."""
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, datetime):
        return [sv.den(value, tid=True), sv.datumtid(value)]
    if isinstance(value, date):
        return [sv.den(value)]
    if isinstance(value, (int, Decimal)) and value >= 0:
        n = int(value)
        forms = [str(n), sv.siffror(n)]
        if n >= 1000:
            forms += [sv.kronor(n), sv.kronor(n, ungefar=True), phrases.ungefar(n), phrases.belopp_rubrik(n)]
        return forms
    if isinstance(value, str):
        forms = [value]
        try:
            forms.append(sv.telefon(value))
        except ValueError:
            pass
        return forms
    return [str(value)]


def facts_figures(content_dir: Path) -> set[str]:
    """Every digit run that the facts of ``content_dir`` allow in a release."""
    content = load_content(content_dir)
    values = list(_values(content.site, set()))
    for r in content.rounds:
        values += _values(r.data, set())
        values += _values(r.recipients, set())
        for c in r.counties:
            values += _values(c.data, set())
    for facts in derive(content):
        values += _values(facts, set())
        # a local release's story (pressrum.local_story): the county's municipalities, its rank
        values += _values(tuple(local_story.story(c, facts) for c in facts.counties), set())
    return {run for v in values for form in _forms(v) for run in NUMBER.findall(form)}


def invented(site: Path, allowed: set[str]) -> list[str]:
    """Each digit run of a built release (.md and .txt) that is not in ``allowed``, with its place."""
    found = []
    for path in sorted(site.rglob("index.md")) + sorted(site.rglob("index.txt")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found += [f"{path.relative_to(site)}:{n}: {run!r} in {line.strip()!r}"
                      for run in NUMBER.findall(line) if run not in allowed]
    return found


def test_every_release_of_the_year_is_built(year_site):
    built = sorted(p.parent.relative_to(year_site).as_posix() for p in year_site.rglob("index.md"))
    assert built == sorted(RELEASES)


@pytest.mark.parametrize("release", RELEASES)
def test_release_text_is_golden(year_site, golden, release):
    golden(f"bidragsar/{release}/index.md", (year_site / release / "index.md").read_text(encoding="utf-8"))


def test_no_release_contains_a_figure_that_is_not_in_the_facts(year_site):
    assert invented(year_site, facts_figures(YEAR)) == []


def test_a_planted_figure_is_found(tmp_path):
    """The test above can fail: a template that writes a figure of its own is caught, in both
    the Markdown and the text version, and nowhere else."""
    allowed = facts_figures(YEAR)
    planted = "4711"
    assert planted not in allowed
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    report = templates / "releases/redovisning/nationell.md.j2"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace('{{ stycke("redovisning") }}', f'Det motsvarar {planted} kronor per ansökan.\n'
                                                                   '{{ stycke("redovisning") }}', 1), encoding="utf-8")
    site = build(tmp_path / "site", templates)
    found = invented(site, allowed)
    assert [f.split(":")[0] for f in found] == ["2025/redovisning/index.md", "2025/redovisning/index.txt"]
    assert all(f"'{planted}'" in f for f in found)
