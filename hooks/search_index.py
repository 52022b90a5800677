"""MkDocs glue: one search index per language folder (cloudnotes.search_index).

Material searches ``<base>/search/search_index.json``; the English pages' base is the
``en/`` folder (overrides/main.html, block config), so each language finds only itself.
"""

from __future__ import annotations

import json
from pathlib import Path

from cloudnotes import site_context
from cloudnotes.search_index import split_search_index
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority


@event_priority(-200)  # after mkdocs-static-i18n (-100) merged every language's entries
def on_post_build(config: MkDocsConfig) -> None:
    if not site_context.every_language_built(config):
        return
    context = site_context.current()
    site = Path(config.site_dir)
    index_file = site / "search" / "search_index.json"
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    parts = split_search_index(index, locales=context.locales, default=context.default_locale)
    for prefix, part in parts.items():
        out = site / prefix / "search" / "search_index.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            json.dumps(part, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
            encoding="utf-8",
        )
