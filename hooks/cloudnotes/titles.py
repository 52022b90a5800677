"""Titles are HTML, escaped once where they enter the build.

MkDocs hands templates a page title taken from the page's H1 as HTML (the heading's inner
HTML with its tags stripped and its entities kept: ``Docker &amp; …``), and Material prints
every title (nav, header, footer, tabs, the site name) as it is. Titles typed as text, in
``nav:`` (and ``nav_translations``), in front matter ``title:`` and in ``site_name``, reached
the same templates unescaped: ``C++ & <T>`` made a ``<t>`` element. Escaping them once, as
:class:`markupsafe.Markup`, gives every title one meaning (HTML) wherever it is printed, and
Material's few ``| e`` filters (logo title, footer aria-labels) leave a Markup value as it is
instead of escaping it twice. Code that needs the reader's text calls :func:`title_text`.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from typing import Any

from markupsafe import Markup, escape


def text_as_html(value: object) -> Markup:
    """A title typed as text, as HTML; a Markup value is already HTML and stays as it is."""
    return escape(value)


def title_text(value: object) -> str:
    """What a reader sees of an HTML title: tags dropped, entities decoded, spaces collapsed."""
    return Markup(str(value)).striptags()


def escape_nav_titles(items: Iterable[Any]) -> None:
    """Sections and links of the nav carry titles typed in mkdocs.yml (pages: see below)."""
    for item in items:
        if getattr(item, "is_page", False):
            continue
        if getattr(item, "title", None) is not None:
            item.title = text_as_html(item.title)
        escape_nav_titles(getattr(item, "children", None) or [])


def page_title_html(
    *, nav_title: object | None, meta: MutableMapping[str, Any], rendered: str | None, fallback: str
) -> Markup:
    """A page's title as HTML, from the first of: its nav title (text), front matter
    ``title:`` (text, escaped in ``meta`` too: Material prints ``page.meta.title``), its H1
    (HTML already), MkDocs' fallback from the file name (text)."""
    if meta.get("title") is not None:
        meta["title"] = text_as_html(meta["title"])
    if nav_title is not None:
        return text_as_html(nav_title)
    if meta.get("title") is not None:
        return Markup(meta["title"])
    if rendered:
        return Markup(rendered)
    return text_as_html(fallback)
