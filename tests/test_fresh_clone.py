"""A fresh clone builds as the hosts build it: a new virtual environment, `pip install -r requirements.txt`,
then the `mkdocs` command (issue 15, item 1); a build leaves every file git tracks as it was (item 6); and
ProperDocs, the continuation of MkDocs 1.x, builds the same site (item 8, docs/engines.md)."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, edit, git_status, mkdocs_build, require_tool, site_pages, tracked_copy

pytestmark = pytest.mark.build

# Not the test's own checkout: the clone must find Casebook only where requirements.txt installed it.
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")} | {"NO_MKDOCS_2_WARNING": "1"}

# The ProperDocs release the site is known to build with (docs/engines.md).
PROPERDOCS = "properdocs==1.6.7"
# What the two engines write differently: the generator tag names the engine that built the page.
GENERATOR = {"mkdocs": "mkdocs-1.6.1, mkdocs-material, casebook",
             "properdocs": "mkdocs-ProperDocs 1.6.7, mkdocs-material, casebook"}

NEW_ORGANISATION = """
  - id: ny-forening
    name: Ny Forening
    kind: ngo
    description:
      da: "En forening, som ingen case nævner endnu."
      en: "An association that no case mentions yet."
    source:
      title: "Casebeskrivelse af IBM's frivillige samarbejde med baba og Bydelsmødrene (On Demand Community)"
"""


def run(command: Sequence[str | Path], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], cwd=cwd, env=ENV | env, capture_output=True, text=True,
                          check=False)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tracked files in a new folder, with `python -m venv v && v/bin/pip install -r requirements.txt`
    run there as a host runs it (pip may take the packages from its cache)."""
    root = tracked_copy(tmp_path_factory.mktemp("clone") / "casebook")
    for command in ([sys.executable, "-m", "venv", "v"], ["v/bin/pip", "install", "-q", "-r", "requirements.txt"]):
        result = run(command, root)
        assert result.returncode == 0, result.stdout + result.stderr
    return root


def test_mkdocs_build_after_pip_install_builds_the_site(clone: Path) -> None:
    """The `mkdocs` console script (not `python -m`) builds both languages and the search index, with
    Casebook imported from the clone's own casebook/ (requirements.txt's `-e .`)."""
    result = run(["v/bin/mkdocs", "build"], clone)
    assert result.returncode == 0, result.stderr
    assert '<html lang="da"' in (clone / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (clone / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert (clone / "site" / "pagefind" / "pagefind.js").is_file()
    where = run(["v/bin/python", "-c", "import casebook; print(casebook.__file__)"], clone)
    assert where.stdout.strip() == str(clone / "casebook" / "__init__.py")


def test_an_installed_casebook_carries_its_data_files(clone: Path, tmp_path: Path) -> None:
    """A wheel of the package holds every file of casebook/ that is not Python (ui.yml, the messages)."""
    result = run(["v/bin/pip", "wheel", "-q", "--no-deps", "-w", tmp_path, "."], clone)
    assert result.returncode == 0, result.stderr
    [wheel] = tmp_path.glob("casebook-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(["git", "ls-files", "casebook"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    data = [name for name in tracked if not name.endswith(".py")]
    assert "casebook/site/ui.yml" in data and "casebook/locale/da/LC_MESSAGES/casebook.po" in data
    assert [name for name in data if name not in names] == []


def test_mkdocs_serve_after_pip_install_serves_the_front_page(clone: Path, tmp_path: Path) -> None:
    """`mkdocs serve` starts from the fresh environment and answers the Danish and the English front page."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("w") as out, subprocess.Popen(["v/bin/mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=clone,
                                                env=ENV, stdout=out, stderr=subprocess.STDOUT) as server:
        try:
            front = _fetch(f"http://127.0.0.1:{port}/", server, log)
            english = _fetch(f"http://127.0.0.1:{port}/en/", server, log)
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert '<html lang="da"' in front and "<title>Casebook" in front
    assert '<html lang="en"' in english
    assert f"Serving on http://127.0.0.1:{port}/" in log.read_text(encoding="utf-8")


def _fetch(url: str, server: subprocess.Popen[bytes], log: Path, timeout: float = 120) -> str:
    """The page at ``url`` once the server answers; fails when it stops or does not answer in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text(encoding="utf-8")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")  # type: ignore[no-any-return]
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"{url} did not answer within {timeout} s:\n{log.read_text(encoding='utf-8')}")


def test_a_build_after_adding_an_organisation_leaves_tracked_files_alone(tmp_path: Path) -> None:
    """With a new organisation, the build changes no file git tracks (only the author's own edit shows in
    `git status`) and warns that the editor schema is out of date, naming the command that refreshes it."""
    root = tracked_copy(tmp_path / "casebook")
    organisations = root / "content" / "organisations.yml"
    text = organisations.read_text(encoding="utf-8")
    edit(organisations, text, text + NEW_ORGANISATION)
    result = mkdocs_build(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stderr
    assert git_status(root) == [" M content/organisations.yml"]
    warnings = [line for line in result.stderr.splitlines() if "schemas/" in line]
    assert warnings == [
        "WARNING -  schemas/case.schema.json: warning: the editor schema is out of date: editors do not yet offer "
        "or accept the newest organisations, terms and ids of the content (refresh it with: casebook schema, "
        "or make schema; the build leaves it as it is)"]


def test_properdocs_builds_the_same_site(clone: Path, tmp_path: Path) -> None:
    """`properdocs build` writes the same files with the same bytes as `mkdocs build` (Pagefind's unordered
    files compared by what they say, tools/sitehash.py), apart from the generator tag naming the engine.
    Skipped where ProperDocs cannot be installed, except in CI (CASEBOOK_REQUIRE_BROWSER=1)."""
    # Last in this file: it adds ProperDocs to the clone's environment, after the plain MkDocs tests.
    installed = run(["v/bin/pip", "install", "-q", PROPERDOCS], clone)
    require_tool(installed.returncode == 0, f"{PROPERDOCS} could not be installed: {installed.stderr}")
    trees = {}
    for engine in GENERATOR:
        site = tmp_path / engine
        # One date for the sitemap, and nothing reused from the other engine's build.
        result = run([f"v/bin/{engine}", "build", "-f", "mkdocs.yml", "-d", site], clone,
                     SOURCE_DATE_EPOCH="1764547200", CASEBOOK_CACHE="off")
        assert result.returncode == 0, result.stderr
        for page in site_pages(site):
            text = page.read_text(encoding="utf-8")
            assert text.count(f'<meta name="generator" content="{GENERATOR[engine]}">') == 1, page
            page.write_text(text.replace(GENERATOR[engine], "ENGINE"), encoding="utf-8")
        trees[engine] = _sitehash().site_hash(site)
    assert trees["properdocs"] == trees["mkdocs"]


def _sitehash() -> Any:
    """tools/sitehash.py, the site's fingerprint, as a module."""
    spec = importlib.util.spec_from_file_location("sitehash", ROOT / "tools" / "sitehash.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
