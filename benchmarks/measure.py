"""The benchmark's measurements of processes: builds (wall and CPU time, peak memory), validation,
and edit-to-preview with ``mkdocs serve``. Each runs in a fresh subprocess, as a user would run it.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.proctree import MB, Memory, tree_cpu

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable


@dataclass
class Run:
    """One process and everything it started: times, peak memory and how it ended."""

    wall_s: float
    cpu_s: float  # user + system time of the process and its children (Pagefind)
    max_rss_mb: float  # the largest single process (getrusage's ru_maxrss over the tree)
    tree_rss_mb: float  # the largest sum of all processes' RSS at one moment, sampled every 0.1 s
    returncode: int | None  # None: stopped at the timeout
    log: str = ""
    memory: dict[str, Any] = field(default_factory=dict)  # Memory.as_dict(): per program, largest by name

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End ``proc`` and its process group (it was started in a session of its own)."""
    if proc.returncode is not None:
        return
    for sig, grace in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def run_measured(command: list[str], cwd: Path, timeout: float, log_path: Path,
                 env: dict[str, str] | None = None) -> Run:
    """Run ``command`` to its end (or ``timeout``), measuring wall and CPU time and peak memory."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with log_path.open("wb") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=environment,
                                start_new_session=True)
        memory = Memory()
        returncode: int | None = None
        usage: resource.struct_rusage | None = None
        tick = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                returncode = os.waitstatus_to_exitcode(status)
                proc.returncode = returncode  # reaped here; Popen must not wait for it again
                break
            if time.perf_counter() - started > timeout:
                stop(proc)
                usage = None
                break
            if tick % 4 == 0:  # every 0.1 s; all of /proc is read for new processes every 0.5 s
                memory.sample(proc.pid, discover=tick % 20 == 0)
            tick += 1
            time.sleep(0.025)
        wall = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime if usage else float("nan")
    max_rss = usage.ru_maxrss / 1024 if usage else float("nan")  # Linux reports KiB
    text = log_path.read_text(encoding="utf-8", errors="replace")
    return Run(wall, cpu, max_rss, memory.tree / MB, returncode, text[-3000:], memory.as_dict())


def mkdocs_command(config: Path, *args: str, pdf: bool = False, profile: Path | None = None) -> list[str]:
    """``mkdocs build -f config`` (or another subcommand) through benchmarks/mkdocs_run.py."""
    command = [PYTHON, str(HERE / "mkdocs_run.py")]
    if not pdf:
        command.append("--no-pdf")
    if profile is not None:
        command += ["--profile", str(profile)]
    return [*command, "--", *args, "-f", str(config)]


# --- validation -------------------------------------------------------------------------------

_VALIDATE = """
import json, sys, time
from pathlib import Path
import casebook
from casebook.project import load_project
root, repeats = Path(sys.argv[1]), int(sys.argv[2])
times = []
for _ in range(repeats):
    started = time.perf_counter()
    project = load_project(root)
    times.append(time.perf_counter() - started)
print(json.dumps({"times": times, "cases": len(project.cases), "errors": len(project.errors),
                  "warnings": len(project.warnings), "first": [i.format() for i in project.issues[:5]],
                  "module": casebook.__file__}))
"""


@dataclass
class Validation:
    load_s: list[float]  # load_project, in process, each repeat
    cli_s: float | None  # `python -m casebook validate`, the whole command with Python's start-up
    cases: int
    errors: int
    warnings: int
    first_problems: list[str] = field(default_factory=list)
    module: str = ""  # the casebook package the process imported (this checkout's, or the baseline's)

    @property
    def cases_per_s(self) -> float:
        return self.cases / min(self.load_s)


def validate(root: Path, repeats: int, timeout: float, code: Path | None = None, cli: bool = True) -> Validation:
    """Time Casebook's validation of the project at ``root`` in a fresh process: in process, and as the command.

    ``code`` is the checkout whose ``casebook`` is imported (default: this one); the processes run in it,
    with it alone on ``PYTHONPATH``, so no other checkout's package can shadow it.
    """
    code = code or HERE.parent
    env = {**os.environ, "PYTHONPATH": str(code)}
    result = subprocess.run([PYTHON, "-c", _VALIDATE, str(root), str(repeats)], capture_output=True, text=True,
                            timeout=timeout, check=True, cwd=code, env=env)
    data = json.loads(result.stdout)
    cli_s = None
    if cli:
        started = time.perf_counter()
        subprocess.run([PYTHON, "-m", "casebook", "validate", "--root", str(root)], capture_output=True,
                       timeout=timeout, check=False, cwd=code, env=env)
        cli_s = time.perf_counter() - started
    return Validation(data["times"], cli_s, data["cases"], data["errors"], data["warnings"], data["first"],
                      data["module"])


# --- edit to preview --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, OSError):
        return None


@dataclass
class Preview:
    startup_s: float | None  # from starting `mkdocs serve` until it serves the case page
    edits_s: list[float]  # from saving da.md until the page served holds the new text
    edits_cpu_s: list[float] = field(default_factory=list)  # CPU time `mkdocs serve` used meanwhile
    timed_out: bool = False
    error: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _wait_for(url: str, deadline: float, token: str | None = None, proc: subprocess.Popen[bytes] | None = None,
              failed: Callable[[], bool] = lambda: False, interval: float = 0.05) -> bool:
    while time.perf_counter() < deadline:
        body = _get(url)
        if body is not None and (token is None or token in body):
            return True
        if (proc is not None and proc.poll() is not None) or failed():
            return False
        time.sleep(interval)
    return False


def _count(log_path: Path, line: str) -> int:
    return log_path.read_text(encoding="utf-8", errors="replace").count(line)


RELOADED = "Reloading browsers"  # MkDocs' livereload server after each successful rebuild
REBUILD_FAILED = "An error happened during the rebuild"  # ... and after a failed one


def edit_to_preview(root: Path, slug: str, edits: int, timeout: float, log_path: Path,
                    progress: Callable[[str], None] | None = None) -> Preview:
    """Start `mkdocs serve` on ``root``; append a new token to ``cases/<slug>/index.da.md`` ``edits`` times and
    time each save until the served page holds it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/cases/{slug}/"
    story = root / "cases" / slug / "index.da.md"
    original = story.read_bytes()
    command = mkdocs_command(root / "mkdocs.yml", "serve", "-a", f"127.0.0.1:{port}")
    result = Preview(None, [])
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=root, stdout=log, stderr=subprocess.STDOUT,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
        try:
            if not _wait_for(url, started + timeout, proc=proc, interval=0.2):
                result.timed_out = proc.poll() is None
                result.error = "mkdocs serve did not serve the page" + ("" if result.timed_out else " (it stopped)")
                return result
            result.startup_s = time.perf_counter() - started
            for number in range(edits):
                # Let the first build's reload and the watcher settle, so each edit starts a fresh rebuild.
                time.sleep(1.5)
                reloads, failures = _count(log_path, RELOADED), _count(log_path, REBUILD_FAILED)
                token = f"benchmarktoken{os.getpid()}x{number}x{time.time_ns()}"
                with story.open("ab") as handle:
                    handle.write(f"\n\nBenchmark {token}.\n".encode())
                saved, cpu = time.perf_counter(), tree_cpu(proc.pid)
                if not _wait_for(url, saved + timeout, token, proc,
                                 lambda: _count(log_path, REBUILD_FAILED) > failures):  # noqa: B023 - called here
                    failed = _count(log_path, REBUILD_FAILED) > failures
                    result.timed_out = proc.poll() is None and not failed
                    result.error = (f"edit {number + 1}: the rebuild failed (see {log_path})" if failed
                                    else f"edit {number + 1}: the page never showed the new text")
                    return result
                result.edits_s.append(time.perf_counter() - saved)
                result.edits_cpu_s.append(tree_cpu(proc.pid) - cpu)
                if progress is not None:
                    progress(f"edit {number + 1}/{edits}: {result.edits_s[-1]:.2f} s "
                             f"(CPU {result.edits_cpu_s[-1]:.2f} s)")
                # Wait until that rebuild has finished before the next edit.
                deadline = time.perf_counter() + timeout
                while _count(log_path, RELOADED) <= reloads and time.perf_counter() < deadline:
                    time.sleep(0.1)
        finally:
            stop(proc)
            story.write_bytes(original)
    return result
