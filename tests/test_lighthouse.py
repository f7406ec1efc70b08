"""Lighthouse, with its default (mobile) settings, on every page type in both languages of the real site
served gzip-compressed as a static host serves it: accessibility, best practices and SEO at least 0.95 on
each page. Performance depends on the machine's load, so it is printed with the other scores after the
run (`make lighthouse` prints the table), not asserted.

Lighthouse runs once per page, all pages one after the other in one Chromium
(tools/browser/lighthouse-run.mjs); each page's full report is written to tests/.lighthouse/ (git-ignored)."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import LANGUAGE_PREFIXES, PAGE_TYPES, ROOT, SiteReport, require_tool, serve

from tools import lighthouse as runner
from tools.lighthouse import CATEGORIES, PAGE_KINDS

pytestmark = [pytest.mark.browser, pytest.mark.build]

REPORTS = ROOT / "tests" / ".lighthouse"
TESTED = ("accessibility", "best-practices", "seo")
MINIMUM = 0.95
# The page types (not a format page, a taxonomy page like a theme, nor the 404 page, noindex).
KINDS = {kind: PAGE_TYPES[kind] for kind in PAGE_KINDS}
PAGES = {f"{kind} {lang}": prefix + path for kind, path in KINDS.items() for lang, prefix in LANGUAGE_PREFIXES.items()}


def record(results: dict[str, Any], site_report: SiteReport) -> None:
    """The lowest score of each category among the figures, and the whole table after them."""
    site_report.add("lighthouse: pages run", len(results))
    for category in CATEGORIES:
        scores = [r["scores"][category] for r in results.values() if r["scores"][category] is not None]
        site_report.add(f"lighthouse: {category} min", round(min(scores) * 100) if scores else 0)
    site_report.tables["Lighthouse (mobile, gzip), scores out of 100"] = runner.table(results)


@pytest.fixture(scope="module")
def gzip_server(real_site: Path) -> Iterator[str]:
    httpd, base = serve(real_site, compress=True)
    yield base
    httpd.shutdown()


@pytest.fixture(scope="module")
def lighthouse(gzip_server: str, site_report: SiteReport) -> dict[str, Any]:
    """Every page's scores and failing audits, from one run of Lighthouse over all of them."""
    reason = runner.missing()
    require_tool(reason is None, reason or "")
    results = runner.run({page: gzip_server + path for page, path in PAGES.items()}, REPORTS, timeout=1800)
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
