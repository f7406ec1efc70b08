"""Generate stage: plan every page of the site from a validated :class:`~casebook.project.Project`.

The plan is engine-neutral: each :class:`Page` has a source path, a URL, a language, a template name
and the view data its template shows, already localised. ``hooks/casebook_hooks.py`` hands the
plan to MkDocs; another engine could take the same plan.

URLs: Danish (the default language) at the root, English under ``en/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from casebook.core.languages import DEFAULT_LANGUAGE, LANGUAGES, other_language
from casebook.site.facets import FACETS, PAGE_TYPES, Facets
from casebook.core.issues import Issue
from casebook.load.documents import load_yaml
from casebook.site.localize import format_figure, format_hours, format_partial_date, format_period
from casebook.core.messages import msg
from casebook.model.case import Case
from casebook.model.registry import Organisation
from casebook.project import Project
from casebook.project.entries import CaseEntry, CatalogueEntry, IdeaEntry
from casebook.project.loading import paused_gc
from casebook.core.languages import LANGUAGES
from casebook.project.translations import outdated

NEWEST_ON_HOME = 6
# Results per page on the search page; the first page of browsing (no words, no filters) is in its HTML.
SEARCH_PAGE_SIZE = 12
# The folder of each kind of taxonomy page: /themes/integration/, /formats/workshop/, /sdgs/17/.
TERM_FOLDERS = {"theme": "themes", "format": "formats", "sdg": "sdgs"}


# --- templates ----------------------------------------------------------------------------------

# Templates written for Casebook escape every value they print; Material's own templates insert
# ready-made HTML and keep Jinja's default.
_OWN_TEMPLATES = ("casebook/", "partials/casebook-", "partials/nav.html", "partials/header.html", "main.html",
                  "404.html", "sitemap.xml", "partials/copyright.html")


def autoescape_template(name: str | None) -> bool:
    """Jinja's autoescape switch: on for Casebook's templates in ``overrides/``."""
    return bool(name) and str(name).startswith(_OWN_TEMPLATES)


# --- URLs -----------------------------------------------------------------------------------


def url_for(lang: str, path: str = "") -> str:
    """Site-relative URL of ``path`` ("cases/x/") in ``lang``: Danish at the root, others below."""
    return path if lang == DEFAULT_LANGUAGE else f"{lang}/{path}"


def src_uri_for(url: str) -> str:
    return url + "index.md"


# --- UI strings -----------------------------------------------------------------------------


class Strings:
    """The UI texts of one language, from ``ui.yml``; missing keys fail loudly in tests."""

    def __init__(self, table: dict[str, dict[str, str]], lang: str) -> None:
        self.lang = lang
        self._table = table

    def __getattr__(self, key: str) -> str:
        try:
            return self._table[key][self.lang]
        except KeyError:
            raise AttributeError(f"no UI string '{key}' in {self.lang}") from None

    @property
    def table(self) -> dict[str, dict[str, str]]:
        """Every UI string in every language (what this object's texts come from)."""
        return self._table

    def get(self, key: str) -> str:
        return str(getattr(self, key))

    def count(self, n: int) -> str:
        return (self.case_count_one if n == 1 else self.case_count_other).format(n=n)

    def idea_count(self, n: int) -> str:
        return (self.idea_count_one if n == 1 else self.idea_count_other).format(n=n)


def load_strings() -> dict[str, dict[str, str]]:
    path = Path(__file__).with_name("ui.yml")
    table: dict[str, dict[str, str]] = load_yaml(path, "casebook/ui.yml").data
    return table


# --- view data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    note: str = ""  # e.g. a partner's role


@dataclass(frozen=True)
class CaseCard:
    title: str
    url: str
    summary: str
    when: str
    partners: list[str]


@dataclass(frozen=True)
class Figure:
    figure: str
    label: str


@dataclass(frozen=True)
class SdgView:
    number: int
    name: str
    colour: str
    url: str = ""  # the goal's taxonomy page


@dataclass(frozen=True)
class PersonView:
    name: str
    role: str
    org: Link | None
    anonymised: bool


@dataclass(frozen=True)
class QuoteView:
    text: str
    lang: str  # language the text is in; may differ from the page's
    by: str
    role: str


@dataclass(frozen=True)
class SourceView:
    title: str
    url: str | None
    published: str | None


@dataclass(frozen=True)
class ImageView:
    src: str
    alt: str
    credit: str | None


@dataclass(frozen=True)
class CaseView:
    slug: str
    title: str
    summary: str
    kind: str
    when: str
    when_iso: str
    programme: str | None
    partners: list[Link]
    formats: list[Link]
    themes: list[Link]
    sectors: list[str]
    sdgs: list[SdgView]
    outcomes: list[Figure]
    people: list[PersonView]
    quotes: list[QuoteView]
    sources: list[SourceView]
    related: list[CaseCard]
    images: list[ImageView]
    translated: bool  # False: the story exists only in the other language
    original_url: str | None  # the story in the other language, when not translated
    ideas: list[Link]  # catalogue ideas this case is an example of
    outdated_original: str | None = None  # the story is a translation of an original that changed since


@dataclass(frozen=True)
class IdeaView:
    id: str
    url: str  # the idea's own page
    anchor_url: str  # the idea on its catalogue's page
    catalogue: Link
    title: str
    description: str
    first_steps: list[str]
    effort: str  # "ca. 8 timer pr. medarbejder"
    duration: str
    cost: str
    sizes: list[str]
    formats: list[Link]
    themes: list[Link]
    sdgs: list[SdgView]
    examples: list[CaseCard]
    see_also: list[Link]


@dataclass(frozen=True)
class CatalogueView:
    slug: str
    url: str
    title: str
    intro: str
    ideas: list[IdeaView]
    pdf_url: str | None  # the catalogue as PDF, when the build writes one
    outdated_original: str | None = None  # the introduction is behind its original


@dataclass(frozen=True)
class TermView:
    """A theme, format or SDG with what carries it."""

    kind: str  # "theme", "format", "sdg"
    kind_label: str
    name: str
    number: int | None  # SDGs only
    colour: str | None  # SDGs only
    cases: list[CaseCard]
    ideas: list[Link]


@dataclass(frozen=True)
class FacetValueView:
    id: str
    label: str
    count: int  # over the whole site in this language; the search page updates it


@dataclass(frozen=True)
class FacetView:
    id: str
    label: str
    values: list[FacetValueView]


@dataclass(frozen=True)
class SearchRecord:
    """What the search index keeps of a page: facet values, card texts and the browsing order."""

    type: str
    type_label: str
    filters: dict[str, list[str]]
    summary: str
    partners: str
    figure: str
    order: int  # position when browsing without a query: ideas, then newest cases, then the rest


@dataclass(frozen=True)
class ResultCard:
    """A search result as casebook-search.js shows it; the search page's first page is built with these."""

    url: str
    title: str
    record: SearchRecord


@dataclass(frozen=True)
class OrganisationView:
    id: str
    name: str
    kind: str
    website: str | None
    description: str
    cases: list[Link]


@dataclass
class Page:
    """One page of the site in one language."""

    url: str
    lang: str
    template: str
    title: str
    description: str = ""
    source_path: Path | None = None  # a Markdown file whose text is the page body
    markdown: str = ""  # the body, when there is no source file
    data: dict[str, Any] = field(default_factory=dict)  # what the template shows
    alternates: dict[str, str] = field(default_factory=dict)  # lang -> url of the same page
    search: SearchRecord | None = None  # None: the page is not in the search index

    @property
    def src_uri(self) -> str:
        return src_uri_for(self.url)


# --- the plan ---------------------------------------------------------------------------------


class SitePlan:
    """All pages of a project, and the menus and strings they share."""

    def __init__(self, project: Project, strings: dict[str, dict[str, str]] | None = None, *,
                 preview: bool = False, pdf: bool = False) -> None:
        self.project = project
        self.preview = preview  # `mkdocs serve`: pages show content problems in a banner
        self.pdf = pdf  # the build writes each catalogue as a PDF
        self.default_lang = DEFAULT_LANGUAGE
        table = strings or load_strings()
        self.strings = {lang: Strings(table, lang) for lang in LANGUAGES}
        self.facets = Facets(project, table)
        self._idea_views: dict[tuple[str, str], IdeaView] = {}
        self._cards: dict[tuple[str, str], CaseCard] = {}

    @cached_property
    def cases_newest_first(self) -> list[CaseEntry]:
        def key(entry: CaseEntry) -> tuple[tuple[int, int, int], str]:
            when = entry.case.when
            return (when.sort_key() if when else (0, 0, 0), entry.slug)

        return sorted(self.project.cases.values(), key=key, reverse=True)

    @cached_property
    def pages(self) -> list[Page]:
        with paused_gc():
            return self._plan_pages()

    def _plan_pages(self) -> list[Page]:
        pages: list[Page] = []
        for lang in LANGUAGES:
            own: list[Page] = []
            own.extend(self._hand_written(lang))
            own.append(self._case_list(lang))
            own.extend(self._case_page(entry, lang) for entry in self.cases_newest_first)
            own.append(self._catalogue_list(lang))
            for entry in self.project.catalogues.values():
                own.append(self._catalogue_page(entry, lang))
                own.extend(self._idea_page(idea, lang) for idea in self._ideas_of(entry))
            own.append(self._topics(lang))
            own.extend(self._term_pages(lang))
            own.append(self._organisation_list(lang))
            own.extend(self._organisation_page(org, lang) for org in self._organisations_sorted())
            _number_search_records(own)
            own.append(self._search(lang, own))
            pages.extend(own)
        urls = {p.url for p in pages}
        for page in pages:
            page.alternates = self._alternates(page, urls)
        return pages

    def menu(self, lang: str) -> list[Link]:
        return self._menus[lang]

    @cached_property
    def _menus(self) -> dict[str, list[Link]]:
        # Computed once: every page shows its language's menu.
        menus = {}
        for lang in LANGUAGES:
            t = self.strings[lang]
            items = [Link(t.nav_home, url_for(lang)), Link(t.nav_search, url_for(lang, "search/")),
                     Link(t.nav_catalogues, url_for(lang, "catalogues/")), Link(t.nav_cases, url_for(lang, "cases/")),
                     Link(t.nav_topics, url_for(lang, "topics/")),
                     Link(t.nav_organisations, url_for(lang, "organisations/"))]
            items += [Link(p.title, p.url) for p in self.pages
                      if p.lang == lang and p.template == "casebook/page.html" and p.data.get("menu", True)]
            menus[lang] = items
        return menus

    def outputs(self) -> dict[str, str]:
        """Every file the plan writes (site-relative path) and what it comes from."""
        result = {page.url + "index.html": msg("the page {value}", value=page.url or '/') for page in self.pages}
        for entry in self.project.cases.values():
            for image in entry.case.images:
                result[f"cases/{entry.slug}/{image.file}"] = f"cases/{entry.slug}/{image.file}"
        for path, (slug, _) in self.pdf_outputs().items():
            result[path] = msg("the PDF of catalogue '{slug}'", slug=slug)
        # Written after the build: the feeds and the open data. Imported here: both plan from this module.
        from casebook.publish import opendata, share

        for feed in share.feed_links(self):
            result[feed.url] = msg("the feed of the newest cases")
        for path in opendata.FILES:
            result[path] = msg("the open data about the cases")
        return result

    def pdf_outputs(self) -> dict[str, tuple[str, str]]:
        """PDF path -> (catalogue slug, language), when the build writes PDFs."""
        if not self.pdf:
            return {}
        return {self.catalogue_pdf_url(slug, lang): (slug, lang)
                for slug in self.project.catalogues for lang in LANGUAGES}

    def collisions(self, static: dict[str, str]) -> list[Issue]:
        """Files from content/ that would land on a URL the site already uses, naming both sources."""
        outputs = self.outputs()
        issues = []
        for dest, source in sorted(static.items()):
            if dest in outputs:
                issues.append(Issue(source, 0, 0, "path.same-url",
                                    msg("'{source}' and {outputs} would both be published as '/{dest}'",
                                        source=source, outputs=outputs[dest], dest=dest),
                                    hint=msg("rename or move the file")))
            elif dest.split("/")[0] == "pagefind":
                issues.append(Issue(source, 0, 0, "path.same-url",
                                    msg("'{source}' would be overwritten by the search index in /pagefind/",
                                        source=source),
                                    hint=msg("move the file to another folder")))
        return issues

    def template_context(self, page: Page | None) -> dict[str, Any]:
        """What every template gets as ``cb``; ``page`` is None for theme pages such as 404.html."""
        lang = page.lang if page else DEFAULT_LANGUAGE
        other = other_language(lang)
        other_url = page.alternates[other] if page else url_for(other)
        menu = self.menu(lang)
        return {
            "page": page,
            "lang": lang,
            "t": self.strings[lang],
            "menu": menu,
            "home": menu[0].url,
            "search_url": url_for(lang, "search/"),
            # The about page's section that describes and links the data files.
            "open_data": url_for(lang, "about/") + "#" + self.strings[lang].about_open_data_anchor,
            "switch": Link(self.strings[other].language_name, other_url, other),
            "preview": self.preview,
        }

    # -- pages --

    def _hand_written(self, lang: str) -> list[Page]:
        pages = []
        for source in self.project.pages:
            if source.lang != lang:
                continue
            is_home = source.name == "index"
            title = source.meta.title or _first_heading(source.body) or source.name.replace("-", " ").capitalize()
            path = "" if is_home else f"{source.name}/"
            data: dict[str, Any] = {"outdated_original": self._outdated_original(
                "page", source.name, lang, partial(url_for, path=path)), "menu": source.meta.menu}
            if is_home:
                data |= {"newest": [self._card(e, lang) for e in self.cases_newest_first[:NEWEST_ON_HOME]],
                         "catalogues": self._catalogue_links(lang)}
            pages.append(Page(
                url=url_for(lang, path), lang=lang,
                template="casebook/home.html" if is_home else "casebook/page.html",
                title=title, description=source.meta.description or "", source_path=source.path, data=data,
                search=None if is_home else self._record("page", lang, {}, source.meta.description or ""),
            ))
        return pages

    def _case_list(self, lang: str) -> Page:
        t = self.strings[lang]
        return Page(url=url_for(lang, "cases/"), lang=lang, template="casebook/case-list.html",
                    title=t.cases_title, description=t.cases_intro,
                    data={"cases": [self._card(e, lang) for e in self.cases_newest_first]})

    def _case_page(self, entry: CaseEntry, lang: str) -> Page:
        view = self.case_view(entry, lang)
        story = entry.stories.get(lang)
        card = self._card(entry, lang)
        return Page(url=self.case_url(entry.slug, lang), lang=lang, template="casebook/case.html",
                    title=view.title, description=view.summary,
                    source_path=story.path if story else None, data={"case": view},
                    search=self._record("case", lang, self.facets.of_case(entry), view.summary,
                                        ", ".join(card.partners),
                                        view.outcomes[0].figure + " " + view.outcomes[0].label if view.outcomes
                                        else card.when))

    def _catalogue_list(self, lang: str) -> Page:
        t = self.strings[lang]
        return Page(url=url_for(lang, "catalogues/"), lang=lang, template="casebook/catalogue-list.html",
                    title=t.catalogues_title, description=t.catalogues_intro,
                    data={"catalogues": self._catalogue_links(lang)})

    def _catalogue_links(self, lang: str) -> list[Link]:
        t = self.strings[lang]
        return [Link(e.catalogue.title.get(lang), self.catalogue_url(e.slug, lang),
                     t.idea_count(len(e.catalogue.ideas))) for e in self.project.catalogues.values()]

    def _catalogue_page(self, entry: CatalogueEntry, lang: str) -> Page:
        view = self.catalogue_view(entry, lang)
        intro = entry.intros.get(lang)
        return Page(url=view.url, lang=lang, template="casebook/catalogue.html", title=view.title,
                    description=view.intro, source_path=intro.path if intro else None, data={"catalogue": view})

    def _idea_page(self, entry: IdeaEntry, lang: str) -> Page:
        view = self.idea_view(entry, lang)
        return Page(url=view.url, lang=lang, template="casebook/idea.html", title=view.title,
                    description=view.description, data={"idea": view},
                    search=self._record("idea", lang, self.facets.of_idea(entry), view.description,
                                        ", ".join(dict.fromkeys(p for c in view.examples for p in c.partners)),
                                        f"{view.effort} · {view.duration}"))

    def _topics(self, lang: str) -> Page:
        t = self.strings[lang]
        groups = []
        for kind, label in (("theme", t.themes), ("format", t.formats), ("sdg", t.sdgs)):
            links = [Link(name, self.term_url(kind, term_id, lang), t.count(len(self._by_term[kind, term_id][0])))
                     for term_id, name in self._terms(kind, lang)]
            groups.append((kind, label, links))
        return Page(url=url_for(lang, "topics/"), lang=lang, template="casebook/topics.html",
                    title=t.topics_title, description=t.topics_intro, data={"groups": groups})

    def _term_pages(self, lang: str) -> list[Page]:
        t = self.strings[lang]
        taxonomy = self.project.taxonomy
        assert taxonomy is not None
        sdgs = {str(s.number): s for s in taxonomy.sdgs}
        pages = []
        for kind in ("theme", "format", "sdg"):
            for term_id, name in self._terms(kind, lang):
                cases, ideas = self._by_term[kind, term_id]
                sdg = sdgs.get(term_id) if kind == "sdg" else None
                view = TermView(kind, t.get(f"term_{kind}"), name, sdg.number if sdg else None,
                                sdg.colour if sdg else None, [self._card(e, lang) for e in cases],
                                [self._idea_link(i, lang) for i in ideas])
                title = t.sdg_label.format(n=sdg.number) + ": " + name if sdg else name
                pages.append(Page(url=self.term_url(kind, term_id, lang), lang=lang,
                                  template="casebook/term.html", title=title,
                                  description=t.term_intro.format(name=name), data={"term": view}))
        return pages

    def _organisation_list(self, lang: str) -> Page:
        t = self.strings[lang]
        orgs = [Link(o.name, self.organisation_url(o.id, lang),
                     t.count(len(self._cases_by_org.get(o.id, []))))
                for o in self._organisations_sorted()]
        return Page(url=url_for(lang, "organisations/"), lang=lang,
                    template="casebook/organisation-list.html", title=t.organisations_title,
                    description=t.organisations_intro, data={"organisations": orgs})

    def _organisation_page(self, org: Organisation, lang: str) -> Page:
        t = self.strings[lang]
        cases = [Link(e.case.title.get(lang), self.case_url(e.slug, lang), t.get(f"role_{role}"))
                 for e, role in self._cases_by_org.get(org.id, [])]
        view = OrganisationView(org.id, org.name, t.get(f"role_{org.kind}"), org.website,
                                org.description.get(lang), cases)
        return Page(url=self.organisation_url(org.id, lang), lang=lang,
                    template="casebook/organisation.html", title=org.name,
                    description=view.description, data={"organisation": view},
                    search=self._record("organisation", lang, {}, view.description, figure=view.kind))

    def _search(self, lang: str, pages: list[Page]) -> Page:
        """The "find inspiration" page: search and facets, with counts over ``pages`` of its language."""
        t = self.strings[lang]
        counts = Facets.count(p.search.filters for p in pages if p.search is not None)
        facets = []
        for facet in FACETS:
            values = [FacetValueView(v.id, v.labels[lang], counts[facet][v.id])
                      for v in self.facets.vocabulary(facet) if counts[facet][v.id]]
            if values:
                facets.append(FacetView(facet, t.get(f"facet_{facet}"), values))
        ideas = [self._idea_link(self.project.ideas[i], lang) for i in self.project.ideas]
        # Browsing without words or filters needs no index: its first page and the counts are in the
        # HTML, so opening the page downloads nothing that grows with the number of cases.
        indexed = sorted((p for p in pages if p.search is not None), key=lambda p: p.search.order if p.search else 0)
        first = [ResultCard(p.url, p.title, p.search) for p in indexed[:SEARCH_PAGE_SIZE] if p.search]
        return Page(url=url_for(lang, "search/"), lang=lang, template="casebook/search.html",
                    title=t.search_title, description=t.search_intro,
                    data={"facets": facets, "ideas": ideas, "first": first, "page_size": SEARCH_PAGE_SIZE,
                          "cases_url": url_for(lang, "cases/"), "case_count": len(self.project.cases),
                          "total": sum(counts["type"].values())})

    def _record(self, page_type: str, lang: str, filters: dict[str, list[str]], summary: str,
                partners: str = "", figure: str = "") -> SearchRecord:
        t = self.strings[lang]
        filters = filters or Facets.of_other(page_type)
        return SearchRecord(page_type, t.get(f"type_{page_type}"), filters, summary, partners, figure, 0)

    def _alternates(self, page: Page, urls: set[str]) -> dict[str, str]:
        prefix = "" if page.lang == DEFAULT_LANGUAGE else f"{page.lang}/"
        neutral = page.url[len(prefix):]
        result = {}
        for lang in LANGUAGES:
            candidate = url_for(lang, neutral)
            # A hand-written page may exist in one language only: then the switch leads home.
            result[lang] = candidate if candidate in urls else url_for(lang)
        return result

    def _outdated_original(self, kind: str, name: str, lang: str, url_in: Callable[[str], str]) -> str | None:
        """The URL of the original (``url_in(its language)``), when this language's text is a translation
        made from an older version of it."""
        unit = self.project.translation(kind, name)
        source = outdated(unit).get(lang) if unit else None
        return None if source is None else url_in(source)

    # -- URLs --

    def case_url(self, slug: str, lang: str) -> str:
        return url_for(lang, f"cases/{slug}/")

    def organisation_url(self, org_id: str, lang: str) -> str:
        return url_for(lang, f"organisations/{org_id}/")

    def catalogue_url(self, slug: str, lang: str) -> str:
        return url_for(lang, f"catalogues/{slug}/")

    def catalogue_pdf_url(self, slug: str, lang: str) -> str:
        return url_for(lang, f"catalogues/{slug}.pdf")

    def idea_url(self, entry: IdeaEntry, lang: str) -> str:
        return url_for(lang, f"catalogues/{entry.catalogue}/{entry.idea.id}/")

    def term_url(self, kind: str, term_id: str | int, lang: str) -> str:
        return url_for(lang, f"{TERM_FOLDERS[kind]}/{term_id}/")

    # -- indexes, computed once --

    def _organisations_sorted(self) -> list[Organisation]:
        return sorted(self.project.organisations.values(), key=lambda o: o.name.casefold())

    @cached_property
    def _cases_by_org(self) -> dict[str, list[tuple[CaseEntry, str]]]:
        result: dict[str, list[tuple[CaseEntry, str]]] = {}
        for entry in self.cases_newest_first:
            for partner in entry.case.partners:
                result.setdefault(partner.org, []).append((entry, partner.role))
        return result

    def _ideas_of(self, entry: CatalogueEntry) -> list[IdeaEntry]:
        """The ideas a catalogue publishes, in its order (an id repeated from another catalogue is not)."""
        ideas = (self.project.ideas[idea.id] for idea in entry.catalogue.ideas)
        return [idea for idea in ideas if idea.catalogue == entry.slug]

    @cached_property
    def _ideas_by_case(self) -> dict[str, list[IdeaEntry]]:
        result: dict[str, list[IdeaEntry]] = {}
        for entry in self.project.ideas.values():
            for slug in entry.idea.examples:
                result.setdefault(slug, []).append(entry)
        return result

    @cached_property
    def _by_term(self) -> dict[tuple[str, str], tuple[list[CaseEntry], list[IdeaEntry]]]:
        """(kind, id) -> the cases (newest first) and the ideas that carry it."""
        taxonomy = self.project.taxonomy
        assert taxonomy is not None
        result: dict[tuple[str, str], tuple[list[CaseEntry], list[IdeaEntry]]] = {}
        for kind, field_ in (("theme", "themes"), ("format", "formats"), ("sdg", "sdgs")):
            for term_id, _ in self._terms(kind, DEFAULT_LANGUAGE):
                result[kind, term_id] = ([], [])
            for entry in self.cases_newest_first:
                for value in getattr(entry.case, field_):
                    result[kind, str(value)][0].append(entry)
            for idea in self.project.ideas.values():
                for value in getattr(idea.idea, field_):
                    result[kind, str(value)][1].append(idea)
        return result

    def _terms(self, kind: str, lang: str) -> list[tuple[str, str]]:
        """(id, name) of every theme, format or SDG, in the taxonomy's order."""
        taxonomy = self.project.taxonomy
        assert taxonomy is not None
        if kind == "sdg":
            return [(str(s.number), s.get(lang)) for s in sorted(taxonomy.sdgs, key=lambda s: s.number)]
        return [(term.id, term.get(lang)) for term in taxonomy.vocabulary(f"{kind}s").values()]

    # -- view data --

    def _when(self, case: Case, lang: str) -> tuple[str, str]:
        if case.period is not None:
            end = f"/{case.period.end}" if case.period.end else ""
            return format_period(case.period, lang, self.strings[lang].ongoing), f"{case.period.start}{end}"
        if case.date is not None:
            return format_partial_date(case.date, lang), str(case.date)
        return "", ""

    def _card(self, entry: CaseEntry, lang: str) -> CaseCard:
        # Made once per case and language: lists, related cases, terms and ideas all show the same card.
        key = (entry.slug, lang)
        if key not in self._cards:
            case = entry.case
            orgs = self.project.organisations
            self._cards[key] = CaseCard(case.title.get(lang), self.case_url(entry.slug, lang), case.summary.get(lang),
                                        self._when(case, lang)[0],
                                        [orgs[p.org].name for p in case.partners if p.org in orgs])
        return self._cards[key]

    def _idea_link(self, entry: IdeaEntry, lang: str) -> Link:
        catalogue = self.project.catalogues[entry.catalogue].catalogue
        return Link(entry.idea.title.get(lang), self.idea_url(entry, lang), catalogue.title.get(lang))

    def _term_links(self, kind: str, ids: list[str], lang: str) -> list[Link]:
        taxonomy = self.project.taxonomy
        assert taxonomy is not None
        vocabulary = taxonomy.vocabulary(f"{kind}s")
        return [Link(vocabulary[i].get(lang), self.term_url(kind, i, lang)) for i in ids]

    def _sdg_views(self, numbers: list[int], lang: str) -> list[SdgView]:
        taxonomy = self.project.taxonomy
        assert taxonomy is not None
        sdgs = {s.number: s for s in taxonomy.sdgs}
        return [SdgView(n, sdgs[n].get(lang), sdgs[n].colour, self.term_url("sdg", n, lang)) for n in numbers]

    def catalogue_view(self, entry: CatalogueEntry, lang: str) -> CatalogueView:
        catalogue = entry.catalogue
        ideas = [self.idea_view(idea, lang) for idea in self._ideas_of(entry)]
        return CatalogueView(entry.slug, self.catalogue_url(entry.slug, lang), catalogue.title.get(lang),
                             catalogue.intro.get(lang), ideas,
                             self.catalogue_pdf_url(entry.slug, lang) if self.pdf else None,
                             self._outdated_original("catalogue", entry.slug, lang,
                                                     lambda lg: self.catalogue_url(entry.slug, lg)))

    def idea_view(self, entry: IdeaEntry, lang: str) -> IdeaView:
        # Built once per idea and language: the catalogue page and the idea's own page both show it.
        key = (entry.idea.id, lang)
        if key not in self._idea_views:
            self._idea_views[key] = self._build_idea_view(entry, lang)
        return self._idea_views[key]

    def _build_idea_view(self, entry: IdeaEntry, lang: str) -> IdeaView:
        idea, t = entry.idea, self.strings[lang]
        taxonomy = self.project.taxonomy
        assert taxonomy is not None
        catalogue_url = self.catalogue_url(entry.catalogue, lang)
        catalogue = self.project.catalogues[entry.catalogue].catalogue
        sizes = taxonomy.vocabulary("company_sizes")
        costs = taxonomy.vocabulary("costs")
        return IdeaView(
            id=idea.id, url=self.idea_url(entry, lang), anchor_url=f"{catalogue_url}#{idea.id}",
            catalogue=Link(catalogue.title.get(lang), catalogue_url),
            title=idea.title.get(lang), description=idea.description.get(lang),
            first_steps=[step.get(lang) for step in idea.first_steps],
            effort=t.effort_hours.format(hours=format_hours(idea.effort.hours_per_employee, lang)),
            duration=t.get(f"duration_{idea.effort.duration.replace('-', '_')}"),
            cost=costs[idea.cost].get(lang), sizes=[sizes[s].get(lang) for s in idea.company_sizes],
            formats=self._term_links("format", idea.formats, lang),
            themes=self._term_links("theme", idea.themes, lang),
            sdgs=self._sdg_views(idea.sdgs, lang),
            examples=[self._card(self.project.cases[slug], lang) for slug in idea.examples
                      if slug in self.project.cases],
            see_also=[self._idea_link(self.project.ideas[i], lang) for i in idea.see_also if i in self.project.ideas],
        )

    def case_view(self, entry: CaseEntry, lang: str) -> CaseView:
        case, t = entry.case, self.strings[lang]
        orgs = self.project.organisations
        taxonomy = self.project.taxonomy
        assert taxonomy is not None, "a project with errors cannot be planned"
        people = {p.name: p for p in case.people}
        when, when_iso = self._when(case, lang)
        other = other_language(lang)
        translated = lang in entry.stories
        sectors = taxonomy.vocabulary("sectors")

        def org_link(org_id: str | None) -> Link | None:
            if org_id is None or org_id not in orgs:
                return None
            return Link(orgs[org_id].name, self.organisation_url(org_id, lang))

        quotes = []
        for q in case.quotes:
            text = q.text.get(lang)
            person = people[q.by]
            quotes.append(QuoteView(text or q.text.da, lang if text else "da",
                                    person.role.get(lang) if person.consent == "anonymised" else q.by,
                                    "" if person.consent == "anonymised" else person.role.get(lang)))
        return CaseView(
            slug=entry.slug, title=case.title.get(lang), summary=case.summary.get(lang),
            kind=t.get(f"kind_{case.kind}"), when=when, when_iso=when_iso,
            programme=case.programme.get(lang) if case.programme else None,
            partners=[Link(orgs[p.org].name, self.organisation_url(p.org, lang), t.get(f"role_{p.role}"))
                      for p in case.partners],
            formats=self._term_links("format", case.formats, lang),
            themes=self._term_links("theme", case.themes, lang),
            sectors=[sectors[i].get(lang) for i in case.sectors],
            sdgs=self._sdg_views(case.sdgs, lang),
            outcomes=[Figure(format_figure(o, lang, t.of), o.label.get(lang)) for o in case.outcomes],
            people=[PersonView(p.role.get(lang) if p.consent == "anonymised" else p.name,
                               p.role.get(lang), org_link(p.org), p.consent == "anonymised")
                    for p in case.people],
            quotes=quotes,
            sources=[SourceView(s.title, s.url, format_partial_date(s.published, lang) if s.published else None)
                     for s in case.sources],
            related=[self._card(self.project.cases[slug], lang) for slug in case.related
                     if slug in self.project.cases],
            images=[ImageView(f"cases/{entry.slug}/{i.file}", i.alt.get(lang), i.credit) for i in case.images],
            translated=translated,
            original_url=None if translated or other not in entry.stories else self.case_url(entry.slug, other),
            ideas=[self._idea_link(i, lang) for i in self._ideas_by_case.get(entry.slug, [])],
            outdated_original=self._outdated_original("case", entry.slug, lang,
                                                      lambda lg: self.case_url(entry.slug, lg)),
        )


def _number_search_records(pages: list[Page]) -> None:
    """Give each indexed page its browsing position: ideas first, then cases newest first, then the rest."""
    indexed = [p for p in pages if p.search is not None]
    ordered = sorted(indexed, key=lambda p: PAGE_TYPES.index(p.search.type) if p.search else 0)  # stable
    for position, page in enumerate(ordered):
        assert page.search is not None
        page.search = replace(page.search, order=position)


def _first_heading(markdown: str) -> str:
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""

