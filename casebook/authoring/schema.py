"""JSON Schemas for editors, derived from the one content model.

Editors that use the YAML language server (VS Code with Red Hat's YAML extension, and others) read
these schemas to complete field names, offer the known organisation and taxonomy ids, show each
field's description in Danish and English, and underline mistakes as you type. ``casebook schema``
(``make schema``, and the pre-commit hook when content changes) writes them to ``schemas/``; a build
only checks them and warns when they are out of date, so that it never changes a file git tracks.
``.vscode/settings.json`` maps them to their files; scaffolded files also name theirs in a
``# yaml-language-server: $schema=`` line.

What a schema cannot know is left to ``casebook validate``: that an image file exists, that a quoted
person is listed under ``people``, that a day exists in its month, YAML's retyped values.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from casebook.authoring.vocabulary import allowed
from casebook.core.issues import Issue, Severity
from casebook.core.messages import msg
from casebook.model.case import Case
from casebook.model.catalogue import Catalogue
from casebook.model.fields import SCHEMA_DIALECT
from casebook.model.references import Reference, references
from casebook.model.registry import OrganisationsFile, Taxonomy
from casebook.project import Project

SCHEMA_DIR = "schemas"

# file name -> (model, title, the files it describes, relative to the project)
SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "case.schema.json": (Case, "Casebook case (case.yml)", "cases/*/case.yml"),
    "organisations.schema.json": (OrganisationsFile, "Casebook organisations", "content/organisations.yml"),
    "taxonomy.schema.json": (Taxonomy, "Casebook taxonomy", "content/taxonomy.yml"),
    "catalogue.schema.json": (Catalogue, "Casebook idea catalogue", "content/catalogues/*/catalogue.yml"),
}


# Exactly one way of dating a case, as the validator asks: a date, a period, or 'undated: true' (which
# date_note needs).
_UNDATED = {"required": ["undated"], "properties": {"undated": {"const": True}}}
_CASE_DATING: dict[str, Any] = {
    "oneOf": [{"required": ["date"]}, {"required": ["period"]}, _UNDATED],
    "dependentSchemas": {"date_note": _UNDATED},
}


@functools.cache  # pydantic takes a while to make one, and every build (and preview rebuild) asks
def _model_schema(model: type[BaseModel]) -> str:
    return json.dumps(model.model_json_schema())


def model_schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s JSON Schema as pydantic makes it (a fresh copy, to change at will)."""
    schema: dict[str, Any] = json.loads(_model_schema(model))
    return schema


def build_schemas(project: Project) -> dict[str, dict[str, Any]]:
    """Every schema, each referring field allowed only the project's ids of what it refers to
    (organisations, taxonomy terms, case slugs, idea ids: :mod:`casebook.authoring.vocabulary`)."""
    result = {}
    for name, (model, title, _) in SCHEMAS.items():
        schema = model_schema(model)  # a copy: the project's ids are filled in below
        for reference in references(model):
            _restrict(_field(schema, reference), allowed(project, reference.ref.target))
        if model is Case:
            schema.update(copy.deepcopy(_CASE_DATING))
        _polish(schema)
        result[name] = {"$schema": SCHEMA_DIALECT, "$id": name, "title": title, **schema}
    return result


def write_schemas(project: Project, root: Path | None = None, *, check: bool = False) -> list[Path]:
    """Write the schemas to ``<root>/schemas/``; return the files that changed (or, with ``check``,
    that are out of date, writing nothing)."""
    folder = (root or project.root) / SCHEMA_DIR
    changed = []
    for name, schema in build_schemas(project).items():
        path = folder / name
        text = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            changed.append(path)
            if not check:
                folder.mkdir(exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return changed


def stale_schemas(project: Project) -> list[Issue]:
    """A warning for each schema in ``schemas/`` that the content has outgrown, with the command that
    refreshes it; none for a project that keeps no ``schemas/`` folder. Writes nothing."""
    if not (project.root / SCHEMA_DIR).is_dir():
        return []
    return [Issue(project.relative(path), 0, 0, "schema.stale",
                  msg("the editor schema is out of date: editors do not yet offer or accept the newest "
                      "organisations, terms and ids of the content"),
                  hint=msg("refresh it with: casebook schema, or make schema; the build leaves it as it is"),
                  severity=Severity.WARNING)
            for path in write_schemas(project, check=True)]


def schema_for(path: str) -> str | None:
    """The schema file name for a project-relative content path, e.g. ``cases/x/case.yml``."""
    from fnmatch import fnmatch

    for name, (_, _, pattern) in SCHEMAS.items():
        if fnmatch(path, pattern):
            return name
    return None


def _field(schema: dict[str, Any], reference: Reference) -> dict[str, Any]:
    """The node of ``schema`` that takes the referring field's id (its items' node, for a list)."""
    node = schema
    for name in reference.path:
        node = resolve(schema, node)["properties"][name]
    return resolve(schema, node, into_lists=False)["items"] if reference.many else node


def resolve(schema: dict[str, Any], node: dict[str, Any], *, into_lists: bool = True) -> dict[str, Any]:
    """``node`` with pydantic's wrappers followed: a ``$ref`` to its definition, an optional field's
    non-null branch and (with ``into_lists``) a list's items."""
    while True:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            node = not_null(node)
        elif into_lists and node.get("type") == "array":
            node = node["items"]
        else:
            return node


def not_null(node: dict[str, Any]) -> dict[str, Any]:
    """An optional field's schema without its null: ``{"anyOf": [{...}, {"type": "null"}]}`` -> ``{...}``."""
    found: dict[str, Any] = next(n for n in node["anyOf"] if n.get("type") != "null")
    return found


def _restrict(node: dict[str, Any], values: Iterable[str | int]) -> None:
    """Allow only ``values`` where ``node`` takes an id (or null, if it already could)."""
    target = not_null(node) if "anyOf" in node else node
    target["enum"] = list(values)
    target.pop("pattern", None)


def _polish(node: Any) -> None:
    """Descriptions in Danish first, then English; the fields' labels; texts must hold more than spaces."""
    if isinstance(node, dict):
        da = node.pop("description_da", None)
        if da and "description" in node:
            node["description"] = f"{da}\n\n{node['description']}"
            node["markdownDescription"] = f"{da}\n\n*{node['description'].split(chr(10))[-1]}*"
        if node.get("type") == "string" and node.get("minLength") == 1 and "pattern" not in node \
                and "enum" not in node:
            node["pattern"] = r"\S"  # the validator strips spaces: "   " is empty
        # A field's label (doc's label=: title, title_da) stays; pydantic's own titles ("Partner", a model's
        # name) are noise in an editor's tooltip.
        if isinstance(node.get("title"), str) and "title_da" not in node:
            del node["title"]
        for value in node.values():
            _polish(value)
    elif isinstance(node, list):
        for value in node:
            _polish(value)
