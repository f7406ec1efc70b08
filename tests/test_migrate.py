"""The story files' new names (index.da.md, index.en.md): the old names still read with a warning, both
names an error, and `casebook migrate` renaming them (with git mv where git tracks them)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from conftest import git_status, mkdocs_build, problems
from test_cli import english_environment
from test_scaffold import CASE_FLAGS, new

from casebook.project import load_project
from casebook.project.translations import fingerprint

ALPHA = "cases/alpha-workshop"
STARTER = "content/catalogues/starter"
# The story files of the minimal site, under their new names.
STORIES = [f"{ALPHA}/index.da.md", f"{ALPHA}/index.en.md", "cases/beta-mentors/index.da.md",
           f"{STARTER}/index.da.md"]
OLD_WARNING = ("{path}: warning: '{old}' is the old name of this file: it is now called '{new}' (rename it, or run "
               "casebook migrate to rename every file with an old name in the project)")
OLD_WARNING_DA = ("{path}: advarsel: '{old}' er filens gamle navn: den hedder nu '{new}' (omdøb den, eller kør "
                  "casebook migrate for at omdøbe alle filer med et gammelt navn i projektet)")


def old_path(path: str) -> str:
    """``cases/x/index.da.md`` -> ``cases/x/da.md``."""
    return path.replace("/index.", "/")


def with_old_names(site: Path) -> Path:
    """The site with every story under its old name, and its English story's translation recorded so."""
    for path in STORIES:
        (site / path).rename(site / old_path(path))
    danish = (site / ALPHA / "da.md").read_text(encoding="utf-8")
    (site / "content" / "translations.yml").write_text(
        f"translations:\n  - file: {ALPHA}/en.md\n    source: {ALPHA}/da.md\n"
        f"    fingerprint: \"{fingerprint(danish)}\"\n", encoding="utf-8")
    return site


def migrate(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "casebook", "migrate", "--root", str(root), *args],
                          capture_output=True, text=True, check=False, env=english_environment())


def tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` (but git's own) and a hash of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.relative_to(root).parts}


def alpha_states(root: Path) -> dict[str, str]:
    unit = load_project(root).translation("case", "alpha-workshop")
    assert unit is not None
    return {lang: state.value for lang, state in unit.states.items()}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "user.name=Casebook test",
                    "-c", "user.email=test@casebook.invalid", *args], cwd=root, check=True, capture_output=True)


def test_old_names_still_load_with_a_warning_each(minimal: Path) -> None:
    """A story under its old name is read as before, with a warning in English and Danish saying its new name."""
    project = load_project(with_old_names(minimal))
    assert [i.format() for i in project.issues] == [
        OLD_WARNING.format(path=old_path(path), old=old_path(path).split("/")[-1], new=path.split("/")[-1])
        for path in STORIES]
    assert [i.code for i in project.issues] == ["story.old-name"] * 4
    assert project.issues[0].format("da") == OLD_WARNING_DA.format(path=f"{ALPHA}/da.md", old="da.md",
                                                                   new="index.da.md")
    assert sorted(project.cases["alpha-workshop"].stories) == ["da", "en"]
    assert project.cases["alpha-workshop"].stories["en"].rel == f"{ALPHA}/en.md"
    assert sorted(project.catalogues["starter"].intros) == ["da"]
    assert alpha_states(minimal) == {"da": "original", "en": "current"}


def test_old_names_still_build(minimal: Path) -> None:
    """A site whose stories have their old names builds, its pages telling the stories, and says how to rename."""
    story = (with_old_names(minimal) / ALPHA / "en.md").read_text(encoding="utf-8")
    result = mkdocs_build(minimal / "mkdocs.yml", minimal / "site")
    assert result.returncode == 0, result.stderr
    assert "'en.md' is the old name of this file: it is now called 'index.en.md'" in result.stderr
    first_words = story.split("\n\n")[1][:30]
    assert first_words in (minimal / "site" / "en" / ALPHA / "index.html").read_text(encoding="utf-8")


def test_both_names_are_an_error_naming_both_files(minimal: Path) -> None:
    """A story under its new and its old name is an error that names both and says what to do."""
    (minimal / ALPHA / "da.md").write_text("En ældre udgave.\n", encoding="utf-8")
    project = load_project(minimal)
    assert [i.format() for i in project.issues] == [
        f"{ALPHA}/da.md: 'index.da.md' and 'da.md' are both here: 'da.md' is the old name of 'index.da.md', "
        "and only 'index.da.md' is read (move what da.md has that index.da.md lacks into index.da.md, then "
        "delete da.md)"]
    assert project.issues[0].format("da") == (
        f"{ALPHA}/da.md: både 'index.da.md' og 'da.md' findes: 'da.md' er det gamle navn på 'index.da.md', og "
        "kun 'index.da.md' bliver læst (flyt det, som da.md har, men index.da.md mangler, over i index.da.md, "
        "og slet så da.md)")
    assert project.cases["alpha-workshop"].stories["da"].text != "En ældre udgave.\n"


def test_migrate_renames_in_a_plain_folder_and_again_does_nothing(minimal: Path) -> None:
    """Outside git the files are renamed as they are; the records follow; a second run has nothing to do."""
    with_old_names(minimal)
    result = migrate(minimal)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        *(f"Renamed {old_path(path)} to {path}" for path in STORIES),
        "content/translations.yml: 1 translation record now names the new files",
        "Renamed 4 files."]
    assert all((minimal / path).is_file() and not (minimal / old_path(path)).exists() for path in STORIES)
    assert problems(minimal) == []
    assert alpha_states(minimal) == {"da": "original", "en": "current"}
    assert f"file: {ALPHA}/index.en.md\n    source: {ALPHA}/index.da.md\n" in \
        (minimal / "content" / "translations.yml").read_text(encoding="utf-8")
    before = tree(minimal)
    again = migrate(minimal)
    assert (again.returncode, again.stdout) == (0, "Nothing to rename: every story file has its new name.\n")
    assert tree(minimal) == before


def test_migrate_moves_tracked_files_with_git_mv(minimal: Path) -> None:
    """In a git work tree a tracked story is moved with git mv (git sees a rename), an untracked one renamed."""
    with_old_names(minimal)
    (minimal / STARTER / "da.md").rename(minimal / "starter-intro.txt")
    git(minimal, "init", "-q")
    git(minimal, "add", "-A")
    git(minimal, "commit", "-q", "-m", "Stories under their old names")
    (minimal / "starter-intro.txt").rename(minimal / STARTER / "da.md")  # untracked now
    result = migrate(minimal)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:4] == [
        f"Renamed {ALPHA}/da.md to {ALPHA}/index.da.md (git mv)",
        f"Renamed {ALPHA}/en.md to {ALPHA}/index.en.md (git mv)",
        "Renamed cases/beta-mentors/da.md to cases/beta-mentors/index.da.md (git mv)",
        f"Renamed {STARTER}/da.md to {STARTER}/index.da.md"]
    assert sorted(git_status(minimal)) == sorted([
        f"R  {ALPHA}/da.md -> {ALPHA}/index.da.md", f"R  {ALPHA}/en.md -> {ALPHA}/index.en.md",
        "R  cases/beta-mentors/da.md -> cases/beta-mentors/index.da.md", " M content/translations.yml",
        " D starter-intro.txt", f"?? {STARTER}/index.da.md"])
    assert alpha_states(minimal) == {"da": "original", "en": "current"}


def test_dry_run_changes_nothing(minimal: Path) -> None:
    """`--dry-run` says what it would rename and rewrite, in the language asked for, and changes no file."""
    before = tree(with_old_names(minimal))
    result = migrate(minimal, "--dry-run", "--lang", "da")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Prøvekørsel: intet bliver ændret.",
        *(f"{old_path(path)} ville blive omdøbt til {path}" for path in STORIES),
        "content/translations.yml: 1 oversættelse ville blive registreret under de nye filnavne",
        "4 filer ville blive omdøbt."]
    assert tree(minimal) == before


def test_migrate_refuses_when_a_story_has_both_names(minimal: Path) -> None:
    """Both names for one language: an error naming both, exit status 1, and nothing renamed."""
    with_old_names(minimal)
    (minimal / ALPHA / "index.en.md").write_text("A newer version.\n", encoding="utf-8")
    before = tree(minimal)
    result = migrate(minimal)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{ALPHA}/en.md: 'index.en.md' and 'en.md' are both here: 'en.md' is the old name of 'index.en.md', "
        "and only 'index.en.md' is read (move what en.md has that index.en.md lacks into index.en.md, then "
        "delete en.md)",
        "Nothing was renamed: keep one file of each pair above, then run casebook migrate again."]
    assert tree(minimal) == before


def test_records_naming_the_old_files_still_count_after_a_rename_by_hand(minimal: Path) -> None:
    """Stories renamed without casebook migrate: the records under the old names still say "up to date"."""
    with_old_names(minimal)
    for path in STORIES:
        (minimal / old_path(path)).rename(minimal / path)
    assert problems(minimal) == []
    assert alpha_states(minimal) == {"da": "original", "en": "current"}
    result = migrate(minimal)
    assert result.stdout.splitlines() == ["content/translations.yml: 1 translation record now names the new files"]
    assert f"file: {ALPHA}/index.en.md\n" in (minimal / "content" / "translations.yml").read_text(encoding="utf-8")
    assert alpha_states(minimal) == {"da": "original", "en": "current"}


def test_casebook_new_writes_the_new_names(minimal: Path) -> None:
    """A new case's story is index.da.md."""
    result = new(minimal, *CASE_FLAGS, "--no-input")
    assert result.returncode == 0, result.stderr
    assert (minimal / "cases" / "gamma-mentorer" / "index.da.md").is_file()
    assert not (minimal / "cases" / "gamma-mentorer" / "da.md").exists()
