"""The site plan: every page of the site from a validated :class:`~casebook.project.Project`.

The plan is engine-neutral: each :class:`~casebook.site.views.Page` has a source path, a URL, a
language, a template name and the view data its template shows, already localised. The MkDocs
adapter (:mod:`casebook.plugin`) hands the plan to MkDocs; another engine could take the same plan.

Each kind of page is planned by its module in :mod:`casebook.site.pages`; the plan puts them in the
site's order, gives each page its alternates and answers what every page shares: the menus, the
templates' context and the files the site writes (:mod:`casebook.site.urls` names them all).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import replace
from functools import cached_property
from typing import Any

from casebook.core.issues import Issue
from casebook.core.languages import DEFAULT_LANGUAGE, LANGUAGES, other_language
from casebook.core.messages import msg
from casebook.project import Project
from casebook.project.entries import CaseEntry
from casebook.project.loading import paused_gc
from casebook.site import urls
from casebook.site.facets import Facets
from casebook.site.images import CaseImage
from casebook.site.index import SiteIndex
from casebook.site.pages.cases import CasePages, newest_first
from casebook.site.pages.catalogues import CataloguePages
from casebook.site.pages.handwritten import HandWrittenPages
from casebook.site.pages.impact import ImpactPages
from casebook.site.pages.organisations import OrganisationPages
from casebook.site.pages.search import number_search_records, search_page
from casebook.site.pages.shared import Shared
from casebook.site.pages.topics import TopicPages
from casebook.site.paging import LIST_PAGE_SIZE
from casebook.site.strings import Strings, load_strings
from casebook.site.views import Link, Page


class SitePlan:
    """All pages of a project, and the menus and strings they share."""

    # The adapter finds a catalogue's page by its URL when it writes the catalogue's PDF.
    catalogue_url = staticmethod(urls.catalogue_url)

    def __init__(self, project: Project, strings: dict[str, dict[str, str]] | None = None, *,
                 preview: bool = False, pdf: bool = False, page_size: int = LIST_PAGE_SIZE) -> None:
        self.project = project
        self.preview = preview  # `mkdocs serve`: pages show content problems in a banner
        self.pdf = pdf  # the build writes each catalogue as a PDF
        self.default_lang = DEFAULT_LANGUAGE
        self.with_cases_of: SitePlan | None = None  # the plan this one was made from (with_cases_replanned)
        table = strings or load_strings()
        self.strings = {lang: Strings(table, lang) for lang in LANGUAGES}
        self.facets = Facets(project, table)
        self.index = SiteIndex(project, newest_first(project))
        self.shared = Shared(project, self.strings, self.facets, self.index, pdf=pdf, page_size=page_size)
        self.cases = CasePages(self.shared)
        self.catalogues = CataloguePages(self.shared, self.cases)
        # The kinds of page in the order the site lists them (the menu's hand-written pages first).
        self._kinds = (HandWrittenPages(self.shared, self.cases, self.catalogues), self.cases, self.catalogues,
                       TopicPages(self.shared, self.cases), ImpactPages(self.shared),
                       OrganisationPages(self.shared, self.cases))

    @property
    def cases_newest_first(self) -> list[CaseEntry]:
        """Every case, newest first: the order of the case list, the feeds and the open data."""
        return self.index.cases_newest_first

    @property
    def images(self) -> list[CaseImage]:
        """Every image the site publishes (of the cases and of the pages in content/) and its files
        (casebook/site/images.py)."""
        return [*self.shared.images.values(), *self.shared.page_images.values()]

    @cached_property
    def images_by_address(self) -> dict[str, CaseImage]:
        """Every image the site publishes, by its own address: what a story's ``<img src>`` names."""
        return {image.path: image for image in self.images}

    def same_pages_as(self, other: object) -> bool:
        """Whether ``other`` is this plan or the plan this one was made from by planning some cases'
        pages again (:meth:`with_cases_replanned`): the same pages at the same names, the same strings,
        images and search records."""
        return other is self or (self.with_cases_of is not None and other is self.with_cases_of)

    @cached_property
    def page_urls(self) -> set[str]:
        """Every page's address."""
        return {page.url for page in self.pages}

    @cached_property
    def pages(self) -> list[Page]:
        with paused_gc():
            return self._plan_pages()

    def _plan_pages(self) -> list[Page]:
        pages: list[Page] = []
        for lang in LANGUAGES:
            own = [page for kind in self._kinds for page in kind.pages(lang)]
            number_search_records(own)
            own.append(search_page(self.shared, lang, own))
            pages.extend(own)
        planned = {p.url for p in pages}
        for page in pages:
            page.alternates = _alternates(page, planned)
        return pages

    def with_cases_replanned(self, project: Project, slugs: Iterable[str]) -> SitePlan | None:
        """This plan for ``project``, which differs from the plan's own only in what the pages of the cases
        ``slugs`` show by themselves (their stories' translation status, casebook/project/changes.py): those
        pages planned again, everything else shared with this plan. None when a page planned again would
        change another page (its search record differs)."""
        wanted = set(slugs)
        plan = copy.copy(self)
        plan.project = project
        plan.with_cases_of = self
        shared = copy.copy(self.shared)
        shared.project = project
        cases = copy.copy(self.cases)  # the cards stay shared: they show nothing of the stories
        cases.shared = shared
        pages = list(self.pages)
        for number, page in enumerate(pages):
            view = page.data.get("case") if page.template == "casebook/case.html" else None
            if view is None or view.slug not in wanted:
                continue
            again = cases.page(project.cases[view.slug], page.lang)
            if page.search is not None and again.search is not None:
                again.search = replace(again.search, order=page.search.order)
            if again.search != page.search or again.url != page.url:
                return None
            again.alternates = page.alternates
            pages[number] = again
        plan.__dict__["pages"] = pages  # the cached property's value, for this plan
        return plan

    def menu(self, lang: str) -> list[Link]:
        return self._menus[lang]

    @cached_property
    def _menus(self) -> dict[str, list[Link]]:
        # Computed once: every page shows its language's menu.
        menus = {}
        for lang in LANGUAGES:
            t = self.strings[lang]
            items = [Link(t.nav_home, urls.home_url(lang)), Link(t.nav_search, urls.search_url(lang)),
                     Link(t.nav_catalogues, urls.catalogues_url(lang)), Link(t.nav_cases, urls.cases_url(lang)),
                     Link(t.nav_topics, urls.topics_url(lang))]
            # The impact page exists once a figure names a measure (casebook/site/pages/impact.py).
            items += [Link(t.nav_impact, urls.impact_url(lang))] if self.index.impact.overall else []
            items += [Link(t.nav_organisations, urls.organisations_url(lang))]
            items += [Link(p.title, p.url) for p in self.pages
                      if p.lang == lang and p.template == "casebook/page.html" and p.data.get("menu", True)]
            menus[lang] = items
        return menus

    def outputs(self) -> dict[str, str]:
        """Every file the site writes (site-relative path) and what it comes from."""
        return dict(self._outputs)

    @cached_property
    def _outputs(self) -> dict[str, str]:
        # Computed once: the collisions, the links and the preview's rebuilds ask (the plan does not change).
        result = {urls.page_output(page.url): msg("the page {value}", value=page.url or '/') for page in self.pages}
        for image in self.images:
            result[image.path] = image.path
            for output in image.outputs:
                result[output.path] = msg("a size of the image {value}", value=image.path)
        for path, (slug, _) in self.pdf_outputs().items():
            result[path] = msg("the PDF of catalogue '{slug}'", slug=slug)
        # Written after the build (casebook/publish/): the feeds and the open data.
        for lang in LANGUAGES:
            result[urls.feed_url(lang)] = msg("the feed of the newest cases")
        for path in urls.OPEN_DATA_FILES:
            result[path] = msg("the open data about the cases")
        return result

    def pdf_outputs(self) -> dict[str, tuple[str, str]]:
        """PDF path -> (catalogue slug, language), when the build writes PDFs."""
        if not self.pdf:
            return {}
        return {urls.catalogue_pdf(slug, lang): (slug, lang) for slug in self.project.catalogues for lang in LANGUAGES}

    def collisions(self, static: dict[str, str], settings_outputs: dict[str, str] | None = None) -> list[Issue]:
        """Files from content/ that would land on a URL the site already uses, naming both sources
        (``settings_outputs``: the files the site's settings add, casebook/site/settings.py)."""
        outputs = self.outputs() | (settings_outputs or {})
        issues = []
        for dest, source in sorted(static.items()):
            if dest in outputs:
                issues.append(Issue(source, 0, 0, "path.same-url",
                                    msg("'{source}' and {outputs} would both be published as '/{dest}'",
                                        source=source, outputs=outputs[dest], dest=dest),
                                    hint=msg("rename or move the file")))
            elif dest.split("/")[0] == urls.SEARCH_INDEX:
                issues.append(Issue(source, 0, 0, "path.same-url",
                                    msg("'{source}' would be overwritten by the search index in /pagefind/",
                                        source=source),
                                    hint=msg("move the file to another folder")))
        return issues

    def template_context(self, page: Page | None) -> dict[str, Any]:
        """What every template gets as ``cb``; ``page`` is None for theme pages such as 404.html."""
        lang = page.lang if page else DEFAULT_LANGUAGE
        other = other_language(lang)
        other_url = page.alternates[other] if page else urls.home_url(other)
        menu = self.menu(lang)
        return {
            "page": page,
            "lang": lang,
            "t": self.strings[lang],
            "menu": menu,
            "home": menu[0].url,
            "search_url": urls.search_url(lang),
            "open_data": urls.open_data_section(lang, self.strings[lang].about_open_data_anchor),
            "switch": Link(self.strings[other].language_name, other_url, other),
            "preview": self.preview,
            # For a page that speaks every language at once (404.html): each language's strings and ways on.
            "every_language": [(lg, self.strings[lg], [Link(self.strings[lg].nav_home, urls.home_url(lg)),
                                                       Link(self.strings[lg].nav_cases, urls.cases_url(lg)),
                                                       Link(self.strings[lg].nav_search, urls.search_url(lg))])
                               for lg in LANGUAGES] if page is None else [],
        }


def _alternates(page: Page, planned: set[str]) -> dict[str, str]:
    """The same page in every language; a hand-written page may exist in one only: then the switch leads home."""
    neutral = urls.language_neutral(page.url, page.lang)
    result = {}
    for lang in LANGUAGES:
        candidate = urls.url_for(lang, neutral)
        result[lang] = candidate if candidate in planned else urls.home_url(lang)
    return result
