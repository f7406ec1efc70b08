"""The files MkDocs builds: content/'s raw files replaced by the planned pages and the files made of
the case images, and the planned pages rendered through :class:`~casebook.plugin.pages.CasebookPage`."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from casebook.core.messages import msg
from casebook.plugin.build import Build
from casebook.plugin.pages import CasebookPage, Stories
from casebook.plugin.report import log_issues, stopped
from casebook.site.views import Page

DATA_SUFFIXES = (".yml", ".yaml")
SITEMAP = "sitemap.xml"


def planned_files(build: Build, files: Files, config: MkDocsConfig) -> list[File]:
    """Put the planned pages and the case images' files in ``files`` instead of content/'s sources; returns
    the pages' files. Stops the build when a static file of content/ is on a planned page's URL."""
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
    # Pages stay out of MkDocs' automatic nav: the menu comes from the plan, and a nav holding
    # every case would be rendered into every page (build time growing with the square of cases).
    # The pages another process renders (casebook/plugin/parallel.py) stay known, for links to them.
    pages = [File.generated(config, page.src_uri, abs_src_path=str(page.source_path), inclusion=_inclusion(build, page))
             if page.source_path is not None else
             File.generated(config, page.src_uri, content=page.markdown, inclusion=_inclusion(build, page))
             for page in build.pages.values()]
    for file in pages:
        files.append(file)
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
            files.append(File.generated(config, dest, abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV))
        build.progress.advance()
    build.progress.finish()
    return [file for file in pages if file.inclusion is not InclusionLevel.EXCLUDED]


def _inclusion(build: Build, page: Page) -> InclusionLevel:
    return InclusionLevel.NOT_IN_NAV if build.renders(page) else InclusionLevel.EXCLUDED


def render_planned(build: Build, files: Files, config: MkDocsConfig, stories: Stories) -> None:
    """Casebook's pages render through CasebookPage: cached story HTML, no Markdown for empty bodies."""
    # MkDocs made a plain page for each (they are in no nav); nothing else refers to it yet.
    for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
        if file.src_uri in build.pages:
            CasebookPage(file, config, stories)
