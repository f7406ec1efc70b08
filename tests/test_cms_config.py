"""The CMS configuration (cms/config.yml) against the content model: committed as generated, every field
of every model with the widget its type asks for, and `casebook cms --check` failing when they part."""

from __future__ import annotations

import json
import shutil
import subprocess
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
import yaml
from conftest import ROOT, require_cms_tools
from pydantic import BaseModel, WithJsonSchema
from pydantic.fields import FieldInfo

from casebook.authoring import cms as cms_module
from casebook.cli.cms import generated
from casebook.cli.main import main
from casebook.model.case import Case, Image
from casebook.model.catalogue import Catalogue
from casebook.model.fields import SLUG_PATTERN, Bilingual, DanishFirst, PartialDate, Text, doc
from casebook.model.references import Ref
from casebook.model.registry import OrganisationsFile, PageMeta, Taxonomy
from casebook.site.cms_backend import CmsBackend, cms_warnings

CONFIG = ROOT / "cms" / "config.yml"
# The collection that edits each model's files, and (for a file collection) the file's name in it.
MODELS: dict[str, type[BaseModel]] = {"cases": Case, "catalogues": Catalogue, "organisations": OrganisationsFile,
                                      "taxonomy": Taxonomy}
FILES = {"cases": "case.yml", "catalogues": "catalogue.yml", "organisations": "organisations.yml",
         "taxonomy": "taxonomy.yml"}
TAXONOMY_VOCABULARIES = ("formats", "themes", "sectors", "company_sizes", "costs", "measures")


def config() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    return data


def collection(name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in config()["collections"] if c["name"] == name)
    return found


def model_fields(name: str) -> list[dict[str, Any]]:
    """The form of the collection that edits ``name``'s model (a file collection's one file)."""
    found = collection(name)
    fields: list[dict[str, Any]] = found["files"][0]["fields"] if "files" in found else found["fields"]
    return fields


# --- an independent reading of the model's field types ------------------------------------------


def strip(annotation: Any) -> tuple[Any, list[Any]]:
    """``annotation`` without Optional and Annotated, and the metadata met on the way."""
    metadata: list[Any] = []
    while True:
        if typing.get_origin(annotation) is Annotated:
            metadata += list(annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
        elif typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in typing.get_args(
                annotation):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation, metadata


def walk(model: type[BaseModel], fields: list[dict[str, Any]], *, optional: bool = False,
         where: str = "") -> Iterator[tuple[str, FieldInfo, dict[str, Any], bool, type[BaseModel]]]:
    """(path, the model's field, its widget, whether it is required in the form, the model) for every
    field, nested ones included; the form has exactly the model's fields, in order. The path marks lists
    as the writing guide does: ``partners[].org``."""
    assert [f["name"] for f in fields] == list(model.model_fields), where or model.__name__
    for (name, info), field in zip(model.model_fields.items(), fields, strict=True):
        required = info.is_required() and not optional
        yield f"{where}{name}", info, field, required, model
        inner, many = nested(info)
        if inner is not None and "fields" in field:
            yield from walk(inner, field["fields"], optional=not required and not many,
                            where=f"{where}{name}{'[]' if many else ''}.")


def nested(info: FieldInfo) -> tuple[type[BaseModel] | None, bool]:
    annotation, _ = strip(info.annotation)
    many = typing.get_origin(annotation) is list
    if many:
        annotation, _ = strip(typing.get_args(annotation)[0])
    return (annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None), many


def expected(model: type[BaseModel], name: str, info: FieldInfo) -> dict[str, Any]:
    """The widget (and its telling options) a field's type asks for, from the type alone."""
    annotation, metadata = strip(info.annotation)
    metadata += info.metadata
    many = typing.get_origin(annotation) is list
    if many:
        annotation, more = strip(typing.get_args(annotation)[0])
        metadata += more
    ref = next((m for m in metadata if isinstance(m, Ref)), None)
    if ref is not None:
        return reference_widget(ref.target, many)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"widget": "list" if many else "object"}
    if typing.get_origin(annotation) is Literal:
        return {"widget": "select", "values": list(typing.get_args(annotation))}
    if annotation is bool:
        return {"widget": "boolean"}
    if annotation is int:
        return {"widget": "number", "value_type": "int"}
    if annotation in (float, int | float):
        return {"widget": "number", "value_type": "float"}
    if (model, name) == (Image, "file"):
        return {"widget": "image"}
    if annotation is PartialDate:
        declared = next(m.json_schema for m in metadata if isinstance(m, WithJsonSchema))
        return {"widget": "string", "pattern": declared["pattern"]}
    if annotation is str:
        return {"widget": ("string", "text")}
    raise AssertionError(f"{model.__name__}.{name}: a field type the test does not know: {info.annotation!r}")


def reference_widget(target: str, many: bool) -> dict[str, Any]:
    if target == "sdgs":
        return {"widget": "select", "values": list(range(1, 18)), "multiple": many}
    value = {"organisations": "organisations.*.id", "cases": "{{slug}}", "ideas": "ideas.*.id"}.get(
        target, f"{target}.*.id")
    where = {"organisations": "organisations", "cases": "cases", "ideas": "catalogues"}.get(target, "taxonomy")
    return {"widget": "relation", "collection": where, "value_field": value, "multiple": many}


def every_field() -> Iterator[tuple[str, str, FieldInfo, dict[str, Any], bool, type[BaseModel]]]:
    for collection_name, model in MODELS.items():
        for path, info, field, required, owner in walk(model, model_fields(collection_name)):
            yield collection_name, path, info, field, required, owner


# --- the tests ----------------------------------------------------------------------------------


def test_the_committed_configuration_is_the_generated_one() -> None:
    """cms/config.yml is what `casebook cms` makes of the model (run it after changing the model)."""
    text, _ = generated(ROOT)
    assert CONFIG.read_text(encoding="utf-8") == text
    assert text.startswith("# Generated by `casebook cms`")


def test_every_field_has_the_widget_its_type_asks_for() -> None:
    """Each field of every model is in its collection's form with the fitting widget: relations for ids,
    selects for choices and goals, numbers, booleans, dates as patterned strings, lists and objects."""
    seen = 0
    for collection_name, path, info, field, _, owner in every_field():
        want = expected(owner, path.rsplit(".", 1)[-1], info)
        where = f"{collection_name}: {path}"
        widgets = want["widget"] if isinstance(want["widget"], tuple) else (want["widget"],)
        assert field["widget"] in widgets, where
        if "values" in want:
            assert [o["value"] for o in field["options"]] == want["values"], where
            assert all(o["label"] for o in field["options"]), where
        for key in ("collection", "value_field", "value_type", "pattern"):
            if key in want:
                assert (field[key][0] if key == "pattern" else field[key]) == want[key], where
        if "multiple" in want:
            assert field.get("multiple", False) is want["multiple"], where
        seen += 1
    assert seen > 100


def test_required_optional_and_hints_follow_the_model() -> None:
    """A required field is required in the form (a field of an optional block is not, so that the block can
    be left out); every other field says required: false; each hint is the field's Danish description and
    its name in the file (but a text's Dansk and Engelsk: their text's hint names it)."""
    for collection_name, path, info, field, required, owner in every_field():
        where = f"{collection_name}: {path}"
        assert field.get("required", True) is required, where
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if issubclass(owner, Bilingual | DanishFirst):
            assert field["hint"] == extra["description_da"], where
        else:
            assert field["hint"] == f"{extra['description_da']} (feltet `{path}` i {FILES[collection_name]})", where


def labelled_models() -> Iterator[type[BaseModel]]:
    """Every model of the content, nested ones included: the files' models and a page's front matter."""
    seen: set[type[BaseModel]] = set()
    waiting: list[type[BaseModel]] = [*MODELS.values(), PageMeta]
    while waiting:
        model = waiting.pop()
        if model not in seen:
            seen.add(model)
            yield model
            waiting += [inner for info in model.model_fields.values() if (inner := nested(info)[0]) is not None]


def test_every_field_of_every_model_has_a_label_in_danish_and_english() -> None:
    """Each field declares its short label in both languages (doc's label=); the JSON Schemas carry them
    as title and title_da."""
    models = list(labelled_models())
    assert {"Case", "Partner", "Outcome", "Bilingual", "Idea", "Effort", "Organisation", "Source", "Term",
            "Measure", "Sdg", "PageMeta"} <= {m.__name__ for m in models}
    for model in models:
        for name, info in model.model_fields.items():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            assert info.title and info.title.strip(), f"{model.__name__}.{name}: no English label"
            assert str(extra.get("title_da", "")).strip(), f"{model.__name__}.{name}: no Danish label"
    schema = json.loads((ROOT / "schemas" / "case.schema.json").read_text(encoding="utf-8"))
    assert (schema["properties"]["partners"]["title"], schema["properties"]["partners"]["title_da"]) == (
        "Partners", "Partnere")
    assert schema["$defs"]["Outcome"]["properties"]["of"]["title_da"] == "Ud af"


def test_every_field_is_labelled_with_its_danish_label() -> None:
    """The CMS labels each field, nested ones and a text's two languages included, with its Danish label,
    never its YAML name."""
    for collection_name, path, info, field, _, _ in every_field():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        assert field["label"] == extra["title_da"], f"{collection_name}: {path}"
    labels = {f["name"]: f["label"] for f in model_fields("cases")}
    assert (labels["partners"], labels["date_note"], labels["outcomes"]) == ("Partnere", "Datonote", "Resultater")


def test_ids_carry_the_slug_pattern_and_bilingual_texts_are_danish_english_pairs() -> None:
    """Ids take SLUG_PATTERN with a Danish message; a bilingual text is an object of Dansk and Engelsk."""
    for _, path, info, field, _, _ in every_field():
        annotation, _ = strip(info.annotation)
        if isinstance(annotation, type) and issubclass(annotation, Bilingual | DanishFirst):
            assert [(f["name"], f["label"]) for f in field["fields"]] == [("da", "Dansk"), ("en", "Engelsk")], path
        if path.endswith(".id") or path == "id":
            assert field["pattern"][0] == SLUG_PATTERN and "bogstaver" in field["pattern"][1], path
    summary = next(f for f in model_fields("cases") if f["name"] == "summary")
    assert [f["widget"] for f in summary["fields"]] == ["text", "text"]


def test_every_vocabulary_of_the_taxonomy_is_offered_by_relation() -> None:
    """Every list of the taxonomy that cases, ideas or organisations refer to is a relation into the
    taxonomy collection, shown by its Danish names: a new term needs no regeneration."""
    relations = {f["value_field"].split(".")[0]: f for _, _, _, f, _, _ in every_field()
                 if f["widget"] == "relation" and f["collection"] == "taxonomy"}
    assert set(relations) == set(TAXONOMY_VOCABULARIES)
    assert set(TAXONOMY_VOCABULARIES) | {"sdgs"} <= set(Taxonomy.model_fields)
    for vocabulary, field in relations.items():
        assert field["file"] == "taxonomy" and field["display_fields"] == [f"{vocabulary}.*.da"]


def test_goals_and_choices_are_labelled_in_danish() -> None:
    """The goals are named as the taxonomy names them in Danish; a partner's role as the site names it."""
    sdgs = next(f for f in model_fields("cases") if f["name"] == "sdgs")
    assert sdgs["options"][0] == {"label": "1. Afskaf fattigdom", "value": 1}
    partners = next(f for f in model_fields("cases") if f["name"] == "partners")
    roles = {o["value"]: o["label"] for o in partners["fields"][1]["options"]}
    assert roles["company"] == "Virksomhed (company)" and roles["host"] == "Vært (host)"
    people = next(f for f in model_fields("cases") if f["name"] == "people")
    consent = {o["value"]: o["label"] for o in people["fields"][3]["options"]}
    assert consent["recorded"] == "Skriftligt samtykke foreligger (recorded)"
    assert "public-role" in people["fields"][3]["hint"]


def test_collections_and_top_level_settings() -> None:
    """The collections the admin page and its previews rely on, Danish, two languages, the GitHub backend
    with the editorial workflow, the local backend, and images beside each case."""
    data = config()
    assert [c["name"] for c in data["collections"]] == [
        "cases", "stories", "organisations", "taxonomy", "catalogues", "catalogue_intros", "pages"]
    assert data["locale"] == "da" and data["i18n"] == {"structure": "multiple_files", "locales": ["da", "en"],
                                                       "default_locale": "da"}
    assert data["backend"]["name"] == "github" and data["publish_mode"] == "editorial_workflow"
    assert data["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"} and data["media_folder"]
    cases, stories = collection("cases"), collection("stories")
    assert (cases["folder"], cases["path"], cases["format"], cases["media_folder"]) == (
        "cases", "{{slug}}/case", "casebook-case-yaml", "images")
    # Decap finds a picture at <entry folder>/<media_folder>/<file name>: the seed's pictures are named so.
    assert stories["media_folder"] == stories["public_folder"] == cases["public_folder"] == "images"
    pictures = [image["file"] for path in [*ROOT.glob("cases/*/case.yml"), *ROOT.glob("tests/sites/*/cases/*/case.yml")]
                for image in yaml.safe_load(path.read_text(encoding="utf-8")).get("images", [])]
    assert pictures and all(file.startswith("images/") and file.count("/") == 1 for file in pictures), pictures
    # The two formats that map a related case's "<slug>" to Decap's "<slug>/case"; the registries keep the plain one.
    assert collection("catalogues")["format"] == "casebook-catalogue-yaml"
    assert collection("organisations")["format"] == collection("taxonomy")["format"] == "casebook-yaml"
    assert stories["meta"]["path"]["index_file"] == "index" and stories["nested"]["depth"] == 2
    assert stories["fields"] == [{"name": "body", "label": "Tekst", "widget": "markdown", "i18n": True}]
    assert collection("catalogues")["path"] == "{{slug}}/catalogue"


def copy_project(target: Path) -> Path:
    for name in ("content", "cases", "cms"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def test_check_fails_when_a_field_is_added_and_passes_after_casebook_cms(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A new field in the model makes `casebook cms --check` exit 1 naming the file and the fix, in English
    and Danish; `casebook cms` writes the new form, after which the check passes."""
    root = copy_project(tmp_path / "project")
    assert main(["cms", "--check", "--root", str(root)]) == 0

    class Wider(Case):
        contact: Text | None = doc("Who to ask about the case.", "Hvem man kan spørge om casen.",
                                   label=("Contact", "Kontakt"), default=None)

    monkeypatch.setattr(cms_module, "Case", Wider)
    capsys.readouterr()
    assert main(["cms", "--check", "--root", str(root)]) == 1
    assert "cms/config.yml is out of date with the content model (run: casebook cms)" in capsys.readouterr().err
    assert main(["cms", "--check", "--root", str(root), "--lang", "da"]) == 1
    assert "cms/config.yml passer ikke længere til indholdsmodellen (kør: casebook cms)" in capsys.readouterr().err
    assert main(["cms", "--root", str(root)]) == 0
    assert main(["cms", "--check", "--root", str(root)]) == 0
    written = yaml.safe_load((root / "cms" / "config.yml").read_text(encoding="utf-8"))
    contact = next(f for f in written["collections"][0]["fields"] if f["name"] == "contact")
    assert contact == {"name": "contact", "label": "Kontakt", "widget": "string", "required": False,
                       "hint": "Hvem man kan spørge om casen. (feltet `contact` i case.yml)"}


def test_the_cms_setting_names_the_repository(tmp_path: Path) -> None:
    """extra.casebook.cms gives the backend's repository, branch and OAuth client; without it a placeholder
    is written and the command warns."""
    root = copy_project(tmp_path / "project")
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace(
        "extra:\n  casebook:\n", "extra:\n  casebook:\n    cms: {repo: eksempel/casebook, branch: udgivet, "
        "base_url: 'https://auth.eksempel.dk'}\n"), encoding="utf-8")
    text, backend = generated(root)
    assert backend is not None and backend.repo == "eksempel/casebook"
    assert yaml.safe_load(text)["backend"] == {"name": "github", "repo": "eksempel/casebook", "branch": "udgivet",
                                               "base_url": "https://auth.eksempel.dk"}
    assert yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["backend"]["repo"] == "OWNER/REPOSITORY"


def test_the_build_warns_when_the_cms_has_no_repository(tmp_path: Path) -> None:
    """A project with cms/config.yml and no cms.repo setting gets one warning, in English and Danish, naming
    the setting; a project without the CMS, or with the repository set, gets none."""
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: x\n", encoding="utf-8")
    assert cms_warnings("extra.casebook", None, config_file) == []
    (tmp_path / "cms").mkdir()
    (tmp_path / "cms" / "config.yml").write_text("backend: {}\n", encoding="utf-8")
    issues = cms_warnings("extra.casebook", CmsBackend(), config_file)
    assert [i.format() for i in issues] == [
        "mkdocs.yml: warning: extra.casebook.cms.repo: no repository is set for the CMS, so /admin/ cannot publish "
        "the editors' changes (set extra.casebook.cms.repo to the GitHub repository (owner/name), then run: "
        "casebook cms)"]
    assert issues[0].format("da").startswith("mkdocs.yml: advarsel: extra.casebook.cms.repo: der er ikke angivet")
    assert cms_warnings("extra.casebook", CmsBackend(repo="eksempel/casebook"), config_file) == []


def test_a_wrong_cms_setting_is_refused_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A repository that is not owner/name stops `casebook cms` with what is wrong and how to write it."""
    root = copy_project(tmp_path / "project")
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace(
        "extra:\n  casebook:\n", "extra:\n  casebook:\n    cms: {repo: mit repo}\n"), encoding="utf-8")
    assert main(["cms", "--root", str(root)]) == 1
    assert capsys.readouterr().err == ("mkdocs.yml: the cms setting is not valid: 'mit repo' is not a GitHub "
                                       "repository (write it as owner/name, e.g. eksempel/casebook)\n")
    assert main(["cms", "--root", str(root), "--lang", "da"]) == 1
    assert "'mit repo' er ikke et GitHub-repository" in capsys.readouterr().err


TOOLS = ROOT / "tools" / "cms"  # decap-cms and decap-server from npm, pinned (installed by another make target)


def decap_check(data: dict[str, Any], folder: Path) -> subprocess.CompletedProcess[str]:
    """Decap's own validateConfig on ``data`` (tests/cms_config_check.mjs)."""
    path = folder / "config.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return subprocess.run(["node", str(ROOT / "tests" / "cms_config_check.mjs"), str(path)], capture_output=True,
                          text=True, check=False, cwd=TOOLS, timeout=120)


def test_decap_accepts_the_configuration(tmp_path: Path) -> None:
    """Decap's own configuration schema, with its widgets' schemas, accepts cms/config.yml, and refuses
    it with a choice that has no options (so the check can fail)."""
    require_cms_tools("decap-cms-core")
    result = decap_check(config(), tmp_path)
    assert result.returncode == 0 and result.stdout == "valid\n", result.stdout + result.stderr
    broken = config()
    kind = next(f for f in broken["collections"][0]["fields"] if f["name"] == "kind")
    del kind["options"]
    refused = decap_check(broken, tmp_path)
    assert refused.returncode == 1 and "must have required property 'options'" in refused.stdout
