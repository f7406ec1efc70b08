"""The hand-written pages of ``content/`` (``<name>.<lang>.md``), the front page among them."""

from __future__ import annotations

from functools import partial
from typing import Any

from casebook.model.registry import MeasureKind
from casebook.site.impact import Total
from casebook.site.localize import is_currency
from casebook.site.pages.cases import CasePages
from casebook.site.pages.catalogues import CataloguePages
from casebook.site.pages.shared import Shared
from casebook.site.urls import HOME, impact_url, page_url, search_filtered_url
from casebook.site.views import Link, Page

NEWEST_ON_HOME = 6

# The kinds of measure in the order the front page's headline figures follow: what was given, who it
# reached, what changed for them.
HEADLINE_KINDS: tuple[MeasureKind, ...] = ("input", "output", "impact")


class HandWrittenPages:
    """The pages written in Markdown; the front page adds the newest cases and the catalogues."""

    def __init__(self, shared: Shared, cases: CasePages, catalogues: CataloguePages) -> None:
        self.shared = shared
        self.cases = cases
        self.catalogues = catalogues

    def pages(self, lang: str) -> list[Page]:
        pages = []
        for source in self.shared.project.pages:
            if source.lang != lang:
                continue
            is_home = source.name == HOME
            title = source.meta.title or _first_heading(source.body) or source.name.replace("-", " ").capitalize()
            data: dict[str, Any] = {"outdated_original": self.shared.outdated_original(
                "page", source.name, lang, partial(page_url, source.name)), "menu": source.meta.menu}
            if is_home:
                newest = self.shared.index.cases_newest_first[:NEWEST_ON_HOME]
                sizes = self.shared.index.taxonomy.company_sizes
                data |= {"newest": [self.cases.card(e, lang) for e in newest],
                         "catalogues": self.catalogues.links(lang),
                         # "What can a company like ours do?": the ideas for each size of company.
                         "sizes": [Link(s.get(lang), search_filtered_url(lang, type="idea", size=s.id)) for s in sizes],
                         "totals": self.shared.total_views(headline_totals(self.shared.index.impact.overall), lang),
                         "impact_url": impact_url(lang)}
            pages.append(Page(
                url=page_url(source.name, lang), lang=lang,
                template="casebook/home.html" if is_home else "casebook/page.html",
                title=title, description=source.meta.description or "", source_path=source.path, data=data,
                search=None if is_home else self.shared.record("page", lang, {}, source.meta.description or ""),
            ))
        return pages


def headline_totals(totals: list[Total]) -> list[Total]:
    """The three or four totals the front page shows, out of ``totals`` (in the taxonomy's order).

    The rule: the first total of each kind of measure, input, output and impact, in that order (what
    was given, who it reached, what changed); then the first input counted in money, when it is not
    already among them. Only totals that add up are headlines: a range (a figure per participant) is
    not a total. A kind without any measured figure is left out, so a site with few figures shows fewer.
    """
    summed = [t for t in totals if t.summed]
    chosen = [first for kind in HEADLINE_KINDS if (first := next((t for t in summed if t.measure.kind == kind), None))]
    money = next((t for t in summed if t.measure.kind == "input" and is_currency(t.measure.unit)), None)
    if money is not None and money not in chosen:
        chosen.append(money)
    return chosen


def _first_heading(markdown: str) -> str:
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""
