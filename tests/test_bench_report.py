"""The benchmark's pure parts: growth and per-page figures, targets met or missed, the Markdown report,
and finding a process tree in a list of processes. No build runs here."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from benchmarks import baseline, figures, measure, report, table, targets
from benchmarks.proctree import Memory, Proc, kind, tree


def _build(wall: float, cpu: float, pages: int = 1000, tree_mb: float = 500.0) -> dict[str, Any]:
    return {"runs": 1, "wall_s": [wall], "cpu_s": [cpu], "median_s": wall, "median_cpu_s": cpu, "pages": pages,
            "tree_rss_mb": tree_mb, "largest_mb": tree_mb * 0.8, "largest_name": "pagefind"}


def _run() -> dict[str, Any]:
    """A run at N = 100, 1,000 and 3,000 with every figure a target reads."""
    sizes: dict[str, Any] = {
        "100": {"casebook_build": _build(2.0, 2.5, 400), "preview": {"median_s": 0.4, "edits_s": [0.4]}},
        "1000": {"casebook_build": _build(10.0, 12.0, 4000), "reference_build": _build(12.5, 12.0, 2000, 100),
                 "ratio": 0.8, "ratio_cpu": 1.0, "preview": {"median_s": 0.9, "edits_s": [0.9], "edits_cpu_s": [1.5]},
                 "baseline_validation": {"old_cases_per_s": 500, "new_cases_per_s": 1600, "speedup": 3.2,
                                         "rounds": 3},
                 "downloads": {"case_first": {"sent": 70 * 1024}, "case_second": {"sent": 61 * 1024}}},
        "3000": {"casebook_build": _build(31.0, 36.0, 12000, 1100.0), "preview": {"median_s": 0.5, "edits_s": [0.5]},
                 "downloads": {"search_da": {"sent": 240 * 1024}, "search_en": {"sent": 251 * 1024},
                               "facets_da": {"sent": 100 * 1024}, "facets_en": {"sent": 120 * 1024}}},
    }
    return sizes


def _states(sizes: dict[str, Any]) -> dict[str, str]:
    return {v.key: v.state for v in targets.verdicts(sizes)}


def test_growth_compares_time_with_the_number_of_cases() -> None:
    """Each N's growth is the build's time ratio to the size before, next to the ratio of N, and ms per case."""
    grown = figures.growth(_run())
    assert grown["100"] == {"ms_per_case": 20.0}
    assert grown["1000"] == {"ms_per_case": 10.0, "from": 100, "factor": 5.0, "n_factor": 10.0, "linearity": 0.5,
                             "cpu_factor": 4.8}
    assert grown["3000"]["factor"] == 3.1 and grown["3000"]["n_factor"] == 3.0
    assert grown["3000"]["linearity"] == 1.03


def test_growth_skips_a_size_whose_build_failed() -> None:
    """A size without a finished build has no growth, and the next size grows from the one before it."""
    sizes = _run()
    del sizes["1000"]["casebook_build"]["median_s"]
    grown = figures.growth(sizes)
    assert "1000" not in grown and grown["3000"]["from"] == 100


def test_per_page_times_both_sides() -> None:
    """derive() adds wall and CPU milliseconds per page to every build, and the per-page ratio."""
    sizes = _run()
    figures.derive(sizes)
    assert sizes["1000"]["casebook_build"]["per_page"] == {"wall_ms": 2.5, "cpu_ms": 3.0}
    assert sizes["1000"]["reference_build"]["per_page"] == {"wall_ms": 6.25, "cpu_ms": 6.0}
    assert sizes["1000"]["ratio_per_page"] == 0.4
    assert figures.per_page({"runs": 1, "pages": 10}) is None  # no finished run


def test_targets_met_and_missed_from_the_figures() -> None:
    """Every target is judged from the figures: below or above its limit, per language the worse one."""
    assert _states(_run()) == {
        "build_ratio": "met", "build_growth": "met", "preview_growth": "met", "preview_1000": "met",
        "memory_3000": "missed", "memory_10000": "not measured", "validation": "met",
        "first_search": "missed", "facets": "met", "case_first": "met", "case_second": "missed"}


def test_a_target_at_its_limit_is_met() -> None:
    """The limits are inclusive: 1.0x the reference and 3.0x the baseline are met."""
    sizes = _run()
    sizes["1000"]["ratio"] = 1.0
    sizes["1000"]["baseline_validation"]["speedup"] = 3.0
    states = _states(sizes)
    assert states["build_ratio"] == "met" and states["validation"] == "met"
    sizes["1000"]["baseline_validation"]["speedup"] = 2.99
    assert _states(sizes)["validation"] == "missed"


def test_a_failed_build_misses_its_memory_target() -> None:
    """A build that did not finish misses the memory target even if its peak was low (it may have been killed)."""
    sizes = _run()
    sizes["10000"] = {"casebook_build": {"runs": 1, "timed_out": 1, "tree_rss_mb": 900.0}}
    verdict = next(v for v in targets.verdicts(sizes) if v.key == "memory_10000")
    assert verdict.state == "missed" and verdict.figure == "900 MiB, the build failed"


def test_targets_without_their_sizes_are_not_measured() -> None:
    """A run at N = 100 alone leaves every target "not measured" rather than guessing."""
    sizes = {"100": _run()["100"]}
    assert set(_states(sizes).values()) == {"not measured"}


def test_the_figure_texts() -> None:
    """The targets table says the figures it judged, with both languages and both sides."""
    texts = {v.key: v.figure for v in targets.verdicts(_run())}
    assert texts["build_ratio"] == "10.0 s vs 12.5 s = 0.80× (CPU 1.00×)"
    assert texts["build_growth"] == "10.0 s → 31.0 s = 3.10×"
    assert texts["first_search"] == "da 240 KB, en 251 KB"
    assert texts["validation"] == "500 → 1,600 cases/s = 3.20× (median of 3 rounds)"
    assert texts["memory_3000"] == "1,100 MiB (largest process: pagefind 880 MiB)"


def test_markdown_targets_table() -> None:
    """report.markdown_targets gives a source line and one Markdown row per target with its verdict."""
    run = {"meta": {"commit": "0123456789abcdef", "machine": {"cpu_model": "AMD EPYC", "cores": 2, "memory_gib": 23.5,
                                                             "load_average": [1.04, 1.0, 1.0]},
                    "load_average_at_end": [2.0, 1.0, 1.0], "baseline": {"rev": "25e382d", "commit": "25e382d5aa"}},
           "sizes": _run()}
    text = report.markdown_targets(run, "`benchmarks/results/x.json`")
    lines = text.splitlines()
    assert lines[0] == ("Figures of `benchmarks/results/x.json`; commit 0123456; AMD EPYC, 2 cores, 23.5 GiB; "
                        "load average 1.0 at the start, 2.0 at the end; baseline 25e382d (25e382d).")
    assert lines[2:4] == ["| figure | target | measured | |", "| --- | --- | --- | --- |"]
    assert lines[4] == ("| full build / plain Material at N = 1,000, wall (CPU) | ≤ 1.0× | "
                        "10.0 s vs 12.5 s = 0.80× (CPU 1.00×) | met |")
    assert len(lines) == 4 + len(targets.TARGETS)


def test_sizes_of_several_runs_are_put_together() -> None:
    """report.merge takes each figure of a size from the last run that has it, and the first run's meta."""
    first = {"meta": {"commit": "a"}, "sizes": {"100": {"x": 1}, "1000": {"x": 1, "y": 1}}}
    second = {"meta": {"commit": "b"}, "sizes": {"1000": {"x": 2}, "10000": {"x": 2}}}
    assert report.merge([first, second]) == {"meta": {"commit": "a"}, "sizes": {
        "100": {"x": 1}, "1000": {"x": 2, "y": 1}, "10000": {"x": 2}}}


def test_markdown_of_every_figure() -> None:
    """report.markdown_all has a column per N and the verdict column, and keeps sub-rows visible."""
    text = report.markdown_all({"sizes": _run()})
    lines = text.splitlines()
    assert lines[0] == "|  | target | N=100 | N=1,000 | N=3,000 | met? |"
    ratio = next(line for line in lines if "ratio a/b, wall" in line)
    assert ratio == "| – ratio a/b, wall (CPU) | ≤ 1.0 at 1,000 | - | 0.80 (1.00) | - | met |"


def test_the_plain_table_leaves_out_rows_without_figures() -> None:
    """Rows no step measured (Lighthouse, here) are left out; rows with a target always stay."""
    text = table.table([100], {"100": {"corpus": {"cases": 100}}})
    assert "Lighthouse" not in text and "ratio a/b, wall (CPU)" in text


def test_update_replaces_between_the_markers(tmp_path: Path) -> None:
    """--update writes the block between the markers and keeps the rest of the document."""
    doc = tmp_path / "performance.md"
    doc.write_text(f"Before.\n\n{report.START}\nold table\n{report.END}\n\nAfter.\n", encoding="utf-8")
    report.update(doc, "| new |\n")
    assert doc.read_text(encoding="utf-8") == f"Before.\n\n{report.START}\n| new |\n{report.END}\n\nAfter.\n"
    doc.write_text("no markers\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        report.update(doc, "x")


def test_the_docs_have_the_markers() -> None:
    """docs/performance.md has the place report.py --update writes to."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "performance.md").read_text(encoding="utf-8")
    assert text.count(report.START) == 1 and text.count(report.END) == 1


def test_report_reads_a_saved_run_without_changing_it() -> None:
    """The verdicts depend on the figures alone: judging a copy twice gives the same answer."""
    sizes = _run()
    first = [v.as_dict() for v in targets.verdicts(copy.deepcopy(sizes))]
    figures.derive(sizes)
    assert [v.as_dict() for v in targets.verdicts(sizes)] == first


def _proc(pid: int, ppid: int, session: int, name: str, mb: int) -> Proc:
    return Proc(pid, ppid, session, name, mb * 1024 * 1024, 0.0)


def test_the_tree_has_children_of_children_and_orphans_of_the_session() -> None:
    """A grandchild (a worker's Pagefind) and a process handed to init but still in the session are counted."""
    procs = [_proc(1, 0, 1, "init", 1), _proc(100, 1, 100, "python3.11", 300), _proc(101, 100, 100, "python3.11", 200),
             _proc(102, 101, 100, "pagefind_extend", 900), _proc(103, 1, 100, "pagefind_extend", 50),
             _proc(200, 1, 200, "bash", 5), _proc(201, 200, 200, "python3", 400)]
    assert [p.pid for p in tree(100, procs)] == [100, 101, 102, 103]
    assert [kind(p.name) for p in tree(100, procs)] == ["python", "python", "pagefind", "pagefind"]


def test_memory_peaks_per_program(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tree's peak is the largest sum at one moment; per program likewise; the largest process by name."""
    samples = iter([[_proc(100, 1, 100, "python3", 300), _proc(101, 100, 100, "pagefind", 600)],
                    [_proc(100, 1, 100, "python3", 500), _proc(102, 100, 100, "python3", 200)]])
    monkeypatch.setattr("benchmarks.proctree.tree", lambda root: next(samples))
    monkeypatch.setattr("benchmarks.proctree.peak_rss", lambda pid: 0)
    memory = Memory()
    memory.sample(100)
    memory.sample(100)
    assert memory.as_dict() == {"tree_rss_mb": 900.0, "largest_mb": 600.0, "largest_name": "pagefind",
                                "processes": 2, "by_program_mb": {"pagefind": 600.0, "python": 700.0}}


def test_baseline_summary_takes_the_median_of_the_rounds() -> None:
    """The speed-up is the median of each round's ratio, not the ratio of the medians."""
    def run(seconds: float) -> measure.Validation:
        return measure.Validation([seconds, seconds * 2], None, 1000, 0, 0)

    summary = baseline.summarise([run(2.0), run(1.0), run(4.0)], [run(0.5), run(0.5), run(1.0)])
    assert summary["speedups"] == [4.0, 2.0, 4.0] and summary["speedup"] == 4.0
    assert (summary["old_cases_per_s"], summary["new_cases_per_s"]) == (500, 2000)
    assert summary["same_problems"] is True


def test_memory_between_discoveries_reads_the_known_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without discovery only the processes found last time are read again; one that ended drops out."""
    monkeypatch.setattr("benchmarks.proctree.tree", lambda root: [_proc(100, 1, 100, "python3", 300),
                                                                  _proc(101, 100, 100, "pagefind", 100)])
    monkeypatch.setattr("benchmarks.proctree.peak_rss", lambda pid: 0)
    later = {100: _proc(100, 1, 100, "python3", 350), 101: None}
    monkeypatch.setattr("benchmarks.proctree._stat", lambda pid: later[pid])
    memory = Memory()
    memory.sample(100)
    memory.sample(100, discover=False)
    assert memory.tree == 400 * 1024 * 1024 and memory.by_kind["python"] == 350 * 1024 * 1024
