"""MkDocs' own progress lines ("Cleaning site directory", "Documentation built in 4.81 seconds", the
live server's lines) in the author's language, like Casebook's own: a logging filter on MkDocs' loggers
for the time between ``on_startup`` and ``on_shutdown``, which rewrites the lines it knows and leaves
every other record as it is."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from casebook.core.messages import Decimal, msg, translate

Said = Callable[[re.Match[str]], str]


def lines() -> tuple[tuple[re.Pattern[str], Said], ...]:
    """MkDocs 1.6's lines (mkdocs/commands/build.py, commands/serve.py, livereload/__init__.py), whole,
    each with what it says in a message (made here, not kept at module level: the adapter keeps no state)."""
    return (
        (re.compile(r"Cleaning site directory"), lambda m: msg("Cleaning site directory")),
        (re.compile(r"Building documentation to directory: (?P<path>.+)"),
         lambda m: msg("Building the site in the folder {path}", path=m["path"])),
        (re.compile(r"Documentation built in (?P<seconds>\d+\.\d+) seconds"),
         lambda m: msg("The site was built in {seconds} seconds", seconds=Decimal(float(m["seconds"]), 2))),
        (re.compile(r"Building documentation\.\.\."), lambda m: msg("Building the site …")),
        (re.compile(r"Serving on (?P<url>\S+)"), lambda m: msg("The preview is at {url}", url=m["url"])),
        (re.compile(r"Watching paths for changes: (?P<paths>.+)"),
         lambda m: msg("Watching for changes: {paths}", paths=m["paths"])),
        (re.compile(r"Detected file changes"), lambda m: msg("Files have changed")),
        (re.compile(r"Reloading browsers"), lambda m: msg("Reloading the browsers")),
        (re.compile(r"Shutting down\.\.\."), lambda m: msg("Shutting down …")),
    )


LOGGERS = ("mkdocs.commands.build", "mkdocs.commands.serve", "mkdocs.livereload")


class MkDocsLines(logging.Filter):
    """Puts MkDocs' known lines into ``lang`` on their way to the terminal."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO:
            text = record.getMessage()
            for pattern, said in lines():
                if found := pattern.fullmatch(text):
                    record.msg, record.args = translate(said(found), self.lang), ()
                    break
        return True

    def attach(self) -> MkDocsLines:
        for name in LOGGERS:
            logging.getLogger(name).addFilter(self)
        return self

    def detach(self) -> None:
        for name in LOGGERS:
            logging.getLogger(name).removeFilter(self)
