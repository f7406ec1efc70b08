"""Characters no content file may hold: invisible ones that change how a text reads or is read.

Text copied from Word, a PDF, a web page or a terminal can carry characters nobody sees: control
characters, and the bidirectional controls that make a browser show text in another order than it
is written (the "Trojan Source" trick, CVE-2021-42574: ``admin<U+202E>gnp.exe`` is shown as
``adminexe.png``). :func:`invisible_issues` finds every one in a file's text, at its line and column;
:func:`~casebook.load.files.decode_text` runs it on every content file (``case.yml`` and the other
YAML files, stories, catalogue introductions, pages with their front matter), so every reader
refuses them alike, as errors: nothing is built. Two ways of writing such a character without
typing it are refused too: an escape in a quoted YAML value (``"\\u202E"``, checked by
:mod:`casebook.load.documents` with :func:`escape_issues`) and a character reference in Markdown
(``&#x202E;``, :func:`reference_issues`).

Which characters, and why (a line and column count characters, as an editor does, from 1):

=========================  =======  ===================================================================
Characters                 Refused  Why
=========================  =======  ===================================================================
U+0001-U+0008, U+000B,     yes      C0 control characters: no meaning in a text; a terminal acts on
U+000C, U+000E-U+001F               some (U+001B ESCAPE); YAML refuses them.
U+0000                     yes      refused before this check by ``decode_text``: a NUL byte means the
                                    file is not UTF-8 text (often UTF-16), and the fix differs.
U+0009, U+000A, U+000D     no       tab and line breaks (U+000D is turned into U+000A).
U+007F                     yes      DELETE, a control character.
U+0080-U+009F              yes      C1 control characters: nearly always Windows-1252 text read as
                                    Latin-1 (a curly apostrophe becomes U+0092); YAML even reads U+0085
                                    as a line break.
U+202A-U+202E              yes      embeddings and overrides: show the text after them in another order.
U+2066-U+2069              yes      isolates: the same, for a stretch of text.
U+2028, U+2029             yes      line and paragraph separators: YAML breaks the line there, Markdown
                                    and editors do not, so a value is cut and positions disagree.
U+FEFF, after the start    yes      a byte-order mark left inside by joining files; at the start of a
                                    line it stops Markdown from seeing a heading or a list. (One at the
                                    very start of a file is dropped.)
U+FFFE, U+FFFF             yes      not characters at all; YAML refuses them.
U+200E, U+200F, U+061C     no       direction marks: an invisible letter of one direction, needed to
                                    set an Arabic or Hebrew name right among Danish words; unlike an
                                    override they cannot reverse a word.
U+200B                     no       zero width space: allows a line break in a long word or address.
U+200C, U+200D             no       zero width non-joiner and joiner: join emoji (woman + laptop) and
                                    shape the letters of many scripts.
U+00AD                     no       soft hyphen: where a long Danish compound may be hyphenated.
U+2060                     no       word joiner: keeps two words on one line.
U+FE00-U+FE0F,             no       variation selectors and tags: parts of emoji and of the flags of
U+E0020-U+E007F                     England, Scotland and Wales.
U+00A0, U+202F             no       no-break spaces, shown as spaces; Danish typography uses them.
=========================  =======  ===================================================================
"""

from __future__ import annotations

import re
import unicodedata

from casebook.core.issues import Issue
from casebook.core.messages import msg

CONTROL, BIDI, OTHER = "file.control-character", "file.bidi-control", "file.invisible-character"
# The refused ranges of the table above, first and last code point, with each one's issue code.
REFUSED: tuple[tuple[int, int, str], ...] = (
    (0x0000, 0x0008, CONTROL), (0x000B, 0x000C, CONTROL), (0x000E, 0x001F, CONTROL),
    (0x007F, 0x009F, CONTROL), (0x2028, 0x2029, OTHER), (0x202A, 0x202E, BIDI), (0x2066, 0x2069, BIDI),
    (0xFEFF, 0xFEFF, OTHER), (0xFFFE, 0xFFFF, OTHER),
)
MAX_REPORTED = 10  # per file; the rest are counted in one more issue

# Unicode gives control characters no name, only aliases (NameAliases.txt); these are their aliases.
_C0 = ("NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
       "ACKNOWLEDGE", "ALERT", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION",
       "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE",
       "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE",
       "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
       "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO",
       "INFORMATION SEPARATOR ONE")
_C1 = ("PADDING CHARACTER", "HIGH OCTET PRESET", "BREAK PERMITTED HERE", "NO BREAK HERE", "INDEX",
       "NEXT LINE", "START OF SELECTED AREA", "END OF SELECTED AREA", "CHARACTER TABULATION SET",
       "CHARACTER TABULATION WITH JUSTIFICATION", "LINE TABULATION SET", "PARTIAL LINE FORWARD",
       "PARTIAL LINE BACKWARD", "REVERSE LINE FEED", "SINGLE SHIFT TWO", "SINGLE SHIFT THREE",
       "DEVICE CONTROL STRING", "PRIVATE USE ONE", "PRIVATE USE TWO", "SET TRANSMIT STATE",
       "CANCEL CHARACTER", "MESSAGE WAITING", "START OF GUARDED AREA", "END OF GUARDED AREA",
       "START OF STRING", "SINGLE GRAPHIC CHARACTER INTRODUCER", "SINGLE CHARACTER INTRODUCER",
       "CONTROL SEQUENCE INTRODUCER", "STRING TERMINATOR", "OPERATING SYSTEM COMMAND", "PRIVACY MESSAGE",
       "APPLICATION PROGRAM COMMAND")
CONTROL_NAMES: dict[int, str] = {**dict(enumerate(_C0)), 0x7F: "DELETE",
                                 **{0x80 + i: name for i, name in enumerate(_C1)}}

_REFUSED = re.compile("[" + "".join(f"\\U{first:08X}-\\U{last:08X}" for first, last, _ in REFUSED) + "]")
# A YAML escape in double quotes (YAML 1.1 section 5.7), and the one-letter ones that write a refused character.
_YAML_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")
_YAML_LETTERS = {"0": "\x00", "a": "\x07", "b": "\x08", "v": "\x0b", "f": "\x0c", "e": "\x1b", "N": "\x85",
                 "L": "\u2028", "P": "\u2029"}
# A numeric character reference, as Python-Markdown passes it on and a browser reads it.
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
FIX = msg("delete the invisible character; retype the text around it")


def is_refused(char: str) -> bool:
    """Whether ``char`` (one character) may not be in a content file."""
    return _REFUSED.match(char) is not None


def describe(char: str) -> str:
    """What a refused character is, by its code point and name: "invisible control character U+0007 ALERT"."""
    point = ord(char)
    named = f"U+{point:04X} {CONTROL_NAMES.get(point) or unicodedata.name(char, 'NONCHARACTER')}"
    code = _code(point)
    if code == CONTROL:
        return msg("invisible control character {character}", character=named)
    if code == BIDI:
        return msg("invisible character {character}, which can show the text after it in another order",
                   character=named)
    return msg("invisible character {character}", character=named)


def _code(point: int) -> str:
    return next((code for first, last, code in REFUSED if first <= point <= last), OTHER)


def invisible_issues(text: str, rel: str) -> list[Issue]:
    """An error for each refused character in ``text``, at its line and column; after
    :data:`MAX_REPORTED` of them, one more error says how many follow."""
    if _none_refused(text) or _REFUSED.search(text) is None:  # nearly always
        return []
    matches = list(_REFUSED.finditer(text))
    shown = matches if len(matches) <= MAX_REPORTED + 1 else matches[:MAX_REPORTED]
    issues = []
    for match in shown:
        line, column = position(text, match.start())
        issues.append(Issue(rel, line, column, _code(ord(match.group())), describe(match.group()), hint=FIX))
    if len(shown) < len(matches):
        line, column = position(text, matches[MAX_REPORTED].start())
        issues.append(Issue(rel, line, column, OTHER,
                            msg("{count} more invisible characters from here to the end of the file",
                                count=len(matches) - MAX_REPORTED), hint=FIX))
    return issues


# Every Latin-1 character that may be in a content file: a text of only those holds nothing refused.
_ALLOWED_LATIN_1 = bytes(b for b in range(256) if not is_refused(chr(b)))


def _none_refused(text: str) -> bool:
    """Whether ``text`` is all Latin-1 (as most Danish and English text is) and holds no refused
    character: two passes in C over its bytes, quicker than the search over its characters."""
    try:
        return not text.encode("latin-1").translate(None, _ALLOWED_LATIN_1)
    except UnicodeEncodeError:  # other characters too: the search looks at them
        return False


def position(text: str, index: int) -> tuple[int, int]:
    """Line and column (1-based, in characters) of ``text[index]``."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def escape_issues(lines: list[str], start: tuple[int, int], end: tuple[int, int], rel: str,
                  location: str = "", line_offset: int = 0) -> list[Issue]:
    """An error for each escape that writes a refused character in a double-quoted YAML value (at
    ``location``), which runs in ``lines`` from ``start`` to ``end`` (0-based, as PyYAML marks them)."""
    issues = []
    for number in range(start[0], min(end[0], len(lines) - 1) + 1):
        text = lines[number]
        first = start[1] if number == start[0] else 0
        last = end[1] if number == end[0] else len(text)
        for match in _YAML_ESCAPE.finditer(text, first, last):
            escape = match.group()
            char = _YAML_LETTERS.get(escape[1]) if len(escape) == 2 else chr(min(int(escape[2:], 16), 0x10FFFF))
            if char is not None and is_refused(char):
                issues.append(Issue(rel, number + 1 + line_offset, match.start() + 1, _code(ord(char)),
                                    msg("{what}, written as {written}", what=describe(char), written=escape),
                                    location, hint=msg("delete {escape}; retype the text around it", escape=escape)))
    return issues


def reference_issues(text: str, rel: str, first_line: int = 1) -> list[Issue]:
    """An error for each character reference in Markdown (``&#x202E;``) that a browser shows as a
    refused character; ``first_line`` is the line ``text`` starts on in its file. References in code
    count too: a site of cases has no reason to show one."""
    if "&#" not in text:
        return []
    issues = []
    for match in _REFERENCE.finditer(text):
        char = _referenced(int(match.group(1), 16) if match.group(1) else int(match.group(2)))
        if is_refused(char):
            line, column = position(text, match.start())
            issues.append(Issue(rel, line + first_line - 1, column, _code(ord(char)),
                                msg("{what}, written as {written}", what=describe(char), written=match.group()),
                                hint=msg("delete {escape}; retype the text around it", escape=match.group())))
    return issues


def _referenced(number: int) -> str:
    """The character a browser shows for ``&#number;`` (HTML reads 128-159 as Windows-1252)."""
    if 0x80 <= number <= 0x9F:
        try:
            return bytes([number]).decode("cp1252")
        except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined stay controls
            return chr(number)
    return chr(number) if number <= 0x10FFFF else "\ufffd"
