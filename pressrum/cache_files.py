"""The build cache's files in the user's cache folder: where they live, the per-user MAC key,
and sealed files (a keyed MAC over a format line and the payload), replaced atomically.

A folder is used only when it is the user's own with mode 0700, the key only when it is the
user's own file with mode 0600; a file whose MAC, format or Python version does not match is
ignored (``memo.py`` explains why).
"""
from __future__ import annotations

import gc
import hashlib
import hmac
import os
import stat
import sys
from contextlib import contextmanager
from pathlib import Path

from .fingerprint import FORMAT

SECRET = "hemlighet"  # the per-user MAC key, in the cache home


def cache_dir(out: Path, home: Path) -> Path:
    """The build cache of output folder ``out`` under the cache home."""
    out = Path(out).expanduser().resolve()
    digest = hashlib.blake2b(os.fsencode(out), digest_size=8).hexdigest()
    return Path(home) / "builds" / f"{out.name}-{digest}"


def lock_file(options) -> Path | None:
    """The file whose lock holds ``options.out`` for one build (``output.build_lock``), beside
    its build cache in the user's cache folder; None without a cache folder."""
    if options.cache_home is None:
        return None
    folder = cache_dir(options.out, options.cache_home)
    return folder.with_name(folder.name + ".las")


@contextmanager
def lasting(once: bool):
    """Read what lives to the end of the process (``once``: a process that makes one build and
    ends) without the cyclic collector, and move it out of its reach afterwards (``gc.freeze``):
    the 20 000 entries and 80 000 file digests of a 20 000-release site's records are plain
    data, yet each later collection of the oldest generation walked them again (about 35 ms of
    collections in a build after a one-county edit). Not for a process that builds again
    (``serve``): frozen objects are never collected, and garbage cycles frozen with them would
    pile up build after build."""
    if not once:
        yield
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _private_folder(path: Path) -> bool:
    """Make ``path`` (and its parents) if need be; True when it is a real folder of this user's
    that nobody else may write to (mode 0700), which is then all it is."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(path)
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid():
            return False
        if st.st_mode & 0o077:
            os.chmod(path, 0o700)  # ours: close it (its files are checked by their MAC anyway)
        return True
    except OSError:
        return False


def _secret(home: Path) -> bytes | None:
    """The user's MAC key: made once (32 random bytes, mode 0600), refused unless it is this
    user's own regular file that nobody else can read."""
    path = Path(home) / SECRET
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(os.urandom(32))
        except FileExistsError:
            pass
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o077:
                return None
            key = f.read(64)
        return key if len(key) == 32 else None
    except OSError:
        return None


def _magic(kind: bytes) -> bytes:
    return b"PRESSRUM-" + kind + b"-CACHE\n" + f"{FORMAT} {sys.version_info[:3]}\n".encode()


def _mac(key: bytes, magic: bytes, payload) -> bytes:
    # HMAC-SHA256 of magic + payload, fed in two parts: joining them would copy a 13 MB manifest
    # once more (about 10 ms, most of it the fresh memory's page faults). OpenSSL's SHA-256 uses
    # the processor's SHA instructions: 7.9 ms for 12.6 MB here, keyed BLAKE2b 14.3 ms (a build
    # after a one-county edit at 20 000 releases reads and writes some 60 MB of cache files).
    h = hmac.new(key, magic, "sha256")
    h.update(payload)
    return h.digest()


def _sealed(key: bytes, kind: bytes, payload: bytes) -> tuple[bytes, bytes, bytes]:
    """The parts of a sealed file, in order: format line, MAC, payload (written one after the other)."""
    magic = _magic(kind)
    return magic, _mac(key, magic, payload), payload


def _seal(key: bytes, kind: bytes, payload: bytes) -> bytes:
    return b"".join(_sealed(key, kind, payload))


def _unseal(key: bytes, kind: bytes, data: bytes) -> memoryview | None:
    """The payload of a sealed file whose format and MAC are right (a view of ``data``, which
    marshal reads as it is: no copy of the payload), else None."""
    magic = _magic(kind)
    if not data.startswith(magic):
        return None
    view = memoryview(data)
    mac, payload = view[len(magic):len(magic) + 32], view[len(magic) + 32:]
    return payload if hmac.compare_digest(mac, _mac(key, magic, payload)) else None


def read_whole(path) -> bytes:
    """A file's bytes with one open, fstat and read (and the read that finds its end):
    Path.read_bytes' buffered file object cost about 10 us more per file, 10 ms for the 909
    round records of a 20 000-release site."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        size, parts = os.fstat(fd).st_size, []
        while chunk := os.read(fd, size + 1 if not parts else 1 << 20):
            parts.append(chunk)
        return parts[0] if len(parts) == 1 else b"".join(parts)
    finally:
        os.close(fd)


def _write_atomically(path: Path, data) -> None:
    """Replace ``path`` with ``data`` (bytes, or a sequence of bytes written in order) at once."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as f:
            f.writelines((data,) if isinstance(data, bytes) else data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
