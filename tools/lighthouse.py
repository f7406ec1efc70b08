"""Lighthouse, with its default (mobile) settings, over a list of pages: one run of
``tools/browser/lighthouse-run.mjs`` in one headless Chromium, each page's scores read back, and a
table of them. ``tests/test_lighthouse.py`` asserts the scores of the real site; ``make bench``
reports them for its synthetic corpora.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from tools.static_host import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tools" / "browser" / "lighthouse-run.mjs"
LIGHTHOUSE = ROOT / "tools" / "browser" / "node_modules" / "lighthouse"
# The page types Lighthouse runs on, in both languages (the list; tests/conftest.py's PAGE_TYPES
# names a page of each in the real site, the benchmark the heaviest of each in its corpus).
PAGE_KINDS = ("front page", "case", "case list", "search", "catalogue list", "catalogue", "idea",
              "organisation list", "organisation", "topics", "impact", "taxonomy (theme)", "taxonomy (SDG)", "about",
              "statement")
# Lighthouse's categories and their short names in tables.
CATEGORIES = {"performance": "perf", "accessibility": "a11y", "best-practices": "practices", "seo": "seo"}


def report_name(page: str) -> str:
    """A page's name as a file name: "case list da" -> "case-list-da"."""
    return re.sub(r"[^a-z0-9]+", "-", page.lower()).strip("-")


def missing() -> str | None:
    """Why Lighthouse cannot run here, or None when it can."""
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM}: `make test` installs it"
    if shutil.which("node") is None or not LIGHTHOUSE.exists():
        return "no Node or Lighthouse: `make browser-tools`"
    return None


def run(pages: dict[str, str], reports: Path, timeout: float) -> dict[str, Any]:
    """Each page's result (its URL, the four scores from 0 to 1 or None, the failing audits per category,
    an error or None, the seconds it took), by the name given in ``pages`` (name -> URL). Every
    page's full report goes to ``reports``, which is emptied first."""
    reason, node = missing(), shutil.which("node")
    if reason or node is None:
        raise RuntimeError(reason or "no Node")
    shutil.rmtree(reports, ignore_errors=True)
    summary = reports / "summary.json"
    flags = [f"--flag={flag}" for flag in ("--headless=new", *CHROMIUM_ARGS)]
    named = [f"{report_name(page)}={url}" for page, url in pages.items()]
    result = subprocess.run([node, str(RUNNER), "--out", str(summary), "--reports", str(reports),
                             "--chrome", str(CHROMIUM), *flags, *named],
                            capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse failed ({result.returncode}): {result.stderr[-2000:]}")
    by_name = json.loads(summary.read_text(encoding="utf-8"))
    return {page: by_name[report_name(page)] for page in pages}


def table(results: dict[str, Any]) -> list[str]:
    """One line per page with its four scores out of 100 and the seconds Lighthouse took on it."""
    width = max(map(len, results))
    lines = [" ".join([f"{'page':<{width}}", *(f"{short:>9}" for short in CATEGORIES.values()), "  seconds"])]
    for page, result in results.items():
        cells = [f"{score(result, category):>9}" for category in CATEGORIES]
        lines.append(" ".join([f"{page:<{width}}", *cells, f"{result['seconds']:>9.1f}"]))
    return lines


def score(result: dict[str, Any], category: str) -> str:
    """A page's score in a category out of 100, "-" when Lighthouse gave none."""
    value = result["scores"][category]
    return "-" if value is None else str(round(value * 100))
