"""The mail commands' work: ``subscribers add|import|remove|list|serve`` and ``skicka``.

Each returns the lines to print; cli.py parses the arguments, prints and picks exit codes.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Callable, Mapping

from .. import sv
from ..errors import BuildFailed, Place, Problem
from . import store
from .addresses import address_problem, kind_problem, list_problem, normal
from .csv_import import read_subscribers


def add(environ: Mapping[str, str], address: str, lists: list[str], now: datetime,
        kinds: tuple[str, ...] = (), known_kinds: tuple[str, ...] = ()) -> list[str]:
    """``subscribers add``: ``address`` on ``lists``, for the release ``kinds`` only when given."""
    address = normal(address)
    problems = [p for p in [address_problem(address), *map(list_problem, lists),
                            *(kind_problem(k, known_kinds) for k in kinds)] if p]
    if problems:
        raise BuildFailed([Problem(Place("kommandot", in_file=False), p) for p in problems])
    with store.opened(store.database_path(environ)) as db:
        store.add_many(db, [(address, tuple(lists))], now, "tillagd av redaktör (subscribers add)", tuple(kinds))
    only = f" (bara {sv.lista(sorted(set(kinds)))})" if kinds else ""
    return [f"{address} står nu på {sv.lista(lists)}{only}"]


def import_csv(environ: Mapping[str, str], path: Path, now: datetime, known_kinds: tuple[str, ...] = ()) -> list[str]:
    """``subscribers import``: every row of ``path``, or nothing when a row is wrong."""
    rows, problems = read_subscribers(path, known_kinds)
    if problems:
        raise BuildFailed(problems)  # nothing imported until every row is right
    with store.opened(store.database_path(environ)) as db, store.transaction(db):
        for address, lists, how, kinds in rows:
            store.add(db, address, lists, now, how, kinds)
    return [f"importerade {sv.antal(len(rows), 'prenumerant', 'prenumeranter', 'en')} från {path}"]


def remove(environ: Mapping[str, str], address: str, now: datetime) -> list[str]:
    with store.opened(store.database_path(environ)) as db:
        found = store.remove(db, normal(address), now, "borttagen av redaktör (subscribers remove)")
    if not found:
        raise BuildFailed([Problem(Place("kommandot", in_file=False), f"{address} finns inte bland prenumeranterna",
                                   "se python build.py subscribers list")])
    return [f"{normal(address)} är borttagen från alla listor"]


def show(environ: Mapping[str, str]) -> list[str]:
    with store.opened(store.database_path(environ)) as db:
        people = store.subscribers(db)
    lines = [f"{s.address}  {', '.join(_list_shown(n, k) for n, k in zip(s.lists, s.kinds))}  samtycke {s.consent_at[:10]}: {s.consent_how}" for s in people]
    return lines + [f"{sv.antal(len(people), 'prenumerant', 'prenumeranter', 'en')}"]


def _list_shown(name: str, kinds: tuple[str, ...]) -> str:
    return f"{name} (bara {sv.lista(list(kinds))})" if kinds else name


def send(options, environ: Mapping[str, str], dry_run: bool, log: Callable[[str], None], build) -> list[str]:
    """``skicka``: build as of now (like ``build``), render what waits in memory for its advance
    copies, then deliver."""
    from .. import pipeline
    from .deliver import Advance, deliver

    result = build(options)
    files, entries, _ = pipeline.render_site(replace(options, drafts=True))
    advance = tuple(Advance(e, files[f"{e.key}/index.txt"].decode("utf-8"), files[f"{e.key}/index.html"].decode("utf-8"))
                    for e in entries if e.published > options.now and f"{e.key}/index.txt" in files)
    done = deliver(result if hasattr(result, "entries") else pipeline.check(options), options.out,
                   now=options.now, environ=environ, dry_run=dry_run, log=log, content=options.content,
                   advance=advance)
    before = f", {sv.antal(done.already, 'redan skickat tidigare', 'redan skickade tidigare', 'ett')}" \
        if done.already else ""
    if dry_run:
        lines = [f"provkörning klar: skrev {sv.antal(done.sent, 'e-postmeddelande', 'e-postmeddelanden', 'ett')} "
                 f"som .eml-filer{before}; inget är skickat eller antecknat som skickat"]
    else:
        lines = [f"klart: skickade {sv.antal(done.sent, 'e-postmeddelande', 'e-postmeddelanden', 'ett')}{before}"]
    if done.uncertain:
        lines.append(f"{sv.antal(done.uncertain, 'meddelande', 'meddelanden', 'ett')} skickades igen efter ett "
                     f"avbrott: e-postservern kan ha fått {'det' if done.uncertain == 1 else 'dem'} förra gången "
                     "(samma Message-ID)")
    lines += [f"vägrad av e-postservern: {a} ({why})" for a, why in done.refused]
    return lines
