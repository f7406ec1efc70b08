"""``cases/<slug>/case.yml``: one case story's facts."""

from __future__ import annotations

import typing
from typing import Literal

from pydantic import PositiveInt

from casebook.model.fields import (
    Bilingual,
    DanishFirst,
    DateField,
    Involvement,
    Number,
    PartialDate,
    PartnerRole,
    Source,
    StrictModel,
    Text,
    doc,
)
from casebook.model.references import CaseSlug, FormatId, MeasureId, OrganisationId, SdgRef, SectorId, ThemeId

CaseKind = Literal["partnership", "programme", "event"]
Consent = Literal["public-role", "recorded", "anonymised"]
INVOLVEMENTS: tuple[str, ...] = typing.get_args(Involvement)

__all__ = ["Source"]  # declared with the field types: organisations.yml names its sources too


class Period(StrictModel):
    start: DateField = doc("When it started.", "Hvornår det begyndte.", label=("Start", "Start"))
    end: DateField | None = doc("When it ended; leave out while it runs.",
                                "Hvornår det sluttede; udelades, mens det stadig kører.",
                                label=("End", "Slut"), default=None)


class Partner(StrictModel):
    org: OrganisationId = doc("Organisation id from content/organisations.yml.",
                  "Organisationens id fra content/organisations.yml.", label=("Organisation", "Organisation"))
    role: PartnerRole = doc(
        "The organisation's role in this case. A partner: its kind (company, ngo, public, network, foundation, "
        "university or consultancy). Not a partner: participant (took part in an activity of the case, e.g. "
        "people from it joined a task force) or host (hosted or ran an activity the case took part in).",
        "Organisationens rolle i casen. En partner: dens type (company, ngo, public, network, foundation, "
        "university eller consultancy). Ikke en partner: participant (deltog i en aktivitet i casen, fx "
        "folk derfra i en task force) eller host (var vært for eller stod for en aktivitet, casen deltog i).",
        label=("Role", "Rolle"))

    @property
    def is_partner(self) -> bool:
        """False for an organisation that was only around the case: a participant or a host."""
        return self.role not in INVOLVEMENTS


class Outcome(StrictModel):
    value: Number = doc("The figure, e.g. 8 or 5440.", "Tallet, fx 8 eller 5440.", label=("Figure", "Tal"))
    of: Number | None = doc("Out of how many, e.g. 25 (for '8 of 25').",
                                 "Ud af hvor mange, fx 25 (for '8 af 25').", label=("Out of", "Ud af"), default=None)
    unit: Text | None = doc(
        "A currency code (DKK, EUR) or a CLDR unit such as duration-month or duration-hour.",
        "En valutakode (DKK, EUR) eller en CLDR-enhed som duration-month eller duration-hour.", label=("Unit", "Enhed"),
        default=None)
    label: Bilingual = doc("What the figure counts.", "Hvad tallet tæller.",
                           label=("What it counts", "Hvad tallet tæller"))
    measure: MeasureId | None = doc(
        "What the figure measures, an id from measures in content/taxonomy.yml: then it counts in the totals "
        "of the impact page. Leave out for a figure that is only told on the case's page.",
        "Hvad tallet måler, et id fra measures i content/taxonomy.yml: så tæller det med i summerne på "
        "siden om resultater. Udelades for et tal, der kun fortælles på casens side.",
        label=("Measure", "Måletal"), default=None)
    estimate: bool = doc("true when the source gives the figure as an estimate ('about 40').",
                         "true, når kilden angiver tallet som et skøn ('omkring 40').",
                         label=("Estimate", "Skøn"), default=False)
    source: PositiveInt | None = doc(
        "Which of the case's sources the figure comes from: 1 for the first under sources, 2 for the second.",
        "Hvilken af casens kilder tallet kommer fra: 1 for den første under sources, 2 for den anden.",
        label=("Source no.", "Kilde nr."), default=None)


class Person(StrictModel):
    name: Text = doc("Name as shown; for an anonymised person a neutral label, never the real name.",
                     "Navnet, som det vises; for en anonymiseret person en neutral betegnelse, "
                     "aldrig det rigtige navn.", label=("Name", "Navn"))
    role: Bilingual = doc("Role or job title.", "Rolle eller stillingsbetegnelse.", label=("Role", "Rolle"))
    org: OrganisationId | None = doc("Organisation id, if any.", "Organisationens id, hvis relevant.",
                                     label=("Organisation", "Organisation"), default=None)
    consent: Consent = doc(
        "Basis for naming: public-role (named in a professional role in a public source), "
        "recorded (written consent on file) or anonymised.",
        "Grundlag for at nævne personen: public-role (nævnt i sin faglige rolle i en offentlig kilde), "
        "recorded (skriftligt samtykke foreligger) eller anonymised (anonymiseret).", label=("Consent", "Samtykke"))


class Quote(StrictModel):
    text: DanishFirst = doc("The quotation.", "Citatet.", label=("Quotation", "Citat"))
    by: Text = doc("Name of the person quoted, as written under people.",
                   "Navnet på den citerede person, som skrevet under people.",
                   label=("Quoted person", "Citeret person"))


class Image(StrictModel):
    file: Text = doc("Image file, relative to the case folder.", "Billedfilen, relativt til casens mappe.",
                     label=("Image file", "Billedfil"))
    alt: Bilingual = doc("What the image shows, for people who cannot see it.",
                         "Hvad billedet viser, for dem der ikke kan se det.", label=("Alt text", "Alt-tekst"))
    credit: Text | None = doc("Photographer or rights holder.", "Fotograf eller rettighedshaver.",
                              label=("Credit", "Fotograf"), default=None)


class Case(StrictModel):
    """One case story: ``cases/<slug>/case.yml``."""

    title: Bilingual = doc("Title in Danish and English.", "Titel på dansk og engelsk.", label=("Title", "Titel"))
    summary: Bilingual = doc("One or two sentences in each language.", "En eller to sætninger på hvert sprog.",
                             label=("Summary", "Resumé"))
    kind: CaseKind = doc("partnership, programme or event.", "partnership, programme eller event.",
                         label=("Type", "Type"))
    date: DateField | None = doc("YYYY, YYYY-MM or YYYY-MM-DD.", "ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.",
                                 label=("Date", "Dato"), default=None)
    period: Period | None = doc("Instead of date: start and (optional) end.",
                                "I stedet for date: start og (eventuelt) slut.",
                                label=("Period", "Periode"), default=None)
    undated: bool = doc(
        "Instead of date or period: true when the sources give no date (or no year).",
        "I stedet for date eller period: true, når kilderne ikke oplyser en dato (eller et år).",
        label=("Undated", "Uden dato"), default=False)
    date_note: Bilingual | None = doc(
        "For an undated case: what the sources say of when, e.g. 'efterår, år ikke oplyst' / "
        "'autumn, year not given'; shown instead of 'undated'.",
        "For en case uden dato: hvad kilderne siger om tidspunktet, fx 'efterår, år ikke oplyst' / "
        "'autumn, year not given'; vises i stedet for 'uden dato'.", label=("Date note", "Datonote"), default=None)
    programme: Bilingual | None = doc("Programme the case belongs to.", "Programmet, casen hører til.",
                                      label=("Programme", "Program"), default=None)
    partners: list[Partner] = doc("Organisations and their roles.", "Organisationer og deres roller.",
                                  label=("Partners", "Partnere"), min_length=1)
    formats: list[FormatId] = doc("Format ids from the taxonomy.", "Format-id'er fra taksonomien.",
                                  label=("Formats", "Formater"), default_factory=list)
    themes: list[ThemeId] = doc("Theme ids from the taxonomy.", "Tema-id'er fra taksonomien.",
                                label=("Themes", "Temaer"), default_factory=list)
    sectors: list[SectorId] = doc("Sector ids from the taxonomy.", "Sektor-id'er fra taksonomien.",
                                  label=("Sectors", "Sektorer"), default_factory=list)
    sdgs: list[SdgRef] = doc(
        "UN Sustainable Development Goals, 1-17.", "FN's verdensmål, 1-17.",
        label=("Sustainable Development Goals", "Verdensmål"), default_factory=list)
    outcomes: list[Outcome] = doc("Results as figures.", "Resultater som tal.",
                                  label=("Results", "Resultater"), default_factory=list)
    people: list[Person] = doc("People named in the case.", "Personer, der nævnes i casen.",
                               label=("People", "Personer"), default_factory=list)
    quotes: list[Quote] = doc("Quotations.", "Citater.", label=("Quotes", "Citater"), default_factory=list)
    sources: list[Source] = doc("Where the facts come from.", "Hvor fakta kommer fra.", label=("Sources", "Kilder"),
                                default_factory=list)
    related: list[CaseSlug] = doc("Slugs of related cases.", "Slugs for relaterede cases.",
                                  label=("Related cases", "Relaterede cases"), default_factory=list)
    images: list[Image] = doc("Images in the case folder.", "Billeder i casens mappe.", label=("Images", "Billeder"),
                              default_factory=list)

    @property
    def true_partners(self) -> list[Partner]:
        """The case's partners, without the organisations that were only around it (participants, hosts)."""
        return [p for p in self.partners if p.is_partner]

    @property
    def involved(self) -> list[Partner]:
        """The organisations around the case that were not its partners: participants and hosts."""
        return [p for p in self.partners if not p.is_partner]

    @property
    def when(self) -> PartialDate | None:
        """The date the case is sorted by: its date, or the start of its period; None when undated."""
        if self.date is not None:
            return self.date
        return self.period.start if self.period else None

    def source_of(self, outcome: Outcome) -> Source | None:
        """The source a figure names by its number (``source: 2``: the second under sources), if any."""
        number = outcome.source
        return self.sources[number - 1] if number is not None and number <= len(self.sources) else None
