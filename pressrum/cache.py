"""The build cache: skip work whose inputs have not changed, and never trust it blindly.

Two levels, both in ``.pressrum-cache/<output folder name>/`` beside the output folder (safe to
delete at any time; ``PRESSRUM_CACHE=0`` turns it off):

* ``site.json`` – the fingerprint of every input of the last successful build (each content
  and template file, the package's code and version, the versions of the libraries that shape
  the output, the options) with the size and modification time of every file it wrote. When
  nothing changed, the output is still exactly as written, and ``--now`` falls between the same
  two content times as before (a publication or correction time is what ``--now`` decides on),
  the build is already done.
* ``render.bin`` – each release's headline and rendered text (Markdown, HTML, plain text), keyed
  by a hash of everything its rendering reads: the release's facts, its round, the site, the
  links to its national or local releases, the templates, the code. Only releases whose key is
  new are rendered.

A cache file is only used when its checksum, format and Python version match; anything else
(a truncated write, a flipped bit, a file from another version) is ignored and rebuilt. Files
are replaced atomically, and written only after the output itself was written successfully.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import marshal
import os
import sys
import types
import zlib
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

FORMAT = 1
CACHE_DIR = ".pressrum-cache"
PACKAGE = Path(__file__).resolve().parent
STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Libraries whose version can change the bytes of the output.
LIBRARIES = ("jinja2", "markdown", "nh3", "feedgen", "babel", "pydantic", "pydantic-core", "pyyaml", "lxml",
             "markupsafe", "tzdata")
_RENDER_MAGIC = b"PRESSRUM-RENDER-CACHE\n"


def enabled() -> bool:
    """False when ``PRESSRUM_CACHE=0``: every build is then a full build."""
    return os.environ.get("PRESSRUM_CACHE", "1") != "0"


def cache_dir(out: Path) -> Path:
    out = Path(out).expanduser().resolve()
    return out.parent / CACHE_DIR / out.name


def package_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("pressrum")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a plain checkout
        return "0"


def _library_versions() -> str:
    from importlib import metadata

    out = []
    for name in LIBRARIES:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=-")
    return ";".join(out)


@lru_cache(maxsize=1)
def _code_files_digest() -> str:
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".csv", ".json", ".txt") and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def code_fingerprint() -> str:
    """The code that renders: this package's files, its version, Python's and the libraries' versions."""
    h = hashlib.blake2b(digest_size=16)
    for part in (f"format={FORMAT}", sys.version, package_version(), _library_versions(), _code_files_digest()):
        h.update(part.encode() + b"\0")
    return h.hexdigest()


def tree_fingerprint(root: Path) -> str:
    """Every file and folder name under ``root`` with the bytes of every file."""
    h = hashlib.blake2b(digest_size=16)
    root = Path(root)
    if not root.exists():
        return "missing"
    seen: set[tuple[int, int]] = set()
    # Follow linked folders, as the loaders do (a round folder may be a link); each folder once.
    for folder, dirs, files in os.walk(root, followlinks=True):
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:
            dirs.clear()
            h.update(b"L" + os.path.relpath(folder, root).encode("utf-8", "surrogateescape") + b"\0")
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs.sort()
        rel = os.path.relpath(folder, root)
        h.update(b"D" + rel.encode("utf-8", "surrogateescape") + b"\0")
        for name in sorted(files):
            path = os.path.join(folder, name)
            h.update(b"F" + name.encode("utf-8", "surrogateescape") + b"\0")
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError:
                data = b"\xff unreadable"
            h.update(len(data).to_bytes(8, "little") + data)
    return h.hexdigest()


def _checksum(data) -> str:
    return f"{zlib.crc32(data):08x}"


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def content_times(content) -> tuple[datetime, ...]:
    """Every date and time in the loaded content: the only moments at which ``--now`` can matter.

    A date counts as the midnights (Swedish time) that begin and end it, so a rule by day
    ("published on or before today") is covered as well as one by the minute.
    """
    from pydantic import BaseModel

    from .sources import Source

    found: set[datetime] = set()
    seen: set[int] = set()
    stack: list = [content]
    while stack:
        value = stack.pop()
        if isinstance(value, datetime):
            found.add(value)
        elif isinstance(value, date):
            start = datetime.combine(value, time.min, tzinfo=STOCKHOLM)
            found.update((start, datetime.combine(value + timedelta(days=1), time.min, tzinfo=STOCKHOLM)))
        elif isinstance(value, (str, bytes, int, float, Source)) or value is None or id(value) in seen:
            continue
        elif isinstance(value, BaseModel):
            seen.add(id(value))
            stack.extend(getattr(value, name) for name in type(value).model_fields)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            seen.add(id(value))
            stack.extend(getattr(value, f.name) for f in dataclasses.fields(value))
        elif isinstance(value, (tuple, list, set, frozenset)):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
    return tuple(sorted(found))


def _window(times: tuple[datetime, ...], now: datetime) -> tuple[str | None, str | None]:
    """The last content time at or before ``now`` and the first after it (ISO, None when none)."""
    before = [t for t in times if t <= now]
    after = [t for t in times if t > now]
    return (max(before).isoformat() if before else None, min(after).isoformat() if after else None)


def _in_window(now: datetime, previous: str, lo: str | None, hi: str | None) -> bool:
    if now == datetime.fromisoformat(previous):
        return True
    return (lo is None or datetime.fromisoformat(lo) < now) and (hi is None or now < datetime.fromisoformat(hi))


def _output_state(out: Path) -> dict[str, list[int]]:
    """Size and modification time (ns) of every file under ``out``, by relative path."""
    state: dict[str, list[int]] = {}
    stack = [(str(out), "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, rel + "/"))
                else:
                    st = entry.stat(follow_symlinks=False)
                    state[rel] = [st.st_size, st.st_mtime_ns]
    return state


class Store:
    """The cache of one output folder for one set of options."""

    def __init__(self, content: Path, templates: Path, out: Path, drafts: bool):
        self.dir = cache_dir(out)
        self.out = Path(out).expanduser().resolve()
        self.templates_fingerprint = tree_fingerprint(templates)
        self.code = code_fingerprint()
        # Everything that shapes how a release renders, except its own facts.
        self.salt = hashlib.blake2b(f"{self.code}|{self.templates_fingerprint}".encode(), digest_size=16).hexdigest()
        options = f"{Path(content).resolve()}|{Path(templates).resolve()}|{self.out}|{bool(drafts)}"
        self.inputs = hashlib.blake2b(
            f"{self.salt}|{tree_fingerprint(content)}|{options}".encode(), digest_size=16).hexdigest()

    # --- level 1: the whole site --------------------------------------------------------------

    def unchanged_site(self, now: datetime) -> tuple[int, int, int] | None:
        """(releases, drafts, files) of the last build when it is still exactly right, else None."""
        manifest = self._read_manifest()
        if manifest is None or manifest.get("inputs") != self.inputs:
            return None
        try:
            if not _in_window(now, manifest["now"], manifest["after"], manifest["before"]):
                return None
            if not self.out.is_dir() or _output_state(self.out) != manifest["output"]:
                return None
            return int(manifest["releases"]), int(manifest["drafts"]), int(manifest["files"])
        except (KeyError, TypeError, ValueError, OSError):
            return None

    def save_site(self, now: datetime, times: tuple[datetime, ...], releases: int, drafts: int, files: int) -> None:
        try:
            after, before = _window(times, now)
        except TypeError:  # a time without a zone cannot be placed: no shortcut for this build
            return
        manifest = {"format": FORMAT, "inputs": self.inputs, "now": now.isoformat(), "after": after,
                    "before": before, "releases": releases, "drafts": drafts, "files": files,
                    "output": _output_state(self.out)}
        payload = json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode()
        self._write(self.dir / "site.json", _checksum(payload).encode() + b"\n" + payload)

    def _read_manifest(self) -> dict | None:
        try:
            data = (self.dir / "site.json").read_bytes()
            check, _, payload = data.partition(b"\n")
            if check.decode() != _checksum(payload):
                return None
            manifest = json.loads(payload)
            return manifest if isinstance(manifest, dict) and manifest.get("format") == FORMAT else None
        except (OSError, ValueError, UnicodeDecodeError):
            return None

    # --- level 2: rendered releases -----------------------------------------------------------

    def render_memo(self) -> RenderMemo:
        return RenderMemo(self.dir / "render.bin", self.salt)

    def _write(self, path: Path, data: bytes) -> None:
        try:
            _write_atomically(path, data)
        except OSError:  # a cache that cannot be written only makes the next build slower
            pass


class RenderMemo:
    """Rendered headlines and texts by key; what this build used is what the next one can reuse."""

    def __init__(self, path: Path, salt: str):
        self.path = path
        self.salt = salt
        self.old = self._load()
        self.new: dict[str, object] = {}
        self.fingerprints = Fingerprints()

    def _header(self) -> bytes:
        return _RENDER_MAGIC + f"{FORMAT} {sys.version_info[:3]} {self.salt}\n".encode()

    def _load(self) -> dict:
        """The entries of the last build, or nothing when the file is missing, foreign or damaged."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        header = self._header()
        if not data.startswith(header):
            return {}
        check, payload = data[len(header):len(header) + 8], memoryview(data)[len(header) + 8:]
        if check.decode("ascii", "replace") != _checksum(payload):
            return {}
        entries: dict = {}
        stream = io.BytesIO(payload)
        try:
            while stream.tell() < len(payload):
                key, value = marshal.load(stream)
                entries[key] = value
        except (ValueError, EOFError, TypeError):
            return {}
        return entries

    def save(self) -> None:
        """Write the entries this build used, one record at a time (no second copy in memory)."""
        self.old = {}
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as f:
                header = self._header()
                f.write(header + b"00000000")
                crc = 0
                for item in self.new.items():
                    record = marshal.dumps(item)
                    crc = zlib.crc32(record, crc)
                    f.write(record)
                f.seek(len(header))
                f.write(f"{crc:08x}".encode())
            os.replace(tmp, self.path)
        except OSError:
            pass
        finally:
            if tmp.exists():
                tmp.unlink()

    def title_key(self, spec, site) -> str | None:
        """Everything the headline can read: the release's facts, its round, the site (with the salt)."""
        parts = (spec.key, spec.scope, spec.template, spec.published, spec.draft, spec.angle, spec.round,
                 spec.announcement, spec.county, site)
        try:
            digest = self.fingerprints.of(parts)
        except Unfingerprintable:
            return None
        return hashlib.blake2b(f"{self.salt}\0title\0".encode() + digest, digest_size=20).hexdigest()

    def text_key(self, title_key: str | None, national, locals_) -> str | None:
        """The headline's inputs plus the links to the national or local releases."""
        if title_key is None:
            return None
        try:
            digest = self.fingerprints.of((national, locals_))
        except Unfingerprintable:
            return None
        return hashlib.blake2b(f"{title_key}\0text\0".encode() + digest, digest_size=20).hexdigest()

    def page_key(self, template: str, context: dict) -> str | None:
        """Everything a page template is given (None when a value cannot be fingerprinted)."""
        try:
            digest = self.fingerprints.of(context)
        except Unfingerprintable:
            return None
        return hashlib.blake2b(f"{self.salt}\0page\0{template}\0".encode() + digest, digest_size=20).hexdigest()

    # The fields of render.Release that register_releases knows to follow from the text key and
    # the source file. If Release gains a field, the shortcut is off until this list is reviewed.
    RELEASE_FIELDS = ("spec", "url", "title", "lead_md", "lead_html", "lead_text", "body_md", "body_html",
                      "body_text", "contacts", "national", "locals", "categories")

    def register_releases(self, releases, site) -> None:
        """Let page keys digest each release by the key of what it was rendered from.

        A release is a function of its text key (its facts, round, site, links, the templates and
        the code) and its source file, so that digest stands for walking all its fields again
        for every page that shows it.
        """
        if not releases or tuple(f.name for f in dataclasses.fields(releases[0])) != self.RELEASE_FIELDS:
            return
        for r in releases:
            key = self.text_key(self.title_key(r.spec, site), r.national, r.locals)
            if key is None:
                continue
            try:
                source = self.fingerprints.of(r.spec.source)
            except Unfingerprintable:
                continue
            self.fingerprints.preset(r, hashlib.blake2b(b"Release\0" + key.encode() + source, digest_size=16).digest())

    def get(self, key: str | None):
        if key is None:
            return None
        value = self.new.get(key)
        if value is None:
            value = self.old.pop(key, None)
            if value is not None:
                self.new[key] = value
        return value

    def put(self, key: str | None, value) -> None:
        if key is not None:
            self.new[key] = value


class Unfingerprintable(Exception):
    """A value whose identity cannot be told from its contents (it is then never cached)."""


class Fingerprints:
    """Content digests of frozen values, each object digested once per build.

    A digest covers the type and every field of dataclasses and pydantic models, every item
    of tuples, lists, dicts and sets, the text of strings (with their type: ``Markup`` is not
    ``str``), and for functions (``url`` in page contexts) their name and the values they close
    over – their code is covered by the code fingerprint. Anything else must have a repr that
    names its value; one that shows a memory address raises :class:`Unfingerprintable`.
    """

    _ATOMS = (type(None), bool, int, float, complex, bytes, date, datetime, time, timedelta)

    def __init__(self):
        from .sources import Source

        self._memo: dict[int, bytes] = {}
        self._alive: list = []  # keep digested objects alive so their ids are not reused
        self._fields: dict[type, tuple[str, ...] | None] = {}
        self._source = Source

    def preset(self, value, digest: bytes) -> None:
        """Use ``digest`` for ``value`` (computed by someone who knows what it depends on)."""
        self._memo[id(value)] = digest
        self._alive.append(value)

    def of(self, value) -> bytes:
        memo_key = id(value)
        found = self._memo.get(memo_key)
        if found is not None:
            return found
        h = hashlib.blake2b(digest_size=16)
        self._feed(h, value)
        digest = h.digest()
        if not isinstance(value, (str, *self._ATOMS)):
            self._memo[memo_key] = digest
            self._alive.append(value)
        return digest

    def _feed(self, h, value) -> None:
        t = type(value)
        h.update(f"{t.__module__}.{t.__qualname__}:".encode())
        if isinstance(value, str):
            h.update(len(value).to_bytes(8, "little") + value.encode("utf-8", "surrogatepass"))
        elif isinstance(value, self._ATOMS):
            h.update(repr(value).encode() + b";")
        elif t in (tuple, list):
            h.update(len(value).to_bytes(8, "little"))
            for item in value:
                h.update(self.of(item))
        elif t is dict:
            h.update(len(value).to_bytes(8, "little"))
            for k, v in value.items():
                h.update(self.of(k) + self.of(v))
        elif t in (set, frozenset):
            h.update(b"".join(sorted(self.of(item) for item in value)))
        elif t is self._source:
            # A loaded file: its data and the place of every value, in one (C-speed) repr.
            h.update(repr((str(value.path), value.shown, value.data, value.values, value.keys)).encode())
        elif (names := self._field_names(t)) is not None:
            for name in names:
                h.update(name.encode() + b"=" + self.of(getattr(value, name)))
        elif isinstance(value, types.FunctionType):
            # Two lambdas of one function differ by their code, not their names.
            h.update(value.__qualname__.encode() + b"\0" + _code_digest(value.__code__))
            for cell in value.__closure__ or ():
                h.update(self.of(cell.cell_contents))
            h.update(self.of(value.__defaults__) + self.of(value.__kwdefaults__))
        elif isinstance(value, tzinfo):
            h.update(repr(value).encode())
        else:
            text = repr(value)
            if " at 0x" in text or text.startswith("<"):
                raise Unfingerprintable(t.__qualname__)
            h.update(text.encode())


    def _field_names(self, t: type) -> tuple[str, ...] | None:
        """The fields of a dataclass or pydantic model type, else None."""
        if t not in self._fields:
            if dataclasses.is_dataclass(t):
                self._fields[t] = tuple(f.name for f in dataclasses.fields(t))
            elif isinstance(getattr(t, "model_fields", None), dict) and hasattr(t, "__pydantic_fields_set__"):
                self._fields[t] = tuple(t.model_fields)
            else:
                self._fields[t] = None
        return self._fields[t]


def _code_digest(code: types.CodeType) -> bytes:
    """A function's code by content (nested code objects included), never by address."""
    h = hashlib.blake2b(code.co_code, digest_size=16)
    for const in code.co_consts:
        h.update(_code_digest(const) if isinstance(const, types.CodeType) else repr(const).encode())
    h.update(repr((code.co_names, code.co_freevars, code.co_firstlineno)).encode())
    return h.digest()


class CachingEnvironment:
    """A Jinja environment whose templates return what an earlier build rendered from the same context."""

    def __init__(self, env, memo: RenderMemo):
        self._env = env
        self._memo = memo

    def get_template(self, name, *args, **kwargs):
        return _CachingTemplate(self._env.get_template(name, *args, **kwargs), name, self._memo)

    def __getattr__(self, name):
        return getattr(self._env, name)


class _CachingTemplate:
    def __init__(self, template, name: str, memo: RenderMemo):
        self._template = template
        self._name = name
        self._memo = memo

    def render(self, *args, **kwargs) -> str:
        context = dict(*args, **kwargs)
        key = self._memo.page_key(self._name, context)
        found = self._memo.get(key)
        if isinstance(found, bytes):
            return _Page(found.decode("utf-8"), found)
        text = self._template.render(context)
        if key is None:
            return text
        utf8 = text.encode("utf-8")
        self._memo.put(key, utf8)
        return _Page(text, utf8)

    def __getattr__(self, name):
        return getattr(self._template, name)


class _Page(str):
    """A rendered page that knows its UTF-8 bytes: the cache and the output share one copy."""

    def __new__(cls, text: str, utf8: bytes):
        page = super().__new__(cls, text)
        page._utf8 = utf8
        return page

    def encode(self, encoding: str = "utf-8", errors: str = "strict") -> bytes:
        if encoding.lower().replace("-", "").replace("_", "") == "utf8":
            return self._utf8
        return str.encode(self, encoding, errors)
