"""Press images from content: checked when a round is loaded, made into web sizes when rendered.

An editor puts a JPEG or PNG beside the file that declares it (``pressbild:`` in round.yaml for
the national releases, in ``lan/<län>.yaml`` for that county's), with alt text, photographer,
licence and caption. :func:`check` refuses, each with a located Swedish problem, a missing file,
an SVG (it can carry script), another format, an extension that lies about the content, a
corrupt file, a decompression bomb and CMYK; a 16-bit image is converted to 8 bits (screens
show 8 bits per channel, so nothing visible is lost). :func:`web` makes the published files:
480, 960 and 1920 px wide (never wider than the original) and the whole image for download,
each with the orientation applied and every other EXIF field (GPS, camera, time) left out.
"""
from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

from .. import sv
from ..content import read_content
from ..errors import Place, Problem, display_path

WIDTHS = (480, 960, 1920)
# Pillow's own bomb limit is ~89 megapixels; a press photo is 10-50. Above this, refused before
# its pixels are decoded (the header says the size).
MAX_PIXELS = 60_000_000
MAX_BYTES = 40_000_000
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
SUFFIX = {"JPEG": ".jpg", "PNG": ".png"}
TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
JPEG_QUALITY = 85
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WebP", "TIFF": "TIFF", "BMP": "BMP"}


@dataclass(frozen=True)
class PressImage:
    """A checked press image: the file's bytes, its size as shown, and its declaration."""

    name: str  # the file name beside its YAML file
    data: bytes
    format: str  # "JPEG" or "PNG"
    width: int  # with the orientation applied
    height: int
    alt: str
    photographer: str
    licence: str
    caption: str


def check(folder: Path, decl, source, key: tuple = ("pressbild",)) -> tuple[PressImage | None, list[Problem]]:
    """The press image ``decl`` (a ``round_models.PressImage``) declares in ``source``, read from
    ``folder``; or None and the problem that refuses it, placed at the ``fil:`` line."""
    place = source.place(key + ("fil",))
    name = decl.file
    suffix = os.path.splitext(name)[1].lower()
    if os.path.basename(name) != name or name in (".", ".."):
        return None, [Problem(place, f"'{name}' är inget filnamn",
                              f"lägg bilden i mappen {display_path(folder)} och skriv bara filnamnet")]
    if suffix == ".svg":
        return None, [Problem(place, f"SVG-bilden {name} tas inte emot: en SVG-fil kan innehålla skript",
                              "spara bilden som JPEG eller PNG")]
    if suffix not in FORMATS:
        return None, [Problem(place, f"bilden {name} har ett format som inte tas emot",
                              "spara bilden som JPEG (.jpg) eller PNG (.png)")]
    path = Path(folder) / name
    if not path.is_file():
        return None, [Problem(place, f"bilden {name} finns inte i mappen {display_path(folder)}",
                              "lägg bildfilen där eller rätta filnamnet")]
    data, problems = read_content(path, MAX_BYTES, "förminska bilden eller spara den med högre komprimering")
    if data is None:
        return None, problems
    image, problem = _open(data, name, suffix, place)
    if image is None:
        return None, [problem]
    width, height = image.size
    if image.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8):  # turned a quarter: shown the other way
        width, height = height, width
    return PressImage(name, data, "JPEG" if image.format == "MPO" else image.format, width, height, decl.alt,
                      decl.photographer, decl.licence,
                      decl.caption), []


ORIENTATION = 0x0112  # the EXIF tag exif_transpose applies


def _open(data: bytes, name: str, suffix: str, place: Place):
    """The image opened and decoded, or None and the problem with it."""
    limit = f"högst {MAX_PIXELS // 1_000_000} miljoner bildpunkter"
    fix = "förminska bilden, till exempel till 4\u00a0000 bildpunkter på bredden"
    bomb = Problem(place, f"bilden {name} är för stor att öppna ({limit})", fix)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            w, h = image.size
            if w * h > MAX_PIXELS:  # refused before a pixel is decoded
                return None, Problem(place, f"bilden {name} är för stor: {sv.siffror(w)} × {sv.siffror(h)} "
                                            f"bildpunkter ({limit})", fix)
            fmt = "JPEG" if image.format == "MPO" else image.format  # a phone's JPEG with a second picture
            if fmt != FORMATS[suffix]:
                found = FORMAT_NAMES.get(fmt, fmt or "okänt")
                fix = SUFFIX.get(fmt)
                hint = f"döp om filen till {os.path.splitext(name)[0]}{fix}" if fix else "spara bilden som JPEG eller PNG"
                return None, Problem(place, f"bilden {name} är en {found}-bild, inte {FORMATS[suffix]} som namnet säger",
                                     hint)
            image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return None, bomb
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError):  # Pillow's ways of failing on a broken file
        return None, Problem(place, f"bilden {name} kan inte läsas: filen är skadad eller ingen bild",
                             "spara bilden på nytt som JPEG eller PNG i ett bildprogram")
    if image.mode == "CMYK":
        # Refused, not converted: without the print profile a conversion shifts the colours;
        # an image program converts with it.
        return None, Problem(place, f"bilden {name} är i CMYK (för tryck)",
                             "spara den i RGB (sRGB) i ett bildprogram")
    return image, None


@dataclass(frozen=True)
class WebFile:
    """One published file of a press image."""

    name: str  # in the release's folder: "kessling-960.jpg"
    width: int
    height: int
    data: bytes


@lru_cache(maxsize=24)
def web(image: PressImage) -> tuple[tuple[WebFile, ...], WebFile]:
    """The image's web sizes (narrowest first) and the whole image for download, all without
    EXIF. Kept per process for one round's images (its national one and one per county, 22 at
    most): a round's rehearsals publish the same images again."""
    from PIL import ImageOps  # only where a press image is made: most rounds have none

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # checked at load: within MAX_PIXELS
        source = ImageOps.exif_transpose(Image.open(io.BytesIO(image.data)))
    icc = source.info.get("icc_profile")  # the colour profile is no EXIF: kept, so colours stay right
    source = _eight_bit(source, image.format)
    stem = os.path.splitext(image.name)[0]
    suffix = SUFFIX[image.format]
    widths = sorted({w for w in WIDTHS if w < source.width} | {min(source.width, WIDTHS[-1])})
    sizes = []
    for w in widths:
        h = max(1, round(source.height * w / source.width))
        scaled = source if w == source.width else source.resize((w, h), Image.Resampling.LANCZOS)
        sizes.append(WebFile(f"{stem}-{w}{suffix}", w, h, _encode(scaled, image.format, icc)))
    whole = WebFile(f"{stem}-original{suffix}", source.width, source.height, _encode(source, image.format, icc))
    return tuple(sizes), whole


def _eight_bit(image: Image.Image, fmt: str) -> Image.Image:
    """RGB or RGBA with 8 bits per channel (a JPEG takes no alpha): what screens and browsers show."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):  # 16-bit grey: scaled to 8 bits
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    alpha = "A" in image.getbands() or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if alpha and fmt == "PNG" else "RGB"
    return image.convert(mode) if image.mode != mode else image


def _encode(image: Image.Image, fmt: str, icc: bytes | None = None) -> bytes:
    """The bytes of ``image``: no EXIF, no text chunks (Pillow writes neither unless given),
    with the source's colour profile when it had one."""
    buf = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        image.save(buf, "JPEG", quality=JPEG_QUALITY, optimize=False, progressive=False, **extra)
    else:
        image.save(buf, "PNG", optimize=False, compress_level=6, **extra)
    return buf.getvalue()
