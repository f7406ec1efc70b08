"""What a browser downloads: a first search in each language, browsing by two facets without words in
each language, and a first and a second case page.

The built site is served on 127.0.0.1 the way a static host serves it: HTML revalidated on every view
(``Cache-Control: no-cache``, answered with 304 when unchanged), everything else cached for an hour.
The server counts what it actually sends, so a file the browser takes from its cache counts nothing.
Each response counts as min(raw size, gzip -6 of it), which is what a host that compresses sends;
headers are not counted. Headless Chromium (Debian's, through Playwright) does the browsing.
"""

from __future__ import annotations

import functools
import gzip
import mimetypes
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from tools.static_host import CHROMIUM, CHROMIUM_ARGS

KB = 1024


@functools.lru_cache(maxsize=4096)
def _compressed(path: str, mtime_ns: int, raw: int) -> int:
    return min(raw, len(gzip.compress(Path(path).read_bytes(), compresslevel=6)))


@dataclass
class Transfer:
    path: str
    status: int
    raw: int  # body bytes as stored
    sent: int  # body bytes as a compressing host sends them (0 for 304)


def category(path: str) -> str:
    if "/pagefind/" in path or path.startswith("pagefind/"):
        return "pagefind"
    suffix = Path(urlsplit(path).path).suffix.lower()
    if suffix in ("", ".html"):
        return "html"
    if suffix in (".css",):
        return "css"
    if suffix in (".js", ".mjs"):
        return "js"
    if suffix in (".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif", ".ico"):
        return "images"
    if suffix in (".woff", ".woff2", ".ttf"):
        return "fonts"
    return "other"


class CountingServer:
    """A static server over ``directory`` that records every body it sends."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.transfers: list[Transfer] = []
        self.lock = threading.Lock()
        server = self

        class Handler(SimpleHTTPRequestHandler):
            extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                              ".pf_meta": "application/octet-stream", ".pf_index": "application/octet-stream",
                              ".pf_fragment": "application/octet-stream", ".pf_filter": "application/octet-stream"}

            def end_headers(self) -> None:
                html = self.path.split("?")[0].endswith(("/", ".html"))
                self.send_header("Cache-Control", "no-cache" if html else "public, max-age=3600")
                super().end_headers()

            def copyfile(self, source: Any, outputfile: Any) -> None:
                data = source.read()
                local = Path(self.translate_path(self.path))
                if local.is_dir():
                    local = local / "index.html"
                stat = local.stat()
                sent = _compressed(str(local), stat.st_mtime_ns, len(data))
                with server.lock:
                    server.transfers.append(Transfer(self.path, 200, len(data), sent))
                outputfile.write(data)

            def send_response(self, code: int, message: str | None = None) -> None:
                if code == 304:
                    with server.lock:
                        server.transfers.append(Transfer(self.path, 304, 0, 0))
                super().send_response(code, message)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
                pass

        mimetypes.add_type("application/wasm", ".wasm")
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def mark(self) -> int:
        with self.lock:
            return len(self.transfers)

    def since(self, mark: int) -> list[Transfer]:
        with self.lock:
            return list(self.transfers[mark:])

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class Download:
    """What one step of browsing transferred."""

    sent: int
    raw: int
    requests: int  # answered with a body
    revalidated: int  # answered 304
    by_category: dict[str, int] = field(default_factory=dict)  # sent bytes

    @classmethod
    def of(cls, transfers: list[Transfer]) -> Download:
        by_category: dict[str, int] = {}
        for t in transfers:
            by_category[category(t.path)] = by_category.get(category(t.path), 0) + t.sent
        return cls(sum(t.sent for t in transfers), sum(t.raw for t in transfers),
                   sum(t.status == 200 for t in transfers), sum(t.status == 304 for t in transfers),
                   dict(sorted(by_category.items())))


@contextmanager
def chromium() -> Iterator[Any]:

    if not CHROMIUM.exists():
        raise RuntimeError(f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium` "
                           "or set CASEBOOK_CHROMIUM")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _wait_for_results(page: Any, timeout_ms: float) -> None:
    # casebook-search.js marks the list once a search has shown all its results (as the tests wait).
    page.locator("#cb-results[data-cb-complete]").wait_for(state="attached", timeout=timeout_ms)


def first_search(browser: Any, server: CountingServer, search_path: str, query: str,
                 timeout_ms: float) -> tuple[Download, Download, str]:
    """Open the search page in a new browser (empty cache) and search for ``query``: what was downloaded
    in all, the part of it after the page had loaded (the query), and the results' status line."""
    context = browser.new_context()
    page = context.new_page()
    mark = server.mark()
    page.goto(server.base + search_path)
    page.locator("#cb-finder[data-cb-loaded]").wait_for(timeout=timeout_ms)
    _wait_for_results(page, timeout_ms)
    page.wait_for_load_state("networkidle", timeout=timeout_ms)
    typing = server.mark()
    page.locator("#cb-search-input").fill(query)
    page.locator("#cb-search-input").press("Enter")
    # The page writes the query into the URL and starts the search (unmarking the list) in one step.
    page.wait_for_function(f"() => location.search.includes('q={query}')", timeout=timeout_ms)
    _wait_for_results(page, timeout_ms)
    page.wait_for_load_state("networkidle", timeout=timeout_ms)
    status = page.locator("#cb-results-status").inner_text()
    download = Download.of(server.since(mark))
    query_part = Download.of(server.since(typing))
    context.close()
    return download, query_part, status


# Browsing by facets without words: one value of the first facet, then one of the second (each facet's
# first value as the page lists it).
BROWSED_FACETS = ("theme", "size")


def facet_browsing(browser: Any, server: CountingServer, search_path: str, timeout_ms: float,
                   facets: tuple[str, ...] = BROWSED_FACETS) -> tuple[Download, str, str]:
    """Open the search page in a new browser (empty cache) and tick one value in each of ``facets``, one
    after the other, without words: what was downloaded in all, the values ticked and the status line."""
    context = browser.new_context()
    page = context.new_page()
    mark = server.mark()
    page.goto(server.base + search_path)
    page.locator("#cb-finder[data-cb-loaded]").wait_for(timeout=timeout_ms)
    _wait_for_results(page, timeout_ms)
    page.wait_for_load_state("networkidle", timeout=timeout_ms)
    chosen = []
    for facet in facets:
        details = page.locator(f"#cb-facet-{facet}")
        if not details.evaluate("el => el.open"):
            details.locator("summary").click()
        box = details.locator("input[type=checkbox]:not([disabled])").first
        value = box.get_attribute("value") or ""
        box.check()
        page.wait_for_function(f"() => new URLSearchParams(location.search).getAll('{facet}').includes('{value}')",
                               timeout=timeout_ms)
        _wait_for_results(page, timeout_ms)
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
        chosen.append(f"{facet}={value}")
    status = page.locator("#cb-results-status").inner_text()
    download = Download.of(server.since(mark))
    context.close()
    return download, "&".join(chosen), status


def case_views(browser: Any, server: CountingServer, first: str, second: str,
               timeout_ms: float) -> tuple[Download, Download]:
    """A case page in a new browser, then another case page in the same browser (its cache filled)."""
    context = browser.new_context()
    page = context.new_page()
    downloads = []
    for path in (first, second):
        mark = server.mark()
        page.goto(server.base + path, wait_until="load", timeout=timeout_ms)
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
        downloads.append(Download.of(server.since(mark)))
    context.close()
    return downloads[0], downloads[1]


def measure(site: Path, first_case: str, second_case: str, timeout_s: float,
            progress: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """Every download figure for the built ``site``, as a JSON-ready dict."""
    server = CountingServer(site)
    timeout_ms = timeout_s * 1000
    figures: dict[str, Any] = {}
    try:
        with chromium() as browser:
            for key, path, query in (("search_da", "search/", "mentorer"), ("search_en", "en/search/", "mentoring")):
                progress(f"first search /{path} {query!r}")
                download, query_part, status = first_search(browser, server, path, query, timeout_ms)
                figures[key] = {**download.__dict__, "query_sent": query_part.sent, "query_requests":
                                query_part.requests, "status": status}
            for key, path in (("facets_da", "search/"), ("facets_en", "en/search/")):
                progress(f"browsing /{path} by {' and '.join(BROWSED_FACETS)} without words")
                download, chosen, status = facet_browsing(browser, server, path, timeout_ms)
                figures[key] = {**download.__dict__, "chosen": chosen, "status": status}
            progress(f"case page /{first_case}, then /{second_case}")
            first, second = case_views(browser, server, first_case, second_case, timeout_ms)
            figures["case_first"] = first.__dict__
            figures["case_second"] = second.__dict__
    finally:
        server.close()
    return figures
