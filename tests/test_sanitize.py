"""Hostile HTML in authors' Markdown: every payload is reported with its line and removed."""

from __future__ import annotations

import json
import random
from pathlib import Path

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from casebook.validate.sanitize import (
    URL_ATTRIBUTES,
    clean_html,
    is_safe_url,
    markdown_issues,
    prose_lines,
    prose_lines_with,
    url_scheme,
)

# Payloads from the usual XSS cheat sheets, each with the exact warnings an author gets.
PAYLOADS = [json.loads(line) for line in
            (Path(__file__).parent / "fixtures" / "xss.jsonl").read_text(encoding="utf-8").splitlines()]
FORBIDDEN_ELEMENTS = ("script", "iframe", "object", "embed", "style", "link", "meta", "base", "form", "input",
                      "svg", "math", "body", "noscript", "video", "source", "marquee", "button")


def render(text: str) -> str:
    """Markdown as the site renders it, then sanitised as the site sanitises it."""
    return clean_html(markdown.markdown(text, extensions=["toc", "admonition", "tables", "fenced_code"]))


def assert_harmless(html: str) -> None:
    tree = LexborHTMLParser(f"<body>{html}</body>")
    body = tree.body
    assert body is not None
    for node in body.traverse(include_text=False):
        if node is body or node.tag == "body" and node.parent is not None and node.parent.tag == "html":
            continue
        assert node.tag not in FORBIDDEN_ELEMENTS, html
        for name, value in (node.attributes or {}).items():
            assert not name.lower().startswith("on"), html
            assert name.lower() != "style" or node.tag in ("td", "th"), html
            if name.lower() in URL_ATTRIBUTES:
                assert is_safe_url(value or ""), html


def test_at_least_thirty_payloads() -> None:
    """The suite keeps its breadth: at least 30 distinct payloads."""
    assert len({payload for payload, _ in PAYLOADS}) >= 30


@pytest.mark.parametrize(("payload", "expected"), PAYLOADS, ids=[p[:40] for p, _ in PAYLOADS])
def test_payload_is_reported_and_removed(payload: str, expected: list[str]) -> None:
    """The author is told exactly what is removed, at which line; the published HTML is harmless."""
    text = "Intro.\n\n" + payload + "\n"
    assert [i.format() for i in markdown_issues(text, "cases/x/index.da.md")] == expected
    assert_harmless(render(text))


def test_safe_markdown_is_untouched() -> None:
    """Ordinary Markdown (links, images, tables, headings, allowed HTML) passes without warnings."""
    text = ("## Overskrift\n\n[IBM](https://www.ibm.com/dk-da) og [mail](mailto:a@b.dk), "
            "[side](../om/) og ![foto](images/a.png)\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
            "<abbr title=\"Small and medium-sized enterprises\">SMV</abbr>\n\n```\n<script>kode</script>\n```\n")
    assert markdown_issues(text, "x.md", depth=2) == []
    html = render(text)
    assert '<a href="https://www.ibm.com/dk-da">IBM</a>' in html
    assert "<td style=\"text-align:left\">1</td>" in html
    assert "&lt;script&gt;kode&lt;/script&gt;" in html


@pytest.mark.parametrize(("url", "scheme"), [
    ("https://x.dk", "https"), ("/cases/x/", None), ("#top", None), ("jav\tascript:x", "javascript"),
    ("&#x6A;avascript:x", "javascript"), ("%6Aavascript:x", "javascript"), ("java%250ascript:x", "javascript"),
    ("\u0000javascript:x", "javascript"), ("DATA:text/html,x", "data"),
])
def test_url_scheme_sees_through_encodings(url: str, scheme: str | None) -> None:
    """The scheme is found through entities, percent-encoding, whitespace and control characters."""
    assert url_scheme(url) == scheme


def test_prose_lines_with_needles_are_the_prose_lines_that_hold_one() -> None:
    """The one-pass search for the lines worth scanning gives exactly the prose lines that hold one of
    the needles, with their numbers: fences, indented code, several in a line, no final newline."""
    pieces = ["a", " ", "<", "](", "]:", "![", "\n", "    ", "```", "~~~", "x<y<z", "\n\n", "]", "(", "!", "["]
    pick = random.Random(18)
    for _ in range(5000):
        text = "".join(pick.choice(pieces) for _ in range(pick.randint(0, 30)))
        for needles in (("<", "](", "]:"), ("![",)):
            assert list(prose_lines_with(text, needles)) == [
                (number, line) for number, line in prose_lines(text) if any(n in line for n in needles)], text
