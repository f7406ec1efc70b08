"""Where the CMS at ``/admin/`` publishes: the ``cms`` setting (declared on
:class:`~casebook.site.settings.Settings`), and how ``casebook cms`` reads it from ``mkdocs.yml``
without MkDocs.

```yaml
extra:
  casebook:
    cms:
      repo: eksempel/casebook            # the GitHub repository, owner/name
      branch: main                       # the branch editors' changes are merged into
      base_url: https://cms-auth.eksempel.dk   # the OAuth client's address (see docs/cms.md)
      auth_endpoint: auth                # its path there, if not "auth"
      site_domain: eksempel.netlify.app  # with Netlify's OAuth client: the Netlify site's domain
```

Without ``repo`` the generated configuration names :data:`PLACEHOLDER_REPO`, which Decap cannot
publish to; the build and ``casebook cms`` warn (only for a project that has ``cms/config.yml``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from casebook.core.issues import Issue, Severity
from casebook.core.messages import msg
from casebook.model.fields import doc

PLACEHOLDER_REPO = "OWNER/REPOSITORY"
CMS_CONFIG = "cms/config.yml"
_FIELDS = ("repo", "branch", "base_url", "auth_endpoint", "site_domain")
# The checks' messages and hints, by error type (casebook/site/settings.py makes them problems, "config.cms").
PROBLEMS = {
    "cms.not-a-block": (msg("cms must be a block of settings"),
                        msg("write its settings below it: repo, and optionally branch, base_url, auth_endpoint "
                            "and site_domain")),
    "cms.unknown": (msg("the cms setting has no setting '{name}'"),
                    msg("its settings are repo, branch, base_url, auth_endpoint and site_domain")),
    "cms.repo": (msg("'{value}' is not a GitHub repository"), msg("write it as owner/name, e.g. eksempel/casebook")),
    "cms.not-web": (msg("'{value}' is not a web address"), msg("write the full address, starting with https://")),
}


def _error(kind: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, PROBLEMS[kind][0], ctx)


def _repository(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", value):
        raise _error("cms.repo", value=value)
    return value


def _web(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise _error("cms.not-web", value=value)
    return value


Repository = Annotated[str, AfterValidator(_repository)]
WebAddress = Annotated[str, AfterValidator(_web)]


class CmsBackend(BaseModel):
    """The GitHub repository the CMS edits, and the OAuth client that lets editors sign in to it."""

    model_config = ConfigDict(extra="ignore", frozen=True)  # an unknown name is reported by _known first

    @model_validator(mode="before")
    @classmethod
    def _known(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            raise _error("cms.not-a-block")
        unknown = [name for name in data if name not in _FIELDS]
        if unknown:
            raise _error("cms.unknown", name=unknown[0])
        return data

    repo: Repository | None = doc("The GitHub repository the CMS edits, as owner/name.",
                                  "GitHub-repositoriet, som CMS'et redigerer, som ejer/navn.", default=None)
    branch: str = doc("The branch the editors' pull requests are merged into.",
                      "Den gren, redaktørernes pull requests flettes ind i.", default="main")
    base_url: WebAddress | None = doc(
        "The address of the OAuth client editors sign in through (GitHub Pages has none).",
        "Adressen på den OAuth-klient, redaktørerne logger ind gennem (GitHub Pages har ingen).", default=None)
    auth_endpoint: str | None = doc("The OAuth client's path at base_url, if it is not 'auth'.",
                                    "OAuth-klientens sti på base_url, hvis den ikke er 'auth'.", default=None)
    site_domain: str | None = doc(
        "With Netlify's OAuth client: the domain of the Netlify site that holds it (Decap otherwise names the "
        "site's own host, which Netlify does not know for a site on GitHub Pages).",
        "Med Netlifys OAuth-klient: domænet for det Netlify-site, der har den (ellers sender Decap sitets egen "
        "adresse, som Netlify ikke kender for et site på GitHub Pages).", default=None)


def cms_warnings(place: str, backend: CmsBackend | None, config_file: Path) -> list[Issue]:
    """A warning when the project has a CMS configuration but no repository for it to publish to."""
    if (backend is not None and backend.repo) or not (config_file.parent / CMS_CONFIG).is_file():
        return []
    return [Issue(config_file.name, 0, 0, "config.cms",
                  msg("no repository is set for the CMS, so /admin/ cannot publish the editors' changes"),
                  f"{place}.cms.repo",
                  msg("set {place}.cms.repo to the GitHub repository (owner/name), then run: casebook cms",
                      place=place), Severity.WARNING)]


class _SettingsLoader(yaml.SafeLoader):
    """mkdocs.yml as plain data: ``!ENV [NAME, default]`` gives its default (so that what is generated from
    it does not depend on the environment), MkDocs' other tags nothing."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [None]
    return values[-1] if len(values) > 1 else None


def _other(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_SettingsLoader.add_constructor("!ENV", _env)
_SettingsLoader.add_multi_constructor("", _other)
_SettingsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _other)


def read_mkdocs(config_file: Path) -> dict[str, Any]:
    """``mkdocs.yml`` as data, or nothing when it is missing."""
    if not config_file.is_file():
        return {}
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_SettingsLoader)  # a SafeLoader
    return data if isinstance(data, dict) else {}


def casebook_settings(mkdocs: Mapping[str, Any]) -> dict[str, Any]:
    """Casebook's settings as mkdocs.yml gives them: the plugin's options, else ``extra.casebook``."""
    for plugin in mkdocs.get("plugins") or ():
        if isinstance(plugin, Mapping) and isinstance(plugin.get("casebook"), Mapping):
            return dict(plugin["casebook"])
    extra = mkdocs.get("extra")
    found = extra.get("casebook") if isinstance(extra, Mapping) else None
    return dict(found) if isinstance(found, Mapping) else {}


def site_url_of(mkdocs: Mapping[str, Any]) -> str | None:
    """The site's address as mkdocs.yml writes it (an ``!ENV`` setting gives its default)."""
    value = mkdocs.get("site_url")
    return value if isinstance(value, str) and value else None
