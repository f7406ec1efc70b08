"""What the commands share: the options they take alike, and how they print problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from casebook.core.issues import Issue
from casebook.core.languages import LANGUAGES
from casebook.core.messages import default_language

ROOT_OPTION = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path.cwd,
                           help="Project folder holding content/ and cases/ (default: the current folder).")


def lang_option(help: str) -> Callable[[Any], Any]:
    """``--lang``: the language a command speaks, by default the locale's."""
    return click.option("--lang", type=click.Choice(LANGUAGES), default=default_language, help=help)


def echo_issues(issues: Iterable[Issue], lang: str, *, err: bool = False) -> None:
    """Each problem on a line of its own, as ``casebook validate`` prints them."""
    for issue in issues:
        click.echo(issue.format(lang), err=err)
