"""MkDocs glue: acronym tooltips in the page's own language (cloudnotes.abbreviations).

The glossaries are read once per site build by the site context; before each page is
rendered, the abbr extension is handed that language's glossary. Each finished page gets
one tab stop per abbreviation, whose meaning overrides/partials/abbreviations.html shows
on focus (and on tap or click of any occurrence).
"""

from __future__ import annotations

from cloudnotes import site_context
from cloudnotes.abbreviations import (
    focusable_first_abbreviations,
    hangul_aware_abbr,
    use_hangul_aware_abbr,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.markdown_extensions = use_hangul_aware_abbr(
        config.markdown_extensions, config.mdx_configs
    )
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    context = site_context.current()
    hangul_aware_abbr(config.markdown_extensions).use_glossary(context.abbreviations())
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # The finished page, so generated parts (instructor tables, the print page) count too.
    return focusable_first_abbreviations(output)
