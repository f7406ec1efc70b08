"""``casebook validate``: every problem of every content file, for people, tools or pull requests."""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

import click

from casebook.cli.options import ROOT_OPTION, Choice, lang_option
from casebook.core.cache import Cache
from casebook.core.issues import Issue, Severity, cases_counted, sort_issues, summary
from casebook.core.languages import LANGUAGES
from casebook.core.messages import Decimal, msg, nmsg, translate
from casebook.core.progress import Progress
from casebook.project import Project, load_project
from casebook.project.translations import translation_issues
from casebook.publish import pdf
from casebook.site.links import content_files, root_link_issues
from casebook.site.plan import SitePlan
from casebook.site.urls import page_output, was_url


@click.command()
@ROOT_OPTION
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "output", type=Choice(["text", "json", "github"]), default="text",
              help="text for people, json for tools, github for workflow annotations on pull requests.")
@lang_option("Language of the messages (default: from the locale, LANG; Danish for da_*).")
@click.option("--translations", is_flag=True,
              help="Also fail when a translation is missing or outdated (see casebook status).")
def validate(root: Path, strict: bool, output: str, lang: str, translations: bool) -> None:
    """Check every content file and report all problems."""
    started = time.perf_counter()
    # Files unchanged since the last check or build are not parsed again (.cache/casebook/).
    cache = Cache.for_project(root)
    project = load_project(root, cache=cache, progress=Progress(_progress_log(), lang=lang))
    cache.save(["content", "image"])
    if not project.errors:  # links from the site's root, against what the site publishes (as the build checks)
        project.issues = sort_issues([*project.issues, *published_link_issues(project)])
    if translations:
        project.issues = sort_issues([*project.issues, *translation_issues(project.translations, Severity.ERROR)])
    elapsed = time.perf_counter() - started
    failed = bool(project.errors) or (strict and bool(project.warnings))
    if output == "json":
        click.echo(json.dumps(_report(project, elapsed, failed, lang), ensure_ascii=False, indent=2))
    else:
        for issue in project.issues:
            click.echo(_github(issue, lang) if output == "github" else issue.format(lang))
        checked = msg("Checked {cases}, {organisations} and {pages} in {seconds} s.", cases=_cases(project),
                      organisations=nmsg("{n} organisation", "{n} organisations", len(project.organisations)),
                      pages=nmsg("{n} page", "{n} pages", len(project.pages)), seconds=Decimal(elapsed, 2))
        click.echo(f"{summary(project.issues, lang)} {translate(checked, lang)}", err=failed)
    sys.exit(1 if failed else 0)


def _cases(project: Project) -> str:
    """How many cases were checked, as many as are valid and as many as have errors, e.g. "4 valid cases"
    or "4 cases (1 with errors)"; a case with errors counts once, however many problems it has."""
    broken = project.cases_with_errors()
    valid = len(set(project.cases) - broken)
    return cases_counted(valid, len(broken)) if broken else nmsg("{n} valid case", "{n} valid cases", valid)


def published_link_issues(project: Project) -> list[Issue]:
    """Links from the site's root that name nothing the site publishes (casebook/site/links.py); the page
    leading to a statement elsewhere (/was/) counts as published, as mkdocs.yml may ask for it."""
    outputs = [*SitePlan(project, pdf=pdf.available()).outputs(), *content_files(project),
               *(page_output(was_url(lang)) for lang in LANGUAGES)]
    return root_link_issues(project, outputs)


def _progress_log() -> logging.Logger:
    """Where the progress of a long check goes when the output is not a terminal: stderr, plainly."""
    log = logging.getLogger("casebook.cli")
    if not log.handlers:
        log.addHandler(logging.StreamHandler(sys.stderr))
        log.setLevel(logging.INFO)
        log.propagate = False
    return log


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
