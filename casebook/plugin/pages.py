"""Casebook's pages as MkDocs renders them: each story's Markdown rendered once per content
(casebook/core/cache.py), and a page without Markdown (lists, organisations) not rendered at all."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from casebook.core.cache import Cache, story_key
from casebook.core.fingerprints import stable_repr
from casebook.plugin.pictures import ImageAddresses

log = logging.getLogger("mkdocs.plugins.casebook")


def markdown_config(config: MkDocsConfig) -> str | None:
    """Everything in mkdocs.yml that changes a story's HTML, as stable text; None if it has no stable
    form (then stories are not cached)."""
    try:
        # Casebook's own extension (casebook/plugin/pictures.py) is left out: it is the same in every build.
        extensions = [e for e in config.markdown_extensions if not isinstance(e, ImageAddresses)]
        return stable_repr([extensions, dict(config.mdx_configs), config.use_directory_urls,
                            dict(config.validation.links)])
    except TypeError as error:
        log.debug("Cache: stories are not cached (%s)", error)
        return None


@dataclass(frozen=True)
class Stories:
    """What a story's cache key is made of besides the story itself (made in on_nav)."""

    cache: Cache
    markdown_config: str | None  # markdown_config(config); None: stories are not cached
    site_files: str  # fingerprint of the site's file list, which links are resolved against

    def key(self, file: File, markdown: str) -> str | None:
        if self.markdown_config is None:
            return None
        return story_key(self.markdown_config, file.src_uri, file.url, markdown, self.site_files)


class CasebookPage(MkDocsPage):
    """MkDocs' page, with its Markdown rendered once per content: an unchanged story's HTML comes from
    the cache; a page without Markdown (lists, organisations) skips it."""

    def __init__(self, file: File, config: MkDocsConfig, stories: Stories) -> None:
        super().__init__(None, file, config)
        self.stories = stories

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if not self.markdown:  # what Markdown makes of nothing, without building a Markdown instance
            self.content, self.toc, self.present_anchor_ids, self.links_to_anchors = "", get_toc([]), set(), {}
            return
        key = self.stories.key(self.file, self.markdown)
        cached = self.stories.cache.get("story", key) if key is not None else None
        if cached is not None and self._reuse(cached, files):
            return
        recorder = Recorder()
        with recorder.attached("mkdocs", "MARKDOWN"):
            super().render(config, files)
        # Only a render that said nothing is cached: a warning (a broken link) must come again.
        if key is not None and not recorder.count and self.content is not None:
            links = {target.src_uri: dict(anchors_of) for target, anchors_of in (self.links_to_anchors or {}).items()}
            self.stories.cache.put("story", key, (self.content, toc_tokens(self.toc),
                                                  sorted(self.present_anchor_ids or ()), links))

    def _reuse(self, cached: Any, files: Files) -> bool:
        """Take the cached render, unless a page it links to is gone (then render again: MkDocs will say so)."""
        content, toc, anchors, links = cached
        targets = {files.get_file_from_path(uri): anchors_of for uri, anchors_of in links.items()}
        if None in targets:
            return False
        self.content, self.toc, self.present_anchor_ids = content, get_toc(toc), set(anchors)
        # Anchors are checked after the build, as for a page rendered now (not with -v: MkDocs
        # keeps them only when it is not printing debug messages).
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = targets  # type: ignore[assignment]
        return True


def toc_tokens(items: Any) -> list[dict[str, Any]]:
    """A table of contents as the tokens :func:`mkdocs.structure.toc.get_toc` reads back."""
    return [{"name": a.title, "id": a.id, "level": a.level, "children": toc_tokens(a.children)} for a in items]


class Recorder(logging.Handler):
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
