"""Decap CMS at /admin/ in a real browser against its local backend (decap-server): the Danish UI lists the
seed cases; a case and its story written through the forms validate and build in both languages; an edited
story changes only its own file; in the editorial workflow a draft goes to a cms/ branch, not to main. No
request leaves 127.0.0.1. axe-core's findings on the admin screens are reported, not failed: Decap's own
accessibility is not ours to fix, but it should be known."""

from __future__ import annotations

import html
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SiteReport, build_log, git_status, mkdocs_build, require_cms_tools, tracked_copy
from playwright.sync_api import Browser, BrowserContext, Page
from test_accessibility import AXE, RUN_AXE, WCAG_TAGS, describe

from tools.decap_ui import (
    Admin,
    answers,
    control,
    fill_pair,
    first_item,
    markdown_editor,
    open_story,
    pick,
    publish,
    sign_in,
    write,
)
from tools.static_host import serve

pytestmark = pytest.mark.browser

CMS_TOOLS = ROOT / "tools" / "cms" / "node_modules"
WAIT = 20.0  # seconds for what the backend writes to reach the disk, and for decap-server to answer
AXE_REPORT = "axe-core on /admin/ (reported, not failing: Decap's own accessibility)"


@dataclass(frozen=True)
class CmsTools:
    """What the tests run: the /admin/ folder as the build writes it, and decap-server's script."""

    admin: Path
    decap_server: Path


# --- the one fixture that knows where /admin/ and decap-server come from --------------------------------


@pytest.fixture(scope="module")
def cms_tools(request: pytest.FixtureRequest) -> CmsTools:
    """``site/admin`` of this project built (the session's real_site), and decap-server from tools/cms/."""
    decap_server = CMS_TOOLS / "decap-server" / "dist" / "index.js"
    require_cms_tools("decap-server")
    real_site = request.getfixturevalue("real_site")
    admin = real_site / "admin"
    assert (admin / "index.html").is_file(), f"the build left /admin/ out; it said:\n{build_log(real_site)}"
    assert (admin / "config.yml").is_file(), f"/admin/ has no config.yml: {admin}"
    return CmsTools(admin, decap_server)


# --- the servers: decap-server on a copy of the project, the admin on a static host ---------------------


def free_port(index: int) -> int:
    """The ``index``-th port of CASEBOOK_TEST_PORTS (comma-separated; for a machine that hands out ports),
    else one the system has free."""
    given = os.environ.get("CASEBOOK_TEST_PORTS")
    if given:
        return int(given.split(",")[index])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(condition: Callable[[], Any], what: str, timeout: float = WAIT) -> Any:
    """Poll ``condition`` until it returns something true (and return it), failing after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)
    return result


@dataclass
class Backend:
    """decap-server running on a copy of the project; its address, and the admin page that uses it."""

    project: Path
    api: str
    admin_url: str = ""


def backend_answers(api: str, process: subprocess.Popen[bytes], log: Path) -> bool:
    """Whether decap-server answers its ``info`` action yet (failing at once if it has stopped)."""
    if process.poll() is not None:
        pytest.fail(f"decap-server stopped (exit {process.returncode}):\n{log.read_text(errors='replace')}")
    return answers(api)


@pytest.fixture(scope="module")
def decap(cms_tools: CmsTools, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Backend]]:
    """Start decap-server in a ``MODE`` (fs or git) on a fresh committed copy of the project; stopped after the
    module's tests."""
    running: list[subprocess.Popen[bytes]] = []

    def start(mode: str) -> Backend:
        project = tracked_copy(tmp_path_factory.mktemp(f"cms-{mode}"))
        (project / "tools" / "cms").mkdir(parents=True, exist_ok=True)
        (project / "tools" / "cms" / "node_modules").symlink_to(CMS_TOOLS)  # its build finds /admin/ as ours does
        for key, value in (("user.name", "Casebook test"), ("user.email", "test@casebook.invalid")):
            subprocess.run(["git", "config", key, value], cwd=project, check=True)  # decap-server commits (git)
        port = free_port(len(running) + 1)
        log = project.parent / "decap-server.log"
        env = {**os.environ, "BIND_HOST": "127.0.0.1", "PORT": str(port), "MODE": mode,
               "GIT_REPO_DIRECTORY": str(project)}
        with log.open("wb") as out:
            process = subprocess.Popen(["node", str(cms_tools.decap_server)], env=env, stdout=out,
                                       stderr=subprocess.STDOUT)
        running.append(process)
        api = f"http://127.0.0.1:{port}/api/v1"
        wait_for(lambda: backend_answers(api, process, log), f"decap-server ({mode}) on port {port}")
        return Backend(project, api)

    yield start
    for process in running:
        process.terminate()
        process.wait(timeout=10)


def admin_copy(source: Path, dest: Path, api: str, publish_mode: str | None) -> None:
    """/admin/ copied to ``dest`` with its configuration pointed at the backend on ``api`` (and its CSP, if the
    page names the default address), with ``publish_mode`` or none."""
    shutil.copytree(source, dest)
    default = "http://127.0.0.1:8081/api/v1"
    index = dest / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace(default.removesuffix("/api/v1"),
                                                                api.removesuffix("/api/v1")), encoding="utf-8")
    config = yaml.safe_load((dest / "config.yml").read_text(encoding="utf-8"))
    config["local_backend"] = {"url": api}
    config.pop("publish_mode", None)
    if publish_mode:
        config["publish_mode"] = publish_mode
    (dest / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def servers(cms_tools: CmsTools, decap: Callable[[str], Backend],
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Backend]]:
    """Two backends and their admin pages on one static host: ``fs`` (the files, published at once, as
    `make cms` edits) and ``git`` (the editorial workflow: drafts on branches)."""
    host = tmp_path_factory.mktemp("cms-host")
    backends = {"fs": decap("fs"), "git": decap("git")}
    for name, backend in backends.items():
        admin_copy(cms_tools.admin, host / name / "admin", backend.api,
                   "editorial_workflow" if name == "git" else None)
    httpd, base = serve(host, port=free_port(0))
    for name, backend in backends.items():
        backend.admin_url = f"{base}{name}/admin/"
    yield backends
    httpd.shutdown()
    httpd.server_close()


# --- the browser -----------------------------------------------------------------------------------------


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser context per test (no signed-in state or draft carried over)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def admin(context: BrowserContext, servers: dict[str, Backend]) -> Admin:
    """The admin page on the fs backend, signed in."""
    return sign_in(context, servers["fs"].admin_url)


def report_axe(page: Page, screen: str, site_report: SiteReport) -> None:
    """axe-core's WCAG A/AA findings on the screen as it is, printed and added to the run's summary."""
    lines = site_report.tables.setdefault(AXE_REPORT, [])
    if not AXE.exists():
        lines.append(f"{screen}: not checked, axe-core is missing (run `make browser-tools`)")
        return
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = page.evaluate(RUN_AXE, WCAG_TAGS)
    summary = ", ".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])})" for v in found) or "no violations"
    lines.append(f"{screen}: {summary}")
    print(f"\naxe-core on {screen}: {summary}\n{describe(found, page.url)}")


def seed_titles() -> dict[str, str]:
    """The seed cases' Danish titles, by folder, as their case.yml files give them."""
    return {path.parent.name: yaml.safe_load(path.read_text(encoding="utf-8"))["title"]["da"]
            for path in sorted((ROOT / "cases").glob("*/case.yml"))}


def taxonomy(kind: str) -> dict[str, str]:
    """A vocabulary of content/taxonomy.yml: its ids and their Danish names."""
    terms = yaml.safe_load((ROOT / "content" / "taxonomy.yml").read_text(encoding="utf-8"))[kind]
    return {term["id"]: term["da"] for term in terms}


# --- the tests -------------------------------------------------------------------------------------------


def test_the_danish_ui_lists_the_seed_cases(admin: Admin, site_report: SiteReport) -> None:
    """Signed in (the button says "Log ind"), the cases collection lists the four seed cases by Danish title."""
    admin.open("#/collections/cases")
    titles = seed_titles()
    assert len(titles) == 4
    for title in titles.values():
        admin.page.get_by_text(title, exact=True).wait_for()
    assert admin.page.get_by_text("Historier", exact=True).count() >= 1
    report_axe(admin.page, "the collection list (cases)", site_report)
    assert admin.foreign() == [], "requests that left 127.0.0.1"
    assert any("/api/v1" in url for url in admin.requested)  # the recording sees the backend's requests


def test_a_case_and_its_story_written_in_the_forms_validate_and_build(
        admin: Admin, servers: dict[str, Backend], site_report: SiteReport, tmp_path: Path) -> None:
    """A new case (a partner from the organisations, a role, both titles and summaries, a theme, a figure with
    its measure) and its story in both languages, saved through the forms: Casebook validates the files and
    the next build has the case's page in Danish and English."""
    project, page = servers["fs"].project, admin.page
    before = {path.name for path in (project / "cases").iterdir()}
    organisation = yaml.safe_load((project / "content" / "organisations.yml").read_text(encoding="utf-8"))
    partner = organisation["organisations"][0]
    theme, measure = next(iter(taxonomy("themes").items())), next(iter(taxonomy("measures").items()))

    admin.open("#/collections/cases/new")
    fill_pair(page, "title", "Prøvesag skrevet i CMS'et", "A trial case written in the CMS")
    fill_pair(page, "summary", "Et resumé skrevet i browseren.", "A summary written in the browser.")
    control(page, "kind").fill("event")
    control(page, "kind").press("Enter")
    control(page, "date").fill("2019")
    partners = control(page, "partners")
    first_item(partners, "org")
    pick(page, partners, "org", partner["name"], partner["name"])
    control(partners, "role").fill(partner["kind"])
    control(partners, "role").press("Enter")
    pick(page, page, "themes", theme[1], theme[1])
    outcomes = control(page, "outcomes")
    first_item(outcomes, "value")
    control(outcomes, "value").fill("12")
    fill_pair(outcomes, "label", "frivillige i prøvesagen", "volunteers in the trial case")
    pick(page, outcomes, "measure", measure[1], measure[1])
    report_axe(page, "the case editor (a new case, filled in)", site_report)
    publish(page)
    folder = wait_for(lambda: {p.name for p in (project / "cases").iterdir()} - before, "the new case's folder")
    assert len(folder) == 1, folder
    slug = folder.pop()
    case = wait_for(lambda: (project / "cases" / slug / "case.yml").is_file()
                    and yaml.safe_load((project / "cases" / slug / "case.yml").read_text(encoding="utf-8")),
                    "case.yml")
    assert case["partners"] == [{"org": partner["id"], "role": partner["kind"]}]
    assert case["themes"] == [theme[0]]
    assert case["outcomes"][0]["measure"] == measure[0]

    admin.open("#/collections/stories/new")
    control(page, "path").fill(slug)  # the meta field path (the case's folder): the two files go in it
    write(page, markdown_editor(page, 0), "## Baggrund\n\nEn historie skrevet i browseren.")
    write(page, markdown_editor(page, 1), "## Background\n\nA story written in the browser.")
    report_axe(page, "the story editor (Danish and English side by side, markdown)", site_report)
    publish(page)
    stories = {lang: project / "cases" / slug / f"index.{lang}.md" for lang in ("da", "en")}
    wait_for(lambda: all(path.is_file() for path in stories.values()), "the story's two files")
    assert "En historie skrevet i browseren." in stories["da"].read_text(encoding="utf-8")
    assert "A story written in the browser." in stories["en"].read_text(encoding="utf-8")
    assert admin.foreign() == [], "requests that left 127.0.0.1"

    checked = subprocess.run([sys.executable, "-m", "casebook", "validate"], cwd=project, capture_output=True,
                             text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert built.returncode == 0, built.stderr
    for prefix, title in (("", "Prøvesag skrevet i CMS'et"), ("en/", "A trial case written in the CMS")):
        case_page = tmp_path / "site" / prefix / "cases" / slug / "index.html"
        assert title in html.unescape(case_page.read_text(encoding="utf-8")), f"{title!r} not in {case_page}"


def test_editing_a_story_changes_only_that_file(admin: Admin, servers: dict[str, Backend]) -> None:
    """A sentence added to a seed case's Danish story in the CMS changes that file and no other."""
    project = servers["fs"].project
    slug = next(iter(seed_titles()))
    before = git_status(project)
    open_story(admin, slug)
    write(admin.page, markdown_editor(admin.page, 0), "En sætning tilføjet i browseren.", append=True)
    publish(admin.page)
    story = project / "cases" / slug / "index.da.md"
    wait_for(lambda: "En sætning tilføjet i browseren." in story.read_text(encoding="utf-8"), "the edited story")
    assert sorted(set(git_status(project)) - set(before)) == [f" M cases/{slug}/index.da.md"]
    assert set(before) <= set(git_status(project))
    assert admin.foreign() == [], "requests that left 127.0.0.1"


def git(project: Path, *args: str) -> str:
    """What a git command prints in ``project`` (nothing when it fails: a branch not there yet)."""
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=False).stdout.strip()


def test_a_draft_in_the_editorial_workflow_goes_to_a_cms_branch(context: BrowserContext,
                                                                servers: dict[str, Backend]) -> None:
    """With publish_mode editorial_workflow (MODE=git), a story saved as a draft is committed on a cms/
    branch; main and the working tree stay as they were."""
    project = servers["git"].project
    main_before, slug = git(project, "rev-parse", "main"), next(iter(seed_titles()))
    story, sentence = f"cases/{slug}/index.da.md", "En kladde fra browseren."
    admin = sign_in(context, servers["git"].admin_url)
    open_story(admin, slug)
    write(admin.page, markdown_editor(admin.page, 0), sentence, append=True)
    admin.page.get_by_role("button", name="Gem", exact=True).click()

    def draft_branch() -> str:
        branches = git(project, "branch", "--list", "--format=%(refname:short)", "cms/*").split()
        return next((branch for branch in branches if sentence in git(project, "show", f"{branch}:{story}")), "")

    branch = wait_for(draft_branch, f"a cms/ branch whose {story} has the draft")
    assert branch.startswith("cms/"), branch
    assert git(project, "rev-parse", "main") == main_before
    assert sentence not in git(project, "show", f"main:{story}")
    assert git(project, "status", "--porcelain") == ""
    assert admin.foreign() == [], "requests that left 127.0.0.1"
