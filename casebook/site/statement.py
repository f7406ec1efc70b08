"""The accessibility statement of the site's own pages (``content/tilgaengelighed.<lang>.md`` unless
mkdocs.yml names another page): what its page shows besides its Markdown, and when it is out of date.

The Markdown says what the site is responsible for (compliance status, what is not accessible and why,
how the statement was prepared); the page adds what the settings and the law give: the statement's
date (``statement_date`` in its front matter), feedback to the publisher with its written and phone
contact (extra.casebook.publisher), and the enforcement procedure, which in Denmark ends with the
Danish Agency for Digital Government (webtilgængelighedsloven; bekendtgørelse nr. 904 af 22/08/2019).
The build warns when the statement has no date or is more than a year old.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from casebook.core.issues import Issue, Severity
from casebook.core.languages import LANGUAGES
from casebook.core.messages import msg
from casebook.model.fields import PartialDate
from casebook.project import Project
from casebook.project.entries import PageSource
from casebook.site.localize import format_partial_date
from casebook.site.settings import SiteConfig
from casebook.site.urls import COMPLAINTS, page_url
from casebook.site.views import Page


@dataclass(frozen=True)
class StatementView:
    """What the statement's page shows after its Markdown (overrides/partials/casebook-statement.html)."""

    date: str | None  # "1. december 2026" / "1 December 2026"; None when the front matter gives none
    iso: str | None  # the same, for <time datetime>
    complaints: str  # where to complain when the publisher's answer does not help


def own_statements(project: Project, config: SiteConfig) -> dict[str, PageSource]:
    """lang -> the hand-written page the footer's statement link leads to, for each language whose
    statement is a page of this site."""
    by_url = {page_url(source.name, source.lang): source for source in project.pages}
    found = {lang: by_url.get(config.statement_url(lang) or "") for lang in LANGUAGES}
    return {lang: source for lang, source in found.items() if source is not None}


def statement_view(project: Project, config: SiteConfig, page: Page) -> StatementView | None:
    """The statement's parts for ``page`` when it is the site's own statement, else None."""
    source = own_statements(project, config).get(page.lang)
    if source is None or page.source_path != source.path:
        return None
    day = source.meta.statement_date
    return StatementView(date=format_partial_date(day, page.lang) if day else None, iso=str(day) if day else None,
                         complaints=COMPLAINTS)


def statement_issues(project: Project, config: SiteConfig, today: datetime.date) -> list[Issue]:
    """Warnings about the site's own statement pages: no date, or a date more than a year before ``today``
    (the day of the build: SOURCE_DATE_EPOCH, else the computer's date)."""
    issues = []
    for source in own_statements(project, config).values():
        day = source.meta.statement_date
        line, column = _line_of(source.text, "statement_date")
        if day is None:
            issues.append(Issue(source.rel, 0, 0, "statement.no-date", msg("the accessibility statement has no date"),
                                hint=msg("add 'statement_date: YYYY-MM-DD' to its front matter: the day it was "
                                         "prepared or last reviewed"), severity=Severity.WARNING))
        elif _as_date(day) < _year_before(today):
            issues.append(Issue(source.rel, line, column, "statement.stale",
                                msg("the accessibility statement is dated {date}, more than a year before {today}",
                                    date=str(day), today=today.isoformat()), "statement_date",
                                msg("review it, then set statement_date to the day of the review"),
                                Severity.WARNING))
    return issues


def _as_date(day: PartialDate) -> datetime.date:
    return datetime.date(day.year, day.month or 1, day.day or 1)


def _year_before(today: datetime.date) -> datetime.date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def _line_of(text: str, key: str) -> tuple[int, int]:
    """Line and column of ``key:`` in a page's front matter; (0, 0) if it has none."""
    lines = text.split("\n")
    if lines[0] != "---":
        return 0, 0
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            break
        if line.startswith(f"{key}:"):
            return number, 1
    return 0, 0
