"""Schema errors for people: one document against its model, each of pydantic's errors turned into
an :class:`~casebook.core.issues.Issue` with file, line, column, and a message and hint written for
the people who edit the files."""

from __future__ import annotations

import functools
import re
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError, create_model
from pydantic_core import ErrorDetails

from casebook.core.issues import Issue, format_location
from casebook.core.messages import msg
from casebook.load.documents import Document, Loc
from casebook.model.fields import MODEL_ERRORS, unwrap
from casebook.validate.hints import did_you_mean

M = TypeVar("M", bound=BaseModel)


def check_schema(doc: Document, model: type[M]) -> tuple[M | None, list[Issue]]:
    """Validate ``doc`` against ``model``; return the model instance or the issues."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [_schema_issue(doc, model, err) for err in exc.errors()]


def salvage(model: type[M], data: Any) -> tuple[M, frozenset[str]] | None:
    """A stand-in for a document that failed validation, for cross-checks only (never published).

    Each field is validated on its own; a field that fails is left empty (``[]`` or ``None``), so
    the cross-checks can still report unknown organisations or taxonomy ids in the same run.
    Returns the stand-in and the names of the fields that failed.
    """
    if not isinstance(data, dict):
        return None
    values: dict[str, Any] = {}
    failed: set[str] = set()
    for name, info in model.model_fields.items():
        if name in data:
            try:
                values[name] = getattr(_field_model(model, name).model_validate({name: data[name]}), name)
                continue
            except ValidationError:
                failed.add(name)
        if info.is_required() and name not in values:
            values[name] = [] if typing.get_origin(unwrap(info.annotation)) is list else None
    return model.model_construct(**values), frozenset(failed)


@functools.cache
def _field_model(model: type[BaseModel], name: str) -> type[BaseModel]:
    """A model with just one of ``model``'s fields, under the same (strict) configuration."""
    info = model.model_fields[name]
    field_model: type[BaseModel] = create_model(f"{model.__name__}_{name}", __config__=model.model_config,
                                                **{name: (info.annotation, info)})  # type: ignore[call-overload]
    return field_model


def _schema_issue(doc: Document, model: type[BaseModel], err: ErrorDetails) -> Issue:
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    where = format_location(loc)
    name = str(loc[-1]) if loc else ""
    line, col = doc.position(loc)
    hint = ""
    if kind == "missing":
        line, col = doc.position(loc[:-1])
        code, message = "schema.missing", msg("required field '{name}' is missing", name=name)
        hint = msg("add '{name}:' here{extra}", name=name, extra=_missing_hint(name))
    elif kind == "extra_forbidden":
        line, col = doc.position(loc, key=True)
        code, message = "schema.unknown-field", msg("unknown field '{name}'", name=name)
        known = _field_names(model, loc[:-1])
        hint = did_you_mean(name, known) or (msg("known fields: {items}", items=', '.join(known)) if known else "")
    elif kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        code, message = "schema.choice", msg("'{value}' is not one of: {items}", value=value, items=', '.join(choices))
        hint = did_you_mean(str(value), choices)
    elif kind == "string_pattern_mismatch":
        code, message = "schema.id", msg("'{value}' is not a valid id", value=value)
        hint = msg("use lowercase letters a-z, digits and hyphens")
        if name == "colour":
            message, hint = msg("'{value}' is not a colour", value=value), msg("write it as #RRGGBB, e.g. #19486A")
    elif kind in ("string_too_short", "too_short"):
        code = "schema.empty"
        message = msg("must not be empty") if kind == "string_too_short" else msg("needs at least one entry")
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        code, message = "schema.range", msg("{value} is out of range", value=f"{value!r}")
        if "sdgs" in loc or name == "number":
            message = msg("{value} is not an SDG number", value=f"{value!r}")
            hint = msg("the goals are numbered 1 to 17")
    elif kind == "positive":
        code, message, hint = "schema.range", msg(MODEL_ERRORS[kind], **ctx), msg("give a number above 0")
    elif kind in ("date_type", "date_format", "date_month", "date_day", "date_precision"):
        code, message = "schema.date", msg(MODEL_ERRORS[kind], **ctx)
        hint = msg("expected YYYY-MM-DD, e.g. 2026-12-01") if ctx.get("whole_day") else \
            msg("expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2015-11")
    elif kind == "url":
        code, message = "schema.url", msg(MODEL_ERRORS[kind], **ctx)
        hint = msg("write the full address, starting with https://")
    else:
        code, message = "schema.type", _type_message(kind, value)
        hint = _type_hint(model, loc)
    return Issue(doc.path, line, col, code, message, where, hint)


_EXPECTED = {
    "string_type": msg("text"),
    "int_type": msg("a whole number"),
    "number_type": msg("a number"),
    "float_type": msg("a number"),
    "bool_type": msg("true or false"),
    "list_type": msg("a list (lines starting with '- ')"),
    "dict_type": msg("fields ('name: value' lines)"),
    "model_type": msg("fields ('name: value' lines)"),
}


def _type_message(kind: str, value: Any) -> str:
    got = {str: msg("text"), int: msg("a number"), float: msg("a number"), bool: msg("yes/no"),
           list: msg("a list"), dict: msg("fields"), type(None): msg("nothing")}.get(type(value), type(value).__name__)
    expected = _EXPECTED.get(kind) or msg("another kind of value")
    return msg("expected {expected}, got {got}", expected=expected, got=got)


def _type_hint(model: type[BaseModel], loc: Loc) -> str:
    fields = _field_names(model, loc)
    if fields == ["da", "en"]:
        return msg("write it in both languages: 'da: …' and 'en: …' on indented lines")
    return ""


def _missing_hint(name: str) -> str:
    return {
        "consent": msg(" with the basis for naming this person: public-role, recorded or anonymised"),
        "en": msg(" with the English text"),
        "da": msg(" with the Danish text"),
    }.get(name, "")


def _annotation_at(model: type[BaseModel], loc: Loc) -> Any:
    """The type annotation found by following ``loc`` through ``model``'s fields."""
    annotation: Any = model
    for part in loc:
        annotation = unwrap(annotation)
        if isinstance(part, int):
            args = typing.get_args(annotation)
            annotation = args[0] if args else None
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            annotation = field.annotation if field else None
        else:
            return None
    return unwrap(annotation)


def _field_names(model: type[BaseModel], loc: Loc) -> list[str]:
    target = _annotation_at(model, loc)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return list(target.model_fields)
    return []
