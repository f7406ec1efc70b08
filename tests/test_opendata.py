"""Open data: /data/cases.json against its schema and the YAML it comes from, /data/cases.csv, and
anonymised people never named; on the minimal site without MkDocs, and on the real built site."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from conftest import ROOT, edit
from jsonschema import Draft202012Validator
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from casebook.project import load_project
from casebook.publish import opendata, opendata_impact, opendata_shape
from casebook.site.plan import SitePlan
from casebook.site.urls import OPEN_DATA_FILES, Site

# An anonymised person added to the minimal site: the label must never be published.
SECRET = "Zeta Hemmeligsen"
ANONYMISED = f"""people:
  - name: {SECRET}
    role: {{da: Deltager i forløbet, en: Participant in the programme}}
    consent: anonymised
  - name: Anna Andersen"""
ANONYMISED_QUOTE = f"""quotes:
  - text: {{da: Jeg lærte meget., en: I learnt a lot.}}
    by: {SECRET}
  - text: {{da: Det var en god dag.}}"""


# --- expectations read straight from the YAML, not from the code under test -------------------


def yaml_cases(root: Path) -> dict[str, dict[str, Any]]:
    """slug -> the case.yml of every case under ``root``, as plain YAML."""
    return {path.parent.name: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((root / "cases").glob("*/case.yml"))}


def written_date(case: dict[str, Any]) -> str:
    """The case's date, or the start of its period, as written (PyYAML reads 2018-10-05 as a date); ""
    for an undated case."""
    if case.get("undated"):
        return ""
    return str(case["date"] if "date" in case else case["period"]["start"])


def newest_first(root: Path) -> list[str]:
    """The slugs, newest first by date or period start, undated cases last; the slug breaks ties, as on
    the case list."""
    def key(item: tuple[str, dict[str, Any]]) -> tuple[tuple[int, ...], str]:
        written = written_date(item[1])
        return tuple(int(part) for part in written.split("-")) if written else (), item[0]

    return [slug for slug, _ in sorted(yaml_cases(root).items(), key=key, reverse=True)]


def anonymised_labels(root: Path) -> set[str]:
    return {person["name"] for case in yaml_cases(root).values()
            for person in case.get("people", []) if person["consent"] == "anonymised"}


def strings_in(value: Any) -> list[str]:
    """Every string anywhere in a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "no byte order mark: Excel would misread æ, ø and å"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def plan(root: Path) -> SitePlan:
    project = load_project(root)
    assert project.errors == []
    return SitePlan(project)


# --- the functions, on the minimal site --------------------------------------------------------


def test_every_case_newest_first_with_both_addresses(minimal: Path) -> None:
    """Each case appears once, newest first, with its Danish and English page; without site_url their addresses
    are relative to the data file (/data/cases.json), which resolves under any sub-path."""
    data = opendata.cases_file(plan(minimal), Site(None))
    assert [c.slug for c in data.cases] == newest_first(minimal) == ["beta-mentors", "alpha-workshop"]
    assert data.site_url is None
    for case in data.cases:
        assert (case.urls.da, case.urls.en) == (f"../cases/{case.slug}/", f"../en/cases/{case.slug}/")


def test_addresses_are_absolute_with_a_site_url(minimal: Path) -> None:
    """With site_url every address is absolute, below the site's path."""
    data = opendata.cases_file(plan(minimal), Site("https://example.org/cases-site/"))
    assert data.site_url == "https://example.org/cases-site/"
    alpha = next(c for c in data.cases if c.slug == "alpha-workshop")
    assert alpha.urls.en == "https://example.org/cases-site/en/cases/alpha-workshop/"
    assert alpha.partners[0].urls.da == "https://example.org/cases-site/organisations/acme/"
    assert alpha.images[0].url == "https://example.org/cases-site/cases/alpha-workshop/images/dot.png"
    everything = strings_in(data.model_dump(mode="json"))
    addresses = [s for s in everything if s.startswith(("/", "http"))]
    assert addresses and all(s.startswith("https://") for s in addresses)


def test_facts_resolved_from_the_yaml(minimal: Path) -> None:
    """Partners carry their organisation's name, terms and SDGs their labels, dates their written precision."""
    orgs = {o["id"]: o for o in yaml.safe_load((minimal / "content/organisations.yml").read_text())["organisations"]}
    taxonomy = yaml.safe_load((minimal / "content/taxonomy.yml").read_text())
    sdgs = {s["number"]: s for s in taxonomy["sdgs"]}
    data = opendata.cases_file(plan(minimal), Site(None)).model_dump(mode="json")
    for case, source in zip(data["cases"], (yaml_cases(minimal)[c["slug"]] for c in data["cases"]), strict=True):
        assert case["title"] == source["title"] and case["summary"] == source["summary"]
        assert [(p["id"], p["name"], p["role"]["id"]) for p in case["partners"]] == \
            [(p["org"], orgs[p["org"]]["name"], p["role"]) for p in source["partners"]]
        assert [(t["id"], t["label"]["da"], t["label"]["en"]) for t in case["formats"]] == \
            [(t["id"], t["da"], t["en"]) for f in source.get("formats", [])
             for t in taxonomy["formats"] if t["id"] == f]
        assert [(g["number"], g["label"]["en"], g["colour"]) for g in case["sdgs"]] == \
            [(n, sdgs[n]["en"], sdgs[n]["colour"]) for n in source.get("sdgs", [])]
        assert (case["date"] or case["period"]["start"]) == written_date(source)
    alpha = next(c for c in data["cases"] if c["slug"] == "alpha-workshop")
    assert alpha["date"] == "2015-11" and alpha["period"] is None
    assert alpha["undated"] is False and alpha["date_note"] is None
    assert alpha["kind"] == {"id": "event", "label": {"da": "Arrangement", "en": "Event"}}
    assert alpha["stories"] == ["da", "en"]
    assert [o["figure"] for o in alpha["outcomes"]] == [{"da": "5.440\u00a0kr.", "en": "DKK\u00a05,440"},
                                                        {"da": "8 af 25", "en": "8 of 25"}]
    assert alpha["sources"] == [{"title": "Acmes nyhedsbrev", "url": "https://acme.example.com/news",
                                 "publisher": None, "published": "2015-12-01"}]
    assert alpha["quotes"] == [{"text": {"da": "Det var en god dag.", "en": None}, "by": "Anna Andersen",
                                "role": {"da": "Leder", "en": "Manager"}}]
    beta = next(c for c in data["cases"] if c["slug"] == "beta-mentors")
    assert beta["date"] is None and beta["period"] == {"start": "2016-03", "end": "2016-09"}
    assert beta["stories"] == ["da"]


def test_anonymised_people_are_never_named(minimal: Path) -> None:
    """An anonymised person's label appears in none of the files; the role still says who it is."""
    case_yml = minimal / "cases/alpha-workshop/case.yml"
    edit(case_yml, "people:\n  - name: Anna Andersen", ANONYMISED)
    edit(case_yml, "quotes:\n  - text: {da: Det var en god dag.}", ANONYMISED_QUOTE)
    assert anonymised_labels(minimal) == {SECRET}
    site_plan = plan(minimal)
    data = opendata.cases_file(site_plan, Site(None))
    alpha = next(c for c in data.cases if c.slug == "alpha-workshop")
    assert [(p.name, p.anonymised, p.role.en) for p in alpha.people] == \
        [(None, True, "Participant in the programme"), ("Anna Andersen", False, "Manager")]
    assert [(q.by, q.role.da) for q in alpha.quotes] == [(None, "Deltager i forløbet"), ("Anna Andersen", "Leder")]
    site = minimal / "site"
    opendata.write_open_data(site_plan, Site(None), site)
    for path in OPEN_DATA_FILES:
        assert SECRET.encode() not in (site / path).read_bytes(), path
        assert b"Zeta" not in (site / path).read_bytes(), path


def test_json_validates_against_its_schema(minimal: Path) -> None:
    """cases.json validates against the derived schema, which rejects a wrong version or an unknown field."""
    data = json.loads(opendata.cases_json(opendata.cases_file(plan(minimal), Site(None))))
    schema = opendata.cases_schema()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    assert list(validator.iter_errors(data)) == []
    assert data["format"] == "casebook-cases" and data["version"] == 2
    wrong = [{**data, "version": 1}, {**data, "extra": 1},
             {**data, "cases": [{**data["cases"][0], "date": "November 2015"}]},
             {**data, "cases": [{k: v for k, v in data["cases"][0].items() if k != "urls"}]}]
    for document in wrong:
        assert list(validator.iter_errors(document)) != []


UNDATED = 'undated: true\ndate_note: {da: "efterår, år ikke oplyst", en: "autumn, year not given"}'


def test_an_undated_case_in_version_2(minimal: Path) -> None:
    """An undated case has neither date nor period, says so with its note, comes last and still validates."""
    edit(minimal / "cases/beta-mentors/case.yml", "period:\n  start: 2016-03\n  end: 2016-09", UNDATED)
    data = opendata.cases_file(plan(minimal), Site(None))
    document = json.loads(opendata.cases_json(data))
    assert list(Draft202012Validator(opendata.cases_schema()).iter_errors(document)) == []
    assert document["version"] == 2
    assert [c["slug"] for c in document["cases"]] == ["alpha-workshop", "beta-mentors"] == newest_first(minimal)
    beta = document["cases"][1]
    assert (beta["date"], beta["period"], beta["undated"]) == (None, None, True)
    assert beta["date_note"] == {"da": "efterår, år ikke oplyst", "en": "autumn, year not given"}
    row = next(r for r in read_csv(opendata.cases_csv(data)) if r["slug"] == "beta-mentors")
    assert (row["date"], row["end"]) == ("", "")


def test_roles_and_publishers_in_the_open_data(minimal: Path) -> None:
    """A participant keeps its role, labelled in both languages (in the CSV: apart from the partners); a source
    its publisher."""
    case_yml = minimal / "cases/alpha-workshop/case.yml"
    edit(case_yml, "  - org: hjaelp\n    role: ngo", "  - org: hjaelp\n    role: participant")
    edit(case_yml, "    url: https://acme.example.com/news", "    url: https://acme.example.com/news\n"
                                                             "    publisher: Acme A/S")
    data = opendata.cases_file(plan(minimal), Site(None))
    alpha = next(c for c in data.cases if c.slug == "alpha-workshop")
    assert [(p.id, p.role.id, p.role.label.da, p.role.label.en) for p in alpha.partners] == [
        ("acme", "company", "Virksomhed", "Company"), ("hjaelp", "participant", "Deltager", "Participant")]
    assert [(s.title, s.publisher) for s in alpha.sources] == [("Acmes nyhedsbrev", "Acme A/S")]
    row = next(r for r in read_csv(opendata.cases_csv(data)) if r["slug"] == "alpha-workshop")
    assert (row["partners"], row["involved"]) == ("Acme A/S", "Foreningen Hjælp")


def test_schema_describes_every_field(minimal: Path) -> None:
    """Every property of a case in the schema carries a description or refers to a described definition."""
    schema = opendata.cases_schema()
    defs = schema["$defs"]
    case = defs["OpenCase"]["properties"]
    assert set(case) == set(opendata_shape.OpenCase.model_fields)
    for name, node in case.items():
        ref = node.get("$ref") or node.get("items", {}).get("$ref") or ""
        described = "description" in node or "description" in defs.get(ref.split("/")[-1], {})
        assert described, name


def test_csv_one_row_per_case(minimal: Path) -> None:
    """The CSV has the documented header and a row per case with titles, dates, partners and key figures."""
    rows = read_csv(opendata.cases_csv(opendata.cases_file(plan(minimal), Site(None))))
    cases = yaml_cases(minimal)
    assert [row["slug"] for row in rows] == newest_first(minimal)
    assert list(rows[0]) == list(opendata.CSV_COLUMNS)
    for row in rows:
        source = cases[row["slug"]]
        assert (row["title_da"], row["title_en"]) == (source["title"]["da"], source["title"]["en"])
        assert row["date"] == written_date(source)
        assert row["url_en"] == f"../en/cases/{row['slug']}/"
    alpha = next(row for row in rows if row["slug"] == "alpha-workshop")
    assert alpha["partners"] == "Acme A/S; Foreningen Hjælp"
    assert alpha["sdgs"] == "8; 17"
    assert (alpha["formats_da"], alpha["themes_en"]) == ("Workshop", "Integration")
    assert alpha["key_figures_da"] == "5.440 kr. donation; 8 af 25 i job"
    assert alpha["key_figures_en"] == "DKK 5,440 donation; 8 of 25 in work"
    beta = next(row for row in rows if row["slug"] == "beta-mentors")
    assert (beta["date"], beta["end"], beta["kind"]) == ("2016-03", "2016-09", "programme")


def test_write_open_data(minimal: Path, tmp_path: Path) -> None:
    """The six files are written below data/, the same bytes each time; they are the open data the plan's
    outputs list."""
    site_plan = plan(minimal)
    first = opendata.write_open_data(site_plan, Site(None), tmp_path / "one")
    opendata.write_open_data(site_plan, Site(None), tmp_path / "two")
    assert first == ["data/cases.json", "data/cases.schema.json", "data/cases.csv",
                     "data/impact.json", "data/impact.schema.json", "data/impact.csv"] == list(OPEN_DATA_FILES)
    outputs = site_plan.outputs()
    assert {path: outputs[path] for path in first} == dict.fromkeys(first, "the open data about the cases")
    for path in first:
        assert (tmp_path / "one" / path).read_bytes() == (tmp_path / "two" / path).read_bytes()
    assert json.loads((tmp_path / "one/data/cases.schema.json").read_text()) == opendata.cases_schema()
    assert json.loads((tmp_path / "one/data/impact.schema.json").read_text()) == opendata_impact.impact_schema()


def test_a_content_file_on_a_data_address_is_an_error(minimal: Path) -> None:
    """A file in content/ that the feeds or the open data would overwrite is reported, naming both."""
    static = {"data/cases.json": "content/data/cases.json", "en/feed.xml": "content/en/feed.xml",
              "data/other.json": "content/data/other.json"}
    assert [issue.format() for issue in plan(minimal).collisions(static)] == [
        "content/data/cases.json: 'content/data/cases.json' and the open data about the cases would both be "
        "published as '/data/cases.json' (rename or move the file)",
        "content/en/feed.xml: 'content/en/feed.xml' and the feed of the newest cases would both be "
        "published as '/en/feed.xml' (rename or move the file)",
    ]


# --- the real built site -----------------------------------------------------------------------


def site_file(site: Path, url: str, base: str | None) -> Path:
    """The built file an address of the data points to (absolute below ``base``, or relative to /data/)."""
    path = url.removeprefix(base) if base else url.removeprefix("../")
    assert not path.startswith(("http:", "https:", "/")), url
    return site / path / "index.html" if path.endswith("/") else site / path


@pytest.mark.build
def test_real_json_valid_and_complete(real_site: Path) -> None:
    """The built cases.json validates against the built schema and has every case with working addresses."""
    data = json.loads((real_site / "data/cases.json").read_text(encoding="utf-8"))
    schema = json.loads((real_site / "data/cases.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert [c["slug"] for c in data["cases"]] == newest_first(ROOT)
    cases = yaml_cases(ROOT)
    for case in data["cases"]:
        assert case["title"] == cases[case["slug"]]["title"]
        urls = [case["urls"], *(p["urls"] for p in case["partners"]), *(t["urls"] for t in case["themes"]),
                *(g["urls"] for g in case["sdgs"])]
        for pair in urls:
            for lang, url in pair.items():
                assert site_file(real_site, url, data["site_url"]).is_file(), (lang, url)
        for image in case["images"]:
            assert site_file(real_site, image["url"], data["site_url"]).is_file()


@pytest.mark.build
def test_real_anonymised_names_never_published(real_site: Path) -> None:
    """No anonymised person's label is a value in cases.json or a word in the CSV and the feeds."""
    labels = anonymised_labels(ROOT)
    assert labels, "the real content has an anonymised person (cases/ibm-nydansker-erhvervsmentorer)"
    data = json.loads((real_site / "data/cases.json").read_text(encoding="utf-8"))
    values = set(strings_in(data))
    people = [p for c in data["cases"] for p in c["people"]]
    assert any(p["anonymised"] for p in people) and all(p["name"] is None for p in people if p["anonymised"])
    texts = {path: (real_site / path).read_text(encoding="utf-8-sig")
             for path in ("data/cases.csv", "feed.xml", "en/feed.xml")}
    for label in labels:
        assert label not in values
        for path, text in texts.items():
            # As a word, with its capital: "Mentee" is the label, "mentees" an ordinary word of a key figure.
            assert not re.search(rf"\b{re.escape(label)}\b", text), (label, path)


@pytest.mark.build
def test_real_csv(real_site: Path) -> None:
    """The built CSV has the documented header and one row per case, titles as in case.yml."""
    rows = read_csv((real_site / "data/cases.csv").read_bytes())
    cases = yaml_cases(ROOT)
    assert list(rows[0]) == list(opendata.CSV_COLUMNS)
    assert [row["slug"] for row in rows] == newest_first(ROOT)
    for row in rows:
        assert (row["title_da"], row["title_en"]) == (cases[row["slug"]]["title"]["da"],
                                                      cases[row["slug"]]["title"]["en"])
        assert row["url_da"].endswith(f"/cases/{row['slug']}/") and row["url_en"].endswith(f"/en/cases/{row['slug']}/")


@pytest.mark.build
@pytest.mark.parametrize("page", ["about/", "en/about/"])
def test_about_page_links_the_data(real_site: Path, page: str) -> None:
    """The about page in each language links cases.json and cases.csv, impact.json, its schema and impact.csv,
    and the links lead to the files."""
    tree = HTMLParser((real_site / page / "index.html").read_text(encoding="utf-8"))
    targets = {urlsplit(urljoin(f"http://site/{page}", a.attributes.get("href") or "")).path
               for a in tree.css("article a, .md-content a")}
    for path in ("/data/cases.json", "/data/cases.csv", "/data/impact.json", "/data/impact.schema.json",
                 "/data/impact.csv"):
        assert path in targets, (page, path)
        assert (real_site / path.lstrip("/")).is_file()
