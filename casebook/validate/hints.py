"""The did-you-mean hint every check gives for a value that is nearly right."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from casebook.core.messages import msg


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known value, or the empty string."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return msg("did you mean '{close}'?", close=close[0]) if close else ""
