"""The values a referring field may take in a project, for editors and for ``casebook new``.

The model declares on each field what it refers to (``Annotated[Id, Ref("themes")]``, see
:mod:`casebook.model.references`); this module knows where a project keeps the ids of each target.
The editor schemas offer them as a field's allowed values; the scaffold names them in its comments
and ``casebook new`` in its questions. Neither keeps a list of field names of its own.
"""

from __future__ import annotations

from pydantic import BaseModel, TypeAdapter

from casebook.model.fields import SdgNumber
from casebook.model.references import Target, references
from casebook.model.registry import Term
from casebook.project import Project

# The numbers a goal can have, from its field type (1-17): what an editor offers without a taxonomy.
_SDG = TypeAdapter(SdgNumber).json_schema()
SDG_NUMBERS = range(_SDG["minimum"], _SDG["maximum"] + 1)


def allowed(project: Project, target: Target) -> list[str] | list[int]:
    """The ids of ``target`` in ``project``: organisations, cases and ideas sorted, taxonomy terms in the
    taxonomy's order, goal numbers ascending. An unreadable taxonomy offers no terms (and every goal)."""
    taxonomy = project.taxonomy
    if target == "organisations":
        return sorted(project.organisations)
    if target == "cases":
        return sorted(project.cases)
    if target == "ideas":
        return sorted(project.ideas)
    if target == "sdgs":
        return sorted(s.number for s in taxonomy.sdgs) if taxonomy else list(SDG_NUMBERS)
    terms: list[Term] = getattr(taxonomy, target) if taxonomy else []  # named as the taxonomy's lists
    return [t.id for t in terms]


def offered(project: Project, model: type[BaseModel]) -> dict[str, list[str]]:
    """For each referring field of ``model`` (by dotted path, ``partners.org``), the ids it may take."""
    return {".".join(ref.path): [str(value) for value in allowed(project, ref.ref.target)]
            for ref in references(model)}


def hint(project: Project, target: Target) -> str:
    """How a scaffolded file's comment names the values of a field referring to ``target``: the ids,
    or for the numbered goals their range ("1-17")."""
    if target == "sdgs":
        return f"{SDG_NUMBERS[0]}-{SDG_NUMBERS[-1]}"
    return ", ".join(map(str, allowed(project, target)))
