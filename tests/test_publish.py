"""``publish``, ``status``, ``archive list`` and ``publish --watch`` end to end, with real parts
(a folder served by Python's http.server, an OpenSSH server with rsync, a tmpfs that fills)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import CONTENT, NOW, ROOT, TEMPLATES
from publish_helpers import Sshd, Web, local_links


def run(env: dict, *args: str, timeout: float = 120) -> tuple[int, str, str]:
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **env})
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def here(tmp_path):
    """A copy of the bundled content, its own state folder, and a publish command for it."""
    shutil.copytree(CONTENT, tmp_path / "content")
    env = {"XDG_STATE_HOME": str(tmp_path / "state")}

    def publish(to: str, *more: str, now: str = NOW, extra: dict | None = None):
        return run({**env, **(extra or {})}, "publish", "--content", str(tmp_path / "content"),
                   "--templates", str(TEMPLATES), "--to", to, "--now", now, *more)

    return tmp_path, env, publish


def edit_county(content: Path, text: str) -> None:
    county = content / "rounds" / "2021" / "lan" / "skane.yaml"
    data = county.read_text(encoding="utf-8")
    assert "samverkan" in data  # in Skåne's own paragraph: an edit of one county's text
    county.write_text(data.replace("samverkan", text, 1), encoding="utf-8")


def test_folder_publish_swaps_a_symlink_moves_only_changed_files_and_keeps_the_archive(here):
    tmp, env, publish = here
    www = tmp / "www" / "nyheter"
    code, out, err = publish(str(www))
    assert code == 0, err
    assert out.splitlines()[0] == "bygger nyhetsrummet som det ser ut 28 november 2026 kl. 12.00"
    assert f"skickar till mappen {www}" in out and "arkiverat som version 1" in out
    assert www.is_symlink() and os.readlink(www) == "nyheter.versioner/000001"
    # The build's marker stays in the staging output: it is not a file of the site.
    assert list(tmp.glob("state/**/.pressrum-utdata")), "the staging output has its marker"
    assert not (www / ".pressrum-utdata").exists()
    assert not [p for p in tmp.glob("state/**/arkiv/**/.pressrum-utdata")]
    first = (www / "2021" / "beslut" / "skane" / "index.html").read_bytes()

    code, out, err = publish(str(www))  # nothing new: no new version
    assert code == 0, err
    assert f"mappen {www} har redan den här versionen – inget skickat" in out
    assert os.readlink(www) == "nyheter.versioner/000001"

    edit_county(tmp / "content", "samverkan och samråd")
    code, out, err = publish(str(www))
    assert code == 0, err
    assert os.readlink(www) == "nyheter.versioner/000002"
    moved = [line for line in out.splitlines() if line.startswith("publicerat på")]
    assert moved and " filer oförändrade" in moved[0], out
    sent = int(moved[0].split(": ")[1].split(" ")[0]) if moved[0].split(": ")[1][0].isdigit() else None
    assert sent is None or sent < 10  # words for 1–12, digits beyond: a handful of files, not the site
    assert (www / "2021" / "beslut" / "skane" / "index.html").read_bytes() != first
    # The earlier version is kept, at the target and in the archive, byte for byte.
    assert (tmp / "www" / "nyheter.versioner" / "000001" / "2021" / "beslut" / "skane" / "index.html").read_bytes() == first
    code, out, err = run(env, "archive", "list", "--content", str(tmp / "content"), "--to", str(www))
    assert code == 0, err
    assert out.splitlines()[0].startswith(f"arkivet för mappen {www} (")
    assert [line.split(":")[0] for line in out.splitlines()[1:]] == ["  version 1", "  version 2"]
    # status: what is published, what waits, the last result
    code, out, err = run(env, "status", "--content", str(tmp / "content"), "--templates", str(TEMPLATES),
                         "--to", str(www), "--now", NOW)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"publicerat på mappen {www}: version 2 från ")
    assert lines[1] == "inget väntar på publicering"
    assert lines[2].startswith("senaste publiceringen: ") and " – lyckades, " in lines[2]


def test_status_says_what_waits_and_dry_run_moves_nothing(here):
    tmp, env, publish = here
    www = tmp / "www"
    code, out, err = publish(str(www), "--dry-run", now="2021-05-16T12:00")
    assert code == 0, err
    assert "– inget har flyttats" in out and not www.exists()
    code, out, err = run(env, "status", "--content", str(tmp / "content"), "--templates", str(TEMPLATES),
                         "--to", str(www), "--now", "2021-05-16T12:00")
    assert code == 0, err
    assert out.splitlines() == [f"inget är publicerat på mappen {www} ännu",
                                "två pressmeddelanden väntar på publicering (nästa: 17 maj 2021 kl. 10.00, Skåne och nationellt)"]


def test_no_request_sees_a_page_linking_to_a_missing_file_during_deploys(here):
    tmp, env, publish = here
    www = tmp / "www" / "nyheter"
    assert publish(str(www), now="2021-05-17T09:00")[0] == 0  # nothing released yet
    web = Web(www)
    bad, seen = [], [0]
    stop = threading.Event()

    def poll():
        while not stop.is_set():
            status, page = web.get("index.html")
            if status != 200:
                bad.append(("index.html", status))
                continue
            for link in local_links(page, "index.html"):
                got, _ = web.get(link + ("index.html" if link.endswith("/") or not link else ""))
                seen[0] += 1
                if got != 200:
                    bad.append((link, got))

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        for i, when in enumerate(("2021-05-17T10:00", "2021-05-17T10:00", "2021-05-18T10:00")):
            if i == 1:
                edit_county(tmp / "content", "samverkan och samråd")
            code, out, err = publish(str(www), now=when)
            assert code == 0, err
    finally:
        stop.set()
        poller.join()
        web.stop()
    assert seen[0] > 20  # the poller really looked while deploys ran
    assert bad == []


@pytest.mark.slow
def test_a_deploy_killed_midway_leaves_the_last_good_site_and_the_next_one_succeeds(here):
    tmp, env, publish = here
    www = tmp / "www" / "nyheter"
    assert publish(str(www))[0] == 0
    good = {p.relative_to(www).as_posix(): p.read_bytes() for p in www.rglob("*") if p.is_file()}
    edit_county(tmp / "content", "samverkan och samråd")
    content = tmp / "content"
    versions_dir = www.parent / "nyheter.versioner"
    caught = 0
    for attempt in range(6):
        edit_county(content, f"samverkan{attempt}")
        proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "publish", "--content", str(content),
                                 "--templates", str(TEMPLATES), "--to", str(www), "--now", NOW],
                                cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Kill it the moment its new version folder appears: in the middle of the deploy.
        while proc.poll() is None:
            if any(".ny-" in p.name for p in versions_dir.iterdir()):
                proc.send_signal(signal.SIGKILL)
                caught += 1
                break
        proc.wait()
        # Whatever moment it died at, the symlink names a complete version, and the first is intact.
        target = www.parent / os.readlink(www)
        assert target.name.isdigit() and target.is_dir()
        first = versions_dir / "000001"
        assert {p.relative_to(first).as_posix(): p.read_bytes() for p in first.rglob("*") if p.is_file()} == good
    assert caught >= 1  # at least one kill landed mid-deploy
    edit_county(content, "samverkan och samråd")
    code, out, err = publish(str(www))
    assert code == 0, err
    versions = sorted(p.name for p in (www.parent / "nyheter.versioner").iterdir())
    assert all(v.isdigit() for v in versions), versions  # what the killed ones left is gone
    assert "samverkan och samråd" in (www / "2021" / "beslut" / "skane" / "index.html").read_text(encoding="utf-8")
    assert (www.parent / "nyheter.versioner" / "000001").is_dir()  # never deleted


def test_two_publishers_at_once_the_second_names_the_first(here):
    tmp, env, publish = here
    www = tmp / "www"
    sys.path.insert(0, str(ROOT))
    from pressrum.publish import config, state

    folder = state.state_home(env) / config.key_of(str(www))
    with state.publisher_lock(folder, "x"):
        code, out, err = publish(str(www))
    assert code == 1
    assert err.splitlines()[0] == (f"mappen {www}: en annan publicering pågår redan till målet (process {os.getpid()}) – "
                                   "vänta tills den är klar, eller stoppa den, och publicera sedan igen")
    assert not www.exists()


def test_a_clock_gone_backwards_is_refused_and_the_site_and_archive_stay(here):
    tmp, env, publish = here
    www = tmp / "www"
    assert publish(str(www))[0] == 0
    before = os.readlink(www)
    code, out, err = publish(str(www), now="2021-05-16T12:00")
    assert code == 1
    assert "publicerades av ett tidigare bygge i utmappen men skulle tas bort av det här" in err
    assert "kontrollera --now, datorns klocka" in err
    assert os.readlink(www) == before and (www / "2021" / "beslut" / "index.html").is_file()
    code, out, err = run(env, "archive", "list", "--content", str(tmp / "content"), "--to", str(www))
    assert len(out.splitlines()) == 2  # the one snapshot, still there
    code, out, err = run(env, "status", "--content", str(tmp / "content"), "--templates", str(TEMPLATES),
                         "--to", str(www), "--now", NOW)
    assert out.splitlines()[2].endswith("– publiceringen misslyckades när nyhetsrummet byggdes: pressmeddelandet "
                                        "2021/beslut/ ”90 aktörer får statsbidrag för arbete mot segregation – flest i Skåne” "
                                        "publicerades av ett tidigare bygge i utmappen men skulle tas bort av det här")


def test_a_target_without_a_target_and_a_plain_folder_are_usage_and_located_errors(here):
    tmp, env, publish = here
    code, out, err = run(env, "publish", "--content", str(tmp / "content"), "--now", NOW)
    assert code == 2
    assert err == ("fel i kommandot: inget mål att publicera till: ange --to MÅL eller skriv till = \"MÅL\" under [publicera] i "
                   f"{tmp / 'pressrum.toml'} – se python build.py --help\n")
    (tmp / "plain").mkdir()
    code, out, err = publish(str(tmp / "plain"))
    assert code == 1
    assert err.splitlines()[0] == (f"{tmp / 'plain'}: målet är en vanlig mapp, inte en symbolisk länk som Pressrum har "
                                   "skapat – välj en ny sökväg med --to, eller flytta mappen och publicera igen")


def test_the_target_can_come_from_pressrum_toml(here):
    tmp, env, publish = here
    (tmp / "pressrum.toml").write_text(f'[publicera]\ntill = "{tmp / "www"}"\n', encoding="utf-8")
    code, out, err = run(env, "publish", "--content", str(tmp / "content"), "--templates", str(TEMPLATES), "--now", NOW)
    assert code == 0, err
    assert (tmp / "www").is_symlink()


def _unmount(path: Path) -> None:
    """Unmount the test's tmpfs; lazily when a remote rsync or sshd child still holds a file in it
    (plain umount then fails with 'busy' and left the mount behind under the pytest temp folder)."""
    if subprocess.run(["umount", str(path)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def _tmpfs(path: Path, size: str) -> bool:
    path.mkdir(parents=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True).returncode == 0


def test_a_full_disk_at_the_target_fails_clearly_and_keeps_the_last_good_site(here):
    tmp, env, publish = here
    disk = tmp / "disk"
    if not _tmpfs(disk, "400k"):
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        www = disk / "nyheter"
        code, out, err = publish(str(www), now="2021-05-17T09:00")
        assert code == 0, err
        filler = disk / "fyllnad"
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=4k"], capture_output=True)
        code, out, err = publish(str(www))
        assert code == 1
        assert err.splitlines()[0].startswith(f"mappen {www}: disken är full: ")
        assert err.splitlines()[0].endswith("– rätta felet och publicera igen; webbplatsen som redan är publicerad är oförändrad")
        assert os.readlink(www) == "nyheter.versioner/000001"
        assert sorted(p.name for p in (disk / "nyheter.versioner").iterdir()) == ["000001"]
    finally:
        _unmount(disk)


# ---- ssh: a real OpenSSH server with rsync on loopback ----------------------------------------

needs_ssh = pytest.mark.skipif(not (shutil.which("sshd") or Path("/usr/sbin/sshd").exists()) or not shutil.which("rsync"),
                               reason="openssh-server and rsync are not installed (apt-get install openssh-server rsync)")


@pytest.fixture
def sshd(tmp_path):
    server = Sshd(tmp_path / "sshd")
    yield server
    server.stop()


@pytest.mark.slow
@needs_ssh
def test_ssh_publish_uploads_only_changed_files_and_swaps_the_remote_symlink(here, sshd):
    tmp, env, publish = here
    remote = tmp / "remote" / "nyheter"
    code, out, err = publish(sshd.url(remote), extra=sshd.environ())
    assert code == 0, err
    assert os.readlink(remote) == "nyheter.versioner/000001"
    assert not (remote / ".pressrum-utdata").exists()  # the build's marker is not deployed
    edit_county(tmp / "content", "samverkan och samråd")
    code, out, err = publish(sshd.url(remote), extra=sshd.environ())
    assert code == 0, err
    assert os.readlink(remote) == "nyheter.versioner/000002"
    line = next(line for line in out.splitlines() if line.startswith("publicerat på ssh://"))
    assert " filer oförändrade" in line
    assert "samverkan och samråd" in (remote / "2021" / "beslut" / "skane" / "index.html").read_text(encoding="utf-8")
    old = remote.parent / "nyheter.versioner" / "000001" / "index.html"
    new = remote.parent / "nyheter.versioner" / "000002" / "404.html"
    assert old.is_file() and new.is_file()
    assert (remote.parent / "nyheter.versioner" / "000001" / "404.html").stat().st_ino == new.stat().st_ino  # --link-dest


@pytest.mark.slow
@needs_ssh
def test_ssh_faults_wrong_key_unreachable_and_full_disk(here, sshd):
    tmp, env, publish = here
    remote = tmp / "remote" / "nyheter"
    code, out, err = publish(sshd.url(remote), extra=sshd.environ("stranger"))
    assert code == 1
    assert err.splitlines()[0] == (f"{sshd.url(remote)}: kunde inte kontakta servern: inloggningen nekades – kontrollera "
                                   "användaren och nyckeln i PRESSRUM_SSH_KEY; webbplatsen som redan är publicerad är oförändrad")
    from publish_helpers import free_port

    closed = f"ssh://root@127.0.0.1:{free_port()}{remote}"
    code, out, err = publish(closed, extra=sshd.environ())
    assert code == 1
    assert err.splitlines()[0] == (f"{closed}: kunde inte kontakta servern: servern tar inte emot anslutningar – kontrollera "
                                   "värd och port i ssh-adressen; webbplatsen som redan är publicerad är oförändrad")
    disk = tmp / "remote-disk"
    if not _tmpfs(disk, "400k"):
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        url = sshd.url(disk / "nyheter")
        assert publish(url, now="2021-05-17T09:00", extra=sshd.environ())[0] == 0
        subprocess.run(["dd", "if=/dev/zero", f"of={disk / 'fyllnad'}", "bs=4k"], capture_output=True)
        code, out, err = publish(url, extra=sshd.environ())
        assert code == 1
        # rsync says ENOSPC, or (when its receiver dies first) only exits 11: both are named.
        assert err.splitlines()[0].startswith(f"{url}: kunde inte skicka filerna: disken på servern är full")
        assert os.readlink(disk / "nyheter") == "nyheter.versioner/000001"
    finally:
        _unmount(disk)


# ---- publish --watch ---------------------------------------------------------------------------

@pytest.mark.slow
def test_watch_publishes_a_release_within_two_seconds_of_its_time_and_stops_on_sigterm(here):
    tmp, env, publish = here
    content = tmp / "content"
    due = (datetime.now(timezone.utc) + timedelta(seconds=5)).replace(microsecond=0)
    round_file = content / "rounds" / "2021" / "round.yaml"
    text = round_file.read_text(encoding="utf-8")
    round_file.write_text(text.replace("publiceras: 2021-05-17 10:00", f"publiceras: {due:%Y-%m-%d %H:%M:%S}Z", 1),
                          encoding="utf-8")
    www = tmp / "www"
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "publish", "--watch", "--content", str(content),
                             "--templates", str(TEMPLATES), "--to", str(www)], cwd=ROOT,
                            env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    page = www / "2021" / "beslut" / "index.html"
    try:
        deadline = time.monotonic() + 30
        while not page.is_file() and time.monotonic() < deadline:
            time.sleep(0.05)
        seen = datetime.now(timezone.utc)
        assert page.is_file()
        late = (seen - due).total_seconds()
        print(f"published {late:.2f} s after its time")
        assert -0.1 <= late <= 2.0
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "nästa publicering: " in out
    assert out.splitlines()[-1] == "publiceringen stoppad – den senast publicerade webbplatsen ligger kvar"


@pytest.mark.slow
def test_watch_publishes_at_once_what_is_already_due_and_retries_after_a_failure(here):
    tmp, env, publish = here
    content = tmp / "content"
    (tmp / "plain").mkdir()  # a plain folder: every deploy fails
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "publish", "--watch", "--content", str(content),
                             "--templates", str(TEMPLATES), "--to", str(tmp / "plain")], cwd=ROOT,
                            env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(4)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "den senast publicerade webbplatsen ligger kvar – försöker igen om två sekunder" in out
    assert "målet är en vanlig mapp" in err
    www = tmp / "www"
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "publish", "--watch", "--content", str(content),
                             "--templates", str(TEMPLATES), "--to", str(www)], cwd=ROOT,
                            env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not (www / "2021" / "beslut" / "index.html").is_file() and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "det som väntade på en tid som redan hade passerat publicerades genast" in out
