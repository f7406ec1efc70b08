"""The MkDocs adapter: the only code that imports mkdocs.

``plugin.py`` holds the events, in the order MkDocs runs them; a :class:`~casebook.plugin.build.Build`
made fresh in on_config (``start.py``) holds everything one build knows, and a
:class:`~casebook.plugin.serve.ServeSession` what `mkdocs serve` keeps between rebuilds. The rest are
the adapter's policies, one per file: which files MkDocs gets (``files.py``), what the preview skips
(``skipping.py``), how pages render (``pages.py``), the post-build steps (``steps.py``), what is
logged (``report.py``) and where the settings come from (``options.py``).
"""
