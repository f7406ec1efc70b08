"""Validate stage: documents against the content model, then against each other.

Two passes, both collecting :class:`~casebook.core.issues.Issue` records instead of raising:

1. :func:`check_schema` turns pydantic's errors for one document into issues with file, line,
   column and a message and hint written for the people who edit the files;
2. :class:`References` checks what one file cannot know alone: organisations, taxonomy ids, related
   cases, quoted people, image files, units, dates that must agree.
"""

from __future__ import annotations

import difflib
import functools
import re
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from babel.numbers import list_currencies
from babel.units import UnknownUnitError, get_unit_name
from pydantic import BaseModel, ValidationError, create_model
from pydantic_core import ErrorDetails

from casebook.core.issues import Issue, Severity, format_location
from casebook.core.messages import msg
from casebook.load.documents import Document, Loc
from casebook.model.case import Case
from casebook.model.catalogue import Catalogue
from casebook.model.fields import MODEL_ERRORS, unwrap
from casebook.model.registry import Organisation, Taxonomy

M = TypeVar("M", bound=BaseModel)

# What makes an SVG active: scripts, event handlers, javascript: links, embedded HTML.
# How each vocabulary of the taxonomy names one of its terms in messages.
TERM_NAMES = {"formats": msg("format"), "themes": msg("theme"), "sectors": msg("sector"),
              "company_sizes": msg("company size"), "costs": msg("cost band")}
_SVG_ACTIVE = re.compile(r"<\s*script|\son[a-z]+\s*=|javascript\s*:|<\s*foreignObject", re.IGNORECASE)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif")


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known value, or the empty string."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return msg("did you mean '{close}'?", close=close[0]) if close else ""


# --- pass 1: one document against its model -------------------------------------------------


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
    elif kind in ("date_type", "date_format", "date_month", "date_day"):
        if "month_name" in ctx:  # "February", given in the reader's language
            ctx = {**ctx, "month_name": msg(str(ctx["month_name"]))}
        code, message = "schema.date", msg(MODEL_ERRORS[kind], **ctx)
        hint = msg("expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2015-11")
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


# --- pass 2: documents against each other -------------------------------------------------


def _reporter(doc: Document) -> Any:
    """A function making issues at locations of ``doc``: ``issue(loc, code, message, hint)``."""
    def issue(loc: Loc, code: str, message: str, hint: str = "", *, key: bool = False,
              severity: Severity = Severity.ERROR) -> Issue:
        line, col = doc.position(loc, key=key)
        return Issue(doc.path, line, col, code, message, format_location(loc), hint, severity)

    return issue


class References:
    """Cross-file checks for one case, given what the rest of the content defines."""

    def __init__(self, organisations: dict[str, Organisation] | None, taxonomy: Taxonomy | None,
                 case_slugs: set[str]) -> None:
        self.organisations = organisations
        self.taxonomy = taxonomy
        self.case_slugs = case_slugs
        self._currencies = set(list_currencies())

    def check_case(self, slug: str, case: Case, doc: Document, folder: Path,
                   failed: frozenset[str] = frozenset()) -> Iterator[Issue]:
        """Problems of one case; ``failed`` names fields that failed validation (checks on them wait)."""
        issue = _reporter(doc)

        if case.date is not None and case.period is not None:
            yield issue(("period",), "case.date-and-period", msg("give either date or period, not both"),
                        msg("remove one of them"), key=True)
        if case.date is None and case.period is None and not failed & {"date", "period"}:
            yield issue((), "case.no-date", msg("the case has no date"),
                        msg("add 'date:' with YYYY, YYYY-MM or YYYY-MM-DD, or 'period:' with start and end"))
        if case.period and case.period.end and case.period.end.sort_key() < case.period.start.sort_key():
            yield issue(("period", "end"), "case.period-order",
                        msg("period ends ({end}) before it starts ({start})",
                            end=case.period.end, start=case.period.start),
                        msg("swap start and end"))

        if self.organisations is not None:
            seen: dict[str, int] = {}
            for i, partner in enumerate(case.partners):
                if partner.org not in self.organisations:
                    yield issue(("partners", i, "org"), "ref.unknown-organisation",
                                msg("unknown organisation '{org}'", org=partner.org),
                                did_you_mean(partner.org, self.organisations)
                                or msg("add it to content/organisations.yml"))
                if partner.org in seen:
                    yield issue(("partners", i, "org"), "case.duplicate-partner",
                                msg("organisation '{org}' is listed twice", org=partner.org),
                                msg("remove this entry or partners[{number}]", number=seen[partner.org] + 1))
                seen.setdefault(partner.org, i)
            for i, person in enumerate(case.people):
                if person.org is not None and person.org not in self.organisations:
                    yield issue(("people", i, "org"), "ref.unknown-organisation",
                                msg("unknown organisation '{org}'", org=person.org),
                                did_you_mean(person.org, self.organisations)
                                or msg("add it to content/organisations.yml"))

        if self.taxonomy is not None:
            yield from self.check_terms(case, ("formats", "themes", "sectors"), issue)
            yield from self._duplicates(case, ("formats", "themes", "sectors", "sdgs", "related"), issue)

        for i, outcome in enumerate(case.outcomes):
            if outcome.unit is not None and not self._known_unit(outcome.unit):
                yield issue(("outcomes", i, "unit"), "case.unknown-unit", msg("unknown unit '{unit}'",
                                                                              unit=outcome.unit),
                            did_you_mean(outcome.unit, ("DKK", "EUR", "duration-hour", "duration-month",
                                                        "duration-week", "duration-day", "duration-year"))
                            or msg("use a currency code such as DKK, or a CLDR unit such as duration-hour"))
            if outcome.of is not None and outcome.of < outcome.value:
                yield issue(("outcomes", i, "of"), "case.outcome-of",
                            msg("{value} of {of} is more than the whole", value=outcome.value, of=outcome.of),
                            msg("check the two figures"))

        names = {p.name for p in case.people}
        for i, quote in enumerate(case.quotes):
            if quote.by not in names and "people" not in failed:
                yield issue(("quotes", i, "by"), "case.quote-unknown-person",
                            msg("'{by}' is quoted but not listed under people with a consent basis", by=quote.by),
                            did_you_mean(quote.by, names)
                            or msg("add the person under people, with role and consent"))

        for i, related in enumerate(case.related):
            if related == slug:
                yield issue(("related", i), "ref.related-self", msg("a case cannot be related to itself"),
                            msg("remove this entry"))
            elif related not in self.case_slugs:
                yield issue(("related", i), "ref.unknown-case", msg("unknown case '{related}'", related=related),
                            did_you_mean(related, self.case_slugs) or msg("use the folder name of a case in cases/"))

        for i, image in enumerate(case.images):
            yield from self._check_image(("images", i, "file"), image.file, folder, issue)

    def check_terms(self, item: Any, fields: Iterable[str], issue: Any, loc: Loc = ()) -> Iterator[Issue]:
        """Taxonomy ids in ``fields`` of ``item`` (a case or an idea at ``loc``), and its SDG numbers."""
        assert self.taxonomy is not None
        for field in fields:
            vocabulary = self.taxonomy.vocabulary(field)
            value = getattr(item, field[:-1] if field == "costs" else field)
            values: list[str] = value if isinstance(value, list) else [value]
            for i, term in enumerate(values):
                if term not in vocabulary:
                    where = loc + ((field, i) if isinstance(value, list) else ("cost",))
                    yield issue(where, "ref.unknown-term", msg("unknown {what} '{term}'",
                                                               what=TERM_NAMES[field], term=term),
                                did_you_mean(term, vocabulary) or msg("use an id from {field} in content/taxonomy.yml",
                                                                      field=field))
        known_sdgs = {s.number for s in self.taxonomy.sdgs}
        for i, number in enumerate(item.sdgs):
            if number not in known_sdgs:
                yield issue(loc + ("sdgs", i), "ref.unknown-sdg", msg("SDG {number} is not in the taxonomy",
                                                                      number=number),
                            msg("add it to sdgs in content/taxonomy.yml"))

    def check_catalogue(self, catalogue: Catalogue, doc: Document, idea_ids: set[str]) -> Iterator[Issue]:
        """Problems of one catalogue; ``idea_ids`` are the ideas of every catalogue."""
        issue = _reporter(doc)

        for n, idea in enumerate(catalogue.ideas):
            at: Loc = ("ideas", n)
            if self.taxonomy is not None:
                yield from self.check_terms(idea, ("formats", "themes", "company_sizes", "costs"), issue, at)
            if not idea.examples:
                yield issue(at + ("id",), "catalogue.no-example", msg("idea '{id}' has no example case", id=idea.id),
                            msg("add the slugs of cases that show it under examples"), severity=Severity.WARNING)
            for i, slug in enumerate(idea.examples):
                if slug not in self.case_slugs:
                    yield issue(at + ("examples", i), "ref.unknown-case", msg("unknown case '{slug}'", slug=slug),
                                did_you_mean(slug, self.case_slugs) or msg("use the folder name of a case in cases/"))
            for i, other in enumerate(idea.see_also):
                if other == idea.id:
                    yield issue(at + ("see_also", i), "ref.related-self", msg("an idea cannot refer to itself"),
                                msg("remove this entry"))
                elif other not in idea_ids:
                    yield issue(at + ("see_also", i), "ref.unknown-idea", msg("unknown idea '{other}'", other=other),
                                did_you_mean(other, idea_ids) or msg("use the id of an idea in a catalogue"))
            yield from self._duplicates(idea, ("formats", "themes", "company_sizes", "sdgs", "examples",
                                               "see_also"), issue, at)

    def _duplicates(self, item: Any, fields: Iterable[str], issue: Any, loc: Loc = ()) -> Iterator[Issue]:
        for field in fields:
            values: list[Any] = getattr(item, field)
            for i, value in enumerate(values):
                if value in values[:i]:
                    yield issue(loc + (field, i), "case.duplicate-value", msg("'{value}' is listed twice", value=value),
                                msg("remove one of them"))

    def _known_unit(self, unit: str) -> bool:
        if unit in self._currencies:
            return True
        try:
            get_unit_name(unit, locale="en")
        except UnknownUnitError:
            return False
        return True

    @staticmethod
    def _check_image(loc: Loc, file: str, folder: Path, issue: Any) -> Iterator[Issue]:
        relative = Path(file)
        if relative.is_absolute() or ".." in relative.parts or "\\" in file:
            yield issue(loc, "case.image-path", msg("image path '{file}' leaves the case folder", file=file),
                        msg("put the image in the case folder and give its path from there, e.g. images/photo.jpg"))
            return
        if relative.suffix.lower() not in IMAGE_SUFFIXES:
            yield issue(loc, "case.image-type", msg("'{file}' is not an image file", file=file),
                        msg("use one of: {items}", items=', '.join(IMAGE_SUFFIXES)))
            return
        target = folder / relative
        if target.is_symlink() and not target.resolve().is_relative_to(folder.resolve()):
            yield issue(loc, "case.image-path", msg("image '{file}' is a link to a file outside the case folder",
                                                    file=file),
                        msg("copy the image into the case folder"))
            return
        if not target.is_file():
            present = [p.relative_to(folder).as_posix() for p in folder.rglob("*")
                       if p.suffix.lower() in IMAGE_SUFFIXES]
            yield issue(loc, "ref.missing-image", msg("image file '{file}' does not exist", file=file),
                        did_you_mean(file, present) or msg("add the file to {name}/", name=folder.name))
            return
        if relative.suffix.lower() == ".svg" and _SVG_ACTIVE.search(target.read_text(encoding="utf-8",
                                                                                      errors="replace")):
            yield issue(loc, "case.svg-script", msg("SVG image '{file}' contains script or event handlers", file=file),
                        msg("export the image again without scripts, or use PNG or JPEG"))


def duplicate_ids(doc: Document, items: list[Any], list_loc: Loc, attr: str, what: str) -> Iterator[Issue]:
    """One issue per repeated id in ``items``, naming the line of the first one."""
    first: dict[Any, int] = {}
    for i, item in enumerate(items):
        value = getattr(item, attr)
        if value in first:
            line, col = doc.position(list_loc + (i, attr))
            first_line = doc.position(list_loc + (first[value], attr))[0]
            yield Issue(doc.path, line, col, "ref.duplicate-id",
                        msg("{what} '{value}' is defined twice (first on line {first_line})",
                            what=what, value=value,
                            first_line=first_line),
                        format_location(list_loc + (i, attr)), msg("give each entry its own id"))
        else:
            first[value] = i
