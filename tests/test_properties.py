"""Property-based tests: random and mutated case files never crash the loader or the validator,
and every problem they report names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITES, copy_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.project import load_project

CASE = "cases/alpha-workshop/case.yml"
# Problems about a file as a whole, which have no line to point at.
WHOLE_FILE = {"file.too-large", "file.unreadable", "file.missing", "case.no-story"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_site("minimal", tmp_path_factory.mktemp("prop") / "site")


@pytest.fixture(scope="module")
def valid_case() -> str:
    return (SITES / "minimal" / CASE).read_text(encoding="utf-8")


def check(site: Path, content: str | bytes) -> None:
    path = site / CASE
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    project = load_project(site)  # must not raise
    for issue in project.issues:
        assert issue.path, issue
        assert issue.message, issue
        if issue.path == CASE and issue.code not in WHOLE_FILE:
            assert issue.line >= 1, issue.format()
            assert issue.column >= 1, issue.format()


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(st.text(max_size=400))
def test_random_text(site: Path, text: str) -> None:
    """Any text as case.yml is reported, never a crash."""
    check(site, text)


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes(site: Path, raw: bytes) -> None:
    """Any bytes as case.yml (wrong encodings, NUL bytes) are reported, never a crash."""
    check(site, raw)


YAML_BITS = st.sampled_from(["", " ", "\t", ":", "- ", "#", "&a ", "*a", "!x ", "'", '"', "{", "}", "[", "]",
                             "no", "0700", "1.500", "14:30", "2024-02-30", "~", "---\n", "\n", "  ", "æøå", "\x00"])


@SETTINGS
@given(st.data())
def test_mutated_valid_case(site: Path, valid_case: str, data: st.DataObject) -> None:
    """A valid case.yml with lines dropped, doubled or swapped and YAML fragments spliced in."""
    lines = valid_case.split("\n")
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        operation = data.draw(st.sampled_from(["drop", "double", "swap", "splice", "replace-value"]))
        if operation == "drop" and len(lines) > 1:
            lines.pop(index)
        elif operation == "double":
            lines.insert(index, lines[index])
        elif operation == "swap":
            other = data.draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif operation == "splice":
            column = data.draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:column] + data.draw(YAML_BITS) + lines[index][column:]
        elif operation == "replace-value" and ":" in lines[index]:
            key = lines[index].split(":", 1)[0]
            lines[index] = f"{key}: {data.draw(YAML_BITS)}{data.draw(st.text(max_size=12))}"
    check(site, "\n".join(lines))
