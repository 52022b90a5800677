"""MkDocs glue: fill the instructor page (docs/linking.*.md, cloudnotes.instructor_page)
with every page and section of this language, taken from the rendered pages."""

from __future__ import annotations

from typing import Any

from cloudnotes import site_context
from cloudnotes.errors import AuthorError, Where
from cloudnotes.instructor_page import (
    CITATION_MARKER,
    LINK_TABLE_MARKER,
    LINKING_SLUG,
    PageLinks,
    render_citation,
    render_link_tables,
    sections_from_toc,
)
from cloudnotes.language_versions import locale_prefix, site_path
from cloudnotes.titles import title_text
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

LICENSE = "CC BY-SA 4.0"


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every page's TOC is rendered by now, and no template yet."""
    context = site_context.current()
    nav_pages = context.nav_pages.get(context.locale, [])
    # Then the pages linked but not in the nav (the whole-course print page).
    pages = nav_pages + [
        f.page
        for f in files.documentation_pages()
        if f.page is not None and f.page not in nav_pages
    ]
    prefix = locale_prefix(context.locale, default=context.default_locale)
    target = next((p for p in pages if site_path(p.url) == f"{prefix}{LINKING_SLUG}/"), None)
    if target is None:
        return env
    content = target.content or ""
    missing = [m for m in (LINK_TABLE_MARKER, CITATION_MARKER) if m not in content]
    if missing:
        context.report(
            AuthorError(
                where=Where(context.source(target.file.src_uri)),
                problem=f"the marker {missing[0]} is missing",
                fix="put it on a line of its own where the generated part belongs "
                "(see docs/linking.ko.md)",
            )
        )
        return env
    listed = [
        PageLinks(
            title=title_text(p.title),  # titles are HTML (hooks/titles.py)
            slug=site_path(p.url).removeprefix(prefix),
            sections=sections_from_toc(list(p.toc)),
        )
        for p in pages
        if p is not target
    ]
    tables, tokens = render_link_tables(
        listed,
        locale=context.locale,
        site_url=context.site_url,
        abbreviations=context.abbreviations(),
        locales=context.locales,
        default=context.default_locale,
    )
    citation = render_citation(
        site_name=title_text(config.site_name),
        site_url=context.site_url,
        locale=context.locale,
        license_text=LICENSE,
    )
    target.content = content.replace(LINK_TABLE_MARKER, tables).replace(CITATION_MARKER, citation)
    _nest_in_toc(context, target, tokens)
    return env


def _nest_in_toc(
    context: site_context.SiteContext, page: Page, tokens: list[dict[str, Any]]
) -> None:
    """Nest the generated page headings under the heading that holds the table marker."""
    extra = list(get_toc(tokens))  # type: ignore[arg-type]
    for item in page.toc:
        for child in item.children:
            if child.id == "pages-and-sections":
                child.children.extend(extra)
                return
    context.report(
        AuthorError(
            where=Where(context.source(page.file.src_uri)),
            problem="no '## … { #pages-and-sections }' heading, so the generated page list is "
            "missing from the table of contents",
            fix="add that heading above the table marker",
        )
    )
