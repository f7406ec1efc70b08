"""Images in Markdown, checked as case images are: a story's or a page's ``![alt](file)``, and the SVGs
in content/.

A story (``cases/<slug>/index.da.md``) names a file in its case folder; a page in content/ (or a
catalogue's introduction) a file beside it in content/. Each file is checked by
:class:`~casebook.validate.images.ImageChecks` (the same limits, messages and cache as the images a
case.yml lists), and a problem is placed at the image's line and column in the Markdown. An image
without alt text is an error too: the alt text is all a reader who cannot see it gets.

Every SVG in content/ (a logo, say) is checked for scripts before it is published, whether a page
names it or not; the problem is placed at the script's line and column in the SVG. Every other image in
content/ is checked too, and published as the ones a page names (without its metadata).

Images given by an address (``https://...``) and paths leaving the folder are the sanitising scan's
concern (:mod:`casebook.validate.sanitize`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from casebook.core.issues import Issue
from casebook.core.messages import msg
from casebook.validate.images import (
    MAX_IMAGE_BYTES,
    SUFFIX_FORMATS,
    ImageChecks,
    svg_active_at,
    svg_script_problem,
)
from casebook.validate.sanitize import prose_lines_with, url_scheme

# ![alt](file), ![alt](<file with spaces>), ![alt](file "title")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*(<[^>\n]*>|[^)\s]+)")
_IMAGE_START = ("![",)


@dataclass(frozen=True)
class MarkdownImage:
    """One ``![alt](target)`` in Markdown: where it is, and what it says."""

    line: int
    column: int  # of the "!"
    target_column: int
    alt: str
    target: str  # as written

    @property
    def file(self) -> str | None:
        """The file it names, relative to the Markdown's folder; None for an address or a path out."""
        target = self.target.strip("<>")
        if url_scheme(target) is not None or target.startswith(("/", "#")) or ".." in target.split("/"):
            return None
        return unquote(target.split("#")[0].split("?")[0])


def markdown_images(text: str) -> Iterator[MarkdownImage]:
    """Every inline image in Markdown outside code, in order."""
    for number, line in prose_lines_with(text, _IMAGE_START):
        for match in _MD_IMAGE.finditer(line):
            yield MarkdownImage(number, match.start() + 1, match.start(2) + 1, match.group(1).strip(),
                                match.group(2))


def check_markdown_images(checks: ImageChecks, text: str, rel: str, folder: Path,
                          first_line: int = 1) -> tuple[list[Issue], list[str]]:
    """The problems of the images in one Markdown file (``rel``, in ``folder``; ``first_line``: the line
    ``text`` starts on), and the files it names that can be published, relative to ``folder``."""
    issues: list[Issue] = []
    files: list[str] = []
    for image in markdown_images(text):
        line = image.line + first_line - 1
        if not image.alt:
            issues.append(Issue(rel, line, image.column, "image.no-alt",
                                msg("image '{target}' has no alt text", target=image.target),
                                hint=msg("say what it shows between the brackets, e.g. ![Volunteers at the "
                                         "workshop]({target})", target=image.target)))
        file = image.file
        if file is None:
            continue
        problem = checks.problem(file, folder)
        if problem is None:
            files.append(file)
        else:
            issues.append(Issue(rel, line, image.target_column, problem.code, problem.message, hint=problem.hint))
    return issues, list(dict.fromkeys(files))


def content_image_issues(checks: ImageChecks, content_dir: Path, relative: Callable[[Path], str],
                         published: list[str]) -> Iterator[Issue]:
    """The problems of the images in content/ that no page names (those were checked at their place):
    an SVG holding a script is an error at the script's line and column; a JPEG, PNG, WebP or AVIF is
    checked in full and, when valid, added to ``published`` (its path in content/), so that it too is
    published without its metadata (a logo, say, or a photo a page shows through its own HTML)."""
    for path in sorted(content_dir.rglob("*")):
        suffix = path.suffix.lower()
        if suffix not in (".svg", *SUFFIX_FORMATS) or path in checks.checked or path.is_symlink() or not path.is_file():
            continue
        rel = relative(path)
        if suffix == ".svg" and path.stat().st_size <= MAX_IMAGE_BYTES:
            yield from _svg_script(path.read_bytes().decode("utf-8", errors="replace"), rel)
            continue
        # Read as a case image is (one over the size limit is refused unread).
        name = path.relative_to(content_dir).as_posix()
        problem = checks.problem(name, content_dir)
        if problem is not None:
            yield Issue(rel, 0, 0, problem.code, problem.message, hint=problem.hint)
        elif suffix != ".gif":
            published.append(name)


def _svg_script(text: str, rel: str) -> Iterator[Issue]:
    offset = svg_active_at(text)
    if offset is not None:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        problem = svg_script_problem(rel)
        yield Issue(rel, line, column, problem.code, problem.message, hint=problem.hint)
