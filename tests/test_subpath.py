"""Any host, any sub-path, and no placeholder: the real site built for a GitHub Pages project address
(https://example.github.io/casebook/) works when served under /casebook/, and built without an address
it names no host that is not its own or a real one its content links to.

One build per scenario, shared with other modules: ``subpath_site`` and ``real_site`` (tests/conftest.py).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import deque
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from urllib.request import ProxyHandler, build_opener

import pytest
from conftest import ROOT, SUB_PATH_URL, SiteReport, build_log, mkdocs_build, site_pages
from mkdocs.config import load_config
from playwright.sync_api import Browser
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from test_cli import validate
from test_links import addresses

from casebook.core.issues import Issue, Severity
from casebook.project import load_project
from casebook.site import urls
from casebook.site.address import address_issues
from casebook.site.links import resolve_root_links, root_link_issues
from casebook.site.plan import SitePlan
from casebook.site.urls import Site, relative_url

# A local request: no proxy between the test and 127.0.0.1.
OPENER = build_opener(ProxyHandler({}))
NOT_FETCHABLE = ("mailto:", "tel:", "data:", "javascript:")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PUBLIC_HOST = SUB_PATH_URL.removesuffix(urlsplit(SUB_PATH_URL).path) + "/"
URL = re.compile(r"https?://[^\s\"'<>()\\\]]+")


# --- the pure parts ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("target", "start", "link"), [
    ("data/cases.json", "about/", "../data/cases.json"),
    ("en/feed.xml", "en/about/", "../feed.xml"),
    ("", "cases/x/", "../../"),
    ("about/#data", "en/cases/x/", "../../../about/#data"),
    ("cases/x/", "en/feed.xml", "../cases/x/"),
    ("cases/x/", "data/cases.json", "../cases/x/"),
    ("feed.xml", "", "feed.xml"),
    ("en/", "en/", "./"),
])
def test_relative_url(target: str, start: str, link: str) -> None:
    """A site path is named relative to the page or file that names it, fragment kept."""
    assert relative_url(target, start) == link


def test_site_with_and_without_an_address() -> None:
    """With an address URLs are absolute below its sub-path; without one they are relative and none is public."""
    addressed, bare = Site(SUB_PATH_URL), Site("")
    assert addressed.url("data/cases.json", "about/") == SUB_PATH_URL + "data/cases.json"
    assert addressed.public("cases/x/") == SUB_PATH_URL + "cases/x/"
    assert bare.url("data/cases.json", "about/") == "../data/cases.json"
    assert bare.public("cases/x/") is None and not bare.absolute_urls


def test_root_links_in_html_become_relative() -> None:
    """Addresses from the site's root in a page's HTML are made relative to it; others are left alone."""
    html = ('<a href="/data/cases.json">d</a> <img src="/cases/x/a.png" alt=""> <a href="//cdn.example/x">p</a>'
            ' <a href="https://example.org/a">e</a> <a href="../b/">r</a> <a href="/">home</a>')
    assert resolve_root_links(html, "en/about/") == (
        '<a href="../../data/cases.json">d</a> <img src="../../cases/x/a.png" alt=""> <a href="//cdn.example/x">p</a>'
        ' <a href="https://example.org/a">e</a> <a href="../b/">r</a> <a href="../../">home</a>')


def test_a_root_link_to_nothing_is_an_error_at_its_place(minimal: Path) -> None:
    """A link from the site's root that names no published page or file is an error at its line and column;
    pages, the open data and the feeds (with or without a final slash or a fragment) are not."""
    about = minimal / "content" / "extra.da.md"
    about.write_text("# Ekstra\n\nSe [data](/data/cases.json), [feed](/en/feed.xml), [case](/cases/alpha-workshop)"
                     " og [om](/#top).\n\n```\n[kode](/ikke/tjekket/)\n```\n\nMen [denne](/ingen/side/) findes ikke.\n"
                     "\n[ref]: /heller/ikke.pdf\n", encoding="utf-8")
    project = load_project(minimal)
    issues = root_link_issues(project, SitePlan(project).outputs())
    hint = ("write the path of a page or file the site publishes, from the site's root (e.g. /data/cases.json or "
            "/en/cases/), or a full https:// address")
    assert issues == [
        Issue("content/extra.da.md", 9, 13, "link.not-published",
              "link '/ingen/side/' names no page or file of this site", hint=hint),
        Issue("content/extra.da.md", 11, 8, "link.not-published",
              "link '/heller/ikke.pdf' names no page or file of this site", hint=hint),
    ]


def test_casebook_validate_reports_a_root_link_to_nothing(minimal: Path) -> None:
    """`casebook validate` finds the link the build would stop on, at its line and column, and fails."""
    (minimal / "content" / "extra.en.md").write_text("# Extra\n\nSee [the data](/data/cases.xml).\n",
                                                    encoding="utf-8")
    result = validate(minimal)
    assert result.returncode == 1
    assert ("content/extra.en.md:3:16: link '/data/cases.xml' names no page or file of this site (write the path "
            "of a page or file the site publishes, from the site's root (e.g. /data/cases.json or /en/cases/), "
            "or a full https:// address)") in result.stdout.splitlines()


@pytest.mark.build
def test_the_build_stops_on_a_root_link_to_nothing(minimal: Path, tmp_path: Path) -> None:
    """`mkdocs build` names the link at its line and column, with the fix, and publishes nothing."""
    (minimal / "content" / "extra.en.md").write_text("# Extra\n\nSee [the data](/data/cases.xml).\n",
                                                    encoding="utf-8")
    result = mkdocs_build(minimal / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 1
    assert ("ERROR   -  content/extra.en.md:3:16: link '/data/cases.xml' names no page or file of this site "
            "(write the path of a page or file the site publishes, from the site's root (e.g. /data/cases.json "
            "or /en/cases/), or a full https:// address)") in result.stderr.splitlines()
    assert "1 problem found (1 error, 0 warnings). Nothing was built; fix the problems above." in result.stdout
    assert not (tmp_path / "out").exists()


def test_no_address_is_a_warning_that_says_how_to_set_it(tmp_path: Path) -> None:
    """Without site_url the build warns at the line that would hold it, naming what is left out and the fix."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: X\nsite_url: !ENV [CASEBOOK_SITE_URL, \"\"]\n", encoding="utf-8")
    [issue] = address_issues("", config)
    assert (issue.path, issue.line, issue.column, issue.code, issue.severity) == \
        ("mkdocs.yml", 2, 1, "config.site-url", Severity.WARNING)
    assert issue.format("da") == (
        "mkdocs.yml:2:1: advarsel: site_url er ikke sat, så sitet har ingen offentlig adresse: siderne får ingen "
        "kanonisk URL, intet billede til linkforhåndsvisninger og ingen henvisninger til siden på det andet sprog, "
        "der skrives ingen sitemap.xml, trykte kataloger viser ingen adresser, og feeds og åbne data linker "
        "relativt til sig selv (sæt site_url i mkdocs.yml til den adresse, sitet udgives på, med eventuel "
        "undermappe og en afsluttende /, fx https://example.github.io/casebook/, eller byg med CASEBOOK_SITE_URL "
        "sat til den)")
    assert address_issues(SUB_PATH_URL, config) == []


# --- served under a sub-path ------------------------------------------------------------------------

class Crawler:
    """Fetches addresses of the site served under its sub-path, once each, and follows the pages' links."""

    def __init__(self, base: str) -> None:
        self.base = base  # http://127.0.0.1:port/casebook/
        self.bodies: dict[str, bytes | None] = {}  # url -> body, None when it did not answer 200
        self.broken: list[str] = []

    def local(self, url: str) -> str:
        """A public address of the site (canonical, og:image, sitemap, feeds) as served here."""
        return self.base + url.removeprefix(SUB_PATH_URL) if url.startswith(SUB_PATH_URL) else url

    def get(self, url: str) -> bytes | None:
        if url not in self.bodies:
            try:
                with OPENER.open(url, timeout=10) as response:
                    self.bodies[url] = response.read()
            except HTTPError:
                self.bodies[url] = None
        return self.bodies[url]

    def check(self, where: str, page_url: str, address: str) -> str | None:
        """The address a page names, fetched; the page's URL when it is a page to follow."""
        if address.startswith(NOT_FETCHABLE) or not address:
            return None
        if address.startswith(PUBLIC_HOST) and not address.startswith(SUB_PATH_URL):
            self.broken.append(f"{where}: {address} (on the public host, outside the site's sub-path)")
            return None
        url, fragment = urldefrag(self.local(urljoin(page_url, address)))
        if urlsplit(url).netloc != urlsplit(self.base).netloc:
            return None  # another host: a real link of the content (the no-address test checks which)
        if not url.startswith(self.base):
            self.broken.append(f"{where}: {address} (outside {self.base})")
            return None
        body = self.get(url)
        if body is None:
            self.broken.append(f"{where}: {address} (no answer at {url})")
            return None
        is_page = url.endswith("/") or url.endswith(".html")
        if fragment and fragment != "top" and is_page:
            tree = HTMLParser(body.decode("utf-8"))
            if not tree.css_first(f'[id="{unquote(fragment)}"]'):
                self.broken.append(f"{where}: {address} (no id {unquote(fragment)!r})")
        return url if is_page else None

    def crawl(self, starts: list[str]) -> set[str]:
        """Every page reachable from ``starts``, each address on each checked; returns the pages' URLs."""
        seen, queue = set(starts), deque(starts)
        while queue:
            page = queue.popleft()
            body = self.get(page)
            if body is None:
                self.broken.append(f"{page} (no answer)")
                continue
            for address in addresses(body.decode("utf-8")):
                found = self.check(page.removeprefix(self.base) or "/", page, address)
                if found is not None and found not in seen:
                    seen.add(found)
                    queue.append(found)
        return seen


@pytest.mark.build
def test_every_page_link_asset_and_anchor_works_under_the_sub_path(subpath_site: Path, subpath_server: str,
                                                                   site_report: SiteReport) -> None:
    """Served under /casebook/, every page is reached from the front page or the sitemap (as a search engine
    finds them: the SDG pages without cases are linked from no page) and every address on it (links,
    stylesheets, scripts, images, srcset, previews, canonical and alternates) answers, with its #anchor."""
    crawler = Crawler(subpath_server)
    sitemap = ET.fromstring((subpath_site / "sitemap.xml").read_bytes())
    listed = [crawler.local(node.text or "") for node in sitemap.iter(f"{SITEMAP}loc")]
    reached = crawler.crawl([subpath_server, *listed])
    built = {subpath_server + p.parent.relative_to(subpath_site).as_posix() + "/"
             for p in site_pages(subpath_site, "index.html")}
    built = {url.replace("/./", "/") for url in built}
    site_report.add("sub-path: pages crawled", len(reached & built))
    site_report.add("sub-path: addresses fetched", len(crawler.bodies))
    assert not crawler.broken, f"{len(crawler.broken)} broken:\n" + "\n".join(crawler.broken)
    assert built <= reached, sorted(built - reached)[:10]
    assert len(built) > 100


@pytest.mark.build
def test_feeds_open_data_sitemap_and_pdfs_work_under_the_sub_path(subpath_site: Path, subpath_server: str) -> None:
    """The sitemap, both feeds and the open data name the sub-path's addresses, and each answers there; the
    about page links the data files and the feed relative to itself."""
    crawler = Crawler(subpath_server)
    sitemap = ET.fromstring((subpath_site / "sitemap.xml").read_bytes())
    named = [node.text or "" for node in sitemap.iter(f"{SITEMAP}loc")]
    for feed in ("feed.xml", "en/feed.xml"):
        root = ET.fromstring((subpath_site / feed).read_bytes())
        named += [link.get("href") or "" for link in root.iter("{http://www.w3.org/2005/Atom}link")]
    data = (subpath_site / urls.OPEN_DATA_JSON).read_text(encoding="utf-8")
    named += [url for url in URL.findall(data) if url.startswith(SUB_PATH_URL)]
    assert len(named) > 150 and all(url.startswith(SUB_PATH_URL) for url in named)
    for url in named:
        crawler.check("published file", subpath_server, url)
    about = HTMLParser((subpath_site / "about/index.html").read_text(encoding="utf-8"))
    hrefs = [a.attributes.get("href") for a in about.css("[data-pagefind-body] a")]
    assert {"../data/cases.json", "../data/cases.schema.json", "../data/cases.csv", "../feed.xml"} <= set(hrefs)
    for href in hrefs:
        crawler.check("about/", subpath_server + "about/", href or "")
    for pdf in subpath_site.rglob("*.pdf"):
        crawler.check("pdf", subpath_server, pdf.relative_to(subpath_site).as_posix())
    assert not crawler.broken, crawler.broken


@pytest.mark.build
def test_the_404_page_leads_into_the_sub_path(subpath_server: str) -> None:
    """A missing address deep under /casebook/ answers 404 with the site's page, whose every link works."""
    crawler = Crawler(subpath_server)
    missing = subpath_server + "no/such/page/"
    assert crawler.get(missing) is None
    with pytest.raises(HTTPError) as answer:
        OPENER.open(missing, timeout=10)
    assert answer.value.code == 404
    body = answer.value.read().decode("utf-8")
    assert 'id="cb-404-links-da"' in body
    names = list(addresses(body))
    assert len(names) > 10
    for address in names:
        crawler.check("404.html", missing, address)
    assert not crawler.broken, crawler.broken


@pytest.mark.build
def test_the_build_prints_no_line_about_root_links(subpath_site: Path) -> None:
    """The about page's links from the site's root are resolved without MkDocs' INFO line about each."""
    log = build_log(subpath_site)
    assert "Casebook: 4 cases" in log
    assert "absolute link" not in log
    assert "site_url is not set" not in log


@pytest.mark.browser
@pytest.mark.build
def test_search_finds_a_case_under_the_sub_path(browser: Browser, subpath_server: str) -> None:
    """In Chromium, Pagefind on the search page under /casebook/ finds the mentor case, asking no other host."""
    from test_search_browser import MENTOR_CASE, search
    links, hosts = search(browser, subpath_server, "search/", "mentorer")
    assert urlsplit(subpath_server).path + MENTOR_CASE in links
    assert all(link.startswith("/casebook/") for link in links), links
    assert set(hosts) == {urlsplit(subpath_server).netloc}


# --- built without an address -------------------------------------------------------------------------

# Identifiers that look like addresses but are names nothing fetches: XML namespaces (SVG, Atom, XHTML),
# the schema.org vocabulary of the JSON-LD, the JSON Schema dialect of the open data's schema.
NAMESPACE_HOSTS = {"www.w3.org", "schema.org", "json-schema.org", "www.sitemaps.org"}
# The licence notice inside Font Awesome's free icons (an SVG comment, not a link; the licence asks that it stays).
LICENCE_HOSTS = {"fontawesome.com"}
TEXT = (".html", ".xml", ".json", ".csv", ".txt", ".css", ".js", ".svg", ".webmanifest")


def content_hosts() -> set[str]:
    """The hosts the content links to (case files, stories, pages, organisations, mkdocs.yml's Casebook
    settings) and the complaints body the accessibility statement names: the site's legitimate links."""
    texts = [p.read_text(encoding="utf-8") for folder in (ROOT / "cases", ROOT / "content")
             for p in folder.rglob("*") if p.suffix in (".yml", ".md")]
    texts += [str(load_config(str(ROOT / "mkdocs.yml"))["extra"]), urls.COMPLAINTS]
    return {urlsplit(url).hostname or "" for text in texts for url in URL.findall(text)}


def own_files(site: Path) -> list[Path]:
    """The text files the build writes from the content and Casebook's templates and assets: all but the
    theme's, Pagefind's and Decap CMS's (/admin/) own scripts and styles, copied as they are (their requests
    are checked in the browser tests: no request leaves the site)."""
    ours = {p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides" / "assets").rglob("*")}
    return [p for p in sorted(site.rglob("*")) if p.is_file() and p.suffix in (*TEXT, ".pdf")
            and (p.relative_to(site).parts[0] not in ("assets", urls.SEARCH_INDEX, urls.ADMIN)
                 or p.relative_to(site).as_posix() in ours)]


@pytest.mark.build
def test_without_an_address_no_file_names_a_foreign_host(real_site: Path, site_report: SiteReport) -> None:
    """Built without site_url, no published file names a host other than those the content links to (and
    XML/JSON vocabularies), no file anywhere names the old placeholder, and no page claims an address."""
    allowed = content_hosts() | NAMESPACE_HOSTS | LICENCE_HOSTS
    foreign: list[str] = []
    files = own_files(real_site)
    for path in files:
        text = path.read_bytes().decode("latin-1" if path.suffix == ".pdf" else "utf-8")
        foreign += [f"{path.relative_to(real_site)}: {url}" for url in URL.findall(text)
                    if urlsplit(url).hostname not in allowed]
    site_report.add("no address: files scanned for hosts", len(files))
    assert len(files) > 140 and any(p.suffix == ".pdf" for p in files) == bool(list(real_site.rglob("*.pdf")))
    assert not foreign, "\n".join(foreign[:20])
    for path in real_site.rglob("*"):
        if path.is_file() and path.suffix in (*TEXT, ".map", ".pdf"):
            assert b"example.org" not in path.read_bytes() and b"example.github.io" not in path.read_bytes(), path
    assert not (real_site / "sitemap.xml").exists() and not (real_site / "sitemap.xml.gz").exists()
    for page in site_pages(real_site):
        tree = HTMLParser(page.read_text(encoding="utf-8"))
        claims = tree.css('link[rel="canonical"], link[hreflang], meta[property="og:url"], meta[property="og:image"],'
                          ' meta[name="twitter:image"]')
        assert [node.html for node in claims] == [], page


@pytest.mark.build
def test_without_an_address_the_build_says_what_is_missing(real_site: Path) -> None:
    """The build's output warns, once, at mkdocs.yml's site_url line, what is left out and how to set it."""
    log = build_log(real_site)
    line = next(n for n, text in enumerate((ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("site_url:"))
    expected = (f"WARNING -  mkdocs.yml:{line}:1: warning: site_url is not set, so the site has no public address: "
                "its pages have no canonical URL, link-preview image or language alternates, no sitemap.xml is "
                "written, printed catalogues show no addresses, and the feeds and open data link relative to "
                "themselves (set site_url in mkdocs.yml to the address the site is published at, with its sub-path "
                "and a final /, e.g. https://example.github.io/casebook/, or build with CASEBOOK_SITE_URL set to it)")
    assert log.splitlines().count(expected) == 1, log
    assert "absolute link" not in log
