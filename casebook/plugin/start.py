"""The beginning of a build (on_config): load and validate all content (files unchanged since the last
build come from .cache/casebook/, casebook/core/cache.py); stop before anything is built if it has
errors, or under `mkdocs serve` keep showing the last good build; plan the site, check Casebook's
settings (casebook/site/settings.py) and the accessibility statement's date (casebook/site/statement.py),
and refresh the editors' JSON Schemas in schemas/."""

from __future__ import annotations

import datetime
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from casebook.authoring.schema import write_schemas
from casebook.core.cache import Cache
from casebook.core.issues import sort_issues, summary
from casebook.core.progress import BuildSummary, Progress
from casebook.plugin.build import Build
from casebook.plugin.report import log_issues, report_translations
from casebook.plugin.serve import Preview, ServeSession
from casebook.project import Project, load_project
from casebook.publish import pdf
from casebook.publish.atomic import Publisher, source_date_epoch
from casebook.publish.images import ImageStore
from casebook.site.address import address_issues
from casebook.site.links import content_files, root_link_issues
from casebook.site.plan import SitePlan
from casebook.site.settings import Given, read_config, translations_required
from casebook.site.statement import statement_issues
from casebook.site.urls import Site

log = logging.getLogger("mkdocs.plugins.casebook")


def start_build(config: MkDocsConfig, given: Given, serve: ServeSession | None, *, dirty: bool) -> Build:
    """A fresh build of the project ``config`` describes; raises Abort when nothing can be built."""
    root = Path(config.config_file_path).parent
    # Sitemap dates come from SOURCE_DATE_EPOCH; pin it to the commit unless the caller set it.
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(root))
    preview = serve.preview(root, Path(config.site_dir)) if serve is not None else None
    counts = BuildSummary()
    cache = preview.cache if preview is not None else Cache.for_project(root)
    cache.stats.clear()  # counted per build
    progress = Progress(log)
    project = load_project(root, content_dir=Path(config.docs_dir), cache=cache, progress=progress)
    cache.save(["content", "image"])
    log_issues(project.issues)
    report_translations(project, translations_required(given))
    counts.cases, counts.errors, counts.warnings = len(project.cases), len(project.errors), len(project.warnings)
    common: dict[str, Any] = {"publisher": Publisher(Path(config.site_dir)), "site": Site(config.site_url),
                              "cache": cache, "progress": progress, "summary": counts,
                              "images": ImageStore.for_cache(cache)}
    if preview is not None:
        common |= {"preview": preview.state, "indexer": preview.indexer}
    build = _kept(project, preview, common) if project.errors else _planned(project, config, given, preview, common)
    # The preview renders only changed pages into an empty staging folder and merges them in.
    config.site_dir = str(build.publisher.prepare(keep_existing=dirty and preview is None))
    if preview is not None or not config.site_url:
        # The preview leaves it out (see casebook/plugin/steps.py); a sitemap names only full addresses.
        config.theme.static_templates.discard("sitemap.xml")
    # Links from the site's root in content are Casebook's to check and resolve (casebook/site/links.py):
    # MkDocs' INFO line about each of them says nothing an author has to act on.
    config.validation.links.absolute_links = logging.DEBUG
    return build


def build_day() -> datetime.date:
    """The day the build speaks for: SOURCE_DATE_EPOCH's (the last commit's, see start_build), or today
    where it is unset or 0 (outside git)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit() and int(epoch) > 0:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.datetime.now(datetime.UTC).date()


def _kept(project: Project, preview: Preview | None, common: dict[str, Any]) -> Build:
    """Content with errors: `mkdocs serve` keeps serving the last good site and shows the problems on
    its pages (this build only goes to a staging folder that is thrown away); else nothing is built."""
    if preview is None or preview.last_good is None:
        raise Abort(f"{summary(project.issues)} Nothing was built; fix the problems above.")
    log.error("%s The preview keeps showing the last good version.", summary(project.issues))
    good = preview.last_good
    return Build(good.project, good.plan, good.pages, settings=good.settings,
                 problems=[i.format() for i in project.issues if i.is_error], **common)


def _planned(project: Project, config: MkDocsConfig, given: Given, preview: Preview | None,
             common: dict[str, Any]) -> Build:
    """Good content: the site planned, the settings checked against its pages and files, and the
    accessibility statement's date against the day of the build."""
    # The preview skips the PDFs: they take about a second per catalogue and language.
    plan = SitePlan(project, preview=preview is not None, pdf=pdf.available() and preview is None)
    settings, problems = read_config(given, {p.url for p in plan.pages},
                                     [Path(config.docs_dir), *(Path(folder) for folder in config.theme.dirs)])
    problems += statement_issues(project, settings, build_day())
    problems += address_issues(config.site_url, Path(config.config_file_path))
    log_issues(problems)
    common["summary"].warnings += sum(1 for issue in problems if not issue.is_error)
    if any(issue.is_error for issue in problems):
        raise Abort(f"{summary(problems)} Nothing was built; fix the setting in mkdocs.yml.")
    # Links from the site's root in the content, checked against every file the site publishes: errors of
    # the content, which stop the build (the preview keeps its last good version and shows them).
    if links := root_link_issues(project, [*plan.outputs(), *settings.outputs(), *content_files(project)]):
        log_issues(links)
        project.issues = sort_issues([*project.issues, *links])
        common["summary"].errors += len(links)
        return _kept(project, preview, common)
    # Editors' schemas follow the content: a new organisation is offered after the next build.
    for path in write_schemas(project):
        log.info("Schemas: updated %s.", project.relative(path))
    build = Build(project, plan, {p.src_uri: p for p in plan.pages}, settings=settings, **common)
    if preview is not None:
        preview.last_good = build
    return build
