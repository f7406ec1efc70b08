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

from casebook.core.issues import Issue, Severity
from casebook.core.languages import LANGUAGES
from casebook.core.messages import msg
from casebook.site.urls import STATEMENT, page_url

DEFAULT_STATEMENT = {lang: page_url(STATEMENT, lang) for lang in LANGUAGES}


@dataclass(frozen=True)
class SiteConfig:
    accessibility_statement: dict[str, str]  # lang -> site-relative path or absolute URL

    def statement_url(self, lang: str) -> str | None:
        return self.accessibility_statement.get(lang)


def _position(config_file: Path, key: str, lang: str | None = None) -> tuple[int, int]:
    """Line and column of ``key:`` in mkdocs.yml, or of ``lang:`` in the block below it; (0, 0) if not found."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0, 0
    for n, line in enumerate(lines):
        if line.strip().startswith(f"{key}:"):
            indent = len(line) - len(line.lstrip())
            for m in range(n + 1, len(lines)) if lang else ():
                below = lines[m]
                if below.strip() and len(below) - len(below.lstrip()) <= indent:
                    break
                if below.strip().startswith(f"{lang}:"):
                    return m + 1, len(below) - len(below.lstrip()) + 1
            return n + 1, indent + 1
    return 0, 0


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
    line, column = _position(config_file, "accessibility_statement")
    if not isinstance(given, dict):
        issues.append(Issue(path, line, column, "config.statement",
                            msg("accessibility_statement must give an address per language"),
                            "extra.casebook.accessibility_statement",
                            msg("write e.g. 'da: tilgaengelighed/' and 'en: en/tilgaengelighed/' below it")))
        given = {}
    for lang in languages:
        value = given.get(lang)
        line, column = _position(config_file, "accessibility_statement", lang)
        if not isinstance(value, str) or not value.strip():
            issues.append(Issue(path, line, column, "config.statement",
                                msg("no accessibility statement address for '{lang}'", lang=lang),
                                f"extra.casebook.accessibility_statement.{lang}",
                                msg("give the path of a page of the site or an https:// address")))
            continue
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.netloc:
            statement[lang] = value
        elif parts.scheme or parts.netloc:
            issues.append(Issue(path, line, column, "config.statement",
                                msg("'{value}' is not a web address", value=value),
                                f"extra.casebook.accessibility_statement.{lang}",
                                msg("give the path of a page of the site or an https:// address")))
        elif value.lstrip("/") not in page_urls:
            issues.append(Issue(path, line, column, "config.statement",
                                msg("the accessibility statement '{value}' is not a page of the site", value=value),
                                f"extra.casebook.accessibility_statement.{lang}",
                                msg("write the page (e.g. content/tilgaengelighed.{lang}.md) or correct the path",
                                    lang=lang)))
        else:
            statement[lang] = value.lstrip("/")
    return SiteConfig(statement), issues
