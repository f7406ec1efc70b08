"""The processes a measured command started, found from ``/proc`` alone, and their memory over time.

A command's process tree is every process whose parent chain leads to it, plus every process still in
its session (the benchmark starts each command in a session of its own, so a helper whose parent has
already ended, which Linux hands to init, is still counted). The parents are read from each process's
``stat``; ``/proc/<pid>/task/<tid>/children``, which the benchmark used before, exists only on kernels
built with ``CONFIG_PROC_CHILDREN``, and the kernel's documentation calls it reliable only while the
children are stopped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MB = 1024 * 1024


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    session: int
    name: str  # the command name as the kernel keeps it (15 characters at most)
    rss: int  # resident bytes now
    cpu_s: float  # user + system time of the process and of its children it has waited for


def _stat(pid: int) -> Proc | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1:text.rindex(")")]
    # After the name: state ppid pgrp session ... utime(12) stime cutime cstime ... rss(22), 1-based after it.
    fields = text[text.rindex(")") + 2:].split()
    try:
        cpu = sum(int(f) for f in fields[11:15]) / CLOCK_TICKS
        return Proc(pid, int(fields[1]), int(fields[3]), name, int(fields[21]) * PAGE_SIZE, cpu)
    except (IndexError, ValueError):
        return None


def snapshot() -> list[Proc]:
    """Every process on the machine now (those that end while it is read are left out)."""
    procs = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (proc := _stat(int(entry))) is not None:
            procs.append(proc)
    return procs


def tree(root: int, procs: list[Proc] | None = None) -> list[Proc]:
    """``root`` and its descendants (children of children too), and the rest of its session."""
    procs = snapshot() if procs is None else procs
    children: dict[int, list[Proc]] = {}
    for proc in procs:
        children.setdefault(proc.ppid, []).append(proc)
    found = {p.pid: p for p in procs if p.pid == root or p.session == root}
    stack = list(found)
    while stack:
        for child in children.get(stack.pop(), ()):
            if child.pid not in found:
                found[child.pid] = child
                stack.append(child.pid)
    return sorted(found.values(), key=lambda p: p.pid)


def kind(name: str) -> str:
    """The program a command name belongs to: ``python3.11`` is python, ``pagefind_extend`` is pagefind."""
    for program in ("python", "pagefind", "node", "chrom"):
        if name.lower().startswith(program):
            return program
    return name


def peak_rss(pid: int) -> int:
    """The most resident bytes ``pid`` has had (``VmHWM``), 0 if it has ended."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid``'s tree now."""
    return sum(p.rss for p in tree(pid))


def tree_cpu(pid: int) -> float:
    """CPU seconds used so far by ``pid``'s tree, including children its processes have waited for."""
    return sum(p.cpu_s for p in tree(pid))


@dataclass
class Memory:
    """The peaks of a process tree, sampled: the whole tree, each program, the largest single process."""

    tree: int = 0  # the largest sum of the tree's resident bytes at one moment
    by_kind: dict[str, int] = field(default_factory=dict)  # the same per program (python, pagefind, ...)
    largest: int = 0  # the largest single process: the most its VmHWM reached, or its RSS when sampled
    largest_name: str = ""
    processes: int = 0  # the most processes in the tree at one moment
    _hwm: dict[int, tuple[str, int]] = field(default_factory=dict)
    _known: list[int] = field(default_factory=list)

    def sample(self, root: int, discover: bool = True) -> None:
        """Add the tree's memory now. Without ``discover``, only the processes found last time are read
        again (a few files instead of all of ``/proc``); a new process counts from the next discovery."""
        if discover or not self._known:
            procs = tree(root)
            self._known = [p.pid for p in procs]
        else:
            procs = [p for p in map(_stat, self._known) if p is not None]
        self.tree = max(self.tree, sum(p.rss for p in procs))
        self.processes = max(self.processes, len(procs))
        sums: dict[str, int] = {}
        for proc in procs:
            sums[kind(proc.name)] = sums.get(kind(proc.name), 0) + proc.rss
            peak = max(proc.rss, peak_rss(proc.pid), self._hwm.get(proc.pid, ("", 0))[1])
            self._hwm[proc.pid] = (kind(proc.name), peak)
            if peak > self.largest:
                self.largest, self.largest_name = peak, kind(proc.name)
        for name, total in sums.items():
            self.by_kind[name] = max(self.by_kind.get(name, 0), total)

    def as_dict(self) -> dict[str, object]:
        """The peaks in MiB, for the benchmark's JSON."""
        return {"tree_rss_mb": round(self.tree / MB, 1), "largest_mb": round(self.largest / MB, 1),
                "largest_name": self.largest_name, "processes": self.processes,
                "by_program_mb": {k: round(v / MB, 1) for k, v in sorted(self.by_kind.items())}}
