"""Checks that read a page's Markdown source beside its rendered HTML.

The toc extension gives every heading an id and the footnotes extension gives every
footnote a back-link, so the rendered HTML alone cannot tell an explicit heading id from a
slugified one, nor a cited footnote from one that nothing cites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import Tag

from tests.support import REPO

DOCS = REPO / "docs"
INCLUDES = REPO / "includes"
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*$")
# attr_list's trailing block, e.g. `{ #type-2 }` or `{#type-2 .cls}`.
_ATTRS = re.compile(r"\s*\{:?([^}]*)\}\s*$")
_ID = re.compile(r"(?:^|\s)#([\w-]+)")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_SNIPPET = re.compile(r'^\s*--8<--\s+"([^"]+)"\s*$')
_HEADING_TAGS = "h1, h2, h3, h4, h5, h6"


@dataclass(frozen=True)
class SourceHeading:
    where: str  # "docs/hypervisors.ko.md:20"
    text: str
    id: str | None  # None: no explicit `{ #id }`, so the slugifier made one


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def page_source(rel: str, locale: str) -> Path:
    """docs/<slug>.<locale>.md of a built page ('' or 'en/' is the home page)."""
    slug = rel.removeprefix("en/").strip("/") or "index"
    return DOCS / f"{slug}.{locale}.md"


def source_headings(path: Path) -> list[SourceHeading]:
    """Every ATX heading of a Markdown file, snippets expanded, code and front matter skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0
    if lines and lines[0] == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i] == "---"), 0)
    out: list[SourceHeading] = []
    fence: str | None = None
    for number, line in enumerate(lines[start:], start + 1):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        if snippet := _SNIPPET.match(line):
            out += source_headings(INCLUDES / snippet.group(1))
            continue
        if heading := _HEADING.match(line):
            text = heading.group(2).rstrip("#").rstrip()
            attrs = _ATTRS.search(text)
            explicit = _ID.search(attrs.group(1)) if attrs else None
            where = f"{_shown(path)}:{number}"
            title = text[: attrs.start()] if attrs else text
            out.append(SourceHeading(where, title, explicit.group(1) if explicit else None))
    return out


def heading_id_problems(source: Path, article: Tag) -> list[str]:
    """What is wrong with the ids of a rendered page's headings, given its Markdown source.

    Every heading of the source needs an explicit id, and the rendered headings (less those a
    hook generates, marked data-cn-generated) must carry exactly those ids, in order.
    """
    headings = source_headings(source)
    problems = [
        f"{h.where}: heading {h.text!r} has no explicit id: end it with {{ #its-id }}, "
        "the same id in both languages"
        for h in headings
        if h.id is None
    ]
    explicit = [h.id for h in headings]
    rendered = [
        str(h.get("id"))
        for h in article.select(_HEADING_TAGS)
        if not h.has_attr("data-cn-generated")
    ]
    if not problems and rendered != explicit:
        problems.append(
            f"{_shown(source)}: rendered heading ids {rendered} are not the "
            f"explicit ids of its source {explicit}"
        )
    return problems


def uncited_footnotes(article: Tag) -> list[str]:
    """Ids of rendered footnotes (fn:key) that no footnote reference in the text points at."""
    cited = {str(a["href"]).removeprefix("#") for a in article.select("a.footnote-ref[href^='#']")}
    return [
        str(li.get("id"))
        for li in article.select("div.footnote > ol > li")
        if li.get("id") not in cited
    ]
