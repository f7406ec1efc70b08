"""The ``casebook`` command."""
