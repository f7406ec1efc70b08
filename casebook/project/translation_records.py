"""The reader of ``content/translations.yml`` (what each translation was made from), and the texts
whose translation status it gives: stories, catalogue introductions and pages.

A record names a story by its path. Stories were renamed (``da.md`` became ``index.da.md``): a record
that names a story under the other name than the one it has now is read as naming the story, so
records written before the rename (or after, for a story not yet renamed) keep working; the next
``casebook translated`` or ``casebook migrate`` writes them with the current names.
"""

from __future__ import annotations

from pathlib import Path

from casebook.core.issues import Severity
from casebook.core.languages import LANGUAGES
from casebook.core.messages import msg
from casebook.load.files import MAX_REGISTRY_BYTES
from casebook.project.catalogues import CATALOGUES_DIR
from casebook.project.entries import old_story_file, story_file
from casebook.project.reading import Reader
from casebook.project.stories import story_path
from casebook.project.translations import RECORD_FILE, RecordsFile, Unit, assess


def read_translations(reader: Reader) -> None:
    """Which texts exist in which language, and whether each translation is up to date."""
    project = reader.project
    _read_records(reader)
    units = _units(reader)
    # The texts were read once already; fingerprints are taken from them, not from the disk again.
    assess(units, project.translation_records, LANGUAGES)
    project.translations = units


def _read_records(reader: Reader) -> None:
    """``project.translation_records``, with a warning for each recorded file that does not exist."""
    project = reader.project
    path = project.content_dir / RECORD_FILE
    if not path.is_file():
        return
    doc, parsed = reader.checked(path, RecordsFile, limit=MAX_REGISTRY_BYTES)  # it grows with the site
    if doc is None or parsed is None:
        return
    records = []
    for i, record in enumerate(parsed.translations):
        paths = {}
        for attr in ("file", "source"):
            recorded = project.root / getattr(record, attr)
            if recorded.name not in reader.files(recorded.parent):
                renamed = _story_renamed(reader, recorded)
                if renamed is not None:
                    paths[attr] = reader.rel(renamed)
                    continue
                reader.issues.append(doc.issue(("translations", i, attr), "translation.no-file",
                                               msg("'{file}' does not exist", file=getattr(record, attr)),
                                               msg("remove the entry, or correct the path"),
                                               severity=Severity.WARNING))
        records.append(record.model_copy(update=paths) if paths else record)
    project.translation_records = {r.file: r for r in records}


def _story_renamed(reader: Reader, recorded: Path) -> Path | None:
    """The story a missing ``recorded`` path names under its other name (old or new), if it exists."""
    project = reader.project
    if recorded.parent.parent not in (project.cases_dir, project.content_dir / CATALOGUES_DIR):
        return None  # only stories were renamed; content/index.da.md is a page
    for lang in LANGUAGES:
        names = (story_file(lang), old_story_file(lang))
        if recorded.name in names:
            other = recorded.with_name(names[1] if recorded.name == names[0] else names[0])
            return other if other.name in reader.files(other.parent) else None
    return None


def _units(reader: Reader) -> list[Unit]:
    """Each text in its languages: the stories of the cases, the catalogues' introductions, the pages."""
    project = reader.project
    units: list[Unit] = []
    for slug, entry in project.cases.items():
        paths = {lang: reader.rel(story_path(reader, entry.folder, lang)) for lang in LANGUAGES}
        units.append(Unit("case", slug, {lang: s.text for lang, s in entry.stories.items()}, paths))
    for slug, catalogue in project.catalogues.items():
        paths = {lang: reader.rel(story_path(reader, catalogue.folder, lang)) for lang in LANGUAGES}
        units.append(Unit("catalogue", slug, {lang: s.text for lang, s in catalogue.intros.items()}, paths))
    for name in sorted({page.name for page in project.pages}):
        paths = {lang: reader.rel(project.content_dir / f"{name}.{lang}.md") for lang in LANGUAGES}
        texts = {page.lang: page.text for page in project.pages if page.name == name}
        units.append(Unit("page", name, texts, paths))
    return units
