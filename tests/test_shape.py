"""The case's shape, written in the model, the page view and the open data, checked against the model;
and the site's own folders against the names a hand-written page may not take."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Annotated, Any

from pydantic import BaseModel

from casebook.model.case import Case
from casebook.model.references import referred
from casebook.project.pages import RESERVED_PAGES
from casebook.publish import opendata_shape
from casebook.site import urls
from casebook.site.views import CASE_SHOWN_AS, CaseView


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (itself, optional or in a list), if any."""
    origin = typing.get_origin(annotation)
    if origin in (Annotated, list, typing.Union, types.UnionType):
        found = [m for m in map(_model_in, typing.get_args(annotation)) if m is not None]
        return found[0] if len(found) == 1 else None
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def not_exported(model: type[BaseModel], exported: type[BaseModel], prefix: str = "") -> list[str]:
    """The paths of ``model``'s fields (and of the models inside it) that ``exported`` has no field for,
    by their own name or the one opendata_shape.EXPORTED_AS gives, and that opendata_shape.LEFT_OUT does not list."""
    missing = []
    for name, info in model.model_fields.items():
        path = prefix + name
        if path in opendata_shape.LEFT_OUT:
            continue
        target = exported.model_fields.get(opendata_shape.EXPORTED_AS.get(path, name))
        if target is None:
            missing.append(path)
            continue
        inner, exported_inner = _model_in(info.annotation), _model_in(target.annotation)
        if inner is not None and exported_inner is not None:
            missing += not_exported(inner, exported_inner, path + ".")
    return missing


def test_every_case_field_is_in_the_open_data_or_left_out() -> None:
    """Each field of case.yml, nested ones included, is exported in cases.json or listed as left out."""
    assert not_exported(Case, opendata_shape.OpenCase) == []


def test_a_new_case_field_is_noticed() -> None:
    """A field added to case.yml without a place in the open data is reported by its path."""

    class Municipality(BaseModel):
        code: str

    class Extended(Case):
        municipality: Municipality

    assert not_exported(Extended, opendata_shape.OpenCase) == ["municipality"]


def test_exported_as_and_left_out_name_fields_of_case_yml() -> None:
    """The open data's renames and omissions name real fields, so neither list goes stale."""

    def paths(model: type[BaseModel], prefix: str = "") -> set[str]:
        result = set()
        for name, info in model.model_fields.items():
            result.add(prefix + name)
            inner = _model_in(info.annotation)
            result |= paths(inner, f"{prefix}{name}.") if inner is not None else set()
        return result

    assert set(opendata_shape.EXPORTED_AS) | opendata_shape.LEFT_OUT <= paths(Case)


def test_every_case_field_is_shown_on_its_page() -> None:
    """Each field of Case is a field of CaseView, or CASE_SHOWN_AS names the CaseView fields that show it."""
    view = {f.name for f in dataclasses.fields(CaseView)}
    for name in Case.model_fields:
        assert set(CASE_SHOWN_AS.get(name, (name,))) <= view, name
    assert set(CASE_SHOWN_AS) <= set(Case.model_fields)


def test_site_folders_are_reserved() -> None:
    """A hand-written page cannot take a top-level folder the site writes its own pages or index into."""
    assert set(urls.OWN_FOLDERS) <= set(RESERVED_PAGES)


def test_referred_reads_the_declared_fields() -> None:
    """referred() gives the ids a case holds for one target, nested fields included, in declaration order."""
    case = Case.model_validate({
        "title": {"da": "T", "en": "T"}, "summary": {"da": "S", "en": "S"}, "kind": "event", "date": 2020,
        "partners": [{"org": "acme", "role": "company"}, {"org": "hjaelp", "role": "ngo"}],
        "themes": ["integration"], "sdgs": [4, 8],
        "people": [{"name": "A", "role": {"da": "R", "en": "R"}, "org": "kommune", "consent": "recorded"},
                   {"name": "B", "role": {"da": "R", "en": "R"}, "consent": "recorded"}],
    })
    assert referred(case, "organisations") == ["acme", "hjaelp", "kommune"]
    assert referred(case, "themes") == ["integration"]
    assert referred(case, "sdgs") == [4, 8]
    assert referred(case, "formats") == []
