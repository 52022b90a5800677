"""MkDocs glue: every page exists in every language, and each translation records the
version of the Korean page it translates (cloudnotes.missing_translations,
cloudnotes.translation_records). A strict build fails on either; `mkdocs serve` shows a
stale English page with a notice that links to the Korean page."""

from __future__ import annotations

from cloudnotes import site_context
from cloudnotes.language_versions import locale_prefix
from cloudnotes.missing_translations import find_missing_translations
from cloudnotes.preview import add_stale_notice
from cloudnotes.translation_records import check_docs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page


@event_priority(100)
def on_pre_build(config: MkDocsConfig) -> None:
    context = site_context.current()
    if context.locale != context.default_locale:
        return
    docs = context.docs_dir
    paths = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    for error in find_missing_translations(paths, locales=context.locales):
        context.report(error)
    for stale in check_docs(docs):
        context.report(stale.error)
        context.stale_translations.setdefault(stale.locale, set()).add(stale.slug)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    context = site_context.current()
    slug = page.file.src_uri.removesuffix(f".{context.locale}.md")
    if not context.serve or slug not in context.stale_translations.get(context.locale, ()):
        return output
    path = page.url.removeprefix(locale_prefix(context.locale))
    source = context.base_path + locale_prefix(context.default_locale) + path
    return add_stale_notice(
        output, source_href=source, source_locale=context.default_locale, ui=context.ui()
    )
