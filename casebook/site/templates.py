"""Which templates escape what they print: Casebook's own do, Material's keep Jinja's default."""

from __future__ import annotations

# Templates written for Casebook (overrides/) escape every value they print; Material's own templates
# insert ready-made HTML.
OWN_TEMPLATES = ("casebook/", "partials/casebook-", "partials/nav.html", "partials/header.html", "main.html",
                 "404.html", "sitemap.xml", "partials/logo.html")


def autoescape_template(name: str | None) -> bool:
    """Jinja's autoescape switch: on for Casebook's templates in ``overrides/``."""
    return bool(name) and str(name).startswith(OWN_TEMPLATES)
