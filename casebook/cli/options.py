"""What the commands share: the options they take alike, and how they print problems and usage errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from casebook.core.issues import Issue
from casebook.core.languages import LANGUAGES
from casebook.core.messages import default_language, msg, translate

ROOT_OPTION = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path.cwd,
                           help="Project folder holding content/ and cases/ (default: the current folder).")


class Choice(click.Choice):  # type: ignore[type-arg]  # click's Choice is generic over its values
    """click's choice of values, whose wrong value is explained in the reader's language (:func:`show_error`)."""

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        return msg("'{value}' is not one of: {items}", value=value, items=", ".join(map(str, self.choices)))


def lang_option(help: str) -> Callable[[Any], Any]:
    """``--lang``: the language a command speaks, by default the locale's."""
    return click.option("--lang", type=Choice(LANGUAGES), default=default_language, help=help)


def command_language(argv: list[str]) -> str:
    """The language of a command line's errors: its ``--lang``, else the locale's (click reports a wrong
    option before the command has read its ``--lang``)."""
    for i, arg in enumerate(argv):
        given = arg.removeprefix("--lang=") if arg.startswith("--lang=") else \
            (argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else "")
        if given in LANGUAGES:
            return given
    return default_language()


def show_error(error: click.ClickException, lang: str) -> None:
    """click's error as click shows it (the usage, where help is, what is wrong), in ``lang``."""
    if lang == "en" or not isinstance(error, click.UsageError):
        error.show()
        return
    if error.ctx is not None:
        usage = error.ctx.make_formatter()
        usage.write_usage(error.ctx.command_path, " ".join(error.ctx.command.collect_usage_pieces(error.ctx)),
                          prefix=translate(msg("Usage: "), lang))
        hint = msg("Try '{command} --help' for help.", command=error.ctx.command_path)
        click.echo(f"{usage.getvalue().rstrip()}\n{translate(hint, lang)}\n", err=True)
    click.echo(translate(msg("Error: {message}", message=_what_is_wrong(error)), lang), err=True)


def _what_is_wrong(error: click.UsageError) -> str:
    """The message of a usage error, as a message to translate where click's is one we know."""
    if isinstance(error, click.NoSuchOption):
        return msg("no such option: {name}", name=error.option_name)
    if isinstance(error, click.BadParameter) and not isinstance(error, click.MissingParameter):
        where = error.param_hint or (error.param.get_error_hint(error.ctx) if error.param and error.ctx else None)
        if where:
            hint = where if isinstance(where, str) else " / ".join(f"'{w}'" for w in where)
            return msg("invalid value for {param}: {message}", param=hint, message=error.message)
        return msg("invalid value: {message}", message=error.message)
    return error.format_message()


def echo_issues(issues: Iterable[Issue], lang: str, *, err: bool = False) -> None:
    """Each problem on a line of its own, as ``casebook validate`` prints them."""
    for issue in issues:
        click.echo(issue.format(lang), err=err)
