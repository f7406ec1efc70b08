"""Casebook's performance benchmark (issue 7): see ``benchmarks/bench.py`` and ``benchmarks/README.md``."""
