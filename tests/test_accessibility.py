"""Accessibility in a real browser: axe-core (npm, pinned in tools/browser/) finds no WCAG 2.0/2.1 A or
AA violation on any page type in either language, nor in the states only JavaScript or a phone shows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import LANGUAGE_PREFIXES, PAGE_TYPES, ROOT, SiteReport
from mkdocs.config import load_config
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize

pytestmark = pytest.mark.browser

AXE = ROOT / "tools" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Each violation reduced to what a fix needs: the rule, its impact, and where on the page.
RUN_AXE = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(result =>
  result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({
    target: n.target.join(' '),
    why: [...n.any, ...n.all, ...n.none].map(c => c.message).filter(Boolean)[0] || ''}))})))"""
PHONE: ViewportSize = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert AXE.exists(), "axe-core is missing: run `make test` (or `make browser-tools`)"
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def context(browser: Browser) -> Iterator[BrowserContext]:
    """One browser context for these tests: a new page in it is quicker to open than a new context."""
    context = browser.new_context()
    yield context
    context.close()


def violations(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; the WCAG 2.0/2.1 A and AA rules only."""
    # Evaluated rather than added as a <script> tag: the site's Content-Security-Policy blocks inline scripts.
    page.evaluate(axe_source)
    result: list[dict[str, Any]] = page.evaluate(RUN_AXE, WCAG_TAGS)
    return result


def describe(found: list[dict[str, Any]], url: str) -> str:
    """Each violation with its rule, impact and page, then every element to fix and why."""
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}, on {url}\n"
                     + "\n".join(f"  {n['target']}: {n['why']}" for n in v["nodes"]) for v in found)


def check(page: Page, axe_source: str, site_report: SiteReport) -> None:
    found = violations(page, axe_source)
    site_report.add("axe: pages checked")
    site_report.add("axe: violations", sum(len(v["nodes"]) for v in found))
    assert not found, f"{len(found)} axe rule(s) violated:\n{describe(found, page.url)}"


def open_facets(page: Page) -> None:
    """Wait for the search page's script, then open every facet, as a visitor looking at all filters."""
    page.locator("#cb-finder[data-cb-loaded]").wait_for(timeout=10_000)
    page.locator("details.cb-facet").evaluate_all("els => els.forEach(el => { el.open = true; })")
    page.locator("#cb-results[data-cb-complete]").wait_for(state="attached", timeout=10_000)


@pytest.mark.parametrize("lang", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_violations(context: BrowserContext, server: str, axe_source: str,
                                     site_report: SiteReport, page_type: str, lang: str) -> None:
    """Every page type in both languages (the search page with its facets open) passes axe's WCAG A/AA rules."""
    page = context.new_page()
    page.goto(server + LANGUAGE_PREFIXES[lang] + PAGE_TYPES[page_type])
    if page_type == "search":
        open_facets(page)
    check(page, axe_source, site_report)
    page.close()


def search_with_results(page: Page) -> None:
    """A query and a chosen filter: result cards, updated counts and the selected filter are shown."""
    open_facets(page)
    page.locator("#cb-search-input").fill("mentor")
    page.locator("#cb-search-input").press("Enter")
    page.locator("#cb-facet-type input").first.check()
    page.wait_for_function("() => location.search.includes('type=')")
    open_facets(page)
    assert page.locator("#cb-results li").count() > 0


def drawer_open(page: Page) -> None:
    """The navigation drawer opened with the menu button, as on a phone."""
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator(".md-sidebar--primary .md-nav__link").first.wait_for(state="visible")


STATES: dict[str, tuple[str, ViewportSize | None, Callable[[Page], None]]] = {
    "search with a query and results": ("search/", None, search_with_results),
    "search on a phone": ("search/", PHONE, open_facets),
    "case on a phone": (PAGE_TYPES["case"], PHONE, lambda page: None),
    "menu open on a phone": (PAGE_TYPES["catalogue"], PHONE, drawer_open),
}


@pytest.mark.parametrize("lang", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("state", STATES)
def test_interactive_states_have_no_violations(context: BrowserContext, server: str, axe_source: str,
                                               site_report: SiteReport, state: str, lang: str) -> None:
    """States that scripts or a small screen produce (results, open menu, phone layout) pass axe as well."""
    path, viewport, prepare = STATES[state]
    page = context.new_page()
    if viewport:
        page.set_viewport_size(viewport)
    page.goto(server + LANGUAGE_PREFIXES[lang] + path)
    prepare(page)
    check(page, axe_source, site_report)
    page.close()


@pytest.mark.parametrize("path", ["en/cases/beta-mentors/", "cases/alpha-workshop/", "en/cases/alpha-workshop/"])
def test_fallback_notice_and_images_have_no_violations(context: BrowserContext, minimal_server: str,
                                                       axe_source: str, site_report: SiteReport, path: str) -> None:
    """A case shown without its English story (the fallback notice) and a case with images pass axe."""
    page = context.new_page()
    page.goto(minimal_server + path)
    check(page, axe_source, site_report)
    page.close()


@pytest.mark.parametrize("path", ["", "about/", "tilgaengelighed/", "en/tilgaengelighed/"])
def test_pages_showing_the_publisher_have_no_violations(context: BrowserContext, statement_server: str,
                                                        axe_source: str, site_report: SiteReport, path: str) -> None:
    """With a publisher: its name and logo in the header, its address in the footer, the about page's block
    and the statement's feedback and enforcement parts pass axe."""
    page = context.new_page()
    page.goto(statement_server + path)
    check(page, axe_source, site_report)
    page.close()


def test_axe_reports_a_known_violation(context: BrowserContext, server: str, axe_source: str) -> None:
    """The check can fail: an image without alt text on a real page is reported with its selector."""
    page = context.new_page()
    page.goto(server + PAGE_TYPES["about"])
    page.evaluate("() => document.querySelector('main').append(Object.assign(new Image(), {id: 'no-alt', src: '#'}))")
    found = violations(page, axe_source)
    page.close()
    assert ("image-alt", ["#no-alt"]) in [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]
    assert "image-alt (critical)" in describe(found, page.url)


def test_the_site_has_one_colour_scheme() -> None:
    """The tests above see the only colour scheme; a second one (a dark mode toggle) needs its own axe runs."""
    palette = load_config(str(ROOT / "mkdocs.yml")).theme["palette"]
    assert isinstance(palette, dict), "theme.palette lists several schemes: check each with axe here"
