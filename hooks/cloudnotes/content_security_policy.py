"""A strict Content-Security-Policy for every published page, as a ``<meta>`` element.

GitHub Pages sends no custom headers, so the policy travels in each page's ``<head>``, before
any script (a ``<meta>`` policy governs only what the parser meets after it). Scripts run only
from this site or when their text hashes to one listed for that page: Material's, our
templates' and the 404 page's inline scripts are hashed at build time, so no
``'unsafe-inline'`` or ``'unsafe-eval'`` is needed. Everything else is same-origin only.

Measured in Chromium (tests/test_content_security_policy.py), every page of both languages,
the 404 page and the search dialog: ``style-src 'self'`` needs no ``'unsafe-inline'`` (the
pages carry no ``style`` attribute or ``<style>`` element; Material styles elements through
the CSSOM, which a policy does not govern); ``img-src`` needs ``data:`` for the icons that
Material's and our stylesheets draw as ``mask-image: url("data:image/svg+xml,…")``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser

# Directives a <meta> policy ignores (and Chromium logs an error for) are left out:
# frame-ancestors, report-uri, report-to, sandbox.
POLICY_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'none'"),
    ("script-src", "'self'"),  # plus the page's inline script hashes
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("connect-src", "'self'"),  # the search index (Material fetches it)
    ("worker-src", "'self'"),  # Material's search worker
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
)

# Script types a browser runs (anything else, like Material's application/json config, is data).
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"\s*<meta\s+charset=[^>]*>", re.I)
_OURS = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)
_OPENING = re.compile(r"(?:\s*<!doctype[^>]*>)?(?:\s*<html\b[^>]*>)?", re.I)
# A script's text ends at the first "</script" (HTML's raw-text rule), so the parser need
# only see each script element, not the whole page (0.28 s of a build, measured; now 0.005 s).
# A comment is passed over whole (a script in it does not run).
_SCRIPT_ELEMENT = re.compile(r"<!--.*?-->|(?P<script><script\b.*?</script\s*>)", re.I | re.S)


class _InlineScripts(HTMLParser):
    """Collects the text of every inline script a browser would run (in ``<template>`` too:
    the 404 page moves a template's content into the document)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        values = {name: (value or "") for name, value in attrs}
        runs = values.get("type", "").strip().lower() in _SCRIPT_TYPES
        self._open = [] if runs and "src" not in values else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            if self._open is not None:
                self.scripts.append("".join(self._open))
            self._open = None


def inline_scripts(page_html: str) -> list[str]:
    """The text of each inline script in ``page_html``, in document order."""
    parser = _InlineScripts()
    for element in _SCRIPT_ELEMENT.finditer(page_html):
        if element["script"] is not None:
            parser.feed(element["script"])
    parser.close()
    return parser.scripts


def script_hash(script: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(hashes: Iterable[str]) -> str:
    sources = dict(POLICY_DIRECTIVES)
    listed = sorted(set(hashes))
    if listed:
        sources["script-src"] += " " + " ".join(listed)
    return "; ".join(f"{name} {value}" for name, value in sources.items())


def page_policy(page_html: str) -> str:
    return policy(script_hash(s) for s in inline_scripts(page_html))


def add_policy(page_html: str) -> str:
    """``page_html`` with its policy as the first element of ``<head>`` after the charset
    (which must stay in the first 1024 bytes); an older policy of ours is replaced."""
    page_html = _OURS.sub("", page_html)
    meta = (
        f'\n    <meta http-equiv="Content-Security-Policy" '
        f'content="{html.escape(page_policy(page_html), quote=False)}">'
    )
    head = _HEAD.search(page_html)
    if head is None:  # the parser opens <head> for the meta itself
        at = _OPENING.match(page_html)
        end = at.end() if at else 0
    else:
        charset = _CHARSET.match(page_html, head.end())
        end = charset.end() if charset else head.end()
    return page_html[:end] + meta + page_html[end:]
