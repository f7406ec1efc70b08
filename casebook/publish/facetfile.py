"""The search page's facet file: browsing by facets without words, with no search index.

Pagefind treats a search without words as a match on every page and downloads its whole word index
for it. So the search page of each language (``/search/``, ``/en/search/``) has beside it a small file
that answers such browsing by itself (casebook-search.js reads it):

- ``facets.json``: every facet's values in the order the page shows them, and for each indexed page,
  in browsing order, the values it has: per facet a string of :data:`ALPHABET` characters, a fixed
  number per page, that spell the bit set of the value numbers (bit ``i`` is the page's ``i``-th value of
  the facet, six bits a character, the lowest first).
- ``cards/<n>.json``: the texts of the result cards, :data:`CARDS_PER_FILE` pages a file in browsing
  order, so a result list fetches only the few files its first results are in: for each page its
  address (site-relative), title, type, partners, summary and figure, as the result list shows them.

The bytes depend only on the content, so two builds are byte-identical.
"""

from __future__ import annotations

import json
from pathlib import Path

from casebook.core.languages import LANGUAGES
from casebook.site.plan import SitePlan
from casebook.site.urls import search_facets_file
from casebook.site.views import FacetView, Page

# Six bits a character; in JSON strings, none needs escaping.
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
CARDS_PER_FILE = 8
CARDS_FOLDER = "cards"


def _dumps(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _bits(numbers: list[int], width: int) -> str:
    mask = 0
    for number in numbers:
        mask |= 1 << number
    return "".join(ALPHABET[(mask >> (6 * i)) & 63] for i in range(width))


def facet_files(facets: list[FacetView], indexed: list[Page]) -> dict[str, bytes]:
    """The files of one language's search page, by their path under its folder; ``facets`` as the
    page shows them, ``indexed`` the language's indexed pages in browsing order."""
    columns = []
    for facet in facets:
        number = {value.id: i for i, value in enumerate(facet.values)}
        width = (len(facet.values) + 5) // 6
        columns.append("".join(
            _bits([number[v] for v in page.search.filters.get(facet.id, ()) if v in number], width)
            for page in indexed if page.search is not None))
    files = {"facets.json": _dumps({
        "pages": len(indexed), "cards": CARDS_PER_FILE,
        "facets": [[facet.id, [value.id for value in facet.values], column]
                   for facet, column in zip(facets, columns, strict=True)]})}
    for start in range(0, len(indexed), CARDS_PER_FILE):
        files[f"{CARDS_FOLDER}/{start // CARDS_PER_FILE}.json"] = _dumps([
            [page.url, page.title, page.search.type_label, page.search.partners, page.search.summary,
             page.search.figure]
            for page in indexed[start:start + CARDS_PER_FILE] if page.search is not None])
    return files


def indexed_pages(plan: SitePlan, lang: str) -> list[Page]:
    """The pages of ``lang`` in its search index, in browsing order."""
    return sorted((p for p in plan.pages if p.lang == lang and p.search is not None),
                  key=lambda p: p.search.order if p.search else 0)


def write_facet_files(plan: SitePlan, site_dir: Path) -> set[str]:
    """Write each language's facet file and cards into ``site_dir``; return every file's site path."""
    written = set()
    for lang in LANGUAGES:
        page = next(p for p in plan.pages if p.lang == lang and p.template == "casebook/search.html")
        folder = Path(search_facets_file(lang)).parent
        for name, data in facet_files(page.data["facets"], indexed_pages(plan, lang)).items():
            target = site_dir / folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written.add((folder / name).as_posix())
    return written
