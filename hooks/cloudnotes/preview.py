"""What `mkdocs serve` shows in the pages themselves: the build's problems, stale translations.

A strict build fails on the same problems; the preview keeps answering and puts them
where the author is looking.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">')
_BODY = re.compile(r"<body[^>]*>")


def _insert_at_top(page_html: str, block: str) -> str:
    """Put ``block`` first in the article (after <body> on a page without one)."""
    match = _ARTICLE.search(page_html) or _BODY.search(page_html)
    if match is None:
        return block + page_html
    return page_html[: match.end()] + block + page_html[match.end() :]


def problems_notice(problems: Sequence[str], ui: Mapping[str, str]) -> str:
    items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    lead = html.escape(ui["preview_problems"].format(count=len(problems)))
    return f'<div class="cn-preview-problems" role="alert"><p>{lead}</p><ol>{items}</ol></div>'


def add_problems_notice(page_html: str, problems: Sequence[str], ui: Mapping[str, str]) -> str:
    if not problems:
        return page_html
    return _insert_at_top(page_html, problems_notice(problems, ui))


def add_stale_notice(
    page_html: str, *, source_href: str, source_locale: str, ui: Mapping[str, str]
) -> str:
    """The notice on a translation that is behind its source page, with a link to it."""
    notice = (
        '<div class="cn-preview-problems cn-stale-translation" role="note"><p>'
        f"{html.escape(ui['stale_translation'])} "
        f'<a href="{html.escape(source_href)}" hreflang="{source_locale}">'
        f"{html.escape(ui['stale_translation_link'])}</a></p></div>"
    )
    return _insert_at_top(page_html, notice)
