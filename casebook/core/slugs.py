"""Slugs as the content uses them: lowercase a-z, digits and hyphens, with Danish letters spelled out."""

from __future__ import annotations

from slugify import slugify as _slugify

# Danish letters as Danes write them without the letters: æ -> ae, ø -> oe, å -> aa.
DANISH_LETTERS = [["æ", "ae"], ["ø", "oe"], ["å", "aa"]]


def slugify(text: str, *, max_length: int = 0) -> str:
    """A slug of ``text`` (python-slugify with the Danish letter rules), at most ``max_length`` long if given."""
    return _slugify(text, replacements=DANISH_LETTERS, max_length=max_length, word_boundary=bool(max_length))
