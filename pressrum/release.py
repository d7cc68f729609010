"""What rendering makes: a rendered release (:class:`Release`) and the links between releases
that a template sees (:class:`Link`, :class:`Links`, :class:`FirstPlace`, :class:`TopCounty`)."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import sv
from .derive import CountyFacts
from .site_models import Contact, Organisation
from .plan import ReleaseSpec


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
