"""Questions for ``casebook new``: asked for what the flags did not give, each answer checked.

A check takes an answer and returns ``None`` when it is good, or the message saying what is wrong;
the question is then asked again (or, with ``--no-input``, the command fails naming the flag).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from pydantic_core import PydanticCustomError

from casebook.core.messages import msg, translate
from casebook.model.fields import SLUG_PATTERN, parse_partial_date

Check = Callable[[Any], str | None]


class Asker:
    """Asks for what the flags did not give, checking each answer; with --no-input it only checks."""

    def __init__(self, lang: str, no_input: bool) -> None:
        self.lang = lang
        self.no_input = no_input

    def __call__(self, value: Any, flag: str, question: str, check: Check | None = None, default: Any = None,
                 kind: Any = None) -> Any:
        if isinstance(kind, click.Choice):  # checked here: click would explain a wrong choice in English
            check, question, kind = one_of(list(kind.choices)), _offering(question, list(kind.choices)), None
        while True:
            if value is None:
                if self.no_input:
                    if default is None:
                        raise self.missing(flag)
                    value = default
                else:
                    value = click.prompt(translate(question, self.lang), default=default, type=kind,
                                         show_default=default != "")  # no "[]" for an optional answer
            problem = check(value) if check else None
            if not problem:
                return value
            if self.no_input:
                raise click.UsageError(f"{flag}: {translate(problem, self.lang)}")
            click.echo(translate(problem, self.lang), err=True)
            value = None

    def confirm(self, question: str, default: bool = True) -> bool:
        return not self.no_input and click.confirm(translate(question, self.lang), default=default)

    def missing(self, flag: str) -> click.UsageError:
        """The error of ``--no-input`` without ``flag``."""
        return click.UsageError(translate(msg("{flag} is needed with --no-input", flag=flag), self.lang))


def _offering(question: str, choices: list[str]) -> str:
    """The question with its choices, as click shows them: "Kind (company, university)"."""
    return msg("{question} ({choices})", question=question, choices=", ".join(choices))


def check_id(taken: Callable[[str], bool]) -> Check:
    """A check for a new id (a slug): its form, and that ``taken(value)`` is false."""
    def check(value: str) -> str | None:
        if not re.match(SLUG_PATTERN, value):
            return msg("use lowercase letters a-z, digits and hyphens")
        if taken(value):
            return msg("'{name}' exists already", name=value)
        return None
    return check


def check_slug(folder: Path) -> Check:
    """A check for the name of a new folder in ``folder``."""
    return check_id(lambda value: (folder / value).exists())


def check_text(value: str) -> str | None:
    return msg("must not be empty") if not str(value).strip() else None


# The answers to the date question meaning "the sources give no date", in either language.
UNDATED = ("undated", "uden dato")


def is_undated(value: str) -> bool:
    return " ".join(str(value).split()).casefold() in UNDATED


def check_date(value: str) -> str | None:
    """A date as the model takes it, or an answer meaning undated."""
    if is_undated(value):
        return None
    try:
        parse_partial_date(str(value))
    except PydanticCustomError:
        return msg("expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2015-11, or 'undated'")
    return None


def one_of(values: list[str]) -> Check:
    """A check that an answer is one of ``values``."""
    def check(value: Any) -> str | None:
        return None if value in values else msg("use one of: {items}", items=", ".join(values))
    return check


def listed(value: Any) -> list[str]:
    """Flags give a list; an answer is a comma-separated line."""
    return value if isinstance(value, list) else [v.strip() for v in str(value).split(",") if v.strip()]


def some_of(values: list[str]) -> Check:
    """A check that an answer lists at least one value, each of ``values``."""
    def check(value: Any) -> str | None:
        items = listed(value)
        bad = [v for v in items if v not in values]
        return msg("use one of: {items}", items=", ".join(values)) if bad or not items else None
    return check
