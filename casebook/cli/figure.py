"""The key figure ``casebook new`` asks for: its value, part of what whole, measure, unit and label.

The measure is chosen from the taxonomy's measures (a number or an id from the list, as partners are);
a measure counted in a unit proposes that unit, and a unit that does not match its measure is refused
with the validator's own words, so that the case written validates.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import click

from casebook.authoring.scaffold import FigureAnswers
from casebook.cli.asking import Asker, Check, check_text
from casebook.core.messages import msg, translate
from casebook.model.registry import Measure
from casebook.project import Project
from casebook.validate.case import known_unit, unit_mismatch

# The flags answering the figure's questions; --figure-estimate is a switch.
_DETAILS = ("figure_of", "figure_measure", "figure_unit", "figure_label_da", "figure_label_en", "figure_estimate")


def figure_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The flags of the key figure, for ``casebook new``."""
    for option in reversed([
        click.option("--figure", help="A key figure of the case, e.g. 25."),
        click.option("--figure-of", help="Out of how many, for a part of a whole (8 of 25)."),
        click.option("--figure-measure", help="What the figure measures: an id from measures in the taxonomy."),
        click.option("--figure-unit", help="Its unit, e.g. DKK or duration-hour (default: the measure's)."),
        click.option("--figure-label-da", help="What the figure counts, in Danish."),
        click.option("--figure-label-en", help="The same in English."),
        click.option("--figure-estimate", is_flag=True, help="The source gives the figure as an estimate."),
    ]):
        command = option(command)
    return command


def _number(text: str) -> float | None:
    try:
        value = float(str(text).replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _check_number(value: Any) -> str | None:
    return None if _number(value) is not None else msg("give a number, e.g. 25")


def _optional(check: Check) -> Check:
    return lambda value: None if not str(value).strip() else check(value)


def ask_figure(project: Project, ask: Asker, given: dict[str, Any]) -> FigureAnswers | None:
    """The case's key figure, or none when the author leaves its value empty."""
    text = ask(given["figure"], "--figure", msg("A key figure of the case, e.g. 25 (leave empty for none)"),
               _optional(_check_number), default="")
    value = _number(text) if str(text).strip() else None
    if value is None:
        if any(given[name] for name in _DETAILS):
            raise click.UsageError(translate(msg("the --figure-… flags describe a figure: give it with --figure"),
                                             ask.lang))
        return None

    def whole(answer: Any) -> str | None:
        of = _number(answer)
        if of is None:
            return _check_number(answer)
        return msg("{value} of {of} is more than the whole", value=text, of=answer) if of < value else None

    of = ask(given["figure_of"], "--figure-of", msg("Out of how many, for a part of a whole such as 8 of 25 "
                                                    "(leave empty if it is not one)"), _optional(whole), default="")
    measure = _ask_measure(project, ask, given["figure_measure"])
    return FigureAnswers(
        value=value, of=_number(of) if str(of).strip() else None, unit=_ask_unit(ask, given["figure_unit"], measure),
        measure=measure.id if measure else None,
        label_da=ask(given["figure_label_da"], "--figure-label-da",
                     msg("What the figure counts, in Danish, e.g. 'frivillige mentorer fra IBM'"), check_text),
        label_en=ask(given["figure_label_en"], "--figure-label-en",
                     msg("The same in English, e.g. 'volunteer mentors from IBM'"), check_text),
        estimate=given["figure_estimate"] or ask.confirm(
            msg("Does the source give it as an estimate ('about 40', 'omkring 40')?"), default=False))


def _ask_measure(project: Project, ask: Asker, given: str | None) -> Measure | None:
    """The measure from the taxonomy's list, by number or id; none for a figure that is not added up."""
    measures = project.taxonomy.measures if project.taxonomy else []
    if given is None and (ask.no_input or not measures):
        return None
    by_id = {m.id: m for m in measures}
    if given is None:
        for number, measure in enumerate(measures, 1):
            about = ", ".join(filter(None, (measure.id, measure.unit)))
            click.echo(f"  {number:>2}. {measure.get(ask.lang)} ({about})")

    def pick(answer: str) -> Measure | None:
        answer = str(answer).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(measures):
            return measures[int(answer) - 1]
        return by_id.get(answer)

    def check(answer: Any) -> str | None:
        return None if pick(answer) else msg("use one of: {items}", items=", ".join(by_id))

    answer = ask(given, "--figure-measure", msg("What it measures: a number or id from the list (leave empty for "
                                                "a figure that is not added up across cases)"),
                 _optional(check), default="")
    return pick(answer) if str(answer).strip() else None


def _ask_unit(ask: Asker, given: str | None, measure: Measure | None) -> str | None:
    """The figure's unit: any known unit without a measure; the measure's own unit (proposed) with one."""
    if measure is None:
        def check(unit: Any) -> str | None:
            return None if known_unit(str(unit)) else msg("unknown unit '{unit}'", unit=unit)
        unit = ask(given, "--figure-unit", msg("Unit: a currency code such as DKK or a CLDR unit such as "
                                               "duration-hour (leave empty for a count)"), _optional(check),
                   default="")
        return str(unit).strip() or None
    if measure.unit is None and given is None:
        return None  # a count: no unit to ask for

    def matches(unit: Any) -> str | None:
        return None if (str(unit).strip() or None) == measure.unit else unit_mismatch(measure, str(unit) or None)[0]

    unit = ask(given, "--figure-unit", msg("Unit"), matches, default=measure.unit or "")
    return str(unit).strip() or None
