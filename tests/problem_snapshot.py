"""Every problem of every golden and hostile fixture, and a fingerprint of what each loads, as data.

The fixtures are the suites' own (tests/test_hostile.py, tests/test_validate_*.py, tests/test_characters.py,
tests/test_load.py, tests/test_schema.py, tests/test_images.py, the XSS payloads of tests/test_sanitize.py in
a story) and photos damaged in six ways, each applied to a fresh copy of tests/sites/minimal, and the
unchanged sample site. tests/data/problems.json holds what the code before the faster
validation (commit 25e382d) gave; tests/test_problems_unchanged.py compares the code of today against it.

Recording it again (only when a problem is meant to change)::

    PYTHONPATH=. .venv/bin/python tests/problem_snapshot.py tests/data/problems.json
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the suites' modules, when run as a script

from pydantic import BaseModel  # noqa: E402

from casebook.core.issues import Issue  # noqa: E402
from casebook.load.documents import Document, load_yaml  # noqa: E402
from casebook.load.files import LoadError  # noqa: E402
from casebook.project import load_project  # noqa: E402
from casebook.project.entries import Project  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "data" / "problems.json"
Change = Callable[[Path], None]


def site_fixtures() -> Iterator[tuple[str, Change]]:
    """(name, change to a fresh minimal site) for every fixture of the suites that load a site."""
    import test_characters
    import test_hostile
    import test_validate_case
    import test_validate_catalogue
    import test_validate_files
    import test_validate_measures
    from conftest import edit

    def edit_of(rel: str, old: str, new: str) -> Change:
        return lambda site: edit(site / rel, old, new)

    yield "minimal, unchanged", lambda site: None
    for change, _ in test_hostile.HOSTILE:
        yield f"hostile: {change.__name__}", change
    for change, _ in test_validate_files.RULES:
        yield f"files: {change.__name__}", change
    for name, old, new, _ in test_validate_case.RULES:
        yield f"case: {name}", edit_of(test_validate_case.CASE, old, new)
    for name, old, new, _ in test_validate_catalogue.RULES:
        yield f"catalogue: {name}", edit_of(test_validate_catalogue.CAT, old, new)
    for change, _ in test_characters.INVISIBLE:
        yield f"characters: {change.__name__}", change
    for name, change in test_validate_measures.SCENARIOS:
        yield f"measure: {name}", change
    yield from _more_site_fixtures(edit_of)


def _more_site_fixtures(edit_of: Callable[[str, str, str], Change]) -> Iterator[tuple[str, Change]]:
    """The schema suite's changes, the refused images, damaged photos and the XSS payloads in a story."""
    import test_images
    import test_sanitize
    import test_schema

    for what, rel, old, new in test_schema.CHANGES:
        if old is not None and new is not None:
            yield f"schema: {what}", edit_of(rel, old, new)
    for make, _ in test_images.REFUSED:
        yield f"image: {make.__name__}", _image(make)
    for label, fmt, options in PHOTOS:
        for damage in DAMAGES:
            yield f"damaged {label}: {damage.__name__}", _image(_damaged_photo(fmt, options, damage))
    for index, (payload, _) in enumerate(test_sanitize.PAYLOADS):
        yield f"xss {index}: {payload[:40]}", _story(payload)


def _image(make: Callable[[Path], str]) -> Change:
    import test_images

    def change(site: Path) -> None:
        alpha = site / "cases" / "alpha-workshop" / "case.yml"
        test_images.use_image(alpha, make(alpha.parent / "images"))
    return change


def _story(payload: str) -> Change:
    def change(site: Path) -> None:
        story = site / "cases" / "beta-mentors" / "index.da.md"
        story.write_text(story.read_text(encoding="utf-8") + "\n" + payload + "\n", encoding="utf-8")
    return change


def cut_at_90(raw: bytes) -> bytes:
    return raw[: len(raw) * 9 // 10]


def cut_at_10(raw: bytes) -> bytes:
    return raw[: len(raw) // 10]


def last_two_bytes_cut(raw: bytes) -> bytes:
    return raw[:-2]


def garbage_in_the_middle(raw: bytes) -> bytes:
    middle = len(raw) // 2
    return raw[:middle] + bytes(range(256)) * 4 + raw[middle + 1024:]


def zeros_in_the_middle(raw: bytes) -> bytes:
    middle = len(raw) // 2
    return raw[:middle] + bytes(512) + raw[middle + 512:]


def byte_flipped(raw: bytes) -> bytes:
    at = len(raw) * 2 // 3
    return raw[:at] + bytes([raw[at] ^ 0xFF]) + raw[at + 1:]


DAMAGES = (cut_at_90, cut_at_10, last_two_bytes_cut, garbage_in_the_middle, zeros_in_the_middle, byte_flipped)


# (label, format, how it is saved) of the photos that are damaged in each of those ways.
PHOTOS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("JPEG", "JPEG", {"quality": 85}), ("progressive JPEG", "JPEG", {"quality": 85, "progressive": True}),
    ("PNG", "PNG", {}),
)


def _damaged_photo(fmt: str, options: dict[str, Any], damage: Callable[[bytes], bytes]) -> Callable[[Path], str]:
    """A noisy photo (so that its data is large; the same noise each time), saved as ``fmt``, then damaged."""
    import random
    from io import BytesIO

    from PIL import Image

    def make(images: Path) -> str:
        size = (900, 600)
        photo = Image.frombytes("RGB", size, random.Random(18).randbytes(size[0] * size[1] * 3))
        buffer = BytesIO()
        photo.save(buffer, fmt, **options)
        name = "images/photo." + ("jpg" if fmt == "JPEG" else "png")
        (images.parent / name).write_bytes(damage(buffer.getvalue()))
        return name
    return make


def issue_record(issue: Issue, root: Path | None = None) -> dict[str, Any]:
    """Every field of ``issue``, with the folder the fixture ran in written as ``<root>``."""
    record = {f.name: getattr(issue, f.name) for f in dataclasses.fields(issue)}
    record["severity"] = issue.severity.value
    if root is not None:
        record = {k: v.replace(str(root), "<root>") if isinstance(v, str) else v for k, v in record.items()}
    return record


def plain(value: Any, root: Path) -> Any:
    """``value`` as JSON data: models dumped, dataclasses by field, paths relative to ``root``."""
    if isinstance(value, BaseModel):
        return plain(value.model_dump(mode="json"), root)
    if isinstance(value, Document):  # what it holds, however it keeps it
        return plain([value.path, value.data, value.value_positions, value.key_positions], root)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name), root) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return [[plain(k, root), plain(v, root)] for k, v in value.items()]
    if isinstance(value, list | tuple):
        return [plain(v, root) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(plain(v, root) for v in value)
    if isinstance(value, Path):
        return value.relative_to(root).as_posix() if value.is_relative_to(root) else value.as_posix()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def project_fingerprints(project: Project) -> dict[str, str]:
    """A digest of each part of what ``project`` loaded (its documents with every position included)."""
    parts = {
        **{name: getattr(project, name) for name in ("cases", "catalogues", "organisations", "taxonomy", "ideas",
                                                    "pages", "images",
                                                    "story_images", "page_images", "translations")},
    }
    root = project.root
    return {name: hashlib.sha256(json.dumps(plain(part, root), sort_keys=True, ensure_ascii=False,
                                            default=str).encode()).hexdigest()
            for name, part in parts.items()}


def project_record(root: Path) -> dict[str, Any]:
    """The problems of the project at ``root``, field by field, and the fingerprints of what it loaded."""
    project = load_project(root)
    return {"problems": [issue_record(i, project.root) for i in project.issues],
            "loaded": project_fingerprints(project)}


def yaml_records() -> Iterator[tuple[str, dict[str, Any]]]:
    """The problems of each YAML file of tests/test_load.py, and the positions of what loads."""
    import test_load

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.yml"
        for name, raw, _ in test_load.YAML_RULES:
            path.write_bytes(raw)
            try:
                doc = load_yaml(path, "case.yml")
            except LoadError as exc:
                yield f"yaml: {name}", {"problems": [issue_record(i) for i in exc.issues]}
                continue
            yield f"yaml: {name}", {"problems": [], "data": plain(doc.data, path),
                                    "values": plain(doc.value_positions, path),
                                    "keys": plain(doc.key_positions, path)}


def snapshot() -> dict[str, Any]:
    """Every fixture's record, by name."""
    from conftest import copy_site

    # Not the repository's own content: editors change it, and a story's edit must not fail the tests.
    records: dict[str, Any] = dict(yaml_records())
    with tempfile.TemporaryDirectory() as folder:
        for index, (name, change) in enumerate(site_fixtures()):
            site = copy_site("minimal", Path(folder) / f"site-{index}")
            change(site)
            assert name not in records, f"two fixtures are named {name!r}"
            records[name] = project_record(site)
    return records


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else SNAPSHOT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(snapshot(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
