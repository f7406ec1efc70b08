"""Limits that keep one bad file from hanging the build.

Python-Markdown slows down with the square of some inputs (thousands of unclosed ``[`` take
minutes); these checks reject such files during validation, and :class:`RenderTimer` stops a
render that still runs too long.
"""

from __future__ import annotations

import gc
import re
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from casebook.core.issues import Issue
from casebook.core.messages import msg

MAX_UNCLOSED_BRACKETS = 100
MAX_NESTING = 16
RENDER_SECONDS = 5.0

_LIST_ITEM = re.compile(r"^( *)(?:[-*+]|\d+[.)])\s")
_QUOTE_PREFIX = re.compile(r"^(?:\s*>){" + str(MAX_NESTING + 1) + ",}")


def markdown_limit_issues(text: str, rel: str) -> Iterator[Issue]:
    """Errors for Markdown too pathological to render in reasonable time."""
    unclosed = text.count("[") - text.count("]")
    if unclosed > MAX_UNCLOSED_BRACKETS:
        line = text.count("\n", 0, text.index("[")) + 1
        yield Issue(rel, line, 1, "limit.brackets", msg("{unclosed} '[' are never closed", unclosed=unclosed),
                    hint=msg("close each '[' with ']', or write '\\[' for a bracket that is just text"))
    # A list item that deep is indented by 34 spaces or more (or tabs), a quote that deep has 17 '>':
    # most texts have neither, and are not looked at line by line.
    if "\t" not in text and " " * (2 * MAX_NESTING + 2) not in text and text.count(">") <= MAX_NESTING:
        return
    for number, line_text in enumerate(text.split("\n"), start=1):
        item = _LIST_ITEM.match(line_text.expandtabs(4))
        if item and len(item.group(1)) // 2 > MAX_NESTING:
            yield Issue(rel, number, 1, "limit.nesting",
                        msg("list nested more than {MAX_NESTING} levels deep", MAX_NESTING=MAX_NESTING),
                        hint=msg("flatten the list"))
            return
        if _QUOTE_PREFIX.match(line_text):
            yield Issue(rel, number, 1, "limit.nesting",
                        msg("quote nested more than {MAX_NESTING} levels deep",
                            MAX_NESTING=MAX_NESTING), hint=msg("remove some '>'"))
            return


class RenderTimeout(Exception):
    """Rendering one page took longer than :data:`RENDER_SECONDS`."""


class RenderTimer:
    """Stops a render that runs too long, by a timer signal; only possible on the main thread
    (``mkdocs build``), so ``mkdocs serve``, which builds on another thread, is not guarded."""

    def __init__(self, seconds: float = RENDER_SECONDS) -> None:
        self.seconds = seconds
        self.active = False
        self.collecting = False  # whether the collector ran before start()

    def start(self, what: str) -> None:
        if threading.current_thread() is not threading.main_thread():
            return

        def expired(signum: int, frame: FrameType | None) -> None:
            raise RenderTimeout(f"{what}: rendering took longer than {self.seconds:g} s "
                                "(simplify the Markdown: very long or deeply nested constructs)")

        signal.signal(signal.SIGALRM, expired)
        # Python's cycle collector waits until the page is done: with thousands of cases in memory, one
        # full collection takes seconds, which are not the page's (it runs before the next page).
        if not self.active:
            self.collecting = gc.isenabled()
        gc.disable()
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        self.active = True

    def stop(self) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.active = False
            if self.collecting:
                gc.enable()
