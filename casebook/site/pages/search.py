"""The "find inspiration" page: search and facets, with counts over the pages of its language, and the
browsing order of the pages in the search index."""

from __future__ import annotations

from dataclasses import replace

from casebook.site.facets import FACETS, PAGE_TYPES, Facets
from casebook.site.pages.shared import Shared
from casebook.site.urls import cases_url, search_url
from casebook.site.views import FacetValueView, FacetView, Page, ResultCard

# Results per page on the search page; the first page of browsing (no words, no filters) is in its HTML.
SEARCH_PAGE_SIZE = 12


def number_search_records(pages: list[Page]) -> None:
    """Give each indexed page its browsing position: ideas first, then cases newest first, then the rest."""
    indexed = [p for p in pages if p.search is not None]
    ordered = sorted(indexed, key=lambda p: PAGE_TYPES.index(p.search.type) if p.search else 0)  # stable
    for position, page in enumerate(ordered):
        assert page.search is not None
        page.search = replace(page.search, order=position)


def search_page(shared: Shared, lang: str, pages: list[Page]) -> Page:
    """The search page of ``lang``; ``pages`` are that language's other pages, numbered."""
    t = shared.strings[lang]
    counts = Facets.count(p.search.filters for p in pages if p.search is not None)
    facets = []
    for facet in FACETS:
        values = [FacetValueView(v.id, v.labels[lang], counts[facet][v.id])
                  for v in shared.facets.vocabulary(facet) if counts[facet][v.id]]
        if values:
            facets.append(FacetView(facet, t.get(f"facet_{facet}"), values))
    ideas = [shared.idea_link(idea, lang) for idea in shared.project.ideas.values()]
    # Browsing without words or filters needs no index: its first page and the counts are in the
    # HTML, so opening the page downloads nothing that grows with the number of cases.
    indexed = sorted((p for p in pages if p.search is not None), key=lambda p: p.search.order if p.search else 0)
    first = [ResultCard(p.url, p.title, p.search) for p in indexed[:SEARCH_PAGE_SIZE] if p.search]
    return Page(url=search_url(lang), lang=lang, template="casebook/search.html",
                title=t.search_title, description=t.search_intro,
                data={"facets": facets, "ideas": ideas, "first": first, "page_size": SEARCH_PAGE_SIZE,
                      "cases_url": cases_url(lang), "case_count": len(shared.project.cases),
                      "total": sum(counts["type"].values())})
