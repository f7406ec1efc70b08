"""What a project is made of once read: its cases, catalogues, ideas, pages and problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from casebook.core.issues import Issue
from casebook.load.documents import Document
from casebook.model.case import Case
from casebook.model.catalogue import Catalogue, Idea
from casebook.model.registry import Organisation, PageMeta, Taxonomy
from casebook.project.translations import Record, Unit
from casebook.validate.images import ImageFacts

CASE_FILE = "case.yml"  # the facts of a case, in cases/<slug>/
CATALOGUE_FILE = "catalogue.yml"  # an idea catalogue, in content/catalogues/<slug>/


def story_file(lang: str) -> str:
    """The name of the story (or catalogue introduction) in ``lang`` beside case.yml or catalogue.yml.

    ``index.da.md``, not ``da.md``: Decap CMS writes a translated entry as ``<path>.<locale>.md`` and
    lists a folder by its file names alone, so it cannot tell ``da.md`` from ``en.md``.
    """
    return f"index.{lang}.md"


def old_story_file(lang: str) -> str:
    """The name a story had before (``da.md``): still read, with a warning; ``casebook migrate`` renames it."""
    return f"{lang}.md"


@dataclass
class Story:
    """The Markdown story of a case, or a catalogue's longer introduction, in one language."""

    lang: str
    path: Path
    rel: str
    text: str


@dataclass
class CaseEntry:
    """A case folder: ``cases/<slug>/`` with case.yml and its stories."""

    slug: str
    case: Case
    doc: Document
    folder: Path
    stories: dict[str, Story] = field(default_factory=dict)
    failed_fields: frozenset[str] = frozenset()  # only for a case that failed validation


@dataclass
class CatalogueEntry:
    """An idea catalogue: ``content/catalogues/<slug>/`` with catalogue.yml and optional
    index.da.md/index.en.md."""

    slug: str
    catalogue: Catalogue
    doc: Document
    folder: Path
    intros: dict[str, Story] = field(default_factory=dict)  # the longer introductions, by language


@dataclass(frozen=True)
class IdeaEntry:
    """An idea, with the catalogue it belongs to."""

    catalogue: str  # slug of the catalogue it belongs to
    idea: Idea


@dataclass
class PageSource:
    """A hand-written page: ``content/<name>.<lang>.md``."""

    name: str  # "index", "about", "guide/writing"
    lang: str
    path: Path
    rel: str
    meta: PageMeta = field(default_factory=PageMeta)
    body: str = ""
    text: str = ""  # the whole file, front matter included


@dataclass
class Project:
    """The content tree read and checked: every case, organisation, catalogue and page, and every problem."""

    root: Path
    content_dir: Path
    cases_dir: Path
    cases: dict[str, CaseEntry] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    taxonomy: Taxonomy | None = None
    catalogues: dict[str, CatalogueEntry] = field(default_factory=dict)
    ideas: dict[str, IdeaEntry] = field(default_factory=dict)  # by idea id, across catalogues
    pages: list[PageSource] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    images: dict[Path, ImageFacts] = field(default_factory=dict)  # the valid images, by their file
    # The valid images the stories name, by case slug (relative to the case folder), and the pages
    # and catalogue introductions (relative to content/).
    story_images: dict[str, list[str]] = field(default_factory=dict)
    page_images: list[str] = field(default_factory=list)
    translations: list[Unit] = field(default_factory=list)  # which texts exist in which language, how fresh
    translation_records: dict[str, Record] = field(default_factory=dict)  # by translation path
    _translation_index: tuple[list[Unit], dict[tuple[str, str], Unit]] | None = field(default=None, repr=False,
                                                                                     compare=False)

    def translation(self, kind: str, name: str) -> Unit | None:
        # By (kind, name): every page asks, so a scan of the list would grow with the square of the pages.
        if self._translation_index is None or self._translation_index[0] is not self.translations:
            self._translation_index = (self.translations, {(u.kind, u.name): u for u in self.translations})
        return self._translation_index[1].get((kind, name))

    def relative(self, path: Path) -> str:
        """``path`` as shown in messages: relative to the project, with forward slashes."""
        # A link is named by where it is, not its target; resolving (a system call per part) only
        # when the path as written is outside the project.
        absolute = path.absolute()
        root = str(self.root)
        text = str(absolute)
        if text.startswith(root) and text[len(root):len(root) + 1] == "/":
            return text[len(root) + 1:]
        resolved = path.resolve()
        if resolved.is_relative_to(self.root):
            return resolved.relative_to(self.root).as_posix()
        return path.as_posix()

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    def cases_with_errors(self) -> set[str]:
        """The case folders (slugs) with at least one error, whether or not the case could be read."""
        folder = self.relative(self.cases_dir) + "/"
        return {i.path.removeprefix(folder).split("/")[0] for i in self.errors if i.path.startswith(folder)}

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]
