"""Jinja's errors as located Swedish problems: ``mall:rad: vad som är fel – hur man rättar det``.

Editors who change a template see the file and line of their mistake in Swedish, never a
Python traceback and never Jinja's English. :func:`template_problem` finds the place (a syntax
error carries it; for an undefined name the innermost template frame of the traceback gives
it) and translates Jinja's message with the tables below; a message the tables do not know
gets a plain Swedish fallback.
"""
from __future__ import annotations

import re
from pathlib import Path

import jinja2

from .errors import Place, Problem, display_path, translate


def template_problem(exc: jinja2.TemplateError, env: jinja2.Environment) -> Problem:
    """A template error as a located Swedish problem (``mall:rad``), never a traceback.

    Syntax errors carry their file and line. For an undefined name, the innermost template
    frame of the traceback gives them: either a frame of compiled template code (its line
    mapped back with ``get_corresponding_lineno``) or a frame Jinja already rewrote.
    """
    name, line = _where(exc)
    place = Place(_template_shown(env, name), line or 0)
    said = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(place, f"syntaxfel i mallen: {_jinja_sv(said, _JINJA_SYNTAX_SV, 'raden kan inte tolkas')}",
                       "kontrollera {% %} och {{ }} på raden")
    if isinstance(exc, jinja2.UndefinedError):
        return Problem(place, f"okänt namn i mallen: {_jinja_sv(said, _JINJA_UNDEFINED_SV, 'ett namn saknar värde')}",
                       "rätta stavningen eller använd ett namn som mallen får (se templates/README.md)")
    if isinstance(exc, jinja2.TemplateNotFound):
        missing = ", ".join(f"'{n}'" for n in getattr(exc, "templates", None) or [exc.name])
        return Problem(place, f"mallen {missing} finns inte",
                       "kontrollera namnet i {% include %}, {% import %} eller {% extends %} på raden")
    return Problem(place, "fel i mallen: mallen kan inte användas", "kontrollera mallen på raden")


def missing_block(env: jinja2.Environment, template: str, block: str) -> Problem:
    """The problem of a release template without one of its blocks (placed on its first line)."""
    return Problem(Place(_template_path(env, template), 1), f"mallen saknar blocket '{block}'",
                   "en pressmeddelandemall har blocken rubrik, ingress och brodtext")


def _where(exc: jinja2.TemplateError) -> tuple[str | None, int | None]:
    """The template file and line an error belongs to, as far as Jinja tells."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.filename or exc.name, exc.lineno
    name, line = None, None
    tb = exc.__traceback__
    while tb is not None:  # the innermost template frame wins
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if template is not None:
            name, line = template.filename or template.name, template.get_corresponding_lineno(tb.tb_lineno)
        elif tb.tb_frame.f_code.co_filename.endswith(".j2"):
            name, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    return name, line


# Jinja's English messages and their Swedish form (regular expression, replacement).
_JINJA_UNDEFINED_SV = (
    (r"'([^']*)' is undefined", r"'\1' finns inte"),
    (r"'None' has no attribute '([^']*)'", r"'\1' finns inte, eftersom värdet före punkten saknas (None)"),
    (r"'(?:\S+\.)?(\S+) object' has no attribute '([^']*)'", r"'\2' finns inte i värdet av typen \1"),
    (r"'([^']*)' has no attribute '([^']*)'", r"'\2' finns inte i '\1'"),
    (r"(\S+) object has no element (.*)", r"värdet av typen \1 har inget element \2"),
)
_JINJA_SYNTAX_SV = (
    (r"unexpected '(.*)', expected '(.*)'", r"oväntat '\1', väntade '\2'"),
    (r"unexpected '(.*)'", r"oväntat '\1'"),
    (r"unexpected char (.*) at \d+", r"oväntat tecken \1"),
    ((r"Unexpected end of template\. Jinja was looking for the following tags: (.*)\. "
      r"The innermost block that needs to be closed is '(.*)'\."),
     r"mallen tar slut innan blocket '\2' har stängts (väntade \1)"),
    (r"Unexpected end of template.*", r"mallen tar slut för tidigt"),
    ((r"Encountered unknown tag '([^']*)'\. Jinja was looking for the following tags: (.*)\. "
      r"The innermost block that needs to be closed is '(.*)'\."),
     r"okänd tagg '\1'; blocket '\3' är inte stängt (väntade \2)"),
    (r"Encountered unknown tag '([^']*)'\.?", r"okänd tagg '\1'"),
    (r"No filter named '([^']*)'\.?", r"det finns inget filter som heter '\1'"),
    (r"No test named '([^']*)'\.?", r"det finns inget test som heter '\1'"),
    (r"Expected an expression, got '(.*)'", r"ett uttryck saknas före '\1'"),
    (r"expected token '(.*)', got '(.*)'", r"här ska det stå '\1', men nu står det '\2'"),
    (r"block '([^']*)' defined twice", r"blocket '\1' finns två gånger"),
)
# Words Jinja puts inside its messages, once the sentence around them is Swedish.
_JINJA_WORDS_SV = {"end of print statement": "}}", "end of statement block": "%}", "end of template": "mallens slut",
                   "' or '": "' eller '", "integer": "heltal"}


def _jinja_sv(message: str, table, fallback: str) -> str:
    """Jinja's message in Swedish, or a plain Swedish fallback (never English to the user)."""
    text = translate(message.strip(), table, re.DOTALL)
    if text is None:
        return fallback
    for english, swedish in _JINJA_WORDS_SV.items():
        text = text.replace(english, swedish)
    return text


def _template_shown(env: jinja2.Environment, name: str | None) -> str:
    """The template's path as the user sees it (relative to the working folder)."""
    if not name:
        return "templates"
    path = Path(name)
    if not path.is_absolute() and not path.exists():
        path = Path(env.loader.searchpath[0]) / name
    return display_path(path)


def _template_path(env: jinja2.Environment, name: str) -> str:
    """A template named as the loader knows it (``releases/…``), as the user sees its path."""
    path = Path(name)
    if not path.is_absolute():
        path = Path(env.loader.searchpath[0]) / name
    return display_path(path)
