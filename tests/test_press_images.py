"""Press images from content: web sizes, srcset, credit, download, EXIF and GPS stripped,
orientation applied, the press image as og:image and feed enclosure, and the cache noticing a
changed image. The fixture is the bundled content with two images made here with Pillow."""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.etree as ET
import lxml.html
import pytest
from PIL import Image, ImageCms

from conftest import CONTENT, NOW, ROOT, TEMPLATES
from pressrum.content import round_inputs
from pressrum.errors import Place
from pressrum.images import press
from pressrum.round_models import PressImage as PressImageDecl
from pressrum.fingerprint import FileDigests, round_fingerprint

BASE = "https://press.delmos.se/"
GPS_IFD = 0x8825
ORIENTATION = 0x0112
ROUND_IMAGE = """
pressbild:
  fil: kessling.jpg
  alt: Anders Kessling står framför ett fönster och ler.
  fotograf: Anna Berg/Delmos
  licens: Fri att använda i samband med detta pressmeddelande
  bildtext: Anders Kessling, direktör för Delmos
"""
COUNTY_IMAGE = """
pressbild:
  fil: malmo.png
  alt: Möllevångstorget i Malmö en solig dag.
  fotograf: Per Ek
  licens: CC BY 4.0
  bildtext: Möllevångstorget i Malmö.
"""


def photo(size: tuple[int, int], orientation: int = 1) -> bytes:
    """A JPEG as a phone writes it: camera, time and GPS position in its EXIF, and an orientation."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "Kamera AB"
    exif[0x0132] = "2026:05:17 09:12:00"
    exif[GPS_IFD] = {1: "N", 2: (59.0, 19.0, 48.0), 3: "E", 4: (18.0, 4.0, 12.0)}
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif, quality=90)
    return buf.getvalue()


def with_images(dest: Path, jpeg: bytes) -> Path:
    """The bundled content with a round image (the JPEG) and Skåne's image (a 700 px PNG)."""
    content = dest / "content"
    shutil.copytree(CONTENT, content)
    folder = content / "rounds" / "2021"
    (folder / "kessling.jpg").write_bytes(jpeg)
    Image.new("RGB", (700, 500), (30, 120, 60)).save(folder / "lan" / "malmo.png", "PNG")
    with open(folder / "round.yaml", "a", encoding="utf-8") as f:
        f.write(ROUND_IMAGE)
    with open(folder / "lan" / "skane.yaml", "a", encoding="utf-8") as f:
        f.write(COUNTY_IMAGE)
    return content


def build(content: Path, out: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--templates",
                           str(TEMPLATES), "--out", str(out), "--now", NOW], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PRESSRUM_CACHE": "0"})
    assert proc.returncode == 0, proc.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    # Stored 3 000 x 2 000 with orientation 6 (turn a quarter clockwise): shown 2 000 x 3 000.
    content = with_images(tmp_path_factory.mktemp("press"), photo((3000, 2000), orientation=6))
    out = content.parent / "releases"
    build(content, out)
    return out


def test_the_web_sizes_are_made_and_never_wider_than_the_original(site):
    national = site / "2021" / "beslut"
    for width in (480, 960, 1920):
        image = Image.open(national / f"kessling-{width}.jpg")
        assert image.size == (width, width * 3 // 2), width  # portrait: the orientation is applied
    assert Image.open(national / "kessling-original.jpg").size == (2000, 3000)
    skane = site / "2021" / "beslut" / "skane"
    assert sorted(p.name for p in skane.glob("malmo-*")) == ["malmo-480.png", "malmo-700.png", "malmo-original.png"]
    assert Image.open(skane / "malmo-700.png").size == (700, 500)


def test_no_published_image_carries_exif_or_gps(site):
    images = sorted(p for p in site.rglob("*") if p.suffix in (".jpg", ".png") and p.name != "delning.png")
    # seven press image files and the round's county graphic (beviljade-per-lan.png): none may carry EXIF
    assert len(images) == 8 and sum(p.name == "beviljade-per-lan.png" for p in images) == 1
    for path in images:
        image = Image.open(path)
        exif = image.getexif()
        assert GPS_IFD not in exif and not exif.get_ifd(GPS_IFD), path
        assert len(exif) == 0, (path, dict(exif))
        assert b"Exif" not in path.read_bytes() and b"Kamera AB" not in path.read_bytes(), path


def test_the_page_shows_the_image_with_srcset_size_alt_credit_and_download(site):
    page = site / "2021" / "beslut" / "index.html"
    tree = lxml.html.fromstring(page.read_bytes())
    (img,) = tree.xpath("//figure[@class='press-image']//img")
    assert img.get("srcset") == "kessling-480.jpg 480w, kessling-960.jpg 960w, kessling-1920.jpg 1920w"
    assert img.get("src") == "kessling-960.jpg"
    assert (int(img.get("width")), int(img.get("height"))) == Image.open(page.parent / img.get("src")).size
    assert img.get("alt") == "Anders Kessling står framför ett fönster och ler."
    caption = tree.xpath("//figure[@class='press-image']/figcaption")[0].text_content()
    assert caption == ("Anders Kessling, direktör för Delmos. Foto: Anna Berg/Delmos. Fri att använda i samband med "
                       "detta pressmeddelande. Ladda ner bilden i full storlek (2\u00a0000 × 3\u00a0000 bildpunkter, JPEG).")
    (link,) = tree.xpath("//figure[@class='press-image']//a[@download]")
    assert (page.parent / link.get("href")).is_file()


def test_the_press_image_is_shared_instead_of_the_card(site):
    for folder, name, kind, size in (("2021/beslut", "kessling-1920.jpg", "image/jpeg", (1920, 2880)),
                                     ("2021/beslut/skane", "malmo-700.png", "image/png", (700, 500))):
        meta = {m.get("property") or m.get("name"): m.get("content")
                for m in lxml.html.fromstring((site / folder / "index.html").read_bytes()).iter("meta")}
        assert meta["og:image"] == meta["twitter:image"] == f"{BASE}{folder}/{name}"
        assert (meta["og:image:type"], int(meta["og:image:width"]), int(meta["og:image:height"])) == (kind, *size)
        assert not (site / folder / "delning.png").exists()
    rss = ET.parse(str(site / "rss.xml")).getroot()
    enclosures = {e.get("url"): (e.get("type"), int(e.get("length"))) for e in rss.iter("enclosure")}
    for url, (kind, length) in enclosures.items():
        assert length == (site / url.removeprefix(BASE)).stat().st_size
    assert set(enclosures) == {f"{BASE}2021/beslut/kessling-1920.jpg", f"{BASE}2021/beslut/skane/malmo-700.png"}


def test_two_builds_give_the_same_image_bytes(site, tmp_path):
    content = with_images(tmp_path, photo((3000, 2000), orientation=6))
    build(content, tmp_path / "again")
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.suffix in (".jpg", ".png")}
    again = {p.relative_to(tmp_path / "again"): p.read_bytes() for p in (tmp_path / "again").rglob("*")
             if p.suffix in (".jpg", ".png")}
    assert first == again and len(first) == 8  # seven press image files and the county graphic


def test_an_image_is_a_round_input_so_the_cache_sees_it_change(tmp_path):
    content = with_images(tmp_path, photo((800, 600)))
    folder = content / "rounds" / "2021"
    files = round_inputs(folder)
    assert "kessling.jpg" in files.read() and "lan/malmo.png" in files.read()
    assert files.stray_names == ()
    before = round_fingerprint(files, FileDigests())
    (folder / "kessling.jpg").write_bytes(photo((800, 601)))
    assert round_fingerprint(round_inputs(folder), FileDigests()) != before


def test_a_pages_html_names_every_size_it_links(site):
    html = (site / "2021" / "beslut" / "index.html").read_text(encoding="utf-8")
    for name in re.findall(r"kessling-\w+\.jpg", html):
        assert (site / "2021" / "beslut" / name).is_file(), name


def test_a_16_bit_png_is_published_with_8_bits(tmp_path):
    """16 bits per channel are more than a screen shows: converted, not refused."""
    content = with_images(tmp_path, photo((800, 600)))
    skane = content / "rounds" / "2021" / "lan" / "malmo.png"
    Image.linear_gradient("L").resize((600, 400)).convert("I").point(lambda v: v * 257).convert("I;16").save(skane, "PNG")
    assert Image.open(skane).mode == "I;16" and Image.open(skane).getextrema() == (0, 65535)
    build(content, tmp_path / "out")
    out = Image.open(tmp_path / "out" / "2021" / "beslut" / "skane" / "malmo-480.png")
    assert out.mode == "RGB" and out.size == (480, 320)
    assert out.getextrema()[0] == (0, 255)  # the gradient kept: 16-bit values scaled, not clipped


class _Source:
    """A declaring file's stand-in: every key is on line 7."""

    def place(self, key):
        return Place("round.yaml", 7, 9)


def _decl(name: str) -> PressImageDecl:
    return PressImageDecl.model_validate({"fil": name, "alt": "Ett torg.", "fotograf": "Per Ek", "licens": "CC BY 4.0",
                                          "bildtext": "Ett torg i Malmö."})


def test_a_phones_jpeg_with_a_second_picture_is_a_jpeg(tmp_path):
    """Phones write MPO (a JPEG with a depth or preview picture after it): accepted as JPEG."""
    first, second = Image.new("RGB", (640, 480), (200, 30, 30)), Image.new("RGB", (640, 480), (30, 30, 200))
    first.save(tmp_path / "bild.jpg", "MPO", save_all=True, append_images=[second])
    assert Image.open(tmp_path / "bild.jpg").format == "MPO"
    image, problems = press.check(tmp_path, _decl("bild.jpg"), _Source())
    assert problems == [] and image.format == "JPEG" and (image.width, image.height) == (640, 480)
    sizes, whole = press.web(image)
    assert [s.name for s in sizes] == ["bild-480.jpg", "bild-640.jpg"]
    assert Image.open(io.BytesIO(whole.data)).format == "JPEG"


def test_the_colour_profile_is_kept_and_exif_is_not(tmp_path):
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (59.0, 19.0, 48.0)}
    Image.new("RGB", (1000, 500), (200, 10, 10)).save(tmp_path / "bild.jpg", "JPEG", icc_profile=profile, exif=exif)
    image, problems = press.check(tmp_path, _decl("bild.jpg"), _Source())
    assert problems == []
    sizes, whole = press.web(image)
    for made in (*sizes, whole):
        opened = Image.open(io.BytesIO(made.data))
        assert opened.info.get("icc_profile") == profile and len(opened.getexif()) == 0, made.name


@pytest.mark.parametrize("tool", ["check-html", "check-feeds"])
def test_the_independent_checkers_pass_a_site_with_press_images(site, tool):
    checker = Path("/work/shared/tools") / tool
    if not checker.exists():
        pytest.skip(f"{tool} is not installed here")
    check = subprocess.run([str(checker), "--base-url", BASE, str(site)], capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    warnings = [line for line in check.stdout.splitlines() if line.startswith("WARN")]
    assert all(line.startswith("WARN  sitemap.xml:") for line in warnings), check.stdout


def test_the_copy_ready_texts_credit_the_image(site):
    credit = ("Anders Kessling, direktör för Delmos. Foto: Anna Berg/Delmos. Fri att använda i samband med detta "
              f"pressmeddelande. Hela bilden: {BASE}2021/beslut/kessling-original.jpg (2\u00a0000 × 3\u00a0000 bildpunkter, JPEG)")
    md = (site / "2021" / "beslut" / "index.md").read_text(encoding="utf-8")
    assert f"\n## Pressbild\n\n{credit}\n\n## Presskontakt\n" in md
    txt = (site / "2021" / "beslut" / "index.txt").read_text(encoding="utf-8")
    assert f"\nPressbild\n\n{credit}\n\nPresskontakt\n" in txt
