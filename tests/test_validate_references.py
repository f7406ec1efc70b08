"""Reference checks come from the declarations on the model's fields, not from lists of field names."""

from __future__ import annotations

import typing

from casebook.load.documents import parse_yaml
from casebook.model.fields import StrictModel
from casebook.model.references import OrganisationId, Target, ThemeId
from casebook.validate.references import UNKNOWN, Known, check_references, repeated_references


class Visit(StrictModel):
    host: OrganisationId


class Region(StrictModel):
    """A model no check was written for: only its declarations say what it refers to."""

    themes: list[ThemeId] = []
    visits: list[Visit] = []


KNOWN = Known({"themes": {"integration", "mentoring"}, "organisations": {"acme", "hjaelp"}})
TEXT = "themes: [integration, integraton, integration]\nvisits:\n  - host: acme\n  - host: hjalp\n"


def _problems(known: Known) -> list[str]:
    doc = parse_yaml(TEXT, "region.yml")
    region = Region.model_validate(doc.data)
    return [i.format() for i in [*check_references(doc, Region, region, known),
                                 *repeated_references(doc, Region, region)]]


def test_every_target_says_how_an_unknown_id_is_reported() -> None:
    """A new target in model/references.py cannot be declared without its message."""
    assert set(UNKNOWN) == set(typing.get_args(Target))


def test_a_declared_field_is_checked_without_code_of_its_own() -> None:
    """Unknown ids of any declared field are found, in lists and inside lists of models, with hints."""
    assert _problems(KNOWN) == [
        "region.yml:1:23: themes[2]: unknown theme 'integraton' (did you mean 'integration'?)",
        "region.yml:4:11: visits[2].host: unknown organisation 'hjalp' (did you mean 'hjaelp'?)",
        "region.yml:1:35: themes[3]: 'integration' is listed twice (remove one of them)",
    ]


def test_checks_against_a_file_that_failed_wait() -> None:
    """A target missing from what is known (its file failed) reports nothing, not every id as unknown."""
    assert _problems(Known({})) == ["region.yml:1:35: themes[3]: 'integration' is listed twice (remove one of them)"]
