"""MkDocs hooks: a thin adapter from MkDocs events to the ``casebook`` package.

- on_config:        load and validate all content (files unchanged since the last build come from
                    .cache/casebook/, casebook/cache.py); stop before anything is built if it has
                    errors; read extra.casebook in mkdocs.yml (the accessibility statement's address);
                    refresh the editors' JSON Schemas in schemas/.
- on_files:         replace the raw files of content/ with the planned pages and case images; under
                    `mkdocs serve`, leave out the pages whose output cannot have changed (casebook/preview.py).
- on_nav:           render Casebook's pages through _CasebookPage (story HTML from the cache).
- on_page_markdown: give each page its template and title.
- on_page_content:  sanitise the rendered HTML (allow-list).
- on_env:           escape every value in Casebook's templates.
- on_page_context:  hand the template the page's view data, strings, menu and sharing metadata
                    (canonical URL, previews, alternates, JSON-LD; casebook/share.py).
- on_template_context: the same for theme pages (404.html) and the sitemap's entries.
- on_post_page / on_post_template: give each finished page its Content-Security-Policy (casebook/csp.py).
- on_post_build:    write catalogue PDFs, the Atom feeds and the open data (/data/), remove Material's
                    alternate-sitemap lookup from the bundle (casebook/theme.py), index the built
                    site for search (Pagefind, meanwhile), then swap it in atomically (the preview
                    merges its changed pages in and indexes in the background); log the summary.
- progress:         long steps report how far they are (casebook/progress.py).
- on_build_error:   drop the half-built staging folder; the published site stays as it was.
- on_serve:         watch cases/ too, so `mkdocs serve` rebuilds when a case changes.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from casebook.authoring.schema import write_schemas
from casebook.core.cache import Cache, fingerprint, stable_repr, story_key
from casebook.core.issues import Severity, summary
from casebook.core.progress import BuildSummary, Progress
from casebook.load.limits import RenderTimeout, RenderTimer
from casebook.project import Project, load_project
from casebook.project.translations import translation_issues
from casebook.publish import csp, feeds, opendata, pdf, share, theme
from casebook.publish.atomic import Publisher, source_date_epoch, write_problems
from casebook.publish.preview import DeferredCollection, FileStamp, PreviewState, page_fingerprint, shared_fingerprint
from casebook.publish.search import IndexRun, PreviewIndexer
from casebook.site.plan import SitePlan
from casebook.site.settings import Given, SiteConfig, read_config, translations_required
from casebook.site.templates import autoescape_template
from casebook.site.urls import src_uri_for
from casebook.site.views import Page
from casebook.validate import sanitize

log = logging.getLogger("mkdocs.plugins.casebook")

DATA_SUFFIXES = (".yml", ".yaml")


@dataclass
class _Session:
    """Everything one build knows; made fresh in on_config because `mkdocs serve` keeps this module."""

    project: Project
    plan: SitePlan
    pages: dict[str, Page]  # by src_uri
    publisher: Publisher
    site: share.Site  # the public address (site_url), for canonical URLs, previews and the sitemap
    settings: SiteConfig  # extra.casebook in mkdocs.yml
    render_timer: RenderTimer = field(default_factory=RenderTimer)
    problems: list[str] = field(default_factory=list)  # a failed preview rebuild: what to show
    bodies: dict[str, str] = field(default_factory=dict)  # src_uri -> rendered Markdown, for the PDFs
    env: Environment | None = None
    # Speed (casebook/cache.py, progress.py, preview.py); under `mkdocs serve` the cache, the preview's
    # state and its search indexer go from one rebuild's session to the next.
    cache: Cache = field(default_factory=lambda: Cache(None))
    progress: Progress = field(default_factory=lambda: Progress(log))
    summary: BuildSummary = field(default_factory=BuildSummary)
    preview: PreviewState | None = None
    indexer: PreviewIndexer | None = None
    contexts: dict[str, dict[str, Any]] = field(default_factory=dict)  # src_uri -> cb, made once
    fingerprints: dict[str, str | None] = field(default_factory=dict)  # page's site path -> fingerprint
    unchanged: set[str] = field(default_factory=set)  # site paths of outputs the preview keeps as they are
    statics: dict[str, FileStamp | None] = field(default_factory=dict)  # site path -> static file copied
    markdown_config: str | None = None  # for the stories' cache keys
    site_files: str = ""  # fingerprint of the site's file list


@dataclass(frozen=True)
class _Startup:
    command: str
    dirty: bool


_startup = _Startup("build", dirty=False)  # set once per process by on_startup
_session: _Session | None = None
_last_good: _Session | None = None  # for `mkdocs serve`: what to keep showing while content has errors


@dataclass
class _Preview:
    """What one rebuild of `mkdocs serve` hands the next: the cache kept in memory, what the served
    folder holds (casebook/preview.py) and the search indexer working in the background."""

    cache: Cache
    state: PreviewState
    indexer: PreviewIndexer


_previews: dict[Path, _Preview] = {}  # by project root (tests preview several projects in one process)
_collector = DeferredCollection()


def on_startup(command: str, dirty: bool) -> None:
    global _startup
    _startup = _Startup(command, dirty)


def _current() -> _Session:
    assert _session is not None, "on_config has not run"
    return _session


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _session, _last_good
    build_summary = BuildSummary()
    root = Path(config.config_file_path).parent
    # Sitemap dates come from SOURCE_DATE_EPOCH; pin it to the commit unless the caller set it.
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(root))
    preview = _startup.command == "serve"
    kept = _previews.setdefault(root.resolve(), _Preview(Cache.for_project(root, keep=True),
                                                         PreviewState(Path(config.site_dir)), PreviewIndexer(log))) \
        if preview else None
    cache = kept.cache if kept is not None else Cache.for_project(root)
    cache.stats.clear()  # counted per build
    progress = Progress(log)
    project = load_project(root, content_dir=Path(config.docs_dir), cache=cache, progress=progress)
    cache.save(["content"])
    for issue in project.issues:
        (log.error if issue.is_error else log.warning)(issue.format())
    # Missing or outdated translations never stop a build; with require_translations they are
    # warnings, which `mkdocs build --strict` turns into a failure.
    given = Given(config.extra.get("casebook") or {}, Path(config.config_file_path))
    required = translations_required(given)
    for issue in translation_issues(project.translations, Severity.WARNING):
        if required:
            log.warning(issue.format())
        else:
            log.info("Translation: %s: %s", issue.path, issue.text())
    publisher = Publisher(Path(config.site_dir))
    build_summary.cases, build_summary.errors = len(project.cases), len(project.errors)
    build_summary.warnings = len(project.warnings)
    speed: dict[str, Any] = {"cache": cache, "progress": progress, "summary": build_summary}
    if kept is not None:
        speed |= {"preview": kept.state, "indexer": kept.indexer}
    if project.errors and preview and _last_good is not None:
        # `mkdocs serve` keeps serving the last good site and shows the problems on its pages;
        # this build only goes to a staging folder that is thrown away.
        log.error("%s The preview keeps showing the last good version.", summary(project.issues))
        _session = _Session(_last_good.project, _last_good.plan, _last_good.pages, publisher,
                            share.Site(config.site_url), _last_good.settings,
                            problems=[i.format() for i in project.issues if i.is_error], **speed)
    elif project.errors:
        raise Abort(f"{summary(project.issues)} Nothing was built; fix the problems above.")
    else:
        # The preview skips the PDFs: they take about a second per catalogue and language.
        plan = SitePlan(project, preview=preview, pdf=pdf.available() and not preview)
        settings, problems = read_config(given, {p.url for p in plan.pages})
        for issue in problems:
            (log.error if issue.is_error else log.warning)(issue.format())
        if any(issue.is_error for issue in problems):
            raise Abort(f"{summary(problems)} Nothing was built; fix the setting in mkdocs.yml.")
        # Editors' schemas follow the content: a new organisation is offered after the next build.
        for path in write_schemas(project):
            log.info("Schemas: updated %s.", project.relative(path))
        _session = _Session(project, plan, {p.src_uri: p for p in plan.pages}, publisher,
                            share.Site(config.site_url), settings, **speed)
        _last_good = _session
    # The preview renders only changed pages into an empty staging folder and merges them in.
    config.site_dir = str(publisher.prepare(keep_existing=_startup.dirty and not preview))
    if preview:
        config.theme.static_templates.discard("sitemap.xml")  # see on_post_build
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    session = _current()
    static: dict[str, str] = {}
    for file in list(files):
        # Data files and page sources are content, not site files: the plan publishes them.
        if file.src_uri.endswith(DATA_SUFFIXES) or file.is_documentation_page():
            files.remove(file)
        elif file.abs_src_path and Path(file.abs_src_path).is_relative_to(session.project.content_dir):
            static[file.dest_uri] = session.project.relative(Path(file.abs_src_path))
    if collisions := session.plan.collisions(static):
        for issue in collisions:
            log.error(issue.format())
        raise Abort(f"{summary(collisions)} Nothing was published; fix the problems above.")
    # Pages stay out of MkDocs' automatic nav: the menu comes from the plan, and a nav holding
    # every case would be rendered into every page (build time growing with the square of cases).
    pages = [File.generated(config, page.src_uri, abs_src_path=str(page.source_path),
                            inclusion=InclusionLevel.NOT_IN_NAV) if page.source_path is not None else
             File.generated(config, page.src_uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
             for page in session.pages.values()]
    for file in pages:
        files.append(file)
    for entry in session.project.cases.values():
        for image in entry.case.images:
            files.append(File.generated(config, f"cases/{entry.slug}/{image.file}",
                                        abs_src_path=str(entry.folder / image.file),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
    session.summary.pages = len(pages)
    if session.preview is not None:
        _collector.pause()  # until the pages are served (on_post_build, on_build_error)
    if session.preview is not None and session.problems:
        # The content has errors: the preview keeps its pages and shows the problems, nothing to render.
        for file in pages:
            file.inclusion = InclusionLevel.EXCLUDED
            session.unchanged.add(file.dest_uri)
    elif session.preview is not None:
        _skip_unchanged(session, pages, files, config)
    session.progress.start("Rendering Markdown", len(pages) - len(session.unchanged))
    return files


def _skip_unchanged(session: _Session, pages: list[File], files: Files, config: MkDocsConfig) -> None:
    """The preview renders again only the pages whose fingerprint changed (casebook/preview.py); the
    others stay in MkDocs' files, for links to resolve, but excluded from this build."""
    state = session.preview
    assert state is not None
    strings = session.plan.strings
    shared = fingerprint(shared_fingerprint(Path(config.config_file_path), config.site_url,
                                            [Path(folder) for folder in config.theme.dirs], (f.src_uri for f in files)),
                         stable_repr({lang: t.table for lang, t in strings.items()}))
    named = {id(t): f"strings:{lang}" for lang, t in strings.items()}
    trusted = state.valid_for(session.publisher.site_dir)
    for file in pages:
        planned = session.pages[file.src_uri]
        page = page_fingerprint(shared, _context(session, planned), planned.source_path, named)
        session.fingerprints[file.dest_uri] = page
        if trusted and state.unchanged(file.dest_uri, page):
            file.inclusion = InclusionLevel.EXCLUDED
            session.unchanged.add(file.dest_uri)
    # Static files (the theme's assets, images) are copied again only when they changed.
    for file in files:
        if file.is_documentation_page() or not file.abs_src_path or file.inclusion is InclusionLevel.EXCLUDED:
            continue
        stamp = FileStamp.of(file.abs_src_path)
        session.statics[file.dest_uri] = stamp
        if trusted and stamp is not None and state.statics.get(file.dest_uri) == stamp \
                and file.dest_uri in state.outputs:
            file.inclusion = InclusionLevel.EXCLUDED
            session.unchanged.add(file.dest_uri)


def _context(session: _Session, planned: Page) -> dict[str, Any]:
    """What the page's templates get as ``cb``; made once per page (the preview fingerprints it first)."""
    if planned.src_uri not in session.contexts:
        session.contexts[planned.src_uri] = _cb(session, planned)
    return session.contexts[planned.src_uri]


def _cb(session: _Session, planned: Page | None) -> dict[str, Any]:
    """The plan's template context plus the sharing metadata, feeds and footer links; ``planned`` is
    None for theme pages (404.html, sitemap.xml), which speak the default language."""
    lang = planned.lang if planned is not None else session.plan.default_lang
    return session.plan.template_context(planned) | {
        "share": share.share_view(session.plan, planned, session.site) if planned is not None else None,
        "feeds": share.feed_links(session.plan),
        "statement": session.settings.statement_url(lang)}


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    planned = _current().pages[page.file.src_uri]
    session = _current()
    source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
    session.render_timer.start(session.project.relative(source) if source else page.file.src_uri)
    page.meta["template"] = planned.template
    # Escaped here because Material's base.html prints these without escaping.
    page.meta["title"] = escape(planned.title)
    if planned.description:
        page.meta["description"] = escape(planned.description)
    return markdown


def on_page_context(context: dict[str, Any], page: MkDocsPage, config: MkDocsConfig,
                    nav: Any) -> dict[str, Any]:
    session = _current()
    context["cb"] = _context(session, session.pages[page.file.src_uri])
    return context


def on_template_context(context: dict[str, Any], template_name: str,
                        config: MkDocsConfig) -> dict[str, Any]:
    # Theme-level pages (404.html) have no planned page; they speak the default language.
    if "cb" not in context:
        session = _current()
        context["cb"] = _cb(session, None)
        if template_name == "sitemap.xml":
            context["cb"]["sitemap"] = share.sitemap_entries(session.plan, session.site)
    return context


def on_post_page(output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
    # Last step for each page: the finished HTML gets its Content-Security-Policy.
    session = _current()
    session.progress.advance()
    session.summary.rendered += 1
    return csp.add_policy(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return csp.add_policy(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config: MkDocsConfig) -> None:
    session = _current()
    session.progress.finish()
    if session.problems:
        session.publisher.discard()
        config.site_dir = str(session.publisher.site_dir)
        write_problems(session.publisher.site_dir, session.problems)
        log.info(session.summary.line())
        _collector.resume()
        return
    site_dir = Path(config.site_dir)
    # Pagefind indexes the written pages in its own process while the PDFs, feeds and open data are
    # written; the preview indexes in the background once its pages are served, and leaves out
    # the feeds, the open data and the sitemap (seconds per save at a thousand cases; `mkdocs build`
    # writes them).
    index = IndexRun(site_dir) if session.preview is None else None
    _write_pdfs(session, config)
    if session.preview is None:
        log.info("Feeds: wrote /%s.", ", /".join(feeds.write_feeds(session.plan, session.site, site_dir)))
        log.info("Open data: wrote /%s.",
                 ", /".join(opendata.write_open_data(session.plan, session.site, site_dir)))
    # (The preview copies Material's bundle only when it changed; the one it serves is patched.)
    if session.preview is None or any((site_dir / "assets/javascripts").glob("bundle.*.min.js")):
        theme.disable_alternate_lookup(site_dir)
    if index is not None:
        log.info("Search: indexed %d pages with Pagefind.", index.result().pages)
    session.cache.save(["story"], partial=bool(session.unchanged))
    session.summary.reused = session.cache.summary()
    if config.strict and _strict_warnings():
        # MkDocs aborts right after this event; the staging folder is never swapped in.
        session.publisher.discard()
        return
    if session.preview is not None and session.indexer is not None:
        write_problems(Path(config.site_dir), [])
        # Only the changed pages were rendered: they are merged into the served folder.
        if session.preview.valid_for(session.publisher.site_dir):
            outputs = session.publisher.publish_changes(set(session.unchanged), session.preview.outputs)
        else:  # the first build, or a folder something else wrote: every page was rendered
            outputs = session.publisher.staged_files()
            session.publisher.publish()
        session.preview.published(session.publisher.site_dir,
                                  {dest: fp for dest, fp in session.fingerprints.items() if fp is not None},
                                  outputs)
        session.preview.statics = {dest: stamp for dest, stamp in session.statics.items() if stamp is not None}
        session.indexer.request(session.publisher.site_dir)
    else:
        session.publisher.publish()
    config.site_dir = str(session.publisher.site_dir)
    log.info(session.summary.line())
    if session.preview is not None:
        _collector.resume()


def _write_pdfs(session: _Session, config: MkDocsConfig) -> None:
    """Each catalogue as a PDF per language, from its own print template (see casebook/pdf.py)."""
    outputs = session.plan.pdf_outputs()
    if not outputs or session.env is None:
        return
    site = Path(config.site_dir)
    template = session.env.get_template("casebook/catalogue-pdf.html")
    for path, (slug, lang) in outputs.items():
        page = session.pages[src_uri_for(session.plan.catalogue_url(slug, lang))]
        html = template.render(cb=session.plan.template_context(page), config=config,
                               css=(site / "assets/stylesheets/casebook-print.css").as_uri(),
                               intro_html=session.bodies.get(page.src_uri, ""))
        size = pdf.write_pdf(html, site / path, site / path)
        log.info("PDF: wrote /%s (%d KB).", path, size // 1024)


def on_build_error(error: Exception) -> None:
    if _session is not None:
        _session.render_timer.stop()
        _session.publisher.discard()
        if _session.preview is not None:
            _collector.resume()
    if isinstance(error, RenderTimeout):
        # MkDocs reports a BuildError as one line, without a traceback.
        raise PluginError(str(error)) from None


def _strict_warnings() -> bool:
    # MkDocs counts warnings for --strict with its CountHandler on the "mkdocs" logger and checks
    # the count only after on_post_build; read the same counter so a failing build is not published.
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    server.watch(str(_current().project.cases_dir))
    return server


def on_page_content(html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    session = _current()
    session.render_timer.stop()
    session.progress.advance()
    # Authors' raw HTML and link targets go through the allow-list; validation already warned
    # about each removal with its file and line.
    clean = sanitize.clean_html(html)
    if session.pages[page.file.src_uri].template == "casebook/catalogue.html":
        session.bodies[page.file.src_uri] = clean  # the catalogue's introduction, for its PDF
    return clean


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Casebook's own templates escape every value; Material's keep MkDocs' default (no escaping),
    # as they insert ready-made HTML.
    env.autoescape = autoescape_template
    # Each build makes a new environment: checking every template file's date again before each
    # of thousands of pages (Jinja's auto_reload) finds nothing new.
    env.auto_reload = False
    session = _current()
    if session.cache.folder is not None:
        # Compiled templates are kept too, by each template's source (Jinja checks it).
        templates = session.cache.folder / "templates"
        with suppress(OSError):  # a read-only checkout compiles them each time
            templates.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(templates))
    session.env = env
    session.progress.start("Writing pages", len(session.pages) - len(session.unchanged))
    return env


def on_nav(nav: Any, config: MkDocsConfig, files: Files) -> Any:
    # Casebook's pages render through _CasebookPage: cached story HTML, no Markdown for empty bodies.
    session = _current()
    session.markdown_config = markdown_config(config)
    session.site_files = fingerprint("\n".join(sorted(f.src_uri for f in files)))
    # MkDocs made a plain page for each (they are in no nav); nothing else refers to it yet.
    for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
        if file.src_uri in session.pages:
            _CasebookPage(None, file, config)
    return nav


def markdown_config(config: MkDocsConfig) -> str | None:
    """Everything in mkdocs.yml that changes a story's HTML, as stable text; None if it has no stable
    form (then stories are not cached)."""
    try:
        return stable_repr([config.markdown_extensions, dict(config.mdx_configs), config.use_directory_urls,
                            dict(config.validation.links)])
    except TypeError as error:
        log.debug("Cache: stories are not cached (%s)", error)
        return None


class _CasebookPage(MkDocsPage):
    """MkDocs' page, with its Markdown rendered once per content (casebook/cache.py): an unchanged
    story's HTML comes from the cache; a page without Markdown (lists, organisations) skips it."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if not self.markdown:  # what Markdown makes of nothing, without building a Markdown instance
            self.content, self.toc, self.present_anchor_ids, self.links_to_anchors = "", get_toc([]), set(), {}
            return
        session = _current()
        key = None if session.markdown_config is None else story_key(
            session.markdown_config, self.file.src_uri, self.file.url, self.markdown, session.site_files)
        cached = session.cache.get("story", key) if key is not None else None
        if cached is not None:
            content, toc, anchors, links = cached
            targets = {files.get_file_from_path(uri): anchors_of for uri, anchors_of in links.items()}
            if None not in targets:  # a linked page is gone: render again, MkDocs will say so
                self.content, self.toc, self.present_anchor_ids = content, get_toc(toc), set(anchors)
                # Anchors are checked after the build, as for a page rendered now (not with -v: MkDocs
                # keeps them only when it is not printing debug messages).
                if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
                    self.links_to_anchors = targets  # type: ignore[assignment]
                return
        recorder = _Recorder()
        with recorder.attached("mkdocs", "MARKDOWN"):
            super().render(config, files)
        # Only a render that said nothing is cached: a warning (a broken link) must come again.
        if key is not None and not recorder.count and self.content is not None:
            links = {target.src_uri: dict(anchors_of) for target, anchors_of in (self.links_to_anchors or {}).items()}
            session.cache.put("story", key, (self.content, _toc_tokens(self.toc),
                                             sorted(self.present_anchor_ids or ()), links))


def _toc_tokens(items: Any) -> list[dict[str, Any]]:
    return [{"name": a.title, "id": a.id, "level": a.level, "children": _toc_tokens(a.children)} for a in items]


class _Recorder(logging.Handler):
    """Counts the log records of a step."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    @contextmanager
    def attached(self, *names: str) -> Iterator[None]:
        loggers = [logging.getLogger(name) for name in names]
        for logger in loggers:
            logger.addHandler(self)
        try:
            yield
        finally:
            for logger in loggers:
                logger.removeHandler(self)
