"""Field types shared by every file of the content model: texts in two languages, ids, dates with
the precision the author wrote, numbers, web addresses, and :func:`doc` (a field's description and its
short label in English and Danish, which validation messages, editor schemas, the CMS's forms and the
writing guide all read)."""

from __future__ import annotations

import calendar
import re
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic.config import JsonDict
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from casebook.core.languages import DEFAULT_LANGUAGE, LANGUAGES, Lang
from casebook.core.messages import Month, msg

__all__ = ["Lang"]

OrgKind = Literal["company", "ngo", "public", "network", "foundation", "university", "consultancy"]
# An organisation around a case that is not one of its partners: one that took part in an activity of the
# case (people from it joined a task force), or one that hosted or ran an activity the case took part in.
Involvement = Literal["participant", "host"]
# A partner's role in a case: its kind, when it is a partner; otherwise how it was involved.
PartnerRole = Literal[OrgKind, Involvement]

# The JSON Schema dialect of every schema made from the model (editor schemas, the open data's schema).
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]


SdgNumber = Annotated[int, Field(ge=1, le=17)]


# Messages of the model's own checks, by error type; casebook.validate.schema gives them in the reader's language.
MODEL_ERRORS = {
    "date_type": msg("expected a date, got {kind}"),
    "date_format": msg("'{value}' is not a date"),
    "date_month": msg("'{value}' has no month {month}"),
    "date_day": msg("'{value}' does not exist: {month} has {last} days"),
    "date_precision": msg("'{value}' is not a whole date"),
    "url": msg("'{value}' is not a web address"),
    "positive": msg("{value} is not more than 0"),
}


def doc(en: str, da: str, *, label: tuple[str, str] | None = None, **extra: Any) -> Any:
    """A field with its description in English and Danish, and its ``label``: a short name in English and
    Danish (``label=("Partners", "Partnere")``) that forms show instead of the field's YAML name, for editors
    who are not programmers (the CMS's labels; the schemas' ``title`` and ``title_da``). Every field of the
    content model has one (tests/test_cms_config.py asks); settings need none."""
    extra_schema: JsonDict = {"description_da": da, **({"title_da": label[1]} if label else {})}
    return Field(description=en, title=label[0] if label else None, json_schema_extra=extra_schema, **extra)


def label_of(info: FieldInfo, lang: str) -> str | None:
    """A field's label in ``lang`` (English, or Danish for ``da``), as :func:`doc` declared it; None without one."""
    if lang != "da":
        return info.title
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    found = extra.get("title_da")
    return found if isinstance(found, str) else None


# --- dates with the precision the author wrote ------------------------------------------------

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date written as YYYY, YYYY-MM or YYYY-MM-DD; the precision written is the one shown."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


def parse_partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise PydanticCustomError("date_type", MODEL_ERRORS["date_type"],
                                  {"kind": type(value).__name__})
    text = str(value).strip()
    match = _DATE.match(text)
    if not match:
        raise PydanticCustomError("date_format", MODEL_ERRORS["date_format"], {"value": text})
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise PydanticCustomError("date_month", MODEL_ERRORS["date_month"],
                                  {"value": text, "month": month})
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise PydanticCustomError("date_day", MODEL_ERRORS["date_day"], {"value": text, "last": last,
                                                          "month": Month(year, month)})
    return PartialDate(year, month, day)


DateField = Annotated[
    PartialDate,
    PlainValidator(parse_partial_date),
    PlainSerializer(str),
    # For editors: a year, or a year with a real month (and day number); see casebook/schema.py.
    WithJsonSchema({"type": ["string", "integer"],
                    "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"}),
]


def parse_day(value: Any) -> PartialDate:
    """A date written to the day, YYYY-MM-DD; its errors say so (``whole_day``), for their hint."""
    try:
        date = parse_partial_date(value)
    except PydanticCustomError as error:
        raise PydanticCustomError(error.type, error.message_template, {**(error.context or {}), "whole_day": True}) \
            from None
    if date.precision != "day":
        raise PydanticCustomError("date_precision", MODEL_ERRORS["date_precision"],
                                  {"value": str(date), "whole_day": True})
    return date


# A day: a date written as YYYY-MM-DD (a statement's date, for instance).
DayField = Annotated[
    PartialDate,
    PlainValidator(parse_day),
    PlainSerializer(str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"}),
]


def _check_url(value: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in value:
        raise PydanticCustomError("url", MODEL_ERRORS["url"], {"value": value})
    return value


def _number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("number_type", "expected a number", {})
    return value


# One type, not a union: a union would report one error per member ("value.int", "value.float").
Number = Annotated[int | float, PlainValidator(_number), WithJsonSchema({"type": "number"})]

# The schema's pattern says what _check_url checks: http(s), a host with a dot, no spaces.
Url = Annotated[str, AfterValidator(_check_url),
                WithJsonSchema({"type": "string", "format": "uri", "pattern": r"^https?://[^\s/]*\.[^\s/]*(/\S*)?$"})]


class StrictModel(BaseModel):
    # Strict: YAML already typed the values; "8" where a number belongs is an author's mistake.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class InBothLanguages:
    """For a model with a ``da`` and an ``en`` text: the one in ``lang``."""

    def get(self, lang: str) -> str:
        text: str = getattr(self, lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
        return text


class Bilingual(InBothLanguages, StrictModel):
    """A short text written in both Danish and English."""

    da: Text = doc("Danish text.", "Dansk tekst.", label=("Danish", "Dansk"))
    en: Text = doc("English text.", "Engelsk tekst.", label=("English", "Engelsk"))


class DanishFirst(StrictModel):
    """A text that must exist in Danish and may also exist in English."""

    da: Text = doc("Danish text.", "Dansk tekst.", label=("Danish", "Dansk"))
    en: Text | None = doc("English text, if translated.", "Engelsk tekst, hvis den er oversat.",
                          label=("English", "Engelsk"), default=None)

    def get(self, lang: str) -> str | None:
        return self.en if lang == "en" else self.da


class Source(StrictModel):
    """A text the facts come from: a case's sources, an organisation's description."""

    title: Text = doc("Title of the source.", "Kildens titel.", label=("Title", "Titel"))
    url: Url | None = doc("Web address of the source, if it is online.",
                          "Kildens webadresse, hvis den findes online.",
                          label=("Web address", "Webadresse"), default=None)
    publisher: Text | None = doc("Who published it, when the source says so, e.g. IBM or CSR Forum.",
                                 "Hvem der udgav den, når kilden selv siger det, fx IBM eller CSR Forum.",
                                 label=("Publisher", "Udgiver"), default=None)
    published: DateField | None = doc("When the source was published.", "Hvornår kilden udkom.",
                                      label=("Published", "Udgivet"), default=None)


def optional_of(annotation: Any) -> Any | None:
    """``X`` for ``X | None``; None for any other annotation (a union of several types, or no union)."""
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return None
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return args[0] if len(args) == 1 else None


def unwrap(annotation: Any) -> Any:
    """Strip ``Optional`` and ``Annotated`` wrappers."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif (inner := optional_of(annotation)) is not None:
            annotation = inner
        else:
            return annotation


def same_fields(source: type[BaseModel], target: type[BaseModel]) -> tuple[str, ...]:
    """The fields ``target`` declares with the same name and type as ``source``: what passes from one
    to the other as it is (a case's title into the open data), so adding such a field to both is all it takes."""
    return tuple(name for name, info in target.model_fields.items()
                 if name in source.model_fields and source.model_fields[name].annotation == info.annotation)
