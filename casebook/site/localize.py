"""Dates, numbers and amounts written the way each language writes them (Babel, from CLDR)."""

from __future__ import annotations

import datetime
import functools
import unicodedata

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal, list_currencies
from babel.units import format_unit

from casebook.model.case import Outcome, Period
from casebook.model.fields import PartialDate

# British English: the site's English readers are mostly in Europe ("5 October 2018").
LOCALES = {"da": Locale.parse("da_DK"), "en": Locale.parse("en_GB")}
_CURRENCIES = frozenset(list_currencies())
NBSP = "\u00a0"


def locale_for(lang: str) -> Locale:
    return LOCALES[lang]


@functools.lru_cache(maxsize=4096)  # every case card shows its date: Babel's formatting is slow, the dates few
def format_partial_date(value: PartialDate, lang: str) -> str:
    """``2015`` -> "2015"; ``2015-11`` -> "november 2015" / "November 2015"; a day adds the day."""
    locale = locale_for(lang)
    if value.precision == "year":
        return str(value.year)
    if value.precision == "month":
        assert value.month is not None
        return format_skeleton("yMMMM", datetime.date(value.year, value.month, 1), locale=locale)
    assert value.month is not None and value.day is not None
    return format_date(datetime.date(value.year, value.month, value.day), "long", locale=locale)


def format_period(period: Period, lang: str, ongoing: str) -> str:
    """"2016 – 2017"; an open period reads "2016 – ongoing" in the page's language."""
    start = format_partial_date(period.start, lang)
    end = format_partial_date(period.end, lang) if period.end else ongoing
    if period.end == period.start:
        return start
    return f"{start} – {end}"


# Babel looks up the locale's symbols again for every number: figures repeat (every case page, the
# open data), so each distinct one is formatted once.
@functools.lru_cache(maxsize=8192)
def format_number(value: int | float, lang: str) -> str:
    return format_decimal(value, locale=locale_for(lang))


@functools.lru_cache(maxsize=8192)
def format_amount(value: int | float, currency: str, lang: str) -> str:
    """"5.440 kr." / "DKK 5,440": whole amounts without decimals, as people write them."""
    locale = locale_for(lang)
    pattern = locale.currency_formats["standard"].pattern
    if float(value).is_integer():
        pattern = pattern.replace(".00", "")
    text = format_currency(value, currency, locale=locale, format=pattern, currency_digits=False)
    return _currency_spacing(text, currency, locale)


def _currency_spacing(text: str, currency: str, locale: Locale) -> str:
    # CLDR's currencySpacing rule, which Babel does not apply: a symbol that is not itself a
    # symbol character (like "DKK") is kept apart from the digits by a no-break space.
    symbol = str(locale.currency_symbols.get(currency, currency))
    if not symbol or unicodedata.category(symbol[-1]).startswith("S"):
        return text
    if text.startswith(symbol) and text[len(symbol):][:1].isdigit():
        return symbol + NBSP + text[len(symbol):]
    return text


def is_currency(unit: str | None) -> bool:
    """The unit is a currency code (DKK): its figures are amounts of money."""
    return unit in _CURRENCIES


def format_quantity(value: int | float, unit: str | None, lang: str) -> str:
    """A number in its unit: "5.440 kr." / "DKK 5,440", "6 måneder" / "6 months", "25"."""
    if unit in _CURRENCIES:
        return format_amount(value, unit, lang)
    if unit:
        return _format_unit(value, unit, lang)
    return format_number(value, lang)


def format_range(low: int | float, high: int | float, unit: str | None, lang: str) -> str:
    """From the smallest to the largest: "3–6 måneder" / "3–6 months"; one figure when they are equal."""
    if low == high:
        return format_quantity(high, unit, lang)
    if unit in _CURRENCIES:  # "DKK 500 – DKK 1,000": the symbol stays with each amount
        return f"{format_amount(low, unit, lang)} \u2013 {format_amount(high, unit, lang)}"
    return format_number(low, lang) + "\u2013" + format_quantity(high, unit, lang)


def format_figure(outcome: Outcome, lang: str, of_word: str) -> str:
    """The figure of an outcome: "8 af 25", "5.440 kr.", "6 måneder"."""
    text = format_quantity(outcome.value, outcome.unit, lang)
    if outcome.of is not None:
        text = f"{text} {of_word} {format_number(outcome.of, lang)}"
    return text


def format_hours(hours: int | float, lang: str) -> str:
    """"8 timer" / "8 hours", "1,5 timer" / "1.5 hours"."""
    return _format_unit(hours, "duration-hour", lang)


@functools.lru_cache(maxsize=8192)
def _format_unit(value: int | float, unit: str, lang: str) -> str:
    return str(format_unit(value, unit, locale=locale_for(lang)))
