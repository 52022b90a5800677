"""The figures as a reader sees them in Chromium: text inside boxes, contrast, phone size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cloudnotes.locales import LOCALES

from tests.support import COLOUR_JS, REPO, page_pairs, read_html

MIN_CONTRAST = 4.5
MIN_FONT_PX = 12.0  # rendered label size on a 360 px phone

# For every label: its text box vs its rect (user units and screen pixels), and the
# contrast of its computed fill over the rect's computed fill over the page background.
# Colours are normalised by painting them on a canvas, so any CSS colour syntax works.
MEASURE = (
    "(figure) => {"
    + COLOUR_JS
    + """
  let page = [255, 255, 255, 1];
  for (let el = figure; el; el = el.parentElement) {
    const c = rgba(getComputedStyle(el).backgroundColor);
    if (c[3] > 0) { page = over(c, [255, 255, 255, 1]); break; }
  }
  const out = [];
  for (const svg of figure.querySelectorAll('svg')) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('text')) {
      const g = text.closest('g.dg-box');
      const rect = g ? g.querySelector('rect') : null;
      const ground = rect ? over(rgba(getComputedStyle(rect).fill), page) : page;
      const ink = over(rgba(getComputedStyle(text).fill), ground);
      const t = text.getBBox(), tr = text.getBoundingClientRect();
      const item = {
        label: text.textContent,
        contrast: contrast(ink, ground),
        fontPx: parseFloat(text.getAttribute('font-size')) * scale,
        svgRight: svg.getBoundingClientRect().right,
      };
      if (rect) {
        const r = rect.getBBox(), rr = rect.getBoundingClientRect();
        item.inside = t.x >= r.x && t.y >= r.y && t.x + t.width <= r.x + r.width
          && t.y + t.height <= r.y + r.height;
        item.insideScreen = tr.left >= rr.left - 0.5 && tr.top >= rr.top - 0.5
          && tr.right <= rr.right + 0.5 && tr.bottom <= rr.bottom + 0.5;
      } else {
        const v = svg.viewBox.baseVal;
        item.inside = t.x >= 0 && t.y >= 0 && t.x + t.width <= v.width
          && t.y + t.height <= v.height;
        item.insideScreen = item.inside;
      }
      out.push(item);
    }
  }
  return out;
}
"""
)


# Every two boxes of different kinds where one sits on the other: the contrast of their
# fills, and whether their outlines differ (stroke colour, width or dashes).
NEIGHBOURS = (
    "(figure) => {"
    + COLOUR_JS
    + """
  const out = [];
  for (const svg of figure.querySelectorAll('svg')) {
    const boxes = [...svg.querySelectorAll('g.dg-box')].map((g) => {
      const rect = g.querySelector('rect'), s = getComputedStyle(rect), b = rect.getBBox();
      const kind = [...g.classList].find((c) => /^dg-box--/.test(c) && c !== 'dg-box--emphasis');
      return {kind,
              label: g.textContent.trim(), fill: rgba(s.fill),
              outline: [s.stroke, s.strokeWidth, s.strokeDasharray].join(' '),
              left: b.x, right: b.x + b.width, top: b.y, bottom: b.y + b.height};
    });
    for (const upper of boxes) for (const lower of boxes) {
      const touching = lower.top - upper.bottom > 0 && lower.top - upper.bottom < 12;
      const overlapping = upper.left < lower.right && lower.left < upper.right;
      if (!touching || !overlapping || upper.kind === lower.kind) continue;
      out.push({upper: upper.label, lower: lower.label, contrast: contrast(upper.fill, lower.fill),
                sameOutline: upper.outline === lower.outline});
    }
  }
  return out;
}
"""
)
MIN_LAYER_CONTRAST = 1.1  # fills this far apart read as two layers; less needs another outline


@pytest.fixture(scope="module")
def figure_pages(site: Path) -> list[tuple[str, str]]:
    """(Korean path, English path) of every page that shows at least one figure."""
    pages = []
    for pair in page_pairs(site):
        if read_html(site, pair.ko).select("figure.dg"):
            pages.append((pair.ko, pair.en))
    return pages


def test_every_figure_is_placed_in_both_languages(
    site: Path, figure_pages: list[tuple[str, str]]
) -> None:
    placed: dict[str, set[str]] = {locale: set() for locale in LOCALES}
    for ko, en in figure_pages:
        for locale, path in (("ko", ko), ("en", en)):
            soup = read_html(site, path)
            placed[locale] |= {str(f["data-diagram"]) for f in soup.select("figure.dg")}
            assert soup.html is not None and soup.html.get("lang") == locale
    names = {source.stem for source in (REPO / "diagrams").glob("*.yml")}
    assert len(names) >= 8
    assert placed["ko"] == placed["en"] == names


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("locale", LOCALES)
def test_labels_fit_layers_stand_apart_and_text_stays_legible_on_a_phone(
    base_url: str,
    new_page: Any,
    figure_pages: list[tuple[str, str]],
    locale: str,
    scheme: str,
) -> None:
    assert figure_pages, "no page shows a figure"
    page = new_page(width=360, height=800, color_scheme=scheme)
    problems: list[str] = []
    seen = pairs = 0
    for ko, en in figure_pages:
        path = ko if locale == "ko" else en
        page.goto(base_url + path)
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        for figure in page.locator("figure.dg").all():
            name = figure.get_attribute("data-diagram")
            for item in figure.evaluate(MEASURE):
                seen += 1
                where = f"{path} {name} {item['label']!r}"
                if not (item["inside"] and item["insideScreen"]):
                    problems.append(f"{where}: text overflows its box")
                if item["contrast"] < MIN_CONTRAST:
                    problems.append(f"{where}: contrast {item['contrast']:.2f} < {MIN_CONTRAST}")
                if item["fontPx"] < MIN_FONT_PX:
                    problems.append(f"{where}: {item['fontPx']:.1f} px text < {MIN_FONT_PX} px")
                if item["svgRight"] > 360:
                    problems.append(f"{where}: figure wider than the 360 px screen")
            for pair in figure.evaluate(NEIGHBOURS):
                pairs += 1
                if pair["contrast"] < MIN_LAYER_CONTRAST and pair["sameOutline"]:
                    problems.append(
                        f"{path} {name}: {pair['upper']!r} on {pair['lower']!r} look alike "
                        f"(fill contrast {pair['contrast']:.2f}, same outline)"
                    )
    assert seen > 50 and pairs > 20
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_side_by_side_on_a_laptop_with_layers_aligned(
    base_url: str, new_page: Any, figure_pages: list[tuple[str, str]]
) -> None:
    page = new_page(width=1280, height=900)
    path = next(ko for ko, _ in figure_pages if "containers" in ko)
    page.goto(base_url + path)
    svgs = page.locator('figure[data-diagram="vms-vs-containers"] svg').all()
    assert len(svgs) == 2
    left, right = (svg.bounding_box() for svg in svgs)
    assert left and right and left["x"] + left["width"] <= right["x"]
    assert abs(left["y"] - right["y"]) < 1 and abs(left["height"] - right["height"]) < 1
    bottoms = [
        svg.evaluate(
            "s => [...s.querySelectorAll('rect')].map(r => r.getBoundingClientRect().bottom)"
        )
        for svg in svgs
    ]
    assert max(bottoms[0]) == pytest.approx(max(bottoms[1]), abs=1)  # hardware rows align


@pytest.mark.browser
def test_prints_black_on_white(
    base_url: str, new_page: Any, figure_pages: list[tuple[str, str]]
) -> None:
    page = new_page(width=1280, height=900, color_scheme="dark")
    page.goto(base_url + figure_pages[0][0])
    page.emulate_media(media="print")
    colours = page.locator("figure.dg").first.evaluate(
        """f => ({
          fills: [...f.querySelectorAll('rect')].map(r => getComputedStyle(r).fill),
          text: [...f.querySelectorAll('text')].map(t => getComputedStyle(t).fill),
        })"""
    )
    assert set(colours["fills"]) == {"rgb(255, 255, 255)"}
    assert set(colours["text"]) == {"rgb(0, 0, 0)"}
