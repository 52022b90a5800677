"""Screenshots for humans: each page, ko and en, light and dark, 360 and 1280 px wide.

A reviewer looks at the whole site without serving it: `make screenshots` (README,
"Screenshots"). Not part of `make test`, whose gates measure what these pictures show; the
folder is rebuilt on every run and is not committed (.gitignore). The whole-course print page
is left out: a reviewer reads it as a PDF (`make screenshots` prints it too).
"""

from __future__ import annotations

import shutil
import struct
from pathlib import Path
from typing import Any

import pytest

from tests.support import REPO, page_pairs

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO / "screenshots"
SCHEMES = {"light": "default", "dark": "slate"}
WIDTHS = (360, 1280)


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def shot_name(slug: str, locale: str, scheme: str, width: int) -> str:
    return f"{slug.strip('/') or 'index'}.{locale}.{scheme}.{width}.png"


def test_screenshots_of_every_page_both_languages_schemes_and_widths(
    site: Path, base_url: str, new_page: Any
) -> None:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir()
    problems: list[str] = []
    taken = 0
    for scheme in SCHEMES:
        for width in WIDTHS:
            page = new_page(width=width, height=800, color_scheme=scheme)
            for pair in page_pairs(site):
                if pair.slug == "print/":
                    continue
                for locale in ("ko", "en"):
                    url = base_url + pair.path(locale)
                    page.goto(url, wait_until="load")
                    drawn = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
                    if drawn != SCHEMES[scheme]:
                        problems.append(f"{url}: drawn in {drawn}, not {scheme}")
                    target = SCREENSHOTS / shot_name(pair.slug, locale, scheme, width)
                    page.screenshot(path=str(target), full_page=True, animations="disabled")
                    shot_width, shot_height = png_size(target)
                    if shot_width != width or shot_height < 400:
                        problems.append(f"{target.name}: {shot_width}x{shot_height}")
                    taken += 1
    assert taken >= 11 * 2 * len(SCHEMES) * len(WIDTHS), f"only {taken} screenshots"
    assert not problems, "\n".join(problems)


def test_the_whole_course_prints_to_pdf_in_both_languages(base_url: str, new_page: Any) -> None:
    page = new_page(width=1280, height=800)
    for locale, path in (("ko", "print/"), ("en", "en/print/")):
        page.goto(base_url + path, wait_until="load")
        target = SCREENSHOTS / f"print.{locale}.pdf"
        page.pdf(path=str(target), format="A4", print_background=True)
        assert target.read_bytes()[:5] == b"%PDF-", target
