"""The site's public address (``site_url``), or the warning that it has none.

Without one the build publishes nothing that names a host (casebook/site/urls.py: :class:`Site`):
canonical URLs, link-preview images, language alternates, the sitemap and the addresses printed in
catalogues are left out, and the feeds and open data link relative to themselves. The warning says
what is missing and how to set the address, at the line of mkdocs.yml that would hold it.
"""

from __future__ import annotations

import re
from pathlib import Path

from casebook.core.issues import Issue, Severity
from casebook.core.messages import msg

_SETTING = re.compile(r"^site_url\s*:", re.MULTILINE)


def address_issues(site_url: str | None, config_file: Path) -> list[Issue]:
    """A warning when the site has no public address: what the published site leaves out for want of it."""
    if site_url:
        return []
    text = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""
    match = _SETTING.search(text)
    line = text.count("\n", 0, match.start()) + 1 if match else 0
    return [Issue(config_file.name, line, 1 if match else 0, "config.site-url",
                  msg("site_url is not set, so the site has no public address: its pages have no canonical "
                      "URL, link-preview image or language alternates, no sitemap.xml is written, printed "
                      "catalogues show no addresses, and the feeds and open data link relative to themselves"),
                  hint=msg("set site_url in mkdocs.yml to the address the site is published at, with its sub-path "
                      "and a final /, e.g. https://example.github.io/casebook/, or build with "
                      "CASEBOOK_SITE_URL set to it"),
                  severity=Severity.WARNING)]
