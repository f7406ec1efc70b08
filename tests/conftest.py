"""Shared fixtures: copies of the tiny sample sites, and helpers to edit and check them."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2
import pytest
from playwright.sync_api import Browser, sync_playwright

from casebook.project import load_project
from tools.static_host import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "sites"


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds and commands speak the locale's language: the tests run in English unless one sets a locale."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def site_pages(site: Path, name: str = "*.html") -> list[Path]:
    """The HTML files named ``name`` of the site's public pages, sorted: /admin/ (Decap CMS, no page of the
    site, with its own policy; tests/test_cms_admin.py checks it) left out."""
    return sorted(path for path in site.rglob(name) if not path.relative_to(site).as_posix().startswith("admin/"))


def copy_site(name: str, dest: Path) -> Path:
    """Copy ``tests/sites/<name>`` to ``dest``, pointing its mkdocs.yml at this checkout's theme and hooks."""
    shutil.copytree(SITES / name, dest)
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../../", f"{ROOT}/"), encoding="utf-8")
    return dest


def tracked_copy(dest: Path) -> Path:
    """The files git tracks in this checkout, as they are in the work tree, copied to ``dest`` and
    committed there in a new repository: what a fresh clone of this work would hold."""
    names = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, names.decode().split("\0")):
        if (ROOT / name).is_file():  # a tracked file deleted in the work tree is not copied
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "A copy of the tracked files"]):
        subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "user.name=Casebook test",
                        "-c", "user.email=test@casebook.invalid", *command], cwd=dest, check=True)
    return dest


def git_status(root: Path) -> list[str]:
    """``git status --porcelain`` in ``root``: one line per changed or untracked file, none when clean."""
    return subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True,
                          check=True).stdout.splitlines()


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur exactly once) by ``new`` in ``path``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(root: Path) -> list[str]:
    """Every issue in the project at ``root``, formatted as the command line prints it."""
    return [issue.format() for issue in load_project(root).issues]


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A fresh, valid copy of the minimal sample site."""
    return copy_site("minimal", tmp_path / "minimal")


@pytest.fixture
def alpha(minimal: Path) -> Path:
    """case.yml of the alpha-workshop case in a fresh minimal site."""
    return minimal / "cases" / "alpha-workshop" / "case.yml"


def mkdocs_build(config: Path, site_dir: Path, site_url: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build` as a user would, into ``site_dir``; with ``site_url`` as CASEBOOK_SITE_URL (the
    public address mkdocs.yml reads from it), else with none."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CASEBOOK_SITE_URL", None)
    if site_url is not None:
        env["CASEBOOK_SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site_dir)],
                          capture_output=True, text=True, env=env, cwd=config.parent, check=False)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content of this repository, built once for the session without a public address (as a
    fresh clone builds it); what the build printed is kept beside it (:func:`build_log`)."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    (site.parent / BUILD_LOG).write_text(result.stderr, encoding="utf-8")
    return site


# What a session fixture's build printed, beside the built folder.
BUILD_LOG = "build.log"


def build_log(site: Path) -> str:
    """What the build of ``site`` (a session fixture's) printed."""
    return (site.parent / BUILD_LOG).read_text(encoding="utf-8")


# A GitHub Pages project site's address: a host, and the site under a sub-path of it.
SUB_PATH_URL = "https://example.github.io/casebook/"


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built for :data:`SUB_PATH_URL`, once for the session, into ``<host>/casebook/``: the
    folder a static host serves the site from under /casebook/ (the host's 404 page is the site's)."""
    host = tmp_path_factory.mktemp("subpath-host")
    site = host / "casebook"
    result = mkdocs_build(ROOT / "mkdocs.yml", site, site_url=SUB_PATH_URL)
    assert result.returncode == 0, result.stderr
    (host / BUILD_LOG).write_text(result.stderr, encoding="utf-8")
    (host / "404.html").write_bytes((site / "404.html").read_bytes())
    return site


@pytest.fixture(scope="session")
def subpath_server(subpath_site: Path) -> Iterator[str]:
    """The sub-path build served on 127.0.0.1 under /casebook/ (the host's root answers only its 404 page);
    the site's address there, ending with '/casebook/'."""
    httpd, base = serve(subpath_site.parent)
    yield base + "casebook/"
    httpd.shutdown()


# Pagefind writes its filter index in hash-map order, so these files (and the names that point to
# them) differ between identical builds; upstream: https://github.com/Pagefind/pagefind/issues/638.
PAGEFIND_UNORDERED = ("pagefind/filter/*.pf_filter", "pagefind/*.pf_meta", "pagefind/pagefind-entry.json")


def _pagefind_file(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return cbor2.loads(data[len(b"pagefind_dcd"):])


def pagefind_index(site: Path) -> dict[str, Any]:
    """What Pagefind's metadata and filter indexes say, per language, independent of their order."""
    result: dict[str, Any] = {}
    for meta_path in (site / "pagefind").glob("pagefind.*.pf_meta"):
        version, pages, chunks, filters, sorts, meta_fields = _pagefind_file(meta_path)
        lang = meta_path.name.split(".")[1].split("_")[0]
        decoded = {}
        for name, chunk in filters:
            filter_name, values = _pagefind_file(site / "pagefind" / "filter" / f"{chunk}.pf_filter")
            assert filter_name == name
            decoded[name] = {value: sorted(page_numbers) for value, page_numbers in values}
        result[lang] = {"version": version, "pages": pages, "chunks": chunks, "filters": decoded,
                        "sorts": sorts, "meta": meta_fields}
    return result


# --- the built site in a real browser --------------------------------------------------------

# The browser (CHROMIUM, CHROMIUM_ARGS) and the static host (serve) come from tools/static_host.py,
# which the benchmark shares. Set by .ci/run: in CI a missing browser is a failure, not a skip.
REQUIRE_BROWSER = os.environ.get("CASEBOOK_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def server(real_site: Path) -> Iterator[str]:
    """The real site, built once, served on 127.0.0.1; the base URL ends with '/'."""
    httpd, base = serve(real_site)
    yield base
    httpd.shutdown()


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal sample site (one case told only in Danish, its statement elsewhere), built once."""
    source = copy_site("minimal", tmp_path_factory.mktemp("minimal-browser") / "minimal")
    site = source / "site"
    result = mkdocs_build(source / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def minimal_server(minimal_site: Path) -> Iterator[str]:
    """The minimal sample site, served."""
    httpd, base = serve(minimal_site)
    yield base
    httpd.shutdown()


# The day the statement site is built as on: 2028-01-01, more than a year after its statement's date.
STATEMENT_SITE_DAY = "1830297600"


@pytest.fixture(scope="session")
def statement_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The minimal site (whose mkdocs.yml sets every field of the publisher) with this repository's
    accessibility statement as its own, built as on 2028-01-01: the built folder and the build's log."""
    root = copy_site("minimal", tmp_path_factory.mktemp("statement") / "site")
    for lang in ("da", "en"):
        (root / "content" / f"tilgaengelighed.{lang}.md").write_text(
            (ROOT / "content" / f"tilgaengelighed.{lang}.md").read_text(encoding="utf-8"), encoding="utf-8")
    edit(root / "mkdocs.yml", "    accessibility_statement:\n      da: https://was.digst.dk/casebook-test\n"
                              "      en: https://was.digst.dk/casebook-test-en\n", "")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": STATEMENT_SITE_DAY}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d",
                             str(root / "out")], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    return root / "out", result.stderr


@pytest.fixture(scope="session")
def statement_server(statement_site: tuple[Path, str]) -> Iterator[str]:
    """The statement site, served."""
    httpd, base = serve(statement_site[0])
    yield base
    httpd.shutdown()


def require_tool(available: bool, message: str) -> None:
    """Skip the test when a browser tool is missing; in CI (CASEBOOK_REQUIRE_BROWSER=1), fail it."""
    if not available:
        if REQUIRE_BROWSER:
            pytest.fail(message)
        pytest.skip(message)


CMS_MODULES = ROOT / "tools" / "cms" / "node_modules"


def require_cms_tools(package: str = "decap-cms") -> Path:
    """tools/cms/node_modules (Decap CMS, decap-server, yaml) and Node, for the tests of /admin/: skipped
    when missing, failed in CI (CASEBOOK_REQUIRE_BROWSER=1), where `make test` installs them."""
    require_tool((CMS_MODULES / package).is_dir() and shutil.which("node") is not None,
                 f"no {package} in tools/cms/node_modules, or no Node.js: run `make cms-tools` (`make test` does)")
    return CMS_MODULES


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium through Playwright (no browser download)."""
    require_tool(CHROMIUM.exists(), f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium` "
                                    "(`make test` does) or set CASEBOOK_CHROMIUM")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# --- figures printed at the end of the run ----------------------------------------------------


@dataclass
class SiteReport:
    """What the site checks looked at; printed after pytest's summary (see pytest_terminal_summary)."""

    figures: dict[str, int] = field(default_factory=dict)
    tables: dict[str, list[str]] = field(default_factory=dict)  # a heading and its lines, printed as they are

    def add(self, name: str, n: int = 1) -> None:
        self.figures[name] = self.figures.get(name, 0) + n


REPORT = SiteReport()


@pytest.fixture(scope="session")
def site_report() -> SiteReport:
    return REPORT


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if REPORT.figures:
        terminalreporter.section("Casebook site checks")
        for name, n in sorted(REPORT.figures.items()):
            terminalreporter.write_line(f"{name}: {n}")
    for heading, lines in REPORT.tables.items():
        terminalreporter.section(heading)
        for line in lines:
            terminalreporter.write_line(line)


# One page of every type, as a path below each language's root ("" = Danish, "en/" = English).
PAGE_TYPES = {
    "front page": "",
    "case": "cases/ibm-nydansker-erhvervsmentorer/",
    "case list": "cases/",
    "search": "search/",
    "catalogue list": "catalogues/",
    "catalogue": "catalogues/kom-i-gang/",
    "idea": "catalogues/kom-i-gang/mentorkorps/",
    "organisation list": "organisations/",
    "organisation": "organisations/ibm-danmark/",
    "topics": "topics/",
    "impact": "impact/",
    "taxonomy (theme)": "themes/integration/",
    "taxonomy (format)": "formats/workshop/",
    "taxonomy (SDG)": "sdgs/8/",
    "about": "about/",
    "statement": "tilgaengelighed/",
    "404": "this-page-does-not-exist/",
}
LANGUAGE_PREFIXES = {"da": "", "en": "en/"}
