"""One test per validation rule of idea catalogues: a bad input and the exact message an author sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit, problems

CAT = "content/catalogues/starter/catalogue.yml"


@pytest.fixture
def catalogue(minimal: Path) -> Path:
    return minimal / CAT


# (rule, text in the valid catalogue.yml, replacement, exact problems reported)
RULES = [
    ("example that is not a case, with a suggestion",
     "examples: [alpha-workshop]", "examples: [alpha-worksop]",
     [f"{CAT}:19:16: ideas[1].examples[1]: unknown case 'alpha-worksop' (did you mean 'alpha-workshop'?)"]),
    ("example that is not a case, without a close match",
     "examples: [alpha-workshop]", "examples: [gamma]",
     [f"{CAT}:19:16: ideas[1].examples[1]: unknown case 'gamma' (use the folder name of a case in cases/)"]),
    ("unknown idea under see_also",
     "see_also: [mentor-corps]", "see_also: [mentor-corp]",
     [f"{CAT}:20:16: ideas[1].see_also[1]: unknown idea 'mentor-corp' (did you mean 'mentor-corps'?)"]),
    ("idea that refers to itself",
     "see_also: [mentor-corps]", "see_also: [quick-workshop]",
     [f"{CAT}:20:16: ideas[1].see_also[1]: an idea cannot refer to itself (remove this entry)"]),
    ("unknown company size",
     "company_sizes: [small, large]", "company_sizes: [small, huge]",
     [f"{CAT}:15:28: ideas[1].company_sizes[2]: unknown company size 'huge' "
      "(use an id from company_sizes in content/taxonomy.yml)"]),
    ("unknown cost band",
     "cost: none", "cost: nothing",
     [f"{CAT}:14:11: ideas[1].cost: unknown cost band 'nothing' (use an id from costs in content/taxonomy.yml)"]),
    ("unknown theme, with a suggestion",
     "themes: [integration]\n    sdgs: [17]", "themes: [integratoin]\n    sdgs: [17]",
     [f"{CAT}:17:14: ideas[1].themes[1]: unknown theme 'integratoin' (did you mean 'integration'?)"]),
    ("SDG outside 1-17",
     "sdgs: [17]", "sdgs: [18]",
     [f"{CAT}:18:12: ideas[1].sdgs[1]: 18 is not an SDG number (the goals are numbered 1 to 17)"]),
    ("duration outside its choices",
     "duration: one-off", "duration: once",
     [f"{CAT}:13:47: ideas[1].effort.duration: 'once' is not one of: one-off, months, ongoing"]),
    ("hours that are not more than zero",
     "hours_per_employee: 4", "hours_per_employee: 0",
     [f"{CAT}:13:34: ideas[1].effort.hours_per_employee: 0 is not more than 0 (give a number above 0)"]),
    ("hours written as text",
     "hours_per_employee: 4", "hours_per_employee: fire",
     [f"{CAT}:13:34: ideas[1].effort.hours_per_employee: expected a number, got text"]),
    ("no first steps",
     "    first_steps:\n      - {da: Find en forening., en: Find an NGO.}\n", "    first_steps: []\n",
     [f"{CAT}:11:18: ideas[1].first_steps: needs at least one entry"]),
    ("a first step in one language only",
     "- {da: Find en forening., en: Find an NGO.}", "- {da: Find en forening.}",
     [f"{CAT}:12:9: ideas[1].first_steps[1].en: required field 'en' is missing "
      "(add 'en:' here with the English text)"]),
    ("an idea without ideas' required fields",
     "    cost: none\n", "",
     [f"{CAT}:8:5: ideas[1].cost: required field 'cost' is missing (add 'cost:' here)"]),
    ("unknown field in an idea, with a suggestion",
     "see_also: [mentor-corps]", "see_als: [mentor-corps]",
     [f"{CAT}:20:5: ideas[1].see_als: unknown field 'see_als' (did you mean 'see_also'?)"]),
    ("two ideas with one id",
     "  - id: mentor-corps", "  - id: quick-workshop",
     [f"{CAT}:20:16: ideas[1].see_also[1]: unknown idea 'mentor-corps' (use the id of an idea in a catalogue)",
      f"{CAT}:21:9: ideas[2].id: idea 'quick-workshop' is defined twice (first on line 8) "
      "(give each entry its own id)"]),
    ("idea id that is not a slug",
     "  - id: mentor-corps", "  - id: Mentor Corps",
     [f"{CAT}:21:9: ideas[2].id: 'Mentor Corps' is not a valid id (use lowercase letters a-z, digits and hyphens)"]),
]


@pytest.mark.parametrize(("old", "new", "expected"), [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_catalogue_rule(catalogue: Path, minimal: Path, old: str, new: str, expected: list[str]) -> None:
    edit(catalogue, old, new)
    assert problems(minimal) == expected


def test_idea_without_examples_is_a_warning(catalogue: Path, minimal: Path) -> None:
    edit(catalogue, "    examples: [alpha-workshop]\n", "")
    assert problems(minimal) == [
        f"{CAT}:8:9: warning: ideas[1].id: idea 'quick-workshop' has no example case "
        "(add the slugs of cases that show it under examples)"]


def test_idea_id_defined_in_two_catalogues(minimal: Path) -> None:
    other = minimal / "content" / "catalogues" / "second"
    other.mkdir()
    (other / "catalogue.yml").write_text(
        "title: {da: Andet, en: Second}\nintro: {da: Mere., en: More.}\nideas:\n"
        "  - id: mentor-corps\n    title: {da: Igen, en: Again}\n    description: {da: Igen., en: Again.}\n"
        "    first_steps: [{da: Start., en: Start.}]\n    effort: {hours_per_employee: 2, duration: one-off}\n"
        "    cost: none\n    company_sizes: [small]\n    examples: [beta-mentors]\n", encoding="utf-8")
    # Catalogues are read in folder order: "second" comes first, so "starter" repeats its id.
    assert problems(minimal) == [
        f"{CAT}:21:9: ideas[2].id: idea 'mentor-corps' is also defined in content/catalogues/second/catalogue.yml "
        "(give each idea its own id)"]


def test_catalogue_folder_rules(minimal: Path) -> None:
    top = minimal / "content" / "catalogues"
    (top / "Mine Idéer").mkdir()
    (top / "empty").mkdir()
    (top / "starter" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    assert problems(minimal) == [
        "content/catalogues/Mine Idéer: folder name 'Mine Idéer' is not a valid catalogue slug "
        "(use lowercase letters a-z, digits and hyphens)",
        "content/catalogues/empty/catalogue.yml: file is missing (write the catalogue's title, intro and ideas in it)",
        "content/catalogues/starter/notes.md: warning: 'notes.md' is not a catalogue file and is ignored "
        "(did you mean 'index.en.md'?)"]


def test_unsafe_html_in_a_catalogue_introduction_is_reported(minimal: Path) -> None:
    intro = minimal / "content" / "catalogues" / "starter" / "index.en.md"
    intro.write_text("## About\n\n<script>alert(1)</script>\n", encoding="utf-8")
    found = problems(minimal)
    assert len(found) == 1 and found[0].startswith("content/catalogues/starter/index.en.md:3:1: warning:"), found


def test_company_size_of_an_organisation_must_be_known(minimal: Path) -> None:
    edit(minimal / "content" / "organisations.yml", "size: small", "size: smal")
    assert problems(minimal) == [
        "content/organisations.yml:5:11: organisations[1].size: unknown company size 'smal' "
        "(did you mean 'small'?)"]


def test_catalogue_mistakes_stop_the_build_with_file_and_line(minimal: Path) -> None:
    from conftest import mkdocs_build

    edit(minimal / CAT, "examples: [alpha-workshop]", "examples: [alpha-worksop]")
    result = mkdocs_build(minimal / "mkdocs.yml", minimal / "site")
    assert result.returncode != 0
    assert f"{CAT}:19:16: ideas[1].examples[1]: unknown case 'alpha-worksop'" in result.stderr
    assert not (minimal / "site").exists()
