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

from .. import sv
from ..pictures import Drawn, key_of
from . import cards, press

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


def card_of(release, site, look: cards.Look, pictures: Drawn | None = None) -> ShareImage:
    """The generated card of a rendered ``release`` (its sender's name, else site.yaml's), drawn
    or taken from the output by ``pictures`` (``pictures.py``)."""
    sender = (release.sender or site.organisation).name
    county = release.lan.namn if release.lan else None
    values = (release.title, county or NATIONWIDE, sender, newsroom_name(site.newsroom.base_url), look)
    path = release.spec.path + CARD_FILE
    data = (pictures or Drawn()).picture(path, key_of("card", *values), lambda: cards.card(*values))
    return ShareImage(path, release.url + CARD_FILE, cards.WIDTH, cards.HEIGHT,
                      cards.TYPE, card_alt(release.title, sender, county), data)


@dataclass(frozen=True)
class Figure:
    """A press image as a release page shows it: sizes for ``srcset``, caption, credit, download."""

    src: str  # relative to the release page: the middle size
    srcset: str  # "kessling-480.jpg 480w, kessling-960.jpg 960w, …"
    width: int  # of src
    height: int
    alt: str
    text: str  # the caption, the credit and the licence, each a sentence: "… Foto: Anna Berg/Delmos. CC BY 4.0."
    download: str  # the whole image, relative to the page
    download_url: str  # the same, absolute (for the copy-ready index.md and index.txt)
    download_text: str  # "3 000 × 2 000 bildpunkter, JPEG"
    files: tuple = field(repr=False, default=())  # (output path, bytes) of every size and the download


def figure_of(release, image: press.PressImage) -> tuple[Figure, ShareImage]:
    """The page's figure of a press image, and the image it is shared with (its largest web size)."""
    sizes, whole = press.web(image)
    shown = sizes[min(1, len(sizes) - 1)]  # 960 px where there is one: sharp on most screens before srcset
    fig = Figure(shown.name, ", ".join(f"{s.name} {s.width}w" for s in sizes), shown.width, shown.height, image.alt,
                 " ".join(_sentence(t) for t in (image.caption, f"Foto: {image.photographer}", image.licence)),
                 whole.name, release.url + whole.name,
                 f"{sv.siffror(whole.width)} × {sv.siffror(whole.height)} bildpunkter, {image.format}",
                 tuple((release.spec.path + f.name, f.data) for f in (*sizes, whole)))
    largest = sizes[-1]
    share = ShareImage(release.spec.path + largest.name, release.url + largest.name, largest.width, largest.height,
                       press.TYPES[image.format], image.alt, largest.data)
    return fig, share


def _sentence(text: str) -> str:
    """``text`` ending as a sentence: a full stop unless it ends with one (or ! or ?)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def attach(releases: tuple, site, look: cards.Look, images: tuple = (), pictures: Drawn | None = None) -> tuple:
    """The rendered ``releases``, each with its share image (``Release.image``): a local
    release's county's press image, a national release's round's, else its generated card
    (drawn or taken from the output by ``pictures``); and the press image as the page shows it
    (``Release.figure``). ``images`` are ``validate.RoundInput.images``: (county slug or None,
    press image)."""
    by_owner = dict(images)
    out = []
    for r in releases:
        image = by_owner.get(r.lan.slug if r.lan else None)
        if image is None:
            out.append(dataclasses.replace(r, image=card_of(r, site, look, pictures)))
        else:
            fig, share = figure_of(r, image)
            out.append(dataclasses.replace(r, image=share, figure=fig))
    return tuple(out)


def files(releases: tuple) -> dict[str, bytes]:
    """The share images' and press images' files of ``releases`` by output path."""
    out = {r.image.path: r.image.data for r in releases if r.image is not None and r.image.data}
    for r in releases:
        if r.figure is not None:
            out.update(r.figure.files)
    return out
