"""Problems found in content, as data first and prose only when printed."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from casebook.core.messages import msg, nmsg, translate


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in one place: where it is, a stable code, what is wrong and how to fix it."""

    path: str  # project-relative, with forward slashes
    line: int  # 1-based; 0 when the problem concerns the file as a whole
    column: int  # 1-based; 0 when unknown
    code: str  # stable, e.g. "ref.unknown-organisation"
    message: str
    location: str = ""  # e.g. "partners[1].org"
    hint: str = ""  # e.g. "did you mean 'ibm-danmark'?"
    severity: Severity = field(default=Severity.ERROR, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self, lang: str = "en") -> str:
        """One line: ``path:line:col: [warning: ]location: message (hint)``, in English or Danish."""
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        parts = [where]
        if self.severity is Severity.WARNING:
            parts.append(translate(msg("warning"), lang))
        if self.location:
            parts.append(self.location)
        return ": ".join(parts) + ": " + self.text(lang)

    def text(self, lang: str = "en") -> str:
        """What is wrong and how to fix it: ``message (hint)``."""
        hint = translate(self.hint, lang)
        return translate(self.message, lang) + (f" ({hint})" if hint else "")


def sort_issues(issues: Iterable[Issue]) -> list[Issue]:
    """Issues in reading order: by file, then line and column."""
    return sorted(issues, key=lambda i: (i.path, i.line, i.column, i.code, i.location))


def summary(issues: list[Issue], lang: str = "en") -> str:
    """The summary line, e.g. "2 problems found (1 error, 1 warning)." in English."""
    errors = sum(1 for i in issues if i.is_error)
    warnings = len(issues) - errors
    if not issues:
        return translate(msg("No problems found."), lang)
    # One message per call: gettext's extraction does not see a message inside another's arguments.
    problems = nmsg("{n} problem", "{n} problems", len(issues))
    error_count = nmsg("{n} error", "{n} errors", errors)
    warning_count = nmsg("{n} warning", "{n} warnings", warnings)
    line = msg("{problems} found ({errors}, {warnings}).", problems=problems, errors=error_count,
               warnings=warning_count)
    return translate(line, lang)


def cases_counted(valid: int, broken: int) -> str:
    """How many cases, and how many of them have errors: "4 cases", "4 cases (1 with errors)"."""
    cases = nmsg("{n} case", "{n} cases", valid + broken)
    return nmsg("{cases} ({n} with errors)", "{cases} ({n} with errors)", broken, cases=cases) if broken else cases


def plural(n: int, noun: str) -> str:
    """'1 problem', '2 problems' (English only; for messages people read, use :func:`~casebook.core.messages.nmsg`)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def format_location(loc: Iterable[str | int]) -> str:
    """Turn a path like ``("partners", 0, "org")`` into ``partners[1].org``.

    List positions are counted from 1, as an author counts them: ``partners[1]`` is the first partner.
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out
