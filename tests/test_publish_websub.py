"""WebSub: the ping a hub receives (a stand-in hub on loopback records the POSTs), its faults, and
the hub and self links every feed carries when site.yaml names a hub."""
from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import threading
import urllib.parse
from pathlib import Path

import pytest
from lxml import etree

from conftest import CONTENT, NOW, TEMPLATES, run_cli
from pressrum.errors import BuildFailed
from pressrum.publish import websub

HUB = "https://hub.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
CHECK_FEEDS = Path("/work/shared/tools/check-feeds")


class Hub:
    """A WebSub hub stand-in: records each POST's path, headers and form fields, answers ``status``."""

    def __init__(self, status: int = 204, delay: float = 0.0):
        self.posts: list[dict] = []
        hub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"])).decode("ascii")
                hub.posts.append({"path": self.path, "type": self.headers["Content-Type"],
                                  "form": urllib.parse.parse_qsl(body, strict_parsing=True)})
                if delay:
                    threading.Event().wait(delay)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/nav"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_ping_posts_publish_and_each_feed():
    feeds = ["https://press.delmos.se/rss.xml", "https://press.delmos.se/lan/skane/atom.xml"]
    with Hub() as hub:
        websub.ping(hub.url, feeds)
    assert hub.posts == [{"path": "/nav", "type": "application/x-www-form-urlencoded",
                          "form": [("hub.mode", "publish"), ("hub.url", url)]} for url in feeds]


def test_hub_answering_an_error_is_named():
    with Hub(status=500) as hub:
        with pytest.raises(BuildFailed) as excinfo:
            websub.ping(hub.url, ["https://press.delmos.se/rss.xml"])
    assert [p.text() for p in excinfo.value.problems] == [
        f"{hub.url}: WebSub-navet svarade 500 på meddelandet om https://press.delmos.se/rss.xml – kontrollera "
        "navets adress (websub-nav i site.yaml); flödet är publicerat"]


def test_unreachable_hub_is_named_once():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    with pytest.raises(BuildFailed) as excinfo:
        websub.ping(url, ["https://a.se/rss.xml", "https://a.se/atom.xml"])
    assert [p.text() for p in excinfo.value.problems] == [
        f"{url}: WebSub-navet gick inte att nå – kontrollera adressen (websub-nav i site.yaml) och nätverket; "
        "flödena är publicerade"]


def test_slow_hub_times_out():
    with Hub(delay=2) as hub:
        with pytest.raises(BuildFailed) as excinfo:
            websub.ping(hub.url, ["https://a.se/rss.xml"], timeout=1)
    assert excinfo.value.problems[0].message == "WebSub-navet svarade inte inom en sekund"


def with_hub(tmp_path: Path, line: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    site = content / "site.yaml"
    text = site.read_text("utf-8")
    site.write_text(text.replace("  bas-url: https://press.delmos.se/\n",
                                 f"  bas-url: https://press.delmos.se/\n  {line}\n", 1), "utf-8")
    return content


def test_feeds_carry_hub_and_self_links(tmp_path):
    content = with_hub(tmp_path, f"websub-nav: {HUB}")
    out = tmp_path / "releases"
    code, _, stderr = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out),
                              "--now", NOW)
    assert code == 0, stderr
    feeds = sorted(out.rglob("*.xml"))
    feeds = [f for f in feeds if f.name in ("rss.xml", "atom.xml")]
    assert len(feeds) == 4
    for path in feeds:
        root = etree.parse(str(path)).getroot()
        parent = root.find("channel") if path.name == "rss.xml" else root
        links = {link.get("rel"): link.get("href") for link in parent.findall(f"{ATOM}link")}
        self_url = "https://press.delmos.se/" + path.relative_to(out).as_posix()
        assert links["hub"] == HUB and links["self"] == self_url, path
    if CHECK_FEEDS.exists():
        check = subprocess.run([str(CHECK_FEEDS), "--base-url", "https://press.delmos.se/", str(out)],
                               capture_output=True, text=True, timeout=120)
        assert check.returncode == 0, check.stdout + check.stderr
        # Not --strict: sitemap.xml, which is no feed, is a warning. Nothing else may be.
        warnings = [line for line in check.stdout.splitlines() if line.startswith("WARN")]
        assert all(line.startswith("WARN  sitemap.xml:") for line in warnings), check.stdout
    # The channel link stays the HTML page (feedgen takes RSS's <link> from the last link added).
    assert etree.parse(str(out / "rss.xml")).getroot().findtext("channel/link") == "https://press.delmos.se/"


def test_feeds_without_a_hub_have_no_hub_link(bundled_site):
    for name in ("rss.xml", "atom.xml"):
        assert b'rel="hub"' not in (bundled_site / name).read_bytes()


@pytest.mark.parametrize("value, message", [
    ("http://hub.example.org/", "'http://hub.example.org/' är ingen https-adress – skriv adressen med https://, "
                                "till exempel https://pubsubhubbub.appspot.com/"),
    ("navet", "'navet' är ingen fullständig webbadress – skriv adressen med https://, till exempel "
              "https://www.delmos.se"),
])
def test_hub_must_be_an_https_url(tmp_path, value, message):
    content = with_hub(tmp_path, f"websub-nav: {value}")
    code, stdout, stderr = run_cli("check", "--content", str(content), "--templates", str(TEMPLATES))
    assert code == 1
    line = next(i for i, text in enumerate((content / "site.yaml").read_text("utf-8").splitlines(), 1)
                if text.startswith("  websub-nav:"))
    assert f"site.yaml:{line}:15: {message}" in stdout + stderr
