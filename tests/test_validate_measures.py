"""The checks of an outcome's measure and source: the exact messages an author sees, in English and Danish."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit

from casebook.project import load_project

CASE = "cases/alpha-workshop/case.yml"
SECOND_SOURCE = "  - title: Hjælps årsskrift\n    url: https://hjaelp.example.org/2015\n"
MEASURES = """
measures:
  - {id: volunteers, da: Frivillige medarbejdere, en: Employee volunteers, kind: input}
  - {id: cash-donated, da: Pengedonationer, en: Cash donated, kind: input, unit: DKK}
  - {id: into-work-or-education, da: "I job eller uddannelse", en: "Into work or education", kind: impact}
"""


def with_measures(site: Path) -> None:
    """The minimal site with three measures in its taxonomy, and the alpha case's two figures naming theirs."""
    taxonomy = site / "content" / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + MEASURES, encoding="utf-8")
    edit(site / CASE, "    label: {da: donation, en: donation}",
         "    label: {da: donation, en: donation}\n    measure: cash-donated\n    source: 1")
    edit(site / CASE, "    label: {da: i job, en: in work}",
         "    label: {da: i job, en: in work}\n    measure: into-work-or-education\n    estimate: true")


def _problems(site: Path) -> list[tuple[str, str]]:
    return [(issue.format("en"), issue.format("da")) for issue in load_project(site).issues]


def test_measured_figures_are_valid(minimal: Path) -> None:
    """Figures naming a measure in its unit, with an estimate and a source in range, are no problem."""
    with_measures(minimal)
    assert _problems(minimal) == []


# (rule, [(text in the measured case.yml, its replacement)], exact problems in English and in Danish)
RULES = [
    ("unknown measure, with a suggestion",
     [("    measure: cash-donated", "    measure: cash-donatd")],
     [(f"{CASE}:22:14: outcomes[1].measure: unknown measure 'cash-donatd' (did you mean 'cash-donated'?)",
       f"{CASE}:22:14: outcomes[1].measure: ukendt måletal 'cash-donatd' (mente du 'cash-donated'?)")]),
    ("unknown measure, nothing close",
     [("    measure: cash-donated", "    measure: hours")],
     [(f"{CASE}:22:14: outcomes[1].measure: unknown measure 'hours' "
       "(use an id from measures in content/taxonomy.yml)",
       f"{CASE}:22:14: outcomes[1].measure: ukendt måletal 'hours' "
       "(brug et id fra measures i content/taxonomy.yml)")]),
    ("a count measure given a unit",
     [("    measure: cash-donated", "    measure: volunteers")],
     [(f"{CASE}:20:11: outcomes[1].unit: the measure 'volunteers' is a count, but this figure is in 'DKK' "
       "(remove the unit, or choose a measure counted in 'DKK')",
       f"{CASE}:20:11: outcomes[1].unit: måletallet 'volunteers' er et antal, men dette tal er angivet i 'DKK' "
       "(fjern enheden, eller vælg et måletal, der opgøres i 'DKK')")]),
    ("a DKK measure with no unit",
     [("    unit: DKK\n", "")],
     [(f"{CASE}:21:14: outcomes[1].measure: the measure 'cash-donated' is counted in 'DKK', but this figure "
       "has no unit (write 'unit: DKK' and the figure in it, or choose another measure)",
       f"{CASE}:21:14: outcomes[1].measure: måletallet 'cash-donated' opgøres i 'DKK', men dette tal har ingen "
       "enhed (skriv 'unit: DKK' og tallet i den enhed, eller vælg et andet måletal)")]),
    ("a DKK measure in another unit",
     [("    unit: DKK", "    unit: EUR")],
     [(f"{CASE}:20:11: outcomes[1].unit: the measure 'cash-donated' is counted in 'DKK', but this figure is "
       "in 'EUR' (write 'unit: DKK' and the figure in it, or choose another measure)",
       f"{CASE}:20:11: outcomes[1].unit: måletallet 'cash-donated' opgøres i 'DKK', men dette tal er angivet i "
       "'EUR' (skriv 'unit: DKK' og tallet i den enhed, eller vælg et andet måletal)")]),
    ("a source beyond the case's one source",
     [("    source: 1", "    source: 2")],
     [(f"{CASE}:23:13: outcomes[1].source: the case has 1 source, so there is no source 2 "
       "(give the number of the figure's source under sources (1 for the first), or add the source there)",
       f"{CASE}:23:13: outcomes[1].source: casen har 1 kilde, så der er ingen kilde 2 "
       "(angiv nummeret på tallets kilde under sources (1 for den første), eller tilføj kilden dér)")]),
    ("a source beyond the case's two sources",
     [("    source: 1", "    source: 3"), ("sources:\n", "sources:\n" + SECOND_SOURCE)],
     [(f"{CASE}:23:13: outcomes[1].source: the case has 2 sources, so there is no source 3 "
       "(give the number of the figure's source under sources (1 for the first), or add the source there)",
       f"{CASE}:23:13: outcomes[1].source: casen har 2 kilder, så der er ingen kilde 3 "
       "(angiv nummeret på tallets kilde under sources (1 for den første), eller tilføj kilden dér)")]),
]


def _change(edits: list[tuple[str, str]]) -> Callable[[Path], None]:
    def change(site: Path) -> None:
        with_measures(site)
        for old, new in edits:
            edit(site / CASE, old, new)
    return change


# Each rule as a change to a fresh minimal site, for the suites that run every error fixture.
SCENARIOS = [(name, _change(edits)) for name, edits, _ in RULES]


@pytest.mark.parametrize(("edits", "expected"), [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_measure_rule(minimal: Path, edits: list[tuple[str, str]], expected: list[tuple[str, str]]) -> None:
    """Each rule reports exactly its problem, at its line and column, with its fix, in English and Danish."""
    _change(edits)(minimal)
    assert _problems(minimal) == expected


def test_a_measure_defined_twice_is_reported(minimal: Path) -> None:
    """Two measures with one id in taxonomy.yml: the second is reported, naming the line of the first."""
    with_measures(minimal)
    edit(minimal / "content" / "taxonomy.yml", "  - {id: cash-donated,", "  - {id: volunteers,")
    assert _problems(minimal) == [
        (f"{CASE}:22:14: outcomes[1].measure: unknown measure 'cash-donated' "
         "(use an id from measures in content/taxonomy.yml)",
         f"{CASE}:22:14: outcomes[1].measure: ukendt måletal 'cash-donated' "
         "(brug et id fra measures i content/taxonomy.yml)"),
        ("content/taxonomy.yml:38:10: measures[2].id: term 'volunteers' is defined twice (first on line 37) "
         "(give each entry its own id)",
         "content/taxonomy.yml:38:10: measures[2].id: termen 'volunteers' er defineret to gange (første gang "
         "i linje 37) (giv hvert punkt sit eget id)")]
