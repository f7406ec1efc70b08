"""Step h: the impact page's build time, in a fresh Python process on the corpus.

Each repeat plans the site afresh (not timed), then times what the impact pages are made from in both
languages: the totals (``plan.index.impact``: overall, by year, theme and SDG) and their views
(``plan.shared.total_views``); and the pages themselves, ``ImpactPages(plan.shared).pages(lang)`` for
Danish and English, which includes the totals and draws the charts. Best of ``repeats``, wall and CPU time.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.measure import PYTHON

_SCRIPT = """
import json, sys, time
from pathlib import Path
from casebook.project import load_project
from casebook.site.pages.impact import ImpactPages
from casebook.site.plan import SitePlan
LANGS = ("da", "en")
project = load_project(Path(sys.argv[1]))
assert not project.errors, [i.format() for i in project.errors[:3]]
repeats = int(sys.argv[2])

def timed(work):
    walls, cpus = [], []
    for _ in range(repeats):
        plan = SitePlan(project)  # fresh: the totals are computed once per plan
        wall, cpu = time.perf_counter(), time.process_time()
        result = work(plan)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {"best_s": round(min(walls), 4), "best_cpu_s": round(min(cpus), 4),
            "wall_s": [round(w, 4) for w in walls]}, result

def totals(plan):
    impact = plan.index.impact
    groups = [*impact.by_year, *impact.by_theme, *impact.by_sdg]
    views = sum(len(plan.shared.total_views(totals, lang)) for lang in LANGS
                for totals in [impact.overall, *(g.totals for g in groups)])
    return {"measured_figures": sum(len(t.contributions) for t in impact.overall),
            "overall_totals": len(impact.overall), "groups": len(groups), "views": views}

report = {"cases": len(project.cases)}
report["totals"], report["figures"] = timed(totals)
pages, count = timed(lambda plan: sum(len(ImpactPages(plan.shared).pages(lang)) for lang in LANGS))
report["pages"] = {"pages": count, **pages}
print(json.dumps(report))
"""


def measure(root: Path, repeats: int, timeout: float) -> dict[str, Any]:
    """The impact figures' and pages' build time at ``root`` (best of ``repeats``)."""
    result = subprocess.run([PYTHON, "-c", _SCRIPT, str(root), str(repeats)], capture_output=True, text=True,
                            timeout=timeout, check=False)
    if result.returncode != 0:
        return {"error": result.stderr[-1500:]}
    data: dict[str, Any] = json.loads(result.stdout)
    return data


Row = tuple[str, str, Callable[[dict[str, Any]], str]]


def _get(result: dict[str, Any], *keys: str) -> Any:
    value: Any = result.get("impact")
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _seconds(value: Any) -> str:
    return "-" if value is None else f"{value:.3f}"


def rows() -> list[Row]:
    """The benchmark table's rows for step h."""
    return [
        ("h. impact pages (da+en), ImpactPages s", "", lambda r: _seconds(_get(r, "pages", "best_s"))),
        ("   totals + their views (da+en), s", "", lambda r: _seconds(_get(r, "totals", "best_s"))),
        ("   measured figures / totals / groups", "", lambda r: f"{_get(r, 'figures', 'measured_figures'):,} / "
                                                               f"{_get(r, 'figures', 'overall_totals')} / "
                                                               f"{_get(r, 'figures', 'groups')}"),
    ]
