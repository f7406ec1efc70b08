"""Decap CMS's admin page driven in Playwright as an editor drives it: signing in to the local backend,
filling its widgets (found by field name, not by label), writing markdown, publishing. Used by
tests/test_cms_browser.py and tools/cms_screenshots.py."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError


@dataclass
class Admin:
    """A signed-in admin page and every address its context has requested."""

    page: Page
    url: str
    requested: list[str]

    def open(self, fragment: str) -> None:
        self.page.goto(self.url + fragment)

    def foreign(self) -> list[str]:
        """The requests that left 127.0.0.1 (data: and blob: URLs never leave the page)."""
        return [url for url in self.requested
                if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"]


def sign_in(context: BrowserContext, url: str) -> Admin:
    """Open the admin page, check that it speaks Danish, and log in to the local backend."""
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(url)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_text("Samlinger", exact=True).wait_for()  # the sidebar's heading: the entries come after it
    return Admin(page, url, requested)


def control(scope: Page | Locator, name: str) -> Locator:
    """The first widget for the field ``name`` in ``scope``: Decap gives it the id ``<name>-field-<n>`` (an
    object's or a list's holds its inner widgets), whatever its label."""
    return scope.locator(f"[id^='{name}-field-']").first


def pick(page: Page, scope: Page | Locator, name: str, typed: str, option: str) -> None:
    """Choose ``option`` in the select or relation widget ``name`` after typing ``typed`` into its search."""
    control(scope, name).fill(typed)
    page.get_by_role("option", name=option, exact=True).first.click()


def first_item(scope: Locator, field: str) -> None:
    """Open the list widget's first item for editing, adding one ("Tilføj ...") if it has none. Decap starts
    a list with an item when the item has a field with a default, and shows such an item folded; a saved
    entry's list is folded as a whole."""
    if scope.locator(f"[id^='{field}-field-']").count() == 0:
        scope.get_by_role("button", name=re.compile(r"^Tilføj")).click()
    elif not unfold(scope, field) and not control(scope, field).is_visible():
        # the item's first button unfolds it, before its drag handle
        scope.locator("[aria-roledescription='sortable']").first.locator("xpath=preceding-sibling::button[1]").click()
    control(scope, field).wait_for()


def unfold(listed: Locator, field: str) -> bool:
    """Unfold a list widget folded as a whole (its first button, in the bar above its items), which unfolds
    its items too: whether it was folded."""
    toggle = listed.locator("[data-testid='expand-button']").first
    if toggle.get_attribute("aria-label") != "Expand":
        return False
    toggle.click()
    return True


def fill_pair(scope: Page | Locator, name: str, da: str, en: str) -> None:
    """A bilingual field (an object of a Danish and an English text)."""
    pair = control(scope, name)
    control(pair, "da").fill(da)
    control(pair, "en").fill(en)


def publish(page: Page) -> None:
    """Publish the entry at once ("Publicer", then "Publicer nu"), and wait until the editor says it is
    ("Publiceret"): a new entry's editor moves to the entry's own address first."""
    page.get_by_text("Publicer", exact=True).click()
    page.get_by_text("Publicer nu", exact=True).click()
    try:
        page.get_by_text("Publiceret", exact=True).wait_for(timeout=15_000)
    except PlaywrightTimeoutError:
        said = page.locator(".Toastify__toast, [class*='ControlErrorsList'] li").all_inner_texts()
        raise AssertionError(f"the entry was not published; Decap said: {said}") from None


def markdown_editor(page: Page, index: int) -> Locator:
    """The ``index``-th language's body editor (0: Danish, 1: English), switched from rich text to markdown."""
    page.get_by_role("switch").nth(index).click()
    editor = page.locator("[role='textbox'][data-slate-editor]").nth(index)
    editor.wait_for()
    return editor


def write(page: Page, editor: Locator, text: str, *, append: bool = False) -> None:
    """Type ``text`` into a markdown editor (a line at a time: Enter starts the next), replacing what it
    holds, or with ``append`` after it, a blank line between."""
    editor.click()
    page.keyboard.press("Control+End" if append else "Control+A")
    lines = (["", "", *text.splitlines()] if append else text.splitlines())
    for number, line in enumerate(lines):
        if number:
            page.keyboard.press("Enter")
        if line:
            page.keyboard.insert_text(line)


def open_story(admin: Admin, slug: str) -> None:
    """A case's story in the Historier collection, through its card (Decap loads a nested entry's files
    only from the collection's listing, not from the entry's address alone)."""
    admin.open("#/collections/stories")
    admin.page.locator(f"a[href$='/stories/entries/{slug}/index']").click()
    admin.page.get_by_role("switch").first.wait_for()


def answers(api: str) -> bool:
    """Whether decap-server at ``api`` answers its ``info`` action yet."""
    query = urllib.request.Request(api, data=b'{"action": "info"}', headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(query, timeout=1) as answer:  # noqa: S310 - our own server on 127.0.0.1
            return "publish_modes" in json.load(answer)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False
