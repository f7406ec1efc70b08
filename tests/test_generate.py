"""The site plan, without MkDocs: URLs, alternates, fallbacks, menus and UI strings."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, edit

from casebook.core.languages import LANGUAGES
from casebook.project import load_project
from casebook.site.plan import SitePlan
from casebook.site.strings import load_strings
from casebook.site.urls import url_for


def plan(root: Path) -> SitePlan:
    project = load_project(root)
    assert project.errors == []
    return SitePlan(project)


def test_urls_per_language() -> None:
    """Danish pages live at the root, English ones under en/."""
    assert url_for("da", "cases/x/") == "cases/x/"
    assert url_for("en", "cases/x/") == "en/cases/x/"
    assert url_for("en") == "en/"


def test_every_page_has_both_alternates(minimal: Path) -> None:
    """Each planned page names itself and its counterpart; the list is the same in both languages."""
    pages = plan(minimal).pages
    urls = {p.url for p in pages}
    assert {"", "en/", "cases/", "en/cases/", "cases/alpha-workshop/", "en/cases/beta-mentors/",
            "organisations/acme/", "en/organisations/hjaelp/", "search/", "en/search/", "about/"} <= urls
    for page in pages:
        assert page.alternates[page.lang] == page.url
        assert set(page.alternates) == set(LANGUAGES)
        assert all(alt in urls for alt in page.alternates.values())


def test_fallback_case_view(minimal: Path) -> None:
    """A case without index.en.md is planned as untranslated in English, pointing at the Danish story."""
    site = plan(minimal)
    entry = site.project.cases["beta-mentors"]
    english, danish = site.cases.view(entry, "en"), site.cases.view(entry, "da")
    assert (english.translated, english.original_url) == (False, "cases/beta-mentors/")
    assert (danish.translated, danish.original_url) == (True, None)


def test_cases_newest_first(minimal: Path) -> None:
    """Case lists put the newest case first (a period counts from its start)."""
    assert [e.slug for e in plan(minimal).cases_newest_first] == ["beta-mentors", "alpha-workshop"]


NOTE = ("efterår, år ikke oplyst", "autumn, year not given")


def test_an_undated_case_is_last_and_says_so(minimal: Path) -> None:
    """An undated case comes after every dated one; its page and card say "uden dato" / "undated", or its
    note when it has one, and give no ISO date."""
    beta_yml = minimal / "cases/beta-mentors/case.yml"
    edit(beta_yml, "period:\n  start: 2016-03\n  end: 2016-09", "undated: true")
    site = plan(minimal)
    assert [e.slug for e in site.cases_newest_first] == ["alpha-workshop", "beta-mentors"]
    beta = site.project.cases["beta-mentors"]
    shown = {lang: (site.cases.view(beta, lang), site.cases.card(beta, lang)) for lang in LANGUAGES}
    assert [(v.when, v.when_iso, v.start, c.when) for v, c in shown.values()] == [
        ("uden dato", "", None, "uden dato"), ("undated", "", None, "undated")]
    edit(beta_yml, "undated: true", f'undated: true\ndate_note: {{da: "{NOTE[0]}", en: "{NOTE[1]}"}}')
    site = plan(minimal)
    beta = site.project.cases["beta-mentors"]
    assert [site.cases.view(beta, lang).when for lang in LANGUAGES] == list(NOTE)
    assert [site.cases.card(beta, lang).when for lang in LANGUAGES] == list(NOTE)


def test_participants_are_shown_apart_from_the_partners(minimal: Path) -> None:
    """A participant is not among a case's partners (page, card, search record) but in its own list,
    with its role in the page's language, and on its organisation's page with that role."""
    edit(minimal / "cases/alpha-workshop/case.yml", "  - org: hjaelp\n    role: ngo",
         "  - org: hjaelp\n    role: participant")
    site = plan(minimal)
    alpha = site.project.cases["alpha-workshop"]
    for lang, kind, role in (("da", "Virksomhed", "Deltager"), ("en", "Company", "Participant")):
        view = site.cases.view(alpha, lang)
        assert [(p.title, p.note) for p in view.partners] == [("Acme A/S", kind)]
        assert [(p.title, p.note) for p in view.involved] == [("Foreningen Hjælp", role)]
        assert site.cases.card(alpha, lang).partners == ["Acme A/S"]
        org_page = next(p for p in site.pages if p.url == f"{'en/' if lang == 'en' else ''}organisations/hjaelp/")
        assert [(g.role, g.label) for g in org_page.data["organisation"].cases] == [("participant", role)]
    case_page = next(p for p in site.pages if p.url == "cases/alpha-workshop/")
    assert case_page.search is not None and case_page.search.partners == "Acme A/S"
    assert case_page.search.filters["partner"] == ["company", "participant"]


def test_organisation_page_names_the_source_of_its_description(minimal: Path) -> None:
    """Each organisation's page gives its description's source, with publisher and date as known."""
    pages = {p.url: p for p in plan(minimal).pages}
    acme = pages["organisations/acme/"].data["organisation"]
    hjaelp = pages["en/organisations/hjaelp/"].data["organisation"]
    assert (acme.source.title, acme.source.url, acme.source.publisher, acme.source.published) == \
        ("Acme's own pages", "https://acme.example.com/about", "Acme A/S", None)
    assert (hjaelp.source.title, hjaelp.source.publisher) == ("Foreningen Hjælps årsberetning", None)


def test_organisation_lists_its_cases_and_roles(minimal: Path) -> None:
    """An organisation page lists its cases under the role it had in them, the role said once."""
    page = next(p for p in plan(minimal).pages if p.url == "organisations/hjaelp/")
    groups = page.data["organisation"].cases
    assert [(g.label, [c.title for c in g.cases]) for g in groups] == [("Forening / NGO", ["Alfa-workshoppen"])]


def test_ui_strings_exist_in_both_languages() -> None:
    """Every UI string has a non-empty Danish and English text (except deliberate blanks)."""
    for key, texts in load_strings().items():
        assert set(texts) == set(LANGUAGES), key
        assert texts["en"], key


def test_templates_use_only_known_strings() -> None:
    """Every `t.<key>` a template uses exists in ui.yml, so no page shows a missing label."""
    known = set(load_strings())
    used: set[str] = set()
    for template in (ROOT / "overrides").rglob("*.html"):
        used |= set(re.findall(r"\bt\.([a-z_]+)", template.read_text(encoding="utf-8")))
    assert used, "no strings found: the pattern no longer matches the templates"
    assert used - known == set()
