"""Typesetting of a page's rendered HTML: what CSS alone cannot do for a reader.

Each function takes the HTML that Python-Markdown (and the instructor page generator)
wrote for a page's content and returns it changed; ``typeset_page`` runs them all.

- Tables: every body cell gets its column's header text as ``data-label``, so that on a
  phone a row can be shown as a card whose values name their column (content.css). The
  table is also written already wrapped the way Material's script wraps it on load, with
  a class, so that script leaves it alone: moving every table at load time re-laid out
  the whole article (Lighthouse mobile blocking time, see content.css).
- Citations: a marker that directly follows another marker is flagged, so the comma
  between ``¹,²`` is drawn only there, never after text.
- References: one back-link per entry instead of one per citation, and the list is kept
  out of the search index (Material's search plugin skips ``data-search-exclude``).
- Links whose text is their own address are flagged, so print does not repeat it and a
  long address may wrap anywhere.
- Korean: a closing bracket or a full stop and the particle after it (``(hypervisor)는``,
  ``Docker, Inc.는``) stay on one line; ``word-break: keep-all`` still allows a break there.
- Code lines: each indented line is flagged with its indentation, so that a line wrapped
  on a phone continues past it and does not read as a new line.
- Code blocks: Material's script puts each copy button in a ``<nav>``; with several code
  blocks those are unnamed look-alike landmarks (axe ``landmark-unique``). A page with
  code gets a few bytes of script that give them ``role="none"`` as they appear.
"""

from __future__ import annotations

import html
import re

TABLE_CLASS = "cn-table"
CITATION_NEXT_CLASS = "cn-cite-next"
URL_LINK_CLASS = "cn-url"
KEEP_CLASS = "cn-keep"
SEARCH_EXCLUDE = 'data-search-exclude="references"'

_TAG_OR_COMMENT = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_PLAIN_TABLE = re.compile(r"<table>(?P<body>.*?)</table>", re.S)
_THEAD = re.compile(r"<thead>(?P<head>.*?)</thead>", re.S)
_TBODY = re.compile(r"<tbody>(?P<rows>.*?)</tbody>", re.S)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(?P<text>.*?)</th>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>(?P<cells>.*?)</tr>", re.S)
_CELL_START = re.compile(r"<(?P<tag>td|th)\b(?P<attrs>[^>]*)>")
_CITATION = re.compile(r'<sup id="fnref[^"]*"><a class="footnote-ref"[^>]*>[^<]*</a></sup>')
# A back-link's text is plain (the arrow); `.*?` here ran on past it: 0.76 s of a build.
_BACKREF = r'<a class="footnote-backref"[^>]*>[^<]*</a>'
_REPEATED_BACKREFS = re.compile(rf"(?P<first>{_BACKREF})(?:{_BACKREF})+")
_FOOTNOTES_DIV = re.compile(r'<div class="footnote">')
_REFERENCES_HEADING = re.compile(r'<h2 id="references"')
_LINK = re.compile(r'<a href="(?P<href>[^"]+)">(?P<text>[^<]+)</a>')
# Inline code short enough to stay on one line; a code block's <code> holds a newline.
_SHORT_INLINE_CODE = re.compile(r"<code>(?P<text>[^<\n]{1,24})</code>")
# Where a line must not break in Korean text: after a closing bracket or a full stop
# (``Inc.는``), before Hangul, also where a link ends between them (``(sandbox)</a>입니다``).
# Between letters ``keep-all`` already holds.
_BRACKET_PARTICLE = re.compile(r"[)\].](?P<closing>(?:</[a-z]+>)*)[\uac00-\ud7a3]+")
WORD_JOINER = "&#8288;"
_CODE_BLOCK = '<div class="highlight">'
# A code line (``line_spans: __span``) and the spaces that indent it, after its anchor;
# Pygments puts them in a whitespace token (``.w``), plain-text blocks leave them bare.
_CODE_LINE = re.compile(
    r'(?P<line><span id="__span-[^"]+")(?P<anchor>><a id="__codelineno-[^"]+"[^>]*></a>)'
    r'(?P<token><span class="w">)?(?P<lead> +)'
)
CODE_LEAD_CLASS = "cn-lead-{}"  # 2, 4, 6 or 8: the line's indentation in characters
# Material adds the <nav> from its bundle, after this script has run: watch for it.
CODE_NAV_SCRIPT = (
    "<script>document.currentScript.parentNode.querySelectorAll('pre').forEach(function(p){"
    "new MutationObserver(function(m,o){var n=p.querySelector(':scope>nav.md-code__nav');"
    "if(n){n.setAttribute('role','none');o.disconnect()}}).observe(p,{childList:true})})"
    "</script>"
)
_RAW_TEXT = ("script", "style", "pre", "code", "kbd", "textarea", "svg", "title")
_RAW_TEXT_TAG = re.compile(
    rf"<!--.*?-->|<(?P<closing>/?)(?P<element>{'|'.join(_RAW_TEXT)})\b[^>]*>", re.S | re.I
)


def _text_of(fragment: str) -> str:
    """The text a reader sees in an HTML fragment: tags dropped, whitespace collapsed."""
    return " ".join(html.unescape(_TAG_OR_COMMENT.sub("", fragment)).split())


def _label_rows(rows: str, labels: list[str]) -> str:
    def label_row(row: re.Match[str]) -> str:
        column = 0

        def label_cell(cell: re.Match[str]) -> str:
            nonlocal column
            label = labels[column] if column < len(labels) else ""
            column += 1
            if not label or "data-label=" in cell["attrs"]:
                return cell[0]
            value = html.escape(label, quote=True)
            return f'<{cell["tag"]}{cell["attrs"]} data-label="{value}">'

        return _CELL_START.sub(label_cell, row[0])

    return _ROW.sub(label_row, rows)


def label_table_cells(page_html: str) -> str:
    """Give each body cell of every plain table its column header as ``data-label``, and
    wrap the table as Material's script would (``md-typeset__scrollwrap``), with a class.

    Tables without a header row, or that already carry a class, are left as they are.
    """

    def table(match: re.Match[str]) -> str:
        body = match["body"]
        head = _THEAD.search(body)
        if head is None:
            return match[0]
        labels = [_text_of(cell["text"]) for cell in _HEADER_CELL.finditer(head["head"])]
        if not any(labels):
            return match[0]
        labelled = _TBODY.sub(lambda rows: _label_rows(rows[0], labels), body)
        return (
            '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
            f'<table class="{TABLE_CLASS}">{labelled}</table></div></div>'
        )

    return _PLAIN_TABLE.sub(table, page_html)


def mark_adjacent_citations(page_html: str) -> str:
    """Flag each citation marker that directly follows another one (``[^a][^b]``)."""
    out: list[str] = []
    position = previous_end = 0
    for citation in _CITATION.finditer(page_html):
        if citation.start() == previous_end and previous_end:
            out.append(page_html[position : citation.start()])
            out.append(f'<sup class="{CITATION_NEXT_CLASS}" ' + citation[0].removeprefix("<sup "))
            position = citation.end()
        previous_end = citation.end()
    out.append(page_html[position:])
    return "".join(out)


def keep_first_backlink(page_html: str) -> str:
    """One back-link per reference: a source cited 15 times showed 15 arrows."""
    return _REPEATED_BACKREFS.sub(lambda m: m["first"], page_html)


def exclude_references_from_search(page_html: str) -> str:
    """Keep the References section and its list out of Material's search index."""
    page_html = _REFERENCES_HEADING.sub(f'<h2 {SEARCH_EXCLUDE} id="references"', page_html)
    return _FOOTNOTES_DIV.sub(f'<div class="footnote" {SEARCH_EXCLUDE}>', page_html)


def mark_url_links(page_html: str) -> str:
    """Flag links whose visible text is their own address (``<https://…>`` in Markdown)."""

    def link(match: re.Match[str]) -> str:
        if html.unescape(match["text"]).strip() != html.unescape(match["href"]):
            return match[0]
        return f'<a class="{URL_LINK_CLASS}" href="{match["href"]}">{match["text"]}</a>'

    return _LINK.sub(link, page_html)


def keep_bracket_and_particle_together(page_html: str) -> str:
    """Wrap ``)는``, ``)부터``, ``.는`` … in a no-break span (or, across a closing tag, join
    them with a word joiner), outside code and other raw text."""
    matches = list(_BRACKET_PARTICLE.finditer(page_html))
    if not matches:
        return page_html
    raw = _raw_text_spans(page_html)
    out: list[str] = []
    position = 0
    for match in matches:
        at = match.start()
        inside_raw = any(start <= at < end for start, end in raw)
        inside_tag = page_html.rfind("<", 0, at) > page_html.rfind(">", 0, at)
        if inside_raw or inside_tag:
            continue
        out += [page_html[position:at], _keep(match)]
        position = match.end()
    out.append(page_html[position:])
    return "".join(out)


def _raw_text_spans(page_html: str) -> list[tuple[int, int]]:
    """Where comments and code, scripts, figures … run: (start, end) offsets, outermost only."""
    spans: list[tuple[int, int]] = []
    open_elements: list[str] = []
    opened_at = 0
    for tag in _RAW_TEXT_TAG.finditer(page_html):
        if tag["element"] is None:  # a comment
            if not open_elements:
                spans.append(tag.span())
            continue
        element = tag["element"].lower()
        if tag["closing"]:
            if element in open_elements:
                del open_elements[len(open_elements) - 1 - open_elements[::-1].index(element)]
                if not open_elements:
                    spans.append((opened_at, tag.end()))
        elif not tag[0].endswith("/>"):
            if not open_elements:
                opened_at = tag.start()
            open_elements.append(element)
    if open_elements:
        spans.append((opened_at, len(page_html)))
    return spans


def keep_short_code_whole(page_html: str) -> str:
    """Short inline code never splits: `COPY . /app` left ". /app", `--cap-add` a "-"."""
    return _SHORT_INLINE_CODE.sub(rf'<code class="{KEEP_CLASS}">\g<text></code>', page_html)


def mark_code_line_indents(page_html: str) -> str:
    """Flag each indented code line with its indentation, rounded up to 2, 4, 6 or 8, so
    that on a phone its wrapped continuation is indented past it, and give the indentation
    a whitespace token of its own, which must not end a row by itself (reading.css)."""

    def line(match: re.Match[str]) -> str:
        spaces = len(match["lead"])
        flag = CODE_LEAD_CLASS.format(min(8, spaces + spaces % 2))
        # A bare indentation gets the token Pygments gives it elsewhere, closed here.
        lead = (
            match["token"] + match["lead"]
            if match["token"]
            else f'<span class="w">{match["lead"]}</span>'
        )
        return f'{match["line"]} class="{flag}"{match["anchor"]}{lead}'

    return _CODE_LINE.sub(line, page_html)


def _keep(match: re.Match[str]) -> str:
    if not match["closing"]:
        return f'<span class="{KEEP_CLASS}">{match[0]}</span>'
    # A span cannot straddle the closing tag: a word joiner holds the particle instead.
    joined = match.end("closing") - match.start()
    return match[0][:joined] + WORD_JOINER + match[0][joined:]


def unname_code_toolbars(page_html: str) -> str:
    """Append the script that keeps code-block toolbars out of the landmarks, when needed."""
    return page_html + CODE_NAV_SCRIPT if _CODE_BLOCK in page_html else page_html


def typeset_page(page_html: str) -> str:
    """Every step above, in an order where none undoes another."""
    page_html = unname_code_toolbars(page_html)
    page_html = label_table_cells(page_html)
    page_html = mark_adjacent_citations(page_html)
    page_html = keep_first_backlink(page_html)
    page_html = exclude_references_from_search(page_html)
    page_html = mark_url_links(page_html)
    page_html = keep_short_code_whole(page_html)
    page_html = mark_code_line_indents(page_html)
    return keep_bracket_and_particle_together(page_html)
