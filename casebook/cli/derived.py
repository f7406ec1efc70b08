"""``casebook schema`` and ``casebook guide``: the files derived from the content model, the editors'
JSON Schemas and the writing guides' field tables, written or (with ``--check``) checked."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from casebook.authoring.guide import update_guides
from casebook.authoring.schema import SCHEMA_DIR, write_schemas
from casebook.cli.options import ROOT_OPTION
from casebook.core.issues import plural, summary
from casebook.project import load_project


@click.command()
@ROOT_OPTION
@click.option("--check", is_flag=True, help="Only check that the schemas in schemas/ are up to date.")
def schema(root: Path, check: bool) -> None:
    """Write the JSON Schemas (schemas/*.schema.json) for editor completion and inline errors."""
    project = load_project(root)
    if project.errors:
        click.echo(f"{summary(project.issues)} The schemas list the ids of valid content only; "
                   "fix the problems first (casebook validate).", err=True)
        sys.exit(1)
    if check:
        stale = write_schemas(project, root, check=True)
        for path in stale:
            click.echo(f"{SCHEMA_DIR}/{path.name} is out of date (run: casebook schema)", err=True)
        sys.exit(1 if stale else 0)
    changed = write_schemas(project, root)
    click.echo(f"Wrote {plural(len(changed), 'schema')} to {SCHEMA_DIR}/." if changed
               else f"The schemas in {SCHEMA_DIR}/ are up to date.")


@click.command()
@ROOT_OPTION
@click.option("--check", is_flag=True, help="Only check that the field tables in the guides are up to date.")
def guide(root: Path, check: bool) -> None:
    """Regenerate the field tables of the writing guides (docs/) from the content model."""
    changed = update_guides(root, check=check)
    for path in changed:
        click.echo(f"{path.relative_to(root)} {'is out of date (run: casebook guide)' if check else 'updated'}",
                   err=check)
    sys.exit(1 if check and changed else 0)
