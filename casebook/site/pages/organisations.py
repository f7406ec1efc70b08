"""The organisation list and a page per organisation: its description and the source of it, the figures of
the cases it is a partner in, its cases and its role in each."""

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
        cases = self.shared.index.cases_by_org.get(org.id, [])
        for entry, role in cases:
            groups.setdefault(role, []).append(self.cases.card(entry, lang))
        # Its figures are those of the cases it was a partner in: a participant or a host was only around them.
        partnered = [e for e, _ in cases if any(p.org == org.id and p.is_partner for p in e.case.partners)]
        totals = self.shared.total_views(self.shared.index.impact.of(partnered), lang)
        view = OrganisationView(org.id, org.name, t.get(f"role_{org.kind}"), org.website, org.description.get(lang),
                                self.shared.source_view(org.source, lang),
                                [RoleGroup(role, t.get(f"role_{role}"), cards) for role, cards in groups.items()])
        return Page(url=organisation_url(org.id, lang), lang=lang, template="casebook/organisation.html",
                    title=org.name, description=view.description, data={"organisation": view, "totals": totals},
                    search=self.shared.record("organisation", lang, {}, view.description, figure=view.kind))
