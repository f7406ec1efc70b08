"""The beginning of a build (on_config): load and validate all content (files unchanged since the last
build come from .cache/casebook/, casebook/core/cache.py); stop before anything is built if it has
errors, or under `mkdocs serve` keep showing the last good build; plan the site, check Casebook's
settings (casebook/site/settings.py), the accessibility statement's date (casebook/site/statement.py)
and whether the editors' JSON Schemas in schemas/ are up to date (a build never rewrites them)."""

from __future__ import annotations

import datetime
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from casebook.authoring.schema import stale_schemas
from casebook.core.cache import Cache
from casebook.core.issues import sort_issues, summary
from casebook.core.languages import DEFAULT_LANGUAGE
from casebook.core.messages import default_language, msg
from casebook.core.progress import BuildSummary, Progress
from casebook.plugin import parallel, rebuild
from casebook.plugin.build import Build
from casebook.plugin.report import log_issues, report_translations, say, stopped
from casebook.plugin.serve import Preview, ServeSession
from casebook.project import Project, load_project
from casebook.publish import pdf
from casebook.publish.atomic import Publisher, source_date_epoch
from casebook.publish.images import ImageStore
from casebook.site.address import address_issues
from casebook.site.links import content_files, root_link_issues
from casebook.site.plan import SitePlan
from casebook.site.settings import Given, parallel_wanted, read_config, translations_required
from casebook.site.statement import statement_issues
from casebook.site.urls import Site

log = logging.getLogger("mkdocs.plugins.casebook")


def start_build(config: MkDocsConfig, given: Given, serve: ServeSession | None, *, dirty: bool) -> Build:
    """A fresh build of the project ``config`` describes; raises Abort when nothing can be built. Under
    `mkdocs build` the other languages' pages are built by a second process, started first
    (casebook/plugin/parallel.py); in that process, only those pages."""
    root = Path(config.config_file_path).parent
    # Sitemap dates come from SOURCE_DATE_EPOCH; pin it to the commit unless the caller set it.
    if "SOURCE_DATE_EPOCH" not in os.environ:  # (git is asked once: the preview's rebuilds find it set)
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(root)
    child = parallel.part_languages() if serve is None else None
    site_dir = Path(config.site_dir)
    publisher = Publisher(site_dir, site_dir if child is not None else None)
    part = None
    if serve is None and child is None and parallel_wanted(given) and not parallel.switched_off() \
            and parallel.worth_it(root):
        part = parallel.start_part(config, publisher, DEFAULT_LANGUAGE)
    try:
        build = _start(config, given, serve, dirty=dirty, publisher=publisher)
    except BaseException:
        if part is not None:
            part.stop()
        raise
    if part is not None:
        build.part, build.languages = part, (DEFAULT_LANGUAGE,)
    elif child is not None:
        build.part_of, build.languages = build.publisher.staging, child
        parallel.child_config(config)
        parallel.capture_records(build.publisher.staging)
    return build


def _start(config: MkDocsConfig, given: Given, serve: ServeSession | None, *, dirty: bool,
           publisher: Publisher) -> Build:
    root = Path(config.config_file_path).parent
    preview = serve.preview(root, Path(config.site_dir)) if serve is not None else None
    lang = default_language()  # the build speaks the author's language, as `casebook validate` does
    counts = BuildSummary()
    cache = preview.cache if preview is not None else Cache.for_project(root)
    cache.stats.clear()  # counted per build
    progress = Progress(log, lang=lang)
    # A preview rebuild after a change of stories alone starts from the served build (casebook/plugin/rebuild.py).
    again = rebuild.start(preview, config, cache) if preview is not None else rebuild.Rebuild()
    project = again.project or load_project(root, content_dir=Path(config.docs_dir), cache=cache, progress=progress)
    # (Stories read alone use a few entries: the others stay, for the next full load.)
    cache.save(["content", "image"], partial=again.change is not None, later=again.change is not None)
    log_issues(project.issues, lang)
    report_translations(project, translations_required(given), lang)
    broken = project.cases_with_errors()
    counts.cases, counts.broken_cases = len(set(project.cases) - broken), len(broken)
    counts.errors, counts.warnings = len(project.errors), len(project.warnings)
    known = preview.image_files if preview is not None else None
    common: dict[str, Any] = {"publisher": publisher, "site": Site(config.site_url),
                              "cache": cache, "progress": progress, "summary": counts,
                              "images": ImageStore.for_cache(cache, known), "lang": lang}
    if preview is not None:
        common |= {"preview": preview.state, "indexer": preview.indexer}
    build = _kept(project, preview, common) if project.errors else _planned(project, config, given, preview, common,
                                                                             again)
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
        raise stopped(project.issues, msg("Nothing was built; fix the problems above."), common["lang"])
    say(msg("{summary} The preview keeps showing the last good version.",
            summary=summary(project.issues, common["lang"])), common["lang"], logging.ERROR)
    good = preview.last_good
    return Build(good.project, good.plan, good.pages, settings=good.settings,
                 problems=[i for i in project.issues if i.is_error], **common)


def _planned(project: Project, config: MkDocsConfig, given: Given, preview: Preview | None,
             common: dict[str, Any], again: rebuild.Rebuild) -> Build:
    """Good content: the site planned, the settings checked against its pages and files, the
    accessibility statement's date against the day of the build, and the editors' schemas against the content."""
    # The preview skips the PDFs: they take about a second per catalogue and language.
    plan = (rebuild.reused_plan(preview, again) if preview is not None else None) \
        or SitePlan(project, preview=preview is not None, pdf=pdf.available() and preview is None)
    if preview is not None:
        preview.state.touched = again.touched
    settings, problems = read_config(given, plan.page_urls,
                                     [Path(config.docs_dir), *(Path(folder) for folder in config.theme.dirs)])
    problems += statement_issues(project, settings, build_day())
    problems += address_issues(config.site_url, Path(config.config_file_path))
    problems += stale_schemas(project)  # a warning: tracked files are `casebook schema`'s to write
    log_issues(problems, common["lang"])
    common["summary"].warnings += sum(1 for issue in problems if not issue.is_error)
    if any(issue.is_error for issue in problems):
        raise stopped(problems, msg("Nothing was built; fix the setting in mkdocs.yml."), common["lang"])
    # Links from the site's root in the content, checked against every file the site publishes: errors of
    # the content, which stop the build (the preview keeps its last good version and shows them).
    outputs = [*plan.outputs(), *settings.outputs(), *content_files(project)]
    # (After a change of stories alone, only theirs: the others were checked against the same files.)
    if links := (rebuild.story_link_issues(again, outputs) if again.touched is not None
                 else root_link_issues(project, outputs)):
        log_issues(links, common["lang"])
        project.issues = sort_issues([*project.issues, *links])
        common["summary"].errors += len(links)
        return _kept(project, preview, common)
    build = Build(project, plan, rebuild.pages_by_source(preview, plan) if preview is not None else
                  {p.src_uri: p for p in plan.pages}, settings=settings, **common)
    if preview is not None:
        preview.last_good = build
    return build
