"""A preview rebuild (`mkdocs serve`) that costs what the change costs.

The served folder holds the pages of one build (:attr:`Preview.served`), made from the content as
:attr:`Preview.stamps` describes it. When a rebuild finds that only the text of stories changed
(casebook/project/changes.py), it starts from that build instead of reading and planning everything again:

- the project is the served one with those stories read again (their problems, images and translation
  states with them): what :func:`~casebook.project.load_project` would read;
- the plan is the served one: a story's text is no part of any page's data, only the source of its
  case's page. When a story's translation status changed, its case's pages are planned again
  (:meth:`~casebook.site.plan.SitePlan.with_cases_replanned`);
- the pages to render are the case pages whose source or data changed (:attr:`PreviewState.touched`);
  every other page keeps its fingerprint (casebook/plugin/skipping.py).

Anything else (a case's facts, an organisation, the taxonomy, a catalogue, a page, a file added or
removed, an image) reads and plans everything again, as the first build did; mkdocs.yml, templates and
strings are covered by the fingerprint every page shares, whichever way the project was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from casebook.core.cache import Cache
from casebook.core.issues import Issue
from casebook.plugin.build import Build
from casebook.plugin.serve import Preview
from casebook.project import Project
from casebook.project.changes import Stamps, StoryChange, reload_stories
from casebook.site.links import root_link_issues
from casebook.site.plan import SitePlan
from casebook.site.views import Page


@dataclass
class Rebuild:
    """What a preview rebuild starts from: the project, and when only stories changed, the plan to reuse."""

    project: Project | None = None  # None: load the project
    change: StoryChange | None = None
    touched: set[str] | None = field(default=None)  # see PreviewState.touched


def content_folders(config: MkDocsConfig) -> tuple[Path, Path]:
    """The folders whose files the project is read from (load_project's defaults)."""
    return (Path(config.config_file_path).parent / "cases").resolve(), Path(config.docs_dir).resolve()


def start(preview: Preview, config: MkDocsConfig, cache: Cache) -> Rebuild:
    """Stamp the content (before it is read: a change made while it is read counts next time), and find
    whether the served build can be brought up to date with the stories that changed."""
    preview.state.touched, preview.token = None, preview.state.token
    served, before = preview.served, preview.stamps
    stamps = preview.scanned = _stamped(preview) or Stamps.scan(*content_folders(config))
    if served is None or before is None or served.problems or not preview.state.valid_for(served.publisher.site_dir):
        return Rebuild()
    changed = before.changed_files(stamps)
    if changed is None:
        return Rebuild()
    change = reload_stories(served.project, changed, cache)
    return Rebuild(change.project, change) if change is not None else Rebuild()


def _stamped(preview: Preview) -> Stamps | None:
    """The stamps the last rebuild took, with the files the system told of as changed since then stamped
    again, when the system's log tells all that changed since those were taken; None: scan."""
    if preview.changes is None:
        return None
    changed, last = preview.changes.take(), preview.scanned
    if changed is None or last is None or last.taken_ns <= preview.changes.started_ns:
        return None
    return last.updated(changed)


def reused_plan(preview: Preview, rebuild: Rebuild) -> SitePlan | None:
    """The served build's plan for the rebuilt project, when only stories changed; the pages it may render
    are set in ``rebuild.touched``."""
    served, change = preview.served, rebuild.change
    if served is None or change is None:
        return None
    plan = served.plan
    if change.states:
        replanned = plan.with_cases_replanned(change.project, change.states)
        if replanned is None:
            return None
        plan = replanned
    by_source, by_case = _page_index(preview, plan)
    rebuild.touched = {uri for source in change.sources for uri in by_source.get(source, ())} \
        | {uri for slug in change.states for uri in by_case.get(slug, ())}
    return plan


def _page_index(preview: Preview, plan: SitePlan) -> tuple[dict[Path, list[str]], dict[str, list[str]]]:
    """The plan's pages (src_uri) by their Markdown source and the case pages by their case, made once
    per plan (a plan made from it with some cases planned again has the same pages at the same names)."""
    kept = preview.page_index
    if kept is not None and plan.same_pages_as(kept[0]):
        index = kept[1], kept[2]
    else:
        by_source: dict[Path, list[str]] = {}
        by_case: dict[str, list[str]] = {}
        for page in plan.pages:
            if page.source_path is not None:
                by_source.setdefault(page.source_path, []).append(page.src_uri)
            if page.template == "casebook/case.html":
                by_case.setdefault(page.data["case"].slug, []).append(page.src_uri)
        index = by_source, by_case
    preview.page_index = (plan, *index)
    return index


def pages_by_source(preview: Preview, plan: SitePlan) -> dict[str, Page]:
    """The plan's pages by src_uri; for a plan reused from the served build, from the served build's."""
    served = preview.served
    if served is None or not plan.same_pages_as(served.plan):
        return {page.src_uri: page for page in plan.pages}
    if plan is served.plan:
        return served.pages  # the same pages (never changed once planned)
    pages = dict(served.pages)
    kept = {id(page) for page in served.plan.pages}
    pages.update((page.src_uri, page) for page in plan.pages if id(page) not in kept)
    return pages


def story_link_issues(rebuild: Rebuild, outputs: list[str]) -> list[Issue]:
    """The links from the site's root in the stories read again (the others were checked against the same
    outputs, the plan's)."""
    assert rebuild.change is not None, "only stories changed"
    project = rebuild.change.project
    read_again = Project(project.root, project.content_dir, project.cases_dir,
                         cases={slug: project.cases[slug] for slug in sorted(rebuild.change.slugs)})
    return root_link_issues(read_again, outputs)


def finished(preview: Preview, build: Build) -> None:
    """After the post-build: when the rebuild's pages were published into the served folder, the next
    rebuild may start from them."""
    if preview.state.token != preview.token and not build.problems:
        preview.served, preview.stamps, preview.state.shared = build, preview.scanned, preview.state.building
        preview.image_files = build.images.found


def failed(preview: Preview) -> None:
    """A rebuild stopped: what the served folder holds is no longer known page by page."""
    preview.served = preview.stamps = None
    preview.state.shared = ""
