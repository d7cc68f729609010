"""The fast paths of rendering and pages give the same bytes as their references (issue 20).

| fast path                                           | reference                                   |
|-----------------------------------------------------|---------------------------------------------|
| ``jinja_fast.FastEnvironment``: a template's globals one dict, plain calls direct | ``jinja2.Environment`` |
| ``jinja_fast.escape``: a printed ``str`` escaped without markupsafe's Python calls | ``markupsafe.escape`` |
| ``FastEnvironment.get_template``: a loaded template kept in a dict (no reloading) | Jinja's cache |
| ``site.list_items``: a list item rendered once, carried | the item template included at every listing |
| ``render_releases``: headline formulations rendered until one fits | every formulation of every release |
| ``feed_texts.Candidates``: only the feed texts a feed may show kept | every round's texts kept (``Everything``) |

Each newsroom below is built in this process twice, once with the fast paths and once with
all their references, published and as a preview (``--drafts``), at a time when some of it
waits and at one when all is out; every file, entry and feed text must be the same.
"""
from __future__ import annotations

import shutil
from datetime import datetime
from functools import partial
from pathlib import Path

import jinja2.runtime
import markupsafe
import pytest
from conftest import CONTENT, FIXTURES, NOW, TEMPLATES, bench_module

from pressrum import feed_texts, jinja_fast, markup, pipeline, render, rounds, sv
from pressrum.errors import BuildFailed
from pressrum.options import Options

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _builds() -> list[tuple[Path, str, bool]]:
    """(content, now, drafts): the bundled example and every fixture and example, published and
    as a preview, at a time when some of it waits and at one when all is out."""
    fixtures = [p.parent for p in sorted(FIXTURES.glob("*/site.yaml"))] + \
        [p.parent for p in sorted(FIXTURES.glob("*/content/site.yaml"))] + \
        [p.parent for p in sorted(EXAMPLES.glob("*/content/site.yaml"))]
    return [(CONTENT, NOW, False), (CONTENT, NOW, True), (CONTENT, "2021-06-01T12:00", False)] + \
        [(f, t, d) for f in fixtures for t, d in (("2024-06-01T00:00", False), ("2024-06-01T00:00", True),
                                                   ("2030-01-01T00:00", False))]


@pytest.fixture(scope="module")
def reference_templates(tmp_path_factory) -> Path:
    """The templates, with the list of releases rendering each item at every listing (as it
    did before ``site.list_items``) instead of showing the item rendered with the release."""
    copy = tmp_path_factory.mktemp("reference") / "templates"
    shutil.copytree(TEMPLATES, copy)
    items = copy / "site" / "_release_items.html.j2"
    text = items.read_text(encoding="utf-8")
    assert "{{ r.item_html | safe }}" in text
    items.write_text(text.replace("{{ r.item_html | safe }}",  # the empty prints keep lstrip_blocks and trim_blocks off
                                       '{{ "" }}{% include "site/_release_item.html.j2" %}{{ "" }}'),
                     encoding="utf-8")
    return copy


def _site(content: Path, now: str, drafts: bool, templates: Path = TEMPLATES):
    """Every file of the build, or its problems as text."""
    options = Options(content, templates, Path("/nonexistent-out"),
                      datetime.fromisoformat(now).replace(tzinfo=sv.STOCKHOLM), drafts, cache=False)
    try:
        files, entries, texts = pipeline.render_site(options)
    except BuildFailed as failed:
        return [str(p) for p in failed.problems]
    return files, entries, texts


def _both(content: Path, now: str, drafts: bool, monkeypatch, reference_templates: Path):
    fast = _site(content, now, drafts)
    with monkeypatch.context() as mp:
        mp.setattr(pipeline, "make_environment", partial(render.make_environment, reference=True))
        mp.setattr(rounds, "render_releases", partial(render.render_releases, every_headline=True))
        mp.setattr(pipeline, "Candidates", feed_texts.Everything)
        reference = _site(content, now, drafts, reference_templates)
    return fast, reference


@pytest.mark.parametrize("content, now, drafts", _builds(),
                         ids=lambda v: str(v).replace(str(FIXTURES), "fixtures").replace(str(EXAMPLES), "examples"))
def test_fast_rendering_equals_jinja_reference(content, now, drafts, monkeypatch, reference_templates):
    fast, reference = _both(content, now, drafts, monkeypatch, reference_templates)
    assert isinstance(fast, tuple)  # each of these builds: compared as a site, not as problems
    assert fast == reference


def test_fast_rendering_on_generated_newsroom(tmp_path, monkeypatch, reference_templates):
    content = tmp_path / "content"
    assert bench_module().generate(100, content) > 90
    fast, reference = _both(content, "2100-12-31T12:00", False, monkeypatch, reference_templates)
    assert isinstance(fast, tuple) and len(fast[0]) > 300  # a built site, not two equal failures
    assert fast == reference


def test_template_globals_are_a_plain_dict():
    # What the fast path is: no ChainMap to copy in Python at every render.
    env = render.make_environment(TEMPLATES)
    assert type(env.get_template("site/base.html.j2").globals) is dict
    assert type(render.make_environment(TEMPLATES, reference=True).get_template("site/base.html.j2").globals) \
        is not dict
    assert env.context_class is not jinja2.runtime.Context



@pytest.mark.parametrize("template, branch", [
    ("releases/beslut/lokal.md.j2", "{%- elif rubrikvariant.shortest -%}\n"),
    ("releases/beslut/nationell.md.j2", "{%- elif rubrikvariant.shortest %}"),
])
def test_error_in_an_unused_headline_formulation_is_found(tmp_path, template, branch):
    # The bundled releases' own formulations fit, so no release uses the shortest; rendering
    # headlines only until one fits must still find an error there (render_releases' check).
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    path = templates / template
    text = path.read_text(encoding="utf-8")
    assert text.count(branch) == 1
    path.write_text(text.replace(branch, branch + "{{ no_such_name }}"), encoding="utf-8")
    problems = _site(CONTENT, NOW, False, templates)
    assert isinstance(problems, list) and any("no_such_name" in p and template in p for p in problems), problems


class _Html:
    def __html__(self):
        return "<i>as it is</i>"


class _Text(str):
    pass


@pytest.mark.parametrize("value", [
    "", "plain words", "<a href=\"x\">&amp; 'quoted'</a>", "å ä ö – \xa0 \u2028 \U0001f600", "&" * 300 + "<>" * 50,
    markupsafe.Markup("<b>safe</b>"), markup.MarkdownText("**bold** <b>"), _Text("<sub>class</sub>"), _Html(),
    0, 12.5, None, True, ("<t>",),
])
def test_fast_escape_equals_markupsafe(value):
    fast, reference = jinja_fast.escape(value), markupsafe.escape(value)
    assert type(fast) is type(reference) is markupsafe.Markup
    assert str(fast) == str(reference)


def test_templates_print_through_the_fast_escape():
    # What the fast path is: an autoescaping template's code looks ``escape`` up in its namespace.
    env = render.make_environment(TEMPLATES)
    assert env.get_template("site/base.html.j2").root_render_func.__globals__["escape"] is jinja_fast.escape
    reference = render.make_environment(TEMPLATES, reference=True).get_template("site/base.html.j2")
    assert reference.root_render_func.__globals__["escape"] is markupsafe.escape


def test_kept_templates_are_jinjas_own_and_reloaded_while_asked(tmp_path):
    import os

    (tmp_path / "a.html.j2").write_text("eins {{ x }}", encoding="utf-8")
    env = render.make_environment(tmp_path)
    assert env.get_template("a.html.j2").render(x="<") == "eins &lt;"
    (tmp_path / "a.html.j2").write_text("zwei {{ x }}", encoding="utf-8")
    later = os.stat(tmp_path / "a.html.j2").st_mtime + 10
    os.utime(tmp_path / "a.html.j2", (later, later))
    assert env.get_template("a.html.j2").render(x="<") == "zwei &lt;"  # auto_reload on: Jinja's own path
    env.auto_reload = False  # as a build sets it
    kept = env.get_template("a.html.j2")
    assert kept is env.get_template("a.html.j2") is env.get_template("a.html.j2", "b.html.j2")
    assert kept is jinja2.Environment.get_template(env, "a.html.j2")  # the template Jinja's cache holds
    assert kept.render(x="<") == "zwei &lt;"
    with pytest.raises(jinja2.TemplateNotFound):
        env.get_template("saknas.html.j2")
