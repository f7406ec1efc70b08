"""Long builds say how far they are (casebook/progress.py): a bar on a terminal, a plain line at
every tenth in logs, nothing for short steps; every build ends with a summary line."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest
from conftest import copy_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

import casebook.core.progress
from casebook.core.progress import BuildSummary, Progress

log = logging.getLogger("test.progress")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_step(stream: io.StringIO, caplog: pytest.LogCaptureFixture, label: str, total: int) -> list[str]:
    """One step of ``total`` items with a threshold of ten; the lines it logged."""
    progress = Progress(log, stream, threshold=10)
    caplog.set_level(logging.INFO, "test.progress")
    progress.start(label, total)
    for _ in range(total):
        progress.advance()
    progress.finish()
    return [r.getMessage() for r in caplog.records]


def test_a_long_step_logs_a_line_at_every_tenth_when_not_on_a_terminal(caplog: pytest.LogCaptureFixture) -> None:
    """CI logs get ten plain lines and the time taken; nothing is written to the stream."""
    stream = io.StringIO()
    lines = run_step(stream, caplog, "Writing pages", 50)
    assert lines[:9] == [f"Writing pages: {n} of 50 ({2 * n}%)" for n in range(5, 50, 5)]
    assert re.fullmatch(r"Writing pages: 50 done in \d+\.\d s\.", lines[9]) and len(lines) == 10
    assert stream.getvalue() == ""


def test_a_long_step_draws_a_bar_on_a_terminal_and_clears_it(caplog: pytest.LogCaptureFixture) -> None:
    """A terminal gets a progress bar (tqdm) instead of the lines; the bar is removed at the end."""
    stream = Terminal()
    lines = run_step(stream, caplog, "Reading cases", 20)
    drawn = stream.getvalue()
    assert drawn.startswith("\rReading cases:") and "/20 [" in drawn and drawn.endswith("\r")  # then cleared
    assert [line[:26] for line in lines] == ["Reading cases: 20 done in "]


def test_a_short_step_says_nothing(caplog: pytest.LogCaptureFixture) -> None:
    """Below the threshold (a few hundred), neither bar nor lines."""
    stream = Terminal()
    progress = Progress(log, stream)
    caplog.set_level(logging.INFO, "test.progress")
    progress.start("Reading cases", casebook.core.progress.THRESHOLD - 1)
    progress.advance(casebook.core.progress.THRESHOLD - 1)
    progress.finish()
    assert stream.getvalue() == "" and caplog.records == []


def test_the_summary_line_counts_cases_pages_problems_and_time() -> None:
    """One line: what was built, what went wrong, how long it took and what the cache gave."""
    summary = BuildSummary(cases=1000, pages=3844, rendered=3844, errors=0, warnings=2)
    assert re.fullmatch(r"Casebook: 1000 cases, 3844 pages, 0 errors, 2 warnings, \d+\.\d s\.", summary.line())
    summary.rendered, summary.reused = 2, "content 1002/1002 reused"
    assert "3844 pages (2 rendered, the others unchanged)" in summary.line()
    assert summary.line().endswith("(cache: content 1002/1002 reused).")


@pytest.mark.build
def test_a_build_reports_its_steps_and_ends_with_the_summary(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Through MkDocs' logger: reading, rendering and writing (here with a threshold of one), then the summary."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(casebook.core.progress, "THRESHOLD", 1)
    root = copy_site("minimal", tmp_path / "site")
    caplog.set_level(logging.INFO, "mkdocs")
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    lines = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.casebook"]
    for step in ("Reading cases: 2 done in", "Rendering Markdown: 67 done in", "Writing pages: 67 done in"):
        assert any(line.startswith(step) for line in lines), step
    # The one warning: the minimal site has no address (site_url).
    assert re.fullmatch(r"Casebook: 2 cases, 67 pages, 0 errors, 1 warning, \d+\.\d s \(cache: .*\)\.", lines[-1])
