"""MkDocs glue: start each site build's shared context (cloudnotes.site_context), and in
`mkdocs serve` put the build's problems into the pages instead of failing the rebuild.

Listed first under `hooks:` in mkdocs.yml; its on_config runs before every other hook's.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cloudnotes import site_context
from cloudnotes.preview import add_problems_notice
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

log = get_plugin_logger("cloudnotes")


def on_startup(command: str, dirty: bool) -> None:
    site_context.set_command(command)


def _i18n(config: MkDocsConfig) -> Any:
    return config.plugins.get("i18n")


@event_priority(200)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if site_context.serving():
        site_context.keep_serving_after_problems()
    i18n = _i18n(config)
    # mkdocs-static-i18n builds the other languages from inside the default one's
    # on_post_build (i18n.building): only the default language's build starts a site build.
    if i18n is None or not i18n.building:
        languages = i18n.config.languages if i18n is not None else []
        context = site_context.start(
            root=Path(config.config_file_path).resolve().parent,
            docs_dir=Path(config.docs_dir).resolve(),
            site_url=config.site_url or "",
            language_names={str(lang.locale): str(lang.name) for lang in languages},
            environ=os.environ,
            glossaries=any(
                str(ext).endswith("abbr") or type(ext).__name__.endswith("AbbrExtension")
                for ext in config.markdown_extensions
            ),
        )
    else:
        context = site_context.current()
    if i18n is not None:
        context.locale = str(i18n.current_language or i18n.default_language)
    elif config.theme.get("language") in context.locales:  # a one-language site
        context.locale = str(config.theme["language"])
    site_context.quiet_logging()
    return config


@event_priority(-110)  # after mkdocs-static-i18n (-100) translated this language's nav
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """The pages of this language's nav, in reading order (instructor and print pages)."""
    context = site_context.current()
    context.nav_pages[context.locale] = list(nav.pages)
    return nav


@event_priority(-300)  # last: after every language is built and every check has run
def on_post_build(config: MkDocsConfig) -> None:
    context = site_context.current()
    if not site_context.every_language_built(config) or not context.serve or not context.problems:
        return
    site = Path(config.site_dir)
    prefixes = {loc: f"{loc}/" for loc in context.locales if loc != context.default_locale}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        locale = next((loc for loc, p in prefixes.items() if rel.startswith(p)), None)
        ui = context.ui(locale or context.default_locale)
        text = page.read_text(encoding="utf-8")
        page.write_text(add_problems_notice(text, context.problems, ui), encoding="utf-8")
    log.warning(
        f"{len(context.problems)} problem(s) above: the preview shows them at the top of "
        "every page; `make build` (and CI) fail until they are fixed."
    )
