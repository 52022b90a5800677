"""Accessibility in a real browser: axe-core (every rule it enables by default: WCAG 2.x A
and AA, and best practices) and the keyboard.

Every page of both languages is checked in Material's light ("default") and dark ("slate")
scheme, at phone and desktop width, and once more with the search dialog open and showing
results. The theme's own violations are fixed in overrides/ and
docs/assets/stylesheets/a11y.css, never by switching rules off.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support import REPO, one_language_each, page_pairs, wait_until

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# Material's palette: the scheme name it sets on <body> for each emulated preference.
SCHEMES = {"light": "default", "dark": "slate"}
# The whole-course page repeats the topic pages (checked in every scheme and width) and takes
# as long as all of them: its own parts are checked once per scheme, at each width once.
PRINT_PAGE_CHECKED_IN = {("light", 360), ("dark", 1280)}
SEARCH_QUERY = {"ko": "가상화", "en": "virtualization"}

_RUN_AXE = """async () => {
  const result = await axe.run(document);
  return result.violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ") + ": " + n.failureSummary.split("\\n")[1]),
  }));
}"""


def axe_violations(page: Any) -> list[str]:
    """Run axe-core on the loaded page; one readable line per violating node."""
    # Colours mid-transition (the search overlay fades in) are not what a reader sees.
    # A transition that is replaced by another rejects its promise; only the end matters.
    page.evaluate("Promise.allSettled(document.getAnimations().map((a) => a.finished))")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated, not added as a <script>: the page's Content-Security-Policy blocks that.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = page.evaluate(_RUN_AXE)
    return [f"{v['id']} ({v['help']}): {node.strip()}" for v in found for node in v["nodes"]]


def open_page(page: Any, url: str, scheme: str) -> None:
    page.goto(url, wait_until="load")
    actual = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert actual == SCHEMES[scheme], f"{url}: Material did not switch to {scheme} ({actual})"


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page(
    site: Path, base_url: str, new_page: Any, scheme: str, width: int
) -> None:
    assert AXE.is_file(), f"{AXE} missing: run `npm ci` (make test does)"
    page = new_page(width=width, height=800, color_scheme=scheme)
    problems: list[str] = []
    checked = 0
    for pair in page_pairs(site):
        if pair.slug == "print/" and (scheme, width) not in PRINT_PAGE_CHECKED_IN:
            continue
        for locale in ("ko", "en"):
            url = base_url + pair.path(locale)
            open_page(page, url, scheme)
            problems += [f"{url} [{scheme}, {width}px] {v}" for v in axe_violations(page)]
            checked += 1
    assert checked >= 12, f"only {checked} pages checked"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_search_open(
    base_url: str, new_page: Any, scheme: str, width: int
) -> None:
    page = new_page(width=width, height=800, color_scheme=scheme)
    problems: list[str] = []
    for locale, path in (("ko", ""), ("en", "en/")):
        url = base_url + path
        open_page(page, url, scheme)
        page.keyboard.press("/")  # Material's shortcut; the header button is tested below
        wait_until(
            page,
            "document.getElementById('__search').checked"
            " && document.activeElement.matches('.md-search__input')",
        )
        page.keyboard.type(SEARCH_QUERY[locale])
        # Playwright types Hangul as composed text without key events; Material reads the
        # query on keyup (as a Korean IME sends), so end with a key press of our own.
        page.keyboard.press("End")
        try:
            page.wait_for_selector(".md-search-result__item", state="visible", timeout=10_000)
        except Exception as error:
            meta = page.text_content(".md-search-result__meta")
            raise AssertionError(
                f"{url}: no search results; the result line says {meta!r}"
            ) from error
        assert page.get_attribute(".md-search", "aria-label"), f"{url}: search dialog has no name"
        problems += [f"{url} [{scheme}, {width}px, search] {v}" for v in axe_violations(page)]
    assert not problems, "\n".join(problems)


# Everything a keyboard user must be able to reach, and what draws its focus ring.
_MARK_CONTROLS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary,'
    + ' [tabindex]:not([tabindex="-1"]), label[for]';
  const shown = (el) => el.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && el.getClientRects().length > 0 && !el.closest('[hidden], [inert]');
  const controls = [];
  document.querySelectorAll(selector).forEach((el, i) => {
    el.dataset.kb = String(i);
    if (el.matches('.md-skip')) return;  // shown on focus only; checked on its own
    if (el.matches('input') && el.style.display === 'none') return;
    const label = el.matches('label[for]');
    // A <label for> over a visually hidden input (Material's toggles) is a control
    // only where it is drawn; reaching either the label or its input reaches it.
    if (label && !el.matches('.md-header__button, .tabbed-labels > label')) return;
    // The menu and search labels hold a <button> (keyboard.html): that is the control.
    if (label && el.querySelector(':scope > button')) return;
    const drawn = label || !el.matches('input.md-option, input.md-toggle');
    if (drawn && shown(el)) controls.push(String(i));
  });
  const pairs = {};
  document.querySelectorAll('label[for]').forEach((label) => {
    // Material's palette toggle: the drawn label follows the radio that is checked now.
    const before = label.previousElementSibling;
    const input = before && before.matches('input.md-option')
      ? before : document.getElementById(label.htmlFor);
    if (input && input.dataset.kb) pairs[label.dataset.kb] = input.dataset.kb;
  });
  return {controls, pairs};
}"""

_FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // A visually hidden radio or checkbox draws its ring on the label next to it.
  const ring = el.matches('input.md-option') ? el.nextElementSibling : el;
  const style = getComputedStyle(ring);
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
  const shadowed = style.boxShadow !== 'none';
  return {
    kb: el.dataset.kb || '',
    what: el.outerHTML.slice(0, 120),
    ring: outlined || shadowed,
  };
}"""


def tab_through(page: Any, limit: int = 600) -> list[dict[str, Any]]:
    """Press Tab until focus wraps around; return the focus state after each press."""
    stops: list[dict[str, Any]] = []
    seen: set[str] = set()
    unfocused = 0
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STATE)
        if state is None:
            # Focus can drop to <body> for one press when the focused control hides itself
            # (Material's back-to-top button as the page scrolls); the next Tab goes on from
            # there. Only several presses in a row without focus mean the end of the page.
            unfocused += 1
            if unfocused >= 3:
                break
            continue
        unfocused = 0
        if state["kb"] in seen:
            break
        seen.add(state["kb"])
        stops.append(state)
    return stops


def test_every_control_is_reachable_by_tab_with_a_visible_focus_ring(
    site: Path, base_url: str, new_page: Any
) -> None:
    page = new_page(width=1280, height=800)
    problems: list[str] = []
    # Every page, the languages taking turns: both languages share the templates, and the
    # axe runs above check every page of both. The whole-course page too: it runs without
    # Material's script, which elsewhere marks the focused control for its ring.
    for path in one_language_each(page_pairs(site)):
        url = base_url + path
        page.goto(url, wait_until="load")
        marked = page.evaluate(_MARK_CONTROLS)
        stops = tab_through(page, limit=max(600, 2 * len(marked["controls"]) + 100))
        reached = {stop["kb"] for stop in stops}
        for control in marked["controls"]:
            partner = marked["pairs"].get(control)
            if control not in reached and partner not in reached:
                html = page.locator(f"[data-kb='{control}']").evaluate(
                    "(el) => el.outerHTML.slice(0, 120)"
                )
                problems.append(f"{url}: not reachable with Tab: {html}")
        problems += [f"{url}: no visible focus ring: {s['what']}" for s in stops if not s["ring"]]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_skip_link_is_the_first_tab_stop_and_jumps_to_the_content(
    base_url: str, new_page: Any, locale: str
) -> None:
    page = new_page(width=1280, height=800)
    url = base_url + ("en/hypervisors/" if locale == "en" else "hypervisors/")
    page.goto(url, wait_until="load")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')"), (
        f"{url}: first Tab stop is {focused!r}, not the skip link"
    )
    box = page.locator(".md-skip").bounding_box()
    assert box is not None and box["width"] > 0 and box["y"] >= 0, f"{url}: skip link not shown"
    target = page.get_attribute(".md-skip", "href")
    assert target and target.startswith("#"), target
    page.keyboard.press("Enter")
    wait_until(page, f"location.hash === {target!r}", timeout=5)
    heading_top = page.locator(target).bounding_box()
    assert heading_top is not None and heading_top["y"] < 800, f"{url}: did not jump to {target}"


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_phone_header_buttons_work_from_the_keyboard(
    base_url: str, new_page: Any, locale: str
) -> None:
    """At 360 px the navigation and the search sit behind header buttons: Tab + Enter opens them."""
    page = new_page(width=360, height=740)
    url = base_url + ("en/" if locale == "en" else "")
    page.goto(url, wait_until="load")
    focused_toggle = "(t) => document.activeElement.closest('label')?.htmlFor === t"
    for toggle in ("__drawer", "__search"):
        button = page.locator(f"label.md-header__button[for='{toggle}'] > button")
        assert button.count() == 1, f"{url}: {toggle} has no <button>"
        assert button.get_attribute("aria-label"), f"{url}: {toggle} button has no name"
        page.keyboard.press("Tab")  # focus enters the page; then walk to the button
        for _ in range(40):
            if page.evaluate(focused_toggle, toggle):
                break
            page.keyboard.press("Tab")
        else:
            pytest.fail(f"{url}: Tab never reaches the {toggle} header button")
        for key in ("Enter", " "):
            page.keyboard.press(key)
            assert page.evaluate(f"document.getElementById('{toggle}').checked"), (
                f"{url}: {key!r} on the {toggle} button did not open it"
            )
            page.goto(url, wait_until="load")
            page.locator(f"label.md-header__button[for='{toggle}'] > button").focus()
    page.locator("label.md-header__button[for='__search'] > button").focus()
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement.matches('.md-search__input')")
