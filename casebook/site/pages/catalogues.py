"""The catalogue list, each catalogue's page and each idea's page, with their views."""

from __future__ import annotations

from casebook.project.entries import CatalogueEntry, IdeaEntry
from casebook.site.localize import format_hours
from casebook.site.pages.cases import CasePages
from casebook.site.pages.shared import Shared
from casebook.site.urls import catalogue_pdf, catalogue_url, catalogues_url, idea_anchor_url, idea_url
from casebook.site.views import CatalogueView, IdeaView, Link, Page


class CataloguePages:
    """The catalogue and idea pages of a project; an idea's view is made once per language, for its
    catalogue's page and its own."""

    def __init__(self, shared: Shared, cases: CasePages) -> None:
        self.shared = shared
        self.cases = cases  # the cards of an idea's examples
        self._idea_views: dict[tuple[str, str], IdeaView] = {}

    def pages(self, lang: str) -> list[Page]:
        """The catalogue list, then each catalogue followed by its ideas."""
        pages = [self.list_page(lang)]
        for entry in self.shared.project.catalogues.values():
            pages.append(self.page(entry, lang))
            pages.extend(self.idea_page(idea, lang) for idea in self.shared.index.ideas_of(entry))
        return pages

    def list_page(self, lang: str) -> Page:
        t = self.shared.strings[lang]
        return Page(url=catalogues_url(lang), lang=lang, template="casebook/catalogue-list.html",
                    title=t.catalogues_title, description=t.catalogues_intro, data={"catalogues": self.links(lang)})

    def links(self, lang: str) -> list[Link]:
        """Every catalogue, with how many ideas it holds."""
        t = self.shared.strings[lang]
        return [Link(e.catalogue.title.get(lang), catalogue_url(e.slug, lang), t.idea_count(len(e.catalogue.ideas)))
                for e in self.shared.project.catalogues.values()]

    def page(self, entry: CatalogueEntry, lang: str) -> Page:
        view = self.view(entry, lang)
        intro = entry.intros.get(lang)
        return Page(url=view.url, lang=lang, template="casebook/catalogue.html", title=view.title,
                    description=view.intro, source_path=intro.path if intro else None, data={"catalogue": view})

    def idea_page(self, entry: IdeaEntry, lang: str) -> Page:
        view = self.idea_view(entry, lang)
        partners = ", ".join(dict.fromkeys(p for c in view.examples for p in c.partners))
        return Page(url=view.url, lang=lang, template="casebook/idea.html", title=view.title,
                    description=view.description, data={"idea": view},
                    search=self.shared.record("idea", lang, self.shared.facets.of_idea(entry), view.description,
                                              partners, f"{view.effort} · {view.duration}"))

    def view(self, entry: CatalogueEntry, lang: str) -> CatalogueView:
        catalogue = entry.catalogue
        ideas = [self.idea_view(idea, lang) for idea in self.shared.index.ideas_of(entry)]
        return CatalogueView(entry.slug, catalogue_url(entry.slug, lang), catalogue.title.get(lang),
                             catalogue.intro.get(lang), ideas,
                             catalogue_pdf(entry.slug, lang) if self.shared.pdf else None,
                             self.shared.outdated_original("catalogue", entry.slug, lang,
                                                           lambda lg: catalogue_url(entry.slug, lg)))

    def idea_view(self, entry: IdeaEntry, lang: str) -> IdeaView:
        key = (entry.idea.id, lang)
        if key not in self._idea_views:
            self._idea_views[key] = self._build_idea_view(entry, lang)
        return self._idea_views[key]

    def _build_idea_view(self, entry: IdeaEntry, lang: str) -> IdeaView:
        idea, shared = entry.idea, self.shared
        t, project = shared.strings[lang], shared.project
        catalogue = project.catalogues[entry.catalogue].catalogue
        sizes, costs = shared.index.vocabulary("size"), shared.index.vocabulary("cost")
        return IdeaView(
            id=idea.id, url=idea_url(entry.catalogue, idea.id, lang),
            anchor_url=idea_anchor_url(entry.catalogue, idea.id, lang),
            catalogue=Link(catalogue.title.get(lang), catalogue_url(entry.catalogue, lang)),
            title=idea.title.get(lang), description=idea.description.get(lang),
            first_steps=[step.get(lang) for step in idea.first_steps],
            effort=t.effort_hours.format(hours=format_hours(idea.effort.hours_per_employee, lang)),
            duration=t.get(f"duration_{idea.effort.duration.replace('-', '_')}"),
            cost=costs[idea.cost].get(lang), sizes=[sizes[s].get(lang) for s in idea.company_sizes],
            formats=shared.term_links("format", idea.formats, lang),
            themes=shared.term_links("theme", idea.themes, lang),
            sdgs=shared.sdg_views(idea.sdgs, lang),
            examples=[self.cases.card(project.cases[slug], lang) for slug in idea.examples if slug in project.cases],
            see_also=[shared.idea_link(project.ideas[i], lang) for i in idea.see_also if i in project.ideas],
        )
