"""`casebook validate` / `python -m casebook validate`: all problems, a summary, the exit status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, edit


def validate(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "casebook", "validate", "--root", str(root), *extra],
                          capture_output=True, text=True, check=False)


def test_real_content_is_valid() -> None:
    """The shipped content validates with no problems at all, warnings included."""
    result = validate(ROOT, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("No problems found. Checked 4 valid cases, 12 organisations and 4 pages in ")


def test_problems_exit_non_zero_with_summary(minimal: Path, alpha: Path) -> None:
    """Each problem is one line on stdout; the summary goes to stderr and the exit status is 1."""
    edit(alpha, "kind: event", "kind: evnt")
    edit(alpha, "  - org: hjaelp", "  - org: hjalp")
    result = validate(minimal)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "cases/alpha-workshop/case.yml:7:7: kind: 'evnt' is not one of: partnership, programme, event "
        "(did you mean 'event'?)",
        "cases/alpha-workshop/case.yml:12:10: partners[2].org: unknown organisation 'hjalp' "
        "(did you mean 'hjaelp'?)",
    ]
    assert result.stderr.startswith("2 problems found (2 errors, 0 warnings). Checked 1 valid case,")


def test_warnings_fail_only_in_strict_mode(minimal: Path) -> None:
    """A warning is reported but passes; --strict makes it fail."""
    (minimal / "cases" / "beta-mentors" / "dk.md").write_text("x", encoding="utf-8")
    assert validate(minimal).returncode == 0
    assert validate(minimal, "--strict").returncode == 1
