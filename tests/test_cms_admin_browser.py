"""/admin/ in Chromium against Decap's local backend (decap-server, MODE=fs, on 127.0.0.1): the Danish UI
starts under the page's own policy with the casebook-yaml format registered, lists the cases, and previews
a case with the site's stylesheet; no request leaves 127.0.0.1 and nothing breaks the policy."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, copy_site, mkdocs_build, require_cms_tools
from playwright.sync_api import Browser, expect

from casebook.publish import cms
from tools.static_host import serve

MODULES = ROOT / "tools" / "cms" / "node_modules"

@pytest.fixture(autouse=True, scope="module")
def _cms_tools() -> None:
    require_cms_tools("decap-server")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, "decap-server stopped"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError("decap-server did not start listening")


@pytest.fixture(scope="module")
def admin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The minimal site with /admin/, served, its local backend on a free port; the address of /admin/."""
    source = copy_site("minimal", tmp_path_factory.mktemp("admin-browser") / "minimal")
    port = _free_port()
    config = ROOT / "cms" / "config.yml"
    (source / "cms").mkdir()
    (source / "cms" / "config.yml").write_text(
        config.read_text(encoding="utf-8").replace("127.0.0.1:8081", f"127.0.0.1:{port}"), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(cms.MODULES_VARIABLE, str(MODULES))
        result = mkdocs_build(source / "mkdocs.yml", source / "site")
    assert result.returncode == 0, result.stderr
    env = {**os.environ, "MODE": "fs", "BIND_HOST": "127.0.0.1", "PORT": str(port),
           "GIT_REPO_DIRECTORY": str(source), "LOG_LEVEL": "error"}
    node = shutil.which("node")
    assert node, "decap-server needs Node.js"
    server = subprocess.Popen([node, str(MODULES / "decap-server" / "dist" / "index.js")], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    try:
        _wait_for(port, server)
        httpd, base = serve(source / "site")
        yield base + "admin/"
        httpd.shutdown()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_admin_starts_in_danish_and_previews_a_case(browser: Browser, admin: str) -> None:
    """Decap starts (after casebook-cms.js registered its format), speaks Danish, lists the cases and shows
    a case's preview with the site's stylesheet; every request stays on 127.0.0.1, no policy violation."""
    page = browser.new_page()
    hosts: set[str] = set()
    problems: list[str] = []
    # A blob: or data: address is made in the page itself; a blob's origin is the page's.
    page.on("request", lambda request: hosts.add(urlsplit(request.url.removeprefix("blob:")).hostname
                                                 or request.url.split(",")[0]))
    page.on("console", lambda message: problems.append(message.text)
            if message.type == "error" or "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(admin)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_test_id("cases")).to_have_text("Cases", timeout=30_000)
    expect(page.get_by_text("Alfa-workshoppen")).to_be_visible()  # the cases listed by their Danish titles
    expect(page.get_by_text("Betamentorerne")).to_be_visible()
    assert sorted(page.evaluate("Object.keys(CMS.getCustomFormats())")) == [
        "casebook-case-yaml", "casebook-catalogue-yaml", "casebook-yaml"]
    page.goto(admin + "#/collections/cases/entries/alpha-workshop/case")
    preview = page.frame_locator("iframe").first
    expect(preview.locator(".cb-case h1")).to_have_text("Alfa-workshoppen", timeout=30_000)
    # The site's stylesheets reached the preview (casebook-cms.js registers them).
    assert preview.locator("link[rel=stylesheet]").count() >= 1
    assert hosts == {"127.0.0.1"}, hosts
    assert not problems, problems
    page.close()
