"""Messages for people in English and Danish.

Code writes its messages in English with :func:`msg`, naming the variable parts:
``msg("unknown organisation '{org}'", org="hjalp")``. The result is an ordinary ``str`` (the English
text), so everything that stores, compares or prints messages keeps working, and it remembers its
template and values, so :func:`translate` can give it in Danish from the gettext catalogue
``casebook/locale/da/LC_MESSAGES/casebook.po`` (read with Babel; translators can use any PO editor).
A message without variable parts is looked up as it is. A message counting something is made with
:func:`nmsg` and translated with gettext's plural forms (the catalogue's Plural-Forms), and values that
read differently per language (:class:`Month`, :class:`Decimal`) are given in the reader's language,
from Babel's CLDR data. ``make messages`` extracts the templates into ``casebook/locale/casebook.pot``;
a test checks that every template has a Danish translation.
"""

from __future__ import annotations

import datetime
import functools
import gettext
import io
import locale
import os
from pathlib import Path
from typing import Any

from babel.dates import format_skeleton
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
# How `make messages` and the tests find the messages in the code (pybabel's keywords): msg's template,
# nmsg's singular and plural.
KEYWORDS: dict[str, Any] = {"msg": None, "nmsg": (1, 2)}
ENGLISH = gettext.NullTranslations()  # English plural forms: one for 1, the other for any other number


class Message(str):
    """An English message that knows its template (and plural template) and values, for translation."""

    template: str
    plural: str | None  # the plural template of a message counting ``n`` (:func:`nmsg`)
    params: dict[str, Any]

    def __new__(cls, template: str, plural: str | None = None, **params: Any) -> Message:
        chosen = template if plural is None else ENGLISH.ngettext(template, plural, int(params["n"]))
        text = chosen.format(**params) if params else chosen
        self = super().__new__(cls, text)
        self.template = template
        self.plural = plural
        self.params = params
        return self


class Localised(str):
    """A value inside a message that reads differently per language, such as a month's name or a
    decimal number: the English text, and :meth:`localise` for the others (Babel's CLDR data)."""

    def localise(self, lang: str) -> str:
        return str(self)


class Month(Localised):
    """A month of a year as a sentence names it: "February 2016", "februar 2016"."""

    year: int
    month: int

    def __new__(cls, year: int, month: int) -> Month:
        self = super().__new__(cls, format_skeleton("yMMMM", datetime.date(year, month, 1), locale="en"))
        self.year, self.month = year, month
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return Month, (self.year, self.month)

    def localise(self, lang: str) -> str:
        return str(format_skeleton("yMMMM", datetime.date(self.year, self.month, 1), locale=lang))


class Decimal(Localised):
    """A number with ``digits`` decimals, with the language's decimal sign: "0.25", "0,25"."""

    value: float
    digits: int

    def __new__(cls, value: float, digits: int) -> Decimal:
        self = super().__new__(cls, f"{value:.{digits}f}")
        self.value, self.digits = value, digits
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return Decimal, (self.value, self.digits)

    def localise(self, lang: str) -> str:
        return str(format_decimal(round(self.value, self.digits), format="0." + "0" * self.digits, locale=lang))


def msg(template: str, **params: Any) -> str:
    """A message in English: ``template`` with ``{name}`` places filled from ``params``.

    Typed as ``str``, which it is; :func:`translate` sees that it is a :class:`Message`.
    """
    return Message(template, **params)


def nmsg(singular: str, plural: str, n: int, **params: Any) -> str:
    """A message counting ``n``, as gettext's ngettext: "{n} problem" or "{n} problems" in English, and
    in another language the form its catalogue's Plural-Forms picks for ``n``."""
    return Message(singular, plural, n=n, **params)


@functools.cache
def _po(lang: str) -> Catalog | None:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "casebook.po"
    if lang == "en" or not path.is_file():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


@functools.cache
def catalogue(lang: str) -> dict[str | tuple[str, ...], str | tuple[str, ...]]:
    """English template -> translated template, from the language's PO file (empty for English); a
    plural message is a tuple of its templates -> a tuple of its forms."""
    po = _po(lang)
    found: dict[str | tuple[str, ...], str | tuple[str, ...]] = {}
    for m in po or ():
        if m.id and not m.fuzzy and (all(m.string) if isinstance(m.string, tuple) else m.string):
            found[tuple(m.id) if isinstance(m.id, tuple | list) else str(m.id)] = \
                tuple(m.string) if isinstance(m.string, tuple | list) else str(m.string)
    return found


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The language's catalogue as gettext reads it, so that plural forms follow its Plural-Forms."""
    po = _po(lang)
    if po is None:
        return ENGLISH
    compiled = io.BytesIO()
    write_mo(compiled, po)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def translate(text: str, lang: str) -> str:
    """``text`` in ``lang``; English, or text without a translation, comes back unchanged."""
    if lang == "en" or not text:
        return str(text)
    if isinstance(text, Localised):
        return text.localise(lang)
    book, known = translations(lang), catalogue(lang)
    if not isinstance(text, Message):
        return book.gettext(text)
    if text.plural is None:
        if text.template not in known:
            return str(text)
        template = book.gettext(text.template)
    else:
        if (text.template, text.plural) not in known:
            return str(text)
        template = book.ngettext(text.template, text.plural, int(text.params["n"]))
    params = {k: translate(v, lang) if isinstance(v, Message | Localised) else v for k, v in text.params.items()}
    return template.format(**params) if params else template


def default_language() -> str:
    """The language of the environment's locale (LC_ALL, LC_MESSAGES, LANG): Danish for da_*, else English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            return "da" if value.lower().startswith(("da", "danish")) else "en"
    try:
        current = locale.getlocale()[0] or ""
    except ValueError:
        current = ""
    return "da" if current.lower().startswith("da") else "en"
