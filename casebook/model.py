"""The content model, declared once.

Every file type (``case.yml``, ``organisations.yml``, ``taxonomy.yml``) is a pydantic model here.
Validation (:mod:`casebook.validate`), the site (:mod:`casebook.generate`) and, later, editor
schemas and field documentation all derive from these declarations. Each field carries an English
description and a Danish one (``description_da``) for people-facing documentation.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from casebook.messages import msg

Lang = Literal["da", "en"]
OrgKind = Literal["company", "ngo", "public", "network", "foundation", "university", "consultancy"]
CaseKind = Literal["partnership", "programme", "event"]
Consent = Literal["public-role", "recorded", "anonymised"]
Duration = Literal["one-off", "months", "ongoing"]

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]


SdgNumber = Annotated[int, Field(ge=1, le=17)]


# Messages of the model's own checks, by error type; casebook.validate gives them in the reader's language.
MODEL_ERRORS = {
    "date_type": msg("expected a date, got {kind}"),
    "date_format": msg("'{value}' is not a date"),
    "date_month": msg("'{value}' has no month {month}"),
    "date_day": msg("'{value}' does not exist: {month_name} {year} has {last} days"),
    "url": msg("'{value}' is not a web address"),
    "positive": msg("{value} is not more than 0"),
}


def doc(en: str, da: str, **extra: Any) -> Any:
    """A field with its description in English and Danish."""
    return Field(description=en, json_schema_extra={"description_da": da}, **extra)


# --- dates with the precision the author wrote ------------------------------------------------

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date written as YYYY, YYYY-MM or YYYY-MM-DD; the precision written is the one shown."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


def parse_partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise PydanticCustomError("date_type", MODEL_ERRORS["date_type"],
                                  {"kind": type(value).__name__})
    text = str(value).strip()
    match = _DATE.match(text)
    if not match:
        raise PydanticCustomError("date_format", MODEL_ERRORS["date_format"], {"value": text})
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise PydanticCustomError("date_month", MODEL_ERRORS["date_month"],
                                  {"value": text, "month": month})
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise PydanticCustomError("date_day", MODEL_ERRORS["date_day"], {"value": text, "last": last, "year": year,
                                                          "month_name": calendar.month_name[month]})
    return PartialDate(year, month, day)


DateField = Annotated[
    PartialDate,
    PlainValidator(parse_partial_date),
    PlainSerializer(str),
    # For editors: a year, or a year with a real month (and day number); see casebook/schema.py.
    WithJsonSchema({"type": ["string", "integer"],
                    "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"}),
]


def _check_url(value: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in value:
        raise PydanticCustomError("url", MODEL_ERRORS["url"], {"value": value})
    return value


def _number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("number_type", "expected a number", {})
    return value


# One type, not a union: a union would report one error per member ("value.int", "value.float").
Number = Annotated[int | float, PlainValidator(_number), WithJsonSchema({"type": "number"})]

# The schema's pattern says what _check_url checks: http(s), a host with a dot, no spaces.
Url = Annotated[str, AfterValidator(_check_url),
                WithJsonSchema({"type": "string", "format": "uri", "pattern": r"^https?://[^\s/]*\.[^\s/]*(/\S*)?$"})]


class _Strict(BaseModel):
    # Strict: YAML already typed the values; "8" where a number belongs is an author's mistake.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Bilingual(_Strict):
    """A short text written in both Danish and English."""

    da: Text = doc("Danish text.", "Dansk tekst.")
    en: Text = doc("English text.", "Engelsk tekst.")

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.da


class DanishFirst(_Strict):
    """A text that must exist in Danish and may also exist in English."""

    da: Text = doc("Danish text.", "Dansk tekst.")
    en: Text | None = doc("English text, if translated.", "Engelsk tekst, hvis den er oversat.",
                          default=None)

    def get(self, lang: str) -> str | None:
        return self.en if lang == "en" else self.da


# --- case.yml -------------------------------------------------------------------------------


class Period(_Strict):
    start: DateField = doc("When it started.", "Hvornår det begyndte.")
    end: DateField | None = doc("When it ended; leave out while it runs.",
                                "Hvornår det sluttede; udelades, mens det stadig kører.", default=None)


class Partner(_Strict):
    org: Id = doc("Organisation id from content/organisations.yml.",
                  "Organisationens id fra content/organisations.yml.")
    role: OrgKind = doc("The organisation's role in this case.", "Organisationens rolle i casen.")


class Outcome(_Strict):
    value: Number = doc("The figure, e.g. 8 or 5440.", "Tallet, fx 8 eller 5440.")
    of: Number | None = doc("Out of how many, e.g. 25 (for '8 of 25').",
                                 "Ud af hvor mange, fx 25 (for '8 af 25').", default=None)
    unit: Text | None = doc(
        "A currency code (DKK, EUR) or a CLDR unit such as duration-month or duration-hour.",
        "En valutakode (DKK, EUR) eller en CLDR-enhed som duration-month eller duration-hour.",
        default=None)
    label: Bilingual = doc("What the figure counts.", "Hvad tallet tæller.")


class Person(_Strict):
    name: Text = doc("Name as shown; for an anonymised person a neutral label, never the real name.",
                     "Navnet, som det vises; for en anonymiseret person en neutral betegnelse, "
                     "aldrig det rigtige navn.")
    role: Bilingual = doc("Role or job title.", "Rolle eller stillingsbetegnelse.")
    org: Id | None = doc("Organisation id, if any.", "Organisationens id, hvis relevant.", default=None)
    consent: Consent = doc(
        "Basis for naming: public-role (named in a professional role in a public source), "
        "recorded (written consent on file) or anonymised.",
        "Grundlag for at nævne personen: public-role (nævnt i sin faglige rolle i en offentlig kilde), "
        "recorded (skriftligt samtykke foreligger) eller anonymised (anonymiseret).")


class Quote(_Strict):
    text: DanishFirst = doc("The quotation.", "Citatet.")
    by: Text = doc("Name of the person quoted, as written under people.",
                   "Navnet på den citerede person, som skrevet under people.")


class Source(_Strict):
    title: Text = doc("Title of the source.", "Kildens titel.")
    url: Url | None = doc("Web address of the source, if it is online.",
                          "Kildens webadresse, hvis den findes online.", default=None)
    published: DateField | None = doc("When the source was published.", "Hvornår kilden udkom.",
                                      default=None)


class Image(_Strict):
    file: Text = doc("Image file, relative to the case folder.", "Billedfilen, relativt til casens mappe.")
    alt: Bilingual = doc("What the image shows, for people who cannot see it.",
                         "Hvad billedet viser, for dem der ikke kan se det.")
    credit: Text | None = doc("Photographer or rights holder.", "Fotograf eller rettighedshaver.",
                              default=None)


class Case(_Strict):
    """One case story: ``cases/<slug>/case.yml``."""

    title: Bilingual = doc("Title in Danish and English.", "Titel på dansk og engelsk.")
    summary: Bilingual = doc("One or two sentences in each language.", "En eller to sætninger på hvert sprog.")
    kind: CaseKind = doc("partnership, programme or event.", "partnership, programme eller event.")
    date: DateField | None = doc("YYYY, YYYY-MM or YYYY-MM-DD.", "ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.",
                                 default=None)
    period: Period | None = doc("Instead of date: start and (optional) end.",
                                "I stedet for date: start og (eventuelt) slut.", default=None)
    programme: Bilingual | None = doc("Programme the case belongs to.", "Programmet, casen hører til.",
                                      default=None)
    partners: list[Partner] = doc("Organisations and their roles.", "Organisationer og deres roller.",
                                  min_length=1)
    formats: list[Id] = doc("Format ids from the taxonomy.", "Format-id'er fra taksonomien.",
                            default_factory=list)
    themes: list[Id] = doc("Theme ids from the taxonomy.", "Tema-id'er fra taksonomien.",
                           default_factory=list)
    sectors: list[Id] = doc("Sector ids from the taxonomy.", "Sektor-id'er fra taksonomien.",
                            default_factory=list)
    sdgs: list[SdgNumber] = doc(
        "UN Sustainable Development Goals, 1-17.", "FN's verdensmål, 1-17.", default_factory=list)
    outcomes: list[Outcome] = doc("Results as figures.", "Resultater som tal.", default_factory=list)
    people: list[Person] = doc("People named in the case.", "Personer, der nævnes i casen.",
                               default_factory=list)
    quotes: list[Quote] = doc("Quotations.", "Citater.", default_factory=list)
    sources: list[Source] = doc("Where the facts come from.", "Hvor fakta kommer fra.",
                                default_factory=list)
    related: list[Id] = doc("Slugs of related cases.", "Slugs for relaterede cases.",
                            default_factory=list)
    images: list[Image] = doc("Images in the case folder.", "Billeder i casens mappe.",
                              default_factory=list)

    @property
    def when(self) -> PartialDate | None:
        """The date the case is sorted by: its date, or the start of its period."""
        if self.date is not None:
            return self.date
        return self.period.start if self.period else None


class PageMeta(_Strict):
    """Front matter of a hand-written page, ``content/<name>.<lang>.md``."""

    title: Text | None = doc("Page title; by default the first '# ' heading.",
                             "Sidens titel; ellers den første '# '-overskrift.", default=None)
    description: Text | None = doc("One sentence for search engines and link previews.",
                                   "Én sætning til søgemaskiner og forhåndsvisninger af links.", default=None)
    menu: bool = doc("Listed in the site's menu; false for pages linked elsewhere (e.g. from the footer).",
                     "Vises i sidens menu; false for sider, der linkes til andetsteds (fx fra sidefoden).",
                     default=True)


# --- content/organisations.yml ----------------------------------------------------------------


class Organisation(_Strict):
    id: Id = doc("Short id used in cases, lowercase with hyphens.",
                 "Kort id til brug i cases, små bogstaver og bindestreger.")
    name: Text = doc("Name as the organisation writes it.", "Navnet, som organisationen selv skriver det.")
    kind: OrgKind = doc("Kind of organisation.", "Organisationstype.")
    website: Url | None = doc("Website.", "Hjemmeside.", default=None)
    size: Id | None = doc("For a company: its size, an id from company_sizes in content/taxonomy.yml.",
                          "For en virksomhed: dens størrelse, et id fra company_sizes i content/taxonomy.yml.",
                          default=None)
    description: Bilingual = doc("One or two sentences about the organisation.",
                                 "En eller to sætninger om organisationen.")


class OrganisationsFile(_Strict):
    organisations: list[Organisation] = doc("All partner organisations.", "Alle partnerorganisationer.")


# --- content/taxonomy.yml ---------------------------------------------------------------------


class Term(_Strict):
    id: Id = doc("Id used in cases.", "Id til brug i cases.")
    da: Text = doc("Danish name.", "Dansk navn.")
    en: Text = doc("English name.", "Engelsk navn.")

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.da


class EffortLevel(_Strict):
    """A band of hours per employee, shown as a search facet ("a few hours")."""

    id: Id = doc("Id used by the search facet.", "Id til søgefacetten.")
    da: Text = doc("Danish name.", "Dansk navn.")
    en: Text = doc("English name.", "Engelsk navn.")
    max_hours: Number | None = doc("Highest number of hours per employee in this band; leave out for the last.",
                                   "Højeste antal timer pr. medarbejder i båndet; udelades for det sidste.",
                                   default=None)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.da


class Sdg(_Strict):
    number: SdgNumber = doc("Goal number.", "Målets nummer.")
    da: Text = doc("Official Danish short name.", "Officielt dansk kortnavn.")
    en: Text = doc("Official English short name.", "Officielt engelsk kortnavn.")
    colour: Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")] = doc(
        "The goal's official colour, #RRGGBB.", "Målets officielle farve, #RRGGBB.")

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.da


class Taxonomy(_Strict):
    formats: list[Term] = doc("How help is given.", "Hvordan hjælpen gives.")
    themes: list[Term] = doc("What the case is about.", "Hvad casen handler om.")
    sectors: list[Term] = doc("Sectors.", "Sektorer.")
    company_sizes: list[Term] = doc("Company sizes.", "Virksomhedsstørrelser.")
    sdgs: list[Sdg] = doc("The 17 Sustainable Development Goals.", "De 17 verdensmål.")
    costs: list[Term] = doc("Cost bands for ideas.", "Udgiftsniveauer for idéer.", default_factory=list)
    efforts: list[EffortLevel] = doc("Bands of hours per employee for ideas, smallest first.",
                                     "Bånd for timer pr. medarbejder for idéer, mindste først.",
                                     default_factory=list)

    def effort_level(self, hours: float) -> EffortLevel | None:
        """The first band whose ``max_hours`` is at least ``hours``; the open-ended band otherwise."""
        for level in self.efforts:
            if level.max_hours is None or hours <= level.max_hours:
                return level
        return None

    def vocabulary(self, field: str) -> dict[str, Term]:
        terms: list[Term] = getattr(self, field)
        return {t.id: t for t in terms}


# --- content/catalogues/<slug>/catalogue.yml --------------------------------------------------


def _positive(value: int | float) -> int | float:
    if value <= 0:
        raise PydanticCustomError("positive", MODEL_ERRORS["positive"], {"value": value})
    return value


class Effort(_Strict):
    hours_per_employee: Annotated[Number, AfterValidator(_positive),
                                  WithJsonSchema({"type": "number", "exclusiveMinimum": 0})] = doc(
        "About how many hours each employee spends in all, e.g. 4 or 20.",
        "Omtrent hvor mange timer hver medarbejder bruger i alt, fx 4 eller 20.")
    duration: Duration = doc("one-off, months (spread over some months) or ongoing.",
                             "one-off (engangsindsats), months (over nogle måneder) eller ongoing (løbende).")


class Idea(_Strict):
    """One idea in a catalogue: something a company can do, with the cases that show it."""

    id: Id = doc("Short id, unique across all catalogues; it names the idea's page and anchor.",
                 "Kort id, entydigt på tværs af alle kataloger; det bruges i idéens adresse og anker.")
    title: Bilingual = doc("Title in Danish and English.", "Titel på dansk og engelsk.")
    description: Bilingual = doc("A few sentences: what the company does and what it gives.",
                                 "Et par sætninger: hvad virksomheden gør, og hvad det giver.")
    first_steps: list[Bilingual] = doc("Short first steps, in order.", "Korte første skridt i rækkefølge.",
                                       min_length=1)
    effort: Effort = doc("Hours per employee and how long it runs.",
                         "Timer pr. medarbejder, og hvor længe det varer.")
    cost: Id = doc("Cost band, an id from costs in content/taxonomy.yml.",
                   "Udgiftsniveau, et id fra costs i content/taxonomy.yml.")
    company_sizes: list[Id] = doc("Company sizes the idea suits, ids from company_sizes.",
                                  "Virksomhedsstørrelser, idéen passer til, id'er fra company_sizes.", min_length=1)
    formats: list[Id] = doc("Format ids from the taxonomy.", "Format-id'er fra taksonomien.", default_factory=list)
    themes: list[Id] = doc("Theme ids from the taxonomy.", "Tema-id'er fra taksonomien.", default_factory=list)
    sdgs: list[SdgNumber] = doc("UN Sustainable Development Goals, 1-17.", "FN's verdensmål, 1-17.",
                                default_factory=list)
    examples: list[Id] = doc("Slugs of the cases that show the idea.", "Slugs for de cases, der viser idéen.",
                             default_factory=list)
    see_also: list[Id] = doc("Ids of ideas that go well with this one.", "Id'er for idéer, der passer godt sammen "
                             "med denne.", default_factory=list)


class Catalogue(_Strict):
    """An idea catalogue: ``content/catalogues/<slug>/catalogue.yml``."""

    title: Bilingual = doc("Title in Danish and English.", "Titel på dansk og engelsk.")
    intro: Bilingual = doc("One or two sentences introducing the catalogue.",
                           "En eller to sætninger, der introducerer kataloget.")
    ideas: list[Idea] = doc("The ideas, in the order they are shown.", "Idéerne i den rækkefølge, de vises.",
                            min_length=1)
