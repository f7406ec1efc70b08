"""The code's shape stays as docs/architecture.md describes it: stage packages, small modules, short functions."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*(ROOT / "casebook").rglob("*.py"), *(ROOT / "hooks").rglob("*.py")])
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50
# Functions that are tables (one entry a line) and may be longer; none today.
TABLES: set[str] = set()
STAGES = ("core", "model", "load", "validate", "project", "site", "publish", "authoring", "cli", "plugin")


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def long_modules(paths: list[Path]) -> dict[str, int]:
    """Modules over the size limit, with their number of lines."""
    return {p.relative_to(ROOT).as_posix() if p.is_relative_to(ROOT) else p.name: n for p in paths
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}


def long_functions(paths: list[Path]) -> dict[str, int]:
    """Functions over the size limit that are not tables, with their number of lines."""
    long = {}
    for path in paths:
        for node in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            name = f"{path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name}:{node.name}"
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES and name not in TABLES:
                long[name] = length
    return long


def test_no_module_is_over_the_size_limit() -> None:
    """No Python module of the package or the hooks is longer than 400 lines."""
    assert long_modules(SOURCES) == {}


def test_no_function_is_over_the_size_limit() -> None:
    """No function is longer than 50 lines, unless it is a table listed in TABLES."""
    assert long_functions(SOURCES) == {}


def test_every_module_belongs_to_a_stage() -> None:
    """Below casebook/ there are only the stage packages (and the package's own __init__ and __main__)."""
    top = {p.relative_to(ROOT / "casebook").parts[0] for p in (ROOT / "casebook").rglob("*.py")}
    assert top <= {*STAGES, "__init__.py", "__main__.py"}


def test_the_size_checks_find_a_long_module_and_function(tmp_path: Path) -> None:
    """A 401-line module and a 51-line function are reported; a 50-line function is not."""
    source = tmp_path / "long.py"
    body = "def long():\n" + "    x = 1\n" * MAX_FUNCTION_LINES + "\n\ndef short():\n" + "    x = 1\n" * 49
    source.write_text(body + "\n" * (MAX_MODULE_LINES + 1 - body.count("\n")), encoding="utf-8")
    assert long_modules([source]) == {"long.py": MAX_MODULE_LINES + 1}
    assert long_functions([source]) == {"long.py:long": MAX_FUNCTION_LINES + 1}
