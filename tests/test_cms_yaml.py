"""What the CMS writes, Casebook reads: every seed file and hostile values saved through /admin/'s own
YAML writer (the casebook-yaml format, run in Node by tests/cms_yaml.mjs) load again with the same
meaning; Decap's built-in writer would not do (the reason for the format); a story saved by Decap gets
no front matter; the editors' schemas are mapped by file name, so Decap dropping a schema line loses nothing."""

from __future__ import annotations

import datetime
import fnmatch
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, require_cms_tools

from casebook.load.documents import parse_yaml
from casebook.load.files import LoadError
from casebook.project import load_project

MODULES = ROOT / "tools" / "cms" / "node_modules"
SCRIPT = ROOT / "tests" / "cms_yaml.mjs"
SEEDS = sorted([*ROOT.glob("cases/*/case.yml"), *ROOT.glob("content/*.yml"),
                *ROOT.glob("content/catalogues/*/catalogue.yml")])
# Texts that YAML 1.1 (which Casebook reads) takes for something else when they are written plain.
RETYPED = ["no", "yes", "on", "off", "No", "OFF", "y", "n", "0700", "1.500", "2018-10-05", "2018-10-05 12:00",
           "~", "null", "true", "12:30", "0x1F", ".inf", "=", "<<"]
HOSTILE = [*RETYPED, "Hjælp # ikke en kommentar", "#hashtag", "  to mellemrum foran", "slut med mellemrum  ",
           "linje et\nlinje to\n", "linje et\n\n  indrykket\n", "uden linjeskift til sidst\nto",
           "Æblegrød, østers og åer – “citater” og emoji 🙂", "ключ: значение", "a: b", "- ikke en liste",
           "[ikke, en, liste]", "{ikke: et kort}", "'enkelt'", '"dobbelt"', "\\backslash", "@at", "`backtick`",
           "%procent", "!udråb", "&anker", "*alias", "|", ">", "?", "", " ", "ord " * 60]

@pytest.fixture(autouse=True)
def _cms_tools() -> None:
    require_cms_tools("yaml")


def run_node(request: dict[str, Any]) -> dict[str, Any]:
    """tests/cms_yaml.mjs's answer to ``request``."""
    result = subprocess.run(["node", str(SCRIPT), str(MODULES)], input=json.dumps(request), capture_output=True,
                            text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


def loaded(text: str) -> Any:
    """The values Casebook's strict loader reads from ``text`` (LoadError when it refuses it)."""
    return parse_yaml(text, "saved.yml").data


def test_every_seed_file_saved_by_the_cms_means_the_same_to_casebook() -> None:
    """Each case, registry and catalogue file, read and written by casebook-yaml, loads to the same values."""
    assert len(SEEDS) >= 7
    saved = run_node({"casebook": [{"text": path.read_text(encoding="utf-8")} for path in SEEDS]})["casebook"]
    for path, text in zip(SEEDS, saved, strict=True):
        assert loaded(text) == loaded(path.read_text(encoding="utf-8")), path
        assert text.endswith("\n") and not text.endswith("\n\n"), path
        assert "\\u" not in text and "%YAML" not in text, path  # UTF-8 as it is, no version line


def test_the_project_saved_by_the_cms_loads_with_the_same_problems(tmp_path: Path) -> None:
    """The whole seed project, every YAML file replaced by what the CMS writes, loads as the original does."""
    for folder in ("cases", "content"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    saved = run_node({"casebook": [{"text": path.read_text(encoding="utf-8")} for path in SEEDS]})["casebook"]
    for path, text in zip(SEEDS, saved, strict=True):
        (tmp_path / path.relative_to(ROOT)).write_text(text, encoding="utf-8")
    original, copy = load_project(ROOT), load_project(tmp_path)
    assert sorted(copy.cases) == sorted(original.cases) and len(copy.cases) >= 4
    assert [issue.code for issue in copy.errors] == [issue.code for issue in original.errors] == []


def test_hostile_values_come_back_as_the_same_text() -> None:
    """Texts YAML 1.1 would retype, comments, leading spaces, several lines and Unicode load unchanged."""
    data = [{"title": {"da": value, "en": value}, "list": [value], "nested": {"deeper": [{"text": value}]}}
            for value in HOSTILE]
    saved = run_node({"casebook": [{"data": item} for item in data]})["casebook"]
    for item, text in zip(data, saved, strict=True):
        assert loaded(text) == item, text
        assert yaml.safe_load(text) == item, text  # any YAML 1.1 reader, not only Casebook's


def test_retyped_texts_are_quoted_and_numbers_stay_numbers() -> None:
    """`no`, `0700`, `2018-10-05` are written in quotes; a number, true and an empty value stay what they are."""
    [text] = run_node({"casebook": [{"data": {"a": "no", "b": "0700", "c": "2018-10-05", "d": 1500, "e": 2.5,
                                              "f": True, "g": None}}]})["casebook"]
    assert text == 'a: "no"\nb: "0700"\nc: "2018-10-05"\nd: 1500\ne: 2.5\nf: true\ng: null\n'


def test_fields_are_written_in_the_order_decap_passes() -> None:
    """The top-level fields follow the collection's order (sortedKeys, as Decap's yaml.ts sorts them: Decap
    passes every field of the collection), the fields inside them their own."""
    [text] = run_node({"casebook": [{"data": {"summary": "s", "kind": "k", "title": {"en": "t", "da": "d"}},
                                     "sortedKeys": ["title", "kind", "summary"]}]})["casebook"]
    assert text == "title:\n  en: t\n  da: d\nkind: k\nsummary: s\n"


def test_long_texts_are_not_folded() -> None:
    """A long text stays on one line (lineWidth 0), as an author wrote it."""
    [text] = run_node({"casebook": [{"data": {"summary": "ord " * 60 + "slut"}}]})["casebook"]
    assert text.count("\n") == 1


def test_reading_keeps_dates_y_n_and_exponents_as_text() -> None:
    """A plain date stays the text written (its precision matters); `y`, `n` and `1e3` stay text, as PyYAML
    (Casebook's reader) reads them."""
    source = "date: 2018-10\nday: 2018-10-05\nn: y\nexp: 1e3\n"
    [text] = run_node({"casebook": [{"text": source}]})["casebook"]
    assert loaded(text) == loaded(source) == {"date": "2018-10", "day": "2018-10-05", "n": "y", "exp": "1e3"}


def test_decaps_built_in_writer_would_break_the_files() -> None:
    """Why the format exists: Decap's own YAML writer (yaml v1, YAML 1.2) writes `no`/`on` plain, which
    Casebook refuses, and dates plain, which a YAML 1.1 reader takes for dates."""
    words = ["no", "yes", "on", "off"]
    saved = run_node({"decap": [{"text": word} for word in words] + [{"date": "2018-10-05"}]})["decap"]
    for word, text in zip(words, saved, strict=False):
        assert text == f"text: {word}\n"
        with pytest.raises(LoadError) as refused:
            loaded(text)
        assert [issue.code for issue in refused.value.issues] == ["yaml.retyped"]
    assert saved[-1] == "date: 2018-10-05\n"
    assert yaml.safe_load(saved[-1]) == {"date": datetime.date(2018, 10, 5)}


def test_a_story_saved_by_decap_has_no_front_matter() -> None:
    """Decap's yaml-frontmatter format saving a story (only a body) writes the body alone: Casebook
    refuses front matter in a story."""
    bodies = ["Første afsnit.\n\nAndet afsnit.\n", "Uden linjeskift til sidst", "---\nEn streg først\n"]
    saved = run_node({"stories": bodies})["stories"]
    assert saved[:2] == bodies[:2]
    assert not saved[0].startswith("---") and not saved[1].startswith("---")
    # A known limit of gray-matter (Decap's): a body that begins with a '---' rule is taken for front
    # matter and written as fields; Casebook then refuses the story (story.front-matter), it is not lost silently.
    assert saved[2].startswith("---\n") and saved[2] != bodies[2]


def test_the_editors_schemas_are_mapped_by_file_name() -> None:
    """Decap drops a `# yaml-language-server: $schema=` line; .vscode/settings.json maps the schemas by
    file name, so every seed file keeps its schema in the editor without one."""
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    globs = list(settings["yaml.schemas"].values())
    for path in SEEDS:
        rel = path.relative_to(ROOT).as_posix()
        if rel == "content/translations.yml":
            continue  # written by `casebook translated`, not edited by hand or in the CMS
        assert any(fnmatch.fnmatchcase(rel, glob) for glob in globs), rel
        assert "yaml-language-server" not in path.read_text(encoding="utf-8").split("\n", 1)[0], rel


def test_related_cases_are_slugs_in_the_file_and_case_entries_in_the_cms() -> None:
    """Decap's relation to the cases collection stores an entry's name, ``<slug>/case``; casebook-case-yaml and
    casebook-catalogue-yaml turn the file's slugs into those names on reading and back on writing."""
    case = ROOT / "cases" / "ibm-baba-workshop" / "case.yml"
    catalogue = next(ROOT.glob("content/catalogues/*/catalogue.yml"))
    answer = run_node({"casebook": [
        {"text": case.read_text(encoding="utf-8"), "caseLists": [["related"]]},
        {"text": catalogue.read_text(encoding="utf-8"), "caseLists": [["ideas", "*", "examples"]]},
        {"data": {"related": ["ibm-nydansker-erhvervsmentorer/case", "ibm-baba-workshop"]},
         "caseLists": [["related"]]},
    ]})["casebook"]
    original = loaded(case.read_text(encoding="utf-8"))
    assert original["related"] and answer[0]["read"]["related"] == [f"{slug}/case" for slug in original["related"]]
    assert loaded(answer[0]["text"]) == original
    examples = [idea.get("examples", []) for idea in loaded(catalogue.read_text(encoding="utf-8"))["ideas"]]
    assert any(examples), catalogue
    assert [idea.get("examples", []) for idea in answer[1]["read"]["ideas"]] == \
        [[f"{slug}/case" for slug in names] for names in examples]
    assert loaded(answer[1]["text"]) == loaded(catalogue.read_text(encoding="utf-8"))
    # What a relation picked in the CMS holds is written as the slug; a slug typed as is stays one.
    assert loaded(answer[2]["text"]) == {"related": ["ibm-nydansker-erhvervsmentorer", "ibm-baba-workshop"]}
