"""Case images: the files refused with their exact messages, the sizes and formats planned for each, and
a built site whose every published image is turned upright and carries no metadata (no EXIF, no GPS).

The image files are made here with Pillow: a phone photo with a GPS position, a camera serial number
and EXIF orientation 6, a decompression bomb, a cut-off JPEG, a PNG named .jpg, a 20 MB file."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from conftest import copy_site, edit, mkdocs_build, problems
from PIL import Image, ImageCms, ImageFile
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from test_links import check_site

from casebook.core.messages import msg, translate
from casebook.site.images import plan_image
from casebook.validate.images import ImageFacts

CASE = "cases/alpha-workshop/case.yml"
WHERE = f"{CASE}:39:11: images[1].file: "
GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE, SERIAL = 0x010F, 0xA431


def photo(path: Path, size: tuple[int, int] = (1600, 1200)) -> None:
    """A JPEG as a phone writes it: stored on its side (orientation 6: turn it a quarter clockwise to
    show it), with the camera, its serial number, a GPS position, XMP and a colour profile. Its left
    half is red and its right half blue, so the top of the picture as shown is red."""
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[MAKE] = "Casebook Phone"
    exif[SERIAL] = "SN-123456"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (55.0, 40.0, 30.0), 3: "E", 4: (12.0, 34.0, 56.0)})
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>55,40.5N</exif:GPSLatitude></x:xmpmeta>'
    image.save(path, "JPEG", exif=exif.tobytes(), icc_profile=icc, xmp=xmp, comment=b"at home", quality=90)


def use_image(alpha: Path, file: str) -> None:
    edit(alpha, "  - file: images/dot.png", f"  - file: {file}")


def png(size: tuple[int, int], mode: str = "RGB") -> bytes:
    buffer = BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


# --- what validation refuses ---------------------------------------------------------------------

def damaged(file: str, fmt: str) -> str:
    return (WHERE + f"image '{file}' is damaged or incomplete and cannot be read (copy it again from the "
            f"original, or open it in an image editor and save it again as {fmt})")


PIXELS = WHERE + ("image 'images/big.png' has more than 50,000,000 pixels, too many to process safely "
                  "(scale it down, e.g. to 6,000 × 4,000 pixels, and save it again)")


def cut_off(images: Path) -> str:
    photo(images / "photo.jpg")
    raw = (images / "photo.jpg").read_bytes()
    (images / "photo.jpg").write_bytes(raw[: len(raw) // 2])
    return "images/photo.jpg"


def png_named_jpg(images: Path) -> str:
    (images / "photo.jpg").write_bytes(png((40, 30)))
    return "images/photo.jpg"


def too_large(images: Path) -> str:
    with (images / "photo.jpg").open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    return "images/photo.jpg"


def bomb(images: Path) -> str:
    # 200 megapixels of one bit each: a 30 KB file that Pillow itself refuses to open.
    (images / "big.png").write_bytes(png((20_000, 10_000), "1"))
    return "images/big.png"


def over_our_limit(images: Path) -> str:
    (images / "big.png").write_bytes(png((10_000, 6_000), "1"))  # 60 megapixels: Pillow would open it
    return "images/big.png"


def not_an_image(images: Path) -> str:
    (images / "photo.webp").write_bytes(b"RIFF\x00\x00\x00\x00WEBPVP8 not really")
    return "images/photo.webp"


def svg_without_size(images: Path) -> str:
    (images / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>',
                                     encoding="utf-8")
    return "images/logo.svg"


REFUSED = [
    (cut_off, [damaged("images/photo.jpg", "JPEG")]),
    (png_named_jpg, [WHERE + "'images/photo.jpg' is a PNG image, but its name ends in .jpg "
                             "(rename it to photo.png, or save it again as JPEG)"]),
    (too_large, [WHERE + "image 'images/photo.jpg' is 20,971,520 bytes, more than the limit of 15,000,000 "
                         "(save it again smaller, e.g. as a JPEG at most 4,000 pixels wide)"]),
    (bomb, [PIXELS]),
    (over_our_limit, [PIXELS]),
    (not_an_image, [damaged("images/photo.webp", "WebP")]),
    (svg_without_size, [WHERE + "SVG image 'images/logo.svg' does not say how large it is "
                                "(give its <svg> element a viewBox, or width and height in pixels)"]),
]


@pytest.mark.parametrize(("make", "expected"), REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_a_bad_image_is_refused_with_its_fix(minimal: Path, alpha: Path, make: object, expected: list[str]) -> None:
    """Each kind of bad image file is one error at its images entry in case.yml, saying how to fix it."""
    assert callable(make)
    use_image(alpha, make(alpha.parent / "images"))
    assert problems(minimal) == expected


def test_a_cut_off_file_is_refused_after_weasyprint_allowed_them(minimal: Path, alpha: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint lets Pillow read cut-off files for the whole process; the check refuses them all the same."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    use_image(alpha, cut_off(alpha.parent / "images"))
    assert problems(minimal) == [damaged("images/photo.jpg", "JPEG")]
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # as it was


def test_the_messages_are_in_danish_too() -> None:
    """The image messages have their Danish text (the catalogue is checked in full by test_messages)."""
    mismatch = msg("'{file}' is a {found} image, but its name ends in {suffix}", file="a.jpg", found="PNG",
                   suffix=".jpg")
    assert translate(mismatch, "da") == "'a.jpg' er et PNG-billede, men navnet ender på .jpg"
    fix = msg("rename it to {name}, or save it again as {format}", name="a.png", format="JPEG")
    assert translate(fix, "da") == "omdøb det til a.png, eller gem det igen som JPEG"


def test_a_bad_image_stops_the_build_and_nothing_is_published(tmp_path: Path) -> None:
    """A PNG named .jpg fails the build: the message names the file, and no site is written."""
    site = copy_site("minimal", tmp_path / "src")
    use_image(site / CASE, png_named_jpg(site / "cases/alpha-workshop/images"))
    result = mkdocs_build(site / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert "'images/photo.jpg' is a PNG image, but its name ends in .jpg" in result.stderr
    assert not (tmp_path / "out").exists()


# --- the files planned for an image ------------------------------------------------------------

def planned(width: int, height: int, fmt: str = "JPEG") -> list[tuple[str, int, int]]:
    image = plan_image("c", "p.jpg", Path("p.jpg"), ImageFacts(fmt, width, height, "0"))
    return [(o.path, o.width, o.height) for o in image.outputs]


def test_sizes_are_never_wider_than_the_image() -> None:
    """A large photo gets 480, 800 and 1200 px in its format and as WebP, the largest at its own address,
    and a 1200 x 630 share image; a smaller one stops at its own width."""
    assert planned(4000, 3000) == [
        ("media/c/p.jpg/480.jpg", 480, 360), ("media/c/p.jpg/800.jpg", 800, 600), ("cases/c/p.jpg", 1200, 900),
        ("media/c/p.jpg/480.webp", 480, 360), ("media/c/p.jpg/800.webp", 800, 600),
        ("media/c/p.jpg/1200.webp", 1200, 900), ("media/c/p.jpg/share.jpg", 1200, 630)]
    # 500 px: no 480 px beside it; too small for a share image (the site's own is shown instead).
    assert planned(500, 400) == [("cases/c/p.jpg", 500, 400), ("media/c/p.jpg/500.webp", 500, 400)]


def test_gif_and_svg_are_published_as_they_are() -> None:
    """A GIF (it may be animated) and an SVG are one file each, shown at their own size."""
    for fmt in ("GIF", "SVG"):
        image = plan_image("c", "p", Path("p"), ImageFacts(fmt, 300, 200, "0"))
        view = image.view("alt", None)
        assert image.outputs == () and (view.src, view.width, view.height, view.files) == ("cases/c/p", 300, 200, [])


# --- the built site -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def photo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal site with a phone photo as the alpha workshop's first image, built."""
    site = copy_site("minimal", tmp_path_factory.mktemp("photo") / "src")
    photo(site / "cases/alpha-workshop/images/photo.jpg")
    edit(site / CASE, "images:\n", "images:\n  - file: images/photo.jpg\n"
                                   "    alt: {da: Et rødt og et blåt felt, en: A red and a blue field}\n")
    edit(site / "mkdocs.yml", "site_name: Casebook test\n", "site_name: Casebook test\nsite_url: https://example.org/\n")
    result = mkdocs_build(site / "mkdocs.yml", site / "site")
    assert result.returncode == 0, result.stderr
    return site / "site"


PHOTO_FILES = {"cases/alpha-workshop/images/photo.jpg": (1200, 1600)} | {
    f"media/alpha-workshop/images/photo.jpg/{width}.{ext}": (width, round(width * 4 / 3))
    for width in (480, 800) for ext in ("jpg", "webp")} | {
    "media/alpha-workshop/images/photo.jpg/1200.webp": (1200, 1600),
    "media/alpha-workshop/images/photo.jpg/share.jpg": (1200, 630)}


@pytest.mark.build
def test_the_photo_is_published_upright_in_every_size_and_format(photo_site: Path) -> None:
    """Every planned file is there at its size in its format, turned as the EXIF said (red at the top)."""
    media = photo_site / "media/alpha-workshop/images/photo.jpg"
    assert {p.relative_to(photo_site).as_posix() for p in media.iterdir()} == set(PHOTO_FILES) - {
        "cases/alpha-workshop/images/photo.jpg"}
    for path, size in PHOTO_FILES.items():
        with Image.open(photo_site / path) as image:
            assert image.size == size, path
            assert image.format == ("WEBP" if path.endswith(".webp") else "JPEG"), path
            red, green, blue = image.convert("RGB").getpixel((image.width // 2, 5))  # type: ignore[misc]
            assert red > 200 and blue < 60, path


@pytest.mark.build
def test_no_published_image_carries_metadata(photo_site: Path) -> None:
    """No image in the site has EXIF (no GPS, no camera, no serial), XMP, a comment or a colour profile."""
    published = [p for p in photo_site.rglob("*") if p.suffix in (".jpg", ".png", ".webp") and p.is_file()
                 and p.parts[len(photo_site.parts)] in ("cases", "media")]
    assert len(published) == len(PHOTO_FILES) + 7  # and the dot's: 480, 800 and 960 px in PNG and WebP, shared
    for path in published:
        with Image.open(path) as image:
            exif = image.getexif()
            assert not exif and not exif.get_ifd(GPS_IFD), path
            assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info), (path, image.info.keys())
        assert b"SN-123456" not in path.read_bytes() and b"Casebook Phone" not in path.read_bytes()


@pytest.mark.build
def test_the_page_shows_a_picture_with_sizes_and_shares_the_photo(photo_site: Path) -> None:
    """The case page offers WebP and JPEG in every size with width and height; og:image is the photo's
    share image, with its size."""
    tree = HTMLParser((photo_site / "en/cases/alpha-workshop/index.html").read_text(encoding="utf-8"))
    picture = tree.css_first(".cb-image picture")
    source, img = picture.css_first("source"), picture.css_first("img")
    assert source.attributes["type"] == "image/webp"
    assert source.attributes["srcset"] == ", ".join(
        f"../../../media/alpha-workshop/images/photo.jpg/{w}.webp {w}w" for w in (480, 800, 1200))
    assert img.attributes["srcset"] == ("../../../media/alpha-workshop/images/photo.jpg/480.jpg 480w, "
                                        "../../../media/alpha-workshop/images/photo.jpg/800.jpg 800w, "
                                        "../../../cases/alpha-workshop/images/photo.jpg 1200w")
    assert (img.attributes["src"], img.attributes["width"], img.attributes["height"], img.attributes["alt"]) == (
        "../../../cases/alpha-workshop/images/photo.jpg", "1200", "1600", "A red and a blue field")
    assert img.attributes["sizes"] == source.attributes["sizes"]
    shared = {m.attributes["property"]: m.attributes["content"] for m in tree.css('meta[property^="og:image"]')}
    assert shared == {"og:image": "https://example.org/media/alpha-workshop/images/photo.jpg/share.jpg",
                      "og:image:alt": "A red and a blue field", "og:image:width": "1200", "og:image:height": "630"}


@pytest.mark.build
def test_every_img_has_its_width_and_height(photo_site: Path) -> None:
    """On every page (cards included), each <img> says how large it is."""
    seen = 0
    for path in photo_site.rglob("*.html"):
        for img in HTMLParser(path.read_text(encoding="utf-8")).css("img"):
            assert (img.attributes.get("width") or "").isdigit() and (img.attributes.get("height") or "").isdigit(), \
                (path, img.html)
            seen += 1
    assert seen > 10


@pytest.mark.build
def test_every_size_named_by_a_page_is_there(photo_site: Path) -> None:
    """Every src, srcset candidate and og:image of the site with a photo resolves to a published file
    (the minimal site's about page has no open-data section: those links are not the images' concern)."""
    report = check_site(photo_site, "https://example.org/")
    assert [b for b in report.broken if "open-data" not in b and "åbne-data" not in b] == []
    assert report.checked > 1000
