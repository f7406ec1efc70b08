"""A whole project read from disk: every content file loaded, validated and cross-checked.

:func:`load_project` is the one entry point for the command line, the MkDocs hooks and the tests.
It never raises for bad content: problems end up in :attr:`Project.issues`. Each kind of file has
its reader (:mod:`~casebook.project.registry`, :mod:`~casebook.project.cases`,
:mod:`~casebook.project.catalogues`, :mod:`~casebook.project.pages`,
:mod:`~casebook.project.translation_records`); the checks across files run last, on every load.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from casebook.core.cache import Cache
from casebook.core.issues import sort_issues
from casebook.core.progress import Progress
from casebook.load.documents import Document
from casebook.load.files import check_tree
from casebook.model.case import Case
from casebook.model.catalogue import Catalogue
from casebook.model.registry import OrganisationsFile
from casebook.project.cases import CaseFolders, read_cases
from casebook.project.catalogues import read_catalogues
from casebook.project.entries import Project
from casebook.project.pages import read_pages
from casebook.project.reading import Reader
from casebook.project.registry import read_organisations, read_taxonomy
from casebook.project.translation_records import read_translations
from casebook.validate.case import check_case
from casebook.validate.catalogue import check_catalogue
from casebook.validate.images import ImageChecks
from casebook.validate.markdown_images import check_markdown_images, content_image_issues
from casebook.validate.references import Known, check_references


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector off for a while. Loading and planning build up many small objects
    that all stay alive; the collector would walk them again and again as they grow, for nothing
    (a third of the time of loading 1,000 cases). Nothing they make holds a reference cycle."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_project(root: Path, content_dir: Path | None = None, cases_dir: Path | None = None, *,
                 cache: Cache | None = None, progress: Progress | None = None) -> Project:
    """Read and check every content file under ``root``; never raises for bad content.

    With a ``cache`` (see :mod:`casebook.core.cache`), a case folder or YAML file whose bytes are as
    when it was last checked is not parsed and checked again; the cross-checks always run.
    ``progress`` is told of each case folder read.
    """
    with paused_gc():
        return _load_project(root, content_dir, cases_dir, cache, progress)


def _load_project(root: Path, content_dir: Path | None, cases_dir: Path | None, cache: Cache | None,
                  progress: Progress | None) -> Project:
    root = root.resolve()
    project = Project(root, (content_dir or root / "content").resolve(), (cases_dir or root / "cases").resolve())
    for top in (project.content_dir, project.cases_dir):
        project.issues.extend(check_tree(top, (project.content_dir, project.cases_dir), project.relative))
    reader = Reader(project, cache)
    organisations = read_organisations(reader)
    read_taxonomy(reader)
    cases = read_cases(reader, progress)
    read_catalogues(reader)
    read_pages(reader)
    read_translations(reader)
    images = ImageChecks(cache)
    _cross_check(project, organisations, cases, images)
    _markdown_images(project, images)
    project.images = images.facts
    project.issues = sort_issues(project.issues)
    return project


def _cross_check(project: Project, organisations: tuple[Document, OrganisationsFile] | None,
                 cases: CaseFolders, images: ImageChecks) -> None:
    """What no file can know alone: the ids each refers to, and the rules that need them; and the case
    images, whose bytes are no part of their case's cache key (each has its own)."""
    known = Known.of(project.organisations if organisations is not None else None, project.taxonomy,
                     cases.slugs, set(project.ideas))
    for entry in [*project.cases.values(), *cases.partial]:
        project.issues.extend(check_references(entry.doc, Case, entry.case, known))
        project.issues.extend(check_case(entry.slug, entry.case, entry.doc, known, entry.failed_fields))
        project.issues.extend(images.check_case(entry.case, entry.doc, entry.folder))
    for catalogue in project.catalogues.values():
        project.issues.extend(check_references(catalogue.doc, Catalogue, catalogue.catalogue, known))
        project.issues.extend(check_catalogue(catalogue.catalogue, catalogue.doc))
    if organisations is not None:
        doc, parsed = organisations
        project.issues.extend(check_references(doc, OrganisationsFile, parsed, known))


def _markdown_images(project: Project, images: ImageChecks) -> None:
    """The images the stories and pages name, checked as case images are, and every other image in content/."""
    for entry in project.cases.values():
        for story in entry.stories.values():
            issues, found = check_markdown_images(images, story.text, story.rel, entry.folder)
            project.issues.extend(issues)
            files = project.story_images.setdefault(entry.slug, [])
            files += [file for file in found if file not in files]
    in_content = [(s.path, s.text, s.rel) for c in project.catalogues.values() for s in c.intros.values()]
    in_content += [(page.path, page.text, page.rel) for page in project.pages]
    for path, text, rel in in_content:
        issues, files = check_markdown_images(images, text, rel, path.parent)
        project.issues.extend(issues)
        for file in files:
            name = (path.parent / file).relative_to(project.content_dir).as_posix()
            if name not in project.page_images:
                project.page_images.append(name)
    project.issues.extend(content_image_issues(images, project.content_dir, project.relative, project.page_images))
