"""`mkdocs serve` told of a save by the operating system instead of finding it by polling.

MkDocs' server looks at every watched file twice a second (watchdog's PollingObserver): a save is seen
a quarter of a second later on average, and at three thousand cases each look at the 15,000 files of
``cases/`` and ``content/`` takes a tenth of a second of the same process, while a rebuild runs too.
:func:`notified` moves the server's watched paths to the system's notifications (inotify on Linux,
FSEvents on macOS, ReadDirectoryChangesW on Windows: watchdog's ``Observer``), which tell of a save at
once and cost nothing while nothing changes. Only changes count (:data:`CHANGES`): the notifications
also tell of files opened and read, which a build does to every file it reads.

Where notifications do not reach (a folder shared into a container or a virtual machine, a network
drive), ``CASEBOOK_WATCH=poll`` keeps MkDocs' polling; so does a system that refuses the watches (too
many folders for its limit).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

log = logging.getLogger("mkdocs.plugins.casebook")

ENV_WATCH = "CASEBOOK_WATCH"  # "poll": MkDocs' own polling
CHANGES: tuple[type[FileSystemEvent], ...] = (FileCreatedEvent, FileDeletedEvent, FileModifiedEvent,
                                              FileMovedEvent, FileClosedEvent)


class ChangeLog:
    """The files the system told of as changed since :meth:`take`, for the preview to stamp only those
    (casebook/project/changes.py): noted before the server hears of the change, so a rebuild it starts
    finds them here."""

    def __init__(self) -> None:
        self.started_ns = time.time_ns()  # nothing before this is known here
        self._lock = threading.Lock()
        self._paths: set[str] = set()
        self._unknown = False

    def note(self, event: FileSystemEvent) -> None:
        with self._lock:
            if event.is_directory or event.event_type not in ("modified", "closed"):
                self._unknown = True  # a file or folder added, removed or renamed: a scan tells
            else:
                self._paths.add(os.fsdecode(event.src_path))

    def take(self) -> set[str] | None:
        """The files changed since the last take, then forgotten; None when more than files' texts changed."""
        with self._lock:
            paths, unknown = self._paths, self._unknown
            self._paths, self._unknown = set(), False
        return None if unknown else paths


class _Noted(FileSystemEventHandler):
    """A handler whose events are noted in a change log first."""

    def __init__(self, handler: FileSystemEventHandler, changes: ChangeLog) -> None:
        self.handler, self.changes = handler, changes

    def dispatch(self, event: FileSystemEvent) -> None:
        self.changes.note(event)
        self.handler.dispatch(event)


class _OneFile(FileSystemEventHandler):
    """The events of one file, from its folder's: an editor that saves by writing a new file and renaming
    it over the old one leaves a watch on the old file watching nothing."""

    def __init__(self, handler: FileSystemEventHandler, path: str) -> None:
        self.handler, self.path = handler, path

    def dispatch(self, event: FileSystemEvent) -> None:
        if self.path in (os.fsdecode(event.src_path), os.fsdecode(event.dest_path or "")):
            self.handler.dispatch(event)


class ChangesObserver(Observer):  # type: ignore[misc,valid-type]  # watchdog's Observer is the system's class
    """The system's notifications of changes: a file watched through its folder, a folder with all in it;
    with ``changes``, every event noted there before its handler has it."""

    def __init__(self, timeout: float = 1.0, changes: ChangeLog | None = None) -> None:
        super().__init__(timeout=timeout)
        self.changes = changes

    def schedule(self, event_handler: FileSystemEventHandler, path: str | Path, *, recursive: bool = False,
                 event_filter: list[type[FileSystemEvent]] | None = None,
                 follow_symlink: bool = False) -> ObservedWatch:
        if self.changes is not None:
            event_handler = _Noted(event_handler, self.changes)
        target = Path(path)
        watch: ObservedWatch
        if target.is_file():
            watch = super().schedule(_OneFile(event_handler, str(target)), str(target.parent),
                                     event_filter=event_filter or list(CHANGES))
        else:
            watch = super().schedule(event_handler, str(target), recursive=recursive,
                                     event_filter=event_filter or list(CHANGES), follow_symlink=follow_symlink)
        return watch


def notified(server: LiveReloadServer, config: MkDocsConfig, extra: list[str]) -> ChangeLog | None:
    """Move what ``server`` watches so far (MkDocs' ``docs_dir`` and ``mkdocs.yml``, the theme's folders
    with ``--watch-theme``, and ``extra``) to the system's notifications, unless ``CASEBOOK_WATCH=poll``
    or the system refuses the watches. Returns the log of the changes it is told of, when it did."""
    if os.environ.get(ENV_WATCH, "").strip().lower() in ("poll", "polling"):
        return None
    candidates = [config.docs_dir, config.config_file_path, *config.theme.dirs, *extra]
    paths = list(dict.fromkeys(os.path.abspath(path) for path in candidates if path))
    if not _accepted(paths):
        return None
    watched = []
    for path in paths:
        try:
            server.unwatch(path)
        except KeyError:  # not watched
            continue
        watched.append(path)
    changes = ChangeLog()
    server.observer = ChangesObserver(timeout=0.5, changes=changes)
    for path in watched:
        server.watch(path)
    return changes


def _accepted(paths: list[str]) -> bool:
    """Whether the system takes a watch of each path (a trial, undone at once). The watches are made as
    the observer starts, or as a path is added to one already started: so the trial's is started."""
    trial = ChangesObserver()
    trial.start()
    try:
        for path in paths:
            if os.path.exists(path):
                trial.schedule(FileSystemEventHandler(), path, recursive=True)
    except OSError as error:
        log.info("Watching for changes by polling: %s", error)
        return False
    finally:
        trial.stop()
        trial.join(timeout=5)
    return True
