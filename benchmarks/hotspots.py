"""Where a Casebook build spends its time: a summary of a cProfile run of ``mkdocs build``.

    .venv/bin/python -m benchmarks.hotspots OUT.prof     # summarise a profile written by bench.py --profile

The summary gives the build's stages (Casebook's plugin events and MkDocs' own steps) with their cumulative
time and share, the functions of ``casebook/`` and ``hooks/`` with the most cumulative time, the
functions with the most time of their own, and own time per package.
"""

from __future__ import annotations

import argparse
import pstats
from pathlib import Path
from typing import Any

# Stages of a build: (label, file path ending, function name). Cumulative times overlap where stages nest.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("mkdocs build, in all", "mkdocs/commands/build.py", "build"),
    ("on_config: load and validate content, plan the site", "casebook/plugin/plugin.py", "on_config"),
    ("  load_project (what `casebook validate` does)", "casebook/project/loading.py", "load_project"),
    ("  SitePlan: every page planned", "casebook/site/plan.py", "_plan_pages"),
    ("  stale_schemas: editor schemas checked", "casebook/authoring/schema.py", "stale_schemas"),
    ("on_files: planned pages and images as MkDocs files", "casebook/plugin/plugin.py", "on_files"),
    ("MkDocs: read sources and render Markdown (all pages)", "mkdocs/commands/build.py", "_populate_page"),
    ("  Markdown to HTML", "mkdocs/structure/pages.py", "render"),
    ("MkDocs: build each page (templates, hooks, write)", "mkdocs/commands/build.py", "_build_page"),
    ("  Jinja templates rendered", "jinja2/environment.py", "render"),
    ("  on_page_context: the page's view data", "casebook/plugin/plugin.py", "on_page_context"),
    ("  on_page_content: HTML allow-list (nh3)", "casebook/plugin/plugin.py", "on_page_content"),
    ("  on_page_markdown", "casebook/plugin/plugin.py", "on_page_markdown"),
    ("  files written", "mkdocs/utils/__init__.py", "write_file"),
    ("MkDocs: theme files copied", "mkdocs/commands/build.py", "_build_theme_template"),
    ("on_post_build: PDFs, Pagefind index, publish", "casebook/plugin/plugin.py", "on_post_build"),
    ("  Pagefind index (a subprocess; this is the wait)", "casebook/publish/search.py", "build_index"),
)
PROJECT_PATHS = ("/casebook/", "/hooks/")


def _package(filename: str) -> str:
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C)"
    parts = Path(filename).parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            return parts[parts.index(marker) + 1].removesuffix(".py")
    for name in ("casebook", "hooks", "benchmarks"):
        if name in parts:
            return name
    return "stdlib"


def _label(key: tuple[str, int, str]) -> str:
    filename, line, name = key
    if filename.startswith("~"):
        return name
    parts = Path(filename).parts
    for marker in ("site-packages", "casebook", "hooks"):
        if marker in parts:
            start = parts.index(marker) + (1 if marker == "site-packages" else 0)
            return f"{'/'.join(parts[start:])}:{line}({name})"
    return f"{Path(filename).name}:{line}({name})"


def summarise(profile: Path, top: int = 15) -> dict[str, Any]:
    """The profile at ``profile`` as JSON-ready figures."""
    stats = pstats.Stats(str(profile))
    table: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    total = max((ct for (_, _, _, ct, _) in table.values()), default=0.0)

    def cumulative(path_end: str, name: str) -> float | None:
        times = [ct for (f, _, n), (_, _, _, ct, _) in table.items() if n == name and f.endswith(path_end)]
        return max(times) if times else None

    stages = []
    for label, path_end, name in STAGES:
        seconds = cumulative(path_end, name)
        if seconds is not None:
            stages.append({"stage": label, "s": round(seconds, 3), "share": round(seconds / total, 3)})
    own = sorted(table.items(), key=lambda item: item[1][2], reverse=True)
    project = sorted(((k, v) for k, v in table.items() if any(p in k[0] for p in PROJECT_PATHS)),
                     key=lambda item: item[1][3], reverse=True)
    packages: dict[str, float] = {}
    for key, (_, _, tt, _, _) in table.items():
        packages[_package(key[0])] = packages.get(_package(key[0]), 0.0) + tt

    def row(item: tuple[tuple[str, int, str], tuple[int, int, float, float, Any]]) -> dict[str, Any]:
        key, (_, calls, tt, ct, _) = item
        return {"function": _label(key), "calls": calls, "own_s": round(tt, 3), "cumulative_s": round(ct, 3),
                "share": round(ct / total, 3)}

    return {
        "total_s": round(total, 3),
        "stages": stages,
        "casebook_cumulative": [row(item) for item in project[:top]],
        "own_time": [row(item) for item in own[:top]],
        "own_time_by_package": [{"package": p, "s": round(s, 3), "share": round(s / total, 3)}
                                for p, s in sorted(packages.items(), key=lambda i: i[1], reverse=True)[:top]],
    }


def format_summary(summary: dict[str, Any]) -> str:
    lines = [f"Profiled `mkdocs build`: {summary['total_s']:.1f} s in all (under cProfile, slower than without).",
             "", "Stages (cumulative; indented stages are part of the one above):"]
    lines += [f"  {s['s']:8.2f} s {s['share']:6.1%}  {s['stage']}" for s in summary["stages"]]
    lines += ["", "casebook/ and hooks/ functions by cumulative time:"]
    lines += [f"  {r['cumulative_s']:8.2f} s {r['share']:6.1%}  {r['calls']:>9} calls  {r['function']}"
              for r in summary["casebook_cumulative"]]
    lines += ["", "Functions by own time:"]
    lines += [f"  {r['own_s']:8.2f} s {r['own_s'] / summary['total_s']:6.1%}  {r['calls']:>9} calls  {r['function']}"
              for r in summary["own_time"]]
    lines += ["", "Own time by package:"]
    lines += [f"  {p['s']:8.2f} s {p['share']:6.1%}  {p['package']}" for p in summary["own_time_by_package"]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="Summarise a cProfile run of mkdocs build.")
    parser.add_argument("profile", type=Path)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    print(format_summary(summarise(args.profile, args.top)), end="")  # noqa: T201


if __name__ == "__main__":
    main()
