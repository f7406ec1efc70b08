"""The Markdown beside a ``case.yml`` or ``catalogue.yml``: a story (or an introduction) per language,
``index.da.md`` and ``index.en.md``, and the files that do not belong in the folder.

A story under its old name (``da.md``, ``en.md``) is still read, with a warning that
``casebook migrate`` renames it; both names for one language are an error.
"""

from __future__ import annotations

from pathlib import Path

from casebook.core.issues import Issue, Severity
from casebook.core.languages import LANGUAGES
from casebook.core.messages import msg
from casebook.load.characters import reference_issues
from casebook.load.files import LoadError
from casebook.load.limits import markdown_limit_issues
from casebook.project.entries import CASE_FILE, Story, old_story_file, story_file
from casebook.project.reading import Reader
from casebook.validate.hints import did_you_mean
from casebook.validate.sanitize import markdown_issues


def read_stories(reader: Reader, folder: Path) -> tuple[dict[str, Story], int]:
    """The readable stories in ``folder``, and how many story files there are (readable or not)."""
    stories: dict[str, Story] = {}
    files = 0
    for lang in LANGUAGES:
        path = story_path(reader, folder, lang)
        if path.name not in reader.files(folder):
            continue
        files += 1
        _name_issues(reader, folder, lang)
        rel = reader.rel(path)
        try:
            text = reader.text(path, rel)
        except LoadError as exc:
            reader.issues.extend(exc.issues)
            continue
        if _story_issues(reader, text, rel):
            continue
        # A story is published at cases/<slug>/ (Danish) and en/cases/<slug>/: two folders deep at least.
        reader.issues.extend(markdown_issues(text, rel, depth=2))
        stories[lang] = Story(lang, path, rel, text)
    return stories, files


def story_path(reader: Reader, folder: Path, lang: str) -> Path:
    """The file of the story in ``lang``, existing or not: its name, unless only the old name exists."""
    names = reader.files(folder)
    old = old_story_file(lang)
    return folder / (old if old in names and story_file(lang) not in names else story_file(lang))


def _name_issues(reader: Reader, folder: Path, lang: str) -> None:
    """A warning for a story under its old name; an error when it is there under both names."""
    new, old = story_file(lang), old_story_file(lang)
    names = reader.files(folder)
    if old not in names:
        return
    rel = reader.rel(folder / old)
    if new in names:
        reader.issues.append(both_names_issue(rel, lang))
        return
    reader.issues.append(Issue(rel, 0, 0, "story.old-name",
                               msg("'{old}' is the old name of this file: it is now called '{new}'", old=old, new=new),
                               hint=msg("rename it, or run casebook migrate to rename every file with an old name "
                                        "in the project"),
                               severity=Severity.WARNING))


def both_names_issue(rel: str, lang: str) -> Issue:
    """The error for a story in ``lang`` under both its names; ``rel`` is the file under its old name."""
    new, old = story_file(lang), old_story_file(lang)
    return Issue(rel, 0, 0, "story.both-names",
                 msg("'{new}' and '{old}' are both here: '{old}' is the old name of '{new}', and only '{new}' "
                     "is read", new=new, old=old),
                 hint=msg("move what {old} has that {new} lacks into {new}, then delete {old}", new=new, old=old))


def _story_issues(reader: Reader, text: str, rel: str) -> bool:
    """Report what is wrong with a story's text; True when it cannot be published."""
    if text.startswith("---\n"):
        reader.issues.append(Issue(rel, 1, 1, "story.front-matter",
                                   msg("a story is plain Markdown and cannot start with '---'"),
                                   hint=msg("put the facts in {CASE_FILE} and remove the '---' block",
                                            CASE_FILE=CASE_FILE)))
        return True
    if not text.strip():
        reader.issues.append(Issue(rel, 0, 0, "story.empty", msg("the story is empty"),
                                   hint=msg("write the story, or delete the file to show the notice "
                                            "that the story is not translated"), severity=Severity.WARNING))
    refused = [*markdown_limit_issues(text, rel), *reference_issues(text, rel)]
    reader.issues.extend(refused)
    return bool(refused)


def unexpected_files(reader: Reader, folder: Path, main_file: str, what: str) -> None:
    """A warning for each Markdown or YAML file in ``folder`` that is neither ``main_file`` nor a story."""
    stories = [story_file(lang) for lang in LANGUAGES]
    expected = {main_file, *stories}
    old_names = {old_story_file(lang) for lang in LANGUAGES}  # read, and warned about on their own
    for name in sorted(reader.files(folder)):
        if _suffix(name).lower() not in (".md", ".yml", ".yaml", ".markdown") or name in expected | old_names:
            continue
        reader.issues.append(Issue(reader.rel(folder / name), 0, 0, "case.unexpected-file",
                                   msg("'{name}' is not a {what} file and is ignored", name=name, what=what),
                                   # A story named the old way, and wrongly (dk.md), is near its new name.
                                   hint=did_you_mean(name, expected)
                                   or did_you_mean(f"index.{name.lower()}", stories)
                                   or msg("the folder holds {main_file}, {stories} and images",
                                          main_file=main_file, stories=", ".join(stories)),
                                   severity=Severity.WARNING))


def _suffix(name: str) -> str:
    """The suffix of a file's name, as :attr:`pathlib.PurePath.suffix` gives it (without making a path)."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""
