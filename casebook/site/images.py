"""Which files the site publishes of each image, and what a page needs to show one: the images a
case.yml lists, those its stories name (``![alt](photo.jpg)``, a file in the case folder) and those the
pages in content/ name (a file in content/), all alike.

Planned from what validation learnt of each file (:class:`~casebook.validate.images.ImageFacts`);
:mod:`casebook.publish.images` makes the files, and ``overrides/partials/casebook-image.html`` shows
an :class:`~casebook.site.views.ImageView` as a ``<picture>``.

- A JPEG, PNG, WebP or AVIF image is published in the :data:`WIDTHS` it is wide enough for (never
  wider than it is), in its own format and as WebP, turned as its EXIF orientation says and without
  any of its metadata. Its largest size in its own format takes the file's own address
  (``cases/<slug>/<file>``), which stories and the open data name; the other sizes are under
  ``media/`` (:func:`~casebook.site.urls.case_image_size`). Link previews get a copy cut to
  :data:`SHARE_SIZE`'s shape, as JPEG, when the image is large enough for one and case.yml lists it.
  An image of a page in content/ keeps its path in content/ as its address; its other sizes are
  under ``media/_pages/`` (:func:`~casebook.site.urls.page_image_size`).
- A GIF or an SVG is published as it is (an animation would lose its frames; an SVG has no pixels).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from casebook.project import Project
from casebook.site.urls import case_image, case_image_size, case_share_image, page_image_size
from casebook.site.views import ImageFile, ImageSource, ImageView
from casebook.validate.images import ImageFacts

WIDTHS = (480, 800, 1200)
# A size this close to the next larger one is left out: 480 px beside 500 px saves nothing.
_CLOSE = 0.9
MODERN = "WEBP"  # made of every image; AVIF would be smaller, but takes ten times as long to make
SHARE_SIZE = (1200, 630)  # 1.91:1, the shape Open Graph and X show large
SHARE_MINIMUM = (600, 315)  # a smaller crop is not worth sharing: the site's own image is shown instead
# Formats best first: a <picture> offers the better ones as <source>s and the last as its <img>.
_PREFERENCE = ("AVIF", "WEBP", "JPEG", "PNG")
MIME_TYPES = {"AVIF": "image/avif", "WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}
EXTENSIONS = {"AVIF": "avif", "WEBP": "webp", "JPEG": "jpg", "PNG": "png"}


@dataclass(frozen=True)
class Output:
    """One file made of a case image."""

    path: str  # in the site
    format: str  # as Pillow names it
    width: int
    height: int
    share: bool = False  # cut to the shape of SHARE_SIZE


@dataclass(frozen=True)
class CaseImage:
    """A case image and the files the site publishes of it."""

    source: Path
    path: str  # its own address: cases/<slug>/<file>
    facts: ImageFacts
    outputs: tuple[Output, ...]  # empty: the file is published as it is

    @property
    def share(self) -> Output | None:
        return next((o for o in self.outputs if o.share), None)

    def view(self, alt: str, credit: str | None) -> ImageView:
        """The image as a page shows it, with ``alt`` in the page's language."""
        facts = self.facts
        if not self.outputs:
            return ImageView(self.path, alt, credit, facts.width, facts.height, [], [])
        sizes = [o for o in self.outputs if not o.share]
        sets = {fmt: [ImageFile(o.path, o.width, o.height) for o in sizes if o.format == fmt]
                for fmt in _PREFERENCE if any(o.format == fmt for o in sizes)}
        *better, own = sets
        largest = sets[own][-1]
        share = self.share
        return ImageView(largest.url, alt, credit, largest.width, largest.height,
                         [ImageSource(MIME_TYPES[fmt], sets[fmt]) for fmt in better],
                         sets[own] if len(sets[own]) > 1 else [],
                         ImageFile(share.path, share.width, share.height) if share else None)


def plan_images(project: Project) -> dict[tuple[str, str], CaseImage]:
    """Every case image, by its case's slug and its file as case.yml or a story names it."""
    planned = {}
    for entry in project.cases.values():
        listed = [image.file for image in entry.case.images]
        for file in dict.fromkeys([*listed, *project.story_images.get(entry.slug, [])]):
            source = entry.folder / file
            # Only an image case.yml lists can be the case's link preview: a story's gets no share image.
            planned[entry.slug, file] = plan_image(entry.slug, file, source, project.images[source],
                                                   share=file in listed)
    return planned


def plan_page_images(project: Project) -> dict[str, CaseImage]:
    """Every image the pages in content/ show, by its path in content/ (also its address)."""
    planned = {}
    for path in project.page_images:
        source = project.content_dir / path
        planned[path] = _plan(source, path, project.images[source], partial(page_image_size, path), None)
    return planned


def plan_image(slug: str, file: str, source: Path, facts: ImageFacts, *, share: bool = True) -> CaseImage:
    """The files of one case image: its sizes in its own format and as WebP, and (``share``) its share image."""
    return _plan(source, case_image(slug, file), facts, lambda width, ext: case_image_size(slug, file, width, ext),
                 case_share_image(slug, file) if share else None)


def _plan(source: Path, own: str, facts: ImageFacts, size_path: Callable[[int, str], str],
          share_path: str | None) -> CaseImage:
    """The files of one image published at ``own``: its sizes (at ``size_path(width, extension)``) in its
    own format and as WebP, and its share image at ``share_path`` (None: none)."""
    if facts.format not in MIME_TYPES:  # GIF, SVG
        return CaseImage(source, own, facts, ())
    top = min(facts.width, WIDTHS[-1])
    widths = [w for w in WIDTHS if w < top * _CLOSE] + [top]
    outputs = []
    for fmt in dict.fromkeys((facts.format, MODERN)):
        for width in widths:
            path = own if (fmt, width) == (facts.format, top) else size_path(width, EXTENSIONS[fmt])
            outputs.append(Output(path, fmt, width, max(1, round(facts.height * width / facts.width))))
    share = share_size(facts.width, facts.height)
    if share_path is not None and share[0] >= SHARE_MINIMUM[0] and share[1] >= SHARE_MINIMUM[1]:
        outputs.append(Output(share_path, "JPEG", *share, share=True))
    return CaseImage(source, own, facts, tuple(outputs))


def share_size(width: int, height: int) -> tuple[int, int]:
    """The largest part of a ``width`` x ``height`` picture in the shape of SHARE_SIZE, no larger than it."""
    aspect = SHARE_SIZE[0] / SHARE_SIZE[1]
    if width / height > aspect:  # wider: the sides are cut off
        width = round(height * aspect)
    else:  # taller: the top and bottom are cut off
        height = round(width / aspect)
    scale = min(1.0, SHARE_SIZE[0] / width)
    return round(width * scale), round(height * scale)
