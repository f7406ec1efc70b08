"""``casebook schema`` and ``casebook guide``: the files derived from the content model, the editors'
JSON Schemas and the writing guides' field tables, written or (with ``--check``) checked."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from casebook.authoring.guide import update_guides
from casebook.authoring.schema import SCHEMA_DIR, write_schemas
from casebook.cli.options import ROOT_OPTION, lang_option
from casebook.core.issues import summary
from casebook.core.messages import msg, nmsg, translate
from casebook.project import load_project


@click.command()
@ROOT_OPTION
@click.option("--check", is_flag=True, help="Only check that the schemas in schemas/ are up to date.")
@lang_option("Language of the messages: da or en (default: from the locale).")
def schema(root: Path, check: bool, lang: str) -> None:
    """Write the JSON Schemas (schemas/*.schema.json) for editor completion and inline errors."""
    project = load_project(root)
    if project.errors:
        click.echo(translate(msg("{summary} The schemas list the ids of valid content only; fix the problems "
                                 "first (casebook validate).", summary=summary(project.issues, lang)), lang),
                   err=True)
        sys.exit(1)
    if check:
        stale = write_schemas(project, root, check=True)
        for path in stale:
            click.echo(translate(msg("{path} is out of date (run: casebook schema)",
                                     path=f"{SCHEMA_DIR}/{path.name}"), lang), err=True)
        sys.exit(1 if stale else 0)
    changed = write_schemas(project, root)
    click.echo(translate(nmsg("Wrote {n} schema to {folder}/.", "Wrote {n} schemas to {folder}/.", len(changed),
                              folder=SCHEMA_DIR) if changed
                         else msg("The schemas in {folder}/ are up to date.", folder=SCHEMA_DIR), lang))


@click.command()
@ROOT_OPTION
@click.option("--check", is_flag=True, help="Only check that the field tables in the guides are up to date.")
@lang_option("Language of the messages: da or en (default: from the locale).")
def guide(root: Path, check: bool, lang: str) -> None:
    """Regenerate the field tables of the writing guides (docs/) from the content model."""
    changed = update_guides(root, check=check)
    for path in changed:
        relative = str(path.relative_to(root))
        said = (msg("{path} is out of date (run: casebook guide)", path=relative) if check
                else msg("{path} updated", path=relative))
        click.echo(translate(said, lang), err=check)
    sys.exit(1 if check and changed else 0)
