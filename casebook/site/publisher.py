"""Who publishes the site: the ``publisher`` setting (declared on :class:`~casebook.site.settings.Settings`)
and its checks.

```yaml
publisher:
  name: Eksempel Kommune                 # required when publisher is given
  contact: webredaktion@eksempel.dk      # written contact: an e-mail address, an https:// contact page
                                         #   or the path of a page of the site (kontakt/)
  phone: "+45 12 34 56 78"               # in quotes: YAML reads 12345678 as a number
  logo: images/logo.svg                  # optional: an image in content/ or in the theme
  postal_address:                        # optional: one line each
    - Eksempelvej 1
    - 1234 Eksempelby
```

The header, the footer, the about page and the accessibility statement show it; the JSON-LD names it
as ``publisher`` and the feeds as their author. Each check raises a ``publisher.*`` error whose message
and hint are in :data:`PROBLEMS`; casebook/site/settings.py places them at their line in mkdocs.yml.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ModelWrapValidatorHandler,
    PlainValidator,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from casebook.core.messages import msg
from casebook.model.fields import doc

LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif")
_FIELDS = ("name", "contact", "phone", "logo", "postal_address")
# An e-mail address as people write them: no spaces or brackets, a domain with a dot (letters beyond
# ASCII allowed: a Danish domain may hold æ, ø or å).
_EMAIL = re.compile(r"^[^@\s\"<>()\[\],;:]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*\.[^\W\d_]{2,}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]*$")
_CONTACT_HINT = msg("write an e-mail address (name@example.dk), the https:// address of a contact page "
                    "or the path of a page of the site")
_PHONE_HINT = msg("write digits and spaces, with + and the country code first if you like: \"+45 12 34 56 78\"")
_LOGO_HINT = msg("put the image in content/ and write its path from there, e.g. logo: images/logo.svg")
# The checks' messages and hints, by error type (casebook/site/settings.py makes them problems).
PROBLEMS = {
    "publisher.not-a-block": (msg("publisher must be a block of settings"),
                              msg("write its settings below it: name, contact, phone and optionally "
                                  "logo and postal_address")),
    "publisher.unknown": (msg("the publisher has no setting '{name}'"),
                          msg("its settings are name, contact, phone, logo and postal_address")),
    "publisher.no-name": (msg("the publisher has no name"),
                          msg("write the organisation's name as it presents itself: name: ...")),
    "publisher.text": (msg("expected text, got {got}"), msg("write it on one line after the colon")),
    "publisher.not-email": (msg("'{value}' is not an e-mail address"), msg("write it as name@example.dk")),
    "publisher.not-contact": (msg("'{value}' is neither an e-mail address nor a web address"), _CONTACT_HINT),
    "publisher.not-a-page": (msg("the contact page '{value}' is not a page of the site"), _CONTACT_HINT),
    "publisher.phone-number": (msg("the phone number {value} is read as a number"),
                               msg("put it in quotes, e.g. phone: \"+45 12 34 56 78\", so that a leading + or 0 "
                                   "is kept")),
    "publisher.not-phone": (msg("'{value}' is not a phone number"), _PHONE_HINT),
    "publisher.logo-elsewhere": (msg("the logo '{value}' is on another site, and the site loads nothing from "
                                     "other hosts"), _LOGO_HINT),
    "publisher.logo-type": (msg("the logo '{value}' is not an image"),
                            msg("give an .svg, .png, .jpg or .webp file")),
    "publisher.logo-missing": (msg("the logo '{value}' is neither in content/ nor in the theme"), _LOGO_HINT),
}


def _error(kind: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, PROBLEMS[kind][0], ctx)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _error("publisher.text", got=type(value).__name__)
    return value.strip()


def _name(value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _error("publisher.no-name")
    return _text(value)


def _contact(value: Any, info: ValidationInfo) -> str:
    """An e-mail address (``mailto:`` dropped), an http(s) address, or the path of a page of the site
    (checked when the validation context names the site's pages)."""
    text = _text(value)
    parts = urlsplit(text)
    if parts.scheme in ("http", "https"):
        if "." not in parts.netloc or " " in text:
            raise _error("publisher.not-contact", value=text)
        return text
    address = text.removeprefix("mailto:")
    if "@" in address:
        if not _EMAIL.match(address):
            raise _error("publisher.not-email", value=text)
        return address
    if parts.scheme or parts.netloc or not text:
        raise _error("publisher.not-contact", value=text)
    pages = (info.context or {}).get("page_urls")
    if pages is not None and text.lstrip("/") not in pages:
        raise _error("publisher.not-a-page", value=text)
    return text.lstrip("/")


def _phone(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise _error("publisher.phone-number", value=value)
    text = _text(value)
    digits = sum(c.isdigit() for c in text)
    if not _PHONE.match(text) or not 3 <= digits <= 15:  # an E.164 number has at most 15 digits
        raise _error("publisher.not-phone", value=text)
    return text


def _logo(value: Any, info: ValidationInfo) -> str:
    """A site path of an image that content/ or the theme holds (checked when the validation context
    names the folders it may come from)."""
    text = _text(value)
    parts = urlsplit(text)
    if parts.scheme or parts.netloc:
        raise _error("publisher.logo-elsewhere", value=text)
    path = PurePosixPath(text.lstrip("/"))
    if path.suffix.lower() not in LOGO_SUFFIXES:
        raise _error("publisher.logo-type", value=text)
    folders: list[Path] | None = (info.context or {}).get("asset_dirs")
    if folders is not None and (".." in path.parts or not any((folder / path).is_file() for folder in folders)):
        raise _error("publisher.logo-missing", value=text)
    return path.as_posix()


def _lines(value: Any) -> list[Any]:
    # One line may be written as text, several as a list or a block of lines.
    if isinstance(value, str):
        return [line for line in value.splitlines() if line.strip()]
    if not isinstance(value, list):
        raise _error("publisher.text", got=type(value).__name__)
    return value


class Publisher(BaseModel):
    """The organisation that publishes the site and answers for it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Annotated[str, PlainValidator(_name)] = doc(
        "The organisation's name, as it presents itself.", "Organisationens navn, som den selv skriver det.",
        default=None, validate_default=True)
    contact: Annotated[str | None, PlainValidator(_contact)] = doc(
        "The written contact: an e-mail address, the https:// address of a contact page or the path of a "
        "page of the site.",
        "Den skriftlige kontakt: en e-mailadresse, https://-adressen på en kontaktside eller stien til en "
        "side på sitet.", default=None)
    phone: Annotated[str | None, PlainValidator(_phone)] = doc(
        "The phone number, in quotes: \"+45 12 34 56 78\".", "Telefonnummeret, i anførselstegn: \"+45 12 34 56 78\".",
        default=None)
    logo: Annotated[str | None, PlainValidator(_logo)] = doc(
        "Optional: the path of the logo, an image in content/ or the theme.",
        "Valgfrit: stien til logoet, et billede i content/ eller temaet.", default=None)
    postal_address: Annotated[list[Annotated[str, PlainValidator(_text)]], BeforeValidator(_lines)] = doc(
        "Optional: the postal address, one line each.", "Valgfrit: postadressen, én linje ad gangen.",
        default_factory=list)

    @model_validator(mode="wrap")
    @classmethod
    def _block(cls, data: Any, handler: ModelWrapValidatorHandler[Publisher]) -> Publisher:
        """Not a block, or a block with names it does not know: each said at its place, with the
        problems of the settings it does know."""
        if isinstance(data, Publisher):
            return data
        if not isinstance(data, dict):
            raise ValidationError.from_exception_data(cls.__name__, [InitErrorDetails(
                type=_error("publisher.not-a-block"), loc=(), input=data)])
        errors = [InitErrorDetails(type=_error("publisher.unknown", name=str(key)), loc=(str(key),), input=value)
                  for key, value in data.items() if key not in _FIELDS]
        try:
            publisher = handler({key: value for key, value in data.items() if key in _FIELDS})
        except ValidationError as error:
            errors += [InitErrorDetails(type=PydanticCustomError(e["type"], e["msg"], e.get("ctx")), loc=e["loc"],
                                        input=e["input"]) for e in error.errors()]
        if errors:
            raise ValidationError.from_exception_data(cls.__name__, errors)
        return publisher

    @property
    def email(self) -> str | None:
        """The written contact when it is an e-mail address."""
        return self.contact if self.contact and "@" in self.contact and "://" not in self.contact else None

    @property
    def contact_page(self) -> str | None:
        """The written contact when it is a page: an absolute address or a path of this site."""
        return self.contact if self.contact and self.email is None else None

    @property
    def tel(self) -> str | None:
        """The phone number as a ``tel:`` address: its digits, with its + when written."""
        if self.phone is None:
            return None
        return "tel:" + ("+" if self.phone.startswith("+") else "") + "".join(c for c in self.phone if c.isdigit())
