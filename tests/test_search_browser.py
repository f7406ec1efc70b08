"""Search in a real browser (Debian's Chromium, driven by Playwright) against the built site."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import SUB_PATH_URL
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

MENTOR_CASE = "cases/ibm-nydansker-erhvervsmentorer/"


def open_finder(page: Page, url: str) -> None:
    """Open the search page at ``url`` and wait until its results are shown."""
    page.goto(url)
    page.locator("#cb-finder[data-cb-loaded]").wait_for(timeout=10_000)
    wait_for_results(page)


def wait_for_results(page: Page) -> None:
    """Wait until the search that is running has shown all its results (casebook-search.js marks the list)."""
    page.locator("#cb-results[data-cb-complete]").wait_for(state="attached", timeout=10_000)


def result_paths(page: Page) -> list[str]:
    urls = page.locator("#cb-results [data-cb-result-url]").evaluate_all(
        "els => els.map(e => e.getAttribute('data-cb-result-url'))")
    return [urlsplit(u).path for u in urls]


def search(browser: Browser, base: str, search_page: str, query: str) -> tuple[list[str], list[str]]:
    """Type ``query`` into the search page; return the result paths and every host requested."""
    page = browser.new_page()
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url).netloc))
    open_finder(page, base + search_page)
    page.locator("#cb-search-input").fill(query)
    page.locator("#cb-search-input").press("Enter")
    page.wait_for_function(f"() => location.search.includes('q={query}')")
    wait_for_results(page)
    links = result_paths(page)
    page.close()
    return links, hosts


def test_danish_search_finds_inflected_word(browser: Browser, server: str) -> None:
    """Danish stemming: 'mentorer' finds the mentor-corps case, and only Danish pages."""
    links, hosts = search(browser, server, "search/", "mentorer")
    assert "/" + MENTOR_CASE in links
    assert all(not link.startswith("/en/") for link in links), links
    assert set(hosts) == {urlsplit(server).netloc}


def test_danish_search_finds_the_plural_of_company(browser: Browser, server: str) -> None:
    """'virksomheder' (companies) finds the SME task-force case, whose story also says 'virksomhed'."""
    links, hosts = search(browser, server, "search/", "virksomheder")
    assert "/cases/csr-forum-sme-medarbejderfrivillighed/" in links
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
    page.locator("#cb-finder[data-cb-loaded]").wait_for(timeout=10_000)
    assert page.locator("#cb-search-input").input_value() == "virksomheder"
    page.close()


def choose(page: Page, facet: str, value: str) -> None:
    """Tick one facet value the way a visitor does: open the facet, click the value."""
    details = page.locator(f"#cb-facet-{facet}")
    if not details.evaluate("el => el.open"):
        details.locator("summary").click()
    page.locator(f"#cb-facet-{facet}-{value}").check()
    page.wait_for_function(f"() => new URLSearchParams(location.search).getAll('{facet}').includes('{value}')")
    wait_for_results(page)


def count(page: Page, facet: str, value: str) -> int:
    return int(page.locator(f'#cb-facet-{facet} [data-cb-value="{value}"] [data-cb-count]').inner_text())


@pytest.mark.parametrize(("lang", "prefix"), [("da", ""), ("en", "en/")])
def test_small_company_few_hours_integration_leads_to_an_idea_and_its_case(
        browser: Browser, server: str, lang: str, prefix: str) -> None:
    """The SME reader's path: filter to small company, a few hours, integration; land on a matching
    idea; follow it to its example case."""
    page = browser.new_page()
    open_finder(page, server + prefix + "search/")
    everything = len(result_paths(page))
    choose(page, "size", "small")
    choose(page, "effort", "hours")
    choose(page, "theme", "integration")
    params = parse_qs(urlsplit(page.url).query)
    assert params == {"size": ["small"], "effort": ["hours"], "theme": ["integration"]}
    paths = result_paths(page)
    idea = f"/{prefix}catalogues/kom-i-gang/udstyr-og-materialer/"
    assert idea in paths and 0 < len(paths) < everything
    assert all(p.startswith(f"/{prefix}catalogues/") for p in paths), paths
    # Each chosen value's count is the number of results it gives together with the other filters.
    assert count(page, "theme", "integration") == len(paths) == count(page, "size", "small")
    page.locator(f'#cb-results [data-cb-result-url="{idea}"] a').click()
    page.wait_for_url("**" + idea)
    assert page.locator("html").get_attribute("lang") == lang
    page.locator(f'.cb-idea__examples [data-cb-example-url="{prefix}{MENTOR_CASE}"] a').click()
    page.wait_for_url("**/" + prefix + MENTOR_CASE)
    assert page.locator("h1").first.inner_text()
    page.close()


def test_filters_combine_survive_reload_and_follow_the_back_button(browser: Browser, server: str) -> None:
    page = browser.new_page()
    open_finder(page, server + "en/search/")
    everything = result_paths(page)
    choose(page, "type", "case")
    cases = result_paths(page)
    assert cases and len(cases) < len(everything) and all("/en/cases/" in p for p in cases)
    choose(page, "theme", "integration")
    narrowed = result_paths(page)
    assert narrowed and set(narrowed) < set(cases)
    # Two values of one facet widen the results (OR); the counts of other values stay visible.
    choose(page, "theme", "sme-engagement")
    widened = result_paths(page)
    assert set(narrowed) < set(widened) <= set(cases)
    page.reload()
    page.locator("#cb-finder[data-cb-loaded]").wait_for(timeout=10_000)
    wait_for_results(page)
    assert result_paths(page) == widened
    assert page.locator("#cb-facet-theme-sme-engagement").is_checked()
    page.go_back()
    wait_for_results(page)
    page.wait_for_function("() => !location.search.includes('sme-engagement')")
    wait_for_results(page)
    assert result_paths(page) == narrowed
    assert not page.locator("#cb-facet-theme-sme-engagement").is_checked()
    page.go_back()
    page.wait_for_function("() => !location.search.includes('integration')")
    wait_for_results(page)
    assert result_paths(page) == cases
    page.close()


def test_query_and_filters_together(browser: Browser, server: str) -> None:
    page = browser.new_page()
    open_finder(page, server + "search/?q=mentorer&type=case")
    assert result_paths(page) == ["/" + MENTOR_CASE]
    assert page.locator("#cb-search-input").input_value() == "mentorer"
    page.close()


def test_search_page_without_javascript_lists_ideas_and_links_cases(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "en/search/")
    assert page.locator("#cb-browse").is_visible()
    assert not page.locator("#cb-finder-controls").is_visible()
    assert page.locator("#cb-browse-ideas a").count() == 7
    assert page.locator("#cb-browse-cases").get_attribute("href") == "../cases/"  # /en/cases/
    context.close()


def test_catalogue_prints_as_a_clean_document(browser: Browser, subpath_server: str) -> None:
    """In print the site's menus disappear and each example case shows its address (the site's public
    address, here a sub-path: https://example.github.io/casebook/)."""
    page = browser.new_page()
    page.goto(subpath_server + "catalogues/kom-i-gang/")
    assert not page.locator(".cb-print-url").first.is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".cb-print-url").first.is_visible()
    assert page.locator(".cb-print-url").first.inner_text() == SUB_PATH_URL + "cases/ibm-baba-workshop/"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.close()


def test_counts_load_when_a_facet_is_opened_after_a_word_search(browser: Browser, server: str) -> None:
    """The filter index (it grows with the site) loads only when counts can be seen; opening a facet
    after a search by words shows the counts for those results."""
    page = browser.new_page()
    filter_requests: list[str] = []
    page.on("request", lambda r: filter_requests.append(r.url) if "/pagefind/filter/" in r.url else None)
    open_finder(page, server + "search/?q=mentorer")
    before = len(filter_requests)
    cases = [p for p in result_paths(page) if p.startswith("/cases/")]
    assert cases
    page.locator("#cb-facet-type summary").click()
    page.wait_for_function(
        "n => document.querySelector('#cb-facet-type [data-cb-value=\"case\"] [data-cb-count]').textContent == n",
        arg=str(len(cases)), timeout=10_000)
    assert len(filter_requests) > before
    page.close()


@pytest.mark.parametrize(("path", "volunteers"), [("impact/", "36"), ("en/impact/", "36")])
def test_the_impact_page_works_without_javascript(browser: Browser, server: str, path: str, volunteers: str) -> None:
    """With JavaScript off on a phone, the impact page shows its totals, its three charts drawn (inline SVG,
    named by their titles) and their tables, and nothing is wider than the screen."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(server + path)
    tile = page.locator('#cb-impact-totals-input [data-cb-measure="volunteers"] .cb-total__figure')
    assert tile.inner_text() == volunteers
    for kind in ("year", "theme", "sdg"):
        chart = page.locator(f"#cb-impact-{kind} svg.cb-chart")
        box = chart.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 100
        assert chart.get_attribute("role") == "img"
        assert page.locator(f"#cb-impact-{kind}-table tbody tr").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


# --- browsing by facets without words: the facet file ------------------------------------------------

PAGEFIND_BROWSE = """async ([bundle, filters, facets]) => {
  // What Pagefind answers for the same filters without words: the result URLs and, for each facet,
  // the counts with that facet's own choice left out (as casebook-search.js asks it).
  const pagefind = await import(bundle + "pagefind.js");
  await pagefind.options({ baseUrl: "/" });
  await pagefind.filters();  // Pagefind counts once its filter index is loaded
  const ask = async (except) => {
    const chosen = {};
    for (const [facet, values] of Object.entries(filters)) if (facet !== except) chosen[facet] = { any: values };
    return pagefind.search(null, { filters: chosen });
  };
  const main = await ask(null);
  const urls = await Promise.all(main.results.map((r) => r.data().then((d) => d.url)));
  const counts = {};
  for (const facet of facets) {
    counts[facet] = (facet in filters ? (await ask(facet)).filters : main.filters)[facet] || {};
  }
  return { urls, counts };
}"""


def show_all(page: Page) -> list[str]:
    """Every result of the current search, "show more" clicked until it hides."""
    while page.locator("#cb-more").is_visible():
        shown = page.locator("#cb-results [data-cb-result-url]").count()
        page.locator("#cb-more").click()
        page.wait_for_function(f"() => document.querySelectorAll('#cb-results [data-cb-result-url]').length > {shown}")
        wait_for_results(page)
    return result_paths(page)


def shown_counts(page: Page) -> dict[str, dict[str, int]]:
    """Each facet's counts as the page shows them, the values it offers (zero counts left out)."""
    return page.evaluate("""() => {
      const counts = {};
      document.querySelectorAll('[data-cb-facet]').forEach((facet) => {
        const values = {};
        facet.querySelectorAll('[data-cb-value]').forEach((label) => {
          const n = parseInt(label.querySelector('[data-cb-count]').textContent, 10);
          if (n) values[label.getAttribute('data-cb-value')] = n;
        });
        counts[facet.getAttribute('data-cb-facet')] = values;
      });
      return counts;
    }""")


@pytest.mark.parametrize(("prefix", "choices"), [
    ("", [("type", "case")]),
    ("en/", [("type", "case"), ("type", "idea")]),  # OR within a facet
    ("", [("theme", "integration"), ("size", "small")]),  # AND across facets
    ("en/", [("theme", "integration"), ("theme", "employment"), ("partner", "ngo")]),
])
def test_facet_file_browsing_gives_what_pagefind_gives(
        browser: Browser, server: str, prefix: str, choices: list[tuple[str, str]]) -> None:
    """Browsing by facets without words, answered from the facet file, gives the results and counts
    Pagefind gives for the same filters, in browsing order (the built-in first page's order)."""
    page = browser.new_page()
    open_finder(page, server + prefix + "search/")
    browsing_order = show_all(page)
    for facet, value in choices:
        choose(page, facet, value)
    paths = show_all(page)
    assert paths and paths == [p for p in browsing_order if p in set(paths)]
    filters: dict[str, list[str]] = {}
    for facet, value in choices:
        filters.setdefault(facet, []).append(value)
    facets = list(shown_counts(page))
    expected = page.evaluate(PAGEFIND_BROWSE, [server + "pagefind/", filters, facets])
    assert sorted(paths) == sorted(urlsplit(u).path for u in expected["urls"])
    assert shown_counts(page) == {f: {v: n for v, n in c.items() if n} for f, c in expected["counts"].items()}
    page.close()


def card_texts(page: Page) -> list[list[tuple[str, str]]]:
    """Each result card as (class, text) of its parts, with its link's address."""
    return page.locator("#cb-results > li").evaluate_all("""items => items.map((li) => [
      ['li', li.className + ' ' + li.getAttribute('data-cb-result-url')],
      ...Array.from(li.children).map((el) => [el.tagName + '.' + el.className, el.textContent]),
      ['a', li.querySelector('a').pathname]])""")


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_facet_file_cards_are_the_built_in_cards(browser: Browser, server: str, prefix: str) -> None:
    """A result card made from the facet file's cards has the markup and texts of the search page's
    built-in first page (and of Pagefind's results)."""
    page = browser.new_page()
    open_finder(page, server + prefix + "search/")
    built_in = card_texts(page)
    everything = show_all(page)  # beyond the first page: the facet file's cards
    assert len(everything) > len(built_in)
    page.goto(server + prefix + "search/?type=idea&type=case&type=organisation&type=page")
    page.locator("#cb-finder[data-cb-loaded]").wait_for(timeout=10_000)
    wait_for_results(page)
    assert card_texts(page) == built_in
    page.goto(server + prefix + "search/?q=mentor")
    page.locator("#cb-finder[data-cb-loaded]").wait_for(timeout=10_000)
    wait_for_results(page)
    from_pagefind = {card[0][1]: card for card in card_texts(page)}
    from_file = {card[0][1]: card for card in built_in}
    assert set(from_pagefind) & set(from_file)
    for key in set(from_pagefind) & set(from_file):
        assert from_pagefind[key] == from_file[key]
    page.close()


def test_no_search_index_before_a_word_is_typed(browser: Browser, server: str) -> None:
    """Browsing by facets, reloading and going back load nothing of Pagefind's; the first word does,
    and the facets then still combine with it."""
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(urlsplit(r.url).path))
    open_finder(page, server + "en/search/")
    choose(page, "type", "case")
    choose(page, "theme", "integration")
    cases = result_paths(page)
    page.reload()
    page.locator("#cb-finder[data-cb-loaded]").wait_for(timeout=10_000)
    wait_for_results(page)
    assert result_paths(page) == cases
    page.go_back()
    page.wait_for_function("() => !location.search.includes('integration')")
    wait_for_results(page)
    assert "/en/search/facets.json" in requested
    assert not [path for path in requested if "/pagefind/" in path], requested
    page.locator("#cb-search-input").fill("mentoring")
    page.locator("#cb-search-input").press("Enter")
    page.wait_for_function("() => location.search.includes('q=mentoring')")
    wait_for_results(page)
    assert [path for path in requested if path.startswith("/pagefind/index/en_")]
    assert not [path for path in requested if path.startswith("/pagefind/pagefind-worker")]
    # The result cards come from Casebook's card files, not from Pagefind's fragments (the pages' text).
    cards = [path for path in requested if path.startswith("/pagefind/casebook-cards/en_")]
    assert len(cards) == len(result_paths(page))
    assert not [path for path in requested if path.startswith("/pagefind/fragment/")]
    assert result_paths(page) and all(p.startswith("/en/cases/") for p in result_paths(page))
    page.close()
