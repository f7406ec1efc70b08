"""Lighthouse, with its default (mobile) settings, on every page type in both languages of the real site
served gzip-compressed as a static host serves it: accessibility, best practices and SEO at least 0.95 on
each page. Performance depends on the machine's load, so it is printed with the other scores after the
run (`make lighthouse` prints the table), not asserted.

Lighthouse runs once per page, all pages one after the other in one Chromium
(tools/browser/lighthouse-run.mjs); each page's full report is written to tests/.lighthouse/ (git-ignored)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, LANGUAGE_PREFIXES, PAGE_TYPES, ROOT, SiteReport, require_tool, serve

pytestmark = [pytest.mark.browser, pytest.mark.build]

RUNNER = ROOT / "tools" / "browser" / "lighthouse-run.mjs"
LIGHTHOUSE = ROOT / "tools" / "browser" / "node_modules" / "lighthouse"
REPORTS = ROOT / "tests" / ".lighthouse"
CATEGORIES = {"performance": "perf", "accessibility": "a11y", "best-practices": "practices", "seo": "seo"}
TESTED = ("accessibility", "best-practices", "seo")
MINIMUM = 0.95
# The page types (a format page is a taxonomy page like a theme; the 404 page is noindex).
KINDS = {kind: path for kind, path in PAGE_TYPES.items() if kind not in ("taxonomy (format)", "404")}
PAGES = {f"{kind} {lang}": prefix + path for kind, path in KINDS.items() for lang, prefix in LANGUAGE_PREFIXES.items()}


def report_name(page: str) -> str:
    """A page's name as a file name: "case list da" -> "case-list-da"."""
    return re.sub(r"[^a-z0-9]+", "-", page.lower()).strip("-")


def table(results: dict[str, Any]) -> list[str]:
    """One line per page with its four scores out of 100 and the seconds Lighthouse took on it."""
    width = max(map(len, results))
    lines = [" ".join([f"{'page':<{width}}", *(f"{short:>9}" for short in CATEGORIES.values()), "  seconds"])]
    for page, result in results.items():
        scores = [result["scores"][category] for category in CATEGORIES]
        cells = [f"{'-' if s is None else round(s * 100):>9}" for s in scores]
        lines.append(" ".join([f"{page:<{width}}", *cells, f"{result['seconds']:>9.1f}"]))
    return lines


def record(results: dict[str, Any], site_report: SiteReport) -> None:
    """The lowest score of each category among the figures, and the whole table after them."""
    site_report.add("lighthouse: pages run", len(results))
    for category in CATEGORIES:
        scores = [r["scores"][category] for r in results.values() if r["scores"][category] is not None]
        site_report.add(f"lighthouse: {category} min", round(min(scores) * 100) if scores else 0)
    site_report.tables["Lighthouse (mobile, gzip), scores out of 100"] = table(results)


@pytest.fixture(scope="module")
def gzip_server(real_site: Path) -> Iterator[str]:
    httpd, base = serve(real_site, compress=True)
    yield base
    httpd.shutdown()


@pytest.fixture(scope="module")
def lighthouse(gzip_server: str, site_report: SiteReport) -> dict[str, Any]:
    """Every page's scores and failing audits, from one run of Lighthouse over all of them."""
    node = shutil.which("node")
    require_tool(CHROMIUM.exists(), f"no Chromium at {CHROMIUM}: `make test` installs it")
    require_tool(node is not None and LIGHTHOUSE.exists(), "no Node or Lighthouse: `make browser-tools`")
    assert node is not None
    shutil.rmtree(REPORTS, ignore_errors=True)
    summary = REPORTS / "summary.json"
    flags = [f"--flag={flag}" for flag in ("--headless=new", *CHROMIUM_ARGS)]
    pages = [f"{report_name(page)}={gzip_server}{path}" for page, path in PAGES.items()]
    result = subprocess.run([node, str(RUNNER), "--out", str(summary), "--reports", str(REPORTS),
                             "--chrome", str(CHROMIUM), *flags, *pages],
                            capture_output=True, text=True, timeout=1800, check=False)
    assert result.returncode == 0, result.stderr
    by_name = json.loads(summary.read_text(encoding="utf-8"))
    results = {page: by_name[report_name(page)] for page in PAGES}
    record(results, site_report)
    return results


def test_the_pages_are_served_compressed(gzip_server: str) -> None:
    """The server gives Lighthouse HTML, CSS and JavaScript gzip-compressed, as a static host does."""
    for path in ("", "en/cases/", "assets/stylesheets/casebook.css"):
        request = urllib.request.Request(gzip_server + path, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip", path


@pytest.mark.parametrize("category", TESTED)
@pytest.mark.parametrize("page", PAGES)
def test_lighthouse_score_is_at_least_95(lighthouse: dict[str, Any], page: str, category: str) -> None:
    """Lighthouse scores the page at least 95 in the category; the message lists the audits it failed."""
    result = lighthouse[page]
    assert result["error"] is None, result["error"]
    score = result["scores"][category]
    failing = "; ".join(f"{a['id']} ({a['score']}) {a['displayValue']}".strip() for a in result["failing"][category])
    assert score is not None and score >= MINIMUM, f"{result['url']}: {category} {score}: {failing}"
