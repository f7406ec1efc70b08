"""The reader of hand-written pages: ``content/<name>.<lang>.md``, with optional front matter."""

from __future__ import annotations

import re

from casebook.core.issues import Issue
from casebook.core.languages import LANGUAGES
from casebook.core.messages import msg
from casebook.load.characters import reference_issues
from casebook.load.documents import split_front_matter
from casebook.load.files import LoadError, read_text
from casebook.load.limits import markdown_limit_issues
from casebook.model.registry import PageMeta
from casebook.project.catalogues import CATALOGUES_DIR
from casebook.project.entries import PageSource
from casebook.project.reading import Reader
from casebook.validate.sanitize import markdown_issues
from casebook.validate.schema import check_schema

# Top-level paths the generator owns; a hand-written page there would collide with it.
RESERVED_PAGES = ("cases", "organisations", "search", "en", "assets", "pagefind", "catalogues", "themes",
                  "formats", "sdgs", "topics", "media", "was")
_PAGE_NAME = re.compile(r"^(?P<name>.+)\.(?P<lang>[a-z]{2})\.md$")


def read_pages(reader: Reader) -> None:
    """Every page into ``project.pages``; a front page is required in each language."""
    content = reader.project.content_dir
    if not content.is_dir():
        return
    by_name: dict[str, set[str]] = {}
    for path in sorted(content.rglob("*.md")):
        if path.relative_to(content).parts[0] == CATALOGUES_DIR:
            continue  # catalogue introductions, read with their catalogue
        rel = reader.rel(path)
        match = _PAGE_NAME.match(path.relative_to(content).as_posix())
        if not match or match["lang"] not in LANGUAGES:
            reader.issues.append(Issue(rel, 0, 0, "page.name",
                                       msg("page file '{name}' does not say its language", name=path.name),
                                       hint=msg("name it <name>.da.md or <name>.en.md")))
            continue
        name, lang = match["name"], match["lang"]
        if name.split("/")[0] in RESERVED_PAGES:
            reader.issues.append(Issue(rel, 0, 0, "page.reserved",
                                       msg("'{name}' is a page the site makes itself", name=name),
                                       hint=msg("choose another file name")))
            continue
        by_name.setdefault(name, set()).add(lang)
        page = _read_page(reader, PageSource(name, lang, path, rel))
        if page is not None:
            reader.project.pages.append(page)
    for lang in LANGUAGES:
        if lang not in by_name.get("index", set()):
            reader.issues.append(Issue(reader.rel(content / f"index.{lang}.md"), 0, 0, "page.no-index",
                                       msg("the front page is missing"), hint=msg("create it")))


def _read_page(reader: Reader, page: PageSource) -> PageSource | None:
    try:
        text = read_text(page.path, page.rel)
        front, body, first_line = split_front_matter(text, page.rel)
    except LoadError as exc:
        reader.issues.extend(exc.issues)
        return None
    if front is not None:
        meta, problems = check_schema(front, PageMeta)
        reader.issues.extend(problems)
        if meta is None:
            return None
        page.meta = meta
    page.body = body
    page.text = text
    refused = [*markdown_limit_issues(text, page.rel), *reference_issues(body, page.rel, first_line)]
    reader.issues.extend(refused)
    depth = 0 if page.name == "index" else page.name.count("/") + 1
    reader.issues.extend(markdown_issues(body, page.rel, first_line, depth=depth))
    return None if refused else page
