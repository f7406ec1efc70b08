"""Every golden and hostile fixture gives the same problems as before validation was made faster.

tests/data/problems.json was recorded by tests/problem_snapshot.py with the code of commit 25e382d;
each problem is compared field by field (file, line, column, code, message, location, hint, severity),
and what each fixture loads by a fingerprint of its parts (every document's positions included).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import problem_snapshot
import pytest
from conftest import copy_site

RECORDED: dict[str, Any] = json.loads(problem_snapshot.SNAPSHOT.read_text(encoding="utf-8"))
SITE_FIXTURES = dict(problem_snapshot.site_fixtures())


def test_every_fixture_is_recorded() -> None:
    """The snapshot and the suites name the same fixtures: a new fixture is recorded, none is dropped."""
    names = {*SITE_FIXTURES, *(name for name, _ in problem_snapshot.yaml_records())}
    assert set(RECORDED) == names


@pytest.mark.parametrize("name", list(SITE_FIXTURES))
def test_site_fixture_problems_unchanged(tmp_path: Path, name: str) -> None:
    """The fixture's problems, every field of each, and what it loads, are as recorded."""
    site = copy_site("minimal", tmp_path / "minimal")
    SITE_FIXTURES[name](site)
    assert problem_snapshot.project_record(site) == RECORDED[name]


def test_yaml_fixture_problems_unchanged() -> None:
    """Each YAML file of tests/test_load.py gives the recorded problems, or the recorded data and positions."""
    assert dict(problem_snapshot.yaml_records()) == {k: v for k, v in RECORDED.items() if k.startswith("yaml: ")}
