"""``casebook cms``: the configuration of the CMS at /admin/ (``cms/config.yml``), generated from the
content model and the ``cms`` setting of ``mkdocs.yml``, written or (with ``--check``) checked."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from pydantic import ValidationError

from casebook.authoring.cms import cms_config, dump, form_texts
from casebook.cli.options import ROOT_OPTION, lang_option
from casebook.core.messages import msg, translate
from casebook.project import load_project
from casebook.site.cms_backend import CMS_CONFIG, PROBLEMS, CmsBackend, casebook_settings, read_mkdocs, site_url_of
from casebook.site.strings import load_strings


def generated(root: Path) -> tuple[str, CmsBackend | None]:
    """The text ``cms/config.yml`` should hold for the project at ``root``, and the ``cms`` setting it names
    (raises ValidationError for a wrong setting)."""
    mkdocs = read_mkdocs(root / "mkdocs.yml")
    given = casebook_settings(mkdocs).get("cms")
    backend = CmsBackend.model_validate(given) if given is not None else None
    taxonomy = load_project(root).taxonomy
    names = {sdg.number: sdg.da for sdg in taxonomy.sdgs} if taxonomy else {}
    return dump(cms_config(form_texts(names, load_strings()), backend, site_url_of(mkdocs))), backend


@click.command()
@ROOT_OPTION
@click.option("--check", is_flag=True, help="Only check that cms/config.yml is up to date.")
@lang_option("Language of the messages: da or en (default: from the locale).")
def cms(root: Path, check: bool, lang: str) -> None:
    """Write the CMS configuration (cms/config.yml) from the content model and the cms setting."""
    try:
        text, backend = generated(root)
    except ValidationError as error:
        first = error.errors()[0]
        message, hint = PROBLEMS.get(first["type"], (first["msg"], ""))
        problem = msg(message, **first.get("ctx", {}))
        click.echo(translate(msg("mkdocs.yml: the cms setting is not valid: {problem}", problem=problem), lang)
                   + (f" ({translate(msg(hint), lang)})" if hint else ""), err=True)
        sys.exit(1)
    path = root / CMS_CONFIG
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if backend is None or not backend.repo:
        click.echo(translate(msg("warning: no repository is set for the CMS (extra.casebook.cms.repo in mkdocs.yml), "
                                 "so {path} names a placeholder and /admin/ cannot publish", path=CMS_CONFIG), lang),
                   err=True)
    if check:
        if current != text:
            click.echo(translate(msg("{path} is out of date with the content model (run: casebook cms)",
                                     path=CMS_CONFIG), lang), err=True)
            sys.exit(1)
        return
    if current == text:
        click.echo(translate(msg("{path} is up to date.", path=CMS_CONFIG), lang))
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(translate(msg("Wrote {path}.", path=CMS_CONFIG), lang))
