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


@pytest.mark.parametrize("config, hub, feeds, dry_run, expected_calls, expected_log", [
    (Config(), None, ("https://p.se/atom.xml",), False, [], []),
    (Config(), "https://hub.se/", (), False, [], []),
    (Config(), "https://hub.se/", ("https://p.se/atom.xml",), False,
     [("ping", "https://hub.se/", ("https://p.se/atom.xml",))], ["hubben https://hub.se/ meddelad: ett flöde har ändrats"]),
    (Config(), "https://hub.se/", ("a", "b"), True, [], ["skulle meddela hubben https://hub.se/: två flöden har ändrats"]),
    (Config(mail=True), None, (), True, [("deliver", "R", Path("s"), True, Path("innehall"))], []),
])
def test_notify_calls_only_what_is_configured(fakes, config, hub, feeds, dry_run, expected_calls, expected_log):
    log = []
    publish.notify(config, "R", Path("s"), feeds, hub=hub, content=Path("innehall"), now=NOW, environ={},
                   dry_run=dry_run, log=log.append)
    assert fakes == expected_calls
    assert log == expected_log


def test_version_numbers_count_up_whatever_is_partial(tmp_path):
    (tmp_path / "000001").mkdir()
    (tmp_path / "000003.ny-999999999").mkdir()
    assert versions.next_name(tmp_path) == "000004"
    assert versions.finished(tmp_path) == ["000001"]
    versions.remove_partial(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["000001"]


@pytest.mark.parametrize("feed, expected", [
    ('<feed><link href="https://p.se/atom.xml" rel="self"/><link href="https://nav.se/" rel="hub"/></feed>', "https://nav.se/"),
    ('<rss><channel><atom:link rel="hub" href="https://nav.se/x"/></channel></rss>', "https://nav.se/x"),
    ('<rss><channel><atom:link rel="self" href="https://p.se/rss.xml"/></channel></rss>', None),
    (None, None),
])
def test_the_hub_pinged_is_the_one_the_feeds_name(tmp_path, feed, expected):
    if feed is not None:
        (tmp_path / "rss.xml").write_text(feed, encoding="utf-8")
    assert publish.hub_of(tmp_path) == expected


def test_a_hub_in_pressrum_toml_is_refused_with_where_it_goes(tmp_path):
    from pressrum.errors import BuildFailed
    from pressrum.publish import config as config_module

    (tmp_path / "content").mkdir()
    (tmp_path / "pressrum.toml").write_text('[publicera]\ntill = "/srv/www"\n\n[websub]\nhubb = "https://nav.se/"\n',
                                            encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        config_module.load(tmp_path / "content")
    (problem,) = caught.value.problems
    assert (problem.place.line, problem.message, problem.hint) == (
        4, "[websub] används inte längre",
        "ta bort avsnittet och skriv navets adress en gång, som websub-nav under nyhetsrum: i site.yaml "
        "– flödena anger då navet och publish meddelar det")
