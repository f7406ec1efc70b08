"""Content files read exactly, and the checks on the tree that holds them.

:func:`read_bytes` and :func:`decode_text` refuse what cannot be content (too large, NUL bytes, not
UTF-8, invisible characters (see :mod:`casebook.load.characters`), git conflict markers) with a
:class:`LoadError` that explains why; :func:`check_tree` finds what would break a site on another
computer: links out of the content folders, and names that differ only by upper/lower case or by
how their accents are encoded.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from casebook.core.issues import Issue
from casebook.core.messages import msg
from casebook.load.characters import invisible_issues

MAX_FILE_BYTES = 1_000_000
# The list of every organisation grows with the site (about 500 bytes each: 2,400 organisations at
# 3,000 cases make 1.2 MB), and so do the translation records (about 160 bytes per translated file:
# 1.6 MB at 10,000 cases), so they may be larger than one case's or page's file.
MAX_REGISTRY_BYTES = 20_000_000
_CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})(\s|$)", re.MULTILINE)


class LoadError(Exception):
    """A file could not be read into data; carries the issues that explain why."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(i.format() for i in issues))
        self.issues = issues


def read_text(path: Path, rel: str) -> str:
    """Read a content file as UTF-8 text, with a BOM stripped and line endings normalised."""
    return decode_text(read_bytes(path, rel), rel)


def read_bytes(path: Path, rel: str) -> bytes:
    """A content file's bytes, as they are on disk."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LoadError([Issue(rel, 0, 0, "file.unreadable", msg("cannot read file: {strerror}",
                                                                 strerror=exc.strerror))]) from None


def decode_text(raw: bytes, rel: str, limit: int = MAX_FILE_BYTES) -> str:
    """A content file's bytes as text (see :func:`read_text`); raises :class:`LoadError` for what
    cannot be content: too large, NUL bytes, not UTF-8, invisible characters, git conflict markers."""
    if len(raw) > limit:
        raise LoadError([Issue(rel, 0, 0, "file.too-large",
                               msg("file is {count} bytes, more than the limit of {MAX_FILE_BYTES}",
                                   count=f"{len(raw):,}", MAX_FILE_BYTES=f"{limit:,}"),
                               hint=msg("split the text or move large media out of the file"))])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        nul = raw.index(b"\x00")
        start = raw.rfind(b"\n", 0, nul) + 1
        line, column = raw.count(b"\n", 0, nul) + 1, len(raw[start:nul].decode("utf-8", "replace")) + 1
        raise LoadError([Issue(rel, line, column, "file.nul-byte", msg("file contains a NUL byte"),
                               hint=msg("save the file again as plain UTF-8 text"))])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LoadError([Issue(rel, line, 1, "file.encoding", msg("file is not valid UTF-8"),
                               hint=msg("save the file with the encoding UTF-8"))]) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    invisible = invisible_issues(text, rel)
    if invisible:
        raise LoadError(invisible)
    # A marker is seven of one sign: a text without any such run is not searched line by line.
    marker = _CONFLICT_MARKER.search(text) if any(sign * 7 in text for sign in "<=>") else None
    if marker:
        line = text.count("\n", 0, marker.start()) + 1
        raise LoadError([Issue(rel, line, 1, "file.conflict-marker",
                               msg("git conflict marker '{value}' in file", value=marker.group(1)),
                               hint=msg("resolve the merge conflict and remove the marker lines"))])
    return text


def check_tree(top: Path, roots: tuple[Path, ...], rel: Callable[[Path], str]) -> Iterator[Issue]:
    """Symlinks under ``top`` that lead out of ``roots``, and names that differ only by case or accents.

    ``rel`` names a path as messages show it.
    """
    if not top.is_dir():
        return
    folders = [top]
    while folders:
        here = folders.pop()
        with os.scandir(here) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        # Into folders, never into links: a link is checked below, not followed into another tree.
        folders.extend(Path(e.path) for e in reversed(entries) if e.is_dir(follow_symlinks=False))
        seen: dict[str, str] = {}
        for entry in entries:
            name, path = entry.name, here / entry.name
            key = unicodedata.normalize("NFC", name).casefold()
            if key in seen:
                yield Issue(rel(path), 0, 0, "path.collision", _collision(seen[key], name),
                            hint=msg("rename or remove one of them"))
            seen.setdefault(key, name)
            if entry.is_symlink():
                target = path.resolve()
                if not any(target.is_relative_to(root) for root in roots):
                    yield Issue(rel(path), 0, 0, "path.symlink",
                                msg("'{name}' is a link to '{target}', outside the content folders",
                                    name=name, target=target),
                                hint=msg("copy the file here instead of linking to it"))


def _collision(first: str, name: str) -> str:
    """Why two names in one folder would overwrite each other."""
    nfc = unicodedata.normalize("NFC", name)
    if unicodedata.normalize("NFC", first) == nfc:
        return msg("two names read '{name}' but encode their accents differently, and would "
                   "overwrite each other on many systems", name=nfc)
    return msg("'{first}' and '{name}' differ only by upper/lower case, and would overwrite "
               "each other on many systems", first=first, name=name)
