"""Casebook's performance benchmark (issue 7): synthetic corpora of N cases, measured side by side.

Run it with one command from the project folder (it creates .venv and installs what it needs):

    make bench                                      # N = 100, 1,000 and 3,000 (takes a while)
    make bench BENCH_ARGS="--sizes 100,1000"        # other sizes; any option below works here
    .venv/bin/python -m benchmarks.bench --sizes 100 --repeats 1 --steps build,validate

For each N it writes a corpus (``benchmarks/corpus.py``, seeded, reused while unchanged) into
``benchmarks/.work/`` and measures:

a. Casebook's full ``mkdocs build`` (wall and CPU time; median of ``--repeats`` runs, cold: the
   built site and any ``.cache/`` of the corpus removed first; catalogue PDFs off unless ``--pdf``);
b. the reference: plain mkdocs-material building the same stories as Markdown pages with a flat nav
   and Material's own search; the ratio a/b;
c. validation alone: ``load_project`` in process (best of 3), cases per second, and the whole
   ``casebook validate`` command;
d. edit-to-preview: ``mkdocs serve`` on a free port, then a new line appended to one case's ``index.da.md``
   and the case page fetched until it shows it (``--edits`` times);
e. bytes downloaded by headless Chromium from a static server with cache headers, each response as
   min(raw, gzip -6): a first search in Danish ("mentorer") and English ("mentoring"), browsing by two
   facets without words in each language, and a first and second case page in one browser;
f. peak memory of the build: the largest process (getrusage) and the whole process tree (sampled);
g. Lighthouse (default mobile settings) on each page type in both languages, served gzip-compressed:
   performance per page type, and the lowest accessibility, best-practices and SEO scores
   (``benchmarks/lighthouse.py``; ``--no-lighthouse`` skips it);
h. the impact page: the totals of every measure (overall, by year, theme and SDG) with their views, and
   ``ImpactPages(...).pages(lang)`` in both languages where it exists (``benchmarks/impact.py``).

``--profile`` also runs Casebook's build under cProfile at ``--profile-size`` (1,000) and summarises
where the time goes (``benchmarks/hotspots.py``). The table is printed at the end; the figures go to
``benchmarks/results/<timestamp>.json`` (and ``--json PATH``) so runs can be compared. A step that
takes longer than ``--timeout`` seconds is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from benchmarks import hotspots, impact, lighthouse, measure
from benchmarks.corpus import ROOT, write_corpus, write_reference

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
                   "max_rss_mb": round(max(r.max_rss_mb for r in ok), 1),
                   "tree_rss_mb": round(max(r.tree_rss_mb for r in ok), 1)}
    if len(ok) < len(runs):
        result["log_tail"] = next(r.log for r in runs if not r.ok)[-1500:]
    return result


def _build(label: str, n: int, root: Path, repeats: int, options: Options) -> dict[str, Any]:
    runs = []
    for number in range(repeats):
        _clean(root, "site", "site.staging", "site.previous", ".cache")
        command = measure.mkdocs_command(root / "mkdocs.yml", "build", pdf=options.pdf)
        progress(f"N={n}: {label} build {number + 1}/{repeats} ...")
        run = measure.run_measured(command, root, options.timeout, options.work / "logs" / f"{label}-{n}.log")
        runs.append(run)
        state = "ok" if run.ok else ("TIMEOUT" if run.returncode is None else f"FAILED ({run.returncode})")
        progress(f"N={n}: {label} build {number + 1}/{repeats}: {state}, {run.wall_s:.1f} s "
                 f"(CPU {run.cpu_s:.1f} s, largest process {run.max_rss_mb:.0f} MB, tree {run.tree_rss_mb:.0f} MB)")
        if not run.ok:
            break
    result = _runs(runs)
    site = root / "site"
    if site.is_dir():
        result["pages"] = sum(1 for _ in site.rglob("index.html"))
        result["site_mb"] = round(sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / measure.MB, 1)
    return result


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
        progress(f"N={n}: validation ...")
        validation = measure.validate(corpus, 3, options.timeout)
        result["validation"] = {**asdict(validation), "cases_per_s": round(validation.cases_per_s)}
        progress(f"N={n}: validation: {min(validation.load_s):.2f} s, {validation.cases_per_s:.0f} cases/s, "
                 f"{validation.errors} errors, {validation.warnings} warnings")
        if validation.errors:
            progress(f"N={n}: the corpus does not validate: {validation.first_problems}")
    if "impact" in options.steps:
        progress(f"N={n}: impact page ...")
        result["impact"] = impact.measure(corpus, 3, options.timeout)
        progress(f"N={n}: impact: {result['impact']}")
    if {"build", "bytes", "lighthouse"} & set(options.steps):
        result["casebook_build"] = _build("casebook", n, corpus, repeats if "build" in options.steps else 1,
                                          options)
    if "reference" in options.steps:
        reference = write_reference(corpus, options.work / f"reference-{n}")
        result["reference_build"] = _build("reference", n, reference, repeats, options)
        index = reference / "site" / "search" / "search_index.json"
        if index.is_file():
            data = index.read_bytes()
            result["reference_build"]["search_index_kb"] = round(len(gzip.compress(data, 6)) / 1024, 1)
        a, b = result.get("casebook_build", {}), result["reference_build"]
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


# --- the table ----------------------------------------------------------------------------------


def _get(result: dict[str, Any], *keys: str) -> Any:
    value: Any = result
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _fmt(value: Any, pattern: str = "{:.2f}") -> str:
    return "-" if value is None else pattern.format(value)


def _kb(value: Any) -> str:
    return "-" if value is None else f"{value / 1024:.0f}"


def _build_cell(build: dict[str, Any] | None) -> str:
    if not build:
        return "-"
    if "median_s" not in build:
        return "timeout" if build.get("timed_out") else "failed"
    return f"{build['median_s']:.1f} ({len(build['wall_s'])}x)"


Row = tuple[str, str, Callable[[dict[str, Any]], str]]


def _growth(growth: dict[str, Any] | None) -> str:
    return "-" if not growth else f"{growth['factor']:.2f}x N={growth['from']:,}"


def _rows() -> list[Row]:
    def preview(r: dict[str, Any]) -> str:
        edits = _get(r, "preview", "edits_s")
        if not edits:
            return "timeout" if _get(r, "preview", "timed_out") else "-"
        return f"{statistics.median(edits):.2f} (max {max(edits):.2f})"

    return [
        ("cases / pages built", "", lambda r: f"{_get(r, 'corpus', 'cases') or 0:,} / "
                                              f"{_fmt(_get(r, 'casebook_build', 'pages'), '{:,}')}"),
        ("words per story (da / en)", "~600", lambda r: f"{_get(r, 'corpus', 'words_per_story_da')} / "
                                                        f"{_get(r, 'corpus', 'words_per_story_en')}"),
        ("a. Casebook build, wall s (runs)", "", lambda r: _build_cell(r.get("casebook_build"))),
        ("   CPU s (incl. Pagefind)", "", lambda r: _fmt(_get(r, "casebook_build", "median_cpu_s"), "{:.1f}")),
        ("   growth from the size before", "<= 3.3x 1,000", lambda r: _growth(r.get("growth"))),
        ("b. reference (plain Material), wall s", "", lambda r: _build_cell(r.get("reference_build"))),
        ("   CPU s", "", lambda r: _fmt(_get(r, "reference_build", "median_cpu_s"), "{:.1f}")),
        ("   ratio a/b, wall (CPU)", "<= 1.0", lambda r: f"{_fmt(r.get('ratio'))} ({_fmt(r.get('ratio_cpu'))})"),
        ("c. validation, load_project s", "", lambda r: _fmt(
            min(_get(r, "validation", "load_s") or [float("nan")]) if _get(r, "validation") else None)),
        ("   cases per second", ">= 2,000", lambda r: _fmt(_get(r, "validation", "cases_per_s"), "{:,}")),
        ("   `casebook validate` command, s", "", lambda r: _fmt(_get(r, "validation", "cli_s"))),
        ("   problems (errors / warnings)", "0 / 0", lambda r: f"{_get(r, 'validation', 'errors')} / "
                                                            f"{_get(r, 'validation', 'warnings')}"),
        ("d. serve: first page served, s", "", lambda r: _fmt(_get(r, "preview", "startup_s"), "{:.1f}")),
        ("   edit-to-preview, median s", "<= 2", preview),
        ("   CPU s used per edit, median", "", lambda r: _fmt(
            statistics.median(_get(r, "preview", "edits_cpu_s") or [float("nan")]) if _get(r, "preview") else None)),
        ("e. first search da 'mentorer', KB", "<= 250", lambda r: _kb(_get(r, "downloads", "search_da", "sent"))),
        ("   of it Pagefind / after typing, KB", "", lambda r: f"{_kb(_get(r, 'downloads', 'search_da', 'by_category', 'pagefind'))} / {_kb(_get(r, 'downloads', 'search_da', 'query_sent'))}"),  # noqa: E501
        ("   first search en 'mentoring', KB", "<= 250", lambda r: _kb(_get(r, "downloads", "search_en", "sent"))),
        ("   of it Pagefind / after typing, KB", "", lambda r: f"{_kb(_get(r, 'downloads', 'search_en', 'by_category', 'pagefind'))} / {_kb(_get(r, 'downloads', 'search_en', 'query_sent'))}"),  # noqa: E501
        ("   facets without words da, KB", "<= 150", lambda r: _kb(_get(r, "downloads", "facets_da", "sent"))),
        ("   facets without words en, KB", "<= 150", lambda r: _kb(_get(r, "downloads", "facets_en", "sent"))),
        ("   case page, first view, KB", "<= 250", lambda r: _kb(_get(r, "downloads", "case_first", "sent"))),
        ("   case page, second view, KB", "<= 60", lambda r: _kb(_get(r, "downloads", "case_second", "sent"))),
        ("   reference: Material search index, KB", "", lambda r: _fmt(
            _get(r, "reference_build", "search_index_kb"), "{:.0f}")),
        ("f. peak memory, largest process MB", "<= 1024", lambda r: _fmt(
            _get(r, "casebook_build", "max_rss_mb"), "{:.0f}")),
        ("   whole process tree, MB", "", lambda r: _fmt(_get(r, "casebook_build", "tree_rss_mb"), "{:.0f}")),
        ("   reference, largest process MB", "", lambda r: _fmt(
            _get(r, "reference_build", "max_rss_mb"), "{:.0f}")),
        *lighthouse.rows(),
        *impact.rows(),
    ]


def table(sizes: list[int], results: dict[str, dict[str, Any]]) -> str:
    columns = [str(n) for n in sizes if str(n) in results]
    header = ["", "target", *(f"N={int(n):,}" for n in columns)]
    body = []
    for label, target, cell in _rows():
        values = []
        for n in columns:
            try:
                values.append(cell(results[n]))
            except (TypeError, KeyError, ValueError):
                values.append("-")
        body.append([label, target, *values])
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        return "  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in
                         enumerate(zip(row, widths, strict=True))).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, body)]) + "\n"


# --- running it -------------------------------------------------------------------------------


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _git(*args: str) -> str:
    result = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False)
    return result.stdout.strip()


def _meta(options: Options) -> dict[str, Any]:
    versions: dict[str, str | None] = {}
    for name in ("mkdocs", "mkdocs-material", "pagefind", "playwright", "casebook"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _git("rev-parse", "HEAD"),
        "uncommitted_changes": len(_git("status", "--porcelain").splitlines()),
        "python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg(), "versions": versions,
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(options).items()},
    }


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
    args = parser.parse_args(argv)
    steps = tuple(s.strip() for s in args.steps.split(",") if s.strip())
    if unknown := set(steps) - set(STEPS):
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    if args.no_lighthouse:
        steps = tuple(s for s in steps if s != "lighthouse")
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.profile and args.profile_size not in sizes:
        sizes.append(args.profile_size)
    return Options(sorted(sizes), args.repeats, steps, args.edits, args.timeout, args.seed, args.work.resolve(),
                   args.json_path, args.pdf, args.profile, args.profile_size)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    # Stopped with SIGTERM, still end `mkdocs serve` and restore the edited story (the finally blocks).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    options.work.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"meta": _meta(options), "sizes": {}}
    results_dir = HERE / "results"
    results_dir.mkdir(exist_ok=True)
    out = results_dir / f"{_stamp()}.json"

    def save() -> None:
        report["meta"]["load_average_at_end"] = os.getloadavg()
        text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
        for path in filter(None, (out, options.json_path)):
            path.write_text(text, encoding="utf-8")

    for n in options.sizes:
        result = bench_size(n, options)
        here = _get(result, "casebook_build", "median_s")
        before = [(m, r["casebook_build"]["median_s"]) for m, r in report["sizes"].items()
                  if _get(r, "casebook_build", "median_s")]
        if here and before:
            m, seconds = before[-1]
            result["growth"] = {"from": int(m), "factor": round(here / seconds, 2)}
        report["sizes"][str(n)] = result
        save()  # after each N, so a long run that is stopped keeps what it measured
    report["table"] = table(options.sizes, report["sizes"])
    save()
    print(report["table"], end="")  # noqa: T201
    print(f"\nFigures: {out.relative_to(ROOT)}" + (f" and {options.json_path}" if options.json_path else ""))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
