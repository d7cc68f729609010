"""Pressrum and Hugo side by side on the same newsroom (run by hand, not in CI).

    python bench/hugo_side.py --releases 5000 --runs 3 --workdir /dev/shm/hs

The synthetic content of ``bench.py`` is built once by Pressrum; its releases' Markdown
(``index.md``) then becomes a Hugo site with the same pages a journalist or reader gets: one
page per release, a page per round (Hugo's sections), a start page listing the newest 20, a
page per county listing its releases (a taxonomy ``lan``), and RSS and Atom feeds of the 50
newest for the whole newsroom and for each county (Pressrum's 44 feeds). Hugo gets no `.md`
and `.txt` copies and no pictures: it is the plainer site, so the comparison flatters Hugo.

The builds alternate (Pressrum, Hugo, Pressrum, …) so that the machine's drift falls on both, each
in a fresh process, and the medians are printed:

* **cold** – Pressrum with no output and no build cache (its compiled templates kept per user, as
  ``bench.py`` does); Hugo with no ``public/`` and no ``resources/``;
* **one county edited** – Pressrum after editing a quote in one county file of one round
  (``bench.edit_one_county``); Hugo has no incremental build outside its server, so its figure is
  its cold build.

Time is wall time of the whole process; CPU is user + system time of the process and its workers
(``os.wait4``); memory is the largest resident set of any one of them.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (bench/ is not a package)

HUGO_CONFIG = """\
baseURL = "https://press.example.se/"
languageCode = "sv-se"
title = "Nyhetsrum"
rssLimit = 50
buildFuture = true  # the releases are dated up to 2100, as bench.py builds them with --now 2100-12-31
disableKinds = ["taxonomy", "robotsTXT", "404"]  # "taxonomy" is the list of counties; "term" a county
ignoreErrors = ["error-disable-taxonomy"]
[taxonomies]
  lan = "lan"
[mediaTypes."application/atom+xml"]
  suffixes = ["xml"]
[outputFormats.Atom]
  mediaType = "application/atom+xml"
  baseName = "atom"
[outputs]
  home = ["HTML", "RSS", "Atom"]
  section = ["HTML"]
  term = ["HTML", "RSS", "Atom"]
  page = ["HTML"]
"""

LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title><link rel="stylesheet" href="/style.css">
{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">{{ end }}
</head><body><header><a href="/">{{ site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}</p></footer></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2 January 2006 15.04" }}</time></p>
{{ .Content }}</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 January 2006" }}</time>
<p>{{ .Summary }}</p></li>{{ end }}</ul>{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ site.Title }}</h1><ul>
{{ range first 20 site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<p>{{ .Summary }}</p></li>{{ end }}</ul>{{ end }}
""",
    "_default/list.atom.xml": """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv"><title>{{ .Title }}</title>
<id>{{ .Permalink }}</id><link href="{{ .Permalink }}"/>{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = site.RegularPages }}{{ end }}
<updated>{{ now.Format "2006-01-02T15:04:05-07:00" }}</updated>
{{ range first 50 $pages.ByDate.Reverse }}<entry><title>{{ .Title }}</title><id>{{ .Permalink }}</id>
<link href="{{ .Permalink }}"/><updated>{{ .Date.Format "2006-01-02T15:04:05-07:00" }}</updated>
<content type="html">{{ .Content | html }}</content></entry>
{{ end }}</feed>
""",
}


def hugo_site(content: Path, built: Path, site: Path) -> int:
    """Write a Hugo site into ``site`` from the releases Pressrum built into ``built`` from
    ``content``; returns the number of release pages."""
    if site.exists():
        shutil.rmtree(site)
    (site / "static").mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copy(built / "style.css", site / "static" / "style.css")
    count = 0
    for round_dir in sorted((content / "rounds").iterdir()):
        facts = yaml.safe_load((round_dir / "round.yaml").read_text(encoding="utf-8"))
        for key, occasion in facts["tillfällen"].items():
            when = str(occasion["publiceras"]).replace(" ", "T") + ":00+02:00"
            folder = built / round_dir.name / key
            for md in sorted(folder.glob("**/index.md")):
                lan = md.parent.name if md.parent != folder else None
                title, _, body = md.read_text(encoding="utf-8").partition("\n")
                front = {"title": title.removeprefix("# "), "date": when, "lan": [lan] if lan else []}
                # The same addresses as Pressrum's: /<round>/<occasion>/ and /<round>/<occasion>/<län>/.
                out = site / "content" / round_dir.name / (f"{key}/{lan}.md" if lan else f"{key}.md")
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body,
                               encoding="utf-8")
                count += 1
    return count


def timed(cmd: list[str], env: dict | None = None) -> dict:
    """Run ``cmd`` in a fresh process: wall seconds, CPU seconds (its workers included) and the
    largest resident set (MiB); stop unless it succeeds."""
    os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    said = proc.stdout.read().decode(errors="replace")  # to the end: the process has closed it
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{cmd[0]} gav slutkod {proc.returncode}:\n{said}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "mib": usage.ru_maxrss / 1024}


def tree_size(root: Path) -> tuple[int, int]:
    """Files and bytes under ``root``."""
    files = size = 0
    for dirpath, _, names in os.walk(root):
        for name in names:
            files += 1
            size += os.lstat(os.path.join(dirpath, name)).st_size
    return files, size


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--releases", type=int, default=5000, help="about this many releases (default 5000)")
    p.add_argument("--runs", type=int, default=3, help="alternating runs of each (default 3)")
    p.add_argument("--workdir", type=Path, default=bench.WORK, help="where to work (/dev/shm: no disk)")
    p.add_argument("--hugo", default="hugo", help="the hugo command (Debian's package: hugo)")
    args = p.parse_args(argv)
    if not shutil.which(args.hugo):
        raise SystemExit(f"{args.hugo} finns inte: installera Debians paket hugo")
    args.workdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="hugo-side-", dir=args.workdir))
    try:
        content, out, site = work / "content", work / "releases", work / "hugo"
        n = bench.generate(args.releases, content)
        env = dict(os.environ, XDG_CACHE_HOME=str(work / "user-cache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as on a normal installation
        builds = work / "user-cache" / "pressrum" / "builds"
        pressrum = [sys.executable, str(bench.ROOT / "build.py"), "build", "--content", str(content),
                    "--out", str(out), "--now", bench.NOW]
        hugo = [args.hugo, "-s", str(site), "-d", str(work / "public")]
        timed(pressrum, env)  # compiles the templates into the user cache, as bench.py's first run
        pages = hugo_site(content, out, site)
        results = {"pressrum cold": [], "hugo cold": [], "pressrum one county": []}
        for _ in range(args.runs):
            shutil.rmtree(out)
            shutil.rmtree(builds, ignore_errors=True)
            results["pressrum cold"].append(timed(pressrum, env))
            shutil.rmtree(work / "public", ignore_errors=True)
            shutil.rmtree(site / "resources", ignore_errors=True)
            results["hugo cold"].append(timed(hugo))
            bench.edit_one_county(content, f"Redigerat{len(results['pressrum one county'])}")
            results["pressrum one county"].append(timed(pressrum, env))
        version = subprocess.run([args.hugo, "version"], capture_output=True, text=True).stdout.split()[1]
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, hugo {version}")
        print(f"{n} releases ({pages} Hugo release pages); medians of {args.runs} alternating runs")
        for name, runs in results.items():
            s = statistics.median(r["seconds"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs)
            mib = max(r["mib"] for r in runs)
            print(f"  {name:20} {s:7.2f} s  (CPU {cpu:6.2f} s, {1000 * cpu / n:5.2f} ms/release)  "
                  f"peak {mib:5.0f} MiB   runs: " + ", ".join(f"{r['seconds']:.2f}" for r in runs))
        for name, root in (("pressrum", out), ("hugo", work / "public")):
            files, size = tree_size(root)
            print(f"  output {name:10} {files:7} files {size / 1e6:7.1f} MB")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
