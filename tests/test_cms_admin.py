"""/admin/ (Decap CMS, casebook/publish/cms.py): in the built site with its files when Decap is installed,
left out (and said so) when it is not; no page of the site (not in the sitemap or the search index); its
page names no other host, has its own policy and leaves the public pages' policy as it was."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, copy_site, mkdocs_build, require_cms_tools, site_pages
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from casebook.publish import cms
from casebook.publish.csp import BASE_POLICY

MODULES = ROOT / "tools" / "cms" / "node_modules"
CONFIG = ROOT / "cms" / "config.yml"
SITE_URL = "https://example.org/casebook/"

needs_decap = pytest.mark.usefixtures("decap_installed")


@pytest.fixture
def decap_installed() -> None:
    require_cms_tools()


def build(tmp: Path, modules: Path) -> tuple[Path, str]:
    """The minimal site with a CMS configuration, built with Decap looked for in ``modules``; the built
    folder and what the build printed."""
    source = copy_site("minimal", tmp / "minimal")
    with (source / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"site_url: {SITE_URL}\n")  # for the sitemap
    (source / "cms").mkdir()
    shutil.copy2(CONFIG, source / "cms" / "config.yml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(cms.MODULES_VARIABLE, str(modules))
        result = mkdocs_build(source / "mkdocs.yml", source / "site")
    assert result.returncode == 0, result.stderr
    return source / "site", result.stderr


@pytest.fixture(scope="module")
def with_admin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    require_cms_tools()
    yield build(tmp_path_factory.mktemp("admin"), MODULES)


@needs_decap
def test_the_site_has_admin_with_decap_and_casebooks_files(with_admin: tuple[Path, str]) -> None:
    """/admin/ holds its page, the configuration, Decap's bundle and the chunks it loads, the yaml package
    and Casebook's scripts; no source map, no copy of Decap's other bundle (*.cms.js)."""
    site, log = with_admin
    admin = site / "admin"
    names = {path.relative_to(admin).as_posix() for path in admin.rglob("*") if path.is_file()}
    assert {"index.html", "config.yml", "decap-cms.js", "casebook-cms.js", "casebook-cms-init.js",
            "casebook-yaml.js", "yaml/index.js", "yaml/dist/index.js"} <= names
    chunks = {name for name in names if name.endswith(".decap-cms.js")}
    dist = MODULES / "decap-cms" / "dist"
    assert chunks == {path.name for path in dist.glob("*.decap-cms.js")} and len(chunks) > 50
    assert not any(name.endswith(".map") or name.endswith(".cms.js") and not name.endswith("decap-cms.js")
                   for name in names)
    # The bundle loads its chunks as "<id>.decap-cms.js", beside itself.
    assert '+".decap-cms.js"' in (admin / "decap-cms.js").read_text(encoding="utf-8")
    assert (admin / "config.yml").read_bytes() == (site.parent / "cms" / "config.yml").read_bytes()
    assert "CMS: wrote /admin/ (Decap CMS 3.16.3)." in log


@needs_decap
def test_the_admin_page_names_no_other_host_and_has_its_own_policy(with_admin: tuple[Path, str]) -> None:
    """The page is Danish, not indexed, loads only files of the site, and its policy adds only what Decap
    needs: 'unsafe-eval', inline styles, and the configured backends."""
    site, _ = with_admin
    html = (site / "admin" / "index.html").read_text(encoding="utf-8")
    tree = HTMLParser(html)
    assert tree.css_first("html").attributes["lang"] == "da"
    assert tree.css_first('meta[name="robots"]').attributes["content"].startswith("noindex")
    for node in tree.css("[src], [href]"):
        for name in ("src", "href"):
            value = node.attributes.get(name)
            assert value is None or not urlsplit(value).netloc and not value.startswith("//"), value
    assert not [s for s in tree.css("script") if not s.attributes.get("src")], "no inline script"
    assert not tree.css("style, [style]"), "no inline style"
    meta = tree.css_first('meta[http-equiv="Content-Security-Policy"]')
    policy = dict(part.strip().split(" ", 1) for part in meta.attributes["content"].split(";"))
    assert policy["script-src"] == "'self' 'unsafe-eval'"
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["connect-src"] == "'self' http://127.0.0.1:8081 https://api.github.com"
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    # The previews use the site's own stylesheets, which exist.
    styles = tree.css_first("script[data-preview-styles]").attributes["data-preview-styles"].split()
    assert styles and all((site / "admin" / style).resolve().is_file() for style in styles)


@needs_decap
def test_the_public_pages_keep_their_policy(with_admin: tuple[Path, str]) -> None:
    """'unsafe-eval' holds for /admin/ alone: every other page has the site's policy, without it."""
    site, _ = with_admin
    pages = site_pages(site)
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
        assert policy and "'unsafe-eval'" not in policy[1] and policy[1].startswith(
            "default-src 'self'; script-src " + " ".join(BASE_POLICY["script-src"])), page


@needs_decap
def test_admin_is_no_page_of_the_sitemap_or_the_search_index(with_admin: tuple[Path, str]) -> None:
    """Neither the sitemap nor Pagefind's index (the pages it returns) names /admin/."""
    site, _ = with_admin
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>" in sitemap and "admin" not in sitemap
    urls = []
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.append(json.loads(data[len(b"pagefind_dcd"):])["url"])
    assert urls and not [url for url in urls if "admin" in url]


def test_without_decap_the_site_is_complete_without_admin(tmp_path: Path) -> None:
    """No Decap installed (an empty folder of npm packages): no /admin/, and the build says it left it out."""
    site, log = build(tmp_path, tmp_path / "no-node-modules")
    assert not (site / "admin").exists()
    assert (site / "index.html").is_file() and (site / "sitemap.xml").is_file()
    assert "CMS: /admin/ was left out: Decap CMS is not installed" in log


@needs_decap
def test_without_a_configuration_there_is_no_admin(tmp_path: Path) -> None:
    """A project without cms/config.yml gets no /admin/ either, and the build says why."""
    source = copy_site("minimal", tmp_path / "minimal")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(cms.MODULES_VARIABLE, str(MODULES))
        result = mkdocs_build(source / "mkdocs.yml", source / "site")
    assert result.returncode == 0, result.stderr
    assert not (source / "site" / "admin").exists()
    assert "CMS: /admin/ was left out: the project has no cms/config.yml" in result.stderr


def test_the_policy_follows_the_configured_backends() -> None:
    """The local backend's port and the GitHub API come from the configuration; nothing else is allowed."""
    local = {"local_backend": {"url": "http://127.0.0.1:8181/api/v1"}, "backend": {"name": "git-gateway"}}
    assert cms.backend_origins(local) == ["http://127.0.0.1:8181"]
    github = {"local_backend": True, "backend": {"name": "github", "repo": "a/b"}}
    assert cms.backend_origins(github) == ["http://localhost:8081", "https://api.github.com"]
    assert "https://avatars.githubusercontent.com" in cms.admin_policy(github)
    assert "githubusercontent" not in cms.admin_policy(local)
    oauth = {"backend": {"name": "github", "base_url": "https://auth.example.org/x", "auth_type": "pkce"}}
    assert cms.backend_origins(oauth) == ["https://api.github.com", "https://auth.example.org"]


@needs_decap
def test_the_preview_keeps_the_files_it_served(tmp_path: Path) -> None:
    """`mkdocs serve` rebuilds: Decap's files already served as they are installed are kept, not copied
    again; the page and anything changed are written."""
    decap = cms.find_decap(ROOT)
    assert decap is not None
    served, staging = tmp_path / "site", tmp_path / "site.staging"
    first = cms.write_admin(served, decap, CONFIG, site_name="Casebook", styles=[])
    assert not first.kept and "admin/decap-cms.js" in first.written
    again = cms.write_admin(staging, decap, CONFIG, site_name="Casebook", styles=[], served=served)
    assert "admin/decap-cms.js" in again.kept and "admin/config.yml" in again.kept
    assert again.written == ["admin/index.html"]
    assert set(again.kept) | set(again.written) == set(first.written)


@needs_decap
def test_admin_is_not_in_the_feeds_or_the_open_data(with_admin: tuple[Path, str]) -> None:
    """The feeds and the open data describe the cases only: /admin/ is named in none of them."""
    site, _ = with_admin
    files = [site / "feed.xml", site / "en" / "feed.xml", *(site / "data").iterdir()]
    assert len(files) >= 5
    assert not [path for path in files if "admin" in path.read_text(encoding="utf-8")]
