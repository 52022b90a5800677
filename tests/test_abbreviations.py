"""Abbreviations explain themselves by tap and by keyboard, not only by mouse hover.

cloudnotes.abbreviations.focusable_first_abbreviations makes the first occurrence of each
abbreviation on a page a tab stop; overrides/partials/abbreviations.html shows an
abbreviation's meaning in one popover on tap, click or focus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from cloudnotes.abbreviations import focusable_first_abbreviations

from tests.support import page_pairs, read_html

CONTROLS = ["a", "button", "label", "summary"]
POPOVER = ".cn-abbr-tip"
# The popover's text and box, or null while none is shown.
_SHOWN = """() => {
  const tip = document.querySelector('.cn-abbr-tip');
  if (!tip || tip.hidden) return null;
  const box = tip.getBoundingClientRect();
  return {text: tip.textContent, left: box.left, right: box.right, top: box.top,
          bottom: box.bottom, width: box.width};
}"""


def test_first_occurrence_outside_controls_and_closed_details_becomes_a_tab_stop() -> None:
    html = (
        '<p><a href="x"><abbr title="virtual machine">VM</abbr></a></p>'
        '<details><summary><abbr title="operating system">OS</abbr></summary>'
        '<p><abbr title="operating system">OS</abbr></p></details>'
        '<p><abbr title="virtual machine">VM</abbr> <abbr title="virtual machine">VM</abbr>'
        ' <abbr title="central processing unit">CPU</abbr></p>'
    )
    out = focusable_first_abbreviations(html)
    soup = BeautifulSoup(out, "lxml")
    stops = [(a.get_text(), a.find_parent(CONTROLS) is None) for a in soup.select("abbr[tabindex]")]
    # VM: the one outside the link; OS: only inside <details>, so the one in its body.
    assert sorted(stops) == [("CPU", True), ("OS", True), ("VM", True)]
    vms = [a.has_attr("tabindex") for a in soup.select("abbr") if a.get_text() == "VM"]
    assert vms == [False, True, False]
    assert focusable_first_abbreviations(out) == out, "a second pass adds nothing"


def test_scripts_comments_and_quoted_brackets_do_not_mislead_the_scan() -> None:
    html = (
        "<script>const s = '<a href=x><abbr title=\"virtual machine\">VM</abbr>';</script>"
        '<img alt="<abbr title=\'virtual machine\'>VM</abbr>" src="x.png">'
        '<!-- <abbr title="virtual machine">VM</abbr> -->'
        '<p><span data-x="a > b"><abbr class=\'c>d\' title="virtual &amp; machine">V&#77;'
        "</abbr></span></p>"
    )
    out = focusable_first_abbreviations(html)
    assert out.count("tabindex") == 1
    assert '<abbr tabindex="0" class=\'c>d\' title="virtual &amp; machine">V&#77;' in out


def test_every_page_has_one_tab_stop_per_abbreviation_and_none_inside_a_control(
    site: Path,
) -> None:
    problems: list[str] = []
    for pair in page_pairs(site):
        for locale in ("ko", "en"):
            rel = pair.path(locale)
            article = read_html(site, rel).select_one("article")
            assert article is not None
            meanings = {
                (a.get_text(strip=True), str(a["title"]))
                for a in article.select("abbr[title]")
                if a.find_parent(CONTROLS) is None
            }
            stops = [
                (a.get_text(strip=True), str(a["title"])) for a in article.select("abbr[tabindex]")
            ]
            if sorted(stops) != sorted(meanings):
                problems.append(f"/{rel}: tab stops {sorted(set(stops) ^ meanings)[:5]} differ")
            nested = [
                a.get_text() for a in article.select("abbr[tabindex]") if a.find_parent(CONTROLS)
            ]
            problems += [f"/{rel}: a tab stop inside a control: {n}" for n in nested]
    hypervisors = read_html(site, "hypervisors/").select("article abbr[title]")
    assert len(hypervisors) > 100, "the hypervisors page should have its ~134 abbreviations"
    assert not problems, "\n".join(problems)


def _phone(browser: Any) -> Any:
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        has_touch=True,
        is_mobile=True,
        device_scale_factor=2,
        service_workers="block",
    )
    return context


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["ko", "en"])
def test_tapping_an_abbreviation_on_a_phone_shows_its_meaning(
    base_url: str, browser: Any, locale: str
) -> None:
    context = _phone(browser)
    try:
        page = context.new_page()
        url = base_url + ("hypervisors/" if locale == "ko" else "en/hypervisors/")
        page.goto(url, wait_until="load")
        assert page.evaluate(_SHOWN) is None
        # Not the first occurrence (the tab stop): any of them answers a tap.
        plain = page.locator("article p abbr[title]:not([tabindex])")
        assert plain.count() > 50
        for index in (10, plain.count() - 1):
            abbr = plain.nth(index)
            abbr.scroll_into_view_if_needed()
            abbr.tap()
            shown = page.evaluate(_SHOWN)
            title = abbr.get_attribute("title")
            assert shown is not None, f"{url}: tapping {abbr.inner_text()!r} showed nothing"
            assert title and title in shown["text"], (title, shown)
            assert shown["left"] >= 0 and shown["right"] <= 360, f"{url}: off screen {shown}"
            assert 0 <= shown["top"] < 740, shown
        page.locator("article h1").tap()
        assert page.evaluate(_SHOWN) is None, f"{url}: a tap elsewhere keeps the meaning shown"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["ko", "en"])
def test_the_abbreviation_nearest_the_right_edge_shows_its_meaning_on_screen(
    base_url: str, browser: Any, locale: str
) -> None:
    context = _phone(browser)
    try:
        page = context.new_page()
        page.goto(base_url + ("" if locale == "ko" else "en/") + "containers/", wait_until="load")
        index = page.evaluate(
            """() => {
              const all = [...document.querySelectorAll('article p abbr[title]')];
              const right = all.map((a) => a.closest('details') || !a.checkVisibility()
                ? 0 : a.getBoundingClientRect().right);
              return right.indexOf(Math.max(...right));
            }"""
        )
        abbr = page.locator("article p abbr[title]").nth(index)
        abbr.scroll_into_view_if_needed()
        abbr.tap()
        shown = page.evaluate(_SHOWN)
        assert shown is not None and shown["right"] <= 360 and shown["left"] >= 0, shown
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["ko", "en"])
def test_a_keyboard_user_reaches_an_abbreviation_and_reads_its_meaning(
    base_url: str, new_page: Any, locale: str
) -> None:
    page = new_page(width=1280, height=800)
    url = base_url + ("hypervisors/" if locale == "ko" else "en/hypervisors/")
    page.goto(url, wait_until="load")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('abbr[title]')"):
            break
    else:
        pytest.fail(f"{url}: 80 Tab presses reach no abbreviation")
    title = page.evaluate("document.activeElement.title")
    shown = page.evaluate(_SHOWN)
    assert shown is not None and title in shown["text"], f"{url}: focus shows {shown}"
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert ring != "none", f"{url}: the focused abbreviation has no focus ring"
    page.keyboard.press("Escape")
    assert page.evaluate(_SHOWN) is None, f"{url}: Escape does not dismiss the meaning"
    assert page.evaluate("document.activeElement.matches('abbr[title]')"), "Escape moved focus"
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(_SHOWN) is not None, f"{url}: focus again shows nothing"
    page.keyboard.press("Tab")
    if not page.evaluate("document.activeElement.matches('abbr[title]')"):
        assert page.evaluate(_SHOWN) is None, f"{url}: the meaning stays after focus leaves"
