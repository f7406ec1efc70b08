"""The site's languages, declared once: Danish first (the default, at the root), then English (under /en/)."""

from __future__ import annotations

import typing
from typing import Literal

Lang = Literal["da", "en"]
LANGUAGES: tuple[str, ...] = typing.get_args(Lang)
DEFAULT_LANGUAGE: str = LANGUAGES[0]


def other_language(lang: str) -> str:
    """The language a page's switch leads to."""
    return next(lg for lg in LANGUAGES if lg != lang)
