"""`casebook new`: scaffolded cases, catalogues and ideas validate at once and explain their fields."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jsonschema
from conftest import edit
from test_cli import english_environment
from test_validate_measures import MEASURES

from casebook.authoring.schema import build_schemas
from casebook.load.documents import load_yaml
from casebook.project import load_project

CASE_FLAGS = ["--slug", "gamma-mentorer", "--title-da", "Gammamentorerne", "--title-en", "The gamma mentors",
              "--summary-da", "Acme gav ti unge en mentor.", "--summary-en", "Acme gave ten young people a mentor.",
              "--kind", "programme", "--date", "2017-03", "--partner", "acme", "--partner", "hjaelp:ngo"]
IDEA_FLAGS = ["--id", "lille-donation", "--idea-title-da", "En lille donation", "--idea-title-en", "A small donation",
              "--description-da", "Giv et lille beløb.", "--description-en", "Give a small sum.",
              "--first-step-da", "Spørg foreningen.", "--first-step-en", "Ask the NGO.", "--hours", "1.5",
              "--duration", "one-off", "--cost", "low", "--size", "small", "--example", "alpha-workshop"]


def new(root: Path, *args: str, answers: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "casebook", "new", *args, "--root", str(root)], input=answers,
                          capture_output=True, text=True, check=False, env=english_environment())


def test_new_case_from_flags_validates_and_explains_its_fields(minimal: Path) -> None:
    schemas = build_schemas(load_project(minimal))
    result = new(minimal, *CASE_FLAGS, "--no-input")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Wrote cases/gamma-mentorer/case.yml",
                                          "Wrote cases/gamma-mentorer/index.da.md"]
    project = load_project(minimal)
    assert project.issues == []
    case = project.cases["gamma-mentorer"].case
    assert case.title.da == "Gammamentorerne" and str(case.date) == "2017-03"
    assert [(p.org, p.role) for p in case.partners] == [("acme", "company"), ("hjaelp", "ngo")]
    text = (minimal / "cases" / "gamma-mentorer" / "case.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/case.schema.json\n")
    assert "# Organisationer og deres roller.\npartners:" in text  # the model's Danish description
    assert "# Personer, der nævnes i casen.\n# people:" in text  # optional fields as examples
    data = load_yaml(minimal / "cases" / "gamma-mentorer" / "case.yml", "case.yml").data
    jsonschema.validate(data, schemas["case.schema.json"])
    # The story is Danish first; the English one is reported missing, not an error.
    assert project.translation("case", "gamma-mentorer").states["en"].value == "missing"


def test_new_case_asks_and_offers_to_add_an_unknown_organisation(minimal: Path) -> None:
    answers = "\n".join(["Deltaprojektet", "", "The delta project", "Et projekt.", "A project.", "event",
                         "2019", "1, nyforening", "y", "", "Ny Forening", "ngo", "En ny forening.", "A new NGO.",
                         "Ny Forenings hjemmeside", "", ""])  # the last: no key figure
    result = new(minimal, answers=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "'nyforening' is not in content/organisations.yml. Add it?" in result.stdout
    project = load_project(minimal)
    assert project.issues == []
    assert project.organisations["nyforening"].name == "Ny Forening"
    assert project.organisations["nyforening"].source.title == "Ny Forenings hjemmeside"
    assert [p.org for p in project.cases["deltaprojektet"].case.partners] == ["acme", "nyforening"]
    # The editors' schema now offers the new organisation.
    assert '"nyforening"' in (minimal / "schemas" / "case.schema.json").read_text(encoding="utf-8")


def test_new_case_re_asks_until_an_answer_is_valid(minimal: Path) -> None:
    answers = "\n".join(["Epsilon", "Epsilon Case", "epsilon", "Epsilon", "Et.", "One.", "event",
                         "2019-13", "2019-12", "acme", "", ""])
    result = new(minimal, answers=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "use lowercase letters a-z, digits and hyphens" in result.stderr
    assert "expected YYYY, YYYY-MM or YYYY-MM-DD" in result.stderr
    assert str(load_project(minimal).cases["epsilon"].case.date) == "2019-12"


def test_new_case_undated_from_flags_writes_a_valid_case_with_its_note(minimal: Path) -> None:
    """--date undated writes 'undated: true' and the note in both languages, no date, and validates."""
    schemas = build_schemas(load_project(minimal))
    flags = [f if f != "2017-03" else "undated" for f in CASE_FLAGS]
    result = new(minimal, *flags, "--date-note-da", "efterår, år ikke oplyst",
                 "--date-note-en", "autumn, year not given", "--no-input")
    assert result.returncode == 0, result.stderr
    project = load_project(minimal)
    assert project.issues == []
    case = project.cases["gamma-mentorer"].case
    assert case.undated and case.date is None and case.period is None
    assert case.date_note is not None and (case.date_note.da, case.date_note.en) == (
        "efterår, år ikke oplyst", "autumn, year not given")
    text = (minimal / "cases" / "gamma-mentorer" / "case.yml").read_text(encoding="utf-8")
    assert '# date: "2016-03"\n' in text and "\nundated: true\n" in text
    assert '\ndate_note: {da: "efterår, år ikke oplyst", en: "autumn, year not given"}\n' in text
    data = load_yaml(minimal / "cases" / "gamma-mentorer" / "case.yml", "case.yml").data
    jsonschema.validate(data, schemas["case.schema.json"])
    half = new(minimal, *flags[2:], "--slug", "delta", "--date-note-da", "efterår", "--no-input")
    assert half.returncode == 2 and "--date-note-en is needed with --no-input" in half.stderr
    dated = new(minimal, *CASE_FLAGS[2:], "--slug", "epsilon", "--date-note-da", "efterår", "--no-input")
    assert dated.returncode == 2
    assert "--date-note-da and --date-note-en are for an undated case (--date undated)" in dated.stderr


def test_new_case_asks_in_danish_and_takes_uden_dato(minimal: Path) -> None:
    """In Danish the date question offers 'uden dato'; that answer and an empty note write an undated case."""
    answers = "\n".join(["Kappaprojektet", "", "The kappa project", "Et projekt.", "A project.", "event",
                         "uden dato", "", "acme", "", ""])
    result = new(minimal, "--lang", "da", answers=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Dato (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD), eller 'uden dato', hvis kilderne ikke oplyser nogen:" \
           in result.stdout
    assert "Hvad kilderne siger om tidspunktet, på dansk, fx 'efterår, år ikke oplyst' (lad feltet stå tomt, " \
           "hvis de intet siger):" in result.stdout
    project = load_project(minimal)
    assert project.issues == []
    case = project.cases["kappaprojektet"].case
    assert case.undated and case.date is None and case.date_note is None
    wrong = new(minimal, "--lang", "da", *[f if f != "2017-03" else "engang" for f in CASE_FLAGS], "--no-input")
    assert wrong.returncode == 2
    assert "--date: forventede ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD, fx 2015-11, eller 'uden dato'" in wrong.stderr


def test_new_case_without_input_names_what_is_missing(minimal: Path) -> None:
    missing = new(minimal, "--title-da", "Zeta", "--no-input")
    assert missing.returncode == 2 and "--title-en is needed with --no-input" in missing.stderr
    taken = new(minimal, *CASE_FLAGS[:-4], "--partner", "acme", "--no-input")
    assert taken.returncode == 0
    again = new(minimal, *CASE_FLAGS, "--no-input")
    assert again.returncode == 2 and "--slug: 'gamma-mentorer' exists already" in again.stderr
    bad_date = new(minimal, *[f if f != "2017-03" else "marts 2017" for f in CASE_FLAGS[2:]], "--slug", "eta",
                   "--no-input")
    assert bad_date.returncode == 2 and "--date: expected YYYY, YYYY-MM or YYYY-MM-DD" in bad_date.stderr
    unknown = new(minimal, *[f if f != "hjaelp:ngo" else "ukendt" for f in CASE_FLAGS[2:]], "--slug", "theta",
                  "--no-input")
    assert unknown.returncode == 2 and "unknown organisation 'ukendt'" in unknown.stderr
    assert not (minimal / "cases" / "theta").exists()


def test_new_catalogue_and_new_idea(minimal: Path) -> None:
    created = new(minimal, "catalogue", "--slug", "smaa-skridt", "--title-da", "Små skridt",
                  "--title-en", "Small steps", "--intro-da", "Idéer.", "--intro-en", "Ideas.", *IDEA_FLAGS,
                  "--no-input")
    assert created.returncode == 0, created.stderr
    project = load_project(minimal)
    assert project.issues == []
    idea = project.ideas["lille-donation"].idea
    assert idea.effort.hours_per_employee == 1.5 and idea.examples == ["alpha-workshop"]
    text = (minimal / "content" / "catalogues" / "smaa-skridt" / "catalogue.yml").read_text(encoding="utf-8")
    assert "# Udgiftsniveau, et id fra costs i content/taxonomy.yml.\n    cost: low" in text
    second = [f if f != "lille-donation" else "stor-donation" for f in IDEA_FLAGS]
    added = new(minimal, "idea", "--catalogue", "smaa-skridt", *second, "--no-input")
    assert added.returncode == 0, added.stderr
    assert list(load_project(minimal).catalogues["smaa-skridt"].catalogue.ideas[i].id for i in (0, 1)) == [
        "lille-donation", "stor-donation"]
    unknown_case = [f if f != "alpha-workshop" else "gamma" for f in second]
    refused = new(minimal, "idea", "--catalogue", "smaa-skridt", *unknown_case, "--id", "x", "--no-input")
    assert refused.returncode == 2 and "--example: use one of: alpha-workshop, beta-mentors" in refused.stderr


def test_new_idea_leaves_a_catalogue_it_cannot_extend_untouched(minimal: Path) -> None:
    catalogue = minimal / "content" / "catalogues" / "starter" / "catalogue.yml"
    edit(catalogue, "title:\n  da: Startkataloget", "ideas_first: true\ntitle:\n  da: Startkataloget")
    before = catalogue.read_text(encoding="utf-8")
    result = new(minimal, "idea", "--catalogue", "starter", *IDEA_FLAGS, "--no-input")
    assert result.returncode != 0
    assert catalogue.read_text(encoding="utf-8") == before


def test_a_new_case_names_what_each_taxonomy_list_may_hold(minimal: Path) -> None:
    """The case's lists referring to a vocabulary start empty, their comment naming the project's ids."""
    assert new(minimal, *CASE_FLAGS, "--no-input").returncode == 0
    text = (minimal / "cases" / "gamma-mentorer" / "case.yml").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.endswith("]") or "[]" in line] == [
        "formats: []  # workshop, mentoring", "themes: []  # integration", "sectors: []  # civil-society",
        "sdgs: []  # 1-17", "# related: [en-anden-case]"]


def _measured(site: Path) -> None:
    taxonomy = site / "content" / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + MEASURES, encoding="utf-8")


def _outcomes(text: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index("outcomes:")
    return lines[start:lines.index("", start)]


def test_new_case_from_flags_writes_its_key_figure_with_its_measure(minimal: Path) -> None:
    """The figure's flags write one outcome that validates: the measure's unit proposed and taken, the
    estimate marked, a part of a whole with its whole; the schema accepts the file."""
    _measured(minimal)
    schemas = build_schemas(load_project(minimal))
    result = new(minimal, *CASE_FLAGS, "--figure", "5440", "--figure-measure", "cash-donated",
                 "--figure-label-da", "donation til foreningen", "--figure-label-en", "donation to the NGO",
                 "--figure-estimate", "--no-input")
    assert result.returncode == 0, result.stderr
    assert load_project(minimal).issues == []
    text = (minimal / "cases" / "gamma-mentorer" / "case.yml").read_text(encoding="utf-8")
    assert _outcomes(text) == ["outcomes:", "  - value: 5440", "    unit: DKK",
                               '    label: {da: "donation til foreningen", en: "donation to the NGO"}',
                               "    measure: cash-donated", "    estimate: true"]
    jsonschema.validate(load_yaml(minimal / "cases" / "gamma-mentorer" / "case.yml", "case.yml").data,
                        schemas["case.schema.json"])
    part = new(minimal, *CASE_FLAGS[2:], "--slug", "delta", "--figure", "8", "--figure-of", "25",
               "--figure-measure", "into-work-or-education", "--figure-label-da", "i job",
               "--figure-label-en", "in work", "--no-input")
    assert part.returncode == 0, part.stderr
    [outcome] = load_project(minimal).cases["delta"].case.outcomes
    assert (outcome.value, outcome.of, outcome.unit, outcome.measure, outcome.estimate) == (
        8, 25, None, "into-work-or-education", False)


def test_new_case_refuses_a_figure_its_measure_would_not_take(minimal: Path) -> None:
    """Wrong figure flags stop `casebook new` with the validator's words, writing nothing."""
    _measured(minimal)
    figure = [*CASE_FLAGS, "--figure", "10", "--figure-label-da", "frivillige", "--figure-label-en", "volunteers"]
    refusals = [
        (["--figure-measure", "cash-donated", "--figure-unit", "EUR"],
         "Error: --figure-unit: the measure 'cash-donated' is counted in 'DKK', but this figure is in 'EUR'"),
        (["--figure-measure", "volunteers", "--figure-unit", "DKK"],
         "Error: --figure-unit: the measure 'volunteers' is a count, but this figure is in 'DKK'"),
        (["--figure-measure", "frivillige"],
         "Error: --figure-measure: use one of: volunteers, cash-donated, into-work-or-education"),
        (["--figure-of", "5"], "Error: --figure-of: 10 of 5 is more than the whole"),
        (["--figure-unit", "kroner"], "Error: --figure-unit: unknown unit 'kroner'"),
    ]
    for flags, error in refusals:
        result = new(minimal, *figure, *flags, "--no-input")
        assert (result.returncode, result.stderr.splitlines()[-1]) == (2, error), flags
    unlabelled = new(minimal, *CASE_FLAGS, "--figure", "10", "--no-input")
    assert unlabelled.stderr.splitlines()[-1] == "Error: --figure-label-da is needed with --no-input"
    stray = new(minimal, *CASE_FLAGS, "--figure-label-da", "frivillige", "--no-input")
    assert stray.stderr.splitlines()[-1] == "Error: the --figure-… flags describe a figure: give it with --figure"
    assert not (minimal / "cases" / "gamma-mentorer").exists()


ASKED = ["Deltaprojektet", "", "The delta project", "Et projekt.", "A project.", "event", "2019", "acme"]


def test_new_case_asks_for_a_figure_and_offers_the_measures(minimal: Path) -> None:
    """Asked, the figure's measure is chosen from the listed measures; a measure in DKK proposes DKK and
    re-asks a unit that does not match; a count measure asks no unit."""
    _measured(minimal)
    answers = "\n".join([*ASKED, "5440", "", "cash-donated", "EUR", "", "donation", "donation", "", ""])
    result = new(minimal, answers=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "   1. Employee volunteers (volunteers)\n   2. Cash donated (cash-donated, DKK)\n" in result.stdout
    assert "Unit [DKK]: " in result.stdout
    assert result.stderr.splitlines() == ["the measure 'cash-donated' is counted in 'DKK', but this figure is in "
                                          "'EUR'"]
    [outcome] = load_project(minimal).cases["deltaprojektet"].case.outcomes
    assert (outcome.value, outcome.unit, outcome.measure, outcome.estimate) == (5440, "DKK", "cash-donated", False)
    counted = "\n".join([*ASKED[:1], "epsilon", *ASKED[2:], "25", "", "1", "mentorer", "mentors", "y", ""])
    result = new(minimal, answers=counted)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Unit" not in result.stdout
    [outcome] = load_project(minimal).cases["epsilon"].case.outcomes
    assert (outcome.value, outcome.unit, outcome.measure, outcome.estimate) == (25, None, "volunteers", True)
    assert load_project(minimal).issues == []


def test_new_case_asks_for_the_figure_in_danish(minimal: Path) -> None:
    """In Danish the measures are listed by their Danish names and the figure's questions are Danish."""
    _measured(minimal)
    answers = "\n".join([*ASKED, "8", "25", "3", "i job", "in work", "", ""])
    result = new(minimal, "--lang", "da", answers=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    for question in ["Et nøgletal fra casen, fx 25 (lad feltet stå tomt, hvis der ikke er noget): ",
                     "Ud af hvor mange, når tallet er en del af en helhed som i 8 af 25 (lad feltet stå tomt, "
                     "hvis det ikke er): ",
                     "   1. Frivillige medarbejdere (volunteers)\n   2. Pengedonationer (cash-donated, DKK)\n"
                     "   3. I job eller uddannelse (into-work-or-education)\n",
                     "Hvad tallet måler: et nummer eller id fra listen (lad feltet stå tomt for et tal, der ikke "
                     "lægges sammen på tværs af cases): ",
                     "Hvad tallet tæller, på dansk, fx 'frivillige mentorer fra IBM': ",
                     "Angiver kilden tallet som et skøn ('omkring 40', 'ca. 40')? [y/N]: "]:
        assert question in result.stdout
    [outcome] = load_project(minimal).cases["deltaprojektet"].case.outcomes
    assert (outcome.value, outcome.of, outcome.measure) == (8, 25, "into-work-or-education")


def test_a_figure_without_measures_in_the_taxonomy_asks_its_unit(minimal: Path) -> None:
    """With no measures to offer, the measure is not asked; the unit is any known unit, or none; a case
    left without a figure names the measures in its example."""
    answers = "\n".join([*ASKED, "3", "", "timer", "duration-hour", "timer", "hours", "", ""])
    result = new(minimal, answers=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "What it measures" not in result.stdout and result.stderr.splitlines() == ["unknown unit 'timer'"]
    [outcome] = load_project(minimal).cases["deltaprojektet"].case.outcomes
    assert (outcome.value, outcome.unit, outcome.measure) == (3, "duration-hour", None)
    _measured(minimal)
    assert new(minimal, *CASE_FLAGS, "--no-input").returncode == 0
    text = (minimal / "cases" / "gamma-mentorer" / "case.yml").read_text(encoding="utf-8")
    assert "\n#     measure: …  # volunteers, cash-donated, into-work-or-education\n" in text
