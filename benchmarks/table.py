"""The benchmark's table: one row per figure, one column per N, the target and whether it is met.

A row is ``(label, target, cell)`` or ``(label, target, cell, keys)``: ``cell`` turns one N's result
into text, ``keys`` names the targets of ``benchmarks/targets.py`` the row is judged by (the last
column shows their verdicts, computed from the whole run).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

from benchmarks import impact, lighthouse
from benchmarks.figures import Sizes, get
from benchmarks.targets import Verdict, verdicts

Cell = Callable[[dict[str, Any]], str]
Row = tuple[str, str, Cell] | tuple[str, str, Cell, tuple[str, ...]]


def fmt(value: Any, pattern: str = "{:.2f}") -> str:
    return "-" if value is None else pattern.format(value)


def _kb(value: Any) -> str:
    return "-" if value is None else f"{value / 1024:.0f}"


def _build_cell(build: dict[str, Any] | None) -> str:
    if not build:
        return "-"
    if "median_s" not in build:
        return "timeout" if build.get("timed_out") else "failed"
    return f"{build['median_s']:.1f} ({len(build['wall_s'])}x)"


def _per_page(name: str) -> Cell:
    def cell(r: dict[str, Any]) -> str:
        figures = get(r, name, "per_page")
        return "-" if not figures else f"{figures['wall_ms']:.2f} ({figures['cpu_ms']:.2f})"

    return cell


def _growth(r: dict[str, Any]) -> str:
    growth = r.get("growth")
    if not growth or "from" not in growth:
        return "-"
    return f"{growth['factor']:.2f}x / {growth['n_factor']:.2f}x from {growth['from']:,}"


def _preview(r: dict[str, Any]) -> str:
    edits = get(r, "preview", "edits_s")
    if not edits:
        return "timeout" if get(r, "preview", "timed_out") else "-"
    return f"{statistics.median(edits):.2f} (max {max(edits):.2f})"


def _median(values: list[float] | None) -> float | None:
    return statistics.median(values) if values else None


def _pair(r: dict[str, Any], first: str, second: str, *path: str, pattern: str = "{:.2f}") -> str:
    return f"{fmt(get(r, *path, first), pattern)} / {fmt(get(r, *path, second), pattern)}"


def _ratio(r: dict[str, Any], top: str, bottom: str, key: str) -> float | None:
    a, b = get(r, top, key), get(r, bottom, key)
    return a / b if a and b else None


def _download(key: str) -> Cell:
    return lambda r: _kb(get(r, "downloads", key, "sent"))


def _download_parts(key: str) -> Cell:
    return lambda r: (f"{_kb(get(r, 'downloads', key, 'by_category', 'pagefind'))} / "
                      f"{_kb(get(r, 'downloads', key, 'query_sent'))}")


def rows() -> list[Row]:
    return [
        ("cases / pages built (reference)", "", lambda r: f"{get(r, 'corpus', 'cases') or 0:,} / "
         f"{fmt(get(r, 'casebook_build', 'pages'), '{:,}')} ({fmt(get(r, 'reference_build', 'pages'), '{:,}')})"),
        ("words per story (da / en)", "~600", lambda r: _pair(r, "words_per_story_da", "words_per_story_en",
                                                              "corpus", pattern="{}")),
        ("a. Casebook build, wall s (runs)", "", lambda r: _build_cell(r.get("casebook_build"))),
        ("   CPU s (all processes)", "", lambda r: fmt(get(r, "casebook_build", "median_cpu_s"), "{:.1f}")),
        ("   per page, ms wall (CPU)", "", _per_page("casebook_build")),
        ("   per case, ms wall", "", lambda r: fmt(get(r, "growth", "ms_per_case"), "{:.1f}")),
        ("   growth: time / cases from the size before", "≤ 3.3x 1,000 → 3,000",
         _growth, ("build_growth",)),
        ("b. reference (plain Material), wall s", "", lambda r: _build_cell(r.get("reference_build"))),
        ("   CPU s", "", lambda r: fmt(get(r, "reference_build", "median_cpu_s"), "{:.1f}")),
        ("   per page, ms wall (CPU)", "", _per_page("reference_build")),
        ("   ratio a/b, wall (CPU)", "≤ 1.0 at 1,000", lambda r: f"{fmt(r.get('ratio'))} ({fmt(r.get('ratio_cpu'))})",
         ("build_ratio",)),
        ("   ratio a/b per page, wall", "", lambda r: fmt(r.get("ratio_per_page"))),
        ("a'. baseline build, wall s (runs)", "", lambda r: _build_cell(r.get("baseline_build"))),
        ("   CPU s / per page, ms wall", "", lambda r: f"{fmt(get(r, 'baseline_build', 'median_cpu_s'), '{:.1f}')}"
                                                    f" / {fmt(get(r, 'baseline_build', 'per_page', 'wall_ms'))}"),
        ("   baseline ratio a'/b, wall (CPU)", "", lambda r: f"{fmt(_ratio(r, 'baseline_build', 'reference_build', 'median_s'))} "  # noqa: E501
                                                          f"({fmt(_ratio(r, 'baseline_build', 'reference_build', 'median_cpu_s'))})"),  # noqa: E501
        ("   this code / baseline, wall (CPU)", "", lambda r: f"{fmt(_ratio(r, 'casebook_build', 'baseline_build', 'median_s'))} "  # noqa: E501
                                                           f"({fmt(_ratio(r, 'casebook_build', 'baseline_build', 'median_cpu_s'))})"),  # noqa: E501
        ("c. validation, load_project s", "", lambda r: fmt(min(get(r, "validation", "load_s") or [float("nan")])
                                                            if get(r, "validation") else None)),
        ("   cases per second", "", lambda r: fmt(get(r, "validation", "cases_per_s"), "{:,}")),
        ("   baseline / this code, cases/s", "", lambda r: _pair(r, "old_cases_per_s", "new_cases_per_s",
                                                                 "baseline_validation", pattern="{:,}")),
        ("   speed-up over the baseline", "≥ 3x at 1,000", lambda r: fmt(get(r, "baseline_validation", "speedup")),
         ("validation",)),
        ("   `casebook validate` command, s", "", lambda r: fmt(get(r, "validation", "cli_s"))),
        ("   problems (errors / warnings)", "0 / 0", lambda r: _pair(r, "errors", "warnings", "validation",
                                                                     pattern="{}")),
        ("d. serve: first page served, s", "", lambda r: fmt(get(r, "preview", "startup_s"), "{:.1f}")),
        ("   edit-to-preview, median s", "≤ 1 at 1,000", _preview, ("preview_1000",)),
        ("   CPU s used per edit, median", "", lambda r: fmt(_median(get(r, "preview", "edits_cpu_s")))),
        ("e. first search da 'mentorer', KB", "≤ 250 at 3,000", _download("search_da"), ("first_search",)),
        ("   of it Pagefind / after typing, KB", "", _download_parts("search_da")),
        ("   first search en 'mentoring', KB", "≤ 250 at 3,000", _download("search_en"), ("first_search",)),
        ("   of it Pagefind / after typing, KB", "", _download_parts("search_en")),
        ("   facets without words da, KB", "≤ 150 at 3,000", _download("facets_da"), ("facets",)),
        ("   facets without words en, KB", "≤ 150 at 3,000", _download("facets_en"), ("facets",)),
        ("   case page, first view, KB", "≤ 250", _download("case_first"), ("case_first",)),
        ("   case page, second view, KB", "≤ 60", _download("case_second"), ("case_second",)),
        ("   reference: Material search index, KB", "", lambda r: fmt(get(r, "reference_build", "search_index_kb"),
                                                                      "{:.0f}")),
        ("f. peak memory, whole process tree, MiB", "≤ 1 GiB at 3,000, ≤ 4 GiB at 10,000",
         lambda r: fmt(get(r, "casebook_build", "tree_rss_mb"), "{:,.0f}"), ("memory_3000", "memory_10000")),
        ("   largest process, MiB (program)", "", lambda r: f"{fmt(get(r, 'casebook_build', 'largest_mb'), '{:,.0f}')}"
                                                         f" ({get(r, 'casebook_build', 'largest_name') or '-'})"),
        ("   python / pagefind at their peak, MiB", "", lambda r: _pair(r, "python", "pagefind", "casebook_build",
                                                                        "by_program_mb", pattern="{:,.0f}")),
        ("   processes in the tree, at most", "", lambda r: fmt(get(r, "casebook_build", "processes"), "{}")),
        ("   reference, whole tree, MiB", "", lambda r: fmt(get(r, "reference_build", "tree_rss_mb"), "{:,.0f}")),
        *lighthouse.rows(),
        *impact.rows(),
    ]


def _verdict(keys: tuple[str, ...], judged: dict[str, Verdict]) -> str:
    states = [judged[k].state for k in keys if k in judged]
    return ", ".join("-" if s == "not measured" else s for s in states)


def _empty(cell: str) -> bool:
    """A cell with no figure in it: "-", "- / -", "- (-)"."""
    return not cell.strip(" -/()x")


def grid(sizes: list[int], results: Sizes) -> tuple[list[str], list[list[str]]]:
    """The table's header and rows: label, target, a column per N, the verdict of the row's targets."""
    columns = [str(n) for n in sizes if str(n) in results]
    judged = {v.key: v for v in verdicts(results)}
    header = ["", "target", *(f"N={int(n):,}" for n in columns), "met?"]
    body = []
    for row in rows():
        label, target, cell = row[:3]
        values = []
        for n in columns:
            try:
                value = cell(results[n])
            except (TypeError, KeyError, ValueError):
                value = "-"
            values.append("-" if _empty(value) else value)
        keys: tuple[str, ...] = row[3] if len(row) > 3 else ()
        if keys or not all(_empty(v) for v in values):
            body.append([label, target, *values, _verdict(keys, judged)])
    return header, body


def table(sizes: list[int], results: Sizes) -> str:
    """The plain-text table, as the benchmark prints it."""
    header, body = grid(sizes, results)
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        return "  ".join(cell.ljust(w) if i < 2 or i == len(row) - 1 else cell.rjust(w) for i, (cell, w) in
                         enumerate(zip(row, widths, strict=True))).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, body)]) + "\n"
