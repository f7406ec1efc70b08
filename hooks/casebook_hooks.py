"""MkDocs hooks: hand MkDocs' events to one Casebook plugin object (casebook/plugin/plugin.py).

mkdocs.yml loads this file with ``hooks: - hooks/casebook_hooks.py``; an installed Casebook can be
loaded with ``plugins: [casebook]`` instead (not both: that is an error). MkDocs finds a hook's
events by their names in this module and keeps the module for the whole process, so the plugin
object lives as long as a `mkdocs serve`; everything one build knows is made fresh in its on_config.
A hook gets no plugin options: the plugin reads its settings from ``extra.casebook``.
"""

from __future__ import annotations

from casebook.plugin.plugin import CasebookPlugin

plugin = CasebookPlugin(hooks=True)

# In the order MkDocs runs them.
on_startup = plugin.on_startup
on_config = plugin.on_config
on_files = plugin.on_files
on_nav = plugin.on_nav
on_page_markdown = plugin.on_page_markdown
on_page_content = plugin.on_page_content
on_env = plugin.on_env
on_template_context = plugin.on_template_context
on_post_template = plugin.on_post_template
on_page_context = plugin.on_page_context
on_post_page = plugin.on_post_page
on_post_build = plugin.on_post_build
on_build_error = plugin.on_build_error
on_serve = plugin.on_serve
on_shutdown = plugin.on_shutdown
