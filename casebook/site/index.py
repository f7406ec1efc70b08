"""Lookups over a project that several kinds of page share, each computed once per plan: the cases in
the order the site lists them, what each organisation, term and case is linked with."""

from __future__ import annotations

from functools import cached_property

from casebook.core.languages import DEFAULT_LANGUAGE
from casebook.model.references import referred
from casebook.model.registry import Organisation, Taxonomy, Term
from casebook.project import Project
from casebook.project.entries import CaseEntry, CatalogueEntry, IdeaEntry
from casebook.site.facets import VOCABULARIES
from casebook.site.impact import Impact
from casebook.site.urls import TERM_FOLDERS


class SiteIndex:
    """What links to what in one project (a project without errors: it has a taxonomy)."""

    def __init__(self, project: Project, cases_in_order: list[CaseEntry]) -> None:
        assert project.taxonomy is not None, "a project with errors cannot be planned"
        self.project = project
        self.taxonomy: Taxonomy = project.taxonomy
        # Every case in the order the case list shows them (casebook/site/pages/cases.py: newest first);
        # every other list of cases keeps it.
        self.cases_newest_first = cases_in_order

    def organisations_sorted(self) -> list[Organisation]:
        return sorted(self.project.organisations.values(), key=lambda o: o.name.casefold())

    @cached_property
    def impact(self) -> Impact:
        """The figures of the cases added up per measure (casebook/site/impact.py)."""
        return Impact(self.taxonomy, self.cases_newest_first)

    @cached_property
    def cases_by_org(self) -> dict[str, list[tuple[CaseEntry, str]]]:
        """Organisation id -> its cases (newest first), each with the organisation's role in it."""
        result: dict[str, list[tuple[CaseEntry, str]]] = {}
        for entry in self.cases_newest_first:
            for partner in entry.case.partners:
                result.setdefault(partner.org, []).append((entry, partner.role))
        return result

    def ideas_of(self, entry: CatalogueEntry) -> list[IdeaEntry]:
        """The ideas a catalogue publishes, in its order (an id repeated from another catalogue is not)."""
        ideas = (self.project.ideas[idea.id] for idea in entry.catalogue.ideas)
        return [idea for idea in ideas if idea.catalogue == entry.slug]

    @cached_property
    def ideas_by_case(self) -> dict[str, list[IdeaEntry]]:
        """Case slug -> the ideas it is an example of."""
        result: dict[str, list[IdeaEntry]] = {}
        for entry in self.project.ideas.values():
            for slug in entry.idea.examples:
                result.setdefault(slug, []).append(entry)
        return result

    @cached_property
    def by_term(self) -> dict[tuple[str, str], tuple[list[CaseEntry], list[IdeaEntry]]]:
        """(kind, id) -> the cases (newest first) and the ideas that carry it: those whose fields declared
        as referring to the term's vocabulary hold its id."""
        result: dict[tuple[str, str], tuple[list[CaseEntry], list[IdeaEntry]]] = {}
        for kind in TERM_FOLDERS:
            target = VOCABULARIES[kind]
            for term_id, _ in self.terms(kind, DEFAULT_LANGUAGE):
                result[kind, term_id] = ([], [])
            for entry in self.cases_newest_first:
                for value in referred(entry.case, target):
                    result[kind, str(value)][0].append(entry)
            for idea in self.project.ideas.values():
                for value in referred(idea.idea, target):
                    result[kind, str(value)][1].append(idea)
        return result

    def terms(self, kind: str, lang: str) -> list[tuple[str, str]]:
        """(id, name) of every theme, format or SDG, in the taxonomy's order."""
        if kind == "sdg":
            return [(str(s.number), s.get(lang)) for s in sorted(self.taxonomy.sdgs, key=lambda s: s.number)]
        return [(term.id, term.get(lang)) for term in self.vocabulary(kind).values()]

    def vocabulary(self, facet: str) -> dict[str, Term]:
        """The terms of a facet's vocabulary by id (not the SDGs, which are numbered)."""
        return self.taxonomy.vocabulary(VOCABULARIES[facet])
