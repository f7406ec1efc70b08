"""`mkdocs build` of one language per process: MkDocs renders pages one at a time, so the pages of the
languages after the first are built at the same time by a second, real `mkdocs build` of the same
mkdocs.yml (every plugin a site adds sees those pages in that process), told by :data:`PART_LANGUAGES`
to render only theirs into a folder of its own; this process renders the first language's pages.

- The parent (:func:`start_part`, early in on_config) starts the child; the site-wide steps after the
  build (casebook/plugin/steps.py) begin with :func:`merge_part`, which waits for it, says again what it
  warned about (so that `--strict` counts its warnings), moves its pages into the staging folder and
  takes over the stories it rendered, for the cache. A child that fails fails the build, with its message;
  nothing is published.
- The child (:func:`part_languages` is set) plans the whole site as the parent does, renders its
  languages' pages and their PDFs, and does none of the site-wide steps (search, feeds, open data,
  sitemap, headers, cache, publish): :func:`report_part` hands the parent what it needs.

`mkdocs serve` stays one process, and so does a build of fewer than :data:`PARALLEL_FROM` cases or on one
core (``CASEBOOK_PARALLEL=1`` starts the child anyway); ``extra.casebook.parallel: false`` (or
``CASEBOOK_PARALLEL=0``) builds every language in one process, the same site byte for byte.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

import casebook
from casebook.core.cache import Cache
from casebook.core.languages import LANGUAGES
from casebook.core.messages import msg, translate
from casebook.publish import pdf
from casebook.publish.atomic import Publisher

log = logging.getLogger("mkdocs.plugins.casebook")

# Private to Casebook: set for the child only, by the parent.
PART_LANGUAGES = "CASEBOOK_BUILD_PART"  # the languages the child renders, comma-separated
# Set to "0" (or "off") to build every language in one process, as extra.casebook.parallel: false does.
ENV_SWITCH = "CASEBOOK_PARALLEL"
RECORDS_SUFFIX = ".log.jsonl"  # beside the child's folder: its warnings and errors, one JSON object a line
RESULT_SUFFIX = ".result.pickle"  # ... what it rendered (made when it succeeded)
OUTPUT_SUFFIX = ".out"  # ... and everything it printed


def part_languages() -> tuple[str, ...] | None:
    """In the child: the languages it renders; None in any other build."""
    value = os.environ.get(PART_LANGUAGES)
    return tuple(value.split(",")) if value else None


def switched_off() -> bool:
    return os.environ.get(ENV_SWITCH, "").lower() in ("0", "off", "no", "false")


# A second process costs its own start, load and plan (a few seconds of CPU): repaid from about this
# many cases, and only with a second core.
PARALLEL_FROM = 200


def worth_it(root: Path) -> bool:
    """Whether a second process pays for itself here: ``CASEBOOK_PARALLEL=1`` says yes whatever the size;
    otherwise a project of at least :data:`PARALLEL_FROM` case folders on a machine with two cores or more."""
    if os.environ.get(ENV_SWITCH, "").lower() in ("1", "on", "yes", "true"):
        return True
    if len(os.sched_getaffinity(0)) < 2:
        return False
    try:
        with os.scandir(root / "cases") as entries:
            return sum(1 for entry in entries if entry.is_dir()) >= PARALLEL_FROM
    except OSError:
        return False


def _beside(folder: Path, suffix: str) -> Path:
    return folder.with_name(folder.name + suffix)


@dataclass
class PartBuild:
    """The child `mkdocs build` of ``languages``' pages, writing them into ``folder``."""

    languages: tuple[str, ...]
    folder: Path
    process: subprocess.Popen[bytes]
    output: IO[bytes]

    def wait(self, lang: str) -> PartResult:
        """The child's result once it has ended, its warnings and errors said again here; raises Abort
        (in ``lang``) when it failed, with its last error."""
        code = self.process.wait()
        self.output.close()
        errors = self._relay()
        result_path = _beside(self.folder, RESULT_SUFFIX)
        if code != 0 or not result_path.is_file():
            said = _beside(self.folder, OUTPUT_SUFFIX).read_text(encoding="utf-8", errors="replace").split("\n")
            # Its last error; else the last line it printed when Python stopped on an exception (1).
            last = errors[-1] if errors else next((line.strip() for line in reversed(said) if line.strip()), "")
            if not last or (code != 1 and not errors):
                last = translate(msg("it ended with exit status {code}.", code=code), lang)
            self.stop()
            raise Abort(translate(msg("The build of the pages in {languages} stopped; nothing was published. "
                                      "It said: {error}", languages=", ".join(self.languages), error=last), lang))
        with result_path.open("rb") as handle:
            result: PartResult = pickle.load(handle)  # noqa: S301 - written by our own child, just now
        return result

    def _relay(self) -> list[str]:
        """The child's warnings and errors, said through this process's loggers; returns its errors."""
        path = _beside(self.folder, RECORDS_SUFFIX)
        errors = []
        for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else []:
            record = json.loads(line)
            if record["level"] >= logging.ERROR:
                errors.append(record["message"].strip())
            logging.getLogger(record["name"]).log(record["level"], "%s", record["message"])
        return errors

    def stop(self) -> None:
        """End the child if it still runs; remove what it wrote."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.output.close()
        Publisher(self.folder, self.folder).discard()
        for suffix in (RECORDS_SUFFIX, RESULT_SUFFIX, OUTPUT_SUFFIX):
            _beside(self.folder, suffix).unlink(missing_ok=True)


@dataclass
class PartResult:
    """What the child hands the parent: how many pages it rendered, and the stories it used (the cache)."""

    rendered: int = 0
    stories: dict[str, bytes] = field(default_factory=dict)
    story_stats: Counter[str] = field(default_factory=Counter)


def start_part(config: MkDocsConfig, publisher: Publisher, own: str) -> PartBuild | None:
    """The child build of every language but ``own``, started now; None where there is none to build
    (one language, or no mkdocs.yml to read)."""
    languages = tuple(lang for lang in LANGUAGES if lang != own)
    if not languages or not config.config_file_path:
        return None
    folder = publisher.part(languages)
    Publisher(folder, folder).discard()  # what a build that was stopped left
    for suffix in (RECORDS_SUFFIX, RESULT_SUFFIX, OUTPUT_SUFFIX):
        _beside(folder, suffix).unlink(missing_ok=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(Path(config.config_file_path).resolve()),
               "--site-dir", str(folder),
               "--use-directory-urls" if config.use_directory_urls else "--no-directory-urls"]
    if logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG):
        command.append("--verbose")
    # The child imports the same Casebook as this process.
    code = str(Path(casebook.__file__).resolve().parent.parent)
    env = {**os.environ, PART_LANGUAGES: ",".join(languages),
           "PYTHONPATH": os.pathsep.join(filter(None, [code, os.environ.get("PYTHONPATH")]))}
    if not pdf.available():  # the child writes PDFs only where this process would
        env[pdf.NO_PDF] = "1"
    output = _beside(folder, OUTPUT_SUFFIX).open("wb")
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, env=env)
    return PartBuild(languages, folder, process, output)


class RecordWriter(logging.Handler):
    """In the child: each warning and error of the build, for the parent to say again (JSON lines)."""

    def __init__(self, path: Path) -> None:
        super().__init__(logging.WARNING)
        self.stream = path.open("a", encoding="utf-8")

    def emit(self, record: logging.LogRecord) -> None:
        line = json.dumps({"name": record.name, "level": record.levelno, "message": record.getMessage()})
        self.stream.write(line + "\n")
        self.stream.flush()


def capture_records(folder: Path) -> None:
    """In the child, once its own start is done (the parent reports the project's problems): from now on
    MkDocs' warnings and errors are written down for the parent too."""
    logging.getLogger("mkdocs").addHandler(RecordWriter(_beside(folder, RECORDS_SUFFIX)))


def report_part(folder: Path, rendered: int, cache: Cache) -> None:
    """In the child, last: what the parent takes over (written atomically: it is there only if complete)."""
    result = PartResult(rendered, cache.used("story"), Counter(cache.stats.get("story", Counter())))
    target = _beside(folder, RESULT_SUFFIX)
    temporary = _beside(folder, RESULT_SUFFIX + ".tmp")
    with temporary.open("wb") as handle:
        pickle.dump(result, handle, pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, target)


def take_over(result: PartResult, cache: Cache) -> None:
    """The child's stories join this build's, as if rendered here: one cache, one summary."""
    cache.adopt("story", result.stories, result.story_stats)


def child_config(config: MkDocsConfig) -> None:
    """The child renders no theme page (404.html, sitemap.xml) nor extra template: the parent does."""
    config.theme.static_templates.clear()
    config.extra_templates.clear()
