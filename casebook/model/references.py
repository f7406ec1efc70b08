"""Which field refers to what, declared on the field itself: ``Annotated[Id, Ref("themes")]``.

A reference names its target: a vocabulary of ``content/taxonomy.yml`` (``formats``, ``themes``,
``sectors``, ``company_sizes``, ``costs``, ``measures``, ``sdgs``), the organisations of ``content/organisations.yml``,
the case folders or the ideas of the catalogues. Validation (unknown ids with a did-you-mean hint),
the editor schemas (allowed values), the search facets and the scaffold's questions all read these
declarations through :func:`references`; none keeps a list of field names of its own.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel

from casebook.model.fields import Id, SdgNumber, optional_of, unwrap

Target = Literal["organisations", "cases", "ideas", "formats", "themes", "sectors", "company_sizes", "costs",
                 "measures", "sdgs"]
TAXONOMY_TARGETS: tuple[Target, ...] = ("formats", "themes", "sectors", "company_sizes", "costs", "measures", "sdgs")


@dataclass(frozen=True)
class Ref:
    """The field's value (or each value of its list) is an id of ``target``."""

    target: Target


OrganisationId = Annotated[Id, Ref("organisations")]
CaseSlug = Annotated[Id, Ref("cases")]
IdeaId = Annotated[Id, Ref("ideas")]
FormatId = Annotated[Id, Ref("formats")]
ThemeId = Annotated[Id, Ref("themes")]
SectorId = Annotated[Id, Ref("sectors")]
SizeId = Annotated[Id, Ref("company_sizes")]
CostId = Annotated[Id, Ref("costs")]
MeasureId = Annotated[Id, Ref("measures")]
SdgRef = Annotated[SdgNumber, Ref("sdgs")]


@dataclass(frozen=True)
class Reference:
    """One referring field of a model: ``path`` from the model (``("partners", "org")``; a list's items
    are not part of the path), whether the field holds a list of ids, and what it refers to."""

    path: tuple[str, ...]
    many: bool
    ref: Ref


def ref_of(annotation: Any) -> tuple[Ref | None, bool]:
    """The :class:`Ref` an annotation carries (through ``Optional`` and ``list``), and whether it is a list."""
    many = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            found = next((m for m in annotation.__metadata__ if isinstance(m, Ref)), None)
            if found is not None:
                return found, many
            annotation = typing.get_args(annotation)[0]
        elif origin is list:
            many, annotation = True, typing.get_args(annotation)[0]
        elif (inner := optional_of(annotation)) is not None:
            annotation = inner
        else:
            return None, many


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (itself, optional or in a list), if any."""
    while True:
        annotation = unwrap(annotation)
        if typing.get_origin(annotation) is not list:
            return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
        annotation = typing.get_args(annotation)[0]


def references(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> Iterator[Reference]:
    """Every referring field of ``model`` and of the models inside it, in declaration order."""
    return iter(_references(model, prefix))


@functools.cache  # a model's fields do not change; validation asks twice for each file
def _references(model: type[BaseModel], prefix: tuple[str, ...]) -> tuple[Reference, ...]:
    return tuple(_find_references(model, prefix))


def _find_references(model: type[BaseModel], prefix: tuple[str, ...]) -> Iterator[Reference]:
    for name, info in model.model_fields.items():
        ref, many = ref_of(info.annotation)
        if ref is None:
            for metadata in info.metadata:  # pydantic moves a field's own Annotated metadata here
                if isinstance(metadata, Ref):
                    ref = metadata
        if ref is not None:
            yield Reference((*prefix, name), many, ref)
            continue
        nested = _nested_model(info.annotation)
        if nested is not None:
            yield from references(nested, (*prefix, name))


@functools.cache
def _paths_to(model: type[BaseModel], target: Target) -> tuple[tuple[str, ...], ...]:
    return tuple(reference.path for reference in references(model) if reference.ref.target == target)


def referred(instance: BaseModel, target: Target) -> list[Any]:
    """The ids ``instance`` refers to in ``target``: the values of every field declared as referring to
    it, field by field in declaration order (``referred(case, "themes")`` is ``case.themes``)."""
    values: list[Any] = []
    for path in _paths_to(type(instance), target):
        values.extend(_values_at(instance, path))
    return values


def _values_at(node: Any, path: tuple[str, ...]) -> Iterator[Any]:
    if isinstance(node, list):
        for item in node:
            yield from _values_at(item, path)
    elif node is None:
        return
    elif path:
        yield from _values_at(getattr(node, path[0]), path[1:])
    else:
        yield node
