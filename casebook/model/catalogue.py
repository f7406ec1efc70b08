"""``content/catalogues/<slug>/catalogue.yml``: an idea catalogue and its ideas."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from casebook.model.fields import MODEL_ERRORS, Bilingual, Id, Number, StrictModel, doc
from casebook.model.references import CaseSlug, CostId, FormatId, IdeaId, SdgRef, SizeId, ThemeId

Duration = Literal["one-off", "months", "ongoing"]


def _positive(value: int | float) -> int | float:
    if value <= 0:
        raise PydanticCustomError("positive", MODEL_ERRORS["positive"], {"value": value})
    return value


class Effort(StrictModel):
    hours_per_employee: Annotated[Number, AfterValidator(_positive),
                                  WithJsonSchema({"type": "number", "exclusiveMinimum": 0})] = doc(
        "About how many hours each employee spends in all, e.g. 4 or 20.",
        "Omtrent hvor mange timer hver medarbejder bruger i alt, fx 4 eller 20.",
        label=("Hours per employee", "Timer pr. medarbejder"))
    duration: Duration = doc("one-off, months (spread over some months) or ongoing.",
                             "one-off (engangsindsats), months (over nogle måneder) eller ongoing (løbende).",
                             label=("Duration", "Varighed"))


class Idea(StrictModel):
    """One idea in a catalogue: something a company can do, with the cases that show it."""

    id: Id = doc("Short id, unique across all catalogues; it names the idea's page and anchor.",
                 "Kort id, entydigt på tværs af alle kataloger; det bruges i idéens adresse og anker.",
                 label=("Id", "Id"))
    title: Bilingual = doc("Title in Danish and English.", "Titel på dansk og engelsk.", label=("Title", "Titel"))
    description: Bilingual = doc("A few sentences: what the company does and what it gives.",
                                 "Et par sætninger: hvad virksomheden gør, og hvad det giver.",
                                 label=("Description", "Beskrivelse"))
    first_steps: list[Bilingual] = doc("Short first steps, in order.", "Korte første skridt i rækkefølge.",
                                       label=("First steps", "Første skridt"), min_length=1)
    effort: Effort = doc("Hours per employee and how long it runs.",
                         "Timer pr. medarbejder, og hvor længe det varer.", label=("Time", "Tidsforbrug"))
    cost: CostId = doc("Cost band, an id from costs in content/taxonomy.yml.",
                   "Udgiftsniveau, et id fra costs i content/taxonomy.yml.", label=("Cost", "Udgift"))
    company_sizes: list[SizeId] = doc("Company sizes the idea suits, ids from company_sizes.",
                                  "Virksomhedsstørrelser, idéen passer til, id'er fra company_sizes.",
                                  label=("Company sizes", "Virksomhedsstørrelser"), min_length=1)
    formats: list[FormatId] = doc("Format ids from the taxonomy.", "Format-id'er fra taksonomien.",
                                  label=("Formats", "Formater"), default_factory=list)
    themes: list[ThemeId] = doc("Theme ids from the taxonomy.", "Tema-id'er fra taksonomien.",
                                label=("Themes", "Temaer"), default_factory=list)
    sdgs: list[SdgRef] = doc("UN Sustainable Development Goals, 1-17.", "FN's verdensmål, 1-17.",
                             label=("Sustainable Development Goals", "Verdensmål"), default_factory=list)
    examples: list[CaseSlug] = doc("Slugs of the cases that show the idea.", "Slugs for de cases, der viser idéen.",
                                   label=("Cases that show it", "Cases, der viser idéen"), default_factory=list)
    see_also: list[IdeaId] = doc("Ids of ideas that go well with this one.", "Id'er for idéer, der passer godt sammen "
                             "med denne.", label=("See also", "Se også"), default_factory=list)


class Catalogue(StrictModel):
    """An idea catalogue: ``content/catalogues/<slug>/catalogue.yml``."""

    title: Bilingual = doc("Title in Danish and English.", "Titel på dansk og engelsk.", label=("Title", "Titel"))
    intro: Bilingual = doc("One or two sentences introducing the catalogue.",
                           "En eller to sætninger, der introducerer kataloget.", label=("Introduction", "Introduktion"))
    ideas: list[Idea] = doc("The ideas, in the order they are shown.", "Idéerne i den rækkefølge, de vises.",
                            label=("Ideas", "Idéer"), min_length=1)
