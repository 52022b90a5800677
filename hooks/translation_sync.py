"""MkDocs glue: warn (fails --strict) when an English page's translation record is stale
or missing. The logic and the refresh command: ``cloudnotes.translation_sync``."""

from __future__ import annotations

from pathlib import Path

from cloudnotes.translation_sync import check_docs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("translation_sync")


@event_priority(90)  # once, in the default-language build; i18n rebuilds the others
def on_pre_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.current_language not in (None, i18n.default_language):
        return
    for problem in check_docs(Path(config.docs_dir)):
        log.warning(problem.message())
