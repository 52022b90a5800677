"""MkDocs glue: ship docs/assets/stylesheets/site.css with its @imports inlined."""

from __future__ import annotations

from pathlib import Path

from cloudnotes.stylesheets import StylesheetError, inline_imports
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

BUNDLE = "assets/stylesheets/site.css"


def on_post_build(config: MkDocsConfig) -> None:
    built = Path(config.site_dir) / BUNDLE
    if not built.is_file():
        # mkdocs-static-i18n builds other languages into site/<lang>/ without copying
        # assets: they use the root's, which the default-language build inlined.
        return
    docs = Path(config.docs_dir)

    def read(path: str) -> str | None:
        file = docs / path
        return file.read_text(encoding="utf-8") if file.is_file() else None

    source = (docs / BUNDLE).read_text(encoding="utf-8")
    try:
        built.write_text(inline_imports(source, source=BUNDLE, read=read), encoding="utf-8")
    except StylesheetError as error:
        raise PluginError(f"docs/{error.message()}") from None
