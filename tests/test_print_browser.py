"""Printing a page, as a student or instructor does: Chromium's PDF of the built page,
read back with poppler-utils' pdftotext, in both languages.

Each page is printed once (A4, the print stylesheet) and the tests read that one PDF:
reference numbers complete, no address printed twice, no bracket of an address alone on
a line, no back-link arrow, no heading left at a sheet's foot, every figure on one page and
its title no larger than its section heading.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cloudnotes.locales import LOCALES

from tests.support import page_pairs

pytestmark = pytest.mark.browser

PDFTOTEXT = shutil.which("pdftotext")
# A4 at 96 px per inch, less the print stylesheet's page margins (print.css: 14/15/16 mm).
PRINTABLE_WIDTH_PX = (210 - 2 * 15) / 25.4 * 96
PRINTABLE_HEIGHT_PX = (297 - 14 - 16) / 25.4 * 96
BACKLINK_ARROW = "↩"


@dataclass(frozen=True)
class Printed:
    path: str
    pages: list[str]  # pdftotext -layout of each PDF page
    references: int  # entries in the page's reference list
    links: list[str]  # external link addresses in the article
    figures: list[dict[str, Any]]  # caption and labels of each figure
    headings: list[str]  # text of each heading in the article, without its permalink

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def _pdf_pages(pdf: Path) -> list[str]:
    assert PDFTOTEXT is not None
    result = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.split("\f")[:-1] or [result.stdout]


_ARTICLE = r"""() => ({
  references: document.querySelectorAll('article .footnote > ol > li').length,
  links: [...document.querySelectorAll('article a[href^="http"]')]
    .filter((a) => !a.closest('.cn-answer-back')).map((a) => a.href),
  figures: [...document.querySelectorAll('article figure.dg')].map((f) => ({
    caption: f.querySelector('figcaption').textContent.trim(),
    labels: [...f.querySelectorAll('svg tspan')].map((t) => t.textContent.trim()).filter(Boolean),
  })),
  headings: [...document.querySelectorAll('article :is(h1, h2, h3, h4)')].map((h) =>
    [...h.childNodes].filter((n) => !(n.classList && n.classList.contains('headerlink')))
      .map((n) => n.textContent).join('').trim()),
})"""


@pytest.fixture(scope="module")
def printed(
    site: Path, base_url: str, browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> list[Printed]:
    """Every page of both languages printed to PDF once."""
    if PDFTOTEXT is None:
        pytest.fail(
            "pdftotext not found: print tests need poppler-utils (.ci/run installs it)",
            pytrace=False,
        )
    folder = tmp_path_factory.mktemp("print")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    out: list[Printed] = []
    try:
        for pair in page_pairs(site):
            for locale in LOCALES:
                path = pair.path(locale)
                page.goto(base_url + path, wait_until="load")
                found = page.evaluate(_ARTICLE)
                pdf = folder / ((path.strip("/").replace("/", "_") or "index") + ".pdf")
                page.pdf(path=str(pdf), format="A4", print_background=True)
                out.append(Printed(path, _pdf_pages(pdf), **found))
    finally:
        context.close()
    assert len(out) >= 12
    return out


def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_reference_number_prints_whole(printed: list[Printed]) -> None:
    """The page margin cut references 10 and up to "0.", "1."."""
    problems: list[str] = []
    for doc in printed:
        if not doc.references or "print/" in doc.path:
            continue  # the print page numbers each topic's references anew: test_print_page.py
        expected = 1
        for line in doc.text.splitlines():
            number = re.match(r"\s*(\d+)\.\s+\S", line)
            if number and int(number[1]) == expected:
                expected += 1
        if expected != doc.references + 1:
            problems.append(f"/{doc.path}: references print 1..{expected - 1} of {doc.references}")
    assert any(doc.references >= 10 for doc in printed), "no page has 10 references"
    assert not problems, "\n".join(problems)


def test_no_address_is_printed_twice_in_a_row(printed: list[Printed]) -> None:
    """A link whose text is its address gets no second copy of it after the text."""
    problems: list[str] = []
    checked = 0
    for doc in printed:
        text = _squashed(doc.text)
        for href in sorted(set(doc.links)):
            url = _squashed(href)
            if url not in text:
                continue
            checked += 1
            if re.search(re.escape(url) + r"[<(\[]?" + re.escape(url), text):
                problems.append(f"/{doc.path}: {href} printed twice")
    assert checked > 50, f"only {checked} printed addresses found"
    assert not problems, "\n".join(problems)


# In pdftotext's layout a table's columns share lines, so "alone" means alone in its
# column: "<" ending a line or a column, ">" starting one (word joiners allowed beside).
_LONE_BRACKET = re.compile(r"<\u2060?(?=\s{2,}|\s*$)|(?:^|\s{2,})\u2060?>", re.M)


def test_no_bracket_of_a_printed_address_is_alone_on_a_line(printed: list[Printed]) -> None:
    """Print adds " <address>" after a link's text; the Korean errata printed its ">" on a
    line of its own, and a "<" could end a line away from its address."""
    problems: list[str] = []
    for doc in printed:
        for number, sheet in enumerate(doc.pages, start=1):
            for line in sheet.splitlines():
                if _LONE_BRACKET.search(line):
                    problems.append(f"/{doc.path}: sheet {number}: {line.strip()[-60:]!r}")
    addresses = sum(len(re.findall("<\u2060?h", doc.text)) for doc in printed)
    assert addresses > 50, f"only {addresses} printed addresses found"
    assert not problems, "\n".join(problems)


def test_no_heading_is_left_at_the_foot_of_a_sheet(printed: list[Printed]) -> None:
    """A heading prints on the sheet of the text it introduces: the print page left
    "참고 자료" / "References" and three section headings at a sheet's foot."""
    problems: list[str] = []
    found = 0
    for doc in printed:
        headings = set(doc.headings)
        for number, sheet in enumerate(doc.pages, start=1):
            # A heading starts its line; table cells and contents entries are indented.
            lines = [line.rstrip() for line in sheet.splitlines() if line.strip()]
            found += sum(1 for line in lines if line == line.lstrip() and line in headings)
            last = lines[-1] if lines else ""
            if number < len(doc.pages) and last == last.lstrip() and last in headings:
                problems.append(f"/{doc.path}: sheet {number} ends with the heading {last!r}")
    assert found > 300, f"only {found} headings found in the printed text"
    assert not problems, "\n".join(problems)


def test_no_back_link_arrow_is_printed(
    printed: list[Printed], base_url: str, new_page: Any
) -> None:
    """Back-links lead nowhere on paper. Material draws the arrow as an icon (no text in
    the PDF), so the print layout is checked too: no back-link has a box to draw in."""
    problems = [
        f"/{doc.path}: {BACKLINK_ARROW} printed" for doc in printed if BACKLINK_ARROW in doc.text
    ]
    page = new_page(width=round(PRINTABLE_WIDTH_PX), height=900)
    page.emulate_media(media="print")
    for doc in printed:
        if not doc.references:
            continue
        page.goto(base_url + doc.path, wait_until="load")
        drawn = page.evaluate(
            "[...document.querySelectorAll('.footnote-backref')]"
            ".filter((a) => a.getClientRects().length > 0).length"
        )
        if drawn:
            problems.append(f"/{doc.path}: {drawn} back-link arrows print")
    assert not problems, "\n".join(problems)


_FIGURE_SIZES = r"""() => [...document.querySelectorAll('article figure.dg')].map((f) => {
  const heading = document.evaluate('preceding::*[self::h1 or self::h2 or self::h3 or self::h4][1]',
    f, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
  const size = (el) => parseFloat(getComputedStyle(el).fontSize);
  const titles = [...f.querySelectorAll('svg')].flatMap((svg) => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('.dg-heading')].map(
      (t) => parseFloat(t.getAttribute('font-size')) * scale);
  });
  return {
    caption: f.querySelector('figcaption').textContent.trim(),
    height: f.getBoundingClientRect().height,
    heading: heading ? size(heading) : null,
    titles: [size(f.querySelector('figcaption')), ...titles],
  };
})"""


def test_every_figure_prints_on_one_page_no_larger_than_its_heading(
    printed: list[Printed], base_url: str, new_page: Any
) -> None:
    problems: list[str] = []
    figures = 0
    for doc in printed:
        for figure in doc.figures:
            figures += 1
            # The figure's page: the one with its caption and most of its labels (the
            # caption's words can also be a section heading elsewhere).
            caption = _squashed(figure["caption"])
            labels = [_squashed(label) for label in figure["labels"]]
            pages = [_squashed(text) for text in doc.pages]
            candidates = [i for i, text in enumerate(pages) if caption in text]
            if not candidates:
                problems.append(f"/{doc.path}: figure {figure['caption']!r} not printed")
                continue
            best = max(candidates, key=lambda i: sum(label in pages[i] for label in labels))
            missing = [label for label in labels if label not in pages[best]]
            if missing:
                problems.append(
                    f"/{doc.path}: figure {figure['caption']!r} is split across pages "
                    f"({missing[:3]} not on page {best + 1} with its caption)"
                )
    # The same figures laid out at the printed page's width, in print media.
    page = new_page(width=round(PRINTABLE_WIDTH_PX), height=900)
    page.emulate_media(media="print")
    for doc in printed:
        if not doc.figures:
            continue
        page.goto(base_url + doc.path, wait_until="load")
        for figure in page.evaluate(_FIGURE_SIZES):
            where = f"/{doc.path}: figure {figure['caption']!r}"
            if figure["height"] > PRINTABLE_HEIGHT_PX:
                problems.append(f"{where} is {figure['height']:.0f} px, taller than a page")
            largest = max(figure["titles"])
            if figure["heading"] is None or largest > figure["heading"] + 0.1:
                problems.append(
                    f"{where}: title {largest:.1f} px, section heading {figure['heading']} px"
                )
    assert figures >= 8, f"only {figures} figures printed"
    assert not problems, "\n".join(problems)
