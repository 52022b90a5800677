"""MkDocs glue for links that last (issue 4); the work is in ``cloudnotes.links`` and
``cloudnotes.linking``.

- every page gets absolute hreflang alternates (ko, en, x-default) for its <head> and the
  language menu (overrides/partials/hreflang.html, overrides/partials/alternate.html);
- English pages read an English-only search index (``en/search/search_index.json``) and
  the Korean root index holds Korean pages only, tokenized for Korean particles;
- ``en/sitemap.xml`` exists for Material's English base;
- one root 404.html shows Korean or English by the requested path;
- the instructor page (docs/linking.*.md) is filled from the rendered pages.

mkdocs-static-i18n builds the default language, then each other language from inside its
own ``on_post_build`` (priority -100), all into one site folder. Steps that need every
language run at priority -200, which comes last in the outermost build.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cloudnotes.abbreviations import read_abbreviations
from cloudnotes.linking import (
    CITATION_MARKER,
    LINK_TABLE_MARKER,
    LINKING_SLUG,
    PageLinks,
    render_citation,
    render_link_tables,
    sections_from_toc,
    ui_text,
)
from cloudnotes.links import (
    absolute_url,
    base_path,
    compose_404,
    locale_prefix,
    localize_config_base,
    localize_redirect_map,
    page_alternates,
    site_path,
    sitemap_for_folder,
    split_search_index,
)
from cloudnotes.locales import DEFAULT_LOCALE
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

log = get_plugin_logger("links")

# Rendered 404 page of each language, captured before the next language overwrites it.
_not_found_pages: dict[str, str] = {}
_nav_pages: dict[str, list[Page]] = {}


def _i18n(config: MkDocsConfig) -> Any:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError(
            "hooks/links.py needs the mkdocs-static-i18n plugin ('i18n' in mkdocs.yml)"
        )
    return plugin


def _current_locale(config: MkDocsConfig) -> str:
    return str(_i18n(config).current_language or DEFAULT_LOCALE)


def _language_names(config: MkDocsConfig) -> dict[str, str]:
    return {str(lang.locale): str(lang.name) for lang in _i18n(config).config.languages}


@event_priority(-110)  # after mkdocs-static-i18n (-100) switched config to this language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Markdown extension options are global; give the heading permalinks this language's title."""
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = ui_text(_current_locale(config))["section_link_title"]
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    if _current_locale(config) == DEFAULT_LOCALE:
        _not_found_pages.clear()
        _nav_pages.clear()


@event_priority(-100)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _nav_pages[_current_locale(config)] = list(nav.pages)
    return nav


@event_priority(-150)  # after mkdocs-static-i18n (-100) picked this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Make mkdocs-redirects work in every language (see localize_redirect_map)."""
    redirects = config.plugins.get("redirects")
    if redirects is None:
        return files
    prefix = locale_prefix(_current_locale(config))
    redirects.redirects = localize_redirect_map(redirects.config["redirect_maps"], prefix)
    redirects.doc_pages = {
        str(getattr(f, "norm_src_uri", f.src_uri)): f for f in files.documentation_pages()
    }
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Fill the instructor page: every page's TOC is rendered by now, no template yet."""
    locale = _current_locale(config)
    pages = _nav_pages.get(locale, [])
    prefix = locale_prefix(locale)
    linking = [p for p in pages if site_path(p.url) == f"{prefix}{LINKING_SLUG}/"]
    if not linking:
        return env
    target = linking[0]
    listed = [
        PageLinks(
            title=str(p.title),
            slug=site_path(p.url).removeprefix(prefix),
            sections=sections_from_toc(list(p.toc)),
        )
        for p in pages
        if p is not target
    ]
    content = target.content or ""
    for marker in (LINK_TABLE_MARKER, CITATION_MARKER):
        if marker not in content:
            raise PluginError(
                f"docs/{target.file.src_uri}: the marker {marker} is missing; put it on a line "
                "of its own where the generated part belongs (see docs/linking.ko.md)."
            )
    includes = Path(config.docs_dir).parent / "includes"
    tables, tokens = render_link_tables(
        listed,
        locale=locale,
        site_url=config.site_url or "",
        abbreviations=read_abbreviations(includes, locale=locale),
    )
    citation = render_citation(
        site_name=config.site_name,
        site_url=config.site_url or "",
        locale=locale,
        license_text="CC BY-SA 4.0",
    )
    target.content = content.replace(LINK_TABLE_MARKER, tables).replace(CITATION_MARKER, citation)
    _append_toc(target, tokens)
    return env


def _append_toc(page: Page, tokens: list[dict[str, Any]]) -> None:
    """Nest the generated page headings under the heading that holds the table marker."""
    toc = page.toc
    extra = list(get_toc(tokens))  # type: ignore[arg-type]
    for item in toc:
        for child in item.children:
            if child.id == "pages-and-sections":
                child.children.extend(extra)
                return
    log.warning(
        f"docs/{page.file.src_uri}: no '## … {{ #pages-and-sections }}' heading; the generated "
        "page list is missing from the table of contents. Add that heading above the table marker."
    )


def _template_context(config: MkDocsConfig) -> dict[str, Any]:
    """Strings and language homes every template of this language can use."""
    locale = _current_locale(config)
    names = _language_names(config)
    other = next((loc for loc in names if loc != locale), locale)
    root = base_path(config.site_url or "/")
    return {
        "cn_home_path": root + locale_prefix(locale),
        "cn_other_home_path": root + locale_prefix(other),
        "cn_locale": locale,
        "cn_text": ui_text(locale),
        "cn_home": locale_prefix(locale),
        "cn_other_locale": other,
        "cn_other_home": locale_prefix(other),
        "cn_languages": [
            {"lang": loc, "name": name, "path": locale_prefix(loc)} for loc, name in names.items()
        ],
    }


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """Static templates (404.html): no page, so the language menu points at the homes."""
    context.update(_template_context(config))
    return context


@event_priority(-60)  # after mkdocs-static-i18n (50) set up the page's alternates
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    context.update(_template_context(config))
    alternates_files = getattr(page.file, "alternates", {}) or {}
    paths = {str(loc): site_path(f.url) for loc, f in alternates_files.items()}
    paths.setdefault(_current_locale(config), site_path(page.url))
    site_url = config.site_url or ""
    alternates = page_alternates(paths, _language_names(config))
    context["cn_hreflang"] = [{"lang": a.lang, "href": a.href(site_url)} for a in alternates]
    context["cn_languages"] = [
        {"lang": a.lang, "name": a.name, "path": a.path}
        for a in alternates
        if a.lang != "x-default"
    ]
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return localize_config_base(output, locale_prefix(_current_locale(config)))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Keep this language's 404 page before the next language's build overwrites it."""
    if template_name == "404.html":
        locale = _current_locale(config)
        _not_found_pages[locale] = localize_config_base(output_content, locale_prefix(locale))
    return output_content


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    _split_search_index(site)
    _write_language_sitemaps(site, config)
    if DEFAULT_LOCALE in _not_found_pages:
        html = compose_404(_not_found_pages, base_path=base_path(config.site_url or "/"))
        (site / "404.html").write_text(html, encoding="utf-8")


def _split_search_index(site: Path) -> None:
    index_file = site / "search" / "search_index.json"
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for prefix, part in split_search_index(index).items():
        out = site / prefix / "search" / "search_index.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            json.dumps(part, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
            encoding="utf-8",
        )


def _write_language_sitemaps(site: Path, config: MkDocsConfig) -> None:
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    xml = sitemap.read_text(encoding="utf-8")
    for locale in _language_names(config):
        prefix = locale_prefix(locale)
        if prefix:
            folder = absolute_url(config.site_url or "/", prefix)
            (site / prefix / "sitemap.xml").write_text(
                sitemap_for_folder(xml, folder), encoding="utf-8"
            )
