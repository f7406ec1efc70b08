"""The Markdown beside a ``case.yml`` or ``catalogue.yml``: a story (or an introduction) per language,
and the files that do not belong in the folder."""

from __future__ import annotations

from pathlib import Path

from casebook.core.issues import Issue, Severity
from casebook.core.languages import LANGUAGES
from casebook.core.messages import msg
from casebook.load.characters import reference_issues
from casebook.load.files import LoadError
from casebook.load.limits import markdown_limit_issues
from casebook.project.entries import CASE_FILE, Story
from casebook.project.reading import Reader
from casebook.validate.hints import did_you_mean
from casebook.validate.sanitize import markdown_issues


def read_stories(reader: Reader, folder: Path) -> tuple[dict[str, Story], int]:
    """The readable stories in ``folder``, and how many story files there are (readable or not)."""
    stories: dict[str, Story] = {}
    files = 0
    for lang in LANGUAGES:
        path = folder / f"{lang}.md"
        if path.name not in reader.files(folder):
            continue
        files += 1
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
    expected = {main_file} | {f"{lang}.md" for lang in LANGUAGES}
    for path in (folder / name for name in sorted(reader.files(folder))):
        if path.suffix.lower() in (".md", ".yml", ".yaml", ".markdown") and path.name not in expected:
            reader.issues.append(Issue(reader.rel(path), 0, 0, "case.unexpected-file",
                                       msg("'{name}' is not a {what} file and is ignored", name=path.name, what=what),
                                       hint=did_you_mean(path.name, expected)
                                       or msg("the folder holds {main_file}, da.md, en.md and images",
                                              main_file=main_file),
                                       severity=Severity.WARNING))
