"""Command line: ``casebook <command>`` (or ``python -m casebook <command>``).

- ``validate``    check every content file and report all problems (text, JSON or GitHub annotations)
- ``schema``      write the JSON Schemas editors use for completion and inline errors
- ``status``      which texts exist in which language, and which translations are outdated
- ``translated``  record that a translation is up to date with its source
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from casebook.issues import Issue, Severity, counted, plural, summary
from casebook.messages import default_language, msg, translate
from casebook.project import Project, load_project

ROOT_OPTION = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path.cwd,
                           help="Project folder holding content/ and cases/ (default: the current folder).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Casebook: bilingual case stories from YAML and Markdown."""


@cli.command()
@ROOT_OPTION
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "output", type=click.Choice(["text", "json", "github"]), default="text",
              help="text for people, json for tools, github for workflow annotations on pull requests.")
@click.option("--lang", type=click.Choice(["da", "en"]), default=default_language,
              help="Language of the messages (default: from the locale, LANG; Danish for da_*).")
@click.option("--translations", is_flag=True,
              help="Also fail when a translation is missing or outdated (see casebook status).")
def validate(root: Path, strict: bool, output: str, lang: str, translations: bool) -> None:
    """Check every content file and report all problems."""
    from casebook.issues import sort_issues
    from casebook.translations import translation_issues

    started = time.perf_counter()
    project = load_project(root)
    if translations:
        project.issues = sort_issues([*project.issues, *translation_issues(project.translations, Severity.ERROR)])
    elapsed = time.perf_counter() - started
    failed = bool(project.errors) or (strict and bool(project.warnings))
    if output == "json":
        click.echo(json.dumps(_report(project, elapsed, failed, lang), ensure_ascii=False, indent=2))
    else:
        for issue in project.issues:
            click.echo(_github(issue, lang) if output == "github" else issue.format(lang))
        cases = counted(len(project.cases), msg("{n} valid case"), msg("{n} valid cases"))
        organisations = counted(len(project.organisations), msg("{n} organisation"), msg("{n} organisations"))
        pages = counted(len(project.pages), msg("{n} page"), msg("{n} pages"))
        seconds = f"{elapsed:.2f}" if lang == "en" else f"{elapsed:.2f}".replace(".", ",")
        checked = msg("Checked {cases}, {organisations} and {pages} in {seconds} s.", cases=cases,
                      organisations=organisations, pages=pages, seconds=seconds)
        click.echo(f"{summary(project.issues, lang)} {translate(checked, lang)}", err=failed)
    sys.exit(1 if failed else 0)


@cli.command()
@ROOT_OPTION
@click.option("--check", is_flag=True, help="Only check that the schemas in schemas/ are up to date.")
def schema(root: Path, check: bool) -> None:
    """Write the JSON Schemas (schemas/*.schema.json) for editor completion and inline errors."""
    from casebook.schema import SCHEMA_DIR, build_schemas, write_schemas

    project = load_project(root)
    if project.errors:
        click.echo(f"{summary(project.issues)} The schemas list the ids of valid content only; "
                   "fix the problems first (casebook validate).", err=True)
        sys.exit(1)
    if check:
        stale = [name for name, content in build_schemas(project).items()
                 if not (root / SCHEMA_DIR / name).is_file()
                 or json.loads((root / SCHEMA_DIR / name).read_text(encoding="utf-8")) != content]
        for name in stale:
            click.echo(f"{SCHEMA_DIR}/{name} is out of date (run: casebook schema)", err=True)
        sys.exit(1 if stale else 0)
    changed = write_schemas(project, root)
    click.echo(f"Wrote {plural(len(changed), 'schema')} to {SCHEMA_DIR}/." if changed
               else f"The schemas in {SCHEMA_DIR}/ are up to date.")


def _report(project: Project, elapsed: float, failed: bool, lang: str) -> dict[str, Any]:
    """The machine-readable report of ``casebook validate --format json`` (version 1)."""
    return {
        "version": 1,
        "ok": not failed,
        "lang": lang,
        "summary": {"errors": len(project.errors), "warnings": len(project.warnings),
                    "cases": len(project.cases), "organisations": len(project.organisations),
                    "pages": len(project.pages), "seconds": round(elapsed, 3)},
        "problems": [{"file": i.path, "line": i.line, "column": i.column, "severity": i.severity.value,
                      "code": i.code, "location": i.location, "message": translate(i.message, lang),
                      "hint": translate(i.hint, lang)}
                     for i in project.issues],
    }


def _github(issue: Issue, lang: str) -> str:
    """A GitHub Actions workflow command: the problem shows on that line of a pull request's diff."""
    def escape(text: str, *, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    level = "error" if issue.is_error else "warning"
    props = [f"file={escape(issue.path, prop=True)}"]
    if issue.line:
        props.append(f"line={issue.line}")
        if issue.column:
            props.append(f"col={issue.column}")
    props.append(f"title={escape(issue.code, prop=True)}")
    where = f"{issue.location}: " if issue.location else ""
    text = where + issue.text(lang)
    return f"::{level} {','.join(props)}::{escape(text)}"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (for tests and ``python -m casebook``)."""
    try:
        cli.main(args=argv, prog_name="casebook", standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    return 0


@cli.command()
@ROOT_OPTION
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=click.Choice(["da", "en"]), default=default_language, help="Language of the report.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when a translation is missing or outdated.")
def status(root: Path, output: str, lang: str, strict: bool) -> None:
    """Which languages each story, page and catalogue introduction has, and which translations are outdated."""
    from casebook.translations import STATE_NAMES, State, command_name, translation_issues

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
        line = msg("{texts}: {outdated} outdated, {missing} missing, {unrecorded} not recorded.",
                   texts=counted(len(units), msg("{n} text"), msg("{n} texts")),
                   outdated=counts[State.OUTDATED], missing=counts[State.MISSING],
                   unrecorded=counts[State.UNRECORDED])
        click.echo(translate(line, lang))
        for issue in gaps:
            click.echo(issue.format(lang))
    sys.exit(1 if strict and gaps else 0)


@cli.command()
@ROOT_OPTION
@click.argument("name")
@click.argument("lang", type=click.Choice(["da", "en"]))
def translated(root: Path, name: str, lang: str) -> None:
    """Record that NAME's LANG text is translated from its source as the source is now.

    NAME is a case slug, page:<name> for a hand-written page or catalogue:<slug>.
    """
    from casebook.translations import RECORD_FILE, Record, command_name, file_fingerprint, write_records

    project = load_project(root)
    unit = next((u for u in project.translations if command_name(u) == name), None)
    if unit is None:
        known = ", ".join(command_name(u) for u in project.translations)
        raise click.UsageError(f"no story, page or catalogue named '{name}' (known: {known})")
    if lang not in unit.files:
        raise click.UsageError(f"{unit.paths[lang]} does not exist: write the translation first")
    sources = [lg for lg in unit.files if lg != lang]
    if not sources:
        raise click.UsageError(f"{unit.paths[lang]} has no source in another language")
    source = unit.sources.get(lang, sources[0])
    record = Record(file=unit.paths[lang], source=unit.paths[source],
                    fingerprint=file_fingerprint(unit.files[source]))
    records = dict(project.translation_records)
    records.pop(unit.paths[source], None)  # the source is not itself a translation any more
    records[record.file] = record
    write_records(project.content_dir / RECORD_FILE, records)
    click.echo(f"Recorded: {record.file} is translated from {record.source} as it is now "
               f"(fingerprint {record.fingerprint}).")
