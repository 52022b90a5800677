"""MkDocs glue: a sitemap for each language folder (cloudnotes.sitemaps); Material reads
``<base>/sitemap.xml``, and a sitemap may list only the URLs under its own folder."""

from __future__ import annotations

from pathlib import Path

from cloudnotes import site_context
from cloudnotes.language_versions import absolute_url, locale_prefix
from cloudnotes.sitemaps import sitemap_for_folder
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority


@event_priority(-200)  # after mkdocs-static-i18n (-100) wrote the site's sitemap
def on_post_build(config: MkDocsConfig) -> None:
    if not site_context.every_language_built(config):
        return
    context = site_context.current()
    site = Path(config.site_dir)
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    xml = sitemap.read_text(encoding="utf-8")
    for locale in context.locales:
        prefix = locale_prefix(locale, default=context.default_locale)
        if prefix:
            folder = absolute_url(context.site_url, prefix)
            (site / prefix / "sitemap.xml").write_text(
                sitemap_for_folder(xml, folder), encoding="utf-8"
            )
