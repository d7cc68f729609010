"""Render planned releases with Jinja: templates choose the words, Python has the figures.

:func:`render_releases` renders every release in two passes (headlines first, so a national
release can link to its local releases by title and back) in the one environment of
``environment.py`` (:func:`make_environment`: the Swedish helpers, StrictUndefined so a
misspelt name in a template is an error, not an empty string); what it makes is in
``release.py``. Template errors become located Swedish problems in ``template_errors.py``.
"""
from __future__ import annotations

import difflib

import jinja2

from . import angles, example_text, headlines, local_story, markup, markup_escape, markup_html, markup_text, sv
from .environment import lista, make_environment
from .errors import BuildFailed, Problem
from .facts import DECISION, NEWS
from .release_models import Quote
from .site_models import Contact, Organisation, SiteFile
from .plan import NATIONAL, Plan, ReleaseSpec
from .release import FirstPlace, Link, Links, Release, TopCounty
from .template_errors import missing_block, template_problem

__all__ = ["FirstPlace", "Link", "Links", "Release", "TopCounty", "lista",
           "make_environment", "render_releases", "replik", "sender_of", "template_problem"]


def replik(q: Quote, first: bool, sender: str) -> markup.MarkdownText:
    """A quote paragraph: ``– Text, säger Namn, titel på Org.`` (name only after the first, the
    preposition as the quote gives it), as Markdown: the quote and the names are text, escaped."""
    text = markup.squash(q.text)
    who = q.name
    if first and q.title:
        who = f"{q.name}, {q.title} {q.preposition} {q.organisation or sender}"
    who = markup_escape.escape_text(who)
    if text[-1] in "?!":
        return markup.MarkdownText(f"– {markup_escape.escape_text(text)} säger {who}.")
    return markup.MarkdownText(f"– {markup_escape.escape_text(text.rstrip('.'))}, säger {who}.")


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


def render_releases(plan: Plan, site: SiteFile, env: jinja2.Environment, preview: bool = False,
                    every_headline: bool = False) -> tuple[Release, ...]:
    """Render every planned release; template errors and unplaced text are located problems.

    Headlines come first, for every release, so that links between releases can show them;
    then each release's lead and body. All problems are collected and raised together
    (:class:`~pressrum.errors.BuildFailed`). Text marked ``exempeltext: ja`` is a problem
    unless ``preview`` (a ``--drafts`` or serve build), where it is shown with a label.

    A release's headline formulations are rendered in order until one fits
    (:func:`headlines.pick` takes the first that fits, so the rest cannot change it), except
    for the first release of each template and angle in the round, which renders every one:
    an error in a formulation no release uses is still found, in every branch the angle
    chooses. ``every_headline`` renders every formulation of every release (the reference,
    ``tests/test_render_fast_paths.py``).
    """
    problems: list[Problem] = []
    base = site.newsroom.base_url
    titles = {}
    checked: set[tuple] = set()  # (template, angle) whose every formulation has been rendered
    # What a release's templates see apart from its slots and links, worked out once for its
    # headline and its body (the county's story alone took 0.8 % of a cold build, twice).
    seen: dict[str, dict] = {}
    for spec in plan.releases:
        seen[spec.key] = base_ctx = _release_context(spec, site, preview)
        try:
            throwaway = _Slots(spec, sender_of(spec, site).called, preview)
            ctx = _context(spec, base_ctx, throwaway)
            own = _own_headline(spec)
            if own:
                titles[spec.key] = own
                continue
            every = every_headline or (spec.template, spec.angle) not in checked
            checked.add((spec.template, spec.angle))
            candidates = []
            for v in headlines.order(ctx["variant"].number):  # the release's own formulation first
                ctx["rubrikvariant"] = local_story.Variant(v)
                (title,) = throwaway.fill(_render_block(env, spec, "rubrik", ctx))
                candidates.append(markup_text.plain(title.strip()))
                if not every and headlines.fits(candidates[-1]):
                    break
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
        ctx = _context(spec, seen[spec.key], slots, national=national, locals_=locals_)
        try:
            lead_md, body_md = slots.fill(_render_block(env, spec, "ingress", ctx), _render_block(env, spec, "brodtext", ctx))
            lead_md, body_md = markup.MarkdownText(markup.squash(lead_md)), markup.join_blocks(body_md)
        except _TemplateProblem as exc:
            problems.append(exc.problem)
            continue
        problems.extend(slots.problems())
        lead_html = markup_html.to_html(lead_md)
        body_html = markup_html.to_html(body_md)
        lead_text, body_text = markup_text.to_text(lead_html), markup_text.to_text(body_html)
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


def _release_context(spec: ReleaseSpec, site: SiteFile, preview: bool) -> dict:
    """What a release template sees of the release itself (see :func:`_context`)."""
    sender = sender_of(spec, site)
    return {
        "org": organisation_of(spec, site),
        "avsandare": sender,
        "nyhetsrum": site.newsroom,
        "omgangssida": site.newsroom.base_url + spec.round.key + "/",  # the round page (recipient table)
        "omgang": spec.round,
        "bidrag": spec.round.words,
        "tillfalle": spec.announcement,
        "lan": example_text.labelled_county(spec.county) if preview else spec.county,
        "vinkel": angles.Angle(spec.angle),
        # the formulation of each sentence role, from the data (local_story.variant)
        "variant": local_story.Variant(local_story.variant(spec.county, spec.round.key) if spec.county else 0),
        "rubrikvariant": local_story.Variant(0),
        "berattelse": local_story.story(spec.county, spec.round)
        if spec.county and spec.announcement.kind == DECISION and not spec.announcement.later_decision else None,
        "lan_med_bidrag": sum(1 for c in spec.round.counties if c.total) if spec.round.counties_complete else None,
    }


def _context(spec: ReleaseSpec, release: dict, slots: _Slots, national=None, locals_=()) -> dict:
    """What a release template sees (documented in ``templates/README.md``): ``release``
    (:func:`_release_context`, the same for its headline and its body) with its links and slots."""
    top = FirstPlace(())
    if spec.scope == NATIONAL:
        by_lan = {local.lan.slug: local for local in locals_ if local.lan}
        top = FirstPlace(tuple(TopCounty(lan, spec.round.county(lan.slug), by_lan.get(lan.slug))
                               for lan in spec.round.top_counties))
    return {
        **release,
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
