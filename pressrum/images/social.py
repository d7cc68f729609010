"""The image a release is shared with (``og:image``, ``twitter:image``, the feeds' enclosure).

Each release gets a generated card (``cards.py``) in its folder as ``delning.png``. The page's
meta tags, the RSS ``<enclosure>`` and the Atom ``rel="enclosure"`` link are all made from the
one :class:`ShareImage` value computed here: its absolute URL, size in pixels and in bytes,
type and Swedish alt text (templates only phrase these).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from . import cards

CARD_FILE = "delning.png"
NATIONWIDE = "Hela landet"


@dataclass(frozen=True)
class ShareImage:
    """The image shown when a release is shared."""

    path: str  # in the output: "2021/beslut/skane/delning.png"
    url: str  # absolute
    width: int
    height: int
    type: str  # MIME type
    alt: str  # Swedish alt text
    data: bytes = field(repr=False, default=b"")  # the file's bytes

    @property
    def length(self) -> int:
        """The file's size in bytes (a feed enclosure's ``length``)."""
        return len(self.data)


def newsroom_name(base_url: str) -> str:
    """The newsroom as its address reads on a card: "press.delmos.se" (host and path, no scheme)."""
    parts = urlsplit(base_url)
    return (parts.netloc + parts.path).rstrip("/")


def card_alt(title: str, sender: str, county: str | None) -> str:
    """The card's alt text: what it shows, in a sentence (the headline in Swedish quotes)."""
    where = county if county else NATIONWIDE[0].lower() + NATIONWIDE[1:]
    return f"Delningsbild med rubriken \u201d{title}\u201d, från {sender} om {where}."


def card_of(release, site, look: cards.Look) -> ShareImage:
    """The generated card of a rendered ``release`` (its sender's name, else site.yaml's)."""
    sender = (release.sender or site.organisation).name
    county = release.lan.namn if release.lan else None
    data = cards.card(release.title, county or NATIONWIDE, sender, newsroom_name(site.newsroom.base_url), look)
    return ShareImage(release.spec.path + CARD_FILE, release.url + CARD_FILE, cards.WIDTH, cards.HEIGHT,
                      cards.TYPE, card_alt(release.title, sender, county), data)


def attach(releases: tuple, site, look: cards.Look) -> tuple:
    """The rendered ``releases``, each with its share image (``Release.image``)."""
    return tuple(dataclasses.replace(r, image=card_of(r, site, look)) for r in releases)


def files(releases: tuple) -> dict[str, bytes]:
    """The share images' files of ``releases`` by output path."""
    return {r.image.path: r.image.data for r in releases if r.image is not None and r.image.data}
