"""Open data: the figures of the cases added up per measure (:mod:`casebook.site.impact`), as JSON and as a
spreadsheet.

- ``/data/impact.json``: ``{"format": "casebook-impact", "version": 1, "site_url": ..., "totals": [...],
  "by_year": [...], "by_theme": [...], "by_sdg": [...]}``: a total per measure across every case, with
  the figures it is made of, and the totals of the cases of each year, theme and SDG;
- ``/data/impact.schema.json``: its JSON Schema, derived from :mod:`casebook.publish.opendata_impact_shape`,
  whose descriptions state the rules;
- ``/data/impact.csv``: one row per figure that counts, with its measure's total beside it, written as
  ``cases.csv`` is (:mod:`casebook.publish.opendata_files`).

Addresses follow ``cases.json``'s rule (absolute with ``site_url``, else relative to ``/data/``). Raise
:data:`IMPACT_VERSION` when a field is removed, renamed or changes meaning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from casebook.core.languages import LANGUAGES
from casebook.model.case import Case
from casebook.model.case import Outcome as CaseOutcome
from casebook.model.fields import Bilingual
from casebook.model.registry import Sdg, Term
from casebook.publish.opendata_files import csv_bytes, json_schema
from casebook.publish.opendata_impact_shape import (
    Contribution,
    Figures,
    ImpactFile,
    SdgGroup,
    ThemeGroup,
    Total,
    YearGroup,
)
from casebook.publish.opendata_shape import SourceRef, Urls
from casebook.site import impact
from casebook.site.plan import SitePlan
from casebook.site.urls import OPEN_DATA_IMPACT_JSON, OPEN_DATA_IMPACT_SCHEMA, Site, case_url, term_url

IMPACT_FORMAT = "casebook-impact"
IMPACT_VERSION = 1

# The spreadsheet's columns, in order; docs/open-data.md explains each. One row per figure that counts:
# a pivot table or SUMIF over "value" by "measure" gives the totals, and a filter keeps whole rows.
IMPACT_CSV_COLUMNS = (
    "measure", "measure_da", "measure_en", "kind", "unit", "aggregate",
    "total", "total_part", "total_whole", "total_low", "total_high", "total_estimate", "total_cases",
    "slug", "title_da", "title_en", "year", "value", "of", "estimate", "label_da", "label_en",
    "source_number", "source_title", "url_da", "url_en")


def source_ref(case: Case, outcome: CaseOutcome) -> SourceRef | None:
    """The source an outcome names, by its number and with its title."""
    source = case.source_of(outcome)
    return SourceRef(number=outcome.source, title=source.title) if source and outcome.source else None


# --- from the totals ----------------------------------------------------------------------------


def impact_file(plan: SitePlan, site: Site) -> ImpactFile:
    """The plan's totals (:attr:`casebook.site.index.SiteIndex.impact`) as the open data describe them."""
    totals = plan.index.impact
    taxonomy = plan.index.taxonomy
    themes: dict[impact.GroupKey, Term] = {t.id: t for t in taxonomy.themes}
    sdgs: dict[impact.GroupKey, Sdg] = {s.number: s for s in taxonomy.sdgs}

    def urls(of: Callable[[str], str]) -> Urls:
        return Urls(**{lang: site.url(of(lang), OPEN_DATA_IMPACT_JSON) for lang in LANGUAGES})

    def groups(group: impact.Group) -> dict[str, Any]:
        return {"cases": [e.slug for e in group.cases], "totals": list(map(_figures, group.totals))}

    def theme(group: impact.Group) -> ThemeGroup:
        term = themes[group.key]
        return ThemeGroup(id=term.id, label=Bilingual(da=term.da, en=term.en),
                          urls=urls(partial(term_url, "theme", term.id)), **groups(group))

    def sdg(group: impact.Group) -> SdgGroup:
        goal = sdgs[group.key]
        return SdgGroup(number=goal.number, label=Bilingual(da=goal.da, en=goal.en),
                        urls=urls(partial(term_url, "sdg", goal.number)), **groups(group))

    return ImpactFile(
        format=IMPACT_FORMAT, version=IMPACT_VERSION, site_url=site.base if site.absolute_urls else None,
        totals=[_total(t, urls) for t in totals.overall],
        by_year=[YearGroup(year=g.key if isinstance(g.key, int) else None, **groups(g)) for g in totals.by_year],
        by_theme=list(map(theme, totals.by_theme)), by_sdg=list(map(sdg, totals.by_sdg)))


def _numbers(total: impact.Total) -> dict[str, Any]:
    summed = total.summed
    return {"measure": total.measure.id, "value": total.value if summed else None, "part": total.part,
            "whole": total.whole, "all_parts": total.all_parts, "low": None if summed else total.low,
            "high": None if summed else total.high, "estimate": total.estimate,
            "cases": [e.slug for e in total.cases]}


def _figures(total: impact.Total) -> Figures:
    return Figures(**_numbers(total))


def _total(total: impact.Total, urls: Callable[[Callable[[str], str]], Urls]) -> Total:
    measure = total.measure
    return Total(**_numbers(total), name=Bilingual(da=measure.da, en=measure.en), kind=measure.kind,
                 unit=measure.unit, aggregate=measure.aggregate,
                 contributions=[_contribution(c, urls) for c in total.contributions])


def _contribution(contribution: impact.Contribution, urls: Callable[[Callable[[str], str]], Urls]) -> Contribution:
    case, outcome = contribution.entry.case, contribution.outcome
    return Contribution(slug=contribution.slug, title=case.title, urls=urls(partial(case_url, contribution.slug)),
                        year=case.when.year if case.when else None, value=outcome.value, of=outcome.of,
                        label=outcome.label, estimate=outcome.estimate, source=source_ref(case, outcome))


# --- the files ----------------------------------------------------------------------------------


def impact_schema() -> dict[str, Any]:
    """The JSON Schema of ``impact.json``, derived from :class:`ImpactFile`."""
    return json_schema(ImpactFile, OPEN_DATA_IMPACT_SCHEMA, "Casebook impact totals (open data)")


def impact_csv(data: ImpactFile) -> bytes:
    """One row per figure that counts (:data:`IMPACT_CSV_COLUMNS`), measures in the taxonomy's order."""
    return csv_bytes(IMPACT_CSV_COLUMNS, _rows(data))


def _rows(data: ImpactFile) -> Iterator[dict[str, str]]:
    for total in data.totals:
        measure = {"measure": total.measure, "measure_da": total.name.da, "measure_en": total.name.en,
                   "kind": total.kind, "unit": total.unit or "", "aggregate": total.aggregate,
                   "total": _number(total.value), "total_part": _number(total.part),
                   "total_whole": _number(total.whole), "total_low": _number(total.low),
                   "total_high": _number(total.high), "total_estimate": _flag(total.estimate),
                   "total_cases": str(len(total.cases))}
        for c in total.contributions:
            yield measure | {
                "slug": c.slug, "title_da": c.title.da, "title_en": c.title.en,
                "year": "" if c.year is None else str(c.year), "value": _number(c.value), "of": _number(c.of),
                "estimate": _flag(c.estimate), "label_da": c.label.da, "label_en": c.label.en,
                "source_number": str(c.source.number) if c.source else "",
                "source_title": c.source.title if c.source else "", "url_da": c.urls.da, "url_en": c.urls.en}


def _number(value: int | float | None) -> str:
    """A number as a spreadsheet with Danish settings reads it: no thousands separator, a decimal comma
    (2,5), like the semicolons between the columns; empty for none."""
    return "" if value is None else str(value).replace(".", ",")


def _flag(value: bool) -> str:
    return "true" if value else "false"
