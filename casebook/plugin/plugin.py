"""Casebook as an MkDocs plugin: its events, in the order MkDocs runs them (mkdocs/commands/build.py),
each handing its work to the build made in on_config (casebook/plugin/build.py).

Loaded either as ``plugins: [casebook]`` (the entry point in pyproject.toml) or by
hooks/casebook_hooks.py, which hands MkDocs' events to one :class:`CasebookPlugin`; not both.

- on_startup / on_shutdown: `mkdocs serve` begins and ends a :class:`~casebook.plugin.serve.ServeSession`.
- on_config:        a fresh :class:`~casebook.plugin.build.Build` (casebook/plugin/start.py).
- on_files:         the planned pages and case images' files instead of content/'s (files.py); under
                    `mkdocs serve`, without the pages whose output cannot have changed (skipping.py).
- on_nav:           Casebook's pages render through CasebookPage (story HTML from the cache, pages.py).
- on_page_markdown: each page's template and title;  on_page_content: its HTML through the allow-list.
- on_env:           every value of Casebook's templates escaped; compiled templates cached.
- on_template_context: theme pages (404.html) and the sitemap's entries get ``cb``.
- on_post_template / on_post_page: each finished page gets its Content-Security-Policy.
- on_page_context:  the template gets the page's view data, strings, menu and sharing metadata.
- on_post_build:    the named steps of casebook/plugin/steps.py (the other languages' pages merged in, PDFs,
                    feeds, open data, theme patch, search index, cache, publish; the other languages'
                    build, casebook/plugin/parallel.py, only its PDFs and its report); on_build_error:
                    the half-built staging folder dropped, the other languages' build stopped.
- on_serve:         cases/ watched too, so `mkdocs serve` rebuilds when a case changes; what is watched, by
                    the system's notifications rather than polling (watching.py).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config.base import LegacyConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage

from casebook.core.fingerprints import fingerprint
from casebook.core.messages import default_language, msg, translate
from casebook.load.limits import RenderTimeout
from casebook.plugin import rebuild, watching
from casebook.plugin.build import Build
from casebook.plugin.files import RebuiltFiles, planned_files, render_planned, site_names
from casebook.plugin.mkdocs_lines import MkDocsLines
from casebook.plugin.options import given_settings, option_scheme
from casebook.plugin.pages import Stories, markdown_config
from casebook.plugin.pictures import ImageAddresses
from casebook.plugin.serve import ServeSession
from casebook.plugin.skipping import kept_as_served, skip_unchanged
from casebook.plugin.start import start_build
from casebook.plugin.steps import PART_STEPS, POST_BUILD, PROBLEMS_SHOWN
from casebook.site.settings import Settings

log = logging.getLogger("mkdocs.plugins.casebook")


class CasebookPlugin(BasePlugin[LegacyConfig]):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__
    """Casebook's events. ``hooks``: loaded by hooks/casebook_hooks.py, which MkDocs gives no plugin
    options, so the settings are read from ``extra.casebook`` instead."""

    # The plugin's options, one per setting (as a scheme: they are derived, not declared here).
    config_scheme = option_scheme(Settings)

    def __init__(self, *, hooks: bool = False) -> None:
        super().__init__()
        self.hooks = hooks
        self.dirty = False
        self.serve: ServeSession | None = None  # between on_startup and on_shutdown of `mkdocs serve`
        self.build: Build | None = None  # made fresh in each on_config
        self.lines: MkDocsLines | None = None  # MkDocs' own lines in the author's language, until on_shutdown

    @property
    def current(self) -> Build:
        assert self.build is not None, "on_config has not run"
        return self.build

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.dirty = dirty
        if command == "serve":
            # MkDocs starts once per `mkdocs serve`; a process that starts again without shutting
            # down (as the tests do, a build at a time) goes on with the same session.
            self.serve = self.serve or ServeSession(log)
        else:
            self.on_shutdown()  # not serving (any more)
        if self.lines is None and (lang := default_language()) != "en":
            self.lines = MkDocsLines(lang).attach()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.build = None
        if self.serve is not None:
            # From here until the pages are served (on_post_build, on_build_error): see DeferredCollection,
            # and the search index of the last rebuild waits (PreviewIndexer.hold).
            self.serve.collection.pause()
            if (preview := self.serve.find(Path(config.config_file_path).parent)) is not None:
                preview.indexer.hold()
        check_loaded_once(config)
        build = self.build = start_build(config, given_settings(config, None if self.hooks else self.config),
                                         self.serve, dirty=self.dirty)
        # The images a story names, pointed at the files published of them (pictures.py).
        config.markdown_extensions.append(ImageAddresses(lambda: build.rendering, build.image_addresses()))
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        build = self.current
        preview = self.serve.find(build.project.root) if self.serve is not None else None
        pages = planned_files(build, files, config, preview.files if preview is not None else None,
                              kept_as_served(build))
        build.summary.pages = len(build.pages)  # with those the other languages' build renders
        if self.serve is not None and build.preview is not None:
            skip_unchanged(build, build.preview, pages, files, config)
            files = RebuiltFiles.of(files, build.kept_files)  # what is kept, found for links but not listed
        build.progress.start(msg("Rendering Markdown"), len(pages) - len(build.unchanged))
        return files

    def on_nav(self, nav: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        build = self.current
        names = build.site_names or site_names(files)  # (a preview's rebuild has them from skip_unchanged)
        build.stories = Stories(build.cache, markdown_config(config), fingerprint(names))
        render_planned(build, files, config, build.stories)
        # What the other languages' build copies too: the merge leaves it out (casebook/plugin/parallel.py).
        build.static_outputs = {file.dest_uri for file in files if not file.is_documentation_page()}
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        return self.current.page_markdown(markdown, page)

    def on_page_content(self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        return self.current.page_content(html, page)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        return self.current.prepare_env(env)

    def on_template_context(self, context: Any, /, *, template_name: str, config: MkDocsConfig) -> Any:
        return self.current.theme_context(context, template_name)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        return self.current.template_written(output_content, template_name)

    def on_page_context(self, context: Any, /, *, page: MkDocsPage, config: MkDocsConfig, nav: Any) -> Any:
        return self.current.page_context(context, page)

    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        return self.current.page_written(output)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        build = self.current
        build.progress.finish()
        for step in PART_STEPS if build.part_of is not None else PROBLEMS_SHOWN if build.problems else POST_BUILD:
            step(build, config)
        if self.serve is not None:
            if (preview := self.serve.find(build.project.root)) is not None:
                rebuild.finished(preview, build)
                preview.indexer.release()
            self.serve.collection.resume()

    def on_build_error(self, *, error: Exception) -> None:
        if self.build is not None:
            if self.build.part is not None:
                self.build.part.stop()
            self.build.render_timer.stop()
            self.build.images.close()
            self.build.publisher.discard()
        if self.serve is not None:
            if self.build is not None and (preview := self.serve.find(self.build.project.root)) is not None:
                rebuild.failed(preview)
            for preview in self.serve.previews.values():
                preview.indexer.release()
            self.serve.collection.resume()
        if isinstance(error, RenderTimeout):
            # MkDocs reports a BuildError as one line, without a traceback.
            raise PluginError(str(error)) from None

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        cases = str(self.current.project.cases_dir)
        server.watch(cases)
        changes = watching.notified(server, config, [cases])  # a save seen at once, not at the next poll
        if self.serve is not None and (preview := self.serve.find(self.current.project.root)) is not None:
            preview.changes = changes  # what to stamp again (casebook/plugin/rebuild.py)
        return server

    def on_shutdown(self) -> None:
        if self.lines is not None:
            self.lines.detach()
            self.lines = None
        if self.serve is not None:
            self.serve.close()
            self.serve = None


def loaded(config: MkDocsConfig) -> dict[str, CasebookPlugin]:
    """Every Casebook plugin object in ``config``, by the name MkDocs lists it under: the plugin itself
    (``plugins: [casebook]``) or a hooks file that hands its events to one."""
    found: dict[str, CasebookPlugin] = {}
    for name, item in config.plugins.items():
        owner = getattr(getattr(item, "on_config", None), "__self__", None)
        if isinstance(owner, CasebookPlugin):
            found[name] = owner
    return found


def check_loaded_once(config: MkDocsConfig) -> None:
    """Stop when mkdocs.yml loads Casebook more than once (every page would be made twice)."""
    found = loaded(config)
    if len(found) < 2:
        return
    lang = default_language()
    ways = [f"'hooks: - {name}'" if plugin.hooks else f"'plugins: - {name}'" for name, plugin in found.items()]
    raise Abort(translate(msg("{file}: Casebook is loaded {n} times, by {ways}. Keep one of them: the hooks file "
                              "(settings under extra.casebook) or the plugin (settings as its options).",
                              file=Path(config.config_file_path).name, n=len(found),
                              ways=translate(msg(" and by "), lang).join(ways)), lang))
