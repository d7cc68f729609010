"""The S3 target against a real S3 API: moto's server mode on 127.0.0.1 and a free port, driven
with boto3. Each test gets a bucket of its own; the server is started here and stopped after."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CONTENT, NOW, TEMPLATES, run_cli

boto3 = pytest.importorskip("boto3")
pytest.importorskip("moto")

from pressrum.errors import BuildFailed  # noqa: E402
from pressrum.publish import s3  # noqa: E402

KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_moto(extra_env: dict | None = None):
    port = free_port()
    env = {**os.environ, **(extra_env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    proc.kill()
    pytest.fail("moto's server did not start")


def stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def moto_url():
    proc, url = start_moto()
    yield url
    stop(proc)


@pytest.fixture
def bucket(moto_url, request):
    name = re.sub(r"[^a-z0-9-]", "-", request.node.name.lower())[:50].strip("-")
    client = boto3.client("s3", endpoint_url=moto_url, aws_access_key_id="testing",
                          aws_secret_access_key="testing", region_name="us-east-1")
    client.create_bucket(Bucket=name)
    return client, name


class Recorder:
    """Records every PUT and DELETE the target sends, in order (boto3's event hooks)."""

    def __init__(self):
        self.calls: list[tuple[str, str]] = []

    def install(self, target):
        original = target._client

        def client():
            c = original()
            c.meta.events.register("before-parameter-build.s3.PutObject",
                                   lambda params, **_: self.calls.append(("put", params["Key"])))
            c.meta.events.register("before-parameter-build.s3.DeleteObjects",
                                   lambda params, **_: self.calls.append(("delete", "")))
            return c
        object.__setattr__(target, "_client", client)
        return target

    def puts(self, prefix: str) -> list[str]:
        keys = []
        for kind, key in self.calls:
            if kind == "put":
                keys.append(key[len(prefix):])
        return keys


def build(out: Path, now: str = NOW, content: Path = CONTENT) -> Path:
    code, _, stderr = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out),
                              "--now", now, "--unpublish")
    assert code == 0, stderr
    return out


def deploy(url, endpoint, site, dry_run=False, recorder=None):
    target = s3.target(url, endpoint, KEYS)
    if recorder:
        recorder.install(target)
    log: list[str] = []
    return target.deploy(site, dry_run=dry_run, log=log.append), log


def test_bundled_site_uploads_with_content_types_and_a_second_deploy_moves_nothing(bucket, moto_url, tmp_path):
    client, name = bucket
    site = build(tmp_path / "releases")
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
                   and not p.name.startswith("."))
    done, _ = deploy(f"s3://{name}/nyheter", moto_url, site)
    assert (done.uploaded, done.unchanged, done.removed) == (len(files), 0, 0)
    listed = sorted(o["Key"] for o in client.list_objects_v2(Bucket=name)["Contents"])
    assert listed == ["nyheter/" + f for f in files]
    assert (site / ".pressrum-utdata").is_file() and "nyheter/.pressrum-utdata" not in listed  # the marker stays home
    expected = {
        "index.html": "text/html; charset=utf-8",
        "rss.xml": "application/rss+xml; charset=utf-8",
        "atom.xml": "application/atom+xml; charset=utf-8",
        "lan/skane/rss.xml": "application/rss+xml; charset=utf-8",
        "2021/beslut/index.txt": "text/plain; charset=utf-8",
        "2021/beslut/index.md": "text/markdown; charset=utf-8",
        "style.css": "text/css; charset=utf-8",
        "sitemap.xml": "application/xml; charset=utf-8",
        "robots.txt": "text/plain; charset=utf-8",
    }
    for key, kind in expected.items():
        head = client.head_object(Bucket=name, Key="nyheter/" + key)
        assert head["ContentType"] == kind, key
        assert head["CacheControl"] == (s3.OTHER_CACHE if kind.startswith(("text/plain", "text/markdown", "text/css"))
                                        else s3.PAGE_CACHE), key
    body = client.get_object(Bucket=name, Key="nyheter/index.html")["Body"].read()
    assert body == (site / "index.html").read_bytes()
    again, _ = deploy(f"s3://{name}/nyheter", moto_url, site)
    assert (again.uploaded, again.unchanged, again.removed) == (0, len(files), 0)


def test_one_county_edit_moves_only_the_changed_objects(bucket, moto_url, tmp_path):
    client, name = bucket
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    site = build(tmp_path / "releases", content=content)
    deploy(f"s3://{name}", moto_url, site)
    before = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    county = content / "rounds" / "2021" / "lan" / "skane.yaml"
    text = county.read_text("utf-8")
    edited = text.replace("Malmö stad", "Malmö kommun", 1)
    assert edited != text
    county.write_text(edited, "utf-8")
    build(site, content=content)
    after = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    changed = sorted(k for k in after if before.get(k) != after[k] and not k.startswith("."))
    assert changed and "style.css" not in changed
    recorder = Recorder()
    done, _ = deploy(f"s3://{name}", moto_url, site, recorder=recorder)
    assert sorted(recorder.puts("")) == changed
    assert (done.uploaded, done.removed) == (len(changed), 0)


def test_new_releases_are_uploaded_before_every_page_that_links_to_them(bucket, moto_url, tmp_path):
    client, name = bucket
    site = build(tmp_path / "releases", now="2021-05-17T09:00")  # before the decision: no releases yet
    deploy(f"s3://{name}/p", moto_url, site)
    present = {o["Key"][2:] for o in client.list_objects_v2(Bucket=name)["Contents"]}
    build(site)
    recorder = Recorder()
    deploy(f"s3://{name}/p", moto_url, site, recorder=recorder)
    order = recorder.puts("p/")
    assert "2021/beslut/skane/index.html" in order and "index.html" in order
    keys = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    base = "https://press.delmos.se/"
    up = set(present)
    checked = 0
    for key in order:
        if key.endswith((".html", ".xml")):
            data = (site / key).read_bytes()
            for target in s3.links(key, data, base, keys):
                back = target.endswith((".html", ".xml")) and key in s3.links(target, (site / target).read_bytes(), base, keys)
                if not back:  # two new releases linking to each other: one of them goes first
                    assert target in up, f"{key} uploaded before {target}, which it links to"
                    checked += 1
        up.add(key)
    assert checked > 20
    listing = [order.index(k) for k in ("index.html", "lan/skane/index.html", "2021/index.html", "rss.xml",
                                        "atom.xml", "sitemap.xml")]
    releases = [order.index(k) for k in ("2021/beslut/index.html", "2021/beslut/skane/index.html")]
    assert max(releases) < min(listing)


def test_removed_objects_go_only_after_everything_is_up(bucket, moto_url, tmp_path):
    client, name = bucket
    client.put_object(Bucket=name, Key="gammal/index.html", Body=b"<p>gammal</p>")
    client.put_object(Bucket=name, Key="utanfor.html", Body=b"x")
    site = build(tmp_path / "releases")
    recorder = Recorder()
    done, _ = deploy(f"s3://{name}", moto_url, site, recorder=recorder)
    assert done.removed == 2
    kinds = [kind for kind, _ in recorder.calls]
    assert kinds[-1] == "delete" and kinds.count("delete") == 1 and "delete" not in kinds[:-1]
    listed = {o["Key"] for o in client.list_objects_v2(Bucket=name)["Contents"]}
    assert "gammal/index.html" not in listed and "index.html" in listed


def test_dry_run_lists_and_moves_nothing(bucket, moto_url, tmp_path):
    client, name = bucket
    client.put_object(Bucket=name, Key="x/gammal.html", Body=b"x")
    site = build(tmp_path / "releases")
    done, log = deploy(f"s3://{name}/x", moto_url, site, dry_run=True)
    assert (done.uploaded, done.removed) == (0, 0)
    assert log[0].startswith(f"s3://{name}/x: 22 filer skulle laddas upp, 0 oförändrade, 1 skulle tas bort")
    assert "  skulle laddas upp: index.html" in log and "  skulle tas bort: gammal.html" in log
    assert log.index("  skulle laddas upp: 2021/beslut/index.html") < log.index("  skulle laddas upp: index.html")
    assert [o["Key"] for o in client.list_objects_v2(Bucket=name)["Contents"]] == ["x/gammal.html"]


def problem_of(excinfo) -> str:
    (problem,) = excinfo.value.problems
    return problem.text()


def test_missing_bucket_is_named(moto_url, bundled_site):
    with pytest.raises(BuildFailed) as excinfo:
        deploy("s3://finns-inte/nyheter", moto_url, bundled_site)
    assert problem_of(excinfo) == ("s3://finns-inte/nyheter: hinken finns-inte finns inte – kontrollera namnet i "
                                   "s3://-adressen eller skapa hinken")


def test_unreachable_endpoint_is_named(bundled_site):
    endpoint = f"http://127.0.0.1:{free_port()}"
    started = time.monotonic()
    with pytest.raises(BuildFailed) as excinfo:
        deploy("s3://hink", endpoint, bundled_site)
    assert problem_of(excinfo) == (f"s3://hink: kunde inte ansluta till {endpoint} – kontrollera adressen "
                                   "(--endpoint-url) och nätverket; det senast publicerade ligger kvar")
    assert time.monotonic() - started < 30


def test_missing_credentials_and_bad_url():
    with pytest.raises(BuildFailed) as excinfo:
        s3.target("s3://hink/mapp", None, {"AWS_ACCESS_KEY_ID": "x"})
    assert problem_of(excinfo) == ("s3://hink/mapp: inloggningsuppgifter saknas – sätt AWS_ACCESS_KEY_ID och "
                                   "AWS_SECRET_ACCESS_KEY i miljön")
    with pytest.raises(BuildFailed) as excinfo:
        s3.target("s3:/hink", None, KEYS)
    assert problem_of(excinfo).startswith("s3:/hink: adressen är inte en s3://-adress – ")


def test_wrong_credentials_are_named(bundled_site):
    # INITIAL_NO_AUTH_ACTION_COUNT=0: moto checks every request's signature against its IAM users.
    proc, url = start_moto({"INITIAL_NO_AUTH_ACTION_COUNT": "0"})
    try:
        with pytest.raises(BuildFailed) as excinfo:
            deploy("s3://hink/nyheter", url, bundled_site)
    finally:
        stop(proc)
    assert problem_of(excinfo) == ("s3://hink/nyheter: lagringen godtar inte inloggningsuppgifterna – kontrollera "
                                   "AWS_ACCESS_KEY_ID och AWS_SECRET_ACCESS_KEY i miljön")


@pytest.mark.parametrize("key, kind", [
    ("index.html", "text/html; charset=utf-8"), ("lan/skane/atom.xml", "application/atom+xml; charset=utf-8"),
    ("rss.xml", "application/rss+xml; charset=utf-8"), ("sitemap.xml", "application/xml; charset=utf-8"),
    ("a/b.CSV", "text/csv; charset=utf-8"), ("bild.png", "image/png"), ("okand.bin", "application/octet-stream"),
])
def test_content_type(key, kind):
    assert s3.content_type(key) == kind


@pytest.mark.parametrize("key, listing", [
    ("index.html", True), ("sitemap.xml", True), ("lan/skane/index.html", True), ("2021/index.html", True),
    ("2021/beslut/rss.xml", True), ("2021/beslut/index.html", False), ("tillganglighet/index.html", True),
    ("style.css", False), ("404.html", False),
])
def test_is_listing(key, listing):
    assert s3.is_listing(key) == listing
