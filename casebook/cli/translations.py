"""``casebook status`` and ``casebook translated``: which texts exist in which language, and recording
that a translation is up to date with its source."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from casebook.cli.options import ROOT_OPTION, Choice, echo_issues, lang_option
from casebook.core.issues import Severity
from casebook.core.languages import LANGUAGES
from casebook.core.messages import default_language, msg, nmsg, translate
from casebook.project import load_project
from casebook.project.translations import (
    RECORD_FILE,
    STATE_NAMES,
    Record,
    State,
    command_name,
    fingerprint,
    translation_issues,
    write_records,
)


@click.command()
@ROOT_OPTION
@click.option("--format", "output", type=Choice(["text", "json"]), default="text")
@lang_option("Language of the report.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when a translation is missing or outdated.")
def status(root: Path, output: str, lang: str, strict: bool) -> None:
    """Which languages each story, page and catalogue introduction has, and which translations are outdated."""
    project = load_project(root)
    units = project.translations
    gaps = translation_issues(units, Severity.ERROR)
    if output == "json":
        click.echo(json.dumps({"version": 1, "texts": [
            {"kind": u.kind, "name": u.name, "command_name": command_name(u),
             "languages": {lg: {"state": st.value, "file": u.paths[lg], "source": u.sources.get(lg)}
                           for lg, st in u.states.items()}} for u in units]}, ensure_ascii=False, indent=2))
    else:
        width = max((len(f"{u.kind} {u.name}") for u in units), default=10)
        for unit in units:
            cells = "   ".join(f"{lg}: {translate(STATE_NAMES[st], lang):<12}" for lg, st in unit.states.items())
            click.echo(f"{unit.kind + ' ' + unit.name:<{width}}   {cells}".rstrip())
        counts = {state: sum(1 for u in units for s in u.states.values() if s is state) for state in State}
        line = msg("{texts}: {outdated}, {missing}, {unrecorded}.", texts=nmsg("{n} text", "{n} texts", len(units)),
                   outdated=nmsg("{n} outdated", "{n} outdated", counts[State.OUTDATED]),
                   missing=nmsg("{n} missing", "{n} missing", counts[State.MISSING]),
                   unrecorded=nmsg("{n} not recorded", "{n} not recorded", counts[State.UNRECORDED]))
        click.echo(translate(line, lang))
        echo_issues(gaps, lang)
    sys.exit(1 if strict and gaps else 0)


@click.command()
@ROOT_OPTION
@click.argument("name")
@click.argument("lang", type=Choice(LANGUAGES))
def translated(root: Path, name: str, lang: str) -> None:
    """Record that NAME's LANG text is translated from its source as the source is now.

    NAME is a case slug, page:<name> for a hand-written page or catalogue:<slug>.
    """
    said = default_language()  # LANG is the text's language here; the messages follow the locale
    project = load_project(root)
    unit = next((u for u in project.translations if command_name(u) == name), None)
    if unit is None:
        known = ", ".join(command_name(u) for u in project.translations)
        raise click.UsageError(translate(msg("no story, page or catalogue named '{name}' (known: {known})",
                                             name=name, known=known), said))
    if lang not in unit.texts:
        raise click.UsageError(translate(msg("{path} does not exist: write the translation first",
                                             path=unit.paths[lang]), said))
    sources = [lg for lg in unit.texts if lg != lang]
    if not sources:
        raise click.UsageError(translate(msg("{path} has no source in another language", path=unit.paths[lang]),
                                         said))
    source = unit.sources.get(lang, sources[0])
    record = Record(file=unit.paths[lang], source=unit.paths[source],
                    fingerprint=fingerprint(unit.texts[source]))
    records = dict(project.translation_records)
    records.pop(unit.paths[source], None)  # the source is not itself a translation any more
    records[record.file] = record
    write_records(project.content_dir / RECORD_FILE, records)
    click.echo(translate(msg("Recorded: {file} is translated from {source} as it is now (fingerprint {fingerprint}).",
                             file=record.file, source=record.source, fingerprint=record.fingerprint), said))
