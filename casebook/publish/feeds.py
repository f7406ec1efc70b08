"""Atom feeds of the newest cases, one per language: ``/feed.xml`` (Danish) and ``/en/feed.xml``.

Written with feedgen after the build. Each feed holds the :data:`FEED_SIZE` newest cases in its
language, newest first (the order of the case list): title, summary, the case's page, its partners,
formats and themes as categories, and its date as published and updated time. A case's date is its
``date`` or the start of its ``period``; a date written as a year or a month counts from its first day
(``2015-11`` is 1 November 2015), at midnight UTC. The feed's own updated time is its newest dated
entry's, so two builds of one commit give the same bytes. An undated case has no published time, and as
its updated time (which Atom requires) the feed's own. The feed's author is the site's publisher
(extra.casebook.publisher: its name, e-mail address or contact page), who also holds its rights; a site
without a publisher names itself.

Addresses: every link is absolute when ``site_url`` is set in ``mkdocs.yml``. Without it, links are
relative to the feed's own address (``cases/x/`` in ``/feed.xml``, ``cases/x/`` in ``/en/feed.xml``), which
a feed reader resolves against the address it fetched the feed from (RFC 4287, section 1.2), so they work
at a host's root and under a sub-path; ids, which Atom wants absolute and permanent, are ``urn:uuid:``
names derived from the site's name and the page's path, and categories have no scheme (an absolute IRI).
Setting ``site_url`` later changes the ids once: set it before publishing.
"""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from casebook.core.languages import other_language
from casebook.model.fields import PartialDate
from casebook.model.references import referred
from casebook.project.entries import CaseEntry
from casebook.publish.share import FeedLink, absolute, feed_links
from casebook.site.facets import VOCABULARIES
from casebook.site.plan import SitePlan
from casebook.site.publisher import Publisher
from casebook.site.urls import Site, case_url, cases_url, home_url, organisations_url, term_folder_url

FEED_SIZE = 20
# The kinds of term an entry is categorised by, after its partners.
CATEGORIES = ("format", "theme")
ATOM = "application/atom+xml"
HTML = "text/html"


# The updated time of a feed without a dated entry: its entries are all undated (or it has none).
NO_DATE = datetime.datetime.fromtimestamp(0, datetime.UTC)


def first_instant(date: PartialDate) -> datetime.datetime:
    """The first moment of a date as precise as written: ``2015`` is 1 January 2015, 00:00 UTC."""
    return datetime.datetime(date.year, date.month or 1, date.day or 1, tzinfo=datetime.UTC)


def feed_id(plan: SitePlan, site: Site, path: str) -> str:
    """A permanent, absolute id for the page at ``path``: its address, or a name-based UUID without one."""
    if site.absolute_urls:
        return site.base + path
    name = f"casebook:{plan.strings[plan.default_lang].site_name}:{path}"
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


class _Entry(FeedEntry):  # type: ignore[misc]  # feedgen has no type information
    """An entry whose links keep their attributes.

    feedgen 1.0.0 writes an entry's links with their ``href`` only (lkiesow/python-feedgen#135, open);
    this puts back ``rel``, ``type`` and ``hreflang`` from the entry's own link list.
    """

    def atom_entry(self, extensions: bool = True) -> Any:
        element = super().atom_entry(extensions)
        for node, link in zip(element.findall("link"), self.link() or [], strict=True):
            for name in ("rel", "type", "hreflang", "title"):
                if link.get(name):
                    node.set(name, link[name])
        return element


def build_feed(plan: SitePlan, site: Site, feed: FeedLink, publisher: Publisher | None = None) -> bytes:
    """The Atom document of ``feed``: the newest cases in its language, by ``publisher``."""
    lang, t = feed.lang, plan.strings[feed.lang]
    other = next(f for f in feed_links(plan) if f.lang == other_language(lang))
    entries = plan.cases_newest_first[:FEED_SIZE]
    fg = FeedGenerator()
    fg.id(feed_id(plan, site, feed.url))
    fg.title(feed.title)
    fg.subtitle(t.site_description)
    fg.language(lang)
    def link(path: str) -> str:
        return site.url(path, feed.url)

    if publisher is None:
        fg.author(name=t.site_name, uri=link(home_url(lang)))
    else:
        page = absolute(site, publisher.contact_page, feed.url) if publisher.contact_page else link(home_url(lang))
        fg.author({"name": publisher.name, "uri": page} | ({"email": publisher.email} if publisher.email else {}))
        fg.rights(f"© {publisher.name}")
    fg.link(href=link(feed.url), rel="self", type=ATOM, hreflang=lang)
    fg.link(href=link(cases_url(lang)), rel="alternate", type=HTML, hreflang=lang)
    fg.link(href=link(other.url), rel="alternate", type=ATOM, hreflang=other.lang, title=other.title)
    fg.generator(t.site_name)
    updated = max((first_instant(e.case.when) for e in entries if e.case.when), default=NO_DATE)
    fg.updated(updated)
    for entry in entries:
        _add_entry(fg, plan, site, entry, feed, updated)
    document: bytes = fg.atom_str(pretty=True)
    return document


def _add_entry(fg: FeedGenerator, plan: SitePlan, site: Site, entry: CaseEntry, feed: FeedLink,
               feed_updated: datetime.datetime) -> None:
    case, lang = entry.case, feed.lang
    taxonomy = plan.project.taxonomy
    assert taxonomy is not None, "a project with errors has no feed"
    path = case_url(entry.slug, lang)
    fe = fg.add_entry(_Entry(), order="append")  # feedgen puts each new entry first unless told
    fe.id(feed_id(plan, site, path))
    fe.title(case.title.get(lang))
    fe.summary(case.summary.get(lang), type="text")
    fe.link(href=site.url(path, feed.url), rel="alternate", type=HTML, hreflang=lang)
    if case.when is not None:
        fe.published(first_instant(case.when))
        fe.updated(first_instant(case.when))
    else:  # an undated case has no time of its own; Atom requires an updated time all the same
        fe.updated(feed_updated)
    # Categories: the partners and the case's formats and themes, each scheme the folder of their pages.
    # A scheme must be an absolute IRI, so without site_url the categories have none.
    orgs = plan.project.organisations
    terms = [(organisations_url(lang), p.org, orgs[p.org].name) for p in case.partners]
    for kind in CATEGORIES:
        vocabulary = taxonomy.vocabulary(VOCABULARIES[kind])
        terms += [(term_folder_url(kind, lang), i, vocabulary[i].get(lang)) for i in referred(case, VOCABULARIES[kind])]
    for folder, term, label in terms:
        fe.category(term=term, label=label, scheme=site.public(folder))


def write_feeds(plan: SitePlan, site: Site, site_dir: Path, publisher: Publisher | None = None) -> list[str]:
    """Write each language's feed into the built site; return their site paths."""
    written = []
    for feed in feed_links(plan):
        target = site_dir / feed.url
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(build_feed(plan, site, feed, publisher))
        written.append(feed.url)
    return written
