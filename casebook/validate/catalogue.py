"""The rules of one idea catalogue beyond its schema: every idea shows an example case and does not
refer to itself, and names each id once.

Which ids an idea refers to is checked by :mod:`casebook.validate.references`.
"""

from __future__ import annotations

from collections.abc import Iterator

from casebook.core.issues import Issue, Severity
from casebook.core.messages import msg
from casebook.load.documents import Document
from casebook.model.catalogue import Catalogue
from casebook.validate.references import repeated_references


def check_catalogue(catalogue: Catalogue, doc: Document) -> Iterator[Issue]:
    """Problems of one catalogue's ideas."""
    for n, idea in enumerate(catalogue.ideas):
        if not idea.examples:
            yield doc.issue(("ideas", n, "id"), "catalogue.no-example",
                            msg("idea '{id}' has no example case", id=idea.id),
                            msg("add the slugs of cases that show it under examples"), severity=Severity.WARNING)
        for i, other in enumerate(idea.see_also):
            if other == idea.id:
                yield doc.issue(("ideas", n, "see_also", i), "ref.related-self", msg("an idea cannot refer to itself"),
                                msg("remove this entry"))
    yield from repeated_references(doc, Catalogue, catalogue)
