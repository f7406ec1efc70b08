"""A benchmark run's figures as Markdown, for docs/performance.md: the targets, the figures, met or missed.

    python -m benchmarks.report benchmarks/results/<time>.json            # the targets table
    python -m benchmarks.report benchmarks/results/<time>.json --all      # and every figure per N
    python -m benchmarks.report benchmarks/results/<time>.json --update docs/performance.md
    python -m benchmarks.report RUN.json RUN-10000.json    # several runs (a later file's figures win)

``--update`` replaces what stands between the lines ``<!-- benchmark-table -->`` and
``<!-- /benchmark-table -->`` of that file, so the docs are updated from a run, not by hand. The
verdicts are computed again from the figures (``benchmarks/targets.py``), so a JSON of an older run
reads with today's targets. Several runs can be put together (N = 10,000 is usually a run of its own, and
a step measured again replaces that step's figures); the source line then names every file, and the
machine and load are the first run's.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from benchmarks import figures, table, targets

START, END = "<!-- benchmark-table -->", "<!-- /benchmark-table -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def merge(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """One report of several runs' sizes: a size's figures from each run that measured them (what a later
    run measured replaces the earlier one's, step by step: ``preview``, ``lighthouse``, ...); the first's meta."""
    sizes: dict[str, Any] = {}
    for one in reports:
        for n, figures_of_n in one.get("sizes", {}).items():
            sizes[n] = {**sizes.get(n, {}), **figures_of_n}
    return {"meta": reports[0].get("meta", {}), "sizes": sizes}


def source(report: dict[str, Any], name: str | None = None) -> str:
    """One line saying where the figures come from: the file, the commit, the machine, its load."""
    meta = report.get("meta", {})
    here = meta.get("machine") or {"cores": meta.get("cpus"), "load_average": meta.get("load_average_at_start")}
    parts = [name, f"commit {meta['commit'][:7]}" if meta.get("commit") else None,
             ", ".join(p for p in (here.get("cpu_model"), f"{here['cores']} cores" if here.get("cores") else None,
                                   f"{here['memory_gib']} GiB" if here.get("memory_gib") else None) if p) or None]
    start, end = here.get("load_average"), meta.get("load_average_at_end")
    if start and end:
        parts.append(f"load average {start[0]:.1f} at the start, {end[0]:.1f} at the end")
    if baseline := meta.get("baseline"):
        parts.append(f"baseline {baseline['rev']} ({baseline['commit'][:7]})")
    return "Figures of " + "; ".join(p for p in parts if p) + "."


def markdown_targets(report: dict[str, Any], name: str | None = None) -> str:
    """The targets table: what, target, the figure of this run, met / missed / not measured."""
    sizes = report.get("sizes", {})
    figures.derive(sizes)
    lines = ["| figure | target | measured | |", "| --- | --- | --- | --- |"]
    for verdict in targets.verdicts(sizes):
        lines.append(f"| {_cell(verdict.what)} | {_cell(verdict.goal)} | {_cell(verdict.figure)} | {verdict.state} |")
    return source(report, name) + "\n\n" + "\n".join(lines) + "\n"


def markdown_all(report: dict[str, Any]) -> str:
    """Every row of the benchmark's table as Markdown, one column per N."""
    sizes = report.get("sizes", {})
    figures.derive(sizes)
    header, body = table.grid(sorted(int(n) for n in sizes), sizes)
    lines = ["| " + " | ".join(_cell(c) for c in header) + " |", "|" + " --- |" * len(header)]
    # Markdown drops a cell's leading spaces, so the table's indented sub-rows say so with a dash.
    lines += ["| " + " | ".join(_cell(c.replace("   ", "– ", 1) if i == 0 and c.startswith("   ") else c)
                                for i, c in enumerate(row)) + " |" for row in body]
    return "\n".join(lines) + "\n"


def update(doc: Path, block: str) -> None:
    """Put ``block`` between the markers in ``doc``."""
    text = doc.read_text(encoding="utf-8")
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise SystemExit(f"{doc}: expected one {START} line and one {END} line after it")
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    doc.write_text(f"{head}{START}\n{block.rstrip()}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("json", type=Path, nargs="+", help="benchmark runs: benchmarks/results/<time>.json")
    parser.add_argument("--all", action="store_true", help="also every figure per N")
    parser.add_argument("--update", type=Path, metavar="DOC", help="write the table between the markers of DOC")
    args = parser.parse_args(argv)
    report = merge([json.loads(path.read_text(encoding="utf-8")) for path in args.json])
    names = [f"benchmarks/results/{p.name}" if p.parent.name == "results" else str(p) for p in args.json]
    block = markdown_targets(report, " and ".join(f"`{name}`" for name in names))
    if args.all:
        block += "\n" + markdown_all(report)
    if args.update:
        update(args.update, block)
    else:
        sys.stdout.write(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
