"""MkDocs glue: a sitemap for each language folder (cloudnotes.sitemaps); Material reads
``<base>/sitemap.xml``, and a sitemap may list only the URLs under its own folder.

Each page's ``<lastmod>`` is the date of its source's last commit (cloudnotes.page_dates),
not the day of the build, and ``sitemap.xml.gz`` carries no build time: a deploy of the
same commit on another day publishes the same bytes. A page with ``robots: noindex`` in its
front matter (the whole-course print page, which repeats every other page) is left out.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cloudnotes import site_context
from cloudnotes.language_versions import absolute_url, locale_prefix, site_path
from cloudnotes.page_dates import source_date
from cloudnotes.sitemaps import gzip_sitemap, sitemap_for_folder, sitemap_without
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    source = page.file.abs_src_path
    history = site_context.current().commit_times()
    page.update_date = source_date(
        Path(source) if source else None, environ=os.environ, history=history
    )
    return page


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    if "noindex" in str((page.meta or {}).get("robots", "")):
        site = site_context.current()
        site.unlisted_urls.add(absolute_url(site.site_url, site_path(page.url)))
    return context


@event_priority(-200)  # after mkdocs-static-i18n (-100) wrote the site's sitemap
def on_post_build(config: MkDocsConfig) -> None:
    if not site_context.every_language_built(config):
        return
    context = site_context.current()
    site = Path(config.site_dir)
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    xml = sitemap_without(sitemap.read_text(encoding="utf-8"), context.unlisted_urls)
    sitemap.write_text(xml, encoding="utf-8")
    for locale in context.locales:
        prefix = locale_prefix(locale, default=context.default_locale)
        if prefix:
            folder = absolute_url(context.site_url, prefix)
            (site / prefix / "sitemap.xml").write_text(
                sitemap_for_folder(xml, folder), encoding="utf-8"
            )
    for packed in sorted(site.rglob("sitemap.xml.gz")):
        plain = packed.with_suffix("")
        if plain.is_file():
            packed.write_bytes(gzip_sitemap(plain.read_bytes()))
