"""The live preview (`mkdocs serve`) rebuilds only the pages whose HTML can have changed.

MkDocs renders every page again after each save: at a thousand cases that is several thousand pages
for one edited sentence. A page's HTML, however, is made from nothing but

- the data its templates get (``cb``: the planned page with its view data, strings, menu, links),
- its Markdown source, as MkDocs reads it,
- what every page shares: the templates in the theme folders, ``mkdocs.yml`` and the address served,
  the list of the site's files (links are resolved against it), and the code, which a running
  preview does not reload.

:func:`page_fingerprint` digests those; a page is rendered again only when its fingerprint differs
from the one it had when it was last published into the served folder, and the new pages are merged
into that folder (:meth:`casebook.publish.atomic.Publisher.publish_changes`), pages that no longer exist
removed. A value that cannot be digested makes the page always render: when in doubt, render.

The state lives in the preview's process only; it is trusted only while the served folder holds the
token written at the last publish, so a folder rebuilt or replaced by anything else is rebuilt in full.
"""

from __future__ import annotations

import gc
import io
import os
import pickle
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casebook.core.fingerprints import fingerprint

TOKEN_FILE = ".casebook-preview"  # in the served folder


@dataclass(frozen=True)
class FacetOutputs:
    """The search pages' facet files (casebook/publish/facetfile.py) made of one plan: their site paths."""

    plan: object  # the SitePlan, compared by identity
    outputs: frozenset[str]


@dataclass
class PreviewState:
    """What the served folder holds: each page's fingerprint by its path in the site."""

    site_dir: Path
    token: str = ""
    pages: dict[str, str] = field(default_factory=dict)
    outputs: set[str] = field(default_factory=set)  # every file the preview published, site-relative
    statics: dict[str, FileStamp] = field(default_factory=dict)  # site path -> the file copied there
    shared: str = ""  # what every served page shares (shared_fingerprint and more, casebook/plugin/skipping.py)
    building: str = ""  # the same of the rebuild under way
    # The rebuild under way: the pages (src_uri) whose data or source can differ from the served ones,
    # when only they can (the rest of the plan is the served build's, casebook/plugin/rebuild.py); None: any.
    touched: set[str] | None = None
    plan_fingerprint: tuple[object, str] | None = None  # a plan, and what its pages share (casebook/plugin/skipping.py)
    facets: FacetOutputs | None = None  # the search pages' facet files the served folder holds
    facets_building: FacetOutputs | None = None  # the same of the rebuild under way

    def valid_for(self, site_dir: Path) -> bool:
        """True while ``site_dir`` is the folder this state describes, as this state left it."""
        if not self.token or site_dir.resolve() != self.site_dir.resolve():
            return False
        try:
            return (site_dir / TOKEN_FILE).read_text(encoding="utf-8") == self.token
        except OSError:
            return False

    def unchanged(self, dest: str, new: str | None) -> bool:
        return new is not None and self.pages.get(dest) == new

    def published(self, site_dir: Path, pages: dict[str, str], outputs: set[str]) -> None:
        """Record what was just published into ``site_dir``: the pages' fingerprints (a page without
        one is rendered every time) and every file the build has there."""
        self.site_dir = site_dir
        self.pages = dict(pages)
        self.outputs = set(outputs)
        self.token = secrets.token_hex(16)
        (site_dir / TOKEN_FILE).write_text(self.token, encoding="utf-8")


def shared_fingerprint(config_file: Path, site_url: str | None, template_dirs: Iterable[Path],
                       site_files: str) -> str:
    """What every page depends on besides its own data and source (see the module's docstring);
    ``site_files``: the site's files' names, sorted, a line each."""
    parts: list[str | bytes | None] = [config_file.read_bytes(), site_url]
    for folder in template_dirs:
        parts.append(str(folder))
        if "site-packages" in folder.parts:
            continue  # an installed theme does not change while the preview runs
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    parts.append(site_files)
    return fingerprint(*parts)


def page_fingerprint(shared: str, context: dict[str, Any], source: Path | None,
                     named: dict[int, str] | None = None) -> str | None:
    """The fingerprint of one page's HTML, or None when it cannot be made (then the page is rendered).
    ``named``: id() of the context's values whose content ``shared`` covers already (the UI strings
    all pages share) -> a name to pickle instead of their content."""
    named = named or {}
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    # No memo: twice as fast for this data, which is a tree (a cycle would end in RecursionError).
    pickler.fast = True
    try:
        pickler.dump({key: named.get(id(value), value) for key, value in context.items()})
        text = source.read_bytes() if source is not None else None
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError, ValueError):
        return None
    return fingerprint(shared, buffer.getvalue(), text)


@dataclass(frozen=True)
class FileStamp:
    """A static file as the preview last copied it: its source, modification time and size."""

    source: str
    mtime_ns: int
    size: int

    @classmethod
    def of(cls, source: str) -> FileStamp | None:
        try:
            stat = os.stat(source)
        except OSError:
            return None
        return cls(source, stat.st_mtime_ns, stat.st_size)


class DeferredCollection:
    """Python's cycle collector kept out of a preview rebuild: it walks every object of the
    project each time (a quarter of a rebuild at a thousand cases), so it is paused while the
    changed pages are made and run just after they are served. That run looks at the two younger
    generations only: everything the rebuild made is still in the youngest (nothing was collected
    while it ran), and what the last rebuilds made and left is in the next; the oldest holds the
    project and plan kept from build to build, which a full collection would walk for nothing (seconds
    at three thousand cases, overlapping the next save). Python still collects it now and then, as usual."""

    def __init__(self, delay: float = 0.5) -> None:
        self.delay = delay

    def pause(self) -> None:
        gc.disable()

    def resume(self) -> None:
        gc.enable()
        timer = threading.Timer(self.delay, gc.collect, args=(1,))
        timer.daemon = True
        timer.start()
