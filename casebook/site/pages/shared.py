"""What every kind of page works with: the project, its strings and lookups, and the small views that
pages of several kinds show (an idea's link, a term's link, an SDG, a source, a search record)."""

from __future__ import annotations

from collections.abc import Callable

from casebook.model.fields import Source
from casebook.project import Project
from casebook.project.entries import IdeaEntry
from casebook.project.translations import outdated
from casebook.site.facets import Facets
from casebook.site.images import CaseImage, plan_images, plan_page_images
from casebook.site.impact import Total
from casebook.site.index import SiteIndex
from casebook.site.localize import format_number, format_partial_date, format_quantity, format_range
from casebook.site.paging import LIST_PAGE_SIZE
from casebook.site.strings import Strings
from casebook.site.urls import case_url, idea_url, impact_url, measure_anchor, term_url
from casebook.site.views import ImageView, Link, SdgView, SearchRecord, SourceView, TotalView


class Shared:
    """The project being planned and what its pages share."""

    def __init__(self, project: Project, strings: dict[str, Strings], facets: Facets, index: SiteIndex, *,
                 pdf: bool, page_size: int = LIST_PAGE_SIZE) -> None:
        self.project = project
        self.page_size = page_size  # cases a page of a list (casebook/site/paging.py)
        self.strings = strings  # lang -> the UI texts
        self.facets = facets
        self.index = index
        self.pdf = pdf  # the build writes each catalogue as a PDF
        self.images: dict[tuple[str, str], CaseImage] = plan_images(project)  # by case slug and file
        self.page_images: dict[str, CaseImage] = plan_page_images(project)  # by path in content/

    def image_views(self, slug: str, lang: str) -> list[ImageView]:
        """A case's images as its pages and cards show them in ``lang``."""
        return [self.images[slug, i.file].view(i.alt.get(lang), i.credit)
                for i in self.project.cases[slug].case.images]

    def idea_link(self, entry: IdeaEntry, lang: str) -> Link:
        catalogue = self.project.catalogues[entry.catalogue].catalogue
        return Link(entry.idea.title.get(lang), idea_url(entry.catalogue, entry.idea.id, lang),
                    catalogue.title.get(lang))

    def term_links(self, kind: str, ids: list[str], lang: str) -> list[Link]:
        vocabulary = self.index.vocabulary(kind)
        return [Link(vocabulary[i].get(lang), term_url(kind, i, lang)) for i in ids]

    def sdg_views(self, numbers: list[int], lang: str) -> list[SdgView]:
        sdgs = {s.number: s for s in self.index.taxonomy.sdgs}
        return [SdgView(n, sdgs[n].get(lang), sdgs[n].colour, term_url("sdg", n, lang)) for n in numbers]

    @staticmethod
    def source_view(source: Source, lang: str) -> SourceView:
        """A case's source or an organisation's, with its date as ``lang`` writes it."""
        published = format_partial_date(source.published, lang) if source.published else None
        return SourceView(source.title, source.url, source.publisher, published)

    def total_views(self, totals: list[Total], lang: str) -> list[TotalView]:
        """Totals (casebook/site/impact.py) as pages show them in ``lang``."""
        t = self.strings[lang]
        views = []
        for total in totals:
            unit = total.measure.unit
            note = ""
            if not total.summed:
                figure = format_range(total.low, total.high, unit, lang)
                note = t.impact_range_note
            elif total.all_parts:
                assert total.part is not None and total.whole is not None
                figure = f"{format_quantity(total.part, unit, lang)} {t.of} {format_number(total.whole, lang)}"
            else:
                figure = format_quantity(total.value, unit, lang)
                if total.whole is not None and total.part is not None:
                    note = t.impact_part_note.format(part=format_number(total.part, lang),
                                                     whole=format_number(total.whole, lang))
            cases = total.cases
            views.append(TotalView(total.measure.id, total.measure.get(lang), total.measure.kind, figure, note,
                                   total.estimate, t.count(len(cases)),
                                   [Link(e.case.title.get(lang), case_url(e.slug, lang)) for e in cases],
                                   impact_url(lang) + "#" + measure_anchor(total.measure.id)))
        return views

    def record(self, page_type: str, lang: str, filters: dict[str, list[str]], summary: str,
               partners: str = "", figure: str = "") -> SearchRecord:
        """What the search index keeps of a page; its browsing position is given once all are planned."""
        t = self.strings[lang]
        filters = filters or Facets.of_other(page_type)
        return SearchRecord(page_type, t.get(f"type_{page_type}"), filters, summary, partners, figure, 0)

    def outdated_original(self, kind: str, name: str, lang: str, url_in: Callable[[str], str]) -> str | None:
        """The URL of the original (``url_in(its language)``), when this language's text is a translation
        made from an older version of it."""
        unit = self.project.translation(kind, name)
        source = outdated(unit).get(lang) if unit else None
        return None if source is None else url_in(source)
