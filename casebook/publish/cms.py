"""Decap CMS at ``/admin/``: editing in the browser, served from the site itself.

Decap is an npm package (``tools/cms/``, pinned); ``make build`` installs it when npm is there. Like the
PDFs it is optional: without it, or without the project's ``cms/config.yml`` (which ``casebook cms``
generates from the content model), the site is complete and ``/admin/`` is left out; the build says so.

``/admin/`` holds Decap's bundle and the chunks it loads (``*.decap-cms.js``, and the WebAssembly of its
image encoder; not the source maps, nor the ``*.cms.js`` copies of another bundle), the yaml package's
browser build, the configuration, and Casebook's own scripts from ``cms_assets/``: the ``casebook-yaml``
format (``casebook-yaml.mjs``, which Node's tests import as it is) and the previews. Every file comes
from the site itself: no CDN, no font or script from another host.

The page has its own Content-Security-Policy, which holds for ``/admin/`` alone: Decap needs
``'unsafe-eval'`` and inline styles (emotion), and talks to its backend (the local ``decap-server`` and,
for the GitHub backend, GitHub's API), whose addresses come from the configuration.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

from casebook.publish.csp import BASE_POLICY
from casebook.site.urls import ADMIN

CONFIG = Path("cms") / "config.yml"  # in the project, written by `casebook cms`
MODULES = Path("tools") / "cms" / "node_modules"  # in the project, installed by `make cms-tools`
# Another folder of npm packages holding decap-cms and yaml (the tests point it at an empty one).
MODULES_VARIABLE = "CASEBOOK_CMS_MODULES"
ASSETS = Path(__file__).with_name("cms_assets")
# Casebook's files: (source in cms_assets/, name in /admin/). The format is .js in the site: a module
# script needs a JavaScript type, which some servers do not give .mjs.
OWN_FILES = (("casebook-cms-init.js", "casebook-cms-init.js"), ("casebook-cms.js", "casebook-cms.js"),
             ("casebook-yaml.mjs", "casebook-yaml.js"))
YAML_FOLDER = "yaml"  # the yaml package's browser build, under /admin/
# The built site's stylesheets the previews use (the first match of each, as the pages link them).
PREVIEW_STYLES = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css",
                  "assets/stylesheets/casebook.css")
# Decap's GitHub backend: its API, and the avatars and images of the signed-in user's repository.
GITHUB_API = "https://api.github.com"
GITHUB_IMAGES = ("https://avatars.githubusercontent.com", "https://raw.githubusercontent.com")
LOCAL_BACKEND = "http://localhost:8081"  # Decap's default for `local_backend: true`


@dataclass(frozen=True)
class Decap:
    """The installed packages /admin/ is made of."""

    dist: Path  # decap-cms/dist
    yaml: Path  # yaml/browser: index.js, dist/
    version: str

    def files(self) -> dict[str, Path]:
        """Each file of Decap and the yaml package /admin/ holds, by its path there."""
        names = ["decap-cms.js", "decap-cms.js.LICENSE.txt"]
        names += sorted(path.name for path in self.dist.glob("*.decap-cms.js"))
        names += sorted(path.name for path in self.dist.glob("*.wasm"))  # loaded by two of the chunks
        result = {name: self.dist / name for name in names if (self.dist / name).is_file()}
        for path in [self.yaml / "index.js", *sorted((self.yaml / "dist").rglob("*.js"))]:
            result[f"{YAML_FOLDER}/{path.relative_to(self.yaml).as_posix()}"] = path
        result[f"{YAML_FOLDER}/LICENSE"] = self.yaml.parent / "LICENSE"
        return result


def find_decap(root: Path) -> Decap | None:
    """Decap CMS and the yaml package as installed for the project at ``root``, or None."""
    modules = Path(os.environ.get(MODULES_VARIABLE) or root / MODULES)
    dist, browser = modules / "decap-cms" / "dist", modules / "yaml" / "browser"
    if not (dist / "decap-cms.js").is_file() or not (browser / "dist" / "index.js").is_file():
        return None
    version = json.loads((modules / "decap-cms" / "package.json").read_text(encoding="utf-8"))["version"]
    return Decap(dist, browser, str(version))


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def backend_origins(config: dict[str, Any]) -> list[str]:
    """The hosts the configuration has Decap talk to: its local backend, the proxy, GitHub's API and the
    OAuth server (the sign-in itself opens in a window of its own, which the policy does not govern)."""
    origins: list[str] = []
    local = config.get("local_backend")
    if local is True:
        origins.append(LOCAL_BACKEND)
    elif isinstance(local, dict):
        origins.append(_origin(str(local.get("url", ""))) or LOCAL_BACKEND)
    backend = config.get("backend") or {}
    if backend.get("proxy_url"):
        origins.append(_origin(str(backend["proxy_url"])) or "")
    if backend.get("name") == "github":
        origins.append(_origin(str(backend.get("api_root") or GITHUB_API)) or GITHUB_API)
    if backend.get("base_url"):  # the OAuth server; with auth_type pkce Decap asks it for the token itself
        origins.append(_origin(str(backend["base_url"])) or "")
    return list(dict.fromkeys(origin for origin in origins if origin))


def admin_policy(config: dict[str, Any]) -> str:
    """The Content-Security-Policy of /admin/: the site's own, with what Decap needs (and nothing else)."""
    origins = backend_origins(config)
    github = (config.get("backend") or {}).get("name") == "github"
    directives = {name: list(values) for name, values in BASE_POLICY.items()}
    # Decap compiles code at run time (and its image encoder, WebAssembly): 'unsafe-eval'.
    directives["script-src"] = ["'self'", "'unsafe-eval'"]
    # Images: uploads shown before they are saved (blob:), and GitHub's avatars and files.
    directives["img-src"] = ["'self'", "data:", "blob:", *(GITHUB_IMAGES if github else ())]
    directives["media-src"] = ["'self'", "blob:"]
    directives["connect-src"] = ["'self'", *origins]
    directives["worker-src"] = ["'self'", "blob:"]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def preview_styles(theme_dirs: Iterable[Path]) -> list[str]:
    """The site's stylesheets for the previews, relative to /admin/ (found in the theme's folders)."""
    folders = list(theme_dirs)
    styles = []
    for pattern in PREVIEW_STYLES:
        found = next((path.relative_to(folder).as_posix()
                      for folder in folders for path in sorted(folder.glob(pattern))), None)
        if found is not None:
            styles.append(f"../{found}")
    return styles


def admin_page(policy: str, site_name: str, styles: list[str]) -> str:
    """The HTML of /admin/index.html (from cms_assets/index.html)."""
    env = Environment(loader=FileSystemLoader(ASSETS), autoescape=select_autoescape(["html"]),
                      keep_trailing_newline=True)
    return env.get_template("index.html").render(policy=policy, site_name=site_name, styles=styles)


@dataclass(frozen=True)
class Written:
    """What :func:`write_admin` put in the site folder, and what it left in the served folder as it was."""

    written: list[str]  # site-relative paths
    kept: list[str]


def write_admin(site_dir: Path, decap: Decap, config_file: Path, *, site_name: str, styles: list[str],
                served: Path | None = None) -> Written:
    """Write /admin/ into ``site_dir``. ``served``: the preview's served folder, whose copies of Decap's
    files are kept when they are the same (a few megabytes copied again on each save otherwise)."""
    config_text = config_file.read_text(encoding="utf-8")
    config = yaml.safe_load(config_text) or {}
    target = site_dir / ADMIN
    target.mkdir(parents=True, exist_ok=True)
    sources = decap.files() | {name: ASSETS / source for source, name in OWN_FILES} | {"config.yml": config_file}
    written, kept = [f"{ADMIN}/index.html"], []
    for name, source in sources.items():
        rel = f"{ADMIN}/{name}"
        if served is not None and _same(source, served / rel):
            kept.append(rel)
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name)
        written.append(rel)
    (target / "index.html").write_text(admin_page(admin_policy(config), site_name, styles), encoding="utf-8")
    return Written(written, kept)


def _same(source: Path, copy: Path) -> bool:
    try:
        a, b = source.stat(), copy.stat()
    except OSError:
        return False
    return a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns
