"""Safe HTML from authors' Markdown: an allow-list sanitiser (nh3, the Ammonia crate) and a scan
of the Markdown source that tells the author, line by line, what the sanitiser will remove.

The allow-lists are declared once here; both :func:`clean_html` (applied to every rendered page)
and :func:`scan_markdown` (run during validation) use them.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

import nh3

from casebook.core.issues import Issue, Severity
from casebook.core.messages import msg

TAGS: frozenset[str] = frozenset(nh3.ALLOWED_TAGS)
# Markdown output needs ids on headings (anchors) and classes (admonitions, permalinks).
GENERIC_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": set(GENERIC_ATTRIBUTES),
    "th": set(nh3.ALLOWED_ATTRIBUTES.get("th", set())) | {"style"},
    "td": set(nh3.ALLOWED_ATTRIBUTES.get("td", set())) | {"style"},
}
STYLE_PROPERTIES = frozenset({"text-align"})  # Markdown tables align columns with style
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "xlink:href", "srcset",
                            "background", "data", "lowsrc", "dynsrc"})


def clean_html(fragment: str) -> str:
    """The fragment with everything outside the allow-lists removed (scripts, handlers, bad URLs)."""
    return nh3.clean(fragment, tags=set(TAGS), attributes=ATTRIBUTES, url_schemes=set(URL_SCHEMES),
                     link_rel=None, strip_comments=True, filter_style_properties=set(STYLE_PROPERTIES))


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in ``url``, after decoding entities and percent-escapes and
    dropping the whitespace and control characters browsers ignore; None for a relative URL."""
    text = html.unescape(url)
    for _ in range(3):  # nested encodings such as %2526
        decoded = unquote(text)
        if decoded == text:
            break
        text = decoded
    text = "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch).startswith("C")))
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):", text)
    return match.group(1).lower() if match else None


def is_safe_url(url: str) -> bool:
    scheme = url_scheme(url)
    return scheme is None or scheme in URL_SCHEMES


@dataclass(frozen=True)
class Finding:
    line: int
    column: int
    code: str
    message: str
    hint: str
    error: bool = False  # True: the file cannot be published as it is


_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.DOTALL)
_ATTR = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_MD_LINK = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)")  # one level of (parentheses)
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^\s>]*)>")
_COMMENT = re.compile(r"<!--")
_SCANNED = ("<", "](", "]:")  # what a line needs for any finding of scan_markdown


def scan_markdown(text: str, depth: int = 0) -> Iterator[Finding]:
    """What the sanitiser will remove from this Markdown, with the line and column of each; and
    paths that leave the site (``depth``: how many folders below the site root the page is)."""
    # Every pattern below needs "<" (HTML, comments, autolinks) or "](" / "]:" (links, images,
    # references): most lines of a story are plain text and are passed over at once.
    for number, line in prose_lines_with(text, _SCANNED):
        yield from _scan_line(number, line)
        yield from _scan_paths(number, line, depth)


def prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of Markdown that is not code (fenced or indented), with its number."""
    in_fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        fence = _FENCE.match(line)
        if fence:
            marker = fence.group(1)[0]
            in_fence = None if in_fence == marker else (in_fence or marker)
            continue
        if not in_fence and not line.startswith("    "):
            yield number, line


def prose_lines_with(text: str, needles: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """The lines of :func:`prose_lines` that hold one of ``needles`` (none holding a line break).
    Without a fence in the text, those lines are looked for in one pass over all of it."""
    if not any(needle in text for needle in needles):  # most texts: a few quick passes, nothing found
        return
    pattern = _needles(needles)
    if "```" in text or "~~~" in text:
        yield from ((number, line) for number, line in prose_lines(text) if pattern.search(line))
        return
    number, counted = 1, 0  # the number of the line that starts at ``counted``, the first not yet seen
    for match in pattern.finditer(text):
        if match.start() < counted:
            continue  # another find in a line already seen
        start = text.rfind("\n", 0, match.start()) + 1
        number += text.count("\n", counted, start)
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if not line.startswith("    "):
            yield number, line
        if end < 0:
            return
        number, counted = number + 1, end + 1


@functools.cache
def _needles(needles: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(needle) for needle in needles))


def root_links(text: str) -> Iterator[tuple[int, int, str]]:
    """The links of a Markdown text that start at the site's root (``[data](/data/cases.json)``, and
    reference definitions): line, column and target of each (casebook/site/links.py resolves them)."""
    for number, line in prose_lines(text):
        if "](" not in line and "]:" not in line:
            continue
        links = _MD_IMAGE.sub(lambda m: " " * len(m.group(0)), line)  # images: an error of their own
        for pattern in (_MD_LINK, _MD_REFERENCE):
            for match in pattern.finditer(links):
                target = match.group(1)
                if target.startswith("/") and not target.startswith("//"):
                    yield number, match.start(1) + 1, target


def _scan_line(number: int, line: str) -> Iterator[Finding]:
    for match in _COMMENT.finditer(line):
        yield Finding(number, match.start() + 1, "html.comment", msg("HTML comment will be removed"),
                      msg("comments are not published; delete it"))
    for match in _TAG.finditer(line):
        if _AUTOLINK.fullmatch(match.group(0)):
            continue
        closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
        col = match.start() + 1
        if name not in TAGS:
            if not closing:
                yield Finding(number, col, "html.tag", msg("HTML tag <{name}> is not allowed and will be removed",
                                                           name=name),
                              msg("write the text in Markdown; the writing guide says what HTML is allowed"))
            continue
        allowed = ATTRIBUTES.get(name, set()) | ATTRIBUTES["*"]
        for attr in _ATTR.finditer(attrs):
            attr_name = attr.group(1).lower()
            value = (attr.group(2) or "").strip("\"'")
            if attr_name not in allowed:
                yield Finding(number, col, "html.attribute",
                              msg("attribute '{attr_name}' on <{name}> is not allowed and will be removed",
                                  attr_name=attr_name, name=name),
                              msg("remove the attribute"))
            elif attr_name in URL_ATTRIBUTES and not is_safe_url(value):
                yield _bad_url(number, col, value)
    for pattern in (_MD_LINK, _MD_REFERENCE, _AUTOLINK):
        for match in pattern.finditer(line):
            if not is_safe_url(match.group(1)):
                yield _bad_url(number, match.start(1) + 1, match.group(1))


def _scan_paths(number: int, line: str, depth: int) -> Iterator[Finding]:
    for match in _MD_IMAGE.finditer(line):
        target = match.group(1)
        if url_scheme(target) is None and (target.startswith("/") or ".." in target.split("/")):
            yield Finding(number, match.start(1) + 1, "path.outside",
                          msg("image path '{target}' leaves the case folder", target=target),
                          msg("put the image in the case folder and list it under images in case.yml"), error=True)
    # Images were checked above; blank them out (keeping columns) so they are not links too.
    for match in _MD_LINK.finditer(_MD_IMAGE.sub(lambda m: " " * len(m.group(0)), line)):
        target = match.group(1).split("#")[0]
        if url_scheme(target) is None and not target.startswith("/"):
            climbs = 0
            for part in posixpath.normpath(target).split("/"):
                climbs += part == ".."
            if climbs > depth:
                yield Finding(number, match.start(1) + 1, "path.outside", msg("link '{target}' leads outside the site",
                                                                              target=target),
                              msg("link to a page of the site, e.g. ../other-case/, or to a full https:// address"),
                              error=True)


def _bad_url(line: int, column: int, url: str) -> Finding:
    shown = url if len(url) <= 40 else url[:37] + "..."
    return Finding(line, column, "html.url",
                   msg("link to '{shown}' uses the unsafe scheme '{scheme}:' and will be removed",
                       shown=shown, scheme=url_scheme(url)), msg("link only to http(s) or mailto addresses"))


def markdown_issues(text: str, rel: str, first_line: int = 1, depth: int = 0) -> list[Issue]:
    """Problems of one Markdown file; ``first_line`` shifts lines when front matter was cut off."""
    return [Issue(rel, f.line + first_line - 1, f.column, f.code, f.message, hint=f.hint,
                  severity=Severity.ERROR if f.error else Severity.WARNING) for f in scan_markdown(text, depth)]
