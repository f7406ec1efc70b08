"""YAML read exactly, remembering where every value came from.

YAML is composed into nodes with PyYAML (libyaml when available) and turned into plain Python
values by :class:`_Builder`, which records the line and column of every key and value and refuses
what YAML would silently get wrong: duplicate keys, anchors and aliases, custom tags, and plain
values that YAML 1.1 retypes (``no`` becomes false, ``0700`` becomes 448, ``1.500`` becomes 1.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
import yaml.reader
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from casebook.core.issues import Issue, Severity, format_location
from casebook.core.messages import msg
from casebook.load.characters import FIX, describe, escape_issues, position
from casebook.load.files import LoadError, read_text
from casebook.load.quick_yaml import quick_data

Loc = tuple[str | int, ...]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
# A Danish author writes 1.500 for fifteen hundred; YAML reads it as 1.5.
_THOUSANDS_LIKE = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+$")
_PLAIN_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"^[-+]?(0|[1-9][0-9]*)\.[0-9]+$")


@dataclass
class Document:
    """Plain data from one YAML file, with the position of every value and key in it.

    The positions of a file read quickly (:mod:`casebook.load.quick_yaml`) are made from its text when
    first asked for, which is only when a problem in it is reported."""

    path: str  # project-relative, forward slashes
    data: Any
    text: str = field(default="", repr=False)  # the YAML text the positions come from, when not made yet
    line_offset: int = field(default=0, repr=False)
    _positions: tuple[dict[Loc, tuple[int, int]], dict[Loc, tuple[int, int]]] | None = field(
        default=None, repr=False, compare=False)

    @property
    def value_positions(self) -> dict[Loc, tuple[int, int]]:
        """Line and column of every value, by its location."""
        return self._located()[0]

    @property
    def key_positions(self) -> dict[Loc, tuple[int, int]]:
        """Line and column of every field's name, by the field's location."""
        return self._located()[1]

    def _located(self) -> tuple[dict[Loc, tuple[int, int]], dict[Loc, tuple[int, int]]]:
        if self._positions is None:
            # The text was read once already, so it holds nothing the careful reading refuses.
            builder = _Builder(self.path, self.line_offset, self.text)
            node = yaml.compose(self.text, Loader=_Loader)
            assert node is not None
            builder.build(node, ())
            self._positions = builder.values, builder.keys
        return self._positions

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at ``loc`` (or its key), else of its nearest ancestor."""
        if key and loc in self.key_positions:
            return self.key_positions[loc]
        probe = loc
        while probe:
            if probe in self.value_positions:
                return self.value_positions[probe]
            probe = probe[:-1]
        return self.value_positions.get((), (1, 1))

    def issue(self, loc: Loc, code: str, message: str, hint: str = "", *, key: bool = False,
              severity: Severity = Severity.ERROR) -> Issue:
        """A problem with the value at ``loc`` (or its key), placed at its line and column."""
        line, col = self.position(loc, key=key)
        return Issue(self.path, line, col, code, message, format_location(loc), hint, severity)


def load_yaml(path: Path, rel: str) -> Document:
    """Load one YAML file that must hold a single mapping; raise :class:`LoadError` otherwise."""
    return parse_yaml(read_text(path, rel), rel)


def split_front_matter(text: str, rel: str) -> tuple[Document | None, str, int]:
    """Split ``---`` front matter off a Markdown page: (its fields, the body, the body's first line)."""
    if not text.startswith("---\n"):
        return None, text, 1
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            block = "\n".join(lines[1:index]) + "\n"
            doc = parse_yaml(block, rel, line_offset=1)
            return doc, "\n".join(lines[index + 1:]), index + 2
    raise LoadError([Issue(rel, 1, 1, "page.front-matter-unclosed", msg("front matter is not closed"),
                           hint=msg("end the block of fields with a line holding only '---'"))])


def parse_yaml(text: str, rel: str, line_offset: int = 0) -> Document:
    """Parse YAML text that must hold a single mapping; ``line_offset`` shifts reported lines."""
    data = quick_data(text)
    if data is not None:
        return Document(rel, data, text, line_offset)
    return parse_yaml_carefully(text, rel, line_offset)


def parse_yaml_carefully(text: str, rel: str, line_offset: int = 0) -> Document:
    """:func:`parse_yaml` by nodes, with every position and every refusal: what a file that is not
    ordinary needs (and what the quick reading must agree with)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise LoadError([_shift(_yaml_error_issue(rel, exc, text), line_offset)]) from None
    except yaml.reader.ReaderError as exc:  # only for text that did not come through decode_text
        line, column = position(text, exc.position)
        raise LoadError([Issue(rel, line + line_offset, column, "file.control-character",
                               describe(chr(exc.character)), hint=FIX)]) from None
    except yaml.YAMLError as exc:
        raise LoadError([Issue(rel, 1 + line_offset, 1, "yaml.syntax", str(exc).split("\n")[0])]) from None
    if node is None:
        raise LoadError([Issue(rel, 1 + line_offset, 1, "yaml.empty", msg("file is empty"),
                               hint=msg("write the fields as 'name: value' lines"))])
    if not isinstance(node, MappingNode):
        line, col = _mark(node)
        raise LoadError([Issue(rel, line + line_offset, col, "yaml.not-mapping",
                               msg("file must hold fields as 'name: value' lines, not a list or a single value"))])
    builder = _Builder(rel, line_offset, text)
    data = builder.build(node, ())
    if builder.issues:
        raise LoadError(builder.issues)
    return Document(rel, data, _positions=(builder.values, builder.keys))


def _shift(issue: Issue, lines: int) -> Issue:
    return replace(issue, line=issue.line + lines) if issue.line else issue


def _mark(node: Node, line_offset: int = 0) -> tuple[int, int]:
    return node.start_mark.line + 1 + line_offset, node.start_mark.column + 1


def _yaml_error_issue(rel: str, exc: yaml.MarkedYAMLError, text: str) -> Issue:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    hint = msg("check indentation, colons and quotes on this line and the one above")
    lines = text.split("\n")
    if 0 < line <= len(lines) and "\t" in lines[line - 1][: col]:
        problem, hint = msg("a tab character is used for indentation"), msg("indent with spaces, not tabs")
    elif "expected a single document" in str(exc.context):
        problem, hint = msg("file holds more than one YAML document"), msg("remove the '---' line inside the file")
    return Issue(rel, line, col, "yaml.syntax", problem, hint=hint)


class _Builder:
    """Turn a YAML node tree into plain data, recording positions and collecting problems."""

    _constructor = SafeConstructor()

    def __init__(self, rel: str, line_offset: int = 0, text: str = "") -> None:
        self.rel = rel
        self.offset = line_offset
        self.lines = text.split("\n")
        self.values: dict[Loc, tuple[int, int]] = {}
        self.keys: dict[Loc, tuple[int, int]] = {}
        self.issues: list[Issue] = []
        self._seen: set[int] = set()

    def _issue(self, node: Node, code: str, message: str, loc: Loc, hint: str = "",
               at: tuple[int, int] | None = None) -> None:
        line, col = at or _mark(node, self.offset)
        self.issues.append(Issue(self.rel, line, col, code, message, format_location(loc), hint))

    def build(self, node: Node, loc: Loc) -> Any:
        # Called for every value of every file: kept lean (no regular expression unless needed).
        mark = node.start_mark
        self.values[loc] = (mark.line + 1 + self.offset, mark.column + 1)
        key = id(node)
        if key in self._seen:
            # An alias shares its node (and position) with the anchor: point at the key instead.
            self.values[loc] = self.keys.get(loc, self.values[loc])
            self._issue(node, "yaml.alias", msg("anchors and aliases (&name, *name) are not allowed"), loc,
                        msg("write the value out in full"), at=self.values[loc])
            return None
        self._seen.add(key)
        if not node.tag.startswith(_TAG):  # also every "!tag"
            self._issue(node, "yaml.tag", msg("custom tag '{tag}' is not allowed", tag=node.tag), loc,
                        msg("remove the tag; put quotes around the value if it is text"))
            return None
        if isinstance(node, ScalarNode):  # the most common first
            return self._scalar(node, loc)
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        assert isinstance(node, SequenceNode)
        return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]

    def _escapes(self, node: ScalarNode, loc: Loc) -> None:
        """Escapes in a double-quoted value that write an invisible character (a literal one never
        gets this far: decode_text refuses it)."""
        start, end = node.start_mark, node.end_mark
        self.issues.extend(escape_issues(self.lines, (start.line, start.column), (end.line, end.column),
                                         self.rel, format_location(loc), self.offset))

    def _comment_follows(self, node: ScalarNode) -> bool:
        end = node.end_mark
        line = self.lines[end.line] if end.line < len(self.lines) else ""
        return line.find("#", end.column) >= 0 and bool(re.match(r"\s+#", line[end.column:]))

    def _mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self._issue(key_node, "yaml.alias", msg("merge keys ('<<') are not allowed"), loc,
                            msg("write the fields out in full"))
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag not in (_TAG + "str", _TAG + "int"):
                self._issue(key_node, "yaml.key", msg("a field name must be a plain word"), loc,
                            msg("write 'name: value'"))
                continue
            key = key_node.value
            if key_node.style == '"':
                self._escapes(key_node, loc)  # not at loc + (key,): the location would show the character
            if key in result:
                self._issue(key_node, "yaml.duplicate-key",
                            msg("field '{key}' appears twice (first on line {number})",
                                key=key, number=first_line[key] + self.offset),
                            loc + (key,), msg("keep one of them"))
                continue
            first_line[key] = key_node.start_mark.line + 1
            self.keys[loc + (key,)] = _mark(key_node, self.offset)
            result[key] = self.build(value_node, loc + (key,))
        return result

    def _scalar(self, node: ScalarNode, loc: Loc) -> Any:
        tag = node.tag[len(_TAG):]
        value = node.value
        plain = not node.style  # None from PyYAML, "" from libyaml
        if tag in ("str", "timestamp"):
            if node.style == '"':
                self._escapes(node, loc)
            if plain and self._comment_follows(node):
                self._issue(node, "yaml.comment-cut",
                            msg("the text stops at ' #': YAML reads the rest of the line as a comment, "
                                "so the value is only '{value}'", value=value), loc,
                            msg("put the whole text in quotes, or move the comment to a line of its own"))
            # Dates stay text: the content model parses them with the precision the author wrote.
            return value
        if tag == "null":
            return None
        if tag == "bool":
            if plain and value not in ("true", "false"):
                self._issue(node, "yaml.retyped", msg("'{value}' would be read as yes/no, not as text", value=value),
                            loc, msg("write true or false, or put quotes around it: \"{value}\"", value=value))
                return value
            return self._constructor.construct_yaml_bool(node)
        if tag == "int":
            if plain and not _PLAIN_INT.match(value):
                fix = msg("put quotes around it") if ":" in value else \
                    msg("write the number without leading zeros, or put quotes around it")
                self._issue(node, "yaml.retyped",
                            msg("'{value}' would be read as the number {number}",
                                value=value, number=self._constructor.construct_yaml_int(node)),
                            loc, msg("{fix}: \"{value}\"", fix=fix, value=value))
                return value
            return int(value)
        if tag == "float":
            if plain and _THOUSANDS_LIKE.match(value):
                self._issue(node, "yaml.retyped", msg("'{value}' would be read as the decimal number {number}",
                                                      value=value, number=float(value)), loc,
                            msg("write {value} without a thousands separator", value=value.replace('.', '')))
                return value
            if plain and not _PLAIN_FLOAT.match(value):
                self._issue(node, "yaml.retyped", msg("'{value}' would be read as a special number", value=value), loc,
                            msg("write a plain decimal number, or put quotes around it: \"{value}\"", value=value))
                return value
            return float(value)
        self._issue(node, "yaml.tag", msg("values of type '{tag}' are not allowed", tag=tag), loc,
                    msg("write plain text, numbers, lists and fields"))
        return None
