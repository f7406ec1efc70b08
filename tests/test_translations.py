"""Translation status: missing, up-to-date and outdated translations, on the command line and the site."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from test_cli import english_environment

from casebook.project import load_project
from casebook.project.translations import State, fingerprint


def casebook(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "casebook", *args, "--root", str(root)], capture_output=True,
                          text=True, check=False, env=english_environment())


def states(root: Path) -> dict[str, dict[str, str]]:
    return {f"{u.kind} {u.name}": {lang: s.value for lang, s in u.states.items()}
            for u in load_project(root).translations}


def test_fingerprint_ignores_line_endings_and_trailing_spaces() -> None:
    assert fingerprint("Hej  \r\nverden\n\n") == fingerprint("Hej\nverden")
    assert fingerprint("Hej verden") != fingerprint("Hej verden.")


def test_status_from_missing_through_recorded_to_outdated(minimal: Path) -> None:
    # No records yet: Danish is taken as the original; beta has no English story; about is Danish only.
    assert states(minimal) == {
        "case alpha-workshop": {"da": "original", "en": "unrecorded"},
        "case beta-mentors": {"da": "original", "en": "missing"},
        "catalogue starter": {"da": "original", "en": "missing"},
        "page about": {"da": "original", "en": "missing"},
        "page index": {"da": "original", "en": "unrecorded"},
    }
    recorded = casebook(minimal, "translated", "alpha-workshop", "en")
    assert recorded.returncode == 0, recorded.stderr
    assert "cases/alpha-workshop/index.en.md is translated from cases/alpha-workshop/index.da.md" in recorded.stdout
    assert states(minimal)["case alpha-workshop"] == {"da": "original", "en": "current"}
    # The Danish story changes afterwards: the English one is now behind.
    story = minimal / "cases" / "alpha-workshop" / "index.da.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nEt nyt afsnit.\n", encoding="utf-8")
    assert states(minimal)["case alpha-workshop"] == {"da": "original", "en": "outdated"}
    # Trailing spaces alone do not make a translation outdated.
    story.write_text(story.read_text(encoding="utf-8").replace("\nEt nyt afsnit.\n", ""), encoding="utf-8")
    assert states(minimal)["case alpha-workshop"]["en"] == "current"


def test_status_command_and_strict_exit(minimal: Path) -> None:
    casebook(minimal, "translated", "alpha-workshop", "en")
    story = minimal / "cases" / "alpha-workshop" / "index.da.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nMere.\n", encoding="utf-8")
    result = casebook(minimal, "status")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["case", "alpha-workshop", "da:", "original", "en:", "outdated"]
    assert "5 texts: 1 outdated, 3 missing, 1 not recorded." in lines
    assert ("cases/alpha-workshop/index.en.md: the translation is outdated: cases/alpha-workshop/index.da.md has "
            "changed since it was made (bring it up to date, then run: casebook translated alpha-workshop en)") in lines
    assert "cases/beta-mentors/index.en.md: the English text is missing (write it, then run: casebook translated " \
           "beta-mentors en)" in lines
    assert casebook(minimal, "status", "--strict").returncode == 1
    data = json.loads(casebook(minimal, "status", "--format", "json").stdout)
    alpha = next(t for t in data["texts"] if t["name"] == "alpha-workshop")
    assert alpha["languages"]["en"] == {"state": "outdated", "file": "cases/alpha-workshop/index.en.md",
                                        "source": "da"}


def test_validate_fails_on_translations_only_when_asked(minimal: Path) -> None:
    assert casebook(minimal, "validate").returncode == 0
    asked = casebook(minimal, "validate", "--translations")
    assert asked.returncode == 1
    assert "cases/beta-mentors/index.en.md: the English text is missing" in asked.stdout


def test_translated_refuses_what_does_not_exist(minimal: Path) -> None:
    unknown = casebook(minimal, "translated", "gamma", "en")
    assert unknown.returncode == 2 and "no story, page or catalogue named 'gamma'" in unknown.stderr
    missing = casebook(minimal, "translated", "beta-mentors", "en")
    assert missing.returncode == 2 and "cases/beta-mentors/index.en.md does not exist" in missing.stderr
    page = casebook(minimal, "translated", "page:index", "en")
    assert page.returncode == 0 and load_project(minimal).translation("page", "index").states["en"] is State.CURRENT


def test_record_for_a_file_that_is_gone_is_a_warning(minimal: Path) -> None:
    casebook(minimal, "translated", "alpha-workshop", "en")
    (minimal / "cases" / "alpha-workshop" / "index.en.md").unlink()
    problems = [i.format() for i in load_project(minimal).issues]
    assert problems == ["content/translations.yml:4:11: warning: translations[1].file: "
                        "'cases/alpha-workshop/index.en.md' does not exist (remove the entry, or correct the path)"]


@pytest.mark.build
def test_outdated_translation_shows_a_notice_and_never_fails_the_build(minimal: Path) -> None:
    casebook(minimal, "translated", "alpha-workshop", "en")
    story = minimal / "cases" / "alpha-workshop" / "index.da.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nMere.\n", encoding="utf-8")
    result = mkdocs_build(minimal / "mkdocs.yml", minimal / "site")
    assert result.returncode == 0, result.stderr
    english = HTMLParser((minimal / "site" / "en" / "cases" / "alpha-workshop" / "index.html").read_text())
    notice = english.css_first("#cb-outdated-notice")
    assert notice is not None and "the Danish text has changed" in notice.text()
    assert notice.css_first("a").attributes["href"] == "../../../cases/alpha-workshop/"
    danish = HTMLParser((minimal / "site" / "cases" / "alpha-workshop" / "index.html").read_text())
    assert danish.css_first("#cb-outdated-notice") is None
    # Told to require translations, a strict build fails on the same content.
    config = minimal / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nextra:\n  casebook:\n    require_translations: true\n",
                      encoding="utf-8")
    strict = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d",
                             str(minimal / "site2")], capture_output=True, text=True, check=False,
                            env={**english_environment(), "NO_MKDOCS_2_WARNING": "1"})
    assert strict.returncode == 1
    assert "cases/alpha-workshop/index.en.md: warning: the translation is outdated" in strict.stderr
    assert not (minimal / "site2").exists()


def test_the_shipped_translations_are_all_recorded_as_current() -> None:
    """The repository's own English texts are up to date with their Danish sources (no notice on any page)."""
    run = subprocess.run([sys.executable, "-m", "casebook", "status", "--root", str(ROOT)], capture_output=True,
                         text=True, check=False, env=english_environment())
    assert run.stdout.splitlines()[-1].endswith("0 outdated, 0 missing, 0 not recorded."), run.stdout
