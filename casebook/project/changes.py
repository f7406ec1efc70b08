"""What changed in a project's content since it was read, and a project brought up to date with a change
of its stories alone, without reading the rest again (the live preview, casebook/plugin/start.py).

:class:`Stamps` is every file under the content folders as the file system describes it (modification
time, size, inode) and every folder's names. A file modified shortly before the stamps were taken may be
modified again within the same tick of the file system's clock: it counts as changed next time, so a
change is never missed (git's "racily clean" files).

:func:`reload_stories` answers only for the simplest change, the one an author makes most: the text of
stories of existing cases, no file added or removed. The project it returns equals what
:func:`~casebook.project.load_project` would read (the same entries, problems, images and translation
states); for any other change it returns None and the caller loads the whole project again.
"""

from __future__ import annotations

import dataclasses
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

from casebook.core.cache import Cache
from casebook.core.issues import Issue, sort_issues
from casebook.core.languages import LANGUAGES
from casebook.project.entries import CaseEntry, Project, old_story_file, story_file
from casebook.project.reading import Reader
from casebook.project.stories import read_stories, story_path
from casebook.project.translations import Unit, assess, outdated
from casebook.validate.images import ImageChecks
from casebook.validate.markdown_images import check_markdown_images

# Changes within this long before the stamps were taken may share their modification time with a later one.
RACY_NS = 2_000_000_000
STORY_NAMES = frozenset(name(lang) for lang in LANGUAGES for name in (story_file, old_story_file))


@dataclass(frozen=True)
class Stamps:
    """Every file and folder under some folders, as the file system described them at ``taken_ns``."""

    taken_ns: int
    files: dict[str, tuple[int, int, int]]  # path -> (modification time, size, inode)
    folders: dict[str, frozenset[str]]  # path -> the names in it
    links: bool = False  # a symbolic link was found: what it leads to is not stamped

    @classmethod
    def scan(cls, *tops: Path) -> Stamps:
        taken = time.time_ns()
        files: dict[str, tuple[int, int, int]] = {}
        folders: dict[str, frozenset[str]] = {}
        links = False
        stack = [str(top) for top in tops]
        while stack:
            here = stack.pop()
            try:
                with os.scandir(here) as listing:
                    entries = list(listing)
            except OSError:
                folders[here] = frozenset()
                continue
            folders[here] = frozenset(entry.name for entry in entries)
            for entry in entries:
                if entry.is_symlink():
                    links = True
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    try:
                        stat = entry.stat(follow_symlinks=False)
                    except OSError:
                        links = True  # gone while listed: nothing is known of it
                        continue
                    files[entry.path] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        return cls(taken, files, folders, links)

    def updated(self, paths: set[str]) -> Stamps | None:
        """These stamps, with the files ``paths`` (the system's notifications of changes since they were
        taken) stamped again, as :meth:`scan` would stamp them now; None when that is not known without
        a scan (a file that is new, gone or now a link). Paths outside the folders stamped are left out."""
        taken = time.time_ns()
        files = dict(self.files)
        for path in paths:
            if path not in files:
                if os.path.dirname(path) in self.folders:
                    return None  # a file in a stamped folder, not stamped: new
                continue
            try:
                stat = os.lstat(path)
            except OSError:
                return None
            if not S_ISREG(stat.st_mode):
                return None
            files[path] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        return Stamps(taken, files, self.folders, self.links)

    def changed_files(self, newer: Stamps) -> set[Path] | None:
        """The files that changed between these stamps and ``newer``; None when a file or folder was
        added, removed or renamed, or a link is involved (anything may have changed)."""
        if self.links or newer.links or self.folders != newer.folders:
            return None
        racy = self.taken_ns - RACY_NS
        return {Path(path) for path, stamp in newer.files.items()
                if self.files.get(path) != stamp or stamp[0] >= racy}


@dataclass
class StoryChange:
    """A project brought up to date with new story texts (:func:`reload_stories`)."""

    project: Project
    slugs: set[str] = field(default_factory=set)  # the cases whose stories changed
    sources: set[Path] = field(default_factory=set)  # the story files whose text changed
    states: set[str] = field(default_factory=set)  # the cases whose translation status changed with them
    stories: list[tuple[str, str, int]] = field(default_factory=list)  # (path, text, first line) read again


def reload_stories(project: Project, changed: set[Path], cache: Cache | None) -> StoryChange | None:
    """``project`` with the stories in ``changed`` read again, or None unless every changed file is a
    story of a case in ``project`` that stays readable and names the same images."""
    by_case: dict[str, set[Path]] = {}
    for path in changed:
        if path.parent.parent != project.cases_dir or path.name not in STORY_NAMES \
                or path.parent.name not in project.cases:
            return None
        by_case.setdefault(path.parent.name, set()).add(path)
    result = StoryChange(dataclasses.replace(project, cases=dict(project.cases),
                                             story_images=dict(project.story_images),
                                             translations=list(project.translations)))
    new = result.project
    issues: list[Issue] = []
    replaced: set[str] = set()
    for slug, paths in sorted(by_case.items()):
        reread = _reread(project, project.cases[slug], cache)
        if reread is None:
            return None
        entry, read_issues, rels = reread
        if any(issue.path in rels and issue.code.startswith("path.") for issue in project.issues):
            return None  # a problem of the file's name: not the text's to change
        images = ImageChecks(cache)
        found: list[str] = []
        for story in entry.stories.values():
            image_issues, files = check_markdown_images(images, story.text, story.rel, entry.folder)
            read_issues += image_issues
            found += [file for file in files if file not in found]
        if found != project.story_images.get(slug, []):
            return None  # the site publishes other images
        unit = _assessed(project, entry)
        if unit is None:
            return None
        old = project.translation("case", slug)
        assert old is not None
        new.translations[new.translations.index(old)] = unit
        if outdated(unit) != outdated(old) or unit.states != old.states:
            result.states.add(slug)
        new.cases[slug] = entry
        issues += read_issues
        replaced |= rels
        result.slugs.add(slug)
        result.sources |= paths
        result.stories += [(story.rel, story.text, 1) for story in entry.stories.values()]
    new.issues = sort_issues([*(i for i in project.issues if i.path not in replaced), *issues])
    return result


def _reread(project: Project, entry: CaseEntry, cache: Cache | None) -> tuple[CaseEntry, list[Issue], set[str]] | None:
    """The case with its stories read again, their problems, and the paths those problems may have."""
    scratch = Project(project.root, project.content_dir, project.cases_dir)
    reader = Reader(scratch, cache)
    stories, _ = read_stories(reader, entry.folder)
    if stories.keys() != entry.stories.keys():
        return None  # a story became unreadable or unpublishable (or readable again): read it all
    rels = {reader.rel(entry.folder / name) for name in STORY_NAMES}
    if any(issue.path not in rels for issue in scratch.issues):
        return None
    again = CaseEntry(entry.slug, entry.case, entry.doc, entry.folder, stories, entry.failed_fields)
    return again, scratch.issues, rels


def _assessed(project: Project, entry: CaseEntry) -> Unit | None:
    """The case's translation unit with its new texts and states; None when a record of it names a text of
    another unit as its source (then its state needs the whole project)."""
    old = project.translation("case", entry.slug)
    if old is None:
        return None
    reader = Reader(Project(project.root, project.content_dir, project.cases_dir))
    paths = {lang: reader.rel(story_path(reader, entry.folder, lang)) for lang in LANGUAGES}
    if paths != old.paths:
        return None
    records = project.translation_records
    if any(records[path].source not in paths.values() for path in paths.values() if path in records):
        return None
    unit = Unit("case", entry.slug, {lang: story.text for lang, story in entry.stories.items()}, paths)
    assess([unit], records, LANGUAGES)
    return unit
