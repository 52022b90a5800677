"""MkDocs glue: every title a template prints is HTML, escaped once where it enters the
build (cloudnotes.titles): site_name, nav titles, front matter ``title:``."""

from __future__ import annotations

from cloudnotes.titles import escape_nav_titles, page_title_html, text_as_html
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


# mkdocs-static-i18n sets each language's site_name in on_config, and only over a plain str:
# the HTML value lives from on_pre_build to on_post_build, which is when pages are rendered.
def on_pre_build(config: MkDocsConfig) -> None:
    config.site_name = text_as_html(config.site_name)


@event_priority(100)  # before mkdocs-static-i18n (-100) builds the next language
def on_post_build(config: MkDocsConfig) -> None:
    if isinstance(config.site_name, Markup):
        config.site_name = config.site_name.unescape()


@event_priority(-120)  # after mkdocs-static-i18n (-100) translated the nav titles
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    escape_nav_titles(nav.items)
    return nav


@event_priority(-120)  # once the H1 is rendered; before any template (MkDocs renders them later)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.title = page_title_html(
        nav_title=vars(page).get("title"),  # set only by nav: (Page.title is a weak property)
        meta=page.meta,
        rendered=getattr(page, "_title_from_render", None),
        fallback=str(page.title),
    )
    return html
