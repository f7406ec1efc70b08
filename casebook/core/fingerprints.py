"""Fingerprints: one hex digest for everything a result was made from, so that a changed input is a
different key. The cache (:mod:`casebook.core.cache`) and the preview's page fingerprints use them."""

from __future__ import annotations

import functools
import hashlib
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

# The packages each kind of result depends on, besides Casebook itself.
PACKAGES = {
    "content": ("pyyaml", "pydantic", "pydantic-core", "babel", "nh3", "python-slugify"),
    "story": ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material"),
    "image": ("pillow",),
}
FORMAT = 1  # of the cache's entries: bump when what an entry holds changes shape
_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the casebook package
_SOURCE_SUFFIXES = (".py", ".yml", ".po")


def fingerprint(*parts: str | bytes | None) -> str:
    """A hex digest of ``parts``; each part is length-prefixed, so ("ab", "c") and ("a", "bc") differ."""
    digest = hashlib.sha256()
    for part in parts:
        if part is None:
            digest.update(b"\xff" * 8)
            continue
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def package_version(name: str) -> str:
    """The installed version of a distribution, or "-" when it is not installed."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


@functools.cache
def _casebook_source() -> str:
    # The package's own files, not only its version number: a developer's edit to the model or
    # the loader must not be answered from a cache made by the code before it.
    parts: list[str | bytes] = [package_version("casebook"), sys.version]
    for path in sorted(_PACKAGE_DIR.rglob("*")):
        if path.suffix in _SOURCE_SUFFIXES and "__pycache__" not in path.parts:
            parts += [path.relative_to(_PACKAGE_DIR).as_posix(), path.read_bytes()]
    return fingerprint(*parts)


@functools.cache  # asked for every story; tests that change a version call code_fingerprint.cache_clear()
def code_fingerprint(kind: str) -> str:
    """Casebook's source and the versions of the packages that make results of ``kind``."""
    return fingerprint(str(FORMAT), kind, _casebook_source(),
                       *(f"{name}=={package_version(name)}" for name in PACKAGES[kind]))


def stable_repr(value: Any) -> str:
    """A text that is the same for equal configuration values across processes: dictionaries
    sorted, functions by name and what their closures hold. Raises TypeError for anything else
    (the caller then does not cache)."""
    if value is None or isinstance(value, bool | int | float | str):
        return repr(value)
    if isinstance(value, dict):
        items = sorted((stable_repr(k), stable_repr(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(stable_repr(v) for v in value) + "]"
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(stable_repr(v) for v in value)) + "}"
    if isinstance(value, functools.partial):
        return f"partial({stable_repr(value.func)},{stable_repr(value.args)},{stable_repr(value.keywords)})"
    if callable(value) and hasattr(value, "__qualname__"):
        cells = [c.cell_contents for c in (getattr(value, "__closure__", None) or ())]
        defaults = getattr(value, "__defaults__", None) or ()
        return f"fn({value.__module__}.{value.__qualname__},{stable_repr(cells)},{stable_repr(defaults)})"
    raise TypeError(f"no stable form for {type(value).__name__}")
