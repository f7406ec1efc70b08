"""``casebook migrate``: the story files renamed to the names Decap CMS can address (``da.md`` becomes
``index.da.md``), see :mod:`casebook.authoring.migrate`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from casebook.authoring.migrate import Migration, Rename, move, plan, write_planned_records
from casebook.cli.options import ROOT_OPTION, echo_issues, lang_option
from casebook.core.messages import msg, nmsg, translate


@click.command()
@ROOT_OPTION
@click.option("--dry-run", is_flag=True, help="Only print what would be renamed; change nothing.")
@lang_option("Language of the messages: da or en (default: from the locale).")
def migrate(root: Path, dry_run: bool, lang: str) -> None:
    """Rename the story files da.md and en.md of the cases and catalogues to index.da.md and index.en.md."""
    migration = plan(root)
    if migration.conflicts:
        echo_issues(migration.conflicts, lang, err=True)
        click.echo(translate(msg("Nothing was renamed: keep one file of each pair above, then run casebook "
                                 "migrate again."), lang), err=True)
        sys.exit(1)
    if not migration.renames and migration.records is None:
        click.echo(translate(msg("Nothing to rename: every story file has its new name."), lang))
        return
    if dry_run:
        click.echo(translate(msg("Dry run: nothing is changed."), lang))
    for rename in migration.renames:
        if not dry_run:
            _move(migration, rename, lang)
        click.echo(translate(_renamed(rename, dry_run), lang))
    _records(migration, dry_run, lang)
    count = len(migration.renames)
    if count:
        click.echo(translate(nmsg("{n} file would be renamed.", "{n} files would be renamed.", count) if dry_run
                             else nmsg("Renamed {n} file.", "Renamed {n} files.", count), lang))


def _renamed(rename: Rename, dry_run: bool) -> str:
    if dry_run:
        return (msg("{old} would be renamed to {new} (git mv)", old=rename.old, new=rename.new) if rename.tracked
                else msg("{old} would be renamed to {new}", old=rename.old, new=rename.new))
    return (msg("Renamed {old} to {new} (git mv)", old=rename.old, new=rename.new) if rename.tracked
            else msg("Renamed {old} to {new}", old=rename.old, new=rename.new))


def _move(migration: Migration, rename: Rename, lang: str) -> None:
    """Rename one file; when git refuses, say why and stop (the files renamed so far keep their new names)."""
    try:
        move(migration.root, rename)
    except (subprocess.CalledProcessError, OSError) as exc:
        reason = exc.stderr.strip() if isinstance(exc, subprocess.CalledProcessError) else str(exc)
        click.echo(translate(msg("Could not rename {old} to {new}: {reason}", old=rename.old, new=rename.new,
                                 reason=reason), lang), err=True)
        sys.exit(1)


def _records(migration: Migration, dry_run: bool, lang: str) -> None:
    """The translation records written with the new names, or why they could not be."""
    path = migration.records_path.relative_to(migration.root).as_posix()
    if migration.records_unreadable:
        echo_issues(migration.records_unreadable, lang, err=True)
        click.echo(translate(msg("{path} is left as it is: its records are read under the old names too",
                                 path=path), lang), err=True)
        return
    if migration.records is None:
        return
    if not dry_run:
        write_planned_records(migration)
    changed = migration.records_changed
    click.echo(translate(nmsg("{path}: {n} translation record would name the new files",
                              "{path}: {n} translation records would name the new files", changed, path=path)
                         if dry_run else
                         nmsg("{path}: {n} translation record now names the new files",
                              "{path}: {n} translation records now name the new files", changed, path=path),
                         lang))
