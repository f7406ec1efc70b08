"""Search facets, declared once: their order, their values and which values a case or an idea carries.

Everything here derives from the content model: the vocabularies come from ``taxonomy.yml`` and
``organisations.yml``, the values of a case from its ``case.yml``, those of an idea from its
catalogue. Which field of a case or an idea carries a facet is read from the model's declarations
(``Annotated[Id, Ref("themes")]``, :mod:`casebook.model.references`): a field referring to a facet's
vocabulary carries it. The site plan (:mod:`casebook.site.plan`) writes the values into each page for Pagefind
(``data-pagefind-filter``) and shows the same vocabularies, with counts, on the search page.

Value ids (not labels) go into the index and the URL, so a shared filtered view means the same in
both languages: ``?theme=integration&size=small``.
"""

from __future__ import annotations

import typing
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from casebook.core.languages import LANGUAGES as LANGS
from casebook.model.fields import PartnerRole
from casebook.model.references import Target, referred
from casebook.model.registry import EffortLevel, Taxonomy, Term
from casebook.project import Project
from casebook.project.entries import CaseEntry, IdeaEntry

Labels = dict[str, str]  # lang -> text

# The facets in the order the search page shows them. Each id is a URL parameter and a Pagefind filter key.
FACETS: tuple[str, ...] = ("type", "theme", "format", "sdg", "measure", "size", "effort", "cost", "sector", "partner",
                           "year")

# Kinds of indexed page; the labels are the UI strings type_<id>.
PAGE_TYPES = ("idea", "case", "organisation", "page")

# The facets whose values are the ids of a vocabulary, and which vocabulary; a case or an idea has the
# values of its fields declared as referring to it (a case has the measures its outcomes name). The order
# is the one a case's page lists them in.
VOCABULARIES: dict[str, Target] = {"theme": "themes", "format": "formats", "sdg": "sdgs", "sector": "sectors",
                                   "size": "company_sizes", "cost": "costs", "measure": "measures"}

# The roles an organisation can have in a case, from the model: a partner's kind, or participant or host
# for one that was around the case without being a partner.
PARTNER_ROLES: tuple[str, ...] = typing.get_args(PartnerRole)


@dataclass(frozen=True)
class FacetValue:
    id: str
    labels: Labels


class Facets:
    """The facet vocabularies of one project and the facet values of its cases and ideas."""

    def __init__(self, project: Project, ui: dict[str, Labels]) -> None:
        assert project.taxonomy is not None, "a project with errors has no facets"
        self.project = project
        self.taxonomy: Taxonomy = project.taxonomy
        self.ui = ui  # ui.yml: key -> {lang: text}

    def vocabulary(self, facet: str) -> list[FacetValue]:
        """Every value ``facet`` can take, in the order it is shown."""
        tax = self.taxonomy
        if facet == "type":
            return [FacetValue(t, self.ui[f"type_{t}"]) for t in PAGE_TYPES]
        if facet == "partner":
            return [FacetValue(k, self.ui[f"role_{k}"]) for k in PARTNER_ROLES]
        if facet == "sdg":
            return [FacetValue(str(s.number), {lang: f"{s.number}. {s.get(lang)}" for lang in LANGS})
                    for s in sorted(tax.sdgs, key=lambda s: s.number)]
        if facet == "year":  # an undated case has no year, and no value here
            years = sorted({str(e.case.when.year) for e in self.project.cases.values() if e.case.when},
                           reverse=True)
            return [FacetValue(y, {lang: y for lang in LANGS}) for y in years]
        terms: Sequence[Term | EffortLevel] = (
            tax.efforts if facet == "effort" else list(tax.vocabulary(VOCABULARIES[facet]).values()))
        return [FacetValue(t.id, {lang: t.get(lang) for lang in LANGS}) for t in terms]

    def of_case(self, entry: CaseEntry) -> dict[str, list[str]]:
        case = entry.case
        orgs = self.project.organisations
        declared = _declared(case)
        # A case has the sizes of its company partners (organisations.yml gives each company's).
        declared["size"] += [size for p in case.partners
                             if p.org in orgs and p.role == "company" and (size := orgs[p.org].size) is not None]
        return _clean({
            "type": ["case"],
            **declared,
            "partner": [p.role for p in case.partners],
            "year": [str(case.when.year)] if case.when else [],
        })

    def of_idea(self, entry: IdeaEntry) -> dict[str, list[str]]:
        idea = entry.idea
        level = self.taxonomy.effort_level(idea.effort.hours_per_employee)
        cases = self.project.cases
        values: dict[str, list[str]] = {
            "type": ["idea"],
            **_declared(idea),
            "effort": [level.id] if level else [],
            # The roles of the organisations in its example cases.
            "partner": [p.role for slug in idea.examples if slug in cases for p in cases[slug].case.partners],
        }
        # An idea's page lists its facets in the search page's order.
        return _clean({facet: values[facet] for facet in FACETS if facet in values})

    @staticmethod
    def of_other(page_type: str) -> dict[str, list[str]]:
        return {"type": [page_type]}

    @staticmethod
    def count(records: Iterable[dict[str, list[str]]]) -> dict[str, Counter[str]]:
        """How many records carry each value of each facet."""
        counts: dict[str, Counter[str]] = {facet: Counter() for facet in FACETS}
        for record in records:
            for facet, values in record.items():
                counts[facet].update(values)
        return counts


def _declared(content: BaseModel) -> dict[str, list[str]]:
    """The values of each vocabulary facet in ``content`` (a case or an idea), in :data:`VOCABULARIES`' order."""
    return {facet: [str(value) for value in referred(content, target)] for facet, target in VOCABULARIES.items()}


def _clean(values: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each facet's values once, in their first order; facets without values left out."""
    return {facet: list(dict.fromkeys(vals)) for facet, vals in values.items() if vals}
