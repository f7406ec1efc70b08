"""What a build tells through MkDocs' logging, so that `mkdocs build --strict` sees its warnings."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from mkdocs.exceptions import Abort
from mkdocs.utils import CountHandler

from casebook.core.issues import Issue, Severity, summary
from casebook.core.messages import msg, translate
from casebook.project import Project
from casebook.project.translations import translation_issues

log = logging.getLogger("mkdocs.plugins.casebook")


def log_issues(issues: Iterable[Issue], lang: str) -> None:
    """Each problem as an error or a warning, one line each, in ``lang``."""
    for issue in issues:
        (log.error if issue.is_error else log.warning)(issue.format(lang))


def say(message: str, lang: str, level: int = logging.INFO) -> None:
    """A message of the build (:func:`~casebook.core.messages.msg`) in ``lang``, through MkDocs' logging."""
    log.log(level, translate(message, lang))


def stopped(issues: list[Issue], then: str, lang: str) -> Abort:
    """The end of a build that cannot go on: how many problems, and ``then``, what to do, in ``lang``."""
    return Abort(f"{summary(issues, lang)} {translate(then, lang)}")


def report_translations(project: Project, required: bool, lang: str) -> None:
    """Missing or outdated translations never stop a build; with ``require_translations`` they are
    warnings, which `mkdocs build --strict` turns into a failure, else information."""
    for issue in translation_issues(project.translations, Severity.WARNING):
        if required:
            log.warning(issue.format(lang))
        else:
            say(msg("Translation: {path}: {text}", path=issue.path, text=issue.text(lang)), lang)


def strict_warnings() -> bool:
    """True when MkDocs has counted a warning: with --strict the build is going to fail."""
    # MkDocs counts warnings for --strict with its CountHandler on the "mkdocs" logger and checks
    # the count only after on_post_build; read the same counter so a failing build is not published.
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)
