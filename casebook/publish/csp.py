"""Content-Security-Policy for every page, as a ``<meta>`` tag a static host cannot forget to send.

Scripts run only from the site itself or when their exact text is known: each inline script the
theme writes into a page (Material's small bootstrap scripts) is allowed by its SHA-256 hash, computed
from the finished page, so no policy needs ``'unsafe-inline'`` for scripts. Pagefind's search runs as
WebAssembly, which needs ``'wasm-unsafe-eval'`` (it allows compiling WebAssembly, not JavaScript's
eval). Styles may be inline: Material sets some style attributes from its scripts.

Directives that a ``<meta>`` policy cannot carry (``frame-ancestors``, ``report-uri``, ``sandbox``)
belong in the host's HTTP headers: casebook/publish/headers.py writes ``frame-ancestors`` for the hosts
that read a ``_headers`` file, and docs/publishing.md shows the same for nginx.
"""

from __future__ import annotations

import base64
import hashlib
import re

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


# A script element: HTML ends its text at the first "</script" (any case), whatever precedes it.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def inline_scripts(html: str) -> list[str]:
    """The exact text of every inline script the browser would run, in page order."""
    scripts = []
    for match in _SCRIPT.finditer(html):
        attributes = {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTRIBUTE.finditer(match[1])}
        if "src" not in attributes and attributes.get("type", "").strip().lower() in _EXECUTABLE:
            scripts.append(match[2])
    return scripts


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
