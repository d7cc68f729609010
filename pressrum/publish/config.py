"""Where to publish and what to notify: ``pressrum.toml`` beside the content folder, and ``--to``.

The file is outside ``content/`` on purpose: it names servers, never secrets (credentials come
from the environment only). The WebSub hub is not set here: it is named once, as
``nyhetsrum.websub-nav`` in site.yaml, since the feeds must name the hub the publish pings. Its shape::

    [publicera]
    till = "ssh://www@webb.example.se/srv/www/nyheter"  # or a folder, or s3://bucket/prefix
    endpoint-url = "https://s3.example.se"               # only for an S3-compatible store

    [epost]
    skicka = true
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ..errors import BuildFailed, Place, Problem, display_path

FILE = "pressrum.toml"


@dataclass(frozen=True)
class Config:
    """What ``pressrum.toml`` (and the command line over it) says."""

    target: str | None = None  # a folder path, ssh://… or s3://…
    endpoint_url: str | None = None
    mail: bool = False  # hand each publish to pressrum.mail.deliver
    file: str = FILE  # as shown to the user


def load(content: Path) -> Config:
    """``pressrum.toml`` beside ``content`` (its parent folder); the defaults when there is none.
    A file that is not valid TOML, or a value of the wrong type, is a located problem."""
    path = Path(content).expanduser().parent / FILE
    shown = display_path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config(file=shown)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        line = int(found.group(1)) if found else 0
        raise BuildFailed([Problem(Place(shown, line), "filen är inte giltig TOML",
                                   "rätta filen; se README, avsnittet Publicera")]) from None
    except UnicodeDecodeError:
        raise BuildFailed([Problem(Place(shown), "filen är inte sparad som UTF-8", "spara den som UTF-8")]) from None
    problems = []

    def text(section: str, key: str) -> str | None:
        value = data.get(section, {}).get(key) if isinstance(data.get(section), dict) else None
        if value is not None and not isinstance(value, str):
            problems.append(Problem(Place(shown), f"[{section}] {key} ska vara en text inom citattecken"))
            return None
        return value or None

    target, endpoint = text("publicera", "till"), text("publicera", "endpoint-url")
    if "websub" in data:  # the hub was once set here too; one setting, so the feeds and the ping agree
        problems.append(Problem(Place(shown, _line_of(path, "[websub]")), "[websub] används inte längre",
                                "ta bort avsnittet och skriv navets adress en gång, som websub-nav under "
                                "nyhetsrum: i site.yaml – flödena anger då navet och publish meddelar det"))
    mail = data.get("epost", {}).get("skicka", False) if isinstance(data.get("epost"), dict) else False
    if not isinstance(mail, bool):
        problems.append(Problem(Place(shown), "[epost] skicka ska vara true eller false"))
    if problems:
        raise BuildFailed(problems)
    return Config(target, endpoint, bool(mail), shown)


def _line_of(path: Path, text: str) -> int:
    """The first line of ``path`` that starts with ``text`` (0: none)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip().startswith(text):
            return number
    return 0


def target_of(spec: str, endpoint_url: str | None, environ: Mapping[str, str]):
    """The target ``spec`` names: ``ssh://…``, ``s3://…`` or a folder path. Raises ValueError
    (Swedish) for a spec that names none."""
    if spec.startswith("ssh://"):
        from .ssh import SshTarget

        return SshTarget(spec, environ)
    if spec.startswith("s3://"):
        from . import s3  # wip-s3's module, merged by the lead

        return s3.target(spec, endpoint_url, environ)
    if "://" in spec:
        raise ValueError(f"{spec}: okänd sorts mål – skriv en mapp, ssh://användare@värd/sökväg eller s3://hink/prefix")
    from .folder import FolderTarget

    return FolderTarget(Path(spec))


def key_of(spec: str) -> str:
    """A folder name for the target's state and archive: readable, and unique by a digest."""
    import hashlib

    if "://" not in spec:
        spec = str(Path(spec).expanduser().absolute())
    readable = re.sub(r"[^A-Za-z0-9.-]+", "-", spec).strip("-")[-60:]
    return f"{readable}-{hashlib.blake2b(spec.encode(), digest_size=6).hexdigest()}"
