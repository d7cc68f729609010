"""The notify step: which feeds changed, and what it calls (only when pressrum.toml says so)."""
from __future__ import annotations

import sys
import types
from datetime import datetime
from pathlib import Path

import pytest

from pressrum.publish import publish, versions
from pressrum.publish.config import Config


def feed(url: str, item: str) -> bytes:
    return (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><link href="{url}" rel="self"/>'
            f"<entry>{item}</entry></feed>").encode()


def site(folder: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return folder


def test_changed_feeds_are_those_whose_bytes_differ(tmp_path):
    before = site(tmp_path / "a", {"atom.xml": feed("https://p.se/atom.xml", "1"),
                                   "skane/atom.xml": feed("https://p.se/skane/atom.xml", "1"),
                                   "index.html": b"x"})
    after = site(tmp_path / "b", {"atom.xml": feed("https://p.se/atom.xml", "1"),
                                  "skane/atom.xml": feed("https://p.se/skane/atom.xml", "2"),
                                  "uppsala/rss.xml": feed("https://p.se/uppsala/rss.xml", "1"),
                                  "index.html": b"y"})
    assert publish.changed_feeds(after, before) == ("https://p.se/skane/atom.xml", "https://p.se/uppsala/rss.xml")
    assert publish.changed_feeds(after, None) == ("https://p.se/atom.xml", "https://p.se/skane/atom.xml",
                                                  "https://p.se/uppsala/rss.xml")
    assert publish.changed_feeds(before, before) == ()


@pytest.fixture
def fakes(monkeypatch):
    calls = []
    websub = types.ModuleType("pressrum.publish.websub")
    websub.ping = lambda hub, urls, timeout=10.0: calls.append(("ping", hub, tuple(urls)))
    mail = types.ModuleType("pressrum.mail")
    mail.deliver = lambda result, site_dir, **kw: calls.append(("deliver", result, site_dir, kw["dry_run"], kw["content"]))
    monkeypatch.setitem(sys.modules, "pressrum.publish.websub", websub)
    monkeypatch.setitem(sys.modules, "pressrum.mail", mail)
    # ``from . import websub`` takes the package's attribute when the real module was imported
    # before (by another test in this process), so the stand-ins go there too.
    import pressrum
    import pressrum.publish
    monkeypatch.setattr(pressrum.publish, "websub", websub, raising=False)
    monkeypatch.setattr(pressrum, "mail", mail, raising=False)
    return calls


NOW = datetime(2021, 5, 17, 10, 0)


@pytest.mark.parametrize("config, feeds, dry_run, expected_calls, expected_log", [
    (Config(), ("https://p.se/atom.xml",), False, [], []),
    (Config(hub="https://hub.se/"), (), False, [], []),
    (Config(hub="https://hub.se/"), ("https://p.se/atom.xml",), False,
     [("ping", "https://hub.se/", ("https://p.se/atom.xml",))], ["hubben https://hub.se/ meddelad: ett flöde har ändrats"]),
    (Config(hub="https://hub.se/"), ("a", "b"), True, [], ["skulle meddela hubben https://hub.se/: två flöden har ändrats"]),
    (Config(mail=True), (), True, [("deliver", "R", Path("s"), True, Path("innehall"))], []),
])
def test_notify_calls_only_what_is_configured(fakes, config, feeds, dry_run, expected_calls, expected_log):
    log = []
    publish.notify(config, "R", Path("s"), feeds, content=Path("innehall"), now=NOW, environ={}, dry_run=dry_run, log=log.append)
    assert fakes == expected_calls
    assert log == expected_log


def test_version_numbers_count_up_whatever_is_partial(tmp_path):
    (tmp_path / "000001").mkdir()
    (tmp_path / "000003.ny-999999999").mkdir()
    assert versions.next_name(tmp_path) == "000004"
    assert versions.finished(tmp_path) == ["000001"]
    versions.remove_partial(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["000001"]
