"""MkDocs glue: footnotes render under each page's References heading."""

from __future__ import annotations

from cloudnotes.references import place_footnotes
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger("references")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    placed = place_footnotes(markdown)
    if placed is None:
        log.warning(
            f"docs/{page.file.src_uri}: footnotes but no '## … {{ #references }}' heading, "
            "so they would land at the bottom of the page. Add '## 참고 자료 { #references }' "
            "(Korean) or '## References { #references }' (English) as the last section."
        )
        return markdown
    return placed
