"""Images named in Markdown (a story's or a page's ``![alt](file)``) and the SVGs in content/: refused with
their exact messages at their line and column, and published as the case images are (upright, without
metadata, every size in a srcset with width and height, WebP beside the original).

The image files are made here with Pillow (tests/test_images.py's phone photo: orientation 6, GPS, a
camera serial number, XMP and a colour profile)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_site, edit, mkdocs_build, problems
from PIL import Image
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from test_html import nu_errors
from test_images import GPS_IFD, cut_off, photo, png

from casebook.core.messages import msg, translate

ALPHA = "cases/alpha-workshop"
STORY_DA = "## Hvad skete der på Østerbro\n\nAcmes medarbejdere mødtes med foreningens frivillige.\n\n{image}\n"
STORY_EN = "## What happened\n\nAcme's employees met the NGO's volunteers.\n\n{image}\n"


def story(site: Path, image: str, lang: str = "da") -> None:
    template = STORY_DA if lang == "da" else STORY_EN
    (site / ALPHA / f"index.{lang}.md").write_text(template.format(image=image), encoding="utf-8")


# --- what validation refuses ---------------------------------------------------------------------

def test_a_damaged_story_image_is_refused_at_its_line_and_column(minimal: Path) -> None:
    """A cut-off JPEG a story names is one error at the image's path in the story, saying how to fix it."""
    cut_off(minimal / ALPHA / "images")
    story(minimal, "![Et foto](images/photo.jpg)")
    assert problems(minimal) == [
        f"{ALPHA}/index.da.md:5:12: image 'images/photo.jpg' is damaged or incomplete and cannot be read (copy it "
        "again from the original, or open it in an image editor and save it again as JPEG)"]


def test_a_page_image_whose_content_does_not_match_its_name_is_refused(minimal: Path) -> None:
    """A PNG named .jpg on a page in content/ is refused at the page's line and column, with the fix."""
    (minimal / "content/images/photo.jpg").write_bytes(png((40, 30)))
    edit(minimal / "content/index.da.md", "Testsitets forside.\n",
         "Testsitets forside.\n\nSe her: ![Et billede](images/photo.jpg)\n")
    assert problems(minimal) == [
        "content/index.da.md:5:23: 'images/photo.jpg' is a PNG image, but its name ends in .jpg "
        "(rename it to photo.png, or save it again as JPEG)"]


def test_a_missing_story_image_is_refused_with_a_suggestion(minimal: Path) -> None:
    """A story naming a file that is not in the case folder gets the nearest image file's name."""
    story(minimal, "![En prik](images/dott.png)")
    assert problems(minimal) == [f"{ALPHA}/index.da.md:5:12: image file 'images/dott.png' does not exist "
                                 "(did you mean 'images/dot.png'?)"]


def test_an_image_without_alt_text_is_refused(minimal: Path) -> None:
    """An image with nothing between its brackets is an error at its "!": the alt text is what a reader
    who cannot see it gets."""
    story(minimal, "![](images/dot.png)")
    assert problems(minimal) == [
        f"{ALPHA}/index.da.md:5:1: image 'images/dot.png' has no alt text (say what it shows between the brackets, "
        "e.g. ![Volunteers at the workshop](images/dot.png))"]


def test_images_in_code_are_not_checked(minimal: Path) -> None:
    """An image written inside a code block is text to show, not an image to publish."""
    story(minimal, "```\n![](images/nothing.jpg)\n```\n\n    ![](images/nothing.jpg)")
    assert problems(minimal) == []


def test_an_svg_with_a_script_in_content_is_refused(minimal: Path) -> None:
    """An SVG in content/ holding a script (here the publisher's logo, which no page names) is an error
    at the script's line and column."""
    (minimal / "content/images/logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">\n  <script>alert(1)</script>\n</svg>\n',
        encoding="utf-8")
    assert problems(minimal) == [
        "content/images/logo.svg:2:3: SVG image 'content/images/logo.svg' contains script or event handlers "
        "(export the image again without scripts, or use PNG or JPEG)"]


def test_an_svg_a_page_names_is_checked_in_full(minimal: Path) -> None:
    """An SVG with an event handler that a page shows is refused once, at the image in the page."""
    (minimal / "content/images/map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" onload="alert(1)"></svg>', encoding="utf-8")
    (minimal / "content/about.da.md").write_text("# Om siden\n\n![Et kort](images/map.svg)\n", encoding="utf-8")
    assert problems(minimal) == [
        "content/about.da.md:3:12: SVG image 'images/map.svg' contains script or event handlers "
        "(export the image again without scripts, or use PNG or JPEG)"]


def test_a_damaged_image_in_content_that_no_page_names_is_refused(minimal: Path) -> None:
    """A cut-off JPEG in content/ is refused at the file itself, though no page shows it."""
    cut_off(minimal / "content/images")
    assert problems(minimal) == [
        "content/images/photo.jpg: image 'images/photo.jpg' is damaged or incomplete and cannot be read (copy it "
        "again from the original, or open it in an image editor and save it again as JPEG)"]


def test_the_alt_text_message_is_in_danish_too() -> None:
    """The new message has its Danish text (the catalogue is checked in full by test_messages)."""
    assert translate(msg("image '{target}' has no alt text", target="a.jpg"), "da") == \
        "billedet 'a.jpg' har ingen alternativ tekst"


@pytest.mark.build
def test_a_bad_story_image_stops_the_build_and_nothing_is_published(tmp_path: Path) -> None:
    """A damaged photo in a story fails the build: the message names the story, and no site is written."""
    site = copy_site("minimal", tmp_path / "src")
    cut_off(site / ALPHA / "images")
    story(site, "![Et foto](images/photo.jpg)")
    result = mkdocs_build(site / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert f"{ALPHA}/index.da.md:5:12: image 'images/photo.jpg' is damaged or incomplete" in result.stderr
    assert not (tmp_path / "out").exists()


# --- the built site -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def story_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The minimal site whose alpha story (both languages) shows a phone photo that case.yml does not
    list, and whose about page shows another from content/, built; and what the build printed."""
    site = copy_site("minimal", tmp_path_factory.mktemp("story") / "src")
    photo(site / ALPHA / "story.jpg")
    story(site, "![Et rødt og et blåt felt](story.jpg)")
    story(site, "![A red and a blue field](story.jpg)", "en")
    photo(site / "content/images/page.jpg")
    photo(site / "content/images/unused.jpg")  # named by no page
    (site / "content/about.da.md").write_text("# Om siden\n\nOm testsitet.\n\n![Et felt](images/page.jpg)\n",
                                              encoding="utf-8")
    result = mkdocs_build(site / "mkdocs.yml", site / "site")
    assert result.returncode == 0, result.stderr
    return site / "site", result.stderr


def sizes(folder: str, ext: str, own: str) -> str:
    return ", ".join([*(f"{folder}/{w}.{ext} {w}w" for w in (480, 800)), f"{own} 1200w"])


STORY_PAGES = [("cases/alpha-workshop/index.html", "../..", "story.jpg", "Et rødt og et blåt felt"),
               ("en/cases/alpha-workshop/index.html", "../../..", "../../../cases/alpha-workshop/story.jpg",
                "A red and a blue field")]


@pytest.mark.build
@pytest.mark.parametrize(("page", "up", "own", "alt"), STORY_PAGES, ids=["da", "en"])
def test_a_story_photo_is_shown_as_a_picture_with_every_size(story_site: tuple[Path, str], page: str, up: str,
                                                             own: str, alt: str) -> None:
    """In both languages the story's photo is a <picture>: WebP and JPEG in every size, width and height
    of the photo as shown (turned upright: 1200 x 1600), and the author's alt text."""
    tree = HTMLParser((story_site[0] / page).read_text(encoding="utf-8"))
    picture = tree.css_first(".cb-story picture")
    source, img = picture.css_first("source"), picture.css_first("img")
    media = f"{up}/media/alpha-workshop/story.jpg"
    assert (source.attributes["type"], source.attributes["srcset"]) == (
        "image/webp", ", ".join(f"{media}/{w}.webp {w}w" for w in (480, 800, 1200)))
    assert {k: img.attributes[k] for k in ("src", "srcset", "sizes", "width", "height", "alt")} == {
        "src": own, "srcset": sizes(media, "jpg", own), "sizes": source.attributes["sizes"],
        "width": "1200", "height": "1600", "alt": alt}


@pytest.mark.build
def test_a_page_photo_is_shown_as_a_picture(story_site: tuple[Path, str]) -> None:
    """An image on a page in content/ is shown as the story's are, its sizes under /media/_pages/."""
    img = HTMLParser((story_site[0] / "about/index.html").read_text(encoding="utf-8")).css_first("picture img")
    media = "../media/_pages/images/page.jpg"
    assert {k: img.attributes[k] for k in ("src", "srcset", "width", "height", "alt")} == {
        "src": "../images/page.jpg", "srcset": sizes(media, "jpg", "../images/page.jpg"),
        "width": "1200", "height": "1600", "alt": "Et felt"}


@pytest.mark.build
def test_no_story_or_page_image_carries_metadata(story_site: tuple[Path, str]) -> None:
    """Every file published of the three photos (the story's, the page's and one in content/ that no page
    names) is upright (red at the top) and has no EXIF (no GPS, no camera, no serial), XMP, comment or
    colour profile; the originals are not published as they are."""
    site = story_site[0]
    published = [site / "cases/alpha-workshop/story.jpg", site / "images/page.jpg", site / "images/unused.jpg",
                 *(site / "media/alpha-workshop/story.jpg").iterdir(),
                 *(site / "media/_pages/images/page.jpg").iterdir(),
                 *(site / "media/_pages/images/unused.jpg").iterdir()]
    assert len(published) == 18
    for path in published:
        with Image.open(path) as image:
            exif = image.getexif()
            assert not exif and not exif.get_ifd(GPS_IFD), path
            assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info), (path, image.info.keys())
            red, _, blue = image.convert("RGB").getpixel((image.width // 2, 5))  # type: ignore[misc]
            assert red > 200 and blue < 60, path
        assert b"SN-123456" not in path.read_bytes(), path


@pytest.mark.build
def test_mkdocs_finds_every_story_image(story_site: tuple[Path, str]) -> None:
    """MkDocs' own link check finds the images (no "not found among documentation files" warning),
    the English page's too."""
    assert "not found among documentation files" not in story_site[1]
    warnings = [line for line in story_site[1].splitlines() if line.startswith("WARNING")]
    assert [line for line in warnings if "site_url is not set" not in line] == []  # the test site has no address


@pytest.mark.build
def test_pages_with_story_images_pass_the_nu_html_checker(story_site: tuple[Path, str], tmp_path: Path) -> None:
    """The pictures in a story's and a page's paragraphs are valid HTML (the Nu HTML Checker finds no error)."""
    site = story_site[0]
    pages = [site / page for page, *_ in STORY_PAGES] + [site / "about/index.html"]
    assert nu_errors(pages, site, tmp_path) == []
