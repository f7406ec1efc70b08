"""What a preview rebuild (`mkdocs serve`) leaves out: the pages whose fingerprint did not change
(casebook/publish/preview.py) and the static files not touched since they were copied. They stay in
MkDocs' files, for links to resolve, but excluded from this build."""

from __future__ import annotations

import copy
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from casebook.core.fingerprints import fingerprint, stable_repr
from casebook.plugin.build import Build
from casebook.plugin.files import inclusion, site_names
from casebook.publish.preview import FileStamp, PreviewState, page_fingerprint, shared_fingerprint


def kept_as_served(build: Build) -> set[str] | None:
    """The pages (src_uri) a preview rebuild after a change of stories alone may keep as served, before
    what all pages share is compared (:func:`skip_unchanged` settles them); None: not such a rebuild."""
    state = build.preview
    if state is None or state.touched is None or build.problems or not state.valid_for(build.publisher.site_dir):
        return None
    return set(build.pages) - state.touched


def skip_unchanged(build: Build, state: PreviewState, pages: list[File], files: Files, config: MkDocsConfig) -> None:
    """Exclude from this rebuild what the served folder already holds as it would be made now."""
    if build.problems:
        # The content has errors: the preview keeps its pages and shows the problems, nothing to render.
        for file in pages:
            _keep(build, file)
        return
    strings = build.plan.strings
    build.site_names = site_names(files, build.kept_files)
    shared = fingerprint(shared_fingerprint(Path(config.config_file_path), config.site_url,
                                            [Path(folder) for folder in config.theme.dirs], build.site_names),
                         _plan_fingerprint(build, state))
    named = {id(t): f"strings:{lang}" for lang, t in strings.items()}
    trusted = state.valid_for(build.publisher.site_dir)
    # Only some pages can differ from the served ones (casebook/plugin/rebuild.py): the others keep the
    # fingerprints they were served with, as long as what all pages share is the same too.
    touched = state.touched if trusted and shared == state.shared else None
    state.building = shared  # becomes state.shared once these pages are served (casebook/plugin/rebuild.py)
    if build.kept_files:
        _settle_kept(build, state, touched, pages, files)
    for file in pages:
        planned = build.pages[file.src_uri]
        if touched is not None and file.src_uri not in touched and file.dest_uri in state.pages:
            build.fingerprints[file.dest_uri] = state.pages[file.dest_uri]
            _keep(build, file)
            continue
        page = page_fingerprint(shared, build.context(planned), planned.source_path, named)
        build.fingerprints[file.dest_uri] = page
        if trusted and state.unchanged(file.dest_uri, page):
            _keep(build, file)
    # Static files (the theme's assets, images) are copied again only when they changed.
    for file in files:
        if file.is_documentation_page() or not file.abs_src_path or file.inclusion is InclusionLevel.EXCLUDED:
            continue
        stamp = FileStamp.of(file.abs_src_path)
        build.statics[file.dest_uri] = stamp
        if trusted and stamp is not None and state.statics.get(file.dest_uri) == stamp \
                and file.dest_uri in state.outputs:
            _keep(build, file)


def _plan_fingerprint(build: Build, state: PreviewState) -> str:
    """What every page shares of the plan: the strings, and the images (a story's image replaced by one
    of another shape changes its page's width and height); kept for the plan it was made of, and for a
    plan made from that one with some cases planned again, which shares its strings and images."""
    plan = build.plan
    if state.plan_fingerprint is not None and plan.same_pages_as(state.plan_fingerprint[0]):
        made = state.plan_fingerprint[1]
    else:
        made = fingerprint(stable_repr({lang: t.table for lang, t in plan.strings.items()}),
                           stable_repr(sorted((str(image.source), image.facts.digest) for image in plan.images)))
    state.plan_fingerprint = (plan, made)
    return made


def _settle_kept(build: Build, state: PreviewState, touched: set[str] | None, pages: list[File],
                 files: Files) -> None:
    """The files set aside as served (casebook/plugin/files.py: a rebuild after a change of stories
    alone) stay so if the served folder holds them as this build would make them; the others are
    copied into ``files`` (and the pages into ``pages``) to be fingerprinted and made as in any rebuild.
    (Set operations: thousands of files at each save.)"""
    by_dest = {master.dest_uri: master for master in build.kept_files}
    kept: set[str] = set()
    if touched is not None:
        served_pages = by_dest.keys() & state.pages.keys()
        served_statics = (by_dest.keys() - served_pages) & state.statics.keys() & state.outputs
        build.fingerprints.update({dest: state.pages[dest] for dest in served_pages})
        build.statics.update({dest: state.statics[dest] for dest in served_statics})
        kept = served_pages | served_statics
        build.unchanged |= kept
    build.kept_files = [master for dest, master in by_dest.items() if dest in kept]
    for dest, master in by_dest.items():
        if dest in kept:
            continue
        file = copy.copy(master)
        if file.is_documentation_page():
            file.inclusion = inclusion(build, build.pages[file.src_uri])
            pages.append(file)
        files.append(file)


def _keep(build: Build, file: File) -> None:
    file.inclusion = InclusionLevel.EXCLUDED
    build.unchanged.add(file.dest_uri)
