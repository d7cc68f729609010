"""A corrected release links to the wording it replaced ("Tidigare version, publicerad …"),
kept from the publisher's archive: end to end with ``publish`` to a folder, and the archive's
index (``earlier.py``) table-driven."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from conftest import CONTENT, ROOT, TEMPLATES

from pressrum import earlier
from pressrum.release_models import Correction

STOCKHOLM = ZoneInfo("Europe/Stockholm")
ROUND = Path("rounds") / "2021" / "round.yaml"
OLD, NEW = "Nytt för i år är att Delmos", "Nytt för 2021 är att Delmos"


def _publish(tmp: Path, now: str) -> str:
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "publish", "--content", str(tmp / "content"),
                           "--templates", str(TEMPLATES), "--to", str(tmp / "www"), "--now", now],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "XDG_STATE_HOME": str(tmp / "state")})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _correct(content: Path, when: str, text: str, old: str, new: str) -> None:
    """Edit the national text as an editor correcting it would, and say so under rättelser."""
    path = content / ROUND
    data = path.read_text(encoding="utf-8")
    assert old in data
    data = data.replace(old, new, 1)
    entry = f"      - tid: {when}\n        text: {text}\n"
    if "    rättelser:\n" in data:
        data = data.replace("    rättelser:\n", "    rättelser:\n" + entry, 1)
    else:
        data = data.replace("    publiceras: 2021-05-17 10:00\n", "    publiceras: 2021-05-17 10:00\n    rättelser:\n" + entry, 1)
    path.write_text(data, encoding="utf-8")


def _page(www: Path, rel: str):
    return lxml.html.fromstring((www / rel).read_bytes())


def _of_class(node, *classes: str) -> list:
    """The elements of any of ``classes`` under ``node``, in document order."""
    test = " or ".join(f'contains(concat(" ", @class, " "), " {c} ")' for c in classes)
    return node.xpath(f"//*[{test}]")


def _words(node) -> str:
    return " ".join(node.text_content().split())


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """Published on 17 May, corrected on 18 May (one word) and on 20 May (another): the site
    after each publish, as the web server serves it."""
    tmp = tmp_path_factory.mktemp("tidigare")
    shutil.copytree(CONTENT, tmp / "content")
    _publish(tmp, "2021-05-17T12:00")
    _correct(tmp / "content", "2021-05-18 09:30", "Ett årtal var fel.", OLD, NEW)
    _publish(tmp, "2021-05-18T10:00")
    corrected_once = (tmp / "www" / "2021" / "beslut" / "index.html").read_bytes()
    _correct(tmp / "content", "2021-05-20 08:15", "Ett ord var fel.", "Myndigheten prioriterar", "Delmos prioriterar")
    _publish(tmp, "2021-05-20T09:00")
    return tmp, corrected_once


def test_a_corrected_release_links_to_each_wording_it_replaced(published):
    tmp, corrected_once = published
    www = tmp / "www"
    page = _page(www, "2021/beslut/index.html")
    links = [(_words(a), a.get("href")) for a in [a for p in _of_class(page, "earlier-link") for a in p.iter("a")]]
    assert links == [("Tidigare version, publicerad 17 maj 2021 kl. 10.00", "tidigare/1/"),
                     ("Tidigare version, publicerad 18 maj 2021 kl. 9.30", "tidigare/2/")]
    # Each link follows the correction that replaced that wording.
    order = [_words(p) for p in _of_class(page, "correction", "earlier-link")]
    assert order == ["Uppdaterad 18 maj 2021 kl. 9.30 – rättelse: Ett årtal var fel.",
                     "Tidigare version, publicerad 17 maj 2021 kl. 10.00",
                     "Uppdaterad 20 maj 2021 kl. 8.15 – rättelse: Ett ord var fel.",
                     "Tidigare version, publicerad 18 maj 2021 kl. 9.30"]
    # After the first correction only the first link was there.
    once = lxml.html.fromstring(corrected_once)
    assert [_words(a) for a in [a for p in _of_class(once, "earlier-link") for a in p.iter("a")]] == ["Tidigare version, publicerad 17 maj 2021 kl. 10.00"]


def test_an_earlier_version_is_the_wording_then_published_and_says_so(published):
    tmp, _ = published
    www = tmp / "www"
    first = _page(www, "2021/beslut/tidigare/1/index.html")
    text = _words(first)
    assert OLD in text and NEW not in text and "Myndigheten prioriterar" in text
    assert "Uppdaterad" not in text  # as first published: no correction yet
    banner = _of_class(first, "earlier-banner")[0]
    assert _words(banner) == ("Det här är en tidigare version av pressmeddelandet, publicerad 17 maj 2021 kl. 10.00. "
                              "Den har ersatts av en rättad version: läs den gällande versionen.")
    assert next(banner.iter("a")).get("href") == "../../"
    assert first.xpath('//meta[@name="robots"]')[0].get("content") == "noindex"
    second = _words(_page(www, "2021/beslut/tidigare/2/index.html"))
    assert NEW in second and "Myndigheten prioriterar" in second and "Delmos prioriterar" not in second
    assert "Uppdaterad 18 maj 2021 kl. 9.30 – rättelse: Ett årtal var fel." in second
    current = _words(_page(www, "2021/beslut/index.html"))
    assert NEW in current and "Delmos prioriterar" in current
    # Not a release of its own: not in the sitemap, nor in any feed.
    sitemap = (www / "sitemap.xml").read_text(encoding="utf-8")
    assert "tidigare" not in sitemap
    assert not [f for f in www.glob("**/*.xml") if "tidigare/" in f.read_text(encoding="utf-8")]


def test_a_plain_build_has_no_earlier_version(published):
    tmp, _ = published
    www = tmp / "www"
    # The corrections are the decision's: its local release shows them and keeps its wordings too.
    assert (www / "2021" / "beslut" / "skane" / "tidigare" / "2" / "index.html").is_file()
    # `build` has no archive: the correction is shown, with nothing to link to.
    out = tmp / "bygge"
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(tmp / "content"),
                           "--templates", str(TEMPLATES), "--out", str(out), "--now", "2021-05-21T12:00"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    page = _page(out, "2021/beslut/index.html")
    assert len(_of_class(page, "correction")) == 2 and not _of_class(page, "earlier-link")
    assert not (out / "2021" / "beslut" / "tidigare").exists()


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


def _shot(archive: Path, name: str, pages: dict[str, str], index: bool = True, md: str = "") -> None:
    """A snapshot as the publisher keeps it: the site (sitemap, each page's index.md) and its index."""
    site = archive / name
    urls = "".join(f"<url><loc>https://ex.se/{p}</loc><lastmod>{t}</lastmod></url>" for p, t in pages.items())
    site.mkdir(parents=True)
    (site / "sitemap.xml").write_text(f"<urlset><url><loc>https://ex.se/</loc></url>{urls}</urlset>", encoding="utf-8")
    for p in pages:
        (site / p).mkdir(parents=True, exist_ok=True)
        (site / p / "index.md").write_text(f"{md or name} {p}", encoding="utf-8")
    if index:
        previous = archive / f"{int(name) - 1:06d}"
        earlier.write_index(archive / f"{name}.sidor", site, previous if previous.is_dir() else None)


R = "2021/beslut/"
T0, T1, T2 = "2021-05-17T10:00:00+02:00", "2021-05-18T09:30:00+02:00", "2021-05-20T08:15:00+02:00"


@pytest.mark.parametrize("snapshots, corrections, expected", [
    # (snapshot pages per publish, correction times, per correction: (number, published, from snapshot) or None)
    ([{R: T0}, {R: T1}], [T1], [(1, T0, "000001")]),
    ([{R: T0}, {R: T0}, {R: T1}, {R: T2}], [T1, T2], [(1, T0, "000001"), (2, T1, "000003")]),
    # Two corrections published at once: the wording between them never went out.
    ([{R: T0}, {R: T2}], [T1, T2], [(1, T0, "000001"), None]),
    # The archive began after the correction: nothing to show.
    ([{R: T1}], [T1], [None]),
    ([], [T1], [None]),
    # Another release's versions are not this one's.
    ([{"2021/beslut/skane/": T0}], [T1], [None]),
])
def test_the_wording_each_correction_replaced(tmp_path, snapshots, corrections, expected):
    for i, pages in enumerate(snapshots, 1):
        _shot(tmp_path, f"{i:06d}", pages)
    found = earlier.read_archive(tmp_path).before(R, [Correction(tid=_at(t[:16]), text="x") for t in corrections])
    got = [(v.number, v.published, v.markdown.split()[0]) if v else None for v in found]
    assert got == [(e[0], datetime.fromisoformat(e[1]), e[2]) if e else None for e in expected]
    assert [v.path for v in found if v] == [f"{R}tidigare/{e[0]}/" for e in expected if e]


def test_an_archive_without_index_files_is_read_from_its_sitemaps(tmp_path):
    """Snapshots made before the index file existed: the same answer, from each sitemap."""
    for i, pages in enumerate([{R: T0}, {R: T0}, {R: T1}], 1):
        _shot(tmp_path / "med", f"{i:06d}", pages)
        _shot(tmp_path / "utan", f"{i:06d}", pages, index=False)
    with_index, without = earlier.read_archive(tmp_path / "med"), earlier.read_archive(tmp_path / "utan")
    assert not list((tmp_path / "utan").glob("*.sidor"))
    assert [(t, Path(s).name) for t, s in with_index.pages[R]] == [(t, Path(s).name) for t, s in without.pages[R]] \
        == [(datetime.fromisoformat(T0), "000001"), (datetime.fromisoformat(T1), "000003")]
    # The index holds only the pages whose wording is new in its snapshot.
    assert (tmp_path / "med" / "000002.sidor").read_text(encoding="utf-8") == ""
    assert (tmp_path / "med" / "000003.sidor").read_text(encoding="utf-8") == f"{T1}\t{R}\n"


def test_no_archive_no_earlier_versions(tmp_path):
    assert earlier.read_archive(None) is earlier.NO_ARCHIVE
    assert earlier.read_archive(tmp_path / "saknas") is earlier.NO_ARCHIVE
    assert earlier.NO_ARCHIVE.before(R, [Correction(tid=_at("2021-05-18T09:30"), text="x")]) == (None,)


def test_an_earlier_version_has_its_own_headline_as_its_one_heading(published):
    tmp, _ = published
    page = _page(tmp / "www", "2021/beslut/tidigare/1/index.html")
    current = _page(tmp / "www", "2021/beslut/index.html")
    assert [_words(h) for h in page.iter("h1")] == [_words(h) for h in current.iter("h1")]
    assert page.findtext(".//title").startswith("Tidigare version: ")
