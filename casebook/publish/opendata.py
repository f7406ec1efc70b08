"""Open data: the validated facts of every case, as JSON and as a spreadsheet.

The build writes six files (``docs/open-data.md`` describes them for their users): three about the cases,
here, and three with their figures added up per measure (``impact.json``, its schema and ``impact.csv``,
:mod:`casebook.publish.opendata_impact`):

- ``/data/cases.json``: ``{"format": "casebook-cases", "version": 2, "site_url": ..., "cases": [...]}``,
  every case in both languages with its references resolved (organisation names, taxonomy labels,
  the addresses of its pages), newest first;
- ``/data/cases.schema.json``: its JSON Schema, derived from the models in
  :mod:`casebook.publish.opendata_shape`, which declare the shape once (as :mod:`casebook.model` declares the content);
- ``/data/cases.csv``: one row per case with the columns a spreadsheet user wants, separated by
  semicolons and in UTF-8 with a byte order mark, so that Excel opens it in columns and reads æ, ø and å
  (:mod:`casebook.publish.opendata_files`).

People are given as the site shows them: an anonymised person has no name here (``null``), neither in
``people`` nor as the ``by`` of a quote; the neutral label in ``case.yml`` is never published.

Addresses are absolute when ``site_url`` is set in ``mkdocs.yml``; otherwise they are relative to the data
files' own folder (``../cases/x/``), which resolves against the address the file was fetched from at a
host's root and under a sub-path alike (:class:`casebook.site.urls.Site`).

Raise :data:`VERSION` when a field is removed, renamed or changes meaning; a field added (as the outcomes'
``measure``, ``estimate`` and ``source`` were to version 2) keeps it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from casebook.core.languages import LANGUAGES
from casebook.model.case import INVOLVEMENTS, Case
from casebook.model.case import Outcome as CaseOutcome
from casebook.model.fields import Bilingual, same_fields
from casebook.model.registry import Organisation, Term
from casebook.project.entries import CaseEntry
from casebook.publish.opendata_files import csv_bytes, join, json_bytes, json_schema, schema_bytes
from casebook.publish.opendata_impact import impact_csv, impact_file, impact_schema, source_ref
from casebook.publish.opendata_shape import (
    CasesFile,
    Goal,
    Image,
    Label,
    OpenCase,
    OrganisationRef,
    Outcome,
    Partner,
    Period,
    Person,
    Quote,
    Source,
    Topic,
    Urls,
)
from casebook.site.facets import VOCABULARIES
from casebook.site.localize import format_figure
from casebook.site.plan import SitePlan
from casebook.site.urls import (
    OPEN_DATA_CSV,
    OPEN_DATA_IMPACT_CSV,
    OPEN_DATA_IMPACT_JSON,
    OPEN_DATA_IMPACT_SCHEMA,
    OPEN_DATA_JSON,
    OPEN_DATA_SCHEMA,
    Site,
    case_image,
    case_url,
    organisation_url,
    term_url,
)

FORMAT = "casebook-cases"
# 2: a case may be undated (undated, date_note: then date and period are both null); partners' roles
# include participant and host; sources have a publisher.
VERSION = 2

# The spreadsheet's columns, in order; docs/open-data.md explains each.
CSV_COLUMNS = ("slug", "title_da", "title_en", "kind", "date", "end", "partners", "involved", "formats_da",
               "formats_en", "themes_da", "themes_en", "sdgs", "key_figures_da", "key_figures_en", "url_da", "url_en")

# --- from the content model ---------------------------------------------------------------------


def cases_file(plan: SitePlan, site: Site) -> CasesFile:
    """Every case of ``plan``, newest first, as the open data describe it."""
    return CasesFile(format=FORMAT, version=VERSION, site_url=site.base if site.absolute_urls else None,
                     cases=[_case(plan, site, entry) for entry in plan.cases_newest_first])


def _case(plan: SitePlan, site: Site, entry: CaseEntry) -> OpenCase:
    case = entry.case
    taxonomy = plan.project.taxonomy
    assert taxonomy is not None, "a project with errors has no open data"
    orgs = plan.project.organisations
    sdgs = {s.number: s for s in taxonomy.sdgs}
    measures = taxonomy.vocabulary("measures")

    def urls(of: Callable[[str], str]) -> Urls:
        return Urls(**{lang: site.url(of(lang), OPEN_DATA_JSON) for lang in LANGUAGES})

    def label(key: str) -> Bilingual:
        return Bilingual(**{lang: plan.strings[lang].get(key) for lang in LANGUAGES})

    def term(term_: Term) -> Bilingual:
        return Bilingual(da=term_.da, en=term_.en)

    def topics(kind: str, ids: list[str]) -> list[Topic]:
        vocabulary = taxonomy.vocabulary(VOCABULARIES[kind])
        return [Topic(id=i, label=term(vocabulary[i]), urls=urls(partial(term_url, kind, i))) for i in ids]

    sectors = taxonomy.vocabulary("sectors")
    return OpenCase(
        **{name: getattr(case, name) for name in PASSED_THROUGH},
        slug=entry.slug, urls=urls(partial(case_url, entry.slug)),
        kind=Label(id=case.kind, label=label(f"kind_{case.kind}")),
        date=str(case.date) if case.date else None,
        period=Period(start=str(case.period.start), end=str(case.period.end) if case.period.end else None)
        if case.period else None,
        stories=[lang for lang in LANGUAGES if lang in entry.stories],
        partners=[Partner(id=p.org, name=orgs[p.org].name, role=Label(id=p.role, label=label(f"role_{p.role}")),
                          website=orgs[p.org].website, urls=urls(partial(organisation_url, p.org)))
                  for p in case.partners],
        formats=topics("format", case.formats),
        themes=topics("theme", case.themes),
        sectors=[Label(id=i, label=term(sectors[i])) for i in case.sectors],
        sdgs=[Goal(number=n, label=Bilingual(da=sdgs[n].da, en=sdgs[n].en), colour=sdgs[n].colour,
                   urls=urls(partial(term_url, "sdg", n))) for n in case.sdgs],
        outcomes=[_outcome(plan, case, o, measures) for o in case.outcomes],
        people=_people(case, orgs), quotes=_quotes(case),
        sources=[Source(title=s.title, url=s.url, publisher=s.publisher,
                        published=str(s.published) if s.published else None) for s in case.sources],
        images=[Image(url=site.url(case_image(entry.slug, i.file), OPEN_DATA_JSON), alt=i.alt, credit=i.credit)
                for i in case.images],
        related=[slug for slug in case.related if slug in plan.project.cases],
    )


# What case.yml and the open data declare alike (title, summary, programme) passes through as it is:
# a new such field needs only its declaration in OpenCase.
PASSED_THROUGH = same_fields(Case, OpenCase)


def _outcome(plan: SitePlan, case: Case, outcome: CaseOutcome, measures: dict[str, Term]) -> Outcome:
    measure = measures[outcome.measure] if outcome.measure else None
    figure = {lang: format_figure(outcome, lang, plan.strings[lang].of) for lang in LANGUAGES}
    return Outcome(value=outcome.value, of=outcome.of, unit=outcome.unit, label=outcome.label,
                   figure=Bilingual(**figure),
                   measure=Label(id=measure.id, label=Bilingual(da=measure.da, en=measure.en)) if measure else None,
                   estimate=outcome.estimate, source=source_ref(case, outcome))


def _people(case: Case, orgs: dict[str, Organisation]) -> list[Person]:
    """The people named in a case; an anonymised person without a name."""
    return [Person(name=None if p.consent == "anonymised" else p.name, anonymised=p.consent == "anonymised",
                   consent=p.consent, role=p.role,
                   organisation=OrganisationRef(id=p.org, name=orgs[p.org].name) if p.org else None)
            for p in case.people]


def _quotes(case: Case) -> list[Quote]:
    """The quotes of a case; an anonymised person's quote without a name."""
    people = {p.name: p for p in case.people}
    return [Quote(text=q.text, by=None if people[q.by].consent == "anonymised" else q.by, role=people[q.by].role)
            for q in case.quotes]


# --- the files ----------------------------------------------------------------------------------


def cases_json(data: CasesFile) -> bytes:
    return json_bytes(data)


def cases_schema() -> dict[str, Any]:
    """The JSON Schema of ``cases.json``, derived from :class:`CasesFile`."""
    return json_schema(CasesFile, OPEN_DATA_SCHEMA, "Casebook cases (open data)")


def cases_csv(data: CasesFile) -> bytes:
    """One row per case (:data:`CSV_COLUMNS`), written as :func:`casebook.publish.opendata_files.csv_bytes` says."""
    return csv_bytes(CSV_COLUMNS, map(_row, data.cases))


def _row(case: OpenCase) -> dict[str, str]:
    row = {"slug": case.slug, "kind": case.kind.id,
           "date": case.date or (case.period.start if case.period else ""),
           "end": (case.period.end or "") if case.period else "",
           "partners": join(p.name for p in case.partners if p.role.id not in INVOLVEMENTS),
           "involved": join(p.name for p in case.partners if p.role.id in INVOLVEMENTS),
           "sdgs": join(str(g.number) for g in case.sdgs)}
    for lang in LANGUAGES:
        row |= {f"title_{lang}": case.title.get(lang),
                f"formats_{lang}": join(t.label.get(lang) for t in case.formats),
                f"themes_{lang}": join(t.label.get(lang) for t in case.themes),
                f"key_figures_{lang}": join(f"{o.figure.get(lang)} {o.label.get(lang)}" for o in case.outcomes),
                f"url_{lang}": getattr(case.urls, lang)}
    return row


def write_open_data(plan: SitePlan, site: Site, site_dir: Path) -> list[str]:
    """Write the open data files (:data:`casebook.site.urls.OPEN_DATA_FILES`) into the built site; return
    their site paths."""
    data, impact = cases_file(plan, site), impact_file(plan, site)
    contents = {OPEN_DATA_JSON: cases_json(data), OPEN_DATA_SCHEMA: schema_bytes(cases_schema()),
                OPEN_DATA_CSV: cases_csv(data),
                OPEN_DATA_IMPACT_JSON: json_bytes(impact), OPEN_DATA_IMPACT_SCHEMA: schema_bytes(impact_schema()),
                OPEN_DATA_IMPACT_CSV: impact_csv(impact)}
    for path, content in contents.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return list(contents)
