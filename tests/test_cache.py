"""The build cache never changes the output: after every kind of edit, a cached rebuild is byte for
byte a full build from scratch (``PRESSRUM_CACHE=0``) of the same content, templates and code.

Content: the benchmark's generator (bench/bench.py) for two rounds, each a decision for all 21
counties with recipients and prose. Builds run in-process through ``pipeline.build``.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2
import pytest

from conftest import ROOT, TEMPLATES, bench_module
from pressrum import cli, fingerprint, memo, pipeline, render

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2100, 12, 31, 12, tzinfo=STOCKHOLM)


def _build(options: pipeline.Options):
    """A build as the command makes it, with the options the environment sets (PRESSRUM_CACHE,
    PRESSRUM_WORKERS), which only cli.py reads."""
    return cli.build(dataclasses.replace(options, **cli.environment(os.environ)))


def _cache_dir(out: Path) -> Path:
    """The build cache of ``out``, in the cache home the environment names (as cli.py reads it)."""
    return memo.cache_dir(out, cli.environment(os.environ)["cache_home"])


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("gen") / "content"
    assert bench_module().generate(44, content) == 44  # two rounds, each a decision for all 21 counties
    return content


@pytest.fixture
def site(tmp_path, generated, monkeypatch):
    """A private copy of the content and templates, built once with the cache (filling it)."""
    monkeypatch.delenv("PRESSRUM_CACHE", raising=False)
    content, templates = tmp_path / "content", tmp_path / "templates"
    shutil.copytree(generated, content)
    shutil.copytree(TEMPLATES, templates)
    workspace = Workspace(tmp_path, content, templates, monkeypatch)
    workspace.releases = workspace.build().releases
    assert workspace.releases > 22  # national and local releases of more than one round
    return workspace


class Workspace:
    def __init__(self, root: Path, content: Path, templates: Path, monkeypatch):
        self.root, self.content, self.templates, self.monkeypatch = root, content, templates, monkeypatch
        self.out = root / "releases"
        self.round = sorted((content / "rounds").iterdir())[0]

    def build(self, now: datetime = NOW) -> pipeline.BuildResult:
        """A build with the cache, into the same output folder every time. Some edits here take
        releases away on purpose (a county or a round removed), so it says so, as an editor must
        (``--unpublish``; tests/test_guards.py checks the refusal without it)."""
        return _build(pipeline.Options(self.content, self.templates, self.out, now, unpublish=True))

    def in_round(self, name: str) -> int:
        """The number of releases of round ``name`` in the output (each has an index.md)."""
        return len(list((self.out / name).rglob("index.md")))

    def full_build(self, now: datetime = NOW) -> dict[str, bytes]:
        """A build from scratch without the cache, into a new folder."""
        out = self.root / f"full-{len(list(self.root.glob('full-*')))}"
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("PRESSRUM_CACHE", "0")
            _build(pipeline.Options(self.content, self.templates, out, now))
        assert not _cache_dir(out).exists()
        return files(out)

    def edit(self, rel: str, old: str, new: str, base: Path | None = None) -> None:
        path = (base or self.round) / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def renders(self) -> list[str]:
        """Count the release blocks rendered by the next builds."""
        calls: list[str] = []
        original = render._render_block

        def counting(env, spec, block, ctx):
            calls.append(f"{spec.key}:{block}")
            return original(env, spec, block, ctx)

        self.monkeypatch.setattr(render, "_render_block", counting)
        return calls


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _first_number(text: str, key: str) -> int:
    line = next(raw for raw in text.splitlines() if raw.strip().startswith(key + ":"))
    return int(line.split(":")[1])


def edit_figure(ws: Workspace) -> None:
    """One more granted municipality in Skåne, and in the national figure (ranks change)."""
    county = (ws.round / "lan" / "skane.yaml").read_text(encoding="utf-8")
    n = _first_number(county.split("beviljade:")[1], "kommuner")
    ws.edit("lan/skane.yaml", f"  kommuner: {n}\n", f"  kommuner: {n + 5}\n")
    national = (ws.round / "round.yaml").read_text(encoding="utf-8")
    m = _first_number(national.split("beviljade:")[1], "kommuner")
    ws.edit("round.yaml", f"  kommuner: {m}\n", f"  kommuner: {m + 5}\n")


def edit_quote(ws: Workspace) -> None:
    ws.edit("lan/skane.yaml", "    text: >\n      ", "    text: >\n      Nu mer än någonsin: ")


def edit_national_paragraph(ws: Workspace) -> None:
    ws.edit("round.yaml", "      nytt: >\n        ", "      nytt: >\n        Nytt i år är mycket. ")


def edit_release_template(ws: Workspace) -> None:
    ws.edit("releases/beslut/lokal.md.j2", "## {{ bidrag.fact_heading }}", "Texten är ändrad i mallen.\n\n## {{ bidrag.fact_heading }}",
            base=ws.templates)


def edit_page_template(ws: Workspace) -> None:
    path = ws.templates / "site" / "release.txt.j2"
    path.write_text(path.read_text(encoding="utf-8") + "Ändrad sidmall.\n", encoding="utf-8")


def remove_county(ws: Workspace) -> None:
    (ws.round / "lan" / "gotland.yaml").unlink()


def remove_and_add_county(ws: Workspace) -> None:
    saved = (ws.round / "lan" / "gotland.yaml").read_bytes()
    remove_county(ws)
    ws.build()  # the cache now holds the site without Gotland
    (ws.round / "lan" / "gotland.yaml").write_bytes(saved)


def change_package_version(ws: Workspace) -> None:
    ws.monkeypatch.setattr(fingerprint, "package_version", lambda: "99.0")


def change_code(ws: Workspace) -> None:
    """A change in the code that renders (here: how a quote is printed) must not reuse old text."""
    original = render.replik
    ws.monkeypatch.setattr(render, "replik", lambda q, first, sender: original(q, first, sender) + " (ändrad)")
    ws.monkeypatch.setattr(fingerprint, "_code_files_digest", lambda: "changed code")


def edit_site(ws: Workspace) -> None:
    """site.yaml is read by every round and every shared page."""
    path = ws.content / "site.yaml"
    text = path.read_text(encoding="utf-8")
    assert "Nyhetsrum" in text or "nyhetsrum" in text
    path.write_text(text.replace("Delegationen mot segregation", "Delegationen mot segregation (ändrad)", 1),
                    encoding="utf-8")


def add_round(ws: Workspace) -> None:
    """A new round the year after the last: new releases, pages, feed items; it compares with that year."""
    last = sorted((ws.content / "rounds").iterdir())[-1]
    year = int(last.name) + 1
    new = ws.content / "rounds" / str(year)
    shutil.copytree(last, new)
    text = (new / "round.yaml").read_text(encoding="utf-8")
    (new / "round.yaml").write_text(text.replace(f"år: {last.name}", f"år: {year}")
                                    .replace(f"publiceras: {last.name}-", f"publiceras: {year}-"), encoding="utf-8")


def remove_round(ws: Workspace) -> None:
    shutil.rmtree(sorted((ws.content / "rounds").iterdir())[-1])


EDITS = [edit_figure, edit_quote, edit_national_paragraph, edit_release_template, edit_page_template,
         remove_county, remove_and_add_county, change_package_version, change_code, edit_site, add_round,
         remove_round]


# Edits after which the output is the same as before (so the test checks that all was rendered anew).
SAME_OUTPUT = {remove_and_add_county, change_package_version}


@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__ for e in EDITS])
def test_cached_rebuild_after_an_edit_is_a_full_build(site, edit):
    before = files(site.out)
    edit(site)
    calls = site.renders()
    site.build()
    after = files(site.out)
    assert after == site.full_build()
    rendered = {c.split(":")[0] for c in calls}
    if edit is change_package_version:
        assert len(rendered) == site.releases  # nothing reused across a version change
    elif edit is remove_and_add_county:  # the round is rendered anew (and the next year's, which compares with it)
        assert len({k for k in rendered if k.startswith(site.round.name + "/")}) == site.in_round(site.round.name)
    else:
        assert after != before  # the edit shows in the output, so the cache had something to get wrong


def test_no_change_rebuild_is_skipped_and_identical(site):
    before = files(site.out)
    calls = site.renders()
    result = site.build()
    assert [stage for stage, _ in result.timings] == ["cache-check"]
    assert calls == []
    assert files(site.out) == before == site.full_build()
    assert (result.releases, result.files) == (site.releases, len(before) - 1)  # all but the marker file


def test_one_county_edit_renders_only_its_round(site, monkeypatch):
    """Editing a county of the oldest round renders that round's releases and pages (and the next year's)."""
    for year in ("2098", "2099"):
        newer = site.content / "rounds" / year
        shutil.copytree(site.round, newer)
        round_file = newer / "round.yaml"
        round_file.write_text(round_file.read_text(encoding="utf-8").replace("år: 1990", f"år: {year}")
                              .replace("publiceras: 1990-", f"publiceras: {year}-"), encoding="utf-8")
    site.build()
    calls = site.renders()
    pages: list[str] = []
    original = jinja2.Template.render

    def counting(self, *args, **kwargs):
        release = dict(*args, **kwargs).get("release")
        pages.append(f"{release.key if release else ''}:{self.name}")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", counting)
    edit_quote(site)
    site.build()
    rendered = {c.split(":")[0] for c in calls}
    # Only the edited round is rendered (a quote changes no total, so the next year's is reused).
    assert {k.split("/")[0] for k in rendered} == {"1990"}, rendered
    assert len(rendered) == site.in_round("1990")
    # No page of another round is rendered either: their files are already in the output.
    assert not [k for k in pages if k.startswith(("1991/", "2098/", "2099/"))], pages
    assert len([k for k in pages if k.startswith("1990/")]) == 3 * site.in_round("1990")
    assert files(site.out) == site.full_build()


def test_a_changed_total_rebuilds_the_next_years_round(site):
    """The next year's local releases compare with this year's totals: they are rendered again."""
    calls = site.renders()
    edit_figure(site)
    site.build()
    rounds_rendered = {c.split("/")[0] for c in calls}
    assert rounds_rendered == {"1990", "1991"}, rounds_rendered
    assert files(site.out) == site.full_build()


def test_output_edited_by_hand_is_rebuilt(site):
    page = site.out / f"{site.round.name}/beslut/skane/index.html"
    page.write_text("ändrad för hand", encoding="utf-8")
    site.build()
    assert files(site.out) == site.full_build()


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_corrupt_cache_is_ignored(site, damage):
    cache_dir = _cache_dir(site.out)
    records = sorted((cache_dir / "rounds").glob("*.bin"))
    assert len(records) == 2
    for path in [cache_dir / memo.MANIFEST, *records]:
        data = path.read_bytes()
        if damage == "truncate":
            data = data[: len(data) // 2]
        elif damage == "flip":
            middle = len(data) // 2
            data = data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:]
        elif damage == "garbage":
            data = b"\x80\x04 not a cache"
        else:
            data = b""
        path.write_bytes(data)
    edit_quote(site)
    calls = site.renders()
    site.build()
    assert len({c.split(":")[0] for c in calls}) == site.releases  # nothing was taken from the damaged cache
    assert files(site.out) == site.full_build()


def test_poisoned_round_record_is_not_trusted_after_a_template_or_version_change(site):
    """Records written under other templates or another version are never read, even if intact."""
    import pickle

    store = memo.DiskMemo(site.content, site.templates, site.out, False, cli.environment(os.environ)["cache_home"])
    name = site.round.name
    record = store.round_record(name)
    assert record is not None and record.entries, "the first build filled the round records"
    import zlib

    assert store.round_texts(record) is not None
    poisoned = dataclasses.replace(record, entries=tuple(dataclasses.replace(e, title="POISON") for e in record.entries),
                                   texts=tuple(zlib.compress(b"<p>POISON</p>") for _ in record.entries))
    store.save_round(poisoned, memo.seen_at(record.times, NOW))
    # Intact, and read while nothing changed.
    assert store.round_record(name).entries[0].title == "POISON"
    assert set(store.round_texts(poisoned).values()) == {zlib.compress(b"<p>POISON</p>")}
    change_package_version(site)
    edit_page_template(site)
    site.build()
    built = files(site.out)
    assert not any(b"POISON" in data for data in built.values())
    assert built == site.full_build()
    del pickle


def test_now_between_publications(site):
    """The two rounds' decisions are published at different times; --now between them drops one."""
    from pressrum.rounds import round_times

    times = sorted(t for r in _content(site).rounds for t in round_times(r))
    between = times[0] + (times[1] - times[0]) / 2
    result = site.build(between)
    assert 0 < result.releases < site.releases
    assert files(site.out) == site.full_build(between)
    result = site.build(NOW)
    assert result.releases == site.releases
    assert files(site.out) == site.full_build(NOW)


def _content(ws: Workspace):
    from pressrum.validate import load_content

    return load_content(ws.content)


def test_edit_inside_a_linked_round_folder_is_seen(site, tmp_path):
    """The loaders follow a round folder that is a symbolic link within the content folder (one
    leading out is refused: tests/test_reading.py); so does the cache's fingerprint."""
    elsewhere = site.content / "rounds" / f".{site.round.name}-mappen"  # hidden: not a round of its own
    shutil.move(str(site.round), elsewhere)
    site.round.symlink_to(elsewhere, target_is_directory=True)
    site.build()
    edit_quote(site)
    site.build()
    assert files(site.out) == site.full_build()
    assert "Nu mer än någonsin" in (site.out / site.round.name / "beslut" / "skane" / "index.md").read_text(encoding="utf-8")


def test_an_update_rewrites_only_changed_files_and_removes_files_no_longer_built(site):
    """After a quote edit the output is updated in place: every other file keeps its inode and time."""
    def stamps():
        return {str(p.relative_to(site.out)): (p.stat().st_ino, p.stat().st_mtime_ns)
                for p in site.out.rglob("*") if p.is_file()}

    before = stamps()
    edit_quote(site)
    site.build()
    after = stamps()
    changed = {rel for rel in after if after[rel] != before.get(rel)}
    skane = f"{site.round.name}/beslut/skane/"
    assert {skane + "index.html", skane + "index.md", skane + "index.txt"} <= changed
    # The county's feed and page show the local release's text; nothing outside it changed.
    assert all(rel.startswith((skane, "lan/skane/", "rss.xml", "atom.xml")) for rel in changed), sorted(changed)
    assert files(site.out) == site.full_build()
    remove_county(site)
    site.build()
    gone = f"{site.round.name}/beslut/gotland/index.html"
    assert gone in after and not (site.out / gone).exists()
    assert not (site.out / f"{site.round.name}/beslut/gotland").exists()  # its empty folder too
    assert files(site.out) == site.full_build()


def test_a_failing_update_leaves_the_site_byte_for_byte(site, monkeypatch):
    """A full disk while an update is staged: nothing of it reaches the output."""
    before = files(site.out)
    edit_quote(site)
    from pressrum import output

    def failing(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output, "write_new", failing)
    with pytest.raises(OSError):
        site.build()
    monkeypatch.undo()
    assert files(site.out) == before
    assert not [p for p in site.root.iterdir() if p.name.startswith(".releases.")]
    site.build()
    assert files(site.out) == site.full_build()


def test_wrong_year_hints_still_give_the_full_build(site, monkeypatch):
    """The year of a changed round is read from round.yaml only to order the work; a wrong hint
    (a YAML form the quick reading does not know) makes that round compare again, never wrong."""
    from pressrum import schedule

    monkeypatch.setattr(schedule, "year_hint", lambda content, name: 3000 - int(name[:4]))
    edit_figure(site)  # the totals change, so the next year's round must compare with the new ones
    site.build()
    assert files(site.out) == site.full_build()
    shutil.rmtree(site.out)
    shutil.rmtree(_cache_dir(site.out))
    site.build()  # cold, every hint wrong
    assert files(site.out) == site.full_build()


@pytest.fixture(scope="module")
def many_rounds(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("many") / "content"
    assert bench_module().generate(22 * 9, content) == 22 * 9  # nine rounds: enough for two workers
    return content


@pytest.mark.parametrize("workers", ["2", "3"])
def test_worker_processes_give_the_same_bytes_as_one_process(many_rounds, tmp_path, monkeypatch, workers):
    monkeypatch.setenv("PRESSRUM_CACHE", "0")
    built = {}
    for n in ("1", workers):
        monkeypatch.setenv("PRESSRUM_WORKERS", n)
        out = tmp_path / f"out-{n}"
        _build(pipeline.Options(many_rounds, TEMPLATES, out, NOW))
        built[n] = files(out)
    assert len(built["1"]) > 9 * 22 * 3 and built["1"] == built[workers]


def test_shared_pages_made_in_worker_processes_are_the_same(many_rounds, tmp_path, monkeypatch):
    """From 1 000 releases the start page, county pages and feeds are made in worker processes;
    here the threshold is lowered so the nine rounds' pages go there too."""
    monkeypatch.setenv("PRESSRUM_CACHE", "0")
    monkeypatch.setattr(pipeline, "PARALLEL_NEWSROOM", 1)
    built = {}
    for n in ("1", "2"):
        monkeypatch.setenv("PRESSRUM_WORKERS", n)
        _build(pipeline.Options(many_rounds, TEMPLATES, tmp_path / f"out-{n}", NOW))
        built[n] = files(tmp_path / f"out-{n}")
    assert built["1"] == built["2"]


def test_worker_processes_are_used(many_rounds, tmp_path, monkeypatch):
    """With two workers the runs of rounds are built in two other processes."""
    import os as _os

    from pressrum import pool, rounds

    if not pool.fork_safe():  # e.g. under pytest-xdist, whose workers run a thread of their own
        pytest.skip("this process has other threads, so a build rightly never forks here; "
                    "the serial suite (python -m pytest) runs this test")
    monkeypatch.setenv("PRESSRUM_WORKERS", "2")
    log = tmp_path / "pids"
    original = rounds.build_round

    def logging_round(shared, name, previous, sink):
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{_os.getpid()} {name}\n")
        return original(shared, name, previous, sink)

    monkeypatch.setattr(rounds, "build_round", logging_round)  # the forked workers run this copy
    result = _build(pipeline.Options(many_rounds, TEMPLATES, tmp_path / "out", NOW))
    assert result.releases == 9 * 22
    runs = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    pids = {int(pid) for pid, _ in runs}
    assert len(pids) == 2 and _os.getpid() not in pids
    assert sorted(name for _, name in runs) == sorted(p.name for p in (many_rounds / "rounds").iterdir())


def test_workers_stop_even_when_the_parent_handles_sigterm(many_rounds, tmp_path):
    """The pool ends its workers with SIGTERM. A parent with its own SIGTERM handler (the preview
    server has one) once made forked workers ignore it, and the build waited for them forever."""
    import subprocess
    import sys

    script = f"""
import signal, sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo
signal.signal(signal.SIGTERM, lambda signum, frame: None)
import dataclasses, os
from pressrum import cli, pipeline
options = pipeline.Options(Path({str(many_rounds)!r}), Path({str(TEMPLATES)!r}),
                           Path({str(tmp_path / "out")!r}), datetime(2100, 12, 31, 12, tzinfo=ZoneInfo("Europe/Stockholm")))
result = cli.build(dataclasses.replace(options, **cli.environment(os.environ)))
print(result.releases)
"""
    env = dict(__import__("os").environ, PRESSRUM_WORKERS="2")
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, f"{9 * 22}\n", "")


@pytest.mark.parametrize("damage", ["missing", "garbage", "other-build"])
def test_feed_texts_missing_from_the_cache_are_made_again(site, damage):
    """A feed made again after an edit needs the texts of reused rounds; when the cache cannot give
    exactly those, the round's texts are made again from the content (never taken from elsewhere)."""
    other = sorted((site.content / "rounds").iterdir())[-1].name  # a reused round, newest: in every feed
    path = _cache_dir(site.out) / "rounds" / f"{other}.texts"
    if damage == "missing":
        path.unlink()
    elif damage == "garbage":
        path.write_bytes(b"not texts")
    else:  # the texts file of a round of the same name built from other content
        ours = sorted((_cache_dir(site.out) / "rounds").glob("*.texts"))
        shutil.copy(next(p for p in ours if p != path), path)
    edit_national_paragraph(site)  # the oldest round's national release changes: the feeds are made again
    site.build()
    assert files(site.out) == site.full_build()


def test_ctrl_c_while_the_scan_child_is_reaped_leaves_close_harmless(tmp_path, monkeypatch):
    """A Ctrl-C that lands while the output scan's child is reaped must not make the build's
    ``finally: memo.close()`` read the pipe again (it raised EBADF: 'internt fel' in place of
    'avbrutet', found by the Ctrl-C loop of tests/test_atomic.py)."""
    (tmp_path / "a.html").write_bytes(b"x")
    monkeypatch.setattr(memo, "fork_safe", lambda: True)
    scan = memo._Scan(tmp_path)
    assert scan.pid is not None
    child, real_waitpid = scan.pid, os.waitpid

    def interrupted(pid, options):
        monkeypatch.setattr(memo.os, "waitpid", real_waitpid)
        real_waitpid(pid, options)  # reap it, then be interrupted as the signal would
        raise KeyboardInterrupt

    monkeypatch.setattr(memo.os, "waitpid", interrupted)
    with pytest.raises(KeyboardInterrupt):
        scan.value()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # already reaped: nothing left behind
    assert "a.html" in str(scan.value())  # read again by this process, no OSError
