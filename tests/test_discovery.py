"""Idea catalogues and discovery, checked in the built site: idea pages and anchors, backlinks,
taxonomy pages, facet data and counts (against Pagefind's own index), the front page and the PDFs.

Expectations are computed here from the content files, not from Casebook's facet code, so a
mistake in that code cannot agree with itself.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, SUB_PATH_URL, pagefind_index, site_pages
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from casebook.project import Project, load_project
from casebook.publish import pdf
from casebook.site.pages.search import SEARCH_PAGE_SIZE
from casebook.site.strings import load_strings

pytestmark = pytest.mark.build

CATALOGUE = "catalogues/kom-i-gang/"
PREFIX = {"da": "", "en": "en/"}


@pytest.fixture(scope="module")
def project() -> Project:
    project = load_project(ROOT)
    assert not project.errors
    return project


def page(site: Path, url: str) -> HTMLParser:
    path = site / url / "index.html"
    assert path.is_file(), f"/{url} was not built"
    return HTMLParser(path.read_text(encoding="utf-8"))


def hrefs(tree: HTMLParser, selector: str) -> list[str]:
    return [node.attributes.get("href") or "" for node in tree.css(selector)]


def resolve(url: str, href: str) -> str:
    """A relative link on the page at ``/url`` as a site path without the leading slash."""
    from urllib.parse import urljoin, urlsplit

    return urlsplit(urljoin("http://site/" + url, href)).path.lstrip("/")


# --- catalogues and ideas ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["da", "en"])
def test_catalogue_page_has_every_idea_with_an_anchor_and_its_own_page(real_site: Path, project: Project,
                                                                       lang: str) -> None:
    url = PREFIX[lang] + CATALOGUE
    tree = page(real_site, url)
    ideas = project.catalogues["kom-i-gang"].catalogue.ideas
    assert len(ideas) >= 6
    articles = tree.css("article.cb-idea")
    assert [a.attributes["id"] for a in articles] == [i.id for i in ideas]
    for article, idea in zip(articles, ideas, strict=True):
        assert idea.title.get(lang) in article.css_first("h2").text()
        own = resolve(url, hrefs(article, ".cb-print-hide a")[0])
        assert own == f"{url}{idea.id}/"
        idea_page = page(real_site, own)
        assert idea_page.css_first("h1").text(strip=True) == idea.title.get(lang)
        assert idea_page.css_first("html").attributes["lang"] == lang
        # The idea page leads back to its anchor on the catalogue page.
        assert resolve(own, hrefs(idea_page, "#cb-idea-catalogue")[0]) == f"{url}"
        assert hrefs(idea_page, "#cb-idea-catalogue")[0].endswith(f"#{idea.id}")
        steps = [li.text(strip=True) for li in idea_page.css(".cb-idea__steps li")]
        assert steps == [s.get(lang) for s in idea.first_steps]


def test_seed_catalogue_covers_the_six_kinds_of_idea(project: Project) -> None:
    """The catalogue shows the six kinds the seed cases tell of, each with a case that shows it."""
    formats = {i.id: set(i.formats) for i in project.catalogues["kom-i-gang"].catalogue.ideas}
    examples = {i.id: i.examples for i in project.catalogues["kom-i-gang"].catalogue.ideas}
    wanted = {
        "forretningsmodel-workshop": ({"workshop"}, "ibm-baba-workshop"),
        "leder-i-praktik": ({"leader-placement"}, "ibm-bydelsmoedre-erhvervsleder-i-praktik"),
        "mentorkorps": ({"mentoring"}, "ibm-nydansker-erhvervsmentorer"),
        "udstyr-og-materialer": ({"in-kind-donation"}, "ibm-nydansker-erhvervsmentorer"),
        "gensidig-laering": ({"workshop", "co-creation"}, "ibm-bydelsmoedre-erhvervsleder-i-praktik"),
        "netvaerk-og-task-force": ({"network-meeting", "task-force"}, "csr-forum-sme-medarbejderfrivillighed"),
    }
    for idea_id, (idea_formats, case) in wanted.items():
        assert idea_formats <= formats[idea_id], idea_id
        assert case in examples[idea_id], idea_id
    assert {slug for ex in examples.values() for slug in ex} == set(project.cases)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_case_pages_list_exactly_the_ideas_they_exemplify(real_site: Path, project: Project, lang: str) -> None:
    for slug in project.cases:
        url = f"{PREFIX[lang]}cases/{slug}/"
        tree = page(real_site, url)
        shown = {resolve(url, h) for h in hrefs(tree, "#cb-case-ideas a")}
        expected = {f"{PREFIX[lang]}catalogues/{e.catalogue}/{e.idea.id}/"
                    for e in project.ideas.values() if slug in e.idea.examples}
        assert shown == expected, slug
        assert expected, f"{slug} is an example of no idea"
        for target in shown:  # every backlink is a built page
            page(real_site, target)


def test_example_cases_are_printed_with_their_address(subpath_site: Path, real_site: Path) -> None:
    """A printed catalogue names each example case by its full public address; without one (site_url), by none."""
    tree = page(subpath_site, CATALOGUE)
    printed = [n.text(strip=True) for n in tree.css("#mentorkorps .cb-print-url")]
    # The full public address (site_url in mkdocs.yml), so a printed catalogue can be followed.
    assert printed == [SUB_PATH_URL + "cases/ibm-nydansker-erhvervsmentorer/"]
    assert page(real_site, CATALOGUE).css(".cb-print-url") == []
    assert any("casebook-print.css" in (n.attributes.get("href") or "") and n.attributes.get("media") == "print"
               for n in tree.css("link[rel=stylesheet]"))


# --- taxonomy pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["da", "en"])
def test_taxonomy_pages_list_what_carries_each_term(real_site: Path, project: Project, lang: str) -> None:
    taxonomy = project.taxonomy
    assert taxonomy is not None
    vocabularies = {"themes": [t.id for t in taxonomy.themes], "formats": [t.id for t in taxonomy.formats],
                    "sdgs": [s.number for s in taxonomy.sdgs]}
    for field, ids in vocabularies.items():
        for term in ids:
            url = f"{PREFIX[lang]}{field}/{term}/"
            tree = page(real_site, url)
            cases = {n.attributes["data-cb-case-url"] for n in tree.css("#cb-term-cases [data-cb-case-url]")}
            ideas = {resolve(url, h) for h in hrefs(tree, "#cb-term-ideas a")}
            assert cases == {f"{PREFIX[lang]}cases/{slug}/" for slug, e in project.cases.items()
                             if term in getattr(e.case, field)}, url
            assert ideas == {f"{PREFIX[lang]}catalogues/{e.catalogue}/{e.idea.id}/" for e in project.ideas.values()
                             if term in getattr(e.idea, field)}, url


def test_sdg_page_shows_number_name_and_colour(real_site: Path) -> None:
    for lang, name in (("da", "Partnerskaber for handling"), ("en", "Partnerships for the goals")):
        tree = page(real_site, f"{PREFIX[lang]}sdgs/17/")
        heading = tree.css_first("h1")
        assert name in heading.text()
        badge = heading.css_first(".cb-sdg__number")
        assert badge.text(strip=True) == "17"
        assert "#19486A" in (badge.attributes.get("style") or "")


def test_case_facts_link_to_taxonomy_pages(real_site: Path) -> None:
    url = "en/cases/ibm-nydansker-erhvervsmentorer/"
    tree = page(real_site, url)
    assert "en/themes/integration/" in {resolve(url, h) for h in hrefs(tree, "#cb-themes a")}
    assert "en/formats/mentoring/" in {resolve(url, h) for h in hrefs(tree, "#cb-formats a")}
    assert "en/sdgs/10/" in {resolve(url, h) for h in hrefs(tree, "#cb-sdgs a")}


def test_organisation_pages_list_cases_and_roles(real_site: Path, project: Project) -> None:
    url = "en/organisations/frivilligraadet/"
    tree = page(real_site, url)
    items = [(resolve(url, a.attributes.get("href") or ""), group.css_first(".cb-role__title").text())
             for group in tree.css("#cb-organisation-cases .cb-role") for a in group.css(".cb-card__title a")]
    expected = [(f"en/cases/{slug}/", "Role: Host") for slug, e in project.cases.items()
                if any(p.org == "frivilligraadet" for p in e.case.partners)]
    assert items == expected and expected


@pytest.mark.parametrize(("lang", "label"), [("da", "Deltager"), ("en", "Participant")])
def test_participants_are_faceted_as_such(real_site: Path, lang: str, label: str) -> None:
    """The task force's members from Københavns Kommune and Roskilde Universitet make the CSR Forum case
    a case with participants, and the search page offers that role by name."""
    case = page(real_site, f"{PREFIX[lang]}cases/csr-forum-sme-medarbejderfrivillighed/")
    assert _filters(case)["partner"] == {"network", "ngo", "company", "consultancy", "participant"}
    search = page(real_site, f"{PREFIX[lang]}search/")
    value = search.css_first('#cb-facet-partner [data-cb-value="participant"]')
    assert value is not None and label in value.text(strip=True)
    assert int(value.css_first("[data-cb-count]").text()) >= 1


# --- facets --------------------------------------------------------------------------------------


def _filters(tree: HTMLParser) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for node in tree.css("[data-pagefind-filter]"):
        key, _, value = (node.attributes["data-pagefind-filter"] or "").partition(":")
        found.setdefault(key, set()).add(value)
    return found


def test_case_pages_carry_their_facet_values(real_site: Path, project: Project) -> None:
    orgs = project.organisations
    for slug, entry in project.cases.items():
        case = entry.case
        expected = {
            "type": {"case"}, "theme": set(case.themes), "format": set(case.formats),
            "sdg": {str(n) for n in case.sdgs}, "sector": set(case.sectors),
            "partner": {p.role for p in case.partners},
            "size": {orgs[p.org].size for p in case.partners if p.role == "company" and orgs[p.org].size},
            "year": {str(case.when.year)} if case.when else set(),
            "measure": {o.measure for o in case.outcomes if o.measure},
        }
        expected = {k: v for k, v in expected.items() if v}
        for lang in ("da", "en"):
            assert _filters(page(real_site, f"{PREFIX[lang]}cases/{slug}/")) == expected, (slug, lang)


def test_idea_pages_carry_their_facet_values(real_site: Path, project: Project) -> None:
    taxonomy = project.taxonomy
    assert taxonomy is not None
    for entry in project.ideas.values():
        idea = entry.idea
        hours = idea.effort.hours_per_employee
        band = next(e.id for e in taxonomy.efforts if e.max_hours is None or hours <= e.max_hours)
        expected = {"type": {"idea"}, "theme": set(idea.themes), "format": set(idea.formats),
                    "sdg": {str(n) for n in idea.sdgs}, "size": set(idea.company_sizes), "effort": {band},
                    "cost": {idea.cost},
                    "partner": {p.role for s in idea.examples for p in project.cases[s].case.partners}}
        expected = {k: v for k, v in expected.items() if v}
        url = f"en/catalogues/{entry.catalogue}/{idea.id}/"
        assert _filters(page(real_site, url)) == expected, url


@pytest.mark.parametrize("lang", ["da", "en"])
def test_facet_counts_on_the_search_page_match_the_search_index(real_site: Path, lang: str) -> None:
    """The counts printed on the search page, the facet values on the pages and Pagefind's filter
    index all agree, value by value."""
    tree = page(real_site, f"{PREFIX[lang]}search/")
    shown: dict[str, dict[str, int]] = {}
    for facet in tree.css("[data-cb-facet]"):
        name = facet.attributes["data-cb-facet"] or ""
        shown[name] = {v.attributes["data-cb-value"] or "": int(v.css_first("[data-cb-count]").text())
                       for v in facet.css("[data-cb-value]")}
    from_pages: dict[str, Counter[str]] = {}
    lang_root = real_site / PREFIX[lang] if lang != "da" else real_site
    for file in site_pages(real_site, "index.html"):
        if (lang == "da") == file.is_relative_to(real_site / "en"):
            continue
        tree_ = HTMLParser(file.read_text(encoding="utf-8"))
        if tree_.css_first("[data-pagefind-body]") is None:
            continue
        for key, values in _filters(tree_).items():
            from_pages.setdefault(key, Counter()).update(values)
    assert lang_root.is_dir()
    index = pagefind_index(real_site)[lang]["filters"]
    from_index = {key: {value: len(pages) for value, pages in values.items()} for key, values in index.items()}
    assert shown == {k: dict(v) for k, v in from_pages.items()} == from_index
    assert {"type", "theme", "format", "sdg", "measure", "size", "effort", "cost", "sector", "partner",
            "year"} <= set(shown)
    assert shown["type"]["idea"] == 7 and shown["type"]["case"] == 4


def test_facet_labels_are_in_the_page_language(real_site: Path) -> None:
    strings = load_strings()
    for lang in ("da", "en"):
        tree = page(real_site, f"{PREFIX[lang]}search/")
        labels = [n.text(strip=True) for n in tree.css(".cb-facet legend")]
        assert labels[:3] == [strings[f"facet_{f}"][lang] for f in ("type", "theme", "format")]
        size_labels = [n.text(strip=True) for n in tree.css("#cb-facet-size .cb-facet__name")]
        assert size_labels[1] == ("Lille virksomhed (10–49 ansatte)" if lang == "da"
                                  else "Small company (10–49 employees)")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_search_page_without_javascript_lists_ideas_and_leads_to_all_cases(real_site: Path, project: Project,
                                                                           lang: str) -> None:
    url = f"{PREFIX[lang]}search/"
    tree = page(real_site, url)
    ideas = {resolve(url, h) for h in hrefs(tree, "#cb-browse-ideas a")}
    assert ideas == {f"{PREFIX[lang]}catalogues/{e.catalogue}/{e.idea.id}/" for e in project.ideas.values()}
    # Every case is one link away (the case list), not listed here: the page stays small at any size.
    link = tree.css_first("#cb-browse-cases")
    assert resolve(url, link.attributes["href"] or "") == f"{PREFIX[lang]}cases/"
    assert str(len(project.cases)) in link.text()
    # The controls that need JavaScript stay hidden until the script shows them.
    assert "hidden" in tree.css_first("#cb-finder-controls").attributes


@pytest.mark.parametrize("lang", ["da", "en"])
def test_first_page_of_browsing_is_built_in(real_site: Path, project: Project, lang: str) -> None:
    """Without words or filters the search page needs no index: its first results are in the HTML, in
    browsing order (ideas, then the newest cases), as many as a page of results holds."""
    url = f"{PREFIX[lang]}search/"
    tree = page(real_site, url)
    cards = [resolve(url, h) for h in hrefs(tree, "#cb-results .cb-card__title a")]
    # Browsing order is the facet file's (casebook/publish/facetfile.py): its cards, file after file.
    folder = real_site / url
    files = json.loads((folder / "facets.json").read_text(encoding="utf-8"))
    order = [card[0] for n in range(-(-files["pages"] // files["cards"]))
             for card in json.loads((folder / "cards" / f"{n}.json").read_text(encoding="utf-8"))]
    assert len(order) == files["pages"]
    assert [p for p in order if p.startswith("catalogues/") or p.startswith("en/catalogues/")] == \
        order[:len(project.ideas)]
    expected = order[:SEARCH_PAGE_SIZE]
    assert cards == expected and len(cards) == SEARCH_PAGE_SIZE
    assert tree.css_first("#cb-finder").attributes["data-cb-page-size"] == str(SEARCH_PAGE_SIZE)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_front_page_leads_to_newest_cases_catalogue_and_search(real_site: Path, lang: str) -> None:
    url = PREFIX[lang]
    tree = page(real_site, url)
    assert len(tree.css("#cb-newest .cb-card")) == 4
    assert f"{url}{CATALOGUE}" in {resolve(url, h) for h in hrefs(tree, "#cb-home-catalogues a")}
    form = tree.css_first("#cb-home-search")
    assert form is not None and resolve(url, form.attributes.get("action") or "") == f"{url}search/"


def test_every_indexed_page_has_card_texts(real_site: Path) -> None:
    index = pagefind_index(real_site)
    for lang in ("da", "en"):
        assert index[lang]["meta"] == ["figure", "partners", "summary", "title", "type"]
        assert index[lang]["sorts"] == []  # browsing without words is the facet file's


# --- PDF -------------------------------------------------------------------------------------------


@pytest.mark.skipif(not pdf.available(), reason="WeasyPrint is not installed (make pdf-deps)")
@pytest.mark.parametrize("lang", ["da", "en"])
def test_catalogue_pdf_per_language(subpath_site: Path, project: Project, lang: str) -> None:
    from pypdf import PdfReader

    # Built with a public address, which the PDF prints under each example case.
    path = subpath_site / PREFIX[lang] / "catalogues" / "kom-i-gang.pdf"
    reader = PdfReader(path)
    width, height = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = " ".join(p.extract_text() for p in reader.pages)
    catalogue = project.catalogues["kom-i-gang"].catalogue
    flat = " ".join(text.split())
    assert catalogue.title.get(lang) in flat
    for idea in catalogue.ideas:
        assert idea.title.get(lang) in flat, idea.id
        assert " ".join(idea.first_steps[0].get(lang).split()) in flat, idea.id
    assert SUB_PATH_URL + PREFIX[lang] + "cases/ibm-baba-workshop/" in flat
    link = page(subpath_site, PREFIX[lang] + CATALOGUE).css_first("#cb-catalogue-pdf")
    assert link is not None and (link.attributes.get("href") or "").endswith("kom-i-gang.pdf")
