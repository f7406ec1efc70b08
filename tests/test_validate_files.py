"""Validation rules for organisations, taxonomy, case folders, stories and hand-written pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit, problems


def rename_org(site: Path) -> None:
    edit(site / "content" / "organisations.yml", "  - id: hjaelp", "  - id: acme")


def bad_org_kind(site: Path) -> None:
    edit(site / "content" / "organisations.yml", "    kind: ngo", "    kind: charity")


def drop_sdg_17(site: Path) -> None:
    edit(site / "content" / "taxonomy.yml", '  - {number: 17, da: Partnerskaber for handling, '
         'en: Partnerships for the goals, colour: "#19486A"}\n', "")


def duplicate_term(site: Path) -> None:
    edit(site / "content" / "taxonomy.yml", "  - {id: mentoring,", "  - {id: workshop,")


def duplicate_cost(site: Path) -> None:
    edit(site / "content" / "taxonomy.yml", "  - {id: low, da: Lav,", "  - {id: none, da: Lav,")


def bad_colour(site: Path) -> None:
    edit(site / "content" / "taxonomy.yml", '"#19486A"', '"blue"')


def no_organisations(site: Path) -> None:
    (site / "content" / "organisations.yml").unlink()


def bad_slug(site: Path) -> None:
    (site / "cases" / "Gamma Case").mkdir()


def folder_without_case(site: Path) -> None:
    (site / "cases" / "gamma").mkdir()


def story_with_front_matter(site: Path) -> None:
    (site / "cases" / "beta-mentors" / "index.da.md").write_text("---\ntitle: x\n---\nHej\n", encoding="utf-8")


def no_story(site: Path) -> None:
    (site / "cases" / "beta-mentors" / "index.da.md").unlink()


def empty_story(site: Path) -> None:
    (site / "cases" / "beta-mentors" / "index.da.md").write_text(" \n", encoding="utf-8")


def misnamed_story(site: Path) -> None:
    (site / "cases" / "beta-mentors" / "dk.md").write_text("Hej", encoding="utf-8")


def page_without_language(site: Path) -> None:
    (site / "content" / "contact.md").write_text("# Kontakt", encoding="utf-8")


def page_on_reserved_url(site: Path) -> None:
    (site / "content" / "cases.da.md").write_text("# Cases", encoding="utf-8")


def no_english_front_page(site: Path) -> None:
    (site / "content" / "index.en.md").unlink()


def latin1_story(site: Path) -> None:
    (site / "cases" / "beta-mentors" / "index.en.md").write_bytes("Bydelsmødre".encode("latin-1"))


RULES: list[tuple[Callable[[Path], None], list[str]]] = [
    (rename_org, [
        "cases/alpha-workshop/case.yml:12:10: partners[2].org: unknown organisation 'hjaelp' "
        "(add it to content/organisations.yml)",
        "content/organisations.yml:11:9: organisations[2].id: organisation 'acme' is defined twice "
        "(first on line 2) (give each entry its own id)"]),
    (bad_org_kind, [
        "content/organisations.yml:13:11: organisations[2].kind: 'charity' is not one of: company, ngo, "
        "public, network, foundation, university, consultancy"]),
    (drop_sdg_17, [
        "cases/alpha-workshop/case.yml:17:11: sdgs[2]: SDG 17 is not in the taxonomy "
        "(add it to sdgs in content/taxonomy.yml)",
        "content/catalogues/starter/catalogue.yml:18:12: ideas[1].sdgs[1]: SDG 17 is not in the taxonomy "
        "(add it to sdgs in content/taxonomy.yml)",
        "content/taxonomy.yml:18:3: sdgs: SDG 17 is missing "
        "(list all 17 goals with their Danish and English names)"]),
    (duplicate_term, [
        "cases/beta-mentors/case.yml:14:11: formats[1]: unknown format 'mentoring' "
        "(use an id from formats in content/taxonomy.yml)",
        "content/catalogues/starter/catalogue.yml:30:15: ideas[2].formats[1]: unknown format 'mentoring' "
        "(use an id from formats in content/taxonomy.yml)",
        "content/taxonomy.yml:3:10: formats[2].id: term 'workshop' is defined twice (first on line 2) "
        "(give each entry its own id)"]),
    (duplicate_cost, [
        "content/catalogues/starter/catalogue.yml:28:11: ideas[2].cost: unknown cost band 'low' "
        "(use an id from costs in content/taxonomy.yml)",
        "content/taxonomy.yml:13:10: costs[2].id: term 'none' is defined twice (first on line 12) "
        "(give each entry its own id)"]),
    (bad_colour, [
        "content/taxonomy.yml:34:90: sdgs[17].colour: 'blue' is not a colour (write it as #RRGGBB, e.g. #19486A)"]),
    (no_organisations, ["content/organisations.yml: file is missing (create it; the writing guide lists its fields)"]),
    (bad_slug, ["cases/Gamma Case: folder name 'Gamma Case' is not a valid case slug "
                "(use lowercase letters a-z, digits and hyphens, e.g. 'gamma-case')"]),
    (folder_without_case, ["cases/gamma/case.yml: file is missing "
                           "(write the case's facts in it, or remove the folder)"]),
    (story_with_front_matter, ["cases/beta-mentors/index.da.md:1:1: a story is plain Markdown and cannot start "
                               "with '---' (put the facts in case.yml and remove the '---' block)"]),
    (no_story, ["cases/beta-mentors: the case has no story (write the story in index.da.md, index.en.md or both)"]),
    (empty_story, ["cases/beta-mentors/index.da.md: warning: the story is empty (write the story, or delete the "
                   "file to show the notice that the story is not translated)"]),
    (misnamed_story, ["cases/beta-mentors/dk.md: warning: 'dk.md' is not a case file and is ignored "
                      "(did you mean 'index.da.md'?)"]),
    (page_without_language, ["content/contact.md: page file 'contact.md' does not say its language "
                             "(name it <name>.da.md or <name>.en.md)"]),
    (page_on_reserved_url, ["content/cases.da.md: 'cases' is a page the site makes itself "
                            "(choose another file name)"]),
    (no_english_front_page, ["content/index.en.md: the front page is missing (create it)"]),
    (latin1_story, ["cases/beta-mentors/index.en.md:1:1: file is not valid UTF-8 "
                    "(save the file with the encoding UTF-8)"]),
]


@pytest.mark.parametrize(("change", "expected"), RULES, ids=[r[0].__name__ for r in RULES])
def test_file_rule(minimal: Path, change: Callable[[Path], None], expected: list[str]) -> None:
    """Each rule on a data file, a case folder or a page reports exactly its problem."""
    change(minimal)
    assert problems(minimal) == expected


def _organisations_of(size: int, minimal: Path) -> None:
    """Pad content/organisations.yml with valid organisations until it is at least ``size`` bytes."""
    path = minimal / "content" / "organisations.yml"
    text = path.read_text(encoding="utf-8")
    n = 0
    entries = []
    while len(text.encode()) + sum(len(e) for e in entries) < size:
        entries.append(f"  - {{id: org-{n}, name: Organisation {n}, kind: ngo, description: {{da: En forening til "
                       f"test nummer {n}., en: An NGO for tests number {n}.}}, source: {{title: Om {n}}}}}\n")
        n += 1
    path.write_text(text + "".join(entries), encoding="utf-8")


def test_a_long_list_of_organisations_is_not_too_large(minimal: Path) -> None:
    """organisations.yml grows with the site: 1.5 MB (about 3,000 organisations) loads without a problem,
    though a case's file of that size would be refused."""
    _organisations_of(1_500_000, minimal)
    assert problems(minimal) == []


def test_an_organisations_file_over_its_own_limit_is_refused(minimal: Path) -> None:
    """Past 20,000,000 bytes the list of organisations is refused like any oversized file."""
    path = minimal / "content" / "organisations.yml"
    path.write_text(path.read_text(encoding="utf-8") + "#" * 20_000_001, encoding="utf-8")
    [problem] = problems(minimal)
    assert problem.startswith("content/organisations.yml: file is ")
    assert problem.endswith("bytes, more than the limit of 20,000,000 (split the text or move large media out "
                            "of the file)")


def test_the_suffix_of_a_name_is_the_one_pathlib_gives() -> None:
    """The unexpected-file check reads a name's suffix without making a path, exactly as pathlib reads it."""
    from pathlib import PurePath

    from casebook.project.stories import _suffix
    for name in ("a.md", ".md", "a.", "a", "a.b.c", "..", "...md", "x..", "a.MD", ".a.b", "a..b", "index.da.md"):
        assert _suffix(name) == PurePath(name).suffix, name
