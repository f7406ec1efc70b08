"""Nothing broken reaches the public: failed builds leave the published site byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import PAGEFIND_UNORDERED, copy_site, edit, mkdocs_build, pagefind_index
from mkdocs.commands.build import build
from mkdocs.config import load_config

import casebook.validate.sanitize
from casebook.publish.search import SearchIndexError, build_index

pytestmark = pytest.mark.build


def tree_hash(root: Path, *, skip: tuple[str, ...] = ()) -> str:
    """One hash over every file's path and bytes under ``root``, leaving out paths matching ``skip``."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root)
        if not any(rel.match(pattern) for pattern in skip):
            digest.update(rel.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build_in_process(source: Path, *, strict: bool = False) -> BaseException | None:
    """Build ``source`` the way `mkdocs build` does; return the exception that stopped it, if any."""
    config = load_config(str(source / "mkdocs.yml"), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except BaseException as exc:  # noqa: BLE001 - the test inspects whatever stopped the build
        return exc
    return None


@pytest.fixture
def published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A minimal site built once into site/; returns the source folder and the site's tree hash."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    source = copy_site("minimal", tmp_path / "src")
    assert build_in_process(source) is None
    return source, tree_hash(source / "site")


def test_successful_build_replaces_the_site(published: tuple[Path, str]) -> None:
    """A good build swaps in the new site and leaves no staging folder behind."""
    source, before = published
    edit(source / "cases" / "beta-mentors" / "index.da.md", "en gang om måneden", "hver uge")
    assert build_in_process(source) is None
    assert tree_hash(source / "site") != before
    assert "hver uge" in (source / "site" / "cases" / "beta-mentors" / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in source.iterdir() if p.name.startswith("site")) == ["site"]


def test_crash_in_the_middle_of_the_build_leaves_site_untouched(
        published: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash while writing pages (injected on the third page) publishes nothing."""
    source, before = published
    real = casebook.validate.sanitize.clean_html
    calls: list[int] = []

    def crash_on_third(html: str) -> str:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("injected failure")
        return real(html)

    monkeypatch.setattr(casebook.validate.sanitize, "clean_html", crash_on_third)
    error = build_in_process(source)
    assert isinstance(error, RuntimeError)
    assert len(calls) == 3
    assert tree_hash(source / "site") == before
    assert not (source / "site.staging").exists()


def test_strict_warning_leaves_site_untouched(published: tuple[Path, str]) -> None:
    """Under --strict a warning (here: a sanitised <script>) fails the build and publishes nothing."""
    source, before = published
    edit(source / "cases" / "beta-mentors" / "index.da.md", "Mentorerne mødtes",
         "<script>alert(1)</script>\n\nMentorerne mødtes")
    error = build_in_process(source, strict=True)
    assert error is not None and "strict mode" in str(error)
    assert tree_hash(source / "site") == before


def test_validation_error_leaves_site_untouched(published: tuple[Path, str]) -> None:
    """A content error stops the build before anything is written."""
    source, before = published
    edit(source / "cases" / "beta-mentors" / "case.yml", "kind: programme", "kind: programm")
    assert build_in_process(source) is not None
    assert tree_hash(source / "site") == before


def test_without_strict_the_warning_is_published_sanitised(published: tuple[Path, str]) -> None:
    """Without --strict the page is published, with the script removed."""
    source, _ = published
    edit(source / "cases" / "beta-mentors" / "index.da.md", "Mentorerne mødtes",
         "<script>alert(1)</script><img src=x onerror=alert(2)>\n\nMentorerne mødtes")
    assert build_in_process(source) is None
    page = (source / "site" / "cases" / "beta-mentors" / "index.html").read_text(encoding="utf-8")
    assert "alert(1)" not in page and "onerror" not in page


def test_titles_are_escaped_everywhere(published: tuple[Path, str]) -> None:
    """A title holding </script> and markup is text on every page that shows it."""
    source, _ = published
    evil = '</script><script>alert(1)</script><b onmouseover=alert(2)>"x"'
    edit(source / "cases" / "beta-mentors" / "case.yml", "  da: Betamentorerne", f"  da: '{evil}'")
    assert build_in_process(source) is None
    for url in ("cases/beta-mentors", "cases", "organisations/acme", "cases/alpha-workshop"):
        page = (source / "site" / url / "index.html").read_text(encoding="utf-8")
        assert "<script>alert(1)" not in page, url
        assert "<b onmouseover" not in page, url
        assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page, url


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """Building the same content twice gives the same bytes: no timestamps or random ids."""
    source = copy_site("minimal", tmp_path / "src")
    first, second = tmp_path / "one", tmp_path / "two"
    for site in (first, second):
        result: Any = mkdocs_build(source / "mkdocs.yml", site)
        assert result.returncode == 0, result.stderr
    assert tree_hash(first, skip=PAGEFIND_UNORDERED) == tree_hash(second, skip=PAGEFIND_UNORDERED)
    index = pagefind_index(first)
    assert set(index) == {"da", "en"} and index["da"]["filters"]["type"]
    assert index == pagefind_index(second)




def test_preview_keeps_last_good_site_and_lists_problems(published: tuple[Path, str]) -> None:
    """Under `mkdocs serve`, broken content keeps the last good pages and lists the problems for the banner,
    in each language with its title."""
    source, _ = published
    site = source / "site"

    def serve_build() -> None:
        config = load_config(str(source / "mkdocs.yml"))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)

    def pages_hash() -> str:
        """The site's hash without the problems list itself."""
        problems = site / "casebook-problems.json"
        saved = problems.read_bytes()
        problems.unlink()
        try:
            return tree_hash(site)
        finally:
            problems.write_bytes(saved)

    serve_build()
    assert json.loads((site / "casebook-problems.json").read_text(encoding="utf-8")) == {}
    good = pages_hash()
    edit(source / "cases" / "beta-mentors" / "case.yml", "kind: programme", "kind: programm")
    serve_build()  # does not raise: the preview goes on
    assert json.loads((site / "casebook-problems.json").read_text(encoding="utf-8")) == {
        "da": {"title": "1 problem: forhåndsvisningen viser den sidste gode version.",
               "problems": ["cases/beta-mentors/case.yml:7:7: kind: 'programm' er ikke en af: partnership, "
                            "programme, event (mente du 'programme'?)"]},
        "en": {"title": "1 problem: the preview shows the last good version.",
               "problems": ["cases/beta-mentors/case.yml:7:7: kind: 'programm' is not one of: partnership, "
                            "programme, event (did you mean 'programme'?)"]}}
    assert pages_hash() == good
    assert "casebook-preview.js" in (site / "index.html").read_text(encoding="utf-8")
    edit(source / "cases" / "beta-mentors" / "case.yml", "kind: programm", "kind: programme")
    serve_build()
    assert json.loads((site / "casebook-problems.json").read_text(encoding="utf-8")) == {}


def test_a_search_index_that_pagefind_cannot_build_is_an_error_with_its_message(tmp_path: Path) -> None:
    """Pagefind's own failure (here: no HTML to index) stops the indexing with Pagefind's words, not a traceback."""
    (tmp_path / "site").mkdir()
    with pytest.raises(SearchIndexError, match="Pagefind was not able to build an index"):
        build_index(tmp_path / "site")
