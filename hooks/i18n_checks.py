"""MkDocs glue: fail the build when a page exists in one language only."""

from __future__ import annotations

from pathlib import Path

from cloudnotes.translations import find_missing_translations
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


@event_priority(100)  # before mkdocs-static-i18n (-100) drops the untranslated files
def on_pre_build(config: MkDocsConfig) -> None:
    docs = Path(config.docs_dir)
    paths = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    problems = find_missing_translations(paths)
    if problems:
        raise PluginError("\n".join(p.message() for p in problems))
