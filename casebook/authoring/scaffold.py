"""Scaffolding: new cases, catalogues and ideas written from a few answers, valid from the start.

The files carry a short Danish comment above each field, taken from the field's Danish description
in the content model, and a ``# yaml-language-server: $schema=`` line so editors complete and check
them. Optional fields appear as commented-out examples to fill in later. The command line
(``casebook new``) asks the questions; this module only turns answers into text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from casebook.authoring.vocabulary import hint
from casebook.model.case import Case
from casebook.model.catalogue import Catalogue, Idea
from casebook.model.references import TAXONOMY_TARGETS, references
from casebook.project import Project
from casebook.project.entries import CASE_FILE, CATALOGUE_FILE, story_file

# Optional fields of a case, shown commented out with an example of their form.
_CASE_EXAMPLES = {
    "period": ["period: {start: \"2016-03\", end: \"2016-09\"}"],
    "date": ["date: \"2016-03\""],
    "undated": ["undated: true"],
    "date_note": ["date_note: {da: \"efterår, år ikke oplyst\", en: \"autumn, year not given\"}"],
    "programme": ["programme: {da: \"…\", en: \"…\"}"],
    "outcomes": ["outcomes:", "  - value: 8", "    of: 25", "    label: {da: \"i job\", en: \"in work\"}"],
    "people": ["people:", "  - name: \"Navn Efternavn\"", "    role: {da: \"Leder\", en: \"Manager\"}",
               "    consent: public-role"],
    "quotes": ["quotes:", "  - text: {da: \"…\"}", "    by: \"Navn Efternavn\""],
    "sources": ["sources:", "  - title: \"Kildens titel\"", "    url: https://…", "    published: \"2016-12\""],
    "related": ["related: [en-anden-case]"],
    "images": ["images:", "  - file: images/foto.jpg", "    alt: {da: \"Hvad billedet viser\", en: \"What it shows\"}"],
}


@dataclass
class FigureAnswers:
    """A key figure of a case: ``value`` (``of`` a whole), in ``unit``, what it counts, what it measures."""

    value: float
    label_da: str
    label_en: str
    of: float | None = None
    unit: str | None = None
    measure: str | None = None  # an id from the taxonomy's measures
    estimate: bool = False


@dataclass
class CaseAnswers:
    slug: str
    title_da: str
    title_en: str
    summary_da: str
    summary_en: str
    kind: str
    date: str | None  # None: undated
    partners: list[tuple[str, str]]  # (organisation id, role)
    date_note: tuple[str, str] | None = None  # (Danish, English), for an undated case
    figure: FigureAnswers | None = None


@dataclass
class IdeaAnswers:
    id: str
    title_da: str
    title_en: str
    description_da: str
    description_en: str
    first_step_da: str
    first_step_en: str
    hours: float
    duration: str
    cost: str
    company_sizes: list[str]
    examples: list[str] = field(default_factory=list)


@dataclass
class OrganisationAnswers:
    id: str
    name: str
    kind: str
    description_da: str
    description_en: str
    source: str  # the title of the text the description comes from
    website: str | None = None


def describe(model: type[BaseModel], name: str) -> str:
    """The Danish description of a field of the content model."""
    extra = model.model_fields[name].json_schema_extra
    return str(extra.get("description_da", "")) if isinstance(extra, dict) else ""


def q(text: str) -> str:
    """A YAML double-quoted string (JSON's quoting is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def case_yaml(answers: CaseAnswers, project: Project) -> str:
    lines = ["# yaml-language-server: $schema=../../schemas/case.schema.json",
             "# Casens fakta. Hvert felt er forklaret i kommentaren over det og i skrivevejledningen",
             "# (docs/skrivevejledning.md). Tjek filen med: casebook validate", ""]
    values: dict[str, list[str]] = {
        "title": ["title:", f"  da: {q(answers.title_da)}", f"  en: {q(answers.title_en)}"],
        "summary": ["summary:", f"  da: {q(answers.summary_da)}", f"  en: {q(answers.summary_en)}"],
        "kind": [f"kind: {answers.kind}"],
        **_when(answers),
        "partners": ["partners:"] + [f"  - {{org: {org}, role: {role}}}" for org, role in answers.partners],
        **_figure(answers.figure),
    }
    # The case's own lists of taxonomy terms start empty, their comment naming what they may hold.
    for ref in references(Case):
        if len(ref.path) == 1 and ref.many and ref.ref.target in TAXONOMY_TARGETS:
            known = hint(project, ref.ref.target)
            values[ref.path[0]] = [f"{ref.path[0]}: []" + (f"  # {known}" if known else "")]
    measures = hint(project, "measures")  # the example figure's measure names the ids it may be
    examples = {**_CASE_EXAMPLES, "outcomes": [*_CASE_EXAMPLES["outcomes"],
                                               "    measure: …" + (f"  # {measures}" if measures else "")]}
    for name in Case.model_fields:
        lines.append(f"# {describe(Case, name)}")
        if name in values:
            lines.extend(values[name])
        else:
            lines.extend(f"# {line}" for line in examples.get(name, [f"{name}: …"]))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _when(answers: CaseAnswers) -> dict[str, list[str]]:
    """The case's date, or ``undated: true`` and the note of what the sources say of when."""
    if answers.date is not None:
        return {"date": [f"date: {q(answers.date)}"]}
    when = {"undated": ["undated: true"]}
    if answers.date_note:
        when["date_note"] = [f"date_note: {{da: {q(answers.date_note[0])}, en: {q(answers.date_note[1])}}}"]
    return when


def _figure(figure: FigureAnswers | None) -> dict[str, list[str]]:
    """The case's key figure as its first outcome, each field on a line of its own."""
    if figure is None:
        return {}
    lines = ["outcomes:", f"  - value: {_number(figure.value)}"]
    if figure.of is not None:
        lines.append(f"    of: {_number(figure.of)}")
    if figure.unit is not None:
        lines.append(f"    unit: {figure.unit}")
    lines.append(f"    label: {{da: {q(figure.label_da)}, en: {q(figure.label_en)}}}")
    if figure.measure is not None:
        lines.append(f"    measure: {figure.measure}")
    if figure.estimate:
        lines.append("    estimate: true")
    return {"outcomes": lines}


STORY_DA = """## Baggrund

Skriv, hvordan samarbejdet opstod, og hvem der tog initiativet.

## Det skete

Fortæl, hvad medarbejderne og partnerne gjorde sammen, og hvornår.

## Resultater

Beskriv, hvad det førte til. Tal hører hjemme under outcomes i case.yml.
"""


def organisation_yaml(answers: OrganisationAnswers) -> str:
    """One entry of content/organisations.yml, to append to its list."""
    lines = [f"  - id: {answers.id}", f"    name: {q(answers.name)}", f"    kind: {answers.kind}"]
    if answers.website:
        lines.append(f"    website: {answers.website}")
    lines += ["    description:", f"      da: {q(answers.description_da)}", f"      en: {q(answers.description_en)}",
              f"    source: {{title: {q(answers.source)}}}"]
    return "\n" + "\n".join(lines) + "\n"


def idea_yaml(answers: IdeaAnswers) -> str:
    """One idea of a catalogue's list, with its fields explained in Danish."""
    values: dict[str, list[str]] = {
        "id": [f"id: {answers.id}"],
        "title": ["title:", f"  da: {q(answers.title_da)}", f"  en: {q(answers.title_en)}"],
        "description": ["description:", f"  da: {q(answers.description_da)}", f"  en: {q(answers.description_en)}"],
        "first_steps": ["first_steps:", f"  - {{da: {q(answers.first_step_da)}, en: {q(answers.first_step_en)}}}"],
        "effort": [f"effort: {{hours_per_employee: {_number(answers.hours)}, duration: {answers.duration}}}"],
        "cost": [f"cost: {answers.cost}"],
        "company_sizes": [f"company_sizes: [{', '.join(answers.company_sizes)}]"],
        "examples": [f"examples: [{', '.join(answers.examples)}]"],
    }
    # The references no question asks for start as empty lists, to fill in later.
    for ref in references(Idea):
        if ref.many:
            values.setdefault(ref.path[0], [f"{ref.path[0]}: []"])
    lines = [f"    {line}" for name in Idea.model_fields if name in values
             for line in (f"# {describe(Idea, name)}", *values[name])]
    # The list item begins with its first field, id; the comment above it at the list's indentation.
    lines[0], lines[1] = "  " + lines[0].strip(), "  - " + lines[1].strip()
    return "\n".join(lines) + "\n"


def catalogue_yaml(slug: str, title: tuple[str, str], intro: tuple[str, str], idea: IdeaAnswers) -> str:
    lines = ["# yaml-language-server: $schema=../../../schemas/catalogue.schema.json",
             "# Et idékatalog. Hvert felt er forklaret i kommentaren over det og i skrivevejledningen.",
             f"# Katalogets side bliver /catalogues/{slug}/. Tjek filen med: casebook validate", "",
             f"# {describe(Catalogue, 'title')}", "title:", f"  da: {q(title[0])}", f"  en: {q(title[1])}",
             f"# {describe(Catalogue, 'intro')}", "intro:", f"  da: {q(intro[0])}", f"  en: {q(intro[1])}",
             f"# {describe(Catalogue, 'ideas')}", "ideas:"]
    return "\n".join(lines) + "\n" + idea_yaml(idea)


def write_case(project: Project, answers: CaseAnswers) -> list[Path]:
    folder = project.cases_dir / answers.slug
    folder.mkdir(parents=True)
    (folder / CASE_FILE).write_text(case_yaml(answers, project), encoding="utf-8")
    (folder / story_file("da")).write_text(STORY_DA, encoding="utf-8")
    return [folder / CASE_FILE, folder / story_file("da")]


def add_organisation(project: Project, answers: OrganisationAnswers) -> Path:
    path = project.content_dir / "organisations.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + organisation_yaml(answers), encoding="utf-8")
    return path


def write_catalogue(project: Project, slug: str, title: tuple[str, str], intro: tuple[str, str],
                    idea: IdeaAnswers) -> Path:
    folder = project.content_dir / "catalogues" / slug
    folder.mkdir(parents=True)
    path = folder / CATALOGUE_FILE
    path.write_text(catalogue_yaml(slug, title, intro, idea), encoding="utf-8")
    return path


def append_idea(path: Path, idea: IdeaAnswers) -> str:
    """Append ``idea`` to the catalogue at ``path`` (its ``ideas:`` list must come last); return the old text."""
    text = path.read_text(encoding="utf-8")
    top_level = [line.split(":")[0] for line in text.splitlines() if line and not line[0].isspace()
                 and not line.startswith(("#", "-"))]
    if not top_level or top_level[-1] != "ideas":
        raise ValueError("ideas: must be the last field of the catalogue to add an idea to it")
    path.write_text(text.rstrip("\n") + "\n" + idea_yaml(idea), encoding="utf-8")
    return text

