"""Casebook's performance benchmark (issues 7 and 18): synthetic corpora of N cases, measured side by side.

Run it with one command from the project folder (it creates .venv and installs what it needs):

    make bench                                      # N = 100, 1,000 and 3,000 (takes a while)
    make bench BENCH_ARGS="--sizes 100,1000"        # other sizes; any option below works here
    .venv/bin/python -m benchmarks.bench --sizes 100 --repeats 1 --steps build,validate
    .venv/bin/python -m benchmarks.bench --sizes 1000 --steps validate,build,reference --baseline 25e382d
    .venv/bin/python -m benchmarks.bench --sizes 10000 --steps validate,build --no-lighthouse  # on request

For each N it writes a corpus (``benchmarks/corpus.py``, seeded, reused while unchanged) into
``benchmarks/.work/`` and measures:

a. Casebook's full ``mkdocs build`` (wall and CPU time; median of ``--repeats`` runs, cold: the
   built site and any ``.cache/`` of the corpus removed first; catalogue PDFs off unless ``--pdf``);
   per page built, per case, and the growth from the size before next to the growth of N;
b. the reference: plain mkdocs-material building the same stories as Markdown pages with a flat nav
   and Material's own search; the ratio a/b, in all and per page (each round of builds runs
   baseline, Casebook and reference one after the other, so all see the machine alike);
c. validation alone: ``load_project`` in a fresh process (best of 3 in it), cases per second, and the
   whole ``casebook validate`` command; with ``--baseline REV`` the same for that revision and this
   code in alternating rounds, and the speed-up (``benchmarks/baseline.py``);
d. edit-to-preview: ``mkdocs serve`` on a free port, then a new line appended to one case's ``index.da.md``
   and the case page fetched until it shows it (``--edits`` times);
e. bytes downloaded by headless Chromium from a static server with cache headers, each response as
   min(raw, gzip -6): a first search in Danish ("mentorer") and English ("mentoring"), browsing by two
   facets without words in each language, and a first and second case page in one browser;
f. peak memory of the build: the whole process tree (workers, their children and Pagefind; sampled from
   ``/proc`` every 0.1 s, ``benchmarks/proctree.py``), per program, and the largest process by name;
g. Lighthouse (default mobile settings) on each page type in both languages, served gzip-compressed:
   performance per page type, and the lowest accessibility, best-practices and SEO scores
   (``benchmarks/lighthouse.py``; ``--no-lighthouse`` skips it);
h. the impact page: the totals of every measure (overall, by year, theme and SDG) with their views, and
   ``ImpactPages(...).pages(lang)`` in both languages where it exists (``benchmarks/impact.py``).

``--profile`` also runs Casebook's build under cProfile at ``--profile-size`` (1,000) and summarises
where the time goes (``benchmarks/hotspots.py``). The table is printed at the end; the figures go to
``benchmarks/results/<timestamp>.json`` (and ``--json PATH``) so runs can be compared, with the machine,
the versions and issue 18's targets judged met or missed (``benchmarks/targets.py``);
``python -m benchmarks.report`` turns such a file into the Markdown of docs/performance.md. A step that
takes longer than ``--timeout`` seconds is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import signal
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from benchmarks import baseline, figures, hotspots, impact, lighthouse, machine, measure, proctree, targets
from benchmarks.corpus import ROOT, write_corpus, write_reference
from benchmarks.report import markdown_targets
from benchmarks.table import table

HERE = Path(__file__).resolve().parent
STEPS = ("validate", "build", "reference", "bytes", "preview", "lighthouse", "impact")
STARTED = time.perf_counter()


@dataclass(frozen=True)
class Options:
    sizes: list[int]
    repeats: int | None
    steps: tuple[str, ...]
    edits: int
    timeout: float
    seed: int
    work: Path
    json_path: Path | None
    pdf: bool
    profile: bool
    profile_size: int
    baseline: str | None = None  # --baseline REV
    baseline_steps: tuple[str, ...] = ("validate",)
    baseline_rounds: int = 3


def progress(message: str) -> None:
    elapsed = time.perf_counter() - STARTED
    print(f"[{elapsed:7.1f} s] {message}", file=sys.stderr, flush=True)  # noqa: T201


def _clean(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        if path.is_dir():
            shutil.rmtree(path)


def _runs(runs: list[measure.Run]) -> dict[str, Any]:
    ok = [r for r in runs if r.ok]
    result: dict[str, Any] = {
        "runs": len(runs), "failed": sum(r.returncode not in (0, None) for r in runs),
        "timed_out": sum(r.returncode is None for r in runs),
        "wall_s": [round(r.wall_s, 3) for r in ok], "cpu_s": [round(r.cpu_s, 3) for r in ok],
    }
    if ok:
        result |= {"median_s": round(statistics.median(r.wall_s for r in ok), 3),
                   "median_cpu_s": round(statistics.median(r.cpu_s for r in ok), 3),
                   "max_rss_mb": round(max(r.max_rss_mb for r in ok), 1)}
    if runs:  # the peaks of the run whose tree was largest, failed or not (a build that ran out of memory)
        peaks: dict[str, Any] = max((r.memory for r in runs), key=lambda m: m.get("tree_rss_mb", 0))
        result |= peaks
    if len(ok) < len(runs):
        result["log_tail"] = next(r.log for r in runs if not r.ok)[-1500:]
    return result


@dataclass(frozen=True)
class Build:
    """One kind of build measured at one N: which site, its config and the code that builds it."""

    label: str  # casebook, reference, baseline
    root: Path
    config: str = "mkdocs.yml"
    env: dict[str, str] | None = None


def _one_build(build: Build, n: int, number: int, repeats: int, options: Options) -> measure.Run:
    _clean(build.root, "site", "site.staging", "site.previous", ".cache")
    command = measure.mkdocs_command(build.root / build.config, "build", pdf=options.pdf)
    progress(f"N={n}: {build.label} build {number + 1}/{repeats} ...")
    run = measure.run_measured(command, build.root, options.timeout,
                               options.work / "logs" / f"{build.label}-{n}.log", build.env)
    state = "ok" if run.ok else ("TIMEOUT" if run.returncode is None else f"FAILED ({run.returncode})")
    progress(f"N={n}: {build.label} build {number + 1}/{repeats}: {state}, {run.wall_s:.1f} s "
             f"(CPU {run.cpu_s:.1f} s, tree {run.tree_rss_mb:.0f} MiB, largest process "
             f"{run.memory.get('largest_name')} {run.memory.get('largest_mb', 0):.0f} MiB)")
    return run


def _site_figures(root: Path) -> dict[str, Any]:
    site = root / "site"
    if not site.is_dir():
        return {}
    return {"pages": sum(1 for _ in site.rglob("index.html")),
            "site_mb": round(sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / proctree.MB, 1)}


def _builds(builds: list[Build], n: int, repeats: int, options: Options) -> dict[str, dict[str, Any]]:
    """``repeats`` cold builds of each, alternating (a, b, a, b, ...), so both see the machine alike;
    the last one's site is left in place."""
    runs: dict[str, list[measure.Run]] = {b.label: [] for b in builds}
    sites: dict[str, dict[str, Any]] = {}
    for number in range(repeats):
        for build in builds:
            if runs[build.label] and not runs[build.label][-1].ok:
                continue  # a build that failed once is not run again
            runs[build.label].append(_one_build(build, n, number, repeats, options))
            sites[build.label] = _site_figures(build.root)
    return {label: {**_runs(done), **sites.get(label, {})} for label, done in runs.items()}


def _corpus_figures(root: Path) -> dict[str, Any]:
    cases = [p for p in (root / "cases").iterdir() if p.is_dir()]
    words = {lang: sum(len((c / f"index.{lang}.md").read_text(encoding="utf-8").split())
                       for c in cases if (c / f"index.{lang}.md").is_file()) for lang in ("da", "en")}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    organisations = yaml.load((root / "content" / "organisations.yml").read_text(encoding="utf-8"), Loader=loader)
    return {"cases": len(cases), "organisations": len(organisations["organisations"]),
            "catalogues": sum(1 for p in (root / "content" / "catalogues").iterdir() if p.is_dir()),
            "images": sum(1 for _ in (root / "cases").glob("*/images/*")),
            "words_per_story_da": round(words["da"] / len(cases)),
            "words_per_story_en": round(words["en"] / sum((c / "index.en.md").is_file() for c in cases))}


def _case_pair(root: Path) -> tuple[str, str]:
    """Two case pages to view, both with an image (a typical case page)."""
    with_images = sorted(p.name for p in (root / "cases").iterdir() if (p / "images").is_dir())
    chosen = with_images or sorted(p.name for p in (root / "cases").iterdir() if p.is_dir())
    middle = len(chosen) // 2
    return f"cases/{chosen[middle]}/", f"cases/{chosen[(middle + 1) % len(chosen)]}/"


def _planned_builds(n: int, corpus: Path, options: Options) -> list[Build]:
    """The builds of this N, in the order each round runs them: baseline, Casebook, reference."""
    builds = []
    if "build" in options.steps and options.baseline and "build" in options.baseline_steps:
        old = baseline.unpack(options.baseline, options.work)
        config = baseline.write_config(old, corpus, n)
        builds.append(Build("baseline", corpus, config.name, old.env()))
    if {"build", "bytes", "lighthouse"} & set(options.steps):
        builds.append(Build("casebook", corpus))
    if "reference" in options.steps:
        builds.append(Build("reference", write_reference(corpus, options.work / f"reference-{n}")))
    return builds


def _validation(n: int, corpus: Path, options: Options) -> dict[str, Any]:
    """Step c: this code's validation, and with ``--baseline`` the baseline's and this code's in rounds."""
    progress(f"N={n}: validation ...")
    validation = measure.validate(corpus, 3, options.timeout)
    result: dict[str, Any] = {"validation": {**asdict(validation), "cases_per_s": round(validation.cases_per_s)}}
    progress(f"N={n}: validation: {min(validation.load_s):.2f} s, {validation.cases_per_s:.0f} cases/s, "
             f"{validation.errors} errors, {validation.warnings} warnings")
    if validation.errors:
        progress(f"N={n}: the corpus does not validate: {validation.first_problems}")
    if options.baseline and "validate" in options.baseline_steps:
        progress(f"N={n}: validation, baseline {options.baseline} and this code in {options.baseline_rounds} "
                 "alternating rounds ...")
        old = baseline.unpack(options.baseline, options.work)
        pair = result["baseline_validation"] = baseline.validation(old, corpus, options.baseline_rounds,
                                                                   options.timeout)
        progress(f"N={n}: validation: baseline {pair['old_cases_per_s']:,} cases/s, this code "
                 f"{pair['new_cases_per_s']:,} cases/s, speed-up {pair['speedup']:.2f}x (rounds: {pair['speedups']})")
    return result


def bench_size(n: int, options: Options) -> dict[str, Any]:
    """Every measurement for one N."""
    result: dict[str, Any] = {}
    repeats = options.repeats or (3 if n <= 1000 else 1)
    progress(f"N={n}: writing the corpus (seed {options.seed}) ...")
    started = time.perf_counter()
    corpus = write_corpus(options.work / f"corpus-{n}", n, options.seed, reuse=True)
    result["corpus"] = {**_corpus_figures(corpus), "write_s": round(time.perf_counter() - started, 2),
                        "path": str(corpus)}
    progress(f"N={n}: corpus ready: {result['corpus']}")
    if "validate" in options.steps:
        result |= _validation(n, corpus, options)
    if "impact" in options.steps:
        progress(f"N={n}: impact page ...")
        result["impact"] = impact.measure(corpus, 3, options.timeout)
        progress(f"N={n}: impact: {result['impact']}")
    builds = _planned_builds(n, corpus, options)
    if builds:
        build_repeats = repeats if {"build", "reference"} & set(options.steps) else 1
        result |= {f"{label}_build": done for label, done in _builds(builds, n, build_repeats, options).items()}
    if "reference" in options.steps:
        reference = options.work / f"reference-{n}"
        index = reference / "site" / "search" / "search_index.json"
        if index.is_file():
            data = index.read_bytes()
            result["reference_build"]["search_index_kb"] = round(len(gzip.compress(data, 6)) / 1024, 1)
        a, b = result.get("casebook_build", {}), result.get("reference_build", {})
        if "median_s" in a and "median_s" in b:
            result["ratio"] = round(a["median_s"] / b["median_s"], 2)
            result["ratio_cpu"] = round(a["median_cpu_s"] / b["median_cpu_s"], 2)
            progress(f"N={n}: Casebook / reference = {result['ratio']:.2f} (CPU time {result['ratio_cpu']:.2f})")
    if "bytes" in options.steps and (corpus / "site").is_dir():
        from benchmarks import pagebytes

        first, second = _case_pair(corpus)
        try:
            result["downloads"] = pagebytes.measure(corpus / "site", first, second, min(options.timeout, 300),
                                                    lambda m: progress(f"N={n}: bytes: {m}"))
            result["downloads"]["pages"] = {"first": first, "second": second}
        except Exception as error:  # a browser problem must not lose the other figures
            result["downloads"] = {"error": f"{type(error).__name__}: {error}"}
            progress(f"N={n}: bytes: failed: {error}")
    if "lighthouse" in options.steps and (corpus / "site").is_dir():
        result["lighthouse"] = lighthouse.measure(corpus / "site", _case_pair(corpus)[0],
                                                  options.work / "lighthouse" / str(n), options.timeout,
                                                  lambda m: progress(f"N={n}: lighthouse: {m}"))
    if "preview" in options.steps:
        slug = _case_pair(corpus)[0].split("/")[1]
        progress(f"N={n}: edit-to-preview: mkdocs serve, {options.edits} edits of cases/{slug}/index.da.md ...")
        preview = measure.edit_to_preview(corpus, slug, options.edits, options.timeout,
                                          options.work / "logs" / f"serve-{n}.log",
                                          lambda m: progress(f"N={n}: preview: {m}"))
        result["preview"] = preview.as_dict()
        if preview.edits_s:
            result["preview"]["median_s"] = round(statistics.median(preview.edits_s), 3)
        if preview.error:
            progress(f"N={n}: preview: {preview.error}")
    if options.profile and n == options.profile_size:
        result["profile"] = profile(n, corpus, options)
    return result


def profile(n: int, corpus: Path, options: Options) -> dict[str, Any]:
    """cProfile of Casebook's build at this N, summarised."""
    out = options.work / f"casebook-{n}.prof"
    _clean(corpus, "site", "site.staging", "site.previous", ".cache")
    progress(f"N={n}: profiling Casebook's build under cProfile ...")
    command = measure.mkdocs_command(corpus / "mkdocs.yml", "build", pdf=options.pdf, profile=out)
    run = measure.run_measured(command, corpus, options.timeout * 2, options.work / "logs" / f"profile-{n}.log")
    if not run.ok:
        return {"error": "the profiled build failed or timed out", "log_tail": run.log[-1500:]}
    summary = hotspots.summarise(out)
    text = hotspots.format_summary(summary)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    report = results / f"profile-{n}-{_stamp()}.txt"
    report.write_text(text, encoding="utf-8")
    progress(f"N={n}: profile summary written to {report.relative_to(ROOT)}")
    print(text, file=sys.stderr)  # noqa: T201
    return {**summary, "profile_file": str(out), "report": str(report)}


# --- running it -------------------------------------------------------------------------------


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def parse_args(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description="Casebook's performance benchmark (issue 7).",
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,3000", help="numbers of cases, comma-separated")
    parser.add_argument("--repeats", type=int, help="builds per N (default: 3 up to 1,000 cases, then 1)")
    parser.add_argument("--steps", default=",".join(STEPS), help=f"which measurements: {', '.join(STEPS)}")
    parser.add_argument("--no-lighthouse", action="store_true", help="leave out the lighthouse step")
    parser.add_argument("--edits", type=int, default=3, help="edits timed in the preview")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds any one step may take")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="where corpora and logs go")
    parser.add_argument("--json", type=Path, dest="json_path", help="also write the figures here")
    parser.add_argument("--pdf", action="store_true", help="let Casebook write catalogue PDFs (if installed)")
    parser.add_argument("--profile", action="store_true", help="profile Casebook's build at --profile-size")
    parser.add_argument("--profile-size", type=int, default=1000, help="N for --profile")
    parser.add_argument("--baseline", metavar="REV", help="also measure this git revision of Casebook, alternating "
                        "with this code (e.g. 25e382d; unpacked into --work)")
    parser.add_argument("--baseline-steps", default="validate",
                        help="what the baseline runs: validate, build (its builds alternate with this code's)")
    parser.add_argument("--baseline-rounds", type=int, default=3, help="alternating validation rounds")
    args = parser.parse_args(argv)
    steps = tuple(s.strip() for s in args.steps.split(",") if s.strip())
    if unknown := set(steps) - set(STEPS):
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    if args.no_lighthouse:
        steps = tuple(s for s in steps if s != "lighthouse")
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.profile and args.profile_size not in sizes:
        sizes.append(args.profile_size)
    baseline_steps = tuple(s.strip() for s in args.baseline_steps.split(",") if s.strip())
    if unknown := set(baseline_steps) - {"validate", "build"}:
        parser.error(f"unknown baseline steps: {', '.join(sorted(unknown))}")
    return Options(sorted(sizes), args.repeats, steps, args.edits, args.timeout, args.seed, args.work.resolve(),
                   args.json_path, args.pdf, args.profile, args.profile_size, args.baseline, baseline_steps,
                   args.baseline_rounds)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    # Stopped with SIGTERM, still end `mkdocs serve` and restore the edited story (the finally blocks).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    options.work.mkdir(parents=True, exist_ok=True)
    old = baseline.unpack(options.baseline, options.work).as_dict() if options.baseline else None
    report: dict[str, Any] = {"meta": machine.meta(asdict(options), old), "sizes": {}}
    results_dir = HERE / "results"
    results_dir.mkdir(exist_ok=True)
    out = results_dir / f"{_stamp()}.json"

    def save() -> None:
        figures.derive(report["sizes"])
        report["targets"] = [v.as_dict() for v in targets.verdicts(report["sizes"])]
        report["meta"]["load_average_at_end"] = os.getloadavg()
        text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
        for path in filter(None, (out, options.json_path)):
            path.write_text(text, encoding="utf-8")

    for n in options.sizes:
        report["sizes"][str(n)] = bench_size(n, options)
        save()  # after each N, so a long run that is stopped keeps what it measured
    report["table"] = table(options.sizes, report["sizes"])
    save()
    print(report["table"], end="")  # noqa: T201
    print("\n" + markdown_targets(report))  # noqa: T201
    print(f"\nFigures: {out.relative_to(ROOT)}" + (f" and {options.json_path}" if options.json_path else ""))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
