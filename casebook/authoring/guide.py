"""Field tables for the writing guide, generated from the content model (never written twice).

The guides (``docs/skrivevejledning.md`` in Danish, ``docs/writing-guide.md`` in English) hold
markers ``<!-- casebook:fields case -->`` … ``<!-- /casebook:fields -->``; ``casebook guide``
rewrites what is between them from the model's field descriptions in the guide's language, each field
with the label the CMS at /admin/ shows for it (Danish in both guides: the CMS speaks Danish).
"""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from casebook.authoring.cms_fields import CMS_LANG
from casebook.model.case import Case
from casebook.model.catalogue import Catalogue
from casebook.model.fields import label_of, unwrap
from casebook.model.registry import Measure, Organisation, Term

MODELS: dict[str, type[BaseModel]] = {"case": Case, "organisation": Organisation, "catalogue": Catalogue,
                                      "term": Term, "measure": Measure}
GUIDES = {"da": Path("docs/skrivevejledning.md"), "en": Path("docs/writing-guide.md")}
HEADINGS = {"da": ("Felt", "I CMS'et", "Skal udfyldes", "Hvad det er"),
            "en": ("Field", "In the CMS", "Required", "What it is")}
YES = {"da": "ja", "en": "yes"}
_BLOCK = re.compile(r"(<!-- casebook:fields (\w+) -->\n)(.*?)(<!-- /casebook:fields -->)", re.DOTALL)
# Small bilingual models are described by their parent field; their "da"/"en" parts are not listed.
_LEAVES = ("Bilingual", "DanishFirst")


def _nested(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model inside an annotation (``list[Partner]``, ``Period | None``), and whether it is a list."""
    annotation = unwrap(annotation)
    is_list = typing.get_origin(annotation) is list
    if is_list:
        annotation = unwrap(typing.get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation.__name__ not in _LEAVES:
        return annotation, is_list
    return None, is_list


def rows(model: type[BaseModel], lang: str, prefix: str = "") -> list[tuple[str, str, bool, str]]:
    """(field path, its label in the CMS, required, description) for every field of ``model``, nested fields
    after their parent."""
    result = []
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        text = str(extra.get("description_da", "")) if lang == "da" else (info.description or "")
        result.append((prefix + name, label_of(info, CMS_LANG) or "", info.is_required(), text))
        inner, is_list = _nested(info.annotation)
        if inner is not None:
            result.extend(rows(inner, lang, f"{prefix}{name}{'[]' if is_list else ''}."))
    return result


def table(kind: str, lang: str) -> str:
    field, label, required, what = HEADINGS[lang]
    lines = [f"| {field} | {label} | {required} | {what} |", "| --- | --- | --- | --- |"]
    for path, shown, is_required, text in rows(MODELS[kind], lang):
        lines.append(f"| `{path}` | {shown} | {YES[lang] if is_required else ''} | {text.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def render(text: str, lang: str) -> str:
    """``text`` with every field table brought up to date."""
    return _BLOCK.sub(lambda m: m.group(1) + table(m.group(2), lang) + m.group(4), text)


def update_guides(root: Path, *, check: bool = False) -> list[Path]:
    """Regenerate the tables in both guides; return the guides that were (or, with ``check``, would be) changed."""
    changed = []
    for lang, rel in GUIDES.items():
        path = root / rel
        text = path.read_text(encoding="utf-8")
        new = render(text, lang)
        if new != text:
            changed.append(path)
            if not check:
                path.write_text(new, encoding="utf-8")
    return changed
