"""`mkdocs serve` hears of a save from the system's notifications (casebook/plugin/watching.py): a change
starts a rebuild, reading a file does not, an editor's rename-save of mkdocs.yml counts, and polling stays
where asked for or where the system refuses the watches."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileCreatedEvent, FileModifiedEvent
from watchdog.observers.polling import PollingObserver

from casebook.plugin import watching
from casebook.project.changes import Stamps


@pytest.fixture
def server(minimal: Path) -> Iterator[LiveReloadServer]:
    """A livereload server watching what `mkdocs serve` watches, not serving."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(minimal / "site"))
    yield server
    server.observer.stop()
    server.server_close()


def _watch_as_mkdocs(server: LiveReloadServer, root: Path) -> tuple[object, str]:
    config = load_config(str(root / "mkdocs.yml"))
    server.watch(config.docs_dir)
    server.watch(config.config_file_path)
    cases = str(root / "cases")
    server.watch(cases)
    return config, cases


def _wants_rebuild(server: LiveReloadServer, change: object, wait: float = 2.0) -> bool:
    """Whether ``change`` makes the server want a rebuild within ``wait`` seconds (after the events of the
    change before it have arrived: a save is told of as modified, then closed)."""
    time.sleep(0.2)
    with server._rebuild_cond:
        server._want_rebuild = False
    change()  # type: ignore[operator]
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        with server._rebuild_cond:
            if server._want_rebuild:
                return True
        time.sleep(0.02)
    return False


def test_a_save_is_heard_at_once_and_a_read_is_not(server: LiveReloadServer, minimal: Path) -> None:
    config, cases = _watch_as_mkdocs(server, minimal)
    assert watching.notified(server, config, [cases])
    assert isinstance(server.observer, watching.ChangesObserver)
    assert set(server._watched_paths) == {os.path.abspath(p) for p in (config.docs_dir, config.config_file_path, cases)}
    server.observer.start()
    story = next((minimal / "cases").glob("*/index.da.md"))
    assert not _wants_rebuild(server, story.read_bytes, wait=0.5)
    started = time.monotonic()
    assert _wants_rebuild(server, lambda: story.write_text(story.read_text(encoding="utf-8") + "\nMere.\n",
                                                          encoding="utf-8"))
    assert time.monotonic() - started < 1.0  # polling would take up to its half second, and more
    assert _wants_rebuild(server, lambda: (minimal / "content" / "new.md").write_text("# Ny\n", encoding="utf-8"))
    # An editor's save by rename, then a save in place of the new file: both heard.
    config_file = Path(config.config_file_path)
    temporary = config_file.with_suffix(".tmp")

    def rename_save() -> None:
        temporary.write_bytes(config_file.read_bytes())
        os.replace(temporary, config_file)

    assert _wants_rebuild(server, rename_save)
    assert _wants_rebuild(server, lambda: config_file.write_bytes(config_file.read_bytes()))
    # Another file in the project's folder is not watched.
    assert not _wants_rebuild(server, lambda: (minimal / "notes.txt").write_text("x", encoding="utf-8"), wait=0.5)


def test_polling_when_asked_for(server: LiveReloadServer, minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config, cases = _watch_as_mkdocs(server, minimal)
    monkeypatch.setenv(watching.ENV_WATCH, "poll")
    assert not watching.notified(server, config, [cases])
    assert isinstance(server.observer, PollingObserver)
    assert len(server._watched_paths) == 3


def test_polling_when_the_system_refuses(server: LiveReloadServer, minimal: Path, monkeypatch: pytest.MonkeyPatch,
                                         caplog: pytest.LogCaptureFixture) -> None:
    config, cases = _watch_as_mkdocs(server, minimal)
    original = watching.ChangesObserver.schedule

    def refused(self: watching.ChangesObserver, handler: object, path: str, **options: object) -> object:
        if Path(path) == minimal / "cases":
            raise OSError(28, "inotify watch limit reached")
        return original(self, handler, path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(watching.ChangesObserver, "schedule", refused)
    with caplog.at_level("INFO", logger="mkdocs.plugins.casebook"):
        assert not watching.notified(server, config, [cases])
    assert isinstance(server.observer, PollingObserver)
    assert len(server._watched_paths) == 3
    assert "inotify watch limit reached" in caplog.text


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _shows(url: str, text: str, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in _page(url):
            return True
        time.sleep(0.1)
    return False


def test_mkdocs_serve_shows_each_save(minimal: Path) -> None:
    """A real `mkdocs serve`: the first story edit is found by stamping every file, the next ones from the
    system's log alone; then a case's facts, and a story after them."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                               cwd=minimal, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
    url = f"http://127.0.0.1:{port}/cases/alpha-workshop/"
    story = minimal / "cases" / "alpha-workshop" / "index.da.md"
    try:
        assert _shows(url, "Alfa-workshoppen", timeout=120)
        for number in range(3):
            time.sleep(0.5)
            with story.open("a", encoding="utf-8") as handle:
                handle.write(f"\n\nGemt nummer {number}x{port}.\n")
            assert _shows(url, f"Gemt nummer {number}x{port}."), f"save {number} was not shown"
        case = story.parent / "case.yml"
        case.write_text(case.read_text(encoding="utf-8").replace("Alfa-workshoppen", "Alfa-dagen"),
                        encoding="utf-8")
        assert _shows(url, "Alfa-dagen")
        story.write_text(story.read_text(encoding="utf-8") + "\n\nEfter faktaene.\n", encoding="utf-8")
        assert _shows(url, "Efter faktaene.")
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_stamps_updated_from_the_log_equal_a_scan(minimal: Path) -> None:
    """The files the log names, stamped again, give what a scan gives; a new file needs a scan."""
    tops = (minimal / "cases", minimal / "content")
    before = Stamps.scan(*tops)
    story = minimal / "cases" / "alpha-workshop" / "index.da.md"
    changes = watching.ChangeLog()
    story.write_text(story.read_text(encoding="utf-8") + "\nMere.\n", encoding="utf-8")
    changes.note(FileModifiedEvent(str(story)))
    changes.note(FileModifiedEvent(str(minimal / "mkdocs.yml")))  # not stamped: left out
    updated = before.updated(changes.take() or set())
    assert updated is not None
    assert updated.files == Stamps.scan(*tops).files
    assert before.changed_files(updated) == {story}
    assert changes.take() == set()  # taken once
    new = story.parent / "notes.md"
    new.write_text("x", encoding="utf-8")
    assert before.updated({str(new)}) is None
    changes.note(FileCreatedEvent(str(new)))
    assert changes.take() is None  # a file added: only a scan tells what changed
