"""Casebook's site settings in ``mkdocs.yml``, declared once (:class:`Settings`) and checked like content.

Where they are written depends on how Casebook is loaded: with ``hooks/casebook_hooks.py`` under
``extra: casebook:``, as the ``casebook`` plugin under its own options (whose MkDocs schema is derived
from :class:`Settings`, casebook/plugin/options.py). Either way this model checks them, with the same
messages; only the location they name differs (``extra.casebook.…`` or ``plugins.casebook.…``).

```yaml
extra:
  casebook:
    require_translations: false      # true: missing/outdated translations fail `mkdocs build --strict`
    accessibility_statement:         # what the footer's "Tilgængelighedserklæring" link leads to:
      da: tilgaengelighed/           #   a page of this site (its path) ...
      en: https://was.digst.dk/…     #   ... or any https:// address (e.g. a statement made with was.digst.dk),
                                     #   which the site's /was/ page (/en/was/) then leads to
    publisher:                       # who publishes the site (casebook/site/publisher.py)
      name: Eksempel Kommune
      contact: webredaktion@eksempel.dk
      phone: "+45 12 34 56 78"
    parallel: true                   # false: `mkdocs build` renders both languages in one process
```
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
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
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from casebook.core.issues import Issue, Severity
from casebook.core.languages import LANGUAGES
from casebook.core.messages import msg
from casebook.model.fields import doc
from casebook.site.cms_backend import PROBLEMS as CMS_PROBLEMS
from casebook.site.cms_backend import CmsBackend, cms_warnings
from casebook.site.publisher import PROBLEMS as PUBLISHER_PROBLEMS
from casebook.site.publisher import Publisher
from casebook.site.urls import STATEMENT, page_output, page_url, was_url

DEFAULT_STATEMENT = {lang: page_url(STATEMENT, lang) for lang in LANGUAGES}
HOOKS_PLACE = "extra.casebook"  # where the settings are read when hooks/casebook_hooks.py loads Casebook
PLUGIN_PLACE = "plugins.casebook"  # ... and when the `casebook` plugin does

_ADDRESS_HINT = msg("give the path of a page of the site or an https:// address")
# The checks' messages and hints, by error type; the type's first part names the setting, and the
# problem's code is "config.<setting>" ("config.statement", "config.publisher").
_PROBLEMS = {**PUBLISHER_PROBLEMS, **CMS_PROBLEMS,
    "statement.per-language": (msg("accessibility_statement must give an address per language"),
                               msg("write e.g. 'da: tilgaengelighed/' and 'en: en/tilgaengelighed/' below it")),
    "statement.missing": (msg("no accessibility statement address for '{lang}'"), _ADDRESS_HINT),
    "statement.not-web": (msg("'{value}' is not a web address"), _ADDRESS_HINT),
    "statement.not-a-page": (msg("the accessibility statement '{value}' is not a page of the site"),
                             msg("write the page (e.g. content/tilgaengelighed.{lang}.md) or correct the path")),
}


def _address(value: Any, info: ValidationInfo) -> str:
    """One language's statement: an http(s) address, or the path of a page of the site (checked when
    the validation context names the site's pages)."""
    lang = info.field_name
    if not isinstance(value, str) or not value.strip():
        raise PydanticCustomError("statement.missing", _PROBLEMS["statement.missing"][0], {"lang": lang})
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        return value
    if parts.scheme or parts.netloc:
        raise PydanticCustomError("statement.not-web", _PROBLEMS["statement.not-web"][0], {"value": value})
    pages = (info.context or {}).get("page_urls")
    if pages is not None and value.lstrip("/") not in pages:
        raise PydanticCustomError("statement.not-a-page", _PROBLEMS["statement.not-a-page"][0],
                                  {"value": value, "lang": lang})
    return value.lstrip("/")


Address = Annotated[str, PlainValidator(_address)]


class Statement(BaseModel):
    """What the footer's accessibility statement link leads to, one address per language."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    # validate_default: a language left out is reported, as an empty one is.
    da: Address = doc("The Danish statement: a page of the site (its path) or an https:// address.",
                      "Den danske erklæring: en side på sitet (dens sti) eller en https://-adresse.",
                      default=None, validate_default=True)
    en: Address = doc("The English statement: a page of the site (its path) or an https:// address.",
                      "Den engelske erklæring: en side på sitet (dens sti) eller en https://-adresse.",
                      default=None, validate_default=True)

    @model_validator(mode="wrap")
    @classmethod
    def _per_language(cls, data: Any, handler: ModelWrapValidatorHandler[Statement]) -> Statement:
        if isinstance(data, dict | Statement):
            return handler(data)
        # Not one address per language: said once, then each language's address is missing, as for
        # an empty block.
        errors = [InitErrorDetails(type=PydanticCustomError("statement.per-language",
                                                            _PROBLEMS["statement.per-language"][0]),
                                   loc=(), input=data)]
        try:
            handler({})
        except ValidationError as missing:
            errors += [InitErrorDetails(type=PydanticCustomError(e["type"], e["msg"], e.get("ctx")), loc=e["loc"],
                                        input=e["input"]) for e in missing.errors()]
        raise ValidationError.from_exception_data(cls.__name__, errors)


def _given_block(value: Any) -> Any:
    # An empty `accessibility_statement:` is a block without its addresses, not a setting left out.
    return Statement.model_validate(value) if value is None else value


def _given_publisher(value: Any) -> Any:
    # An empty `publisher:` is a publisher without a name, not a setting left out.
    return {} if value is None else value


class Settings(BaseModel):
    """Casebook's settings; a name it does not know is left alone."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    # Any value YAML reads as true asks for translations, as it always has.
    require_translations: Annotated[bool, BeforeValidator(bool)] = doc(
        "true: missing or outdated translations are warnings, so that `mkdocs build --strict` fails on them.",
        "true: manglende eller forældede oversættelser er advarsler, så `mkdocs build --strict` fejler på dem.",
        default=False)
    accessibility_statement: Annotated[Statement | None, BeforeValidator(_given_block)] = doc(
        "What the footer's accessibility statement link leads to; left out: the site's own pages "
        "tilgaengelighed/ and en/tilgaengelighed/.",
        "Hvad sidefodens link til tilgængelighedserklæringen fører til; udeladt: sitets egne sider "
        "tilgaengelighed/ og en/tilgaengelighed/.",
        default=None)
    publisher: Annotated[Publisher | None, BeforeValidator(_given_publisher)] = doc(
        "Who publishes the site: its name, written contact and phone, optionally its logo and postal address.",
        "Hvem der udgiver sitet: navn, skriftlig kontakt og telefon, eventuelt logo og postadresse.",
        default=None)
    cms: CmsBackend | None = doc(
        "Where the CMS at /admin/ publishes: the GitHub repository (repo: owner/name), its branch and the OAuth "
        "client (casebook/site/cms_backend.py); casebook cms writes it into cms/config.yml.",
        "Hvor CMS'et på /admin/ udgiver: GitHub-repositoriet (repo: ejer/navn), dets gren og OAuth-klienten "
        "(casebook/site/cms_backend.py); casebook cms skriver det ind i cms/config.yml.", default=None)
    parallel: Annotated[bool, BeforeValidator(bool)] = doc(
        "false: `mkdocs build` renders every language in one process; by default each language after the first "
        "is built by a second `mkdocs build` at the same time (casebook/plugin/parallel.py).",
        "false: `mkdocs build` laver alle sprog i én proces; ellers bygges hvert sprog efter det første af endnu "
        "en `mkdocs build` samtidig (casebook/plugin/parallel.py).", default=True)


@dataclass(frozen=True)
class Given:
    """The settings as mkdocs.yml gives them (``values``), in ``config_file`` at ``place``
    (:data:`HOOKS_PLACE` or :data:`PLUGIN_PLACE`)."""

    values: Any
    config_file: Path
    place: str = HOOKS_PLACE


@dataclass(frozen=True)
class SiteConfig:
    accessibility_statement: dict[str, str]  # lang -> site-relative path or absolute URL
    publisher: Publisher | None = None

    def statement_url(self, lang: str) -> str | None:
        """Where the footer's statement link leads: the statement page of this site, or for a statement
        published elsewhere this site's page that leads to it (``was/``, the address the Danish rules ask for)."""
        address = self.accessibility_statement.get(lang)
        return was_url(lang) if address is not None and _elsewhere(address) else address

    def statements_elsewhere(self) -> dict[str, str]:
        """lang -> the address of a statement published elsewhere (e.g. in the Danish Agency for Digital
        Government's WAS-Tool), which this site's ``was/`` page of that language leads to."""
        return {lang: address for lang, address in self.accessibility_statement.items() if _elsewhere(address)}

    def outputs(self) -> dict[str, str]:
        """The files these settings add to the site (site-relative path) and what they are."""
        return {page_output(was_url(lang)): msg("the page leading to the accessibility statement")
                for lang in self.statements_elsewhere()}


def _elsewhere(address: str) -> bool:
    return urlsplit(address).scheme in ("http", "https")


def translations_required(given: Given) -> bool:
    """``require_translations`` alone: the build reads it as it begins, before the statement can be
    checked against the site's pages (a wrong statement is reported with them, after the plan)."""
    values = given.values if isinstance(given.values, Mapping) else {}
    return Settings.model_validate({"require_translations": values.get("require_translations")}).require_translations


def parallel_wanted(given: Given) -> bool:
    """``parallel`` alone: read as the build begins, to start the other languages' build at once (a wrong
    value of another setting is reported later, by the build in this process)."""
    values = given.values if isinstance(given.values, Mapping) else {}
    return Settings.model_validate({"parallel": values.get("parallel", True)}).parallel


def read_config(given: Given, page_urls: set[str],
                asset_dirs: list[Path] | None = None) -> tuple[SiteConfig, list[Issue]]:
    """Casebook's settings checked against the site's pages (and, given ``asset_dirs``, the folders a
    logo may come from: content/ and the theme's); problems name mkdocs.yml and the setting's line."""
    try:
        settings = Settings.model_validate(given.values, context={"page_urls": page_urls, "asset_dirs": asset_dirs})
    except ValidationError as error:
        # In reading order: a block's unknown names are found before the settings it knows.
        return SiteConfig({}), sorted((_issue(given, e) for e in error.errors()), key=lambda i: (i.line, i.column))
    problems = [*_publisher_warnings(given, settings.publisher),
                *cms_warnings(given.place, settings.cms, given.config_file)]
    if settings.accessibility_statement is not None:
        return SiteConfig(settings.accessibility_statement.model_dump(), settings.publisher), problems
    # Not configured: the default pages, when the site has them; else a warning and no link.
    statement = {lang: url for lang, url in DEFAULT_STATEMENT.items() if url in page_urls}
    if len(statement) < len(LANGUAGES):
        problems.insert(0, Issue(
            given.config_file.name, 0, 0, "config.statement",
            msg("the site has no accessibility statement, so the footer cannot link one"),
            f"{given.place}.accessibility_statement",
            msg("write content/tilgaengelighed.da.md and .en.md, or set "
                "extra.casebook.accessibility_statement to the statement's address"),
            Severity.WARNING))
    return SiteConfig(statement, settings.publisher), problems


def _publisher_warnings(given: Given, publisher: Publisher | None) -> list[Issue]:
    """What the pages cannot say for want of a setting: who publishes the site, how to write to them,
    their phone number (the accessibility statement needs both). The pages leave it out."""
    place = f"{given.place}.publisher"
    if publisher is None:
        return [Issue(given.config_file.name, 0, 0, "config.publisher",
                      msg("no publisher is set, so the pages name nobody who publishes the site or answers for it"),
                      place, msg("set {place} with the organisation's name, contact and phone", place=place),
                      Severity.WARNING)]
    line, column = _position(given.config_file, "publisher")
    missing = [(msg("the publisher has no written contact, so the pages and the accessibility statement give none"),
                msg("add contact: an e-mail address or the address of a contact page")) if publisher.contact is None
               else None,
               (msg("the publisher has no phone number, so the accessibility statement gives none"),
                msg("add phone: \"+45 12 34 56 78\" (in quotes)")) if publisher.phone is None else None]
    return [Issue(given.config_file.name, line, column, "config.publisher", message, place, hint, Severity.WARNING)
            for message, hint in filter(None, missing)]


def _issue(given: Given, error: ErrorDetails) -> Issue:
    loc = [str(part) for part in error["loc"]]
    line, column = _position(given.config_file, *loc[:2]) if loc else (0, 0)
    location = ".".join([given.place, *loc])
    ctx = error.get("ctx") or {}
    if error["type"] in _PROBLEMS:
        message, hint = _PROBLEMS[error["type"]]
        code = "config." + error["type"].split(".")[0]
        return Issue(given.config_file.name, line, column, code, msg(message, **ctx), location, msg(hint, **ctx))
    # Only a setting that is not a block of settings at all gets here.
    return Issue(given.config_file.name, line, column, "config.type",
                 msg("expected {expected}, got {got}", expected=msg("fields ('name: value' lines)"),
                     got=type(error["input"]).__name__), location)


def _position(config_file: Path, key: str, child: str | None = None) -> tuple[int, int]:
    """Line and column of ``key:`` in mkdocs.yml, or of ``child:`` in the block below it; (0, 0) if not found.
    (mkdocs.yml holds MkDocs' own YAML tags, so it is searched as text, not read with positions.)"""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0, 0
    for n, line in enumerate(lines):
        if line.strip().startswith(f"{key}:"):
            indent = len(line) - len(line.lstrip())
            for m in range(n + 1, len(lines)) if child else ():
                below = lines[m]
                if below.strip() and len(below) - len(below.lstrip()) <= indent:
                    break
                if below.strip().startswith(f"{child}:"):
                    return m + 1, len(below) - len(below.lstrip()) + 1
            return n + 1, indent + 1
    return 0, 0
