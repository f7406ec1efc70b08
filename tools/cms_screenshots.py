"""The screenshots of Decap CMS in the writing guides' chapter 10 (docs/images/cms/*.png), taken again.

Run from the project's root, with the CMS's npm packages installed (`make cms-tools`)::

    PYTHONPATH=. .venv/bin/python tools/cms_screenshots.py            # every screen
    PYTHONPATH=. .venv/bin/python tools/cms_screenshots.py workflow   # only the ones named

It copies the files git tracks (as they are in the work tree) to a temporary folder and commits them there,
builds the site from the copy (so /admin/ is this checkout's), serves site/ on 127.0.0.1 and starts Decap's
local backend, decap-server, on the copy: ``MODE=fs`` for the editing screens, which change nothing but the
copy, and ``MODE=git`` with ``publish_mode: editorial_workflow`` for the workflow board, whose draft is a
new case saved with "Gem". The login screen is the GitHub backend's, as editors meet it on the published
site (no local backend in its configuration; nothing is requested from GitHub before one clicks).

Every screen is taken in a fresh browser context at 1280 x 800 (Decap's editor is a desktop tool), after
the page has settled, and refused when Decap shows a toast (an error, or a notice in the way). The PNGs are
reduced to a 256-colour palette, which keeps the interface's text sharp at well under 150 KB. The example
content is the seed cases' own, and the new case is one the sources tell of (IBM at Folkemødet 2016);
the case image is tests/sites/minimal's blue dot. Decap's Danish "new" button begins with a full-width
plus (U+FF0B) that no font on a bare Debian has: it is shown as "+", as a desktop's fonts draw it.

``--static-port`` and ``--backend-port`` fix the two servers' ports (default: ones the system has free).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from tools.decap_ui import Admin, answers, control, fill_pair, first_item, open_story, pick, sign_in
from tools.static_host import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images" / "cms"
MODULES = ROOT / "tools" / "cms" / "node_modules"
IMAGE = ROOT / "tests" / "sites" / "minimal" / "cases" / "alpha-workshop" / "images" / "dot.png"
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
DEFAULT_BACKEND = "http://127.0.0.1:8081"  # the address cms/config.yml and the admin page's policy name
SEED_CASE = "ibm-nydansker-erhvervsmentorer"  # figures with measures, and an anonymised person
IMAGE_CASE = "ibm-baba-workshop"
STORY = "ibm-baba-workshop"
# A case the sources tell of (source 001: IBM at Folkemødet 2016) that the seed content does not have.
NEW_CASE = {
    "title": ("Samskabelse om integration på Folkemødet 2016", "Co-creation on integration at Folkemødet 2016"),
    "summary": ("IBM deltog i den samskabelsesproces om integration, som Frivilligrådet og konsulenthuset "
                "ressonans holdt på Folkemødet 2016. Den endte i anbefalinger til ministrene og i 100-dages-"
                "planer for bl.a. Assens og Skanderborg Kommune.",
                "IBM took part in the co-creation process on integration that Frivilligrådet and the "
                "consultancy ressonans ran at Folkemødet 2016. It ended in recommendations to the ministers "
                "and in 100-day plans for Assens and Skanderborg municipalities, among others."),
    "partner": ("Frivilligrådet", "host"),
}
WAIT = 20.0  # seconds for decap-server to answer


def tracked_copy(dest: Path) -> Path:
    """The files git tracks here, as they are in the work tree, committed in a new repository at ``dest``,
    with this checkout's npm packages linked in (the build and decap-server find them there)."""
    names = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, names.decode().split("\0")):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "A copy of the tracked files"]):
        subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "user.name=Casebook screenshots",
                        "-c", "user.email=screenshots@casebook.invalid", *command], cwd=dest, check=True)
    for key, value in (("user.name", "Casebook screenshots"), ("user.email", "screenshots@casebook.invalid")):
        subprocess.run(["git", "config", key, value], cwd=dest, check=True)  # decap-server commits (MODE=git)
    (dest / "tools" / "cms").mkdir(parents=True, exist_ok=True)
    (dest / "tools" / "cms" / "node_modules").symlink_to(MODULES.resolve())
    return dest


def build(project: Path, site: Path) -> None:
    """`mkdocs build` of the copy, which must write /admin/."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    env.pop("CASEBOOK_SITE_URL", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site)], cwd=project, env=env, capture_output=True, text=True, check=False)
    if result.returncode or not (site / "admin" / "config.yml").is_file():
        sys.exit(f"the build did not write /admin/ (is `make cms-tools` done?):\n{result.stderr}")


def configure(site: Path, config: dict[str, object], backend: str | None, publish_mode: str | None) -> None:
    """site/admin's configuration for one set of screens: the local backend at ``backend`` (none: the GitHub
    login as published), and ``publish_mode`` or none. The page's policy lets it reach that backend."""
    changed = {key: value for key, value in config.items() if key not in ("local_backend", "publish_mode")}
    if publish_mode:
        changed["publish_mode"] = publish_mode
    if backend:
        changed["local_backend"] = {"url": f"{backend}/api/v1"}
    admin = site / "admin"
    (admin / "config.yml").write_text(yaml.safe_dump(changed, allow_unicode=True, sort_keys=False), encoding="utf-8")
    index = admin / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace(DEFAULT_BACKEND, backend or DEFAULT_BACKEND),
                     encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def decap_server(project: Path, mode: str, port: int) -> Iterator[str]:
    """decap-server in ``mode`` on ``project`` at 127.0.0.1:``port``, until the block ends; its address."""
    env = {**os.environ, "BIND_HOST": "127.0.0.1", "PORT": str(port), "MODE": mode,
           "GIT_REPO_DIRECTORY": str(project)}
    log = project.parent / f"decap-server-{mode}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(["node", str(MODULES / "decap-server" / "dist" / "index.js")], env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + WAIT
        while not answers(f"{address}/api/v1"):
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"decap-server ({mode}) did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.1)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)


# --- taking a screen ------------------------------------------------------------------------------------

# Decap's "＋" (U+FF0B) as "+", in the text of the page as it is now (see the module's docstring).
PLUS = """() => { const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode())
    if (node.nodeValue.includes('\\uFF0B')) node.nodeValue = node.nodeValue.replaceAll('\\uFF0B', '+'); }"""


def shoot(page: Page, name: str, out: Path) -> None:
    """The page as it is, settled, saved as ``out/<name>.png`` in a 256-colour palette."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(700)  # Decap's transitions and lazy previews
    toasts = page.locator(".Toastify__toast").all_inner_texts()
    if toasts:
        sys.exit(f"{name}: Decap shows a toast: {toasts}")
    page.evaluate(PLUS)
    shot = Image.open(io.BytesIO(page.screenshot(animations="disabled", caret="hide")))
    small = shot.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out.mkdir(parents=True, exist_ok=True)
    small.save(out / f"{name}.png", optimize=True)
    print(f"{out / f'{name}.png'}: {(out / f'{name}.png').stat().st_size // 1024} KB")


def to_top(page: Page, name: str) -> None:
    """Scroll the editor so that the widget for the field ``name`` is at the top of its pane."""
    control(page, name).evaluate("el => el.closest('[class*=ControlContainer]')?.scrollIntoView()"
                                         " ?? el.scrollIntoView()")


# --- the screens ----------------------------------------------------------------------------------------


def login(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Log ind med GitHub").wait_for()


def collections(admin: Admin) -> None:
    admin.open("#/collections/cases")
    admin.page.locator("a[href*='/collections/cases/entries/']").nth(3).wait_for()


def new_case(admin: Admin) -> None:
    fill_new_case(admin)
    to_top(admin.page, "partners")


def fill_new_case(admin: Admin) -> None:
    page = admin.page
    admin.open("#/collections/cases/new")
    fill_pair(page, "title", *NEW_CASE["title"])
    fill_pair(page, "summary", *NEW_CASE["summary"])
    control(page, "kind").fill("event")
    control(page, "kind").press("Enter")
    control(page, "date").fill("2016")
    partners = control(page, "partners")
    first_item(partners, "org")
    name, role = NEW_CASE["partner"]
    pick(page, partners, "org", name, name)
    control(partners, "role").fill(role)
    control(partners, "role").press("Enter")


def story(admin: Admin) -> None:
    open_story(admin, STORY)
    admin.page.get_by_text("Casens mappe").first.wait_for()


def open_case(admin: Admin, slug: str) -> None:
    """A seed case's editor, once Decap has loaded it (a list unfolded sooner is folded again)."""
    admin.open(f"#/collections/cases/entries/{slug}/case")
    control(admin.page, "title").wait_for()
    admin.page.wait_for_load_state("networkidle")
    admin.page.wait_for_timeout(1000)


def outcome(admin: Admin) -> None:
    open_case(admin, SEED_CASE)
    outcomes = control(admin.page, "outcomes")
    first_item(outcomes, "value")  # the first figure: 25 volunteers, the measure "volunteers"
    control(outcomes, "measure").evaluate("el => el.closest('[class*=ControlContainer]')"
                                          ".scrollIntoView({block: 'end'})")


def people(admin: Admin) -> None:
    page = admin.page
    open_case(admin, SEED_CASE)
    listed = control(page, "people")
    first_item(listed, "name")
    consent = listed.locator("[id^='consent-field-']").nth(2)  # the anonymised mentee's
    consent.evaluate("el => el.closest('[class*=ControlContainer]').scrollIntoView({block: 'center'})")
    consent.click()
    page.get_by_role("option").last.evaluate("el => el.scrollIntoView({block: 'end'})")


def case_image(admin: Admin) -> None:
    page = admin.page
    open_case(admin, IMAGE_CASE)
    images = control(page, "images")
    first_item(images, "alt")  # the image widget has no id of its own: its label names one
    images.get_by_text("Vælg et billede").click()
    page.locator("input[type=file]").set_input_files(IMAGE)
    page.get_by_role("button", name="Anvend valgte").click()
    fill_pair(images, "alt", "En blå prik på en lys baggrund", "A blue dot on a light background")
    images.locator("[aria-label='image field']").first.evaluate("el => el.scrollIntoView()")


def workflow(admin: Admin) -> None:
    fill_new_case(admin)
    admin.page.get_by_role("button", name="Gem", exact=True).click()
    admin.page.get_by_text("Ændringer gemt", exact=True).wait_for(timeout=15_000)
    admin.page.locator(".Toastify__toast").first.wait_for(state="detached", timeout=15_000)  # "Dokumentet er gemt"
    admin.open("#/workflow")
    admin.page.get_by_text(NEW_CASE["title"][0]).first.wait_for()


@dataclass(frozen=True)
class Screen:
    name: str
    mode: str  # "login" (the GitHub backend), "fs" or "git"
    take: Callable[[Admin], None]


SCREENS = [Screen("collections", "git", collections), Screen("new-case", "fs", new_case),
           Screen("story-side-by-side", "fs", story), Screen("outcome-measure", "fs", outcome),
           Screen("people-consent", "fs", people), Screen("case-image", "fs", case_image),
           Screen("workflow", "git", workflow)]
NAMES = ["login", *(screen.name for screen in SCREENS)]


def take(browser: Browser, url: str, screen: Screen, out: Path) -> None:
    context = browser.new_context(viewport=VIEWPORT, locale="da-DK")
    try:
        admin = sign_in(context, url)
        screen.take(admin)
        shoot(admin.page, screen.name, out)
    finally:
        context.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"the screens to take: {', '.join(NAMES)} (default: all)")
    parser.add_argument("--static-port", type=int, default=0)
    parser.add_argument("--backend-port", type=int, default=0)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    wanted = set(args.names or NAMES)
    if wanted - set(NAMES):
        parser.error(f"no screen {', '.join(sorted(wanted - set(NAMES)))}; the screens are {', '.join(NAMES)}")
    with tempfile.TemporaryDirectory(prefix="casebook-shots-") as temp, sync_playwright() as playwright:
        work = Path(temp)
        build(tracked_copy(work / "build"), work / "site")
        config = yaml.safe_load((work / "site" / "admin" / "config.yml").read_text(encoding="utf-8"))
        index = (work / "site" / "admin" / "index.html").read_text(encoding="utf-8")
        httpd, base = serve(work / "site", port=args.static_port)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            if "login" in wanted:
                configure(work / "site", config, None, None)
                context = browser.new_context(viewport=VIEWPORT)
                login(page := context.new_page(), f"{base}admin/")
                shoot(page, "login", args.out)
                context.close()
            for mode, publish_mode in (("fs", None), ("git", "editorial_workflow")):
                screens = [screen for screen in SCREENS if screen.mode == mode and screen.name in wanted]
                if not screens:
                    continue
                project = tracked_copy(work / mode)
                with decap_server(project, mode, args.backend_port or free_port()) as backend:
                    (work / "site" / "admin" / "index.html").write_text(index, encoding="utf-8")
                    configure(work / "site", config, backend, publish_mode)
                    for screen in screens:
                        take(browser, f"{base}admin/", screen, args.out)
        finally:
            browser.close()
            httpd.shutdown()
            httpd.server_close()


if __name__ == "__main__":
    main()
