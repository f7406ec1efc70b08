"""Dates, amounts and figures as each language writes them."""

from __future__ import annotations

import pytest

from casebook.model.case import Outcome, Period
from casebook.model.fields import Bilingual, parse_partial_date
from casebook.site.localize import format_amount, format_figure, format_partial_date, format_period

NBSP = "\u00a0"


@pytest.mark.parametrize(("written", "lang", "shown"), [
    ("2015", "da", "2015"),
    ("2015", "en", "2015"),
    ("2015-11", "da", "november 2015"),
    ("2015-11", "en", "November 2015"),
    ("2018-10-05", "da", "5. oktober 2018"),
    ("2018-10-05", "en", "5 October 2018"),
])
def test_date_keeps_written_precision(written: str, lang: str, shown: str) -> None:
    """The precision written is the precision shown, in the language's words."""
    assert format_partial_date(parse_partial_date(written), lang) == shown


def test_period() -> None:
    """A period shows start and end; an open one ends with 'now' in the page's language."""
    period = Period(start=parse_partial_date("2016-03"), end=parse_partial_date("2016-09"))
    assert format_period(period, "da", "nu") == "marts 2016 – september 2016"
    assert format_period(Period(start=parse_partial_date(2016)), "en", "present") == "2016 – present"


@pytest.mark.parametrize(("value", "currency", "lang", "shown"), [
    (5440, "DKK", "da", f"5.440{NBSP}kr."),
    (5440, "DKK", "en", f"DKK{NBSP}5,440"),
    (1000.5, "DKK", "da", f"1.000,50{NBSP}kr."),
    (250, "EUR", "en", "€250"),
])
def test_amounts(value: float, currency: str, lang: str, shown: str) -> None:
    """Whole amounts without decimals: '5.440 kr.' in Danish, 'DKK 5,440' in English."""
    assert format_amount(value, currency, lang) == shown


def label() -> Bilingual:
    return Bilingual(da="x", en="x")


def test_figures() -> None:
    """Outcome figures: 'n of m', amounts and CLDR units, localised."""
    assert format_figure(Outcome(value=8, of=25, label=label()), "da", "af") == "8 af 25"
    assert format_figure(Outcome(value=8, of=25, label=label()), "en", "of") == "8 of 25"
    assert format_figure(Outcome(value=6, unit="duration-month", label=label()), "da", "af") == "6 måneder"
    assert format_figure(Outcome(value=1, unit="duration-day", label=label()), "en", "of") == "1 day"
    assert format_figure(Outcome(value=2500, label=label()), "da", "af") == "2.500"
