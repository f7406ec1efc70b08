"""No broken internal links, anchors or images anywhere in the built site: every address a page names
(links, stylesheets, scripts, images and their srcset, forms, preview images) resolves to a built file, and
every #fragment to an id on its page. Addresses on other hosts are counted, not fetched."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from conftest import ROOT, SiteReport, site_pages
from mkdocs.config import load_config
from selectolax.lexbor import LexborHTMLParser as HTMLParser

# Where a page names another address: (CSS selector, attribute).
URL_ATTRIBUTES = [
    ("a[href], area[href], link[href]", "href"),
    ("img[src], script[src], source[src], iframe[src], audio[src], video[src], track[src], embed[src]", "src"),
    ("video[poster]", "poster"),
    ("form[action]", "action"),
    ('meta[property="og:image"], meta[property="og:url"], meta[name="twitter:image"]', "content"),
]
SRCSET = "img[srcset], source[srcset]"
# The origin pages are resolved against when the site has no public address (site_url).
LOCAL = "http://casebook.invalid/"
NOT_FETCHABLE = ("mailto:", "tel:", "data:")


@dataclass
class LinkReport:
    checked: int = 0
    external: int = 0
    broken: list[str] = field(default_factory=list)


def addresses(html: str) -> Iterator[str]:
    """Every address named in a page, srcset candidates one by one."""
    tree = HTMLParser(html)
    for selector, attribute in URL_ATTRIBUTES:
        for node in tree.css(selector):
            yield (node.attributes.get(attribute) or "").strip()
    for node in tree.css(SRCSET):
        for candidate in (node.attributes.get("srcset") or "").split(","):
            if candidate.strip():
                yield candidate.split()[0]


@cache
def _anchors(page: Path) -> frozenset[str]:
    tree = HTMLParser(page.read_text(encoding="utf-8"))
    ids = {node.attributes.get("id") or "" for node in tree.css("[id]")}
    return frozenset(ids | {node.attributes.get("name") or "" for node in tree.css("a[name]")})


def target_file(site: Path, path: str) -> Path | None:
    """The file a static host serves for ``path`` (below the site's root), directories by their index.html."""
    file = site / unquote(path)
    if path == "" or path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def check_site(site: Path, site_url: str | None) -> LinkReport:
    """Check every address in every HTML file below ``site``, as published at ``site_url``."""
    origin = site_url or LOCAL
    report = LinkReport()
    for page in site_pages(site):
        page_url = urljoin(origin, page.relative_to(site).as_posix())
        for address in addresses(page.read_text(encoding="utf-8")):
            if address.startswith(NOT_FETCHABLE):
                continue
            report.checked += 1
            url, fragment = urldefrag(urljoin(page_url, address))
            where = f"{page.relative_to(site)}: {address}"
            if urlsplit(url).scheme not in ("http", "https") or urlsplit(url).netloc != urlsplit(origin).netloc:
                report.external += 1
                continue
            if not url.startswith(origin):
                report.broken.append(f"{where} (outside the site, {origin})")
                continue
            target = target_file(site, urlsplit(url[len(origin):]).path)
            if target is None:
                report.broken.append(f"{where} (no such file)")
            elif fragment and fragment.lower() != "top" and (
                    target.suffix != ".html" or unquote(fragment) not in _anchors(target)):
                report.broken.append(f"{where} (no id {unquote(fragment)!r} on {target.relative_to(site)})")
    return report


@pytest.mark.build
def test_no_broken_links_anchors_or_images(real_site: Path, site_report: SiteReport) -> None:
    """Across every HTML file of the real site, every internal address and #fragment exists."""
    report = check_site(real_site, load_config(str(ROOT / "mkdocs.yml")).site_url)
    site_report.add("links: checked", report.checked)
    site_report.add("links: external (not fetched)", report.external)
    site_report.add("links: broken", len(report.broken))
    assert report.checked > 1000
    assert not report.broken, f"{len(report.broken)} broken address(es):\n" + "\n".join(report.broken)


def test_checker_finds_each_kind_of_broken_address(tmp_path: Path) -> None:
    """A missing page, anchor, image, srcset candidate and stylesheet are each reported; good ones are not."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">A</h2><img src="pic.png" alt="">', encoding="utf-8")
    (tmp_path / "a" / "pic.png").write_bytes(b"")
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="missing.css"><a href="a/">ok</a> <a href="a">ok</a>'
        ' <a href="a/#here">ok</a> <a href="#top">ok</a> <a href="https://other.example/">external</a>'
        ' <a href="/a/index.html#gone">anchor</a> <a href="b/">page</a> <a href="mailto:x@example.org">mail</a>'
        ' <img src="a/nope.png" alt=""> <img srcset="a/pic.png 1x, a/pic-2x.png 2x" alt="">'
        ' <a href="https://site.example/other-root/">outside</a>',
        encoding="utf-8")
    report = check_site(tmp_path, "https://site.example/root/")
    assert report.broken == [
        "index.html: missing.css (no such file)",
        "index.html: /a/index.html#gone (outside the site, https://site.example/root/)",
        "index.html: b/ (no such file)",
        "index.html: https://site.example/other-root/ (outside the site, https://site.example/root/)",
        "index.html: a/nope.png (no such file)",
        "index.html: a/pic-2x.png (no such file)",
    ]
    assert (report.checked, report.external) == (13, 1)
    assert check_site(tmp_path, None).broken[1] == "index.html: /a/index.html#gone (no id 'gone' on a/index.html)"
