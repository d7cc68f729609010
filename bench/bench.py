"""Benchmark Pressrum on a synthetic newsroom of any size (run by hand, not in CI).

    python bench/bench.py --generate 5000 /tmp/bench-content   # only write the content
    python bench/bench.py --releases 5000                       # generate into a temp dir and measure
    python bench/bench.py --releases 500 5000 20000 --profile   # several sizes; cProfile the cold build
    python bench/bench.py --releases 0 --serve                  # the bundled example; serve's edit-to-page time

The content is deterministic and in the real format: ``site.yaml``, ``rounds/<r>/round.yaml`` with
its decision (``tillfällen``, kind ``beslut``; only a decision has local releases) and one file
per county for all 21 counties, with recipients in the county's municipalities and a few KB of
Swedish prose per release. County figures add up to the national ones, so ranks are derived.
Each round gives 22 releases (one national, 21 local); rounds beyond the years 1990–2100 reuse
a year under another key (``2005-2``), with their own label (``etikett: 2005, omgång 2``) and
publication minute, as two rounds of one year must have (``schedule.duplicates``).

Every build runs in a fresh process (``python build.py build …``): the first run (no output, no
build cache, no compiled templates: an empty ``XDG_CACHE_HOME``), the cold build (no output, no
build cache; Jinja's compiled templates kept per user by the first run, as Python keeps
``__pycache__``), a rebuild with nothing changed, a rebuild after editing one quote in one
county file of one round, and the error path: the same kind of edit plus a quote placed after a
slot no template has (``efter: ingenstans``), built with the cache warm from the successful edit
and built cold (no output, no build cache). An error build must exit 1 naming the mistake; it is
compared with its successful twin (target: at most 1.5× the time and memory), and the county
file is restored afterwards. ``--scenarios`` picks scenarios (the builds they start from run too).

The report shows seconds, milliseconds per release, the peak resident memory of the largest
process and of all build processes together (workers included; proportional set size, so pages
shared after a fork count once), the share of wall time per pipeline stage, and the share of CPU
time per stage inside the rounds, summed over the worker processes (``PRESSRUM_TIMINGS=1`` makes
the CLI print stage times to stderr).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pressrum import sv  # noqa: E402

# Only a round's decision (beslut) has local releases; other kinds (ansokningar, tillagg, nyhet)
# are national. So each round has one decision: 22 releases, and rounds are many.
ANNOUNCEMENTS_PER_ROUND = 1
RELEASES_PER_ANNOUNCEMENT = 22  # one national + 21 counties
NOW = "2100-12-31T12:00"
FIRST_YEAR = 1990  # models accept 1990–2100
TYPES = ("kommuner", "ideella")

# --- prose --------------------------------------------------------------------------------

_SUBJECTS = (
    "Kommunen", "Föreningen", "Studieförbundet", "Regionen", "Idrottsalliansen", "Samverkansplattformen",
    "Stiftelsen", "Bostadsbolaget", "Arbetet", "Satsningen", "Projektet", "Nätverket",
)
_VERBS = (
    "arbetar tillsammans med", "utvecklar", "fördjupar", "kartlägger", "stärker", "följer upp",
    "bygger vidare på", "samordnar", "utvärderar", "breddar",
)
_OBJECTS = (
    "det långsiktiga arbetet mot segregation", "samverkan mellan aktörer i området",
    "insatser för barn och unga", "kunskapen om boendesegregation", "dialogen med invånarna",
    "vägar till arbete för personer långt från arbetsmarknaden", "föreningslivet i stadsdelen",
    "det brottsförebyggande arbetet", "läxhjälp och sommarlovsaktiviteter", "mötesplatser för unga vuxna",
    "språkstöd för nyanlända föräldrar", "uppföljningen av tidigare insatser",
)
_TAILS = (
    "under de kommande åren", "i nära samarbete med kommunen", "med stöd av följeforskning",
    "i flera bostadsområden", "tillsammans med skolor och fritidsgårdar", "på lokal och regional nivå",
    "med tydliga mål som följs upp varje år", "utifrån en gemensam lägesbild",
)
_QUOTES = (
    "Segregationen är ingen naturlag, den går att bryta", "Här går organisationer och kommuner samman för att arbeta långsiktigt",
    "Det ger arbetet kraft när fler drar åt samma håll", "Kunskap om vad som fungerar är grunden för allt vi gör",
    "Vi ser ett stort engagemang i hela länet", "Bidraget gör att arbetet kan pågå i flera år",
)
_NAMES = ("Anna Lindqvist", "Erik Johansson", "Maria Andersson", "Karin Nilsson", "Lars Berg", "Sara Ekström",
          "Johan Holm", "Elin Sandberg")
_ORG_WORDS = ("Hela", "Framtid", "Tillsammans", "Grannar", "Bryggan", "Mötesplats", "Unga", "Kraft")


def _sentence(rng: random.Random, place: str) -> str:
    return (f"{rng.choice(_SUBJECTS)} i {place} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} "
            f"{rng.choice(_TAILS)}.")


def _prose(rng: random.Random, place: str, sentences: int) -> str:
    return " ".join(_sentence(rng, place) for _ in range(sentences))


def _block(text: str, indent: int) -> str:
    """A folded YAML block (``>``) wrapped at about 90 columns."""
    pad = " " * indent
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > 90:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return ">\n" + "\n".join(pad + text_line for text_line in lines)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


# --- content ------------------------------------------------------------------------------

SITE_YAML = """\
organisation:
  namn: Delegationen mot segregation
  kortnamn: Delmos
  webbplats: https://www.delmos.se
  e-post: info@delmos.se
  om: >
    Delegationen mot segregation (Delmos) är en statlig myndighet som ska bidra
    till att minska och motverka segregation. Myndigheten tar fram och sprider
    kunskap om segregation, stödjer aktörer som arbetar mot segregation och
    fördelar statsbidrag till kommuner, regioner och ideella organisationer.
nyhetsrum:
  titel: Delmos nyhetsrum
  bas-url: https://press.delmos.se/
  beskrivning: Pressmeddelanden från Delegationen mot segregation om statsbidrag och arbetet mot segregation.
presskontakter:
  - namn: Anneli Tillberg
    e-post: anneli.tillberg@delmos.se
    telefon: 010-1407710
aktörstyper:
  kommuner:
    singular: kommun eller region
    plural: kommuner och regioner
    från: kommuner
  ideella:
    singular: ideell organisation
    plural: ideella organisationer
    från: civilsamhällesorganisationer

# Bidragets ord. Mallarna sätter in dem i sina meningar; se avsnittet
# Ett annat bidrag, en annan myndighet i content/README.md.
bidrag:
  namn: statsbidrag för arbete mot segregation
  rubriknamn: bidrag mot segregation
  till: arbetet mot segregation
  för: arbete mot segregation
  för-mottagarna: deras arbete mot segregation
  räknas:
    singular: aktör
    plural: aktörer
    genus: en
  ord:
    singular: statsbidrag
    plural: statsbidrag
    bestämd-plural: statsbidragen
    genus: ett
  kortord:
    singular: bidrag
    plural: bidrag
    genus: ett
  titel: Statsbidrag
  faktarubrik: Fakta Delmos statsbidrag
  öronmärkt: regeringen identifierat och avsatt
"""


def _kommuner_by_lan() -> dict[str, list]:
    out: dict[str, list] = {}
    for k in sv.alla_kommuner():
        out.setdefault(k.lan.slug, []).append(k)
    return out


def _county_yaml(rng: random.Random, lan, kommuner, counts: dict[str, int]) -> tuple[str, dict[str, int]]:
    """One county file; returns its text and its multi-year recipients per type."""
    lines = [f"län: {lan.namn}", "beviljade:"]
    lines += [f"  {t}: {counts[t]}" for t in TYPES if counts[t]]
    lines.append("mottagare:")
    multi = {t: 0 for t in TYPES}
    listed = 0
    for t in TYPES:
        for i in range(min(counts[t], 2)):  # named recipients: at most two per type
            kommun = kommuner[rng.randrange(len(kommuner))]
            name = f"{rng.choice(_ORG_WORDS)} {kommun.namn}" if t == "ideella" else f"{kommun.namn}s kommun"
            flerarig = (listed % 3 == 0)
            multi[t] += flerarig
            listed += 1
            lines += [f"  - namn: {_q(name)}", f"    kommun: {_q(kommun.namn)}", f"    typ: {t}",
                      f"    flerårigt: {'ja' if flerarig else 'nej'}",
                      f"    beskrivning: {_block(_prose(rng, kommun.namn, 3), 6)}"]
    if not listed:
        lines[-1] = "mottagare: []"
    lines += ["citat:", "  - efter: ingress", f"    namn: {rng.choice(_NAMES)}", "    titel: direktör",
              f"    text: {_block(rng.choice(_QUOTES) + '. ' + _prose(rng, lan.kortnamn, 1), 6)}",
              "stycken:",
              f"  bakgrund: {_block(_prose(rng, lan.kortnamn, 4), 4)}",
              f"  samverkan: {_block(_prose(rng, lan.kortnamn, 3), 4)}"]
    return "\n".join(lines) + "\n", multi


def _round_yaml(rng: random.Random, year: int, index: int, granted: dict[str, int], multi: dict[str, int],
                announcements: int, cycle: int = 0) -> str:
    total = sum(granted.values())
    lines = [f"år: {year}", *([f"etikett: {year}, omgång {cycle + 1}"] if cycle else []), "medel: 250000000", "öronmärkt:", "  - belopp: 160000000",
             "    till: vissa kommuner med socioekonomiskt eftersatta områden",
             f"ansökningar: {total + 40 + rng.randrange(200)}", "beviljade:"]
    lines += [f"  {t}: {granted[t]}" for t in TYPES]
    lines += ["fleråriga:"] + [f"  {t}: {multi[t] + rng.randrange(3)}" for t in TYPES]
    lines.append("tillfällen:")
    for a in range(announcements):
        key = "beslut" if a == 0 else f"beslut-{a + 1}"
        month, day = 1 + (2 * a) % 12, 1 + (index * 7 + a * 3) % 28
        lines += [f"  {key}:", "    typ: beslut", f"    publiceras: {year}-{month:02d}-{day:02d} 10:{cycle % 60:02d}", "    citat:"]
        for slot in ("ingress", "nytt", "totalt"):
            lines += [f"      - efter: {slot}", "        namn: Anders Kessling", "        titel: direktör",
                      f"        text: {_block(rng.choice(_QUOTES) + '. ' + _prose(rng, 'landet', 1), 10)}"]
        lines.append("    stycken:")
        for name, n in (("nytt", 3), ("ideella", 4), ("fakta", 3), ("fakta-syfte", 2)):
            lines.append(f"      {name}: {_block(_prose(rng, 'hela landet', n), 8)}")
    return "\n".join(lines) + "\n"


def generate(releases: int, out: Path) -> int:
    """Write synthetic content giving about ``releases`` releases into ``out``; returns the exact count."""
    announcements = max(1, round(releases / RELEASES_PER_ANNOUNCEMENT))
    rounds = math.ceil(announcements / ANNOUNCEMENTS_PER_ROUND)
    if out.exists():
        shutil.rmtree(out)
    (out / "rounds").mkdir(parents=True)
    (out / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    kommuner = _kommuner_by_lan()
    left = announcements
    for r in range(rounds):
        rng = random.Random(r)
        year = FIRST_YEAR + r % (2101 - FIRST_YEAR)
        key = str(year) if r < 2101 - FIRST_YEAR else f"{year}-{r // (2101 - FIRST_YEAR) + 1}"
        folder = out / "rounds" / key
        (folder / "lan").mkdir(parents=True)
        granted = {t: 0 for t in TYPES}
        multi = {t: 0 for t in TYPES}
        for lan in sv.alla_lan():
            counts = {"kommuner": 1 + rng.randrange(6), "ideella": rng.randrange(6)}
            text, m = _county_yaml(rng, lan, kommuner[lan.slug], counts)
            (folder / "lan" / f"{lan.slug}.yaml").write_text(text, encoding="utf-8")
            for t in TYPES:
                granted[t] += counts[t]
                multi[t] += m[t]
        n = min(ANNOUNCEMENTS_PER_ROUND, left)
        left -= n
        cycle = r // (2101 - FIRST_YEAR)  # > 0: a year used again
        (folder / "round.yaml").write_text(_round_yaml(rng, year, r, granted, multi, n, cycle), encoding="utf-8")
    return announcements * RELEASES_PER_ANNOUNCEMENT


def edited_county_file(content: Path) -> Path:
    """The county file the one-county scenarios edit: Skåne's, in the middle round."""
    rounds = sorted((content / "rounds").iterdir())
    return rounds[len(rounds) // 2] / "lan" / "skane.yaml"


# The first line of a free paragraph under ``stycken`` (folded or plain): the bundled Skåne file
# has no quote of its own (it repeats a national one), but it has a paragraph.
_PARAGRAPH = re.compile(r"^stycken:\n  [a-z0-9-]+: (?:>-?\n    )?", re.MULTILINE)


def edit_one_county(content: Path, word: str = "Redigerat") -> Path:
    """Add a word to the quote in one county file of one round, or to its first paragraph when it
    has no quote (a typical editor's edit: the county's release changes, the file stays valid)."""
    path = edited_county_file(content)
    text = path.read_text(encoding="utf-8")
    for start in ("    text: >\n      ", "    text: >-\n      ", "    text: "):
        if start in text:
            path.write_text(text.replace(start, f"{start}{word}: ", 1), encoding="utf-8")
            return path
    m = _PARAGRAPH.search(text)
    if m:
        path.write_text(f"{text[:m.end()]}{word}: {text[m.end():]}", encoding="utf-8")
        return path
    raise SystemExit(f"no quote or paragraph to edit in {path}")


MISPLACED = "ingenstans"  # a quote placed after a slot no template has: the build reports it, exit code 1


def misplace_quote(content: Path) -> Path:
    """Place the first quote in the county file ``edit_one_county`` edits (its own or a national
    one it repeats) after a slot that no template has (``efter: ingenstans``): a content mistake
    the build reports with its place, exit code 1."""
    path = edited_county_file(content)
    text, n = re.subn(r"^(  (?:- |  )efter: )\S+$", rf"\g<1>{MISPLACED}", path.read_text(encoding="utf-8"), count=1,
                      flags=re.MULTILINE)
    if not n:
        raise SystemExit(f"no quote to misplace in {path}")
    path.write_text(text, encoding="utf-8")
    return path


# --- measuring ----------------------------------------------------------------------------

def _tree_pss_kib(root: int) -> int:
    """Memory of ``root`` and all its descendants (KiB): the proportional set size, which counts a
    page shared by forked processes once in all (resident sizes would count it in each)."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return total


def _measure(args: list[str]) -> int:
    """(Runs in its own process.) Run one build, then print its time, peak memory and stage times.

    Peak memory is the largest resident set of any one process (``getrusage``) and, sampled every
    20 ms from /proc, the largest proportional set size of the build process and its worker
    processes together (pages shared after a fork counted once).
    """
    import threading

    env = dict(os.environ, PRESSRUM_TIMINGS="1")
    # As on a normal installation, Python keeps its compiled bytecode: the machine this was
    # written on sets PYTHONDONTWRITEBYTECODE=1, which would compile Pressrum's modules anew in
    # every build (about 50 ms).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    peak_sum = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.02):
            peak_sum[0] = max(peak_sum[0], _tree_pss_kib(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kib = usage.ru_maxrss  # KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime  # CPU seconds of all processes: steadier than wall time
    stages, rounds = {}, {}
    for line in stderr.splitlines():
        if line.startswith("tid "):  # "tid <stage> <seconds>"
            _, name, value = line.split()
            if name.startswith("round-"):  # inside the rounds: CPU summed over the worker processes
                rounds[name.removeprefix("round-")] = float(value)
            else:
                stages[name] = float(value)
    if stages:  # interpreter start, imports and argument parsing: whatever the stages do not cover
        stages = {"startup": max(0.0, seconds - sum(stages.values())), **stages}
    print(json.dumps({"code": proc.returncode, "seconds": seconds, "cpu": cpu, "peak_mib": peak_kib / 1024,
                      "peak_all_mib": peak_sum[0] / 1024, "stages": stages, "rounds": rounds,
                      "stdout": stdout, "stderr": stderr}))
    return 0


def build_once(content: Path, out: Path, extra: tuple[str, ...] = (), env: dict | None = None,
               expect: int = 0) -> dict:
    """Measure one build in a fresh process; stop unless it exits with ``expect``."""
    args = ["build", "--content", str(content), "--out", str(out), "--now", NOW, *extra]
    # Let the disk finish writing what earlier steps wrote (or removed), so a build is not charged
    # for the previous one's flush.
    os.sync()
    proc = subprocess.run([sys.executable, __file__, "--_measure", json.dumps(args)], capture_output=True, text=True,
                          env=env)
    result = json.loads(proc.stdout)
    if result["code"] != expect:
        raise SystemExit(f"bygget gav slutkod {result['code']}, väntat {expect}:\n{result['stderr']}")
    return result


def build_with_error(content: Path, out: Path, env: dict | None = None, word: str = "Felredigerat") -> dict:
    """Measure a build after the one-county edit (another word) plus a misplaced quote in the same
    file; it must exit 1 and name the mistake on stderr. The county file is restored afterwards."""
    path = edited_county_file(content)
    before = path.read_bytes()
    try:
        edit_one_county(content, word)
        misplace_quote(content)
        result = build_once(content, out, env=env, expect=1)
    finally:
        path.write_bytes(before)
    wanted = f"{path.name}:"
    if f"'{MISPLACED}'" not in result["stderr"] or wanted not in result["stderr"]:
        raise SystemExit(f"the build did not report the misplaced quote in {path}:\n{result['stderr']}")
    return result


def _releases_built(stdout: str) -> int | None:
    """The number of releases the build reports ("klart: 4 994 pressmeddelanden …")."""
    m = re.search(r"klart: ([\d\s\u00a0]+) pressmeddelande", stdout)
    return int(re.sub(r"\D", "", m.group(1))) if m else None


def _stage_shares(stages: dict) -> str:
    total = sum(stages.values()) or 1
    return ", ".join(f"{k} {100 * v / total:.0f} %" for k, v in stages.items())


# The generated content and its output live in the project folder by default, as a real
# newsroom's do. On the 2-core VM this was written on, creating a file costs anywhere from
# 0.017 to 0.39 ms depending on the folder and the hour (the virtual disk's speed varies), so
# --workdir /dev/shm measures Pressrum without the disk.
WORK = ROOT / ".bench"


def measure_serve(edits: int = 7, workdir: Path = WORK) -> list[float]:
    """Seconds from saving an edit of the bundled content to the reloaded page being served.

    Runs ``build.py serve`` on a copy of ``content/``, holds the page's long poll open (as the
    reload script in the browser does), saves an edit of the Skåne quote, and times until the
    poll answers and the page is fetched again with the edit in it.
    """
    import threading
    import urllib.request

    workdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="pressrum-serve-", dir=workdir))
    shutil.copytree(ROOT / "content", work / "content")
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--content", str(work / "content"),
                             "--templates", str(ROOT / "templates"), "--out", str(work / "preview"), "--port", "0"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env, cwd=work)
    try:
        url = None
        for line in proc.stderr:
            m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            if m:
                url = m.group(1)
                break
        if url is None:
            raise SystemExit("serve did not start")
        threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()  # keep the pipe drained
        page = url + "2021/beslut/skane/"
        times = []
        for i in range(edits):
            version = json.loads(urllib.request.urlopen(url + "__pressrum/version?since=-1").read())["version"]
            answered = threading.Event()

            def poll() -> None:
                urllib.request.urlopen(f"{url}__pressrum/version?since={version}").read()
                answered.set()

            waiter = threading.Thread(target=poll)
            waiter.start()
            time.sleep(1.0)  # the poll is open; the watcher is idle
            word = f"Ändring{i}"
            start = time.perf_counter()
            edit_one_county(work / "content", word)
            waiter.join(30)
            body = urllib.request.urlopen(page).read().decode("utf-8")
            seconds = time.perf_counter() - start
            if not answered.is_set() or word not in body:
                raise SystemExit("the edit did not reach the page")
            times.append(seconds)
        return times
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(work, ignore_errors=True)


BUNDLED = 0  # --releases 0: the bundled example (content/), not generated content

# The scenarios, in the order they run. Each needs the ones before it that build successfully
# (a first run compiles the templates for the cold builds; the cold build is what the rebuilds
# start from), so those run whether chosen or not; the error scenarios are compared with the
# success they differ from by one mistake.
SCENARIOS = ("first-run", "cold", "no-change", "one-county", "one-county-error", "cold-error")
NEEDS = {"first-run": (), "cold": ("first-run",), "no-change": ("cold",), "one-county": ("cold",),
         "one-county-error": ("one-county",), "cold-error": ("cold",)}
# (error scenario, the successful scenario it is compared with)
ERROR_PAIRS = (("one-county-error", "one-county"), ("cold-error", "cold"))


def needed(chosen) -> list[str]:
    """The chosen scenarios and what they need, in running order."""
    todo, stack = set(), list(chosen)
    while stack:
        name = stack.pop()
        if name not in todo:
            todo.add(name)
            stack.extend(NEEDS[name])
    return [name for name in SCENARIOS if name in todo]


def run(releases: int, profile: bool = False, keep: Path | None = None, workdir: Path = WORK,
        scenarios=SCENARIOS) -> dict:
    workdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="pressrum-bench-", dir=workdir))
    try:
        content = work / "content"
        out = work / "releases"
        if releases == BUNDLED:
            shutil.copytree(ROOT / "content", content)
            n = 2
        else:
            n = generate(releases, content)
        # Every build of the run with the same user cache folder: the build cache is kept there too.
        user_cache = dict(os.environ, XDG_CACHE_HOME=str(work / "user-cache"))
        builds = work / "user-cache" / "pressrum" / "builds"
        todo = needed(scenarios)
        res = {}
        # The first run ever: Jinja's compiled templates (kept per user, like __pycache__) are not there.
        res["first-run"] = build_once(content, out, env=user_cache)
        shutil.rmtree(out)
        shutil.rmtree(builds, ignore_errors=True)
        # Cold: no output and no build cache (templates compiled by an earlier run).
        res["cold"] = build_once(content, out, env=user_cache)
        if "no-change" in todo:
            res["no-change"] = build_once(content, out, env=user_cache)
        if "one-county" in todo:
            edit_one_county(content)
            res["one-county"] = build_once(content, out, env=user_cache)
        if "one-county-error" in todo:
            # The same kind of edit again plus a mistake, the cache warm from the successful build.
            res["one-county-error"] = build_with_error(content, out, env=user_cache)
        if "cold-error" in todo:
            # No output and no build cache: a folder of its own (the cache is kept per output folder).
            res["cold-error"] = build_with_error(content, work / "releases-cold-error", env=user_cache)
            shutil.rmtree(work / "releases-cold-error", ignore_errors=True)
            for folder in builds.glob("releases-cold-error-*"):
                shutil.rmtree(folder, ignore_errors=True)
        if profile:
            shutil.rmtree(out)
            shutil.rmtree(builds, ignore_errors=True)
            prof = work / "cold.prof"
            subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), str(ROOT / "build.py"), "build",
                            "--content", str(content), "--out", str(out), "--now", NOW], check=True,
                           capture_output=True, env=user_cache)
            import pstats
            pstats.Stats(str(prof)).sort_stats("cumulative").print_stats(45)
        if keep:
            shutil.copytree(work, keep, dirs_exist_ok=True)
        built = _releases_built(res["cold"]["stdout"])
        return {"releases": built if built is not None else n, **res}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(res: dict) -> None:
    n = res["releases"]
    print(f"\n{n} releases")
    for name in SCENARIOS:
        if name not in res:
            continue
        r = res[name]
        print(f"  {name:<16} {r['seconds']:7.2f} s  {1000 * r['seconds'] / n:6.3f} ms/release  "
              f"(CPU {r['cpu']:6.2f} s)  peak {r['peak_mib']:5.0f} MiB per process, {r['peak_all_mib']:5.0f} MiB all")
        if r["stages"]:
            print(f"  {'':<16} stages (wall): {_stage_shares(r['stages'])}")
        if r.get("rounds"):
            print(f"  {'':<16} in the rounds (CPU, all workers): {_stage_shares(r['rounds'])}")
    for error, success in ERROR_PAIRS:
        if error in res and success in res:
            e, ok = res[error], res[success]
            print(f"  {error} / {success}: time {e['seconds'] / ok['seconds']:.2f}×, CPU {e['cpu'] / ok['cpu']:.2f}×, "
                  f"peak memory {e['peak_all_mib'] / ok['peak_all_mib']:.2f}× all processes, "
                  f"{e['peak_mib'] / ok['peak_mib']:.2f}× per process (target ≤ 1.5×)")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--generate", nargs=2, metavar=("N", "DIR"), help="write content for about N releases into DIR")
    p.add_argument("--releases", nargs="+", type=int, metavar="N", help="generate and measure about N releases")
    p.add_argument("--profile", action="store_true", help="also profile a cold build with cProfile")
    p.add_argument("--keep", type=Path, help="copy the generated content and output here")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--serve", action="store_true", help="measure serve: saved edit to reloaded page (bundled content)")
    p.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS), metavar="NAME",
                   help=f"which builds to measure (default all: {', '.join(SCENARIOS)}); "
                        "the builds a scenario starts from run too")
    p.add_argument("--workdir", type=Path, default=WORK,
                   help="where to generate and build (default .bench/ in the project; /dev/shm: no disk)")
    p.add_argument("--_measure", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args._measure:
        return _measure(json.loads(args._measure))
    if args.generate:
        n = generate(int(args.generate[0]), Path(args.generate[1]))
        print(f"{n} releases in {args.generate[1]}")
        return 0
    if not args.releases and not args.serve:
        p.error("give --generate N DIR, --releases N (0: the bundled example) or --serve")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if args.serve:
        times = sorted(measure_serve(workdir=args.workdir))
        print(f"\nserve, bundled content: saved edit to reloaded page, {len(times)} edits: median "
              f"{1000 * times[len(times) // 2]:.0f} ms (min {1000 * times[0]:.0f}, max {1000 * times[-1]:.0f})")
    results = [run(n, args.profile, args.keep, args.workdir, args.scenarios) for n in args.releases or ()]
    for res in results:
        report(res)
    if args.json:
        print(json.dumps([{k: v if k == "releases" else {x: v[x] for x in ("seconds", "cpu", "peak_mib", "peak_all_mib", "stages")}
                           for k, v in res.items()} for res in results], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
