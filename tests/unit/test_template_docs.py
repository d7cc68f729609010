"""Docs as tests: every helper a template can call is described in templates/README.md."""
from __future__ import annotations

import re
from pathlib import Path

from pressrum.render import make_environment

ROOT = Path(__file__).resolve().parents[2]
JINJA_BUILTINS = {"range", "dict", "lipsum", "cycler", "joiner", "namespace"}


def test_every_helper_is_documented():
    env = make_environment(ROOT / "templates")
    documented = set(re.findall(r"`([a-z_]+)", (ROOT / "templates/README.md").read_text(encoding="utf-8")))
    assert set(env.globals) - JINJA_BUILTINS - documented == set()


def test_every_release_kind_has_a_national_template():
    kinds = [p for p in (ROOT / "templates/releases").iterdir() if p.is_dir()]
    assert sorted(p.name for p in kinds) == ["ansokningar", "beslut", "inga-nya-bidrag", "installd", "nyhet", "redovisning", "tillagg",
                                                   "utlysning"]
    for kind in kinds:
        assert (kind / "nationell.md.j2").is_file()
