"""Atomic publish: build into a staging folder beside the site, and swap it in only when the
whole build succeeded. After any failure the published site is exactly as it was."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from casebook.core.issues import Issue
from casebook.core.languages import LANGUAGES
from casebook.core.messages import nmsg, translate


class Publisher:
    """Owns ``<site>.staging`` (the build's output) and the swap into ``<site>``. ``staging``: another
    folder to build into (the other languages' build, casebook/plugin/parallel.py: it never publishes)."""

    def __init__(self, site_dir: Path, staging: Path | None = None) -> None:
        self.site_dir = site_dir.resolve()
        # Beside the site, so the swap is a rename on one file system, not a copy.
        self.staging = (staging.resolve() if staging is not None
                        else self.site_dir.with_name(self.site_dir.name + ".staging"))
        self._previous = self.site_dir.with_name(self.site_dir.name + ".previous")

    def part(self, languages: tuple[str, ...]) -> Path:
        """Where the build of ``languages``' pages in another process writes them: beside the staging
        folder (on the same file system, so merging them moves files)."""
        return self.staging.with_name(f"{self.staging.name}-{'-'.join(languages)}")

    def merge(self, part: Path, skip: set[str]) -> int:
        """Move every file of ``part`` (a folder :meth:`part` named) into the staging folder, replacing
        what is there, but those of ``skip`` (site-relative: what this process writes itself); then
        remove ``part``. Returns how many files moved."""
        moved = 0
        for folder, _, files in os.walk(part):
            rel_folder = Path(folder).relative_to(part)
            target = self.staging / rel_folder
            for name in files:
                rel = (rel_folder / name).as_posix()
                if rel in skip:
                    continue
                target.mkdir(parents=True, exist_ok=True)
                os.replace(Path(folder) / name, target / name)
                moved += 1
        shutil.rmtree(part, ignore_errors=True)
        return moved

    def prepare(self, *, keep_existing: bool = False) -> Path:
        """An empty staging folder (a copy of the site for a dirty build); returns its path."""
        self.discard()
        if keep_existing and self.site_dir.is_dir():
            shutil.copytree(self.site_dir, self.staging, symlinks=True)
        else:
            self.staging.mkdir(parents=True)
        return self.staging

    def publish(self) -> None:
        """Swap the staging folder in; the old site is removed only after the new one is in place."""
        shutil.rmtree(self._previous, ignore_errors=True)
        if self.site_dir.exists():
            self.site_dir.rename(self._previous)
        self.staging.rename(self.site_dir)
        shutil.rmtree(self._previous, ignore_errors=True)

    def staged_files(self) -> set[str]:
        """Every file in the staging folder, site-relative."""
        return {(Path(folder) / name).relative_to(self.staging).as_posix()
                for folder, _, files in os.walk(self.staging) for name in files}

    def discard(self) -> None:
        """Forget a failed build's output."""
        shutil.rmtree(self.staging, ignore_errors=True)

    def publish_changes(self, unchanged: set[str], previous: set[str]) -> set[str]:
        """For the live preview, which renders only changed pages: move what the staging folder holds
        into the site, each file replaced in one step; then remove the files of ``previous`` (what
        the last publish left there, site-relative) that this build has neither made nor kept
        ``unchanged``. Returns every file of this build now in the site."""
        self.site_dir.mkdir(parents=True, exist_ok=True)
        outputs = set(unchanged)
        for folder, _, files in os.walk(self.staging):
            rel_folder = Path(folder).relative_to(self.staging)
            target = self.site_dir / rel_folder
            target.mkdir(parents=True, exist_ok=True)
            for name in files:
                os.replace(Path(folder) / name, target / name)
                outputs.add((rel_folder / name).as_posix())
        for rel in sorted(previous - outputs):  # a page or file that is no longer made
            (self.site_dir / rel).unlink(missing_ok=True)
        self.discard()
        return outputs


PROBLEMS_FILE = "casebook-problems.json"


def write_problems(site_dir: Path, problems: list[Issue]) -> None:
    """For the live preview: the problems its pages show in a banner (none after a good build), with the
    banner's title, in each language: a page shows them in its own."""
    banner = {lang: {"title": translate(nmsg("{n} problem: the preview shows the last good version.",
                                             "{n} problems: the preview shows the last good version.",
                                             len(problems)), lang),
                     "problems": [issue.format(lang) for issue in problems]}
              for lang in LANGUAGES} if problems else {}
    (site_dir / PROBLEMS_FILE).write_text(json.dumps(banner, ensure_ascii=False), encoding="utf-8")


def source_date_epoch(root: Path) -> str:
    """Seconds since 1970 of the last commit (0 outside git): the one date a build may print, so two
    builds of the same commit are byte-identical (MkDocs reads it from SOURCE_DATE_EPOCH)."""
    try:
        result = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                                capture_output=True, text=True, check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "0"
    stamp = result.stdout.strip()
    return stamp if result.returncode == 0 and stamp.isdigit() else "0"
