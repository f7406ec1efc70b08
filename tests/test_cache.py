"""Caching that cannot serve stale pages (casebook/cache.py, casebook/preview.py): each change to a
case, an organisation, a taxonomy label, a template or a package version invalidates exactly what
depends on it, counted through the cache's hits and misses and the pages the preview renders."""

from __future__ import annotations

import pickle
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, copy_site, edit
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from PIL import Image

import casebook.core.fingerprints
from casebook.core.cache import CACHE_DIR, Cache
from casebook.core.fingerprints import code_fingerprint, stable_repr
from casebook.plugin.plugin import CasebookPlugin, loaded
from casebook.project import Project, load_project


@pytest.fixture(autouse=True)
def fresh_code_fingerprint() -> Iterator[None]:
    """Each test sees the installed versions (some pretend another one)."""
    code_fingerprint.cache_clear()
    yield
    code_fingerprint.cache_clear()


def load(root: Path) -> tuple[Project, Counter[str]]:
    """Load ``root`` with its cache, save the cache, and return the project and the content counts."""
    cache = Cache.for_project(root)
    project = load_project(root, cache=cache)
    cache.save()
    return project, cache.stats.get("content", Counter())


def formatted(project: Project) -> list[str]:
    return [issue.format() for issue in project.issues]


# --- content: cases, organisations, taxonomy --------------------------------------------------


def test_unchanged_project_is_read_from_the_cache_and_equals_a_fresh_load(minimal: Path) -> None:
    """A second load reuses every file and gives exactly what loading without a cache gives."""
    _, first = load(minimal)
    project, second = load(minimal)
    assert first["misses"] == 5 and first["hits"] == 0  # two cases, organisations, taxonomy, a catalogue
    assert second["hits"] == 5 and second["misses"] == 0
    fresh = load_project(minimal)
    assert formatted(project) == formatted(fresh)
    assert project.cases.keys() == fresh.cases.keys()
    for slug, entry in fresh.cases.items():
        cached = project.cases[slug]
        assert cached.case == entry.case and cached.doc.value_positions == entry.doc.value_positions
        assert {lang: story.text for lang, story in cached.stories.items()} == \
            {lang: story.text for lang, story in entry.stories.items()}


def test_a_changed_case_is_read_again_and_nothing_else(minimal: Path) -> None:
    """Editing one case's story re-reads that case only, and its new text is what is loaded."""
    load(minimal)
    edit(minimal / "cases" / "beta-mentors" / "index.da.md", "en gang om måneden", "hver uge")
    project, counts = load(minimal)
    assert (counts["misses"], counts["hits"]) == (1, 4)
    assert "hver uge" in project.cases["beta-mentors"].stories["da"].text


def test_a_new_file_in_a_case_folder_reads_the_case_again(minimal: Path) -> None:
    """The names beside case.yml are part of the key: a stray file is reported, not missed."""
    load(minimal)
    (minimal / "cases" / "alpha-workshop" / "notes.md").write_text("x", encoding="utf-8")
    project, counts = load(minimal)
    assert (counts["misses"], counts["hits"]) == (1, 4)
    assert any(i.code == "case.unexpected-file" for i in project.issues)


def test_a_changed_organisation_reads_only_the_organisations_again(minimal: Path) -> None:
    """An organisation's new name re-reads organisations.yml; the cases are reused, and still
    cross-checked against the new file."""
    load(minimal)
    edit(minimal / "content" / "organisations.yml", "name: Acme A/S", "name: Acme Danmark A/S")
    project, counts = load(minimal)
    assert (counts["misses"], counts["hits"]) == (1, 4)
    assert project.organisations["acme"].name == "Acme Danmark A/S"
    # Cross-checks run every time: an organisation removed is reported in the cached cases.
    edit(minimal / "content" / "organisations.yml", "id: hjaelp", "id: hjaelp-2")
    project, counts = load(minimal)
    assert (counts["misses"], counts["hits"]) == (1, 4)
    assert any("unknown organisation 'hjaelp'" in line for line in formatted(project))


def test_a_changed_taxonomy_label_reads_only_the_taxonomy_again(minimal: Path) -> None:
    """A theme's new label re-reads taxonomy.yml and nothing else."""
    load(minimal)
    edit(minimal / "content" / "taxonomy.yml", "da: Integration, en: Integration", "da: Inklusion, en: Integration")
    project, counts = load(minimal)
    assert (counts["misses"], counts["hits"]) == (1, 4)
    assert project.taxonomy is not None and project.taxonomy.vocabulary("themes")["integration"].da == "Inklusion"


def test_a_cached_case_keeps_its_problems(minimal: Path) -> None:
    """A case with a warning gives the same warning from the cache."""
    edit(minimal / "cases" / "beta-mentors" / "index.da.md", "## Forløbet\n", "## Forløbet\n<!-- a comment -->\n")
    first, _ = load(minimal)
    second, counts = load(minimal)
    assert counts["misses"] == 0
    assert formatted(second) == formatted(first) and any("comment" in line for line in formatted(first))


def test_a_new_package_version_reads_content_again_only_for_its_own_kind(
        minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pydantic (which checks content) invalidates the content; Markdown (which renders stories) does not."""
    load(minimal)
    real = casebook.core.fingerprints.package_version
    monkeypatch.setattr(casebook.core.fingerprints, "package_version",
                        lambda name: "0.0-test" if name == "markdown" else real(name))
    code_fingerprint.cache_clear()
    _, counts = load(minimal)
    assert (counts["misses"], counts["hits"]) == (0, 5)
    monkeypatch.setattr(casebook.core.fingerprints, "package_version",
                        lambda name: "0.0-test" if name == "pydantic" else real(name))
    code_fingerprint.cache_clear()
    _, counts = load(minimal)
    assert (counts["misses"], counts["hits"]) == (5, 0)


# --- a damaged cache is a cache miss -----------------------------------------------------------


def test_an_unreadable_cache_file_is_ignored(minimal: Path) -> None:
    """A truncated cache file is counted as corrupt, every file is read again, nothing fails."""
    load(minimal)
    pack = minimal / CACHE_DIR / "content.pickle"
    pack.write_bytes(pack.read_bytes()[:100])
    project, counts = load(minimal)
    assert counts["corrupt"] == 1 and counts["misses"] == 5
    assert formatted(project) == formatted(load_project(minimal))
    _, counts = load(minimal)  # written again, whole
    assert counts["hits"] == 5


def test_one_damaged_entry_is_a_miss_and_the_others_are_used(minimal: Path) -> None:
    """An entry that cannot be unpickled is read again alone."""
    load(minimal)
    pack = minimal / CACHE_DIR / "content.pickle"
    data = pickle.loads(pack.read_bytes())
    key = next(iter(data["entries"]))
    data["entries"][key] = b"not a pickle"
    pack.write_bytes(pickle.dumps(data))
    _, counts = load(minimal)
    assert (counts["corrupt"], counts["misses"], counts["hits"]) == (1, 1, 4)


def test_the_cache_is_written_atomically_and_holds_one_build(minimal: Path) -> None:
    """No temporary files are left, and entries no build uses any more are dropped."""
    load(minimal)
    edit(minimal / "cases" / "beta-mentors" / "index.da.md", "en gang om måneden", "hver uge")
    load(minimal)
    folder = minimal / CACHE_DIR
    assert sorted(p.name for p in folder.iterdir()) == ["content.pickle", "image.pickle"]
    assert len(pickle.loads((folder / "content.pickle").read_bytes())["entries"]) == 5
    assert len(pickle.loads((folder / "image.pickle").read_bytes())["entries"]) == 1  # the alpha workshop's


def test_the_cache_can_be_switched_off(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CASEBOOK_CACHE=off: nothing is written."""
    monkeypatch.setenv("CASEBOOK_CACHE", "off")
    load(minimal)
    _, counts = load(minimal)
    assert counts["hits"] == 0 and not (minimal / CACHE_DIR).exists()


def test_configuration_has_a_stable_text_form() -> None:
    """Functions are named with what their closures hold; anything else cannot be a key."""
    from pymdownx.slugs import slugify

    assert stable_repr({"b": [1, 2.5], "a": None}) == stable_repr({"a": None, "b": [1, 2.5]})
    assert stable_repr(slugify(case="lower")) == stable_repr(slugify(case="lower"))
    assert stable_repr(slugify(case="lower")) != stable_repr(slugify(case="upper"))
    with pytest.raises(TypeError):
        stable_repr(object())


# --- story HTML and the preview, through MkDocs ----------------------------------------------------


def casebook_plugin(config: MkDocsConfig) -> CasebookPlugin:
    """The one Casebook plugin object ``config`` loads (here through the hooks file)."""
    [plugin] = loaded(config).values()
    return plugin


def run_build(root: Path, command: str = "build") -> dict[str, Any]:
    """Build ``root`` in this process as `mkdocs build` (or the preview, `mkdocs serve`, does); return
    the build's cache counts (stories, image checks, images' files) and how many pages it rendered."""
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=False)
    build(config)
    session = casebook_plugin(config).current
    if session.indexer is not None:
        session.indexer.wait()  # the preview's search index, made in the background
    stats = session.cache.stats
    return {"content": stats.get("content", Counter()),
            "story": stats.get("story", Counter()), "image": stats.get("image", Counter()),
            "image-files": stats.get("image-files", Counter()), "rendered": session.summary.rendered,
            "pages": session.summary.pages}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal site with a copy of the templates of its own, so a test may edit one."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    root = copy_site("minimal", tmp_path / "site")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    edit(root / "mkdocs.yml", f"custom_dir: {ROOT}/overrides", f"custom_dir: {tmp_path}/overrides")
    return root


def pages(folder: Path) -> dict[str, str]:
    """Every HTML page under ``folder`` by its path."""
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.html"))}


@pytest.mark.build
def test_story_html_is_reused_until_its_story_changes(site: Path) -> None:
    """The second build renders no story's Markdown; after an edit, only that story's; the site is the same."""
    first = run_build(site)
    before = pages(site / "site")
    second = run_build(site)
    assert first["story"]["misses"] == first["story"]["writes"] > 0 and first["story"]["hits"] == 0
    assert (second["story"]["hits"], second["story"]["misses"]) == (first["story"]["misses"], 0)
    assert pages(site / "site") == before
    edit(site / "cases" / "beta-mentors" / "index.da.md", "en gang om måneden", "hver uge")
    third = run_build(site)
    assert (third["story"]["misses"], third["story"]["hits"]) == (1, first["story"]["misses"] - 1)
    assert "hver uge" in (site / "site" / "cases" / "beta-mentors" / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_story_html_ignores_templates_and_follows_the_markdown_version(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A template edit re-renders pages, not stories; a new Markdown version re-renders every story."""
    first = run_build(site)
    page = site.parent / "overrides" / "casebook" / "case.html"
    page.write_text(page.read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}<!--t-->", 1),
                    encoding="utf-8")
    second = run_build(site)
    assert second["story"]["misses"] == 0
    assert "<!--t-->" in (site / "site" / "cases" / "beta-mentors" / "index.html").read_text(encoding="utf-8")
    real = casebook.core.fingerprints.package_version
    monkeypatch.setattr(casebook.core.fingerprints, "package_version",
                        lambda name: "0.0-test" if name == "markdown" else real(name))
    code_fingerprint.cache_clear()
    third = run_build(site)
    assert (third["story"]["misses"], third["story"]["hits"]) == (first["story"]["misses"], 0)


@pytest.mark.build
def test_an_unchanged_image_is_not_made_again(site: Path) -> None:
    """The second build reuses the image's check and its files, which are not written again; a new version
    of the picture is checked and made again, and the old version's files are removed."""
    first = run_build(site)
    store = site / CACHE_DIR / "images"
    [made] = store.iterdir()
    written = {p.name: p.stat().st_mtime_ns for p in made.iterdir()}
    second = run_build(site)
    assert (first["image"], first["image-files"]) == (Counter(misses=1, writes=1), Counter(misses=1))
    assert (second["image"], second["image-files"]) == (Counter(hits=1), Counter(hits=1))
    assert {p.name: p.stat().st_mtime_ns for p in made.iterdir()} == written
    dot = site / "cases" / "alpha-workshop" / "images" / "dot.png"
    Image.new("RGB", (960, 640), (0, 102, 153)).save(dot)
    third = run_build(site)
    assert (third["image"], third["image-files"]) == (Counter(misses=1, writes=1), Counter(misses=1))
    assert [p.name for p in store.iterdir()] != [made.name] and len(list(store.iterdir())) == 1
    with Image.open(site / "site" / "media" / "alpha-workshop" / "images" / "dot.png" / "480.png") as image:
        assert image.convert("RGB").getpixel((0, 0)) == (0, 102, 153)


@pytest.mark.build
def test_the_preview_serves_an_image_and_its_new_version(site: Path) -> None:
    """Under `mkdocs serve` the image's files are served, kept while unchanged, and replaced by the new
    version's when the picture changes."""
    run_build(site, "serve")
    served = site / "site" / "media" / "alpha-workshop" / "images" / "dot.png" / "480.png"
    stamp = served.stat().st_mtime_ns
    assert run_build(site, "serve")["image-files"] == Counter(hits=1)
    assert served.stat().st_mtime_ns == stamp
    Image.new("RGB", (960, 640), (0, 102, 153)).save(site / "cases" / "alpha-workshop" / "images" / "dot.png")
    assert run_build(site, "serve")["image-files"] == Counter(misses=1)
    with Image.open(served) as image:
        assert image.convert("RGB").getpixel((0, 0)) == (0, 102, 153)


def preview_rebuild_matches_full(site: Path) -> int:
    """Rebuild the preview; check every page it serves equals a full build of the same content; return
    how many pages the rebuild rendered."""
    rendered = run_build(site, "serve")["rendered"]
    served = pages(site / "site")
    full = site.parent / "full"
    shutil.rmtree(full, ignore_errors=True)
    shutil.copytree(site, full, ignore=shutil.ignore_patterns("site", ".cache"))
    run_build(full, "serve")  # a fresh folder: every page rendered
    assert served == pages(full / "site")
    return int(rendered)


@pytest.mark.build
def test_the_preview_renders_exactly_the_pages_a_change_reaches(site: Path) -> None:
    """Unchanged pages are kept, and after each kind of change the served site equals a full build."""
    total = run_build(site, "serve")["pages"]
    assert run_build(site, "serve")["rendered"] == 0
    # A story (told only in Danish): its page.
    edit(site / "cases" / "beta-mentors" / "index.da.md", "en gang om måneden", "hver uge")
    assert preview_rebuild_matches_full(site) == 1
    # A case's title: its pages and every page that lists or links it, not the others.
    edit(site / "cases" / "alpha-workshop" / "case.yml", "da: Alfa-workshoppen", "da: Alfa-værkstedet")
    assert 2 < preview_rebuild_matches_full(site) < total
    # An organisation's name, a taxonomy label: the pages that show them.
    edit(site / "content" / "organisations.yml", "name: Acme A/S", "name: Acme Danmark A/S")
    assert 2 < preview_rebuild_matches_full(site) < total
    edit(site / "content" / "taxonomy.yml", "da: Integration, en: Integration", "da: Inklusion, en: Integration")
    assert 2 < preview_rebuild_matches_full(site) < total
    # A template: every page.
    base = site.parent / "overrides" / "main.html"
    base.write_text(base.read_text(encoding="utf-8") + "\n{# edited #}\n", encoding="utf-8")
    assert preview_rebuild_matches_full(site) == total


@pytest.mark.build
def test_a_deleted_case_disappears_from_the_preview(site: Path) -> None:
    """The preview removes the pages it no longer makes."""
    run_build(site, "serve")
    assert (site / "site" / "cases" / "beta-mentors" / "index.html").exists()
    edit(site / "cases" / "alpha-workshop" / "case.yml", "related: [beta-mentors]\n", "")
    edit(site / "content" / "catalogues" / "starter" / "catalogue.yml", "[beta-mentors, alpha-workshop]",
         "[alpha-workshop]")
    shutil.rmtree(site / "cases" / "beta-mentors")
    preview_rebuild_matches_full(site)
    assert not (site / "site" / "cases" / "beta-mentors" / "index.html").exists()
