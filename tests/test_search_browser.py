"""Search in a real browser (Debian's Chromium, driven by Playwright) against the built site."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
MENTOR_CASE = "cases/ibm-nydansker-erhvervsmentorer/"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def server(real_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1, as a static host would serve it."""
    handler = functools.partial(_QuietHandler, directory=str(real_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "Debian's chromium is missing: run `make test`, which installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


def search(browser: Browser, base: str, search_page: str, query: str) -> tuple[list[str], list[str]]:
    """Type ``query`` into the search page; return the result paths and every host requested."""
    page = browser.new_page()
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url).netloc))
    page.goto(base + search_page)
    page.locator("#cb-search input").fill(query)
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10_000)
    links = [urlsplit(href).path for href in
             page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.href)")]
    page.close()
    return links, hosts


def test_danish_search_finds_inflected_word(browser: Browser, server: str) -> None:
    """Danish stemming: 'mentorer' finds the mentor-corps case, and only Danish pages."""
    links, hosts = search(browser, server, "search/", "mentorer")
    assert "/" + MENTOR_CASE in links
    assert all(not link.startswith("/en/") for link in links), links
    assert set(hosts) == {urlsplit(server).netloc}


def test_english_search_finds_mentoring(browser: Browser, server: str) -> None:
    """English stemming: 'mentoring' finds the English mentor-corps case, and only English pages."""
    links, hosts = search(browser, server, "en/search/", "mentoring")
    assert "/en/" + MENTOR_CASE in links
    assert all(link.startswith("/en/") for link in links), links
    assert set(hosts) == {urlsplit(server).netloc}


def test_header_form_starts_a_search(browser: Browser, server: str) -> None:
    """The search field in the header of any page leads to results on that language's search page."""
    page = browser.new_page()
    page.goto(server + "en/cases/ibm-baba-workshop/")
    page.locator("#cb-header-search-input").fill("virksomheder")
    page.locator("#cb-header-search-input").press("Enter")
    page.wait_for_url("**/en/search/?q=virksomheder")
    assert page.locator("#cb-search input").input_value() == "virksomheder"
    page.close()
