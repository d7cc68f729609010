"""The render layer's edges: template errors in Swedish with file and line, and where
compiled templates are kept (``default_bytecode_dir``, ``make_environment``)."""
from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from pressrum import render, sv, template_errors
from pressrum.errors import Place, Problem
from pressrum.release_models import Quote
from pressrum.options import default_bytecode_dir
from pressrum.render import make_environment
from pressrum.template_errors import missing_block, template_problem

SYNTAX_HINT = "kontrollera {% %} och {{ }} på raden"
NAME_HINT = "rätta stavningen eller använd ett namn som mallen får (se templates/README.md)"

# (case, {file: source}, template to render, expected "fil:rad: fel – råd")
TEMPLATE_ERRORS = [
    ("block left open", {"a.md.j2": "rad ett\n{% if x %}\nhej\n"}, "a.md.j2",
     ("templates/a.md.j2:3: syntaxfel i mallen: mallen tar slut innan blocket 'if' har stängts "
      f"(väntade 'elif' eller 'else' eller 'endif') – {SYNTAX_HINT}")),
    ("unknown filter", {"a.md.j2": "rad ett\n{{ 1 | nej }}\n"}, "a.md.j2",
     f"templates/a.md.j2:2: syntaxfel i mallen: det finns inget filter som heter 'nej' – {SYNTAX_HINT}"),
    ("unknown tag", {"a.md.j2": "a\n{% foo %}\n"}, "a.md.j2",
     f"templates/a.md.j2:2: syntaxfel i mallen: okänd tagg 'foo' – {SYNTAX_HINT}"),
    ("block twice", {"a.md.j2": "{% block a %}{% endblock %}\n{% block a %}{% endblock %}\n"}, "a.md.j2",
     f"templates/a.md.j2:2: syntaxfel i mallen: blocket 'a' finns två gånger – {SYNTAX_HINT}"),
    ("undefined name", {"a.md.j2": "rad ett\nrad två\n{{ okant }}\n"}, "a.md.j2",
     f"templates/a.md.j2:3: okänt namn i mallen: 'okant' finns inte – {NAME_HINT}"),
    ("attribute of None", {"a.md.j2": "a\n\n{{ ingenting.namn }}\n"}, "a.md.j2",
     ("templates/a.md.j2:3: okänt namn i mallen: 'namn' finns inte, eftersom värdet före punkten saknas "
      f"(None) – {NAME_HINT}")),
    ("attribute of a value", {"a.md.j2": "{{ skane.saknas }}\n"}, "a.md.j2",
     f"templates/a.md.j2:1: okänt namn i mallen: 'saknas' finns inte i värdet av typen Lan – {NAME_HINT}"),
    ("innermost template wins", {"yttre.md.j2": "a\n{% include 'inre.md.j2' %}\n",
                                 "inre.md.j2": "ett\ntvå\n{{ inget }}\n"}, "yttre.md.j2",
     f"templates/inre.md.j2:3: okänt namn i mallen: 'inget' finns inte – {NAME_HINT}"),
    ("missing include", {"a.md.j2": "a\n{% include 'finns-inte.j2' %}\n"}, "a.md.j2",
     ("templates/a.md.j2:2: mallen 'finns-inte.j2' finns inte – kontrollera namnet i {% include %}, "
      "{% import %} eller {% extends %} på raden")),
]


@pytest.fixture
def templates(tmp_path, monkeypatch) -> Path:
    """An empty templates folder under the working folder, so places read ``templates/…``."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "templates"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("files, name, expected", [c[1:] for c in TEMPLATE_ERRORS],
                         ids=[c[0] for c in TEMPLATE_ERRORS])
def test_template_errors_are_swedish_with_file_and_line(templates, files, name, expected):
    for file, source in files.items():
        (templates / file).write_text(source, encoding="utf-8")
    env = make_environment(templates)
    with pytest.raises(jinja2.TemplateError) as caught:
        env.get_template(name).render(ingenting=None, skane=sv.lan("skane"))
    assert template_problem(caught.value, env).text() == expected


@pytest.mark.parametrize("exc, expected", [
    (jinja2.TemplateSyntaxError("something Jinja never said", 4, name="ny.md.j2"),
     Problem(Place("templates/ny.md.j2", 4), "syntaxfel i mallen: raden kan inte tolkas", SYNTAX_HINT)),
    (jinja2.UndefinedError("something else"),
     Problem(Place("templates"), "okänt namn i mallen: ett namn saknar värde", NAME_HINT)),
    (jinja2.TemplateRuntimeError("anything"),
     Problem(Place("templates"), "fel i mallen: mallen kan inte användas", "kontrollera mallen på raden")),
], ids=["unknown syntax message", "unknown undefined message", "other template error"])
def test_unknown_jinja_messages_get_a_swedish_fallback(templates, exc, expected):
    assert template_problem(exc, make_environment(templates)) == expected


def test_a_missing_block_is_placed_on_the_first_line(templates):
    problem = missing_block(make_environment(templates), "releases/beslut/lokal.md.j2", "ingress")
    assert problem.text() == ("templates/releases/beslut/lokal.md.j2:1: mallen saknar blocket 'ingress' – "
                              "en pressmeddelandemall har blocken rubrik, ingress och brodtext")


def test_template_problem_is_still_importable_from_render():
    assert render.template_problem is template_errors.template_problem


@pytest.mark.parametrize("environ, expected", [
    ({"PRESSRUM_CACHE": "0", "XDG_CACHE_HOME": "/x/cache", "HOME": "/home/r"}, None),
    ({"XDG_CACHE_HOME": "/x/cache", "HOME": "/home/r"}, Path("/x/cache/pressrum")),
    ({"PRESSRUM_CACHE": "1", "XDG_CACHE_HOME": "/x/cache"}, Path("/x/cache/pressrum")),
    ({"HOME": "/home/r"}, Path("/home/r/.cache/pressrum")),
    ({"XDG_CACHE_HOME": "", "HOME": "/home/r"}, Path("/home/r/.cache/pressrum")),
], ids=["off", "xdg", "cache on, xdg", "xdg unset", "xdg empty"])
def test_default_bytecode_dir(environ, expected):
    assert default_bytecode_dir(environ) == expected


def test_default_bytecode_dir_without_home_uses_the_users_home_folder():
    assert default_bytecode_dir({}) == Path("~").expanduser() / ".cache" / "pressrum"


def test_compiled_templates_go_to_their_own_folder_under_the_given_one(templates, tmp_path):
    (templates / "a.md.j2").write_text("{{ 1500 | siffror }}\n", encoding="utf-8")
    cache = tmp_path / "cache"
    assert make_environment(templates, cache).get_template("a.md.j2").render() == "1\xa0500\n"
    (folder,) = cache.iterdir()
    assert folder.name.startswith("jinja-")
    assert [p.suffix for p in folder.iterdir()] == [".cache"]
    # the next environment with the same options and helpers reads the same folder
    again = make_environment(templates, cache)
    assert again.bytecode_cache.directory == str(folder)
    assert again.get_template("a.md.j2").render() == "1\xa0500\n"


def test_no_bytecode_dir_means_no_compiled_templates_kept(templates):
    assert make_environment(templates).bytecode_cache is None


def test_a_cache_folder_that_cannot_be_made_only_turns_the_cache_off(templates, tmp_path):
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    (templates / "a.md.j2").write_text("{{ 3 | tal }}\n", encoding="utf-8")
    env = make_environment(templates, tmp_path / "a-file")
    assert env.bytecode_cache is None
    assert env.get_template("a.md.j2").render() == "tre\n"


def _link(slug: str) -> render.Link:
    return render.Link(f"2021/beslut/{slug}", f"Rubrik {slug}", f"https://x.se/2021/beslut/{slug}/", sv.lan(slug))


# The local releases are the national release's one round-up (lokala, a Links value), not FirstPlace's.
@pytest.mark.parametrize("counties, alone, two", [
    ((), None, False),
    ((("skane", True),), "skane", False),
    ((("skane", False), ("stockholm", True)), None, True),  # "vartdera länet"
    ((("skane", True), ("stockholm", True), ("uppsala", False)), None, False),
])
def test_first_place_tells_the_national_release_what_its_sentences_need(counties, alone, two):
    top = render.FirstPlace(tuple(render.TopCounty(sv.lan(s), None, _link(s) if has else None) for s, has in counties))
    assert (top.alone.lan.slug if top.alone else None, top.two) == (alone, two)


@pytest.mark.parametrize("slugs, only, several", [
    ((), None, False),
    (("skane",), "skane", False),      # one sentence, then the link as a list of one
    (("skane", "uppsala"), None, True),  # a list after one sentence
])
def test_links_say_one_or_several(slugs, only, several):
    links = render.Links(tuple(_link(s) for s in slugs))
    assert (links.only.lan.slug if links.only else None, links.several, links.count) == (only, several, len(slugs))


@pytest.mark.parametrize(("fields", "first", "expected"), [
    ({"titel": "direktör"}, True, "– Det går bra, säger Anders Kessling, direktör på Delmos."),  # på by default
    ({"titel": "ordförande", "organisation": "Malmö mot segregation", "preposition": "i"}, True,
     "– Det går bra, säger Anders Kessling, ordförande i Malmö mot segregation."),  # W2
    ({"titel": "professor", "organisation": "Lunds universitet", "preposition": "vid"}, True,
     "– Det går bra, säger Anders Kessling, professor vid Lunds universitet."),
    ({"titel": "ordförande", "preposition": "i"}, False, "– Det går bra, säger Anders Kessling."),  # name only after the first
])
def test_an_attribution_takes_the_quote_s_preposition(fields, first, expected):
    quote = Quote.model_validate({"text": "Det går bra.", "namn": "Anders Kessling", **fields})
    assert render.replik(quote, first, "Delmos") == expected
