"""The impact page (/impact/, /en/impact/): its totals against sums made here from the YAML files, the seed
site's totals as golden strings, the links to the contributing cases, the undated group, the rules for
ranges, parts of a whole and estimates in a small project, the charts inline, and the same bytes twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from conftest import ROOT, copy_site, edit, mkdocs_build
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode

from casebook.project import load_project
from casebook.site.localize import format_number, format_quantity
from casebook.site.plan import SitePlan

pytestmark = pytest.mark.build

PREFIXES = {"da": "", "en": "en/"}
OF = {"da": "af", "en": "of"}
NBSP = "\u00a0"


def impact_page(site: Path, lang: str) -> HTMLParser:
    return HTMLParser((site / PREFIXES[lang] / "impact" / "index.html").read_text(encoding="utf-8"))


def text(node: LexborNode | None) -> str:
    assert node is not None
    return " ".join(node.text().split())


def section(html: HTMLParser, measure: str) -> LexborNode:
    node = html.css_first(f"section#measure-{measure}")
    assert node is not None, f"no section for {measure}"
    return node


def headline(html: HTMLParser) -> dict[str, str]:
    """The headline totals, measure id -> figure."""
    return {li.attributes["data-cb-measure"] or "": text(li.css_first(".cb-total__figure"))
            for li in html.css("#cb-impact .cb-totals > li")}


def section_figures(html: HTMLParser) -> dict[str, str]:
    """Each measure's section, measure id -> the total it states."""
    return {(node.attributes["id"] or "").removeprefix("measure-"): text(node.css_first(".cb-impact-measure__figure"))
            for node in html.css("section.cb-impact-measure")}


def linked_cases(node: LexborNode, lang: str) -> list[str]:
    """The case pages a measure's section links to, as site paths."""
    page_url = f"/{PREFIXES[lang]}impact/"
    return [urljoin(page_url, a.attributes["href"] or "") for a in node.css(".cb-impact-figure > a")]


# --- sums made here, from the YAML files alone ---------------------------------------------------------

def independent_totals(root: Path) -> dict[str, dict[str, Any]]:
    """Per measure: its unit, whether it is a range, the sum of its values, of the parts and wholes of the
    figures that give a whole, the smallest and largest value and the slugs of its cases."""
    taxonomy = yaml.safe_load((root / "content" / "taxonomy.yml").read_text(encoding="utf-8"))
    result: dict[str, dict[str, Any]] = {
        m["id"]: {"unit": m.get("unit"), "range": m.get("aggregate") == "range", "sum": 0, "part": 0, "whole": 0,
                  "wholes": 0, "values": [], "count": 0, "cases": set()}
        for m in taxonomy["measures"]}
    for path in sorted((root / "cases").glob("*/case.yml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        for outcome in case.get("outcomes") or []:
            if "measure" not in outcome:
                continue
            t = result[outcome["measure"]]
            t["sum"] += outcome["value"]
            t["values"].append(outcome["value"])
            t["count"] += 1
            t["cases"].add(path.parent.name)
            if "of" in outcome:
                t["part"] += outcome["value"]
                t["whole"] += outcome["of"]
                t["wholes"] += 1
    return {k: v for k, v in result.items() if v["count"]}


def expected_figure(t: dict[str, Any], lang: str) -> str:
    """What the page must say for a total, written with the site's number formatting."""
    if t["range"]:
        low, high = min(t["values"]), max(t["values"])
        if low == high:
            return format_quantity(high, t["unit"], lang)
        return f"{format_number(low, lang)}\u2013{format_quantity(high, t['unit'], lang)}"
    if t["wholes"] == t["count"]:
        return f"{format_quantity(t['part'], t['unit'], lang)} {OF[lang]} {format_number(t['whole'], lang)}"
    return format_quantity(t["sum"], t["unit"], lang)


@pytest.mark.parametrize("lang", PREFIXES)
def test_the_totals_are_the_sums_of_the_case_files(real_site: Path, lang: str) -> None:
    """Each total on the impact page, in the headline list and in its measure's section, equals the sum
    made here from cases/*/case.yml and content/taxonomy.yml."""
    totals = independent_totals(ROOT)
    html = impact_page(real_site, lang)
    expected = {measure: expected_figure(t, lang).replace(NBSP, " ") for measure, t in totals.items()}
    assert headline(html) == expected
    assert section_figures(html) == expected


GOLDEN = {
    "da": {"volunteers": "36", "volunteer-days": "1 dag", "cash-donated": f"5.440{NBSP}kr.", "equipment": "25",
           "people-reached": "35", "support-months-per-person": "6 måneder", "into-work-or-education": "8 af 25"},
    "en": {"volunteers": "36", "volunteer-days": "1 day", "cash-donated": f"DKK{NBSP}5,440", "equipment": "25",
           "people-reached": "35", "support-months-per-person": "6 months", "into-work-or-education": "8 of 25"},
}
GOLDEN_COUNTS = {"volunteers": 3, "volunteer-days": 1, "cash-donated": 1, "equipment": 1, "people-reached": 2,
                 "support-months-per-person": 1, "into-work-or-education": 1}


@pytest.mark.parametrize("lang", PREFIXES)
def test_the_seed_totals(real_site: Path, lang: str) -> None:
    """The seed site's totals, exactly as each language writes them, in the taxonomy's order."""
    html = impact_page(real_site, lang)
    figures = {li.attributes["data-cb-measure"]: li.css_first(".cb-total__figure").text()
               for li in html.css("#cb-impact .cb-totals > li")}
    assert figures == GOLDEN[lang]
    assert list(figures) == list(GOLDEN[lang])
    count = {"da": "fra {n} case", "en": "from {n} case"}[lang]
    for measure, n in GOLDEN_COUNTS.items():
        assert count.format(n=n) + ("s" if n > 1 else "") in text(section(html, measure).css_first("p"))


@pytest.mark.parametrize("lang", PREFIXES)
def test_each_measure_links_to_exactly_its_cases(real_site: Path, lang: str) -> None:
    """A measure's section links to the page of each case with a figure of it, and to no other case."""
    html = impact_page(real_site, lang)
    for measure, t in independent_totals(ROOT).items():
        links = linked_cases(section(html, measure), lang)
        assert sorted(links) == sorted(f"/{PREFIXES[lang]}cases/{slug}/" for slug in t["cases"]), measure
        assert all((real_site / link.strip("/") / "index.html").is_file() for link in links)


@pytest.mark.parametrize("lang", PREFIXES)
def test_a_figure_shows_its_case_words_and_source(real_site: Path, lang: str) -> None:
    """A figure is written as the case page writes it, with its label and the source the outcome names."""
    html = impact_page(real_site, lang)
    item = section(html, "into-work-or-education").css_first(".cb-impact-figure")
    words = {"da": ("8 af 25", "flygtninge i praktik eller job efter halvdelen af forløbet", "Kilde:"),
             "en": ("8 of 25", "refugees in an internship or job halfway through", "Source:")}[lang]
    assert text(item.css_first(".cb-impact-figure__value")) == words[0]
    assert words[1] in text(item)
    assert text(item.css_first(".cb-impact-figure__source")).startswith(
        f"{words[2]} Blogindlæg af Sanne Urbak, IBM, om erhvervsmentorer")
    # bydelsmødre's figures name no source
    cash = section(html, "cash-donated").css_first(".cb-impact-figure")
    assert cash.css_first(".cb-impact-figure__source") is None


def year_table(html: HTMLParser) -> dict[str, dict[str, str]]:
    """The table by year: group -> measure name -> figure."""
    groups: dict[str, dict[str, str]] = {}
    for body in html.css("#cb-impact-year-table tbody"):
        head = body.css_first("th[scope=rowgroup]")
        count = text(head.css_first(".cb-impact-table__count"))
        name = text(head).removesuffix(count).strip()
        groups[name] = {text(tr.css_first("th")): text(tr.css_first(".cb-impact-table__figure"))
                        for tr in body.css("tr[data-cb-measure]")}
    return groups


@pytest.mark.parametrize(("lang", "undated", "years"), [("da", "Uden dato", ["2016", "2015", "Uden dato"]),
                                                         ("en", "Undated", ["2016", "2015", "Undated"])])
def test_the_undated_group(real_site: Path, lang: str, undated: str, years: list[str]) -> None:
    """By year, the undated case (Bydelsmødrene) stands last, in a group of its own, in the table and the chart."""
    html = impact_page(real_site, lang)
    table = year_table(html)
    assert list(table) == years
    money = {"da": "5.440 kr.", "en": "DKK 5,440"}[lang]
    assert list(table[undated].values()) == ["10", money, "10"]
    assert f"{undated}: 10" in text(html.css_first("#cb-chart-year-desc"))


@pytest.mark.parametrize("lang", PREFIXES)
def test_no_script_of_its_own_and_inline_charts(real_site: Path, lang: str) -> None:
    """The page has the theme's scripts only (those of the topics page) and its charts are inline SVG,
    each a role="img" named by its own <title> and <desc>."""
    html = impact_page(real_site, lang)
    topics = HTMLParser((real_site / PREFIXES[lang] / "topics" / "index.html").read_text(encoding="utf-8"))

    def scripts(doc: HTMLParser) -> list[str]:
        # A page's own JSON-LD (data, not code) differs; every other script is the theme's.
        return ["JSON-LD" if s.attributes.get("type") == "application/ld+json" else s.attributes.get("src") or s.text()
                for s in doc.css("script")]

    assert scripts(html) == scripts(topics)
    assert html.css("img[src$='.svg'], object, iframe") == []
    charts = html.css("svg.cb-chart")
    assert [c.attributes["aria-labelledby"] for c in charts] == [
        f"cb-chart-{k}-title cb-chart-{k}-desc" for k in ("year", "theme", "sdg")]
    for chart in charts:
        assert chart.attributes["role"] == "img"
        title_id, desc_id = (chart.attributes["aria-labelledby"] or "").split()
        assert text(chart.css_first(f"title#{title_id}")) and text(chart.css_first(f"desc#{desc_id}"))
        assert chart.css_first("script, foreignObject") is None


# --- a small project: ranges, parts of a whole, a mixed total, an estimate, awkward characters ----------

MEASURES = """measures:
  - {id: months, da: Måneder pr. deltager, en: Months per participant, kind: output, unit: duration-month,
     aggregate: range}
  - {id: into-work, da: I job, en: Into work, kind: impact}
  - {id: reached, da: "Nået & <talt>", en: "Reached & <counted>", kind: output}
"""
ALPHA_OUTCOMES = """  - {value: 8, of: 25, label: {da: i job, en: in work}, measure: into-work}
  - {value: 3, unit: duration-month, label: {da: forløb hver, en: of support each}, measure: months}
  - {value: 8, of: 25, label: {da: deltog, en: took part}, measure: reached, source: 1}
"""
BETA_OUTCOMES = """outcomes:
  - {value: 3, of: 10, label: {da: i job, en: in work}, measure: into-work}
  - {value: 6, unit: duration-month, label: {da: forløb hver, en: of support each}, measure: months}
  - {value: 3, label: {da: kom forbi, en: dropped in}, measure: reached, estimate: true}
"""


def measured_project(root: Path) -> Path:
    """The minimal site with three measures: a range (3 and 6 months), parts of wholes (8 of 25 and 3 of
    10) and a mixed total (8 of 25 and an estimated 3 without a whole) named with '&' and '<'."""
    taxonomy = root / "content" / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + MEASURES, encoding="utf-8")
    edit(root / "cases" / "alpha-workshop" / "case.yml",
         "  - value: 8\n    of: 25\n    label: {da: i job, en: in work}\n", ALPHA_OUTCOMES)
    beta = root / "cases" / "beta-mentors" / "case.yml"
    beta.write_text(beta.read_text(encoding="utf-8") + BETA_OUTCOMES, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """The small project and its built site."""
    root = measured_project(copy_site("minimal", tmp_path_factory.mktemp("measured") / "src"))
    result = mkdocs_build(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stderr
    yield root, root / "site"


def test_the_small_project_totals_match_the_sums_made_here(measured: tuple[Path, Path]) -> None:
    """The small project's totals, against the sums made here from its YAML files."""
    root, site = measured
    for lang in PREFIXES:
        expected = {m: expected_figure(t, lang).replace(NBSP, " ") for m, t in independent_totals(root).items()}
        assert section_figures(impact_page(site, lang)) == expected


@pytest.mark.parametrize(("lang", "figure", "summed", "by_year"),
                         [("da", "3–6 måneder", "9 måneder", ["6 måneder", "3 måneder"]),
                          ("en", "3–6 months", "9 months", ["6 months", "3 months"])])
def test_a_range_is_never_summed(measured: tuple[Path, Path], lang: str, figure: str, summed: str,
                                 by_year: list[str]) -> None:
    """A figure per participant that differs between cases reads as a range, never as their sum, and
    has no panel in the charts (only the table shows it)."""
    html = impact_page(measured[1], lang)
    assert headline(html)["months"] == figure
    assert section_figures(html)["months"] == figure
    label = {"da": "Pr. deltager", "en": "Per participant"}[lang]
    assert text(section(html, "months").css_first(".cb-impact-measure__total")).startswith(f"{label}: {figure} ")
    assert summed not in html.html
    assert html.css_first("svg.cb-chart") is not None
    assert all("Måneder" not in text(svg) and "Months" not in text(svg) for svg in html.css("svg.cb-chart"))
    cells = [text(td) for td in html.css("#cb-impact-year-table tr[data-cb-measure=months] .cb-impact-table__figure")]
    assert cells == by_year


@pytest.mark.parametrize(("lang", "parts", "note", "bars"),
                         [("da", "11 af 35", "heraf 8 af 25, hvor helheden er oplyst",
                           "I job – 2016: 3 af 10; 2015: 8 af 25."),
                          ("en", "11 of 35", "of which 8 of 25 where the whole is given",
                           "Into work – 2016: 3 of 10; 2015: 8 of 25.")])
def test_parts_of_wholes_add_up_as_parts_and_wholes(measured: tuple[Path, Path], lang: str, parts: str, note: str,
                                                    bars: str) -> None:
    """8 of 25 and 3 of 10 make 11 of 35; 8 of 25 and a 3 without a whole make 11, the part and whole told beside."""
    html = impact_page(measured[1], lang)
    assert headline(html)["into-work"] == section_figures(html)["into-work"] == parts
    assert headline(html)["reached"] == section_figures(html)["reached"] == "11"
    assert note in text(section(html, "reached").css_first(".cb-impact-measure__total"))
    assert bars in text(html.css_first("#cb-chart-year-desc"))


@pytest.mark.parametrize(("lang", "mark", "total_mark"), [("da", "(skøn)", "inkl. skøn"),
                                                          ("en", "(estimate)", "includes estimates")])
def test_an_estimate_is_marked(measured: tuple[Path, Path], lang: str, mark: str, total_mark: str) -> None:
    """An estimated figure is marked beside it, and so is the total it counts in (only that one)."""
    html = impact_page(measured[1], lang)
    marks = [text(node) for node in html.css(".cb-impact-figure__estimate")]
    assert marks == [mark]
    assert total_mark in text(section(html, "reached").css_first(".cb-impact-measure__total"))
    assert total_mark not in text(section(html, "into-work").css_first(".cb-impact-measure__total"))


@pytest.mark.parametrize(("lang", "name"), [("da", "Nået & <talt>"), ("en", "Reached & <counted>")])
def test_a_name_with_ampersand_and_angle_bracket_is_escaped_once(measured: tuple[Path, Path], lang: str,
                                                                 name: str) -> None:
    """A measure named with '&' and '<' reads as written in the headings, the table and the chart."""
    html = impact_page(measured[1], lang)
    raw = (measured[1] / PREFIXES[lang] / "impact" / "index.html").read_text(encoding="utf-8")
    assert text(section(html, "reached").css_first("h3")) == name
    assert "&amp;amp;" not in raw and "&amp;lt;" not in raw and "<talt>" not in raw and "<counted>" not in raw
    chart = html.css_first("svg.cb-chart")
    assert name in [text(node) for node in chart.css("text")]
    mark = {"da": "skøn", "en": "estimate"}[lang]
    assert f"{name} – 2016: 3 ({mark}); 2015: 8 {OF[lang]} 25." in text(chart.css_first("desc"))


def test_two_builds_give_the_same_impact_pages(measured: tuple[Path, Path], tmp_path: Path) -> None:
    """Building the same project again gives the impact pages byte for byte."""
    root, site = measured
    result = mkdocs_build(root / "mkdocs.yml", tmp_path / "again")
    assert result.returncode == 0, result.stderr
    for prefix in PREFIXES.values():
        first = (site / prefix / "impact" / "index.html").read_bytes()
        assert first == (tmp_path / "again" / prefix / "impact" / "index.html").read_bytes()
        assert b"<svg" in first


def test_the_menu_names_the_impact_page_after_topics(measured: tuple[Path, Path]) -> None:
    """Both languages' menus lead to the impact page, right after the topics."""
    plan = SitePlan(load_project(measured[0]))
    for lang, (topics, impact) in {"da": ("Emner", "Resultater"), "en": ("Topics", "Impact")}.items():
        titles = [link.title for link in plan.menu(lang)]
        assert titles[titles.index(topics) + 1] == impact
        assert plan.menu(lang)[titles.index(impact)].url == f"{PREFIXES[lang]}impact/"


def test_a_project_without_measures_has_no_impact_page(minimal_site: Path) -> None:
    """A site where no figure names a measure has no impact page, and its menu does not offer one."""
    for prefix in PREFIXES.values():
        assert not (minimal_site / prefix / "impact").exists()
        home = HTMLParser((minimal_site / prefix / "index.html").read_text(encoding="utf-8"))
        assert [a.attributes.get("href") for a in home.css(".md-tabs a, .md-nav a")
                if (a.attributes.get("href") or "").rstrip("/").endswith("impact")] == []
