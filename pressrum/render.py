"""Render planned releases with Jinja: templates choose the words, Python has the figures.

One :func:`make_environment` registers the Swedish helpers (``pressrum.sv``) as filters and
globals, with StrictUndefined so a misspelt name in a template is an error, not an empty
string. :func:`render_releases` renders every release in two passes (headlines first, so a
national release can link to its local releases by title and back). Template errors become
located Swedish problems in ``template_errors.py``.
"""
from __future__ import annotations

import difflib
import hashlib
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from . import angles, example_text, headlines, local_story, markup, sv
from .derive import CountyFacts
from .jinja_fast import FastEnvironment
from .phrases import HELPERS
from .errors import BuildFailed, Problem
from .facts import DECISION, NEWS
from .release_models import Quote
from .site_models import Contact, Organisation, SiteFile
from .plan import NATIONAL, Plan, ReleaseSpec
from .template_errors import missing_block, template_problem

__all__ = ["FirstPlace", "Link", "Links", "Release", "TopCounty", "lista",
           "make_environment", "render_releases", "replik", "sender_of", "template_problem"]


@dataclass(frozen=True)
class Link:
    """A link from one release to another: its headline and permanent URL."""

    key: str
    title: str
    url: str
    lan: sv.Lan | None


@dataclass(frozen=True)
class TopCounty:
    """A county in first place, as the national release speaks of it."""

    lan: sv.Lan
    fakta: CountyFacts | None  # None when the county has no file
    lokal: Link | None  # its local release, when published


@dataclass(frozen=True)
class FirstPlace:
    """The counties in first place (``topp``), with what the national release's sentences about
    them need: the one county when first place is not shared, and whether two share it ("vartdera
    länet")."""

    counties: tuple[TopCounty, ...]

    @property
    def alone(self) -> TopCounty | None:
        """The county in first place when it does not share it, else None."""
        return self.counties[0] if len(self.counties) == 1 else None

    @property
    def two(self) -> bool:
        """Exactly two counties share first place."""
        return len(self.counties) == 2


@dataclass(frozen=True)
class Links:
    """Links to releases, with what a sentence about them needs: the one link, or how many."""

    links: tuple[Link, ...]

    @property
    def only(self) -> Link | None:
        """The link when there is exactly one, else None."""
        return self.links[0] if len(self.links) == 1 else None

    @property
    def several(self) -> bool:
        """More than one link (a list, not a sentence)."""
        return len(self.links) > 1

    @property
    def count(self) -> int:
        """How many links."""
        return len(self.links)


@dataclass(frozen=True)
class Release:
    """A rendered release: the text in Markdown, HTML and plain text, with its metadata."""

    spec: ReleaseSpec
    url: str
    title: str
    lead_md: str
    lead_html: str
    lead_text: str
    body_md: str
    body_html: str
    body_text: str
    contacts: tuple[Contact, ...]
    national: Link | None  # for a local release
    locals: tuple[Link, ...]  # for a national release
    categories: tuple[str, ...] = field(default=())
    sender: Organisation | None = None  # who sends it (sender_of); None only for a Release made by hand
    image: object = None  # its images.social.ShareImage, attached after rendering (rounds.publish)
    figure: object = None  # its press image as the page shows it (images.social.Figure), if any
    item_html: str = ""  # what lists show below its headline (site.list_items), the same on every list

    @property
    def key(self) -> str:
        """The release's key in the plan (``plan.ReleaseSpec.key``)."""
        return self.spec.key

    # The attributes an entry (feeds.Entry) has too, so shared pages and feeds take either.
    @property
    def path(self) -> str:
        """The release page's path below the newsroom's base URL."""
        return self.spec.path

    @property
    def label(self) -> str | None:
        """What the announcement calls its releases (``etikett``, "Pressinbjudan"); None for the
        templates' default (Pressmeddelande)."""
        return self.spec.announcement.label

    @property
    def lan(self) -> sv.Lan | None:
        """The county of a local release; None for a national one."""
        return self.spec.county.lan if self.spec.county else None

    @property
    def draft(self) -> bool:
        """True for a draft (built only with ``--drafts``, into the preview)."""
        return self.spec.draft

    @property
    def round_key(self) -> str:
        """The key of the grant round the release belongs to."""
        return self.spec.round.key

    @property
    def round_name(self) -> str:
        """The round as every page and feed names it, like its own page's heading: "Statsbidrag 2021"."""
        return f"{self.spec.round.words.title} {self.spec.round.label}"

    @property
    def published(self):
        """The publication time."""
        return self.spec.published

    @property
    def updated(self):
        """The time of the latest correction, or the publication time."""
        times = [c.time for c in self.spec.announcement.corrections]
        return max([self.spec.published, *times])


def make_environment(templates_dir: Path, bytecode_dir: Path | None = None,
                     reference: bool = False) -> jinja2.Environment:
    """The one Jinja environment: strict, autoescaping HTML and XML templates, Swedish helpers.

    It is :class:`~pressrum.jinja_fast.FastEnvironment`, Jinja's with two per-render costs taken
    out; ``reference`` gives Jinja's own Environment, for the differential test
    (``tests/test_render_fast_paths.py``).

    A ``.md.j2`` template escapes what it prints for Markdown in the same way
    (:func:`_markdown_finalize`): every value is text unless it is :class:`~pressrum.markup.MarkdownText`.

    ``bytecode_dir`` is the folder for Jinja's compiled templates, kept between runs (see
    :func:`pressrum.options.default_bytecode_dir`); None compiles every template afresh.
    """
    env = (jinja2.Environment if reference else FastEnvironment)(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "xml.j2"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_markdown_finalize,
    )
    helpers = dict(sv.FILTERS)
    helpers.update(HELPERS, markdown=markup.to_html, block=markup.blocks, lista=lista)
    env.filters.update(helpers)
    env.globals.update(helpers)
    if bytecode_dir is not None:
        env.bytecode_cache = _bytecode_cache(env, Path(bytecode_dir))
    return env


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates kept between runs, like Python's ``__pycache__``.

    Jinja checks each entry against the template's source, so an edited template is compiled
    again. Entries are written atomically, and one that cannot be read is ignored.
    """

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                bucket.write_bytecode(f)
            os.replace(tmp, self._get_cache_filename(bucket))
        except OSError:  # a cache that cannot be written only makes the next run slower
            pass


@jinja2.pass_context
def _markdown_finalize(context, value):
    """What a template prints: in a ``.md.j2`` template a string that is not Markdown (a name, a
    title, a figure in words) is escaped as text, so content can never become a link, an image,
    HTML or a new paragraph there; Markdown fields and the helpers' Markdown pass as they are.
    Other templates print values unchanged (HTML and XML autoescape; text files are text)."""
    # Called for every value every template prints: the exact-type test first, as it is cheapest
    # (MarkdownText, markupsafe's Markup, numbers and undefined values all fail it).
    if value.__class__ is str and (context.name or "").endswith(".md.j2"):
        return markup.escape_text(value)
    return value


def _bytecode_cache(env: jinja2.Environment, folder: Path) -> _CompiledTemplates | None:
    """The compiled-template cache in ``folder`` for this Jinja, Python, set of options and
    helpers (None when no cache folder can be made)."""
    # Jinja keys entries by template name and source only; compiled code also depends on the
    # environment's options and on which filters exist, so each combination has its own folder.
    identity = repr((jinja2.__version__, sys.version, env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline,
                     getattr(env.finalize, "__qualname__", None),
                     env.autoescape("x.html.j2"), env.autoescape("x.md.j2"), sorted(env.filters), sorted(env.tests),
                     env.undefined.__name__))
    own = folder / ("jinja-" + hashlib.blake2b(identity.encode(), digest_size=8).hexdigest())
    try:
        own.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _CompiledTemplates(str(own))


def lista(items, konj: str = "och") -> str:
    """:func:`pressrum.sv.lista` for templates: a list with Markdown in it (links from ``lank``)
    is Markdown, its plain items escaped as text; a list of text is text."""
    items = list(items)
    if any(isinstance(item, markup.MarkdownText) for item in items):
        return markup.MarkdownText(sv.lista([item if isinstance(item, markup.MarkdownText) else markup.escape_text(str(item))
                                             for item in items], konj))
    return sv.lista(items, konj)


def replik(q: Quote, first: bool, sender: str) -> markup.MarkdownText:
    """A quote paragraph: ``– Text, säger Namn, titel på Org.`` (name only after the first, the
    preposition as the quote gives it), as Markdown: the quote and the names are text, escaped."""
    text = markup.squash(q.text)
    who = q.name
    if first and q.title:
        who = f"{q.name}, {q.title} {q.preposition} {q.organisation or sender}"
    who = markup.escape_text(who)
    if text[-1] in "?!":
        return markup.MarkdownText(f"– {markup.escape_text(text)} säger {who}.")
    return markup.MarkdownText(f"– {markup.escape_text(text.rstrip('.'))}, säger {who}.")


def organisation_of(spec: ReleaseSpec, site: SiteFile) -> Organisation:
    """Who grants, as a release names it: site.yaml's organisation, under the round's own name
    when round.yaml has an ``avsändare`` (an earlier name of the agency)."""
    return spec.round.organisation or site.organisation


def sender_of(spec: ReleaseSpec, site: SiteFile) -> Organisation:
    """Who sends a release: a county file's own ``avsändare`` for its local releases, else the
    organisation (:func:`organisation_of`; always for a national release)."""
    return spec.county.sender if spec.county and spec.county.sender else organisation_of(spec, site)


def _contacts(spec: ReleaseSpec, site: SiteFile) -> tuple[Contact, ...]:
    """The press contacts of a release: the county file's, then (with a sender of the county's
    own) the sender's, else the announcement's, else site.yaml's."""
    county = spec.county
    if county and county.contacts:
        return tuple(county.contacts)
    if county and county.sender:  # the announcement's and site.yaml's contacts are another organisation's
        return tuple(county.sender.contacts)
    return tuple(spec.announcement.contacts or site.contacts)


# What ``ovriga_stycken()`` leaves in the rendered text: the paragraphs it stands for are known
# only when the whole release is rendered (see :meth:`_Slots.fill`).
_REST = markup.MarkdownText("\x00ovriga-stycken\x00")


class _Slots:
    """The quotes and paragraphs a release may place, and which of them the template used.

    A paragraph the template names (``stycke("namn")``) stands where it is named; every other
    paragraph stands, in the order the editor wrote them, where the template calls
    ``ovriga_stycken()``, the template's general place.
    """

    def __init__(self, spec: ReleaseSpec, sender: str, preview: bool = False):
        self.spec = spec
        self.sender = sender
        self.preview = preview  # a --drafts or serve build: example text is shown, labelled
        self.bad_refs: list[Problem] = []
        if spec.scope == NATIONAL:
            self.quotes, self.paragraphs = spec.announcement.quotes, spec.announcement.paragraphs
            self.prefix = ("tillfällen", spec.announcement.key)
            self.paths = tuple(self.prefix + ("citat", i) for i in range(len(self.quotes)))
        else:
            self.paragraphs = spec.county.paragraphs
            self.prefix = ()
            own = tuple(("citat", i) for i in range(len(spec.county.quotes)))
            reused, reused_paths = self._national_quotes(spec)
            self.quotes, self.paths = spec.county.quotes + reused, own + reused_paths
        self.used_slots: set[str] = set()
        self.used_paragraphs: set[str] = set()  # placed by name
        self.rest_placed = False  # the template has a general place, and fill() filled it
        self.speakers: set[str] = set()

    def _national_quotes(self, spec: ReleaseSpec) -> tuple[tuple[Quote, ...], tuple]:
        """The county file's ``nationella-citat``: the national release's quotes by number, each
        placed where the county file says; a number the national release lacks is a problem."""
        national = spec.announcement.quotes
        quotes, paths = [], []
        for i, ref in enumerate(spec.county.national_quotes):
            path = ("nationella-citat", i)
            if not 1 <= ref.number <= len(national):
                have = (f"har {sv.antal(len(national), 'citat', 'citat', 'ett')}" if national else "har inga citat")
                self.bad_refs.append(Problem(spec.source.place(path + ("nummer",)),
                                             f"det nationella pressmeddelandet {have}, så citat nummer {ref.number} finns inte",
                                             "skriv numret på ett av citaten under 'citat:' i round.yaml (1 är det första)"))
                continue
            quotes.append(national[ref.number - 1].model_copy(update={"after": ref.after}))
            paths.append(path)
        return tuple(quotes), tuple(paths)

    def citat(self, slot: str) -> str:
        """The quotes placed after ``slot`` (``citat('ingress')`` in a template), one paragraph each."""
        self.used_slots.add(slot)
        out = []
        for q in self.quotes:
            if q.after == slot:
                paragraph = replik(q, q.name not in self.speakers, self.sender)
                out.append(example_text.labelled_quote(paragraph) if q.example and self.preview else paragraph)
                self.speakers.add(q.name)
        return markup.MarkdownText("\n".join(out))

    def stycke(self, name: str) -> str:
        """The editor's paragraph ``name`` as Markdown blocks (empty when the file has none)."""
        self.used_paragraphs.add(name)
        return markup.blocks(self.paragraphs.get(name, ""))

    def ovriga_stycken(self) -> str:
        """The template's general place: a mark that :meth:`fill` replaces with every paragraph
        the template does not place by name, wherever in the template that name comes."""
        return _REST

    def fill(self, *texts: str) -> tuple[str, ...]:
        """``texts`` (a release's rendered blocks, in order) with the general place filled: the
        first ``ovriga_stycken()`` gets the paragraphs not placed by name, in file order; any
        later one is empty."""
        out = []
        for text in texts:
            if not self.rest_placed and _REST in text:
                # An editor's own paragraph is a place for quotes too (efter: <its name>): they follow it.
                rest = "\n".join(part for k, v in self.paragraphs.items() if k not in self.used_paragraphs
                                 for part in (markup.blocks(v), self.citat(k)) if part)
                text = text.replace(_REST, rest, 1)
                self.rest_placed = True
            out.append(text.replace(_REST, ""))
        return tuple(out)

    def problems(self) -> list[Problem]:
        """Quotes whose slot the template lacks and, when the template has no general place,
        paragraphs it never placed, each located."""
        src = self.spec.source
        out = []
        out.extend(self.bad_refs)
        if not self.preview:  # a published build: example text is refused, each text located
            out.extend(example_text.quote_problems(self.quotes, self.paths, src))
            if self.spec.scope != NATIONAL:
                out.extend(example_text.recipient_problems(self.spec.county, src))
        slots = ", ".join(sorted(self.used_slots)) or "inga"
        for q, path in zip(self.quotes, self.paths):
            if q.after not in self.used_slots:
                out.append(Problem(src.place(path + ("efter",)),
                                   f"citatet ska stå efter '{q.after}', men mallen {self.spec.template} har inget sådant ställe",
                                   f"välj ett av: {slots}"))
        if self.rest_placed:
            return out
        for name in self.paragraphs:
            if name not in self.used_paragraphs:
                known = sorted(self.used_paragraphs)
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                room = (f"mallen har plats för {sv.lista(known)}" if known else "mallen har inte plats för några stycken")
                out.append(Problem(src.key_place(self.prefix + ("stycken", name)),
                                   f"stycket '{name}' används inte av mallen {self.spec.template}",
                                   f"menade du '{close[0]}'? {sv.versal(room)}" if close else room))
        return out


def render_releases(plan: Plan, site: SiteFile, env: jinja2.Environment, preview: bool = False) -> tuple[Release, ...]:
    """Render every planned release; template errors and unplaced text are located problems.

    Headlines come first, for every release, so that links between releases can show them;
    then each release's lead and body. All problems are collected and raised together
    (:class:`~pressrum.errors.BuildFailed`). Text marked ``exempeltext: ja`` is a problem
    unless ``preview`` (a ``--drafts`` or serve build), where it is shown with a label.
    """
    problems: list[Problem] = []
    base = site.newsroom.base_url
    titles = {}
    for spec in plan.releases:
        try:
            throwaway = _Slots(spec, sender_of(spec, site).called, preview)
            ctx = _context(spec, site, throwaway)
            own = _own_headline(spec)
            if own:
                titles[spec.key] = own
                continue
            candidates = []
            for v in headlines.order(ctx["variant"].number):  # the release's own formulation first
                ctx["rubrikvariant"] = local_story.Variant(v)
                (title,) = throwaway.fill(_render_block(env, spec, "rubrik", ctx))
                candidates.append(markup.plain(title.strip()))
            titles[spec.key] = headlines.pick(candidates)
        except _TemplateProblem as exc:
            problems.append(exc.problem)
    if problems:
        raise BuildFailed(problems)

    by_key = {s.key: s for s in plan.releases}

    def link(key: str) -> Link:
        return Link(key, titles[key], base + by_key[key].path, by_key[key].county.lan if by_key[key].county else None)

    releases = []
    for spec in plan.releases:
        national = link(plan.national_of[spec.key]) if spec.key in plan.national_of and plan.national_of[spec.key] in by_key else None
        locals_ = tuple(link(k) for k in plan.locals_of.get(spec.key, ()))
        sender = sender_of(spec, site)
        slots = _Slots(spec, sender.called, preview)
        ctx = _context(spec, site, slots, national=national, locals_=locals_)
        try:
            lead_md, body_md = slots.fill(_render_block(env, spec, "ingress", ctx), _render_block(env, spec, "brodtext", ctx))
            lead_md, body_md = markup.MarkdownText(markup.squash(lead_md)), markup.join_blocks(body_md)
        except _TemplateProblem as exc:
            problems.append(exc.problem)
            continue
        problems.extend(slots.problems())
        lead_html = markup.to_html(lead_md)
        body_html = markup.to_html(body_md)
        lead_text, body_text = markup.to_text(lead_html), markup.to_text(body_html)
        categories = (f"{spec.round.words.title} {spec.round.label}",) + ((spec.county.lan.namn,) if spec.county else ("Hela landet",))
        releases.append(Release(spec, base + spec.path, titles[spec.key], lead_md, lead_html, lead_text,
                                body_md, body_html, body_text, _contacts(spec, site), national, locals_,
                                categories, sender))
    if problems:
        raise BuildFailed(problems)
    return tuple(releases)


def _own_headline(spec: ReleaseSpec) -> str | None:
    """The editor's headline (``rubrik:``): the county file's for a local release, the
    announcement's for a national one (a hand-written news release renders its own)."""
    if spec.county is not None:
        return spec.county.headline
    return None if spec.announcement.kind == NEWS else spec.announcement.headline


def _context(spec: ReleaseSpec, site: SiteFile, slots: _Slots, national=None, locals_=()) -> dict:
    """What a release template sees (documented in ``templates/README.md``)."""
    top = FirstPlace(())
    if spec.scope == NATIONAL:
        by_lan = {local.lan.slug: local for local in locals_ if local.lan}
        top = FirstPlace(tuple(TopCounty(lan, spec.round.county(lan.slug), by_lan.get(lan.slug))
                               for lan in spec.round.top_counties))
    sender = sender_of(spec, site)
    return {
        "org": organisation_of(spec, site),
        "avsandare": sender,
        "nyhetsrum": site.newsroom,
        "omgangssida": site.newsroom.base_url + spec.round.key + "/",  # the round page (recipient table)
        "omgang": spec.round,
        "bidrag": spec.round.words,
        "tillfalle": spec.announcement,
        "lan": example_text.labelled_county(spec.county) if slots.preview else spec.county,
        "vinkel": angles.Angle(spec.angle),
        # the formulation of each sentence role, from the data (local_story.variant)
        "variant": local_story.Variant(local_story.variant(spec.county, spec.round.key) if spec.county else 0),
        "rubrikvariant": local_story.Variant(0),
        "berattelse": local_story.story(spec.county, spec.round)
        if spec.county and spec.announcement.kind == DECISION and not spec.announcement.later_decision else None,
        "lan_med_bidrag": sum(1 for c in spec.round.counties if c.total) if spec.round.counties_complete else None,
        "topp": top,
        "lokala": Links(locals_),  # the round-up of local releases (releases/_lokala.md.j2)
        "nationell": national,
        "citat": slots.citat,
        "stycke": slots.stycke,
        "ovriga_stycken": slots.ovriga_stycken,
    }


class _TemplateProblem(Exception):
    """Carries a template's located problem out of :func:`_render_block`."""

    def __init__(self, problem: Problem):
        self.problem = problem


def _render_block(env: jinja2.Environment, spec: ReleaseSpec, block: str, ctx: dict) -> str:
    """One block (``rubrik``, ``ingress``, ``brodtext``) of a release's template, as text."""
    try:
        template = env.get_template(spec.template)
        if block not in template.blocks:
            raise _TemplateProblem(missing_block(env, spec.template, block))
        return "".join(template.blocks[block](template.new_context(ctx)))
    except jinja2.TemplateError as exc:
        raise _TemplateProblem(template_problem(exc, env)) from None
