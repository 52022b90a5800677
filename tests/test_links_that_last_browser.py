"""Links that last in headless Chromium: the language switch keeps page and
section, nothing fails during a switch, the 404 page speaks the path's language, and
search answers in the reader's language (tests/data/search_queries.yml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from tests.support import REPO, PageLog, wait_until, watch

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((REPO / "tests" / "data" / "search_queries.yml").read_text("utf-8"))
MENU_LINK = ".md-header .md-select a[hreflang='{lang}']"


def _problems(log: PageLog, *, allow: str | None = None) -> list[str]:
    """Failed requests, console errors and page errors (``allow``: the 404 document)."""
    failed = [f for f in log.failed if allow is None or not f.startswith(allow)]
    errors = [e for e in log.console_errors if allow is None or "404" not in e]
    return failed + errors + log.page_errors


@pytest.mark.parametrize(
    ("start", "lang", "expected"),
    [
        ("hypervisors/#type-2", "en", "en/hypervisors/#type-2"),
        ("en/hypervisors/#type-2", "ko", "hypervisors/#type-2"),
        ("virtualization/#thin-provisioning", "en", "en/virtualization/#thin-provisioning"),
        ("en/#what-this-covers", "ko", "#what-this-covers"),
    ],
)
def test_language_menu_keeps_page_and_section(
    base_url: str, new_page: Any, start: str, lang: str, expected: str
) -> None:
    page = new_page()
    log = watch(page)
    page.goto(base_url + start, wait_until="networkidle")
    page.hover(".md-header .md-select")
    page.click(MENU_LINK.format(lang=lang))
    page.wait_for_url(base_url + expected)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("location.hash") == "#" + expected.split("#")[1]
    assert not _problems(log), _problems(log)
    sitemaps = [u for u in log.requests if u.endswith("sitemap.xml")]
    assert not sitemaps, f"sitemap.xml requested beside a page: {sitemaps}"


def test_language_menu_works_from_the_keyboard_and_follows_scrolling(
    base_url: str, new_page: Any
) -> None:
    """Scroll to a section (navigation.tracking puts it in the URL), then Tab to the menu."""
    page = new_page()
    log = watch(page)
    page.goto(base_url + "en/hypervisors/", wait_until="networkidle")
    page.evaluate("document.getElementById('type-2').scrollIntoView()")
    wait_until(page, "location.hash === '#type-2'")
    page.focus(".md-header .md-select button")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('hreflang')")
    assert focused == "ko", f"Tab from the menu button focused {focused!r}, not the Korean link"
    assert page.locator(MENU_LINK.format(lang="ko")).is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(base_url + "hypervisors/#type-2")
    page.wait_for_load_state("networkidle")
    assert not _problems(log), _problems(log)


@pytest.mark.parametrize(
    ("missing", "lang", "title", "home"),
    [
        ("no-such-page/", "ko", "페이지를 찾을 수 없습니다", ""),
        ("en/no-such-page/", "en", "Page not found", "en/"),
    ],
)
def test_404_page_speaks_the_language_of_the_path(
    base_url: str, new_page: Any, missing: str, lang: str, title: str, home: str
) -> None:
    page = new_page(width=360, height=740)
    log = watch(page)
    response = page.goto(base_url + missing, wait_until="networkidle")
    assert response is not None and response.status == 404
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("article h1").inner_text().strip() == title
    home_url = urlsplit(base_url + home).path
    assert page.locator(f"article a[href='{home_url}']").count() == 1
    assert not _problems(log, allow=base_url + missing), _problems(log, allow=base_url + missing)
    page.locator(f"article a[href='{home_url}?q=']").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".md-search__input").evaluate("el => el === document.activeElement")
    index = [u for u in log.requests if u.endswith("search_index.json")]
    assert index and all(urlsplit(u).path == f"{home_url}search/search_index.json" for u in index)


def _top_results(page: Any, query: str) -> list[str]:
    box = page.locator(".md-search__input")
    box.fill("")
    wait_until(page, "!document.querySelector('.md-search-result__item')")
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=5000)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item",
        "items => items.slice(0, 3).map(item => item.querySelector('a').href)",
    )
    return [str(h) for h in hrefs]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_search_query_set_finds_the_right_page_in_the_readers_language(
    site: Path, base_url: str, new_page: Any, lang: str
) -> None:
    page = new_page()
    log = watch(page)
    page.goto(base_url + ("" if lang == "ko" else "en/"), wait_until="networkidle")
    page.locator(".md-search__input").click()
    misses: list[str] = []
    foreign: list[str] = []
    for case in QUERIES[lang]:
        try:
            top = _top_results(page, case["query"])
        except Exception:  # a timeout: no results at all
            misses.append(f"{case['query']!r}: no results (expected /{case['page']})")
            continue
        paths = [urlsplit(h).path.removeprefix(urlsplit(base_url).path) for h in top]
        if case["page"] not in paths:
            misses.append(f"{case['query']!r}: top 3 {paths}, expected /{case['page']}")
        foreign += [p for p in paths if (lang == "ko") == p.startswith("en/")]
    counts = {"ko": 20, "en": 10}
    assert len(QUERIES[lang]) >= counts[lang]
    assert not foreign, f"results in the other language: {foreign}"
    assert not misses, f"{len(misses)}/{len(QUERIES[lang])} queries failed:\n" + "\n".join(misses)
    assert not _problems(log), _problems(log)


def test_copy_link_button_copies_the_url(base_url: str, browser: Any) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(base_url + "en/linking/", wait_until="networkidle")
        button = page.locator("button.cn-copy-link[data-clipboard-text$='/hypervisors/#type-2']")
        expected = button.first.get_attribute("data-clipboard-text")
        button.first.click()
        page.wait_for_selector(".md-dialog--active")
        assert page.evaluate("navigator.clipboard.readText()") == expected
    finally:
        context.close()


def test_print_shows_content_only_with_link_targets(base_url: str, new_page: Any) -> None:
    page = new_page()
    page.goto(base_url + "errata/", wait_until="networkidle")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), f"{selector} prints"
    assert page.locator("article h1").is_visible()
    # A link whose text is not its address prints the address after it.
    external = page.locator("article td a[href^='http']:not(.cn-url)").first
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert external.get_attribute("href") in after
