"""Adjustments to Material's built assets that a template override cannot make.

Material's script fetches ``sitemap.xml`` next to the address of every ``<link rel="alternate">`` of a
page, to map its own language selector (``extra.alternate``, which Casebook does not use: its switch
links each page to the same page in the other language). With Casebook's hreflang and feed links that
means requests for ``/en/cases/x/sitemap.xml`` that do not exist, and, once ``site_url`` is set,
requests from the reader's browser to the public address instead of the host serving the page. The
build removes that one call from the bundle it publishes; if the pinned Material release changes and
the call is not found, the build stops with a message rather than publish a site that leaks requests.
"""

from __future__ import annotations

from pathlib import Path

# The call in mkdocs-material 9.8.1's bundle that starts the alternate-sitemap lookup.
ALTERNATE_LOOKUP = "ui({document$:ct});"
# What replaces it; a bundle kept from an earlier build (`mkdocs serve`, dirty builds) already has it.
REMOVED = "/*casebook: alternate-sitemap lookup removed*/"


class ThemeError(Exception):
    pass


def disable_alternate_lookup(site_dir: Path) -> Path:
    """Remove Material's alternate-sitemap lookup from the published bundle; return the bundle's path."""
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise ThemeError(f"expected one Material bundle in assets/javascripts/, found {len(bundles)}")
    bundle = bundles[0]
    text = bundle.read_text(encoding="utf-8")
    if REMOVED in text:
        return bundle
    if text.count(ALTERNATE_LOOKUP) != 1:
        raise ThemeError(
            f"{bundle.name} does not contain Material's alternate-sitemap call {ALTERNATE_LOOKUP!r} once; "
            "the mkdocs-material version differs from the one Casebook was made for (requirements.txt): "
            "update casebook/theme.py's ALTERNATE_LOOKUP for the new bundle")
    bundle.write_text(text.replace(ALTERNATE_LOOKUP, REMOVED, 1), encoding="utf-8")
    return bundle
