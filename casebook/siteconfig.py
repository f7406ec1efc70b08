"""Casebook's site settings in ``mkdocs.yml`` (under ``extra: casebook:``), checked like content.

(``require_translations`` is read where translations are reported, in the hooks' on_config.)

```yaml
extra:
  casebook:
    require_translations: false      # true: missing/outdated translations fail `mkdocs build --strict`
    accessibility_statement:         # what the footer's "Tilgængelighedserklæring" link leads to:
      da: tilgaengelighed/           #   a page of this site (its path) ...
      en: https://was.digst.dk/…     #   ... or any https:// address (e.g. a statement made with was.digst.dk)
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from casebook.issues import Issue, Severity
from casebook.messages import msg

DEFAULT_STATEMENT = {"da": "tilgaengelighed/", "en": "en/tilgaengelighed/"}


@dataclass(frozen=True)
class SiteConfig:
    accessibility_statement: dict[str, str]  # lang -> site-relative path or absolute URL

    def statement_url(self, lang: str) -> str | None:
        return self.accessibility_statement.get(lang)


def _line_of(config_file: Path, key: str) -> int:
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    return next((n for n, line in enumerate(lines, start=1) if line.strip().startswith(f"{key}:")), 0)


def read_config(extra: dict[str, Any], config_file: Path, page_urls: set[str],
                languages: tuple[str, ...]) -> tuple[SiteConfig, list[Issue]]:
    """Casebook's settings from MkDocs' ``extra``; problems name mkdocs.yml and the setting's line."""
    settings = extra.get("casebook") or {}
    issues: list[Issue] = []
    path = config_file.name
    statement: dict[str, str] = {}
    if "accessibility_statement" not in settings:
        # Not configured: the default pages, when the site has them; else a warning and no link.
        statement = {lang: url for lang, url in DEFAULT_STATEMENT.items() if url in page_urls}
        if len(statement) < len(languages):
            issues.append(Issue(path, 0, 0, "config.statement",
                                msg("the site has no accessibility statement, so the footer cannot link one"),
                                "extra.casebook.accessibility_statement",
                                msg("write content/tilgaengelighed.da.md and .en.md, or set "
                                    "extra.casebook.accessibility_statement to the statement's address"),
                                Severity.WARNING))
        return SiteConfig(statement), issues
    given = settings["accessibility_statement"]
    line = _line_of(config_file, "accessibility_statement")
    if not isinstance(given, dict):
        issues.append(Issue(path, line, 0, "config.statement",
                            msg("accessibility_statement must give an address per language"),
                            "extra.casebook.accessibility_statement",
                            msg("write e.g. 'da: tilgaengelighed/' and 'en: en/tilgaengelighed/' below it")))
        given = {}
    for lang in languages:
        value = given.get(lang)
        if not isinstance(value, str) or not value.strip():
            issues.append(Issue(path, line, 0, "config.statement",
                                msg("no accessibility statement address for '{lang}'", lang=lang),
                                f"extra.casebook.accessibility_statement.{lang}",
                                msg("give the path of a page of the site or an https:// address")))
            continue
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.netloc:
            statement[lang] = value
        elif parts.scheme or parts.netloc:
            issues.append(Issue(path, line, 0, "config.statement",
                                msg("'{value}' is not a web address", value=value),
                                f"extra.casebook.accessibility_statement.{lang}",
                                msg("give the path of a page of the site or an https:// address")))
        elif value.lstrip("/") not in page_urls:
            issues.append(Issue(path, line, 0, "config.statement",
                                msg("the accessibility statement '{value}' is not a page of the site", value=value),
                                f"extra.casebook.accessibility_statement.{lang}",
                                msg("write the page (e.g. content/tilgaengelighed.{lang}.md) or correct the path",
                                    lang=lang)))
        else:
            statement[lang] = value.lstrip("/")
    return SiteConfig(statement), issues
