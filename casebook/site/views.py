"""What the templates show: each page's view data, already localised, and the :class:`Page` itself.

Plain frozen records made by the page modules (:mod:`casebook.site.pages`); a template or a
publishing step reads them and never goes back to the content model for what they hold.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from casebook.model.fields import Bilingual, PartialDate, unwrap
from casebook.site.colours import ink_on
from casebook.site.urls import src_uri_for


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    note: str = ""  # e.g. a partner's role


@dataclass(frozen=True)
class ImageFile:
    """One size of an image in one format (a ``srcset`` candidate)."""

    url: str
    width: int
    height: int


@dataclass(frozen=True)
class ImageSource:
    """An image in a format better than its ``<img>``'s (a ``<picture>``'s ``<source>``)."""

    type: str  # its MIME type, "image/webp"
    files: list[ImageFile]  # narrowest first


@dataclass(frozen=True)
class ImageView:
    """A case image as overrides/partials/casebook-image.html shows it (casebook/site/images.py)."""

    src: str  # the largest size in the format every browser shows
    alt: str
    credit: str | None
    width: int  # of ``src``, as shown
    height: int
    sources: list[ImageSource]  # better formats, best first
    files: list[ImageFile]  # the sizes of ``src`` (its srcset), narrowest first; empty: it has one size
    share: ImageFile | None = None  # the copy cut for link previews, when the image is large enough


@dataclass(frozen=True)
class CaseCard:
    title: str
    url: str
    summary: str
    when: str
    partners: list[str]
    figure: str = ""  # the case's first outcome, its key figure: "8 af 25"
    figure_label: str = ""  # what it counts
    chips: list[str] = field(default_factory=list)  # its themes and formats, by name
    accent: SdgView | None = None  # its first goal: the card's colour and number badge
    image: ImageView | None = None  # its first image, if any


@dataclass(frozen=True)
class Figure:
    figure: str
    label: str
    estimate: bool = False  # the source gives it as an estimate


@dataclass(frozen=True)
class TotalView:
    """A measure's total across some cases, as overrides/partials/casebook-totals.html shows it
    (casebook/site/impact.py computes it, casebook/site/pages/shared.py words it)."""

    id: str  # the measure's id: its anchor on the impact page, its search filter value
    name: str  # the measure's name: "Frivillige medarbejdere"
    kind: str  # input, output or impact
    figure: str  # "36", "8 af 25", "5.440 kr.", "6 måneder" (a range: "3–6 måneder")
    note: str  # what the figure needs said beside it: a range's "per participant", the parts of a partial whole
    estimate: bool  # at least one of its figures is an estimate
    count: str  # how many cases it comes from: "3 cases"
    cases: list[Link]  # those cases
    url: str  # the measure on the impact page


@dataclass(frozen=True)
class ContributionView:
    """One case's figure towards a measure's total on the impact page (casebook/site/pages/impact.py)."""

    case: Link  # the case it comes from
    figure: str  # as the case's page writes it: "8 af 25"
    label: str  # what it counts, in the case's words
    estimate: bool
    source: SourceView | None  # the case's source the figure names, if it names one


@dataclass(frozen=True)
class MeasureSection:
    """A measure on the impact page: its total and every figure that makes it."""

    anchor: str  # the section's id: urls.measure_anchor
    total: TotalView
    contributions: list[ContributionView]
    summed: bool  # False: a figure per participant, its total a range


@dataclass(frozen=True)
class GroupFigures:
    """The totals of the cases of one year, theme or SDG, as a table's rows."""

    label: str  # "2016", "Uden dato", a theme's or goal's name
    url: str  # the theme's or goal's page; "" for a year
    count: str  # how many measured cases the group has: "2 cases"
    totals: list[TotalView]  # per measure with data, in the taxonomy's order
    sdg: SdgView | None = None  # a goal's group: its badge


@dataclass(frozen=True)
class Breakdown:
    """The totals by year, by theme or by SDG: a chart and the same numbers as a table."""

    id: str  # "year", "theme", "sdg": the section's id is cb-impact-<id>
    title: str  # the section's heading: "Efter år"
    caption: str  # the chart's title and the table's caption: "Resultaterne fordelt på år"
    chart: str  # an inline SVG made by casebook/site/charts.py from validated data; "" when nothing to draw
    groups: list[GroupFigures]


@dataclass(frozen=True)
class SdgView:
    number: int
    name: str
    colour: str
    url: str = ""  # the goal's taxonomy page

    @property
    def ink(self) -> str:
        """The badge's text colour, readable on the goal's colour."""
        return ink_on(self.colour)


@dataclass(frozen=True)
class PersonView:
    name: str
    role: str
    org: Link | None
    anonymised: bool


@dataclass(frozen=True)
class QuoteView:
    text: str
    lang: str  # language the text is in; may differ from the page's
    by: str
    role: str


@dataclass(frozen=True)
class SourceView:
    title: str
    url: str | None
    publisher: str | None
    published: str | None  # as the page's language writes a date


# The fields of casebook.model.case.Case that CaseView shows under other names (tests/test_shape.py
# checks that each field of Case is a field of CaseView or is named here).
CASE_SHOWN_AS: dict[str, tuple[str, ...]] = {
    "date": ("when", "when_iso", "start"),
    "period": ("when", "when_iso", "start"),
    "undated": ("when",),  # "uden dato" / "undated"
    "date_note": ("when",),  # shown instead of "undated"
}


def texts_shown(model: type[BaseModel], view: type) -> tuple[str, ...]:
    """The fields of a view (a dataclass) that show a text of ``model`` as it is, in the page's language:
    declared by both, in both languages on the model (``Bilingual``, maybe optional), ``str`` on the view."""
    return tuple(f.name for f in dataclasses.fields(view)
                 if f.name in model.model_fields and f.type in ("str", "str | None")
                 and unwrap(model.model_fields[f.name].annotation) is Bilingual)


@dataclass(frozen=True)
class CaseView:
    slug: str
    title: str
    summary: str
    kind: str
    when: str  # as the page's language writes it: "november 2015", "2016 – 2017", "uden dato"
    when_iso: str  # ISO 8601, for <time datetime>: "2015-11", "2016/2017"; "" when undated
    start: PartialDate | None  # the model's Case.when (its date or its period's start): previews date it by this
    programme: str | None
    partners: list[Link]  # the partners, each with its kind as its note
    involved: list[Link]  # organisations around the case that were not partners, with their role as note
    formats: list[Link]
    themes: list[Link]
    sectors: list[str]
    sdgs: list[SdgView]
    outcomes: list[Figure]
    people: list[PersonView]
    quotes: list[QuoteView]
    sources: list[SourceView]
    related: list[CaseCard]
    images: list[ImageView]
    translated: bool  # False: the story exists only in the other language
    original_url: str | None  # the story in the other language, when not translated
    ideas: list[Link]  # catalogue ideas this case is an example of
    outdated_original: str | None = None  # the story is a translation of an original that changed since
    impact_url: str | None = None  # the impact page, when a figure of the case counts in its totals


@dataclass(frozen=True)
class IdeaView:
    id: str
    url: str  # the idea's own page
    anchor_url: str  # the idea on its catalogue's page
    catalogue: Link
    title: str
    description: str
    first_steps: list[str]
    effort: str  # "ca. 8 timer pr. medarbejder"
    duration: str
    cost: str
    sizes: list[str]
    formats: list[Link]
    themes: list[Link]
    sdgs: list[SdgView]
    examples: list[CaseCard]
    see_also: list[Link]


@dataclass(frozen=True)
class CatalogueView:
    slug: str
    url: str
    title: str
    intro: str
    ideas: list[IdeaView]
    pdf_url: str | None  # the catalogue as PDF, when the build writes one
    outdated_original: str | None = None  # the introduction is behind its original


@dataclass(frozen=True)
class TermView:
    """A theme, format or SDG with what carries it."""

    kind: str  # "theme", "format", "sdg"
    kind_label: str
    name: str
    number: int | None  # SDGs only
    colour: str | None  # SDGs only
    cases: list[CaseCard]
    ideas: list[Link]

    @property
    def ink(self) -> str | None:
        return ink_on(self.colour) if self.colour else None


@dataclass(frozen=True)
class FacetValueView:
    id: str
    label: str
    count: int  # over the whole site in this language; the search page updates it


@dataclass(frozen=True)
class FacetView:
    id: str
    label: str
    values: list[FacetValueView]


@dataclass(frozen=True)
class SearchRecord:
    """What the search index keeps of a page: facet values, card texts and the browsing order."""

    type: str
    type_label: str
    filters: dict[str, list[str]]
    summary: str
    partners: str
    figure: str
    order: int  # position when browsing without a query: ideas, then newest cases, then the rest


@dataclass(frozen=True)
class ResultCard:
    """A search result as casebook-search.js shows it; the search page's first page is built with these."""

    url: str
    title: str
    record: SearchRecord


@dataclass(frozen=True)
class RoleGroup:
    """An organisation's cases in one role, the role said once."""

    role: str  # the role's id, e.g. "company"
    label: str
    cases: list[CaseCard]


@dataclass(frozen=True)
class OrganisationView:
    id: str
    name: str
    kind: str
    website: str | None
    description: str
    source: SourceView  # where the description comes from
    cases: list[RoleGroup]


@dataclass(frozen=True)
class TopicEntry:
    """A theme, format or goal on the topics page: linked only when something carries it."""

    name: str
    url: str  # empty when no case or idea carries the term
    count: str  # "2 cases · 1 idé"
    number: int | None = None  # SDGs only
    colour: str | None = None  # SDGs only

    @property
    def ink(self) -> str | None:
        return ink_on(self.colour) if self.colour else None


@dataclass(frozen=True)
class PagerLink:
    number: int
    url: str
    current: bool


@dataclass(frozen=True)
class PagerView:
    """The links between the pages of one list (casebook/site/paging.py), for the page ``number`` of ``count``."""

    number: int
    count: int
    status: str  # "Side 2 af 42"
    previous: str | None  # the address of the page before, if any
    next: str | None
    links: list[PagerLink | None]  # None: pages left out between two links ("…")


@dataclass
class Page:
    """One page of the site in one language."""

    url: str
    lang: str
    template: str
    title: str
    description: str = ""
    source_path: Path | None = None  # a Markdown file whose text is the page body
    markdown: str = ""  # the body, when there is no source file
    data: dict[str, Any] = field(default_factory=dict)  # what the template shows
    alternates: dict[str, str] = field(default_factory=dict)  # lang -> url of the same page
    search: SearchRecord | None = None  # None: the page is not in the search index

    @property
    def src_uri(self) -> str:
        return src_uri_for(self.url)
