"""Renaming the story files to the names Decap CMS can address: ``cases/<slug>/da.md`` becomes
``cases/<slug>/index.da.md``, and likewise ``en.md`` and the catalogue introductions in
``content/catalogues/<slug>/``.

:func:`plan` looks and changes nothing; :func:`apply` renames. A file git tracks is moved with
``git mv``, so its history follows it; any other file is renamed as it is. The translation records
(``content/translations.yml``) that name a renamed file are written with its new name (the loader
reads the old names too, so this only keeps the file tidy). A language whose story is there under
both names stops the migration before anything is renamed: which text to keep is for a person to decide.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from casebook.core.issues import Issue
from casebook.core.languages import LANGUAGES
from casebook.load.documents import parse_yaml
from casebook.load.files import LoadError, read_text
from casebook.project.catalogues import CATALOGUES_DIR
from casebook.project.entries import old_story_file, story_file
from casebook.project.stories import both_names_issue
from casebook.project.translations import RECORD_FILE, Record, RecordsFile, write_records
from casebook.validate.schema import check_schema


@dataclass(frozen=True)
class Rename:
    """One story file to rename; both paths relative to the project, with forward slashes."""

    old: str
    new: str
    tracked: bool  # in git's index: moved with git mv


@dataclass
class Migration:
    """What :func:`apply` does to the project at ``root``."""

    root: Path
    renames: list[Rename] = field(default_factory=list)
    conflicts: list[Issue] = field(default_factory=list)  # a story under both names: nothing may be renamed
    records: dict[str, Record] | None = None  # the translation records to write; None: they stay as they are
    records_changed: int = 0  # how many records name a renamed file
    records_unreadable: list[Issue] = field(default_factory=list)  # why the records cannot be updated

    @property
    def records_path(self) -> Path:
        return self.root / "content" / RECORD_FILE


def story_folders(root: Path) -> list[Path]:
    """The folders that hold stories: each case's, and each idea catalogue's."""
    tops = (root / "cases", root / "content" / CATALOGUES_DIR)
    return [folder for top in tops if top.is_dir() for folder in sorted(top.iterdir())
            if folder.is_dir() and not folder.is_symlink() and not folder.name.startswith(".")]


def plan(root: Path) -> Migration:
    """What migrating the project at ``root`` would rename and rewrite, and what stops it."""
    root = root.resolve()
    migration = Migration(root)
    found: list[tuple[str, str]] = []
    for folder in story_folders(root):
        for lang in LANGUAGES:
            old, new = folder / old_story_file(lang), folder / story_file(lang)
            if not old.is_file():
                continue
            rel_old, rel_new = old.relative_to(root).as_posix(), new.relative_to(root).as_posix()
            if new.exists():
                migration.conflicts.append(both_names_issue(rel_old, lang))
            else:
                found.append((rel_old, rel_new))
    tracked = _tracked(root, [old for old, _ in found])
    migration.renames = [Rename(old, new, old in tracked) for old, new in found]
    _plan_records(migration)
    return migration


def apply(migration: Migration) -> None:
    """Rename the files and write the records, as planned (nothing when there are conflicts)."""
    if migration.conflicts:
        return
    for rename in migration.renames:
        move(migration.root, rename)
    write_planned_records(migration)


def move(root: Path, rename: Rename) -> None:
    """Rename one file: with ``git mv`` when git tracks it (raises CalledProcessError when git refuses)."""
    if rename.tracked:
        subprocess.run([_git(), "-C", str(root), "mv", "--", rename.old, rename.new],
                       check=True, capture_output=True, text=True, timeout=60)
    else:
        (root / rename.old).rename(root / rename.new)


def write_planned_records(migration: Migration) -> None:
    """The translation records written with the new names, when any named an old one."""
    if migration.records is not None:
        write_records(migration.records_path, migration.records)


def _plan_records(migration: Migration) -> None:
    """The translation records with each path of a story that is (or will be) renamed made its new name."""
    path = migration.records_path
    if not path.is_file():
        return
    rel = path.relative_to(migration.root).as_posix()
    try:
        doc = parse_yaml(read_text(path, rel), rel)
    except LoadError as exc:
        migration.records_unreadable = exc.issues
        return
    parsed, problems = check_schema(doc, RecordsFile)
    if parsed is None:
        migration.records_unreadable = problems
        return
    renamed = {r.old: r.new for r in migration.renames}
    records: dict[str, Record] = {}
    for record in parsed.translations:
        update = {attr: _new_path(migration.root, getattr(record, attr), renamed) for attr in ("file", "source")}
        update = {attr: value for attr, value in update.items() if value != getattr(record, attr)}
        migration.records_changed += bool(update)
        record = record.model_copy(update=update)
        records[record.file] = record
    if migration.records_changed:
        migration.records = records


def _new_path(root: Path, recorded: str, renamed: dict[str, str]) -> str:
    """The path a record should name: a renamed file's new name; a story file renamed earlier (by hand)
    under the name it has now."""
    if recorded in renamed:
        return renamed[recorded]
    path = root / recorded
    story_tops = (root / "cases", root / "content" / CATALOGUES_DIR)
    for lang in LANGUAGES:
        if path.name == old_story_file(lang) and path.parent.parent in story_tops and not path.exists() \
                and path.with_name(story_file(lang)).is_file():
            return path.with_name(story_file(lang)).relative_to(root).as_posix()
    return recorded


def _git() -> str:
    return shutil.which("git") or "git"


def _tracked(root: Path, paths: list[str]) -> set[str]:
    """Which of ``paths`` (relative to ``root``) git tracks; none outside a git work tree or without git."""
    if not paths or shutil.which("git") is None:
        return set()
    try:
        result = subprocess.run([_git(), "-C", str(root), "ls-files", "-z", "--", *paths],
                                capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return set()
    if result.returncode != 0:  # not a work tree
        return set()
    return {name for name in result.stdout.split("\0") if name}
