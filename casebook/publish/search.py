"""Full-text search: a Pagefind index per language, written beside the built site.

Pagefind splits its index by each page's ``<html lang>`` (Danish gets Danish stemming, so
"mentorer" finds "mentor"), and a browser downloads only the fragments a query needs.
Only elements marked ``data-pagefind-body`` are indexed: the story pages, not menus or lists.

Casebook's result list shows each result's card (title, type, partners, summary, figure) from a small
file of its own written beside Pagefind's fragment of the page (:func:`_write_cards`), not from the
fragment, which also holds all of the page's text.

Each language is indexed by a Pagefind run of its own, one after the other, into one folder: Pagefind
holds every page it indexes in memory until it writes, so one run for both languages needed twice the
memory (its index files are named by language, and ``pagefind-entry.json`` lists both).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casebook.core.languages import DEFAULT_LANGUAGE, LANGUAGES
from casebook.core.messages import msg, nmsg, translate
from casebook.site.urls import SEARCH_INDEX, SEARCH_INDEX_NEXT, SEARCH_INDEX_OLD


@dataclass(frozen=True)
class IndexResult:
    pages: int


def language_globs(site_dir: Path) -> dict[str, str]:
    """Which HTML files of the built site each language's Pagefind run reads: the other languages'
    under their folder (``en/``), the default language's everywhere else (the search index left out)."""
    others = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    folders = sorted(p.name for p in site_dir.iterdir() if p.is_dir() and p.name not in others
                     and p.name.split(".")[0] != SEARCH_INDEX)  # pagefind, pagefind.next, ...
    default = ",".join(["*.html", *(f"{name}/**/*.html" for name in folders)])
    return {DEFAULT_LANGUAGE: "{" + default + "}", **{lang: f"{lang}/**/*.html" for lang in others}}


Started = Callable[[subprocess.Popen[str]], None]


def _run_pagefind(site_dir: Path, output: Path, glob: str, started: Started | None = None) -> None:
    # Pagefind's own command, run to its end: it exits once every file is written. (Its Python
    # service answers "written" a moment before the files are complete, then is stopped at once: on a
    # busy machine that published truncated files.) Heading permalinks ("¶") are not words of the page.
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output),
               "--glob", glob, "--exclude-selectors", ".headerlink", "--silent"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as run:
        if started is not None:
            started(run)  # the preview pauses it while a rebuild runs
        stdout, stderr = run.communicate()
    if run.returncode != 0:
        raise SearchIndexError((stderr or stdout).strip() or f"pagefind exited with {run.returncode}")


CARDS = "casebook-cards"  # in the index's folder, beside Pagefind's fragment/
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # what a fragment's text starts with, once ungzipped


def _write_cards(part: Path) -> None:
    """Beside each page's fragment, its result card: the address and meta a result list shows, as
    ``casebook-cards/<fragment>.json``. A fragment also holds the page's whole text (for excerpts,
    which Casebook's results do not show): most of a first search's bytes went on twelve of them."""
    folder = part / CARDS
    folder.mkdir(exist_ok=True)
    for fragment in sorted((part / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        data = data.removeprefix(FRAGMENT_SIGNATURE)
        page = json.loads(data)
        card = {"url": page["url"], "meta": page.get("meta", {})}
        (folder / f"{fragment.stem}.json").write_text(
            json.dumps(card, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def _merge(part: Path, output: Path, languages: dict[str, dict[str, Any]]) -> None:
    """Move one run's index into ``output``: its language's files are its own; the rest (Pagefind's
    scripts, the same in every run) replace the previous run's copy."""
    entry = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
    clash = set(entry["languages"]) & set(languages)
    if clash:
        raise SearchIndexError(f"pages in {', '.join(sorted(clash))} were indexed in two runs")
    languages.update(entry["languages"])
    for folder, _, files in os.walk(part):
        target = output / Path(folder).relative_to(part)
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            if name != "pagefind-entry.json":
                os.replace(Path(folder) / name, target / name)
    (part / "pagefind-entry.json").unlink()
    entry["languages"] = languages
    (output / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")


def _index(site_dir: Path, output: Path, started: Started | None = None,
           only: tuple[str, ...] | None = None, add: bool = False) -> IndexResult:
    globs = {lang: glob for lang, glob in language_globs(site_dir).items() if only is None or lang in only}
    languages: dict[str, dict[str, Any]] = {}
    if add and (entry := output / "pagefind-entry.json").is_file():
        # These languages' pages added to the index of the others that ``output`` holds.
        languages = {lang: value for lang, value in json.loads(entry.read_text(encoding="utf-8"))["languages"].items()
                     if lang not in globs}
    else:
        shutil.rmtree(output, ignore_errors=True)
    output.mkdir(parents=True, exist_ok=True)
    for lang, glob in globs.items():
        part = output.with_name(f"{output.name}.{lang}")
        shutil.rmtree(part, ignore_errors=True)
        try:
            _run_pagefind(site_dir, part, glob, started)
            if (part / "pagefind-entry.json").is_file():  # a language without indexed pages writes none
                _write_cards(part)
                _merge(part, output, languages)
        finally:
            shutil.rmtree(part, ignore_errors=True)
    if not languages:
        raise SearchIndexError("no page was indexed")
    return IndexResult(pages=sum(int(language["page_count"]) for language in languages.values()))


class SearchIndexError(RuntimeError):
    """Pagefind stopped with an error; the message is its own."""


def build_index(site_dir: Path, output: Path | None = None,
                started: Callable[[subprocess.Popen[str]], None] | None = None,
                only: tuple[str, ...] | None = None, add: bool = False) -> IndexResult:
    """Index every built page under ``site_dir`` into ``output`` (by default ``site_dir/pagefind``);
    ``started`` is handed Pagefind's process once it runs. ``only``: the pages of these languages alone;
    ``add``: added to the index of the other languages that ``output`` holds, else a new index (the
    parallel build indexes the first language's pages while the others are still being built)."""
    output = (output or site_dir / SEARCH_INDEX).resolve()
    result = _index(site_dir.resolve(), output, started, only, add)
    _sort_entry(output / "pagefind-entry.json")
    return result


class IndexRun:
    """:func:`build_index` on a thread of its own, so other work goes on meanwhile (Pagefind runs
    in its own process, on another core): the build starts it as soon as the pages are written."""

    def __init__(self, site_dir: Path, output: Path | None = None, *, only: tuple[str, ...] | None = None,
                 after: IndexRun | None = None) -> None:
        """``only``: these languages' pages (see :func:`build_index`), once ``after`` has indexed its own."""
        self._result: IndexResult | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(site_dir, output, only, after), name="pagefind",
                                        daemon=True)
        self._thread.start()

    def _run(self, site_dir: Path, output: Path | None, only: tuple[str, ...] | None, after: IndexRun | None) -> None:
        try:
            if after is not None:
                after.result()
            self._result = build_index(site_dir, output, only=only, add=after is not None)
        except BaseException as error:  # handed to the thread that waits for the result
            self._error = error

    def result(self) -> IndexResult:
        """Wait for the index; raise what stopped it."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


class PreviewIndexer:
    """The live preview's search: indexed after each rebuild is published, in the background, into
    ``pagefind.next`` and then swapped for ``pagefind``, so the pages are served at once and search
    catches up a moment later. It waits for ``quiet`` seconds without a save (one index for a burst
    of saves) and runs Pagefind at the lowest priority, so the next rebuild is not slowed by it; while a
    rebuild runs, Pagefind is stopped (:meth:`hold`), then goes on (:meth:`release`) and indexes again
    once it is done, since the rebuild changed pages it may have read already."""

    def __init__(self, log: logging.Logger, quiet: float = 1.0, lang: str = "en") -> None:
        self.log = log
        self.lang = lang  # of what it logs
        self.quiet = quiet
        self._lock = threading.Lock()
        self._pending: Path | None = None
        self._requested = 0.0
        self._thread: threading.Thread | None = None
        self._process: subprocess.Popen[str] | None = None  # Pagefind, while it runs
        self._held = False

    def hold(self) -> None:
        """A rebuild begins: Pagefind, if it runs, stops until :meth:`release`."""
        with self._lock:
            self._held = True
            self._signal(signal.SIGSTOP)

    def release(self) -> None:
        """The rebuild is over: Pagefind goes on."""
        with self._lock:
            self._held = False
            self._signal(signal.SIGCONT)

    def _signal(self, number: int) -> None:
        if self._process is not None and hasattr(signal, "SIGSTOP"):
            with contextlib.suppress(OSError):  # it has just ended
                self._process.send_signal(number)

    def _started(self, process: subprocess.Popen[str]) -> None:
        with self._lock:
            self._process = process
            if self._held:
                self._signal(signal.SIGSTOP)

    def request(self, site_dir: Path) -> None:
        with self._lock:
            self._pending = site_dir
            self._requested = time.monotonic()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="pagefind-preview", daemon=True)
                self._thread.start()

    def wait(self) -> None:
        """Wait until the index is current (for tests)."""
        while True:
            with self._lock:
                thread = self._thread
            if thread is None or not thread.is_alive():
                return
            thread.join()

    def _loop(self) -> None:
        # Linux gives each thread its own priority, and Pagefind's process inherits this thread's.
        with contextlib.suppress(AttributeError, OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        while True:
            with self._lock:
                wait = self._requested + self.quiet - time.monotonic()
            if wait > 0:
                time.sleep(wait)
                continue
            with self._lock:
                site_dir, self._pending = self._pending, None
                if site_dir is None:
                    return
            try:
                fresh, current, old = (site_dir / SEARCH_INDEX_NEXT, site_dir / SEARCH_INDEX,
                                       site_dir / SEARCH_INDEX_OLD)
                shutil.rmtree(fresh, ignore_errors=True)
                try:
                    result = build_index(site_dir, fresh, self._started)
                finally:
                    with self._lock:
                        self._process = None
                shutil.rmtree(old, ignore_errors=True)
                if current.exists():
                    current.rename(old)
                fresh.rename(current)
                shutil.rmtree(old, ignore_errors=True)
                self.log.info(translate(nmsg("Search: indexed {n} page with Pagefind.",
                                             "Search: indexed {n} pages with Pagefind.", result.pages), self.lang))
            except Exception as error:  # the preview goes on; the next save tries again
                self.log.warning(translate(msg("Search: the preview's index was not updated: {error}",
                                               error=str(error)), self.lang))


def _sort_entry(entry: Path) -> None:
    # Pagefind lists the languages in hash-map order, which changes from run to run; sorted keys
    # make two builds of the same content byte-identical. The file means the same either way.
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")),
                     encoding="utf-8")
