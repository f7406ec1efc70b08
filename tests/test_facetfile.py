"""The search page's facet file (casebook/publish/facetfile.py): what browsing by facets without words reads."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import ROOT

from casebook.core.languages import LANGUAGES
from casebook.project import load_project
from casebook.publish.facetfile import ALPHABET, CARDS_PER_FILE, facet_files, indexed_pages
from casebook.site.plan import SitePlan


@pytest.fixture(scope="module")
def plan() -> SitePlan:
    return SitePlan(load_project(ROOT))


def decode(file: dict) -> list[dict[str, list[str]]]:
    """Each page's values per facet, as casebook-search.js reads them."""
    pages: list[dict[str, list[str]]] = [{} for _ in range(file["pages"])]
    for facet, values, bits in file["facets"]:
        width = (len(values) + 5) // 6
        assert len(bits) == width * file["pages"]
        for n, page in enumerate(pages):
            mask = sum(ALPHABET.index(c) << (6 * i) for i, c in enumerate(bits[n * width:(n + 1) * width]))
            chosen = [value for i, value in enumerate(values) if mask & (1 << i)]
            if chosen:
                page[facet] = chosen
    return pages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_facet_file_holds_each_pages_values_and_card_in_browsing_order(plan: SitePlan, lang: str) -> None:
    """Decoded, the facet file gives every indexed page's facet values (those Pagefind gets as filters),
    in the order the search page lists values; the cards give its address and texts, in browsing order."""
    search = next(p for p in plan.pages if p.lang == lang and p.template == "casebook/search.html")
    indexed = indexed_pages(plan, lang)
    files = facet_files(search.data["facets"], indexed)
    file = json.loads(files["facets.json"])
    assert [facet for facet, _, _ in file["facets"]] == [f.id for f in search.data["facets"]]
    assert file["pages"] == len(indexed) and [p.search.order for p in indexed if p.search] == list(range(len(indexed)))
    for page, values in zip(indexed, decode(file), strict=True):
        assert page.search is not None
        assert {f: sorted(v) for f, v in values.items()} == {f: sorted(v) for f, v in page.search.filters.items()}
    cards = [card for n in range(-(-len(indexed) // CARDS_PER_FILE)) for card in json.loads(files[f"cards/{n}.json"])]
    assert len(files) == 1 + -(-len(indexed) // CARDS_PER_FILE)
    assert cards == [[p.url, p.title, p.search.type_label, p.search.partners, p.search.summary, p.search.figure]
                     for p in indexed if p.search]
    assert all(card[0].startswith("en/") == (lang == "en") for card in cards)


def test_each_fragment_has_its_result_card(real_site: Path) -> None:
    """Beside each of Pagefind's fragments, its result card: the fragment's address and meta, without the
    page's text; one card per fragment, in every language."""
    index = real_site / "pagefind"
    fragments = sorted((index / "fragment").glob("*.pf_fragment"))
    assert {f.name.split("_")[0] for f in fragments} == set(LANGUAGES)
    sizes = {"cards": 0, "fragments": 0}
    for fragment in fragments:
        page = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        card = json.loads((index / "casebook-cards" / f"{fragment.stem}.json").read_text(encoding="utf-8"))
        assert card == {"url": page["url"], "meta": page["meta"]} and page["meta"]["title"]
        sizes["cards"] += len(json.dumps(card))
        sizes["fragments"] += len(json.dumps(page))
    assert len(list((index / "casebook-cards").iterdir())) == len(fragments)
    assert sizes["cards"] < sizes["fragments"] / 3, sizes  # the pages' text left out
