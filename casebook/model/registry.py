"""What every case and idea refers to: ``content/organisations.yml``, ``content/taxonomy.yml`` and the
front matter of hand-written pages."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    StringConstraints,
)

from casebook.model.fields import (
    Bilingual,
    DayField,
    Id,
    InBothLanguages,
    Number,
    OrgKind,
    SdgNumber,
    Source,
    StrictModel,
    Text,
    Url,
    doc,
)
from casebook.model.references import SizeId


class PageMeta(StrictModel):
    """Front matter of a hand-written page, ``content/<name>.<lang>.md``."""

    title: Text | None = doc("Page title; by default the first '# ' heading.",
                             "Sidens titel; ellers den første '# '-overskrift.", label=("Title", "Titel"), default=None)
    description: Text | None = doc("One sentence for search engines and link previews.",
                                   "Én sætning til søgemaskiner og forhåndsvisninger af links.",
                                   label=("Description", "Beskrivelse"), default=None)
    menu: bool = doc("Listed in the site's menu; false for pages linked elsewhere (e.g. from the footer).",
                     "Vises i sidens menu; false for sider, der linkes til andetsteds (fx fra sidefoden).",
                     label=("In the menu", "I menuen"), default=True)
    statement_date: DayField | None = doc(
        "For the accessibility statement: the day it was prepared or last reviewed, YYYY-MM-DD. The page shows "
        "it, and the build warns when it is more than a year old.",
        "Til tilgængelighedserklæringen: den dag, den blev udarbejdet eller senest gennemgået, ÅÅÅÅ-MM-DD. "
        "Siden viser datoen, og bygningen advarer, når den er mere end et år gammel.",
        label=("Statement date", "Erklæringens dato"), default=None)


# --- content/organisations.yml ----------------------------------------------------------------


class Organisation(StrictModel):
    id: Id = doc("Short id used in cases, lowercase with hyphens.",
                 "Kort id til brug i cases, små bogstaver og bindestreger.", label=("Id", "Id"))
    name: Text = doc("Name as the organisation writes it.", "Navnet, som organisationen selv skriver det.",
                     label=("Name", "Navn"))
    kind: OrgKind = doc("Kind of organisation.", "Organisationstype.", label=("Type", "Type"))
    website: Url | None = doc("Website.", "Hjemmeside.", label=("Website", "Hjemmeside"), default=None)
    size: SizeId | None = doc("For a company: its size, an id from company_sizes in content/taxonomy.yml.",
                          "For en virksomhed: dens størrelse, et id fra company_sizes i content/taxonomy.yml.",
                          label=("Company size", "Virksomhedsstørrelse"), default=None)
    description: Bilingual = doc("One or two sentences about the organisation, keeping to what its source says.",
                                 "En eller to sætninger om organisationen, der holder sig til, hvad kilden siger.",
                                 label=("Description", "Beskrivelse"))
    source: Source = doc("Where the description's facts come from: the source's title, and its address, "
                         "publisher or date when known.",
                         "Hvor beskrivelsens fakta kommer fra: kildens titel og dens adresse, udgiver eller "
                         "dato, når de kendes.", label=("Source", "Kilde"))


class OrganisationsFile(StrictModel):
    organisations: list[Organisation] = doc("All partner organisations.", "Alle partnerorganisationer.",
                                            label=("Organisations", "Organisationer"))


# --- content/taxonomy.yml ---------------------------------------------------------------------


class Term(InBothLanguages, StrictModel):
    id: Id = doc("Id used in cases.", "Id til brug i cases.", label=("Id", "Id"))
    da: Text = doc("Danish name.", "Dansk navn.", label=("Danish name", "Dansk navn"))
    en: Text = doc("English name.", "Engelsk navn.", label=("English name", "Engelsk navn"))

class EffortLevel(InBothLanguages, StrictModel):
    """A band of hours per employee, shown as a search facet ("a few hours")."""

    id: Id = doc("Id used by the search facet.", "Id til søgefacetten.", label=("Id", "Id"))
    da: Text = doc("Danish name.", "Dansk navn.", label=("Danish name", "Dansk navn"))
    en: Text = doc("English name.", "Engelsk navn.", label=("English name", "Engelsk navn"))
    max_hours: Number | None = doc("Highest number of hours per employee in this band; leave out for the last.",
                                   "Højeste antal timer pr. medarbejder i båndet; udelades for det sidste.",
                                   label=("Maximum hours", "Højst antal timer"), default=None)

# How a measure counts (B4SI's three kinds): what the companies put in (employee time, cash, equipment),
# what it reached (people, organisations), what changed for them (people into work or education).
MeasureKind = Literal["input", "output", "impact"]
# How the figures of one measure across cases make one: added up, or shown from the smallest to the
# largest (a figure per person, "6 months for each refugee", adds up to nothing).
Aggregate = Literal["sum", "range"]


class Measure(InBothLanguages, StrictModel):
    """What a figure of a case measures; the impact page totals each measure across cases."""

    id: Id = doc("Id used in the outcomes of cases.", "Id til brug i casenes outcomes.", label=("Id", "Id"))
    da: Text = doc("Danish name, as a heading over the total ('Frivillige medarbejdere').",
                   "Dansk navn, som overskrift over summen ('Frivillige medarbejdere').",
                   label=("Danish name", "Dansk navn"))
    en: Text = doc("English name ('Employee volunteers').", "Engelsk navn ('Employee volunteers').",
                   label=("English name", "Engelsk navn"))
    kind: MeasureKind = doc("input (what was given), output (who was reached) or impact (what changed for them).",
                            "input (hvad der blev givet), output (hvem der blev nået) eller impact (hvad der "
                            "ændrede sig for dem).", label=("Kind", "Slags"))
    unit: Text | None = doc(
        "The unit its figures are given in: a currency code (DKK) or a CLDR unit (duration-hour); leave out "
        "for a count of people, organisations or things.",
        "Enheden, tallene angives i: en valutakode (DKK) eller en CLDR-enhed (duration-hour); udelades for "
        "et antal personer, organisationer eller ting.", label=("Unit", "Enhed"), default=None)
    aggregate: Aggregate = doc(
        "sum: the figures are added up across cases; range: a figure per person or participant, shown from "
        "the smallest to the largest and never added up.",
        "sum: tallene lægges sammen på tværs af cases; range: et tal pr. person eller deltager, som vises fra "
        "det mindste til det største og aldrig lægges sammen.", label=("Adding up", "Sammenlægning"), default="sum")


class Sdg(InBothLanguages, StrictModel):
    number: SdgNumber = doc("Goal number.", "Målets nummer.", label=("Number", "Nummer"))
    da: Text = doc("Official Danish short name.", "Officielt dansk kortnavn.", label=("Danish name", "Dansk navn"))
    en: Text = doc("Official English short name.", "Officielt engelsk kortnavn.",
                   label=("English name", "Engelsk navn"))
    colour: Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")] = doc(
        "The goal's official colour, #RRGGBB.", "Målets officielle farve, #RRGGBB.", label=("Colour", "Farve"))

class Taxonomy(StrictModel):
    formats: list[Term] = doc("How help is given.", "Hvordan hjælpen gives.", label=("Formats", "Formater"))
    themes: list[Term] = doc("What the case is about.", "Hvad casen handler om.", label=("Themes", "Temaer"))
    sectors: list[Term] = doc("Sectors.", "Sektorer.", label=("Sectors", "Sektorer"))
    company_sizes: list[Term] = doc("Company sizes.", "Virksomhedsstørrelser.",
                                    label=("Company sizes", "Virksomhedsstørrelser"))
    sdgs: list[Sdg] = doc("The 17 Sustainable Development Goals.", "De 17 verdensmål.",
                          label=("Sustainable Development Goals", "Verdensmål"))
    costs: list[Term] = doc("Cost bands for ideas.", "Udgiftsniveauer for idéer.",
                            label=("Cost bands", "Udgiftsniveauer"), default_factory=list)
    efforts: list[EffortLevel] = doc("Bands of hours per employee for ideas, smallest first.",
                                     "Bånd for timer pr. medarbejder for idéer, mindste først.",
                                     label=("Time bands", "Tidsforbrug"), default_factory=list)
    measures: list[Measure] = doc("What the figures of cases measure, in the order the impact page shows them.",
                                  "Hvad casenes tal måler, i den rækkefølge siden om resultater viser dem.",
                                  label=("Measures", "Måletal"), default_factory=list)

    def effort_level(self, hours: float) -> EffortLevel | None:
        """The first band whose ``max_hours`` is at least ``hours``; the open-ended band otherwise."""
        for level in self.efforts:
            if level.max_hours is None or hours <= level.max_hours:
                return level
        return None

    def vocabulary(self, field: str) -> dict[str, Term]:
        terms: list[Term] = getattr(self, field)
        return {t.id: t for t in terms}

