"""The XMLHttpRequest guard in overrides/partials/language-switch.js, held against Material.

Material's setupAlternate (integrations/alternate, bundle.ts calls it on every page, with no
feature flag) requests ``sitemap.xml`` beside every ``<link rel="alternate">`` and then
rewrites clicks on links under that address from the sitemap, dropping the #section. The
hreflang links must stay (search engines), and nothing in Material's configuration turns
this off, so the guard answers those requests with an abort, after which Material leaves
the links alone. These tests serve a page with the guard cut out (a Playwright route) to see
whether Material still needs it, and the real page to see that the guard works.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from cloudnotes.content_security_policy import add_policy

pytestmark = pytest.mark.browser

PAGE = "hypervisors/"
SECTION = "#type-2"
GUARD = re.compile(
    r"\n\s*var open = XMLHttpRequest\.prototype\.open;.*?return send\.apply\(this, arguments\);"
    r"\n\s*\};\n",
    re.S,
)


def _without_guard(route: Any) -> None:
    response = route.fetch()
    text = response.text()
    cut, found = GUARD.subn("\n", text)
    assert found == 1, "the guard was not found in the page: update GUARD in this test"
    # The page's policy lists the hash of the original script: hash the cut one instead.
    route.fulfill(response=response, body=add_policy(cut))


def _alternates(page: Any) -> list[str]:
    return [
        str(h) for h in page.eval_on_selector_all("link[rel=alternate]", "l => l.map(e => e.href)")
    ]


def test_material_still_requests_a_sitemap_beside_every_alternate(
    base_url: str, new_page: Any
) -> None:
    page = new_page()
    page.route(base_url + PAGE, _without_guard)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base_url + PAGE + SECTION, wait_until="networkidle")
    assert "cnSkip" not in page.content()
    expected = {href + "sitemap.xml" for href in _alternates(page)}
    assert len(expected) >= 2
    fetched = expected & set(requested)
    assert fetched, (
        "Material no longer requests <alternate>/sitemap.xml (setupAlternate): the "
        "XMLHttpRequest guard in overrides/partials/language-switch.js is not needed any "
        "more. Drop it (keep the #section carry-over), then drop this test."
    )


def test_without_the_guard_material_drops_the_section_on_a_language_switch(
    base_url: str, new_page: Any
) -> None:
    page = new_page()
    page.route(base_url + PAGE, _without_guard)
    page.goto(base_url + PAGE + SECTION, wait_until="networkidle")
    page.hover(".md-header .md-select")
    page.click(".md-header .md-select a[hreflang='en']")
    page.wait_for_url(re.compile(r"/en/hypervisors/?"))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("location.hash") == "", (
        "Material no longer rewrites language links from the sitemap: if it also stopped "
        "requesting sitemaps, drop the guard in overrides/partials/language-switch.js"
    )


def test_with_the_guard_no_sitemap_is_requested_and_the_section_is_kept(
    base_url: str, new_page: Any
) -> None:
    page = new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base_url + PAGE + SECTION, wait_until="networkidle")
    assert "cnSkip" in page.content(), "the guard is missing from the page"
    sitemaps = [u for u in requested if u.endswith("/sitemap.xml")]
    assert not sitemaps, f"requested despite the guard: {sitemaps}"
    page.hover(".md-header .md-select")
    page.click(".md-header .md-select a[hreflang='en']")
    page.wait_for_url(base_url + "en/" + PAGE + SECTION)
    assert page.evaluate("location.hash") == SECTION
