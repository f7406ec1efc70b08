"""The rules of one case beyond its schema: one way of dating it (a date, a period, or undated), partners
listed once, known units, figures that fit, quoted people who are listed.

Which ids a case refers to is checked by :mod:`casebook.validate.references`, its images by
:mod:`casebook.validate.images`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from babel.numbers import list_currencies
from babel.units import UnknownUnitError, get_unit_name

from casebook.core.issues import Issue
from casebook.core.messages import msg, nmsg
from casebook.load.documents import Document
from casebook.model.case import Case
from casebook.model.registry import Measure
from casebook.validate.hints import did_you_mean
from casebook.validate.references import Known, repeated_references

_COMMON_UNITS = ("DKK", "EUR", "duration-hour", "duration-month", "duration-week", "duration-day", "duration-year")


def check_case(slug: str, case: Case, doc: Document, known: Known,
               failed: frozenset[str] = frozenset()) -> Iterator[Issue]:
    """Problems of one case; ``failed`` names fields that failed validation (checks on them wait)."""
    yield from _dates(case, doc, failed)
    if "organisations" in known.ids:  # with the organisation checks, which wait while organisations.yml fails
        yield from _partners(case, doc)
    yield from repeated_references(doc, Case, case)  # a list naming an id twice is wrong whatever the id is
    yield from _outcomes(case, doc, known)
    names = {p.name for p in case.people}
    for i, quote in enumerate(case.quotes):
        if quote.by not in names and "people" not in failed:
            yield doc.issue(("quotes", i, "by"), "case.quote-unknown-person",
                            msg("'{by}' is quoted but not listed under people with a consent basis", by=quote.by),
                            did_you_mean(quote.by, names) or msg("add the person under people, with role and consent"))
    for i, related in enumerate(case.related):
        if related == slug:
            yield doc.issue(("related", i), "ref.related-self", msg("a case cannot be related to itself"),
                            msg("remove this entry"))


def _dates(case: Case, doc: Document, failed: frozenset[str]) -> Iterator[Issue]:
    if case.date is not None and case.period is not None:
        yield doc.issue(("period",), "case.date-and-period", msg("give either date or period, not both"),
                        msg("remove one of them"), key=True)
    if case.undated and (case.date is not None or case.period is not None):
        yield doc.issue(("undated",), "case.undated-with-date", msg("an undated case has no date or period"),
                        msg("remove 'undated: true', or the date"), key=True)
    if case.date_note is not None and not case.undated:
        yield doc.issue(("date_note",), "case.date-note-with-date", msg("date_note is for an undated case"),
                        msg("write the date as precisely as the sources give it and remove date_note, "
                            "or replace the date with 'undated: true'"), key=True)
    if case.date is None and case.period is None and not case.undated and not failed & {"date", "period", "undated"}:
        yield doc.issue((), "case.no-date", msg("the case has no date"),
                        msg("add 'date:' with YYYY, YYYY-MM or YYYY-MM-DD, or 'period:' with start and end; "
                            "'undated: true' when the sources give no date"))
    if case.period and case.period.end and case.period.end.sort_key() < case.period.start.sort_key():
        yield doc.issue(("period", "end"), "case.period-order",
                        msg("period ends ({end}) before it starts ({start})",
                            end=case.period.end, start=case.period.start),
                        msg("swap start and end"))


def _partners(case: Case, doc: Document) -> Iterator[Issue]:
    seen: dict[str, int] = {}
    for i, partner in enumerate(case.partners):
        if partner.org in seen:
            yield doc.issue(("partners", i, "org"), "case.duplicate-partner",
                            msg("organisation '{org}' is listed twice", org=partner.org),
                            msg("remove this entry or partners[{number}]", number=seen[partner.org] + 1))
        seen.setdefault(partner.org, i)


def _outcomes(case: Case, doc: Document, known: Known) -> Iterator[Issue]:
    for i, outcome in enumerate(case.outcomes):
        measure = known.measure(outcome.measure) if outcome.measure else None
        if measure is not None and outcome.unit != measure.unit:
            where = ("outcomes", i, "unit") if outcome.unit is not None else ("outcomes", i, "measure")
            yield doc.issue(where, "case.measure-unit", *unit_mismatch(measure, outcome.unit))
        if outcome.source is not None and outcome.source > len(case.sources):
            yield doc.issue(("outcomes", i, "source"), "case.outcome-source",
                            nmsg("the case has {n} source, so there is no source {number}",
                                 "the case has {n} sources, so there is no source {number}",
                                 len(case.sources), number=outcome.source),
                            msg("give the number of the figure's source under sources (1 for the first), "
                                "or add the source there"))
        if outcome.unit is not None and not known_unit(outcome.unit):
            yield doc.issue(("outcomes", i, "unit"), "case.unknown-unit",
                            msg("unknown unit '{unit}'", unit=outcome.unit),
                            did_you_mean(outcome.unit, _COMMON_UNITS)
                            or msg("use a currency code such as DKK, or a CLDR unit such as duration-hour"))
        if outcome.of is not None and outcome.of < outcome.value:
            yield doc.issue(("outcomes", i, "of"), "case.outcome-of",
                            msg("{value} of {of} is more than the whole", value=outcome.value, of=outcome.of),
                            msg("check the two figures"))


def unit_mismatch(measure: Measure, unit: str | None) -> tuple[str, str]:
    """What is wrong with a figure in ``unit`` that names ``measure``, and the fix."""
    if measure.unit is None:
        return (msg("the measure '{measure}' is a count, but this figure is in '{unit}'", measure=measure.id,
                    unit=unit),
                msg("remove the unit, or choose a measure counted in '{unit}'", unit=unit))
    fix = msg("write 'unit: {expected}' and the figure in it, or choose another measure", expected=measure.unit)
    if unit is None:
        return (msg("the measure '{measure}' is counted in '{expected}', but this figure has no unit",
                    measure=measure.id, expected=measure.unit), fix)
    return (msg("the measure '{measure}' is counted in '{expected}', but this figure is in '{unit}'",
                measure=measure.id, expected=measure.unit, unit=unit), fix)


@functools.cache
def _currencies() -> frozenset[str]:
    return frozenset(list_currencies())


@functools.lru_cache(maxsize=1024)  # asked for every figure of every case; CLDR's units do not change
def known_unit(unit: str) -> bool:
    """Whether ``unit`` is a currency code or a CLDR unit (what a figure's unit may be)."""
    if unit in _currencies():
        return True
    try:
        get_unit_name(unit, locale="en")
    except UnknownUnitError:
        return False
    return True
