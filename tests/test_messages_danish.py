"""Golden Danish messages: `mkdocs build` and `mkdocs serve` under a Danish locale, the preview's banner in
the page's language, plural forms, month names, the validation summary and `casebook new`'s usage errors."""

from __future__ import annotations

import io
import json
import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import copy_site, edit, serve
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from playwright.sync_api import Browser
from test_cli import english_environment

from casebook.core.messages import Decimal, Month, msg, nmsg, translate
from casebook.core.progress import Progress
from casebook.plugin.mkdocs_lines import LOGGERS, MkDocsLines

DANISH = english_environment(LANG="da_DK.UTF-8", NO_MKDOCS_2_WARNING="1")
BEYOND_FEBRUARY = ("cases/beta-mentors/case.yml:9:10: period.start: '2016-02-30' findes ikke: februar 2016 har "
                   "29 dage (forventede ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD, fx 2015-11)")
MISSING_ABOUT = ("content/about.en.md: den engelske tekst mangler (skriv den, og kør så: casebook translated "
                 "page:about en)")


def _february_30(source: Path) -> None:
    edit(source / "cases" / "beta-mentors" / "case.yml", "start: 2016-03", "start: 2016-02-30")


def _casebook(root: Path, *args: str, env: dict[str, str] = DANISH,
              answers: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "casebook", *args, "--root", str(root)], input=answers,
                          capture_output=True, text=True, check=False, env=env)


def test_plural_forms_follow_the_catalogue() -> None:
    """A counting message takes the Danish form for its number: "1 forældet", "2 forældede"."""
    assert [translate(nmsg("{n} outdated", "{n} outdated", n), "da") for n in (0, 1, 2)] == [
        "0 forældede", "1 forældet", "2 forældede"]
    assert [translate(nmsg("{n} warning", "{n} warnings", n), "da") for n in (1, 2)] == ["1 advarsel", "2 advarsler"]
    assert [str(nmsg("{n} warning", "{n} warnings", n)) for n in (1, 2)] == ["1 warning", "2 warnings"]


def test_month_names_and_decimals_are_the_readers() -> None:
    """A month and a decimal number inside a message read as the language writes them (Babel's data)."""
    message = msg("'{value}' does not exist: {month} has {last} days", value="2016-02-30", month=Month(2016, 2),
                  last=29)
    assert str(message) == "'2016-02-30' does not exist: February 2016 has 29 days"
    assert translate(message, "da") == "'2016-02-30' findes ikke: februar 2016 har 29 dage"
    assert (str(Decimal(0.125, 2)), translate(Decimal(0.125, 2), "da")) == ("0.12", "0,12")


def test_validate_counts_the_cases_with_errors_in_danish(minimal: Path) -> None:
    """`casebook validate` names the month in Danish and counts a case with an error as such."""
    _february_30(minimal)
    result = _casebook(minimal, "validate")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [BEYOND_FEBRUARY]
    assert re.fullmatch(r"1 problem fundet \(1 fejl, 0 advarsler\)\. Tjekkede 2 cases \(1 med fejl\), "
                        r"2 organisationer og 3 sider på \d+,\d\d s\.\n", result.stderr), result.stderr


def test_status_says_one_outdated_in_the_singular(minimal: Path) -> None:
    """`casebook status` in Danish: "1 forældet", "3 mangler", "1 ikke registreret"."""
    assert _casebook(minimal, "translated", "alpha-workshop", "en").returncode == 0
    story = minimal / "cases" / "alpha-workshop" / "index.da.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nMere.\n", encoding="utf-8")
    result = _casebook(minimal, "status")
    assert "5 tekster: 1 forældet, 3 mangler, 1 ikke registreret." in result.stdout.splitlines()


def test_new_explains_a_wrong_choice_in_danish(minimal: Path) -> None:
    """`casebook new` answers a wrong --kind, an unknown option and a wrong answer to its question in Danish."""
    flag = _casebook(minimal, "new", "--kind", "partnerskab")
    assert flag.returncode == 2
    assert flag.stderr.splitlines() == [
        "Brug: casebook new [OPTIONS] [COMMAND] [ARGS]...",
        "Skriv 'casebook new --help' for at få hjælp.",
        "",
        "Fejl: ugyldig værdi for '--kind': 'partnerskab' er ikke en af: partnership, programme, event"]
    option = _casebook(minimal, "new", "--art", "event")
    assert option.returncode == 2 and option.stderr.splitlines()[-1] == "Fejl: ukendt tilvalg: --art"
    english = _casebook(minimal, "new", "--kind", "partnerskab", env=english_environment())
    assert english.stderr.splitlines()[-1] == \
        "Error: Invalid value for '--kind': 'partnerskab' is not one of: partnership, programme, event"
    answers = "\n".join(["Deltaprojektet", "", "The delta project", "Et projekt.", "A project.", "partnerskab",
                         "event", "2019", "acme", "", ""])
    asked = _casebook(minimal, "new", answers=answers)
    assert asked.returncode == 0, asked.stderr
    assert asked.stderr.splitlines() == ["brug en af: partnership, programme, event"]
    stopped = _casebook(minimal, "new", answers="")  # the answers end before the questions do
    assert stopped.returncode == 1 and stopped.stderr.splitlines()[-1] == "Afbrudt."


@pytest.mark.build
def test_mkdocs_build_speaks_danish(tmp_path: Path) -> None:
    """`mkdocs build` under a Danish locale: its problems, translations, steps and summary in Danish."""
    source = copy_site("minimal", tmp_path / "src")
    run = [sys.executable, "-m", "mkdocs", "build", "-f", str(source / "mkdocs.yml")]
    good = subprocess.run(run, capture_output=True, text=True, check=False, env=DANISH, cwd=source)
    assert good.returncode == 0, good.stderr
    lines = good.stderr.splitlines()
    assert f"INFO    -  Oversættelse: {MISSING_ABOUT}" in lines
    assert "INFO    -  Feeds: skrev /feed.xml, /en/feed.xml." in lines
    assert ("INFO    -  Åbne data: skrev /data/cases.json, /data/cases.schema.json, /data/cases.csv, "
            "/data/impact.json, /data/impact.schema.json, /data/impact.csv." in lines)
    assert "INFO    -  Tilgængelighedserklæring: /was/ fører til https://was.digst.dk/casebook-test." in lines
    assert "INFO    -  Søgning: indekserede 13 sider med Pagefind." in lines
    assert any(line.startswith("WARNING -  mkdocs.yml: advarsel: site_url er ikke sat, så sitet har ingen "
                               "offentlig adresse: ") for line in lines)  # the minimal site has no address
    # MkDocs' own lines too.
    assert "INFO    -  Rydder sitets mappe" in lines
    assert f"INFO    -  Bygger sitet i mappen {source / 'site.staging'}" in lines
    assert re.fullmatch(r"INFO    -  Sitet blev bygget på \d+,\d\d sekunder", lines[-1]), lines[-1]
    assert not any("Documentation built" in line or "Cleaning site" in line for line in lines)
    summary = next(line for line in lines if line.startswith("INFO    -  Casebook: "))
    assert re.fullmatch(r"INFO    -  Casebook: 2 cases, 67 sider, 0 fejl, 1 advarsel, \d+,\d s \(cache: content "
                        r"\d+/5 genbrugt, .*, story \d+/7 genbrugt\)\.", summary), summary
    _february_30(source)
    broken = subprocess.run(run, capture_output=True, text=True, check=False, env=DANISH, cwd=source)
    assert broken.returncode == 1
    lines = broken.stderr.splitlines()
    assert f"ERROR   -  {BEYOND_FEBRUARY}" in lines
    # MkDocs prints the reason it stopped on stdout.
    assert broken.stdout.splitlines() == ["", "1 problem fundet (1 fejl, 0 advarsler). Intet blev bygget; ret "
                                              "problemerne ovenfor."]
    assert not any("problem found" in line or "February" in line for line in lines)


def _serve_build(source: Path) -> MkDocsConfig:
    """One rebuild of `mkdocs serve`, as MkDocs' serve command runs it (without its server)."""
    config = load_config(str(source / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    return config


@pytest.fixture
def broken_preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                   caplog: pytest.LogCaptureFixture) -> Iterator[Path]:
    """A Danish `mkdocs serve` session: a good build, then one with a case's date beyond February."""
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    source = copy_site("minimal", tmp_path / "src")
    _serve_build(source)
    _february_30(source)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.casebook"):
        config = _serve_build(source)
    yield source
    config.plugins.on_shutdown()  # the session ends, and MkDocs' lines are MkDocs' own again


@pytest.mark.build
def test_mkdocs_serve_speaks_danish(broken_preview: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A preview rebuild of broken content says in Danish what is wrong and that the last good version stays."""
    said = [(r.levelname, r.getMessage()) for r in caplog.get_records("setup") if r.name == "mkdocs.plugins.casebook"]
    assert ("ERROR", BEYOND_FEBRUARY) in said
    assert ("ERROR", "1 problem fundet (1 fejl, 0 advarsler). Forhåndsvisningen viser fortsat den sidste gode "
                     "version.") in said
    assert ("INFO", f"Oversættelse: {MISSING_ABOUT}") in said
    summary = [text for level, text in said if text.startswith("Casebook: ")]
    assert len(summary) == 1 and re.fullmatch(r"Casebook: 2 cases \(1 med fejl\), 67 sider \(0 dannet, resten "
                                              r"uændrede\), 1 fejl, 0 advarsler, \d+,\d s\.", summary[0]), summary
    banner = json.loads((broken_preview / "site" / "casebook-problems.json").read_text(encoding="utf-8"))
    assert banner["da"] == {"title": "1 problem: forhåndsvisningen viser den sidste gode version.",
                            "problems": [BEYOND_FEBRUARY]}
    assert banner["en"]["problems"] == ["cases/beta-mentors/case.yml:9:10: period.start: '2016-02-30' does not "
                                        "exist: February 2016 has 29 days (expected YYYY, YYYY-MM or YYYY-MM-DD, "
                                        "e.g. 2015-11)"]


@pytest.mark.build
@pytest.mark.browser
def test_the_preview_banner_speaks_the_pages_language(broken_preview: Path, browser: Browser) -> None:
    """The problem banner reads Danish on a Danish page and English on an English one."""
    httpd, base = serve(broken_preview / "site")
    try:
        page = browser.new_page()
        shown = {}
        for path in ("", "en/"):
            page.goto(base + path)
            shown[path] = page.locator("#cb-preview-problems").inner_text().splitlines()
        page.close()
    finally:
        httpd.shutdown()
    assert shown[""] == ["1 problem: forhåndsvisningen viser den sidste gode version.", BEYOND_FEBRUARY]
    assert shown["en/"][0] == "1 problem: the preview shows the last good version."
    assert "February 2016 has 29 days" in shown["en/"][1]


def test_a_long_step_reports_its_progress_in_danish(caplog: pytest.LogCaptureFixture) -> None:
    """A long step's lines in Danish: "Skriver sider: 5 af 50 (10 %)", and the time with a decimal comma."""
    progress = Progress(logging.getLogger("test.progress"), io.StringIO(), threshold=10, lang="da")
    caplog.set_level(logging.INFO, "test.progress")
    progress.start(msg("Writing pages"), 50)
    for _ in range(50):
        progress.advance()
    progress.finish()
    lines = [r.getMessage() for r in caplog.records]
    assert lines[:9] == [f"Skriver sider: {n} af 50 ({2 * n} %)" for n in range(5, 50, 5)]
    assert re.fullmatch(r"Skriver sider: 50 færdige på \d+,\d s\.", lines[9]) and len(lines) == 10


def test_schema_guide_and_translated_speak_danish(minimal: Path) -> None:
    """`casebook schema` and `casebook translated` answer in the locale's language."""
    wrote = _casebook(minimal, "schema")
    assert wrote.returncode == 0, wrote.stderr
    assert wrote.stdout.splitlines()[-1] in ("Skemaerne i schemas/ er opdaterede.",
                                             *(f"Skrev {n} skemaer i schemas/." for n in range(2, 9)))
    again = _casebook(minimal, "schema")
    assert again.stdout.splitlines() == ["Skemaerne i schemas/ er opdaterede."]
    unknown = _casebook(minimal, "translated", "gamma", "en")
    assert unknown.returncode == 2
    assert unknown.stderr.splitlines()[-1].startswith(
        "Fejl: ingen historie, side eller katalog hedder 'gamma' (kendte: ")
    recorded = _casebook(minimal, "translated", "alpha-workshop", "en")
    assert recorded.returncode == 0, recorded.stderr
    assert re.fullmatch(r"Noteret: cases/alpha-workshop/index\.en\.md er oversat fra "
                        r"cases/alpha-workshop/index\.da\.md, som den er nu \(fingeraftryk [0-9a-f]+\)\.",
                        recorded.stdout.strip()), recorded.stdout


def test_mkdocs_lines_are_left_as_they_are_in_english(minimal: Path) -> None:
    """Under an English locale MkDocs' own lines stay MkDocs' words, and a line it does not know passes untouched."""
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(minimal / "mkdocs.yml")],
                         capture_output=True, text=True, check=False, env=english_environment(NO_MKDOCS_2_WARNING="1"),
                         cwd=minimal)
    assert run.returncode == 0, run.stderr
    lines = run.stderr.splitlines()
    assert "INFO    -  Cleaning site directory" in lines
    assert re.fullmatch(r"INFO    -  Documentation built in \d+\.\d\d seconds", lines[-1]), lines[-1]
    record = logging.LogRecord("mkdocs.commands.build", logging.INFO, __file__, 1, "Something else: %s", ("x",), None)
    assert MkDocsLines("da").filter(record) and record.getMessage() == "Something else: x"
    assert not any(isinstance(f, MkDocsLines) for name in LOGGERS for f in logging.getLogger(name).filters)
