"""MkDocs glue: publish pages and the files they use, not every theme file
(cloudnotes.published_files): no template partial, no search stemmer of another language,
no source map that nothing names."""

from __future__ import annotations

from pathlib import Path

from cloudnotes import site_context
from cloudnotes.published_files import searched_scripts, unused_theme_file
from cloudnotes.search_index import SEARCH_SETTINGS
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files


@event_priority(-160)  # after mkdocs-static-i18n (-100) chose this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    context = site_context.current()
    searched = searched_scripts(SEARCH_SETTINGS, locales=context.locales)
    themes = {str(d) for d in config.theme.dirs}

    def asset_text(src_uri: str) -> str | None:
        file = files.get_file_from_path(src_uri)
        path = Path(file.abs_src_path) if file is not None and file.abs_src_path else None
        return path.read_text(encoding="utf-8") if path is not None and path.is_file() else None

    unused = [
        file
        for file in files
        if file.src_dir in themes
        and unused_theme_file(file.src_uri, searched=searched, asset_text=asset_text)
    ]
    for file in unused:
        files.remove(file)
    return files
