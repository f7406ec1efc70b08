"""The quick reading of a YAML file that holds nothing to refuse: plain data straight from libyaml's events.

Most files are ordinary (fields, lists, text, whole and decimal numbers, true and false): for them
:func:`quick_data` builds the data from the parser's events, with no nodes and no positions, and
YAML's implicit types resolved as PyYAML resolves them. At the first thing that would be refused or
that needs a closer look (an alias or anchor, a tag, a duplicate key, a value YAML 1.1 retypes, a
comment that cuts a text short, an escape in double quotes, a syntax error, more than one document)
it gives up and returns None: then :mod:`casebook.load.documents` reads the file carefully, with
nodes and positions, and reports exactly what it always did. Positions are made only when asked for.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml import events
from yaml.events import MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP = (_TAG + name for name in ("str", "int", "float", "bool", "null",
                                                                          "timestamp"))
# As in casebook.load.documents: what the careful reading refuses among plain numbers.
_THOUSANDS_LIKE = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+$")
_PLAIN_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"^[-+]?(0|[1-9][0-9]*)\.[0-9]+$")
# The first characters of the plain values that a resolver may take for something else than text.
_FIRSTS: frozenset[str] | None = None if None in _Loader.yaml_implicit_resolvers else \
    frozenset(first for first in _Loader.yaml_implicit_resolvers if first)


def _tag(value: str) -> str:
    """The tag of a plain value without a tag of its own, as PyYAML's resolver gives it."""
    if _FIRSTS is not None and value and value[0] not in _FIRSTS:
        return _STR  # no resolver looks at a value that starts so (most text)
    return _resolved(value)


@functools.lru_cache(maxsize=8192)  # field names and short values recur in every file
def _resolved(value: str) -> str:
    """The tag of a plain value without a tag of its own, as PyYAML's resolver gives it."""
    resolvers = _Loader.yaml_implicit_resolvers
    for tag, regexp in resolvers.get(value[0] if value else "", []) + resolvers.get(None, []):
        if regexp.match(value):
            return str(tag)
    return _STR


class _Unusual(Exception):
    """The file needs the careful reading."""


def quick_data(text: str) -> dict[str, Any] | None:
    """The data of ``text``, when it is one mapping with nothing to refuse or look at closely; else None."""
    loader = _Loader(text)
    try:
        return _Events(loader, text).document()
    except (_Unusual, yaml.YAMLError, RecursionError):  # the careful reading says what is wrong, as before
        return None
    finally:
        loader.dispose()


class _Events:
    """One pass over the events of one document. Called for every value of every file: kept lean."""

    def __init__(self, loader: yaml.SafeLoader, text: str) -> None:
        self.next: Callable[[], Any] = loader.get_event
        self.lines = text.split("\n") if "#" in text else None  # a comment can cut a text only with a '#'
        self.backslash = "\\" in text  # an escape in double quotes needs one

    def document(self) -> dict[str, Any]:
        self.expect(events.StreamStartEvent, events.DocumentStartEvent)
        start = self.next()
        if type(start) is not MappingStartEvent:
            raise _Unusual
        data = self.mapping(start)
        self.expect(events.DocumentEndEvent, events.StreamEndEvent)  # one document only
        return data

    def expect(self, *kinds: type[events.Event]) -> None:
        for kind in kinds:
            if not isinstance(self.next(), kind):
                raise _Unusual

    def value(self, event: Any) -> Any:
        kind = type(event)
        if kind is ScalarEvent:
            return self.scalar(event)
        if kind is MappingStartEvent:
            return self.mapping(event)
        if kind is SequenceStartEvent:
            return self.sequence(event)
        raise _Unusual  # an alias

    def mapping(self, start: MappingStartEvent) -> dict[str, Any]:
        if start.anchor is not None or start.tag is not None:
            raise _Unusual
        result: dict[str, Any] = {}
        next_event, value = self.next, self.value
        while True:
            event = next_event()
            if type(event) is not ScalarEvent:
                if type(event) is MappingEndEvent:
                    return result
                raise _Unusual  # a key that is a list, fields or an alias
            if event.anchor is not None or event.tag is not None:
                raise _Unusual
            key = event.value
            if event.implicit[0]:
                if _tag(key) not in (_STR, _INT):  # a merge key ('<<') among them
                    raise _Unusual
            elif event.style == '"' and self.backslash:
                raise _Unusual
            if key in result:
                raise _Unusual
            result[key] = value(next_event())

    def sequence(self, start: SequenceStartEvent) -> list[Any]:
        if start.anchor is not None or start.tag is not None:
            raise _Unusual
        items: list[Any] = []
        next_event, value = self.next, self.value
        while True:
            event = next_event()
            if type(event) is SequenceEndEvent:
                return items
            items.append(value(event))

    def scalar(self, event: ScalarEvent) -> Any:
        if event.anchor is not None or event.tag is not None:
            raise _Unusual  # an explicit or non-specific tag
        value = event.value
        if not event.implicit[0]:  # quoted or a block: text (libyaml: only a plain value is implicit)
            if event.style == '"' and self.backslash:
                raise _Unusual
            return value
        tag = _tag(value)
        if tag in (_STR, _TIMESTAMP):
            if self.lines is not None and self.comment_follows(event):
                raise _Unusual
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL and value in ("true", "false"):
            return value == "true"
        if tag == _INT and _PLAIN_INT.match(value):
            return int(value)
        if tag == _FLOAT and _PLAIN_FLOAT.match(value) and not _THOUSANDS_LIKE.match(value):
            return float(value)
        raise _Unusual

    def comment_follows(self, event: ScalarEvent) -> bool:
        end = event.end_mark
        assert self.lines is not None and end is not None
        line = self.lines[end.line] if end.line < len(self.lines) else ""
        return line.find("#", end.column) >= 0 and bool(re.match(r"\s+#", line[end.column:]))
