"""Hostile input: paths, links, front matter and limits, each with its exact message; and for every
error fixture in the suite, an end-to-end build that must leave the published site untouched."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
import test_characters
import test_validate_case
import test_validate_files
import test_validate_measures
from conftest import copy_site, edit, problems
from mkdocs.commands.build import build
from mkdocs.config import load_config
from test_publish import tree_hash

A = "cases/alpha-workshop"


def image(site: Path, file: str) -> None:
    edit(site / A / "case.yml", "  - file: images/dot.png", f"  - file: {file}")


def symlink_image_outside(site: Path) -> None:
    os.symlink("/etc/hostname", site / A / "images" / "evil.png")
    image(site, "images/evil.png")


def symlink_folder_outside(site: Path) -> None:
    os.symlink("/tmp", site / "cases" / "outside")


def image_in_sibling_with_same_prefix(site: Path) -> None:
    sibling = site / "cases" / "alpha-workshop-evil"
    sibling.mkdir()
    (sibling / "x.png").write_bytes(b"x")
    os.symlink("../../alpha-workshop-evil/x.png", site / A / "images" / "x.png")
    image(site, "images/x.png")


def absolute_image_path(site: Path) -> None:
    image(site, "/etc/passwd.png")


def svg_with_script(site: Path) -> None:
    (site / A / "images" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8")
    image(site, "images/logo.svg")


def svg_with_handler(site: Path) -> None:
    (site / A / "images" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', encoding="utf-8")
    image(site, "images/logo.svg")


def names_differing_by_case(site: Path) -> None:
    (site / "cases" / "beta-mentors" / "Index.da.md").write_text("x", encoding="utf-8")


def names_differing_by_normalisation(site: Path) -> None:
    (site / "content" / "café.da.md").write_text("# a", encoding="utf-8")
    (site / "content" / "cafe\u0301.da.md").write_text("# b", encoding="utf-8")


def unclosed_front_matter(site: Path) -> None:
    (site / "content" / "about.da.md").write_text("---\ntitle: Om\n\n# Om\n", encoding="utf-8")


def unknown_front_matter_field(site: Path) -> None:
    (site / "content" / "about.da.md").write_text("---\ntitle: Om\ntemplate: x.html\n---\n# Om\n", encoding="utf-8")


def duplicate_front_matter_field(site: Path) -> None:
    (site / "content" / "about.da.md").write_text("---\ntitle: Om\ntitle: Om2\n---\n# Om\n", encoding="utf-8")


def unclosed_brackets(site: Path) -> None:
    (site / "cases" / "beta-mentors" / "index.da.md").write_text("[" * 3000, encoding="utf-8")


def deeply_nested_list(site: Path) -> None:
    (site / "cases" / "beta-mentors" / "index.da.md").write_text(
        "".join("  " * i + "- x\n" for i in range(20)), encoding="utf-8")


def oversized_story(site: Path) -> None:
    (site / "cases" / "beta-mentors" / "index.da.md").write_text("x" * 1_000_001, encoding="utf-8")


def nul_in_story(site: Path) -> None:
    (site / "cases" / "beta-mentors" / "index.da.md").write_bytes(b"Hej\n\x00\n")


def conflict_in_organisations(site: Path) -> None:
    edit(site / "content" / "organisations.yml", "  - id: hjaelp", "<<<<<<< HEAD\n  - id: hjaelp\n=======")


def tab_in_taxonomy(site: Path) -> None:
    edit(site / "content" / "taxonomy.yml", "themes:\n  - {id: integration",
         "themes:\n\t- {id: integration")


def story_image_outside(site: Path) -> None:
    (site / "cases" / "beta-mentors" / "index.da.md").write_text("Se her:\n\n![kort](../../../secret.png)\n",
                                                           encoding="utf-8")


def story_link_outside_site(site: Path) -> None:
    (site / "cases" / "beta-mentors" / "index.da.md").write_text("Læs [mere](../../../etc/passwd).\n", encoding="utf-8")


LINK_ERROR = "image '{}' is a link to a file outside the case folder (copy the image into the case folder)"
HOSTILE: list[tuple[Callable[[Path], None], list[str]]] = [
    (symlink_image_outside, [
        f"{A}/case.yml:39:11: images[1].file: " + LINK_ERROR.format("images/evil.png"),
        f"{A}/images/evil.png: 'evil.png' is a link to '/etc/hostname', outside the content folders "
        "(copy the file here instead of linking to it)"]),
    (symlink_folder_outside, [
        "cases/outside: 'outside' is a link to '/tmp', outside the content folders "
        "(copy the file here instead of linking to it)"]),
    (image_in_sibling_with_same_prefix, [
        "cases/alpha-workshop-evil/case.yml: file is missing (write the case's facts in it, or remove the folder)",
        f"{A}/case.yml:39:11: images[1].file: " + LINK_ERROR.format("images/x.png")]),
    (absolute_image_path, [
        f"{A}/case.yml:39:11: images[1].file: image path '/etc/passwd.png' leaves the case folder "
        "(put the image in the case folder and give its path from there, e.g. images/photo.jpg)"]),
    (svg_with_script, [
        f"{A}/case.yml:39:11: images[1].file: SVG image 'images/logo.svg' contains script or event handlers "
        "(export the image again without scripts, or use PNG or JPEG)"]),
    (svg_with_handler, [
        f"{A}/case.yml:39:11: images[1].file: SVG image 'images/logo.svg' contains script or event handlers "
        "(export the image again without scripts, or use PNG or JPEG)"]),
    (names_differing_by_case, [
        "cases/beta-mentors/Index.da.md: warning: 'Index.da.md' is not a case file and is ignored "
        "(did you mean 'index.da.md'?)",
        "cases/beta-mentors/index.da.md: 'Index.da.md' and 'index.da.md' differ only by upper/lower case, and "
        "would overwrite each other on many systems (rename or remove one of them)"]),
    (names_differing_by_normalisation, [
        "content/café.da.md: two names read 'café.da.md' but encode their accents differently, and would "
        "overwrite each other on many systems (rename or remove one of them)"]),
    (unclosed_front_matter, [
        "content/about.da.md:1:1: front matter is not closed "
        "(end the block of fields with a line holding only '---')"]),
    (unknown_front_matter_field, [
        "content/about.da.md:3:1: template: unknown field 'template' "
        "(known fields: title, description, menu, statement_date)"]),
    (duplicate_front_matter_field, [
        "content/about.da.md:3:1: title: field 'title' appears twice (first on line 2) (keep one of them)"]),
    (unclosed_brackets, [
        "cases/beta-mentors/index.da.md:1:1: 3000 '[' are never closed "
        "(close each '[' with ']', or write '\\[' for a bracket that is just text)"]),
    (deeply_nested_list, ["cases/beta-mentors/index.da.md:18:1: list nested more than 16 levels deep "
                          "(flatten the list)"]),
    (oversized_story, ["cases/beta-mentors/index.da.md: file is 1,000,001 bytes, more than the limit of 1,000,000 "
                       "(split the text or move large media out of the file)"]),
    (nul_in_story, ["cases/beta-mentors/index.da.md:2:1: file contains a NUL byte "
                    "(save the file again as plain UTF-8 text)"]),
    (conflict_in_organisations, [
        "content/organisations.yml:11:1: git conflict marker '<<<<<<<' in file "
        "(resolve the merge conflict and remove the marker lines)"]),
    (story_image_outside, ["cases/beta-mentors/index.da.md:3:9: image path '../../../secret.png' leaves the case "
                           "folder (put the image in the case folder and list it under images in case.yml)"]),
    (story_link_outside_site, ["cases/beta-mentors/index.da.md:1:12: link '../../../etc/passwd' leads outside the site "
                               "(link to a page of the site, e.g. ../other-case/, or to a full https:// address)"]),
    (tab_in_taxonomy, ["content/taxonomy.yml:5:1: a tab character is used for indentation "
                       "(indent with spaces, not tabs)"]),
]


@pytest.mark.parametrize(("change", "expected"), HOSTILE, ids=[h[0].__name__ for h in HOSTILE])
def test_hostile_fixture_message(minimal: Path, change: Callable[[Path], None], expected: list[str]) -> None:
    """Each hostile input gives its exact message, naming the file (and line where there is one)."""
    change(minimal)
    assert problems(minimal) == expected


def _case_edit(old: str, new: str) -> Callable[[Path], None]:
    def change(site: Path) -> None:
        edit(site / A / "case.yml", old, new)
    return change


ERROR_FIXTURES: list[tuple[str, Callable[[Path], None]]] = (
    [(h[0].__name__, h[0]) for h in HOSTILE]
    + [(f.__name__, f) for f, _ in test_validate_files.RULES
       if not all(": warning: " in line for line in _)]
    + [(name, _case_edit(old, new)) for name, old, new, _ in test_validate_case.RULES]
    + [(f.__name__, f) for f, _ in test_characters.INVISIBLE]
    + [(f"measure: {name}", change) for name, change in test_validate_measures.SCENARIOS]
)


@pytest.mark.parametrize(("name", "change"), ERROR_FIXTURES, ids=[f[0] for f in ERROR_FIXTURES])
def test_error_fixture_publishes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                                         change: Callable[[Path], None]) -> None:
    """For every error fixture, `mkdocs build` fails and the previously published site is unchanged."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    source = copy_site("minimal", tmp_path / "src")
    previous = source / "site"
    (previous / "cases").mkdir(parents=True)
    (previous / "index.html").write_text("<p>the last good build</p>", encoding="utf-8")
    (previous / "cases" / "index.html").write_text("<p>cases</p>", encoding="utf-8")
    before = tree_hash(previous)
    change(source)
    config = load_config(str(source / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(Exception):  # noqa: B017 - Abort or PluginError; the point is what is left behind
        build(config)
    assert tree_hash(previous) == before
    assert not (source / "site.staging").exists()


def test_at_least_forty_hostile_fixtures() -> None:
    """The hostile suite keeps its breadth (besides the 30+ XSS payloads in test_sanitize)."""
    assert len(ERROR_FIXTURES) >= 40


def test_static_file_on_a_generated_url_stops_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two sources for one URL (a file in content/ and a case page) stop the build, naming both."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    source = copy_site("minimal", tmp_path / "src")
    target = source / "content" / "cases" / "alpha-workshop"
    target.mkdir(parents=True)
    (target / "index.html").write_text("<p>shadow</p>", encoding="utf-8")
    config = load_config(str(source / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(Exception, match="Nothing was published"):
        build(config)
    assert not (source / "site").exists()
