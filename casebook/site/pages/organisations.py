"""The organisation list and a page per organisation: its description and the source of it, its cases and
its role in each."""

from __future__ import annotations

from casebook.model.registry import Organisation
from casebook.site.pages.cases import CasePages
from casebook.site.pages.shared import Shared
from casebook.site.urls import organisation_url, organisations_url
from casebook.site.views import CaseCard, Link, OrganisationView, Page, RoleGroup


class OrganisationPages:
    """The organisation pages of a project, by name."""

    def __init__(self, shared: Shared, cases: CasePages) -> None:
        self.shared = shared
        self.cases = cases

    def pages(self, lang: str) -> list[Page]:
        organisations = self.shared.index.organisations_sorted()
        return [self.list_page(organisations, lang), *(self.page(org, lang) for org in organisations)]

    def list_page(self, organisations: list[Organisation], lang: str) -> Page:
        t, by_org = self.shared.strings[lang], self.shared.index.cases_by_org
        links = [Link(o.name, organisation_url(o.id, lang), t.count(len(by_org.get(o.id, [])))) for o in organisations]
        return Page(url=organisations_url(lang), lang=lang, template="casebook/organisation-list.html",
                    title=t.organisations_title, description=t.organisations_intro, data={"organisations": links})

    def page(self, org: Organisation, lang: str) -> Page:
        t = self.shared.strings[lang]
        groups: dict[str, list[CaseCard]] = {}
        for entry, role in self.shared.index.cases_by_org.get(org.id, []):
            groups.setdefault(role, []).append(self.cases.card(entry, lang))
        view = OrganisationView(org.id, org.name, t.get(f"role_{org.kind}"), org.website, org.description.get(lang),
                                self.shared.source_view(org.source, lang),
                                [RoleGroup(role, t.get(f"role_{role}"), cards) for role, cards in groups.items()])
        return Page(url=organisation_url(org.id, lang), lang=lang, template="casebook/organisation.html",
                    title=org.name, description=view.description, data={"organisation": view},
                    search=self.shared.record("organisation", lang, {}, view.description, figure=view.kind))
