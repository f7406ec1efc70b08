"""`mkdocs serve` as a session with a beginning and an end: made in on_startup, closed in on_shutdown.
It holds what the preview keeps from one rebuild to the next; `mkdocs build` has none."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from casebook.core.cache import Cache
from casebook.core.messages import default_language
from casebook.plugin.build import Build
from casebook.plugin.files import MadeFiles
from casebook.plugin.watching import ChangeLog
from casebook.project.changes import Stamps
from casebook.publish.images import KnownFiles
from casebook.publish.preview import DeferredCollection, PreviewState
from casebook.publish.search import PreviewIndexer


@dataclass
class Preview:
    """What one project's preview hands the next rebuild: the cache kept in memory, what the served
    folder holds (casebook/publish/preview.py), the search indexer working in the background, and
    the last good build, shown while the content has errors; and the build whose pages the served folder
    holds with the stamps of the content it read, which the next rebuild starts from when only stories
    changed (casebook/plugin/rebuild.py)."""

    cache: Cache
    state: PreviewState
    indexer: PreviewIndexer
    last_good: Build | None = None
    served: Build | None = None  # set once its pages are published, cleared by a failed rebuild
    stamps: Stamps | None = None  # the content as ``served`` read it
    scanned: Stamps | None = None  # the content as the rebuild under way reads it
    token: str = ""  # the served folder's token as the rebuild under way began (PreviewState.token)
    files: MadeFiles = field(default_factory=MadeFiles)  # MkDocs' files of the pages and images, made once
    page_index: tuple[object, dict[Path, list[str]], dict[str, list[str]]] | None = None  # rebuild.py's
    changes: ChangeLog | None = None  # the files the system told of since the last rebuild began
    image_files: KnownFiles = field(default_factory=dict)  # the images' files found (casebook/publish/images.py)


class ServeSession:
    """One `mkdocs serve`: a preview per project root (tests preview several projects in one process)
    and the garbage collection deferred while a rebuild runs."""

    def __init__(self, log: logging.Logger) -> None:
        self.log = log
        self.previews: dict[Path, Preview] = {}
        self.collection = DeferredCollection()

    def preview(self, root: Path, site_dir: Path) -> Preview:
        """The preview of the project at ``root``, begun at its first build."""
        key = root.resolve()
        if key not in self.previews:
            self.previews[key] = Preview(Cache.for_project(root, keep=True), PreviewState(site_dir),
                                         PreviewIndexer(self.log, lang=default_language()))
        return self.previews[key]

    def find(self, root: Path) -> Preview | None:
        """The preview of the project at ``root``, if it has begun."""
        return self.previews.get(root.resolve())

    def close(self) -> None:
        """The end of `mkdocs serve`: the search indexes still being made are finished (MkDocs removes
        the served folder next), the garbage collection runs again, and nothing is kept."""
        for preview in self.previews.values():
            preview.indexer.release()
            preview.indexer.wait()
            preview.cache.flush()
        self.previews.clear()
        self.collection.resume()
