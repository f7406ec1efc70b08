"""Caching that cannot serve stale results: everything is stored under the fingerprint of all it was
made from, so a changed input is simply a different key, never an outdated entry.

Three kinds of result are kept between builds, in ``.cache/casebook/`` under the project root
(git-ignored; deleting it is always safe):

- ``content``: a case folder or a YAML file read and checked against the content model (the parsed
  document, the validated model, the stories and the problems found). Key: the file's bytes (a
  case: its ``case.yml``, ``index.da.md`` and ``index.en.md`` and the names of the files beside them), its path,
  and :func:`code_fingerprint` of the packages that read and check it. Cross-file checks (unknown
  organisations, related cases) are never cached: they run on every build.
- ``story``: a story's Markdown rendered to HTML (before sanitising, which runs on every build).
  Key: the Markdown text, the page's URL, the Markdown configuration and the packages that render
  it; for a story with links or HTML also the list of the site's files (links are resolved
  against it).
- ``image``: what checking a case image found (its format and size, or its problem). Key: the
  file's bytes and name, the code and Pillow's version. The files made from an image are kept
  beside the packs, in ``images/`` (:mod:`casebook.publish.images`).

A template change re-renders pages, not stories; a new organisation re-checks nothing but
``organisations.yml``. Each kind is one file (``<kind>.pickle``) holding the entries the last run
used, written atomically (a temporary file renamed over the old one), so the cache never grows
beyond one build's worth. An entry that cannot be read back (a corrupt or truncated file, a class
that changed shape) is counted as corrupt and treated as a miss. :attr:`Cache.stats` counts hits,
misses and writes per kind, so tests and the build summary can see what was reused.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from casebook.core.fingerprints import FORMAT, code_fingerprint, fingerprint
from casebook.core.messages import msg, translate

log = logging.getLogger("mkdocs.plugins.casebook")

CACHE_DIR = ".cache/casebook"  # under the project root

# Set to "off" (or "0") to build without reading or writing the cache.
ENV_SWITCH = "CASEBOOK_CACHE"

class Cache:
    """Results by kind and key, read from and written to ``folder`` (None: kept in memory only).

    One object serves one build (or, under ``mkdocs serve``, every rebuild of the preview: entries
    read once stay in memory). :meth:`save` writes, per kind, the entries this build used or made.
    """

    def __init__(self, folder: Path | None, *, keep: bool = False) -> None:
        self.folder = folder
        self.keep = keep  # keep entries in memory after saving them (the preview's rebuilds reuse them)
        self.stats: dict[str, Counter[str]] = {}
        self._stored: dict[str, dict[str, bytes]] = {}  # kind -> key -> pickled entry, as read from disk
        self._used: dict[str, dict[str, bytes]] = {}  # kind -> key -> pickled entry, used by this build
        self._memory: dict[tuple[str, str], tuple[Any, bytes]] = {}  # (kind, key) -> (entry, pickled)
        self._unwritten: set[str] = set()  # kinds saved in memory only (save(later=True))

    @classmethod
    def for_project(cls, root: Path, *, keep: bool = False) -> Cache:
        """The project's cache in ``<root>/.cache/casebook``, or a memory-only one when switched off."""
        if os.environ.get(ENV_SWITCH, "").lower() in ("off", "0", "no", "false"):
            return cls(None, keep=keep)
        return cls(root / CACHE_DIR, keep=keep)

    def count(self, kind: str, what: str) -> None:
        self.stats.setdefault(kind, Counter())[what] += 1

    def _pack(self, kind: str) -> dict[str, bytes]:
        if kind not in self._stored:
            self._stored[kind] = self._read_pack(kind)
        return self._stored[kind]

    def _read_pack(self, kind: str) -> dict[str, bytes]:
        if self.folder is None:
            return {}
        path = self.folder / f"{kind}.pickle"
        try:
            with path.open("rb") as handle:
                pack = pickle.load(handle)
        except FileNotFoundError:
            return {}
        except Exception as error:  # a damaged file is a cache miss, never a failed build
            log.debug("Cache: ignoring unreadable %s (%s)", path, error)
            self.count(kind, "corrupt")
            return {}
        if not isinstance(pack, dict) or pack.get("format") != FORMAT or not isinstance(pack.get("entries"), dict):
            self.count(kind, "corrupt")
            return {}
        entries: dict[str, bytes] = pack["entries"]
        return entries

    def get(self, kind: str, key: str) -> Any | None:
        """The entry stored under ``key``, or None (counted as a miss)."""
        if (kind, key) in self._memory:
            value, raw = self._memory[kind, key]
            self.count(kind, "hits")
            self._used.setdefault(kind, {})[key] = raw
            return value
        stored = self._pack(kind).get(key)
        if stored is not None:
            try:
                value = pickle.loads(stored)  # noqa: S301 - our own files, in the project's own folder
            except Exception as error:  # one damaged entry is a miss; the others are still used
                log.debug("Cache: ignoring a damaged %s entry (%s)", kind, error)
                self.count(kind, "corrupt")
            else:
                self.count(kind, "hits")
                self._memory[kind, key] = (value, stored)
                self._used.setdefault(kind, {})[key] = stored
                return value
        self.count(kind, "misses")
        return None

    def put(self, kind: str, key: str, value: Any) -> None:
        """Keep ``value`` under ``key`` (written by :meth:`save`)."""
        try:
            raw = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # something that cannot be stored is simply not cached
            log.debug("Cache: not storing a %s entry (%s)", kind, error)
            return
        self.count(kind, "writes")
        self._memory[kind, key] = (value, raw)
        self._used.setdefault(kind, {})[key] = raw

    def used(self, kind: str) -> dict[str, bytes]:
        """The entries of ``kind`` this build used or made (as :meth:`save` would write them)."""
        return dict(self._used.get(kind, {}))

    def adopt(self, kind: str, entries: dict[str, bytes], stats: Counter[str]) -> None:
        """Another process's :meth:`used` entries and its counts, taken as this build's (the other
        languages' build, casebook/plugin/parallel.py): saved with them, counted in the summary."""
        self._used.setdefault(kind, {}).update(entries)
        self.stats.setdefault(kind, Counter()).update(stats)

    def save(self, kinds: Iterable[str] | None = None, *, partial: bool = False, later: bool = False) -> None:
        """Write each kind's entries used by this build, atomically; keep them in memory for the next.

        A full build keeps only what it used: the cache never holds more than one build. A ``partial``
        build (the preview renders only changed pages) adds what it made to what was there. ``later``: a
        cache kept in memory (``keep``) writes them at the next save that is not later, or :meth:`flush`
        (a preview rebuild of a few stories need not write thousands of entries to show them)."""
        for kind in list(kinds if kinds is not None else self._used):
            used = self._used.pop(kind, {})
            if partial:
                used = self._pack(kind) | used
            if not used:
                continue
            if self.folder is not None and (kind in self._unwritten or used != self._stored.get(kind)):
                if later and self.keep:
                    self._unwritten.add(kind)
                else:
                    self._write_pack(kind, used)
                    self._unwritten.discard(kind)
            self._stored[kind] = used
            if not self.keep:  # a one-off build is done with them: their memory goes back
                del self._stored[kind]
                for entry in [k for k in self._memory if k[0] == kind]:
                    del self._memory[entry]
            elif not partial:
                for memory_kind, key in [k for k in self._memory if k[0] == kind and k[1] not in used]:
                    del self._memory[memory_kind, key]

    def flush(self) -> None:
        """Write what a :meth:`save` left for later."""
        for kind in sorted(self._unwritten):
            if kind in self._stored:
                self._write_pack(kind, self._stored[kind])
        self._unwritten.clear()

    def _write_pack(self, kind: str, entries: dict[str, bytes]) -> None:
        assert self.folder is not None
        target = self.folder / f"{kind}.pickle"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{kind}.", suffix=".tmp")
        except OSError as error:  # a read-only checkout builds fine, only slower next time
            log.warning("Cache: could not write %s: %s", target, error)
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump({"format": FORMAT, "entries": entries}, handle, pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)  # readers see the old file or the new one, never half of one
        except OSError as error:
            log.warning("Cache: could not write %s: %s", target, error)
            Path(temporary).unlink(missing_ok=True)

    def summary(self, lang: str = "en") -> str:
        """"content 998/1000 reused, story 1996/2000 reused", in ``lang``."""
        parts = []
        for kind, counts in sorted(self.stats.items()):
            total = counts["hits"] + counts["misses"]
            if total:
                parts.append(translate(msg("{kind} {hits}/{total} reused", kind=kind, hits=counts["hits"],
                                           total=total), lang))
        return ", ".join(parts)


def has_links(markdown: str) -> bool:
    """Whether a story's HTML can depend on the site's other files: a link, image or raw HTML."""
    return "](" in markdown or "]:" in markdown or "<" in markdown


def story_key(markdown_config: str, src_uri: str, url: str, markdown: str, site_files: str) -> str:
    """The key of one story's rendered HTML (see the module's docstring)."""
    return fingerprint(code_fingerprint("story"), markdown_config, src_uri, url, markdown,
                       site_files if has_links(markdown) else None)
