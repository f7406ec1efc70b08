"""Casebook: bilingual case stories of corporate-volunteering partnerships.

The pipeline, one folder per stage, each importing only the ones above it in this list:

- :mod:`casebook.core`      the languages, problems as data, messages, fingerprints, the cache, progress;
- :mod:`casebook.model`     the content model, declared once (pydantic);
- :mod:`casebook.load`      YAML and Markdown files read with the line and column of every value;
- :mod:`casebook.validate`  documents checked against the model and each other, collecting issues;
- :mod:`casebook.project`   the content tree read into a :class:`~casebook.project.Project`;
- :mod:`casebook.site`      the engine-neutral plan of every page, per language;
- :mod:`casebook.publish`   sharing metadata, feeds, open data, PDFs, search, CSP, the atomic swap;
- :mod:`casebook.authoring` editor schemas, the writing guide's tables, scaffolding;
- :mod:`casebook.cli`       the ``casebook`` command.

None of it imports MkDocs: only the adapter in :mod:`casebook.plugin` does.
"""
