"""MkDocs glue: typeset each page's content HTML (logic: ``cloudnotes.typeset``).

Runs in ``on_page_context`` so that it sees the instructor page after ``hooks/links.py``
filled it in (``on_env``), and at a priority above Material's search plugin, which
indexes the content in the same event and honours ``data-search-exclude``.
"""

from __future__ import annotations

from typing import Any

from cloudnotes.typeset import typeset_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


@event_priority(60)  # before the search plugin (0) reads page.content
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    if page.content:
        page.content = typeset_page(page.content)
    return context
