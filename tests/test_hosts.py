"""The host configurations: the _headers file the build writes, the CI files against their published
schemas, netlify.toml, and the sample nginx configuration checked by nginx and serving a site built
for a sub-path."""

from __future__ import annotations

import gzip
import os
import re
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from casebook.publish.headers import IMMUTABLE, SECURITY, headers_file, rules
from casebook.site.urls import FINGERPRINTED, HEADERS_FILE

WORKFLOWS = {".github/workflows/site.yml": ["--builtin-schema", "vendor.github-workflows"],
             ".gitlab-ci.yml": ["--builtin-schema", "vendor.gitlab-ci", "--data-transform", "gitlab-ci"]}


def test_headers_file_is_exact() -> None:
    """_headers: the headers a meta tag cannot carry for every file, then a year's caching per fingerprinted prefix."""
    text = headers_file()
    assert "\n/*\n  Content-Security-Policy: frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n" \
           "  Referrer-Policy: same-origin\n\n/assets/javascripts/bundle.*\n" \
           "  Cache-Control: public, max-age=31536000, immutable\n" in text
    assert [path for path, _ in rules()] == ["/*", "/assets/javascripts/bundle.*",
                                             "/assets/javascripts/workers/search.*", "/assets/stylesheets/main.*",
                                             "/assets/stylesheets/palette.*", "/pagefind/fragment/*",
                                             "/pagefind/index/*", "/pagefind/filter/*", "/pagefind/pagefind.da_*",
                                             "/pagefind/pagefind.en_*"]
    assert text.endswith("/pagefind/pagefind.en_*\n  Cache-Control: public, max-age=31536000, immutable\n")


def test_headers_rules_never_send_two_cache_controls() -> None:
    """No path matches two rules with a Cache-Control (Cloudflare Pages would join them) and the CSP is
    frame-ancestors alone (a second script-src would block the pages' hashed inline scripts)."""
    caching = [path[:-1] for path, headers in rules() if "Cache-Control" in headers]
    assert all(path.endswith("*") for path, _ in rules())
    assert len(caching) == len(FINGERPRINTED) and "/*" not in [p for p, h in rules() if "Cache-Control" in h]
    assert not [(a, b) for a in caching for b in caching if a != b and a.startswith(b)]
    assert SECURITY["Content-Security-Policy"] == "frame-ancestors 'none'"
    assert all(headers == {"Cache-Control": IMMUTABLE} for path, headers in rules()[1:])


@pytest.mark.parametrize("path", sorted(WORKFLOWS))
def test_ci_files_match_their_published_schemas(path: str) -> None:
    """The GitHub workflow and the GitLab CI file validate against the schemas check-jsonschema ships."""
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", *WORKFLOWS[path], str(ROOT / path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_netlify_builds_like_the_other_hosts() -> None:
    """netlify.toml publishes mkdocs.yml's site_dir, built with the Python version CI uses, at Netlify's address."""
    netlify = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    python = next(step["with"]["python-version"] for step in workflow["jobs"]["check"]["steps"]
                  if step.get("uses", "").startswith("actions/setup-python"))
    assert f"\nsite_dir: {netlify['build']['publish']}\n" in mkdocs
    assert netlify["build"]["environment"]["PYTHON_VERSION"] == python == "3.11"
    assert gitlab["image"] == f"python:{python}-bookworm"
    # Decap CMS for /admin/ (Netlify's images have npm).
    assert netlify["build"]["command"] == ('pip install -r requirements.txt && '
                                           'npm ci --prefix tools/cms --no-audit --no-fund && '
                                           'CASEBOOK_SITE_URL="${CASEBOOK_SITE_URL:-$URL/}" mkdocs build')


# --- the sample nginx configuration ------------------------------------------------------------------

NGINX_SAMPLE = ROOT / "deploy" / "nginx.conf"
PREFIX = "/casebook/"


def nginx_binary() -> str:
    """Debian's nginx (in /usr/sbin, which a user's PATH may lack); `make test` installs it."""
    found = [p for p in ("/usr/sbin/nginx", "/usr/bin/nginx") if Path(p).exists()]
    assert found, "the web-server tests need nginx: run `make nginx` (Debian: apt-get install nginx-light)"
    return found[0]


def nginx_config(work: Path, root: Path, port: int) -> Path:
    """A whole nginx.conf in ``work`` around the sample: its port and root replaced, everything else as
    written. nginx runs in the foreground with its pid, log and temporary files in ``work``."""
    sample = NGINX_SAMPLE.read_text(encoding="utf-8")
    for old in ("listen 80;", "root /srv/www;"):
        assert sample.count(old) == 1, old
    server = sample.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("root /srv/www;", f"root {root};")
    (work / "casebook.conf").write_text(server, encoding="utf-8")
    version = subprocess.run([nginx_binary(), "-V"], capture_output=True, text=True, check=True).stderr
    conf_path = re.search(r"--conf-path=(\S+)", version)
    mime_types = Path(conf_path[1] if conf_path else "/etc/nginx/nginx.conf").parent / "mime.types"
    temp = " ".join(f"{kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, nginx's workers would run as nobody, who may not read the test's temporary folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    config = work / "nginx.conf"
    config.write_text(f"{user}daemon off;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'};\n"
                      f"events {{}}\nhttp {{\n  include {mime_types};\n  default_type application/octet-stream;\n"
                      f"  access_log off;\n  {temp}\n  include {work / 'casebook.conf'};\n}}\n", encoding="utf-8")
    return config


def test_nginx_accepts_the_sample(tmp_path: Path) -> None:
    """`nginx -t` accepts deploy/nginx.conf inside an http block, as Debian's conf.d includes it."""
    config = nginx_config(tmp_path, tmp_path / "www", 8080)
    result = subprocess.run([nginx_binary(), "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c",
                             str(config)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr and "[warn]" not in result.stderr, result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int, server: subprocess.Popen[str], log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text(encoding="utf-8") if log.exists() else "nginx stopped"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("nginx did not start listening")


@dataclass
class Served:
    """The site built for http://127.0.0.1:<port>/casebook/, in ``site``, served there by nginx."""

    site: Path
    base: str

    def get(self, path: str, gzip_ok: bool = False) -> tuple[int, dict[str, str], bytes]:
        """Status, headers (lower-case names) and raw body of ``path`` under the sub-path; no redirect followed."""
        request = urllib.request.Request(self.base + path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
        except urllib.error.HTTPError as error:
            return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The real content built for a sub-path and served by nginx with the sample configuration."""
    work = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    site = work / "www" / PREFIX.strip("/")
    env = {**os.environ, "CASEBOOK_SITE_URL": f"http://127.0.0.1:{port}{PREFIX}"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                            capture_output=True, text=True, check=False, cwd=ROOT,
                            env={**env, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    config = nginx_config(work, work / "www", port)
    server = subprocess.Popen([nginx_binary(), "-p", str(work), "-e", str(work / "error.log"), "-c", str(config)],
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        _wait_for(port, server, work / "error.log")
        yield Served(site, f"http://127.0.0.1:{port}{PREFIX}")
    finally:
        server.terminate()
        server.wait(timeout=10)


def _security(headers: dict[str, str]) -> dict[str, str]:
    return {name: headers.get(name.lower(), "") for name in SECURITY}


@pytest.mark.build
def test_the_build_writes_the_headers_file_for_the_site_folder(served: Served) -> None:
    """Built for a sub-path, _headers is the same (its paths start at the site's folder), and each
    fingerprinted prefix names files whose names carry a hash."""
    assert (served.site / HEADERS_FILE).read_text(encoding="utf-8") == headers_file()
    for prefix in FINGERPRINTED:
        matched = [p for p in served.site.rglob("*") if p.is_file() and p.relative_to(served.site).as_posix()
                   .startswith(prefix)]
        assert matched, prefix
        assert all(re.search(r"[0-9a-f]{7,}", p.name) for p in matched), prefix


@pytest.mark.build
def test_nginx_serves_a_page_under_the_sub_path(served: Served) -> None:
    """A page: 200 as HTML, the headers a meta tag cannot carry, revalidated, gzip to a browser that accepts it."""
    status, headers, body = served.get("cases/", gzip_ok=True)
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert _security(headers) == SECURITY and headers["cache-control"] == "no-cache"
    assert headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == (served.site / "cases" / "index.html").read_bytes()
    status, headers, _ = served.get("cases")
    assert (status, headers["location"]) == (301, f"{PREFIX}cases/")


@pytest.mark.build
def test_nginx_caches_fingerprinted_files_for_good(served: Served) -> None:
    """The page's own stylesheet and every fingerprinted file: immutable; the rest of the assets: revalidated."""
    page = (served.site / "cases" / "index.html").read_text(encoding="utf-8")
    stylesheet = re.search(r'href="\.\./(assets/stylesheets/main\.[0-9a-f]+\.min\.css)"', page)
    assert stylesheet, "the page links Material's stylesheet"
    assert served.get(stylesheet[1])[1]["cache-control"] == IMMUTABLE
    fingerprinted = sorted(p.relative_to(served.site).as_posix() for p in served.site.rglob("*") if p.is_file()
                           and p.relative_to(served.site).as_posix().startswith(FINGERPRINTED))
    assert {path: served.get(path)[1]["cache-control"] for path in fingerprinted} == \
           dict.fromkeys(fingerprinted, IMMUTABLE)
    for path in ("assets/stylesheets/casebook.css", "pagefind/pagefind-entry.json", "pagefind/pagefind.js",
                 "feed.xml", "data/cases.json"):
        status, headers, _ = served.get(path)
        assert (status, headers["cache-control"], _security(headers)) == (200, "no-cache", SECURITY), path


@pytest.mark.build
def test_nginx_compresses_text_but_not_pagefinds_index(served: Served) -> None:
    """Stylesheets, scripts, the feed and the open data go gzip-compressed; Pagefind's own gzip files do not."""
    for path in ("assets/stylesheets/casebook.css", "assets/javascripts/casebook-search.js", "feed.xml",
                 "data/cases.json", "data/cases.csv"):
        status, headers, body = served.get(path, gzip_ok=True)
        assert (status, headers.get("content-encoding")) == (200, "gzip"), path
        assert gzip.decompress(body) == (served.site / path).read_bytes(), path
    assert served.get("data/cases.csv")[1]["content-type"] == "text/csv; charset=utf-8"
    wasm = served.get("pagefind/wasm.da.pagefind", gzip_ok=True)[1]
    assert "content-encoding" not in wasm


@pytest.mark.build
def test_nginx_answers_a_missing_page_with_the_sites_404(served: Served) -> None:
    """A missing page: 404 with the site's 404 page and the same headers; the headers file is not published."""
    status, headers, body = served.get("no-such-page/")
    assert status == 404 and body == (served.site / "404.html").read_bytes()
    assert _security(headers) == SECURITY and headers["cache-control"] == "no-cache"
    assert f'href="{PREFIX}assets/stylesheets/' in body.decode("utf-8")
    assert served.get(HEADERS_FILE)[0] == 404
