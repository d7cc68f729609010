"""Jinja's Environment with four of its per-render costs taken out, output unchanged.

A build renders some 12 000 templates and blocks and makes some 72 000 calls from templates
per 1 000 releases; four costs of Jinja's own grew with those counts, and none buys this
project anything:

* A template's globals are a ``collections.ChainMap`` over the environment's, and every render
  copies them twice (``dict(globals, **vars)`` and ``set(globals)`` in
  ``jinja2.runtime.new_context``), iterating the ChainMap in Python: 38 helpers each time,
  0.75 s of an 11 s profile at 1 000 releases. Here they are one plain dict, copied in C.
* Every call in a template (``datumtid(r.published)``, ``url('')``) goes through
  ``Context.call``, which asks three times whether the callable wants the context, the
  evaluation context or the environment passed in. A plain function or method that is not
  marked so is called directly here: about 2 µs less per call.
* An autoescaping template escapes every value it prints with ``markupsafe.escape``, two
  Python calls (``escape`` and ``Markup.__new__``) around markupsafe's C escaping. Here a
  plain ``str`` (most of what a page prints) is escaped by that C function and made Markup
  without them (:func:`escape`): 1.2 -> 0.6 µs a value; anything else goes to markupsafe.
* ``get_template`` looks a template up in a plain dict when templates are not reloaded.

``tests/test_render_fast_paths.py`` builds every fixture with this and with
``jinja2.Environment`` and compares every byte.
"""
from __future__ import annotations

import types

import jinja2
import markupsafe
from jinja2.runtime import Context
from jinja2.utils import internalcode

# Callables that Context.call would call unchanged unless marked with jinja_pass_arg (a
# function's or a bound method's attribute; builtins and method-wrappers cannot carry it).
_PLAIN = frozenset({types.FunctionType, types.MethodType, types.BuiltinFunctionType})


class FastContext(Context):
    """Jinja's Context, calling an unmarked function or method without asking what it wants."""

    @internalcode
    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        if __obj.__class__ in _PLAIN and not hasattr(__obj, "jinja_pass_arg"):
            if kwargs:  # passed inside loops and blocks; only a pass_context function takes them
                kwargs.pop("_loop_vars", None)
                kwargs.pop("_block_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined("value was undefined because a callable raised a"
                                                    " StopIteration exception")
        return super().call(__obj, *args, **kwargs)


# markupsafe's C escaping of a str (markupsafe 3.0; a version without it keeps its own escape).
_ESCAPE_STR = getattr(markupsafe, "_escape_inner", None)


def escape(value):
    """``markupsafe.escape(value)``, the same Markup: an exact ``str`` (no ``__html__``, not a
    subclass) by markupsafe's C escaping, made Markup by ``str.__new__`` as ``Markup.__new__``
    itself does for such a value; anything else by markupsafe."""
    if value.__class__ is str:
        return str.__new__(markupsafe.Markup, _ESCAPE_STR(value))
    return markupsafe.escape(value)


class FastTemplate(jinja2.Template):
    """Jinja's Template, whose compiled code prints through :func:`escape`."""

    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):
        template = super().from_code(environment, code, globals, uptodate)
        # The template's functions read ``escape`` from the one namespace its code ran in.
        namespace = template.root_render_func.__globals__
        if _ESCAPE_STR is not None and namespace.get("escape") is markupsafe.escape:
            namespace["escape"] = escape
        return template


class FastEnvironment(jinja2.Environment):
    """Jinja's Environment, with a template's globals one plain dict, :class:`FastContext` and
    :class:`FastTemplate`.

    The globals are copied when a template loads. The environment's are all set before any
    template loads (``render.make_environment``), and Jinja's documentation asks that they not
    change after, so the copy misses nothing.
    """

    context_class = FastContext
    template_class = FastTemplate

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept: dict = {}

    def make_globals(self, d):
        return {**self.globals, **(d or {})}

    def get_template(self, name, parent=None, globals=None):
        """Jinja's, with each template once loaded kept in a plain dict while templates are not
        reloaded (``auto_reload`` off, as a build sets it): Jinja's own cache makes a weak
        reference, takes a lock and moves the name in its LRU queue at every lookup, some ten
        per release (a release's blocks, its pages, their base and includes)."""
        if globals or self.auto_reload or self.cache is None or name.__class__ is not str:
            return super().get_template(name, parent, globals)
        if parent is not None:
            name = self.join_path(name, parent)
        key = (self.loader, name)
        template = self._kept.get(key)
        if template is None:
            template = self._kept[key] = super().get_template(name)
        return template

    def overlay(self, *args, **kwargs):
        rv = super().overlay(*args, **kwargs)
        rv._kept = {}  # not the templates of this environment
        return rv
