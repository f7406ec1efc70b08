"""``--baseline REV``: an older revision of Casebook measured in the same run, alternating with this code.

The revision is unpacked with ``git archive`` into ``benchmarks/.work/baseline-<commit>/`` (reused while
there; the repository itself is not touched: no worktree, no checkout). Its code runs in fresh processes
with that folder alone on ``PYTHONPATH`` and as their working folder, so its ``casebook`` is the one
imported (the JSON records the module each process imported). Validation runs the same measurement as
step c, ``load_project`` cold in a fresh process, best of 3 in it, in rounds: baseline, this code;
this code, baseline; baseline, this code; ...; the speed-up is the median of the rounds' ratios, each
taken from two runs a few seconds apart, so a machine whose speed changes during the run still gives a
fair ratio.

With ``--baseline-steps validate,build`` the baseline also builds the corpus (with its own
``mkdocs.yml``, written by its own ``benchmarks/corpus.py`` as ``mkdocs.baseline.yml`` in the corpus),
each of its builds just before one of this code's, so the two a/b ratios can be shown side by side.
"""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import tarfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks import measure
from benchmarks.corpus import ROOT

MARKER = ".baseline-commit"
CONFIG = "mkdocs.baseline.yml"


@dataclass(frozen=True)
class Baseline:
    rev: str  # as given
    commit: str  # the full hash
    path: Path  # the unpacked revision

    def env(self) -> dict[str, str]:
        """The environment of a process that runs the baseline's code."""
        return {"PYTHONPATH": str(self.path)}

    def as_dict(self) -> dict[str, str]:
        return {"rev": self.rev, "commit": self.commit, "path": str(self.path)}


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, check=True)


def unpack(rev: str, work: Path) -> Baseline:
    """The revision ``rev`` of this repository as files in ``work`` (unpacked once per commit)."""
    try:
        commit = _git("rev-parse", "--verify", f"{rev}^{{commit}}").stdout.decode().strip()
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"--baseline {rev}: not a revision of {ROOT}: {error.stderr.decode().strip()}") from error
    path = work / f"baseline-{commit[:12]}"
    if (path / MARKER).is_file() and (path / MARKER).read_text(encoding="utf-8") == commit:
        return Baseline(rev, commit, path)
    path.mkdir(parents=True, exist_ok=True)
    archive = _git("archive", "--format=tar", commit).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(path, filter="data")
    (path / MARKER).write_text(commit, encoding="utf-8")
    return Baseline(rev, commit, path)


def write_config(baseline: Baseline, corpus: Path, n: int) -> Path:
    """``mkdocs.baseline.yml`` in ``corpus``: the baseline's own ``mkdocs.yml`` for the corpus, pointing at its
    ``overrides/`` and ``hooks/``, as the baseline's ``benchmarks/corpus.py`` writes it."""
    script = ("import sys; from benchmarks.corpus import project_config; "
              "sys.stdout.write(project_config(int(sys.argv[1])))")
    text = subprocess.run([sys.executable, "-c", script, str(n)], capture_output=True, text=True, check=True,
                          cwd=baseline.path, env={**os.environ, **baseline.env()}).stdout
    config = corpus / CONFIG
    config.write_text(text, encoding="utf-8")
    return config


def validation(baseline: Baseline, corpus: Path, rounds: int, timeout: float) -> dict[str, Any]:
    """Step c for the baseline and this code in alternating rounds; cases per second and the speed-up."""
    old: list[measure.Validation] = []
    new: list[measure.Validation] = []
    for number in range(rounds):
        # Which side goes first alternates too (baseline, this code; this code, baseline; ...), so a
        # machine growing busier or idler during a round favours neither.
        for side in (("old", "new") if number % 2 == 0 else ("new", "old")):
            if side == "old":
                old.append(measure.validate(corpus, 3, timeout, code=baseline.path, cli=False))
            else:
                new.append(measure.validate(corpus, 3, timeout, cli=False))
    return summarise(old, new)


def summarise(old: list[measure.Validation], new: list[measure.Validation]) -> dict[str, Any]:
    """The figures of alternating rounds: each side's median cases/s and the median of the rounds' ratios."""
    ratios = [b.cases_per_s / a.cases_per_s for a, b in zip(old, new, strict=True)]
    return {
        "rounds": len(ratios),
        "old_cases_per_s": round(statistics.median(v.cases_per_s for v in old)),
        "new_cases_per_s": round(statistics.median(v.cases_per_s for v in new)),
        "speedup": round(statistics.median(ratios), 2),
        "speedups": [round(r, 2) for r in ratios],
        "same_problems": all((a.errors, a.warnings) == (b.errors, b.warnings) for a, b in zip(old, new, strict=True)),
        "old": [asdict(v) for v in old], "new": [asdict(v) for v in new],
    }
