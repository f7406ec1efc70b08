"""Where Casebook's settings come from: ``extra.casebook`` when hooks/casebook_hooks.py loads it (MkDocs
gives a hook no options), the plugin's own options when ``plugins: [casebook]`` does. The plugin's
MkDocs options are derived from the one declared model, casebook/site/settings.py, which checks them
either way."""

from __future__ import annotations

import enum
import logging
from pathlib import Path
from typing import Any

from mkdocs.config.base import BaseConfigOption, Config, PlainConfigSchema
from mkdocs.config.defaults import MkDocsConfig
from pydantic import BaseModel

from casebook.core.messages import default_language, msg
from casebook.plugin.report import say
from casebook.site.settings import HOOKS_PLACE, PLUGIN_PLACE, Given


class Unset(enum.Enum):
    """An option left out of mkdocs.yml, told apart from one written empty (which is checked)."""

    TOKEN = "unset"


class Setting(BaseConfigOption[Any]):
    """One of Casebook's settings as a plugin option. MkDocs only collects it: the model checks it in
    on_config, so a wrong value gets the same message as under extra.casebook, with its line."""

    def __init__(self) -> None:
        super().__init__()
        self.default = Unset.TOKEN


def option_scheme(model: type[BaseModel]) -> PlainConfigSchema:
    """The plugin's MkDocs options: one per field of ``model``."""
    return tuple((name, Setting()) for name in model.model_fields)


def given_settings(config: MkDocsConfig, options: Config | None) -> Given:
    """The settings as mkdocs.yml gives them: the plugin's ``options``, or with None (loaded by the
    hooks file) ``extra.casebook``."""
    config_file = Path(config.config_file_path)
    if options is None:
        return Given(config.extra.get("casebook") or {}, config_file, HOOKS_PLACE)
    if "casebook" in config.extra:
        say(msg("{file}: extra.casebook is not read when Casebook is loaded as a plugin; give these settings as "
                "the plugin's options instead (plugins: - casebook: ...).", file=config_file.name),
            default_language(), logging.WARNING)
    return Given({name: value for name, value in options.items() if value is not Unset.TOKEN}, config_file,
                 PLUGIN_PLACE)
