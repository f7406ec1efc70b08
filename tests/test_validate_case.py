"""One test per validation rule of case.yml: a bad input and the exact message an author sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit, problems

CASE = "cases/alpha-workshop/case.yml"

# (rule, text in the valid case.yml, replacement, exact problems reported)
RULES = [
    ("unknown organisation, with a suggestion",
     "  - org: hjaelp", "  - org: hjalp",
     [f"{CASE}:12:10: partners[2].org: unknown organisation 'hjalp' (did you mean 'hjaelp'?)"]),
    ("organisation listed twice",
     "  - org: hjaelp\n    role: ngo", "  - org: acme\n    role: ngo",
     [f"{CASE}:12:10: partners[2].org: organisation 'acme' is listed twice "
      "(remove this entry or partners[1])"]),
    ("second language missing",
     "  en: Acme ran a workshop with Foreningen Hjælp.\n", "",
     [f"{CASE}:5:3: summary.en: required field 'en' is missing (add 'en:' here with the English text)"]),
    ("bilingual field written as plain text",
     "title:\n  da: Alfa-workshoppen\n  en: The alpha workshop", "title: Alfa-workshoppen",
     [f"{CASE}:1:8: title: expected fields ('name: value' lines), got text "
      "(write it in both languages: 'da: …' and 'en: …' on indented lines)"]),
    ("unknown field, with a suggestion, and the required one reported missing",
     "summary:", "sumary:",
     [f"{CASE}:1:1: summary: required field 'summary' is missing (add 'summary:' here)",
      f"{CASE}:4:1: sumary: unknown field 'sumary' (did you mean 'summary'?)"]),
    ("kind outside its choices",
     "kind: event", "kind: evnt",
     [f"{CASE}:7:7: kind: 'evnt' is not one of: partnership, programme, event (did you mean 'event'?)"]),
    ("impossible date",
     "date: 2015-11", "date: 2024-02-30",
     [f"{CASE}:8:7: date: '2024-02-30' does not exist: February 2024 has 29 days "
      "(expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2015-11)"]),
    ("date in words",
     "date: 2015-11", "date: November 2015",
     [f"{CASE}:8:7: date: 'November 2015' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2015-11)"]),
    ("month that does not exist",
     "date: 2015-11", "date: 2015-13",
     [f"{CASE}:8:7: date: '2015-13' has no month 13 (expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2015-11)"]),
    ("both date and period",
     "date: 2015-11", "date: 2015-11\nperiod: {start: 2015}",
     [f"{CASE}:9:1: period: give either date or period, not both (remove one of them)"]),
    ("neither date nor period",
     "date: 2015-11\n", "",
     [f"{CASE}:1:1: the case has no date "
      "(add 'date:' with YYYY, YYYY-MM or YYYY-MM-DD, or 'period:' with start and end; "
      "'undated: true' when the sources give no date)"]),
    ("undated: false is no dating",
     "date: 2015-11", "undated: false",
     [f"{CASE}:1:1: the case has no date "
      "(add 'date:' with YYYY, YYYY-MM or YYYY-MM-DD, or 'period:' with start and end; "
      "'undated: true' when the sources give no date)"]),
    ("undated and dated at once",
     "date: 2015-11", "date: 2015-11\nundated: true",
     [f"{CASE}:9:1: undated: an undated case has no date or period (remove 'undated: true', or the date)"]),
    ("a date note on a dated case",
     "date: 2015-11", "date: 2015-11\ndate_note: {da: omkring, en: around}",
     [f"{CASE}:9:1: date_note: date_note is for an undated case (write the date as precisely as the sources "
      "give it and remove date_note, or replace the date with 'undated: true')"]),
    ("undated written as text",
     "date: 2015-11", "undated: ja",
     [f"{CASE}:8:10: undated: expected true or false, got text"]),
    ("unknown partner role, with a suggestion",
     "    role: ngo", "    role: participnt",
     [f"{CASE}:13:11: partners[2].role: 'participnt' is not one of: company, ngo, public, network, foundation, "
      "university, consultancy, participant, host (did you mean 'participant'?)"]),
    ("period ending before it starts",
     "date: 2015-11", "period: {start: 2016-05, end: 2016-01}",
     [f"{CASE}:8:31: period.end: period ends (2016-01) before it starts (2016-05) (swap start and end)"]),
    ("unknown taxonomy term",
     "formats: [workshop]", "formats: [workshp]",
     [f"{CASE}:14:11: formats[1]: unknown format 'workshp' (did you mean 'workshop'?)"]),
    ("term listed twice",
     "themes: [integration]", "themes: [integration, integration]",
     [f"{CASE}:15:23: themes[2]: 'integration' is listed twice (remove one of them)"]),
    ("SDG out of range",
     "sdgs: [8, 17]", "sdgs: [8, 18]",
     [f"{CASE}:17:11: sdgs[2]: 18 is not an SDG number (the goals are numbered 1 to 17)"]),
    ("unknown and self-referencing related cases",
     "related: [beta-mentors]", "related: [beta-mentor, alpha-workshop]",
     [f"{CASE}:37:11: related[1]: unknown case 'beta-mentor' (did you mean 'beta-mentors'?)",
      f"{CASE}:37:24: related[2]: a case cannot be related to itself (remove this entry)"]),
    ("missing image file",
     "  - file: images/dot.png", "  - file: images/dott.png",
     [f"{CASE}:39:11: images[1].file: image file 'images/dott.png' does not exist "
      "(did you mean 'images/dot.png'?)"]),
    ("image outside the case folder",
     "  - file: images/dot.png", "  - file: ../beta-mentors/dot.png",
     [f"{CASE}:39:11: images[1].file: image path '../beta-mentors/dot.png' leaves the case folder "
      "(put the image in the case folder and give its path from there, e.g. images/photo.jpg)"]),
    ("image that is not an image",
     "  - file: images/dot.png", "  - file: images/dot.pdf",
     [f"{CASE}:39:11: images[1].file: 'images/dot.pdf' is not an image file "
      "(use one of: .jpg, .jpeg, .png, .webp, .gif, .svg, .avif)"]),
    ("address that is not a web address",
     "    url: https://acme.example.com/news", "    url: acme.example.com/news",
     [f"{CASE}:35:10: sources[1].url: 'acme.example.com/news' is not a web address "
      "(write the full address, starting with https://)"]),
    ("javascript: address",
     "    url: https://acme.example.com/news", "    url: javascript:alert(1)",
     [f"{CASE}:35:10: sources[1].url: 'javascript:alert(1)' is not a web address "
      "(write the full address, starting with https://)"]),
    ("person named without a consent basis",
     "    consent: public-role\n", "",
     [f"{CASE}:26:5: people[1].consent: required field 'consent' is missing (add 'consent:' here "
      "with the basis for naming this person: public-role, recorded or anonymised)"]),
    ("consent that is not a basis",
     "    consent: public-role", "    consent: yes-please",
     [f"{CASE}:29:14: people[1].consent: 'yes-please' is not one of: public-role, recorded, anonymised"]),
    ("quote by someone not listed under people",
     "    by: Anna Andersen", "    by: Ana Andersen",
     [f"{CASE}:32:9: quotes[1].by: 'Ana Andersen' is quoted but not listed under people with a "
      "consent basis (did you mean 'Anna Andersen'?)"]),
    ("unknown unit",
     "    unit: DKK", "    unit: kroner",
     [f"{CASE}:20:11: outcomes[1].unit: unknown unit 'kroner' "
      "(use a currency code such as DKK, or a CLDR unit such as duration-hour)"]),
    ("part larger than the whole",
     "    of: 25", "    of: 5",
     [f"{CASE}:23:9: outcomes[2].of: 8 of 5 is more than the whole (check the two figures)"]),
    ("figure written as text",
     "  - value: 8", '  - value: "8"',
     [f"{CASE}:22:12: outcomes[2].value: expected a number, got text"]),
    ("no partners",
     "partners:\n  - org: acme\n    role: company\n  - org: hjaelp\n    role: ngo", "partners: []",
     [f"{CASE}:9:11: partners: needs at least one entry"]),
    ("unknown organisation id format",
     "  - org: hjaelp", "  - org: Hjælp",
     [f"{CASE}:12:10: partners[2].org: 'Hjælp' is not a valid id (use lowercase letters a-z, digits and hyphens)"]),
    ("empty text",
     "  da: Alfa-workshoppen", '  da: ""',
     [f"{CASE}:2:7: title.da: must not be empty"]),
]


@pytest.mark.parametrize(("old", "new", "expected"), [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_case_rule(alpha: Path, minimal: Path, old: str, new: str, expected: list[str]) -> None:
    """Each rule reports exactly its problem, at its line and column, with its hint."""
    edit(alpha, old, new)
    assert problems(minimal) == expected


def test_valid_sample_site_has_no_problems(minimal: Path) -> None:
    """The minimal sample site is valid as shipped, so every rule test starts from zero problems."""
    assert problems(minimal) == []


def test_an_undated_case_is_valid(alpha: Path, minimal: Path) -> None:
    """'undated: true' in place of a date, with or without a note on what the sources say, is no problem."""
    edit(alpha, "date: 2015-11", "undated: true")
    assert problems(minimal) == []
    edit(alpha, "undated: true", 'undated: true\ndate_note: {da: "efterår, år ikke oplyst", en: "autumn"}')
    assert problems(minimal) == []


def test_all_problems_are_reported_in_one_run(minimal: Path, alpha: Path) -> None:
    """Several mistakes in several files are all reported, not only the first."""
    edit(alpha, "kind: event", "kind: evnt")
    edit(alpha, "formats: [workshop]", "formats: [workshp]")
    edit(minimal / "cases" / "beta-mentors" / "case.yml", "  - org: acme", "  - org: acm")
    found = problems(minimal)
    assert len(found) == 3
    assert found[2] == ("cases/beta-mentors/case.yml:12:10: partners[1].org: unknown organisation 'acm' "
                        "(did you mean 'acme'?)")


def test_a_term_listed_twice_is_reported_while_the_taxonomy_is_broken(alpha: Path, minimal: Path) -> None:
    """A case naming a theme twice is told so even when content/taxonomy.yml fails to load."""
    edit(minimal / "content" / "taxonomy.yml", "formats:", "formats: [")
    edit(alpha, "themes: [integration]", "themes: [integration, integration]")
    found = problems(minimal)
    assert f"{CASE}:15:23: themes[2]: 'integration' is listed twice (remove one of them)" in found
    assert any(line.startswith("content/taxonomy.yml:") for line in found)
