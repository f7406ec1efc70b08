"""Content-Security-Policy for every page, as a ``<meta>`` tag a static host cannot forget to send.

Scripts run only from the site itself or when their exact text is known: each inline script the
theme writes into a page (Material's small bootstrap scripts) is allowed by its SHA-256 hash, computed
from the finished page, so no policy needs ``'unsafe-inline'`` for scripts. Pagefind's search runs as
WebAssembly, which needs ``'wasm-unsafe-eval'`` (it allows compiling WebAssembly, not JavaScript's
eval). Styles may be inline: Material sets some style attributes from its scripts.

Directives that a ``<meta>`` policy cannot carry (``frame-ancestors``, ``report-uri``, ``sandbox``)
belong in the host's HTTP headers; see the README.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from html.parser import HTMLParser

# Script types a browser executes; data blocks (application/json, application/ld+json) need no hash.
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


_CHARSET = '<meta charset="utf-8">'


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        attributes = dict(attrs)
        kind = (attributes.get("type") or "").strip().lower()
        self._current = [] if "src" not in attributes and kind in _EXECUTABLE else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


# A comment, a <script> start tag with its attributes, or any other tag as a whole (quoted values may
# hold ">" or even "<script>", which is then not a script).
_SCRIPT_OR_COMMENT = re.compile(r"<!--.*?-->|<script(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
                                r"|</?[a-zA-Z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
                                re.IGNORECASE | re.DOTALL)
_SCRIPT_END = re.compile(r"</script\s*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")


def inline_scripts(html: str) -> list[str]:
    """The exact text of every inline script the browser would run, in page order.

    Only ``<script>`` elements (and comments, which hide them) are looked at: a page is some 60 KB
    and has a handful of scripts, and parsing every tag of every page with :class:`HTMLParser`
    took a quarter of the build (:func:`_parsed_inline_scripts` is that reference, for tests).
    """
    scripts = []
    position = 0
    while match := _SCRIPT_OR_COMMENT.search(html, position):
        position = match.end()
        if match.group(1) is None:  # a comment or another tag
            continue
        end = _SCRIPT_END.search(html, position)
        if end is None:  # never closed: not a script element (as HTMLParser sees it)
            break
        text = html[position:end.start()]
        position = end.end()
        attributes = {name.lower(): unescape(value.strip("\"'")) if value else None
                      for name, value in _ATTRIBUTE.findall(match.group(1))}
        kind = (attributes.get("type") or "").strip().lower()
        if "src" not in attributes and kind in _EXECUTABLE:
            scripts.append(text)
    return scripts


def _parsed_inline_scripts(html: str) -> list[str]:
    """:func:`inline_scripts` by a full HTML parse: slower, the reference it is tested against."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(html: str) -> str:
    """The page's policy: the base policy, with a hash for each of its inline scripts."""
    directives = {name: list(values) for name, values in BASE_POLICY.items()}
    directives["script-src"] += sorted({script_hash(text) for text in inline_scripts(html)})
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def add_policy(html: str) -> str:
    """``html`` with its policy right after ``<meta charset>`` (or ``<head>``), before any script: a
    policy applies only to what follows it.

    Raises ValueError for a document without ``<head>``: nothing may be published unprotected.
    """
    head = html.find("<head>")
    if head < 0:
        raise ValueError("the page has no <head> to put its Content-Security-Policy in")
    charset = html.find(_CHARSET, head)
    position = charset + len(_CHARSET) if charset >= 0 else head + len("<head>")
    tag = f'\n    <meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[:position] + tag + html[position:]
