"""The render timer of `mkdocs build` (casebook/load/limits.py): a page that renders too long is stopped,
and Python's cycle collector waits while a page renders (at ten thousand cases one full collection took
longer than the limit), then runs again as before."""

from __future__ import annotations

import gc
import time

import pytest

from casebook.load.limits import RenderTimeout, RenderTimer


def test_the_collector_waits_while_a_page_renders_and_runs_again_after() -> None:
    timer = RenderTimer(seconds=5)
    assert gc.isenabled()
    timer.start("page.md")
    try:
        assert not gc.isenabled()
    finally:
        timer.stop()
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    timer = RenderTimer(seconds=5)
    gc.disable()
    try:
        timer.start("page.md")
        timer.stop()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_page_that_renders_too_long_is_stopped_and_the_collector_runs_again() -> None:
    timer = RenderTimer(seconds=0.05)
    timer.start("slow.md")
    with pytest.raises(RenderTimeout, match="slow.md: rendering took longer than 0.05 s"):
        time.sleep(2)
    timer.stop()  # as on_build_error does
    assert gc.isenabled()
