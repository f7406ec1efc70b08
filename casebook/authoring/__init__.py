"""Tools for the people who write: editor schemas, the writing guide's field tables, scaffolding."""
