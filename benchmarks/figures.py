"""Figures the benchmark derives from what it measured: growth with N, time per page. Pure functions of
the JSON's ``sizes`` (``{"1000": {...}, ...}``), so the report can compute them again from a saved run.
"""

from __future__ import annotations

from typing import Any

Sizes = dict[str, dict[str, Any]]


def get(result: Any, *keys: str) -> Any:
    """``result[k1][k2]...``, or None where a key is missing."""
    value = result
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def growth(sizes: Sizes) -> dict[str, dict[str, Any]]:
    """For each N with a Casebook build, the growth from the size measured before it.

    ``factor`` is how many times longer the build took (wall; ``cpu_factor`` the same in CPU time),
    ``n_factor`` how many times more cases, ``linearity`` their quotient (1.0: time grows as N;
    above 1: faster than N), ``ms_per_case`` the build's wall time per case.
    """
    result: dict[str, dict[str, Any]] = {}
    before: tuple[int, float, float] | None = None
    for key in sorted(sizes, key=int):
        wall, cpu = get(sizes[key], "casebook_build", "median_s"), get(sizes[key], "casebook_build", "median_cpu_s")
        if not wall:
            continue
        n = int(key)
        figures: dict[str, Any] = {"ms_per_case": round(1000 * wall / n, 2)}
        if before is not None:
            m, wall_m, cpu_m = before
            figures |= {"from": m, "factor": round(wall / wall_m, 2), "n_factor": round(n / m, 2),
                        "linearity": round((wall / wall_m) / (n / m), 2)}
            if cpu and cpu_m:
                figures["cpu_factor"] = round(cpu / cpu_m, 2)
        result[key] = figures
        before = (n, wall, cpu)
    return result


def per_page(build: dict[str, Any] | None) -> dict[str, float] | None:
    """A build's median wall and CPU time divided by the pages it built, in milliseconds."""
    if not build or not build.get("pages") or "median_s" not in build:
        return None
    return {"wall_ms": round(1000 * build["median_s"] / build["pages"], 3),
            "cpu_ms": round(1000 * build["median_cpu_s"] / build["pages"], 3)}


def derive(sizes: Sizes) -> None:
    """Add the derived figures to each N's result in place: ``growth`` and each build's ``per_page``."""
    grown = growth(sizes)
    for key, result in sizes.items():
        if key in grown:
            result["growth"] = grown[key]
        for name in ("casebook_build", "reference_build", "baseline_build"):
            if (figures := per_page(result.get(name))) is not None:
                result[name]["per_page"] = figures
        a, b = get(result, "casebook_build", "per_page"), get(result, "reference_build", "per_page")
        if a and b:
            result["ratio_per_page"] = round(a["wall_ms"] / b["wall_ms"], 2)
