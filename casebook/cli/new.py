"""``casebook new``: a new case, catalogue or idea from a few questions (or flags), valid from the start.

The questions offer what the content model declares: the kinds and durations its fields allow, and for
a referring field the ids of what it refers to (:mod:`casebook.authoring.vocabulary`). The files are
written by :mod:`casebook.authoring.scaffold`, then validated at once.
"""

from __future__ import annotations

import sys
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from casebook.authoring.scaffold import (
    CaseAnswers,
    IdeaAnswers,
    OrganisationAnswers,
    add_organisation,
    append_idea,
    write_case,
    write_catalogue,
)
from casebook.authoring.schema import write_schemas
from casebook.authoring.vocabulary import offered
from casebook.cli.asking import (
    Asker,
    check_date,
    check_id,
    check_slug,
    check_text,
    is_undated,
    listed,
    one_of,
    some_of,
)
from casebook.cli.figure import ask_figure, figure_options
from casebook.cli.options import ROOT_OPTION, Choice, echo_issues, lang_option
from casebook.core.messages import msg, translate
from casebook.core.slugs import slugify
from casebook.model.case import CaseKind
from casebook.model.catalogue import Duration, Idea
from casebook.model.fields import OrgKind
from casebook.project import Project, load_project
from casebook.project.entries import CATALOGUE_FILE

# Choices offered on the command line, from the content model's declarations.
KINDS = list(typing.get_args(CaseKind))
DURATIONS = list(typing.get_args(Duration))
ORG_KINDS = list(typing.get_args(OrgKind))

LANG_OPTION = lang_option("Language of the questions (default: from the locale).")
NO_INPUT_OPTION = click.option("--no-input", is_flag=True,
                               help="Never ask: fail if an answer is missing (for scripts).")


@click.group(invoke_without_command=True)
@ROOT_OPTION
@click.option("--slug", help="Folder name of the case, e.g. ibm-baba-workshop.")
@click.option("--title-da", help="Danish title.")
@click.option("--title-en", help="English title (a working title is fine).")
@click.option("--summary-da", help="One or two sentences in Danish.")
@click.option("--summary-en", help="One or two sentences in English.")
@click.option("--kind", type=Choice(KINDS))
@click.option("--date", help="YYYY, YYYY-MM or YYYY-MM-DD, or 'undated' when the sources give no date.")
@click.option("--date-note-da", help="For an undated case: what the sources say of when, in Danish.")
@click.option("--date-note-en", help="The same in English (needed with --date-note-da).")
@click.option("--partner", "partners", multiple=True, help="Organisation id, optionally id:role; repeat for each.")
@figure_options
@LANG_OPTION
@NO_INPUT_OPTION
@click.pass_context
def new(ctx: click.Context, /, root: Path, slug: str | None, title_da: str | None, title_en: str | None,
        summary_da: str | None, summary_en: str | None, kind: str | None, date: str | None,
        date_note_da: str | None, date_note_en: str | None, partners: tuple[str, ...], lang: str,
        no_input: bool, **figure: Any) -> None:
    """Create a new case from a few questions (or flags); `new catalogue` and `new idea` for catalogues."""
    if ctx.invoked_subcommand is not None:
        return
    project = load_project(root)
    if project.taxonomy is None or not project.organisations:
        raise click.UsageError(translate(msg("fix content/organisations.yml and content/taxonomy.yml first "
                                             "(casebook validate)"), lang))
    ask = Asker(lang, no_input)
    title_da = ask(title_da, "--title-da", msg("Danish title"), check_text)
    suggestion = slugify(title_da, max_length=60)
    slug = ask(slug, "--slug", msg("Folder name (slug)"), check_slug(project.cases_dir),
               default=suggestion)
    title_en = ask(title_en, "--title-en", msg("English title (a working title is fine)"), check_text)
    summary_da = ask(summary_da, "--summary-da", msg("Summary in Danish (one or two sentences)"), check_text)
    summary_en = ask(summary_en, "--summary-en", msg("Summary in English"), check_text)
    kind = ask(kind, "--kind", msg("Kind: partnership, programme or event"),
               kind=click.Choice(KINDS))
    date = ask(date, "--date", msg("Date (YYYY, YYYY-MM or YYYY-MM-DD), or 'undated' when the sources give none"),
               check_date)
    if not is_undated(date) and (date_note_da or date_note_en):
        raise click.UsageError(translate(msg("--date-note-da and --date-note-en are for an undated case "
                                             "(--date undated)"), lang))
    note = _ask_date_note(ask, date_note_da, date_note_en) if is_undated(date) else None
    chosen = _ask_partners(project, list(partners), ask)
    key_figure = ask_figure(project, ask, figure)
    written = write_case(project, CaseAnswers(slug, title_da, title_en, summary_da, summary_en, kind,
                                              None if is_undated(date) else date, chosen, note, key_figure))
    _finish(root, written, lang)


def _ask_date_note(ask: Asker, note_da: str | None, note_en: str | None) -> tuple[str, str] | None:
    """An undated case's note in both languages of what the sources say of when; none if the Danish is empty."""
    note_da = ask(note_da, "--date-note-da", msg("What the sources say of when, in Danish, e.g. "
                                                 "'efterår, år ikke oplyst' (leave empty for none)"), default="")
    if not note_da.strip():
        return None
    note_en = ask(note_en, "--date-note-en", msg("The same in English, e.g. 'autumn, year not given'"), check_text)
    return note_da.strip(), note_en.strip()


def _ask_partners(project: Project, given: list[str], ask: Asker) -> list[tuple[str, str]]:
    """(organisation id, role) for each partner: an id or a number from the listed organisations, with
    an unknown organisation added to content/organisations.yml if the author agrees."""
    orgs = sorted(project.organisations.values(), key=lambda o: o.name.casefold())
    if not given:
        if ask.no_input:
            raise ask.missing("--partner")
        for number, org in enumerate(orgs, 1):
            click.echo(f"  {number:>2}. {org.name} ({org.id})")
        answer = ask(None, "--partner", msg("Partners: numbers or ids from the list, separated by commas"),
                     check_text)
        given = [token.strip() for token in answer.split(",") if token.strip()]
    chosen: list[tuple[str, str]] = []
    for token in given:
        org_id, _, role = token.partition(":")
        if org_id.isdigit() and 1 <= int(org_id) <= len(orgs):
            org_id = orgs[int(org_id) - 1].id
        if org_id not in project.organisations:
            if not ask.confirm(msg("'{org}' is not in content/organisations.yml. Add it?", org=org_id)):
                raise click.UsageError(translate(msg("unknown organisation '{org}'", org=org_id), ask.lang))
            org_id = _add_organisation(project, org_id, ask)
            project = load_project(project.root)
        chosen.append((org_id, role or project.organisations[org_id].kind))
    return chosen


def _add_organisation(project: Project, suggested_id: str, ask: Asker) -> str:
    """Ask about a new organisation and add it to content/organisations.yml; return its id."""
    answers = OrganisationAnswers(
        id=ask(None, "--partner", msg("Id of the new organisation"),
               check_id(set(project.organisations).__contains__), default=suggested_id),
        name=ask(None, "--partner", msg("Its name, as it writes it"), check_text),
        kind=ask(None, "--partner", msg("Kind"), kind=click.Choice(ORG_KINDS)),
        description_da=ask(None, "--partner", msg("One sentence about it in Danish"), check_text),
        description_en=ask(None, "--partner", msg("One sentence about it in English"), check_text),
        source=ask(None, "--partner", msg("The title of the text those sentences come from"), check_text))
    add_organisation(project, answers)
    return answers.id


def _finish(root: Path, written: list[Path], lang: str) -> None:
    """Validate what was written; refresh the editors' schemas; report."""
    project = load_project(root)
    names = {project.relative(p) for p in written}
    folders = tuple(name.rsplit("/", 1)[0] + "/" for name in names)
    own = [i for i in project.issues if i.path.startswith(folders)]
    echo_issues(own, lang, err=True)
    if not project.errors:
        write_schemas(project)
    for path in sorted(names):
        click.echo(translate(msg("Wrote {file}", file=path), lang))
    sys.exit(1 if any(i.is_error for i in own) else 0)


def _idea_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The flags answering an idea's questions, shared by ``new catalogue`` and ``new idea``."""
    for option in reversed([
        click.option("--id", "idea_id", help="Id of the idea, e.g. mentorkorps."),
        click.option("--idea-title-da"), click.option("--idea-title-en"),
        click.option("--description-da"), click.option("--description-en"),
        click.option("--first-step-da"), click.option("--first-step-en"),
        click.option("--hours", type=float, help="Hours per employee in all."),
        click.option("--duration", type=Choice(DURATIONS)),
        click.option("--cost", help="Cost band id from the taxonomy."),
        click.option("--size", "sizes", multiple=True, help="Company size id; repeat for each."),
        click.option("--example", "examples", multiple=True, help="Slug of a case that shows the idea."),
    ]):
        command = option(command)
    return command


def _ask_idea(project: Project, ask: Asker, given: dict[str, Any]) -> IdeaAnswers:
    """An idea's answers; the cost band, company sizes and example cases offered are the ids the
    idea's fields refer to."""
    assert project.taxonomy is not None  # as before: the catalogue commands need a readable taxonomy
    ids = offered(project, Idea)

    def new_id(value: str) -> str | None:
        return msg("'{name}' exists already", name=value) if value in project.ideas else check_text(value)

    return IdeaAnswers(
        id=ask(given["idea_id"], "--id", msg("Id of the idea (lowercase, hyphens)"), new_id),
        title_da=ask(given["idea_title_da"], "--idea-title-da", msg("Title of the idea in Danish"), check_text),
        title_en=ask(given["idea_title_en"], "--idea-title-en", msg("Title of the idea in English"), check_text),
        description_da=ask(given["description_da"], "--description-da", msg("Description in Danish"), check_text),
        description_en=ask(given["description_en"], "--description-en", msg("Description in English"),
                           check_text),
        first_step_da=ask(given["first_step_da"], "--first-step-da", msg("A first step in Danish"), check_text),
        first_step_en=ask(given["first_step_en"], "--first-step-en", msg("The first step in English"),
                          check_text),
        hours=ask(given["hours"], "--hours", msg("Hours per employee in all"),
                  lambda v: None if float(v) > 0 else msg("give a number above 0"), kind=float),
        duration=ask(given["duration"], "--duration", msg("Duration: one-off, months or ongoing"),
                     kind=click.Choice(DURATIONS)),
        cost=ask(given["cost"], "--cost", msg("Cost band ({items})", items=", ".join(ids["cost"])),
                 some_of(ids["cost"])),
        company_sizes=listed(ask(list(given["sizes"]) or None, "--size",
                                 msg("Company sizes it suits ({items}), separated by commas",
                                     items=", ".join(ids["company_sizes"])), some_of(ids["company_sizes"]))),
        examples=listed(ask(list(given["examples"]) or None, "--example",
                            msg("Slugs of cases that show it, separated by commas"), some_of(ids["examples"]))),
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
    project = load_project(root)
    ask = Asker(lang, no_input)
    slug = ask(slug, "--slug", msg("Folder name of the catalogue (slug)"),
               check_slug(project.content_dir / "catalogues"))
    title = (ask(title_da, "--title-da", msg("Danish title"), check_text),
             ask(title_en, "--title-en", msg("English title"), check_text))
    intro = (ask(intro_da, "--intro-da", msg("Introduction in Danish (one or two sentences)"), check_text),
             ask(intro_en, "--intro-en", msg("Introduction in English"), check_text))
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
    project = load_project(root)
    ask = Asker(lang, no_input)
    slugs = sorted(project.catalogues)
    catalogue_slug = ask(catalogue_slug, "--catalogue", msg("Catalogue ({items})", items=", ".join(slugs)),
                         one_of(slugs))
    path = project.catalogues[catalogue_slug].folder / CATALOGUE_FILE
    answers = _ask_idea(project, ask, idea)
    try:
        before = append_idea(path, answers)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    after = load_project(root)
    if after.errors:  # never leave a broken catalogue behind
        path.write_text(before, encoding="utf-8")
        echo_issues([i for i in after.issues if i.path == project.relative(path)], lang, err=True)
        sys.exit(1)
    _finish(root, [path], lang)
