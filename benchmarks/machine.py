"""What a benchmark run ran on and with: the machine, its load, the versions, the commits."""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import casebook
from benchmarks.corpus import ROOT

PACKAGES = ("mkdocs", "mkdocs-material", "pagefind", "playwright", "casebook")


def _git(*args: str) -> str:
    result = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False)
    return result.stdout.strip()


def _first(path: str, prefix: str) -> str | None:
    try:
        for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def machine() -> dict[str, Any]:
    """The CPU model, cores, memory and load average now."""
    memory = _first("/proc/meminfo", "MemTotal")
    return {"cpu_model": _first("/proc/cpuinfo", "model name") or platform.processor() or None,
            "cores": os.cpu_count(), "cores_usable": len(os.sched_getaffinity(0)),
            "memory_gib": round(int(memory.split()[0]) / 1024 / 1024, 1) if memory else None,
            "platform": platform.platform(), "load_average": list(os.getloadavg())}


def versions() -> dict[str, str | None]:
    """The versions of Python and of the packages the benchmark measures."""
    found: dict[str, str | None] = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def meta(options: dict[str, Any], baseline: dict[str, str] | None) -> dict[str, Any]:
    """The run's ``meta`` block of the JSON, at its start (``bench.py`` adds the load at the end)."""
    here = machine()
    return {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _git("rev-parse", "HEAD"),
        "uncommitted_changes": len(_git("status", "--porcelain").splitlines()),
        "casebook_module": casebook.__file__,
        "baseline": baseline,
        "machine": here,
        # The keys of earlier runs, kept so their JSON and this one's read alike.
        "python": platform.python_version(), "platform": here["platform"], "cpus": here["cores"],
        "load_average_at_start": here["load_average"],
        "versions": {**versions(), "baseline": baseline["commit"] if baseline else None},
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in options.items()},
    }
