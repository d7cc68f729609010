"""The built newsroom in a real browser: Debian's Chromium driven by Playwright, with axe-core.

* axe-core (bundled with the PyPI package axe-playwright-python) runs with the WCAG 2.1 A and AA
  tags on every page type, at 1280 and 375 px: zero violations.
* No page scrolls sideways at 320 px.
* The skip link and every link show a visible focus ring; a release prints without navigation.

Each site is served by the standard library's http.server on 127.0.0.1 in a thread; one
Chromium runs for the whole module. Never ``playwright install``: the tests use
/usr/bin/chromium and skip, with that reason, only when it is absent.
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a real browser on every page type: not in the edit loop (-m "not slow")

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.is_file():
    pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium); "
                "browser tests need Debian's Chromium", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (1280, 375)
PAGE_TYPES = {  # one page of each type, in both sites
    "bundled": {
        "start": "", "national release": "2021/beslut/", "local release": "2021/beslut/skane/",
        "round": "2021/", "county": "lan/skane/", "404": "404.html", "accessibility statement": "tillganglighet/",
    },
    "multi": {
        "start": "", "national release": "2023/beslut/", "local release": "2023/beslut/gotland/",
        "corrected local release": "2023/beslut/skane/", "round with ranks": "2023/", "round without ranks": "2022/",
        "county": "lan/vastra-gotaland/", "404": "404.html", "accessibility statement": "tillganglighet/",
    },
}
CASES = [(site, kind, width) for site in PAGE_TYPES for kind in PAGE_TYPES[site] for width in WIDTHS]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def servers(bundled_site, multi_site):
    """Each site served from its own root on a free 127.0.0.1 port; stopped after the module."""
    running = {}
    for name, root in (("bundled", bundled_site), ("multi", multi_site)):
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        running[name] = (httpd, thread, root)
    yield {name: (f"http://127.0.0.1:{httpd.server_address[1]}/", root) for name, (httpd, _, root) in running.items()}
    for httpd, thread, _ in running.values():
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def contexts(browser):
    """One browser context per width, sv-SE and Stockholm time like the newsroom's readers."""
    made = {w: browser.new_context(viewport={"width": w, "height": 800}, locale="sv-SE",
                                   timezone_id="Europe/Stockholm", java_script_enabled=True)
            for w in (*WIDTHS, 320)}
    yield made
    for ctx in made.values():
        ctx.close()


def open_page(contexts, servers, site: str, path: str, width: int):
    base, _ = servers[site]
    page = contexts[width].new_page()
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("pageerror", lambda e: failed.append(f"JavaScript error: {e}"))
    page.goto(base + path, wait_until="load")
    return page, failed


@pytest.mark.parametrize("site, kind, width", CASES, ids=[f"{s}-{k.replace(' ', '-')}-{w}" for s, k, w in CASES])
def test_axe_finds_no_wcag21_aa_violations(contexts, servers, site, kind, width):
    page, failed = open_page(contexts, servers, site, PAGE_TYPES[site][kind], width)
    try:
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                           "resultTypes": ["violations"]})
        violations = results.response["violations"]
        report = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in violations]
        assert report == []
        assert results.response["testEngine"]["name"] == "axe-core"
        assert results.response["passes"], "axe ran no rules"
        assert failed == []
    finally:
        page.close()


def test_axe_would_report_a_violation(contexts, servers):
    """The axe wiring can fail: a page made worse in the browser is reported."""
    page, _ = open_page(contexts, servers, "multi", "", 1280)
    try:
        page.evaluate("""() => {
            document.documentElement.removeAttribute('lang');
            document.querySelector('main a').style.color = '#ccc';
        }""")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert {v["id"] for v in results.response["violations"]} >= {"html-has-lang", "color-contrast"}
    finally:
        page.close()


def all_pages(servers, site):
    _, root = servers[site]
    return sorted(p.relative_to(root).as_posix().removesuffix("index.html") for p in root.rglob("*.html"))


@pytest.mark.parametrize("site", sorted(PAGE_TYPES))
def test_no_page_scrolls_sideways_at_320_px(contexts, servers, site):
    wide = []
    pages = all_pages(servers, site)
    page, failed = open_page(contexts, servers, site, pages[0], 320)
    try:
        for path in pages:
            page.goto(servers[site][0] + path, wait_until="load")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide.append(f"{path or 'index.html'}: {width} px")
    finally:
        page.close()
    assert failed == []
    assert wide == []
    assert len(pages) == {"bundled": 8, "multi": 24}[site]  # with the privacy page, integritet/


def test_sideways_scroll_would_be_caught(contexts, servers):
    page, _ = open_page(contexts, servers, "multi", "", 320)
    try:
        page.evaluate("() => { document.querySelector('h1').style.width = '500px'; }")
        assert page.evaluate("document.documentElement.scrollWidth") > 320
    finally:
        page.close()


def test_skip_link_is_first_and_visible_with_a_focus_ring(contexts, servers):
    page, _ = open_page(contexts, servers, "multi", "2023/beslut/", 375)
    try:
        assert page.evaluate("document.querySelector('.skip').getBoundingClientRect().bottom") <= 0  # hidden until focused
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement, box = el.getBoundingClientRect(), style = getComputedStyle(el);
            return {text: el.textContent, top: box.top, bottom: box.bottom,
                    outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
        }""")
        assert focused["text"] == "Hoppa till innehållet"
        assert focused["top"] >= 0 and focused["bottom"] <= 800
        assert focused["outline"] == "solid" and focused["width"] >= 2
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "innehall"
    finally:
        page.close()


def test_every_link_has_a_visible_focus_ring(contexts, servers):
    page, _ = open_page(contexts, servers, "multi", "2023/beslut/skane/", 1280)
    try:
        count = page.evaluate("document.querySelectorAll('a[href]').length")
        rings = []
        for _ in range(count):
            page.keyboard.press("Tab")
            rings.append(page.evaluate("""() => {
                const s = getComputedStyle(document.activeElement);
                return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)];
            }"""))
        assert [r for r in rings if r[0] == "A" and (r[1] == "none" or r[2] < 2)] == []
        assert sum(r[0] == "A" for r in rings) >= count - 1
    finally:
        page.close()


def test_a_release_prints_without_navigation(contexts, servers):
    page, _ = open_page(contexts, servers, "multi", "2023/beslut/skane/", 1280)
    try:
        page.emulate_media(media="print")
        shown = page.evaluate("""() => Object.fromEntries(
            ['.site-header', '.site-footer', '.skip', '.related', '.downloads', 'h1', '.lead', '.body',
             '.fakta', '.contacts', '.about'].map(s => [s, getComputedStyle(document.querySelector(s)).display !== 'none']))""")
        assert shown == {".site-header": False, ".site-footer": False, ".skip": False, ".related": False,
                         ".downloads": False, "h1": True, ".lead": True, ".body": True, ".fakta": True,
                         ".contacts": True, ".about": True}
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
    finally:
        page.close()
