"""Invisible characters: refused in every content file, with the character's name, line, column and fix."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit, problems

from casebook.load.characters import (
    CONTROL_NAMES,
    MAX_REPORTED,
    REFUSED,
    invisible_issues,
    is_refused,
    reference_issues,
)
from casebook.load.documents import parse_yaml
from casebook.load.files import LoadError, decode_text

A, B = "cases/alpha-workshop", "cases/beta-mentors"
FIX = "(delete the invisible character; retype the text around it)"
OVERRIDE = "invisible character U+202E RIGHT-TO-LEFT OVERRIDE, which can show the text after it in another order"
ISOLATE = "invisible character U+2066 LEFT-TO-RIGHT ISOLATE, which can show the text after it in another order"


def override_in_story(site: Path) -> None:
    edit(site / B / "index.da.md", "mødtes en gang", "mødtes \u202een gang")


def bell_in_page_and_front_matter(site: Path) -> None:
    (site / "content" / "about.da.md").write_text("---\ntitle: Om\x07\n---\n# Om siden\n\nOm\x07 testsitet.\n",
                                                  encoding="utf-8")


def nul_in_page(site: Path) -> None:
    (site / "content" / "about.da.md").write_text("# Om siden\n\nOm\x00 testsitet.\n", encoding="utf-8")


def isolate_in_title(site: Path) -> None:
    edit(site / A / "case.yml", "  da: Alfa-workshoppen", "  da: Alfa-\u2066workshoppen")


def escaped_override_in_title(site: Path) -> None:
    edit(site / A / "case.yml", "  en: The alpha workshop", '  en: "The \\u202Ealpha workshop"')


def windows_1252_in_catalogue_intro(site: Path) -> None:
    edit(site / "content" / "catalogues" / "starter" / "index.da.md", "til test.", "til test\x92s.")


def reference_to_override_in_page(site: Path) -> None:
    (site / "content" / "about.da.md").write_text("---\ntitle: Om\n---\n# Om siden\n\nOm &#x202E;testsitet.\n",
                                                  encoding="utf-8")


INVISIBLE: list[tuple[Callable[[Path], None], list[str]]] = [
    (override_in_story, [f"{B}/index.da.md:3:19: {OVERRIDE} {FIX}"]),
    (bell_in_page_and_front_matter, [f"content/about.da.md:2:10: invisible control character U+0007 ALERT {FIX}",
                                     f"content/about.da.md:6:3: invisible control character U+0007 ALERT {FIX}"]),
    (nul_in_page, ["content/about.da.md:3:3: file contains a NUL byte (save the file again as plain UTF-8 text)"]),
    (isolate_in_title, [f"{A}/case.yml:2:12: {ISOLATE} {FIX}"]),
    (escaped_override_in_title, [f"{A}/case.yml:3:12: title.en: {OVERRIDE}, written as \\u202E "
                                 "(delete \\u202E; retype the text around it)"]),
    (windows_1252_in_catalogue_intro, ["content/catalogues/starter/index.da.md:3:20: invisible control character "
                                       f"U+0092 PRIVATE USE TWO {FIX}"]),
    (reference_to_override_in_page, [f"content/about.da.md:6:4: {OVERRIDE}, written as &#x202E; "
                                     "(delete &#x202E;; retype the text around it)"]),
]


@pytest.mark.parametrize(("change", "expected"), INVISIBLE, ids=[r[0].__name__ for r in INVISIBLE])
def test_invisible_character_message(minimal: Path, change: Callable[[Path], None], expected: list[str]) -> None:
    """Each invisible character in a story, page, title or introduction is an error at its line and column."""
    change(minimal)
    assert problems(minimal) == expected


def test_direction_mark_in_catalogue_intro_is_allowed(minimal: Path) -> None:
    """A right-to-left mark (U+200F) only sets the direction of punctuation, so it is not refused."""
    edit(minimal / "content" / "catalogues" / "starter" / "index.da.md", "til test.", "til test \u05d0\u200f.")
    assert problems(minimal) == []


def test_allowed_invisible_characters() -> None:
    """Joiners in emoji, soft hyphens, direction marks, no-break spaces and flag tags pass."""
    text = ("kvinde-\u200d\U0001f4bb \u2764\ufe0f samarbejds\u00adaftale \u200b\u200c\u2060 "
            "\u200e\u200f\u061c 5\u00a0000\u202fkr. \U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067"
            "\U000e007f\ttab\n")
    assert invisible_issues(text, "x.md") == []


def test_columns_count_characters_not_bytes() -> None:
    """Columns count characters (æ and an emoji are one each), after Windows line endings are normalised."""
    with pytest.raises(LoadError) as caught:
        decode_text("første\r\næøå \U0001f600 \u2067x\r\n".encode(), "x.md")
    assert [(i.line, i.column) for i in caught.value.issues] == [(2, 7)]


def test_many_invisible_characters_are_counted_after_the_first_ten() -> None:
    """A file full of them lists the first ten, then one issue counting the rest, where they start."""
    issues = invisible_issues("a\u202e" * 25, "x.md")
    assert len(issues) == MAX_REPORTED + 1
    assert [i.column for i in issues] == [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22]
    assert issues[-1].format() == f"x.md:1:22: 15 more invisible characters from here to the end of the file {FIX}"
    assert len(invisible_issues("a\u202e" * (MAX_REPORTED + 1), "x.md")) == MAX_REPORTED + 1


def test_every_refused_character_is_named() -> None:
    """Each refused code point has a name; control characters by their Unicode alias."""
    for point, name in CONTROL_NAMES.items():
        assert unicodedata.lookup(name) == chr(point), name
    for first, last, _ in REFUSED:
        for point in range(first, last + 1):
            issue, = invisible_issues(chr(point), "x.md")
            assert f"U+{point:04X} " in issue.message
            assert point in CONTROL_NAMES or unicodedata.name(chr(point), "NONCHARACTER") in issue.message


def yaml_problems(text: str) -> list[str]:
    try:
        parse_yaml(text, "case.yml")
    except LoadError as exc:
        return [i.format() for i in exc.issues]
    return []


def test_yaml_text_not_read_from_a_file_is_checked_by_yaml() -> None:
    """YAML text that did not come through decode_text still has its control characters named."""
    assert yaml_problems("a: x\x07\n") == [f"case.yml:1:5: invisible control character U+0007 ALERT {FIX}"]


def test_escapes_in_quoted_yaml_values() -> None:
    """Escapes that write a refused character are found at their column; an escaped backslash is not one."""
    assert yaml_problems('a: "x\\\\u202E y\\t\\u00e6\\_"\nb: \'\\u202E\'\n') == []
    assert yaml_problems('"k\\e": 1\nt:\n  - "ab\n    c\\x85d\\U00002069"\n') == [
        "case.yml:1:3: invisible control character U+001B ESCAPE, written as \\e "
        "(delete \\e; retype the text around it)",
        "case.yml:4:6: t[1]: invisible control character U+0085 NEXT LINE, written as \\x85 "
        "(delete \\x85; retype the text around it)",
        "case.yml:4:11: t[1]: invisible character U+2069 POP DIRECTIONAL ISOLATE, which can show the text after "
        "it in another order, written as \\U00002069 (delete \\U00002069; retype the text around it)"]


def test_character_references_in_markdown() -> None:
    """A reference shown as a refused character is an error; one that browsers show as a dash is not."""
    text = "&#150; &rlm; &amp;#x202e; &#8238; &#X2066; &#x81;\n`&#7;`"
    assert [(i.line, i.column, i.code) for i in reference_issues(text, "x.md", first_line=4)] == [
        (4, 27, "file.bidi-control"), (4, 35, "file.bidi-control"), (4, 44, "file.control-character"),
        (5, 2, "file.control-character")]


def test_the_quick_check_of_latin_1_text_refuses_what_the_search_refuses() -> None:
    """Every Latin-1 character, alone and in a text of Danish letters, is refused by the quick check of
    Latin-1 text exactly when the search over the characters refuses it."""
    for point in range(256):
        text = f"Blåbærgrød {chr(point)} på Østerbro\n"
        assert bool(invisible_issues(text, "x.md")) == is_refused(chr(point)), hex(point)
