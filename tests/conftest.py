"""Session fixtures: one strict build of the real site, one local server, one Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cloudnotes.build_command import QUIET_ENV

from tests.support import CHROMIUM, CHROMIUM_ARGS, PREFIX, build_site, free_port, serve


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """The real site, built strictly once per test session with site_url = the test server."""
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest, site_url=f"http://127.0.0.1:{site_port}{PREFIX}")
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return dest


@pytest.fixture(scope="session")
def base_url(site: Path, site_port: int) -> Iterator[str]:
    """http://127.0.0.1:PORT/cloudnotes/ serving the built site, GitHub Pages style."""
    with serve(site, site_port) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright. Missing Chromium is an error, never a skip."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: browser tests need Debian's chromium and fonts-nanum "
            "(apt-get install chromium fonts-nanum; .ci/run does this)",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Any]:
    """Factory: new_page(width=1280, height=900, color_scheme="light") -> a fresh page."""
    contexts: list[Any] = []

    def make(*, width: int = 1280, height: int = 900, color_scheme: str = "light") -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            service_workers="block",
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def pytest_configure(config: pytest.Config) -> None:
    for name, value in QUIET_ENV.items():
        os.environ.setdefault(name, value)
