"""MkDocs glue: a strict Content-Security-Policy <meta> in every published HTML file
(cloudnotes.content_security_policy), with the hashes of that file's inline scripts.

It runs over the written site once every language is built and the 404 page is composed,
so any page (topic pages, English pages, the joined 404, redirect stubs, future templates)
gets its policy without a template having to ask for it.
"""

from __future__ import annotations

from pathlib import Path

from cloudnotes import site_context
from cloudnotes.content_security_policy import add_policy
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority


@event_priority(-250)  # after the 404 page is joined (-200); serve's notices (-300) add no script
def on_post_build(config: MkDocsConfig) -> None:
    context = site_context.current()
    # `mkdocs serve` injects its live-reload script, with per-request values, into every page
    # it serves: no hash can allow it, so the preview goes without a policy.
    if context.serve or not site_context.every_language_built(config):
        return
    for page in sorted(Path(config.site_dir).rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        page.write_text(add_policy(text), encoding="utf-8")
