"""MkDocs glue: make mkdocs-redirects work in every language (cloudnotes.redirects).

``redirect_maps`` in mkdocs.yml is written once, in language-neutral paths; each language
build gets its own old paths and resolves the targets among its own pages.
"""

from __future__ import annotations

from cloudnotes import site_context
from cloudnotes.language_versions import locale_prefix
from cloudnotes.redirects import localize_redirect_map
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files


@event_priority(-150)  # after mkdocs-static-i18n (-100) picked this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    redirects = config.plugins.get("redirects")
    if redirects is None:
        return files
    context = site_context.current()
    prefix = locale_prefix(context.locale, default=context.default_locale)
    redirects.redirects = localize_redirect_map(redirects.config["redirect_maps"], prefix)
    redirects.doc_pages = {
        str(getattr(f, "norm_src_uri", f.src_uri)): f for f in files.documentation_pages()
    }
    return files
