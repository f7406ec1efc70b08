"""The shape of the open data's ``/data/impact.json``, declared once: :mod:`casebook.publish.opendata_impact`
fills it from :class:`casebook.site.impact.Impact` and derives the file's JSON Schema from it.

Raise ``IMPACT_VERSION`` in :mod:`casebook.publish.opendata_impact` when a field is removed, renamed or
changes meaning.
"""

from __future__ import annotations

from typing import Literal

from casebook.model.fields import Bilingual, Number
from casebook.model.registry import Aggregate, MeasureKind
from casebook.publish.opendata_shape import Shape, SourceRef, Urls


class Contribution(Shape):
    """One figure of one case that counts towards a measure's total."""

    slug: str
    """The case's id, as in ``/data/cases.json``."""
    title: Bilingual
    """The case's title."""
    urls: Urls
    """The case's page in each language."""
    year: int | None
    """The year of the case's date (or of the start of its period); null for an undated case."""
    value: Number
    """The figure, e.g. 8 or 5440."""
    of: Number | None
    """Out of how many, e.g. 25 in '8 of 25'; null when the figure is not a part of a whole."""
    label: Bilingual
    """What the figure counts, as the case says it."""
    estimate: bool
    """True when the source gives the figure as an estimate."""
    source: SourceRef | None
    """Which of the case's sources the figure comes from, when the case says so."""


class Figures(Shape):
    """What a measure's figures make together, by the measure's aggregate rule."""

    measure: str
    """The measure's id (see ``totals`` at the top of the file for its names, kind and unit)."""
    value: Number | None
    """For a measure that is summed: the sum of all its figures, parts of a whole included (8 of 25
    and 2 make 10). Null for a range."""
    part: Number | None
    """For a sum: the sum of the figures that are a part of a whole; null when none is, and for a range."""
    whole: Number | None
    """For a sum: the sum of the wholes those figures give (8 of 25 and 3 of 10 make 11 of 35); null
    when no figure gives a whole, and for a range."""
    all_parts: bool
    """True when every figure is a part of a whole: the total then reads 'part of whole' (value equals
    part), never as a bare count. When only some are, value is the sum of all figures and part and
    whole are told beside it."""
    low: Number | None
    """For a range (a figure per person, never added up): the smallest figure. Null for a sum."""
    high: Number | None
    """For a range: the largest figure. Null for a sum."""
    estimate: bool
    """True when at least one of the figures is an estimate: the total is then an estimate too."""
    cases: list[str]
    """The slugs of the cases the figures come from, each once, newest first (undated cases last)."""


class Total(Figures):
    """A measure's total across every case, with the figures it is made of."""

    name: Bilingual
    """The measure's name, as the impact page heads its total."""
    kind: MeasureKind
    """input (what was given: employee time, cash, equipment), output (who was reached) or impact (what
    changed for them), as impact frameworks such as B4SI count them."""
    unit: str | None
    """The unit of every figure of the measure: a currency code (DKK) or a CLDR unit (duration-month);
    null for a count of people, organisations or things."""
    aggregate: Aggregate
    """sum: the figures are added up across cases (value, part, whole); range: a figure per person or
    participant ('6 months for each refugee'), never added up but shown from low to high."""
    contributions: list[Contribution]
    """Every figure that counts, in the order of the cases (newest first), then of their outcomes."""


class YearGroup(Shape):
    """The totals of the cases of one year."""

    year: int | None
    """The year of the cases' date or period start; null for the undated cases, which form a group of
    their own, after the years (they count in the overall totals all the same)."""
    cases: list[str]
    """The slugs of the group's cases that have a measured figure."""
    totals: list[Figures]
    """A total per measure that a figure of these cases names, in the order of ``totals``."""


class ThemeGroup(Shape):
    """The totals of the cases of one theme (a case with several themes counts in each)."""

    id: str
    """The taxonomy's id of the theme."""
    label: Bilingual
    """Its name."""
    urls: Urls
    """The theme's page."""
    cases: list[str]
    """The slugs of the group's cases that have a measured figure."""
    totals: list[Figures]
    """A total per measure that a figure of these cases names, in the order of ``totals``."""


class SdgGroup(Shape):
    """The totals of the cases of one Sustainable Development Goal (a case with several counts in each)."""

    number: int
    """1 to 17."""
    label: Bilingual
    """The goal's official short name."""
    urls: Urls
    """The goal's page."""
    cases: list[str]
    """The slugs of the group's cases that have a measured figure."""
    totals: list[Figures]
    """A total per measure that a figure of these cases names, in the order of ``totals``."""


class ImpactFile(Shape):
    """The figures of every case of a Casebook site added up per measure (``/data/impact.json``). A
    figure counts when its outcome names a measure; every number is a JSON number, unrounded and not
    localised."""

    format: Literal["casebook-impact"]
    """Always 'casebook-impact'."""
    version: Literal[1]
    """The version of this shape; it changes when a field is removed, renamed or changes meaning."""
    site_url: str | None
    """The site's public address; null when it is not configured: then every URL is relative to the data
    files' folder (../cases/x/)."""
    totals: list[Total]
    """A total per measure that at least one figure names, in the taxonomy's order of measures, across
    every case, undated ones included."""
    by_year: list[YearGroup]
    """Newest year first, the undated cases last (year null)."""
    by_theme: list[ThemeGroup]
    """In the taxonomy's order of themes."""
    by_sdg: list[SdgGroup]
    """By goal number."""
