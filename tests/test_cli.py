"""`casebook validate` / `python -m casebook validate`: all problems, a summary, the exit status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, edit


def english_environment(**extra: str) -> dict[str, str]:
    """The environment without locale settings (so messages default to English), plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    return {**env, "LANG": "C.UTF-8", **extra}


def validate(root: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "casebook", "validate", "--root", str(root), *extra],
                          capture_output=True, text=True, check=False, env=env or english_environment())


def test_real_content_is_valid() -> None:
    """The shipped content validates with no problems at all, warnings included."""
    result = validate(ROOT, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("No problems found. Checked 4 valid cases, 12 organisations and 6 pages in ")


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
    assert result.stderr.startswith("2 problems found (2 errors, 0 warnings). Checked 2 cases (1 with errors),")


def test_warnings_fail_only_in_strict_mode(minimal: Path) -> None:
    """A warning is reported but passes; --strict makes it fail."""
    (minimal / "cases" / "beta-mentors" / "dk.md").write_text("x", encoding="utf-8")
    assert validate(minimal).returncode == 0
    assert validate(minimal, "--strict").returncode == 1


def test_json_format_for_tools(minimal: Path, alpha: Path) -> None:
    import json

    edit(alpha, "kind: event", "kind: evnt")
    (minimal / "cases" / "beta-mentors" / "dk.md").write_text("x", encoding="utf-8")
    result = validate(minimal, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["version"] == 1 and report["ok"] is False
    assert report["summary"]["errors"] == 1 and report["summary"]["warnings"] == 1
    assert report["problems"][0] == {
        "file": "cases/alpha-workshop/case.yml", "line": 7, "column": 7, "severity": "error",
        "code": "schema.choice", "location": "kind",
        "message": "'evnt' is not one of: partnership, programme, event", "hint": "did you mean 'event'?"}
    assert report["problems"][1]["severity"] == "warning"


def test_github_format_annotates_the_changed_line(minimal: Path, alpha: Path) -> None:
    edit(alpha, "  - org: hjaelp", "  - org: hjalp")
    result = validate(minimal, "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "::error file=cases/alpha-workshop/case.yml,line=12,col=10,title=ref.unknown-organisation::"
        "partners[2].org: unknown organisation 'hjalp' (did you mean 'hjaelp'?)")
    assert "1 problem found (1 error, 0 warnings)" in result.stderr


def test_unknown_command_and_option_exit_with_usage() -> None:
    result = subprocess.run([sys.executable, "-m", "casebook", "valdate"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 2 and "No such command 'valdate'" in result.stderr
