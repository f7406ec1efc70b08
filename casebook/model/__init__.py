"""The content model, declared once: each file type of the content is a pydantic model here.

Validation, the site plan, the editor schemas, the scaffold and the writing guide all derive from these
declarations. Each field carries an English description and a Danish one (``description_da``), and a
short label in both languages (``title``, ``title_da``) that forms show instead of its YAML name.
"""
