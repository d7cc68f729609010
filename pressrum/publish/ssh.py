"""The SSH target: a folder on a remote web server, reached with ssh and rsync.

``ssh://user@host[:port]/srv/www/nyheter`` keeps the same layout as the folder target on the
server: rsync uploads into a new version folder ``/srv/www/nyheter.versioner/<nr>.ny``
(``--link-dest`` the live version, so unchanged files are hard links and only changed files
travel), the folder is renamed when complete, and a new symlink is renamed over
``/srv/www/nyheter`` (``mv -T``: atomic). Credentials come from the environment only:
``PRESSRUM_SSH_KEY`` (a private key file) and ``PRESSRUM_SSH_KNOWN_HOSTS`` (the server's host
key), else ssh's own defaults (``~/.ssh``, the agent).
"""
from __future__ import annotations

import shlex
import subprocess
import time
from pathlib import Path
from typing import Callable, Mapping
from urllib.parse import urlsplit

from .. import sv
from ..errors import BuildFailed, Place, Problem
from ..output_marker import MARKER
from . import versions
from .target import Deployed

TIMEOUT = 30  # seconds: ssh's connect timeout is 10; a stuck transfer ends with this per step


def parse(url: str) -> tuple[str, str, int, str]:
    """(user, host, port, path) of ``ssh://user@host[:port]/path``; raises ValueError (in Swedish)."""
    parts = urlsplit(url)
    try:
        port = parts.port or 22
    except ValueError:
        raise ValueError(f"porten i {url} är inget tal") from None
    if parts.scheme != "ssh" or not parts.hostname or not parts.path or parts.path == "/":
        raise ValueError(f"{url} ska skrivas ssh://användare@värd[:port]/sökväg")
    return parts.username or "", parts.hostname, port, parts.path.rstrip("/")


class SshTarget:
    """Deploy with rsync over ssh into version folders and swap a remote symlink."""

    def __init__(self, url: str, environ: Mapping[str, str]):
        self.user, self.host, self.port, self.path = parse(url)
        self.label = url
        self.versions = self.path + ".versioner"
        self._ssh = ["ssh", "-p", str(self.port), "-o", "BatchMode=yes", "-o", "ConnectTimeout=10"]
        if environ.get("PRESSRUM_SSH_KEY"):
            self._ssh += ["-i", environ["PRESSRUM_SSH_KEY"], "-o", "IdentitiesOnly=yes"]
        if environ.get("PRESSRUM_SSH_KNOWN_HOSTS"):
            self._ssh += ["-o", f"UserKnownHostsFile={environ['PRESSRUM_SSH_KNOWN_HOSTS']}",
                          "-o", "StrictHostKeyChecking=yes"]
        self._where = f"{self.user}@{self.host}" if self.user else self.host

    def deploy(self, site: Path, *, dry_run: bool, log: Callable[[str], None]) -> Deployed:
        """Upload ``site`` as a new remote version and point the remote symlink at it."""
        started = time.monotonic()
        v, link = shlex.quote(self.versions), shlex.quote(self.path)
        # Where the live version is, the next number, and the live version's files (for "removed").
        probe = (f"mkdir -p {v} && cd {v} && "
                 f"for p in *.ny; do [ -d \"$p\" ] && rm -rf \"$p\"; done; "  # what a killed deploy left
                 f"if [ -e {link} ] && [ ! -L {link} ]; then echo VANLIG; exit 0; fi; "
                 f"echo \"LIVE $(basename \"$(readlink {link} 2>/dev/null)\" 2>/dev/null)\"; "
                 f"echo \"LAST $(ls -1 | grep -E '^[0-9]{{6}}$' | sort | tail -n 1)\"; "
                 f"cur=$(readlink {link} 2>/dev/null) && cd {shlex.quote(str(Path(self.path).parent))} && [ -d \"$cur\" ] && cd \"$cur\" && find . -type f | sed 's/^/FILE /'; exit 0")
        out = self._run(self._ssh + [self._where, probe], "kontakta servern")
        if "VANLIG" in out.split():
            raise BuildFailed([Problem(Place(self.label), "målet på servern är en vanlig mapp, inte en symbolisk länk",
                                       "välj en ny sökväg i ssh-adressen, eller flytta mappen på servern")])
        live = last = ""
        old_files: set[str] = set()
        for line in out.splitlines():
            tag, _, rest = line.partition(" ")
            if tag == "LIVE":
                live = rest.strip()
            elif tag == "LAST":
                last = rest.strip()
            elif tag == "FILE":
                old_files.add(rest[2:] if rest.startswith("./") else rest)
        name = f"{(int(last) if last.isdigit() else 0) + 1:06d}"
        local = set(versions.files_of(site))  # without the build's marker, as rsync is told below
        removed = len(old_files - local)
        # --whole-file: a changed file is sent whole, never as a delta against the live version's
        # copy. Pages are small, so a delta saves little, and Debian's rsync 3.2.7-1+deb12u6 fails
        # every delta against a --link-dest basis ("failed verification -- update discarded").
        rsync = ["rsync", "-a", "--checksum", "--whole-file", f"--exclude=/{MARKER}", "--out-format=%i %n", "-e",
                 shlex.join(self._ssh)]
        if live:
            rsync.append(f"--link-dest=../{live}")
        if dry_run:
            rsync.append("--dry-run")
        partial = f"{self.versions}/{name}.ny"
        moved = self._run(rsync + [f"{site}/", f"{self._where}:{partial}/"], "skicka filerna")
        uploaded = sum(1 for line in moved.splitlines() if line[:2] in (">f", "<f"))
        unchanged = len(local) - uploaded
        if dry_run:
            log(f"skulle skicka {sv.antal(uploaded, 'fil', 'filer')} till {self.label} "
                f"({sv.tal(unchanged)} oförändrade, {sv.tal(removed)} borttagna) – inget har flyttats")
            return Deployed(uploaded, unchanged, removed, time.monotonic() - started)
        if live and not uploaded and not removed:
            self._run(self._ssh + [self._where, f"rm -rf {shlex.quote(partial)}"], "städa på servern")
            log(f"{self.label} har redan den här versionen – inget skickat")
            return Deployed(0, unchanged, 0, time.monotonic() - started)
        tmp_link = shlex.quote(f"{self.path}.ny-link")
        swap = (f"cd {v} && mv {shlex.quote(name + '.ny')} {shlex.quote(name)} && "
                f"ln -sfn {shlex.quote(Path(self.versions).name + '/' + name)} {tmp_link} && mv -T {tmp_link} {link}")
        self._run(self._ssh + [self._where, swap], "byta till den nya versionen")
        return Deployed(uploaded, unchanged, removed, time.monotonic() - started)

    def _run(self, command: list[str], doing: str) -> str:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        except FileNotFoundError as exc:
            raise BuildFailed([Problem(Place(self.label), f"programmet {exc.filename} saknas",
                                       "installera openssh-client och rsync (apt-get install openssh-client rsync)")]) from None
        except subprocess.TimeoutExpired:
            raise BuildFailed([Problem(Place(self.label), f"servern svarade inte inom {sv.tal(TIMEOUT)} sekunder "
                                       f"när vi skulle {doing}", "kontrollera nätverket och publicera igen")]) from None
        if done.returncode != 0:
            raise BuildFailed([Problem(Place(self.label), f"kunde inte {doing}: {_reason(done.stderr, done.returncode)}",
                                       _todo(done.stderr, done.returncode) + "; webbplatsen som redan är publicerad är oförändrad")])
        return done.stdout


_REASONS = (
    ("Connection refused", "servern tar inte emot anslutningar", "kontrollera värd och port i ssh-adressen"),
    ("Connection timed out", "servern svarar inte", "kontrollera värd, port och nätverket"),
    ("Could not resolve hostname", "värdnamnet finns inte", "kontrollera värdnamnet i ssh-adressen"),
    ("Permission denied", "inloggningen nekades", "kontrollera användaren och nyckeln i PRESSRUM_SSH_KEY"),
    ("Host key verification failed", "serverns värdnyckel är okänd eller har ändrats",
     "kontrollera värdnyckeln i PRESSRUM_SSH_KNOWN_HOSTS"),
    ("No space left on device", "disken på servern är full", "frigör utrymme på servern och publicera igen"),
    ("Disk quota exceeded", "diskkvoten på servern är slut", "frigör utrymme på servern och publicera igen"),
)


def _reason(stderr: str, code: int) -> str:
    for needle, reason, _ in _REASONS:
        if needle in stderr:
            return reason
    if not stderr.strip() and code == 11:  # rsync's "error in file I/O": its receiver died writing
        return "disken på servern är full eller går inte att skriva till (rsync felkod 11)"
    if not stderr.strip():
        return f"ssh eller rsync avslutades med felkod {code} utan att säga varför"
    return f"ssh eller rsync svarade: {stderr.strip().splitlines()[-1]}"


def _todo(stderr: str, code: int = 0) -> str:
    for needle, _, todo in _REASONS:
        if needle in stderr:
            return todo
    if code == 11:
        return "kontrollera utrymmet och rättigheterna på servern och publicera igen"
    return "kontrollera servern och publicera igen"
