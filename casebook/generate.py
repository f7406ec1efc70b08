"""Generate stage: plan every page of the site from a validated :class:`~casebook.project.Project`.

The plan is engine-neutral: each :class:`Page` has a source path, a URL, a language, a template name
and the view data its template shows, already localised. ``hooks/casebook_hooks.py`` hands the
plan to MkDocs; another engine could take the same plan.

URLs: Danish (the default language) at the root, English under ``en/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from casebook.issues import Issue
from casebook.load import load_yaml
from casebook.localize import format_figure, format_partial_date, format_period
from casebook.model import Case, Organisation
from casebook.project import LANGUAGES, CaseEntry, Project

DEFAULT_LANGUAGE = LANGUAGES[0]
NEWEST_ON_HOME = 6


# --- templates ----------------------------------------------------------------------------------

# Templates written for Casebook escape every value they print; Material's own templates insert
# ready-made HTML and keep Jinja's default.
_OWN_TEMPLATES = ("casebook/", "partials/casebook-", "partials/nav.html", "partials/header.html", "main.html",
                  "404.html")


def autoescape_template(name: str | None) -> bool:
    """Jinja's autoescape switch: on for Casebook's templates in ``overrides/``."""
    return bool(name) and str(name).startswith(_OWN_TEMPLATES)


# --- URLs -----------------------------------------------------------------------------------


def url_for(lang: str, path: str = "") -> str:
    """Site-relative URL of ``path`` ("cases/x/") in ``lang``: Danish at the root, others below."""
    return path if lang == DEFAULT_LANGUAGE else f"{lang}/{path}"


def other_language(lang: str) -> str:
    return next(lg for lg in LANGUAGES if lg != lang)


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

    def get(self, key: str) -> str:
        return str(getattr(self, key))

    def count(self, n: int) -> str:
        return (self.case_count_one if n == 1 else self.case_count_other).format(n=n)


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
    formats: list[str]
    themes: list[str]
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

    @property
    def src_uri(self) -> str:
        return src_uri_for(self.url)


# --- the plan ---------------------------------------------------------------------------------


class SitePlan:
    """All pages of a project, and the menus and strings they share."""

    def __init__(self, project: Project, strings: dict[str, dict[str, str]] | None = None, *,
                 preview: bool = False) -> None:
        self.project = project
        self.preview = preview  # `mkdocs serve`: pages show content problems in a banner
        self.default_lang = DEFAULT_LANGUAGE
        self.strings = {lang: Strings(strings or load_strings(), lang) for lang in LANGUAGES}

    @cached_property
    def cases_newest_first(self) -> list[CaseEntry]:
        def key(entry: CaseEntry) -> tuple[tuple[int, int, int], str]:
            when = entry.case.when
            return (when.sort_key() if when else (0, 0, 0), entry.slug)

        return sorted(self.project.cases.values(), key=key, reverse=True)

    @cached_property
    def pages(self) -> list[Page]:
        pages: list[Page] = []
        for lang in LANGUAGES:
            pages.extend(self._hand_written(lang))
            pages.append(self._case_list(lang))
            pages.extend(self._case_page(entry, lang) for entry in self.cases_newest_first)
            pages.append(self._organisation_list(lang))
            pages.extend(self._organisation_page(org, lang) for org in self._organisations_sorted())
            pages.append(self._search(lang))
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
            items = [Link(t.nav_home, url_for(lang)), Link(t.nav_cases, url_for(lang, "cases/")),
                     Link(t.nav_organisations, url_for(lang, "organisations/"))]
            items += [Link(p.title, p.url) for p in self.pages
                      if p.lang == lang and p.template == "casebook/page.html"]
            items.append(Link(t.nav_search, url_for(lang, "search/")))
            menus[lang] = items
        return menus

    def outputs(self) -> dict[str, str]:
        """Every file the plan writes (site-relative path) and what it comes from."""
        result = {page.url + "index.html": f"the page {page.url or '/'}" for page in self.pages}
        for entry in self.project.cases.values():
            for image in entry.case.images:
                result[f"cases/{entry.slug}/{image.file}"] = f"cases/{entry.slug}/{image.file}"
        return result

    def collisions(self, static: dict[str, str]) -> list[Issue]:
        """Files from content/ that would land on a URL the site already uses, naming both sources."""
        outputs = self.outputs()
        issues = []
        for dest, source in sorted(static.items()):
            if dest in outputs:
                issues.append(Issue(source, 0, 0, "path.same-url",
                                    f"'{source}' and {outputs[dest]} would both be published as '/{dest}'",
                                    hint="rename or move the file"))
            elif dest.split("/")[0] == "pagefind":
                issues.append(Issue(source, 0, 0, "path.same-url",
                                    f"'{source}' would be overwritten by the search index in /pagefind/",
                                    hint="move the file to another folder"))
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
            pages.append(Page(
                url=url_for(lang, "" if is_home else f"{source.name}/"), lang=lang,
                template="casebook/home.html" if is_home else "casebook/page.html",
                title=source.meta.title or _first_heading(source.body) or source.name.replace("-", " ").capitalize(),
                description=source.meta.description or "",
                source_path=source.path,
                data={"newest": [self._card(e, lang) for e in self.cases_newest_first[:NEWEST_ON_HOME]]}
                if is_home else {},
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
        return Page(url=self.case_url(entry.slug, lang), lang=lang, template="casebook/case.html",
                    title=view.title, description=view.summary,
                    source_path=story.path if story else None, data={"case": view})

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
                    description=view.description, data={"organisation": view})

    def _search(self, lang: str) -> Page:
        t = self.strings[lang]
        return Page(url=url_for(lang, "search/"), lang=lang, template="casebook/search.html",
                    title=t.search_title, description=t.search_intro)

    def _alternates(self, page: Page, urls: set[str]) -> dict[str, str]:
        prefix = "" if page.lang == DEFAULT_LANGUAGE else f"{page.lang}/"
        neutral = page.url[len(prefix):]
        result = {}
        for lang in LANGUAGES:
            candidate = url_for(lang, neutral)
            # A hand-written page may exist in one language only: then the switch leads home.
            result[lang] = candidate if candidate in urls else url_for(lang)
        return result

    # -- view data --

    def case_url(self, slug: str, lang: str) -> str:
        return url_for(lang, f"cases/{slug}/")

    def organisation_url(self, org_id: str, lang: str) -> str:
        return url_for(lang, f"organisations/{org_id}/")

    def _organisations_sorted(self) -> list[Organisation]:
        return sorted(self.project.organisations.values(), key=lambda o: o.name.casefold())

    @cached_property
    def _cases_by_org(self) -> dict[str, list[tuple[CaseEntry, str]]]:
        result: dict[str, list[tuple[CaseEntry, str]]] = {}
        for entry in self.cases_newest_first:
            for partner in entry.case.partners:
                result.setdefault(partner.org, []).append((entry, partner.role))
        return result

    def _when(self, case: Case, lang: str) -> tuple[str, str]:
        if case.period is not None:
            end = f"/{case.period.end}" if case.period.end else ""
            return format_period(case.period, lang, self.strings[lang].ongoing), f"{case.period.start}{end}"
        if case.date is not None:
            return format_partial_date(case.date, lang), str(case.date)
        return "", ""

    def _card(self, entry: CaseEntry, lang: str) -> CaseCard:
        case = entry.case
        orgs = self.project.organisations
        return CaseCard(case.title.get(lang), self.case_url(entry.slug, lang), case.summary.get(lang),
                        self._when(case, lang)[0],
                        [orgs[p.org].name for p in case.partners if p.org in orgs])

    def case_view(self, entry: CaseEntry, lang: str) -> CaseView:
        case, t = entry.case, self.strings[lang]
        orgs = self.project.organisations
        taxonomy = self.project.taxonomy
        assert taxonomy is not None, "a project with errors cannot be planned"
        sdgs = {s.number: s for s in taxonomy.sdgs}
        people = {p.name: p for p in case.people}
        when, when_iso = self._when(case, lang)
        other = other_language(lang)
        translated = lang in entry.stories

        def terms(field: str) -> list[str]:
            vocabulary = taxonomy.vocabulary(field)
            return [vocabulary[i].get(lang) for i in getattr(case, field)]

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
            formats=terms("formats"), themes=terms("themes"), sectors=terms("sectors"),
            sdgs=[SdgView(n, sdgs[n].get(lang), sdgs[n].colour) for n in case.sdgs],
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
        )


def _first_heading(markdown: str) -> str:
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""

