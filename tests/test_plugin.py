"""The MkDocs adapter (casebook/plugin/, hooks/casebook_hooks.py): no module-level state, one plugin
object behind the hooks file, a serve session with a beginning and an end, Casebook loaded either as
hooks or as ``plugins: [casebook]`` (not both), and one schema for its settings either way."""

from __future__ import annotations

import ast
import gc
import importlib.util
import logging
import re
from collections.abc import Iterator
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

import pytest
from conftest import ROOT, copy_site, edit, mkdocs_build
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from casebook.plugin.options import given_settings
from casebook.plugin.plugin import CasebookPlugin, loaded
from casebook.plugin.serve import ServeSession
from casebook.site.settings import Settings

HOOKS = ROOT / "hooks" / "casebook_hooks.py"
ADAPTER = [HOOKS, *sorted((ROOT / "casebook" / "plugin").glob("*.py"))]
ENTRY_POINT = "casebook.plugin.plugin:CasebookPlugin"
STATEMENT = ("accessibility_statement:\n      da: https://was.digst.dk/casebook-test\n"
             "      en: https://was.digst.dk/casebook-test-en\n")
PUBLISHER = ("publisher:\n      name: Testforeningen\n      contact: redaktion@casebook-test.example\n"
             '      phone: "+45 12 34 56 78"\n      logo: images/logo.svg\n'
             "      postal_address:\n        - Testvej 1\n        - 1234 Testby\n")
# The minimal site's settings, as its mkdocs.yml writes them under extra.casebook.
SETTINGS = (f"{STATEMENT}    # Who publishes the site: every field set, so that every page shows what it can.\n"
            f"    {PUBLISHER}")
EXTRA = ("extra:\n  casebook:\n"
         "    # A statement published elsewhere (the Danish Agency for Digital Government's tool).\n"
         f"    {SETTINGS}")


# --- no module-level state -------------------------------------------------------------------


def _stateless(value: ast.expr, hooks: bool) -> bool:
    """A module-level value that cannot hold state: a constant, a name (a class, function or another
    constant), a type alias, a tuple of such, the package's logger, or (in the hooks file only) the
    one plugin object and its events."""
    match value:
        case ast.Constant() | ast.Name() | ast.Subscript() | ast.BinOp(op=ast.BitOr()):
            return True
        case ast.Tuple(elts=items):
            return all(_stateless(item, hooks) for item in items)
        case ast.Call(func=ast.Attribute(value=ast.Name(id="logging"), attr="getLogger")):
            return True
        case ast.Call(func=ast.Name(id="CasebookPlugin")) | ast.Attribute(value=ast.Name(id="plugin")):
            return hooks
    return False


def _state(path: Path) -> list[str]:
    """What in ``path`` could carry state from one build to the next: ``global`` statements anywhere,
    module-level statements other than imports, definitions and stateless assignments."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [f"line {node.lineno}: global" for node in ast.walk(tree) if isinstance(node, ast.Global | ast.Nonlocal)]
    for index, node in enumerate(tree.body):
        if isinstance(node, ast.Import | ast.ImportFrom | ast.FunctionDef | ast.ClassDef):
            continue
        if index == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if value is None or not _stateless(value, path == HOOKS):
            found.append(f"line {node.lineno}: {ast.unparse(node)[:60]}")
    return found


def test_the_adapter_has_no_module_level_state() -> None:
    """hooks/ and casebook/plugin/ keep nothing at module level that a build could change."""
    assert len(ADAPTER) > 5
    assert {path.relative_to(ROOT).as_posix(): _state(path) for path in ADAPTER} == \
        {path.relative_to(ROOT).as_posix(): [] for path in ADAPTER}


def test_the_state_check_sees_module_state(tmp_path: Path) -> None:
    """The check above finds a module-level dict, a re-bound global and a plugin object outside hooks."""
    module = tmp_path / "module.py"
    module.write_text('"""Doc."""\n_cache = {}\nplugin = CasebookPlugin()\n\ndef f():\n    global _cache\n',
                      encoding="utf-8")
    assert _state(module) == ["line 6: global", "line 2: _cache = {}", "line 3: plugin = CasebookPlugin()"]


def test_the_hooks_file_hands_every_event_to_one_plugin_object() -> None:
    """Each event of CasebookPlugin is in the hooks module, bound to the same plugin object."""
    spec = importlib.util.spec_from_file_location("casebook_hooks_under_test", HOOKS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    events = {name for name in vars(CasebookPlugin) if name.startswith("on_")}
    assert events == {name for name in vars(module) if name.startswith("on_")}
    owners = {id(getattr(module, name).__self__) for name in events}
    assert owners == {id(module.plugin)} and module.plugin.hooks


# --- the serve session -----------------------------------------------------------------------


def test_a_serve_session_begins_at_startup_and_ends_at_shutdown() -> None:
    """on_startup(serve) opens one session (kept by a second startup); another command or on_shutdown closes it."""
    plugin = CasebookPlugin()
    plugin.on_startup(command="build", dirty=False)
    assert plugin.serve is None
    plugin.on_startup(command="serve", dirty=False)
    session = plugin.serve
    assert isinstance(session, ServeSession)
    plugin.on_startup(command="serve", dirty=False)
    assert plugin.serve is session
    plugin.on_shutdown()
    assert plugin.serve is None
    plugin.on_startup(command="serve", dirty=False)
    assert plugin.serve is not session
    plugin.on_startup(command="build", dirty=True)
    assert plugin.serve is None and plugin.dirty


@pytest.mark.build
def test_shutting_down_the_preview_finishes_its_search_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview build is indexed in the background; on_shutdown waits for it, collects garbage again
    and keeps nothing; `mkdocs build` has no session."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    root = copy_site("minimal", tmp_path / "site")
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_shutdown()  # earlier tests in this process may have left their preview open
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    [plugin] = loaded(config).values()
    assert plugin.serve is not None and list(plugin.serve.previews) == [root.resolve()]
    assert plugin.current.preview is not None and gc.isenabled()
    config.plugins.on_shutdown()
    assert plugin.serve is None
    assert (root / "site" / "pagefind" / "pagefind-entry.json").is_file()
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    assert plugin.serve is None and plugin.current.preview is None


# --- hooks or the plugin ---------------------------------------------------------------------


@pytest.fixture
def entry_point(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``plugins: [casebook]`` finds this checkout's plugin class in this process, as the installed
    entry point does (the test environment may have been installed before the entry point existed)."""
    option = MkDocsConfig.plugins
    monkeypatch.setitem(option.installed_plugins, "casebook", EntryPoint("casebook", ENTRY_POINT, "mkdocs.plugins"))
    monkeypatch.setattr(option, "plugin_cache", {})  # a fresh plugin object per test
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    yield


def as_plugin(root: Path, options: str = SETTINGS, *, keep_hooks: bool = False) -> Path:
    """Load Casebook in ``root``'s mkdocs.yml with ``plugins: [casebook]``, the settings as its ``options``."""
    config = root / "mkdocs.yml"
    if not keep_hooks:
        edit(config, f"hooks:\n  - {HOOKS}\n", "")
    edit(config, EXTRA, "")
    edit(config, "plugins: []\n", "plugins:\n  - casebook:\n      " + options.replace("\n  ", "\n    "))
    return config


def test_hooks_and_plugin_at_once_is_an_error(tmp_path: Path, entry_point: None) -> None:
    """Both ways in one mkdocs.yml stop the build before anything is read, naming both and the fix."""
    config = as_plugin(copy_site("minimal", tmp_path / "site"), keep_hooks=True)
    with pytest.raises(Abort) as stopped:
        build(load_config(str(config)))
    assert str(stopped.value) == (
        f"mkdocs.yml: Casebook is loaded 2 times, by 'plugins: - casebook' and by 'hooks: - {HOOKS}'. Keep one "
        "of them: the hooks file (settings under extra.casebook) or the plugin (settings as its options).")
    assert not (tmp_path / "site" / "site").exists()


def test_plugin_options_are_derived_from_the_settings_model() -> None:
    """The plugin's MkDocs options are exactly the fields of the one settings model."""
    assert [name for name, _ in CasebookPlugin.config_scheme] == list(Settings.model_fields) == \
        ["require_translations", "accessibility_statement", "publisher", "cms", "parallel"]


def _setting_problems(config: Path, caplog: pytest.LogCaptureFixture, place: str) -> list[str]:
    """The build's error lines about mkdocs.yml, each checked to name ``place`` and to point at the
    line of its setting."""
    caplog.clear()
    with pytest.raises(Abort, match="fix the setting in mkdocs.yml"):
        build(load_config(str(config)))
    lines = config.read_text(encoding="utf-8").splitlines()
    problems = []
    for record in caplog.records:
        found = re.match(r"mkdocs\.yml:(\d+):(\d+): (\S+)\.(accessibility_statement\.(da|en)): (.*)",
                         record.getMessage())
        if found and record.levelno == logging.ERROR:
            line, column, named, location, lang, text = found.groups()
            assert named == place
            assert lines[int(line) - 1][int(column) - 1:].startswith(f"{lang}:")
            problems.append(f"{location}: {text}")
    return problems


def test_a_wrong_setting_reads_the_same_as_hooks_and_as_plugin(tmp_path: Path, entry_point: None,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    """The same wrong statement gives the same messages at its own lines, under extra.casebook with
    the hooks file and as the plugin's options; only the place named differs."""
    wrong = "accessibility_statement:\n      da: tilgængelighed/\n      en: ftp://x.org/a\n"
    hooks_site = copy_site("minimal", tmp_path / "hooks")
    edit(hooks_site / "mkdocs.yml", STATEMENT, wrong)
    with_hooks = _setting_problems(hooks_site / "mkdocs.yml", caplog, "extra.casebook")
    with_plugin = _setting_problems(as_plugin(copy_site("minimal", tmp_path / "plugin"), wrong), caplog,
                                    "plugins.casebook")
    assert with_hooks == with_plugin == [
        "accessibility_statement.da: the accessibility statement 'tilgængelighed/' is not a page of the site "
        "(write the page (e.g. content/tilgaengelighed.da.md) or correct the path)",
        "accessibility_statement.en: 'ftp://x.org/a' is not a web address "
        "(give the path of a page of the site or an https:// address)"]


def test_the_plugin_reads_its_options_and_warns_about_extra_casebook(
        tmp_path: Path, entry_point: None, caplog: pytest.LogCaptureFixture) -> None:
    """The plugin's settings are its options as written; settings left under extra.casebook are
    named in a warning, not silently ignored."""
    config = as_plugin(copy_site("minimal", tmp_path / "site"), "require_translations: false\n")
    config.write_text(config.read_text(encoding="utf-8") + "extra:\n  casebook:\n    require_translations: true\n",
                      encoding="utf-8")
    mkdocs_config = load_config(str(config))
    [plugin] = loaded(mkdocs_config).values()
    given = given_settings(mkdocs_config, plugin.config)
    assert (given.values, given.place) == ({"require_translations": False}, "plugins.casebook")
    assert "mkdocs.yml: extra.casebook is not read when Casebook is loaded as a plugin" in caplog.text


@pytest.mark.build
def test_the_plugin_builds_the_same_site_as_the_hooks_file(tmp_path: Path, entry_point: None) -> None:
    """``plugins: [casebook]`` with its options makes every page exactly as the hooks file with extra.casebook."""
    hooks_site, plugin_site = copy_site("minimal", tmp_path / "hooks"), copy_site("minimal", tmp_path / "plugin")
    as_plugin(plugin_site)
    for root in (hooks_site, plugin_site):
        config = load_config(str(root / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        assert len(loaded(config)) == 1
    hooks_pages = {p.relative_to(hooks_site / "site"): p.read_bytes() for p in (hooks_site / "site").rglob("*.html")}
    plugin_pages = {p.relative_to(plugin_site / "site"): p.read_bytes() for p in (plugin_site / "site").rglob("*.html")}
    assert len(hooks_pages) > 60 and plugin_pages == hooks_pages


def _installed() -> bool:
    return any(ep.name == "casebook" and ep.value == ENTRY_POINT for ep in entry_points(group="mkdocs.plugins"))


@pytest.mark.build
@pytest.mark.skipif(not _installed(), reason="the casebook entry point is not installed (`pip install -e .` adds it)")
def test_mkdocs_build_with_the_installed_plugin(tmp_path: Path) -> None:
    """`mkdocs build` of a site saying ``plugins: [casebook]`` and no hooks file, as another organisation would."""
    config = as_plugin(copy_site("minimal", tmp_path / "site"))
    # With its public address, as a published site has (without one the build warns: tests/test_subpath.py).
    edit(config, "site_name:", "site_url: https://example.github.io/casebook/\nsite_name:")
    result = mkdocs_build(config, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "Casebook: 2 cases, 67 pages, 0 errors, 0 warnings" in result.stderr
    assert (tmp_path / "out" / "en" / "cases" / "alpha-workshop" / "index.html").is_file()
