"""The public site as its readers see it, at a phone's 360 px and a laptop's 1280 px, in both languages:
the story first, a header that fits, no documentation chrome, a real footer, search results in view.

Every page type is also saved as a screenshot at both sizes into tests/.screenshots/ (git-ignored), so
anyone can look at the whole site in a minute."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import LANGUAGE_PREFIXES, PAGE_TYPES, ROOT, copy_site, edit, mkdocs_build, serve, site_pages
from playwright.sync_api import Browser, Page
from selectolax.lexbor import LexborHTMLParser as HTMLParser

pytestmark = [pytest.mark.browser, pytest.mark.build]

PHONE = {"width": 360, "height": 800}
LAPTOP = {"width": 1280, "height": 900}
SCREENSHOTS = ROOT / "tests" / ".screenshots"
CASE = "cases/ibm-nydansker-erhvervsmentorer/"


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def laptop(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=LAPTOP)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_screenshot_of_every_page_type(server: str, phone: Page, laptop: Page, kind: str, lang: str) -> None:
    """Each page type at 360 and 1280 px is saved for people to look at, and neither scrolls sideways."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-")
    for page, size in ((phone, PHONE), (laptop, LAPTOP)):
        page.goto(server + LANGUAGE_PREFIXES[lang] + PAGE_TYPES[kind])
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{lang}-{size['width']}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]


@pytest.mark.parametrize("lang", LANGUAGE_PREFIXES)
def test_a_case_story_starts_within_one_and_a_half_screens_on_a_phone(server: str, phone: Page, lang: str) -> None:
    """On a 360x800 phone the story's first heading starts above 1,200 px: title, summary, figures, story."""
    phone.goto(server + LANGUAGE_PREFIXES[lang] + CASE)
    top = phone.evaluate("document.querySelector('#cb-story h2').getBoundingClientRect().top + window.scrollY")
    assert 0 < top < 1.5 * PHONE["height"]
    facts = phone.evaluate("document.querySelector('#cb-facts').getBoundingClientRect().top + window.scrollY")
    assert facts > top  # the facts come after the story on a phone


@pytest.mark.parametrize("lang", LANGUAGE_PREFIXES)
def test_the_header_shows_the_whole_site_name_on_a_phone(server: str, phone: Page, lang: str) -> None:
    """The site's name in the header is not cut short ("Ca…") at 360 px."""
    phone.goto(server + LANGUAGE_PREFIXES[lang] + CASE)
    name = phone.locator(".md-header__topic:first-child .md-ellipsis")
    assert name.inner_text().strip() == "Casebook"
    assert name.evaluate("el => el.scrollWidth <= el.clientWidth")


@pytest.mark.parametrize("lang", LANGUAGE_PREFIXES)
def test_no_navigation_rail_or_table_of_contents_beside_a_case(server: str, laptop: Page, lang: str) -> None:
    """At 1280 px a case page has the menu bar above it, no navigation rail and no per-page contents beside it."""
    laptop.goto(server + LANGUAGE_PREFIXES[lang] + CASE)
    assert not laptop.locator(".md-sidebar--primary").is_visible()
    assert laptop.locator(".md-sidebar--secondary").count() == 0
    assert laptop.locator(".cb-menu").is_visible()
    # The facts sit beside the story on a wide screen.
    story = laptop.locator("#cb-story").bounding_box()
    facts = laptop.locator("#cb-facts").bounding_box()
    assert story and facts and facts["x"] > story["x"] + story["width"] - 1


@pytest.mark.parametrize("lang", LANGUAGE_PREFIXES)
def test_footer_links_are_not_a_bulleted_list(server: str, laptop: Page, lang: str) -> None:
    """The footer's links are laid out side by side, without bullets (computed style)."""
    laptop.goto(server + LANGUAGE_PREFIXES[lang])
    links = laptop.locator("#cb-footer-links")
    assert links.evaluate("el => getComputedStyle(el).display") == "flex"
    assert links.locator("li").first.evaluate("el => getComputedStyle(el).listStyleType") == "none"
    assert links.locator("li").count() >= 3


@pytest.mark.parametrize(("lang", "query"), [("da", "mentorer"), ("en", "mentoring")])
def test_after_a_search_on_a_phone_the_first_result_is_in_view(server: str, phone: Page, lang: str,
                                                                 query: str) -> None:
    """On a phone the search page has one search box; after searching, the first result is on screen."""
    phone.goto(server + LANGUAGE_PREFIXES[lang] + "search/")
    phone.wait_for_selector("#cb-finder[data-cb-loaded]")
    assert phone.locator('input[type="search"]').count() == 1
    assert phone.locator("#cb-filters").get_attribute("open") is None  # the filters wait behind their button
    phone.fill("#cb-search-input", query)
    phone.press("#cb-search-input", "Enter")
    phone.wait_for_selector("#cb-results[data-cb-complete] .cb-card")
    phone.wait_for_function("document.querySelector('#cb-results .cb-card').getBoundingClientRect().top < innerHeight")
    box = phone.locator("#cb-results .cb-card").first.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"]


def test_the_filter_button_says_how_many_filters_are_chosen(server: str, phone: Page) -> None:
    """A filtered view's filter button counts the values chosen."""
    phone.goto(server + "search/?theme=integration&size=small")
    phone.wait_for_selector("#cb-finder[data-cb-loaded]")
    assert phone.locator("#cb-filters-active").inner_text() == "(2 valgt)"


def test_no_page_links_to_a_taxonomy_page_without_entries(real_site: Path) -> None:
    """A theme, format or goal that nothing carries yet is shown without a link to its empty page."""
    empty = set()
    for folder in ("themes", "formats", "sdgs"):
        for lang_root in (real_site, real_site / "en"):
            for index in (lang_root / folder).glob("*/index.html"):
                tree = HTMLParser(index.read_text(encoding="utf-8"))
                if not tree.css("#cb-term-cases, #cb-term-ideas"):
                    empty.add("/" + index.parent.relative_to(real_site).as_posix() + "/")
    assert empty, "the seed content has goals without cases (the check must look at something)"
    for page in site_pages(real_site):
        here = "/" + page.parent.relative_to(real_site).as_posix() + "/"
        if here in empty:
            continue  # an empty page's own language switch leads to its empty counterpart
        for node in HTMLParser(page.read_text(encoding="utf-8")).css("a[href]"):
            href = node.attributes.get("href") or ""
            target = _resolve(here, href)
            assert target not in empty, f"{page.relative_to(real_site)} links to the empty page {target}"


def _resolve(here: str, href: str) -> str:
    """A relative link as a site path (``../themes/x/`` from ``/cases/y/`` is ``/themes/x/``)."""
    if href.startswith(("http:", "https:", "mailto:", "tel:", "#")):
        return href
    parts = [p for p in (here if not href.startswith("/") else "/").split("/") if p]
    for part in href.split("#")[0].split("/"):
        if part == "..":
            parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/" + "/".join(parts) + ("/" if href.split("#")[0].endswith("/") or not parts else "")


def test_every_link_on_the_404_page_works_under_a_sub_path(tmp_path: Path, laptop: Page) -> None:
    """Built for https://example.github.io/casebook/ and served under /casebook/, the 404 page shown at a deep
    missing address speaks both languages, is not indexed and every link on it leads to a page."""
    source = copy_site("minimal", tmp_path / "src")
    edit(source / "mkdocs.yml", "site_name:", "site_url: https://example.github.io/casebook/\nsite_name:")
    host = tmp_path / "host"
    result = mkdocs_build(source / "mkdocs.yml", host / "casebook")
    assert result.returncode == 0, result.stderr
    (host / "404.html").write_bytes((host / "casebook" / "404.html").read_bytes())  # what a Pages host serves
    httpd, base = serve(host)
    try:
        response = laptop.goto(base + "casebook/no/such/page/")
        assert response is not None and response.status == 404
        assert laptop.locator('meta[name="robots"]').get_attribute("content") == "noindex"
        assert laptop.locator('section[lang="da"] h1').count() == 1
        assert laptop.locator('section[lang="en"]').count() == 1
        hrefs = laptop.eval_on_selector_all(".cb-not-found a, #cb-footer a", "els => els.map(a => a.href)")
        internal = [href for href in hrefs if href.startswith(base)]
        assert len(internal) >= 6
        assert all(h.startswith(("https://", "mailto:", "tel:")) for h in hrefs if h not in internal)
        for href in internal:
            assert href.startswith(base + "casebook/"), href
            assert laptop.request.get(href).status == 200, href
    finally:
        httpd.shutdown()
