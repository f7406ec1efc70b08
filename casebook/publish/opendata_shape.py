"""The shape of the open data's ``/data/cases.json``, declared once: :mod:`casebook.publish.opendata`
fills it from the content and derives the file's JSON Schema from it.

Raise ``VERSION`` in :mod:`casebook.publish.opendata` when a field is removed, renamed or changes meaning.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from casebook.core.languages import Lang
from casebook.model.case import Consent
from casebook.model.fields import Bilingual, DanishFirst, Number

# A date as precise as the author wrote it.
WrittenDate = Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]


# --- the shape of cases.json -------------------------------------------------------------------


class Shape(BaseModel):
    """The base of every model of the open data's files (here and in :mod:`casebook.publish.opendata_impact_shape`)."""

    # Attribute docstrings become the schema's descriptions: the shape is documented where it is declared.
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Urls(Shape):
    """The addresses of one page in each language."""

    da: str
    """The Danish page."""
    en: str
    """The English page."""


class Label(Shape):
    """A value from a fixed list (a case's kind, a partner's role, a sector, a measure) with its name in both
    languages."""

    id: str
    """The id used in the content files, e.g. ``programme`` or ``company``."""
    label: Bilingual
    """Its name as the site shows it."""


class Topic(Shape):
    """A format or theme from the taxonomy, with its page in each language."""

    id: str
    """The taxonomy's id, e.g. ``mentoring``."""
    label: Bilingual
    """Its name as the site shows it."""
    urls: Urls
    """The page listing the cases and ideas of this format or theme."""


class Goal(Shape):
    """One of the UN Sustainable Development Goals."""

    number: int
    """1 to 17."""
    label: Bilingual
    """The goal's official short name."""
    colour: str
    """The goal's official colour, #RRGGBB."""
    urls: Urls
    """The page listing the cases and ideas of this goal."""


class OrganisationRef(Shape):
    """An organisation a person belongs to."""

    id: str
    """The organisation's id, as under ``partners``."""
    name: str
    """Its name as it writes it."""


class Partner(Shape):
    """An organisation of the case, and its role: a partner, or one that was around the case."""

    id: str
    """The organisation's id."""
    name: str
    """Its name as it writes it."""
    role: Label
    """Its role in this case. A partner's kind: company, ngo, public, network, foundation, university or
    consultancy. Not a partner: participant (took part in an activity of the case, e.g. people from it
    joined a task force) or host (hosted or ran an activity the case took part in)."""
    website: str | None
    """Its own website, when known."""
    urls: Urls
    """The organisation's page on this site."""


class SourceRef(Shape):
    """One of a case's sources, by its place under ``sources``."""

    number: int
    """1 for the case's first source, 2 for the second."""
    title: str
    """The source's title."""


class Outcome(Shape):
    """A result as a figure."""

    value: Number
    """The figure, e.g. 8 or 5440."""
    of: Number | None
    """Out of how many, e.g. 25 in '8 of 25'."""
    unit: str | None
    """A currency code (DKK) or a CLDR unit (duration-month); null for a count."""
    label: Bilingual
    """What the figure counts."""
    figure: Bilingual
    """The figure as the site writes it: '8 af 25' / '8 of 25', '5.440 kr.' / 'DKK 5,440'."""
    measure: Label | None
    """What the figure measures, from the taxonomy's measures, with its name in both languages; null for a
    figure that is only told on the case's page. A figure with a measure counts in the totals of
    ``/data/impact.json``."""
    estimate: bool
    """True when the source gives the figure as an estimate ('about 40')."""
    source: SourceRef | None
    """Which of the case's sources the figure comes from, when the case says so."""


class Person(Shape):
    """A person named in the case."""

    name: str | None
    """The person's name; null when the person is anonymised."""
    anonymised: bool
    """True when the person is described by role only."""
    consent: Consent
    """The basis for naming: public-role, recorded or anonymised."""
    role: Bilingual
    """Role or job title."""
    organisation: OrganisationRef | None
    """The organisation the person belongs to, if any."""


class Quote(Shape):
    """A quotation from a person of the case."""

    text: DanishFirst
    """The quotation, in Danish and, when translated, in English."""
    by: str | None
    """The name of the person quoted; null when the person is anonymised."""
    role: Bilingual
    """The role of the person quoted."""


class Source(Shape):
    """Where the facts come from."""

    title: str
    """Title of the source."""
    url: str | None
    """Its address, when it is online."""
    publisher: str | None
    """Who published it, when the source says so."""
    published: WrittenDate | None
    """When it was published: YYYY, YYYY-MM or YYYY-MM-DD."""


class Image(Shape):
    """An image of the case."""

    url: str
    """The image file."""
    alt: Bilingual
    """What the image shows, for people who cannot see it."""
    credit: str | None
    """Photographer or rights holder."""


class Period(Shape):
    """When a case ran: YYYY, YYYY-MM or YYYY-MM-DD, as precise as written."""

    start: WrittenDate
    """When it started."""
    end: WrittenDate | None
    """When it ended; null while it runs."""


class OpenCase(Shape):
    """One case: its facts in both languages, with references resolved."""

    slug: str
    """The case's id, the last part of its address."""
    urls: Urls
    """The case's page in each language."""
    title: Bilingual
    summary: Bilingual
    """One or two sentences."""
    kind: Label
    """partnership, programme or event."""
    date: WrittenDate | None
    """When it happened: YYYY, YYYY-MM or YYYY-MM-DD, as precise as written; null when the case has a period
    or is undated."""
    period: Period | None
    """When it ran, for a case without a date."""
    undated: bool
    """True when the sources give no date (or no year): then date and period are both null."""
    date_note: Bilingual | None
    """For an undated case: what the sources say of when, e.g. 'autumn, year not given'."""
    programme: Bilingual | None
    """The programme the case belongs to."""
    stories: list[Lang]
    """The languages the story is written in; the page in another language shows the facts only."""
    partners: list[Partner]
    formats: list[Topic]
    """How help was given."""
    themes: list[Topic]
    """What the case is about."""
    sectors: list[Label]
    sdgs: list[Goal]
    outcomes: list[Outcome]
    """Results as figures."""
    people: list[Person]
    quotes: list[Quote]
    sources: list[Source]
    images: list[Image]
    related: list[str]
    """Slugs of related cases in this file."""


# OpenCase against case.yml (casebook.model.case.Case and the models inside it, by their paths from
# Case): every field of case.yml is exported under its own name, under the name given here, or is
# left out on purpose below. tests/test_shape.py fails on a field of case.yml that is none of these.
EXPORTED_AS: dict[str, str] = {
    "partners.org": "id",  # beside the organisation's name, website and pages
    "people.org": "organisation",  # the organisation's id and name
    "images.file": "url",  # the file's address on the site, not its name in the case's folder
}
# Fields of case.yml deliberately not in the open data, each with its reason. None so far: every
# fact of a case is public (an anonymised person's label is a field's value, nulled by opendata._people, not a field).
LEFT_OUT: frozenset[str] = frozenset()


class CasesFile(Shape):
    """Every case of a Casebook site, newest first (``/data/cases.json``)."""

    format: Literal["casebook-cases"]
    """Always 'casebook-cases'."""
    version: Literal[2]
    """The version of this shape; it changes when a field is removed, renamed or changes meaning."""
    site_url: str | None
    """The site's public address; null when it is not configured: then every URL is relative to the data
    files' folder (../cases/x/)."""
    cases: list[OpenCase]
