"""Time ``publish`` to a folder and over SSH (a throwaway sshd on loopback, as the tests start
it): cold, no change, and twice after a one-county edit, for the bundled content and a
synthetic newsroom (``python bench/bench.py --generate 5000 /dev/shm/pub5000`` first).

    python bench/publish_bench.py [/dev/shm/pub5000]

Prints each run's seconds and the publish's own lines (files sent, unchanged, removed).
Run by hand; needs root for nothing, but openssh-server and rsync installed."""
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
from publish_helpers import Sshd  # noqa: E402


def run(env, *args):
    t = time.perf_counter()
    p = subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=ROOT, capture_output=True, text=True,
                       env={**os.environ, **env, "PYTHONPATH": str(ROOT)})
    return time.perf_counter() - t, p

def edit(content, n):
    f = sorted((content / "rounds").glob("*/lan/skane.yaml"))[-1]
    s = f.read_text(encoding="utf-8")
    s = re.sub(r"(text: >\n\s+)", lambda m: m.group(1) + f"Ändring {n}. ", s, count=1)
    f.write_text(s, encoding="utf-8")

work = Path("/dev/shm/pubbench")
shutil.rmtree(work, ignore_errors=True)
work.mkdir()
sshd = Sshd(work / "sshd")
try:
    for name, src in (("bundled", ROOT / "content"), ("large", Path(sys.argv[1]) if len(sys.argv) > 1 else None)):
        if src is None:
            continue
        content = work / name / "content"
        shutil.copytree(src, content)
        for kind in ("folder", "ssh"):
            env = {"XDG_STATE_HOME": str(work / name / kind / "state"), "XDG_CACHE_HOME": str(work / name / kind / "cache"),
                   **sshd.environ()}
            to = str(work / name / kind / "www") if kind == "folder" else sshd.url(work / name / kind / "remote")
            args = ("publish", "--content", str(content), "--templates", str(ROOT / "templates"), "--to", to, "--now", "2100-12-31T12:00")
            for i, label in enumerate(("cold", "no change", "one county", "one county again")):
                if i >= 2:
                    edit(content, f"{kind}{i}")
                secs, p = run(env, *args)
                lines = [line for line in p.stdout.splitlines()
                         if line.startswith(("publicerat på", "arkiverat", "byggt")) or "inget skickat" in line]
                print(f"{name:8} {kind:6} {label:17} {secs:6.2f} s rc={p.returncode} | " + " | ".join(lines) + (p.stderr[-300:] if p.returncode else ""), flush=True)
finally:
    sshd.stop()
