"""Casebook: bilingual case stories of corporate-volunteering partnerships.

The pipeline is one module per stage:

- :mod:`casebook.load`      reads YAML and Markdown files, keeping line and column of every value;
- :mod:`casebook.model`     declares the content model once (pydantic);
- :mod:`casebook.validate`  checks files against the model and each other, collecting issues;
- :mod:`casebook.localize`  formats dates, numbers and amounts per language (Babel);
- :mod:`casebook.generate`  plans the site: one page per case, list and organisation pages, per language.

None of it imports MkDocs; ``hooks/casebook_hooks.py`` adapts it to MkDocs events.
"""

from casebook.project import LANGUAGES, Project, load_project

DEFAULT_LANGUAGE = "da"

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "Project", "load_project"]
