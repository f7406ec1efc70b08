"""Command line: ``casebook <command>`` (or ``python -m casebook <command>``).

- ``validate``    check every content file and report all problems (text, JSON or GitHub annotations)
- ``schema``      write the JSON Schemas editors use for completion and inline errors
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from casebook.issues import Issue, counted, plural, summary
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
def validate(root: Path, strict: bool, output: str, lang: str) -> None:
    """Check every content file and report all problems."""
    started = time.perf_counter()
    project = load_project(root)
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
