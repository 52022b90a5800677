"""The whole-course print page ("전체 노트 인쇄용" / "Whole course for printing").

One page per language that holds every topic page in reading order, for printing or
"Save as PDF": a table of contents (page titles and their sections), then each page's
rendered content, figures and references included. A hook fills it from the rendered
pages of the same build, so it cannot go stale and new pages join it by being in the nav.

The pages' ids would collide on one page (every page has ``#references`` and footnotes
``#fn:…``), so each page's ids get its slug as a prefix (``hypervisors--type-2``), and
every reference to them follows: in-page links, footnotes and their back-links, figure
``aria-labelledby``, ``<label for>``. A link to another page that is part of the print
page jumps inside it; a link to any other page is re-based so that it still works.
Headings move one level down under the print page's title, lose their permalinks and
carry ``data-cn-generated``: they are not published sections (cloudnotes.manifest), so
``tests/data/url_manifest.txt`` lists the print page and its own two headings only.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from .abbreviations import abbreviate_text
from .instructor_page import Section

WHOLE_COURSE_MARKER = "<!-- cloudnotes:whole-course -->"
PRINT_SLUG = "print"
CONTENTS_ID = "contents"  # the contents heading of docs/print.*.md: `## 차례 { #contents }`
SEPARATOR = "--"


def left_out_of_print(meta: Mapping[str, object]) -> bool:
    """``print: {exclude: true}`` in a page's front matter: the page is not on the print page."""
    setting = meta.get("print")
    return isinstance(setting, dict) and bool(setting.get("exclude"))


_ID = re.compile(r'(?P<lead>\sid=")(?P<value>[^"]*)(?P<end>")')
# Attributes that hold one id or a space-separated list of ids.
_ID_REFERENCES = re.compile(
    r'(?P<lead>\s(?:for|headers|aria-labelledby|aria-describedby|aria-controls|aria-owns)=")'
    r'(?P<value>[^"]*)(?P<end>")'
)
_URL = re.compile(r'(?P<lead>\s(?:href|src|xlink:href)=")(?P<value>[^"]*)(?P<end>")')
# The toc extension's permalink: the print page's prefixed ids are not addresses to share.
_PERMALINK = re.compile(r'<a class="headerlink" href="[^"]*"(?: title="[^"]*")?>[^<]*</a>')
_HEADING = re.compile(r"<(?P<close>/?)h(?P<level>[1-6])(?P<rest>[\s>])")


@dataclass(frozen=True)
class CoursePage:
    """One rendered page as the print page takes it."""

    path: str  # its site path: "hypervisors/" or "en/hypervisors/"
    slug: str  # its path without the language folder: "hypervisors"
    title: str  # plain text
    content: str  # the page's rendered HTML (MkDocs' page.content)
    sections: tuple[Section, ...]  # its H2 sections, from the table of contents

    @property
    def anchor(self) -> str:
        """The id of the page's part of the print page."""
        return f"{PRINT_SLUG}-{self.slug.replace('/', '-') or 'index'}"


def prefixed(slug: str, anchor: str) -> str:
    return f"{slug.replace('/', '-') or 'index'}{SEPARATOR}{anchor}"


def page_ids(content: str) -> set[str]:
    return {html.unescape(m["value"]) for m in _ID.finditer(content)}


def _replace_value(pattern: re.Pattern[str], text: str, change: Callable[[str], str]) -> str:
    def swap(match: re.Match[str]) -> str:
        value = html.escape(change(html.unescape(match["value"])), quote=True)
        return f"{match['lead']}{value}{match['end']}"

    return pattern.sub(swap, text)


def rewrite_page(page: CoursePage, *, print_path: str, included: Mapping[str, CoursePage]) -> str:
    """``page.content`` as a part of the print page at ``print_path``.

    ``included`` maps the site path of every page on the print page to that page, so that
    links to them stay inside the print page.
    """
    own = page_ids(page.content)
    ids = {path: page_ids(p.content) for path, p in included.items()}
    print_url = f"http://site/{print_path}"

    def new_id(value: str) -> str:
        return prefixed(page.slug, value)

    def new_references(value: str) -> str:
        return " ".join(new_id(v) if v in own else v for v in value.split())

    def new_url(value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith("//"):
            return value  # another site, mailto:, data:
        if not parts.path and not parts.query:
            anchor = unquote(parts.fragment)
            return "#" + new_id(anchor) if anchor in own else value
        target = urlsplit(urljoin(f"http://site/{page.path}", value))
        target_path = unquote(target.path).removeprefix("/")
        other = included.get(target_path)
        if other is not None and not target.query:
            anchor = unquote(target.fragment)
            if anchor and anchor in ids[target_path]:
                return "#" + prefixed(other.slug, anchor)
            return "#" + other.anchor
        return (
            _relative(target.path, print_url)
            + (f"?{target.query}" if target.query else "")
            + (f"#{target.fragment}" if target.fragment else "")
        )

    text = _replace_value(_ID, _PERMALINK.sub("", page.content), new_id)
    text = _replace_value(_ID_REFERENCES, text, new_references)
    text = _replace_value(_URL, text, new_url)
    return demote_headings(text)


def _relative(target_path: str, base_url: str) -> str:
    """A site path ('/containers/') relative to the page at ``base_url``."""
    base_dir = posixpath.dirname(urlsplit(base_url).path) or "/"
    rel = posixpath.relpath(target_path or "/", base_dir)
    if target_path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel


def demote_headings(text: str) -> str:
    """Every heading one level down (h6 stays), marked as generated."""

    def swap(match: re.Match[str]) -> str:
        level = min(int(match["level"]) + 1, 6)
        if match["close"]:
            return f"</h{level}{match['rest']}"
        return f"<h{level} data-cn-generated{match['rest']}"

    return _HEADING.sub(swap, text)


def render_contents(
    pages: Sequence[CoursePage], *, abbreviations: Mapping[str, str] | None = None
) -> str:
    """The print table of contents: each page's title, and under it its sections."""
    titles = abbreviations or {}
    items = []
    for page in pages:
        sections = "".join(
            f'<li><a href="#{html.escape(prefixed(page.slug, s.id))}">'
            f"{abbreviate_text(s.title, titles)}</a></li>"
            for s in page.sections
        )
        nested = f"<ol>{sections}</ol>" if sections else ""
        items.append(
            f'<li><a href="#{html.escape(page.anchor)}">{abbreviate_text(page.title, titles)}'
            f"</a>{nested}</li>"
        )
    return f'<ol class="cn-print-toc">{"".join(items)}</ol>'


def render_whole_course(
    pages: Sequence[CoursePage],
    *,
    print_path: str,
    abbreviations: Mapping[str, str] | None = None,
    back_to_contents: str = "",
) -> str:
    """The generated part of the print page: its table of contents, then every page.

    ``back_to_contents``: the label of a link to the contents after each page, on screen
    only (the page has no back-to-top button: hooks/print_page.py); empty, no link.
    """
    included = {p.path: p for p in pages}
    parts = [render_contents(pages, abbreviations=abbreviations)]
    back = (
        f'<p class="cn-print-back"><a href="#{CONTENTS_ID}">{html.escape(back_to_contents)}</a></p>'
        if back_to_contents
        else ""
    )
    for page in pages:
        body = rewrite_page(page, print_path=print_path, included=included)
        parts.append(
            f'<section class="cn-print-page" id="{html.escape(page.anchor)}">{body}{back}</section>'
        )
    return "\n".join(parts)
