"""The images of a case: safe files in the case folder whose content is what their name says.

:class:`ImageChecks` checks each image a ``case.yml`` lists and learns what the site needs to show
it (:class:`ImageFacts`: its format and its size as shown). A raster image is opened with Pillow and
decoded in full (a JPEG at an eighth of its size, which reads all of its data all the same), so a
damaged or cut-off file is an error here, at ``case.yml``'s line and column, and never a broken
picture on the site. What was learnt is cached by the file's bytes (the cache's
``image`` kind), so an unchanged photo is not decoded again.

Limits, separate from the 1 MB limit on text files (:data:`casebook.load.files.MAX_FILE_BYTES`):
:data:`MAX_IMAGE_BYTES` (phone photos are 3-8 MB) and :data:`MAX_IMAGE_PIXELS`. The pixel limit is
Casebook's own and lower than Pillow's (``Image.MAX_IMAGE_PIXELS``, which is left as it is: it is
global to the process); a file over Pillow's, a decompression bomb, is refused the same way.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageFile, UnidentifiedImageError

from casebook.core.cache import Cache
from casebook.core.fingerprints import code_fingerprint, fingerprint
from casebook.core.issues import Issue
from casebook.core.messages import msg
from casebook.load.documents import Document, Loc
from casebook.model.case import Case
from casebook.validate.hints import did_you_mean

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif")
# What each suffix promises the file holds, as Pillow names it (an SVG is read as text).
SUFFIX_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF", ".avif": "AVIF"}
MAX_IMAGE_BYTES = 15_000_000
# 50 megapixels holds a 48-megapixel phone photo (8064 x 6048); decoded it takes about 150 MB.
MAX_IMAGE_PIXELS = 50_000_000
# EXIF orientations that turn the picture a quarter: its width and height are swapped when shown.
_QUARTER_TURNS = (5, 6, 7, 8)
_ORIENTATION = 0x0112
# What makes an SVG active: scripts, event handlers, javascript: links, embedded HTML.
_SVG_ACTIVE = re.compile(r"<\s*script|\son[a-z]+\s*=|javascript\s*:|<\s*foreignObject", re.IGNORECASE)
_SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.IGNORECASE)
_SVG_LENGTH = r"""\s{name}\s*=\s*["']\s*([0-9]+(?:\.[0-9]+)?)\s*(?:px)?\s*["']"""
_SVG_VIEWBOX = re.compile(r"""\sviewBox\s*=\s*["']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)\s*["']""")


@dataclass(frozen=True)
class ImageFacts:
    """What the site needs to know of a valid image file."""

    format: str  # as Pillow names it ("JPEG", "PNG", "WEBP", "AVIF", "GIF"), or "SVG"
    width: int  # as shown: after the EXIF orientation is applied
    height: int
    digest: str  # of the file's bytes: the key of the files made from it


@dataclass(frozen=True)
class Problem:
    """Why an image cannot be published: an issue's code, message and hint, before its place is known."""

    code: str
    message: str
    hint: str


@dataclass
class ImageChecks:
    """Checks case images and keeps the facts of the valid ones, by their path on disk."""

    cache: Cache | None = None
    facts: dict[Path, ImageFacts] = field(default_factory=dict)
    checked: set[Path] = field(default_factory=set)  # every file inspected, valid or not

    def check_case(self, case: Case, doc: Document, folder: Path) -> Iterator[Issue]:
        """Problems of every image ``case`` lists (``doc`` is its case.yml, in ``folder``)."""
        for i, image in enumerate(case.images):
            yield from self.check(doc, ("images", i, "file"), image.file, folder)

    def check(self, doc: Document, loc: Loc, file: str, folder: Path) -> Iterator[Issue]:
        """Problems of one image: its path, then its content."""
        problem = self.problem(file, folder)
        if problem is not None:
            yield doc.issue(loc, problem.code, problem.message, problem.hint)

    def problem(self, file: str, folder: Path) -> Problem | None:
        """Why the image ``file`` in ``folder`` cannot be published, or None (its facts are kept)."""
        problem = _path_problem(file, folder)
        if problem is not None:
            return problem
        target = folder / file
        self.checked.add(target)
        result = self._inspected(target, file)
        if isinstance(result, ImageFacts):
            self.facts[target] = result
            return None
        return result

    def _inspected(self, target: Path, file: str) -> ImageFacts | Problem:
        try:
            size = target.stat().st_size
            raw = target.read_bytes() if size <= MAX_IMAGE_BYTES else b""  # a file too large is not read
        except OSError as error:
            return Problem("file.unreadable", msg("cannot read file: {strerror}", strerror=error.strerror), "")
        if size > MAX_IMAGE_BYTES:
            return Problem("case.image-too-large",
                            msg("image '{file}' is {size} bytes, more than the limit of {limit}",
                                file=file, size=f"{size:,}", limit=f"{MAX_IMAGE_BYTES:,}"),
                            msg("save it again smaller, e.g. as a JPEG at most 4,000 pixels wide"))
        if self.cache is None:
            return inspect(raw, file)
        # The name is part of the key: a problem's message names the file.
        key = fingerprint(code_fingerprint("image"), file, raw)
        cached = self.cache.get("image", key)
        if isinstance(cached, ImageFacts | Problem):
            return cached
        result = inspect(raw, file)
        self.cache.put("image", key, result)
        return result


def _path_problem(file: str, folder: Path) -> Problem | None:
    """Why ``file`` is not an image file inside ``folder``, or None."""
    relative = Path(file)
    if relative.is_absolute() or ".." in relative.parts or "\\" in file:
        return Problem("case.image-path", msg("image path '{file}' leaves the case folder", file=file),
                        msg("put the image in the case folder and give its path from there, e.g. images/photo.jpg"))
    if relative.suffix.lower() not in IMAGE_SUFFIXES:
        return Problem("case.image-type", msg("'{file}' is not an image file", file=file),
                        msg("use one of: {items}", items=', '.join(IMAGE_SUFFIXES)))
    target = folder / relative
    if target.is_symlink() and not target.resolve().is_relative_to(folder.resolve()):
        return Problem("case.image-path", msg("image '{file}' is a link to a file outside the case folder",
                                               file=file),
                        msg("copy the image into the case folder"))
    if not target.is_file():
        present = [p.relative_to(folder).as_posix() for p in folder.rglob("*")
                   if p.suffix.lower() in IMAGE_SUFFIXES]
        return Problem("ref.missing-image", msg("image file '{file}' does not exist", file=file),
                        did_you_mean(file, present) or msg("add the file to {name}/", name=folder.name))
    return None


def inspect(raw: bytes, file: str) -> ImageFacts | Problem:
    """The facts of an image file's bytes (``file`` is its name), or why it cannot be published."""
    digest = hashlib.sha256(raw).hexdigest()
    suffix = Path(file).suffix.lower()
    if suffix == ".svg":
        return _svg(raw.decode("utf-8", errors="replace"), file, digest)
    expected = SUFFIX_FORMATS[suffix]
    try:
        with warnings.catch_warnings(), _whole_files_only():
            # Pillow warns of images between its limit and twice it; ours is lower, and refuses them.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(raw), formats=list(dict.fromkeys(SUFFIX_FORMATS.values()))) as image:
                if image.format != expected:
                    return _mismatch(file, image.format or "?", suffix)
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    return _too_many_pixels(file)
                if expected == "JPEG":
                    # Decoded at an eighth of its size: every byte of its data is still read, so a
                    # damaged or cut-off file fails as in full, for a fraction of the time and memory.
                    image.draft(image.mode, (1, 1))
                image.load()  # the whole file decoded: a damaged or cut-off one fails here
                orientation = image.getexif().get(_ORIENTATION)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _too_many_pixels(file)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return Problem("case.image-damaged",
                        msg("image '{file}' is damaged or incomplete and cannot be read", file=file),
                        msg("copy it again from the original, or open it in an image editor and save it "
                            "again as {format}", format=_format_name(expected)))
    if orientation in _QUARTER_TURNS:
        width, height = height, width
    return ImageFacts(expected, width, height, digest)


@contextmanager
def _whole_files_only() -> Iterator[None]:
    """Pillow decodes a cut-off file without complaint while ``ImageFile.LOAD_TRUNCATED_IMAGES`` is set,
    and WeasyPrint sets it for the whole process once it is imported (for the PDFs): while an image is
    checked, it is unset."""
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def _mismatch(file: str, found: str, suffix: str) -> Problem:
    name = Path(file)
    proper = next(s for s, f in SUFFIX_FORMATS.items() if f == found)
    return Problem("case.image-content",
                    msg("'{file}' is a {found} image, but its name ends in {suffix}",
                        file=file, found=_format_name(found), suffix=suffix),
                    msg("rename it to {name}, or save it again as {format}",
                        name=name.with_suffix(proper).name, format=_format_name(SUFFIX_FORMATS[suffix])))


def _too_many_pixels(file: str) -> Problem:
    return Problem("case.image-pixels",
                    msg("image '{file}' has more than {limit} pixels, too many to process safely",
                        file=file, limit=f"{MAX_IMAGE_PIXELS:,}"),
                    msg("scale it down, e.g. to 6,000 × 4,000 pixels, and save it again"))


def _format_name(pillow_format: str) -> str:
    return "WebP" if pillow_format == "WEBP" else pillow_format


def _svg(text: str, file: str, digest: str) -> ImageFacts | Problem:
    """An SVG is published as it is: only when it holds nothing active and says how large it is."""
    if _SVG_ACTIVE.search(text):
        return svg_script_problem(file)
    root = _SVG_ROOT.search(text)
    tag = root.group(0) if root else ""
    width, height = (re.search(_SVG_LENGTH.format(name=name), tag) for name in ("width", "height"))
    view_box = _SVG_VIEWBOX.search(tag)
    if width and height:
        size = (float(width.group(1)), float(height.group(1)))
    elif view_box:
        size = (float(view_box.group(1)), float(view_box.group(2)))
    else:
        size = (0.0, 0.0)
    if min(size) < 1:
        return Problem("case.svg-size", msg("SVG image '{file}' does not say how large it is", file=file),
                        msg("give its <svg> element a viewBox, or width and height in pixels"))
    return ImageFacts("SVG", round(size[0]), round(size[1]), digest)


def svg_script_problem(file: str) -> Problem:
    return Problem("case.svg-script", msg("SVG image '{file}' contains script or event handlers", file=file),
                   msg("export the image again without scripts, or use PNG or JPEG"))


def svg_active_at(text: str) -> int | None:
    """Where the first script, event handler, javascript: link or embedded HTML in an SVG's text starts."""
    found = _SVG_ACTIVE.search(text)
    return found.start() if found else None
