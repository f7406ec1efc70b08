"""The case list, each case's page and the views of a case: its page's (:class:`CaseView`) and the card
that lists, related cases, terms and ideas show (:class:`CaseCard`)."""

from __future__ import annotations

from typing import Any

from casebook.core.languages import other_language
from casebook.model.case import Case, Person, Quote
from casebook.project import Project
from casebook.project.entries import CaseEntry
from casebook.site.localize import format_figure, format_partial_date, format_period
from casebook.site.pages.shared import Shared
from casebook.site.paging import paged
from casebook.site.strings import Strings
from casebook.site.urls import case_url, cases_url, impact_url, organisation_url
from casebook.site.views import (
    CaseCard,
    CaseView,
    Figure,
    Link,
    Page,
    PersonView,
    QuoteView,
    texts_shown,
)


def newest_first(project: Project) -> list[CaseEntry]:
    """Every case, newest first (a period counts from its start), undated cases last: the order of every
    list of cases."""
    def key(entry: CaseEntry) -> tuple[tuple[int, int, int], str]:
        when = entry.case.when
        return (when.sort_key() if when else (0, 0, 0), entry.slug)

    return sorted(project.cases.values(), key=key, reverse=True)


class CasePages:
    """The case pages of a project, and the cards of its cases (made once per case and language)."""

    def __init__(self, shared: Shared) -> None:
        self.shared = shared
        self._cards: dict[tuple[str, str], CaseCard] = {}

    def pages(self, lang: str) -> list[Page]:
        """The case list's pages, then every case newest first."""
        return [*self.list_pages(lang), *(self.page(entry, lang) for entry in self.shared.index.cases_newest_first)]

    def list_pages(self, lang: str) -> list[Page]:
        """The case list, newest first, in pages (casebook/site/paging.py)."""
        t = self.shared.strings[lang]
        cards = [self.card(e, lang) for e in self.shared.index.cases_newest_first]
        return [Page(url=p.url, lang=lang, template="casebook/case-list.html", title=p.title,
                     description=t.cases_intro, data={"cases": p.items, "pager": p.pager})
                for p in paged(cases_url(lang), t.cases_title, cards, self.shared.page_size, t)]

    def page(self, entry: CaseEntry, lang: str) -> Page:
        view = self.view(entry, lang)
        story = entry.stories.get(lang)
        card = self.card(entry, lang)
        figure = view.outcomes[0].figure + " " + view.outcomes[0].label if view.outcomes else card.when
        return Page(url=case_url(entry.slug, lang), lang=lang, template="casebook/case.html",
                    title=view.title, description=view.summary,
                    source_path=story.path if story else None, data={"case": view},
                    search=self.shared.record("case", lang, self.shared.facets.of_case(entry), view.summary,
                                              ", ".join(card.partners), figure))

    def card(self, entry: CaseEntry, lang: str) -> CaseCard:
        # Made once per case and language: lists, related cases, terms and ideas all show the same card.
        key = (entry.slug, lang)
        if key not in self._cards:
            self._cards[key] = self._make_card(entry, lang)
        return self._cards[key]

    def _make_card(self, entry: CaseEntry, lang: str) -> CaseCard:
        case, shared, t = entry.case, self.shared, self.shared.strings[lang]
        orgs = shared.project.organisations
        first = case.outcomes[0] if case.outcomes else None
        chips = [link.title for link in (*shared.term_links("theme", case.themes, lang),
                                         *shared.term_links("format", case.formats, lang))]
        sdgs = shared.sdg_views(case.sdgs[:1], lang)
        images = shared.image_views(entry.slug, lang)
        return CaseCard(case.title.get(lang), case_url(entry.slug, lang), case.summary.get(lang), when(case, t)[0],
                        [orgs[p.org].name for p in case.true_partners if p.org in orgs],
                        format_figure(first, lang, t.of) if first else "", first.label.get(lang) if first else "",
                        chips[:3], sdgs[0] if sdgs else None, images[0] if images else None)

    def view(self, entry: CaseEntry, lang: str) -> CaseView:
        """What a case's page shows in ``lang``."""
        case, t, shared = entry.case, self.shared.strings[lang], self.shared
        orgs, cases = shared.project.organisations, shared.project.cases
        shown, iso = when(case, t)
        other = other_language(lang)
        translated = lang in entry.stories
        sectors = shared.index.vocabulary("sector")
        people = {p.name: p for p in case.people}

        def org_link(org_id: str | None) -> Link | None:
            if org_id is None or org_id not in orgs:
                return None
            return Link(orgs[org_id].name, organisation_url(org_id, lang))

        texts: dict[str, Any] = {name: text.get(lang) if (text := getattr(case, name)) is not None else None
                                 for name in CASE_TEXTS}
        return CaseView(
            **texts, slug=entry.slug, kind=t.get(f"kind_{case.kind}"), when=shown, when_iso=iso, start=case.when,
            partners=[Link(orgs[p.org].name, organisation_url(p.org, lang), t.get(f"role_{p.role}"))
                      for p in case.true_partners],
            involved=[Link(orgs[p.org].name, organisation_url(p.org, lang), t.get(f"role_{p.role}"))
                      for p in case.involved],
            formats=shared.term_links("format", case.formats, lang),
            themes=shared.term_links("theme", case.themes, lang),
            sectors=[sectors[i].get(lang) for i in case.sectors],
            sdgs=shared.sdg_views(case.sdgs, lang),
            outcomes=[Figure(format_figure(o, lang, t.of), o.label.get(lang), o.estimate) for o in case.outcomes],
            impact_url=impact_url(lang) if any(o.measure for o in case.outcomes) else None,
            people=[PersonView(p.role.get(lang) if p.consent == "anonymised" else p.name,
                               p.role.get(lang), org_link(p.org), p.consent == "anonymised")
                    for p in case.people],
            quotes=[_quote(q, people, lang) for q in case.quotes],
            sources=[shared.source_view(s, lang) for s in case.sources],
            related=[self.card(cases[slug], lang) for slug in case.related if slug in cases],
            images=shared.image_views(entry.slug, lang),
            translated=translated,
            original_url=None if translated or other not in entry.stories else case_url(entry.slug, other),
            ideas=[shared.idea_link(i, lang) for i in shared.index.ideas_by_case.get(entry.slug, [])],
            outdated_original=shared.outdated_original("case", entry.slug, lang, lambda lg: case_url(entry.slug, lg)),
        )


# The case's texts its page shows as they are (title, summary, programme): a new one needs only its field
# on Case and on CaseView.
CASE_TEXTS = texts_shown(Case, CaseView)


def when(case: Case, t: Strings) -> tuple[str, str]:
    """When the case happened as ``t``'s language writes it, and in ISO 8601 (a period as an interval);
    for an undated case its note (or "undated") and no ISO date."""
    if case.period is not None:
        end = f"/{case.period.end}" if case.period.end else ""
        return format_period(case.period, t.lang, t.ongoing), f"{case.period.start}{end}"
    if case.date is not None:
        return format_partial_date(case.date, t.lang), str(case.date)
    if case.undated:
        return case.date_note.get(t.lang) if case.date_note else t.undated, ""
    return "", ""


def _quote(quote: Quote, people: dict[str, Person], lang: str) -> QuoteView:
    """A quotation in ``lang`` (in Danish when it is not translated); an anonymised person by role only."""
    person = people[quote.by]
    text = quote.text.get(lang)
    anonymised = person.consent == "anonymised"
    return QuoteView(text or quote.text.da, lang if text else "da",
                     person.role.get(lang) if anonymised else quote.by, "" if anonymised else person.role.get(lang))
