"""MkDocs glue: footnotes render under each page's References heading."""

from __future__ import annotations

from cloudnotes import site_context
from cloudnotes.errors import AuthorError, Where
from cloudnotes.references import place_footnotes
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    context = site_context.current()
    placed = place_footnotes(markdown)
    if placed is None:
        context.report(
            AuthorError(
                where=Where(context.source(page.file.src_uri)),
                problem="footnotes but no '## … { #references }' heading, so they would land "
                "at the bottom of the page",
                fix="add '## 참고 자료 { #references }' (Korean) or "
                "'## References { #references }' (English) as the last section",
            )
        )
        return markdown
    return placed
