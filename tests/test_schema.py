"""Editor schemas: derived from the content model, in step with the validator, kept up to date."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import ROOT, edit

from casebook.authoring.schema import SCHEMAS, build_schemas, schema_for, stale_schemas, write_schemas
from casebook.load.documents import load_yaml
from casebook.load.files import LoadError
from casebook.model.references import Target, references
from casebook.model.registry import Aggregate, MeasureKind
from casebook.project import load_project

CASE = "cases/alpha-workshop/case.yml"
ORGS = "content/organisations.yml"
TAX = "content/taxonomy.yml"
CAT = "content/catalogues/starter/catalogue.yml"

_LAST_SDG = 'colour: "#19486A"}\n'  # the end of the sample taxonomy

# (what, file, text in the valid file, replacement); None: the file unchanged. The set covers what a
# schema can say; docs/tools.md lists what only `casebook validate` can check.
CHANGES: list[tuple[str, str, str | None, str | None]] = [
    ("valid: case", CASE, None, None),
    ("valid: organisations", ORGS, None, None),
    ("valid: taxonomy", TAX, None, None),
    ("valid: catalogue", CAT, None, None),
    ("kind outside its choices", CASE, "kind: event", "kind: evnt"),
    ("unknown organisation", CASE, "  - org: hjaelp", "  - org: hjalp"),
    ("unknown field", CASE, "summary:", "sumary:"),
    ("English title missing", CASE, "  en: The alpha workshop\n", ""),
    ("title as plain text", CASE, "title:\n  da: Alfa-workshoppen\n  en: The alpha workshop", "title: Alfa"),
    ("title of spaces", CASE, "  da: Alfa-workshoppen", "  da: '   '"),
    ("month 13", CASE, "date: 2015-11", "date: 2015-13"),
    ("date in words", CASE, "date: 2015-11", "date: November 2015"),
    ("date and period", CASE, "date: 2015-11", "date: 2015-11\nperiod: {start: 2015}"),
    ("neither date nor period", CASE, "date: 2015-11\n", ""),
    ("valid: a period instead of a date", CASE, "date: 2015-11", "period: {start: 2015-11, end: 2016}"),
    ("valid: undated, with a note", CASE, "date: 2015-11", "undated: true\ndate_note: {da: efterår, en: autumn}"),
    ("undated and dated", CASE, "date: 2015-11", "date: 2015-11\nundated: true"),
    ("undated: false without a date", CASE, "date: 2015-11", "undated: false"),
    ("date note on a dated case", CASE, "date: 2015-11", "date: 2015-11\ndate_note: {da: omkring, en: around}"),
    ("valid: a participant", CASE, "    role: ngo", "    role: participant"),
    ("unknown partner role", CASE, "    role: ngo", "    role: guest"),
    ("organisation without a source", ORGS, "    source: {title: Foreningen Hjælps årsberetning}\n", ""),
    ("SDG 18", CASE, "sdgs: [8, 17]", "sdgs: [8, 18]"),
    ("unknown format", CASE, "formats: [workshop]", "formats: [workshp]"),
    ("figure as text", CASE, "  - value: 8\n", "  - value: '8'\n"),
    ("consent missing", CASE, "    consent: public-role\n", ""),
    ("unknown related case", CASE, "related: [beta-mentors]", "related: [gamma]"),
    ("no partners", CASE, "partners:\n  - org: acme\n    role: company\n  - org: hjaelp\n    role: ngo",
     "partners: []"),
    ("source address without a host", CASE, "url: https://acme.example.com/news", "url: acme news"),
    ("organisation kind", ORGS, "kind: ngo", "kind: charity"),
    ("organisation website", ORGS, "website: https://acme.example.com/", "website: www acme"),
    ("unknown company size", ORGS, "size: small", "size: smal"),
    ("colour", TAX, '"#19486A"', '"blue"'),
    ("term without English", TAX, "{id: workshop, da: Workshop, en: Workshop}", "{id: workshop, da: Workshop}"),
    ("idea with zero hours", CAT, "hours_per_employee: 4", "hours_per_employee: 0"),
    ("idea with unknown example", CAT, "examples: [alpha-workshop]", "examples: [alpha-worksop]"),
    ("idea with unknown cost band", CAT, "cost: none", "cost: nothing"),
    ("idea without first steps", CAT, "    first_steps:\n      - {da: Find en forening., en: Find an NGO.}\n",
     "    first_steps: []\n"),
    ("idea with unknown see_also", CAT, "see_also: [mentor-corps]", "see_also: [mentor-corp]"),
    ("idea duration", CAT, "duration: one-off", "duration: once"),
    ("unknown measure", CASE, "    unit: DKK\n", "    unit: DKK\n    measure: cash-donated\n"),
    ("valid: an estimate from the first source", CASE, "    unit: DKK\n", "    unit: DKK\n    estimate: true\n"
     "    source: 1\n"),
    ("estimate as text", CASE, "    unit: DKK\n", "    unit: DKK\n    estimate: omkring\n"),
    ("source 0", CASE, "    unit: DKK\n", "    unit: DKK\n    source: 0\n"),
    ("valid: measures", TAX, _LAST_SDG, _LAST_SDG + "measures:\n  - {id: volunteers, da: Frivillige, en: Volunteers, "
     "kind: input}\n  - {id: months, da: Måneder, en: Months, kind: output, unit: duration-month, aggregate: range}\n"),
    ("measure of an unknown kind", TAX, _LAST_SDG, _LAST_SDG + "measures:\n  - {id: volunteers, da: Frivillige, "
     "en: Volunteers, kind: effort}\n"),
    ("measure averaged", TAX, _LAST_SDG, _LAST_SDG + "measures:\n  - {id: volunteers, da: Frivillige, "
     "en: Volunteers, kind: input, aggregate: mean}\n"),
]


@pytest.mark.parametrize(("what", "file", "old", "new"), CHANGES, ids=[c[0] for c in CHANGES])
def test_schema_and_validator_agree(minimal: Path, what: str, file: str, old: str | None, new: str | None) -> None:
    """The same file gets the same verdict from the editor's schema and from `casebook validate`."""
    schemas = build_schemas(load_project(minimal))  # as `casebook schema` writes them
    if old is not None and new is not None:
        edit(minimal / file, old, new)
    errors = [i for i in load_project(minimal).errors if i.path == file]
    try:
        data = load_yaml(minimal / file, file).data
    except LoadError:
        pytest.fail("the set is about values, not YAML syntax")
    name = schema_for(file)
    assert name is not None
    schema_errors = list(jsonschema.Draft202012Validator(schemas[name]).iter_errors(data))
    assert bool(errors) == bool(schema_errors), (errors, [e.message for e in schema_errors])
    assert bool(errors) != what.startswith("valid:")


def test_schemas_offer_known_ids_and_danish_descriptions() -> None:
    schemas = build_schemas(load_project(ROOT))
    case = schemas["case.schema.json"]
    assert "ibm-danmark" in case["$defs"]["Partner"]["properties"]["org"]["enum"]
    assert "integration" in case["properties"]["themes"]["items"]["enum"]
    assert case["properties"]["sdgs"]["items"]["enum"] == list(range(1, 18))
    kind = case["properties"]["kind"]
    assert kind["description"].startswith("partnership, programme eller event.")
    title = case["properties"]["title"]["description"]
    assert title.startswith("Titel på dansk og engelsk.") and "Title in Danish and English." in title
    catalogue = schemas["catalogue.schema.json"]
    assert "ibm-baba-workshop" in catalogue["$defs"]["Idea"]["properties"]["examples"]["items"]["enum"]
    assert catalogue["$defs"]["Idea"]["properties"]["cost"]["enum"] == ["none", "low", "medium", "high"]


def test_the_schemas_offer_the_measures_and_their_rules() -> None:
    """An outcome's measure is offered from the taxonomy's measures, in their order; the taxonomy's schema
    offers a measure's kinds and ways of adding up as the model declares them."""
    schemas = build_schemas(load_project(ROOT))
    taxonomy = load_project(ROOT).taxonomy
    assert taxonomy is not None and len(taxonomy.measures) >= 8
    measure = schemas["case.schema.json"]["$defs"]["Outcome"]["properties"]["measure"]
    assert measure["anyOf"] == [{"enum": [m.id for m in taxonomy.measures], "type": "string"}, {"type": "null"}]
    declared = schemas["taxonomy.schema.json"]["$defs"]["Measure"]
    assert declared["required"] == ["id", "da", "en", "kind"]
    assert declared["properties"]["kind"]["enum"] == list(typing.get_args(MeasureKind)) == ["input", "output", "impact"]
    assert declared["properties"]["aggregate"]["enum"] == list(typing.get_args(Aggregate)) == ["sum", "range"]
    assert schemas["taxonomy.schema.json"]["properties"]["measures"]["items"] == {"$ref": "#/$defs/Measure"}


def test_every_declared_reference_takes_only_its_targets_ids(minimal: Path) -> None:
    """Each field the model declares a reference (``Ref``) is limited to its target's ids in the editor schema."""
    files = {"case.schema.json": CASE, "organisations.schema.json": ORGS, "catalogue.schema.json": CAT}
    schemas = build_schemas(load_project(minimal))
    targets = set()
    for name, (model, _, _) in SCHEMAS.items():
        for reference in references(model):
            data = load_yaml(minimal / files[name], files[name]).data
            node = data
            for key in reference.path[:-1]:  # into the first item of a list of objects
                node = node[key][0] if isinstance(node[key], list) else node[key]
            unknown = 18 if reference.ref.target == "sdgs" else "no-such-id"
            node[reference.path[-1]] = [unknown] if reference.many else unknown
            errors = list(jsonschema.Draft202012Validator(schemas[name]).iter_errors(data))
            assert errors, reference
            assert {tuple(k for k in e.absolute_path if isinstance(k, str)) for e in errors} == {reference.path}
            targets.add(reference.ref.target)
    assert targets == set(typing.get_args(Target))


def test_committed_schemas_are_up_to_date() -> None:
    """schemas/ in the repository matches the content (`casebook schema` refreshes it; a build only warns)."""
    result = subprocess.run([sys.executable, "-m", "casebook", "schema", "--check", "--root", str(ROOT)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_schema_check_notices_a_new_organisation(minimal: Path) -> None:
    run = [sys.executable, "-m", "casebook", "schema", "--root", str(minimal)]
    assert subprocess.run(run, capture_output=True, check=False).returncode == 0
    assert subprocess.run([*run, "--check"], capture_output=True, check=False).returncode == 0
    orgs = minimal / ORGS
    orgs.write_text(orgs.read_text(encoding="utf-8") + "  - id: nyt\n    name: Nyt\n    kind: ngo\n"
                    "    description: {da: Ny., en: New.}\n    source: {title: Nyts hjemmeside}\n", encoding="utf-8")
    stale = subprocess.run([*run, "--check"], capture_output=True, text=True, check=False)
    assert stale.returncode == 1 and "schemas/case.schema.json is out of date" in stale.stderr
    assert subprocess.run(run, capture_output=True, check=False).returncode == 0
    case: dict[str, Any] = json.loads((minimal / "schemas" / "case.schema.json").read_text(encoding="utf-8"))
    assert "nyt" in case["$defs"]["Partner"]["properties"]["org"]["enum"]


def test_stale_schemas_warn_in_both_languages_and_write_nothing(minimal: Path) -> None:
    """A schema the content has outgrown is one warning, in English and Danish, and stays as it was;
    a project without schemas/ gets no warning."""
    assert stale_schemas(load_project(minimal)) == []  # the sample site keeps no schemas/
    write_schemas(load_project(minimal))
    assert stale_schemas(load_project(minimal)) == []
    before = (minimal / "schemas" / "case.schema.json").read_bytes()
    orgs = minimal / ORGS
    orgs.write_text(orgs.read_text(encoding="utf-8") + "  - id: nyt\n    name: Nyt\n    kind: ngo\n"
                    "    description: {da: Ny., en: New.}\n    source: {title: Nyts hjemmeside}\n", encoding="utf-8")
    [issue] = stale_schemas(load_project(minimal))
    assert issue.format() == (
        "schemas/case.schema.json: warning: the editor schema is out of date: editors do not yet offer or accept "
        "the newest organisations, terms and ids of the content (refresh it with: casebook schema, or make "
        "schema; the build leaves it as it is)")
    assert issue.format("da") == (
        "schemas/case.schema.json: advarsel: editorskemaet er forældet: editorerne foreslår og godtager endnu "
        "ikke indholdets nyeste organisationer, termer og id'er (opdatér det med: casebook schema eller make "
        "schema; at bygge siden ændrer ikke filen)")
    assert (minimal / "schemas" / "case.schema.json").read_bytes() == before


def test_the_pre_commit_hook_refreshes_the_schemas_when_what_they_list_changes() -> None:
    """The pre-commit hook that runs `casebook schema` fires for every file the schemas derive from."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    [hook] = [h for h in hooks if h["id"] == "casebook-schema"]
    assert hook["entry"] == "make -s schema"
    sources = ["cases/x/case.yml", ORGS, TAX, "content/catalogues/x/catalogue.yml", "casebook/model/case.py"]
    assert [path for path in sources if not re.search(hook["files"], path)] == []
    assert not re.search(hook["files"], "cases/x/index.da.md")


def test_vscode_maps_each_schema_to_its_files() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for name in build_schemas(load_project(ROOT)):
        pattern = mapping[f"./schemas/{name}"]
        assert schema_for(pattern.replace("*", "x")) == name
