"""Project plumbing: writing guides generated from the model, pre-commit hooks and the CI workflow."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from casebook.authoring.guide import rows, table


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, check=False, cwd=ROOT)


def test_guides_field_tables_are_generated_and_up_to_date() -> None:
    result = _run(sys.executable, "-m", "casebook", "guide", "--check", "--root", str(ROOT))
    assert result.returncode == 0, result.stderr
    danish = (ROOT / "docs" / "skrivevejledning.md").read_text(encoding="utf-8")
    english = (ROOT / "docs" / "writing-guide.md").read_text(encoding="utf-8")
    assert table("case", "da") in danish and table("case", "en") in english
    assert "| `partners[].org` | Organisation | ja | Organisationens id fra content/organisations.yml. |" in danish
    assert "| `ideas[].effort.duration` | Varighed | yes |" in english
    # Every field of a case, nested ones included, is in the table.
    from casebook.model.case import Case, Person

    paths = [path for path, _, _, _ in rows(Case, "en")]
    assert set(Case.model_fields) <= set(paths)
    assert {f"people[].{name}" for name in Person.model_fields} <= set(paths)


def test_guide_check_notices_a_stale_table(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    for name in ("skrivevejledning.md", "writing-guide.md"):
        (tmp_path / "docs" / name).write_text("<!-- casebook:fields case -->\n| old |\n<!-- /casebook:fields -->\n",
                                              encoding="utf-8")
    stale = _run(sys.executable, "-m", "casebook", "guide", "--check", "--root", str(tmp_path))
    assert stale.returncode == 1 and "docs/skrivevejledning.md is out of date" in stale.stderr
    assert _run(sys.executable, "-m", "casebook", "guide", "--root", str(tmp_path)).returncode == 0
    assert "| `title` | Titel | ja |" in (tmp_path / "docs" / "skrivevejledning.md").read_text(encoding="utf-8")


def test_readme_links_the_writing_guides() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/skrivevejledning.md" in readme and "docs/writing-guide.md" in readme


def _make_targets(command: str) -> list[str]:
    words = shlex.split(command)
    return [w for w in words[words.index("make") + 1:] if not w.startswith("-") and "=" not in w] \
        if "make" in words else []


def test_pre_commit_hooks_validate_content_with_real_targets() -> None:
    config = ROOT / ".pre-commit-config.yaml"
    assert _run(str(Path(sys.executable).with_name("pre-commit")), "validate-config", str(config)).returncode == 0
    hooks = [h for repo in yaml.safe_load(config.read_text(encoding="utf-8"))["repos"] for h in repo["hooks"]]
    by_id = {h["id"]: h for h in hooks}
    assert by_id["casebook-validate"]["entry"] == "make -s validate"
    import re

    assert re.search(by_id["casebook-validate"]["files"], "cases/ibm-baba-workshop/case.yml")
    assert re.search(by_id["casebook-validate"]["files"], "content/organisations.yml")
    for hook in hooks:
        for target in _make_targets(hook["entry"]):
            assert _run("make", "-n", target).returncode == 0, target


def test_ci_workflow_validates_tests_builds_and_publishes() -> None:
    workflow: dict[str, Any] = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    steps = workflow["jobs"]["check"]["steps"]
    commands = [s["run"] for s in steps if "run" in s]
    assert 'make validate CASEBOOK_ARGS="--format github --lang da"' in commands
    assert "make test" in commands and "make pdf-deps build" in commands
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") for s in steps)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "check" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages")
    for command in commands:
        for target in _make_targets(command):
            assert _run("make", "-n", target).returncode == 0, target


MEASURES_SECTIONS = [("en", "writing-guide.md", "### Figures that add up: measures and estimates"),
                     ("da", "skrivevejledning.md", "### Tal, der kan lægges sammen: måletal og skøn")]


@pytest.mark.parametrize(("lang", "name", "heading"), MEASURES_SECTIONS, ids=["en", "da"])
def test_the_guides_example_figures_are_the_seed_cases_own(lang: str, name: str, heading: str) -> None:
    """The measures section's YAML example is taken, figure for figure, from the seed case it names, and the
    section is followed by the generated table of a measure's fields."""
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    section = text[text.index(heading):]
    section = section[:section.index("\n## ")]
    example = yaml.safe_load(section.split("```yaml\n")[1].split("```")[0])["outcomes"]
    case = yaml.safe_load((ROOT / "cases" / "ibm-nydansker-erhvervsmentorer" / "case.yml").read_text(encoding="utf-8"))
    assert len(example) == 3 and all(outcome in case["outcomes"] for outcome in example)
    assert {o["measure"] for o in example} == {"volunteers", "support-months-per-person", "into-work-or-education"}
    assert "<!-- casebook:fields measure -->\n" + table("measure", lang) in section
