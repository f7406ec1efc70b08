"""The topics page (every theme, format and SDG) and a page per term with the cases and ideas that
carry it, and the figures of those cases added up."""

from __future__ import annotations

from typing import Any

from casebook.site.facets import VOCABULARIES
from casebook.site.pages.cases import CasePages
from casebook.site.pages.shared import Shared
from casebook.site.paging import paged
from casebook.site.urls import TERM_FOLDERS, term_url, topics_url
from casebook.site.views import Page, TermView, TopicEntry


class TopicPages:
    """The topics page and the term pages, in :data:`~casebook.site.urls.TERM_FOLDERS`' order."""

    def __init__(self, shared: Shared, cases: CasePages) -> None:
        self.shared = shared
        self.cases = cases

    def pages(self, lang: str) -> list[Page]:
        return [self.topics(lang), *self.terms(lang)]

    def topics(self, lang: str) -> Page:
        t, index = self.shared.strings[lang], self.shared.index
        colours = {str(s.number): s.colour for s in index.taxonomy.sdgs}
        groups = []
        for kind in TERM_FOLDERS:
            entries = []
            for term_id, name in index.terms(kind, lang):
                cases, ideas = index.by_term[kind, term_id]
                entries.append(TopicEntry(name, term_url(kind, term_id, lang) if cases or ideas else "",
                                          t.entries(len(cases), len(ideas)),
                                          int(term_id) if kind == "sdg" else None, colours.get(term_id)
                                          if kind == "sdg" else None))
            # ui.yml names each vocabulary under its id: "themes", "formats", "sdgs".
            groups.append((kind, t.get(VOCABULARIES[kind]), entries))
        return Page(url=topics_url(lang), lang=lang, template="casebook/topics.html",
                    title=t.topics_title, description=t.topics_intro, data={"groups": groups})

    def terms(self, lang: str) -> list[Page]:
        index = self.shared.index
        sdgs = {str(s.number): s for s in index.taxonomy.sdgs}
        pages = []
        for kind in TERM_FOLDERS:
            for term_id, name in index.terms(kind, lang):
                pages += self._term_pages(kind, term_id, name, sdgs.get(term_id) if kind == "sdg" else None, lang)
        return pages

    def _term_pages(self, kind: str, term_id: str, name: str, sdg: Any, lang: str) -> list[Page]:
        """A term's cases in pages (casebook/site/paging.py); its ideas and the figures of all its cases
        added up on the first."""
        t, index = self.shared.strings[lang], self.shared.index
        cases, ideas = index.by_term[kind, term_id]
        title = t.sdg_label.format(n=sdg.number) + ": " + name if sdg else name
        pages = []
        for p in paged(term_url(kind, term_id, lang), title, [self.cases.card(e, lang) for e in cases],
                       self.shared.page_size, t):
            view = TermView(kind, t.get(f"term_{kind}"), name, sdg.number if sdg else None,
                            sdg.colour if sdg else None, p.items,
                            [self.shared.idea_link(i, lang) for i in ideas] if p.number == 1 else [])
            totals = self.shared.total_views(index.impact.of(cases), lang) if p.number == 1 else []
            pages.append(Page(url=p.url, lang=lang, template="casebook/term.html", title=p.title,
                              description=t.term_intro.format(name=name),
                              data={"term": view, "totals": totals, "pager": p.pager}))
        return pages
