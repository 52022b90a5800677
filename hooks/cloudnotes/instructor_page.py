"""The instructor page ("강의에서 링크하기" / "Linking from a syllabus").

A hook fills the page from the rendered pages of the build (titles and heading ids from
each page's table of contents), so it cannot go stale: every page and every section with
its stable URL in both languages and a copy button (Material's clipboard integration
handles any element with ``data-clipboard-text``).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .abbreviations import abbreviate_text
from .language_versions import absolute_url, locale_prefix
from .locales import DEFAULT_LOCALE, LOCALES
from .ui import ui_text

LINK_TABLE_MARKER = "<!-- cloudnotes:link-table -->"
CITATION_MARKER = "<!-- cloudnotes:citation -->"
LINKING_SLUG = "linking"


@dataclass(frozen=True)
class Section:
    title: str  # plain text, not HTML
    id: str
    level: int


@dataclass(frozen=True)
class PageLinks:
    """One page as the instructor page lists it; ``slug`` is its path without a language."""

    title: str  # plain text, not HTML
    slug: str  # "" for the home page, "hypervisors/" otherwise
    sections: tuple[Section, ...]

    @property
    def anchor(self) -> str:
        return "link-" + (self.slug.strip("/").replace("/", "-") or "home")


def sections_from_toc(toc: Sequence[Any], *, max_level: int = 3) -> tuple[Section, ...]:
    """Flatten MkDocs' TableOfContents (AnchorLink items) below the page title.

    The toc extension stores each title as HTML (``Docker &amp; …``): it is unescaped here
    once, so that what is escaped for the page is the reader's text, not its HTML.
    """
    out: list[Section] = []

    def walk(items: Sequence[Any]) -> None:
        for item in items:
            if 1 < item.level <= max_level:
                out.append(Section(html.unescape(str(item.title)), str(item.id), int(item.level)))
            walk(item.children)

    walk(toc)
    return tuple(out)


def _copy_cell(url: str, shown: str, label: str, button: str) -> str:
    return (
        f'<code>{html.escape(shown)}</code> <button type="button" class="cn-copy-link" '
        f'data-clipboard-text="{html.escape(url)}" aria-label="{html.escape(label)}" '
        f'title="{html.escape(label)}">{html.escape(button)}</button>'
    )


def render_link_tables(
    pages: Sequence[PageLinks],
    *,
    locale: str,
    site_url: str,
    abbreviations: Mapping[str, str] | None = None,
    locales: Sequence[str] = LOCALES,
    default: str = DEFAULT_LOCALE,
) -> tuple[str, list[dict[str, Any]]]:
    """HTML for every page (an h3 and a table of its sections) and matching TOC tokens.

    ``abbreviations`` (acronym -> tooltip in this language) give the titles the same
    ``<abbr>`` tooltips as the pages they come from.
    """
    titles = abbreviations or {}
    text = ui_text(locale)
    names = {loc: ui_text(loc)["language_name"] for loc in locales}
    root = absolute_url(site_url, "")
    parts: list[str] = [
        f"<p>{html.escape(text['addresses_under'])} <code>{html.escape(root)}</code></p>"
    ]
    tokens: list[dict[str, Any]] = []
    for page in pages:
        title = abbreviate_text(page.title, titles)
        parts.append(f'<h3 id="{page.anchor}" data-cn-generated>{title}</h3>')
        tokens.append(
            {"level": 3, "id": page.anchor, "name": html.escape(page.title), "children": []}
        )
        header = "".join(f'<th lang="{loc}">{html.escape(names[loc])}</th>' for loc in locales)
        parts.append(
            f"<table><thead><tr><th>{html.escape(text['section'])}</th>{header}</tr></thead><tbody>"
        )
        rows: list[tuple[str, str]] = [(text["page"], "")]
        rows += [(s.title, "#" + s.id) for s in page.sections]
        for row_title, fragment in rows:
            cells = []
            what = f"{page.title}: {row_title}" if fragment else page.title
            for loc in locales:
                url = absolute_url(site_url, locale_prefix(loc, default=default) + page.slug)
                in_page_language = text[f"name_of_{loc}"]
                label = text["copy_link_label"].format(what=f"{what} ({in_page_language})")
                full = url + fragment
                shown = "/" + full.removeprefix(root)
                cells.append(f"<td>{_copy_cell(full, shown, label, text['copy_link'])}</td>")
            row = abbreviate_text(row_title, titles)
            parts.append(f"<tr><td>{row}</td>{''.join(cells)}</tr>")
        parts.append("</tbody></table>")
    return "\n".join(parts), tokens


def render_citation(*, site_name: str, site_url: str, locale: str, license_text: str) -> str:
    """A ready-to-paste citation of the site in the page's language, with a copy button."""
    text = ui_text(locale)
    home = absolute_url(site_url, locale_prefix(locale))
    citation = f"{site_name}. {home} ({license_text})"
    return (
        f"<p><strong>{html.escape(text['citation_label'])}</strong></p>"
        f"<blockquote><p><code>{html.escape(citation)}</code></p></blockquote>"
        f'<p><button type="button" class="cn-copy-link" '
        f'data-clipboard-text="{html.escape(citation)}">{html.escape(text["copy_citation"])}'
        "</button></p>"
    )
