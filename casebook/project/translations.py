"""Translation status: which texts exist in which language, and which translations are out of date.

Staff write Danish first and translate later. When a translation is done, ``casebook translated
<name> en`` records in ``content/translations.yml`` the fingerprint of the source text it was made
from. When the source changes afterwards, its fingerprint no longer matches and the translation is
*outdated*: ``casebook status`` says so, and the site shows a discreet notice on the translated page
linking to the current original. A missing or outdated translation never fails a build unless asked
(``casebook validate --translations``, or ``extra: {casebook: {require_translations: true}}`` in
``mkdocs.yml`` together with ``mkdocs build --strict``).

The texts tracked are the stories (``cases/<slug>/index.<lang>.md``), the hand-written pages
(``content/<name>.<lang>.md``) and the catalogue introductions
(``content/catalogues/<slug>/index.<lang>.md``).
Short texts in YAML (titles, summaries) are required in both languages by the content model.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from casebook.core.issues import Issue, Severity
from casebook.core.messages import msg
from casebook.model.fields import doc

RECORD_FILE = "translations.yml"  # in content/
HEADER = ("# Written by `casebook translated`: the version of its source each translation was made from.\n"
          "# `casebook status` compares these fingerprints with the sources as they are now.\n")


class State(Enum):
    ORIGINAL = "original"  # the text the others are translated from
    CURRENT = "current"  # translated from the source as it is now
    OUTDATED = "outdated"  # the source changed after the translation was recorded
    UNRECORDED = "unrecorded"  # exists, but nobody recorded what it was translated from
    MISSING = "missing"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    file: Annotated[str, StringConstraints(min_length=1)] = doc(
        "The translation, relative to the project.", "Oversættelsen, relativt til projektet.")
    source: Annotated[str, StringConstraints(min_length=1)] = doc(
        "The text it was translated from.", "Teksten, den er oversat fra.")
    fingerprint: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")] = doc(
        "Fingerprint of the source when the translation was made.",
        "Kildens fingeraftryk, da oversættelsen blev lavet.")


class RecordsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    translations: list[Record] = doc("One entry per translation.", "Ét punkt pr. oversættelse.",
                                     default_factory=list)


@dataclass
class Unit:
    """A text that exists in one or more languages: a story, a page or a catalogue introduction."""

    kind: str  # "case", "page", "catalogue"
    name: str  # slug or page name
    texts: dict[str, str]  # language -> the text of the file that exists
    paths: dict[str, str]  # language -> project-relative path (existing or not)
    states: dict[str, State] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # translated language -> source language


@functools.lru_cache(maxsize=8192)  # every build checks every translation's source again
def fingerprint(text: str) -> str:
    """A short hash of a text that ignores trailing spaces, line endings and Unicode normal form."""
    normal = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    lines = [line.rstrip() for line in normal.split("\n")]
    cleaned = "\n".join(lines).strip("\n")
    return hashlib.sha256(cleaned.encode("utf-8")).hexdigest()[:16]


def assess(units: list[Unit], records: dict[str, Record], languages: tuple[str, ...]) -> None:
    """Fill in each unit's states. ``records`` by translation path."""
    texts = {unit.paths[lang]: text for unit in units for lang, text in unit.texts.items()}
    for unit in units:
        present = [lang for lang in languages if lang in unit.texts]
        for lang in languages:
            if lang not in present:
                unit.states[lang] = State.MISSING
        if not present:
            continue
        recorded = {lang: records[unit.paths[lang]] for lang in present if unit.paths[lang] in records}
        # Without records, the first language present (Danish) is taken as the original.
        originals = [lang for lang in present if lang not in recorded] if recorded else present[:1]
        originals = originals or present[:1]
        for lang in present:
            if lang in originals:
                unit.states[lang] = State.ORIGINAL
                continue
            record = recorded.get(lang)
            if record is None:
                unit.states[lang] = State.UNRECORDED
                unit.sources[lang] = originals[0]
                continue
            source_lang = next((lg for lg, p in unit.paths.items() if p == record.source), originals[0])
            unit.sources[lang] = source_lang
            source = texts.get(record.source)
            current = source is not None and fingerprint(source) == record.fingerprint
            unit.states[lang] = State.CURRENT if current else State.OUTDATED


def outdated(unit: Unit) -> dict[str, str]:
    """Translated language -> language of the original it is behind."""
    return {lang: unit.sources[lang] for lang, state in unit.states.items() if state is State.OUTDATED}


def write_records(path: Path, records: dict[str, Record]) -> None:
    """Write ``records`` (by translation path) to ``path``, sorted, with the explaining header."""
    lines = [HEADER, "translations:\n"]
    for key in sorted(records):
        record = records[key]
        lines.append(f"  - file: {record.file}\n    source: {record.source}\n"
                     f"    fingerprint: \"{record.fingerprint}\"\n")
    if not records:
        lines[-1] = "translations: []\n"
    path.write_text("".join(lines), encoding="utf-8")



LANGUAGE_NAMES = {"da": msg("Danish"), "en": msg("English")}
STATE_NAMES = {State.ORIGINAL: msg("original"), State.CURRENT: msg("up to date"), State.OUTDATED: msg("outdated"),
               State.UNRECORDED: msg("not recorded"), State.MISSING: msg("missing")}


def command_name(unit: Unit) -> str:
    """How `casebook translated` names the unit: the slug or page name, with its kind if needed."""
    return unit.name if unit.kind == "case" else f"{unit.kind}:{unit.name}"


def translation_issues(units: list[Unit], severity: Severity) -> list[Issue]:
    """Missing and outdated translations as problems (for strict checks; never on by default)."""
    issues = []
    for unit in units:
        for lang, state in unit.states.items():
            name = command_name(unit)
            if state is State.MISSING and any(s is not State.MISSING for s in unit.states.values()):
                issues.append(Issue(unit.paths[lang], 0, 0, "translation.missing",
                                    msg("the {language} text is missing", language=LANGUAGE_NAMES[lang]),
                                    hint=msg("write it, then run: casebook translated {name} {lang}",
                                             name=name, lang=lang), severity=severity))
            elif state is State.OUTDATED:
                source = unit.paths[unit.sources[lang]]
                issues.append(Issue(unit.paths[lang], 0, 0, "translation.outdated",
                                    msg("the translation is outdated: {source} has changed since it was made",
                                        source=source),
                                    hint=msg("bring it up to date, then run: casebook translated {name} {lang}",
                                             name=name, lang=lang), severity=severity))
    return issues
