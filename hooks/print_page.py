"""MkDocs glue: fill the whole-course print page (docs/print.*.md, cloudnotes.print_page)
with every page of the nav in this language, taken from the rendered pages.

A page leaves the print page with ``print: {exclude: true}`` in its front matter (the
home and instructor pages do).

The print page goes without Material's script (``cn_without_material_script``, read by
overrides/main.html): on a page of every topic at once, its search, copy buttons and
scroll tracking blocked a phone for half a second, and a handout needs none of them.
"""

from __future__ import annotations

from typing import Any

from cloudnotes import site_context
from cloudnotes.errors import AuthorError, Where
from cloudnotes.instructor_page import sections_from_toc
from cloudnotes.language_versions import locale_prefix, site_path
from cloudnotes.print_page import (
    PRINT_SLUG,
    WHOLE_COURSE_MARKER,
    CoursePage,
    left_out_of_print,
    render_whole_course,
)
from cloudnotes.titles import title_text
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def _print_path() -> str:
    context = site_context.current()
    return f"{locale_prefix(context.locale, default=context.default_locale)}{PRINT_SLUG}/"


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    context["cn_without_material_script"] = site_path(page.url) == _print_path()
    return context


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every page's content and TOC is rendered by now, and no template yet."""
    context = site_context.current()
    prefix = locale_prefix(context.locale, default=context.default_locale)
    print_path = _print_path()
    target = next(
        (
            f.page
            for f in files.documentation_pages()
            if f.page is not None and site_path(f.page.url) == print_path
        ),
        None,
    )
    if target is None:
        return env
    content = target.content or ""
    if WHOLE_COURSE_MARKER not in content:
        context.report(
            AuthorError(
                where=Where(context.source(target.file.src_uri)),
                problem=f"the marker {WHOLE_COURSE_MARKER} is missing",
                fix="put it on a line of its own where the pages belong (see docs/print.ko.md)",
            )
        )
        return env
    pages = [
        CoursePage(
            path=site_path(p.url),
            slug=site_path(p.url).removeprefix(prefix).strip("/"),
            title=title_text(p.title),
            content=p.content or "",
            sections=sections_from_toc(list(p.toc), max_level=2),
        )
        for p in context.nav_pages.get(context.locale, [])
        if p is not target and not left_out_of_print(p.meta or {})
    ]
    whole = render_whole_course(
        pages,
        print_path=print_path,
        abbreviations=context.abbreviations(),
        back_to_contents=context.ui()["print_back_to_contents"],
    )
    target.content = content.replace(WHOLE_COURSE_MARKER, whole)
    return env
