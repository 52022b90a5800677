"""MkDocs glue: one root 404.html in every language (cloudnotes.not_found_page).

Each language build renders overrides/404.html; it is kept here before the next language
overwrites it, and once every language is built the pages are joined into one.
"""

from __future__ import annotations

from pathlib import Path

from cloudnotes import site_context
from cloudnotes.errors import AuthorError, Where
from cloudnotes.not_found_page import compose_404
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        context = site_context.current()
        context.not_found_pages[context.locale] = output_content
    return output_content


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    context = site_context.current()
    if not site_context.every_language_built(config):
        return
    if context.default_locale not in context.not_found_pages:
        return
    try:
        html = compose_404(
            context.not_found_pages, base_path=context.base_path, default=context.default_locale
        )
    except ValueError as error:
        context.report(
            AuthorError(
                where=Where("overrides/404.html"),
                problem=f"cannot join the 404 pages of every language ({error})",
                fix="keep overrides/404.html extending main.html (Material's bundle script)",
            )
        )
        return
    (Path(config.site_dir) / "404.html").write_text(html, encoding="utf-8")
