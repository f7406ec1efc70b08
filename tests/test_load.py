"""Strict, exact loading: file encodings and YAML that would be silently misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.load.documents import load_yaml
from casebook.load.files import LoadError, read_text


def load(tmp_path: Path, raw: bytes) -> list[str]:
    """The problems of loading ``raw`` as a YAML file, formatted; [] when it loads."""
    path = tmp_path / "case.yml"
    path.write_bytes(raw)
    try:
        load_yaml(path, "case.yml")
    except LoadError as exc:
        return [i.format() for i in exc.issues]
    return []


YAML_RULES = [
    ("duplicate key", b"kind: event\ntitle: a\nkind: programme\n",
     ["case.yml:3:1: kind: field 'kind' appears twice (first on line 1) (keep one of them)"]),
    ("tab indentation", b"title:\n\tda: x\n",
     ["case.yml:2:1: a tab character is used for indentation (indent with spaces, not tabs)"]),
    ("two documents", b"kind: event\n---\nkind: event\n",
     ["case.yml:2:1: file holds more than one YAML document (remove the '---' line inside the file)"]),
    ("alias", b"a: &x [1]\nb: *x\n",
     ["case.yml:2:1: b: anchors and aliases (&name, *name) are not allowed (write the value out in full)"]),
    ("merge key", b"a: {x: 1}\nb:\n  <<: {x: 1}\n",
     ["case.yml:3:3: b: merge keys ('<<') are not allowed (write the fields out in full)"]),
    ("custom tag", b"kind: !!python/name:os.system x\n",
     ["case.yml:1:7: kind: values of type 'python/name:os.system' are not allowed "
      "(write plain text, numbers, lists and fields)"]),
    ("local tag", b"kind: !event x\n",
     ["case.yml:1:7: kind: custom tag '!event' is not allowed "
      "(remove the tag; put quotes around the value if it is text)"]),
    ("'no' read as false", b"answer: no\n",
     ["case.yml:1:9: answer: 'no' would be read as yes/no, not as text "
      "(write true or false, or put quotes around it: \"no\")"]),
    ("'off' read as false", b"answer: off\n",
     ["case.yml:1:9: answer: 'off' would be read as yes/no, not as text "
      "(write true or false, or put quotes around it: \"off\")"]),
    ("octal", b"value: 0700\n",
     ["case.yml:1:8: value: '0700' would be read as the number 448 "
      "(write the number without leading zeros, or put quotes around it: \"0700\")"]),
    ("Danish thousands separator", b"value: 1.500\n",
     ["case.yml:1:8: value: '1.500' would be read as the decimal number 1.5 "
      "(write 1500 without a thousands separator)"]),
    ("clock time", b"time: 14:30\n",
     ["case.yml:1:7: time: '14:30' would be read as the number 870 (put quotes around it: \"14:30\")"]),
    ("special float", b"value: .inf\n",
     ["case.yml:1:8: value: '.inf' would be read as a special number "
      "(write a plain decimal number, or put quotes around it: \".inf\")"]),
    ("binary", b"value: !!binary aGVq\n",
     ["case.yml:1:8: value: values of type 'binary' are not allowed "
      "(write plain text, numbers, lists and fields)"]),
    ("comment cutting a value", b"title: Vi er #1\n",
     ["case.yml:1:8: title: the text stops at ' #': YAML reads the rest of the line as a comment, so the value "
      "is only 'Vi er' (put the whole text in quotes, or move the comment to a line of its own)"]),
    ("empty file", b"",
     ["case.yml:1:1: file is empty (write the fields as 'name: value' lines)"]),
    ("only a comment", b"# nothing\n",
     ["case.yml:1:1: file is empty (write the fields as 'name: value' lines)"]),
    ("a list, not fields", b"- a\n- b\n",
     ["case.yml:1:1: file must hold fields as 'name: value' lines, not a list or a single value"]),
    ("unclosed quote", b'title: "Vi er\nkind: event\n',
     ["case.yml:3:1: found unexpected end of stream "
      "(check indentation, colons and quotes on this line and the one above)"]),
    ("NUL byte", b"title: a\nkind: \x00\n",
     ["case.yml:2:7: file contains a NUL byte (save the file again as plain UTF-8 text)"]),
    ("control character", b"title: a\x1bb\n",
     ["case.yml:1:9: invisible control character U+001B ESCAPE "
      "(delete the invisible character; retype the text around it)"]),
    ("Latin-1 file", "title: Bydelsmødre\n".encode("latin-1"),
     ["case.yml:1:1: file is not valid UTF-8 (save the file with the encoding UTF-8)"]),
    ("conflict marker", b"title: a\n<<<<<<< HEAD\nkind: event\n=======\nkind: programme\n>>>>>>> main\n",
     ["case.yml:2:1: git conflict marker '<<<<<<<' in file "
      "(resolve the merge conflict and remove the marker lines)"]),
]


@pytest.mark.parametrize(("raw", "expected"), [r[1:] for r in YAML_RULES], ids=[r[0] for r in YAML_RULES])
def test_yaml_rule(tmp_path: Path, raw: bytes, expected: list[str]) -> None:
    """Each kind of unsafe or broken YAML is refused with its line, column and fix."""
    assert load(tmp_path, raw) == expected


def test_values_keep_their_written_form(tmp_path: Path) -> None:
    """Dates stay text (precision kept), quoted values stay text, numbers stay numbers."""
    path = tmp_path / "x.yml"
    path.write_bytes(b'date: 2015-11-05\nmonth: 2015-11\nyear: 2015\nq: "no"\nn: 5440\nf: 2.5\nt: true\n')
    assert load_yaml(path, "x.yml").data == {"date": "2015-11-05", "month": "2015-11", "year": 2015,
                                              "q": "no", "n": 5440, "f": 2.5, "t": True}


def test_positions_of_nested_values(tmp_path: Path) -> None:
    """Every value and key is located, so a problem deep in a list names its line and column."""
    path = tmp_path / "x.yml"
    path.write_bytes(b"partners:\n  - org: ibm\n    role: company\n  - org: baba\n")
    doc = load_yaml(path, "x.yml")
    assert doc.position(("partners", 1, "org")) == (4, 10)
    assert doc.position(("partners", 0, "role"), key=True) == (3, 5)
    assert doc.position(("partners", 1, "missing")) == (4, 5)


def test_bom_and_crlf_are_normalised(tmp_path: Path) -> None:
    """A byte-order mark is dropped and Windows line endings do not shift line numbers."""
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xef\xbb\xbftitle: a\r\nkind: event\r\n")
    doc = load_yaml(path, "x.yml")
    assert doc.data == {"title": "a", "kind": "event"}
    assert doc.position(("kind",)) == (2, 7)
    assert read_text(path, "x.yml") == "title: a\nkind: event\n"


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    """A file over the size limit is an error naming the file, not a slow build."""
    path = tmp_path / "x.yml"
    path.write_bytes(b"t: " + b"a" * 1_000_001)
    with pytest.raises(LoadError) as info:
        load_yaml(path, "x.yml")
    assert info.value.issues[0].format() == (
        "x.yml: file is 1,000,004 bytes, more than the limit of 1,000,000 "
        "(split the text or move large media out of the file)")


def _ordinary_and_unusual_yaml() -> list[str]:
    """YAML texts: this suite's, the sample site's files, and variants of them with one unusual thing each."""
    from conftest import SITES

    texts = [raw.decode("utf-8", "replace") for _, raw, _ in YAML_RULES]
    texts += [path.read_text(encoding="utf-8") for path in sorted(SITES.rglob("*.yml")) if path.name != "mkdocs.yml"]
    variants = ["a: 1 # note\n", "a: x # note\n", "a: 'x' # note\n", 'a: "x\\ty"\n', 'a: "\\u202e"\n', "a: !!str 1\n",
                "a: ! x\n", "a: &x 1\nb: *x\n", "? [a]\n: 1\n", "a: 1\n...\n", "a: 1\n---\nb: 2\n", "a: ~\nb: null\n",
                "a: 1_000\n", "a: 0x1F\n", "a: .inf\n", "a: 1e3\n", "a: 2015-11-05 10:00:00\n", "a: =\n",
                "<<: {b: 1}\n", "1: a\n2.5: b\n", "true: 1\n", "a: |\n  x\n  y\n", "a: >-\n  x\n",
                "a: [1, [2, {b: c}]]\n", "- a\n", "a\n", "", "a: 01\n", "a: +1\n", "a: -0.5\n", "a: 1.500\n",
                "a: yes\n", "a: 'yes'\n", 'a: "a\\\\b"\n', "'a': 1\n", '"a\\x41": 1\n', "a: b: c\n",
                "a: 1\nb:\n  - x\n  -\n"]
    return texts + variants


def test_the_quick_reading_gives_the_careful_readings_data_or_gives_way() -> None:
    """For every text, the quick reading of YAML either gives up or gives exactly the data the careful
    reading gives; it gives up on every text the careful reading refuses, and reads the ordinary ones."""
    from casebook.load.documents import parse_yaml_carefully
    from casebook.load.quick_yaml import quick_data

    quick = 0
    for text in _ordinary_and_unusual_yaml():
        data = quick_data(text)
        try:
            careful = parse_yaml_carefully(text, "x.yml").data
        except LoadError:
            assert data is None, text
            continue
        assert data is None or (data == careful and repr(data) == repr(careful)), text
        quick += data is not None
    assert quick >= 10
