"""Sharing and discovery in the built site: canonical URLs, link previews, JSON-LD, the sitemap,
the Content-Security-Policy of every page, and the footer's accessibility statement setting."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from conftest import ROOT, SUB_PATH_URL, copy_site, edit, mkdocs_build, site_pages
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from test_opendata import plan

from casebook.project import load_project
from casebook.publish import csp, share, theme
from casebook.site.publisher import Publisher
from casebook.site.settings import Given, read_config
from casebook.site.strings import load_strings
from casebook.site.urls import Site

SITE_URL = SUB_PATH_URL  # the public address the site is built for here: a host and a sub-path
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def pages(site: Path) -> dict[str, HTMLParser]:
    """Every built page by its URL path ("cases/x/"), the 404 page excepted."""
    result = {}
    for path in site_pages(site, "index.html"):
        url = path.parent.relative_to(site).as_posix()
        result["" if url == "." else url + "/"] = HTMLParser(path.read_text(encoding="utf-8"))
    return result


def meta(tree: HTMLParser, key: str) -> str:
    node = tree.css_first(f'meta[property="{key}"]') or tree.css_first(f'meta[name="{key}"]')
    assert node is not None, key
    return node.attributes["content"] or ""


def jsonld(tree: HTMLParser) -> dict[str, Any]:
    nodes = tree.css('script[type="application/ld+json"]')
    assert len(nodes) == 1
    data: dict[str, Any] = json.loads(nodes[0].text())
    return data


@pytest.fixture(scope="module")
def built(subpath_site: Path) -> dict[str, HTMLParser]:
    """The pages of the real site built with a public address (without one they have no canonical URL,
    previews or alternates: tests/test_subpath.py)."""
    return pages(subpath_site)


def test_every_page_has_canonical_url_and_previews_in_its_language(built: dict[str, HTMLParser]) -> None:
    assert len(built) > 100
    for url, tree in built.items():
        lang = "en" if url.startswith("en/") else "da"
        canonical = tree.css_first('link[rel="canonical"]')
        assert canonical is not None and canonical.attributes["href"] == SITE_URL + url, url
        title = tree.css_first("title")
        assert title is not None
        assert meta(tree, "og:title") == meta(tree, "twitter:title")
        # "Page – Site"; the front page is the site's name and tagline.
        assert title.text() in (meta(tree, "og:title") + " – Casebook",
                                "Casebook – " + load_strings()["site_tagline"][lang]), url
        assert meta(tree, "og:url") == SITE_URL + url
        assert meta(tree, "og:locale") == {"da": "da_DK", "en": "en_GB"}[lang]
        assert meta(tree, "og:description") == meta(tree, "description") == meta(tree, "twitter:description")
        assert meta(tree, "og:description"), url
        assert meta(tree, "og:image").startswith(SITE_URL) and meta(tree, "og:image:alt")
        assert meta(tree, "twitter:card") == "summary_large_image"
        assert jsonld(tree)["inLanguage"] == lang


def test_descriptions_are_the_case_summaries_in_each_language(built: dict[str, HTMLParser]) -> None:
    project = load_project(ROOT)
    for slug, entry in project.cases.items():
        for lang, prefix in (("da", ""), ("en", "en/")):
            tree = built[f"{prefix}cases/{slug}/"]
            assert meta(tree, "og:description") == entry.case.summary.get(lang)
            assert meta(tree, "og:type") == "article"


def test_case_json_ld_is_an_article_about_its_partners(built: dict[str, HTMLParser]) -> None:
    project = load_project(ROOT)
    for slug, entry in project.cases.items():
        for lang, prefix in (("da", ""), ("en", "en/")):
            data = jsonld(built[f"{prefix}cases/{slug}/"])
            assert data["@context"] == "https://schema.org" and data["@type"] == "Article"
            assert data["headline"] == entry.case.title.get(lang)
            assert data["inLanguage"] == lang
            when = entry.case.period.start if entry.case.period else entry.case.date
            if entry.case.undated:
                assert "datePublished" not in data
            else:
                assert data["datePublished"] == str(when)
            orgs = [project.organisations[p.org] for p in entry.case.true_partners]
            assert [o["name"] for o in data["about"]] == [o.name for o in orgs]
            assert all(o["@type"] == "Organization" for o in data["about"])
            assert [o["url"] for o in data["about"]] == [
                org.website or f"{SITE_URL}{prefix}organisations/{org.id}/" for org in orgs]
            # Participants and hosts are mentioned, not what the article is about.
            around = [project.organisations[p.org].name for p in entry.case.involved]
            assert [o["name"] for o in data.get("mentions", [])] == around


def test_an_undated_case_has_no_publication_date(built: dict[str, HTMLParser]) -> None:
    """The Bydelsmødre case (no year in its source) has neither datePublished nor article:published_time."""
    for prefix in ("", "en/"):
        tree = built[f"{prefix}cases/ibm-bydelsmoedre-erhvervsleder-i-praktik/"]
        assert "datePublished" not in jsonld(tree)
        assert tree.css_first('meta[property="article:published_time"]') is None
        dated = built[f"{prefix}cases/ibm-baba-workshop/"]
        assert jsonld(dated)["datePublished"] == meta(dated, "article:published_time") == "2015-11"


def test_hosts_are_mentioned_not_the_subject(built: dict[str, HTMLParser]) -> None:
    """The mentor programme is about IBM and Foreningen Nydansker; the Folkemødet hosts are mentions."""
    data = jsonld(built["en/cases/ibm-nydansker-erhvervsmentorer/"])
    assert [o["name"] for o in data["about"]] == ["IBM Danmark", "Foreningen Nydansker"]
    assert [o["name"] for o in data["mentions"]] == ["Frivilligrådet", "ressonans"]
    assert data["mentions"][0]["url"] == f"{SITE_URL}en/organisations/frivilligraadet/"


def test_organisation_and_catalogue_json_ld(built: dict[str, HTMLParser]) -> None:
    project = load_project(ROOT)
    for org in project.organisations.values():
        data = jsonld(built[f"en/organisations/{org.id}/"])
        assert data["@type"] == "Organization" and data["name"] == org.name
        assert data["description"] == org.description.en
    for slug, entry in project.catalogues.items():
        data = jsonld(built[f"catalogues/{slug}/"])
        assert data["@type"] == "ItemList"
        items = data["itemListElement"]
        assert [i["name"] for i in items] == [idea.title.da for idea in entry.catalogue.ideas]
        assert [i["position"] for i in items] == list(range(1, len(items) + 1))
        assert [i["url"] for i in items] == [f"{SITE_URL}catalogues/{slug}/{idea.id}/"
                                             for idea in entry.catalogue.ideas]
        assert data["numberOfItems"] == len(items)


def test_sitemap_lists_every_page_with_its_alternates(subpath_site: Path, built: dict[str, HTMLParser]) -> None:
    site = subpath_site
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    entries = {}
    for url in root.findall("s:url", SITEMAP):
        loc = url.findtext("s:loc", namespaces=SITEMAP)
        assert loc is not None and loc.startswith(SITE_URL)
        entries[loc] = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", SITEMAP)}
    assert sorted(entries) == sorted(SITE_URL + url for url in built)
    for url, tree in built.items():
        in_page = {link.attributes["hreflang"]: link.attributes["href"]
                   for link in tree.css('link[rel="alternate"][hreflang]:not([type])')}
        assert entries[SITE_URL + url] == in_page, url
        if url.startswith(("cases/", "en/cases/")):
            neutral = url.removeprefix("en/")
            assert in_page == {"da": SITE_URL + neutral, "en": SITE_URL + "en/" + neutral,
                               "x-default": SITE_URL + neutral}


def test_feeds_are_announced_on_every_page(built: dict[str, HTMLParser]) -> None:
    """Every page links both languages' feeds, without hreflang (that would make a feed the page's alternate)."""
    for url, tree in built.items():
        links = tree.css('link[rel="alternate"][type="application/atom+xml"]')
        assert sorted(urljoin("/" + url, link.attributes["href"] or "") for link in links) == \
            ["/en/feed.xml", "/feed.xml"], url
        assert all("hreflang" not in link.attributes for link in links), url


def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_every_page_has_a_policy_that_allows_exactly_its_inline_scripts(real_site: Path) -> None:
    files = site_pages(real_site)
    assert any(f.name == "404.html" for f in files)
    for path in files:
        tree = HTMLParser(path.read_text(encoding="utf-8"))
        policies = tree.css('meta[http-equiv="Content-Security-Policy"]')
        assert len(policies) == 1, path
        directives = {d.split()[0]: d.split()[1:] for d in (policies[0].attributes["content"] or "").split("; ")}
        scripts = directives["script-src"]
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
        assert directives["object-src"] == ["'none'"] and directives["default-src"] == ["'self'"]
        inline = [s.text() for s in tree.css("script:not([src])")
                  if s.attributes.get("type") in (None, "", "text/javascript", "module")]
        assert inline, path  # Material's bootstrap scripts
        hashes = [s for s in scripts if s.startswith("'sha256-")]
        assert sorted(hashes) == sorted({script_hash(text) for text in inline}), path
        # The policy comes before every script: it applies only to what follows it.
        head = tree.css_first("head")
        assert head is not None
        children = [node.tag for node in head.iter()]
        assert children.index("meta") < children.index("script")


def test_published_bundle_has_no_alternate_sitemap_lookup(real_site: Path, tmp_path: Path) -> None:
    bundle = next((real_site / "assets/javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert theme.ALTERNATE_LOOKUP not in bundle and bundle.count(theme.REMOVED) == 1
    # A bundle without the call (another Material release) stops the build with a clear message.
    other = tmp_path / "assets/javascripts"
    other.mkdir(parents=True)
    (other / "bundle.0000.min.js").write_text("console.log(1)", encoding="utf-8")
    with pytest.raises(theme.ThemeError, match="mkdocs-material version differs"):
        theme.disable_alternate_lookup(tmp_path)


def test_share_image_is_the_case_image_or_the_default(tmp_path: Path) -> None:
    """A case with an image is shared with its copy cut for previews (960 x 640 px: 960 x 504), with its
    size and alt text; a case without one with the site's default image."""
    site = copy_site("minimal", tmp_path / "minimal")
    config = site / "mkdocs.yml"
    edit(config, "site_name: Casebook test\n", "site_name: Casebook test\nsite_url: https://example.org/test/\n")
    result = mkdocs_build(config, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    case = yaml.safe_load((site / "cases/alpha-workshop/case.yml").read_text(encoding="utf-8"))
    first = case["images"][0]
    tree = pages(tmp_path / "out")["en/cases/alpha-workshop/"]
    assert meta(tree, "og:image") == f"https://example.org/test/media/alpha-workshop/{first['file']}/share.jpg"
    assert meta(tree, "og:image:alt") == first["alt"]["en"]
    assert (meta(tree, "og:image:width"), meta(tree, "og:image:height")) == ("960", "504")
    assert jsonld(tree)["image"] == [meta(tree, "og:image")]
    assert (tmp_path / "out/media/alpha-workshop" / first["file"] / "share.jpg").is_file()
    other = pages(tmp_path / "out")["en/cases/beta-mentors/"]
    assert meta(other, "og:image") == "https://example.org/test/assets/images/casebook-share.png"
    assert (tmp_path / "out/assets/images/casebook-share.png").is_file()


def test_jsonld_names_the_publisher(minimal: Path) -> None:
    """A case, a front page and a web page name the publisher as an Organization with its written
    contact, phone, logo and address; an organisation's page does not, nor any page without a publisher."""
    site_plan = plan(minimal)
    by_url = {page.url: page for page in site_plan.pages}
    site = Site("https://example.org/")
    publisher = Publisher.model_validate({
        "name": "Eksempel Kommune", "contact": "web@eksempel.dk", "phone": "+45 12 34 56 78",
        "logo": "images/logo.svg", "postal_address": ["Eksempelvej 1", "1234 Eksempelby"]})
    expected = {"@type": "Organization", "name": "Eksempel Kommune", "email": "web@eksempel.dk",
                "telephone": "+45 12 34 56 78", "logo": "https://example.org/images/logo.svg",
                "address": "Eksempelvej 1, 1234 Eksempelby"}
    for url, kind in (("cases/alpha-workshop/", "Article"), ("en/", "WebSite"), ("about/", "WebPage")):
        data = share.share_view(site_plan, by_url[url], site, publisher).jsonld
        assert (data["@type"], data["publisher"]) == (kind, expected)
        assert "publisher" not in share.share_view(site_plan, by_url[url], site).jsonld
    assert "publisher" not in share.share_view(site_plan, by_url["organisations/acme/"], site, publisher).jsonld
    by_page = Publisher.model_validate({"name": "Eksempel Kommune", "contact": "kontakt/"})
    assert share.share_view(site_plan, by_url["about/"], site, by_page).jsonld["publisher"] == {
        "@type": "Organization", "name": "Eksempel Kommune",
        "contactPoint": {"@type": "ContactPoint", "contactType": "customer support",
                         "url": "https://example.org/kontakt/"}}


# --- the accessibility statement setting ------------------------------------------------------

URLS = {"", "en/", "tilgaengelighed/", "en/tilgaengelighed/", "about/", "en/about/"}


def statement(tmp_path: Path, setting: str | None, urls: set[str] = URLS) -> tuple[dict[str, str], list[str]]:
    config = tmp_path / "mkdocs.yml"
    text = "site_name: x\nextra:\n  casebook:\n" + (f"    accessibility_statement:\n{setting}" if setting else "")
    config.write_text(text, encoding="utf-8")
    extra = yaml.safe_load(text)["extra"]
    settings, issues = read_config(Given(extra["casebook"] or {}, config), urls)
    # Only the statement's problems: these settings name no publisher, which is warned about too.
    return settings.accessibility_statement, [i.format() for i in issues if i.code == "config.statement"]


def test_statement_defaults_to_the_sites_own_pages(tmp_path: Path) -> None:
    assert statement(tmp_path, None) == ({"da": "tilgaengelighed/", "en": "en/tilgaengelighed/"}, [])
    links, problems = statement(tmp_path, None, {"", "en/"})
    assert links == {}
    assert problems == ["mkdocs.yml: warning: extra.casebook.accessibility_statement: the site has no "
                        "accessibility statement, so the footer cannot link one (write content/tilgaengelighed.da.md "
                        "and .en.md, or set extra.casebook.accessibility_statement to the statement's address)"]


def test_statement_may_be_another_page_or_an_address_elsewhere(tmp_path: Path) -> None:
    links, problems = statement(tmp_path, "      da: about/\n      en: https://was.digst.dk/x\n")
    assert (links, problems) == ({"da": "about/", "en": "https://was.digst.dk/x"}, [])


def test_statement_that_is_no_page_is_an_error_at_its_line(tmp_path: Path) -> None:
    _, problems = statement(tmp_path, "      da: tilgængelighed/\n      en: ftp://x.org/a\n")
    assert problems == [
        "mkdocs.yml:5:7: extra.casebook.accessibility_statement.da: the accessibility statement 'tilgængelighed/' "
        "is not a page of the site (write the page (e.g. content/tilgaengelighed.da.md) or correct the path)",
        "mkdocs.yml:6:7: extra.casebook.accessibility_statement.en: 'ftp://x.org/a' is not a web address "
        "(give the path of a page of the site or an https:// address)"]


def test_build_stops_on_a_wrong_statement_setting(minimal: Path, tmp_path: Path) -> None:
    edit(minimal / "mkdocs.yml", "da: https://was.digst.dk/casebook-test", "da: tilgaengelighed/")
    result = mkdocs_build(minimal / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert "mkdocs.yml:" in result.stderr and "is not a page of the site" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_inline_scripts_are_exactly_those_the_browser_runs() -> None:
    page = ('<html><head><meta charset="utf-8"><script>a()</script>'
            '<script src="x.js"></script><script type="application/ld+json">{"a": 1}</script>'
            '<SCRIPT type="module">\nb()</SCRIPT ><script type=text/javascript>c("</scr" + "ipt>")</script>'
            '<script id="__config" type="application/json">{}</script></head><body></body></html>')
    assert csp.inline_scripts(page) == ["a()", "\nb()", 'c("</scr" + "ipt>")']
    protected = csp.add_policy(page)
    assert protected.index("Content-Security-Policy") < protected.index("<script")
    assert protected.startswith('<html><head><meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy"')
    with pytest.raises(ValueError, match="no <head>"):
        csp.add_policy("<p>fragment</p>")
