"""What the reader of each kind of file shares: the project it fills, the cache, and each folder's
listing and each file's bytes, read once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from casebook.core.cache import Cache
from casebook.core.fingerprints import code_fingerprint, fingerprint
from casebook.core.issues import Issue
from casebook.core.messages import msg
from casebook.load.documents import Document, parse_yaml
from casebook.load.files import MAX_FILE_BYTES, LoadError, decode_text, read_bytes
from casebook.project.entries import Project
from casebook.validate.schema import M, check_schema


class Reader:
    """Files of one project read for its readers; their problems go to ``project.issues``."""

    def __init__(self, project: Project, cache: Cache | None = None) -> None:
        self.project = project
        self.issues = project.issues
        self.cache = cache
        self.content_code = code_fingerprint("content") if cache is not None else ""
        self._listings: dict[Path, set[str]] = {}
        self._bytes: dict[Path, bytes] = {}

    def rel(self, path: Path) -> str:
        """``path`` as messages show it (see :meth:`Project.relative`)."""
        return self.project.relative(path)

    def files(self, folder: Path) -> set[str]:
        """The names of the files in ``folder``, listed once (a case folder is looked into three times)."""
        if folder not in self._listings:
            try:
                with os.scandir(folder) as entries:
                    self._listings[folder] = {e.name for e in entries if e.is_file()}
            except OSError:  # a missing folder: its files are reported missing one by one
                self._listings[folder] = set()
        return self._listings[folder]

    def raw(self, path: Path, rel: str) -> bytes:
        """A file's bytes, read once: the cache's key and the parsed content come from the same read."""
        if path not in self._bytes:
            self._bytes[path] = read_bytes(path, rel)
        return self._bytes[path]

    def text(self, path: Path, rel: str, limit: int = MAX_FILE_BYTES) -> str:
        """A file's text, from the bytes read once (see :func:`~casebook.load.files.decode_text`)."""
        return decode_text(self.raw(path, rel), rel, limit)

    def load(self, path: Path, hint: str = "", limit: int = MAX_FILE_BYTES) -> Document | None:
        """A YAML file's document, or None when it is missing or unreadable (the problem reported)."""
        rel = self.rel(path)
        hint = hint or msg("create it; the writing guide lists its fields")
        if path.name not in self.files(path.parent):
            self.issues.append(Issue(rel, 0, 0, "file.missing", msg("file is missing"), hint=hint))
            return None
        try:
            return parse_yaml(self.text(path, rel, limit), rel)
        except LoadError as exc:
            self.issues.extend(exc.issues)
            return None

    def checked(self, path: Path, model: type[M], hint: str = "",
                limit: int = MAX_FILE_BYTES) -> tuple[Document | None, M | None]:
        """A YAML file loaded and checked against ``model`` (its problems added), cached by its bytes."""
        key = self.key("file", path, model.__name__)
        cached = self.cached(key)
        if cached is not None:
            issues, doc, parsed = cached
            self.issues.extend(issues)
            return doc, parsed
        start = len(self.issues)
        doc = self.load(path, hint, limit)
        parsed, problems = check_schema(doc, model) if doc is not None else (None, [])
        self.issues.extend(problems)
        self.keep(key, (self.issues[start:], doc, parsed))
        return doc, parsed

    def key(self, what: str, *parts: Path | str) -> str | None:
        """The cache key of what is read from ``parts`` (files, whose bytes count, and names), or None
        when there is no cache or a file cannot be read (then the problem is reported as usual)."""
        if self.cache is None:
            return None
        values: list[str | bytes | None] = [self.content_code, what, str(self.project.root)]
        for part in parts:
            if isinstance(part, str):
                values.append(part)
                continue
            values.append(self.rel(part))
            if part.name not in self.files(part.parent):
                values.append(None)
                continue
            try:
                values.append(self.raw(part, self.rel(part)))
            except LoadError:
                return None
        return fingerprint(*values)

    def cached(self, key: str | None) -> Any:
        """What was kept under ``key`` by an earlier run, or None."""
        return self.cache.get("content", key) if key is not None and self.cache is not None else None

    def keep(self, key: str | None, value: Any) -> None:
        """Keep ``value`` for later runs under ``key`` (nothing without a cache)."""
        if key is not None and self.cache is not None:
            self.cache.put("content", key, value)
