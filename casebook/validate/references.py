"""Reference checks, driven by the declarations on the model's fields (:mod:`casebook.model.references`).

One checker walks every referring field of a document (:func:`references`) and reports each id its
target does not define, with a did-you-mean hint; the table :data:`UNKNOWN` says how, per target.
What is not a reference stays with the rules of its file (a case related to itself, an idea
referring to itself: :mod:`casebook.validate.case`, :mod:`casebook.validate.catalogue`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from casebook.core.issues import Issue
from casebook.core.messages import msg
from casebook.load.documents import Document, Loc
from casebook.model.case import Case
from casebook.model.references import TAXONOMY_TARGETS, Reference, Target, references
from casebook.model.registry import Measure, OrganisationsFile, Taxonomy
from casebook.validate.hints import did_you_mean

# How each vocabulary of the taxonomy names one of its terms in messages.
TERM_NAMES = {"formats": msg("format"), "themes": msg("theme"), "sectors": msg("sector"),
              "company_sizes": msg("company size"), "costs": msg("cost band"), "measures": msg("measure")}


@dataclass(frozen=True)
class Unknown:
    """How an id that its target does not define is reported."""

    code: str
    message: Callable[[Any], str]  # the unknown id -> what is wrong
    hint: str  # when no known id is close
    suggest: bool = True  # a did-you-mean from the known ids (not for SDG numbers)


def _term(target: Target) -> Unknown:
    return Unknown("ref.unknown-term", lambda term: msg("unknown {what} '{term}'", what=TERM_NAMES[target], term=term),
                   msg("use an id from {field} in content/taxonomy.yml", field=target))


UNKNOWN: dict[Target, Unknown] = {
    "organisations": Unknown("ref.unknown-organisation", lambda org: msg("unknown organisation '{org}'", org=org),
                             msg("add it to content/organisations.yml")),
    "cases": Unknown("ref.unknown-case", lambda slug: msg("unknown case '{slug}'", slug=slug),
                     msg("use the folder name of a case in cases/")),
    "ideas": Unknown("ref.unknown-idea", lambda other: msg("unknown idea '{other}'", other=other),
                     msg("use the id of an idea in a catalogue")),
    **{target: _term(target) for target in ("formats", "themes", "sectors", "company_sizes", "costs", "measures")},
    "sdgs": Unknown("ref.unknown-sdg", lambda number: msg("SDG {number} is not in the taxonomy", number=number),
                    msg("add it to sdgs in content/taxonomy.yml"), suggest=False),
}
# Two fields keep the templates they had before the checks were declared: the same words in both
# languages as their target's, but entries of their own in the translation catalogue.
UNKNOWN_AT: dict[tuple[type[BaseModel], tuple[str, ...]], Unknown] = {
    (Case, ("related",)): Unknown("ref.unknown-case",
                                  lambda related: msg("unknown case '{related}'", related=related),
                                  msg("use the folder name of a case in cases/")),
    (OrganisationsFile, ("organisations", "size")): Unknown(
        "ref.unknown-term", lambda size: msg("unknown company size '{size}'", size=size),
        msg("use an id from company_sizes in content/taxonomy.yml")),
}


@dataclass(frozen=True)
class Known:
    """The ids each target defines in this project. A file that failed to load defines nothing here,
    and the checks against it wait, rather than call every id in it unknown."""

    ids: Mapping[Target, Collection[Any]]

    @classmethod
    def of(cls, organisations: Collection[str] | None, taxonomy: Taxonomy | None, cases: Collection[str],
           ideas: Collection[str]) -> Known:
        """What the organisations (None when their file failed), the taxonomy, cases and ideas define."""
        ids: dict[Target, Collection[Any]] = {"cases": cases, "ideas": ideas}
        if organisations is not None:
            ids["organisations"] = organisations
        if taxonomy is not None:
            ids.update({target: taxonomy.vocabulary(target) for target in TAXONOMY_TARGETS if target != "sdgs"})
            ids["sdgs"] = {sdg.number for sdg in taxonomy.sdgs}
        return cls(ids)

    def measure(self, measure_id: str) -> Measure | None:
        """The measure ``measure_id`` names, when the taxonomy loaded and defines it."""
        measures = self.ids.get("measures")
        found = measures.get(measure_id) if isinstance(measures, Mapping) else None
        return found if isinstance(found, Measure) else None

    @property
    def taxonomy(self) -> bool:
        """Whether ``content/taxonomy.yml`` loaded."""
        return all(target in self.ids for target in TAXONOMY_TARGETS)


def check_references(doc: Document, model: type[BaseModel], item: BaseModel, known: Known) -> Iterator[Issue]:
    """Each id in ``item`` (``doc`` read as ``model``) that its target does not define."""
    for reference in references(model):
        ids = known.ids.get(reference.ref.target)
        if ids is None:
            continue
        unknown = UNKNOWN_AT.get((model, reference.path)) or UNKNOWN[reference.ref.target]
        for loc, value in _ids(item, reference):
            # A self-reference is always known (a case's own folder, an idea's own id): its rule reports it.
            if value not in ids:
                hint = did_you_mean(value, ids) if unknown.suggest else ""
                yield doc.issue(loc, unknown.code, unknown.message(value), hint or unknown.hint)


def repeated_references(doc: Document, model: type[BaseModel], item: BaseModel) -> Iterator[Issue]:
    """Each id that a list of references in ``item`` names more than once, after the first."""
    for reference in references(model):
        if not reference.many:
            continue
        for loc, values in _values(item, reference.path, ()):
            for i, value in enumerate(values or ()):
                if value in values[:i]:
                    yield doc.issue(loc + (i,), "case.duplicate-value", msg("'{value}' is listed twice", value=value),
                                    msg("remove one of them"))


def duplicate_ids(doc: Document, items: list[Any], list_loc: Loc, attr: str, what: str) -> Iterator[Issue]:
    """One issue per repeated id in ``items`` (what references point at), naming the line of the first one."""
    first: dict[Any, int] = {}
    for i, item in enumerate(items):
        value = getattr(item, attr)
        if value not in first:
            first[value] = i
            continue
        first_line = doc.position(list_loc + (first[value], attr))[0]
        yield doc.issue(list_loc + (i, attr), "ref.duplicate-id",
                        msg("{what} '{value}' is defined twice (first on line {first_line})",
                            what=what, value=value, first_line=first_line),
                        msg("give each entry its own id"))


def _ids(item: BaseModel, reference: Reference) -> Iterator[tuple[Loc, Any]]:
    """Each id the referring field holds in ``item``, with its location."""
    for loc, value in _values(item, reference.path, ()):
        if reference.many:
            yield from ((loc + (i,), one) for i, one in enumerate(value or ()))
        elif value is not None:
            yield loc, value


def _values(item: Any, path: tuple[str, ...], loc: Loc) -> list[tuple[Loc, Any]]:
    """The value at ``path`` under ``item`` and its location, once for each item of the lists on the way
    (in the order of a walk through them, depth first)."""
    level: list[tuple[Loc, Any]] = [(loc, item)]
    for name in path[:-1]:
        below: list[tuple[Loc, Any]] = []
        for here, node in level:
            value = getattr(node, name)
            if isinstance(value, list):
                below += [((*here, name, i), child) for i, child in enumerate(value)]
            elif value is not None:
                below.append(((*here, name), value))
        level = below
    last = path[-1]
    return [((*here, last), getattr(node, last)) for here, node in level]
