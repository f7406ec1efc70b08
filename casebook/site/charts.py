"""Charts for the impact figures: static SVG made at build by matplotlib, to be inlined in a page.

A chart is one or more panels (small multiples, stacked), each a horizontal bar chart of one measure
by group. Every bar has its group's name on its left and its value as text at its end, so colour never
carries meaning alone; a fill with less than 3:1 contrast on white (several SDG colours) is outlined in
its colour darkened until it has. Text stays text (``svg.fonttype: none``) in the site's fonts; the same
input gives the same bytes (ids salted with the chart's id, no date). The SVG is then tidied for HTML:
no XML declaration, doctype, metadata or ``<style>`` (its ``*`` rule would reach the whole page), a
``<title>`` and ``<desc>`` named by ``aria-labelledby``, every id prefixed with the chart's id.
Only :class:`~matplotlib.figure.Figure`, never pyplot, and rcParams only in ``rc_context``: no global state.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import matplotlib
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.textpath import text_to_path
from matplotlib.transforms import Affine2D, Transform

from casebook.core.languages import LANGUAGES
from casebook.site.colours import contrast


@dataclass(frozen=True)
class Bar:
    """One bar: a group's name, its length and the value as the page writes it."""

    label: str  # the group's name in the page's language: "2016", "Uden dato", "7. Bæredygtig energi"
    value: float  # the bar's length (the part, when whole is given)
    text: str  # the value as the page writes it, printed at the bar's end: "8 af 25", "5.440 kr."
    whole: float | None = None  # drawn as an outlined, very light bar behind the part
    colour: str | None = None  # fill, e.g. an SDG's colour; default the site's accent colour


@dataclass(frozen=True)
class Panel:
    """One measure's bars, under its name."""

    title: str  # the measure's name, e.g. "Frivillige medarbejdere"
    bars: list[Bar]


# The site's look (overrides/assets/stylesheets/casebook.css): ink, muted text, Material's teal 800 as
# the accent, on the page's white. Material's text font stack with theme.font: false.
BACKGROUND = "#ffffff"
INK = "#1b1f23"
MUTED = "#4f5b62"
ACCENT = "#00695c"
FONT_STACK = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"
MIN_CONTRAST = 3.0  # WCAG 1.4.11, non-text contrast

# Sizes in CSS pixels (matplotlib's points at 72 dpi). Drawn 480 wide, a phone's 328 pixels scale the
# 16-pixel text to about 11; the browser's sans-serif is narrower than the DejaVu Sans measured here.
WIDTH = 480
MARGIN = 2  # around everything, so outlines are not cut at the edge
TEXT_SIZE = 16  # group names and values
TITLE_SIZE = 17  # a panel's title, bold
LINE = 19  # one line of text
MIDDLE = 5.8  # from the middle of a line to its baseline: half the height of a capital or a digit
TITLE_LINE = 22
BAR = 20  # a bar's thickness
ROW_PAD = 10  # between bars
TITLE_GAP = 6  # under a panel's title
PANEL_GAP = 22  # between panels
LABEL_SHARE = 0.42  # the most of the width the group names may take
LABEL_GAP = 8  # between a group's name and its bar
VALUE_GAP = 6  # between a bar's end and its value
OUTLINE = 1.5  # the width of a bar's outline
IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
SVG = "http://www.w3.org/2000/svg"


def bar_chart(chart_id: str, title: str, description: str, panels: list[Panel], lang: str) -> str:
    """One inline SVG: a horizontal bar chart per panel (small multiples, stacked vertically), as a str."""
    if not IDENTIFIER.fullmatch(chart_id):
        raise ValueError(f"a chart's id must be a letter then letters, digits, '-' or '_': {chart_id!r}")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    if not panels:
        raise ValueError("a chart needs at least one panel")
    if any(bar.value < 0 or (bar.whole or 0) < 0 for panel in panels for bar in panel.bars):
        raise ValueError("a bar's value and whole cannot be negative")
    layout = _Layout.of(panels)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": chart_id, "text.color": INK,
                                "text.parse_math": False}):  # "$5 and $6" is money, not mathematics
        figure = Figure(figsize=(WIDTH / 72, layout.height / 72), dpi=72)
        figure.patch.set_visible(False)
        down = Affine2D().scale(1, -1).translate(0, layout.height)  # pixels from the top left, as in CSS
        for panel, place in zip(panels, layout.panels, strict=True):
            _draw_panel(figure, panel, place, layout, down)
        out = io.BytesIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    return inline_svg(out.getvalue(), chart_id, title, description, lang)


@cache
def _font(size: float, bold: bool = False) -> FontProperties:
    """The font text is measured in (and then drawn in the site's): matplotlib's own DejaVu Sans, by its
    file, so every machine lays out alike."""
    path = Path(matplotlib.get_data_path(), "fonts", "ttf", "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    return FontProperties(fname=path, size=size, weight="bold" if bold else "normal")


@lru_cache(maxsize=4096)  # the same names come back in every chart of a build
def _width(text: str, font: FontProperties) -> float:
    """The width of one line of ``text``, in pixels."""
    return float(text_to_path.get_text_width_height_descent(text, font, ismath=False)[0])


def _wrap(text: str, width: float, font: FontProperties) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width``; a word wider than that alone (a long
    Danish compound) is broken too, with a hyphen."""
    if _width(text, font) <= width:
        return [text]
    lines: list[str] = []
    for word in text.split():
        if lines and _width(f"{lines[-1]} {word}", font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.extend(_break(word, width, font))
    return lines or [""]


def _break(word: str, width: float, font: FontProperties) -> list[str]:
    """``word`` in pieces no wider than ``width``, each but the last ending in a hyphen."""
    pieces = []
    while _width(word, font) > width and len(word) > 1:
        cut = max(n for n in range(1, len(word)) if n == 1 or _width(f"{word[:n]}-", font) <= width)
        pieces.append(f"{word[:cut]}-")
        word = word[cut:]
    return [*pieces, word]


@dataclass(frozen=True)
class _Place:
    """Where a panel goes: its title's lines and top, its bars' rows, all in pixels from the top."""

    title: list[str]
    top: float
    labels: list[list[str]]
    rows: list[float]  # each bar's row height

    @property
    def bars_top(self) -> float:
        return self.top + len(self.title) * TITLE_LINE + TITLE_GAP

    @property
    def bottom(self) -> float:
        return self.bars_top + sum(self.rows)


@dataclass(frozen=True)
class _Layout:
    """The whole chart's geometry: one column of group names shared by all panels, then the bars."""

    label_width: float
    panels: list[_Place]

    @classmethod
    def of(cls, panels: list[Panel]) -> _Layout:
        font, bold = _font(TEXT_SIZE), _font(TITLE_SIZE, bold=True)
        limit = WIDTH * LABEL_SHARE
        labels = [[_wrap(bar.label, limit, font) for bar in panel.bars] for panel in panels]
        widest = max((_width(line, font) for group in labels for lines in group for line in lines), default=0.0)
        places, top = [], float(MARGIN)
        for panel, group in zip(panels, labels, strict=True):
            rows = [max(BAR + ROW_PAD, len(lines) * LINE + ROW_PAD) for lines in group]
            place = _Place(_wrap(panel.title, WIDTH - 2 * MARGIN, bold), top, group, [float(r) for r in rows])
            places.append(place)
            top = place.bottom + PANEL_GAP
        return cls(min(widest, limit), places)

    @property
    def height(self) -> float:
        return (self.panels[-1].bottom if self.panels else 0.0) + MARGIN

    @property
    def bars_left(self) -> float:
        return MARGIN + self.label_width + LABEL_GAP


def _scale(bars: list[Bar], room: float) -> float:
    """Pixels per unit, so that the longest bar and its value text fit in ``room``."""
    font = _font(TEXT_SIZE)
    scales = [(room - VALUE_GAP - _width(bar.text, font)) / end for bar in bars if (end := _end(bar)) > 0]
    return max(min(scales, default=1.0), 0.0)


def _end(bar: Bar) -> float:
    return max(bar.value, bar.whole or 0.0)


def _draw_panel(figure: Figure, panel: Panel, place: _Place, layout: _Layout, down: Transform) -> None:
    """A panel's title over its bars, each bar with its group's name on its left and its value at its end.
    matplotlib writes its artists in the order of their zorder: from the panel's top, so the SVG holds
    one panel after the other, each its title, its bars, then their names and values."""
    for index, line in enumerate(place.title):
        figure.text(MARGIN, place.top + TITLE_SIZE + index * TITLE_LINE, line, transform=down, ha="left",
                    va="baseline", fontproperties=_font(TITLE_SIZE, bold=True), zorder=place.top)
    left, top = layout.bars_left, place.bars_top
    scale = _scale(panel.bars, WIDTH - MARGIN - left)
    for bar, lines, row in zip(panel.bars, place.labels, place.rows, strict=True):
        centre = top + row / 2
        _draw_bar(figure, bar, (left, centre - BAR / 2), scale, down, place.top + 0.1)
        for index, line in enumerate(lines):  # line by line: the browser's font is not matplotlib's
            baseline = centre + (index - (len(lines) - 1) / 2) * LINE + MIDDLE
            figure.text(left - LABEL_GAP, baseline, line, transform=down, ha="right", va="baseline",
                        fontproperties=_font(TEXT_SIZE), zorder=place.top + 0.3)
        figure.text(left + _end(bar) * scale + VALUE_GAP, centre + MIDDLE, bar.text, transform=down, ha="left",
                    va="baseline", fontproperties=_font(TEXT_SIZE), zorder=place.top + 0.3)
        top += row
    figure.add_artist(Line2D([left, left], [place.bars_top, place.bottom], color=MUTED, linewidth=1,
                             solid_capstyle="butt", transform=down, zorder=place.top + 0.2))


def _draw_bar(figure: Figure, bar: Bar, corner: tuple[float, float], scale: float, down: Transform,
              zorder: float) -> None:
    """The whole (outlined, lightly tinted) behind the part (filled, outlined when too light); nothing for
    a length of 0."""
    colour = to_hex(bar.colour or ACCENT)
    edge = readable(colour)
    if bar.whole:
        figure.add_artist(Rectangle(corner, bar.whole * scale, BAR, facecolor=tint(colour), edgecolor=edge,
                                    linewidth=OUTLINE, transform=down, zorder=zorder))
    if bar.value:  # outlined only when too light to stand out on its own
        figure.add_artist(Rectangle(corner, bar.value * scale, BAR, facecolor=colour, transform=down, zorder=zorder,
                                    edgecolor=edge, linewidth=OUTLINE if edge != colour else 0))


def readable(colour: str, background: str = BACKGROUND) -> str:
    """``colour`` itself when it has 3:1 contrast on ``background``, else it darkened until it has."""
    for step in range(20, 0, -1):
        darker = mix(colour, "#000000", step / 20)
        if contrast(darker, background) >= MIN_CONTRAST:
            return darker
    return "#000000"


def tint(colour: str, share: float = 0.15) -> str:
    """``colour`` mixed with white, ``share`` of it: the very light fill of a whole."""
    return mix(colour, "#ffffff", share)


def mix(colour: str, other: str, share: float) -> str:
    """``share`` of ``colour`` and the rest of ``other``, as ``#rrggbb``."""
    (r, g, b, _), (r2, g2, b2, _) = to_rgba(colour), to_rgba(other)
    return to_hex((share * r + (1 - share) * r2, share * g + (1 - share) * g2, share * b + (1 - share) * b2))


# --- tidying matplotlib's SVG for inlining in HTML ------------------------------------------------------

def inline_svg(svg: bytes, chart_id: str, title: str, description: str, lang: str) -> str:
    """matplotlib's ``svg`` made fit to inline in a page, as the module's docstring says."""
    root = ET.fromstring(svg)
    for parent in list(root.iter()):
        for child in list(parent):
            if _local(child.tag) in ("metadata", "style"):
                parent.remove(child)
    _prefix_ids(root, chart_id)
    for element in root.iter():
        _tidy_element(element)
    _unwrap_groups(root)
    width, height = root.get("viewBox", "0 0 0 0").split()[2:]
    root.attrib = {"xmlns": SVG, "class": "cb-chart", "width": _number(width), "height": _number(height),
                   "viewBox": f"0 0 {_number(width)} {_number(height)}", "style": "max-width: 100%; height: auto",
                   "role": "img",
                   "aria-labelledby": f"{chart_id}-title {chart_id}-desc", "lang": lang,
                   "font-family": FONT_STACK, "stroke-linejoin": "round", "stroke-linecap": "butt"}
    for index, (tag, text) in enumerate((("title", title), ("desc", description))):
        element = ET.Element(tag, {"id": f"{chart_id}-{tag}"})
        element.text = text
        root.insert(index, element)
    return ET.tostring(root, encoding="unicode")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _number(text: str) -> str:
    return f"{float(text):.2f}".rstrip("0").rstrip(".")


REFERENCE = re.compile(r"url\(#([^)]+)\)")
HREFS = ("href", "{http://www.w3.org/1999/xlink}href")


def _prefix_ids(root: ET.Element, chart_id: str) -> None:
    """Ids something refers to get the chart's id in front (and so do the references); the rest go."""
    used = {m for e in root.iter() for value in e.attrib.values() for m in REFERENCE.findall(value)}
    used |= {value[1:] for e in root.iter() for name in HREFS if (value := e.get(name, "")).startswith("#")}
    for element in root.iter():
        for name, value in list(element.attrib.items()):
            if name == "id":
                if value in used:
                    element.set("id", f"{chart_id}-{value}")
                else:
                    del element.attrib["id"]
            elif name in HREFS and value.startswith("#"):
                del element.attrib[name]
                element.set("href", f"#{chart_id}-{value[1:]}")
            elif "url(#" in value:
                element.set(name, REFERENCE.sub(lambda m: f"url(#{chart_id}-{m[1]})", value))


NUMBER = re.compile(r"-?\d+\.\d+")
IDENTITY = re.compile(r"rotate\(-?0(\.0+)? [^)]*\)")


def _tidy_element(element: ET.Element) -> None:
    """Without its namespace (the root declares it), no font family of its own (the root gives the
    site's), text in the page's colour (which forced colours, e.g. Windows' high contrast, change: ink
    would vanish on their black), no identity rotation, paths on one line, positions to 0.01 pixel."""
    element.tag = _local(element.tag)
    if (style := element.get("style")) is not None:
        kept = [d.strip() for d in style.split(";") if d.strip() and not d.strip().startswith("font-family")]
        element.set("style", "; ".join(kept).replace(f"fill: {INK}", "fill: currentColor"))
    if IDENTITY.fullmatch(element.get("transform", "")):
        del element.attrib["transform"]
    if "d" in element.attrib:
        element.set("d", NUMBER.sub(lambda m: _number(m[0]), " ".join(element.get("d", "").split())))
    for name in ("x", "y"):
        if name in element.attrib:
            element.set(name, _number(element.get(name, "")))
    for part in ("text", "tail"):
        if (getattr(element, part) or "").strip() == "":
            setattr(element, part, None)


def _unwrap_groups(parent: ET.Element) -> None:
    """Groups with no attributes of their own give way to their children; empty definitions go."""
    children: list[ET.Element] = []
    for child in parent:
        _unwrap_groups(child)
        if child.tag == "g" and not child.attrib:
            children.extend(child)
        elif child.tag != "defs" or len(child):
            children.append(child)
    parent[:] = children


# --- contrast -------------------------------------------------------------------------------------------

SHAPES = ("path", "rect", "circle", "ellipse", "polygon")
INHERITED = ("fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "opacity")


def contrast_problems(svg: str, background: str = BACKGROUND) -> list[str]:
    """Each filled shape of ``svg`` whose fill and outline both have less than 3:1 contrast (WCAG's
    relative luminance) on ``background``, described; none when every shape stands out."""
    problems = []
    for tag, props in _shapes(ET.fromstring(svg), {"fill": "#000000", "stroke": "none", "stroke-width": "1"}):
        fill = _seen(props["fill"], props.get("fill-opacity"), props.get("opacity"), background)
        if fill is None:
            continue
        stroke = None
        if float(props["stroke-width"].removesuffix("px")) > 0:
            stroke = _seen(props["stroke"], props.get("stroke-opacity"), props.get("opacity"), background)
        ratios = [contrast(fill, background)] + ([contrast(stroke, background)] if stroke else [])
        if max(ratios) < MIN_CONTRAST:
            outline = f"outline {stroke} ({ratios[1]:.2f}:1)" if stroke else "no outline"
            problems.append(f"<{tag}> fill {fill} ({ratios[0]:.2f}:1), {outline}")
    return problems


def _shapes(element: ET.Element, inherited: dict[str, str]) -> Iterator[tuple[str, dict[str, str]]]:
    """Every shape under ``element`` with its painting properties, inherited, attributes, then style."""
    props = dict(inherited)
    props.update({k: v for k, v in element.attrib.items() if k in INHERITED})
    for declaration in element.get("style", "").split(";"):
        name, _, value = declaration.partition(":")
        if name.strip() in INHERITED:
            props[name.strip()] = value.strip()
    if _local(element.tag) in SHAPES:
        yield _local(element.tag), props
    for child in element:
        if _local(child.tag) not in ("defs", "clipPath", "mask", "title", "desc"):
            yield from _shapes(child, props)


def _seen(colour: str, opacity: str | None, group: str | None, background: str) -> str | None:
    """The colour as it shows on ``background`` (opacities blended in), or None when it does not show."""
    if colour in ("none", "transparent"):
        return None
    alpha = to_rgba(colour)[3] * float(opacity or 1) * float(group or 1)
    return mix(to_hex(colour), background, alpha) if alpha > 0 else None
