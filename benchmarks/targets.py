"""Issue 18's targets, each computed from a run's figures as met, missed or not measured.

A target reads the figures it needs from the run's ``sizes`` (``{"1000": {...}}``, see ``bench.py``) at
the sizes it names; a run without them (``--sizes 100``) leaves it "not measured". The verdict is never
written by hand: ``benchmarks/report.py`` computes it again from a saved JSON.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks.figures import Sizes, get

MET, MISSED, NOT_MEASURED = "met", "missed", "not measured"
# Where pagebytes.py puts the bytes of browsing by facets without words, per language.
FACET_KEYS = ("facets_da", "facets_en")
GIB = 1024  # MiB


@dataclass(frozen=True)
class Figure:
    value: float  # what is compared with the limit (inf: the step failed)
    text: str  # the figure as the table shows it


@dataclass(frozen=True)
class Target:
    key: str  # the name in the JSON's "targets"
    what: str  # what is measured, e.g. "full build / plain Material at N = 1,000"
    goal: str  # the target as the table shows it, e.g. "≤ 1.0×"
    limit: float
    at_most: bool  # True: the figure must be <= limit; False: >= limit
    figure: Callable[[Sizes], Figure | None]


@dataclass(frozen=True)
class Verdict:
    key: str
    what: str
    goal: str
    figure: str
    state: str  # MET, MISSED or NOT_MEASURED

    def as_dict(self) -> dict[str, str]:
        return {"key": self.key, "what": self.what, "target": self.goal, "figure": self.figure, "state": self.state}


def judge(target: Target, sizes: Sizes) -> Verdict:
    """The target's figure in this run and whether it is met."""
    try:
        figure = target.figure(sizes)
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        figure = None
    if figure is None:
        return Verdict(target.key, target.what, target.goal, "-", NOT_MEASURED)
    ok = figure.value <= target.limit if target.at_most else figure.value >= target.limit
    return Verdict(target.key, target.what, target.goal, figure.text, MET if ok and math.isfinite(figure.value)
                   else MISSED)


def verdicts(sizes: Sizes) -> list[Verdict]:
    return [judge(target, sizes) for target in TARGETS]


# --- the figures ------------------------------------------------------------------------------


def _size(sizes: Sizes, n: int) -> dict[str, Any] | None:
    return sizes.get(str(n))


def _build_ratio(sizes: Sizes) -> Figure | None:
    r = _size(sizes, 1000)
    if not r or r.get("ratio") is None:
        return None
    a, b = r["casebook_build"], r["reference_build"]
    return Figure(r["ratio"], f"{a['median_s']:.1f} s vs {b['median_s']:.1f} s = {r['ratio']:.2f}× "
                              f"(CPU {r['ratio_cpu']:.2f}×)")


def _build_growth(sizes: Sizes) -> Figure | None:
    small, large = (get(_size(sizes, n), "casebook_build") for n in (1000, 3000))
    if not small or not large:
        return None
    if "median_s" not in large:
        return Figure(math.inf, "the N = 3,000 build failed") if "median_s" in small else None
    factor = large["median_s"] / small["median_s"]
    return Figure(factor, f"{small['median_s']:.1f} s → {large['median_s']:.1f} s = {factor:.2f}×")


def _preview(r: dict[str, Any] | None) -> float | None:
    median = get(r, "preview", "median_s")
    return None if median is None else float(median)


def _preview_growth(sizes: Sizes) -> Figure | None:
    small, large = _preview(_size(sizes, 100)), _preview(_size(sizes, 3000))
    if small is None or get(_size(sizes, 3000), "preview") is None:
        return None
    if large is None:
        return Figure(math.inf, "no preview at N = 3,000 (see the JSON's error)")
    return Figure(large / small, f"{small:.2f} s → {large:.2f} s = {large / small:.1f}×")


def _preview_1000(sizes: Sizes) -> Figure | None:
    r = _size(sizes, 1000)
    if get(r, "preview") is None:
        return None
    median = _preview(r)
    if median is None:
        return Figure(math.inf, "no preview (see the JSON's error)")
    cpu = get(r, "preview", "edits_cpu_s") or []
    return Figure(median, f"{median:.2f} s median" + (f", CPU {sorted(cpu)[len(cpu) // 2]:.2f} s" if cpu else ""))


def _memory(n: int) -> Callable[[Sizes], Figure | None]:
    def figure(sizes: Sizes) -> Figure | None:
        build = get(_size(sizes, n), "casebook_build")
        if not build or build.get("tree_rss_mb") is None:
            return None
        text = f"{build['tree_rss_mb']:,.0f} MiB"
        if build.get("largest_name"):
            text += f" (largest process: {build['largest_name']} {build['largest_mb']:,.0f} MiB)"
        if "median_s" not in build:
            return Figure(math.inf, text + ", the build failed")
        return Figure(build["tree_rss_mb"], text)

    return figure


def _validation(sizes: Sizes) -> Figure | None:
    v = get(_size(sizes, 1000), "baseline_validation")
    if not v:
        return None
    return Figure(v["speedup"], f"{v['old_cases_per_s']:,} → {v['new_cases_per_s']:,} cases/s = "
                                f"{v['speedup']:.2f}× (median of {v['rounds']} rounds)")


def _kb(sizes: Sizes, n: int, keys: tuple[str, ...]) -> Figure | None:
    downloads = get(_size(sizes, n), "downloads")
    values = [get(downloads, key, "sent") for key in keys]
    if any(v is None for v in values):
        return None
    kb = [v / 1024 for v in values]
    if len(kb) == 1:
        return Figure(kb[0], f"{kb[0]:.0f} KB")
    return Figure(max(kb), ", ".join(f"{key.split('_')[-1]} {v:.0f} KB" for key, v in zip(keys, kb, strict=True)))


TARGETS: tuple[Target, ...] = (
    Target("build_ratio", "full build / plain Material at N = 1,000, wall (CPU)", "≤ 1.0×", 1.0, True,
           _build_ratio),
    Target("build_growth", "full build, N = 3,000 / N = 1,000", "≤ 3.3×", 3.3, True, _build_growth),
    Target("preview_growth", "edit-to-preview, N = 3,000 / N = 100", "≤ 1.5×", 1.5, True, _preview_growth),
    Target("preview_1000", "edit-to-preview at N = 1,000", "≤ 1 s", 1.0, True, _preview_1000),
    Target("memory_3000", "peak memory of the process tree, N = 3,000", "≤ 1 GiB", GIB, True, _memory(3000)),
    Target("memory_10000", "peak memory of the process tree, N = 10,000", "≤ 4 GiB", 4 * GIB, True,
           _memory(10000)),
    Target("validation", "validation (load_project, cold) vs the baseline, N = 1,000", "≥ 3×", 3.0, False,
           _validation),
    Target("first_search", "first search at N = 3,000", "≤ 250 KB each", 250, True,
           lambda s: _kb(s, 3000, ("search_da", "search_en"))),
    Target("facets", "browsing by facets without words at N = 3,000", "≤ 150 KB each", 150, True,
           lambda s: _kb(s, 3000, FACET_KEYS)),
    Target("case_first", "case page, first view, N = 1,000", "≤ 250 KB", 250, True,
           lambda s: _kb(s, 1000, ("case_first",))),
    Target("case_second", "case page, second view, N = 1,000", "≤ 60 KB", 60, True,
           lambda s: _kb(s, 1000, ("case_second",))),
)
BY_KEY = {t.key: t for t in TARGETS}
