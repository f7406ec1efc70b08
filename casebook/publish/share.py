"""Sharing and discovery: canonical URLs, link previews, structured data and the sitemap.

Derived from the planned pages (:mod:`casebook.site.plan`), never from the theme:

- :func:`share_view` gives each page its canonical URL, its Open Graph and Twitter card texts in the
  page's own language (title, summary, image: the case's first image cut to the previews' shape, or
  the site's default when it has none large enough), its real
  language alternates (``hreflang``) and its JSON-LD (schema.org): ``Article`` for a case, with the
  partners as ``about`` organisations, participants and hosts as ``mentions``, and no ``datePublished``
  when the case is undated; ``Organization`` for an organisation page; ``ItemList`` for a
  catalogue (its ideas); ``WebSite`` for a front page; ``WebPage`` elsewhere. An article, a front page and
  a web page name the site's ``publisher`` (extra.casebook.publisher) when it is set.
- :func:`sitemap_entries` lists every page with its alternates for ``sitemap.xml``
  (``overrides/sitemap.xml`` prints them).

Absolute URLs need the site's public address (``site_url`` in ``mkdocs.yml``, :class:`casebook.site.urls.Site`).
Without one, nothing names a host: what only works as a full address is left out (the canonical URL, as
MkDocs does; ``og:url``, the preview image, the ``hreflang`` alternates, the sitemap), and JSON-LD names
the pages relative to the page it is on (JSON-LD resolves them against the page's address).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casebook.core.languages import DEFAULT_LANGUAGE
from casebook.model.case import Partner
from casebook.site.plan import SitePlan
from casebook.site.publisher import Publisher
from casebook.site.urls import SHARE_IMAGE, Site, feed_url, home_url, organisation_url
from casebook.site.views import CaseView, CatalogueView, OrganisationView, Page

# The size in pixels of the image a page without its own is shared with (urls.SHARE_IMAGE).
DEFAULT_IMAGE_SIZE = (1200, 630)
# Open Graph locales (language_TERRITORY) of the site's languages.
OG_LOCALES = {"da": "da_DK", "en": "en_GB"}


@dataclass(frozen=True)
class Alternate:
    lang: str  # hreflang: "da", "en" or "x-default"
    url: str


@dataclass(frozen=True)
class ShareView:
    """What a page tells search engines, feed readers and link previews about itself."""

    canonical: str | None  # None without a public address, as for everything below that must be absolute
    title: str
    description: str
    site_name: str
    og_type: str  # "article" for a case, "website" for everything else
    locale: str
    alternate_locales: list[str]
    image: str | None
    image_alt: str
    image_size: tuple[int, int] | None
    published: str | None  # the case's date (ISO 8601, as precise as the case says)
    alternates: list[Alternate]
    jsonld: dict[str, Any]


def alternates(page: Page) -> list[Alternate]:
    """The page's real equivalents in every language (itself included) and the x-default (Danish).

    A hand-written page that exists in one language only has no alternate: the language switch then
    leads to the other language's front page, which is not the same page and is not announced as one.
    """
    homes = {lang: home_url(lang) for lang in page.alternates}
    is_home = page.url == homes[page.lang]
    same = {lang: url for lang, url in page.alternates.items() if is_home or url != homes[lang]}
    if len(same) < 2:
        return []
    return [Alternate(lang, url) for lang, url in same.items()] + [Alternate("x-default", same[DEFAULT_LANGUAGE])]


def share_view(plan: SitePlan, page: Page, site: Site, publisher: Publisher | None = None) -> ShareView:
    t = plan.strings[page.lang]
    description = page.description or t.site_description
    image, image_alt = SHARE_IMAGE, t.share_image_alt
    size: tuple[int, int] | None = DEFAULT_IMAGE_SIZE
    published = None
    case: CaseView | None = page.data.get("case")
    if case is not None:
        published = str(case.start) if case.start else None
        first = case.images[0] if case.images else None
        if first is not None and first.share is not None:  # a copy cut for previews (casebook/site/images.py)
            image, image_alt, size = first.share.url, first.alt, (first.share.width, first.share.height)
    # hreflang alternates must be full addresses (search engines ignore relative ones), as must og:image.
    same = alternates(page) if site.absolute_urls else []
    return ShareView(
        canonical=site.public(page.url), title=page.title, description=description, site_name=t.site_name,
        og_type="article" if case is not None else "website", locale=OG_LOCALES[page.lang],
        alternate_locales=[OG_LOCALES[a.lang] for a in same if a.lang in OG_LOCALES and a.lang != page.lang],
        image=site.public(image), image_alt=image_alt, image_size=size, published=published,
        alternates=[Alternate(a.lang, site.url(a.url, page.url)) for a in same],
        jsonld=_jsonld(plan, page, site, description, site.url(image, page.url), published)
        | _published_by(page, site, publisher),
    )


def _published_by(page: Page, site: Site, publisher: Publisher | None) -> dict[str, Any]:
    """The ``publisher`` of a case, a front page or a web page (schema.org's creative works among Casebook's
    pages; an organisation's page and a catalogue's list have none)."""
    if publisher is None or page.data.get("organisation") is not None or page.data.get("catalogue") is not None:
        return {}
    return {"publisher": publisher_jsonld(publisher, site, page.url)}


def publisher_jsonld(publisher: Publisher, site: Site, start: str = "") -> dict[str, Any]:
    """The publisher as schema.org's ``Organization``: its name, written contact, phone, logo and address
    (``start``: the site path of the page it is on, which addresses are relative to without a public one)."""
    result: dict[str, Any] = {"@type": "Organization", "name": publisher.name}
    if publisher.email:
        result["email"] = publisher.email
    if publisher.phone:
        result["telephone"] = publisher.phone
    if publisher.contact_page:
        result["contactPoint"] = {"@type": "ContactPoint", "contactType": "customer support",
                                  "url": absolute(site, publisher.contact_page, start)}
    if publisher.logo:
        result["logo"] = site.url(publisher.logo, start)
    if publisher.postal_address:
        result["address"] = ", ".join(publisher.postal_address)
    return result


def absolute(site: Site, address: str, start: str) -> str:
    """An address that may be a path of this site (``kontakt/``) or already a full one (``https://…``), as
    named in the document at ``start``."""
    return address if "://" in address else site.url(address, start)


def _jsonld(plan: SitePlan, page: Page, site: Site, description: str, image: str,
            published: str | None) -> dict[str, Any]:
    t = plan.strings[page.lang]
    def link(path: str) -> str:
        return site.url(path, page.url)

    url = link(page.url)
    common = {"@context": "https://schema.org", "url": url, "inLanguage": page.lang}
    website = {"@type": "WebSite", "name": t.site_name, "url": link(home_url(page.lang))}
    case: CaseView | None = page.data.get("case")
    organisation: OrganisationView | None = page.data.get("organisation")
    catalogue: CatalogueView | None = page.data.get("catalogue")
    if case is not None:
        orgs = plan.project.organisations
        entry = plan.project.cases[case.slug]

        def organisations(partners: list[Partner]) -> list[dict[str, Any]]:
            return [_organisation(orgs[p.org].name, orgs[p.org].website,
                                  link(organisation_url(p.org, page.lang))) for p in partners if p.org in orgs]

        article: dict[str, Any] = {**common, "@type": "Article", "headline": page.title,
                                   "description": description, "image": [image],
                                   "about": organisations(entry.case.true_partners),
                                   "isPartOf": website, "mainEntityOfPage": url}
        if entry.case.involved:  # participants and hosts: named in the article, not what it is about
            article["mentions"] = organisations(entry.case.involved)
        if published:  # an undated case has none
            article["datePublished"] = published
        return article
    if organisation is not None:
        return {**common, "@type": "Organization",
                **_organisation(organisation.name, organisation.website, url), "description": description}
    if catalogue is not None:
        return {**common, "@type": "ItemList", "name": page.title, "description": description,
                "numberOfItems": len(catalogue.ideas),
                "itemListElement": [{"@type": "ListItem", "position": n, "name": idea.title,
                                     "url": link(idea.url)}
                                    for n, idea in enumerate(catalogue.ideas, start=1)]}
    if page.url == home_url(page.lang):
        return {**common, **website, "description": description}
    return {**common, "@type": "WebPage", "name": page.title, "description": description, "isPartOf": website}


def _organisation(name: str, website: str | None, page_url: str) -> dict[str, Any]:
    """An organisation as schema.org sees it: its own website when known, else its page here."""
    result: dict[str, Any] = {"@type": "Organization", "name": name, "url": website or page_url}
    if website:
        result["sameAs"] = [page_url]
    return result


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    alternates: list[Alternate]


def sitemap_entries(plan: SitePlan, site: Site) -> list[SitemapEntry]:
    """Every page of the site, each with its language alternates (sitemap.xml, xhtml:link); none without
    a public address, as a sitemap names only full addresses (the build then writes none)."""
    return [SitemapEntry(site.base + page.url, [Alternate(a.lang, site.base + a.url) for a in alternates(page)])
            for page in plan.pages] if site.absolute_urls else []


@dataclass(frozen=True)
class FeedLink:
    """Each language's feed of the newest cases (casebook/publish/feeds.py writes them), linked from every page."""

    lang: str
    title: str
    url: str  # site-relative


def feed_links(plan: SitePlan) -> list[FeedLink]:
    return [FeedLink(lang, plan.strings[lang].feed_title, feed_url(lang)) for lang in plan.strings]
