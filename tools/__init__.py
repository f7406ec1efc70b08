"""Python helpers the tests and the benchmark share: the built site served as a static host serves it,
and Lighthouse over a list of pages. (``tools/sitehash.py`` is a script of its own.)"""
