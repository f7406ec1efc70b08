"""Command line: ``casebook validate`` checks all content without building the site."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from casebook.issues import plural, summary
from casebook.project import load_project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="casebook", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every content file and report all problems")
    validate.add_argument("--root", type=Path, default=Path.cwd(),
                          help="project folder holding content/ and cases/ (default: current folder)")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    args = parser.parse_args(argv)
    return run_validate(args.root, strict=args.strict)


def run_validate(root: Path, *, strict: bool = False) -> int:
    started = time.perf_counter()
    project = load_project(root)
    elapsed = time.perf_counter() - started
    for issue in project.issues:
        print(issue.format())
    failed = bool(project.errors) or (strict and bool(project.warnings))
    stream = sys.stderr if failed else sys.stdout
    print(f"{summary(project.issues)} Checked {plural(len(project.cases), 'valid case')}, "
          f"{plural(len(project.organisations), 'organisation')} and {plural(len(project.pages), 'page')} "
          f"in {elapsed:.2f} s.", file=stream)
    return 1 if failed else 0
