"""The readers of what cases and ideas refer to: ``content/organisations.yml`` and ``content/taxonomy.yml``."""

from __future__ import annotations

from casebook.core.messages import msg
from casebook.load.documents import Document
from casebook.load.files import MAX_REGISTRY_BYTES
from casebook.model.registry import OrganisationsFile, Taxonomy
from casebook.project.reading import Reader
from casebook.validate.references import duplicate_ids

ORGANISATIONS_FILE = "organisations.yml"  # in content/
TAXONOMY_FILE = "taxonomy.yml"  # in content/


def read_organisations(reader: Reader) -> tuple[Document, OrganisationsFile] | None:
    """The organisations into ``project.organisations``; the file as read, or None when it failed
    (then the checks against organisations wait)."""
    doc, parsed = reader.checked(reader.project.content_dir / ORGANISATIONS_FILE, OrganisationsFile,
                                 limit=MAX_REGISTRY_BYTES)
    if doc is None or parsed is None:
        return None
    reader.issues.extend(duplicate_ids(doc, parsed.organisations, ("organisations",), "id", msg("organisation")))
    reader.project.organisations = {o.id: o for o in parsed.organisations}
    return doc, parsed


def read_taxonomy(reader: Reader) -> None:
    """The taxonomy into ``project.taxonomy``, each id defined once and all 17 goals listed."""
    doc, parsed = reader.checked(reader.project.content_dir / TAXONOMY_FILE, Taxonomy)
    if doc is None or parsed is None:
        return
    for vocabulary in Taxonomy.model_fields:  # every list the model declares, costs and efforts included
        terms = getattr(parsed, vocabulary)
        if vocabulary == "sdgs":
            reader.issues.extend(duplicate_ids(doc, terms, (vocabulary,), "number", msg("SDG")))
        else:
            reader.issues.extend(duplicate_ids(doc, terms, (vocabulary,), "id", msg("term")))
    missing = sorted(set(range(1, 18)) - {s.number for s in parsed.sdgs})
    if missing:
        reader.issues.append(doc.issue(("sdgs",), "taxonomy.sdgs-incomplete",
                                       msg("SDG {missing} is missing", missing=missing[0]) if len(missing) == 1 else
                                       msg("SDGs {items} are missing", items=', '.join(map(str, missing))),
                                       msg("list all 17 goals with their Danish and English names")))
    reader.project.taxonomy = parsed
