"""Time and peak memory of sending one release to N subscribers through an aiosmtpd server on
127.0.0.1 (run by hand: python bench/mail_bench.py 5000). The send runs in a subprocess, as
``python build.py skicka``; its peak memory is the child's maximum resident set size."""
from __future__ import annotations

import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent


class Count:
    """Counts what arrives, and when the first and the last message came (the send alone)."""

    n = 0
    first = last = 0.0

    async def handle_DATA(self, server, session, envelope):
        Count.last = time.perf_counter()
        Count.first = Count.first or Count.last
        Count.n += len(envelope.rcpt_tos)
        return "250 OK"


def main(n: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="pressrum-mail-bench-"))
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    with open(content / "site.yaml", "a", encoding="utf-8") as f:
        f.write("\ne-postutskick:\n  avsändare:\n    namn: Delmos press\n    e-post: press@delmos.se\n"
                "  anmälan: https://press.delmos.se/e-post/\n")
    (work / "lista.csv").write_text("e-post;listor\n" + "".join(f"r{i}@tidning{i % 97}.se;nationellt\n"
                                                                for i in range(n)), encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(Count(), hostname="127.0.0.1", port=port)
    controller.start()
    env = dict(os.environ, PRESSRUM_DB=str(work / "db.sqlite"), PRESSRUM_SMTP_URL=f"smtp://127.0.0.1:{port}",
               PRESSRUM_SMTP_RATE="0", PRESSRUM_CACHE="0", PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, str(ROOT / "build.py"), "subscribers", "import", str(work / "lista.csv")],
                   env=env, check=True, capture_output=True)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "skicka", "--content", str(content), "--out",
                           str(work / "ut"), "--now", "2021-05-17T10:05"], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss / 1024
    cpu = usage.ru_utime + usage.ru_stime   # of both children; the import is a small part
    controller.stop()
    print(proc.stdout.strip(), proc.stderr.strip()[-300:])
    per = (Count.last - Count.first) / max(Count.n - 1, 1) * 1000
    print(f"{n} prenumeranter: {Count.n} mottagna, {seconds:.1f} s (bygge inräknat), "
          f"{per:.2f} ms per meddelande (första till sista), processortid {cpu:.1f} s, högsta minne {peak:.0f} MB")
    shutil.rmtree(work)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
