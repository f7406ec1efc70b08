"""Command line: ``casebook <command>`` (or ``python -m casebook <command>``).

- ``validate``    check every content file and report all problems (text, JSON or GitHub annotations)
- ``schema``      write the JSON Schemas editors use for completion and inline errors
- ``guide``       regenerate the field tables of the writing guides from the content model
- ``cms``         write the configuration of the CMS at /admin/ (cms/config.yml) from the content model
- ``status``      which texts exist in which language, and which translations are outdated
- ``translated``  record that a translation is up to date with its source
- ``new``         a new case, catalogue or idea from a few questions
- ``migrate``     rename the story files to their new names (``da.md`` -> ``index.da.md``)

One module per group of commands: :mod:`~casebook.cli.validate`, :mod:`~casebook.cli.derived` (schema,
guide), :mod:`~casebook.cli.cms`, :mod:`~casebook.cli.translations` (status, translated),
:mod:`~casebook.cli.new`, :mod:`~casebook.cli.migrate`; what they share is in :mod:`~casebook.cli.options`.
"""

from __future__ import annotations

import sys

import click

from casebook.cli.cms import cms
from casebook.cli.derived import guide, schema
from casebook.cli.migrate import migrate
from casebook.cli.new import new
from casebook.cli.options import command_language, show_error
from casebook.cli.translations import status, translated
from casebook.cli.validate import validate
from casebook.core.messages import msg, translate


@click.group(commands=[validate, schema, status, translated, new, guide, cms, migrate],
             context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Casebook: bilingual case stories from YAML and Markdown."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (for tests and ``python -m casebook``)."""
    args = sys.argv[1:] if argv is None else argv
    try:
        cli.main(args=args, prog_name="casebook", standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0)
    except click.ClickException as exc:
        show_error(exc, command_language(args))
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo(translate(msg("Aborted."), command_language(args)), err=True)
        return 1
    return 0
