"""The impact charts (casebook/site/charts.py): inline SVG that is valid, accessible (title and
description, text as text, 3:1 contrast for every filled shape), unique in its page and the same bytes
on every build."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import matplotlib
import pytest
import yaml
from conftest import ROOT
from matplotlib.figure import Figure

from casebook.site.charts import ACCENT, Bar, Panel, bar_chart, contrast_problems, inline_svg, readable, tint
from casebook.site.colours import contrast

SVG = "{http://www.w3.org/2000/svg}"
SDGS = yaml.safe_load((ROOT / "content" / "taxonomy.yml").read_text(encoding="utf-8"))["sdgs"]
YEARS = [
    Panel("Frivillige medarbejdere", [Bar("2016", 25, "25"), Bar("2015", 1, "1"), Bar("Uden dato", 10, "10")]),
    Panel("Personer i arbejde eller uddannelse", [Bar("2016", 8, "8 af 25", whole=25)]),
    Panel("Kontante donationer", [Bar("2015", 5440, "5.440 kr.")]),
]
BY_SDG = [Panel("Frivillige medarbejdere", [Bar(f"{g['number']}. {g['da']}", g["number"], str(g["number"]),
                                                colour=g["colour"]) for g in SDGS]),
          Panel("Personer i arbejde eller uddannelse", [Bar(f"{g['number']}.", 8, "8 af 25", whole=25,
                                                            colour=g["colour"]) for g in SDGS])]


def chart(panels: list[Panel] = YEARS, chart_id: str = "impact-years") -> str:
    return bar_chart(chart_id, "Virkning efter år", "Frivillige, personer i arbejde og kroner efter år.", panels, "da")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def shapes(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if e.tag in (f"{SVG}path", f"{SVG}rect")]


def style(element: ET.Element) -> dict[str, str]:
    pairs = (d.split(":", 1) for d in element.get("style", "").split(";") if d.strip())
    return {name.strip(): value.strip() for name, value in pairs}


def bars(root: ET.Element) -> list[ET.Element]:
    """The filled shapes (the zero line is a stroke only)."""
    return [e for e in shapes(root) if style(e).get("fill", "none") != "none"]


def width(path: ET.Element) -> float:
    xs = [float(x) for x in re.findall(r"[ML] ([\d.]+) [\d.]+", path.get("d", ""))]
    return max(xs) - min(xs)


def test_a_chart_is_svg_named_by_its_title_and_description() -> None:
    """The root is <svg role="img" class="cb-chart">, aria-labelledby names exactly its one <title> and
    one <desc>, its first two children, which hold the texts given."""
    root = parse(chart())
    assert root.tag == f"{SVG}svg"
    assert (root.get("role"), root.get("class")) == ("img", "cb-chart")
    assert root.get("aria-labelledby") == "impact-years-title impact-years-desc"
    assert [(e.tag, e.get("id"), e.text) for e in root[:2]] == [
        (f"{SVG}title", "impact-years-title", "Virkning efter år"),
        (f"{SVG}desc", "impact-years-desc", "Frivillige, personer i arbejde og kroner efter år.")]
    assert len(root.findall(f".//{SVG}title")) == len(root.findall(f".//{SVG}desc")) == 1


def test_a_chart_scales_with_its_box() -> None:
    """The root has a viewBox from 0 0 and width and height (in pixels) of the same size, and its own
    max-width: 100%; height: auto, so it shrinks to a narrow column in any container, keeping its shape;
    480 wide."""
    root = parse(chart())
    x, y, w, h = root.get("viewBox", "").split()
    assert (x, y, w) == ("0", "0", "480")
    assert (root.get("width"), root.get("height")) == (w, h)
    assert root.get("style") == "max-width: 100%; height: auto"


def test_nothing_reaches_outside_the_chart_or_dates_it() -> None:
    """No XML declaration, doctype, <style> (its * rule would style the whole page), <metadata> or date."""
    svg = chart()
    assert svg.startswith("<svg ")
    for needle in ("<?xml", "<!DOCTYPE", "<style", "<metadata", "Date", "dc:", "matplotlib"):
        assert needle not in svg


def test_labels_and_values_are_text_in_the_page_language() -> None:
    """Every group's name, value and panel title is the text of a <text> element, Danish letters intact."""
    texts = [e.text for e in parse(chart()).iter(f"{SVG}text")]
    assert texts == ["Frivillige medarbejdere", "2016", "25", "2015", "1", "Uden dato", "10",
                     "Personer i arbejde eller uddannelse", "2016", "8 af 25", "Kontante donationer", "2015",
                     "5.440 kr."]


def test_dollars_and_markup_stay_plain_text() -> None:
    """Dollar signs, _ and ^ are not read as mathematics and <, & are escaped: every text comes out as given."""
    panels = [Panel("Pris $1 og $2", [Bar("a_b^c $x$", 1, "$5 & <6>")])]
    root = parse(bar_chart("money", "A & B <c>", "$1", panels, "da"))
    assert [e.text for e in root.iter() if e.tag in (f"{SVG}title", f"{SVG}desc", f"{SVG}text")] == [
        "A & B <c>", "$1", "Pris $1 og $2", "a_b^c $x$", "$5 & <6>"]


def test_a_long_name_is_wrapped_into_lines_that_keep_its_words() -> None:
    """A group's name too long for the label column is split at spaces into several <text> lines."""
    label = "16. Fred, retfærdighed og stærke institutioner"
    texts = [e.text or "" for e in parse(chart([Panel("Personer nået", [Bar(label, 3, "3")])])).iter(f"{SVG}text")]
    assert texts[0] == "Personer nået" and texts[-1] == "3"
    assert len(texts[1:-1]) > 1 and " ".join(texts[1:-1]) == label


def test_a_word_too_long_for_the_label_column_is_broken_with_a_hyphen() -> None:
    """A single word wider than the label column is broken into pieces, each but the last ending in '-';
    together they spell the word."""
    word = "Beskæftigelsesindsatsforløbsdeltagere"
    texts = [e.text or "" for e in parse(chart([Panel("Personer", [Bar(word, 3, "3")])])).iter(f"{SVG}text")][1:-1]
    assert len(texts) > 1 and all(t.endswith("-") for t in texts[:-1])
    assert "".join(t.removesuffix("-") for t in texts) == word


def test_text_is_in_the_site_font_and_large_enough_for_a_phone() -> None:
    """The root gives Material's system font stack and no text names another; text is in the page's
    colour; every text is at least 16 pixels, about 11 when the 480-pixel chart is scaled to a 360-pixel
    phone's 328."""
    root = parse(chart())
    assert root.get("font-family") == "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"
    sizes = [style(e)["font-size"] for e in root.iter(f"{SVG}text")]
    assert all("font-family" not in style(e) for e in root.iter())
    assert {style(e)["fill"] for e in root.iter(f"{SVG}text")} == {"currentColor"}  # the page's ink
    assert min(float(s.removesuffix("px")) for s in sizes) == 16


def test_bars_are_as_long_as_their_values() -> None:
    """Within a panel, bar lengths are in the ratio of the values (25, 1, 10), to a hundredth of a pixel."""
    first = bars(parse(chart(YEARS[:1])))
    assert [round(width(b) / width(first[0]), 3) for b in first] == [1, 0.04, 0.4]


def test_a_whole_is_drawn_behind_its_part() -> None:
    """A bar with a whole has one more shape: the whole, lightly tinted with an outline, as long as 25
    against the part's 8, drawn before the part."""
    with_whole = bars(parse(chart([Panel("I arbejde", [Bar("2016", 8, "8 af 25", whole=25)])])))
    without = bars(parse(chart([Panel("I arbejde", [Bar("2016", 8, "8")])])))
    assert (len(with_whole), len(without)) == (2, 1)
    whole, part = with_whole
    assert style(whole) == {"fill": tint(ACCENT), "stroke": ACCENT, "stroke-width": "1.5", "stroke-linejoin": "miter"}
    assert style(part) == {"fill": ACCENT}
    assert round(width(part) / width(whole), 3) == 0.32


def test_a_value_of_nothing_has_no_bar_but_its_text() -> None:
    """A bar of 0 (and 0 of 0) draws no shape; its name and its value are still written."""
    root = parse(chart([Panel("Frivillige", [Bar("2016", 0, "0"), Bar("2015", 0, "0 af 0", whole=0),
                                             Bar("Uden dato", 2, "2")])]))
    assert len(bars(root)) == 1
    assert [e.text for e in root.iter(f"{SVG}text")] == ["Frivillige", "2016", "0", "2015", "0 af 0", "Uden dato", "2"]


def test_a_light_bar_gets_a_dark_outline_of_its_colour() -> None:
    """SDG 7's yellow (1.6:1 on white) is outlined in the yellow darkened to at least 3:1; SDG 17's dark
    blue is not outlined."""
    yellow, blue = bars(parse(chart([Panel("Frivillige", [Bar("7. Bæredygtig energi", 1, "1", colour="#FCC30B"),
                                                          Bar("17. Partnerskaber", 2, "2", colour="#19486A")])])))
    assert style(yellow)["fill"] == "#fcc30b" and style(yellow)["stroke"] == readable("#fcc30b") == "#b08808"
    assert contrast("#fcc30b", "#ffffff") < 3 <= contrast(readable("#fcc30b"), "#ffffff")
    assert style(blue) == {"fill": "#19486a"}


def test_every_sdg_colour_and_the_default_pass_the_contrast_check() -> None:
    """With the 17 SDG colours (bars and wholes) and with the default colour, no filled shape is below 3:1
    in both fill and outline."""
    assert len(SDGS) == 17
    assert contrast_problems(chart(BY_SDG)) == []
    assert contrast_problems(chart()) == []


def test_the_contrast_check_finds_a_light_shape_without_outline() -> None:
    """A yellow rect without outline and a path with a too-light outline are reported; a yellow rect with
    a dark outline, a dark path, a transparent one and a line are not."""
    svg = """<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9" fill="#FCC30B"/>
    <rect width="9" height="9" fill="#FCC30B" stroke="#7f6106"/>
    <g fill="#19486a"><path d="M 0 0 L 9 9" style="stroke: #dddddd"/></g>
    <path d="M 0 0 L 9 9" style="fill: #26bde2; stroke: #dddddd; stroke-width: 1.5"/>
    <path d="M 0 0 L 9 9" style="fill: #000000; fill-opacity: 0.1"/>
    <path d="M 0 0 L 9 9" style="fill: none; stroke: #eeeeee"/><rect width="9" height="9" fill="none"/></svg>"""
    assert contrast_problems(svg) == ["<rect> fill #fcc30b (1.62:1), no outline",
                                      "<path> fill #26bde2 (2.22:1), outline #dddddd (1.36:1)",
                                      "<path> fill #e6e6e6 (1.25:1), no outline"]
    assert contrast_problems(svg, background="#000000") == ["<path> fill #000000 (1.00:1), no outline"]


def ids_and_references(root: ET.Element) -> tuple[list[str], list[str]]:
    ids = [e.get("id", "") for e in root.iter() if e.get("id")]
    refs = [m for e in root.iter() for v in e.attrib.values() for m in re.findall(r"url\(#([^)]+)\)", v)]
    refs += [v[1:] for e in root.iter() for k, v in e.attrib.items() if k.endswith("href") and v.startswith("#")]
    refs += (root.get("aria-labelledby") or "").split()
    return ids, refs


def test_ids_are_prefixed_and_every_reference_resolves() -> None:
    """In matplotlib's SVG of a clipped line with markers (clip paths, <use xlink:href>), made inline:
    every id starts with the chart's id, none repeats, and every url(#…), href and aria-labelledby
    names one of them; ids nothing refers to are gone; what <use> draws stays in <defs>."""
    with matplotlib.rc_context({"svg.hashsalt": "test"}):
        figure = Figure(figsize=(2, 1))
        figure.add_subplot().plot([0, 1, 2], [0, 1, 0], marker="o")
        out = io.BytesIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    assert b"clip-path=\"url(#" in out.getvalue() and b"xlink:href=\"#" in out.getvalue()
    root = parse(inline_svg(out.getvalue(), "fig", "Titel", "Beskrivelse", "da"))
    ids, refs = ids_and_references(root)
    assert len(ids) == len(set(ids)) and all(i.startswith("fig-") for i in ids)
    assert set(refs) == set(ids) and any(r.startswith("fig-p") for r in refs)
    assert not [k for e in root.iter() for k in e.attrib if "xlink" in k]
    defined = {e.get("id") for defs in root.iter(f"{SVG}defs") for e in defs}
    assert {e.get("href", "")[1:] for e in root.iter(f"{SVG}use")} <= defined  # markers are still not drawn


def test_two_charts_on_one_page_share_no_id() -> None:
    """Two charts of the same panels under different ids have disjoint ids, each resolving inside its own."""
    first, second = (ids_and_references(parse(chart(BY_SDG, chart_id=i))) for i in ("by-sdg", "by-sdg-en"))
    assert set(first[0]).isdisjoint(second[0])
    assert set(first[1]) == set(first[0]) and set(second[1]) == set(second[0])


def test_a_chart_grows_with_its_bars() -> None:
    """Each further bar makes the chart 30 pixels taller; the width stays 480."""
    heights = [float(parse(chart([Panel("Frivillige", [Bar(str(y), 1, "1") for y in range(n)])])).get("height", ""))
               for n in (1, 2, 5)]
    assert [heights[1] - heights[0], heights[2] - heights[1]] == [30, 90]


def test_a_bad_id_or_language_or_value_is_refused() -> None:
    """An id that cannot be an HTML id prefix, an unknown language, no panel and a negative value raise
    ValueError."""
    with pytest.raises(ValueError, match="a chart's id"):
        bar_chart("1 bad", "t", "d", YEARS, "da")
    with pytest.raises(ValueError, match="unknown language 'de'"):
        bar_chart("ok", "t", "d", YEARS, "de")
    with pytest.raises(ValueError, match="at least one panel"):
        bar_chart("ok", "t", "d", [], "da")
    with pytest.raises(ValueError, match="cannot be negative"):
        bar_chart("ok", "t", "d", [Panel("p", [Bar("a", -1, "-1")])], "da")


RENDER = """
import sys
from casebook.site.charts import Bar, Panel, bar_chart
panels = [Panel("Frivillige", [Bar("2016", 25, "25"), Bar("Uden dato", 8, "8 af 25", whole=25, colour="#FCC30B")])]
sys.stdout.write(bar_chart("c", "Titel", "Beskrivelse", panels, "da"))
"""


def test_the_same_input_gives_the_same_bytes_in_another_process() -> None:
    """Two runs in separate Python processes and two calls in this one give byte-identical SVG."""
    runs = [subprocess.run([sys.executable, "-c", RENDER], capture_output=True, check=True, cwd=ROOT,
                           env=os.environ | {"PYTHONPATH": str(ROOT)}).stdout for _ in range(2)]
    panels = [Panel("Frivillige", [Bar("2016", 25, "25"), Bar("Uden dato", 8, "8 af 25", whole=25,
                                                              colour="#FCC30B")])]
    here = [bar_chart("c", "Titel", "Beskrivelse", panels, "da").encode() for _ in range(2)]
    assert runs[0] == runs[1] == here[0] == here[1]


PAGE = """<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Virkning</title></head>
<body><main><h1>Virkning</h1><figure>{0}</figure><figure>{1}</figure></main></body></html>
"""


@pytest.mark.build
def test_a_page_with_two_charts_inlined_passes_the_nu_html_checker(tmp_path: Path) -> None:
    """An HTML page with two charts inline (one with SDG colours and wholes): the Nu HTML Checker finds
    no error."""
    from test_html import nu_errors

    page = tmp_path / "impact.html"
    page.write_text(PAGE.format(chart(), chart(BY_SDG, chart_id="by-sdg")), encoding="utf-8")
    assert nu_errors([page], tmp_path, tmp_path) == []


PHONE_PAGE = """<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Virkning</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="margin: 16px; font-family: sans-serif"><div>{0}</div><div>{1}</div></body></html>
"""
# Each chart's size, and the boxes of its texts that do not lie inside it.
MEASURE = """() => [...document.querySelectorAll("svg")].map(svg => {
  const box = svg.getBoundingClientRect();
  const out = [...svg.querySelectorAll("text")].map(t => t.getBoundingClientRect())
    .filter(r => r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom);
  return [box.width, box.height, out.length];
})"""


@pytest.mark.browser
def test_charts_fit_a_phone_and_are_named_by_title_and_description(browser: Any) -> None:
    """At 360 pixels, in a page without the site's CSS, both charts shrink to the 328-pixel column keeping
    their shape, the page does not scroll sideways, every text lies inside its chart in Chromium's fonts,
    and each chart is an image named by its title and description."""
    years, sdgs = chart(), chart(BY_SDG, chart_id="by-sdg")
    page = browser.new_page(viewport={"width": 360, "height": 640})
    page.set_content(PHONE_PAGE.format(years, sdgs))
    sizes = page.evaluate(MEASURE)
    assert page.evaluate("document.documentElement.scrollWidth") == 360
    for svg, (w, h, outside) in zip((years, sdgs), sizes, strict=True):
        assert (w, outside) == (328, 0)
        assert abs(h - 328 * float(parse(svg).get("height", "")) / 480) < 0.5  # to the pixel the browser rounds to
    name = "Virkning efter år Frivillige, personer i arbejde og kroner efter år."
    assert page.get_by_role("img", name=name, exact=True).count() == 2
    page.close()


@pytest.mark.browser
def test_text_follows_forced_colours(browser: Any) -> None:
    """With forced colours (Windows' high contrast) on a black page, every text of a chart is painted in
    the forced text colour, not in the site's ink, which would vanish."""
    page = browser.new_page()
    page.emulate_media(forced_colors="active", color_scheme="dark")
    page.set_content(PHONE_PAGE.format(chart(), ""))
    ink = page.evaluate("getComputedStyle(document.body).color")
    fills = page.evaluate("[...document.querySelectorAll('text')].map(t => getComputedStyle(t).fill)")
    assert ink != "rgb(27, 31, 35)" and set(fills) == {ink}
    page.close()


@pytest.mark.browser
def test_axe_finds_nothing_on_a_page_with_charts(browser: Any) -> None:
    """axe-core's WCAG 2.0/2.1 A and AA rules find no violation on a page with two charts (axe checks
    that an <svg role="img"> has a name; it does not look at the colours inside)."""
    from test_accessibility import AXE, violations

    page = browser.new_page()
    page.set_content(PAGE.format(chart(), chart(BY_SDG, chart_id="by-sdg")))
    assert violations(page, AXE.read_text(encoding="utf-8")) == []
    page.close()
