"""The files MkDocs builds: content/'s raw files replaced by the planned pages and the files made of
the case images, and the planned pages rendered through :class:`~casebook.plugin.pages.CasebookPage`."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from casebook.core.messages import msg
from casebook.plugin.build import Build
from casebook.plugin.pages import CasebookPage, Stories
from casebook.plugin.report import log_issues, stopped
from casebook.site.views import Page

DATA_SUFFIXES = (".yml", ".yaml")
SITEMAP = "sitemap.xml"


class MadeFiles:
    """The preview's files of pages and images, made once and copied for each rebuild: MkDocs' File works
    out its paths and address from its name, which at a thousand cases takes a tenth of a rebuild. A copy
    is a new File, as made now, for MkDocs to fill in; the one kept is never handed to MkDocs."""

    def __init__(self) -> None:
        self.signature: tuple[Any, ...] = ()
        self.made: dict[tuple[str, str | None, str | None], File] = {}
        self.used: dict[tuple[str, str | None, str | None], File] = {}

    def begin(self, config: MkDocsConfig) -> None:
        """A rebuild begins: the files kept are the last rebuild's, made for the same folders and addresses."""
        signature = (config.site_dir, config.use_directory_urls)
        self.made = self.used if signature == self.signature else {}
        self.signature, self.used = signature, {}

    def file(self, config: MkDocsConfig, src_uri: str, *, abs_src_path: str | None = None,
             content: str | None = None) -> File:
        return copy.copy(self.master(config, src_uri, abs_src_path=abs_src_path, content=content))

    def master(self, config: MkDocsConfig, src_uri: str, *, abs_src_path: str | None = None,
               content: str | None = None) -> File:
        """The file kept, not a copy: only for MkDocs to find by name (RebuiltFiles), never to fill in."""
        key = (src_uri, abs_src_path, content)
        kept = self.made.get(key) or self.used.get(key)
        if kept is None:
            kept = _generated(config, src_uri, abs_src_path, content)
            # What MkDocs works out of the name, worked out once, on the file kept.
            _ = (kept.dest_uri, kept.url, kept.abs_dest_path, kept.name)
        self.used[key] = kept
        return kept


class RebuiltFiles(Files):
    """The files of a preview rebuild: what it renders or copies is listed, as MkDocs' loops go through
    every file listed several times; the files it keeps as served (excluded: casebook/plugin/skipping.py)
    are still found by name, for the links of the pages rendered to resolve to them as in a full build."""

    def __init__(self, listed: Iterable[File], kept: Files) -> None:
        super().__init__(listed)
        self.kept = kept

    def get_file_from_path(self, path: str) -> File | None:
        return super().get_file_from_path(path) or self.kept.get_file_from_path(path)

    def __contains__(self, path: str) -> bool:
        return super().__contains__(path) or path in self.kept

    def all_src_uris(self) -> list[str]:
        """Every file's name, listed or kept."""
        return [*self.src_uris, *(uri for uri in self.kept.src_uris if uri not in self.src_uris)]

    @classmethod
    def of(cls, files: Files, kept: list[File]) -> RebuiltFiles:
        """``files`` with the excluded ones and ``kept`` (files kept as served, never listed) not listed."""
        listed = [file for file in files if file.inclusion is not InclusionLevel.EXCLUDED]
        others = Files([file for file in files if file.inclusion is InclusionLevel.EXCLUDED])
        for file in kept:
            others.append(file)
        return cls(listed, others)


def site_names(files: Files, kept: list[File] | None = None) -> str:
    """The names of all the site's files, sorted, a line each: also those a preview rebuild keeps (``kept``,
    or RebuiltFiles'). What links are resolved against."""
    names = files.all_src_uris() if isinstance(files, RebuiltFiles) else [file.src_uri for file in files]
    return "\n".join(sorted([*names, *(file.src_uri for file in kept or [])]))


def _generated(config: MkDocsConfig, src_uri: str, abs_src_path: str | None, content: str | None) -> File:
    if abs_src_path is not None:
        return File.generated(config, src_uri, abs_src_path=abs_src_path, inclusion=InclusionLevel.NOT_IN_NAV)
    return File.generated(config, src_uri, content=content if content is not None else "",
                          inclusion=InclusionLevel.NOT_IN_NAV)


def planned_files(build: Build, files: Files, config: MkDocsConfig, made: MadeFiles | None = None,
                  kept: set[str] | None = None) -> list[File]:
    """Put the planned pages and the case images' files in ``files`` instead of content/'s sources; returns
    the pages' files. Stops the build when a static file of content/ is on a planned page's URL. ``made``:
    the preview's files kept from its last rebuild; ``kept``: with ``made``, the pages (src_uri) that a
    preview rebuild keeps as served (casebook/plugin/rebuild.py): they and the images' files go to
    ``build.kept_files`` instead (casebook/plugin/skipping.py decides)."""
    _content_files(build, files, config)
    # Pages stay out of MkDocs' automatic nav: the menu comes from the plan, and a nav holding
    # every case would be rendered into every page (build time growing with the square of cases).
    if made is not None:
        made.begin(config)
    make = made.file if made is not None else \
        lambda config, src_uri, abs_src_path=None, content=None: _generated(config, src_uri, abs_src_path, content)
    keep = made.master if made is not None and kept is not None else None
    pages = _page_files(build, config, make, keep, kept or set())
    for file in pages:
        files.append(file)
    _image_files(build, files, config, make, keep)
    return [file for file in pages if file.inclusion is not InclusionLevel.EXCLUDED]


def _content_files(build: Build, files: Files, config: MkDocsConfig) -> None:
    """content/'s sources out of ``files``, its other files kept as MkDocs copies them, unless on a
    planned page's URL."""
    static: dict[str, str] = {}
    # The images of content/ a page shows: published as the plan says (sized, without metadata).
    planned_images = {image.source for image in build.plan.images}
    sitemap = files.get_file_from_path(SITEMAP)
    if SITEMAP not in config.theme.static_templates and sitemap is not None and not sitemap.is_documentation_page():
        # Not rendered (the preview, a site without an address: casebook/plugin/start.py), the theme's
        # template would be copied as it is.
        files.remove(sitemap)
    for file in list(files):
        # Data files and page sources are content, not site files: the plan publishes them.
        if (file.src_uri.endswith(DATA_SUFFIXES) or file.is_documentation_page()
                or (file.abs_src_path and Path(file.abs_src_path).resolve() in planned_images)):
            files.remove(file)
        elif file.abs_src_path and Path(file.abs_src_path).is_relative_to(build.project.content_dir):
            static[file.dest_uri] = build.project.relative(Path(file.abs_src_path))
    if collisions := build.plan.collisions(static, build.settings.outputs()):
        log_issues(collisions, build.lang)
        raise stopped(collisions, msg("Nothing was published; fix the problems above."), build.lang)


def _image_files(build: Build, files: Files, config: MkDocsConfig, make: Any, keep: Any) -> None:
    """The files of the images the plan publishes, by ``make``; by ``keep`` into ``build.kept_files``."""
    images = build.plan.images
    build.progress.start(msg("Preparing images"), len(images))
    for image in images:
        if build.part_of is not None:
            # The other languages' build: the parent makes and publishes the images; links to them are
            # checked against the same names, and what is written in their place is left out of the merge.
            for dest in [output.path for output in image.outputs] or [image.path]:
                files.append(File.generated(config, dest, content=b"", inclusion=InclusionLevel.NOT_IN_NAV))
            continue
        # Made once and kept in the cache (casebook/publish/images.py); MkDocs copies them as static files.
        for dest, path in build.images.files(image).items():
            if keep is not None:
                build.kept_files.append(keep(config, dest, abs_src_path=str(path)))
            else:
                files.append(make(config, dest, abs_src_path=str(path)))
        build.progress.advance()
    build.progress.finish()


def _page_files(build: Build, config: MkDocsConfig, make: Any, keep: Any, kept: set[str]) -> list[File]:
    """The planned pages' files, by ``make`` (the preview's are made once and copied for each rebuild,
    MadeFiles), those of ``kept`` by ``keep`` into ``build.kept_files``; the pages another process renders
    (casebook/plugin/parallel.py) stay known, for links."""
    pages = []
    for src_uri, page in build.pages.items():
        kept_page = keep is not None and src_uri in kept
        by = keep if kept_page else make
        file = by(config, src_uri, abs_src_path=str(page.source_path)) if page.source_path is not None else \
            by(config, src_uri, content=page.markdown)
        if kept_page:
            build.kept_files.append(file)
            continue
        file.inclusion = inclusion(build, page)
        pages.append(file)
    return pages


def inclusion(build: Build, page: Page) -> InclusionLevel:
    return InclusionLevel.NOT_IN_NAV if build.renders(page) else InclusionLevel.EXCLUDED


def render_planned(build: Build, files: Files, config: MkDocsConfig, stories: Stories) -> None:
    """Casebook's pages render through CasebookPage: cached story HTML, no Markdown for empty bodies."""
    # MkDocs made a plain page for each (they are in no nav); nothing else refers to it yet.
    for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
        if file.src_uri in build.pages:
            CasebookPage(file, config, stories)
