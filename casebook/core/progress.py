"""Progress of long steps, and the summary a build ends with.

With more than :data:`THRESHOLD` items (a few hundred cases, or pages), loading and rendering say how
far they are: a progress bar (tqdm) when the output is a terminal, and otherwise a plain line through
the logger at every tenth of the way, which reads well in CI logs. Short steps say nothing.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from typing import IO, Any

from tqdm import tqdm

from casebook.core.issues import cases_counted
from casebook.core.messages import Decimal, msg, nmsg, translate

THRESHOLD = 300  # fewer items than this finish before anyone wonders
STEPS = 10  # plain lines per step when not on a terminal


class Progress:
    """Reports one step at a time: :meth:`start`, :meth:`advance` for each item, :meth:`finish`."""

    def __init__(self, log: logging.Logger, stream: IO[str] | None = None, *, threshold: int | None = None,
                 bar: bool | None = None, lang: str = "en") -> None:
        self.log = log
        self.lang = lang  # of the labels and lines
        self.stream = stream if stream is not None else sys.stderr
        self.threshold = THRESHOLD if threshold is None else threshold
        # A bar only on a terminal; None decides from the stream.
        self.bar = bar if bar is not None else _is_terminal(self.stream)
        self._label = ""
        self._total = 0
        self._done = 0
        self._next_line = 0
        self._started = 0.0
        self._tqdm: Any = None

    @property
    def active(self) -> bool:
        return self._total >= self.threshold

    def start(self, label: str, total: int) -> None:
        self.finish()
        self._label, self._total, self._done = label, total, 0
        self._started = time.perf_counter()
        self._next_line = 1
        if self.active and self.bar:
            self._tqdm = tqdm(total=total, desc=translate(label, self.lang), unit="", file=self.stream, leave=False,
                              dynamic_ncols=True, mininterval=0.2)

    def advance(self, count: int = 1) -> None:
        if not self.active:
            return
        self._done += count
        if self._tqdm is not None:
            self._tqdm.update(count)
            return
        while self._next_line < STEPS and self._done * STEPS >= self._next_line * self._total:
            self.log.info(translate(msg("{label}: {done} of {total} ({percent}%)", label=self._label, done=self._done,
                                        total=self._total, percent=100 * self._done // self._total), self.lang))
            self._next_line += 1

    def finish(self) -> None:
        """End the current step: the bar is cleared; a long step says how long it took."""
        if self._tqdm is not None:
            self._tqdm.close()
            self._tqdm = None
        if self.active and self._label:
            self.log.info(translate(msg("{label}: {done} done in {seconds} s.", label=self._label, done=self._done,
                                        seconds=Decimal(time.perf_counter() - self._started, 1)), self.lang))
        self._label, self._total = "", 0


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class BuildSummary:
    """What the build's last line says: cases, pages, problems and time (and what was reused)."""

    started: float = field(default_factory=time.perf_counter)
    cases: int = 0  # the cases read without errors
    broken_cases: int = 0  # the case folders with errors
    pages: int = 0
    rendered: int = 0  # pages rendered by this build; the preview skips unchanged ones
    errors: int = 0
    warnings: int = 0
    reused: str = ""  # e.g. "content 998/1000 reused, story 1996/2000 reused"

    def line(self, lang: str = "en") -> str:
        """The summary in ``lang``; :attr:`reused` is in it already."""
        pages = nmsg("{n} page", "{n} pages", self.pages)
        if self.rendered != self.pages:
            pages = msg("{pages} ({rendered} rendered, the others unchanged)", pages=pages, rendered=self.rendered)
        text = msg("Casebook: {cases}, {pages}, {errors}, {warnings}, {seconds} s", pages=pages,
                   cases=cases_counted(self.cases, self.broken_cases),
                   errors=nmsg("{n} error", "{n} errors", self.errors),
                   warnings=nmsg("{n} warning", "{n} warnings", self.warnings),
                   seconds=Decimal(time.perf_counter() - self.started, 1))
        line = msg("{text} (cache: {reused}).", text=text, reused=self.reused) if self.reused else \
            msg("{text}.", text=text)
        return translate(line, lang)
