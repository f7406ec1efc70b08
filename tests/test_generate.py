"""The site plan, without MkDocs: URLs, alternates, fallbacks, menus and UI strings."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

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
    """A case without en.md is planned as untranslated in English, pointing at the Danish story."""
    site = plan(minimal)
    entry = site.project.cases["beta-mentors"]
    english, danish = site.cases.view(entry, "en"), site.cases.view(entry, "da")
    assert (english.translated, english.original_url) == (False, "cases/beta-mentors/")
    assert (danish.translated, danish.original_url) == (True, None)


def test_cases_newest_first(minimal: Path) -> None:
    """Case lists put the newest case first (a period counts from its start)."""
    assert [e.slug for e in plan(minimal).cases_newest_first] == ["beta-mentors", "alpha-workshop"]


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
