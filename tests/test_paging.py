"""Long lists in pages (casebook/site/paging.py): the case list and the term pages show LIST_PAGE_SIZE cases
a page, every case once, with links between the pages in both languages; a built site of thirty cases,
in a browser, passes axe and each page's links lead to the others."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SiteReport
from playwright.sync_api import Browser
from test_accessibility import axe_source, check  # noqa: F401 - the fixture

from benchmarks.corpus import write_corpus
from casebook.core.languages import LANGUAGES
from casebook.project import load_project
from casebook.site.paging import LIST_PAGE_SIZE, PagerLink, page_address, pager, split
from casebook.site.plan import SitePlan
from casebook.site.urls import cases_url
from tools.static_host import serve


def test_split_and_addresses() -> None:
    assert split(list(range(5)), 2) == [[0, 1], [2, 3], [4]]
    assert split([], 2) == [[]]
    assert page_address("cases/", 1) == "cases/" and page_address("en/cases/", 3) == "en/cases/page/3/"


def test_pager_links_the_first_the_last_and_the_pages_around() -> None:
    assert pager("cases/", 1, 1, "Side {n} af {count}") is None
    middle = pager("cases/", 6, 12, "Side {n} af {count}")
    assert middle is not None and middle.status == "Side 6 af 12"
    assert (middle.previous, middle.next) == ("cases/page/5/", "cases/page/7/")
    assert [link.number if link else None for link in middle.links] == [1, None, 4, 5, 6, 7, 8, None, 12]
    assert [link for link in middle.links if link and link.current] == [PagerLink(6, "cases/page/6/", True)]
    first = pager("cases/", 1, 3, "{n}/{count}")
    assert first is not None and first.previous is None and first.next == "cases/page/2/"
    assert [link.number if link else None for link in first.links] == [1, 2, 3]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thirty cases of the benchmark's synthetic corpus: two pages of the case list at 24 a page."""
    return write_corpus(tmp_path_factory.mktemp("paging") / "corpus", 30)


def test_every_case_is_on_one_page_of_the_list_in_each_language(corpus: Path) -> None:
    project = load_project(corpus)
    assert not project.errors
    plan = SitePlan(project, page_size=7)
    slugs = [entry.slug for entry in plan.cases_newest_first]
    for lang in LANGUAGES:
        lists = [p for p in plan.pages if p.template == "casebook/case-list.html" and p.lang == lang]
        assert [p.url for p in lists] == [page_address(cases_url(lang), n) for n in range(1, 6)]
        assert [c.url.split("/")[-2] for p in lists for c in p.data["cases"]] == slugs  # newest first, once each
        assert [len(p.data["cases"]) for p in lists] == [7, 7, 7, 7, 2]
        assert [p.data["pager"].number for p in lists] == [1, 2, 3, 4, 5]
        assert lists[0].title == plan.strings[lang].cases_title
        assert lists[1].title == plan.strings[lang].cases_title + (", side 2 af 5" if lang == "da" else ", page 2 of 5")
        other = "en" if lang == "da" else "da"
        assert lists[2].alternates[other] == page_address(cases_url(other), 3)


def test_a_term_page_shows_its_ideas_and_totals_on_the_first_page_only(corpus: Path) -> None:
    plan = SitePlan(load_project(corpus), page_size=5)
    terms = [p for p in plan.pages if p.template == "casebook/term.html" and p.lang == "da"]
    first_pages = [p for p in terms if "/page/" not in p.url]
    later = [p for p in terms if "/page/" in p.url]
    assert later, "some term has more than five cases"
    for page in later:
        assert page.data["term"].ideas == [] and page.data["totals"] == []
        assert page.url.startswith(page.data["pager"].links[0].url)
    for page in first_pages:
        base = page.url
        cards = [c.url for p in terms if p.url.startswith(base) and
                 (p.url == base or p.url.startswith(base + "page/")) for c in p.data["term"].cases]
        index = plan.shared.index
        kind, term_id = page.data["term"].kind, base.rstrip("/").split("/")[-1]
        assert len(cards) == len(set(cards)) == len(index.by_term[kind, term_id][0])


@pytest.fixture(scope="module")
def paged_site(corpus: Path) -> Iterator[str]:
    """The thirty cases built by `mkdocs build` (24 a page) and served."""
    site = corpus / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=corpus,
                            capture_output=True, text=True, check=False,
                            env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "CASEBOOK_PARALLEL": "0",
                                 "PYTHONPATH": str(ROOT), "HOME": str(corpus)})
    assert result.returncode == 0, result.stderr
    httpd, base = serve(site)
    yield base
    httpd.shutdown()


@pytest.mark.parametrize("first", ["cases/", "en/cases/"])
def test_the_pages_of_the_list_link_to_each_other(browser: Browser, paged_site: str, first: str,
                                                  axe_source: str, site_report: SiteReport) -> None:  # noqa: F811
    assert LIST_PAGE_SIZE == 24
    page = browser.new_page()
    page.goto(paged_site + first)
    assert page.locator("#cb-case-list > li").count() == 24
    nav = page.locator("nav#cb-case-pages")
    assert nav.get_attribute("aria-label") in ("Sider", "Pages")
    assert nav.locator('[aria-current="page"]').inner_text() == "1"
    nav.locator('a[rel="next"]').click()
    page.wait_for_url(paged_site + first + "page/2/")
    assert page.locator("#cb-case-list > li").count() == 6
    assert page.locator("h1").inner_text().endswith(("side 2 af 2", "page 2 of 2"))
    assert page.locator('nav#cb-case-pages [aria-current="page"]').inner_text() == "2"
    assert page.locator('nav#cb-case-pages a[rel="next"]').count() == 0
    check(page, axe_source, site_report)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        box = page.locator("nav#cb-case-pages").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    page.locator('nav#cb-case-pages a[rel="prev"]').click()
    page.wait_for_url(paged_site + first)
    page.close()
