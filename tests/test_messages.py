"""Messages in Danish: every message the code can give has a translation, and the CLI speaks Danish."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import ROOT, edit
from test_characters import INVISIBLE
from test_cli import english_environment
from test_hostile import HOSTILE
from test_validate_case import RULES as CASE_RULES
from test_validate_catalogue import RULES as CATALOGUE_RULES
from test_validate_files import RULES as FILE_RULES
from test_validate_measures import SCENARIOS as MEASURE_SCENARIOS

from casebook.core.messages import KEYWORDS, catalogue, default_language, translate
from casebook.project import load_project


def _placeholders(text: str | tuple[str, ...]) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", " ".join(text) if isinstance(text, tuple) else text))


def _extracted() -> set[str | tuple[str, ...]]:
    """Every message template in the code, as `make messages` finds them: a counting one as its two forms."""
    return {message for _, _, message, _, _ in
            extract_from_dir(str(ROOT / "casebook"), method_map=[("**.py", "python")], keywords=KEYWORDS)}


def test_every_message_in_the_code_has_a_danish_translation() -> None:
    danish = catalogue("da")
    extracted = _extracted()
    assert len(extracted) > 150
    missing = sorted((m for m in extracted if not danish.get(m)), key=str)
    assert missing == [], "run `make messages` and translate these"
    for english in extracted:
        assert _placeholders(danish[english]) == _placeholders(english), english


def test_the_template_file_is_up_to_date() -> None:
    """casebook/locale/casebook.pot lists what the code says today (`make messages` refreshes it)."""
    with (ROOT / "casebook" / "locale" / "casebook.pot").open("rb") as handle:
        in_pot = {tuple(m.id) if isinstance(m.id, tuple | list) else str(m.id) for m in read_po(handle) if m.id}
    assert _extracted() == in_pot


def _all_scenarios() -> list[tuple[str, Callable[[Path], None]]]:
    scenarios: list[tuple[str, Callable[[Path], None]]] = []
    for name, old, new, _ in CASE_RULES:
        scenarios.append((f"case: {name}", lambda site, o=old, n=new: edit(site / "cases/alpha-workshop/case.yml",
                                                                         o, n)))
    for name, old, new, _ in CATALOGUE_RULES:
        scenarios.append((f"catalogue: {name}", lambda site, o=old, n=new: edit(
            site / "content/catalogues/starter/catalogue.yml", o, n)))
    for change, _ in [*FILE_RULES, *HOSTILE, *INVISIBLE]:
        scenarios.append((change.__name__, change))
    scenarios.extend((f"measure: {name}", change) for name, change in MEASURE_SCENARIOS)
    return scenarios


SCENARIOS = _all_scenarios()


@pytest.mark.parametrize("change", [s[1] for s in SCENARIOS], ids=[s[0] for s in SCENARIOS])
def test_every_reported_problem_reads_in_danish(minimal: Path, change: Callable[[Path], None]) -> None:
    """Each golden and hostile scenario's problems come out translated, hint included."""
    change(minimal)
    issues = load_project(minimal).issues
    assert issues
    for issue in issues:
        english, danish = issue.text("en"), issue.text("da")
        assert danish != english, english
        if issue.hint:
            assert translate(issue.hint, "da") != issue.hint, issue.hint


def test_validate_in_danish_by_flag_and_by_locale(minimal: Path) -> None:
    edit(minimal / "cases/alpha-workshop/case.yml", "  - org: hjaelp", "  - org: hjalp")
    expected = ("cases/alpha-workshop/case.yml:12:10: partners[2].org: ukendt organisation 'hjalp' "
                "(mente du 'hjaelp'?)")
    run = [sys.executable, "-m", "casebook", "validate", "--root", str(minimal)]
    by_flag = subprocess.run([*run, "--lang", "da"], capture_output=True, text=True, check=False,
                             env=english_environment())
    by_locale = subprocess.run(run, capture_output=True, text=True, check=False,
                               env=english_environment(LANG="da_DK.UTF-8"))
    for result in (by_flag, by_locale):
        assert result.returncode == 1
        assert result.stdout.splitlines() == [expected]
        assert result.stderr.startswith("1 problem fundet (1 fejl, 0 advarsler). Tjekkede 2 cases (1 med fejl), ")


def test_default_language_follows_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    assert default_language() == "da"
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert default_language() == "en"
