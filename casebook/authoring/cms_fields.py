"""Decap CMS's form for a model of the content: one widget per field, chosen from the field's type.

Each field is labelled with the Danish label the model declares for it (``doc(..., label=("Partners",
"Partnere"))``), and its hint is its Danish description followed by the field's name in the file,
``(feltet `partners[].org` i case.yml)``: the name Casebook's messages and the writing guide use, so that
an editor finds ``partners[1].org`` where a pull request's check points. What a widget needs beyond the
field's type comes from where the site already has it: the Danish names of a choice's values from the
site's UI texts (``role_company``: "Virksomhed"), or else from the field's own description ("recorded
(skriftligt samtykke foreligger)"); the goals' Danish names from the taxonomy; patterns from the model's
JSON Schema, with the messages ``casebook validate`` gives.

References point at the CMS's own collections (:data:`ORGANISATIONS`, :data:`TAXONOMY`, ...), so that a
new organisation or theme is offered at once: the configuration does not list the content's ids.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, TypeAdapter
from pydantic.fields import FieldInfo

from casebook.authoring.schema import model_schema, resolve
from casebook.core.messages import msg, translate
from casebook.model.case import Image
from casebook.model.fields import (
    SLUG_PATTERN,
    Bilingual,
    DanishFirst,
    DateField,
    DayField,
    PartialDate,
    label_of,
    unwrap,
)
from casebook.model.references import Ref, Target, ref_of

# The collections references point at (cms/config.yml; the names are fixed, preview templates use them).
CASES, ORGANISATIONS, TAXONOMY, CATALOGUES = "cases", "organisations", "taxonomy", "catalogues"
CMS_LANG = "da"  # the language of the CMS's labels and hints
# Bilingual texts that are paragraphs, not a line: a choice of the form (a text area), not of the model.
PARAGRAPHS = frozenset({"summary", "description", "intro", "text", "date_note"})
# Fields that name an image file beside the entry: Decap's image widget uploads it there.
IMAGE_FIELDS = frozenset({(Image, "file")})
# The UI texts naming a choice's values, by prefix: role_company, kind_event, measure_kind_input, duration_ongoing.
CHOICE_PREFIXES = ("role", "kind", "measure_kind", "duration")


def _pattern(annotation: Any) -> str:
    pattern: str = TypeAdapter(annotation).json_schema()["pattern"]
    return pattern


def pattern_messages() -> dict[str, str]:
    """The message a form shows under a field that does not match its pattern, by pattern: the hint
    ``casebook validate`` gives for the same mistake."""
    return {SLUG_PATTERN: msg("use lowercase letters a-z, digits and hyphens"),
            _pattern(DateField): msg("expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2015-11"),
            _pattern(DayField): msg("expected YYYY-MM-DD, e.g. 2026-12-01"),
            r"^#[0-9A-Fa-f]{6}$": msg("write it as #RRGGBB, e.g. #19486A"),
            r"^https?://[^\s/]*\.[^\s/]*(/\S*)?$": msg("write the full address, starting with https://")}


@dataclass(frozen=True)
class FormTexts:
    """What the forms name that the model does not: the goals' Danish names (number -> name, from the
    taxonomy) and the site's UI texts (key -> language -> text, casebook/site/ui.yml)."""

    sdg_names: Mapping[int, str]
    ui: Mapping[str, Mapping[str, str]]


def description_da(info: FieldInfo) -> str:
    """A field's Danish description (``doc(en, da)``), as the writing guide shows it."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return str(extra.get("description_da") or info.description or "")


def reference(info: FieldInfo) -> tuple[Ref | None, bool]:
    """What a field refers to (through Optional and list, or in pydantic's metadata), and whether it is a list."""
    ref, many = ref_of(info.annotation)
    if ref is None:
        ref = next((m for m in info.metadata if isinstance(m, Ref)), None)
    return ref, many


def nested_model(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model a field holds (itself, optional or in a list), and whether it is a list."""
    annotation = unwrap(annotation)
    many = typing.get_origin(annotation) is list
    if many:
        annotation = unwrap(typing.get_args(annotation)[0])
    found = annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    return found, many


@dataclass(frozen=True)
class Place:
    """Where a model's fields are in the file: its name (``case.yml``) and their path's start (``partners[].``)."""

    file: str
    prefix: str = ""

    def inside(self, name: str, many: bool) -> Place:
        return Place(self.file, f"{self.prefix}{name}{'[]' if many else ''}.")


def form(model: type[BaseModel], texts: FormTexts, *, place: Place | None = None, optional: bool = False,
         long: bool = False) -> list[dict[str, Any]]:
    """The widgets of every field of ``model``, in declaration order, each hint naming the field's path in
    ``place`` (none for the two languages of a text: their text's hint names it). Inside an ``optional``
    object no field is required (Decap would otherwise refuse to save an entry that leaves the object out);
    ``long``: its texts are paragraphs."""
    schema = model_schema(model)
    return [_field(model, name, info, schema, texts, place=place, optional=optional, long=long)
            for name, info in model.model_fields.items()]


def hint(info: FieldInfo, name: str, place: Place | None) -> str:
    """A field's hint: its Danish description, and where it is in the file (``feltet `partners` i case.yml``)."""
    if place is None:
        return description_da(info)
    return translate(msg("{description} (the field `{path}` in {file})", description=description_da(info),
                         path=place.prefix + name, file=place.file), CMS_LANG)


def _field(model: type[BaseModel], name: str, info: FieldInfo, schema: dict[str, Any], texts: FormTexts, *,
           place: Place | None, optional: bool, long: bool) -> dict[str, Any]:
    required = info.is_required() and not optional
    field: dict[str, Any] = {"name": name, "label": label_of(info, CMS_LANG) or name}
    node = resolve(schema, schema["properties"][name])
    ref, many = reference(info)
    inner, in_list = nested_model(info.annotation)
    if ref is not None:
        field.update(_reference(ref.target, many, texts))
    elif inner is not None:
        inner_place = place.inside(name, in_list) if place else None
        field.update(_nested(inner, name, in_list, texts, place=inner_place, optional=not required and not in_list))
    elif (model, name) in IMAGE_FIELDS:
        field.update(widget="image", choose_url=False)
    else:
        field.update(_scalar(node, info, unwrap(info.annotation), texts, long=long))
    if many or in_list:
        minimum = resolve(schema, schema["properties"][name], into_lists=False).get("minItems")
        if minimum and required:
            field["min"] = minimum
    if not required:
        field["required"] = False
    # A default fills a new entry; inside a list it would also make Decap start the list with an item (a new
    # case would open with one empty figure), and an unticked box is false anyway.
    if info.default is not None and info.default is not False and not in_list and not info.is_required() \
            and not callable(info.default_factory) and isinstance(info.default, bool | str | int | float):
        field["default"] = info.default
    field["hint"] = hint(info, name, place)
    return field


def _nested(inner: type[BaseModel], name: str, many: bool, texts: FormTexts, *, place: Place | None,
            optional: bool) -> dict[str, Any]:
    text = issubclass(inner, Bilingual | DanishFirst)  # its Dansk and Engelsk: the text's hint says where
    long = name in PARAGRAPHS and text
    fields = form(inner, texts, place=None if text else place, optional=optional, long=long)
    if many:
        return {"widget": "list", "summary": summary(fields), "fields": fields}
    return {"widget": "object", **({"collapsed": True} if optional else {}), "fields": fields}


def summary(fields: list[dict[str, Any]]) -> str:
    """How a list shows an item: its first two required fields (a text pair by its Danish text)."""
    shown = []
    for field in fields:
        if field.get("required", True) and field["widget"] != "list":
            shown.append(f"{{{{fields.{field['name']}.da}}}}" if field["widget"] == "object"
                         else f"{{{{fields.{field['name']}}}}}")
    return " · ".join(shown[:2])


def _scalar(node: dict[str, Any], info: FieldInfo, annotation: Any, texts: FormTexts, *,
            long: bool) -> dict[str, Any]:
    if "enum" in node:
        return {"widget": "select", "options": choices(node["enum"], description_da(info), texts.ui)}
    kind = node.get("type")
    if annotation is bool:
        return {"widget": "boolean"}
    if kind in ("integer", "number"):
        widget: dict[str, Any] = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        if kind == "integer" and ("minimum" in node or "exclusiveMinimum" in node):
            widget["min"] = node.get("minimum", node.get("exclusiveMinimum", 0) + 1)
        if kind == "integer" and "maximum" in node:
            widget["max"] = node["maximum"]
        return widget
    if annotation is PartialDate or annotation is str:
        widget = {"widget": "text" if long else "string"}
        if "pattern" in node:
            pattern = node["pattern"]
            message = pattern_messages().get(pattern, msg("expected text matching {pattern}", pattern=pattern))
            widget["pattern"] = [pattern, translate(message, CMS_LANG)]
        return widget
    raise TypeError(f"no CMS widget for {info.annotation!r}")


def choices(values: list[Any], description: str, ui: Mapping[str, Mapping[str, str]]) -> list[dict[str, Any]]:
    """A choice's options, each labelled in Danish with its value after it: "Virksomhed (company)"."""
    def label(value: str) -> str:
        key = value.replace("-", "_")
        for prefix in CHOICE_PREFIXES:
            if f"{prefix}_{key}" in ui:
                return ui[f"{prefix}_{key}"][CMS_LANG]
        explained = re.search(rf"\b{re.escape(value)} \(([^)]+)\)", description) or \
            re.search(rf"\b{re.escape(value)}: (.+?)(?=[;,]|\.\s+[A-ZÆØÅ]|\.?\s*$)", description)
        return explained.group(1) if explained else value

    return [{"label": (f"{text[0].upper()}{text[1:]} ({value})" if (text := label(value)) != value else value),
             "value": value} for value in values]


def _reference(target: Target, many: bool, texts: FormTexts) -> dict[str, Any]:
    """The widget of a field holding an id (or ids) of ``target``: a relation to the collection that
    keeps them, or for the goals a choice of their numbers with their Danish names."""
    widget: dict[str, Any]
    if target == "sdgs":
        widget = {"widget": "select", "options": [{"label": f"{n}. {texts.sdg_names.get(n, '')}".rstrip(". "),
                                                   "value": n} for n in sorted(texts.sdg_names)]}
    elif target == "organisations":
        widget = _relation(ORGANISATIONS, "organisations.*.id", "organisations.*.name", file=ORGANISATIONS)
    elif target == "cases":
        # Decap's slug of cases/<slug>/case.yml is "<slug>/case": the formats of the cases and catalogues
        # (casebook-case-yaml, casebook-catalogue-yaml, in the admin page's script) add and cut the "/case".
        widget = _relation(CASES, "{{slug}}", "title.da")
    elif target == "ideas":
        widget = _relation(CATALOGUES, "ideas.*.id", "ideas.*.title.da")
    else:
        widget = _relation(TAXONOMY, f"{target}.*.id", f"{target}.*.da", file=TAXONOMY)
        widget["options_length"] = 100  # every term in the list, not only Decap's first 20
    if many:
        widget["multiple"] = True
    return widget


def _relation(collection: str, value: str, shown: str, *, file: str | None = None) -> dict[str, Any]:
    return {"widget": "relation", "collection": collection, **({"file": file} if file else {}),
            "value_field": value, "search_fields": [shown], "display_fields": [shown]}
