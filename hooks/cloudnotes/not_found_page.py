"""One 404 page for every language: GitHub Pages serves a single ``/404.html``."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping

from .language_versions import locale_prefix
from .locales import DEFAULT_LOCALE

_BUNDLE_SCRIPT = re.compile(
    r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"[^>]*>'
)
_BODY = re.compile(r"<body[^>]*>(?P<body>.*)</body>", re.DOTALL)
_TITLE = re.compile(r"<title>(?P<title>.*?)</title>", re.DOTALL)
_SCRIPT = re.compile(r"<script(?![^>]*\bid=\"__config\")[^>]*>.*?</script>", re.DOTALL)

# Chosen before Material's bundle runs, so Material starts on the right language's DOM
# (and reads that language's __config, hence its search index).
_SWAP_SCRIPT = (
    "<script>(function(){{var t=document.getElementById({tid}),s=document.currentScript,"
    "p=location.pathname;if(!t||!(p+'/').startsWith({base}+{folder}))return;"
    "document.documentElement.lang={lang};document.title=t.dataset.title;"
    "document.body.replaceChildren(t.content,s)}})()</script>"
)


def _attribute(title_html: str) -> str:
    return html.escape(html.unescape(title_html.strip()))


def compose_404(pages: Mapping[str, str], *, base_path: str, default: str = DEFAULT_LOCALE) -> str:
    """One root 404.html that shows the language of the requested path.

    GitHub Pages serves a single ``/404.html`` for every missing path. ``pages`` maps a
    locale to that language's rendered 404 page; the default language is the document,
    the others ride along in ``<template>`` elements and replace the body when the path
    starts with their folder (``/cloudnotes/en/...``). ``base_path`` is the site's path
    ('/cloudnotes/').
    """
    document = pages[default]
    match = _BUNDLE_SCRIPT.search(document)
    if match is None:
        raise ValueError("404 page: Material's bundle <script> not found; cannot add languages")
    extra: list[str] = []
    for locale, page in sorted(pages.items()):
        if locale == default:
            continue
        body = _BODY.search(page)
        title = _TITLE.search(page)
        if body is None or title is None:
            raise ValueError(f"404 page ({locale}): no <body> or <title>")
        content = _SCRIPT.sub("", body["body"])
        content = _BUNDLE_SCRIPT.split(content)[0]
        tid = f"cn-404-{locale}"
        extra.append(
            # <title> holds escaped text; dataset.title must give the text itself.
            f'<template id="{tid}" data-title="{_attribute(title["title"])}">{content}</template>'
        )
        extra.append(
            _SWAP_SCRIPT.format(
                tid=json.dumps(tid),
                base=json.dumps(base_path),
                folder=json.dumps(locale_prefix(locale, default=default)),
                lang=json.dumps(locale),
            )
        )
    return document[: match.start()] + "".join(extra) + document[match.start() :]
