"""Reading on a phone and in Korean, measured in Chromium on the built site, both languages.

What a reader sees, not the CSS that should produce it: where each Korean word's line
boxes fall, which boxes run past a 360 px screen, which citation markers draw a comma,
where Tab goes on a phone, and the figures, code blocks and header chrome.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cloudnotes.locales import LOCALES

from tests.support import COLOUR_JS, page_pairs

pytestmark = pytest.mark.browser

# A Korean word: letters and digits with at least one Hangul syllable, with the brackets,
# quotes and punctuation that stick to it ("(hypervisor)는", "Inc.는", "공개되었습니다.",
# "하이퍼바이저",).
# A break before an opening bracket is allowed; anywhere else inside the word it is not.
_BROKEN_WORDS = r"""() => {
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  const drawer = document.getElementById('__drawer');
  if (drawer) drawer.checked = true;  // on a phone, the navigation is read in the drawer
  const display = new Map();
  const inline = (el) => {
    if (!display.has(el)) {
      const d = getComputedStyle(el).display;
      display.set(el, d === 'inline' || d === 'contents');
    }
    return display.get(el);
  };
  const blockOf = (node) => {
    let el = node.parentElement;
    while (el && inline(el)) el = el.parentElement;
    return el;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => n.parentElement
      && !n.parentElement.closest('script, style, svg, textarea, noscript, template')
      ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT,
  });
  const groups = [];
  let current = null;
  for (let n; (n = walker.nextNode());) {
    const block = blockOf(n);
    if (!current || current.block !== block) {
      current = {block, nodes: [], text: ''};
      groups.push(current);
    }
    current.nodes.push({node: n, start: current.text.length});
    current.text += n.data;
  }
  // Opening quotes and brackets, [letters + closing bracket], the word, trailing marks.
  const WORD = new RegExp(
    "[\u201c\u2018\"'\u300c\u300e(\\[]*(?:[\\p{L}\\p{N}\\p{M}]+[).\\]]+)?"
    + "[\\p{L}\\p{N}\\p{M}]*\\p{Script=Hangul}[\\p{L}\\p{N}\\p{M}]*"
    + "[.,!?;:)\\]}\u201d\u2019\"'\u300d\u300f\u2026]*", "gu");
  const locate = (group, offset) => {
    let index = 0;
    for (let i = 0; i < group.nodes.length; i++) if (group.nodes[i].start <= offset) index = i;
    const item = group.nodes[index];
    return [item.node, Math.min(offset - item.start, item.node.data.length)];
  };
  const rects = (group, from, to) => {
    const range = document.createRange();
    range.setStart(...locate(group, from));
    range.setEnd(...locate(group, to));
    return [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
  };
  // Two boxes of one word on different lines: one starts below the other's bottom.
  const split = (boxes) => boxes.some((r) => boxes.some((s) => s.top >= r.bottom - 2));
  const broken = [];
  let words = 0;
  for (const group of groups) {
    if (!group.block || !group.block.checkVisibility({visibilityProperty: true})) continue;
    for (const m of group.text.matchAll(WORD)) {
      const boxes = rects(group, m.index, m.index + m[0].length);
      if (!boxes.length) continue;
      words++;
      if (!split(boxes)) continue;
      const first = rects(group, m.index, m.index + 1)[0];
      let at = 1;
      for (; at < m[0].length; at++) {
        const r = rects(group, m.index + at, m.index + at + 1)[0];
        if (r && first && r.top >= first.bottom - 2) break;
      }
      const where = group.block.tagName.toLowerCase()
        + (group.block.className ? '.' + String(group.block.className).split(' ')[0] : '');
      broken.push(`${m[0].slice(0, at)}|${m[0].slice(at)} (in ${where})`);
    }
  }
  return {words, broken};
}"""

# Every drawn box that reaches past the screen's edges, tables included: scrolling
# containers do not count as clipping (a table that scrolls sideways is too wide).
_TOO_WIDE = r"""() => {
  const width = document.documentElement.clientWidth;
  const clippedAway = (el) => {
    for (let a = el; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.clipPath !== 'none') return true;  // visually hidden (a table's header row)
    }
    return false;
  };
  const problems = [];
  if (document.documentElement.scrollWidth > width) {
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px`);
  }
  const drawer = document.getElementById('__drawer');
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg') && !el.matches('svg')) continue;
    // The closed navigation drawer waits off screen by design (the Tab test covers it).
    if (drawer && !drawer.checked && el.closest('.md-sidebar--primary')) continue;
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || (r.left >= -0.5 && r.right <= width + 0.5)) continue;
    // Clipped by an overflow: hidden ancestor that itself fits the screen (not the root:
    // Material's html { overflow-x: hidden } only hides what runs off the page).
    let clipped = false;
    for (let a = el.parentElement; a && a !== document.body && !clipped; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (['hidden', 'clip'].includes(s.overflowX)) {
        const b = a.getBoundingClientRect();
        clipped = b.left >= -0.5 && b.right <= width + 0.5;
      }
    }
    if (clipped || clippedAway(el)) continue;
    const name = el.tagName.toLowerCase()
      + (el.className ? '.' + String(el.className).split(' ')[0] : '');
    problems.push(`${name} spans ${Math.round(r.left)}..${Math.round(r.right)} px`);
  }
  return problems;
}"""

# A comma (or any separator) drawn before a citation marker that does not directly follow
# another marker, and two markers side by side with nothing between them.
_CITATION_SEPARATORS = r"""() => {
  const problems = [];
  const isMarker = (n) => n && n.nodeType === 1 && n.matches('sup[id^="fnref"]');
  for (const sup of document.querySelectorAll('article sup[id^="fnref"]')) {
    const before = getComputedStyle(sup, '::before').content;
    const drawn = before !== 'none' && before !== 'normal' && before !== '""';
    const context = (sup.previousSibling ? sup.previousSibling.textContent.slice(-12) : '')
      + '[' + sup.textContent + ']';
    if (drawn && !isMarker(sup.previousSibling)) {
      problems.push(`separator ${before} after text: …${context}`);
    }
    if (!drawn && isMarker(sup.previousSibling)) {
      problems.push(`two markers read as one number: …${context}`);
    }
  }
  return problems;
}"""

_FOCUSED = r"""async () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  if (!el.dataset.tab) el.dataset.tab = String(document.querySelectorAll('[data-tab]').length);
  // A visually hidden radio (the palette toggle) is drawn by the label next to it.
  const drawn = el.matches('input.md-option') ? el.nextElementSibling : el;
  const visible = () => {
    const r = drawn.getBoundingClientRect();
    return drawn.checkVisibility({visibilityProperty: true, opacityProperty: true})
      && r.width >= 1 && r.height >= 1 && r.right > 0 && r.bottom > 0
      && r.left < innerWidth && r.top < innerHeight;
  };
  // What fades or slides in on focus (a permalink, a menu) is judged when it has arrived.
  let shown = visible();
  if (!shown) {
    await Promise.allSettled(document.getAnimations().map((a) => a.finished));
    shown = visible();
  }
  const r = drawn.getBoundingClientRect();
  return {id: el.dataset.tab, visible: shown, what: el.outerHTML.slice(0, 100),
          where: [r.left, r.top, r.width, r.height].map(Math.round).join(',')};
}"""


def _all_paths(site: Path) -> list[str]:
    return [pair.path(locale) for pair in page_pairs(site) for locale in LOCALES]


@pytest.mark.parametrize("width", [360, 1280])
def test_no_korean_word_is_broken_across_lines(
    site: Path, base_url: str, new_page: Any, width: int
) -> None:
    page = new_page(width=width, height=800)
    problems: list[str] = []
    words = 0
    for path in _all_paths(site):
        page.goto(base_url + path, wait_until="load")
        found = page.evaluate(_BROKEN_WORDS)
        words += found["words"]
        problems += [f"/{path} [{width}px]: {word}" for word in found["broken"]]
    assert words > 5_000, f"only {words} Korean words measured"
    assert not problems, f"{len(problems)} broken words:\n" + "\n".join(problems)


# Short inline code split over two lines: `COPY . /app` left a line starting with ". /app".
_SPLIT_SHORT_CODE = r"""() => [...document.querySelectorAll('article :not(pre) > code')]
  .filter((code) => code.textContent.length <= 24 && code.getClientRects().length > 1)
  .map((code) => `inline code split over two lines: ${code.textContent}`)"""

# A table scrolling sideways on a laptop, where every table has room.
_SCROLLING_TABLES = r"""() => [...document.querySelectorAll('article .md-typeset__scrollwrap')]
  .filter((box) => box.scrollWidth > box.clientWidth + 1)
  .map((box) => `table scrolls sideways by ${box.scrollWidth - box.clientWidth} px: `
    + box.textContent.trim().slice(0, 60))"""


def _on_every_page(
    site: Path, base_url: str, page: Any, count: str, *checks: str
) -> tuple[int, list[str]]:
    """How many ``count`` elements all pages hold, and what the ``checks`` scripts found."""
    counted = 0
    problems: list[str] = []
    for path in _all_paths(site):
        page.goto(base_url + path, wait_until="load")
        counted += page.locator(count).count()
        for check in checks:
            problems += [f"/{path}: {problem}" for problem in page.evaluate(check)]
    return counted, problems


def test_nothing_is_wider_than_a_phone_screen(site: Path, base_url: str, new_page: Any) -> None:
    page = new_page(width=360, height=740)
    tables, problems = _on_every_page(
        site, base_url, page, "article table", _TOO_WIDE, _SPLIT_SHORT_CODE
    )
    assert tables > 20, f"only {tables} tables"
    assert not problems, "\n".join(problems)


# A heading's permalink (an invisible ¶ until hovered) alone on a line below its text: at
# 360 px it left what looked like a blank line under 13 headings.
_LONE_PERMALINKS = r"""() => [...document.querySelectorAll('article a.headerlink')]
  .filter((link) => {
    const heading = link.closest('h1, h2, h3, h4, h5, h6');
    const text = document.createRange();
    text.setStart(heading, 0);
    text.setEndBefore(link);
    const lines = [...text.getClientRects()].filter((box) => box.width > 0);
    return lines.length && link.getBoundingClientRect().top >= lines.at(-1).bottom - 1;
  })
  .map((link) => 'permalink alone on a line: '
    + link.closest('h1, h2, h3, h4, h5, h6').textContent)"""


def test_no_heading_permalink_wraps_onto_a_line_of_its_own(
    site: Path, base_url: str, new_page: Any
) -> None:
    page = new_page(width=360, height=740)
    headings, problems = _on_every_page(
        site, base_url, page, "article a.headerlink", _LONE_PERMALINKS
    )
    assert headings > 150, f"only {headings} headings with a permalink"
    assert not problems, "\n".join(problems)


def test_a_citation_separator_appears_only_between_adjacent_markers(
    site: Path, base_url: str, new_page: Any
) -> None:
    page = new_page(width=1280, height=800)
    markers, problems = _on_every_page(
        site, base_url, page, "article sup[id^='fnref']", _CITATION_SEPARATORS, _SCROLLING_TABLES
    )
    assert markers > 100, f"only {markers} citation markers"
    assert not problems, "\n".join(problems)


# One page of each kind, half in each language: the header, drawer, search and footer are
# the same on every page, and a full walk of all pages took over a minute and a half.
TAB_WALK_PAGES = ("", "hypervisors/", "linking/", "en/errata/", "en/docker/", "en/glossary/")


def test_every_tab_stop_on_a_phone_is_visible(base_url: str, new_page: Any) -> None:
    """A closed navigation drawer or search panel must not take focus, invisibly."""
    page = new_page(width=360, height=740)
    problems: list[str] = []
    for path in TAB_WALK_PAGES:
        page.goto(base_url + path, wait_until="load")
        seen: set[str] = set()
        for _ in range(400):
            page.keyboard.press("Tab")
            state = page.evaluate(_FOCUSED)
            if state is None:
                continue  # focus on <body> for a press: the next Tab goes on from there
            if state["id"] in seen:
                break
            seen.add(state["id"])
            if not state["visible"]:
                problems.append(
                    f"/{path}: Tab reaches an invisible {state['what']} at {state['where']}"
                )
        assert len(seen) >= 10, f"/{path}: only {len(seen)} Tab stops"
    assert not problems, "\n".join(problems)


# --- Figures -------------------------------------------------------------------------

_LAYERS = (
    "(figure) => {"
    + COLOUR_JS
    + r"""
  const layer = (kind) => {
    const rect = figure.querySelector(`.dg-box--${kind}:not(.dg-box--emphasis) rect`)
      || figure.querySelector(`.dg-box--${kind} rect`);
    const s = getComputedStyle(rect);
    return {fill: rgba(s.fill), stroke: s.stroke, width: parseFloat(s.strokeWidth)};
  };
  const hardware = layer('hardware'), os = layer('os'), hypervisor = layer('virtualization');
  const headings = [...figure.querySelectorAll('.dg-heading')].map(
    (t) => Math.round(t.getBoundingClientRect().top));
  // A box that spans several layers has room for two lines per layer it spans.
  const boxes = [...figure.querySelectorAll('.dg-box')].map((box) => ({
    lines: box.querySelectorAll('.dg-label tspan').length,
    height: box.querySelector('rect').getBoundingClientRect().height,
  }));
  const rowHeight = Math.min(...boxes.map((b) => b.height));
  const crowded = boxes.filter((b) => b.lines > 2 * Math.round(b.height / rowHeight)).length;
  return {
    hardwareOs: contrast(hardware.fill, os.fill),
    osHypervisorFill: contrast(os.fill, hypervisor.fill),
    osHypervisorStroke: os.stroke !== hypervisor.stroke
      || Math.abs(os.width - hypervisor.width) >= 1,
    hardwareHypervisor: contrast(hardware.fill, hypervisor.fill),
    headings,
    crowded,
    maxLines: Math.max(...boxes.map((b) => b.lines)),
    textAlign: getComputedStyle(figure.querySelector('.dg__text')).textAlign,
  };
}"""
)


@pytest.mark.parametrize("locale", LOCALES)
def test_figures_read_bottom_up_in_the_dark_and_side_by_side(
    base_url: str, new_page: Any, locale: str
) -> None:
    prefix = "" if locale == "ko" else "en/"
    page = new_page(width=1280, height=900, color_scheme="dark")
    page.goto(base_url + prefix + "hypervisors/", wait_until="load")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    found = page.locator("figure[data-diagram='hypervisor-types']").evaluate(_LAYERS)
    # Neighbouring layers: a fill contrast of 3:1, or a clearly different stroke.
    assert found["hardwareOs"] >= 3, found
    assert found["hardwareHypervisor"] >= 3, found
    assert found["osHypervisorFill"] >= 3 or found["osHypervisorStroke"], found
    assert len(found["headings"]) == 2 and len(set(found["headings"])) == 1, found
    assert found["crowded"] == 0, found
    assert found["maxLines"] >= 1, found
    assert found["textAlign"] in ("start", "left"), found


# --- Code blocks, header, language menu, 404 title, text sizes --------------------------

_CODE_BLOCKS = r"""() => [...document.querySelectorAll('article pre > code')].map((code) => {
  const nav = code.parentElement.querySelector('.md-code__nav');
  const button = nav ? nav.getBoundingClientRect() : null;
  const covered = [];
  const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode());) {
    for (let i = 0; i < n.data.length; i++) {
      if (!n.data[i].trim()) continue;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + 1);
      const r = range.getBoundingClientRect();
      if (button && r.right > button.left && r.left < button.right
          && r.bottom > button.top && r.top < button.bottom) covered.push(n.data[i]);
    }
  }
  return {text: code.textContent.slice(0, 40), cut: code.scrollWidth - code.clientWidth,
          covered: covered.join('')};
})"""


@pytest.mark.parametrize("locale", LOCALES)
def test_code_on_a_phone_is_whole_and_clear_of_the_copy_button(
    base_url: str, new_page: Any, locale: str
) -> None:
    prefix = "" if locale == "ko" else "en/"
    page = new_page(width=360, height=740)
    page.goto(base_url + prefix + "docker/", wait_until="load")
    page.wait_for_selector("article .md-code__nav")
    blocks = page.evaluate(_CODE_BLOCKS)
    assert len(blocks) >= 3
    for block in blocks:
        assert block["cut"] <= 0, f"cut off by {block['cut']} px: {block['text']!r}"
        assert not block["covered"], f"copy button covers {block['covered']!r}: {block['text']!r}"


# Each code line's rows on screen: where its text starts on its first row, and where each
# row after it (a wrapped continuation) starts; plus where the next line's text starts.
_CODE_ROWS = r"""() => [...document.querySelectorAll('article pre > code')].flatMap((code) => {
  const lines = [...code.children].filter((el) => el.id.startsWith('__span-'));
  const ch = (() => {  // the width of one character of the code's (monospace) font
    const text = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let n; (n = text.nextNode());) {
      const at = n.data.search(/[A-Za-z]/);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + 1);
      return range.getBoundingClientRect().width;
    }
    return 0;
  })();
  // Each row's left edge of text; a row of spaces only (it looks blank) counts as Infinity.
  const rows = (line) => {
    const found = new Map();
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    for (let n; (n = walker.nextNode());) {
      for (let i = 0; i < n.data.length; i++) {
        if (n.data[i] === '\n') continue;
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        const r = range.getBoundingClientRect();
        if (!r.height) continue;
        const top = Math.round(r.top);
        const left = n.data[i].trim() ? r.left : Infinity;
        found.set(top, Math.min(found.has(top) ? found.get(top) : Infinity, left));
      }
    }
    return [...found.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  };
  const all = lines.map(rows);
  return all.map((starts, i) => ({
    text: lines[i].textContent.trim().slice(0, 40), ch,
    starts: starts.map((s) => (s === Infinity ? null : s)),
    next: i + 1 < all.length && all[i + 1].length ? all[i + 1][0] : null,
  }));
})"""


@pytest.mark.parametrize("locale", LOCALES)
def test_a_wrapped_code_line_reads_as_a_continuation_and_copies_unchanged(
    site: Path, base_url: str, new_page: Any, locale: str
) -> None:
    """At 360 px a long command wraps; its continued rows must not look like the next line
    (`100G` once sat under `lvcreate` like a line of its own). The copy button still gives
    the code exactly, one line break per line."""
    prefix = "" if locale == "ko" else "en/"
    with_code = [
        pair.slug
        for pair in page_pairs(site)
        if '<div class="highlight">' in (site / pair.path(locale) / "index.html").read_text("utf-8")
    ]
    page = new_page(width=360, height=740)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    problems: list[str] = []
    wrapped = 0
    for slug in with_code:
        page.goto(base_url + prefix + slug, wait_until="load")
        for line in page.evaluate(_CODE_ROWS):
            if None in line["starts"]:
                problems.append(f"/{prefix}{slug}: {line['text']!r} has a row of spaces only")
                continue
            first, *continued = line["starts"]
            wrapped += bool(continued)
            for start in continued:
                if start < first + 3 * line["ch"] or (
                    line["next"] is not None and start < line["next"] + line["ch"]
                ):
                    problems.append(
                        f"/{prefix}{slug}: {line['text']!r} continues at {start:.0f} px,"
                        f" its text starts at {first:.0f} px, the next line's at {line['next']}"
                    )
        if slug == "print/":
            continue  # no copy buttons: the print page goes without Material's script
        blocks = page.locator("article div.highlight")
        for i in range(blocks.count()):
            block = blocks.nth(i)
            page.evaluate("navigator.clipboard.writeText('')")
            block.hover()
            block.locator("button[data-md-type='copy']").click()
            copied = ""
            for _ in range(50):
                copied = page.evaluate("navigator.clipboard.readText()")
                if copied:
                    break
                page.wait_for_timeout(100)
            code = block.locator("pre > code").evaluate("(c) => c.textContent")
            if copied != code.rstrip():
                problems.append(f"/{prefix}{slug}: block {i} copies as {copied[:60]!r}")
    assert len(with_code) >= 3 and wrapped >= 3, f"{wrapped} code lines wrap on {with_code}"
    assert not problems, (
        "\n".join(problems) + "\nFix: reading.css indents a wrapped line's rows; where it"
        " does, break the command (with `\\`) into lines of at most about 34 characters,"
        " which fit a 360 px screen."
    )


_CHROME = r"""() => {
  const title = document.querySelector('.md-header__topic .md-ellipsis');
  const drawer = document.querySelector('label.md-nav__title[for="__drawer"]');
  const current = document.querySelector('.md-select__link[aria-current="page"]');
  const h1 = document.querySelector('article h1');
  const size = (sel) => {
    const el = document.querySelector(sel);
    return el ? parseFloat(getComputedStyle(el).fontSize) : null;
  };
  return {
    titleCut: title.scrollWidth > title.clientWidth + 1
      || title.scrollHeight > title.clientHeight + 1,
    drawerTitleCut: drawer.scrollWidth > drawer.clientWidth + 1
      || drawer.scrollHeight > drawer.clientHeight + 1,
    currentMarked: current ? getComputedStyle(current, '::before').content : 'no link',
    currentWeight: current ? Number(getComputedStyle(current).fontWeight) : 0,
    h1: getComputedStyle(h1).color,
    body: getComputedStyle(document.querySelector('article p')).color,
    sizes: {callout: size('article .admonition p, article details p'),
            table: size('article table td'), reference: size('article .footnote li')},
  };
}"""


@pytest.mark.parametrize("locale", LOCALES)
def test_header_title_language_menu_heading_and_small_text_on_a_phone(
    base_url: str, new_page: Any, locale: str
) -> None:
    prefix = "" if locale == "ko" else "en/"
    page = new_page(width=360, height=740)
    page.goto(base_url + prefix + "hypervisors/", wait_until="load")
    found = page.evaluate(_CHROME)
    assert not found["titleCut"], "the header title is cut off"
    assert not found["drawerTitleCut"], "the site name atop the navigation drawer is cut off"
    assert "✓" in found["currentMarked"] and found["currentWeight"] >= 600, found
    assert found["h1"] == found["body"], f"page title {found['h1']} vs body text {found['body']}"
    for what, px in found["sizes"].items():
        assert px is not None and px >= 14, f"{what} text is {px} px"


@pytest.mark.parametrize(
    ("missing", "title"),
    [("nowhere/", "페이지를 찾을 수 없습니다"), ("en/nowhere/", "Page not found")],
)
def test_the_404_tab_title_names_the_page(
    base_url: str, new_page: Any, missing: str, title: str
) -> None:
    page = new_page(width=360, height=740)
    page.goto(base_url + missing, wait_until="load")
    assert page.title().startswith(title), page.title()
