"""Links from the site's root in content (``[JSON](/data/cases.json)``, ``[feed](/en/feed.xml)``).

Authors write a page or file of the site by its path from the site's root, as the site publishes it. A
link written so breaks when the site is served under a sub-path (a GitHub Pages project site,
``https://example.github.io/casebook/``), so the build checks each against what the site publishes
(:func:`root_link_issues`: an error at its line and column when it names nothing) and writes it relative
to the page it is on (:func:`resolve_root_links`), which works at a host's root and under any sub-path.
MkDocs itself leaves such links as they are (with an INFO line each); Casebook tells it to stay silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from casebook.core.issues import Issue
from casebook.core.messages import msg
from casebook.project import Project
from casebook.site.urls import relative_url
from casebook.validate.sanitize import root_links

# The files of content/ that are sources (pages, data), not files published as they are.
SOURCE_SUFFIXES = (".md", ".yml", ".yaml")
# A root-relative address in the rendered, sanitised HTML (nh3 writes every attribute in double quotes).
_ROOT_ADDRESS = re.compile(r'(\s(?:href|src)=")/(?!/)([^"]*)"')


def resolve_root_links(html: str, page_url: str) -> str:
    """``html`` of the page at ``page_url`` with every address from the site's root made relative to it."""
    if '="/' not in html:
        return html
    return _ROOT_ADDRESS.sub(lambda m: f'{m.group(1)}{relative_url(m.group(2), page_url)}"', html)


def content_files(project: Project) -> list[str]:
    """The site paths of the files content/ holds besides pages and data, which the site publishes as they are."""
    return [path.relative_to(project.content_dir).as_posix() for path in sorted(project.content_dir.rglob("*"))
            if path.is_file() and path.suffix not in SOURCE_SUFFIXES]


def published(path: str, files: set[str]) -> bool:
    """Whether the site path ``path`` (no fragment or query) is a page or file the site publishes."""
    return path in files or f"{path}index.html" in files or f"{path}/index.html" in files


def markdown_sources(project: Project) -> Iterator[tuple[str, str, int]]:
    """Every Markdown text of the project that becomes a page: file, text, and the file's line of its first."""
    for page in project.pages:
        head = page.text[:len(page.text) - len(page.body)] if page.text.endswith(page.body) else ""
        yield page.rel, page.body, head.count("\n") + 1
    for entry in project.cases.values():
        for story in entry.stories.values():
            yield story.rel, story.text, 1
    for catalogue in project.catalogues.values():
        for intro in catalogue.intros.values():
            yield intro.rel, intro.text, 1


def root_link_issues(project: Project, outputs: Iterable[str]) -> list[Issue]:
    """A link from the site's root that names no page or file in ``outputs`` (the site paths of every
    file the site publishes): an error at its line and column."""
    files = set(outputs)
    issues = []
    for rel, text, first_line in markdown_sources(project):
        for line, column, target in root_links(text):
            path = target.split("#")[0].split("?")[0].lstrip("/")
            if not published(path, files):
                issues.append(Issue(rel, line + first_line - 1, column, "link.not-published",
                                    msg("link '{target}' names no page or file of this site", target=target),
                                    hint=msg("write the path of a page or file the site publishes, from the "
                                             "site's root (e.g. /data/cases.json or /en/cases/), or a full "
                                             "https:// address")))
    return issues
