"""The site's UI texts (``ui.yml`` beside this module), one :class:`Strings` per language."""

from __future__ import annotations

from pathlib import Path

from casebook.load.documents import load_yaml


class Strings:
    """The UI texts of one language, from ``ui.yml``; missing keys fail loudly in tests."""

    def __init__(self, table: dict[str, dict[str, str]], lang: str) -> None:
        self.lang = lang
        self._table = table

    def __getattr__(self, key: str) -> str:
        try:
            return self._table[key][self.lang]
        except KeyError:
            raise AttributeError(f"no UI string '{key}' in {self.lang}") from None

    @property
    def table(self) -> dict[str, dict[str, str]]:
        """Every UI string in every language (what this object's texts come from)."""
        return self._table

    def get(self, key: str) -> str:
        return str(getattr(self, key))

    def count(self, n: int) -> str:
        return (self.case_count_one if n == 1 else self.case_count_other).format(n=n)

    def entries(self, cases: int, ideas: int) -> str:
        """What carries a term, counted: "2 cases · 1 idé", "1 idé", or that nothing does yet."""
        parts = ([self.count(cases)] if cases else []) + ([self.idea_count(ideas)] if ideas else [])
        return " · ".join(parts) or self.none_yet

    def idea_count(self, n: int) -> str:
        return (self.idea_count_one if n == 1 else self.idea_count_other).format(n=n)


def load_strings() -> dict[str, dict[str, str]]:
    """Every UI string: key -> {language: text}."""
    path = Path(__file__).with_name("ui.yml")
    table: dict[str, dict[str, str]] = load_yaml(path, "casebook/site/ui.yml").data
    return table
