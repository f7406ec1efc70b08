"""A whole project read from disk: every content file loaded, validated and cross-checked.

:func:`load_project` is the one entry point for the command line, the MkDocs hooks and the tests.
It never raises for bad content: problems end up in :attr:`Project.issues`.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from casebook.core.cache import Cache, code_fingerprint, fingerprint
from casebook.core.issues import Issue, Severity, format_location, sort_issues
from casebook.core.languages import LANGUAGES
from casebook.core.messages import msg
from casebook.core.progress import Progress
from casebook.core.slugs import slugify
from casebook.load.documents import Document, parse_yaml, split_front_matter
from casebook.load.files import LoadError, check_tree, decode_text, read_bytes, read_text
from casebook.load.limits import markdown_limit_issues
from casebook.model.case import Case
from casebook.model.catalogue import Catalogue, Idea
from casebook.model.fields import SLUG_PATTERN
from casebook.model.registry import Organisation, OrganisationsFile, PageMeta, Taxonomy
from casebook.project.translations import RECORD_FILE, Record, RecordsFile, Unit, assess
from casebook.validate.case import check_case
from casebook.validate.catalogue import check_catalogue
from casebook.validate.hints import did_you_mean
from casebook.validate.references import Known, check_references, duplicate_ids
from casebook.validate.sanitize import markdown_issues
from casebook.validate.schema import M, check_schema, salvage

CASE_FILE = "case.yml"
CATALOGUE_FILE = "catalogue.yml"
CATALOGUES_DIR = "catalogues"  # in content/
ORGANISATIONS_FILE = "organisations.yml"
TAXONOMY_FILE = "taxonomy.yml"
# Top-level paths the generator owns; a hand-written page there would collide with it.
RESERVED_PAGES = ("cases", "organisations", "search", "en", "assets", "pagefind", "catalogues", "themes",
                  "formats", "sdgs", "topics")
_PAGE_NAME = re.compile(r"^(?P<name>.+)\.(?P<lang>[a-z]{2})\.md$")


@dataclass
class Story:
    """The Markdown story of a case in one language."""

    lang: str
    path: Path
    rel: str
    text: str


@dataclass
class CaseEntry:
    slug: str
    case: Case
    doc: Document
    folder: Path
    stories: dict[str, Story] = field(default_factory=dict)
    failed_fields: frozenset[str] = frozenset()  # only for a case that failed validation


@dataclass
class CatalogueEntry:
    """An idea catalogue: ``content/catalogues/<slug>/`` with catalogue.yml and optional da.md/en.md."""

    slug: str
    catalogue: Catalogue
    doc: Document
    folder: Path
    intros: dict[str, Story] = field(default_factory=dict)  # the longer introductions, by language


@dataclass(frozen=True)
class IdeaEntry:
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

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]


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

    With a ``cache`` (see :mod:`casebook.cache`), a case folder or YAML file whose bytes are as
    when it was last checked is not parsed and checked again; the cross-checks always run.
    ``progress`` is told of each case folder read.
    """
    with paused_gc():
        return _load_project(root, content_dir, cases_dir, cache, progress)


def _load_project(root: Path, content_dir: Path | None, cases_dir: Path | None, cache: Cache | None,
                  progress: Progress | None) -> Project:
    root = root.resolve()
    project = Project(root, (content_dir or root / "content").resolve(), (cases_dir or root / "cases").resolve())
    loader = _Loader(project, cache, progress)
    for top in (project.content_dir, project.cases_dir):
        project.issues.extend(check_tree(top, (project.content_dir, project.cases_dir), project.relative))
    loader.load_organisations()
    loader.load_taxonomy()
    loader.load_cases()
    loader.load_catalogues()
    loader.load_pages()
    loader.load_translations()
    loader.cross_check()
    project.issues = sort_issues(project.issues)
    return project


class _Loader:
    def __init__(self, project: Project, cache: Cache | None = None, progress: Progress | None = None) -> None:
        self.project = project
        self.progress = progress
        self.issues = project.issues
        self.organisations_ok = False
        self.organisations_file: tuple[Document, OrganisationsFile] | None = None
        self.slugs: set[str] = set()  # every case folder, loaded or not, so related cases resolve
        self.partial_cases: list[CaseEntry] = []  # failed validation; cross-checked, never published
        self._listings: dict[Path, set[str]] = {}
        self._bytes: dict[Path, bytes] = {}
        self.cache = cache
        self.content_code = code_fingerprint("content") if cache is not None else ""

    def rel(self, path: Path) -> str:
        return self.project.relative(path)

    def _files(self, folder: Path) -> set[str]:
        """The names of the files in ``folder``, listed once (a case folder is looked into three times)."""
        if folder not in self._listings:
            try:
                with os.scandir(folder) as entries:
                    self._listings[folder] = {e.name for e in entries if e.is_file()}
            except OSError:  # a missing folder: its files are reported missing one by one
                self._listings[folder] = set()
        return self._listings[folder]

    def _load(self, path: Path, hint: str = "") -> Document | None:
        rel = self.rel(path)
        hint = hint or msg("create it; the README lists its fields")
        if path.name not in self._files(path.parent):
            self.issues.append(Issue(rel, 0, 0, "file.missing", msg("file is missing"), hint=hint))
            return None
        try:
            return parse_yaml(self._text(path, rel), rel)
        except LoadError as exc:
            self.issues.extend(exc.issues)
            return None

    def _raw(self, path: Path, rel: str) -> bytes:
        """A file's bytes, read once: the cache's key and the parsed content come from the same read."""
        if path not in self._bytes:
            self._bytes[path] = read_bytes(path, rel)
        return self._bytes[path]

    def _text(self, path: Path, rel: str) -> str:
        return decode_text(self._raw(path, rel), rel)

    def _checked(self, path: Path, model: type[M], hint: str = "") -> tuple[Document | None, M | None]:
        """A YAML file loaded and checked against ``model`` (its problems added), cached by its bytes."""
        key = self._key("file", path, model.__name__)
        if key is not None and self.cache is not None:
            cached = self.cache.get("content", key)
            if cached is not None:
                issues, doc, parsed = cached
                self.issues.extend(issues)
                return doc, parsed
        start = len(self.issues)
        doc = self._load(path, hint)
        parsed, problems = check_schema(doc, model) if doc is not None else (None, [])
        self.issues.extend(problems)
        if key is not None and self.cache is not None:
            self.cache.put("content", key, (self.issues[start:], doc, parsed))
        return doc, parsed

    def _key(self, what: str, *parts: Path | str) -> str | None:
        """The cache key of what is read from ``parts`` (files, whose bytes count, and names), or None
        when there is no cache or a file cannot be read (then the problem is reported as usual)."""
        if self.cache is None:
            return None
        values: list[str | bytes | None] = [self.content_code, what, str(self.project.root)]
        for part in parts:
            if isinstance(part, str):
                values.append(part)
                continue
            values.append(self.rel(part))
            if part.name not in self._files(part.parent):
                values.append(None)
                continue
            try:
                values.append(self._raw(part, self.rel(part)))
            except LoadError:
                return None
        return fingerprint(*values)

    def load_organisations(self) -> None:
        doc, parsed = self._checked(self.project.content_dir / ORGANISATIONS_FILE, OrganisationsFile)
        if doc is None or parsed is None:
            return
        self.organisations_file = (doc, parsed)
        self.issues.extend(duplicate_ids(doc, parsed.organisations, ("organisations",), "id", msg("organisation")))
        self.project.organisations = {o.id: o for o in parsed.organisations}
        self.organisations_ok = True

    def load_taxonomy(self) -> None:
        doc, parsed = self._checked(self.project.content_dir / TAXONOMY_FILE, Taxonomy)
        if doc is None or parsed is None:
            return
        for vocabulary in ("formats", "themes", "sectors", "company_sizes"):
            self.issues.extend(duplicate_ids(doc, getattr(parsed, vocabulary), (vocabulary,), "id", msg("term")))
        self.issues.extend(duplicate_ids(doc, parsed.sdgs, ("sdgs",), "number", msg("SDG")))
        missing = sorted(set(range(1, 18)) - {s.number for s in parsed.sdgs})
        if missing:
            line, col = doc.position(("sdgs",))
            self.issues.append(Issue(doc.path, line, col, "taxonomy.sdgs-incomplete",
                                     msg("SDG {missing} is missing", missing=missing[0]) if len(missing) == 1 else
                                     msg("SDGs {items} are missing", items=', '.join(map(str, missing))), "sdgs",
                                     msg("list all 17 goals with their Danish and English names")))
        self.project.taxonomy = parsed

    def load_cases(self) -> None:
        cases_dir = self.project.cases_dir
        if not cases_dir.is_dir():
            self.issues.append(Issue(self.rel(cases_dir), 0, 0, "file.missing", msg("the cases folder is missing"),
                                     hint=msg("create cases/<slug>/case.yml for each case")))
            return
        folders = sorted(p for p in cases_dir.iterdir()
                         if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))
        if self.progress is not None:
            self.progress.start("Reading cases", len(folders))
        for folder in folders:
            self._load_case(folder)
            if self.progress is not None:
                self.progress.advance()
        if self.progress is not None:
            self.progress.finish()

    def _load_case(self, folder: Path) -> None:
        slug = folder.name
        rel_folder = self.rel(folder)
        if not re.match(SLUG_PATTERN, slug):
            suggestion = slugify(slug)
            self.issues.append(Issue(rel_folder, 0, 0, "case.slug",
                                     msg("folder name '{slug}' is not a valid case slug", slug=slug),
                                     hint=msg("use lowercase letters a-z, digits and hyphens, e.g. '{suggestion}'",
                                              suggestion=suggestion)))
            return
        self.slugs.add(slug)
        # The folder is read and checked on its own, so the result can be reused while its files
        # (and the names beside them) stay the same; cross-checks against the rest run every time.
        key = self._key("case", folder / CASE_FILE, *(folder / f"{lang}.md" for lang in LANGUAGES),
                        "\n".join(sorted(self._files(folder))))
        if key is not None and self.cache is not None:
            cached = self.cache.get("content", key)
            if cached is not None:
                issues, entry, published = cached
                self.issues.extend(issues)
                if entry is not None:
                    (self.project.cases.__setitem__(slug, entry) if published else self.partial_cases.append(entry))
                return
        start, partials = len(self.issues), len(self.partial_cases)
        self._read_case(folder, slug, rel_folder)
        if key is not None and self.cache is not None:
            entry = self.project.cases.get(slug) or (self.partial_cases[-1] if len(self.partial_cases) > partials
                                                      else None)
            self.cache.put("content", key, (self.issues[start:], entry, slug in self.project.cases))

    def _read_case(self, folder: Path, slug: str, rel_folder: str) -> None:
        doc = self._load(folder / CASE_FILE, msg("write the case's facts in it, or remove the folder"))
        stories, story_files = self._load_stories(folder)
        self._unexpected_files(folder, CASE_FILE, msg("case"))
        if doc is None:
            return
        case, problems = check_schema(doc, Case)
        self.issues.extend(problems)
        if case is None:
            # Still cross-check what is valid, so one run reports every problem in the file.
            salvaged = salvage(Case, doc.data)
            if salvaged is not None:
                partial, failed = salvaged
                self.partial_cases.append(CaseEntry(slug, partial, doc, folder, stories, failed))
            return
        if not story_files:
            self.issues.append(Issue(rel_folder, 0, 0, "case.no-story", msg("the case has no story"),
                                     hint=msg("write the story in da.md, en.md or both")))
        self.project.cases[slug] = CaseEntry(slug, case, doc, folder, stories)

    def _load_stories(self, folder: Path) -> tuple[dict[str, Story], int]:
        """The readable stories, and how many story files there are (readable or not)."""
        stories: dict[str, Story] = {}
        files = 0
        for lang in LANGUAGES:
            path = folder / f"{lang}.md"
            if path.name not in self._files(folder):
                continue
            files += 1
            rel = self.rel(path)
            try:
                text = self._text(path, rel)
            except LoadError as exc:
                self.issues.extend(exc.issues)
                continue
            if text.startswith("---\n"):
                self.issues.append(Issue(rel, 1, 1, "story.front-matter",
                                         msg("a story is plain Markdown and cannot start with '---'"),
                                         hint=msg("put the facts in {CASE_FILE} and remove the '---' block",
                                                  CASE_FILE=CASE_FILE)))
                continue
            if not text.strip():
                self.issues.append(Issue(rel, 0, 0, "story.empty", msg("the story is empty"),
                                         hint=msg("write the story, or delete the file to show the notice "
                                              "that the story is not translated"), severity=Severity.WARNING))
            limits = list(markdown_limit_issues(text, rel))
            self.issues.extend(limits)
            if limits:
                continue
            # A story is published at cases/<slug>/ (Danish) and en/cases/<slug>/: two folders deep at least.
            self.issues.extend(markdown_issues(text, rel, depth=2))
            stories[lang] = Story(lang, path, rel, text)
        return stories, files

    def _unexpected_files(self, folder: Path, main_file: str, what: str) -> None:
        expected = {main_file} | {f"{lang}.md" for lang in LANGUAGES}
        for path in (folder / name for name in sorted(self._files(folder))):
            if path.suffix.lower() in (".md", ".yml", ".yaml", ".markdown") and path.name not in expected:
                self.issues.append(Issue(self.rel(path), 0, 0, "case.unexpected-file",
                                         msg("'{name}' is not a {what} file and is ignored", name=path.name, what=what),
                                         hint=did_you_mean(path.name, expected)
                                         or msg("the folder holds {main_file}, da.md, en.md and images",
                                                main_file=main_file),
                                         severity=Severity.WARNING))

    def load_catalogues(self) -> None:
        top = self.project.content_dir / CATALOGUES_DIR
        if not top.is_dir():
            return
        first_file: dict[str, str] = {}  # idea id -> catalogue file that defines it first
        for folder in sorted(p for p in top.iterdir() if p.is_dir() and not p.name.startswith(".")):
            if not re.match(SLUG_PATTERN, folder.name):
                self.issues.append(Issue(self.rel(folder), 0, 0, "catalogue.slug",
                                         msg("folder name '{name}' is not a valid catalogue slug", name=folder.name),
                                         hint=msg("use lowercase letters a-z, digits and hyphens")))
                continue
            doc, catalogue = self._checked(folder / CATALOGUE_FILE, Catalogue,
                                           msg("write the catalogue's title, intro and ideas in it"))
            intros, _ = self._load_stories(folder)
            self._unexpected_files(folder, CATALOGUE_FILE, msg("catalogue"))
            if doc is None or catalogue is None:
                continue
            self.issues.extend(duplicate_ids(doc, catalogue.ideas, ("ideas",), "id", msg("idea")))
            for i, idea in enumerate(catalogue.ideas):
                if idea.id in first_file and first_file[idea.id] != doc.path:
                    line, col = doc.position(("ideas", i, "id"))
                    self.issues.append(Issue(doc.path, line, col, "ref.duplicate-id",
                                             msg("idea '{id}' is also defined in {first_file}",
                                                 id=idea.id, first_file=first_file[idea.id]),
                                             f"ideas[{i + 1}].id", msg("give each idea its own id")))
                    continue
                first_file.setdefault(idea.id, doc.path)
                self.project.ideas.setdefault(idea.id, IdeaEntry(folder.name, idea))
            self.project.catalogues[folder.name] = CatalogueEntry(folder.name, catalogue, doc, folder, intros)

    def load_pages(self) -> None:
        content = self.project.content_dir
        if not content.is_dir():
            return
        by_name: dict[str, set[str]] = {}
        for path in sorted(content.rglob("*.md")):
            if path.relative_to(content).parts[0] == CATALOGUES_DIR:
                continue  # catalogue introductions, read with their catalogue
            rel = self.rel(path)
            match = _PAGE_NAME.match(path.relative_to(content).as_posix())
            if not match or match["lang"] not in LANGUAGES:
                self.issues.append(Issue(rel, 0, 0, "page.name",
                                         msg("page file '{name}' does not say its language", name=path.name),
                                         hint=msg("name it <name>.da.md or <name>.en.md")))
                continue
            name, lang = match["name"], match["lang"]
            if name.split("/")[0] in RESERVED_PAGES:
                self.issues.append(Issue(rel, 0, 0, "page.reserved",
                                         msg("'{name}' is a page the site makes itself", name=name),
                                         hint=msg("choose another file name")))
                continue
            by_name.setdefault(name, set()).add(lang)
            page = self._load_page(PageSource(name, lang, path, rel))
            if page is not None:
                self.project.pages.append(page)
        for lang in LANGUAGES:
            if lang not in by_name.get("index", set()):
                self.issues.append(Issue(self.rel(content / f"index.{lang}.md"), 0, 0, "page.no-index",
                                         msg("the front page is missing"), hint=msg("create it")))

    def _load_page(self, page: PageSource) -> PageSource | None:
        try:
            text = read_text(page.path, page.rel)
            front, body, first_line = split_front_matter(text, page.rel)
        except LoadError as exc:
            self.issues.extend(exc.issues)
            return None
        if front is not None:
            meta, problems = check_schema(front, PageMeta)
            self.issues.extend(problems)
            if meta is None:
                return None
            page.meta = meta
        page.body = body
        page.text = text
        limits = list(markdown_limit_issues(text, page.rel))
        self.issues.extend(limits)
        depth = 0 if page.name == "index" else page.name.count("/") + 1
        self.issues.extend(markdown_issues(body, page.rel, first_line, depth=depth))
        return None if limits else page

    def load_translations(self) -> None:
        """Which texts exist in which language, and whether each translation is up to date."""
        project = self.project
        path = project.content_dir / RECORD_FILE
        if path.is_file():
            doc, parsed = self._checked(path, RecordsFile)
            if doc is not None and parsed is not None:
                for i, record in enumerate(parsed.translations):
                    for attr in ("file", "source"):
                        recorded = project.root / getattr(record, attr)
                        if recorded.name not in self._files(recorded.parent):
                            line, col = doc.position(("translations", i, attr))
                            self.issues.append(Issue(doc.path, line, col, "translation.no-file",
                                                     msg("'{file}' does not exist", file=getattr(record, attr)),
                                                     format_location(("translations", i, attr)),
                                                     msg("remove the entry, or correct the path"),
                                                     Severity.WARNING))
                project.translation_records = {r.file: r for r in parsed.translations}
        units: list[Unit] = []
        for slug, entry in project.cases.items():
            paths = {lang: self.rel(entry.folder / f"{lang}.md") for lang in LANGUAGES}
            units.append(Unit("case", slug, {lang: s.text for lang, s in entry.stories.items()}, paths))
        for slug, catalogue in project.catalogues.items():
            paths = {lang: self.rel(catalogue.folder / f"{lang}.md") for lang in LANGUAGES}
            units.append(Unit("catalogue", slug, {lang: s.text for lang, s in catalogue.intros.items()}, paths))
        names = sorted({page.name for page in project.pages})
        for name in names:
            paths = {lang: self.rel(project.content_dir / f"{name}.{lang}.md") for lang in LANGUAGES}
            texts = {page.lang: page.text for page in project.pages if page.name == name}
            units.append(Unit("page", name, texts, paths))
        # The texts were read once already; fingerprints are taken from them, not from the disk again.
        assess(units, project.translation_records, LANGUAGES)
        project.translations = units

    def cross_check(self) -> None:
        project = self.project
        known = Known.of(project.organisations if self.organisations_ok else None, project.taxonomy,
                         self.slugs, set(project.ideas))
        for entry in [*project.cases.values(), *self.partial_cases]:
            self.issues.extend(check_references(entry.doc, Case, entry.case, known))
            self.issues.extend(check_case(entry.slug, entry.case, entry.doc, entry.folder, known,
                                          entry.failed_fields))
        for catalogue in project.catalogues.values():
            self.issues.extend(check_references(catalogue.doc, Catalogue, catalogue.catalogue, known))
            self.issues.extend(check_catalogue(catalogue.catalogue, catalogue.doc))
        if self.organisations_file is not None:
            doc, parsed = self.organisations_file
            self.issues.extend(check_references(doc, OrganisationsFile, parsed, known))
