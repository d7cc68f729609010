"""Templates phrase; Python computes: no template under templates/ compares, does arithmetic,
sums, sorts, ranks or counts. Every decision arrives from Python as a named fact the template
only tests for truth or prints (``b.all_municipalities``, ``vinkel.topp``, ``variant.first``).

Each template is parsed with Jinja's own parser and every node is walked, so the rule holds for
templates not yet written too. String concatenation with ``~`` is phrasing and allowed.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"

ARITHMETIC = (nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv, nodes.Mod, nodes.Pow)
# Filters that sum, sort, rank, count or pick by comparing.
COMPUTING_FILTERS = {"sort", "sum", "length", "count", "max", "min", "selectattr", "rejectattr", "groupby",
                     "unique", "dictsort"}
# Tests that compare (``x is eq 2``, ``x is in y``, ``n is odd``), also as select("gt", 1).
COMPARING_TESTS = {"eq", "equalto", "==", "ne", "!=", "lt", "lessthan", "<", "le", "<=", "gt", "greaterthan", ">",
                   "ge", ">=", "in", "sameas", "divisibleby", "odd", "even"}
# Filters that take a filter's or test's name as their first argument.
BY_NAME = {"map": COMPUTING_FILTERS, "select": COMPARING_TESTS, "reject": COMPARING_TESTS}


def _is_text(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Const) and isinstance(node.value, str)


def computations(source: str) -> list[tuple[int, str]]:
    """Every place in a template's source that computes instead of phrasing: (line, what)."""
    found = []
    for node in jinja2.Environment().parse(source).find_all(nodes.Node):
        if isinstance(node, nodes.Compare):
            ops = ", ".join(op.op for op in node.ops)
            found.append((node.lineno, f"comparison ({ops})"))
        elif isinstance(node, ARITHMETIC) and not (_is_text(node.left) and _is_text(node.right)):
            found.append((node.lineno, f"arithmetic ({node.operator})"))
        elif isinstance(node, nodes.Filter) and node.name in COMPUTING_FILTERS:
            found.append((node.lineno, f"filter {node.name}"))
        elif isinstance(node, nodes.Test) and node.name in COMPARING_TESTS:
            found.append((node.lineno, f"test {node.name}"))
        if isinstance(node, nodes.Filter) and node.name in BY_NAME and node.args and _is_text(node.args[0]) \
                and node.args[0].value in BY_NAME[node.name]:
            found.append((node.lineno, f"filter {node.name}({node.args[0].value!r})"))
    return sorted(found)


def _templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.j2"))


def test_there_are_templates_to_check():
    names = {p.relative_to(TEMPLATES).as_posix() for p in _templates()}
    assert {"releases/beslut/lokal.md.j2", "releases/beslut/nationell.md.j2", "site/release.html.j2"} <= names


@pytest.mark.parametrize("path", _templates(), ids=lambda p: p.relative_to(TEMPLATES).as_posix())
def test_a_template_only_phrases(path):
    found = [f"{path.relative_to(ROOT)}:{line}: {what}" for line, what in computations(path.read_text(encoding="utf-8"))]
    assert not found, "a template computes; move the decision into Python as a named fact:\n" + "\n".join(found)


# (source, what the walk must find): the check itself, so that a template cannot slip past it.
CASES = [
    ("{% if a > 1 %}x{% endif %}", [(1, "comparison (gt)")]),
    ("{{ 'a' if v == 'topp' else 'b' }}", [(1, "comparison (eq)")]),
    ("{% if v in ('a', 'b') %}x{% endif %}", [(1, "comparison (in)")]),
    ("{% if not a < b %}x{% endif %}", [(1, "comparison (lt)")]),
    ("{{ a + 1 }}", [(1, "arithmetic (+)")]),
    ("\n{{ a - b }}{{ a * 2 }}{{ a / 2 }}{{ a // 2 }}{{ a % 2 }}{{ a ** 2 }}",
     [(2, "arithmetic (%)"), (2, "arithmetic (*)"), (2, "arithmetic (**)"), (2, "arithmetic (-)"),
      (2, "arithmetic (/)"), (2, "arithmetic (//)")]),
    ("{{ xs | length }}", [(1, "filter length")]),
    ("{{ xs | count }}{{ xs | sum }}{{ xs | sort }}", [(1, "filter count"), (1, "filter sort"), (1, "filter sum")]),
    ("{{ xs | max }}{{ xs | min }}{{ xs | unique }}{{ d | dictsort }}",
     [(1, "filter dictsort"), (1, "filter max"), (1, "filter min"), (1, "filter unique")]),
    ("{{ xs | selectattr('a') | list }}", [(1, "filter selectattr")]),
    ("{{ xs | rejectattr('a') | list }}{{ xs | groupby('a') }}", [(1, "filter groupby"), (1, "filter rejectattr")]),
    ("{{ xs | map('length') | list }}", [(1, "filter map('length')")]),
    ("{{ xs | select('gt', 1) | list }}", [(1, "filter select('gt')")]),
    ("{% if n is eq 2 %}x{% endif %}{% if n is odd %}y{% endif %}", [(1, "test eq"), (1, "test odd")]),
    # phrasing: truth tests, printing, joining words, helpers and attribute lookups
    ("{% if b.all_municipalities %}alla{% elif m.both %}båda{% endif %}", []),
    ("{{ 'i ' ~ tal(n, 'ett') ~ ' län' if n else '' }}", []),
    ("{% if x is not none %}{{ x }}{% endif %}{{ xs | map('aktorer') | list }}{{ xs[0] }}", []),
    ("{% for l in ls %}{{ l }}{{ ', ' if not loop.last }}{% endfor %}{{ 'a' + 'b' }}", []),
]


@pytest.mark.parametrize("source, expected", CASES, ids=[c[0] for c in CASES])
def test_the_walk_finds_every_computation(source, expected):
    assert computations(source) == expected
