"""Render planned releases with Jinja: templates choose the words, Python has the figures.

One :func:`make_environment` registers the Swedish helpers (``pressrum.sv``) as filters and
globals, with StrictUndefined so a misspelt name in a template is an error, not an empty
string. :func:`render_releases` renders every release in two passes (headlines first, so a
national release can link to its local releases by title and back).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from . import markup, sv
from .derive import CountyFacts, Tally
from .errors import BuildFailed, Place, Problem, display_path
from .models import Contact, Quote, SiteFile
from .plan import LOCAL, NATIONAL, Plan, ReleaseSpec


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

    @property
    def key(self) -> str:
        return self.spec.key

    # The attributes an entry (feeds.Entry) has too, so shared pages and feeds take either.
    @property
    def path(self) -> str:
        return self.spec.path

    @property
    def lan(self):
        return self.spec.county.lan if self.spec.county else None

    @property
    def draft(self) -> bool:
        return self.spec.draft

    @property
    def round_key(self) -> str:
        return self.spec.round.key

    @property
    def published(self):
        return self.spec.published

    @property
    def updated(self):
        """The time of the latest correction, or the publication time."""
        times = [c.time for c in self.spec.announcement.corrections]
        return max([self.spec.published, *times])


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """The one Jinja environment: strict, autoescaping HTML and XML templates, Swedish helpers."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "xml.j2"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    helpers = dict(sv.FILTERS)
    helpers.update(aktorer=aktorer, ansokningar_fran=ansokningar_fran, fran=fran, lank=lank,
                   markdown=markup.to_html, block=markup.blocks)
    env.filters.update(helpers)
    env.globals.update(helpers)
    env.bytecode_cache = _bytecode_cache(env)
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
        import os
        import tempfile

        try:
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                bucket.write_bytecode(f)
            os.replace(tmp, self._get_cache_filename(bucket))
        except OSError:  # a cache that cannot be written only makes the next run slower
            pass


def _bytecode_cache(env: jinja2.Environment):
    """The compiled-template cache for this Jinja, Python, set of options and helpers (None when
    ``PRESSRUM_CACHE=0`` or no cache folder can be made)."""
    import hashlib
    import os
    import sys

    if os.environ.get("PRESSRUM_CACHE", "1") == "0":
        return None
    # Jinja keys entries by template name and source only; compiled code also depends on the
    # environment's options and on which filters exist, so each combination has its own folder.
    identity = repr((jinja2.__version__, sys.version, env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline,
                     env.autoescape("x.html.j2"), env.autoescape("x.md.j2"), sorted(env.filters), sorted(env.tests),
                     env.undefined.__name__))
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(home, "pressrum", "jinja-" + hashlib.blake2b(identity.encode(), digest_size=8).hexdigest())
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return _CompiledTemplates(folder)


def aktorer(t: Tally) -> str:
    """A count of actors of one type: "58 kommuner och regioner", "en ideell organisation"."""
    return sv.antal(t.count, t.term.singular, t.term.plural, t.term.gender)


def ansokningar_fran(t: Tally) -> str:
    """"åtta ansökningar från civilsamhällesorganisationer"; one is "en ansökan från en ideell organisation"."""
    if t.count == 1:
        return f"en ansökan från {sv.tal(1, t.term.gender)} {t.term.singular}"
    return f"{sv.antal(t.count, 'ansökan', 'ansökningar')} från {t.term.sender}"


def fran(t: Tally) -> str:
    """"120 från kommuner", "en från en ideell organisation" (after "Av ansökningarna kommer …")."""
    if t.count == 1:
        return f"en från {sv.tal(1, t.term.gender)} {t.term.singular}"
    return f"{sv.tal(t.count)} från {t.term.sender}"


def lank(link: Link) -> str:
    """A Markdown link to another release, by its headline."""
    return f"[{link.title}]({link.url})"


def replik(q: Quote, first: bool, sender: str) -> str:
    """A quote paragraph: ``– Text, säger Namn, titel på Org.`` (name only after the first)."""
    text = markup.squash(q.text)
    who = q.name
    if first and q.title:
        who = f"{q.name}, {q.title} på {q.organisation or sender}"
    if text[-1] in "?!":
        return f"– {text} säger {who}."
    return f"– {text.rstrip('.')}, säger {who}."


class _Slots:
    """The quotes and paragraphs a release may place, and which of them the template used."""

    def __init__(self, spec: ReleaseSpec, sender: str):
        self.spec = spec
        self.sender = sender
        if spec.scope == NATIONAL:
            self.quotes, self.paragraphs = spec.announcement.quotes, spec.announcement.paragraphs
            self.prefix = ("tillfällen", spec.announcement.key)
        else:
            self.quotes, self.paragraphs = spec.county.quotes, spec.county.paragraphs
            self.prefix = ()
        self.used_slots: set[str] = set()
        self.used_paragraphs: set[str] = set()
        self.speakers: set[str] = set()

    def citat(self, slot: str) -> str:
        self.used_slots.add(slot)
        out = []
        for q in self.quotes:
            if q.after == slot:
                out.append(replik(q, q.name not in self.speakers, self.sender))
                self.speakers.add(q.name)
        return "\n".join(out)

    def stycke(self, name: str) -> str:
        self.used_paragraphs.add(name)
        return markup.blocks(self.paragraphs.get(name, ""))

    def ovriga_stycken(self) -> str:
        rest = [k for k in self.paragraphs if k not in self.used_paragraphs]
        self.used_paragraphs.update(rest)
        return "\n".join(markup.blocks(self.paragraphs[k]) for k in rest)

    def problems(self) -> list[Problem]:
        src = self.spec.source
        out = []
        slots = ", ".join(sorted(self.used_slots)) or "inga"
        for i, q in enumerate(self.quotes):
            if q.after not in self.used_slots:
                out.append(Problem(src.place(self.prefix + ("citat", i, "efter")),
                                   f"citatet ska stå efter '{q.after}', men mallen {self.spec.template} har inget sådant ställe",
                                   f"välj ett av: {slots}"))
        for name in self.paragraphs:
            if name not in self.used_paragraphs:
                known = ", ".join(sorted(self.used_paragraphs)) or "inga"
                out.append(Problem(src.key_place(self.prefix + ("stycken", name)),
                                   f"stycket '{name}' används inte av mallen {self.spec.template}",
                                   f"mallen placerar: {known}"))
        return out


def render_releases(plan: Plan, site: SiteFile, env: jinja2.Environment, memo=None) -> tuple[Release, ...]:
    """Render every planned release; template errors and unplaced text are located problems.

    ``memo`` (a :class:`pressrum.cache.RenderMemo`) supplies what an earlier build rendered from
    exactly the same inputs; without it everything is rendered.
    """
    problems: list[Problem] = []
    base = site.newsroom.base_url
    titles = {}
    title_keys = {}
    for spec in plan.releases:
        if memo is not None:
            title_keys[spec.key] = key = memo.title_key(spec, site)
            if isinstance(cached := memo.get(key), str):
                titles[spec.key] = cached
                continue
        try:
            titles[spec.key] = markup.plain(_render_block(env, spec, "rubrik", _context(spec, site, None)).strip())
        except _TemplateProblem as exc:
            problems.append(exc.problem)
            continue
        if memo is not None:
            memo.put(title_keys[spec.key], titles[spec.key])
    if problems:
        raise BuildFailed(problems)

    by_key = {s.key: s for s in plan.releases}

    def link(key: str) -> Link:
        return Link(key, titles[key], base + by_key[key].path, by_key[key].county.lan if by_key[key].county else None)

    releases = []
    for spec in plan.releases:
        national = link(plan.national_of[spec.key]) if spec.key in plan.national_of and plan.national_of[spec.key] in by_key else None
        locals_ = tuple(link(k) for k in plan.locals_of.get(spec.key, ()))
        text_key = memo.text_key(title_keys[spec.key], national, locals_) if memo is not None else None
        cached = memo.get(text_key) if memo is not None else None
        if isinstance(cached, tuple):
            lead_md, lead_html, lead_text, body_md, body_html, body_text = cached
        else:
            slots = _Slots(spec, site.organisation.short_name)
            ctx = _context(spec, site, slots, national=national, locals_=locals_)
            try:
                lead_md = markup.squash(_render_block(env, spec, "ingress", ctx))
                body_md = markup.join_blocks(_render_block(env, spec, "brodtext", ctx))
            except _TemplateProblem as exc:
                problems.append(exc.problem)
                continue
            unplaced = slots.problems()
            problems.extend(unplaced)
            lead_html = markup.to_html(lead_md)
            body_html = markup.to_html(body_md)
            lead_text, body_text = markup.to_text(lead_html), markup.to_text(body_html)
            if memo is not None and not unplaced:
                memo.put(text_key, (lead_md, lead_html, lead_text, body_md, body_html, body_text))
        contacts = (spec.county.contacts if spec.county and spec.county.contacts else None) \
            or spec.announcement.contacts or site.contacts
        categories = (f"Omgång {spec.round.key}",) + ((spec.county.lan.namn,) if spec.county else ("Hela landet",))
        releases.append(Release(spec, base + spec.path, titles[spec.key], lead_md, lead_html, lead_text,
                                body_md, body_html, body_text, tuple(contacts), national, locals_,
                                categories))
    if problems:
        raise BuildFailed(problems)
    return tuple(releases)


def _context(spec: ReleaseSpec, site: SiteFile, slots: _Slots | None, national=None, locals_=()) -> dict:
    top = ()
    if spec.scope == NATIONAL:
        by_lan = {l.lan.slug: l for l in locals_ if l.lan}
        top = tuple(TopCounty(l, spec.round.county(l.slug), by_lan.get(l.slug)) for l in spec.round.top_counties)
    none = _Slots(spec, site.organisation.short_name) if slots is None else slots
    return {
        "org": site.organisation,
        "nyhetsrum": site.newsroom,
        "omgangssida": site.newsroom.base_url + spec.round.key + "/",  # the round page (recipient table)
        "omgang": spec.round,
        "tillfalle": spec.announcement,
        "lan": spec.county,
        "vinkel": spec.angle,
        "topp": top,
        "lokala": locals_,
        # local releases not already linked from a first-place county sentence
        "ovriga_lokala": tuple(l for l in locals_ if l.lan not in spec.round.top_counties),
        "nationell": national,
        "citat": none.citat,
        "stycke": none.stycke,
        "ovriga_stycken": none.ovriga_stycken,
    }


class _TemplateProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _render_block(env: jinja2.Environment, spec: ReleaseSpec, block: str, ctx: dict) -> str:
    try:
        template = env.get_template(spec.template)
        if block not in template.blocks:
            raise _TemplateProblem(Problem(Place(_template_path(env, spec.template), 1),
                                           f"mallen saknar blocket '{block}'",
                                           "en pressmeddelandemall har blocken rubrik, ingress och brodtext"))
        return "".join(template.blocks[block](template.new_context(ctx)))
    except jinja2.TemplateError as exc:
        raise _TemplateProblem(template_problem(exc, env)) from None


def template_problem(exc: jinja2.TemplateError, env: jinja2.Environment) -> Problem:
    """A template error as a located Swedish problem (``mall:rad``), never a traceback.

    Syntax errors carry their file and line. For an undefined name, the innermost template
    frame of the traceback gives them: either a frame of compiled template code (its line
    mapped back with ``get_corresponding_lineno``) or a frame Jinja already rewrote.
    """
    name, line = None, None
    if isinstance(exc, jinja2.TemplateSyntaxError):
        name, line = exc.filename or exc.name, exc.lineno
    else:
        tb = exc.__traceback__
        while tb is not None:
            template = tb.tb_frame.f_globals.get("__jinja_template__")
            if template is not None:
                name, line = template.filename or template.name, template.get_corresponding_lineno(tb.tb_lineno)
            elif tb.tb_frame.f_code.co_filename.endswith(".j2"):
                name, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
            tb = tb.tb_next
    place = Place(_template_shown(env, name), line or 0)
    said = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(place, f"syntaxfel i mallen: {_jinja_sv(said, _JINJA_SYNTAX_SV, 'raden kan inte tolkas')}",
                       "kontrollera {% %} och {{ }} på raden")
    if isinstance(exc, jinja2.UndefinedError):
        return Problem(place, f"okänt namn i mallen: {_jinja_sv(said, _JINJA_UNDEFINED_SV, 'ett namn saknar värde')}",
                       "rätta stavningen eller använd ett namn som mallen får (se templates/README.md)")
    if isinstance(exc, jinja2.TemplateNotFound):
        missing = ", ".join(f"'{n}'" for n in getattr(exc, "templates", None) or [exc.name])
        return Problem(place, f"mallen {missing} finns inte",
                       "kontrollera namnet i {% include %}, {% import %} eller {% extends %} på raden")
    return Problem(place, "fel i mallen: mallen kan inte användas", "kontrollera mallen på raden")


# Jinja's English messages and their Swedish form (regular expression, replacement).
_JINJA_UNDEFINED_SV = (
    (r"'([^']*)' is undefined", r"'\1' finns inte"),
    (r"'None' has no attribute '([^']*)'", r"'\1' finns inte, eftersom värdet före punkten saknas (None)"),
    (r"'(?:\S+\.)?(\S+) object' has no attribute '([^']*)'", r"'\2' finns inte i värdet av typen \1"),
    (r"'([^']*)' has no attribute '([^']*)'", r"'\2' finns inte i '\1'"),
    (r"(\S+) object has no element (.*)", r"värdet av typen \1 har inget element \2"),
)
_JINJA_SYNTAX_SV = (
    (r"unexpected '(.*)', expected '(.*)'", r"oväntat '\1', väntade '\2'"),
    (r"unexpected '(.*)'", r"oväntat '\1'"),
    (r"unexpected char (.*) at \d+", r"oväntat tecken \1"),
    (r"Unexpected end of template\. Jinja was looking for the following tags: (.*)\. "
     r"The innermost block that needs to be closed is '(.*)'\.",
     r"mallen tar slut innan blocket '\2' har stängts (väntade \1)"),
    (r"Unexpected end of template.*", r"mallen tar slut för tidigt"),
    (r"Encountered unknown tag '([^']*)'\. Jinja was looking for the following tags: (.*)\. "
     r"The innermost block that needs to be closed is '(.*)'\.",
     r"okänd tagg '\1'; blocket '\3' är inte stängt (väntade \2)"),
    (r"Encountered unknown tag '([^']*)'\.?", r"okänd tagg '\1'"),
    (r"No filter named '([^']*)'\.?", r"det finns inget filter som heter '\1'"),
    (r"No test named '([^']*)'\.?", r"det finns inget test som heter '\1'"),
    (r"Expected an expression, got '(.*)'", r"ett uttryck saknas före '\1'"),
    (r"expected token '(.*)', got '(.*)'", r"väntade '\1', fick '\2'"),
    (r"block '([^']*)' defined twice", r"blocket '\1' finns två gånger"),
)
_JINJA_WORDS_SV = {"end of print statement": "}}", "end of statement block": "%}", "end of template": "mallens slut",
                   "' or '": "' eller '", "integer": "heltal"}


def _jinja_sv(message: str, table, fallback: str) -> str:
    """Jinja's message in Swedish, or a plain Swedish fallback (never English to the user)."""
    import re

    for pattern, replacement in table:
        if re.fullmatch(pattern, message.strip(), re.DOTALL):
            text = re.sub(pattern, replacement, message.strip(), flags=re.DOTALL)
            for english, swedish in _JINJA_WORDS_SV.items():
                text = text.replace(english, swedish)
            return text
    return fallback


def _template_shown(env: jinja2.Environment, name: str | None) -> str:
    """The template's path as the user sees it (relative to the working folder)."""
    if not name:
        return "templates"
    path = Path(name)
    if not path.is_absolute() and not path.exists():
        path = Path(env.loader.searchpath[0]) / name
    return display_path(path)


def _template_path(env: jinja2.Environment, name: str) -> str:
    path = Path(name)
    if not path.is_absolute():
        path = Path(env.loader.searchpath[0]) / name
    return display_path(path)
