"""The reader of ``content/catalogues/``: one folder per idea catalogue, with ``catalogue.yml`` and
its longer introductions; the ideas of all catalogues, each id defined once."""

from __future__ import annotations

import re

from casebook.core.issues import Issue
from casebook.core.messages import msg
from casebook.load.documents import Document
from casebook.model.catalogue import Catalogue
from casebook.model.fields import SLUG_PATTERN
from casebook.project.entries import CATALOGUE_FILE, CatalogueEntry, IdeaEntry
from casebook.project.reading import Reader
from casebook.project.stories import read_stories, unexpected_files
from casebook.validate.references import duplicate_ids

CATALOGUES_DIR = "catalogues"  # in content/


def read_catalogues(reader: Reader) -> None:
    """Every catalogue into ``project.catalogues``, and its ideas into ``project.ideas``."""
    top = reader.project.content_dir / CATALOGUES_DIR
    if not top.is_dir():
        return
    first_file: dict[str, str] = {}  # idea id -> catalogue file that defines it first
    for folder in sorted(p for p in top.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not re.match(SLUG_PATTERN, folder.name):
            reader.issues.append(Issue(reader.rel(folder), 0, 0, "catalogue.slug",
                                       msg("folder name '{name}' is not a valid catalogue slug", name=folder.name),
                                       hint=msg("use lowercase letters a-z, digits and hyphens")))
            continue
        doc, catalogue = reader.checked(folder / CATALOGUE_FILE, Catalogue,
                                        msg("write the catalogue's title, intro and ideas in it"))
        intros, _ = read_stories(reader, folder)
        unexpected_files(reader, folder, CATALOGUE_FILE, msg("catalogue"))
        if doc is None or catalogue is None:
            continue
        reader.issues.extend(duplicate_ids(doc, catalogue.ideas, ("ideas",), "id", msg("idea")))
        _add_ideas(reader, folder.name, doc, catalogue, first_file)
        reader.project.catalogues[folder.name] = CatalogueEntry(folder.name, catalogue, doc, folder, intros)


def _add_ideas(reader: Reader, slug: str, doc: Document, catalogue: Catalogue, first_file: dict[str, str]) -> None:
    """The catalogue's ideas into ``project.ideas``, but for an id another catalogue defined first."""
    for i, idea in enumerate(catalogue.ideas):
        if idea.id in first_file and first_file[idea.id] != doc.path:
            reader.issues.append(doc.issue(("ideas", i, "id"), "ref.duplicate-id",
                                           msg("idea '{id}' is also defined in {first_file}",
                                               id=idea.id, first_file=first_file[idea.id]),
                                           msg("give each idea its own id")))
            continue
        first_file.setdefault(idea.id, doc.path)
        reader.project.ideas.setdefault(idea.id, IdeaEntry(slug, idea))
