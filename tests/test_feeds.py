"""Atom feeds: valid Atom (RFC 4287's requirements, and feedparser reads them cleanly), the newest cases
in order, in the feed's language, dates from the cases; on the minimal site and on the real built site."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from conftest import ROOT, edit, mkdocs_build
from lxml import etree
from test_opendata import newest_first, plan, written_date, yaml_cases

from casebook.model.fields import PartialDate
from casebook.publish import feeds
from casebook.publish.share import feed_links
from casebook.site.publisher import Publisher
from casebook.site.urls import Site

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Where a feed is taken to be served when the site has no address, to resolve its relative links.
LOCAL = "http://casebook.invalid/"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def one(parent: etree._Element, name: str) -> etree._Element:
    found = parent.findall(ATOM + name)
    assert len(found) == 1, f"{len(found)} atom:{name} in atom:{etree.QName(parent).localname}"
    return found[0]


def check_atom(document: bytes) -> etree._Element:
    """The feed is well-formed and meets RFC 4287's MUSTs for feeds and entries; returns its root."""
    root = etree.fromstring(document)
    assert root.tag == ATOM + "feed"
    parsed = feedparser.parse(document)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    entries = root.findall(ATOM + "entry")
    for element in (root, *entries):
        ident = one(element, "id").text or ""
        assert urlsplit(ident).scheme, f"atom:id must be an absolute IRI: {ident!r}"  # 4.2.6
        assert (one(element, "title").text or "").strip()
        assert RFC3339.match(one(element, "updated").text or "")  # 3.3
        links = element.findall(ATOM + "link")
        assert all(link.get("href") for link in links)
        alternates = [(link.get("type"), link.get("hreflang")) for link in links
                      if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == len(set(alternates))  # 4.1.1: one alternate per type and language
    # 4.1.1: an author for the feed, or for every entry.
    assert root.findall(ATOM + "author") or all(e.findall(ATOM + "author") for e in entries)
    for entry in entries:
        # 4.1.2: without content, an alternate link and a summary.
        assert [link for link in entry.findall(ATOM + "link") if link.get("rel", "alternate") == "alternate"]
        assert (one(entry, "summary").text or "").strip()
        for published in entry.findall(ATOM + "published"):
            assert RFC3339.match(published.text or "")
    ids = [one(e, "id").text for e in entries]
    assert len(ids) == len(set(ids))
    return root


def first_day(written: str) -> str:
    """'2015-11' -> '2015-11-01T00:00:00+00:00': the first moment of a date as precise as written."""
    parts = [int(p) for p in written.split("-")] + [1, 1]
    return datetime.datetime(parts[0], parts[1], parts[2], tzinfo=datetime.UTC).isoformat()


def entries(root: etree._Element) -> list[etree._Element]:
    return root.findall(ATOM + "entry")


def slug_of(entry: etree._Element) -> str:
    href = next(link.get("href") for link in entry.findall(ATOM + "link") if link.get("rel") == "alternate")
    return href.rstrip("/").split("/")[-1]


# --- the functions, on the minimal site --------------------------------------------------------


def test_first_instant() -> None:
    """A year or a month counts from its first day, at midnight UTC."""
    assert feeds.first_instant(PartialDate(2015)).isoformat() == "2015-01-01T00:00:00+00:00"
    assert feeds.first_instant(PartialDate(2015, 11)).isoformat() == "2015-11-01T00:00:00+00:00"
    assert feeds.first_instant(PartialDate(2015, 11, 5)).isoformat() == "2015-11-05T00:00:00+00:00"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_feed_holds_the_newest_cases_in_its_language(minimal: Path, lang: str) -> None:
    """Each language's feed lists every case newest first, with title, summary, page and dates from case.yml."""
    site_plan = plan(minimal)
    feed = next(f for f in feed_links(site_plan) if f.lang == lang)
    root = check_atom(feeds.build_feed(site_plan, Site(None), feed))
    assert root.get(XML_LANG) == lang
    cases = yaml_cases(minimal)
    assert [slug_of(e) for e in entries(root)] == newest_first(minimal)
    for entry in entries(root):
        slug = slug_of(entry)
        assert one(entry, "title").text == cases[slug]["title"][lang]
        assert one(entry, "summary").text == cases[slug]["summary"][lang]
        link = one(entry, "link")
        assert (link.get("href"), link.get("rel"), link.get("type"), link.get("hreflang")) == \
            (f"cases/{slug}/", "alternate", "text/html", lang)  # relative to the feed, in its language's folder
        assert one(entry, "published").text == one(entry, "updated").text == first_day(written_date(cases[slug]))
        assert (one(entry, "id").text or "").startswith("urn:uuid:")
    # The feed is as new as its newest case; nothing comes from the clock.
    assert one(root, "updated").text == max(first_day(written_date(c)) for c in cases.values())
    self_link = next(link for link in root.findall(ATOM + "link") if link.get("rel") == "self")
    assert self_link.get("href") == "feed.xml"  # itself, relative to its own address


def test_an_undated_case_in_the_feed(minimal: Path) -> None:
    """An undated case comes last, without a published time, and is updated when the feed is."""
    edit(minimal / "cases/beta-mentors/case.yml", "period:\n  start: 2016-03\n  end: 2016-09", "undated: true")
    site_plan = plan(minimal)
    root = check_atom(feeds.build_feed(site_plan, Site(None), feed_links(site_plan)[0]))
    alpha, beta = entries(root)
    assert (slug_of(alpha), slug_of(beta)) == ("alpha-workshop", "beta-mentors")
    assert beta.findall(ATOM + "published") == []
    # The feed is as new as its newest dated case, and so is the undated entry: nothing from the clock.
    assert one(root, "updated").text == one(beta, "updated").text == one(alpha, "published").text == \
        "2015-11-01T00:00:00+00:00"


def test_a_feed_of_undated_cases_only(minimal: Path) -> None:
    """With no dated case at all the feed still has an updated time, the same every build (1970)."""
    edit(minimal / "cases/beta-mentors/case.yml", "period:\n  start: 2016-03\n  end: 2016-09", "undated: true")
    edit(minimal / "cases/alpha-workshop/case.yml", "date: 2015-11", "undated: true")
    site_plan = plan(minimal)
    root = check_atom(feeds.build_feed(site_plan, Site(None), feed_links(site_plan)[0]))
    assert {one(e, "updated").text for e in (root, *entries(root))} == {"1970-01-01T00:00:00+00:00"}


def test_categories_name_partners_formats_and_themes(minimal: Path) -> None:
    """An entry's categories are its partners, formats and themes, labelled in the feed's language."""
    site_plan = plan(minimal)
    english = next(f for f in feed_links(site_plan) if f.lang == "en")
    root = etree.fromstring(feeds.build_feed(site_plan, Site("https://example.org/"), english))
    alpha = next(e for e in entries(root) if slug_of(e) == "alpha-workshop")
    assert [(c.get("term"), c.get("label"), c.get("scheme")) for c in alpha.findall(ATOM + "category")] == [
        ("acme", "Acme A/S", "https://example.org/en/organisations/"),
        ("hjaelp", "Foreningen Hjælp", "https://example.org/en/organisations/"),
        ("workshop", "Workshop", "https://example.org/en/formats/"),
        ("integration", "Integration", "https://example.org/en/themes/"),
    ]


def test_ids_and_links_with_a_site_url(minimal: Path) -> None:
    """With site_url every id and link is the absolute address; without it, ids are stable UUIDs."""
    site_plan = plan(minimal)
    danish = next(f for f in feed_links(site_plan) if f.lang == "da")
    root = check_atom(feeds.build_feed(site_plan, Site("https://example.org/sub/"), danish))
    assert one(root, "id").text == "https://example.org/sub/feed.xml"
    for entry in entries(root):
        assert one(entry, "id").text == one(entry, "link").get("href") == \
            f"https://example.org/sub/cases/{slug_of(entry)}/"
    without = etree.fromstring(feeds.build_feed(site_plan, Site(None), danish))
    again = etree.fromstring(feeds.build_feed(plan(minimal), Site(None), danish))
    assert [one(e, "id").text for e in entries(without)] == [one(e, "id").text for e in entries(again)]


def test_feed_size(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the FEED_SIZE newest cases are in the feed."""
    monkeypatch.setattr(feeds, "FEED_SIZE", 1)
    site_plan = plan(minimal)
    root = check_atom(feeds.build_feed(site_plan, Site(None), feed_links(site_plan)[0]))
    assert [slug_of(e) for e in entries(root)] == newest_first(minimal)[:1]


def test_the_publisher_is_the_feeds_author(minimal: Path) -> None:
    """With a publisher, each feed's author is its name with its e-mail address (or contact page) and it
    holds the rights; without one, the site names itself and claims no rights."""
    site_plan = plan(minimal)
    danish = next(f for f in feed_links(site_plan) if f.lang == "da")
    site = Site("https://example.org/")
    by_mail = Publisher.model_validate({"name": "Eksempel Kommune", "contact": "web@eksempel.dk", "phone": "1813"})
    by_page = Publisher.model_validate({"name": "Eksempel Kommune", "contact": "https://eksempel.dk/kontakt"})
    for publisher, author in ((by_mail, ["Eksempel Kommune", "web@eksempel.dk", "https://example.org/"]),
                              (by_page, ["Eksempel Kommune", "https://eksempel.dk/kontakt"]),
                              (None, ["Casebook", "https://example.org/"])):
        root = check_atom(feeds.build_feed(site_plan, site, danish, publisher))
        assert [child.text for child in one(root, "author")] == author
        assert [r.text for r in root.findall(ATOM + "rights")] == (["© Eksempel Kommune"] if publisher else [])


def test_write_feeds(minimal: Path, tmp_path: Path) -> None:
    """write_feeds writes feed.xml and en/feed.xml, the same bytes each time."""
    site_plan = plan(minimal)
    assert feeds.write_feeds(site_plan, Site(None), tmp_path / "one") == ["feed.xml", "en/feed.xml"]
    feeds.write_feeds(site_plan, Site(None), tmp_path / "two")
    for path in ("feed.xml", "en/feed.xml"):
        assert (tmp_path / "one" / path).read_bytes() == (tmp_path / "two" / path).read_bytes()


# --- the real built site -----------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize(("path", "lang"), [("feed.xml", "da"), ("en/feed.xml", "en")])
def test_real_feeds(real_site: Path, path: str, lang: str) -> None:
    """The built feeds are valid Atom with the newest cases in order, in their language, linking built pages."""
    root = check_atom((real_site / path).read_bytes())
    assert root.get(XML_LANG) == lang
    cases = yaml_cases(ROOT)
    expected = newest_first(ROOT)[:feeds.FEED_SIZE]
    assert [slug_of(e) for e in entries(root)] == expected
    # Without site_url the links are relative to the feed's own address, as a reader resolves them.
    feed_address = LOCAL + path
    self_href = next(link.get("href") for link in root.findall(ATOM + "link") if link.get("rel") == "self")
    assert urljoin(feed_address, self_href) == feed_address
    for entry in entries(root):
        slug = slug_of(entry)
        assert one(entry, "title").text == cases[slug]["title"][lang]
        page = urljoin(feed_address, one(entry, "link").get("href") or "").removeprefix(LOCAL)
        assert page == (f"en/cases/{slug}/" if lang == "en" else f"cases/{slug}/")
        assert (real_site / page / "index.html").is_file()


@pytest.mark.build
def test_minimal_build_without_site_url(minimal: Path) -> None:
    """Without site_url the build still writes valid feeds, with links relative to the feed, and the data."""
    result = mkdocs_build(minimal / "mkdocs.yml", minimal / "site")
    assert result.returncode == 0, result.stderr
    assert "Feeds: wrote /feed.xml, /en/feed.xml." in result.stderr
    root = check_atom((minimal / "site/en/feed.xml").read_bytes())
    assert [one(e, "link").get("href") for e in entries(root)] == \
        [f"cases/{slug}/" for slug in newest_first(minimal)]
    for entry in entries(root):
        assert (minimal / "site/en" / (one(entry, "link").get("href") or "") / "index.html").is_file()
    assert all((minimal / "site/data" / name).is_file() for name in ("cases.json", "cases.schema.json", "cases.csv"))
