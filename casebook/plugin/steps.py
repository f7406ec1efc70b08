"""The post-build (on_post_build) as named steps, run in the order of :data:`POST_BUILD`.

Pagefind indexes the written pages in its own process while the PDFs, feeds and open data are
written (in a parallel build, this process's language first; the other build's pages are merged in
after those steps and indexed next); then the built site is swapped in atomically. The preview
(`mkdocs serve`) merges its changed pages into the served folder and indexes in the background once
they are served, and leaves out the feeds, the open data, the headers file and the sitemap (seconds
per save at a thousand cases; `mkdocs build` writes them). A preview rebuild of content with errors
runs :data:`PROBLEMS_SHOWN` instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from casebook.core.messages import msg, nmsg, translate
from casebook.plugin import parallel
from casebook.plugin.build import Build
from casebook.plugin.report import say, strict_warnings
from casebook.publish import cms, csp, facetfile, feeds, headers, opendata, pdf, theme
from casebook.publish.atomic import write_problems
from casebook.publish.preview import FacetOutputs
from casebook.publish.search import IndexRun, SearchIndexError
from casebook.site.urls import ADMIN, page_output, src_uri_for, was_url

log = logging.getLogger("mkdocs.plugins.casebook")

Step = Callable[[Build, MkDocsConfig], None]


def merge_languages(build: Build, config: MkDocsConfig) -> None:
    """Wait for the other languages' build (casebook/plugin/parallel.py), say what it warned about, and move
    its pages into the staging folder: every step after this one sees the whole site."""
    if build.part is None:
        return
    try:
        result = build.part.wait(build.lang)
    except BaseException:
        if build.index is not None:  # Pagefind at work in the staging folder stops first
            with suppress(BaseException):
                build.index.result()
        raise
    build.publisher.merge(build.part.folder, build.static_outputs)
    build.part.stop()
    if build.index is not None:  # Pagefind goes on with the merged languages' pages
        build.index = IndexRun(Path(config.site_dir), only=build.part.languages, after=build.index)
    build.part = None
    build.summary.rendered += result.rendered
    parallel.take_over(result, build.cache)


def report_part(build: Build, config: MkDocsConfig) -> None:
    """The other languages' build, last: what the parent takes over (its pages are in its folder)."""
    assert build.part_of is not None
    build.images.close()
    parallel.report_part(build.part_of, build.summary.rendered, build.cache)


def start_search_index(build: Build, config: MkDocsConfig) -> None:
    """Pagefind starts indexing the written pages (`mkdocs build`; the preview indexes later)."""
    if build.preview is None:
        # In a parallel build, this process's language while the other build is still at work.
        build.index = IndexRun(Path(config.site_dir), only=build.languages if build.part is not None else None)


def write_search_facets(build: Build, config: MkDocsConfig) -> None:
    """The search pages' facet files, for browsing by facets without words (casebook/publish/facetfile.py);
    in the preview too, since they follow every page. A preview rebuild that kept the served plan (or
    planned only some cases' pages again, which keeps every search record: SitePlan.with_cases_replanned)
    keeps the served files."""
    state = build.preview
    served = state.facets if state is not None and state.valid_for(build.publisher.site_dir) else None
    if state is not None and served is not None and build.plan.same_pages_as(served.plan):
        build.unchanged.update(served.outputs)
        state.facets_building = FacetOutputs(build.plan, served.outputs)
        return
    written = facetfile.write_facet_files(build.plan, Path(config.site_dir))
    if state is not None:
        state.facets_building = FacetOutputs(build.plan, frozenset(written))


def write_pdfs(build: Build, config: MkDocsConfig) -> None:
    """Each catalogue as a PDF per language, from its own print template (see casebook/publish/pdf.py)."""
    # Each process writes those of its languages (casebook/plugin/parallel.py).
    outputs = {path: item for path, item in build.plan.pdf_outputs().items() if item[1] in build.languages}
    if not outputs or build.env is None:
        return
    site = Path(config.site_dir)
    template = build.env.get_template("casebook/catalogue-pdf.html")
    for path, (slug, lang) in outputs.items():
        page = build.pages[src_uri_for(build.plan.catalogue_url(slug, lang))]
        html = template.render(cb=build.plan.template_context(page) | {"site": build.site}, config=config,
                               css=(site / "assets/stylesheets/casebook-print.css").as_uri(),
                               intro_html=build.bodies.get(page.src_uri, ""))
        size = pdf.write_pdf(html, site / path, site / path)
        say(msg("PDF: wrote /{path} ({size} KB).", path=path, size=size // 1024), build.lang)


def write_feeds(build: Build, config: MkDocsConfig) -> None:
    """The Atom feeds (not in the preview)."""
    if build.preview is None:
        written = feeds.write_feeds(build.plan, build.site, Path(config.site_dir), build.settings.publisher)
        say(msg("Feeds: wrote /{paths}.", paths=", /".join(written)), build.lang)


def write_statement_links(build: Build, config: MkDocsConfig) -> None:
    """For an accessibility statement published elsewhere (WAS-Tool): the site's /was/ page (/en/was/)
    leading to it, where the footer's link points (the short address the Danish rules ask for)."""
    if build.env is None:
        return
    template = build.env.get_template("casebook/was.html")
    for lang, address in build.settings.statements_elsewhere().items():
        path = page_output(was_url(lang))
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        html = template.render(lang=lang, t=build.plan.strings[lang], address=address)
        target.write_text(csp.add_policy(html), encoding="utf-8")
        say(msg("Accessibility statement: /{path} leads to {address}.", path=was_url(lang), address=address),
            build.lang)


def write_open_data(build: Build, config: MkDocsConfig) -> None:
    """The open data under /data/ (not in the preview)."""
    if build.preview is None:
        written = opendata.write_open_data(build.plan, build.site, Path(config.site_dir))
        say(msg("Open data: wrote /{paths}.", paths=", /".join(written)), build.lang)


def write_admin(build: Build, config: MkDocsConfig) -> None:
    """Decap CMS at /admin/, when it is installed and the project has its configuration (casebook/publish/cms.py);
    else the site is complete without it, and the build says why. The preview keeps the files it served."""
    root = build.project.root
    decap = cms.find_decap(root)
    if decap is None:
        say(msg("CMS: /admin/ was left out: Decap CMS is not installed (`make cms-tools` installs it with npm)."),
            build.lang)
        return
    if not (root / cms.CONFIG).is_file():
        say(msg("CMS: /admin/ was left out: the project has no {path} (`casebook cms` writes it).",
                path=cms.CONFIG.as_posix()), build.lang)
        return
    served = build.publisher.site_dir
    keep = build.preview is not None and build.preview.valid_for(served)
    result = cms.write_admin(Path(config.site_dir), decap, root / cms.CONFIG, site_name=config.site_name,
                             styles=cms.preview_styles(Path(folder) for folder in config.theme.dirs),
                             served=served if keep else None)
    build.unchanged.update(result.kept)
    say(msg("CMS: wrote /{path}/ (Decap CMS {version}).", path=ADMIN, version=decap.version), build.lang)


def write_headers(build: Build, config: MkDocsConfig) -> None:
    """The HTTP headers for the hosts that read a _headers file (not in the preview; see
    casebook/publish/headers.py)."""
    if build.preview is None:
        written = headers.write_headers(Path(config.site_dir))
        say(msg("Headers: wrote /{path} (for Netlify and Cloudflare Pages).", path=written), build.lang)


def patch_theme(build: Build, config: MkDocsConfig) -> None:
    """Material's alternate-sitemap lookup removed from its bundle (casebook/publish/theme.py)."""
    site_dir = Path(config.site_dir)
    # (The preview copies Material's bundle only when it changed; the one it serves is patched.)
    if build.preview is None or any((site_dir / "assets/javascripts").glob("bundle.*.min.js")):
        theme.disable_alternate_lookup(site_dir)


def finish_search_index(build: Build, config: MkDocsConfig) -> None:
    """Wait for Pagefind's index, started by :func:`start_search_index`."""
    if build.index is not None:
        try:
            pages = build.index.result().pages
        except SearchIndexError as error:
            raise Abort(translate(msg("Search: Pagefind stopped: {error}. Nothing was published; build again, and "
                                      "if it stops again, report the message above.", error=str(error)),
                                  build.lang)) from None
        say(nmsg("Search: indexed {n} page with Pagefind.", "Search: indexed {n} pages with Pagefind.", pages),
            build.lang)


def save_cache(build: Build, config: MkDocsConfig) -> None:
    """The stories rendered, for the next build; the images' files no build uses any more removed (their
    copies are in the site by now); the summary says what was reused."""
    # A preview rebuild of changed stories alone writes the cache when the preview ends, or at a full rebuild.
    stories_only = build.preview is not None and build.preview.touched is not None
    build.cache.save(["story"], partial=bool(build.unchanged), later=stories_only)
    if not stories_only:
        build.images.prune()
    build.images.close()
    build.summary.reused = build.cache.summary(build.lang)


def publish(build: Build, config: MkDocsConfig) -> None:
    """The built site swapped in (the preview's changed pages merged in); the build's summary line."""
    if config.strict and strict_warnings():
        # MkDocs aborts right after this event; the staging folder is never swapped in.
        build.publisher.discard()
        return
    if build.preview is not None and build.indexer is not None:
        _publish_preview(build, config)
    else:
        build.publisher.publish()
    config.site_dir = str(build.publisher.site_dir)
    log.info(build.summary.line(build.lang))


def _publish_preview(build: Build, config: MkDocsConfig) -> None:
    assert build.preview is not None and build.indexer is not None
    write_problems(Path(config.site_dir), [])
    # Only the changed pages were rendered: they are merged into the served folder.
    if build.preview.valid_for(build.publisher.site_dir):
        outputs = build.publisher.publish_changes(set(build.unchanged), build.preview.outputs)
    else:  # the first build, or a folder something else wrote: every page was rendered
        outputs = build.publisher.staged_files()
        build.publisher.publish()
    build.preview.published(build.publisher.site_dir,
                            {dest: fp for dest, fp in build.fingerprints.items() if fp is not None}, outputs)
    build.preview.statics = {dest: stamp for dest, stamp in build.statics.items() if stamp is not None}
    build.preview.facets = build.preview.facets_building
    build.indexer.request(build.publisher.site_dir)


def show_problems(build: Build, config: MkDocsConfig) -> None:
    """A preview rebuild of content with errors: the served pages stay, and their banner lists the problems."""
    build.images.close()
    build.publisher.discard()
    config.site_dir = str(build.publisher.site_dir)
    write_problems(build.publisher.site_dir, build.problems)
    log.info(build.summary.line(build.lang))


# The other languages' pages are merged in (merge_languages) after the steps that do not read them, so
# that those steps and Pagefind's index of this process's language fill the wait.
POST_BUILD: tuple[Step, ...] = (start_search_index, write_search_facets, write_pdfs, write_feeds,
                                write_statement_links, write_open_data, write_admin, write_headers, patch_theme,
                                merge_languages, finish_search_index, save_cache, publish)
PROBLEMS_SHOWN: tuple[Step, ...] = (show_problems,)
PART_STEPS: tuple[Step, ...] = (write_pdfs, report_part)  # the other languages' build: no site-wide step
