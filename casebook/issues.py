"""Problems found in content, as data first and prose only when printed."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


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

    def format(self) -> str:
        """One line: ``path:line:col: [warning: ]location: message (hint)``."""
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        parts = [where]
        if self.severity is Severity.WARNING:
            parts.append("warning")
        if self.location:
            parts.append(self.location)
        text = self.message + (f" ({self.hint})" if self.hint else "")
        return ": ".join(parts) + ": " + text


def sort_issues(issues: Iterable[Issue]) -> list[Issue]:
    """Issues in reading order: by file, then line and column."""
    return sorted(issues, key=lambda i: (i.path, i.line, i.column, i.code, i.location))


def summary(issues: list[Issue]) -> str:
    errors = sum(1 for i in issues if i.is_error)
    warnings = len(issues) - errors
    if not issues:
        return "No problems found."
    return (f"{plural(len(issues), 'problem')} found "
            f"({plural(errors, 'error')}, {plural(warnings, 'warning')}).")


def plural(n: int, noun: str) -> str:
    """'1 problem', '2 problems'."""
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
