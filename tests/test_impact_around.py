"""Impact where people look (issue 16, point 4): the front page's headline figures, the figures of an
organisation's partner cases and of a term's cases, and the search facet by measure.

The expected totals are added up here from the case files with plain sums (yaml.safe_load), not with
Casebook's impact code, so a mistake in that code cannot agree with itself.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from conftest import ROOT
from playwright.sync_api import Browser
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from casebook.model.registry import Measure
from casebook.site.impact import Total
from casebook.site.pages.handwritten import headline_totals

PREFIX = {"da": "", "en": "en/"}
OF = {"da": "af", "en": "of"}
NOT_PARTNERS = {"participant", "host"}  # around a case without being its partner
ANCHOR = "measure-{}"  # a measure's section on the impact page


def cases() -> dict[str, dict[str, Any]]:
    """Every case.yml of the repository, by its folder's name."""
    return {p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((ROOT / "cases").glob("*/case.yml"))}


def measures() -> dict[str, dict[str, Any]]:
    taxonomy = yaml.safe_load((ROOT / "content" / "taxonomy.yml").read_text(encoding="utf-8"))
    return {m["id"]: m for m in taxonomy["measures"]}


def sums(slugs: list[str]) -> dict[str, tuple[float, float | None, int]]:
    """Measure id -> (sum of its figures, sum of their wholes or None, number of cases) over ``slugs``."""
    found: dict[str, tuple[float, float | None, set[str]]] = {}
    every = cases()
    for slug in slugs:
        for outcome in every[slug].get("outcomes", []):
            if "measure" not in outcome:
                continue
            value, whole, seen = found.get(outcome["measure"], (0, None, set()))
            if "of" in outcome:
                whole = (whole or 0) + outcome["of"]
            found[outcome["measure"]] = (value + outcome["value"], whole, seen | {slug})
    return {m: (v, w, len(s)) for m, (v, w, s) in found.items()}


def figure(measure: str, value: float, whole: float | None, lang: str) -> str:
    """A summed figure as the pages write it, formatted here by hand."""
    grouped = f"{value:,}".replace(",", "." if lang == "da" else ",")
    unit = measures()[measure].get("unit")
    if whole is not None:
        return f"{grouped} {OF[lang]} {whole}"
    if unit == "DKK":
        return f"{grouped}\u00a0kr." if lang == "da" else f"DKK\u00a0{grouped}"  # a no-break space
    if unit == "duration-day":
        return f"{grouped} " + {"da": ("dag", "dage"), "en": ("day", "days")}[lang][value != 1]
    return grouped


def page(site: Path, url: str) -> HTMLParser:
    path = site / url / "index.html"
    assert path.is_file(), f"/{url} was not built"
    return HTMLParser(path.read_text(encoding="utf-8"))


def tiles(tree: HTMLParser, selector: str) -> list[tuple[str, str, str, str]]:
    """(measure id, figure, name, where from) of each total in the list ``selector``."""
    return [(li.attributes["data-cb-measure"] or "", li.css_first(".cb-total__figure").text(strip=True),
             li.css_first(".cb-total__name").text(strip=True), li.css_first(".cb-total__meta").text(strip=True))
            for li in tree.css(f"{selector} li.cb-total")]


def expected_tiles(slugs: list[str], lang: str) -> list[tuple[str, str, str, str]]:
    """The summed totals of ``slugs`` in the taxonomy's order (a range is checked by the golden tests)."""
    found = sums(slugs)
    result = []
    for measure, m in measures().items():
        if measure in found and m.get("aggregate", "sum") == "sum":
            value, whole, n = found[measure]
            count = f"{n} case" if n == 1 else f"{n} cases"
            result.append((measure, figure(measure, value, whole, lang), m[lang],
                           f"{'fra' if lang == 'da' else 'from'} {count}"))
    return result


def summed_only(found: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    ranges = {i for i, m in measures().items() if m.get("aggregate") == "range"}
    return [t for t in found if t[0] not in ranges]


# --- the front page --------------------------------------------------------------------------------

HEADLINES = {
    "da": [("volunteers", "36", "Frivillige medarbejdere", "fra 3 cases"),
           ("people-reached", "35", "Mennesker nået", "fra 2 cases"),
           ("into-work-or-education", "8 af 25", "I job, praktik eller uddannelse", "fra 1 case"),
           ("cash-donated", "5.440\u00a0kr.", "Pengedonationer", "fra 1 case")],
    "en": [("volunteers", "36", "Employee volunteers", "from 3 cases"),
           ("people-reached", "35", "People reached", "from 2 cases"),
           ("into-work-or-education", "8 of 25", "Into work, internships or education", "from 1 case"),
           ("cash-donated", "DKK\u00a05,440", "Cash donated", "from 1 case")],
}


def _measure(id_: str, kind: str, unit: str | None = None, aggregate: str = "sum") -> Measure:
    return Measure.model_validate({"id": id_, "da": id_, "en": id_, "kind": kind, "unit": unit,
                                   "aggregate": aggregate})


def test_headline_rule_takes_each_kind_then_money() -> None:
    """The first summed total of each kind (input, output, impact), then the first input in money."""
    given = [Total(m, ()) for m in (
        _measure("hours", "input", "duration-hour"), _measure("people", "output"),
        _measure("months", "output", "duration-month", "range"), _measure("cash", "input", "DKK"),
        _measure("jobs", "impact"), _measure("more-people", "output"))]
    assert [t.measure.id for t in headline_totals(given)] == ["hours", "people", "jobs", "cash"]


def test_headline_rule_shows_fewer_when_kinds_are_missing() -> None:
    """Without an impact figure and with money first among the inputs there are two headlines, not a
    filler: a range is never one."""
    given = [Total(m, ()) for m in (_measure("cash", "input", "DKK"), _measure("people", "output"),
                                    _measure("months", "impact", "duration-month", "range"))]
    assert [t.measure.id for t in headline_totals(given)] == ["cash", "people"]


@pytest.mark.build
@pytest.mark.parametrize("lang", ["da", "en"])
def test_front_page_headlines_are_the_totals_of_the_case_files(real_site: Path, lang: str) -> None:
    """The front page shows the seed site's four headline totals (golden), each equal to the plain sum
    of the case files, and leads to the impact page."""
    url = PREFIX[lang]
    tree = page(real_site, url)
    shown = tiles(tree, "#cb-home-totals")
    assert shown == HEADLINES[lang]
    every = {t[0]: t for t in expected_tiles(list(cases()), lang)}
    assert shown == [every[t[0]] for t in shown]
    section = tree.css_first(".cb-home-figures")
    assert section.css_first("h2").text(strip=True) == ("Casene i tal" if lang == "da" else "The cases in figures")
    assert section.css_first("h2 + p").text(strip=True) == (
        "Lagt sammen på tværs af alle casene." if lang == "da" else "Added up across all the cases.")
    link = tree.css_first("#cb-home-impact")
    assert link.text(strip=True) == ("Se alle resultater" if lang == "da" else "See all the impact")
    assert urlsplit(urljoin("http://site/" + url, link.attributes["href"] or "")).path == f"/{url}impact/"
    # Each tile leads to its measure on the impact page.
    targets = [urlsplit(urljoin("http://site/" + url, a.attributes["href"] or ""))
               for a in tree.css("#cb-home-totals a.cb-total__link")]
    assert [(t.path, t.fragment) for t in targets] == [(f"/{url}impact/", ANCHOR.format(t[0])) for t in shown]


# --- organisations and terms -------------------------------------------------------------------------


def partner_cases(org: str) -> list[str]:
    return [slug for slug, case in cases().items()
            if any(p["org"] == org and p["role"] not in NOT_PARTNERS for p in case["partners"])]


@pytest.mark.build
@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("org", ["ibm-danmark", "baba"])
def test_organisation_shows_the_totals_of_its_partner_cases(real_site: Path, org: str, lang: str) -> None:
    """IBM Danmark (a partner in all four cases) and baba (a partner in one) show the sums of the cases
    they are partners in, under "Impact in figures"."""
    slugs = partner_cases(org)
    assert slugs
    tree = page(real_site, f"{PREFIX[lang]}organisations/{org}/")
    assert summed_only(tiles(tree, "#cb-organisation-impact")) == expected_tiles(slugs, lang)
    heading = tree.css_first("#cb-organisation-impact-title").text(strip=True)
    assert heading == ("Resultater i tal" if lang == "da" else "Impact in figures")


@pytest.mark.build
def test_ibm_danmark_figures_are_golden(real_site: Path) -> None:
    """IBM Danmark's figures in English, the range among them, exactly."""
    tree = page(real_site, "en/organisations/ibm-danmark/")
    assert [(t[1], t[2]) for t in tiles(tree, "#cb-organisation-impact")] == [
        ("36", "Employee volunteers"), ("1 day", "Volunteer days"), ("DKK\u00a05,440", "Cash donated"),
        ("25", "Equipment provided (items)"), ("35", "People reached"),
        ("6 months", "Months of support per participant"), ("8 of 25", "Into work, internships or education")]
    assert tree.css_first("#cb-organisation-impact .cb-impact-figures__text").text(strip=True) == (
        "The figures of the cases IBM Danmark is a partner in, added up.")
    note = tree.css_first('[data-cb-measure="support-months-per-person"] .cb-total__note').text(strip=True)
    assert note == "a figure per participant, never added up"


@pytest.mark.build
@pytest.mark.parametrize("org", ["fonden-for-socialt-ansvar", "frivilligraadet", "koebenhavns-kommune"])
def test_organisation_around_cases_but_no_partner_shows_no_figures(real_site: Path, org: str) -> None:
    """A host (of a case with figures) or a participant is no partner: its page shows no figures."""
    assert not partner_cases(org)
    assert any(p["org"] == org for case in cases().values() for p in case["partners"])
    for lang in ("da", "en"):
        tree = page(real_site, f"{PREFIX[lang]}organisations/{org}/")
        assert tree.css_first("#cb-organisation-impact") is None
        assert tree.css_first(".cb-totals") is None


@pytest.mark.build
@pytest.mark.parametrize(("lang", "url", "field", "value"), [
    ("en", "themes/integration/", "themes", "integration"), ("da", "themes/integration/", "themes", "integration"),
    ("da", "sdgs/8/", "sdgs", 8), ("en", "sdgs/8/", "sdgs", 8), ("en", "formats/workshop/", "formats", "workshop")])
def test_term_page_shows_the_totals_of_its_cases(real_site: Path, lang: str, url: str, field: str,
                                                value: object) -> None:
    """A theme's, an SDG's and a format's page show the sums of the cases that carry it."""
    slugs = [slug for slug, case in cases().items() if value in case.get(field, [])]
    assert slugs
    tree = page(real_site, PREFIX[lang] + url)
    assert summed_only(tiles(tree, "#cb-term-impact")) == expected_tiles(slugs, lang)
    assert tree.css_first("#cb-term-impact .cb-impact-figures__text").text(strip=True) == (
        "Tallene fra alle casene om dette emne, lagt sammen." if lang == "da"
        else "The figures of all the cases on this topic, added up.")


@pytest.mark.build
def test_term_without_measured_cases_shows_no_figures(real_site: Path) -> None:
    """The CSR-strategy theme's only case has no measured figure: no heading, no empty list."""
    assert [s for s, c in cases().items() if "csr-strategy" in c["themes"]] == ["csr-forum-sme-medarbejderfrivillighed"]
    tree = page(real_site, "en/themes/csr-strategy/")
    assert tree.css_first("#cb-term-impact") is None and tree.css_first(".cb-totals") is None


# --- the measure facet ----------------------------------------------------------------------------


def case_measures() -> dict[str, set[str]]:
    return {slug: {o["measure"] for o in case.get("outcomes", []) if "measure" in o} for slug, case in cases().items()}


@pytest.mark.build
def test_case_pages_carry_their_measures_as_filters(real_site: Path) -> None:
    """Each case page's Pagefind filters name the measures of its outcomes, and nothing else does."""
    for slug, expected in case_measures().items():
        for lang in ("da", "en"):
            tree = page(real_site, f"{PREFIX[lang]}cases/{slug}/")
            found = {(n.attributes["data-pagefind-filter"] or "").partition(":")[2]
                     for n in tree.css('[data-pagefind-filter^="measure:"]')}
            assert found == expected, (slug, lang)


@pytest.mark.build
@pytest.mark.parametrize(("lang", "label"), [("da", "Hvad blev målt"), ("en", "What was measured")])
def test_search_page_offers_the_measures_with_counts(real_site: Path, lang: str, label: str) -> None:
    """The search page lists the measure facet under its label, its values in the taxonomy's order with
    the number of cases that carry each."""
    tree = page(real_site, f"{PREFIX[lang]}search/")
    facet = tree.css_first("#cb-facet-measure")
    assert facet.css_first("legend").text(strip=True) == label
    counts = Counter(m for found in case_measures().values() for m in found)
    shown = [(v.attributes["data-cb-value"], v.css_first(".cb-facet__name").text(strip=True),
              int(v.css_first("[data-cb-count]").text())) for v in facet.css("[data-cb-value]")]
    assert shown == [(i, m[lang], counts[i]) for i, m in measures().items() if counts[i]]
    order = [n.attributes["data-cb-facet"] for n in tree.css("[data-cb-facet]")]
    assert order.index("measure") == order.index("sdg") + 1


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_filtering_by_measure_gives_the_cases_with_it(browser: Browser, server: str, prefix: str) -> None:
    """?measure=into-work-or-education shows exactly the cases with a figure of that measure, the box
    ticked; ticking a second measure widens the results."""
    from test_search_browser import choose, open_finder, result_paths

    expected = {f"/{prefix}cases/{s}/" for s, found in case_measures().items() if "into-work-or-education" in found}
    assert expected
    page_ = browser.new_page()
    open_finder(page_, server + prefix + "search/?measure=into-work-or-education")
    assert set(result_paths(page_)) == expected
    assert page_.locator("#cb-facet-measure-into-work-or-education").is_checked()
    choose(page_, "measure", "volunteers")
    wider = {f"/{prefix}cases/{s}/" for s, found in case_measures().items()
             if found & {"into-work-or-education", "volunteers"}}
    assert set(result_paths(page_)) == wider and expected < wider
    page_.close()
