"""The one Jinja environment of a build: strict, autoescaping, with the Swedish helpers, and its
compiled templates kept between runs (``make_environment``)."""
from __future__ import annotations

import hashlib
import sys
import os
import tempfile
from pathlib import Path

import jinja2

from . import markup, markup_escape, markup_html, sv
from .jinja_fast import FastEnvironment
from .phrases import HELPERS


def make_environment(templates_dir: Path, bytecode_dir: Path | None = None,
                     reference: bool = False) -> jinja2.Environment:
    """The one Jinja environment: strict, autoescaping HTML and XML templates, Swedish helpers.

    It is :class:`~pressrum.jinja_fast.FastEnvironment`, Jinja's with two per-render costs taken
    out; ``reference`` gives Jinja's own Environment, for the differential test
    (``tests/test_render_fast_paths.py``).

    A ``.md.j2`` template escapes what it prints for Markdown in the same way
    (:func:`_markdown_finalize`): every value is text unless it is :class:`~pressrum.markup.MarkdownText`.

    ``bytecode_dir`` is the folder for Jinja's compiled templates, kept between runs (see
    :func:`pressrum.options.default_bytecode_dir`); None compiles every template afresh.
    """
    env = (jinja2.Environment if reference else FastEnvironment)(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "xml.j2"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_markdown_finalize,
    )
    helpers = dict(sv.FILTERS)
    helpers.update(HELPERS, markdown=markup_html.to_html, block=markup.blocks, lista=lista)
    env.filters.update(helpers)
    env.globals.update(helpers)
    if bytecode_dir is not None:
        env.bytecode_cache = _bytecode_cache(env, Path(bytecode_dir))
    return env


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates kept between runs, like Python's ``__pycache__``.

    Jinja checks each entry against the template's source, so an edited template is compiled
    again. Entries are written atomically, and one that cannot be read is ignored.
    """

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                bucket.write_bytecode(f)
            os.replace(tmp, self._get_cache_filename(bucket))
        except OSError:  # a cache that cannot be written only makes the next run slower
            pass


@jinja2.pass_context
def _markdown_finalize(context, value):
    """What a template prints: in a ``.md.j2`` template a string that is not Markdown (a name, a
    title, a figure in words) is escaped as text, so content can never become a link, an image,
    HTML or a new paragraph there; Markdown fields and the helpers' Markdown pass as they are.
    Other templates print values unchanged (HTML and XML autoescape; text files are text)."""
    # Called for every value every template prints: the exact-type test first, as it is cheapest
    # (MarkdownText, markupsafe's Markup, numbers and undefined values all fail it).
    if value.__class__ is str and (context.name or "").endswith(".md.j2"):
        return markup_escape.escape_text(value)
    return value


def _bytecode_cache(env: jinja2.Environment, folder: Path) -> _CompiledTemplates | None:
    """The compiled-template cache in ``folder`` for this Jinja, Python, set of options and
    helpers (None when no cache folder can be made)."""
    # Jinja keys entries by template name and source only; compiled code also depends on the
    # environment's options and on which filters exist, so each combination has its own folder.
    identity = repr((jinja2.__version__, sys.version, env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline,
                     getattr(env.finalize, "__qualname__", None),
                     env.autoescape("x.html.j2"), env.autoescape("x.md.j2"), sorted(env.filters), sorted(env.tests),
                     env.undefined.__name__))
    own = folder / ("jinja-" + hashlib.blake2b(identity.encode(), digest_size=8).hexdigest())
    try:
        own.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _CompiledTemplates(str(own))


def lista(items, konj: str = "och") -> str:
    """:func:`pressrum.sv.lista` for templates: a list with Markdown in it (links from ``lank``)
    is Markdown, its plain items escaped as text; a list of text is text."""
    items = list(items)
    if any(isinstance(item, markup.MarkdownText) for item in items):
        return markup.MarkdownText(sv.lista([item if isinstance(item, markup.MarkdownText) else markup_escape.escape_text(str(item))
                                             for item in items], konj))
    return sv.lista(items, konj)
