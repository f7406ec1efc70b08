"""Messages for people in English and Danish.

Code writes its messages in English with :func:`msg`, naming the variable parts:
``msg("unknown organisation '{org}'", org="hjalp")``. The result is an ordinary ``str`` (the English
text), so everything that stores, compares or prints messages keeps working, and it remembers its
template and values, so :func:`translate` can give it in Danish from the gettext catalogue
``casebook/locale/da/LC_MESSAGES/casebook.po`` (read with Babel; translators can use any PO editor).
A message without variable parts is looked up as it is. ``make messages`` extracts the templates
into ``casebook/locale/casebook.pot``; a test checks that every template has a Danish translation.
"""

from __future__ import annotations

import functools
import locale
import os
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"


class Message(str):
    """An English message that knows its template and values, for translation."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Message:
        text = template.format(**params) if params else template
        self = super().__new__(cls, text)
        self.template = template
        self.params = params
        return self


def msg(template: str, **params: Any) -> str:
    """A message in English: ``template`` with ``{name}`` places filled from ``params``.

    Typed as ``str``, which it is; :func:`translate` sees that it is a :class:`Message`.
    """
    return Message(template, **params)


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """English template -> translated template, from the language's PO file (empty for English)."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "casebook.po"
    if lang == "en" or not path.is_file():
        return {}
    with path.open("rb") as handle:
        po = read_po(handle, locale=lang)
    return {str(m.id): str(m.string) for m in po if m.id and m.string and not m.fuzzy}


def translate(text: str, lang: str) -> str:
    """``text`` in ``lang``; English, or text without a translation, comes back unchanged."""
    if lang == "en" or not text:
        return str(text)
    table = catalogue(lang)
    if isinstance(text, Message):
        template = table.get(text.template)
        if template is None:
            return str(text)
        params = {k: translate(v, lang) if isinstance(v, Message) else v for k, v in text.params.items()}
        return template.format(**params) if params else template
    return table.get(text, text)


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
