"""Shared fixtures: copies of the tiny sample sites, and helpers to edit and check them."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import cbor2
import pytest

from casebook.project import load_project

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "sites"


def copy_site(name: str, dest: Path) -> Path:
    """Copy ``tests/sites/<name>`` to ``dest``, pointing its mkdocs.yml at this checkout's theme and hooks."""
    shutil.copytree(SITES / name, dest)
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../../", f"{ROOT}/"), encoding="utf-8")
    return dest


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


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build` as a user would, into ``site_dir``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site_dir)],
                          capture_output=True, text=True, env=env, cwd=config.parent, check=False)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content of this repository, built once for the session."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


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
