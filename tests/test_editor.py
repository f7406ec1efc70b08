"""Editors complete and check Casebook's YAML with its schemas: the real YAML language server (the one
VS Code's YAML extension runs), driven over LSP the way an editor drives it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, copy_site
from lsp import LanguageServer

SERVER = ROOT / "tools" / "editor" / "node_modules" / ".bin" / "yaml-language-server"


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageServer]:
    assert SERVER.exists(), "the YAML language server is missing: run `make test` (or `make editor-tools`)"
    assert shutil.which("node"), "Node.js is needed for the YAML language server"
    # The same settings VS Code reads from .vscode/settings.json.
    vscode = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    schemas = {(ROOT / key).resolve().as_uri(): value for key, value in vscode["yaml.schemas"].items()}
    settings = {"yaml": {"validate": True, "completion": True, "hover": True, "schemas": schemas,
                         "schemaStore": {"enable": False}}}
    language_server = LanguageServer([str(SERVER), "--stdio"], settings)
    language_server.request("initialize", {"processId": None, "rootUri": ROOT.as_uri(), "capabilities": {
        "workspace": {"configuration": True}, "textDocument": {"completion": {}, "hover": {}}}})
    language_server.notify("initialized", {})
    language_server.notify("workspace/didChangeConfiguration", {"settings": settings})
    yield language_server
    language_server.close()


_version = 0


def open_document(server: LanguageServer, path: Path, text: str) -> str:
    global _version
    _version += 1
    uri = path.resolve().as_uri()
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": _version,
                                                            "text": text}})
    return uri


def messages(diagnostics: list[dict[str, object]]) -> list[str]:
    return [str(d["message"]) for d in diagnostics]


def test_shipped_case_files_are_clean_in_the_editor(server: LanguageServer) -> None:
    """Every real case.yml, matched to its schema through .vscode/settings.json, has no diagnostics."""
    for path in sorted((ROOT / "cases").glob("*/case.yml")):
        uri = open_document(server, path, path.read_text(encoding="utf-8"))
        assert messages(server.wait_for_diagnostics(uri)) == [], path


def test_partner_completion_offers_the_known_organisations(server: LanguageServer) -> None:
    path = ROOT / "cases" / "ibm-baba-workshop" / "case.yml"
    text = "title:\n  da: x\n  en: y\npartners:\n  - org: \n"
    uri = open_document(server, path, text)
    result = server.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                        "position": {"line": 4, "character": 9}})
    items = result["items"] if isinstance(result, dict) else result
    labels = {item["label"] for item in items}
    organisations = {line.split(":", 1)[1].strip() for line in
                     (ROOT / "content" / "organisations.yml").read_text(encoding="utf-8").splitlines()
                     if line.startswith("  - id:")}
    assert organisations and organisations <= labels


def test_hover_explains_a_field_in_danish_then_english(server: LanguageServer) -> None:
    path = ROOT / "cases" / "ibm-baba-workshop" / "case.yml"
    uri = open_document(server, path, "kind: event\n")
    hover = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": 0, "character": 1}})
    text = hover["contents"]["value"]
    assert text.index("partnership, programme eller event.") < text.index("partnership, programme or event.")


def test_mistakes_are_underlined_as_you_type(server: LanguageServer) -> None:
    path = ROOT / "cases" / "ibm-baba-workshop" / "case.yml"
    text = (path.read_text(encoding="utf-8").replace("{org: baba, role: ngo}", "{org: bab, role: ngo}")
            .replace("kind: event", "kind: evnt"))
    found = messages(server.wait_for_diagnostics(open_document(server, path, text)))
    assert any(m.startswith('Value is not accepted. Valid values: "baba"') for m in found), found
    assert sum("Value is not accepted" in m for m in found) == 2, found


def test_a_scaffolded_file_names_its_schema_itself(server: LanguageServer, tmp_path: Path) -> None:
    """Outside the VS Code mapping (another editor, another folder), the file's own
    `# yaml-language-server: $schema=` line finds the schema."""
    site = copy_site("minimal", tmp_path / "site")
    (site / "schemas").mkdir()
    shutil.copy(ROOT / "schemas" / "case.schema.json", site / "schemas" / "case.schema.json")
    path = site / "cases" / "alpha-workshop" / "scaffolded.yml"
    text = "# yaml-language-server: $schema=../../schemas/case.schema.json\ntitle: {da: x, en: y}\nkind: evnt\n"
    found = messages(server.wait_for_diagnostics(open_document(server, path, text)))
    assert any("Value is not accepted" in m for m in found), found
