"""Command line: ``casebook <command>`` (or ``python -m casebook <command>``).

- ``validate``    check every content file and report all problems (text, JSON or GitHub annotations)
- ``schema``      write the JSON Schemas editors use for completion and inline errors
- ``status``      which texts exist in which language, and which translations are outdated
- ``translated``  record that a translation is up to date with its source
"""

from __future__ import annotations

import json
import logging
import sys
import time
import typing
from pathlib import Path
from typing import Any

import click

from casebook.core.cache import Cache
from casebook.core.issues import Issue, Severity, counted, plural, summary
from casebook.core.languages import LANGUAGES
from casebook.core.messages import default_language, msg, translate
from casebook.core.progress import Progress
from casebook.core.slugs import slugify
from casebook.model.case import CaseKind
from casebook.model.catalogue import Duration
from casebook.model.fields import OrgKind
from casebook.project import Project, load_project

# Choices offered on the command line, from the content model's declarations.
KINDS = list(typing.get_args(CaseKind))
DURATIONS = list(typing.get_args(Duration))
ORG_KINDS = list(typing.get_args(OrgKind))

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
@click.option("--lang", type=click.Choice(LANGUAGES), default=default_language,
              help="Language of the messages (default: from the locale, LANG; Danish for da_*).")
@click.option("--translations", is_flag=True,
              help="Also fail when a translation is missing or outdated (see casebook status).")
def validate(root: Path, strict: bool, output: str, lang: str, translations: bool) -> None:
    """Check every content file and report all problems."""
    from casebook.core.issues import sort_issues
    from casebook.project.translations import translation_issues

    started = time.perf_counter()
    # Files unchanged since the last check or build are not parsed again (.cache/casebook/).
    cache = Cache.for_project(root)
    project = load_project(root, cache=cache, progress=Progress(_progress_log()))
    cache.save(["content"])
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


def _progress_log() -> logging.Logger:
    """Where the progress of a long check goes when the output is not a terminal: stderr, plainly."""
    log = logging.getLogger("casebook.cli")
    if not log.handlers:
        log.addHandler(logging.StreamHandler(sys.stderr))
        log.setLevel(logging.INFO)
        log.propagate = False
    return log


@cli.command()
@ROOT_OPTION
@click.option("--check", is_flag=True, help="Only check that the schemas in schemas/ are up to date.")
def schema(root: Path, check: bool) -> None:
    """Write the JSON Schemas (schemas/*.schema.json) for editor completion and inline errors."""
    from casebook.authoring.schema import SCHEMA_DIR, write_schemas

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
@click.option("--lang", type=click.Choice(LANGUAGES), default=default_language, help="Language of the report.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when a translation is missing or outdated.")
def status(root: Path, output: str, lang: str, strict: bool) -> None:
    """Which languages each story, page and catalogue introduction has, and which translations are outdated."""
    from casebook.project.translations import STATE_NAMES, State, command_name, translation_issues

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
        texts = counted(len(units), msg("{n} text"), msg("{n} texts"))
        line = msg("{texts}: {outdated} outdated, {missing} missing, {unrecorded} not recorded.", texts=texts,
                   outdated=counts[State.OUTDATED], missing=counts[State.MISSING],
                   unrecorded=counts[State.UNRECORDED])
        click.echo(translate(line, lang))
        for issue in gaps:
            click.echo(issue.format(lang))
    sys.exit(1 if strict and gaps else 0)


@cli.command()
@ROOT_OPTION
@click.argument("name")
@click.argument("lang", type=click.Choice(LANGUAGES))
def translated(root: Path, name: str, lang: str) -> None:
    """Record that NAME's LANG text is translated from its source as the source is now.

    NAME is a case slug, page:<name> for a hand-written page or catalogue:<slug>.
    """
    from casebook.project.translations import RECORD_FILE, Record, command_name, fingerprint, write_records

    project = load_project(root)
    unit = next((u for u in project.translations if command_name(u) == name), None)
    if unit is None:
        known = ", ".join(command_name(u) for u in project.translations)
        raise click.UsageError(f"no story, page or catalogue named '{name}' (known: {known})")
    if lang not in unit.texts:
        raise click.UsageError(f"{unit.paths[lang]} does not exist: write the translation first")
    sources = [lg for lg in unit.texts if lg != lang]
    if not sources:
        raise click.UsageError(f"{unit.paths[lang]} has no source in another language")
    source = unit.sources.get(lang, sources[0])
    record = Record(file=unit.paths[lang], source=unit.paths[source],
                    fingerprint=fingerprint(unit.texts[source]))
    records = dict(project.translation_records)
    records.pop(unit.paths[source], None)  # the source is not itself a translation any more
    records[record.file] = record
    write_records(project.content_dir / RECORD_FILE, records)
    click.echo(f"Recorded: {record.file} is translated from {record.source} as it is now "
               f"(fingerprint {record.fingerprint}).")


# --- casebook new ------------------------------------------------------------------------------

LANG_OPTION = click.option("--lang", type=click.Choice(LANGUAGES), default=default_language,
                           help="Language of the questions (default: from the locale).")
NO_INPUT_OPTION = click.option("--no-input", is_flag=True,
                               help="Never ask: fail if an answer is missing (for scripts).")


class _Asker:
    """Asks for what the flags did not give, checking each answer; with --no-input it only checks."""

    def __init__(self, lang: str, no_input: bool) -> None:
        self.lang = lang
        self.no_input = no_input

    def __call__(self, value: Any, flag: str, question: str, check: Any = None, default: Any = None,
                 kind: Any = None) -> Any:
        while True:
            if value is None:
                if self.no_input:
                    if default is not None:
                        value = default
                    else:
                        raise click.UsageError(translate(msg("{flag} is needed with --no-input", flag=flag),
                                                         self.lang))
                else:
                    value = click.prompt(translate(question, self.lang), default=default, type=kind)
            problem = check(value) if check else None
            if not problem:
                return value
            if self.no_input:
                raise click.UsageError(f"{flag}: {translate(problem, self.lang)}")
            click.echo(translate(problem, self.lang), err=True)
            value = None

    def confirm(self, question: str) -> bool:
        return not self.no_input and click.confirm(translate(question, self.lang), default=True)


def _check_id(taken: Any) -> Any:
    """A check for a new id (a slug): its form, and that ``taken(value)`` is false."""
    import re

    from casebook.model.fields import SLUG_PATTERN

    def check(value: str) -> str | None:
        if not re.match(SLUG_PATTERN, value):
            return msg("use lowercase letters a-z, digits and hyphens")
        if taken(value):
            return msg("'{name}' exists already", name=value)
        return None
    return check


def _check_slug(folder: Path) -> Any:
    return _check_id(lambda value: (folder / value).exists())


def _check_text(value: str) -> str | None:
    return msg("must not be empty") if not str(value).strip() else None


def _check_date(value: str) -> str | None:
    from pydantic_core import PydanticCustomError

    from casebook.model.fields import parse_partial_date

    try:
        parse_partial_date(str(value))
    except PydanticCustomError:
        return msg("expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2015-11")
    return None


def _finish(root: Path, written: list[Path], lang: str) -> None:
    """Validate what was written; refresh the editors' schemas; report."""
    from casebook.authoring.schema import write_schemas

    project = load_project(root)
    names = {project.relative(p) for p in written}
    folders = tuple(name.rsplit("/", 1)[0] + "/" for name in names)
    own = [i for i in project.issues if i.path.startswith(folders)]
    for issue in own:
        click.echo(issue.format(lang), err=True)
    if not project.errors:
        write_schemas(project)
    for path in sorted(names):
        click.echo(translate(msg("Wrote {file}", file=path), lang))
    sys.exit(1 if any(i.is_error for i in own) else 0)


@cli.group(invoke_without_command=True)
@ROOT_OPTION
@click.option("--slug", help="Folder name of the case, e.g. ibm-baba-workshop.")
@click.option("--title-da", help="Danish title.")
@click.option("--title-en", help="English title (a working title is fine).")
@click.option("--summary-da", help="One or two sentences in Danish.")
@click.option("--summary-en", help="One or two sentences in English.")
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--date", help="YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--partner", "partners", multiple=True, help="Organisation id, optionally id:role; repeat for each.")
@LANG_OPTION
@NO_INPUT_OPTION
@click.pass_context
def new(ctx: click.Context, root: Path, slug: str | None, title_da: str | None, title_en: str | None,
        summary_da: str | None, summary_en: str | None, kind: str | None, date: str | None,
        partners: tuple[str, ...], lang: str, no_input: bool) -> None:
    """Create a new case from a few questions (or flags); `new catalogue` and `new idea` for catalogues."""
    if ctx.invoked_subcommand is not None:
        return
    from casebook.authoring.scaffold import CaseAnswers, write_case

    project = load_project(root)
    if project.taxonomy is None or not project.organisations:
        raise click.UsageError(translate(msg("fix content/organisations.yml and content/taxonomy.yml first "
                                             "(casebook validate)"), lang))
    ask = _Asker(lang, no_input)
    title_da = ask(title_da, "--title-da", msg("Danish title"), _check_text)
    suggestion = slugify(title_da, max_length=60)
    slug = ask(slug, "--slug", msg("Folder name (slug)"), _check_slug(project.cases_dir),
               default=suggestion)
    title_en = ask(title_en, "--title-en", msg("English title (a working title is fine)"), _check_text)
    summary_da = ask(summary_da, "--summary-da", msg("Summary in Danish (one or two sentences)"), _check_text)
    summary_en = ask(summary_en, "--summary-en", msg("Summary in English"), _check_text)
    kind = ask(kind, "--kind", msg("Kind: partnership, programme or event"),
               kind=click.Choice(KINDS))
    date = ask(date, "--date", msg("Date (YYYY, YYYY-MM or YYYY-MM-DD)"), _check_date)
    chosen = _ask_partners(project, list(partners), ask, lang)
    written = write_case(project, CaseAnswers(slug, title_da, title_en, summary_da, summary_en, kind, date, chosen))
    _finish(root, written, lang)


def _ask_partners(project: Project, given: list[str], ask: _Asker, lang: str) -> list[tuple[str, str]]:
    from casebook.authoring.scaffold import OrganisationAnswers, add_organisation

    orgs = sorted(project.organisations.values(), key=lambda o: o.name.casefold())
    if not given:
        if ask.no_input:
            raise click.UsageError(translate(msg("{flag} is needed with --no-input", flag="--partner"), lang))
        for number, org in enumerate(orgs, 1):
            click.echo(f"  {number:>2}. {org.name} ({org.id})")
        answer = ask(None, "--partner", msg("Partners: numbers or ids from the list, separated by commas"),
                     _check_text)
        given = [token.strip() for token in answer.split(",") if token.strip()]
    chosen: list[tuple[str, str]] = []
    for token in given:
        org_id, _, role = token.partition(":")
        if org_id.isdigit() and 1 <= int(org_id) <= len(orgs):
            org_id = orgs[int(org_id) - 1].id
        if org_id not in project.organisations:
            if not ask.confirm(msg("'{org}' is not in content/organisations.yml. Add it?", org=org_id)):
                raise click.UsageError(translate(msg("unknown organisation '{org}'", org=org_id), lang))
            new_org = OrganisationAnswers(
                id=ask(None, "--partner", msg("Id of the new organisation"),
                       _check_id(set(project.organisations).__contains__), default=org_id),
                name=ask(None, "--partner", msg("Its name, as it writes it"), _check_text),
                kind=ask(None, "--partner", msg("Kind"), kind=click.Choice(ORG_KINDS)),
                description_da=ask(None, "--partner", msg("One sentence about it in Danish"), _check_text),
                description_en=ask(None, "--partner", msg("One sentence about it in English"), _check_text))
            add_organisation(project, new_org)
            project = load_project(project.root)
            org_id = new_org.id
        chosen.append((org_id, role or project.organisations[org_id].kind))
    return chosen


def _idea_options(command: Any) -> Any:
    for option in reversed([
        click.option("--id", "idea_id", help="Id of the idea, e.g. mentorkorps."),
        click.option("--idea-title-da"), click.option("--idea-title-en"),
        click.option("--description-da"), click.option("--description-en"),
        click.option("--first-step-da"), click.option("--first-step-en"),
        click.option("--hours", type=float, help="Hours per employee in all."),
        click.option("--duration", type=click.Choice(DURATIONS)),
        click.option("--cost", help="Cost band id from the taxonomy."),
        click.option("--size", "sizes", multiple=True, help="Company size id; repeat for each."),
        click.option("--example", "examples", multiple=True, help="Slug of a case that shows the idea."),
    ]):
        command = option(command)
    return command


def _ask_idea(project: Project, ask: _Asker, given: dict[str, Any]) -> Any:
    from casebook.authoring.scaffold import IdeaAnswers

    taxonomy = project.taxonomy
    assert taxonomy is not None
    costs = [t.id for t in taxonomy.costs]
    sizes = [t.id for t in taxonomy.company_sizes]

    def listed(value: Any) -> list[str]:
        """Flags give a list; an answer is a comma-separated line."""
        return value if isinstance(value, list) else [v.strip() for v in str(value).split(",") if v.strip()]

    def known(values: list[str]) -> Any:
        def check(value: Any) -> str | None:
            items = listed(value)
            bad = [v for v in items if v not in values]
            return msg("use one of: {items}", items=", ".join(values)) if bad or not items else None
        return check

    def new_id(value: str) -> str | None:
        return msg("'{name}' exists already", name=value) if value in project.ideas else _check_text(value)

    return IdeaAnswers(
        id=ask(given["idea_id"], "--id", msg("Id of the idea (lowercase, hyphens)"), new_id),
        title_da=ask(given["idea_title_da"], "--idea-title-da", msg("Title of the idea in Danish"), _check_text),
        title_en=ask(given["idea_title_en"], "--idea-title-en", msg("Title of the idea in English"), _check_text),
        description_da=ask(given["description_da"], "--description-da", msg("Description in Danish"), _check_text),
        description_en=ask(given["description_en"], "--description-en", msg("Description in English"),
                           _check_text),
        first_step_da=ask(given["first_step_da"], "--first-step-da", msg("A first step in Danish"), _check_text),
        first_step_en=ask(given["first_step_en"], "--first-step-en", msg("The first step in English"),
                          _check_text),
        hours=ask(given["hours"], "--hours", msg("Hours per employee in all"),
                  lambda v: None if float(v) > 0 else msg("give a number above 0"), kind=float),
        duration=ask(given["duration"], "--duration", msg("Duration: one-off, months or ongoing"),
                     kind=click.Choice(DURATIONS)),
        cost=ask(given["cost"], "--cost", msg("Cost band ({items})", items=", ".join(costs)), known(costs)),
        company_sizes=listed(ask(list(given["sizes"]) or None, "--size",
                                 msg("Company sizes it suits ({items}), separated by commas",
                                     items=", ".join(sizes)), known(sizes))),
        examples=listed(ask(list(given["examples"]) or None, "--example",
                            msg("Slugs of cases that show it, separated by commas"),
                            known(sorted(project.cases)))),
    )


@new.command("catalogue")
@ROOT_OPTION
@click.option("--slug", help="Folder name of the catalogue.")
@click.option("--title-da")
@click.option("--title-en")
@click.option("--intro-da")
@click.option("--intro-en")
@_idea_options
@LANG_OPTION
@NO_INPUT_OPTION
def new_catalogue(root: Path, slug: str | None, title_da: str | None, title_en: str | None, intro_da: str | None,
                  intro_en: str | None, lang: str, no_input: bool, **idea: Any) -> None:
    """Create an idea catalogue with its first idea."""
    from casebook.authoring.scaffold import write_catalogue

    project = load_project(root)
    ask = _Asker(lang, no_input)
    slug = ask(slug, "--slug", msg("Folder name of the catalogue (slug)"),
               _check_slug(project.content_dir / "catalogues"))
    title = (ask(title_da, "--title-da", msg("Danish title"), _check_text),
             ask(title_en, "--title-en", msg("English title"), _check_text))
    intro = (ask(intro_da, "--intro-da", msg("Introduction in Danish (one or two sentences)"), _check_text),
             ask(intro_en, "--intro-en", msg("Introduction in English"), _check_text))
    path = write_catalogue(project, slug, title, intro, _ask_idea(project, ask, idea))
    _finish(root, [path], lang)


@new.command("idea")
@ROOT_OPTION
@click.option("--catalogue", "catalogue_slug", help="Slug of the catalogue to add the idea to.")
@_idea_options
@LANG_OPTION
@NO_INPUT_OPTION
def new_idea(root: Path, catalogue_slug: str | None, lang: str, no_input: bool, **idea: Any) -> None:
    """Add an idea to a catalogue."""
    from casebook.authoring.scaffold import append_idea

    project = load_project(root)
    ask = _Asker(lang, no_input)
    slugs = sorted(project.catalogues)
    catalogue_slug = ask(catalogue_slug, "--catalogue", msg("Catalogue ({items})", items=", ".join(slugs)),
                         lambda v: None if v in slugs else msg("use one of: {items}", items=", ".join(slugs)))
    path = project.catalogues[catalogue_slug].folder / "catalogue.yml"
    answers = _ask_idea(project, ask, idea)
    try:
        before = append_idea(path, answers)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    after = load_project(root)
    if after.errors:  # never leave a broken catalogue behind
        problems = [i for i in after.issues if i.path == project.relative(path)]
        path.write_text(before, encoding="utf-8")
        for issue in problems:
            click.echo(issue.format(lang), err=True)
        sys.exit(1)
    _finish(root, [path], lang)


@cli.command()
@ROOT_OPTION
@click.option("--check", is_flag=True, help="Only check that the field tables in the guides are up to date.")
def guide(root: Path, check: bool) -> None:
    """Regenerate the field tables of the writing guides (docs/) from the content model."""
    from casebook.authoring.guide import update_guides

    changed = update_guides(root, check=check)
    for path in changed:
        click.echo(f"{path.relative_to(root)} {'is out of date (run: casebook guide)' if check else 'updated'}",
                   err=check)
    sys.exit(1 if check and changed else 0)
