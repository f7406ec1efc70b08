"""The images a story or a page names in its Markdown, shown as the case images are: every size in a
``srcset``, the modern format beside the original, ``width`` and ``height``.

Two steps, each where MkDocs lets it happen:

- :class:`ImageAddresses`, a Markdown tree processor that runs just before MkDocs' own (``relpath``):
  an image's path, written relative to the story's file (``cases/<slug>/index.en.md``: ``photo.jpg``), is
  pointed at the file the site publishes of it (``cases/<slug>/photo.jpg``, also for the English page
  at ``en/cases/<slug>/``), so MkDocs' link check finds it and makes the address relative to the page.
- :func:`show_pictures`, run once the page's HTML has been through the allow-list: each ``<img>`` whose
  address is a published image becomes ``overrides/partials/casebook-story-image.html`` (a ``<picture>``
  made by the same macro as the case images), with the alt text the author wrote.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote
from xml.etree.ElementTree import Element

# Python-Markdown has no type hints of its own (types-Markdown is not installed).
from markdown import Markdown  # type: ignore[import-untyped]
from markdown.extensions import Extension  # type: ignore[import-untyped]
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]

from casebook.site.images import CaseImage
from casebook.validate.sanitize import url_scheme

# Before MkDocs' "relpath" (priority 0), after everything that makes elements (inline patterns run at 20).
PRIORITY = 1
# Patterns as text, which re compiles once: a compiled one at module level would look like state.
_IMG = r"<img\b[^>]*>"
_ATTRIBUTE = r'([a-zA-Z-]+)="([^"]*)"'  # as nh3 writes them: always in double quotes


class ImageAddresses(Extension):  # type: ignore[misc]
    """Registers :class:`AddressTreeprocessor`. ``current``: the Markdown file being rendered and the
    page's source URI in the site (MkDocs' ``File.src_uri``), or None; ``addresses``: each published
    image's file on disk -> its address in the site."""

    def __init__(self, current: Callable[[], tuple[str, str] | None], addresses: dict[str, str]) -> None:
        super().__init__()
        self.current = current
        self.addresses = addresses

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802  # Python-Markdown's name
        md.treeprocessors.register(AddressTreeprocessor(md, self), "casebook_image_addresses", PRIORITY)


class AddressTreeprocessor(Treeprocessor):  # type: ignore[misc]
    def __init__(self, md: Markdown, extension: ImageAddresses) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: Element) -> None:
        current = self.extension.current()
        if current is None:
            return
        source, src_uri = current
        folder = os.path.dirname(source)
        for img in root.iter("img"):
            src = img.get("src", "")
            if not src or url_scheme(src) is not None or src.startswith(("/", "#")):
                continue
            address = self.extension.addresses.get(os.path.normpath(os.path.join(folder, unquote(src))))
            if address is not None:
                img.set("src", posixpath.relpath(address, posixpath.dirname(src_uri) or "."))


def show_pictures(content: str, page_url: str, images: dict[str, CaseImage], render: Callable[[CaseImage, str], str]
                  ) -> str:
    """``content`` (a page's HTML at ``page_url``) with each ``<img>`` of a published image in ``images``
    (by address) replaced by ``render(image, alt)``."""
    if "<img" not in content:
        return content
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"

    def picture(match: re.Match[str]) -> str:
        attributes = {name: html.unescape(value) for name, value in re.findall(_ATTRIBUTE, match.group(0))}
        src = attributes.get("src", "")
        if url_scheme(src) is not None or src.startswith("/"):
            return match.group(0)
        image = images.get(posixpath.normpath(posixpath.join(folder, unquote(src))))
        return render(image, attributes.get("alt", "")) if image is not None else match.group(0)

    return re.sub(_IMG, picture, content)
