"""MkDocs glue: every page knows its other language versions, and speaks its own language.

- Markdown's own interface strings (heading permalinks, footnote back-links) per language;
- template variables (``cn_*``) for the language menu, the absolute hreflang alternates in
  <head>, the language folder Material searches under, and our interface strings.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from cloudnotes import site_context
from cloudnotes.language_versions import locale_prefix, page_alternates, site_path
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

_MATERIAL_VERSION = version("mkdocs-material")


@event_priority(-110)  # after mkdocs-static-i18n (-100) switched the config to this language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    ui = site_context.current().ui()
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = ui["section_link_title"]
    footnotes = config.mdx_configs.setdefault("footnotes", {})
    footnotes["BACKLINK_TITLE"] = ui["footnote_backlink_title"]
    return config


def _context() -> dict[str, Any]:
    """Variables every template of this language can use."""
    context = site_context.current()
    locale = context.locale
    other = next((loc for loc in context.locales if loc != locale), locale)
    return {
        "cn_locale": locale,
        "cn_text": context.ui(),
        "cn_language_folder": locale_prefix(locale),
        "cn_home_path": context.base_path + locale_prefix(locale),
        "cn_other_locale": other,
        "cn_other_home_path": context.base_path + locale_prefix(other),
        "cn_languages": [
            {"lang": loc, "name": context.language_names.get(loc, loc), "path": locale_prefix(loc)}
            for loc in context.locales
        ],
        "cn_material_version": _MATERIAL_VERSION,
    }


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """Static templates (404.html): no page, so the language menu points at the homes."""
    context.update(_context())
    return context


@event_priority(-60)  # after mkdocs-static-i18n (50) set up the page's alternates
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    context.update(_context())
    site = site_context.current()
    versions = getattr(page.file, "alternates", {}) or {}
    paths = {str(loc): site_path(f.url) for loc, f in versions.items()}
    paths.setdefault(site.locale, site_path(page.url))
    alternates = page_alternates(paths, site.language_names)
    context["cn_hreflang"] = [{"lang": a.lang, "href": a.href(site.site_url)} for a in alternates]
    context["cn_languages"] = [
        {"lang": a.lang, "name": a.name, "path": a.path}
        for a in alternates
        if a.lang != "x-default"
    ]
    return context
