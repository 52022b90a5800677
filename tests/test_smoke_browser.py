"""Every page of both languages loads in headless Chromium from 127.0.0.1 only, cleanly."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.support import page_pairs, watch

pytestmark = pytest.mark.browser


def test_every_page_loads_without_errors_or_foreign_requests(
    site: Path, base_url: str, new_page: Any
) -> None:
    problems: list[str] = []
    visited = 0
    for pair in page_pairs(site):
        for locale in ("ko", "en"):
            page = new_page(width=360, height=740)
            log = watch(page)
            url = base_url + pair.path(locale)
            response = page.goto(url, wait_until="networkidle")
            visited += 1
            if response is None or response.status != 200:
                problems.append(f"{url}: HTTP {response.status if response else 'none'}")
            foreign = sorted(
                {
                    u
                    for u in log.requests
                    if not u.startswith(("data:", "blob:")) and urlparse(u).hostname != "127.0.0.1"
                }
            )
            problems += [f"{url}: request to another host {u}" for u in foreign]
            problems += [f"{url}: failed {f}" for f in log.failed]
            problems += [f"{url}: console error {e}" for e in log.console_errors + log.page_errors]
            page.close()
    assert visited >= 12, f"only {visited} pages visited"
    assert not problems, "\n".join(problems)
