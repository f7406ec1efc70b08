"""One build: everything it knows, made fresh in on_config (casebook/plugin/start.py), and what it
does for each page. The plugin object outlives builds under `mkdocs serve`; this does not."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from markupsafe import escape
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page as MkDocsPage

from casebook.core.cache import Cache
from casebook.core.issues import Issue
from casebook.core.languages import LANGUAGES
from casebook.core.messages import msg
from casebook.core.progress import BuildSummary, Progress
from casebook.load.limits import RenderTimer
from casebook.plugin.pages import Stories
from casebook.plugin.parallel import PartBuild
from casebook.plugin.pictures import show_pictures
from casebook.project import Project
from casebook.publish import csp, share
from casebook.publish.atomic import Publisher
from casebook.publish.images import ImageStore
from casebook.publish.preview import FileStamp, PreviewState
from casebook.publish.search import IndexRun, PreviewIndexer
from casebook.site.images import CaseImage
from casebook.site.links import resolve_root_links
from casebook.site.plan import SitePlan
from casebook.site.settings import SiteConfig
from casebook.site.statement import statement_view
from casebook.site.templates import autoescape_template
from casebook.site.urls import ABOUT, Site, page_url
from casebook.site.views import Page
from casebook.validate import sanitize

STORY_IMAGE = "partials/casebook-story-image.html"


@dataclass
class Build:
    """Everything one build knows, from on_config to on_post_build."""

    project: Project
    plan: SitePlan
    pages: dict[str, Page]  # by src_uri
    publisher: Publisher
    site: Site  # the public address (site_url), for canonical URLs, previews and the sitemap
    settings: SiteConfig  # Casebook's settings in mkdocs.yml (casebook/site/settings.py)
    cache: Cache
    progress: Progress
    summary: BuildSummary
    images: ImageStore  # the files made of case images (casebook/publish/images.py)
    lang: str  # the language of what the build prints: the locale's (casebook/core/messages.py)
    # Under `mkdocs serve` (casebook/plugin/serve.py): what the served folder holds, and its search indexer.
    preview: PreviewState | None = None
    indexer: PreviewIndexer | None = None
    problems: list[Issue] = field(default_factory=list)  # a failed preview rebuild: what to show
    render_timer: RenderTimer = field(default_factory=RenderTimer)
    bodies: dict[str, str] = field(default_factory=dict)  # src_uri -> rendered Markdown, for the PDFs
    env: Environment | None = None
    stories: Stories | None = None  # the stories' cache keys (on_nav)
    contexts: dict[str, dict[str, Any]] = field(default_factory=dict)  # src_uri -> cb, made once
    fingerprints: dict[str, str | None] = field(default_factory=dict)  # page's site path -> fingerprint
    unchanged: set[str] = field(default_factory=set)  # site paths of outputs the preview keeps as they are
    site_names: str = ""  # every file's name, sorted, a line each (files.site_names), once known
    kept_files: list[File] = field(default_factory=list)  # the preview's files kept as served, not listed (files.py)
    statics: dict[str, FileStamp | None] = field(default_factory=dict)  # site path -> static file copied
    index: IndexRun | None = None  # Pagefind at work during the post-build (casebook/plugin/steps.py)
    rendering: tuple[str, str] | None = None  # the Markdown file being rendered, and its page's src_uri
    # One language per process (casebook/plugin/parallel.py): the languages whose pages this process
    # renders; in the parent, the child building the others; in the child, the folder it writes into.
    languages: tuple[str, ...] = LANGUAGES
    part: PartBuild | None = None
    part_of: Path | None = None
    static_outputs: set[str] = field(default_factory=set)  # site paths of the static files MkDocs copies (on_nav)

    def renders(self, planned: Page) -> bool:
        """Whether this process renders ``planned`` (else the other languages' build does)."""
        return planned.lang in self.languages

    @property
    def own_pages(self) -> int:
        """How many pages this process renders."""
        if set(self.languages) == set(LANGUAGES):
            return len(self.pages)
        return sum(1 for page in self.pages.values() if self.renders(page))

    def image_addresses(self) -> dict[str, str]:
        """Each published image's file on disk -> its address in the site (casebook/plugin/pictures.py)."""
        return {str(image.source): image.path for image in self.plan.images}

    def context(self, planned: Page) -> dict[str, Any]:
        """What the page's templates get as ``cb``; made once per page (the preview fingerprints it first)."""
        if planned.src_uri not in self.contexts:
            self.contexts[planned.src_uri] = self._cb(planned)
        return self.contexts[planned.src_uri]

    def _cb(self, planned: Page | None) -> dict[str, Any]:
        """The plan's template context plus the sharing metadata, feeds, footer links and the publisher
        (with the statement's parts on its page, the publisher's block on the about page); ``planned`` is
        None for theme pages (404.html, sitemap.xml), which speak the default language."""
        lang = planned.lang if planned is not None else self.plan.default_lang
        publisher = self.settings.publisher
        return self.plan.template_context(planned) | {
            "share": share.share_view(self.plan, planned, self.site, publisher) if planned is not None else None,
            "feeds": share.feed_links(self.plan),
            "statement": self.settings.statement_url(lang),
            "publisher": publisher,
            "site": self.site,
            "statement_page": statement_view(self.project, self.settings, planned) if planned is not None else None,
            "about_page": planned is not None and planned.url == page_url(ABOUT, lang)}

    # --- each page: Markdown, HTML, template context, output ------------------------------------

    def page_markdown(self, markdown: str, page: MkDocsPage) -> str:
        """Give the page its template and title; the render timer starts."""
        planned = self.pages[page.file.src_uri]
        source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
        self.render_timer.start(self.project.relative(source) if source else page.file.src_uri)
        self.rendering = (page.file.abs_src_path, page.file.src_uri) if page.file.abs_src_path else None
        page.meta["template"] = planned.template
        # Escaped here because Material's base.html prints these without escaping.
        page.meta["title"] = escape(planned.title)
        if planned.description:
            page.meta["description"] = escape(planned.description)
        return markdown

    def page_content(self, html: str, page: MkDocsPage) -> str:
        """The rendered HTML through the allow-list, its links from the site's root made relative to the
        page (casebook/site/links.py); a catalogue's introduction is kept for its PDF."""
        self.render_timer.stop()
        self.rendering = None
        self.progress.advance()
        planned = self.pages[page.file.src_uri]
        # Authors' raw HTML and link targets go through the allow-list; validation already warned
        # about each removal with its file and line.
        clean = resolve_root_links(sanitize.clean_html(html), planned.url)
        if planned.template == "casebook/catalogue.html":
            self.bodies[page.file.src_uri] = clean  # the catalogue's introduction, for its PDF
        return clean

    def prepare_env(self, env: Environment) -> Environment:
        """Casebook's templates escape every value; compiled templates are cached."""
        # Material's templates keep MkDocs' default (no escaping), as they insert ready-made HTML.
        env.autoescape = autoescape_template
        # Each build makes a new environment: checking every template file's date again before each
        # of thousands of pages (Jinja's auto_reload) finds nothing new.
        env.auto_reload = False
        if self.cache.folder is not None:
            # Compiled templates are kept too, by each template's source (Jinja checks it).
            templates = self.cache.folder / "templates"
            with suppress(OSError):  # a read-only checkout compiles them each time
                templates.mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = FileSystemBytecodeCache(str(templates))
        self.env = env
        self.progress.start(msg("Writing pages"), self.own_pages - len(self.unchanged))
        return env

    def theme_context(self, context: dict[str, Any], template_name: str) -> dict[str, Any]:
        """Theme-level pages (404.html, the sitemap) have no planned page; they speak the default language."""
        if "cb" not in context:
            context["cb"] = self._cb(None)
            if template_name == "sitemap.xml":
                context["cb"]["sitemap"] = share.sitemap_entries(self.plan, self.site)
        return context

    def page_context(self, context: dict[str, Any], page: MkDocsPage) -> dict[str, Any]:
        """The page's view data as ``cb``; the images its Markdown names shown as pictures (the
        templates are at hand from here on)."""
        context["cb"] = self.context(self.pages[page.file.src_uri])
        if page.content:
            page.content = show_pictures(page.content, page.url, self.plan.images_by_address,
                                         lambda image, alt: self._picture(image, alt, context))
        return context

    def _picture(self, image: CaseImage, alt: str, context: dict[str, Any]) -> str:
        assert self.env is not None, "on_env has not run"
        return self.env.get_template(STORY_IMAGE).render(image=image.view(alt, None), page=context["page"],
                                                         base_url=context["base_url"])

    def template_written(self, output: str, template_name: str) -> str:
        """A theme page (404.html) gets its Content-Security-Policy too; the sitemap is no HTML."""
        return csp.add_policy(output) if template_name.endswith(".html") else output

    def page_written(self, output: str) -> str:
        """Last step for each page: the finished HTML gets its Content-Security-Policy."""
        self.progress.advance()
        self.summary.rendered += 1
        return csp.add_policy(output)
