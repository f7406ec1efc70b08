"""Open data of the impact: /data/impact.json against its schema and against totals computed here from the
YAML alone, /data/impact.csv, and the outcomes' measure, estimate and source in cases.json; on the minimal
site with measures added, and on the real built site (whose totals are golden)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, edit, mkdocs_build
from jsonschema import Draft202012Validator
from test_opendata import newest_first, plan, read_csv, site_file, yaml_cases

from casebook.publish import opendata, opendata_impact
from casebook.publish.opendata_files import json_bytes
from casebook.site.urls import OPEN_DATA_IMPACT_CSV, OPEN_DATA_IMPACT_JSON, Site

# --- the totals, computed from the YAML by the rules of docs/open-data.md, not by casebook.site.impact ----

FIGURES = ("measure", "value", "part", "whole", "all_parts", "low", "high", "estimate", "cases")


def taxonomy_yaml(root: Path) -> dict[str, Any]:
    return yaml.safe_load((root / "content/taxonomy.yml").read_text(encoding="utf-8"))


def year_of(case: dict[str, Any]) -> int | None:
    """The year of a case's date or period start as written (2016, "2015-11", a date); None when undated."""
    if case.get("undated"):
        return None
    written = case["date"] if "date" in case else case["period"]["start"]
    return int(str(written)[:4])


def expected_totals(root: Path, slugs: list[str] | None = None) -> list[dict[str, Any]]:
    """Each measure some figure of the cases ``slugs`` (default: all) names, in the taxonomy's order."""
    cases = yaml_cases(root)
    order = [s for s in newest_first(root) if slugs is None or s in slugs]
    result = []
    for measure in taxonomy_yaml(root).get("measures", []):
        found = [(slug, o) for slug in order for o in cases[slug].get("outcomes", [])
                 if o.get("measure") == measure["id"]]
        if not found:
            continue
        values, parts = [o["value"] for _, o in found], [o for _, o in found if "of" in o]
        summed = measure.get("aggregate", "sum") == "sum"
        result.append({
            "measure": measure["id"], "value": sum(values) if summed else None,
            "part": sum(o["value"] for o in parts) if parts and summed else None,
            "whole": sum(o["of"] for o in parts) if parts and summed else None,
            "all_parts": summed and len(parts) == len(found), "low": None if summed else min(values),
            "high": None if summed else max(values), "estimate": any(o.get("estimate", False) for _, o in found),
            "cases": list(dict.fromkeys(slug for slug, _ in found))})
    return result


def measured(root: Path) -> list[str]:
    """The slugs of the cases with a figure that names a measure, newest first."""
    cases = yaml_cases(root)
    return [s for s in newest_first(root) if any("measure" in o for o in cases[s].get("outcomes", []))]


def expected_groups(root: Path) -> dict[str, list[tuple[Any, list[str], list[dict[str, Any]]]]]:
    """By year (newest first, undated last as None), theme (taxonomy order) and SDG (by number): each
    group's key, its measured cases and their totals."""
    cases, taxonomy = yaml_cases(root), taxonomy_yaml(root)
    keys = {"by_year": lambda c: [year_of(c)], "by_theme": lambda c: c.get("themes", []),
            "by_sdg": lambda c: c.get("sdgs", [])}
    orders = {"by_year": lambda k: (k is None, -(k or 0)),
              "by_theme": [t["id"] for t in taxonomy["themes"]].index, "by_sdg": lambda k: k}
    result = {}
    for name, key in keys.items():
        members: dict[Any, list[str]] = defaultdict(list)
        for slug in measured(root):
            for k in key(cases[slug]):
                members[k].append(slug)
        result[name] = [(k, members[k], expected_totals(root, members[k])) for k in sorted(members, key=orders[name])]
    return result


def groups_in(document: dict[str, Any]) -> dict[str, list[tuple[Any, list[str], list[dict[str, Any]]]]]:
    keys = {"by_year": "year", "by_theme": "id", "by_sdg": "number"}
    return {name: [(g[key], g["cases"], g["totals"]) for g in document[name]] for name, key in keys.items()}


def figures(total: dict[str, Any]) -> dict[str, Any]:
    return {key: total[key] for key in FIGURES}


def number(cell: str) -> int | float | None:
    """A CSV cell's number (decimal comma), None for an empty cell."""
    if cell == "":
        return None
    return float(cell.replace(",", ".")) if "," in cell else int(cell)


def csv_totals(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The totals the CSV states, one per measure, with its cases from the rows and the sum of their values."""
    result: dict[str, dict[str, Any]] = {}
    for row in rows:
        total = result.setdefault(row["measure"], {
            "measure": row["measure"], "value": number(row["total"]), "part": number(row["total_part"]),
            "whole": number(row["total_whole"]), "low": number(row["total_low"]), "high": number(row["total_high"]),
            "estimate": row["total_estimate"] == "true", "count": int(row["total_cases"]), "cases": [], "sum": 0})
        total["cases"] = list(dict.fromkeys([*total["cases"], row["slug"]]))
        total["sum"] += number(row["value"]) or 0
    return list(result.values())


# --- the minimal site, with measures -----------------------------------------------------------

MEASURES = """measures:
  - {id: cash-donated, da: Pengedonationer, en: Cash donated, kind: input, unit: DKK}
  - {id: volunteer-hours, da: Frivillige timer, en: Volunteer hours, kind: input, unit: duration-hour}
  - {id: into-work, da: I job, en: Into work, kind: impact}
  - {id: months-each, da: Måneder pr. deltager, en: Months per participant, kind: output, unit: duration-month,
     aggregate: range}
"""
ALPHA_OUTCOMES = """outcomes:
  - value: 5440
    unit: DKK
    label: {da: donation, en: donation}
    measure: cash-donated
    source: 1
  - value: 8
    of: 25
    label: {da: i job, en: in work}
    measure: into-work
    estimate: true
  - value: 6
    unit: duration-month
    label: {da: forløb hver, en: of support each}
    measure: months-each
"""
BETA_OUTCOMES = """formats: [mentoring]
outcomes:
  - value: 3
    label: {da: i job, en: in work}
    measure: into-work
  - value: 2.5
    unit: duration-hour
    label: {da: timer, en: hours}
    measure: volunteer-hours
  - value: 3
    unit: duration-month
    label: {da: forløb hver, en: of support each}
    measure: months-each
  - value: 4
    label: {da: uden mål, en: without a measure}
"""


@pytest.fixture
def measured_site(minimal: Path) -> Path:
    """The minimal site with measures, and figures of both cases that name them."""
    taxonomy = minimal / "content/taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + MEASURES, encoding="utf-8")
    alpha = minimal / "cases/alpha-workshop/case.yml"
    edit(alpha, """outcomes:
  - value: 5440
    unit: DKK
    label: {da: donation, en: donation}
  - value: 8
    of: 25
    label: {da: i job, en: in work}
""", ALPHA_OUTCOMES)
    edit(minimal / "cases/beta-mentors/case.yml", "formats: [mentoring]\n", BETA_OUTCOMES)
    return minimal


def impact_document(root: Path, site: Site | None = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json_bytes(opendata_impact.impact_file(plan(root), site or Site(None))))
    return data


def test_totals_follow_the_rules(measured_site: Path) -> None:
    """A part of a whole beside a bare figure sums to 11 with 8 of 25 told beside it; a per-person measure
    is a range 3-6; an estimate marks its total; a figure without a measure counts nowhere."""
    document = impact_document(measured_site)
    assert [figures(t) for t in document["totals"]] == [
        {"measure": "cash-donated", "value": 5440, "part": None, "whole": None, "all_parts": False, "low": None,
         "high": None, "estimate": False, "cases": ["alpha-workshop"]},
        {"measure": "volunteer-hours", "value": 2.5, "part": None, "whole": None, "all_parts": False, "low": None,
         "high": None, "estimate": False, "cases": ["beta-mentors"]},
        {"measure": "into-work", "value": 11, "part": 8, "whole": 25, "all_parts": False, "low": None,
         "high": None, "estimate": True, "cases": ["beta-mentors", "alpha-workshop"]},
        {"measure": "months-each", "value": None, "part": None, "whole": None, "all_parts": False, "low": 3,
         "high": 6, "estimate": False, "cases": ["beta-mentors", "alpha-workshop"]},
    ] == expected_totals(measured_site)
    cash = document["totals"][0]
    assert {k: cash[k] for k in ("name", "kind", "unit", "aggregate")} == {
        "name": {"da": "Pengedonationer", "en": "Cash donated"}, "kind": "input", "unit": "DKK", "aggregate": "sum"}
    assert cash["contributions"] == [{
        "slug": "alpha-workshop", "title": {"da": "Alfa-workshoppen", "en": "The alpha workshop"},
        "urls": {"da": "../cases/alpha-workshop/", "en": "../en/cases/alpha-workshop/"}, "year": 2015,
        "value": 5440, "of": None, "label": {"da": "donation", "en": "donation"}, "estimate": False,
        "source": {"number": 1, "title": "Acmes nyhedsbrev"}}]


def test_groups_by_year_theme_and_sdg(measured_site: Path) -> None:
    """Each year, theme and SDG has the totals of its measured cases, as computed from the YAML."""
    document = impact_document(measured_site)
    assert groups_in(document) == expected_groups(measured_site)
    assert [(g["year"], g["cases"]) for g in document["by_year"]] == [(2016, ["beta-mentors"]),
                                                                      (2015, ["alpha-workshop"])]
    assert [(g["id"], g["label"]["en"], g["urls"]["da"]) for g in document["by_theme"]] == [
        ("integration", "Integration", "../themes/integration/")]
    assert [g["number"] for g in document["by_sdg"]] == [8, 17]


def test_an_undated_case_counts_and_stands_apart(measured_site: Path) -> None:
    """An undated case's figures are in the overall totals, and by year in the last group, year null."""
    edit(measured_site / "cases/beta-mentors/case.yml", "period:\n  start: 2016-03\n  end: 2016-09", "undated: true")
    document = impact_document(measured_site)
    assert [(g["year"], g["cases"]) for g in document["by_year"]] == [(2015, ["alpha-workshop"]),
                                                                      (None, ["beta-mentors"])]
    assert document["totals"][2]["cases"] == ["alpha-workshop", "beta-mentors"]
    assert [c["year"] for c in document["totals"][2]["contributions"]] == [2015, None]
    assert groups_in(document) == expected_groups(measured_site)


def test_json_validates_against_its_schema(measured_site: Path) -> None:
    """impact.json validates against the derived schema, which rejects a wrong version, an unknown field, a
    number written as text, or an unknown kind of measure."""
    document = impact_document(measured_site, Site("https://example.org/cb/"))
    schema = opendata_impact.impact_schema()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    assert list(validator.iter_errors(document)) == []
    assert (document["format"], document["version"], document["site_url"]) == (
        "casebook-impact", 1, "https://example.org/cb/")
    assert document["totals"][0]["contributions"][0]["urls"]["en"] == "https://example.org/cb/en/cases/alpha-workshop/"
    total = document["totals"][0]
    wrong = [{**document, "version": 2}, {**document, "extra": 1},
             {**document, "totals": [{**total, "value": "5.440"}]}, {**document, "totals": [{**total, "kind": "gift"}]}]
    for bad in wrong:
        assert list(validator.iter_errors(bad)) != []
    assert schema["$id"] == "impact.schema.json" and schema["title"] == "Casebook impact totals (open data)"


def test_schema_states_the_rules() -> None:
    """The schema's descriptions say how a part of a whole, a range, an estimate and the undated group are read."""
    defs = opendata_impact.impact_schema()["$defs"]
    assert "never as a bare count" in defs["Figures"]["properties"]["all_parts"]["description"]
    assert "never added up" in defs["Total"]["properties"]["aggregate"]["description"]
    assert "estimate" in defs["Figures"]["properties"]["estimate"]["description"]
    assert "null for the undated cases" in defs["YearGroup"]["properties"]["year"]["description"]
    for name, definition in defs.items():
        for field, node in definition.get("properties", {}).items():
            assert "description" in node, (name, field)


def test_csv_one_row_per_figure(measured_site: Path) -> None:
    """The CSV has a row per counting figure with its measure's total beside it, numbers with a decimal comma;
    summing a sum measure's values gives its total."""
    data = opendata_impact.impact_file(plan(measured_site), Site(None))
    rows = read_csv(opendata_impact.impact_csv(data))
    assert list(rows[0]) == list(opendata_impact.IMPACT_CSV_COLUMNS)
    assert [(r["measure"], r["slug"], r["value"], r["of"], r["estimate"], r["total"], r["total_part"],
             r["total_whole"], r["total_low"], r["total_high"]) for r in rows] == [
        ("cash-donated", "alpha-workshop", "5440", "", "false", "5440", "", "", "", ""),
        ("volunteer-hours", "beta-mentors", "2,5", "", "false", "2,5", "", "", "", ""),
        ("into-work", "beta-mentors", "3", "", "false", "11", "8", "25", "", ""),
        ("into-work", "alpha-workshop", "8", "25", "true", "11", "8", "25", "", ""),
        ("months-each", "beta-mentors", "3", "", "false", "", "", "", "3", "6"),
        ("months-each", "alpha-workshop", "6", "", "false", "", "", "", "3", "6")]
    cash = rows[0]
    assert (cash["measure_da"], cash["unit"], cash["aggregate"], cash["total_cases"], cash["year"]) == (
        "Pengedonationer", "DKK", "sum", "1", "2015")
    assert (cash["source_number"], cash["source_title"], cash["url_en"]) == (
        "1", "Acmes nyhedsbrev", "../en/cases/alpha-workshop/")
    for total in csv_totals(rows):
        if total["value"] is not None:
            assert total["sum"] == total["value"], total["measure"]


def test_cases_json_carries_measure_estimate_and_source(measured_site: Path) -> None:
    """Each outcome in cases.json has its measure (id and names) or null, its estimate flag and its source."""
    document = json.loads(opendata.cases_json(opendata.cases_file(plan(measured_site), Site(None))))
    assert list(Draft202012Validator(opendata.cases_schema()).iter_errors(document)) == []
    assert document["version"] == 2
    alpha = next(c for c in document["cases"] if c["slug"] == "alpha-workshop")
    assert [(o["measure"], o["estimate"], o["source"]) for o in alpha["outcomes"]] == [
        ({"id": "cash-donated", "label": {"da": "Pengedonationer", "en": "Cash donated"}}, False,
         {"number": 1, "title": "Acmes nyhedsbrev"}),
        ({"id": "into-work", "label": {"da": "I job", "en": "Into work"}}, True, None),
        ({"id": "months-each", "label": {"da": "Måneder pr. deltager", "en": "Months per participant"}}, False, None)]
    beta = next(c for c in document["cases"] if c["slug"] == "beta-mentors")
    assert (beta["outcomes"][-1]["measure"], beta["outcomes"][-1]["estimate"]) == (None, False)


# --- the real built site -----------------------------------------------------------------------

# The seed's totals, golden (issue 16): measure -> (value, part, whole, low, high, number of cases).
GOLDEN = {
    "volunteers": (36, None, None, None, None, 3),
    "volunteer-days": (1, None, None, None, None, 1),
    "cash-donated": (5440, None, None, None, None, 1),
    "equipment": (25, None, None, None, None, 1),
    "people-reached": (35, None, None, None, None, 2),
    "support-months-per-person": (None, None, None, 6, 6, 1),
    "into-work-or-education": (8, 8, 25, None, None, 1),
}
UNDATED = "ibm-bydelsmoedre-erhvervsleder-i-praktik"


def built(site: Path) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, str]]]:
    """impact.json, its schema and the rows of impact.csv, as built."""
    return (json.loads((site / OPEN_DATA_IMPACT_JSON).read_text(encoding="utf-8")),
            json.loads((site / "data/impact.schema.json").read_text(encoding="utf-8")),
            read_csv((site / OPEN_DATA_IMPACT_CSV).read_bytes()))


@pytest.mark.build
def test_real_totals_are_golden_and_as_computed(real_site: Path) -> None:
    """The built impact.json validates against the built schema; its totals and groups equal those computed
    from the YAML, and the seed's golden figures."""
    document, schema, _ = built(real_site)
    assert list(Draft202012Validator(schema).iter_errors(document)) == []
    assert [figures(t) for t in document["totals"]] == expected_totals(ROOT)
    assert groups_in(document) == expected_groups(ROOT)
    assert {t["measure"]: (t["value"], t["part"], t["whole"], t["low"], t["high"], len(t["cases"]))
            for t in document["totals"]} == GOLDEN
    assert [t["measure"] for t in document["totals"]] == list(GOLDEN)
    assert [g["year"] for g in document["by_year"]] == [2016, 2015, None]
    for total in document["totals"]:
        for c in total["contributions"]:
            for url in c["urls"].values():
                assert site_file(real_site, url, document["site_url"]).is_file(), url


@pytest.mark.build
def test_real_undated_case_in_totals_and_its_group(real_site: Path) -> None:
    """The undated seed case counts in the overall totals and forms the by-year group with year null."""
    document, _, _ = built(real_site)
    assert document["by_year"][-1]["year"] is None and document["by_year"][-1]["cases"] == [UNDATED]
    counted = {t["measure"] for t in document["totals"] if UNDATED in t["cases"]}
    assert counted == {"volunteers", "cash-donated", "people-reached"}


@pytest.mark.build
def test_real_csv_equals_the_computed_totals(real_site: Path) -> None:
    """impact.csv states the totals computed from the YAML, with a row per counting figure."""
    _, _, rows = built(real_site)
    expected = {t["measure"]: t for t in expected_totals(ROOT)}
    stated = csv_totals(rows)
    assert [t["measure"] for t in stated] == list(expected)
    for total in stated:
        want = expected[total["measure"]]
        assert {k: total[k] for k in ("value", "part", "whole", "low", "high", "estimate", "cases")} == \
            {k: want[k] for k in ("value", "part", "whole", "low", "high", "estimate", "cases")}
        assert total["count"] == len(want["cases"])
        if want["value"] is not None:
            assert total["sum"] == want["value"]
    cases = yaml_cases(ROOT)
    assert len(rows) == sum(1 for c in cases.values() for o in c.get("outcomes", []) if "measure" in o)


@pytest.mark.build
def test_real_cases_json_outcomes_name_their_measure(real_site: Path) -> None:
    """Every outcome in the built cases.json has the measure, estimate and source its case.yml gives."""
    document = json.loads((real_site / "data/cases.json").read_text(encoding="utf-8"))
    cases = yaml_cases(ROOT)
    for case in document["cases"]:
        written = cases[case["slug"]]
        assert [(o["measure"] and o["measure"]["id"], o["estimate"], o["source"] and o["source"]["number"])
                for o in case["outcomes"]] == \
            [(o.get("measure"), o.get("estimate", False), o.get("source")) for o in written.get("outcomes", [])]
        for o in case["outcomes"]:
            if o["source"]:
                assert o["source"]["title"] == written["sources"][o["source"]["number"] - 1]["title"]


@pytest.mark.build
def test_two_builds_give_the_same_bytes(real_site: Path, tmp_path: Path) -> None:
    """A second build of the same content writes impact.json, its schema and impact.csv byte for byte alike."""
    again = tmp_path / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", again)
    assert result.returncode == 0, result.stderr
    for path in (OPEN_DATA_IMPACT_JSON, "data/impact.schema.json", OPEN_DATA_IMPACT_CSV):
        assert (again / path).read_bytes() == (real_site / path).read_bytes(), path


def test_docs_list_every_csv_column() -> None:
    """docs/open-data.md's table of impact.csv names exactly the columns the file has, in their order."""
    text = (ROOT / "docs/open-data.md").read_text(encoding="utf-8")
    section = text[text.index("## impact.csv"):text.index("## Feeds")]
    cells = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    assert [name for cell in cells for name in re.findall(r"`([a-z_]+)`", cell)] == \
        list(opendata_impact.IMPACT_CSV_COLUMNS)
