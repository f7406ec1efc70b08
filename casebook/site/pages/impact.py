"""The impact page: the figures of every case added up per measure (casebook/site/impact.py), each total
with the cases it comes from, and the totals by year, theme and SDG as charts and tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import get_args

from casebook.model.registry import MeasureKind
from casebook.site.charts import Bar, Panel, bar_chart
from casebook.site.impact import Contribution, Group, GroupKey, Total
from casebook.site.localize import format_figure
from casebook.site.pages.shared import Shared
from casebook.site.urls import case_url, impact_url, measure_anchor, term_url
from casebook.site.views import (
    Breakdown,
    ContributionView,
    GroupFigures,
    Link,
    MeasureSection,
    Page,
    SdgView,
    TotalView,
)


class ImpactPages:
    """The impact page in each language."""

    def __init__(self, shared: Shared) -> None:
        self.shared = shared

    def pages(self, lang: str) -> list[Page]:
        """The page, once a figure of a case names a measure; a site with nothing to add up has none."""
        t, impact = self.shared.strings[lang], self.shared.index.impact
        if not impact.overall:
            return []
        overall = self.shared.total_views(impact.overall, lang)
        # The headline totals by kind of measure (what was given, who it reached, what changed), as the
        # topics page groups its terms: (kind, its name, its totals).
        kinds = [(kind, t.get(f"measure_kind_{kind}"), [v for v in overall if v.kind == kind])
                 for kind in get_args(MeasureKind)]
        measures = [MeasureSection(measure_anchor(total.measure.id), view,
                                   [self.contribution(c, lang) for c in total.contributions], total.summed)
                    for total, view in zip(impact.overall, overall, strict=True)]
        breakdowns = [self.breakdown("year", impact.by_year, self.year_label, lang),
                      self.breakdown("theme", impact.by_theme, self.theme_label, lang),
                      self.breakdown("sdg", impact.by_sdg, self.sdg_label, lang)]
        data = {"kinds": [k for k in kinds if k[2]], "measures": measures,
                "breakdowns": [b for b in breakdowns if b.groups]}
        return [Page(url=impact_url(lang), lang=lang, template="casebook/impact.html", title=t.impact_title,
                     description=t.impact_description, data=data)]

    def contribution(self, c: Contribution, lang: str) -> ContributionView:
        """A case's figure as its page writes it, with the source it names."""
        case, t = c.entry.case, self.shared.strings[lang]
        named = case.source_of(c.outcome)
        source = self.shared.source_view(named, lang) if named else None
        return ContributionView(Link(case.title.get(lang), case_url(c.slug, lang)),
                                format_figure(c.outcome, lang, t.of), c.outcome.label.get(lang),
                                c.outcome.estimate, source)

    def breakdown(self, kind: str, groups: list[Group],
                  label: Callable[[GroupKey, str], tuple[str, str, SdgView | None]], lang: str) -> Breakdown:
        """The totals of each group (a year, a theme, a goal) as rows of a table, and the summed ones as a
        chart with one panel per measure."""
        t = self.shared.strings[lang]
        rows = []
        for group in groups:
            name, url, sdg = label(group.key, lang)
            views = [v if total.summed else replace(v, note=t.impact_per_participant)  # a table's cell is narrow
                     for total, v in zip(group.totals, self.shared.total_views(group.totals, lang), strict=True)]
            rows.append(GroupFigures(name, url, t.count(len(group.cases)), views, sdg))
        panels = self.panels(groups, rows, lang)
        caption = t.get(f"impact_{kind}_title")
        chart = bar_chart(f"cb-chart-{kind}", caption, self.description(panels, lang), panels, lang) if panels else ""
        return Breakdown(kind, t.get(f"impact_by_{kind}"), caption, chart, rows)

    def panels(self, groups: list[Group], rows: list[GroupFigures], lang: str) -> list[Panel]:
        """A panel per summed measure with data, a bar per group that has a figure for it."""
        panels, mark = [], self.shared.strings[lang].estimate_mark
        for measure in self.shared.index.impact.measures:
            if measure.aggregate != "sum":
                continue  # a figure per participant is never added up: the table shows its range
            bars = []
            for group, row in zip(groups, rows, strict=True):
                total = group.total(measure.id)
                if total is not None:
                    bars.append(_bar(row, total, _view(row.totals, measure.id), mark))
            if bars:
                panels.append(Panel(measure.get(lang), bars))
        return panels

    def description(self, panels: list[Panel], lang: str) -> str:
        """The chart's main figures in words: each panel's measure, then each group and its figure."""
        t = self.shared.strings[lang]
        sentences = [t.impact_chart_panel.format(measure=p.title, figures="; ".join(f"{b.label}: {b.text}"
                                                                                   for b in p.bars))
                     for p in panels]
        # A figure may end with an abbreviation's full stop ("5.440 kr."): it then ends the sentence too.
        return " ".join(s if s.endswith(".") else s + "." for s in sentences)

    def year_label(self, key: GroupKey, lang: str) -> tuple[str, str, SdgView | None]:
        return (str(key) if key is not None else self.shared.strings[lang].impact_undated), "", None

    def theme_label(self, key: GroupKey, lang: str) -> tuple[str, str, SdgView | None]:
        theme = self.shared.index.vocabulary("theme")[str(key)]
        return theme.get(lang), term_url("theme", str(key), lang), None

    def sdg_label(self, key: GroupKey, lang: str) -> tuple[str, str, SdgView | None]:
        assert isinstance(key, int)
        sdg = self.shared.sdg_views([key], lang)[0]
        return sdg.name, sdg.url, sdg


def _view(views: list[TotalView], measure_id: str) -> TotalView:
    return next(v for v in views if v.id == measure_id)


def _bar(row: GroupFigures, total: Total, view: TotalView, estimate_mark: str) -> Bar:
    """A group's bar: a part of a whole is drawn as its part against the whole, labelled as the table says
    (and an estimate said so beside its value)."""
    label = row.label if row.sdg is None else f"{row.sdg.number}. {row.label}"
    colour = row.sdg.colour if row.sdg else None
    figure = f"{view.figure} ({estimate_mark})" if view.estimate else view.figure
    if total.all_parts:
        assert total.part is not None and total.whole is not None
        return Bar(label, float(total.part), figure, float(total.whole), colour)
    return Bar(label, float(total.value), figure, None, colour)
