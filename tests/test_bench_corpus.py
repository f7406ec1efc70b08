"""The benchmark's corpus at the sizes it is run at: the files that grow with the site stay loadable."""

from __future__ import annotations

from pathlib import Path

from benchmarks.corpus import write_corpus
from casebook.project import load_project


def test_translation_records_may_grow_past_one_megabyte(tmp_path: Path) -> None:
    """content/translations.yml grows with the site (1.6 MB at 10,000 cases) and is not refused as too large."""
    root = write_corpus(tmp_path / "corpus", 12)
    records = root / "content" / "translations.yml"
    records.write_text(records.read_text(encoding="utf-8") + "# " + "x" * 1_200_000 + "\n", encoding="utf-8")
    assert records.stat().st_size > 1_000_000
    project = load_project(root)
    assert [i.format() for i in project.errors] == []
