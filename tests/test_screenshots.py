"""Screenshots for humans: each page, ko and en, light and dark, 360 and 1280 px wide.

A reviewer can look at the whole site without serving it (README, "Screenshots"). The
folder is rebuilt on every run and is not committed (.gitignore).
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
    assert taken >= 12 * len(SCHEMES) * len(WIDTHS), f"only {taken} screenshots"
    assert not problems, "\n".join(problems)
