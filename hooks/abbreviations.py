"""MkDocs glue: abbreviation tooltips in the page's own language (includes/abbreviations.*.md).

The glossaries are read once per build (``on_pre_build``), kept on the config object of
that build, and handed to the abbr extension before each page is rendered.
"""

from __future__ import annotations

from pathlib import Path

from cloudnotes.abbreviations import (
    SNIPPET_NAME,
    compare_glossaries,
    hangul_aware_abbr,
    parse_abbreviations,
    use_hangul_aware_abbr,
)
from cloudnotes.locales import LOCALES
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger("abbreviations")

# Where this build's glossaries are kept: an attribute of the build's own config object,
# not a module global, because mkdocs-static-i18n reuses this module for every language.
_TITLES = "cloudnotes_abbreviations"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.markdown_extensions = use_hangul_aware_abbr(
        config.markdown_extensions, config.mdx_configs
    )
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    glossaries = []
    for locale in LOCALES:
        rel = f"includes/{SNIPPET_NAME.format(locale=locale)}"
        path = root / rel
        if not path.is_file():
            raise PluginError(
                f"{rel} is missing: every language needs its abbreviation glossary "
                "(see CONTRIBUTING.md, 'Adding an acronym')."
            )
        glossary, problems = parse_abbreviations(
            path.read_text(encoding="utf-8"), source=rel, locale=locale
        )
        glossaries.append(glossary)
        for problem in problems:
            log.warning(problem.message())
    for problem in compare_glossaries(glossaries):
        log.warning(problem.message())
    setattr(config, _TITLES, {loc: g.titles for loc, g in zip(LOCALES, glossaries, strict=True)})


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    locale = getattr(page.file, "locale", None)
    if not isinstance(locale, str) or locale not in LOCALES:
        raise PluginError(
            f"docs/{page.file.src_uri}: no language suffix that mkdocs-static-i18n knows "
            f"(got {locale!r}); name the page <slug>.ko.md or <slug>.en.md."
        )
    titles: dict[str, dict[str, str]] = getattr(config, _TITLES)
    hangul_aware_abbr(config.markdown_extensions).use_glossary(titles[locale])
    return markdown
