"""The reader of ``cases/``: one folder per case, with ``case.yml`` and its stories."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from casebook.core.issues import Issue
from casebook.core.languages import LANGUAGES
from casebook.core.messages import msg
from casebook.core.progress import Progress
from casebook.core.slugs import slugify
from casebook.model.case import Case
from casebook.model.fields import SLUG_PATTERN
from casebook.project.entries import CASE_FILE, CaseEntry, old_story_file, story_file
from casebook.project.reading import Reader
from casebook.project.stories import read_stories, unexpected_files
from casebook.validate.schema import check_schema, salvage


@dataclass
class CaseFolders:
    """What reading ``cases/`` found besides the published cases (``project.cases``)."""

    slugs: set[str] = field(default_factory=set)  # every case folder, loaded or not, so related cases resolve
    partial: list[CaseEntry] = field(default_factory=list)  # failed validation; cross-checked, never published


def read_cases(reader: Reader, progress: Progress | None = None) -> CaseFolders:
    """Every case folder read and checked on its own into ``project.cases``; ``progress`` told of each."""
    found = CaseFolders()
    cases_dir = reader.project.cases_dir
    if not cases_dir.is_dir():
        reader.issues.append(Issue(reader.rel(cases_dir), 0, 0, "file.missing", msg("the cases folder is missing"),
                                   hint=msg("create cases/<slug>/case.yml for each case")))
        return found
    folders = sorted(p for p in cases_dir.iterdir()
                     if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))
    if progress is not None:
        progress.start(msg("Reading cases"), len(folders))
    for folder in folders:
        _load_case(reader, folder, found)
        if progress is not None:
            progress.advance()
    if progress is not None:
        progress.finish()
    return found


def _load_case(reader: Reader, folder: Path, found: CaseFolders) -> None:
    slug = folder.name
    rel_folder = reader.rel(folder)
    if not re.match(SLUG_PATTERN, slug):
        suggestion = slugify(slug)
        reader.issues.append(Issue(rel_folder, 0, 0, "case.slug",
                                   msg("folder name '{slug}' is not a valid case slug", slug=slug),
                                   hint=msg("use lowercase letters a-z, digits and hyphens, e.g. '{suggestion}'",
                                            suggestion=suggestion)))
        return
    found.slugs.add(slug)
    cases = reader.project.cases
    # The folder is read and checked on its own, so the result can be reused while its files
    # (and the names beside them) stay the same; cross-checks against the rest run every time.
    key = reader.key("case", folder / CASE_FILE,
                     *(folder / name(lang) for lang in LANGUAGES for name in (story_file, old_story_file)),
                     "\n".join(sorted(reader.files(folder)))) if reader.cache is not None else None
    cached = reader.cached(key)
    if cached is not None:
        issues, entry, published = cached
        reader.issues.extend(issues)
        if entry is not None and published:
            cases[slug] = entry
        elif entry is not None:
            found.partial.append(entry)
        return
    start, partials = len(reader.issues), len(found.partial)
    _read_case(reader, folder, slug, rel_folder, found)
    entry = cases.get(slug) or (found.partial[-1] if len(found.partial) > partials else None)
    reader.keep(key, (reader.issues[start:], entry, slug in cases))


def _read_case(reader: Reader, folder: Path, slug: str, rel_folder: str, found: CaseFolders) -> None:
    doc = reader.load(folder / CASE_FILE, msg("write the case's facts in it, or remove the folder"))
    stories, story_files = read_stories(reader, folder)
    unexpected_files(reader, folder, CASE_FILE, msg("case"))
    if doc is None:
        return
    case, problems = check_schema(doc, Case)
    reader.issues.extend(problems)
    if case is None:
        # Still cross-check what is valid, so one run reports every problem in the file.
        salvaged = salvage(Case, doc.data)
        if salvaged is not None:
            partial, failed = salvaged
            found.partial.append(CaseEntry(slug, partial, doc, folder, stories, failed))
        return
    if not story_files:
        reader.issues.append(Issue(rel_folder, 0, 0, "case.no-story", msg("the case has no story"),
                                   hint=msg("write the story in {da}, {en} or both", da=story_file("da"),
                                            en=story_file("en"))))
    reader.project.cases[slug] = CaseEntry(slug, case, doc, folder, stories)
