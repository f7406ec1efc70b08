"""Impact: the figures of cases added up per measure, across all cases and by year, theme and SDG.

A figure counts when its outcome names a ``measure`` of ``content/taxonomy.yml``; one without a measure
is only told on its case's page. The rules are declared with the measures (:class:`Measure`):

- a measure whose ``aggregate`` is ``sum`` adds its figures up. A figure that is a part of a whole
  ("8 of 25") adds its part to the parts and its whole to the wholes, so the total reads "8 of 25",
  never a bare 8; when only some figures give a whole, the total is the sum of all of them and the
  parts and wholes of those that give one are told beside it;
- a measure whose ``aggregate`` is ``range`` (a figure per person: "6 months for each refugee") is
  never added up: its total runs from the smallest figure to the largest;
- a total that includes an estimate says so;
- an undated case counts in every total, and by year it stands in a group of its own.

Everything here is engine-neutral and unlocalised: the page modules and the open data format it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from casebook.model.case import Outcome
from casebook.model.registry import Measure, Taxonomy
from casebook.project.entries import CaseEntry

Number = int | float
GroupKey = int | str | None  # a year (None: undated), a theme's id, an SDG's number


@dataclass(frozen=True)
class Contribution:
    """One figure of one case towards a measure's total."""

    entry: CaseEntry
    index: int  # its position under the case's outcomes
    outcome: Outcome

    @property
    def slug(self) -> str:
        return self.entry.slug


@dataclass(frozen=True)
class Total:
    """A measure's figures across some cases, and what they make together."""

    measure: Measure
    contributions: tuple[Contribution, ...]  # in the order of the cases given, then of their outcomes

    @property
    def cases(self) -> list[CaseEntry]:
        """The cases the figures come from, each once, in their order."""
        seen: dict[str, CaseEntry] = {}
        for c in self.contributions:
            seen.setdefault(c.slug, c.entry)
        return list(seen.values())

    @property
    def summed(self) -> bool:
        return self.measure.aggregate == "sum"

    @property
    def value(self) -> Number:
        """The sum of every figure (parts included); for a range, its largest figure."""
        if not self.summed:
            return self.high
        return _sum(c.outcome.value for c in self.contributions)

    @property
    def part(self) -> Number | None:
        """The sum of the parts of the figures that give a whole; None when none does."""
        parts = [c.outcome.value for c in self.contributions if c.outcome.of is not None]
        return _sum(parts) if parts and self.summed else None

    @property
    def whole(self) -> Number | None:
        """The sum of the wholes the figures give; None when none does."""
        wholes = [c.outcome.of for c in self.contributions if c.outcome.of is not None]
        return _sum(wholes) if wholes and self.summed else None

    @property
    def all_parts(self) -> bool:
        """Every figure is a part of a whole: the total reads "part of whole"."""
        return self.whole is not None and all(c.outcome.of is not None for c in self.contributions)

    @property
    def low(self) -> Number:
        return min(c.outcome.value for c in self.contributions)

    @property
    def high(self) -> Number:
        return max(c.outcome.value for c in self.contributions)

    @property
    def estimate(self) -> bool:
        """At least one of its figures is an estimate."""
        return any(c.outcome.estimate for c in self.contributions)


def _sum(values: Iterable[Number]) -> Number:
    total = sum(values)
    # Figures are written as 8 or 2.5: a sum of whole numbers stays whole, and float noise is rounded off.
    return total if isinstance(total, int) else round(total, 10)


def totals(entries: Iterable[CaseEntry], measures: list[Measure]) -> list[Total]:
    """Each measure that a figure of ``entries`` names, in the taxonomy's order, with its total."""
    found: dict[str, list[Contribution]] = {}
    for entry in entries:
        for i, outcome in enumerate(entry.case.outcomes):
            if outcome.measure is not None:
                found.setdefault(outcome.measure, []).append(Contribution(entry, i, outcome))
    return [Total(m, tuple(found[m.id])) for m in measures if m.id in found]


@dataclass(frozen=True)
class Group:
    """The totals of the cases that share a year, a theme or an SDG."""

    key: GroupKey
    cases: list[CaseEntry]
    totals: list[Total]

    def total(self, measure_id: str) -> Total | None:
        return next((t for t in self.totals if t.measure.id == measure_id), None)


class Impact:
    """The totals of one project: overall, by year, by theme and by SDG; and of any set of its cases."""

    def __init__(self, taxonomy: Taxonomy, cases: list[CaseEntry]) -> None:
        self.taxonomy = taxonomy
        self.measures = taxonomy.measures
        self.cases = cases  # in the order lists show them (newest first)
        self._of: dict[tuple[str, ...], list[Total]] = {}

    def of(self, entries: Iterable[CaseEntry]) -> list[Total]:
        """The totals of some cases (an organisation's, a theme's), added up once for every language's page."""
        entries = list(entries)
        key = tuple(e.slug for e in entries)
        if key not in self._of:
            self._of[key] = totals(entries, self.measures)
        return self._of[key]

    @cached_property
    def overall(self) -> list[Total]:
        return self.of(self.cases)

    @cached_property
    def measured_cases(self) -> list[CaseEntry]:
        """The cases with at least one figure that names a measure."""
        return [e for e in self.cases if any(o.measure for o in e.case.outcomes)]

    @cached_property
    def by_year(self) -> list[Group]:
        """Newest year first, the undated cases last (key None)."""
        groups = self._groups(lambda e: [e.case.when.year if e.case.when else None])
        return sorted(groups, key=lambda g: (g.key is None, -g.key if isinstance(g.key, int) else 0))

    @cached_property
    def by_theme(self) -> list[Group]:
        """In the taxonomy's order of themes."""
        order = {t.id: i for i, t in enumerate(self.taxonomy.themes)}
        return sorted(self._groups(lambda e: e.case.themes), key=lambda g: order.get(str(g.key), len(order)))

    @cached_property
    def by_sdg(self) -> list[Group]:
        """By goal number."""
        return sorted(self._groups(lambda e: e.case.sdgs), key=lambda g: g.key if isinstance(g.key, int) else 0)

    def _groups(self, keys: Callable[[CaseEntry], Iterable[GroupKey]]) -> list[Group]:
        members: dict[GroupKey, list[CaseEntry]] = {}
        for entry in self.measured_cases:
            for key in keys(entry):
                members.setdefault(key, []).append(entry)
        return [Group(key, cases, self.of(cases)) for key, cases in members.items()]
