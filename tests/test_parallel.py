"""One `mkdocs build` per language in parallel processes (casebook/plugin/parallel.py): the same site,
byte for byte, as one process building every language; every page through every plugin's page events;
a failing child fails the build and publishes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import PAGEFIND_UNORDERED, ROOT, copy_site, edit, pagefind_index

from casebook.plugin.parallel import ENV_SWITCH

pytestmark = pytest.mark.build

SITE_URL = "https://example.org/casebook/"  # so that the sitemap, which lists both languages, is written

# A hook another site might add: it notes each page that passes through on_post_page, and the process.
COUNTING_HOOK = '''
import os
from pathlib import Path

def on_post_page(output, page, config):
    with Path(__file__).with_name("pages.log").open("a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {page.url}\\n")
    return output
'''

# A hook that fails the English pages only: in a parallel build, those are the child's.
FAILING_HOOK = '''
import os

def on_page_markdown(markdown, page, config, files):
    if page.url.startswith("en/cases/"):
        if os.environ.get("FAIL_HOW") == "crash":
            os._exit(3)
        raise RuntimeError("injected failure in " + page.url)
    return markdown
'''


def run_build(config: Path, site: Path, *, parallel: bool = True, args: tuple[str, ...] = (),
              site_url: str | None = SITE_URL) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of ``config`` into ``site``, in parallel processes or (``parallel`` False) in one."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", ENV_SWITCH: "1" if parallel else "0"}
    env.pop("CASEBOOK_SITE_URL", None)
    if site_url is not None:
        env["CASEBOOK_SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site), *args],
                          capture_output=True, text=True, env=env, cwd=config.parent, check=False)


def files_of(site: Path) -> dict[str, bytes]:
    """Every file of ``site`` and its bytes, but Pagefind's files written in hash-map order (compared
    through :func:`pagefind_index` instead)."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and not any(path.relative_to(site).match(pattern) for pattern in PAGEFIND_UNORDERED)}


def assert_same_site(one: Path, other: Path) -> None:
    first, second = files_of(one), files_of(other)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert pagefind_index(one) == pagefind_index(other)


def with_hook(source: Path, name: str, text: str) -> Path:
    """``source``'s mkdocs.yml with one more hooks file, ``name``, holding ``text``."""
    (source / name).write_text(text, encoding="utf-8")
    edit(source / "mkdocs.yml", "hooks:\n", f"hooks:\n  - {name}\n")
    return source / "mkdocs.yml"


def leftovers(folder: Path) -> list[str]:
    """What builds left beside their site: staging folders, the other languages' folder and its files."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("site."))


def test_parallel_and_sequential_builds_of_the_minimal_site_are_byte_identical(tmp_path: Path) -> None:
    """Both languages built at once give the very files one process building both gives."""
    source = copy_site("minimal", tmp_path / "src")
    edit(source / "mkdocs.yml", "docs_dir:", f"site_url: {SITE_URL}\ndocs_dir:")
    for parallel in (True, False):
        result = run_build(source / "mkdocs.yml", tmp_path / f"site-{parallel}", parallel=parallel)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "site-True" / "sitemap.xml").is_file()
    assert_same_site(tmp_path / "site-True", tmp_path / "site-False")
    assert leftovers(tmp_path) == []


def test_parallel_and_sequential_builds_of_the_seed_project_are_byte_identical(tmp_path: Path) -> None:
    """The same holds for this repository's own content, with its sitemap listing both languages."""
    for parallel in (True, False):
        result = run_build(ROOT / "mkdocs.yml", tmp_path / f"site-{parallel}", parallel=parallel)
        assert result.returncode == 0, result.stderr
    sitemap = (tmp_path / "site-True" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}</loc>" in sitemap and f"<loc>{SITE_URL}en/</loc>" in sitemap
    assert_same_site(tmp_path / "site-True", tmp_path / "site-False")


def test_another_hook_sees_every_page_of_both_languages(tmp_path: Path) -> None:
    """A plugin a site adds sees each page once, in one process or the other; the same pages as in one process."""
    source = copy_site("minimal", tmp_path / "src")
    config = with_hook(source, "count_pages.py", COUNTING_HOOK)
    seen = {}
    for parallel in (True, False):
        (source / "pages.log").unlink(missing_ok=True)
        result = run_build(config, tmp_path / f"site-{parallel}", parallel=parallel)
        assert result.returncode == 0, result.stderr
        seen[parallel] = [line.split(" ", 1) for line in (source / "pages.log").read_text().splitlines()]
    urls = Counter(url for _, url in seen[True])
    assert urls == Counter(url for _, url in seen[False])
    assert set(urls.values()) == {1}
    assert "cases/alpha-workshop/" in urls and "en/cases/alpha-workshop/" in urls
    # Danish pages in one process, English ones in another.
    by_process = {lang: {pid for pid, url in seen[True] if url.startswith("en/") == (lang == "en")}
                  for lang in ("da", "en")}
    assert len(by_process["da"]) == len(by_process["en"]) == 1 and by_process["da"] != by_process["en"]
    assert len({pid for pid, _ in seen[False]}) == 1


@pytest.mark.parametrize("how", ["exception", "crash"])
def test_a_failing_child_fails_the_build_and_publishes_nothing(tmp_path: Path, how: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The English pages' build failing (an exception, or the process ending) stops the build with its
    message; the published site stays as it was, and nothing is left beside it."""
    source = copy_site("minimal", tmp_path / "src")
    site = source / "site"
    assert run_build(source / "mkdocs.yml", site).returncode == 0
    before = files_of(site)
    config = with_hook(source, "fail_english.py", FAILING_HOOK)
    monkeypatch.setenv("FAIL_HOW", how)
    result = run_build(config, site)
    assert result.returncode != 0
    said = result.stdout + result.stderr
    assert "The build of the pages in en stopped; nothing was published. It said: " in said
    assert ("injected failure in en/cases/" if how == "exception" else "it ended with exit status 3.") in said
    assert files_of(site) == before
    assert leftovers(source) == []


def test_a_warning_of_the_child_fails_a_strict_build(tmp_path: Path) -> None:
    """`--strict` counts the warnings of the English pages' build too: nothing is published."""
    source = copy_site("minimal", tmp_path / "src")
    edit(source / "mkdocs.yml", "docs_dir:", f"site_url: {SITE_URL}\ndocs_dir:")  # else a warning already
    site = source / "site"
    assert run_build(source / "mkdocs.yml", site, args=("--strict",)).returncode == 0
    before = files_of(site)
    story = source / "cases" / "alpha-workshop" / "index.en.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nSee [the report](missing-report.md).\n",
                     encoding="utf-8")
    result = run_build(source / "mkdocs.yml", site, args=("--strict",))
    assert result.returncode != 0
    assert "Doc file 'en/cases/alpha-workshop/index.md' contains a link 'missing-report.md'" in result.stderr
    assert "strict mode" in result.stdout + result.stderr
    assert files_of(site) == before
    assert leftovers(source) == []


def test_a_dirty_build_renders_the_other_language_anew(tmp_path: Path) -> None:
    """`mkdocs build --dirty` after a change to an English story publishes the change, as a clean build does."""
    source = copy_site("minimal", tmp_path / "src")
    site = source / "site"
    assert run_build(source / "mkdocs.yml", site).returncode == 0
    story = source / "cases" / "alpha-workshop" / "index.en.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nA sentence added in English.\n", encoding="utf-8")
    result = run_build(source / "mkdocs.yml", site, args=("--dirty",))
    assert result.returncode == 0, result.stderr
    page = (site / "en" / "cases" / "alpha-workshop" / "index.html").read_text(encoding="utf-8")
    assert "A sentence added in English." in page
    clean = tmp_path / "clean"
    assert run_build(source / "mkdocs.yml", clean).returncode == 0
    pages = [path.relative_to(clean) for path in clean.rglob("*.html")]
    assert [page for page in pages if (site / page).read_bytes() != (clean / page).read_bytes()] == []


def test_the_setting_builds_in_one_process(tmp_path: Path) -> None:
    """``extra.casebook.parallel: false`` builds every page in one process."""
    source = copy_site("minimal", tmp_path / "src")
    config = with_hook(source, "count_pages.py", COUNTING_HOOK)
    edit(config, "  casebook:\n", "  casebook:\n    parallel: false\n")
    env_free = run_build(config, tmp_path / "site")  # the variable says parallel; the setting wins
    assert env_free.returncode == 0, env_free.stderr
    assert len({line.split(" ")[0] for line in (source / "pages.log").read_text().splitlines()}) == 1
