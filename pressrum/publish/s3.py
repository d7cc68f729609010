"""The S3 target: the built site as objects under ``s3://bucket/prefix``, with boto3.

Only changed objects move. A file is unchanged when the object's ETag is the MD5 of the file:
for an object uploaded in one PUT without KMS encryption (the only way this target uploads; the
files are small) S3 and the S3-compatible stores set the ETag to the body's MD5, and the bucket
listing returns it, 1 000 objects a request, so deciding what changed costs no request per
object (a digest in the object's metadata would take a HEAD each). Where the ETag is not the
MD5 (a bucket encrypting with KMS) every file is simply uploaded again: slower, never wrong.

Order, so that no page ever links to an object that is not there yet: first what pages link to
(style sheet, text and Markdown copies, other files), then the pages, each after the changed
pages it links to (release pages before one another as their links allow), and the pages that
list releases – the start page, county pages, round pages, feeds and sitemap – last of all.
Objects no longer in the site are removed only after everything else is up.

Credentials come from the environment only (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``,
optionally ``AWS_SESSION_TOKEN``, ``AWS_REGION`` / ``AWS_DEFAULT_REGION``); never from content.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping
from urllib.parse import urljoin, urlparse

from .. import layout
from ..errors import BuildFailed, Place, Problem
from .target import Deployed

# What a browser or feed reader needs to read each file right; charset on every text type.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
}
FEED_TYPES = {"rss.xml": "application/rss+xml; charset=utf-8", "atom.xml": "application/atom+xml; charset=utf-8"}
# Pages and feeds change with every release: caches ask again after a minute. The style sheet
# and the rest keep their name across versions too (nothing is fingerprinted), so an hour at most.
PAGE_CACHE = "public, max-age=60"
OTHER_CACHE = "public, max-age=3600"

_LINK = re.compile(r'(?:href|src)="([^"#?]*)|<(?:loc|link)>([^<]*)</(?:loc|link)>')
_CONNECT_TIMEOUT = 5.0


@dataclass(frozen=True)
class Local:
    """A file of the built site as the target sees it."""

    key: str  # relative path, "2021/beslut/skane/index.html"
    path: Path
    md5: str
    content_type: str
    cache_control: str


def content_type(key: str) -> str:
    """The Content-Type an object is served with (``application/octet-stream`` for an unknown kind)."""
    name = posixpath.basename(key)
    return FEED_TYPES.get(name) or CONTENT_TYPES.get(posixpath.splitext(name)[1].lower(), "application/octet-stream")


def is_listing(key: str) -> bool:
    """True for the pages that list releases and so link to new ones: the start page, county
    pages and feeds, round pages (``<omgång>/index.html``), every feed and the sitemap."""
    parts = key.split("/")
    return (key in (layout.START_PAGE, layout.SITEMAP) or parts[0] == layout.COUNTIES
            or parts[-1] in layout.FEED_FILES or (len(parts) == 2 and parts[1] == "index.html"))


def local_files(site: Path) -> dict[str, Local]:
    """Every file of the built site by key; hidden files (the build's own marker) stay home."""
    files = {}
    for path in sorted(site.rglob("*")):
        key = path.relative_to(site).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in key.split("/")):
            continue
        kind = content_type(key)
        page = kind.startswith(("text/html", "application/")) and key.endswith((".html", ".xml"))
        files[key] = Local(key, path, hashlib.md5(path.read_bytes()).hexdigest(), kind,
                           PAGE_CACHE if page else OTHER_CACHE)
    return files


def links(key: str, data: bytes, base: str, keys) -> set[str]:
    """The keys of the site's files that the page ``key`` links to (relative links, and absolute
    ones under ``base``); a folder link means its ``index.html``."""
    page_url = urljoin(base, key)
    found = set()
    for href, text in _LINK.findall(data.decode("utf-8", "replace")):
        url = urljoin(page_url, (href or text).strip())
        if not url.startswith(base):
            continue
        target = urlparse(url[len(base):]).path
        target = target + "index.html" if target.endswith("/") or not target else target
        if target in keys and target != key:
            found.add(target)
    return found


def upload_order(changed: list[str], files: dict[str, Local], base: str) -> list[str]:
    """``changed`` in an order where a page comes after every changed page it links to (as far
    as links that go both ways allow), files that are not pages first, listing pages last."""
    changed_set = set(changed)
    tier = {key: 2 if is_listing(key) else 1 if files[key].cache_control == PAGE_CACHE else 0 for key in changed}
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(key: str) -> None:  # depth first, post-order: what a page links to goes before it
        state[key] = 1
        if tier[key]:
            for target in sorted(links(key, files[key].path.read_bytes(), base, files) & changed_set):
                if target not in state and tier[target] <= tier[key]:
                    visit(target)
        state[key] = 2
        order.append(key)

    for level in (0, 1, 2):
        for key in sorted(k for k in changed if tier[k] == level):
            if key not in state:
                visit(key)
    return order


def site_base(files: dict[str, Local]) -> str:
    """The newsroom's base URL, as the start page's canonical link says it ("" without one)."""
    start = files.get(layout.START_PAGE)
    if start is None:
        return ""
    found = re.search(r'<link rel="canonical" href="([^"]+)"', start.path.read_text("utf-8", "replace"))
    return found.group(1) if found else ""


@dataclass(frozen=True)
class S3Target:
    """``s3://bucket/prefix`` on AWS or an S3-compatible store at ``endpoint_url``."""

    label: str
    bucket: str
    prefix: str  # "" or "nyheter/"
    endpoint_url: str | None
    credentials: tuple[str, str, str | None, str]  # key id, secret, session token, region

    def _fail(self, message: str, hint: str) -> BuildFailed:
        return BuildFailed([Problem(Place(self.label), message, hint)])

    def _client(self):
        import boto3
        from botocore.config import Config
        key_id, secret, token, region = self.credentials
        # A fresh session with the keys given: boto3 would otherwise also read ~/.aws and the
        # instance metadata, and a publish must use what its environment says and nothing else.
        session = boto3.session.Session(aws_access_key_id=key_id, aws_secret_access_key=secret,
                                        aws_session_token=token, region_name=region)
        return session.client("s3", endpoint_url=self.endpoint_url, config=Config(
            connect_timeout=_CONNECT_TIMEOUT, read_timeout=60, retries={"max_attempts": 2, "mode": "standard"}))

    def _remote(self, client) -> dict[str, str]:
        """Every object under the prefix: key (relative to the prefix) → ETag without quotes."""
        remote = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix):
            for obj in page.get("Contents", ()):
                remote[obj["Key"][len(self.prefix):]] = obj["ETag"].strip('"')
        return remote

    def deploy(self, site: Path, *, dry_run: bool, log: Callable[[str], None]) -> Deployed:
        """Upload the changed files of ``site`` in link order, then remove what is gone."""
        from botocore.exceptions import BotoCoreError, ClientError
        started = time.monotonic()
        try:
            return self._deploy(site, dry_run, log, started)
        except ClientError as error:
            raise self._client_error(error) from None
        except BotoCoreError as error:
            raise self._transport_error(error) from None

    def _deploy(self, site: Path, dry_run: bool, log, started: float) -> Deployed:
        client = self._client()
        files = local_files(site)
        remote = self._remote(client)
        changed = [key for key, f in files.items() if remote.get(key) != f.md5]
        gone = sorted(set(remote) - set(files))
        order = upload_order(changed, files, site_base(files))
        verb = "skulle laddas upp" if dry_run else "laddas upp"
        log(f"{self.label}: {len(order)} filer {verb}, {len(files) - len(order)} oförändrade, "
            f"{len(gone)} {'skulle tas bort' if dry_run else 'tas bort'}")
        for key in order:
            f = files[key]
            if dry_run:
                log(f"  skulle laddas upp: {key}")
                continue
            with f.path.open("rb") as body:
                client.put_object(Bucket=self.bucket, Key=self.prefix + key, Body=body, ContentType=f.content_type,
                                  CacheControl=f.cache_control)
        for start in range(0, len(gone), 1000):  # one request per 1 000 objects, the API's limit
            batch = gone[start:start + 1000]
            if dry_run:
                for key in batch:
                    log(f"  skulle tas bort: {key}")
                continue
            client.delete_objects(Bucket=self.bucket, Delete={
                "Objects": [{"Key": self.prefix + key} for key in batch], "Quiet": True})
        return Deployed(0 if dry_run else len(order), len(files) - len(order), 0 if dry_run else len(gone),
                        round(time.monotonic() - started, 3))

    def _client_error(self, error) -> BuildFailed:
        code = error.response.get("Error", {}).get("Code", "")
        if code in ("InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "InvalidClientTokenId"):
            return self._fail("lagringen godtar inte inloggningsuppgifterna",
                              "kontrollera AWS_ACCESS_KEY_ID och AWS_SECRET_ACCESS_KEY i miljön")
        if code in ("AccessDenied", "Forbidden", "403"):
            return self._fail(f"kontot saknar behörighet till hinken {self.bucket}",
                              "ge kontot rätt att lista, ladda upp och ta bort objekt i hinken")
        if code in ("NoSuchBucket", "404"):
            return self._fail(f"hinken {self.bucket} finns inte",
                              "kontrollera namnet i s3://-adressen eller skapa hinken")
        return self._fail(f"lagringen svarade med ett fel ({code or 'okänt'})",
                          "försök igen om en stund; det senast publicerade ligger kvar")

    def _transport_error(self, error) -> BuildFailed:
        from botocore.exceptions import EndpointConnectionError, NoCredentialsError
        if isinstance(error, NoCredentialsError):
            return self._fail("inloggningsuppgifter saknas", "sätt AWS_ACCESS_KEY_ID och AWS_SECRET_ACCESS_KEY i miljön")
        where = self.endpoint_url or "Amazon S3"
        if isinstance(error, EndpointConnectionError):
            return self._fail(f"kunde inte ansluta till {where}",
                              "kontrollera adressen (--endpoint-url) och nätverket; det senast publicerade ligger kvar")
        return self._fail(f"förbindelsen med {where} bröts",
                          "försök igen om en stund; det senast publicerade ligger kvar")


def target(url: str, endpoint_url: str | None, environ: Mapping[str, str]) -> S3Target:
    """The target for ``s3://bucket/prefix``, with its credentials read from ``environ``."""
    parsed = urlparse(url)
    label = url
    if parsed.scheme != "s3" or not parsed.netloc:
        raise BuildFailed([Problem(Place(label), "adressen är inte en s3://-adress",
                                   "skriv s3://hink/mapp, till exempel s3://press-delmos/nyheter")])
    key_id, secret = environ.get("AWS_ACCESS_KEY_ID"), environ.get("AWS_SECRET_ACCESS_KEY")
    if not key_id or not secret:
        raise BuildFailed([Problem(Place(label), "inloggningsuppgifter saknas",
                                   "sätt AWS_ACCESS_KEY_ID och AWS_SECRET_ACCESS_KEY i miljön")])
    prefix = parsed.path.strip("/")
    region = environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    return S3Target(label, parsed.netloc, prefix + "/" if prefix else "", endpoint_url,
                    (key_id, secret, environ.get("AWS_SESSION_TOKEN"), region))
