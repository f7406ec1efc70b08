"""The live preview after each kind of change equals a full build of the same content, page by page
(casebook/plugin/rebuild.py): a change of stories alone reads those stories again and renders their
cases' pages only, starting from the served build; any other change reads and plans everything again."""

from __future__ import annotations

import os
import shutil
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import edit
from test_cache import pages, run_build, site  # noqa: F401 - the fixture

from casebook.core.cache import Cache
from casebook.core.languages import LANGUAGES
from casebook.project import load_project
from casebook.project.changes import Stamps, reload_stories
from casebook.project.translations import fingerprint

Change = Callable[[Path], None]
Counts = dict[str, Any]

ALPHA = Path("cases") / "alpha-workshop"
BETA = Path("cases") / "beta-mentors"


def rebuild_matches_full(site: Path) -> Counts:  # noqa: F811
    """Rebuild the preview; check every page it serves equals a full build of the same content; return
    the rebuild's counts (test_cache.run_build)."""
    counts = run_build(site, "serve")
    served = pages(site / "site")
    full = site.parent / "full"
    shutil.rmtree(full, ignore_errors=True)
    shutil.copytree(site, full, ignore=shutil.ignore_patterns("site", ".cache"))
    run_build(full, "serve")  # a fresh folder: every page rendered
    assert served == pages(full / "site")
    return counts


def aged(*paths: Path) -> None:
    """Files as if written a while ago: not within the clock tick of the next stamps (casebook/project/changes.py)."""
    then = time.time_ns() - 10 * 10**9
    for path in paths:
        os.utime(path, ns=(then, then))


def record_translation(root: Path) -> None:
    """The alpha workshop's English story recorded as translated from its Danish one as it is now."""
    source = (root / ALPHA / "index.da.md").read_text(encoding="utf-8")
    (root / "content" / "translations.yml").write_text(
        "translations:\n"
        f"  - file: {(ALPHA / 'index.en.md').as_posix()}\n"
        f"    source: {(ALPHA / 'index.da.md').as_posix()}\n"
        f"    fingerprint: \"{fingerprint(source)}\"\n", encoding="utf-8")


def story(root: Path) -> None:
    edit(root / BETA / "index.da.md", "en gang om måneden", "hver uge")


def translated_story(root: Path) -> None:
    """The original of a recorded translation: the translation is now behind it."""
    edit(root / ALPHA / "index.da.md", "mødtes med", "mødtes i ugevis med")


def case_facts(root: Path) -> None:
    edit(root / ALPHA / "case.yml", "da: Alfa-workshoppen", "da: Alfa-værkstedet")


def organisation(root: Path) -> None:
    edit(root / "content" / "organisations.yml", "name: Acme A/S", "name: Acme Danmark A/S")


def taxonomy_label(root: Path) -> None:
    edit(root / "content" / "taxonomy.yml", "da: Integration, en: Integration", "da: Inklusion, en: Integration")


def catalogue(root: Path) -> None:
    edit(root / "content" / "catalogues" / "starter" / "catalogue.yml", "da: Et mentorkorps",
         "da: Et korps af mentorer")


def template(root: Path) -> None:
    base = root.parent / "overrides" / "main.html"
    base.write_text(base.read_text(encoding="utf-8") + "\n{# edited #}\n", encoding="utf-8")


def page(root: Path) -> None:
    edit(root / "content" / "about.da.md", "Om testsitet.", "Om testsitet, nu længere.")


def new_case(root: Path) -> None:
    gamma = root / "cases" / "gamma-mentors"
    shutil.copytree(root / BETA, gamma)
    edit(gamma / "case.yml", "da: Betamentorerne", "da: Gammamentorerne")
    edit(gamma / "case.yml", "en: The beta mentors", "en: The gamma mentors")


def deleted_case(root: Path) -> None:
    edit(root / ALPHA / "case.yml", "related: [beta-mentors]\n", "")
    edit(root / "content" / "catalogues" / "starter" / "catalogue.yml", "[beta-mentors, alpha-workshop]",
         "[alpha-workshop]")
    shutil.rmtree(root / BETA)


def story_names_an_image(root: Path) -> None:
    """The image is the case's already; a story that shows it publishes it as the story's too."""
    with (root / ALPHA / "index.da.md").open("a", encoding="utf-8") as file:
        file.write("\n![En prik](images/dot.png)\n")


def deleted_story(root: Path) -> None:
    (root / ALPHA / "index.en.md").unlink()


# name -> (the change, whether the rebuild starts from the served build)
CHANGES: dict[str, tuple[Change, bool]] = {
    "story": (story, True),
    "story whose translation is recorded": (translated_story, True),
    "case facts": (case_facts, False),
    "organisation": (organisation, False),
    "taxonomy label": (taxonomy_label, False),
    "catalogue": (catalogue, False),
    "template": (template, True),
    "page": (page, False),
    "new case": (new_case, False),
    "deleted case": (deleted_case, False),
    "story naming an image": (story_names_an_image, False),
    "deleted story": (deleted_story, False),
}


@pytest.mark.build
@pytest.mark.parametrize("name", CHANGES)
def test_the_preview_after_each_kind_of_change_equals_a_full_build(site: Path, name: str) -> None:  # noqa: F811
    """Each kind of change, made after the preview served the site: every served page is the full build's,
    and a change of stories alone reads no other content file again."""
    record_translation(site)
    aged(site / "content" / "translations.yml")
    run_build(site, "serve")
    change, incremental = CHANGES[name]
    change(site)
    read_again = rebuild_matches_full(site)["content"]  # content files read, from the cache or not
    assert not read_again if incremental else read_again["hits"] + read_again["misses"] > 0


@pytest.mark.build
def test_story_edits_render_only_their_case_pages(site: Path) -> None:  # noqa: F811
    """Edits of stories in a row, one making its translation outdated: each renders its case's pages alone
    and reads nothing else; a change of facts between them reads everything again, and the next story
    edit is quick again; the served site equals a full build all along."""
    record_translation(site)
    aged(site / "content" / "translations.yml")
    first = run_build(site, "serve")
    story(site)
    counts = rebuild_matches_full(site)
    assert (counts["rendered"], counts["content"]) == (1, {})
    translated_story(site)  # the Danish page, and the English one, which now says it is behind
    counts = rebuild_matches_full(site)
    assert (counts["rendered"], counts["content"]) == (2, {})
    case_facts(site)
    aged(site / ALPHA / "case.yml")
    counts = rebuild_matches_full(site)
    assert 2 < counts["rendered"] < first["pages"] and counts["content"]["hits"] > 0
    # The cache kept every entry through the quick rebuilds: only the cases whose files changed are read.
    assert (counts["content"]["misses"], counts["image"]) == (2, Counter(hits=1))
    edit(site / BETA / "index.da.md", "hver uge", "hver anden uge")
    counts = rebuild_matches_full(site)
    assert (counts["rendered"], counts["content"]) == (1, {})


@pytest.mark.build
def test_a_story_with_an_error_keeps_the_last_good_preview(site: Path) -> None:  # noqa: F811
    """A story whose link names no page of the site is an error: the served pages stay; fixed, the preview
    equals a full build again."""
    run_build(site, "serve")
    before = pages(site / "site")
    with (site / BETA / "index.da.md").open("a", encoding="utf-8") as file:
        file.write("\nSe [data](/no-such-page/).\n")
    run_build(site, "serve")
    assert pages(site / "site") == before
    edit(site / BETA / "index.da.md", "Se [data](/no-such-page/).", "Se [data](/data/cases.json).")
    rebuild_matches_full(site)


# --- the project and the stamps, without MkDocs -----------------------------------------------------


def test_stories_read_again_give_the_project_a_full_load_gives(minimal: Path) -> None:
    """reload_stories: the same cases, stories, problems, images and translation states as load_project."""
    record_translation(minimal)
    aged(minimal / "content" / "translations.yml")
    before = load_project(minimal, cache=Cache(None, keep=True))
    stamps = Stamps.scan(minimal / "cases", minimal / "content")
    translated_story(minimal)
    with (minimal / BETA / "index.da.md").open("a", encoding="utf-8") as file:
        file.write("\n<!-- a comment -->\n")
    changed = stamps.changed_files(Stamps.scan(minimal / "cases", minimal / "content"))
    assert changed is not None and {minimal / ALPHA / "index.da.md", minimal / BETA / "index.da.md"} <= changed
    change = reload_stories(before, changed, None)
    assert change is not None and change.states == {"alpha-workshop"}
    full = load_project(minimal)
    again = change.project
    assert [i.format() for i in again.issues] == [i.format() for i in full.issues]
    assert any("comment" in i.format() for i in full.issues)
    assert again.story_images == full.story_images and again.images.keys() == full.images.keys()
    assert [(u.kind, u.name, u.texts, u.states, u.sources) for u in again.translations] == \
        [(u.kind, u.name, u.texts, u.states, u.sources) for u in full.translations]
    for slug, entry in full.cases.items():
        assert again.cases[slug].case == entry.case
        assert {lang: s.text for lang, s in again.cases[slug].stories.items()} == \
            {lang: s.text for lang, s in entry.stories.items()}
    assert list(again.cases) == list(full.cases) and set(LANGUAGES) >= set(full.cases["alpha-workshop"].stories)


def test_only_changes_of_existing_stories_are_read_alone(minimal: Path) -> None:
    """Facts, a file added or removed, or content/ outside the stories: the project is loaded again."""
    project = load_project(minimal)
    stamps = Stamps.scan(minimal / "cases", minimal / "content")
    case_facts(minimal)
    changed = stamps.changed_files(Stamps.scan(minimal / "cases", minimal / "content"))
    assert changed is not None and reload_stories(project, changed, None) is None
    (minimal / BETA / "index.en.md").write_text("A story.\n", encoding="utf-8")
    assert stamps.changed_files(Stamps.scan(minimal / "cases", minimal / "content")) is None


def test_a_change_within_the_same_clock_tick_is_seen(minimal: Path) -> None:
    """A file rewritten with the same size and modification time as when it was stamped still counts as
    changed while it was modified shortly before the stamps were taken."""
    path = minimal / BETA / "index.da.md"
    stat = path.stat()
    now = time.time_ns()
    os.utime(path, ns=(now, now))
    stamps = Stamps.scan(minimal / "cases")
    edit(path, "en gang om måneden", "en gang om ugen!!!!")  # as many bytes
    os.utime(path, ns=(now, now))
    assert path.stat().st_size == stat.st_size
    changed = stamps.changed_files(Stamps.scan(minimal / "cases"))
    assert changed is not None and path in changed
    old = now - 10 * 10**9
    os.utime(path, ns=(old, old))
    stamps = Stamps.scan(minimal / "cases")
    assert stamps.changed_files(Stamps.scan(minimal / "cases")) == set()


def _stopped(pid: int, expected: bool) -> bool:
    """Whether the process is (``expected``) stopped, as Linux shows it, within a few seconds."""
    deadline = time.monotonic() + 5
    while True:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
        if (state == "T") == expected or time.monotonic() > deadline:
            return (state == "T") == expected
        time.sleep(0.01)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_the_search_index_waits_while_a_rebuild_runs() -> None:
    """PreviewIndexer.hold stops Pagefind's process (one that starts meanwhile, or one already running)
    and release lets it go on."""
    import logging
    import subprocess
    import sys

    from casebook.publish.search import PreviewIndexer

    indexer = PreviewIndexer(logging.getLogger("test"))
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], text=True) as process:
        try:
            indexer.hold()
            indexer._started(process)  # as the indexer's thread does when Pagefind starts
            assert _stopped(process.pid, True)
            indexer.release()
            assert _stopped(process.pid, False)
            indexer.hold()
            assert _stopped(process.pid, True)
            indexer.release()
            assert _stopped(process.pid, False)
        finally:
            process.kill()
