"""The site's HTTP headers as a ``_headers`` file, for the hosts that read one (Netlify, Cloudflare Pages).

Only what a page's ``<meta>`` tag cannot carry, and caching:

- ``Content-Security-Policy: frame-ancestors 'none'``: no other site may show the pages in a frame. The
  header holds that one directive only; every other directive stays in each page's ``<meta>`` policy
  (casebook/publish/csp.py), because a second ``script-src`` in a header would block the inline
  scripts that the page's own policy allows by their hashes (a browser enforces both policies).
- ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: same-origin`` (no address of a page
  leaves the site with a reader who follows a link to a source).
- ``Cache-Control`` only for the fingerprinted files (:data:`casebook.site.urls.FINGERPRINTED`): kept a
  year and never asked for again. Everything else keeps the hosts' own default, ``public, max-age=0,
  must-revalidate``, so pages are revalidated on every visit. A broader rule with a ``Cache-Control``
  would not do: Cloudflare Pages joins the values of every rule that matches a path.

Each rule's path ends in a ``*`` (the only wildcard both hosts read the same way) and starts at the
site's folder, which these hosts serve at the root of their address.
"""

from __future__ import annotations

from pathlib import Path

from casebook.site.urls import FINGERPRINTED, HEADERS_FILE

SECURITY = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
# A year, the longest a browser honours; immutable: not even revalidated when the reader reloads.
IMMUTABLE = "public, max-age=31536000, immutable"

_INTRO = """\
# HTTP headers for the hosts that read this file (Netlify, Cloudflare Pages), written by the build.
# The pages' own Content-Security-Policy is in each page; a header may only add frame-ancestors.
# Files without a Cache-Control here keep the host's default (revalidated on every visit).
"""


def rules() -> list[tuple[str, dict[str, str]]]:
    """Each rule's path and its headers, in the order of the file."""
    fingerprinted = [(f"/{prefix}*", {"Cache-Control": IMMUTABLE}) for prefix in FINGERPRINTED]
    return [("/*", SECURITY), *fingerprinted]


def headers_file() -> str:
    """The text of the ``_headers`` file."""
    blocks = ["\n".join([path, *(f"  {name}: {value}" for name, value in headers.items())])
              for path, headers in rules()]
    return _INTRO + "\n" + "\n\n".join(blocks) + "\n"


def write_headers(site_dir: Path) -> str:
    """Write the ``_headers`` file into the built site; return its site-relative path."""
    (site_dir / HEADERS_FILE).write_text(headers_file(), encoding="utf-8")
    return HEADERS_FILE
